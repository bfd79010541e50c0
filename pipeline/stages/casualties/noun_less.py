"""Numbers with no counted noun after them: a tally's count named before it (``بلغت حصيلة الضحايا 57``),
a vague quantity after an outcome word (``مقتل العشرات``), or an elliptic count (``و4 على يد ...``)."""
from __future__ import annotations

from typing import Any

import regex

from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens
from pipeline.core.settings import CAS_LIST_HEAD_WINDOW
from pipeline.core.text import has_char_between
from pipeline.stages.casualties.common import CLAUSE_CHARS, NOUN_GAP
from pipeline.stages.casualties.lexicon import Lex, Slotted
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.nouns import cue_right_before, not_rate, outcome_noun_at


def fallback(item: Item, lex: Lex, toks: _Tokens, norm: str, i: int) -> Item | None:
    """A number with no counted noun: a tally's, a vague quantity after an outcome noun, or an elliptic one."""
    return _count_before(item, lex, toks, norm) or _vague_after_cue(item, lex, toks, norm) or \
        _bare_elliptic(item, lex, toks, norm, i)


def _vague_after_cue(item: Item, lex: Lex, toks: _Tokens, norm: str) -> Item | None:
    """``وإصابة العشرات``, ``مقتل المئات``: a vague quantity right after an outcome word counts persons."""
    n = item.num
    if n is None or n.kind != "vague" or norm[n.ns:n.ne] not in lex.standalone_vague:
        return None  # only the definite form stands alone (العشرات); عشرات always has its noun
    j = toks.last_ending_by(n.ns)
    if j < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[j], n.ns) is None:
        return None
    for k in range(max(0, j - 2), j + 1):
        m = lex.cues.match(toks, k)
        if m is not None and m[0] == j + 1:
            item.group = "persons"
            return not_rate(item, lex, toks, norm)
    return None


def _count_before(item: Item, lex: Lex, toks: _Tokens, norm: str) -> Item | None:
    """A number with no noun after it that a tally names before it.

    ``ليرتفع عدد القتلى المدنيين إلى 45``, ``بلغت حصيلة الضحايا 57``: the counted noun follows عدد/حصيلة
    and the number comes after ``إلى`` or right after the noun phrase, in the same clause.
    """
    j = toks.last_ending_by(item.ns)
    if j < 0 or has_char_between(norm, CLAUSE_CHARS, toks.e[j], item.ns):
        return None
    via_to = toks.t[j] in lex.to_words
    for k in range(j, max(-1, j - 8), -1):
        if k < j and has_char_between(norm, CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
            return None
        if lex.count_of.match(toks, k) is None or k + 1 > j:
            continue
        group, gender, outs = None, None, ()
        e = k + 1
        o = outcome_noun_at(lex, toks, e)
        if o is not None:
            e, outs = o
        g = lex.groups.match(toks, e) if e <= j else None
        if g is not None and g[1].number == "plural":
            group, gender, e = g[1].group, g[1].gender, g[0]
            if not outs:
                o = outcome_noun_at(lex, toks, e)
                if o is not None:
                    e, outs = o  # عدد المدنيين القتلى
        if group is None and not outs:
            return None
        if e - 1 != j and not via_to:
            return None  # the number must follow the noun phrase or إلى
        item.group, item.gender, item.outcomes, item.tally = group or "persons", gender, outs, True
        return not_rate(item, lex, toks, norm)
    return None


#: a و (with nothing after it) ending the text before a count
_AND_BEFORE = Slotted(r"(?:^|[\s,(])<and>\s*$")


def _bare_elliptic(item: Item, lex: Lex, toks: _Tokens, norm: str, i: int) -> Item | None:
    """``و4 على يد قوات النظام``: a number after و with no noun of its own."""
    n = item.num
    assert n is not None
    if n.ns == 0:
        return None
    before = norm[max(0, n.ns - 3):n.ns]
    # the line's head before the count, when short enough to be a list head (whitespace runs are
    # folded in the normalized view, so a list head is a few characters); else only its tail
    lo = max(0, n.ns - CAS_LIST_HEAD_WINDOW)
    nl = norm.rfind("\n", lo, n.ns)
    line_head = norm[nl + 1:n.ns] if nl >= 0 or lo == 0 else None
    if _AND_BEFORE.search(before):
        item.listy = line_head is not None and _LIST_LINE_HEAD.fullmatch(line_head) is not None
    elif _COLON_HEAD.search(norm[lo:n.ns] if line_head is None else line_head) or \
            (line_head is not None and _LIST_LINE_HEAD.fullmatch(line_head)):
        # "كالتالي: 647 على يد ...", "- 67 على يد ...", "– 413 بينهم 35 طفلاً": only with an explicit
        # agent or a breakdown after it
        if i >= len(toks) or (lex.attribution.match(toks, i) is None and lex.breakdown.match(toks, i) is None) \
                or NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) is None:
            return None
        item.listy = True
    elif (outcome := cue_right_before(n.ns, lex, toks, norm)) is not None:
        return _after_verb(item, outcome, lex, toks, norm, i)
    else:
        r = _after_marker_or_prep(item, lex, toks, norm)
        if r is not _BARE:
            return r
    if i < len(toks):
        if not has_char_between(norm, ",.;:)\n", n.ne, toks.s[i]) and lex.followers.match(toks, i) is None:
            return None
    item.kind = "bare"
    return item


#: :func:`_after_marker_or_prep`'s answer for a count that may be bare (its preposition noted)
_BARE: Any = object()


def _after_verb(item: Item, outcome: str, lex: Lex, toks: _Tokens, norm: str, i: int) -> Item | None:
    """A count right after its outcome verb, with no noun of its own (``قضى 17 على يد جهات أخرى``،
    ``وأصيب 25 بينهم 3 نساء``), counts people when a clause break, a follower or a breakdown marker ends it."""
    n = item.num
    if i < len(toks) and not regex.search(r"[,.;:)\n]", norm[n.ne:toks.s[i]]) and \
            lex.followers.match(toks, i) is None and lex.breakdown.match(toks, i) is None and \
            not (toks.t[i].startswith(lex.conj) and cue_right_before(toks.e[i], lex, toks, norm)):
        return None  # "بمقتل 6 وإصابة 21": another outcome joined by و also ends the count
    item.group, item.kind, item.outcomes = "persons", "count", (outcome,)
    item.why_out = "verb_before_bare_count"
    return item


def _after_marker_or_prep(item: Item, lex: Lex, toks: _Tokens, norm: str):
    """A count right after a breakdown marker or a part-list joiner (one more count of the head's group),
    else after a preposition (عن 94، ب604: maybe bare, the preposition noted); else None."""
    n = item.num
    pb = toks.last_ending_by(n.ns)
    spaced = pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], n.ns) is not None
    for phr in (lex.breakdown, lex.part_joiners):
        # "وبينهم 11 أعدمهم التنظيم": a part with no noun of its own; "إضافة إلى 17 مجهولي الهوية"
        if spaced and any((m := phr.match(toks, k)) is not None and m[0] == pb + 1
                          for k in range(max(0, pb - 1), pb + 1)):
            item.kind = "others"
            return item
    if not spaced:
        p = norm[n.ns - 1]
        if p not in lex.gap_preps or (n.ns >= 2 and not norm[n.ns - 2].isspace()):
            return None
        item.prep = p  # a glued preposition: ب604
    elif toks.t[pb] in lex.gap_preps:
        item.prep = toks.t[pb]
    else:
        return None
    return _BARE


#: the head of a list line: a bullet or a list number, optionally followed by و
_LIST_LINE_HEAD = Slotted(r"\s*(?:[-•*–·▪]|\d{1,2}\s*[.)]|\d{1,2}\s*-)\s*(?:<and>\s*)?")


#: a colon closing an introducing phrase just before a count (كالتالي: 647)
_COLON_HEAD = regex.compile(r":\s*$")


