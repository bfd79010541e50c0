"""The casualties stage, step by step: candidate counts (:mod:`.candidates`), then per count its group
(:mod:`.groups`), breakdown link (:mod:`.breakdown`) and outcome (:mod:`.outcome`), then the perpetrator
of each chain (:mod:`.attribution`) and the cause (:mod:`.cause`); table cells apart (:mod:`.tables`)."""
from __future__ import annotations

from typing import Sequence

import regex

from pipeline.core.mentions import ActorMention, DateMention, NumberMention
from pipeline.core.normalize import NormText
from pipeline.core.settings import CAS_COORDINATED_GAP, CAS_SHARE_ACROSS_SEMICOLON
from pipeline.core.text import rx
from pipeline.stages.casualties.agents import actor_trigger, anaphoric_actors
from pipeline.stages.casualties.attribution import attribute
from pipeline.stages.casualties.breakdown import (colon_list_total, link_part, link_named_total, marker_opens_line,
                                                  share_opening_sentence)
from pipeline.stages.casualties.candidates import candidate_items
from pipeline.stages.casualties.cause import inherited_causes, torture_causes
from pipeline.stages.casualties.common import (ADJ_LIST_GAP, COORD_TAIL, LIST_GAP, SENT_BREAK, age_list_gap,
                                               mark_in)
from pipeline.stages.casualties.groups import elliptic_group, second_verb_group
from pipeline.stages.casualties.model import Casualty, Item
from pipeline.stages.casualties.outcome import cue_trigger, decide_outcomes
from pipeline.stages.casualties.scan import Scan, scan_text


def find_casualties(nt: NormText, numbers: Sequence[NumberMention], actors: Sequence[ActorMention],
                    dates: Sequence[DateMention] = ()) -> list[Casualty]:
    """Every stated count of people harmed, in text order."""
    sc = scan_text(nt)
    acts = sorted(list(actors) + anaphoric_actors(actors, sc.lex, sc.toks), key=lambda a: a.ns)
    items, table_items = candidate_items(sc, numbers, acts, dates)
    items = _link(sc, items)
    ag = attribute(sc, items, acts, sorted(d.ns for d in dates))
    torture_causes(ag)
    inherited_causes(items)
    # totals by identity: the index links of the kept items do not survive the merge with table cells
    links = {id(it): (items[it.part_of] if it.part_of is not None else None,
                      items[it.share_of] if it.share_of is not None else None) for it in items}
    if table_items:
        items = sorted(items + table_items, key=lambda it: it.ns)
    return _render(sc, items, links, acts)


def _link(sc: Scan, items: list[Item]) -> list[Item]:
    """The counts that stay casualties, sentence by sentence: each given its group (an elliptic one), its
    total (a part or a share) and its outcome(s); a count with no outcome is dropped."""
    kept: list[Item] = []
    for it in items:
        prev = kept[-1] if kept and kept[-1].sent == it.sent else None
        cont = False
        if prev is None and it.split and kept and it.ns - kept[-1].ne < CAS_SHARE_ACROSS_SEMICOLON and \
                rx(r"[^.\n]*;[^.\n]*").fullmatch(sc.norm[kept[-1].ne:it.ns]):
            # "وفاة 102 من المعتقلين …؛ 97 منهم في …": a share continues the total across a semicolon
            prev, cont = kept[-1], True
        if prev is None and kept and it.sent == kept[-1].sent + 1 and \
                marker_opens_line(kept[-1].ne, it.ns, sc.lex, sc.toks, sc.norm):
            prev = kept[-1]  # a headline's total, its breakdown on the next line (… / بينهم 28 طفلاً)
        # list-only singular nouns must follow a casualty in a list (مقتل 3 أطفال وامرأة)
        if it.list_only and (prev is None or not _continues_list(sc, prev, it)):
            continue
        opening = None
        if (it.after_marker or it.needs_prev) and prev is None:
            opening = share_opening_sentence(sc, it, kept) if it.after_marker else None
            if opening is None:
                continue  # "تضررت (23) منشأة، من بينها (7) مستشفيات": a part with no count of people before it
        if it.heading_tally:  # "توزع الضحايا على المحافظات: / حلب: 86": the report's victims
            head = next((k for k in kept if k.part_of is None), None)
            it.group, it.gender = (head.group, head.gender) if head is not None else ("persons", None)
        elif it.kind in ("others", "bare") and not elliptic_group(sc, it, prev, kept):
            continue
        elif it.vague_alone and prev is not None:
            elliptic_group(sc, it, prev, kept)  # "قضى 6 مدنيين وأصيب العشرات": the group of the count before
        if it.list_only and prev is not None and _after_uncounted_part(sc, prev, it):
            it.part_of = len(kept) - 1 if prev.part_of is None else prev.part_of  # "11 شخصاً، منهم نساء وطفل"
        if opening is not None:  # "قضى منهم 90 برصاص …": a share of the sentence before's total
            it.group, it.gender, it.split, it.share_of = kept[opening].group, kept[opening].gender, True, opening
        second_verb_group(sc, it, prev, kept)
        if prev is not None and it.kind != "others":
            link_part(sc, it, prev, kept)
        link_named_total(sc, it, kept)
        if it.part_of is not None and it.outcomes and not set(it.outcomes) & set(kept[it.part_of].outcomes):
            it.part_of = None  # "71 قتيلاً، ...، إضافة إلى 40 جريحاً": its own outcome noun, another count
        decide_outcomes(sc, it, prev, cont, kept)
        if not it.outcomes:
            continue
        if it.why_out == "outcome_of_context" and it.part_of is None:
            it.part_of = colon_list_total(sc, it, kept)
        if it.case and not set(it.outcomes) <= {"detained", "disappeared"}:
            continue
        kept.append(it)
    return kept


def _continues_list(sc: Scan, prev: Item, it: Item) -> bool:
    """A bare singular noun joined to the casualty before it (مقتل 3 أطفال وامرأة), also across one adjective of
    a singular person noun (منهم صبي صغير ووالدته، مسن كردي وزوجته) or after a comma and و that go on a
    per-place list (4 شبان من قرية س، وشاباً من بلدة ص), with no outcome cue or full stop between
    (the casualty before it is the last one kept)."""
    if LIST_GAP.fullmatch(sc.norm, prev.ne, it.ns) is not None or \
            age_list_gap(sc.lex, sc.toks, sc.norm, prev.ne, it.ns):
        return True
    if mark_in(sc.cue_starts, prev.ne, it.ns) or SENT_BREAK.search(sc.norm, prev.ne, it.ns):
        return False
    if prev.kind == "single" and ADJ_LIST_GAP.fullmatch(sc.norm, prev.ne, it.ns) is not None:
        return True
    if _after_uncounted_part(sc, prev, it):
        return True
    # "احتجزت الدورية 4 شبان من قرية س، وشاباً من بلدة ص": a per-place list goes on after a comma and و
    return it.ns - prev.ne <= CAS_COORDINATED_GAP and COORD_TAIL.search(sc.norm, prev.ne, it.ns) is not None


def _after_uncounted_part(sc: Scan, prev: Item, it: Item) -> bool:
    """``وفاة 11 شخصاً، منهم نساء وطفل``: after a breakdown marker and a plural group noun with no number,
    the singular noun joined by و is a part of the count before the marker."""
    toks, norm = sc.toks, sc.norm
    i0 = toks.first_at_or_after(prev.ne)
    if i0 >= len(toks) or not rx(r"[\s,]*").fullmatch(norm[prev.ne:toks.s[i0]]):
        return False
    m = sc.lex.breakdown.match(toks, i0)
    g = sc.lex.groups.match(toks, m[0]) if m is not None and m[0] < len(toks) else None
    return g is not None and g[1].number == "plural" and g[0] < len(toks) and \
        LIST_GAP.fullmatch(norm, toks.e[g[0] - 1], it.ns) is not None


def _render(sc: Scan, items: list[Item], links: dict, acts: list[ActorMention]) -> list[Casualty]:
    """One :class:`Casualty` per count and outcome, with the rules and words behind its perpetrator and
    outcome (``why``)."""
    out: list[Casualty] = []
    acts_by_id: dict[str, list[ActorMention]] = {}  # each actor's mentions, in text order
    longest: dict[str, int] = {}  # each actor's longest mention, found when first needed
    for a in acts:
        acts_by_id.setdefault(a.id, []).append(a)
    rendered: dict[int, dict[str, Casualty]] = {}  # each item's casualties by outcome
    for it in items:
        total, share = links.get(id(it), (None, None))
        # a restated count (المدنيين الـ85) is the same people as its total, not a part of it: same_as
        restates = total if it.why_part == "restated_count_of_total" else None
        if restates is not None:
            total = None
        age, gender = sc.lex.age_gender.get(it.group or "", (None, None))
        gender = it.gender or gender
        sent = sc.sents[sc.sent_of(it.ns)] if sc.sents else None
        why_perp = (it.why_perp, actor_trigger(it, it.perpetrator, acts_by_id, sent, longest))
        for outcome in it.outcomes:
            cause = it.cause if outcome == "killed" else None
            why = {"perpetrator": why_perp,
                   "outcome": (it.why_out, cue_trigger(it, outcome, sc.cues, sc.cue_starts, sent))}
            if it.why_part is not None and total is not None:
                why["part_of"] = (it.why_part, (total.ns, total.ne))
            cas = Casualty(it.ns, it.ne, outcome=outcome, group=it.group or "persons", age=age,
                           gender=gender, count=it.value, min=it.min, max=it.max,
                           qualifier=it.qualifier or "exact", perpetrator=it.perpetrator, cause=cause,
                           part_of=(total.ns, total.ne) if total is not None else None,
                           share_of=(share.ns, share.ne) if share is not None else None,
                           label=sc.nt.quote(it.ns, it.ne), why=why)
            if restates is not None:
                cas.same_as = rendered.get(id(restates), {}).get(outcome)
                if cas.same_as is not None:
                    why["same_as"] = (it.why_part, (restates.ns, restates.ne))
            rendered.setdefault(id(it), {})[outcome] = cas
            out.append(cas)
    return out
