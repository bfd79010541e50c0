"""The casualties stage: candidate counts, then groups, breakdowns and outcomes, then perpetrators."""
from __future__ import annotations

from typing import Sequence
import bisect

import regex

from pipeline.core.mentions import ActorMention, DateMention, NumberMention
from pipeline.core.normalize import NormText
from pipeline.core.phrases import text_words
from pipeline.core.text import body_start, has_char_between, sentences
from pipeline.stages.casualties.common import (
    MAX_BACKWARD, MAX_FORWARD, MAX_LIST_CONTEXT, MAX_TORTURE_AFTER, _CLAUSE_CHARS, _COMMA_WAW, _COORD_TAIL,
    _Intervals, _LIST_GAP, _NOUN_GAP, _SENT_BREAK, _TOTAL_GROUPS, _cue_in, _cut, _has_phrase, _mark_in, _overlaps,
    _scan, _starts_between,
)
from pipeline.stages.casualties.lexicon import _lex
from pipeline.stages.casualties.model import Casualty, _Item
from pipeline.stages.casualties.items import (
    _bare_nouns, _cue_end_before, _group_at, _item_from_number, _non_casualty_before, _not_harmed, _preps_before,
)
from pipeline.stages.casualties.breakdown import (
    _fits_in_total, _is_breakdown_gap, _joiner_before, _joins_part_list, _part_of_not_total,
)
from pipeline.stages.casualties.outcome import (
    _context_outcomes, _cue_before, _cue_trigger, _custody_place, _fate_unknown, _outcomes_for,
)
from pipeline.stages.casualties.attribution import (
    _actor_trigger, _anaphoric_actors, _backward_actor, _context_perpetrators, _forward_actor, _label_actors,
    _member_of, _responsible,
)
from pipeline.stages.casualties.tables import _tables


def find_casualties(nt: NormText, numbers: Sequence[NumberMention], actors: Sequence[ActorMention],
                    dates: Sequence[DateMention] = ()) -> list[Casualty]:
    """Every stated count of people harmed, in text order."""
    norm = nt.norm
    lex = _lex()
    toks = text_words(norm)
    sents = sentences(norm)
    sent_starts = [s.ns for s in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, pos) - 1)

    cues = [c for c in _scan(lex.cues, toks) if not _custody_place(c, lex, toks)]
    after_marks = [m[1] for m in _scan(lex.outcome_after, toks)]
    markers = _scan(lex.breakdown, toks)
    tortures = _scan(lex.torture, toks)
    cue_ends = {c[1] for c in cues}
    marker_ends = {m[1] for m in markers}
    cue_starts = [c[0] for c in cues]
    torture_starts = [t[0] for t in tortures]

    # 1. Candidate counts from the numbers module; table cells apart.
    acts = sorted(list(actors) + _anaphoric_actors(actors, lex, toks), key=lambda a: a.ns)
    act_starts = [a.ns for a in acts]
    date_iv = _Intervals((d.ns, d.ne) for d in dates)
    nums = sorted((n for n in numbers if not date_iv.hits(n.ns, n.ne)), key=lambda n: n.ns)
    table_items, table_rows = _tables(nt, nums, lex, toks, acts, cues, cue_starts, tortures)
    if table_rows:
        rows_iv = _Intervals(table_rows)
        nums = [n for n in nums if not rows_iv.hits(n.ns, n.ne)]
    defs = _scan(lex.definitions, toks)
    if defs:  # "تعريف المجزرة بأنها الحادثة التي يقتل فيها 5 أشخاص": a definition, not a count
        def_ends = sorted(d[1] for d in defs)
        # the latest definition before a count decides: no clause break after it means none after an earlier one
        nums = [n for n in nums if not ((k := bisect.bisect_right(def_ends, n.ns)) and
                                        not has_char_between(norm, _CLAUSE_CHARS, def_ends[k - 1], n.ns))]
    items: list[_Item] = []
    not_totals: list[int] = []  # ends of counts that are not casualties (إنقاذ 23 مدنياً)
    for n in nums:
        it = _item_from_number(n, lex, toks, norm)
        if it is not None:
            items.append(it)
        elif _non_casualty_before(n, lex, toks, norm):
            i = toks.first_at_or_after(n.ne)
            g = _group_at(lex, toks, i) if i < len(toks) and _NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) else None
            not_totals.append(toks.e[g[0] - 1] if g is not None else n.ne)
    if not_totals:  # the parts of such a count are not casualties either (بينهم 9 أطفال)
        not_totals.sort()
        items = [it for it in items if not _part_of_not_total(it, not_totals, nums, lex, toks, norm)]
    # 2. Bare singular / dual person nouns not covered by a number.
    taken = sorted([(n.ns, n.ne) for n in nums] + [(it.ns, it.ne) for it in items])
    # the subject of an outcome verb (اعتقلت هيئة تحرير الشام ناشطاً إعلامياً): its object may be a bare noun
    subj_ends = {a.ne for a in acts if a.ns > 0 and _cue_end_before(a.ns, cue_ends, norm)}
    items.extend(_bare_nouns(lex, toks, norm, cue_ends, marker_ends, taken, subj_ends))
    # an ordinal right after an outcome cue names one more person (وأصيب رابع، وإصابة ثالث)
    for k in range(1, len(toks)):
        if toks.e[k - 1] in cue_ends and toks.joined(k - 1, k) and lex.ordinals.match(toks, k) is not None:
            items.append(_Item(toks.s[k], toks.e[k], 1, 1, 1, "exact", kind="others"))
    for it in items:
        if it.body:  # the victims' side is part of the count: "43 من الميليشيات الموالية لإيران"
            k = bisect.bisect_right(act_starts, it.ne) - 1
            if k >= 0 and acts[k].ns >= it.ns and acts[k].ne > it.ne:
                it.ne = acts[k].ne
    items.sort(key=lambda it: (it.ns, -it.ne))
    dedup: list[_Item] = []
    for it in items:
        if dedup and _overlaps(it.ns, it.ne, dedup[-1].ns, dedup[-1].ne):
            if it.ne - it.ns > dedup[-1].ne - dedup[-1].ns:
                dedup[-1] = it
            continue
        dedup.append(it)
    items = [it for it in dedup if not _not_harmed(it, lex, toks, norm, cue_ends)]
    for it in items:
        it.sent = sent_of(it.ns)

    # numbers in the sentence that are not casualties break elliptic links
    item_nums = {id(it.num) for it in items}
    nums = [n for n in nums if n.kind != "singular" or id(n) in item_nums]
    num_starts = [n.ns for n in nums]
    item_by_num = {id(it.num): it for it in items if it.num is not None}

    item_ends = sorted(it.ne for it in items)

    # 3. Breakdown chains, elliptic groups and outcomes, sentence by sentence.
    kept: list[_Item] = []
    for idx, it in enumerate(items):
        prev = kept[-1] if kept and kept[-1].sent == it.sent else None
        sent = sents[it.sent] if sents else None
        cont = False
        if prev is None and it.split and kept and it.ns - kept[-1].ne < 200 and \
                regex.fullmatch(r"[^.\n]*;[^.\n]*", norm[kept[-1].ne:it.ns]):
            # "وفاة 102 من المعتقلين …؛ 97 منهم في …": a share continues the total across a semicolon
            prev, cont = kept[-1], True
        # list-only singular nouns must follow a casualty in a list (مقتل 3 أطفال وامرأة)
        if it.list_only:
            if prev is None or _LIST_GAP.fullmatch(norm, prev.ne, it.ns) is None:
                continue
        # elliptic counts take the group of the count they follow
        if it.kind in ("others", "bare"):
            if it.kind == "bare":
                k = bisect.bisect_left(num_starts, it.ns) - 1
                pn = nums[k] if k >= 0 else None
                last = kept[-1] if kept else None
                if it.listy and (last is None or it.ns - last.ne >= 1500):
                    it.group = "persons"  # "وتوزعت حالات الاعتقال كالتالي: 210 على يد ..."
                elif it.listy:
                    # a list line (- و67 على يد ...) or a count after a colon: the head count before it;
                    # a line with a breakdown of its own (– 413 بينهم 35 طفلاً) is a total of people,
                    # never of a part's group
                    head = kept[last.part_of] if last.part_of is not None else last
                    it.group, it.gender = head.group, head.gender
                    j = toks.first_at_or_after(it.ne)
                    if j < len(toks) and lex.breakdown.match(toks, j) is not None and \
                            it.group not in _TOTAL_GROUPS:
                        # the nearest total before it (1889 مدنياً …، توزعوا: – 413 بينهم …)
                        tot = next((k for k in reversed(kept) if k.part_of is None and k.group in _TOTAL_GROUPS
                                    and it.ns - k.ne < MAX_LIST_CONTEXT), None)
                        it.group, it.gender = (tot.group, tot.gender) if tot is not None else ("persons", None)
                else:
                    if prev is None or pn is None or item_by_num.get(id(pn)) is not prev or \
                            it.ns - prev.ne > 120 or _SENT_BREAK.search(norm, prev.ne, it.ns):
                        continue
                    if it.prep is not None and it.prep != prev.prep and \
                            it.prep not in _preps_before(prev.ns, toks, lex, norm):
                        continue
                    head = kept[prev.part_of] if prev.part_of is not None else prev
                    it.group, it.gender = head.group, head.gender
                    if not _cue_in(cue_starts, prev.ne, it.ns):
                        it.outcomes = head.outcomes  # the verb is gapped too (٦٤٧ على يد X، و٢١٨ على يد Y)
                        it.cause_of = prev.part_of if prev.part_of is not None else len(kept) - 1
            else:
                ante = prev
                if ante is not None and ante.part_of is not None:
                    ante = kept[ante.part_of]
                if ante is not None and len(kept) > 1 and ante is kept[-1] and kept[-2].sent == ante.sent and \
                        kept[-2].part_of is None and \
                        _LIST_GAP.fullmatch(norm, kept[-2].ne, ante.ns):
                    ante = None  # "مقتل رجلين وطفل، وإصابة 7 آخرين": parts with no total
                it.group, it.gender = (ante.group, ante.gender) if ante is not None else ("persons", None)
        # breakdown parts
        if prev is not None and it.kind != "others":
            gap = norm[prev.ne:it.ns]
            k_lo = bisect.bisect_right(num_starts, prev.ne)
            k_hi = bisect.bisect_left(num_starts, it.ns)
            if k_hi <= k_lo and _is_breakdown_gap(prev.ne, it.ns, lex, toks, norm):
                if _cue_in(cue_starts, prev.ne, it.ns):
                    it.split = True  # "قتلت قوات النظام منهم 174 مدنياً": a share with its own agent
                    it.share_of = len(kept) - 1 if prev.part_of is None else prev.part_of
                else:
                    it.part_of = len(kept) - 1 if prev.part_of is None else prev.part_of
            elif prev.part_of is not None and it.kind != "bare" and _LIST_GAP.fullmatch(gap) is not None and \
                    _fits_in_total(it, prev.part_of, kept):
                it.part_of = prev.part_of
            elif prev.part_of is not None and it.kind == "count" and _fits_in_total(it, prev.part_of, kept) and \
                    _joins_part_list(it, prev, kept, lex, toks, norm):
                it.part_of = prev.part_of  # "بينهم 4 أطفال إضافة إلى سيدتين": the list of parts goes on
            elif it.kind == "count_of_them" and regex.fullmatch(r"[\s,]*", gap):
                it.part_of = len(kept) - 1 if prev.part_of is None else prev.part_of
        if it.part_of is not None and it.outcomes and not set(it.outcomes) & set(kept[it.part_of].outcomes):
            it.part_of = None  # "71 قتيلاً، ...، إضافة إلى 40 جريحاً": its own outcome noun, another count
        # outcomes
        if it.outcomes and it.why_out == "outcome_cue":
            it.why_out = "outcome_noun"  # the counted noun itself (قتيلاً، جريحاً، حالة اعتقال)
        if it.part_of is not None:
            total = kept[it.part_of]
            it.outcomes = total.outcomes
            it.why_out = "breakdown_takes_total"
        elif not it.outcomes and prev is not None and prev.outcomes and it.kind != "others" and \
                _cue_before(it, cues, cue_starts, sent) is None and it.ns - prev.ne <= 90 and \
                not _cue_in(cue_starts, prev.ne, it.ns) and _COORD_TAIL.search(norm, prev.ne, it.ns) and \
                not _SENT_BREAK.search(norm, prev.ne, it.ns) and \
                bisect.bisect_left(num_starts, it.ns) - bisect.bisect_right(num_starts, prev.ne) <= 0:
            # "وهم: 4 من عناصر الميليشيات ...، و3 من ...": a count coordinated with the one before shares its outcome
            it.outcomes = prev.outcomes
            it.part_of = prev.part_of
            it.why_out = "coordinated_with_previous"
        elif not it.outcomes:
            it.outcomes = _outcomes_for(it, cues, cue_starts, norm, sent, after_marks, item_ends)
        if cont and _cue_before(it, cues, cue_starts, sent) is None:
            head = kept[prev.part_of] if prev.part_of is not None else prev
            it.outcomes = head.outcomes
            it.cause_of = prev.part_of if prev.part_of is not None else len(kept) - 1
            it.why_out = "share_continues_total"
        if not it.outcomes and prev is not None and (it.kind == "others" or _joiner_before(it, prev, lex, toks)):
            # "…، إضافة إلى 17 مجهولي الهوية": one more count, with the outcome of the count it follows
            it.outcomes = (kept[prev.part_of] if prev.part_of is not None else prev).outcomes
            it.why_out = "elliptic_takes_head"
        if not it.outcomes:
            it.outcomes = _context_outcomes(it, kept, cues, cue_starts, norm)
            it.why_out = "outcome_of_context"
        if it.part_of is None and _fate_unknown(it, lex, toks, norm):
            it.outcomes = ("disappeared",)  # "لا يزال مصير 9 منهم مجهولاً", "14 شخصاً مجهولي المصير"
            it.why_out = "fate_unknown"
        if not it.outcomes:
            continue
        if it.case and not set(it.outcomes) <= {"detained", "disappeared"}:
            continue
        kept.append(it)
    items = kept
    # an actor inside a counted noun phrase is the victims' side (14 من قوات النظام), never an agent
    inside = _Intervals((it.ns, it.ne) for it in items if it.body)
    acts = [a for a in acts if not inside.hits(a.ns, a.ne)]
    # ... and so is one the counted noun belongs to (عنصرين من اللواء الثامن التابع لشعبة المخابرات)
    ends = sorted(it.ne for it in items)
    acts = [a for a in acts if not _member_of(a, ends, lex, toks, norm)]
    act_starts = [a.ns for a in acts]

    # 4. Perpetrators and causes, per chain (a total with its parts).
    fwd_breaks = [b[0] for b in _scan(lex.breaks_fwd, toks)]
    fwd_breaks_words = list(fwd_breaks)
    fwd_breaks += [m.start() for m in _COMMA_WAW.finditer(norm)
                   if lex.continuers.match(toks, toks.first_at_or_after(m.end() - 1)) is None]
    fwd_breaks.sort()
    bwd_breaks = [b[1] for b in _scan(lex.breaks_bwd, toks)]
    labels = _label_actors(acts, norm)
    chains: list[list[int]] = []
    for k, it in enumerate(items):
        if it.part_of is None:
            chains.append([k])
        else:
            chains[-1].append(k)
    another = [m[0] for m in _scan(lex.another_attack, toks)]
    custody = [m[0] for m in _scan(lex.custody_pronouns, toks)]
    local: list[tuple[bool, str | None]] = []
    local_rule: list[str] = []
    resp = [m[1] for m in _scan(lex.responsibility, toks)]
    holders = [m[:3] for m in _scan(lex.custody_holders, toks)]
    spent: set[int] = set()  # actors found after a count as its agent
    for ci, ch in enumerate(chains):
        first, last = items[ch[0]], items[ch[-1]]
        sent = sents[first.sent]
        nxt = items[chains[ci + 1][0]] if ci + 1 < len(chains) else None
        lim = min(sent.ne, last.ne + MAX_FORWARD)
        if nxt is not None and nxt.sent == first.sent:
            lim = min(lim, nxt.ns)
        lim = _cut(fwd_breaks, last.ne, lim)
        nb = toks.first_at_or_after(first.ne)
        if nb < len(toks) and toks.s[nb] - first.ne <= 1 and lex.both_sides.match(toks, nb) is not None:
            local.append((True, None))  # "3 مقاتلين من الطرفين": both sides of clashes, no agent
            local_rule.append("both_sides_no_agent")
            continue
        res = _forward_actor(acts, act_starts, last.ne, lim, lex, toks, norm, spent)
        rule = "agent_after_count"
        if not res[0] and resp:
            res = _responsible(resp, acts, act_starts, last.ne, sent.ne, norm)
            rule = "held_responsible"
        if not res[0] and holders:
            kh = bisect.bisect_left(holders, (last.ne,))
            if kh < len(holders) and holders[kh][1] <= lim and \
                    not _cue_in(cue_starts, last.ne, holders[kh][0]) and \
                    not _starts_between(act_starts, last.ne, holders[kh][0]):
                res = (True, holders[kh][2])  # "وفاة 16 محتجزاً في مراكز احتجاز حكومية"
                rule = "custody_holder"
        if not res[0] and len(ch) > 1:
            # the agent between a total and its breakdown (40 شهيداً قضوا في سجون النظام، بينهم ...)
            res = _forward_actor(acts, act_starts, first.ne, _cut(fwd_breaks, first.ne, items[ch[1]].ns),
                                 lex, toks, norm)
            rule = "agent_between_total_and_parts"
        local.append(res)
        local_rule.append(rule)
        # cause
        if "killed" in first.outcomes:
            cue_lo = _cue_before(first, cues, cue_starts, sent)
            lo = cue_lo if cue_lo is not None else first.ns
            hi = min(lim, last.ne + MAX_TORTURE_AFTER)
            k0 = bisect.bisect_left(torture_starts, lo)
            if k0 < len(tortures) and tortures[k0][0] < hi:
                for k in ch:
                    items[k].cause = "torture"
    chain_found: list[bool] = []
    for ci, ch in enumerate(chains):
        first = items[ch[0]]
        found, perp = local[ci]
        rule = local_rule[ci]
        if first.tally and not found:
            found, rule = True, "running_tally_no_agent"  # a running tally has no agent unless one follows it
        if not found:
            sent = sents[first.sent]
            lo = max(sent.ns, first.ns - MAX_BACKWARD)
            kb = bisect.bisect_right(bwd_breaks, first.ns) - 1
            if kb >= 0 and bwd_breaks[kb] > lo and not _has_phrase(lex.results, toks, bwd_breaks[kb], first.ns):
                lo = bwd_breaks[kb]  # a new clause, unless the count is the result of the one before
            # a share that changes state (وتحول 12 منها إلى ...) is not attributed to an earlier count's agent
            turned = first.split and _mark_in(after_marks, first.ns - 30, first.ns)
            found, perp = _backward_actor(acts, act_starts, lo, first.ns, lex, toks, norm,
                                          spent if turned else frozenset())
            rule = "agent_before_count"
        prev_ch = chains[ci - 1] if ci > 0 else None
        if not found and first.kind in ("others", "bare") and prev_ch and items[prev_ch[0]].sent == first.sent and \
                not (first.split and _mark_in(after_marks, items[prev_ch[-1]].ne, first.ns)):
            # an elliptic count shares the attribution of its head count, even when there is none
            found, perp = True, items[chains[ci - 1][0]].perpetrator
            rule = "elliptic_shares_head"
        if not found and ci + 1 < len(chains):
            # a shared attribution after the next joined count (مقتل 5 وإصابة 20 آخرين جراء ...),
            # unless a clause break or an agent of its own comes first
            nf = items[chains[ci + 1][0]]
            lo_, hi_ = items[ch[-1]].ne, nf.ns
            coord = _LIST_GAP.fullmatch(norm, lo_, hi_) is not None or _cue_in(cue_starts, lo_, hi_)
            if nf.sent == first.sent and not nf.split and nf.kind != "bare" and coord and local[ci + 1][0] and \
                    _cut(fwd_breaks_words, lo_, hi_) == hi_ and \
                    not _forward_actor(acts, act_starts, lo_, hi_, lex, toks, norm)[0]:
                found, perp = local[ci + 1]
                rule = "shared_with_next_count"
        if not found and custody:
            # "فيما لا يزال 2100 شخص مختفين قسرياً لديها": the custodian is the actor named before, in its line
            kc = bisect.bisect_left(custody, items[ch[-1]].ne)
            if kc < len(custody) and custody[kc] - items[ch[-1]].ne <= 60 and \
                    not has_char_between(norm, _CLAUSE_CHARS, items[ch[-1]].ne, custody[kc]):
                lo_c = max(norm.rfind("\n", 0, first.ns) + 1, first.ns - 300)
                found, perp = _backward_actor(acts, act_starts, lo_c, first.ns, lex, toks, norm)
                rule = "custodian_named_before"
        if not found and ci > 0 and another:
            # "في حين أصيب 5 أشخاص بغارة أخرى": another attack of the same attacker as the count before
            sent = sents[first.sent]
            ka = bisect.bisect_left(another, first.ne)
            if ka < len(another) and another[ka] < min(sent.ne, items[ch[-1]].ne + 60):
                before = items[chains[ci - 1][0]]
                if before.perpetrator is not None and first.ns - before.ne <= 400:
                    found, perp = True, before.perpetrator
                    rule = "another_attack_same_agent"
        if not found:
            # a label heading its line or paragraph (- قوات النظام السوري: ...، أولاً: القوات الروسية)
            for a, b, aid in labels:
                if a <= first.ns < b:
                    found, perp = True, aid
                    rule = "line_label_actor"
        for k in ch:
            items[k].perpetrator = perp if found else None
            items[k].why_perp = (rule if k == ch[0] else "breakdown_takes_total") if found else "no_agent_found"
        if not found:
            first.perpetrator = None
        chain_found.append(found)
    _context_perpetrators(items, chains, chain_found, sents, acts, act_starts, lex, toks, norm,
                          nt.original, nt.span, [d.ns for d in dates])

    # A headline count takes the attribution of the body count it restates.
    body = body_start(norm)
    for it in items:
        if it.ns < body and it.perpetrator is None:
            for other in items:
                same = other.value == it.value or (it.value is None and other.value is not None and it.min is not None
                                                    and it.min <= other.value <= (it.max or other.value))
                if other.ns >= body and other.perpetrator is not None and same and \
                        other.group == it.group and set(other.outcomes) & set(it.outcomes):
                    it.perpetrator = other.perpetrator
                    it.why_perp = "headline_takes_body"
                    break

    for it in items:
        if it.cause_of is not None and "killed" in it.outcomes:
            it.cause = it.cause or items[it.cause_of].cause
    # totals by identity: the index links of the kept items do not survive the merge with table cells
    links = {id(it): (items[it.part_of] if it.part_of is not None else None,
                      items[it.share_of] if it.share_of is not None else None) for it in items}
    if table_items:
        items = sorted(items + table_items, key=lambda it: it.ns)

    # 5. Render.
    out: list[Casualty] = []
    all_acts = sorted(list(actors) + _anaphoric_actors(actors, lex, toks), key=lambda a: a.ns)
    acts_by_id: dict[str, list[ActorMention]] = {}  # each actor's mentions, in text order
    for a in all_acts:
        acts_by_id.setdefault(a.id, []).append(a)
    for it in items:
        total, share = links.get(id(it), (None, None))
        age, gender = lex.age_gender.get(it.group or "", (None, None))
        gender = it.gender or gender
        sent = sents[sent_of(it.ns)] if sents else None
        why_perp = (it.why_perp, _actor_trigger(it, it.perpetrator, acts_by_id, sent))
        for outcome in it.outcomes:
            cause = it.cause if outcome == "killed" else None
            why = {"perpetrator": why_perp,
                   "outcome": (it.why_out, _cue_trigger(it, outcome, cues, cue_starts, sent))}
            out.append(Casualty(it.ns, it.ne, outcome=outcome, group=it.group or "persons", age=age,
                                gender=gender, count=it.value, min=it.min, max=it.max,
                                qualifier=it.qualifier or "exact", perpetrator=it.perpetrator, cause=cause,
                                part_of=(total.ns, total.ne) if total is not None else None,
                                share_of=(share.ns, share.ne) if share is not None else None,
                                label=nt.quote(it.ns, it.ne), why=why))
    return out
