"""Outcomes: the cue or noun that says what happened to the people a count counts."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

import regex

from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens, stems as _stems
from pipeline.core.rules import Rule, decide, rule
from pipeline.core.settings import (
    CAS_AGENT_AFTER, CAS_CHANGE_STATE_AFTER, CAS_CHANGE_VERB_BEFORE, CAS_COMPLEMENTIZER_BEFORE_WORDS, CAS_COORDINATED_GAP,
    CAS_CUE_AFTER, CAS_FATE_ADJECTIVE_WORDS, CAS_FATE_AFTER_WORDS, CAS_FATE_NOUN_BEFORE_WORDS,
    CAS_CUE_BEFORE, CAS_DOCUMENTED_SUBJECT_WORDS, CAS_LIST_OUTCOME_CONTEXT, CAS_SUBJECT_AFTER_COMPLEMENTIZER,
    CAS_SUBJECT_VERB_AFTER,
)
from pipeline.core.text import BULLETS, has_char_between, line_start
from pipeline.stages.casualties.breakdown import joiner_before, sibling_of_total
from pipeline.stages.casualties.common import (
    AND_TAIL, CLAUSE_CHARS, COORD_TAIL, COUNT_LINE, SENT_BREAK, SENT_COLON_CHARS, colon_intro, lines_above, mark_in,
)
from pipeline.stages.casualties.lexicon import Lex, Slotted, load_lexicon
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.scan import Scan


def cue_before(it: Item, cues: list, cue_starts: list[int], sent) -> int | None:
    k = bisect.bisect_left(cue_starts, it.ns) - 1
    while k >= 0:
        c = cues[k]
        if c[1] <= it.ns:
            if c[0] >= sent.ns and it.ns - c[1] <= CAS_CUE_BEFORE:
                return c[0]
            return None
        k -= 1
    return None


def _second_verb(before: tuple, after: tuple, toks: _Tokens | None) -> bool:
    """The cue after a count is joined by و and tells another outcome than the cue before it: the second verb
    of a pair (قتل القناص مساء الأحد، فتاة وجرح اثنتين أخريين), not the count's own."""
    return toks is not None and after[2] != before[2] and toks.t[after[3]].startswith(load_lexicon().conj)


#: what may stand between two outcome cues joined into one (قتل وجرح)
_AND_GAP = Slotted(r"\s*(?:<and>\s*)?")


def _outcomes_for(it: Item, cues: list, cue_starts: list[int], norm: str, sent,
                  after_marks: Sequence[int] = (), item_ends: Sequence[int] = (),
                  toks: _Tokens | None = None) -> tuple[str, ...]:
    """The outcome(s) of a count from the cue before it (``قتل وجرح`` gives two), else after it.

    After a verb of change (``تحول 271 منها إلى حالات اختفاء قسري``) the cue after it wins.
    """
    ka = bisect.bisect_right(after_marks, it.ns) - 1
    if ka >= 0 and it.ns - after_marks[ka] <= CAS_CHANGE_VERB_BEFORE and not SENT_BREAK.search(norm, after_marks[ka], it.ns):
        k = bisect.bisect_left(cue_starts, it.ne)
        if k < len(cues) and cues[k][0] - it.ne <= CAS_CHANGE_STATE_AFTER and cues[k][1] <= sent.ne:
            return (cues[k][2],)
    k = bisect.bisect_left(cue_starts, it.ns) - 1
    while k >= 0 and cues[k][1] > it.ns:
        k -= 1
    ka = bisect.bisect_left(cue_starts, it.ne)
    if k >= 0 and ka < len(cues) and cues[ka][0] - it.ne <= CAS_CUE_AFTER \
            and not has_char_between(norm, CLAUSE_CHARS, it.ne, cues[ka][0]) \
            and cues[ka][1] <= sent.ne and has_char_between(norm, CLAUSE_CHARS, cues[k][1], it.ns) \
            and not _second_verb(cues[k], cues[ka], toks):
        # "..., فيما لا يزال 900 شخص مختفين قسرياً": the state right after the noun, not the earlier clause's;
        # "...، وفقد 20 من عناصر الجيش حياتهم": the count's own cue after it, in its own clause
        return (cues[ka][2],)
    if k >= 0 and cues[k][0] >= sent.ns and it.ns - cues[k][1] <= CAS_CUE_BEFORE:
        outs = [cues[k][2]]
        j = k
        conj = load_lexicon().conj
        while j > 0:
            a, b = cues[j - 1], cues[j]
            if a[0] < sent.ns or not _AND_GAP.fullmatch(norm[a[1]:b[0]]) or \
                    not (norm.startswith(conj, b[0]) or conj in norm[a[1]:b[0]]):
                break
            ke = bisect.bisect_right(item_ends, a[0]) - 1
            kn = bisect.bisect_left(item_ends, a[1])
            if kn < len(item_ends) and item_ends[kn] == a[1]:
                break  # "سقط 30 شهيداً وأصيب 86 آخرون": that outcome noun is the count before's own noun
            if ke >= 0 and _ONLY_SPACE.fullmatch(norm, item_ends[ke], a[0]) is not None:
                break  # "7 أطفال قتلوا وأصيب 12 آخرون": that verb belongs to the count before it
            if ke >= 0 and item_ends[ke] >= sent.ns and a[0] - item_ends[ke] <= CAS_CUE_AFTER and \
                    (j < 2 or cues[j - 2][1] <= item_ends[ke]):
                break  # "وفقد 20 من عناصر الجيش حياتهم وأصيب 11 آخرون": the count before's own cue
            if a[2] not in outs:
                outs.insert(0, a[2])
            j -= 1
        return tuple(outs)
    k = bisect.bisect_left(cue_starts, it.ne)
    if k < len(cues) and after_marks and \
            bisect.bisect_left(after_marks, it.ne) < bisect.bisect_left(after_marks, cues[k][0]):
        return ()  # "42 حالة، تحول 30 منها إلى مختفين قسرياً": that state is the share's, not the count's
    if k < len(cues) and cues[k][0] - it.ne <= CAS_CUE_AFTER and cues[k][1] <= sent.ne:
        return (cues[k][2],)
    if it.tally and k < len(cues) and cues[k][0] - it.ne <= CAS_AGENT_AFTER and cues[k][1] <= sent.ne \
            and not has_char_between(norm, CLAUSE_CHARS, it.ne, cues[k][0]) \
            and load_lexicon().rel_before_cue.search(norm, it.ne, cues[k][0]):
        # "ارتفع إلى 402 عدد عناصر قوات النظام والمسلحين الموالين لها الذين قتلوا": the relative clause's verb
        return (cues[k][2],)
    return ()


def _context_outcomes(it: Item, kept: list[Item], cues: list, cue_starts: list[int],
                      norm: str) -> tuple[str, ...]:
    """The outcome of a count with none in its sentence, when it stands in a list.

    A list line (``- 211 مدنياً ...``), a labelled line (``قوات النظام: 368 حالة``) or a
    line that introduces a list (``643 مدنياً، بينهم ...، وهم:``) takes the outcome of the
    nearest introducing line above that states one, else of the previous total.
    """
    ls = line_start(norm, it.ns)
    le = norm.find("\n", it.ns)
    le = len(norm) if le < 0 else le
    line = norm[ls:le].rstrip()
    counted = COUNT_LINE.match(norm, ls) is not None and colon_intro(norm, ls) >= 0
    if not (it.listy or _LIST_OR_LABEL.match(norm, ls, it.ns) or line.endswith(":") or counted):
        return ()
    for ps, pe, pline in lines_above(norm, ls):
        if pline.endswith(":"):
            k = bisect.bisect_left(cue_starts, ps)
            if k < len(cues) and cues[k][1] <= pe:
                return (cues[k][2],)
            continue
        if _LIST_OR_LABEL.match(pline) or (counted and COUNT_LINE.match(pline)):
            continue
        break
    for t in reversed(kept):
        if t.part_of is None and not t.split:
            return t.outcomes if it.ns - t.ne < CAS_LIST_OUTCOME_CONTEXT else ()
    return ()


def _fate_unknown(it: Item, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """True when the count's fate is stated unknown: ``مصير N ... مجهولاً``, ``N ... مجهولي المصير``."""
    i = toks.first_at_or_after(it.ne)
    for k in range(i, min(len(toks), i + CAS_FATE_AFTER_WORDS)):
        if has_char_between(norm, CLAUSE_CHARS, it.ne, toks.s[k]):
            break
        if lex.fate_after.match(toks, k) is not None and k - i < CAS_FATE_ADJECTIVE_WORDS:
            return True  # 14 شخصاً مجهولي المصير
        if lex.fate_unknown.match(toks, k) is not None:
            j = toks.last_ending_by(it.ns)
            for b in range(j, max(-1, j - CAS_FATE_NOUN_BEFORE_WORDS), -1):
                if has_char_between(norm, CLAUSE_CHARS, toks.e[b], it.ns):
                    break
                if lex.fate_nouns.match(toks, b) is not None:
                    return True  # مصير 9 منهم مجهولاً
            # "ما زال مصير 70 شخصاً اعتقلتهم ... مجهولاً" has مصير before the count; else not a fate frame
            return False
    return False


def cue_trigger(it: Item, outcome: str, cues: list, cue_starts: list[int], sent) -> tuple[int, int]:
    """The outcome cue nearest the count inside its sentence, else the count itself (a noun like قتيلاً)."""
    lo, hi = (sent.ns, sent.ne) if sent is not None else (it.ns - CAS_CUE_BEFORE, it.ne + CAS_CUE_AFTER)
    k0, k1 = bisect.bisect_left(cue_starts, lo), bisect.bisect_left(cue_starts, hi)
    near = [c for c in cues[k0:k1] if c[2] == outcome]
    if not near:
        return (it.ns, it.ne)
    c = min(near, key=lambda c: min(abs(c[0] - it.ne), abs(it.ns - c[1])))
    return (c[0], c[1])


_LIST_OR_LABEL = regex.compile(r"[ \t]*(?:" + BULLETS + r"|\d{1,2}[ \t]*[.)-])|[^\n:]{1,60}:[ \t]*$")


@dataclass
class OutcomeCtx:
    """One count as the outcome rules see it: the count before it in its sentence (``prev``), whether it
    continues a total across a semicolon (``cont``), and the counts kept so far."""

    sc: Scan
    it: Item
    prev: Item | None
    cont: bool
    kept: list[Item]
    coordinated: bool = False  # joined to ``prev`` by a comma and و, with no outcome of its own

    @property
    def span(self) -> tuple[int, int]:
        return (self.it.ns, self.it.ne)

    @property
    def sent(self):
        return self.sc.sents[self.it.sent] if self.sc.sents else None

    @property
    def head(self) -> Item:
        """The total of ``prev`` when it is a part, else ``prev``."""
        prev = self.prev
        return self.kept[prev.part_of] if prev.part_of is not None else prev


def decide_outcomes(sc: Scan, it: Item, prev: Item | None, cont: bool, kept: list[Item]) -> None:
    """Set the outcome(s) of a count and the rule behind them (``it.why_out``) by :data:`OUTCOME_RULES`;
    none when no rule fires (the count is then dropped)."""
    ctx = OutcomeCtx(sc, it, prev, cont, kept)
    ctx.coordinated = it.part_of is None and not it.outcomes and prev is not None and bool(prev.outcomes) and \
        it.kind != "others" and _coordinated(sc, it, prev, ctx.sent)
    d = decide(OUTCOME_RULES, ctx)
    if ctx.coordinated and not sibling_of_total(it, prev, kept, sc.norm):
        it.part_of = prev.part_of  # a count coordinated with a part is one more part of its total
    if cont and cue_before(it, sc.cues, sc.cue_starts, ctx.sent) is None:  # the total's cause too
        it.cause_of = prev.part_of if prev.part_of is not None else len(kept) - 1
    it.outcomes, it.why_out = (d.value, d.rule) if d is not None else ((), "outcome_of_context")


@rule("fate_unknown", "the count's fate is stated unknown (لا يزال مصير 9 منهم مجهولاً، 14 شخصاً مجهولي "
      "المصير): disappeared, unless it is a part of a total")
def fate_unknown(c: OutcomeCtx):
    part_of = c.prev.part_of if c.coordinated else c.it.part_of
    if part_of is None and _fate_unknown(c.it, c.sc.lex, c.sc.toks, c.sc.norm):
        return ("disappeared",), c.span
    return None


@rule("share_continues_total", "a share across a semicolon (وفاة 102 من المعتقلين …؛ 97 منهم في …) with no "
      "cue of its own keeps its total's outcome")
def share_continues_total(c: OutcomeCtx):
    if c.cont and cue_before(c.it, c.sc.cues, c.sc.cue_starts, c.sent) is None:
        return c.head.outcomes, c.span
    return None


@rule("breakdown_takes_total", "a part of a total (بينهم 3 أطفال) has its total's outcome")
def breakdown_takes_total(c: OutcomeCtx):
    if c.it.part_of is not None:
        return c.kept[c.it.part_of].outcomes, c.span
    return None


@rule("verb_before_bare_count", "a count with no noun right after its outcome verb (قضى 17 على يد ...)")
def verb_before_bare_count(c: OutcomeCtx):
    if c.it.outcomes and c.it.why_out == "verb_before_bare_count":
        return c.it.outcomes, c.span
    return None


@rule("wounded_who_died", "a count of wounded (جريحاً، جرحى، مصابين) right after a death word (وفاة 15 جريحاً، "
      "مقتل 3 من الجرحى): the wounded who died, killed")
def wounded_who_died(c: OutcomeCtx):
    it = c.it
    if it.outcomes != ("injured",) or it.why_out != "outcome_cue":
        return None
    toks, lex = c.sc.toks, c.sc.lex
    pb = toks.last_ending_by(it.ns)
    if pb < 0 or _OPEN_OR_SPACE.fullmatch(c.sc.norm, toks.e[pb], it.ns) is None:
        return None
    for k in range(max(0, pb - 1), pb + 1):
        m = lex.death_of_wounded.match(toks, k)
        if m is not None and m[0] == pb + 1:
            return ("killed",), c.span
    return None


_OPEN_OR_SPACE = regex.compile(r"[\s(\[«\"“]*")


@rule("outcome_noun", "the counted noun names the outcome (قتيلاً، جريحاً، حالة اعتقال), or the count took it "
      "with its group (a gapped verb: و218 على يد ...)")
def outcome_noun(c: OutcomeCtx):
    return (c.it.outcomes, c.span) if c.it.outcomes else None


@rule("coordinated_with_previous", "a count coordinated with the one before by a comma and و (وهم: 4 من "
      "عناصر الميليشيات ...، و3 من ...) shares its outcome")
def coordinated_with_previous(c: OutcomeCtx):
    return (c.prev.outcomes, c.span) if c.coordinated else None


@rule("outcome_cue", "the outcome cue before the count in its sentence (قتل وجرح gives both), else right "
      "after it; after a verb of change (تحول 271 منها إلى) the cue after it")
def outcome_cue(c: OutcomeCtx):
    sc = c.sc
    outs = _outcomes_for(c.it, sc.cues, sc.cue_starts, sc.norm, c.sent, sc.after_marks, sc.item_ends, sc.toks)
    return (outs, c.span) if outs else None


@rule("own_verb_after_count", "a count followed right away by its own outcome verb, after counts governed by "
      "an earlier verb (سقط 40 شهيداً، بينهم …، و120 شخصاً أصيبوا بجروح): the verb after it")
def own_verb_after_count(c: OutcomeCtx):
    sc, it = c.sc, c.it
    k = bisect.bisect_left(sc.cue_starts, it.ne)
    if k >= len(sc.cues) or _ONLY_SPACE.fullmatch(sc.norm, it.ne, sc.cues[k][0]) is None or \
            sc.toks.t[sc.cues[k][3]].startswith(sc.lex.conj) or sc.cues[k][1] > c.sent.ne:
        return None
    kb = bisect.bisect_left(sc.cue_starts, it.ns) - 1
    if kb < 0 or sc.cues[kb][1] > it.ns or sc.cues[kb][0] < c.sent.ns:
        return None
    between = bisect.bisect_right(sc.item_ends, it.ns) - bisect.bisect_left(sc.item_ends, sc.cues[kb][1])
    return ((sc.cues[k][2],), c.span) if between > 0 else None


@rule("share_of_cases_takes_total", "a count of cases referring back to the cases told before (40 حالة من تلك "
      "الحالات جرت على يد ...) with no outcome cue of its own has that tally's outcome")
def share_of_cases_takes_total(c: OutcomeCtx):
    it = c.it
    if it.case and it.share_of is not None and c.kept[it.share_of].outcomes:
        return c.kept[it.share_of].outcomes, c.span
    return None


@rule("subject_before_verb", "a count opening a reported clause (إن 12 مدنياً من عائلة واحدة بينهم 5 أطفال "
      "قتلوا، أن 39 طفلاً و16 امرأة ... لقوا حتفهم) takes the outcome verb after it in its sentence")
def subject_before_verb(c: OutcomeCtx):
    outs = _clause_subject_outcome(c.sc, c.it, c.sent)
    return (outs, c.span) if outs else None


def _clause_subject_outcome(sc: Scan, it: Item, sent) -> tuple[str, ...]:
    """The outcome of the plural verb (``clause_predicates``) that ends the clause a complementizer (إن، أن،
    بأن) opens with the count, with only counts and their nouns between (no cue, no clause break)."""
    if sent is None:
        return ()
    lex, toks, norm = sc.lex, sc.toks, sc.norm
    j = toks.last_ending_by(it.ns)
    opened = False
    for k in range(j, max(-1, j - CAS_COMPLEMENTIZER_BEFORE_WORDS), -1):
        if toks.s[k] < sent.ns or it.ns - toks.e[k] > CAS_SUBJECT_AFTER_COMPLEMENTIZER or \
                has_char_between(norm, _SUBJECT_BREAKS, toks.e[k], it.ns):
            return ()
        if set(_stems(toks.t[k])) & lex.complementizers:
            opened = not mark_in(sc.cue_starts, toks.e[k], it.ns)
            break
    if not opened:
        return ()
    for k in range(toks.first_at_or_after(it.ne), len(toks)):
        if toks.e[k] > sent.ne or toks.s[k] - it.ne > CAS_SUBJECT_VERB_AFTER or \
                has_char_between(norm, _SUBJECT_BREAKS, it.ne, toks.s[k]):
            return ()
        p = lex.predicates.match(toks, k)
        if p is not None:
            return (p[1],)
        if lex.breaks_fwd.match(toks, k) is not None or set(_stems(toks.t[k])) & lex.complementizers:
            return ()  # "إن 5 مدنيين نزحوا، فيما قتل ...": another clause's verb
    return ()


#: what ends a reported clause's subject (a comma does not: إن 239 مدنياً بينهم 13 طفلاً، قضوا)
_SUBJECT_BREAKS = SENT_COLON_CHARS


@rule("elliptic_takes_head", "an elliptic count (وإصابة 20 آخرين) or one after a joiner (، إضافة إلى 17 "
      "مجهولي الهوية) has the outcome of the count it follows")
def elliptic_takes_head(c: OutcomeCtx):
    if c.prev is None or not (c.it.kind == "others" or joiner_before(c.it, c.prev, c.sc.lex, c.sc.toks)):
        return None
    outs = c.head.outcomes
    return (outs, c.span) if outs else None


@rule("outcome_of_context", "a list line, a labelled line or a line introducing a list takes the outcome of "
      "the nearest introducing line above that states one, else of the previous total")
def outcome_of_context(c: OutcomeCtx):
    outs = _context_outcomes(c.it, c.kept, c.sc.cues, c.sc.cue_starts, c.sc.norm)
    return (outs, c.span) if outs else None


@rule("documented_takes_report_outcome", "a count of a group after a verb of documenting and its subject, with "
      "no outcome in its sentence (كما وثقت الشبكة 6036 مدنياً خلال الأشهر الثمانية), has the report's one "
      "outcome so far")
def documented_takes_report_outcome(c: OutcomeCtx):
    it, sc = c.it, c.sc
    if it.kind != "count" or it.group in (None, "persons") or not c.kept or c.sent is None:
        return None
    outs = {o for k in c.kept for o in k.outcomes}
    if len(outs) != 1 or mark_in(sc.cue_starts, c.sent.ns, c.sent.ne):
        return None
    toks = sc.toks
    j = toks.last_ending_by(it.ns)
    for k in range(j, max(-1, j - CAS_DOCUMENTED_SUBJECT_WORDS - 1), -1):
        if toks.s[k] < c.sent.ns or has_char_between(sc.norm, CLAUSE_CHARS, toks.e[k], it.ns):
            return None
        if sc.lex.documenting.match(toks, k) is not None:
            return (next(iter(outs)),), c.span
    return None


@rule("among_group_named_before", "a sentence that opens with بين and a plural group noun (ومن بين المدنيين، 40 "
      "قاصراً و22 سيدة) and has no outcome cue: its counts are among that group's count told before, and take "
      "that count's outcome")
def among_group_named_before(c: OutcomeCtx):
    it, sc = c.it, c.sc
    if c.sent is None or not c.kept or it.kind not in ("count", "single") or \
            mark_in(sc.cue_starts, c.sent.ns, c.sent.ne):
        return None
    toks = sc.toks
    m = sc.lex.among.match(toks, toks.first_at_or_after(c.sent.ns))
    g = sc.lex.groups.match(toks, m[0]) if m is not None and m[0] < len(toks) else None
    if g is None or g[1].number != "plural" or toks.e[g[0] - 1] > it.ns:
        return None
    head = next((k for k in reversed(c.kept) if k.group == g[1].group and k.outcomes), None)
    return (head.outcomes, c.span) if head is not None else None


#: the outcome rules, in the order they are tried
OUTCOME_RULES: tuple[Rule[OutcomeCtx], ...] = (
    fate_unknown, share_continues_total, breakdown_takes_total, verb_before_bare_count, wounded_who_died, outcome_noun,
    coordinated_with_previous, own_verb_after_count, outcome_cue, share_of_cases_takes_total, subject_before_verb,
    elliptic_takes_head,
    outcome_of_context, documented_takes_report_outcome, among_group_named_before)


def _coord_tail(norm: str, prev: Item, it: Item) -> bool:
    """A comma and و before ``it``; a bare و once ``prev`` continued its list with a comma and و, or was itself
    coordinated (…، و8 مقاتلين سابقين و5 مجهولي الهوية و2 من عناصر الشرطة)."""
    if COORD_TAIL.search(norm, prev.ne, it.ns) is not None:
        return True
    return AND_TAIL.search(norm, prev.ne, it.ns) is not None and \
        (prev.why_out == "coordinated_with_previous" or
         COORD_TAIL.search(norm, max(0, prev.ns - _LIST_TAIL_CHARS), prev.ns) is not None)


#: how far before a count its list's comma and و are looked for
_LIST_TAIL_CHARS = 6


def _coordinated(sc: Scan, it: Item, prev: Item, sent) -> bool:
    """``it`` joined to ``prev`` by a comma and و, close, in one clause, with no cue or number between."""
    norm, cue_starts = sc.norm, sc.cue_starts
    return cue_before(it, sc.cues, cue_starts, sent) is None and it.ns - prev.ne <= CAS_COORDINATED_GAP and \
        not mark_in(cue_starts, prev.ne, it.ns) and _coord_tail(norm, prev, it) and \
        not SENT_BREAK.search(norm, prev.ne, it.ns) and \
        bisect.bisect_left(sc.num_starts, it.ns) - bisect.bisect_right(sc.num_starts, prev.ne) <= 0
