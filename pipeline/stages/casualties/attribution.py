"""Attribution: the perpetrator of each count, decided by ordered lists of named rules.

The counts are grouped in chains (a total and its parts); a chain's perpetrator is decided once and its
parts take it (``breakdown_takes_total``). The rules run in passes, in this order:

1. :data:`OWN_RULES`, for every chain first: the words of the count's own clause (``على يد``، ``جراء غارة
   روسية``، ``حمّلت ... مسؤولية``، a custody holder, an agent between a total and its parts);
2. :data:`CHAIN_RULES`, chain by chain, for the chains the first pass left undecided: the agent before
   the count, the head an elliptic count follows, the next count's attribution, a custodian, another
   attack of the same agent, a line label;
3. :data:`CONTEXT_RULES`, for the chains still undecided: a list of victims, a result sentence;
4. :data:`HEADLINE_RULES`, per count: a headline count with no perpetrator takes the body count's.

A rule's value is the actor id, or None when it decides that no single actor is the agent (two actors
joined by و, both sides of clashes). Its name goes to ``why.perpetrator.rule``; the span written there is
the mention of the decided actor nearest the count (:func:`actor_trigger`), the count itself when none.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence

import regex

from pipeline.core import clitics
from pipeline.core.mentions import ActorMention
from pipeline.core.rules import Decision, Rule, decide, rule
from pipeline.core.settings import (
    CAS_AGENT_AFTER, CAS_AGENT_BEFORE, CAS_ANOTHER_ATTACK_AFTER, CAS_ANOTHER_ATTACK_GAP, CAS_ATTACK_COUNTED_BEFORE,
    CAS_CAUSE_REFERS_BACK,
    CAS_CAUSE_REFERS_SENTENCES, CAS_CHANGE_VERB_BEFORE, CAS_RESTATED_BEFORE, CAS_CUSTODIAN_BEFORE, CAS_CUSTODY_PRONOUN_AFTER,
    CAS_JOINED_ACTORS_GAP, CAS_LIST_CONTEXT, CAS_MODIFIER_GAP, CAS_PART_PREDICATE_AFTER, CAS_LIST_PARAGRAPH_BEFORE,
    CAS_RESPONSIBILITY_HEAD_BEFORE, CAS_RESTATED_NEXT_MIN, CAS_TALLY_SENTENCE_COUNTS, CAS_TOTAL_LIST_AFTER, FATE_UNKNOWN_OUTCOME_RULES,
    HEADLINE_GENERIC_GROUPS,
)
from pipeline.core.text import body_start, has_char_between, line_start, rx
from pipeline.stages.casualties.agents import (
    BLANK_LINE, LIST_LINE, MA_RESULT, Labels, additive_joined, backward_actor, forward_actor, label_actors, member_of, responsible,
    responsible_after_head, sole_agent,
)
from pipeline.stages.casualties.common import (
    CLAUSE_CHARS, COMMA_WAW, SENT_CHARS, SENT_COLON_CHARS, Intervals, JOINED_ACTORS, LIST_GAP, cut, has_phrase, mark_in, scan_phrases,
)
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.scan import Scan


@dataclass
class Chains:
    """What the perpetrator rules look at: the counts in chains, the actors that may be agents, and the
    clause breaks and cue positions around them (each found once per text)."""

    sc: Scan
    items: list[Item]
    chains: list[list[int]]  # item indices: a total, then its parts
    acts: list[ActorMention]
    act_starts: list[int]
    date_starts: Sequence[int]  # sorted
    fwd_breaks: list[int] = field(default_factory=list)  # clause breaks after a count (words and ، و)
    marker_ends: list[int] = field(default_factory=list)  # ends of breakdown markers (بينهم، منهم), sorted
    fwd_breaks_words: list[int] = field(default_factory=list)  # ... the words only
    bwd_breaks: list[int] = field(default_factory=list)  # clause breaks before a count
    labels: list = field(default_factory=list)  # (start, end, actor id) of the lines an actor labels
    another: list[int] = field(default_factory=list)  # "another attack" cues (بغارة أخرى)
    attack_causes: list[int] = field(default_factory=list)  # starts of attack nouns (بقصف جوي، بغارات)
    sides: list[int] = field(default_factory=list)  # starts of actors inside a counted noun phrase (victims)
    custody: list[int] = field(default_factory=list)  # custody pronouns (لديها)
    resp: list[int] = field(default_factory=list)  # ends of responsibility phrases (حمّلت ... مسؤولية)
    resp_heads: list[int] = field(default_factory=list)  # ends of responsibility heads before a count (مسؤولية)
    add_ends: list[int] = field(default_factory=list)  # ends of additive connectors (فضلاً عن، إضافة إلى)
    count_starts: list[int] = field(default_factory=list)  # starts of every count, sorted
    count_at: dict = field(default_factory=dict)  # each count by its start
    holders: list = field(default_factory=list)  # custody holders (مراكز احتجاز حكومية): (ns, ne, actor id)
    spent: set[int] = field(default_factory=set)  # starts of actors found after a count as its agent
    lims: list[int] = field(default_factory=list)  # per chain: how far after it its attribution is looked for
    own: list[Decision | None] = field(default_factory=list)  # per chain: the decision of the first pass
    found: list[bool] = field(default_factory=list)  # per chain: decided
    deferred: set[int] = field(default_factory=set)  # chains whose head was undecided in pass 2 (elliptic)
    firsts: list[int] = field(default_factory=list)  # per chain: its first count's start
    firsts_sorted: bool = True  # the chains start in text order
    report_agent: tuple | None = None  # sole_agent over the whole report, found once (not once per count)
    body: int = 0  # where the report's body starts (its headline and dateline are before), found once

    def dated(self, lo: int, hi: int) -> bool:
        """A date starts in [lo, hi) (``date_starts`` sorted: a bisect, not a scan per count)."""
        return mark_in(self.date_starts, lo, hi)

    def period(self, lo: int, hi: int) -> bool:
        """A period is told in [lo, hi) (منذ مطلع العام، منذ أواخر نيسان): a count after it is that period's toll."""
        return self.sc.lex.period_since.search(self.sc.norm, lo, hi) is not None

    def sole(self, lo: int, hi: int) -> tuple[bool, str | None]:
        """``sole_agent`` over the report's actors in ``[lo, hi)``: (one agent found, its id)."""
        sc = self.sc
        return sole_agent(self.acts, self.act_starts, lo, hi, sc.lex, sc.toks, sc.norm)


@dataclass
class ChainCtx:
    """One chain, as a rule sees it."""

    ag: Chains
    ci: int

    @property
    def ch(self) -> list[int]:
        return self.ag.chains[self.ci]

    @property
    def first(self) -> Item:
        return self.ag.items[self.ch[0]]

    @property
    def last(self) -> Item:
        return self.ag.items[self.ch[-1]]

    @property
    def sent(self):
        return self.ag.sc.sents[self.first.sent]

    @property
    def span(self) -> tuple[int, int]:
        return (self.first.ns, self.first.ne)

    def agent_of(self, lo: int, hi: int) -> tuple[str, tuple[int, int]] | None:
        """The one agent named in ``[lo, hi)`` as this count's answer; None when there is none or several."""
        has, aid = self.ag.sole(lo, hi)
        return (aid, self.span) if has and aid is not None else None

    def fired(self, hit: tuple[bool, str | None]) -> tuple[str | None, tuple[int, int]] | None:
        """A (found, actor) search result as a rule's answer."""
        return (hit[1], self.span) if hit[0] else None


def attribute(sc: Scan, items: list[Item], acts: list[ActorMention], date_starts: Sequence[int]) -> Chains:
    """Set every count's ``perpetrator`` and ``why_perp``; the chains and their first-pass decisions are
    returned (the torture cause reads them)."""
    ag = _chains(sc, items, acts, date_starts)
    ag.body = body_start(sc.norm)
    ag.own = [decide(OWN_RULES, ChainCtx(ag, ci)) for ci in range(len(ag.chains))]
    for ci, ch in enumerate(ag.chains):
        d = ag.own[ci] or decide(CHAIN_RULES, ChainCtx(ag, ci))
        for k in ch:
            items[k].perpetrator = d.value if d is not None else None
            items[k].why_perp = (d.rule if k == ch[0] else "breakdown_takes_total") if d is not None \
                else "no_agent_found"
        ag.found.append(d is not None and ci not in ag.deferred)
    for ci, ch in enumerate(ag.chains):
        if ag.found[ci]:
            continue
        d = decide(CONTEXT_RULES, ChainCtx(ag, ci))
        if d is not None:
            for k in ch:
                items[k].perpetrator, items[k].why_perp = d.value, d.rule
            ag.found[ci] = True
    for ci, ch in enumerate(ag.chains):
        if items[ch[0]].perpetrator is not None:
            d = decide(TOTAL_RULES, ChainCtx(ag, ci))
            if d is not None:
                for k in ch:
                    items[k].perpetrator, items[k].why_perp = d.value, d.rule
    _apart_parts_take_total(ag, items)
    body = ag.body
    for it in items:
        if it.ns < body and it.part_of is not None and items[it.part_of].ns < body:
            # a headline part takes its headline total's perpetrator, decided just before it
            it.perpetrator, it.why_perp = items[it.part_of].perpetrator, "breakdown_takes_total"
        elif it.ns < body:
            d = decide(HEADLINE_RULES, HeadlineCtx(items, body, it))
            if d is not None:
                it.perpetrator, it.why_perp = d.value, d.rule
    return ag


def _apart_parts_take_total(ag: Chains, items: list[Item]) -> None:
    """A chain of parts told apart from their total's chain (بين الجرحى المدنيين الـ85، 20 طفلاً …) with no
    agent of its own takes its total's perpetrator (``breakdown_takes_total``)."""
    for ci, ch in enumerate(ag.chains):
        t = items[ch[0]].part_of
        if t is not None and t not in ch and not ag.found[ci]:
            for k in ch:
                items[k].perpetrator, items[k].why_perp = items[t].perpetrator, "breakdown_takes_total"


def _owner_mentions(items: list[Item], acts: list[ActorMention]) -> list[tuple[int, int]]:
    """The mentions of the body whose members a count counts (أعلنت قوات … مقتل 3 من أعضائها), from the
    owner's mention to the count: the victims' side, never an agent of it."""
    spans: list[tuple[int, int]] = []
    for it in items:
        if it.owner is not None:
            ids = {a.id for a in acts if a.ns < it.owner[1] and it.owner[0] < a.ne}
            spans += [(a.ns, a.ne) for a in acts if a.id in ids and it.owner[0] <= a.ne and a.ns < it.ns]
    return spans


def _chains(sc: Scan, items: list[Item], acts: list[ActorMention], date_starts: Sequence[int]) -> Chains:
    """The chains of ``items``, the actors that may be agents, and the cue positions the rules read."""
    lex, toks, norm = sc.lex, sc.toks, sc.norm
    # an actor inside a counted noun phrase is the victims' side (14 من قوات النظام), never an agent
    inside = Intervals([(it.ns, it.ne) for it in items if it.body] + _owner_mentions(items, acts))
    victims = sorted(a.ne for a in acts if inside.hits(a.ns, a.ne))
    sides = sorted(a.ns for a in acts if inside.hits(a.ns, a.ne))
    # ... and so is an actor joined to it by و (9 عناصر من قوات النظام و"الدفاع الوطني")
    acts = [a for a in acts if not inside.hits(a.ns, a.ne) and not _joined_to(victims, a, sc.norm)]
    # ... and so is one the counted noun belongs to (عنصرين من اللواء الثامن التابع لشعبة المخابرات)
    ends = sorted(it.ne for it in items)
    acts = [a for a in acts if not member_of(a, ends, lex, toks, norm)]
    # ... and an actor that only describes the one before it (القوات الحكومية المدعومة روسياً) is not a second agent
    acts = [a for k, a in enumerate(acts) if not _modifies_previous(acts, k, norm)]
    chains: list[list[int]] = []
    for k, it in enumerate(items):
        if it.part_of is None or _last_part_with_predicate(sc, items, k) or \
                (it.part_of not in chains[-1] and items[k - 1].part_of != it.part_of):
            chains.append([k])  # (a part told apart from its total's chain opens its own: بين الجرحى الـ85، …)
        else:
            chains[-1].append(k)
    ag = Chains(sc, items, chains, acts, [a.ns for a in acts], date_starts)
    ag.sides = sides
    ag.fwd_breaks = [b[0] for b in scan_phrases(lex.breaks_fwd, toks)]
    ag.fwd_breaks_words = list(ag.fwd_breaks)
    ag.fwd_breaks += [m.start() for m in COMMA_WAW.finditer(norm)
                      if lex.continuers.match(toks, toks.first_at_or_after(m.end() - 1)) is None]
    # an added count or agent (فضلاً عن غارات روسية قتلت 5) is not told of the count before it
    ag.fwd_breaks += [m[0] for m in scan_phrases(lex.additive, toks)]
    # ... nor is the next item of a list opened by a comma and its number (… بانفجار عبوة، (8) اعتقلوا من قبل X)
    ag.fwd_breaks += [m.start() for m in _COMMA_NUMBER.finditer(norm)]
    ag.fwd_breaks.sort()
    ag.bwd_breaks = [b[1] for b in scan_phrases(lex.breaks_bwd, toks)]
    ag.marker_ends = sorted(sc.marker_ends)
    ag.labels = Labels(label_actors(acts, norm))
    ag.another = [m[0] for m in scan_phrases(lex.another_attack, toks)]
    ag.attack_causes = [m[0] for m in scan_phrases(lex.attack_causes, toks)]
    ag.custody = [m[0] for m in scan_phrases(lex.custody_pronouns, toks)]
    ag.resp = [m[1] for m in scan_phrases(lex.responsibility, toks)]
    ag.resp_heads = [m[1] for m in scan_phrases(lex.resp_heads, toks)]
    ag.add_ends = [m[1] for m in scan_phrases(lex.additive, toks)]
    ag.count_starts = sorted(it.ns for it in items)
    ag.count_at = {it.ns: it for it in items}
    ag.holders = [m[:3] for m in scan_phrases(lex.custody_holders, toks)]
    ag.lims = [_forward_limit(ag, ci) for ci in range(len(chains))]
    ag.firsts = [items[ch[0]].ns for ch in chains]
    ag.firsts_sorted = all(a <= b for a, b in zip(ag.firsts, ag.firsts[1:]))
    return ag


#: a comma opening the next item of a list with its number (، (14) خطف، ، 9 في حماة); not a thousands separator
_COMMA_NUMBER = regex.compile(r"(?<!\d)[,;]\s*\(?\d")


def _joined_to(ends: list[int], a: ActorMention, norm: str) -> bool:
    """``a`` follows, joined by و, an actor ending at one of ``ends`` (sorted)."""
    k = bisect.bisect_right(ends, a.ns) - 1
    return k >= 0 and a.ns - ends[k] <= CAS_JOINED_ACTORS_GAP and \
        JOINED_ACTORS.fullmatch(norm, ends[k], a.ns) is not None


def _last_part_with_predicate(sc: Scan, items: list[Item], k: int) -> bool:
    """The last part of a breakdown told with a predicate of its own right after it (و3 شهداء قضوا بسبب
    التعذيب في معتقلات النظام): the attribution after it is that
    part's, not its total's, so it is a chain of its own."""
    if k + 1 < len(items) and items[k + 1].part_of == items[k].part_of:
        return False
    return _own_predicate(sc, items, k)


def _own_predicate(sc: Scan, items: list[Item], k: int) -> bool:
    """A part with a predicate of its own (an outcome or torture cue as the next word) right after it, before
    the next count and with no sentence break between, when its total has its own predicate too (before
    it in its sentence, or between it and the part): then the part's predicate is not the total's (أن 12
    مدنياً بينهم 5 أطفال قضوا); a coordinated outcome (بينهم طفلة وأصيب 7) opens another clause."""
    it = items[k]
    if it.part_of is not None:
        total = items[it.part_of]
        sent = sc.sents[total.sent] if sc.sents and total.sent >= 0 else None
        if not ((sent is not None and mark_in(sc.cue_starts, sent.ns, total.ns)) or
                mark_in(sc.cue_starts, total.ne, items[it.part_of + 1].ns)):
            return False
    i = sc.toks.first_at_or_after(it.ne)  # the predicate is the next word
    if i >= len(sc.toks) or sc.toks.s[i] - it.ne > CAS_PART_PREDICATE_AFTER or \
            (k + 1 < len(items) and sc.toks.s[i] >= items[k + 1].ns):
        return False
    pos = sc.toks.s[i]
    return (mark_in(sc.cue_starts, pos, pos + 1) or mark_in(sc.torture_starts, pos, pos + 1)) and \
        not has_char_between(sc.norm, _SENTENCE_CHARS, it.ne, pos) and not sc.norm.startswith(clitics.WA, pos)


#: what may stand between a breakdown marker and its part (بينهم طفل، منهم (13))
_RIGHT_AFTER_MARKER = regex.compile(r"[\s(]*")

#: the breaks a part's own predicate may not cross (a comma may stand after a bracketed count: (16)، تم)
_SENTENCE_CHARS = SENT_COLON_CHARS


def _first_at(starts: Sequence[int], lo: int, hi: int) -> int | None:
    """The first of ``starts`` (sorted) inside ``[lo, hi)``."""
    k = bisect.bisect_left(starts, lo)
    return starts[k] if k < len(starts) and starts[k] < hi else None


def _modifies_previous(acts: list[ActorMention], k: int, norm: str) -> bool:
    """The actor at ``k`` stands after a modifier marker right after the actor before it, in its clause
    (القوات الحكومية المدعومة روسياً، الفصائل الموالية لتركيا): it describes that actor, it is not an agent of
    its own; the owner of an attacking instrument (a perpetrator) stays, and so does a second owner joined by و
    (الطائرات الحربية الروسية والتابعة للنظام)."""
    a = acts[k]
    if k == 0 or a.role_rule != "after_modifier_marker" or a.role == "perpetrator":
        return False
    prev = acts[k - 1]
    return 0 <= a.ns - prev.ne <= CAS_MODIFIER_GAP and not has_char_between(norm, CLAUSE_CHARS, prev.ne, a.ns) and \
        _WA_WORD.search(norm, prev.ne, a.ns) is None


#: a word opening with the conjunction و
_WA_WORD = regex.compile(rf"(?<!\p{{L}}){clitics.WA}\p{{L}}")


def _forward_limit(ag: Chains, ci: int) -> int:
    """How far after a chain its attribution is looked for: its sentence, the reach, the next chain of the
    sentence, the first clause break."""
    c = ChainCtx(ag, ci)
    first, last = c.first, c.last
    lim = min(c.sent.ne, last.ne + CAS_AGENT_AFTER)
    if ci + 1 < len(ag.chains):
        nxt = ag.items[ag.chains[ci + 1][0]]
        if nxt.sent == first.sent:
            lim = min(lim, nxt.ns)
    return cut(ag.fwd_breaks, last.ne, lim)


# ---------------------------------------------------------------------------
# 1. The count's own clause
# ---------------------------------------------------------------------------


@rule("both_sides_no_agent", "the counted fighters are of both sides of clashes (3 مقاتلين من الطرفين): "
      "no agent")
def both_sides_no_agent(c: ChainCtx):
    sc, first = c.ag.sc, c.first
    nb = sc.toks.first_at_or_after(first.ne)
    if nb < len(sc.toks) and sc.toks.s[nb] - first.ne <= 1 and sc.lex.both_sides.match(sc.toks, nb) is not None:
        return None, c.span
    return None


@rule("agent_after_count", "an actor after the count with an attribution marker (على يد، جراء غارة روسية، "
      "حصيلة هجمات), in its clause; for a total and its parts, the first one told after one of its parts (4 بينهم "
      "طفل، جراء قصف X، ورجل بقصف Y): an agent after a later part does not reach back across the one before it")
def agent_after_count(c: ChainCtx):
    ag, sc = c.ag, c.ag.sc
    ch = c.ch
    # the segments between its parts, then after its last (between the total and its first part:
    # agent_between_total_and_parts)
    for k, nxt in zip(ch[1:], ch[2:]):
        lo, hi = ag.items[k].ne, ag.items[nxt].ns
        if has_char_between(sc.norm, CLAUSE_CHARS, lo, hi):  # an agent told after a part, before the next
            hit = forward_actor(ag.acts, ag.act_starts, lo, cut(ag.fwd_breaks, lo, hi), sc.lex, sc.toks, sc.norm)
            if hit[0]:
                return c.fired(hit)
    return c.fired(forward_actor(ag.acts, ag.act_starts, c.last.ne, ag.lims[c.ci], sc.lex, sc.toks, sc.norm,
                                  ag.spent))


@rule("held_responsible", "the actor a responsibility phrase after the count names, in its sentence "
      "(وحمّلت اللجنة مسؤوليته للنظام السوري)")
def held_responsible(c: ChainCtx):
    ag = c.ag
    if not ag.resp:
        return None
    return c.fired(responsible(ag.resp, ag.acts, ag.act_starts, c.last.ne, c.sent.ne, ag.sc.norm))


@rule("responsible_head_before", "a responsibility head right before the count's clause hands it to the "
      "actor glued by ل or إلى after it, in its sentence (حمّلت الشبكة مسؤولية اعتقال 107 أشخاص لقوات ...)")
def responsible_head_before(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    if not ag.resp_heads:
        return None
    kh = bisect.bisect_right(ag.resp_heads, first.ns) - 1
    if kh < 0 or ag.resp_heads[kh] < max(c.sent.ns, first.ns - CAS_RESPONSIBILITY_HEAD_BEFORE) or \
            has_char_between(sc.norm, CLAUSE_CHARS, ag.resp_heads[kh], first.ns):
        return None
    return c.fired(responsible_after_head(ag.acts, ag.act_starts, c.last.ne, c.sent.ne, sc.lex, sc.toks, sc.norm))


@rule("custody_holder", "a place of custody that names its holder right after the count, with no cue or "
      "actor between (وفاة 16 محتجزاً في مراكز احتجاز حكومية)")
def custody_holder(c: ChainCtx):
    ag, lo = c.ag, c.last.ne
    if not ag.holders:
        return None
    kh = bisect.bisect_left(ag.holders, (lo,))
    if kh < len(ag.holders) and ag.holders[kh][1] <= ag.lims[c.ci] and \
            not mark_in(ag.sc.cue_starts, lo, ag.holders[kh][0]) and \
            not mark_in(ag.act_starts, lo, ag.holders[kh][0]):
        return ag.holders[kh][2], c.span
    return None


@rule("agent_between_total_and_parts", "an agent named between a total and its breakdown (40 شهيداً قضوا "
      "في سجون النظام، بينهم ...)")
def agent_between_total_and_parts(c: ChainCtx):
    ag, sc = c.ag, c.ag.sc
    if len(c.ch) < 2:
        return None
    hi = cut(ag.fwd_breaks, c.first.ne, ag.items[c.ch[1]].ns)
    return c.fired(forward_actor(ag.acts, ag.act_starts, c.first.ne, hi, sc.lex, sc.toks, sc.norm))


OWN_RULES: tuple[Rule[ChainCtx], ...] = (both_sides_no_agent, agent_after_count, held_responsible,
                                         responsible_head_before, custody_holder, agent_between_total_and_parts)


# ---------------------------------------------------------------------------
# 2. Around the count
# ---------------------------------------------------------------------------


@rule("agent_in_tally_noun", "a running tally whose noun names its agent after a marker before the count "
      "(ارتفع عدد الضحايا جراء قذائف الجيش، في البلدة، إلى 13): that agent")
def agent_in_tally_noun(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    if not first.tally or first.tally_at is None:
        return None
    return c.fired(forward_actor(ag.acts, ag.act_starts, first.tally_at, first.ns, sc.lex, sc.toks, sc.norm))


@rule("running_tally_no_agent", "a running tally (ليرتفع إلى 38 عدد الذين ...) has no agent unless one "
      "follows it")
def running_tally_no_agent(c: ChainCtx):
    return (None, c.span) if c.first.tally else None


def _share(it: Item) -> bool:
    """A share of a total with its own agent (قتلت قوات النظام منهم 174), or a bare count continuing the
    shares (و42 على يد قسد، والقوات الروسية عن 94): never the total a later count is a part of."""
    return it.split or it.kind == "bare"


@rule("disappeared_share_of_detained", "a share of the detained count before it in its sentence that "
      "disappeared (اعتقال 40 شخصاً على يد X، تحول 12 منهم إلى مختفين قسرياً), or a count of that sentence whose "
      "fate is unknown (ولا يزال مصير 11 مواطناً مجهولاً), has that count's perpetrator "
      "(the guide, 1.8), none when that count has none; the total of a breakdown, not its last part, is the count it "
      "is a share of")
def disappeared_share_of_detained(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    if c.ci == 0 or "disappeared" not in first.outcomes:
        return None
    turned = first.split and mark_in(sc.after_marks, first.ns - CAS_CHANGE_VERB_BEFORE, first.ns)
    if not turned and first.why_out not in FATE_UNKNOWN_OUTCOME_RULES:
        return None
    cj = c.ci - 1
    while cj > 0 and _share(ag.items[ag.chains[cj][0]]):
        cj -= 1
    head = ag.items[ag.chains[cj][0]]
    if head.sent != first.sent or _share(head) or "detained" not in head.outcomes:
        return None
    # a share of a detained count with no agent has none either: not the agent of the count told after it
    return (head.perpetrator if ag.found[cj] else None), c.span


def _clause_lo(c: ChainCtx) -> int:
    """Where the clause before the count starts: its sentence, the reach, a clause break (unless the count is the
    result of the clause before it)."""
    ag, sc, first = c.ag, c.ag.sc, c.first
    lo = max(c.sent.ns, first.ns - CAS_AGENT_BEFORE)
    kb = bisect.bisect_right(ag.bwd_breaks, first.ns) - 1
    if kb >= 0 and ag.bwd_breaks[kb] > lo and not has_phrase(sc.lex.results, sc.toks, ag.bwd_breaks[kb], first.ns):
        lo = ag.bwd_breaks[kb]
    return lo


@rule("additive_joined_agents", "the nearest agent before the count is added to another one named before it by "
      "an additive connector (غارات التحالف، إضافة إلى القصف الروسي، تسببت بمقتل 12): two agents of one result, "
      "no single agent")
def additive_joined_agents(c: ChainCtx):
    ag, sc = c.ag, c.ag.sc
    if not ag.add_ends:
        return None
    first_end = additive_joined(ag.acts, ag.act_starts, _clause_lo(c), c.first.ns, sc.lex, sc.toks, sc.norm,
                                ag.add_ends)
    if first_end is None:
        return None
    # no other count between the first agent and this one, but the results of the same joint agents (أدت إلى
    # مقتل 40 وجرح 70، وتسببت بنزوح 3000)
    k0, k1 = bisect.bisect_right(ag.count_starts, first_end), bisect.bisect_left(ag.count_starts, c.first.ns)
    if any(ag.count_at[p].why_perp != "additive_joined_agents" for p in ag.count_starts[k0:k1]):
        return None
    return None, c.span


@rule("agent_before_count", "the nearest actor before the count in its sentence and clause, not a target "
      "(قتل النظام السوري ... 1447 مدنياً)")
def agent_before_count(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    lo = _clause_lo(c)
    # a share that changes state (وتحول 12 منها إلى ...), or an added count (فضلاً عن مقتل 41), is not attributed
    # to the agent found after an earlier count
    turned = (first.split and mark_in(sc.after_marks, first.ns - CAS_CHANGE_VERB_BEFORE, first.ns)) or \
        has_phrase(sc.lex.additive, sc.toks, lo, first.ns)
    return c.fired(backward_actor(ag.acts, ag.act_starts, lo, first.ns, sc.lex, sc.toks, sc.norm,
                                   ag.spent if turned else frozenset()))


@rule("pronoun_refers_to_actor_before", "a pronoun after a clause break before the count (كما أنه قتل 41، في حين "
      "راح ضحية قصفها 129) refers to the nearest actor before that break, in the count's sentence")
def pronoun_refers_to_actor_before(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    lo = max(c.sent.ns, first.ns - CAS_AGENT_BEFORE)
    kb = bisect.bisect_right(ag.bwd_breaks, first.ns) - 1
    if kb < 0 or ag.bwd_breaks[kb] <= lo or not has_phrase(sc.lex.pronoun_back, sc.toks, ag.bwd_breaks[kb], first.ns):
        return None
    return c.fired(backward_actor(ag.acts, ag.act_starts, lo, ag.bwd_breaks[kb], sc.lex, sc.toks, sc.norm))


@rule("elliptic_own_attack_no_agent", "an elliptic count after a contrastive break (في حين، بينما، فيما) hit in "
      "an attack of its own, named indefinitely with no agent (بينما قضى 3 آخرون بقصف طال بلدة "
      "ثانية), when its head's attack is told before the break, is another incident: it does not share its head's "
      "agent; another or a similar attack does")
def elliptic_own_attack_no_agent(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    if c.ci == 0 or first.kind not in ("others", "bare"):
        return None
    prev = ag.items[ag.chains[c.ci - 1][-1]]
    kb = bisect.bisect_right(ag.bwd_breaks, first.ns) - 1
    if prev.sent != first.sent or kb < 0 or ag.bwd_breaks[kb] <= prev.ne:
        return None
    lim = ag.lims[c.ci]
    # the head's own attack is told before the break (قصفت طائرات روسية السوق فقتلت 6، بينما ...): the
    # attack after the elliptic count is another one, not the head's told late (فيما أصيب 61 آخرون، جراء تفجير)
    if sc.lex.cause_indef.search(sc.norm, c.sent.ns, ag.bwd_breaks[kb]) is None or \
            sc.lex.cause_indef.search(sc.norm, first.ne, lim) is None or \
            _first_at(ag.another, first.ne, max(lim, min(c.sent.ne, first.ne + CAS_ANOTHER_ATTACK_AFTER))) is not None:
        return None
    return None, c.span


@rule("elliptic_shares_head", "an elliptic count (وإصابة 20 آخرين، و4) shares the attribution of the count "
      "it follows in its sentence once that count is decided, even when it has none")
def elliptic_shares_head(c: ChainCtx):
    ag, first = c.ag, c.first
    if c.ci == 0 or first.kind not in ("others", "bare"):
        return None
    prev_ch = ag.chains[c.ci - 1]
    if ag.items[prev_ch[0]].sent != first.sent or \
            (first.split and mark_in(ag.sc.after_marks, ag.items[prev_ch[-1]].ne, first.ns)):
        return None
    if not ag.found[c.ci - 1]:  # the head is undecided yet: the incident told around it may decide it (pass 3)
        if c.ci in ag.deferred:
            return None  # pass 3, the head still undecided: the context rules try this count itself
        ag.deferred.add(c.ci)
    return ag.items[prev_ch[0]].perpetrator, c.span


@rule("shared_with_next_count", "the attribution after the next count joined to this one (مقتل 5 وإصابة 20 "
      "آخرين جراء ...), unless a clause break or an agent of its own comes first, or the next count is a part "
      "of this one told with a predicate of its own (أحصينا 90 قتيلاً، منهم 8 قضوا تحت التعذيب في "
      "معتقل)")
def shared_with_next_count(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    if c.ci + 1 >= len(ag.chains) or ag.own[c.ci + 1] is None:
        return None
    nf = ag.items[ag.chains[c.ci + 1][0]]
    lo, hi = c.last.ne, nf.ns
    coord = LIST_GAP.fullmatch(sc.norm, lo, hi) is not None or mark_in(sc.cue_starts, lo, hi)
    km = bisect.bisect_right(ag.marker_ends, hi) - 1
    after_marker = km >= 0 and ag.marker_ends[km] >= lo and \
        _RIGHT_AFTER_MARKER.fullmatch(sc.norm, ag.marker_ends[km], hi) is not None
    part = nf.part_of is not None or after_marker
    # ... but not a share with no noun told after a verb and its marker (60 عنصراً سقط منهم 41 في معارك مع X), nor a
    # share after a comma (تحول 90 إلى مختفين قسرياً، منهم 60 في سجون X): its agent is the share's; a part with
    # its noun right after the total's verb (6 مدنيين جرحوا بينهم طفلة نتيجة ...) shares the total's
    verb_share = (after_marker and nf.kind in ("others", "bare") and mark_in(sc.cue_starts, lo, ag.marker_ends[km])) or \
        (nf.share_of is not None and has_char_between(sc.norm, CLAUSE_CHARS, lo, hi))
    # ... or a count added after an additive connector (إضافة إلى 120 محتجزاً ماتوا تحت التعذيب)
    own = (part or has_phrase(sc.lex.additive, sc.toks, lo, hi)) and \
        _own_predicate(sc, ag.items, ag.chains[c.ci + 1][0])
    # a share after a breakdown marker with no predicate of its own (جرح 4 بينهم طفل نتيجة ...) shares its
    # attribution with the count it breaks down
    if nf.sent == first.sent and (not nf.split or (part and not own)) and not verb_share and \
            nf.kind != "bare" and coord and \
            not own and \
            cut(ag.fwd_breaks_words, lo, hi) == hi and \
            not forward_actor(ag.acts, ag.act_starts, lo, hi, sc.lex, sc.toks, sc.norm)[0]:
        return ag.own[c.ci + 1].value, c.span
    return None


@rule("custodian_named_before", "a custody pronoun after the count (مختفين قسرياً لديها): the actor named "
      "before it, in its line")
def custodian_named_before(c: ChainCtx):
    ag, sc, first, end = c.ag, c.ag.sc, c.first, c.last.ne
    if not ag.custody:
        return None
    kc = bisect.bisect_left(ag.custody, end)
    if kc < len(ag.custody) and ag.custody[kc] - end <= CAS_CUSTODY_PRONOUN_AFTER and \
            not has_char_between(sc.norm, CLAUSE_CHARS, end, ag.custody[kc]):
        lo = max(line_start(sc.norm, first.ns), first.ns - CAS_CUSTODIAN_BEFORE)
        return c.fired(backward_actor(ag.acts, ag.act_starts, lo, first.ns, sc.lex, sc.toks, sc.norm,
                                      holders=True))
    return None


@rule("another_attack_same_agent", "another attack (في حين أصيب 5 أشخاص بغارة أخرى): the attacker of the "
      "count before")
def another_attack_same_agent(c: ChainCtx):
    ag, first = c.ag, c.first
    if c.ci == 0 or not ag.another:
        return None
    ka = bisect.bisect_left(ag.another, first.ne)
    if ka < len(ag.another) and ag.another[ka] < min(c.sent.ne, c.last.ne + CAS_ANOTHER_ATTACK_AFTER):
        before = ag.items[ag.chains[c.ci - 1][0]]
        if before.perpetrator is not None and first.ns - before.ne <= CAS_ANOTHER_ATTACK_GAP:
            return before.perpetrator, c.span
    return None


@rule("line_label_actor", "an actor labelling the count's line or heading its paragraph (- قوات النظام "
      "السوري: ...، أولاً: القوات الروسية)")
def line_label_actor(c: ChainCtx):
    aid = c.ag.labels.last_covering(c.first.ns)  # the last label covering the count
    return (aid, c.span) if aid is not None else None


CHAIN_RULES: tuple[Rule[ChainCtx], ...] = (agent_in_tally_noun, running_tally_no_agent,
                                           disappeared_share_of_detained,
                                           additive_joined_agents, agent_before_count,
                                           pronoun_refers_to_actor_before, elliptic_own_attack_no_agent,
                                           elliptic_shares_head, shared_with_next_count,
                                           custodian_named_before,
                                           another_attack_same_agent, line_label_actor)


# ---------------------------------------------------------------------------
# 3. The incident told around the count
# ---------------------------------------------------------------------------


def _list_block(norm: str, ls: int) -> int:
    """The start of the block of consecutive list lines that ends with the line starting at ``ls``."""
    bs = ls
    while bs > 0:
        ps = line_start(norm, bs - 1)
        if not LIST_LINE.match(norm, ps):
            break
        bs = ps
    return bs


def _attributed_before(ag: Chains, ci: int, bs: int) -> set[str]:
    """The perpetrators of the decided chains that start within CAS_LIST_CONTEXT before ``bs``."""
    firsts = ag.firsts
    lo_c, hi_c = (0, ci)
    if ag.firsts_sorted:
        lo_c, hi_c = bisect.bisect_left(firsts, bs - CAS_LIST_CONTEXT, 0, ci), bisect.bisect_left(firsts, bs, 0, ci)
    before = {ag.items[ag.chains[cj][0]].perpetrator for cj in range(lo_c, hi_c)
              if ag.found[cj] and bs - CAS_LIST_CONTEXT <= firsts[cj] < bs}
    before.discard(None)
    return before


@rule("victims_list_inherits", "a list of victims (- عائلة X: 6 ضحايا) takes the perpetrator of the incident "
      "that introduces it: the one actor of its introducing line, else the one agent of the counts before it, "
      "else the one actor of the paragraph before")
def victims_list_inherits(c: ChainCtx):
    ag, sc = c.ag, c.ag.sc
    norm = sc.norm
    ls = line_start(norm, c.first.ns)
    if not LIST_LINE.match(norm, ls):
        return None
    bs = _list_block(norm, ls)
    intro = line_start(norm, bs - 1) if bs > 0 else bs
    has, aid = ag.sole(intro, bs)
    if not has:
        before = _attributed_before(ag, c.ci, bs)
        if len(before) == 1:
            return before.pop(), c.span
        if before:
            return None
        # no attributed count before it: the one actor of the paragraph before the list
        has, aid = ag.sole(max(0, bs - CAS_LIST_PARAGRAPH_BEFORE), intro)
    return (aid, c.span) if has and aid is not None else None


@rule("result_sentence_inherits", "a result clause opening its own sentence (وسقط ...، ما أدى إلى مقتل 7) "
      "with no agent takes the one agent of the sentence right before it, unless a blank line or a date "
      "(a new incident) comes between")
def result_sentence_inherits(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    norm, si = sc.norm, first.sent
    if LIST_LINE.match(norm, line_start(norm, first.ns)) or not sc.sents or si <= 0:
        return None
    sent = sc.sents[si]
    if MA_RESULT.search(norm, sent.ns, first.ns) is None or \
            not has_phrase(sc.lex.results, sc.toks, sent.ns, first.ns) or \
            ag.sole(sent.ns, first.ns)[0] or \
            ag.dated(sent.ns, first.ns):  # a dated sentence: a new incident
        return None
    prev = sc.sents[si - 1]
    span = sc.nt.span
    if rx(r"[ \t]*\n?[ \t]*").fullmatch(norm[prev.ne:sent.ns]) is None or \
            BLANK_LINE.search(sc.nt.original, span(prev.ne, prev.ne)[0], span(sent.ns, sent.ns)[0]):
        return None
    return c.agent_of(prev.ns, prev.ne)


@rule("cause_noun_refers_back", "a count whose sentence names no agent but refers to its attack by a definite "
      "cause noun before it (وأدى القصف إلى مقتل 4) takes the one attacker of the nearest sentence before it "
      "that names one, within a few sentences; none when that sentence names several, and none for a toll over a "
      "period told before the count (منذ مطلع العام، منذ أواخر نيسان)")
def cause_noun_refers_back(c: ChainCtx):
    return _attack_told_before(c, c.ag.sc.lex.cause_back, c.first.ns)


@rule("cause_noun_indefinite_refers_back", "the same for an indefinite or construct cause noun in the count's "
      "clause, before or after it (رصدت هجمات أسفرت عن مقتل 166، أودى استهداف القرية بحياة طفل، قتلوا جراء "
      "قصف صاروخي): the attack told in the sentences before")
def cause_noun_indefinite_refers_back(c: ChainCtx):
    sc, first = c.ag.sc, c.first
    if not sc.sents or not has_phrase(sc.lex.cause_verbs, sc.toks, sc.sents[first.sent].ns, first.ns):
        return None  # a noun with no result verb (استجابت فرقنا لـ 4 هجمات) is not the count's cause
    return _attack_told_before(c, sc.lex.cause_indef, first.ns)


@rule("cause_noun_after_refers_back", "a definite cause noun after the count, in its clause (كما استشهد مقاتل "
      "نتيجة القصف على خط زركان), after a causal word refers to the attack told before it: the one attacker of the "
      "clause before the count's, else of the sentences before")
def cause_noun_after_refers_back(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    if not sc.sents or sc.lex.cause_after.search(sc.norm, c.last.ne, ag.lims[c.ci]) is None:
        return None
    sent = sc.sents[first.sent]
    kb = bisect.bisect_right(ag.bwd_breaks, first.ns) - 1
    if kb >= 0 and ag.bwd_breaks[kb] > sent.ns and \
            not ag.dated(sent.ns, first.ns):
        has, aid = ag.sole(sent.ns, ag.bwd_breaks[kb])
        if has:
            return aid, c.span
    return _attack_told_before(c, sc.lex.cause_after, ag.lims[c.ci])


def _attack_told_before(c: ChainCtx, cause: regex.Pattern, hi: int):
    """The one attacker of the nearest sentence before the count's that names one, when the count's sentence
    names no agent and a cause noun stands in [its start, ``hi``)."""
    ag, sc, first = c.ag, c.ag.sc, c.first
    norm, si = sc.norm, first.sent
    if not sc.sents or si <= 0 or set(first.outcomes) <= {"displaced"}:  # a campaign displaces, no one agent
        return None
    sent = sc.sents[si]
    if cause.search(norm, sent.ns, hi) is None or \
            ag.sole(sent.ns, c.last.ne)[0] or \
            ag.dated(sent.ns, first.ns) or \
            ag.period(sent.ns, first.ns):  # a dated sentence: a new incident; a period: its toll
        return None
    for sj in range(si - 1, max(-1, si - 1 - CAS_CAUSE_REFERS_SENTENCES), -1):
        prev = sc.sents[sj]
        if prev.ne < first.ns - CAS_CAUSE_REFERS_BACK:
            break
        has, aid = ag.sole(prev.ns, prev.ne)
        if has:
            return aid, c.span
    return None


#: the end of a headline part split from the next by two or three dots (بهجوم مباغت لخلايا داعش.. مقتل 9)
_SPLIT_DOTS = regex.compile(r"(?:\.\.+|…)\s*$")


@rule("headline_split_attacker", "a count opening the part of a line after two dots (بهجوم مباغت لخلايا تنظيم "
      "داعش.. مقتل 9 عناصر) takes the one agent of the part before them, on its line")
def headline_split_attacker(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    norm, si = sc.norm, first.sent
    if not sc.sents or si <= 0:
        return None
    prev, sent = sc.sents[si - 1], sc.sents[si]
    if _SPLIT_DOTS.search(norm, prev.ns, prev.ne) is None or "\n" in norm[prev.ne:sent.ns] or \
            ag.sole(sent.ns, c.last.ne)[0]:
        return None
    return c.agent_of(prev.ns, prev.ne)


@rule("restated_count_takes_earlier", "a count with no agent that restates a decided count told shortly before "
      "it (the same number, group and outcome: استشهد 11 شخصاً إثر تفجير نفذه تنظيم داعش ... وأفاد مراسلنا "
      "باستشهاد 11 شخصاً) takes that count's perpetrator; not a list line nor an item of a tally told in one "
      "sentence (359 في حلب، و27 في الرقة)")
def restated_count_takes_earlier(c: ChainCtx):
    ag, first = c.ag, c.first
    norm = ag.sc.norm
    if first.value is None or first.value < 2 or LIST_LINE.match(norm, line_start(norm, first.ns)):
        return None  # a list line is its own cause (- 30 بقصف روسي / - 30 بتردي الأوضاع)
    if _counts_in_sentence(c) >= CAS_TALLY_SENTENCE_COUNTS:
        return None  # ... and so is an item of a tally told in one sentence (359 في حلب، و27 في الرقة، …)
    for cj in range(c.ci - 1, -1, -1):
        head = ag.items[ag.chains[cj][0]]
        if head.ns < first.ns - CAS_RESTATED_BEFORE:
            break
        if ag.found[cj] and head.perpetrator is not None and head.value == first.value and \
                head.sent != first.sent and head.group == first.group and set(head.outcomes) & set(first.outcomes):
            return head.perpetrator, c.span
    return None


@rule("restated_in_next_sentence", "a count with no agent restated by a decided count of the next sentence (the "
      "same number ≥ 3, group and outcome: قضى 9 مدنيين إثر غارة للطيران الحربي. وأفاد ناشطون بأن 9 مدنيين قتلوا "
      "بقصف لطيران النظام) takes that count's perpetrator; not a list line nor an item of a tally")
def restated_in_next_sentence(c: ChainCtx):
    ag, first = c.ag, c.first
    norm = ag.sc.norm
    if first.value is None or first.value < CAS_RESTATED_NEXT_MIN or first.ns < ag.body or \
            LIST_LINE.match(norm, line_start(norm, first.ns)) or _counts_in_sentence(c) >= CAS_TALLY_SENTENCE_COUNTS:
        return None  # a headline has its own rules; two or one of the next sentence are often another incident's
    for cj in range(c.ci + 1, len(ag.chains)):
        head = ag.items[ag.chains[cj][0]]
        if head.sent > first.sent + 1:
            break
        if head.sent == first.sent + 1 and ag.found[cj] and head.perpetrator is not None and \
                head.value == first.value and head.group == first.group and set(head.outcomes) & set(first.outcomes):
            return head.perpetrator, c.span
    return None


def _counts_in_sentence(c: ChainCtx) -> int:
    """How many chains start in the count's sentence (its neighbours, in text order)."""
    ag, si = c.ag, c.first.sent
    n = 1
    for step in (-1, 1):
        cj = c.ci + step
        while 0 <= cj < len(ag.chains) and ag.items[ag.chains[cj][0]].sent == si:
            n, cj = n + 1, cj + step
    return n


@rule("report_sole_agent", "a count with no agent, no cause or result clause of its own, in an undated sentence "
      "with no actor, in a report "
      "that names one agent only, before it (قصفت قوات النظام البلدة ... وقال مراسلنا إن 6 مدنيين قتلوا): that "
      "agent; not a running tally, a total with its breakdown or a displacement")
def report_sole_agent(c: ChainCtx):
    first = c.first
    if first.tally or len(c.ch) > 1 or set(first.outcomes) <= {"displaced"} or not c.ag.sc.sents:
        return None  # a total with its breakdown is a tally of several incidents
    return _report_agent_for(c)


def _report_agent_for(c: ChainCtx) -> Decision | None:
    """The one agent of the report, named before the count, when the count's sentence tells no cause, result,
    date, victims' side or agent of its own."""
    ag, sc, first = c.ag, c.ag.sc, c.first
    sent = sc.sents[first.sent]
    if has_phrase(sc.lex.attribution, sc.toks, sent.ns, ag.lims[c.ci]) or \
            has_phrase(sc.lex.results, sc.toks, sent.ns, sent.ne) or \
            ag.dated(sent.ns, sent.ne) or mark_in(ag.sides, sent.ns, sent.ne) or \
            ag.sole(sent.ns, sent.ne)[0]:
        return None  # a cause of its own (جراء انفجار لغم، انفجرت سيارة ما أدى إلى), a dated sentence, a side
        # named as victims (وقتل 120 من عناصر قوات النظام: a tally by side), or an agent in its own
        # sentence that did not take it (قتل 2 في حادثة منفصلة): another incident
    return _report_agent_before(c)


def _report_agent_before(c: ChainCtx) -> Decision | None:
    """The one agent of the whole report (found once per report), when an actor is named before the count."""
    ag, sc = c.ag, c.ag.sc
    if ag.report_agent is None:
        ag.report_agent = ag.sole(0, len(sc.norm))
    has, aid = ag.report_agent
    if has and aid is not None and ag.act_starts and ag.act_starts[0] < c.first.ns:
        return aid, c.span
    return None


@rule("detentions_take_report_agent", "a detention count with its breakdown and no agent (جرى اعتقال 15 شاباً "
      "بينهم قاصران), in a sentence with no cause, date or actor of its own, takes the one agent of a report "
      "that attributed an earlier detention count to it (اعتقلت فصائل الجيش الوطني 20 شخصاً ...)")
def detentions_take_report_agent(c: ChainCtx):
    ag, first = c.ag, c.first
    if first.tally or len(c.ch) < 2 or "detained" not in first.outcomes or not ag.sc.sents:
        return None
    hit = _report_agent_for(c)
    if hit is None:
        return None
    earlier = any(ag.found[cj] and "detained" in ag.items[ag.chains[cj][0]].outcomes and
                  ag.items[ag.chains[cj][0]].perpetrator == hit[0] for cj in range(c.ci))
    return hit if earlier else None


def _attack_cause_in(ag: Chains, lo: int, hi: int) -> bool:
    """An attack noun (بقصف جوي، بغارات) stands in [lo, hi), not counted (لـ 4 هجمات)."""
    k = bisect.bisect_left(ag.attack_causes, lo)
    return any(_COUNTED_BEFORE.search(ag.sc.norm, max(0, a0 - CAS_ATTACK_COUNTED_BEFORE), a0) is None
               for a0 in ag.attack_causes[k:bisect.bisect_left(ag.attack_causes, hi)])


def _attack_without_agent(c: ChainCtx) -> bool:
    """The count's sentence names an attack (بقصف جوي، بغارات) but no date, no period before the count and no
    agent of its own."""
    ag, sc = c.ag, c.ag.sc
    sent = sc.sents[c.first.sent]
    return _attack_cause_in(ag, sent.ns, sent.ne) and not ag.dated(sent.ns, sent.ne) and \
        not ag.period(sent.ns, c.first.ns) and not ag.sole(sent.ns, sent.ne)[0]


@rule("attack_cause_refers_back", "a count whose sentence names an attack but no actor nor date (قضى 7 "
      "مدنيين بالضربات على السوق) takes the one attacker of the sentence right before it; a strike "
      "told after a sentence with no attacker is another incident, a period before the count (منذ مطلع العام) "
      "makes it that period's toll")
def attack_cause_refers_back(c: ChainCtx):
    sc, first = c.ag.sc, c.first
    if first.tally or not sc.sents or first.sent <= 0 or set(first.outcomes) <= {"displaced"} or \
            not _attack_without_agent(c):
        return None
    prev = sc.sents[first.sent - 1]
    if prev.ne < first.ns - CAS_CAUSE_REFERS_BACK:
        return None
    return c.agent_of(prev.ns, prev.ne)


@rule("attack_cause_takes_report_agent", "a count whose sentence names an attack (بقصف جوي، بغارات، في ضربات نفذتها "
      "طائرات حربية) and no actor nor date takes the one attacker of a report that names only one, before it; "
      "not a running tally, a total with its breakdown or a displacement")
def attack_cause_takes_report_agent(c: ChainCtx):
    ag, sc, first = c.ag, c.ag.sc, c.first
    if first.tally or len(c.ch) > 1 or set(first.outcomes) <= {"displaced"} or not sc.sents or not ag.acts:
        return None
    return _report_agent_before(c) if _attack_without_agent(c) else None


#: a number right before an attack noun: the attacks are counted (استجابت فرقنا لـ 4 هجمات), not a cause
_COUNTED_BEFORE = regex.compile(r"\d\s*$")


CONTEXT_RULES: tuple[Rule[ChainCtx], ...] = (elliptic_shares_head, victims_list_inherits, result_sentence_inherits,
                                             cause_noun_refers_back, cause_noun_indefinite_refers_back,
                                             cause_noun_after_refers_back, headline_split_attacker,
                                             restated_count_takes_earlier, restated_in_next_sentence,
                                             report_sole_agent,
                                             detentions_take_report_agent,
                                             attack_cause_refers_back, attack_cause_takes_report_agent)


# ---------------------------------------------------------------------------
# 4. A total and the parts listed after it
# ---------------------------------------------------------------------------


@rule("total_of_parts_of_several_agents", "a total whose parts are listed right after it (10 أشخاص بينهم 3 نساء، "
      "هم: 6 ... ببراميل النظام، و4 ... بقصف روسي) and attributed to two or more agents has no single agent")
def total_of_parts_of_several_agents(c: ChainCtx):
    ag, sc = c.ag, c.ag.sc
    end = c.last.ne
    i = sc.toks.first_at_or_after(end)
    if i >= len(sc.toks) or sc.toks.s[i] - end > CAS_TOTAL_LIST_AFTER or \
            has_char_between(sc.norm, SENT_CHARS, end, sc.toks.s[i]) or sc.lex.total_lists.match(sc.toks, i) is None:
        return None
    perps = set()
    for cj in range(c.ci + 1, len(ag.chains)):
        head = ag.items[ag.chains[cj][0]]
        if head.sent != c.first.sent:
            break
        perps.add(head.perpetrator)
    perps.discard(None)
    return (None, c.span) if len(perps) >= 2 else None


TOTAL_RULES: tuple[Rule[ChainCtx], ...] = (total_of_parts_of_several_agents,)


# ---------------------------------------------------------------------------
# 5. A headline count
# ---------------------------------------------------------------------------


@dataclass
class HeadlineCtx:
    items: list[Item]
    body: int  # where the report's body starts
    it: Item


#: what a body count decided null by a rule (joint actors, both sides, a running tally) has for ``why_perp``:
#: anything but these
_UNDECIDED = frozenset({"no_agent_found"})


@rule("headline_restates_shared_body", "a headline count with an actor of its own that restates a body count "
      "(same value, an outcome in common, the same group or a generic one: حصيلة القصف الروسي 15 "
      "قتيلاً over قصف سوري وروسي ... 15 مدنياً) which a rule decided has no single agent takes that null "
      "(ANNOTATING.md 1.2)")
def headline_restates_shared_body(c: HeadlineCtx):
    it = c.it
    if it.perpetrator is None or it.value is None or it.value < 2:
        return None
    for other in c.items:
        if other.ns >= c.body and other.value == it.value and set(other.outcomes) & set(it.outcomes) and \
                (other.group == it.group or it.group in HEADLINE_GENERIC_GROUPS):
            if other.perpetrator is None and other.why_perp not in _UNDECIDED:
                return None, (other.ns, other.ne)
            return None  # the first body count it restates decides
    return None


@rule("headline_takes_body", "a headline count with no perpetrator takes the one of the first body count "
      "it restates (same value or within its range, same group, an outcome in common)")
def headline_takes_body(c: HeadlineCtx):
    it = c.it
    if it.perpetrator is not None:
        return None
    for other in c.items:
        same = other.value == it.value or (it.value is None and other.value is not None and it.min is not None
                                            and it.min <= other.value <= (it.max or other.value))
        if other.ns >= c.body and other.perpetrator is not None and same and \
                other.group == it.group and set(other.outcomes) & set(it.outcomes):
            return other.perpetrator, (other.ns, other.ne)
    return None


HEADLINE_RULES: tuple[Rule[HeadlineCtx], ...] = (headline_restates_shared_body, headline_takes_body)

#: every perpetrator rule, in the order they are tried
PERPETRATOR_RULES = tuple({r.name: r for r in OWN_RULES + CHAIN_RULES + CONTEXT_RULES + TOTAL_RULES +
                                 HEADLINE_RULES}.values())
