"""Numbers with no counted noun after them: a tally's count named before it (``بلغت حصيلة الضحايا 57``),
a vague quantity after an outcome word (``مقتل العشرات``), or an elliptic count (``و4 على يد ...``)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from pipeline.core.lexicon import load_json
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens
from pipeline.core.settings import (
    CAS_BREAKDOWN_GAP, CAS_HEADING_TALLY_LINES, CAS_HEADING_TITLE_CHARS, CAS_LIST_HEAD_WINDOW, CAS_TALLY_RELATIVE_WORDS, CAS_YEAR_LABEL_MAX,
    CAS_TALLY_FAR_WORDS, CAS_TALLY_TO_WORDS, CAS_YEAR_LABEL_MIN,
)
from pipeline.core.text import BULLETS, has_char_between, line_start, rx
from pipeline.stages.casualties.common import (
    CLAUSE_CHARS, CLAUSE_CLOSE_CHARS, NOUN_GAP, OPEN_GAP, SENT_CHARS, SENT_COLON_CHARS, SENT_COMMA_CHARS,
)
from pipeline.stages.casualties.lexicon import Lex, Slotted
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.nouns import cue_right_before, group_at, not_rate, outcome_noun_at


def fallback(item: Item, lex: Lex, toks: _Tokens, norm: str, i: int) -> Item | None:
    """A number with no counted noun: a tally's, a vague quantity after an outcome noun, or an elliptic one;
    never a year labelling what follows (التقرير السنوي للضحايا 2014: (32,507) ضحية)."""
    if _year_label(item, norm):
        return None
    return _heading_tally(item, lex, toks, norm, i) or _label_tally(item, lex, toks, norm) or \
        _rise_to_tally(item, lex, toks, norm, i) or _count_before(item, lex, toks, norm) or _vague_after_cue(item, lex, toks, norm) or \
        _bare_elliptic(item, lex, toks, norm, i)


def _heading_tally(item: Item, lex: Lex, toks: _Tokens, norm: str, i: int) -> Item | None:
    """A count labelled by a word or two (a place) with no noun of its own, in lines under a heading that
    names the victims (``توزع الضحايا على المحافظات:`` / ``حلب: 8,391`` or ``حلب 197، إدلب 75``): a count of
    the heading's outcome and group (else of the report's first total's group)."""
    n = item.num
    if n is None or n.kind not in ("digits", "words") or \
            (i < len(toks) and not has_char_between(norm, SENT_COMMA_CHARS, n.ne, toks.s[i])):
        return None
    ls = line_start(norm, n.ns)
    seg = max(ls, norm.rfind(",", ls, n.ns) + 1)
    if _TALLY_LABEL.fullmatch(norm, seg, n.ns) is None:
        return None
    pos = ls
    for _ in range(CAS_HEADING_TALLY_LINES):
        if pos <= 1:
            return None
        pe = pos - 1
        ps = line_start(norm, pe)
        pos = ps
        line = norm[ps:pe].strip()
        if not line or _TALLY_LINE.fullmatch(line):
            continue
        if not (line.endswith(":") or (len(line) <= CAS_HEADING_TITLE_CHARS and not rx(r"\d").search(line))):
            return None  # a heading ends with a colon, or is a short title with no number
        found = _heading_outcome(lex, toks, ps, pe)
        if found is None:
            return None
        item.outcomes, grp = found
        item.tally, item.why_out = True, "outcome_noun"
        if grp is None:  # "توزع الضحايا:": the group of the report's first total (decided when linking)
            item.heading_tally = True
            return item
        item.group, item.gender = grp.group, grp.gender
        return not_rate(item, lex, toks, norm)
    return None


def tally_group_before(pos: int, lex: Lex, toks: _Tokens, norm: str):
    """The plural group noun right after a tally noun (عدد المدنيين) a few words before ``pos`` in its
    clause, else None."""
    j = toks.last_ending_by(pos)
    for k in range(j, max(-1, j - CAS_TALLY_RELATIVE_WORDS), -1):
        if has_char_between(norm, CLAUSE_CHARS, toks.e[k], pos) and not _topic_answered(k, pos, lex, toks, norm):
            return None
        if lex.count_of.match(toks, k) is not None and k + 1 <= j and toks.joined(k, k + 1):
            o = outcome_noun_at(lex, toks, k + 1)  # "عدد الجرحى من المدنيين"
            e = o[0] if o is not None else k + 1
            g = group_at(lex, toks, e) if e <= j and toks.joined(e - 1, e) else None
            return g[1] if g is not None and g[1].number == "plural" else None
        if lex.count_of_pron.match(toks, k) is not None:
            return _plural_group_before(k, lex, toks, norm)  # "وعن العسكريين فقد وصل عددهم إلى 40 شهيداً"
    return None


def _topic_answered(k: int, pos: int, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """Between word ``k`` and ``pos`` the only clause mark is one comma right before the verb with ف that
    answers a topic (وأما حصيلة المصابين من الأطفال، فوصلت 60)."""
    marks = [p for p in range(toks.e[k], pos) if norm[p] in CLAUSE_CHARS]
    if len(marks) != 1 or norm[marks[0]] not in ",،":
        return False
    a = toks.first_at_or_after(marks[0])
    m = lex.resumers.match(toks, a) if a < len(toks) else None
    return m is not None and not has_char_between(norm, CLAUSE_CHARS, toks.e[m[0] - 1], pos)


def _plural_group_before(k: int, lex: Lex, toks: _Tokens, norm: str):
    """The nearest plural group noun before word ``k`` in its sentence and a few words back, else None."""
    for b in range(k - 1, max(-1, k - 1 - CAS_TALLY_RELATIVE_WORDS), -1):
        if has_char_between(norm, SENT_CHARS, toks.e[b], toks.s[k]):
            return None
        g = lex.groups.match(toks, b)
        if g is not None and g[1].number == "plural":
            return g[1]
    return None


def _label_tally(item: Item, lex: Lex, toks: _Tokens, norm: str) -> Item | None:
    """``الشهداء المدنيون: 1889 بينهم …``: a count right after a line's label that names its outcome (and
    group) and a colon."""
    n = item.num
    if n is None:
        return None
    m = _AFTER_COLON.search(norm, max(0, n.ns - 4), n.ns)
    if m is None:
        return None
    ls = line_start(norm, m.start())
    if _SHORT_LABEL.fullmatch(norm, ls, m.start()) is None:
        return None
    found = _heading_outcome(lex, toks, ls, m.start())
    if found is None or found[1] is None:
        return None  # with no group of its own the list-line rules decide (قوات النظام: 368 حالة)
    item.outcomes, grp = found
    item.group, item.gender, item.tally, item.why_out = grp.group, grp.gender, True, "outcome_noun"
    return not_rate(item, lex, toks, norm)


#: a colon right before a count, and a short label (one to four words, maybe a bullet) before the colon
_AFTER_COLON = regex.compile(r":[^\S\n]*[(\[/]?$")
_SHORT_LABEL = regex.compile(r"\s*(?:" + BULLETS + r"\s*)?[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*")


def _heading_outcome(lex: Lex, toks: _Tokens, lo: int, hi: int):
    """The outcome noun or cue of a heading in ``[lo, hi)`` and the plural group noun right after it
    (``الضحايا المدنيين``): ``((outcome,), group or None)``, else None."""
    k = toks.first_at_or_after(lo)
    while k < len(toks) and toks.e[k] <= hi:
        o = outcome_noun_at(lex, toks, k)
        end, outs = (o[0], o[1]) if o is not None else (None, ())
        if o is None:
            c = lex.cues.match(toks, k)
            if c is not None:
                end, outs = c[0], (c[1],)
        if outs:
            g = lex.groups.match(toks, end) if end < len(toks) and toks.e[end] <= hi else None
            return outs, (g[1] if g is not None and g[1].number == "plural" else None)
        k += 1
    return None


#: the label of a tally count: a bullet, then one to four words, then a colon (حلب: 8,391، - ريف دمشق 48)
_TALLY_LABEL = regex.compile(r"\s*(?:" + BULLETS + r"\s*)?[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*:?\s*[(\[/]?")
#: a line of labelled tally counts (حلب: 8,391 / حلب 197, ادلب 75, حمص 62)
_TALLY_LINE = regex.compile(
    r"(?:\s*(?:" + BULLETS + r"\s*)?[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*:?\s*[(\[/]?\d[\d,.]*[)\]/]?\s*[,.]?)+\s*")


def _rise_to_tally(item: Item, lex: Lex, toks: _Tokens, norm: str, i: int) -> Item | None:
    """``ارتفع إلى 9 على الأقل بينهم 3 أطفال عدد الشهداء``: a running tally after إلى whose breakdown comes
    before its counted noun (عدد + an outcome or group noun), in one clause."""
    n = item.num
    j = toks.last_ending_by(item.ns)
    if n is None or j < 0 or toks.t[j] not in lex.to_words or i >= len(toks) or \
            lex.breakdown.match(toks, i) is None or has_char_between(norm, SENT_CHARS, n.ne, toks.s[i]):
        return None
    for k in range(i + 1, len(toks) - 1):
        if toks.s[k] - n.ne > CAS_BREAKDOWN_GAP or has_char_between(norm, SENT_COLON_CHARS, toks.e[k - 1], toks.s[k]):
            return None
        if lex.count_of.match(toks, k) is None or not toks.joined(k, k + 1):
            continue
        o = outcome_noun_at(lex, toks, k + 1)
        g = group_at(lex, toks, o[0] if o is not None else k + 1)
        if o is None and (g is None or g[1].number != "plural"):
            return None
        grp = g[1] if g is not None and g[1].number == "plural" else None
        item.outcomes = o[1] if o is not None else ()
        item.group, item.gender = (grp.group, grp.gender) if grp is not None else ("persons", None)
        item.tally = True
        return not_rate(item, lex, toks, norm)
    return None


def _year_label(item: Item, norm: str) -> bool:
    """True when the number is a bare year followed by a colon or another number (a heading's year)."""
    n = item.num
    if n is None or n.kind != "digits" or n.value is None or \
            not CAS_YEAR_LABEL_MIN <= n.value <= CAS_YEAR_LABEL_MAX:
        return False
    cs, ce = n.core if n.core else (n.ns, n.ne)
    if not rx(r"\d{4}").fullmatch(norm[cs:ce]):
        return False
    return _LABEL_AFTER.match(norm, ce) is not None


#: what follows a year that labels the text after it: a colon, or a number (in brackets)
_LABEL_AFTER = regex.compile(r"[^\S\n]*(?::|[(\[]?\d)")


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
            a = toks.first_at_or_after(n.ne)
            if a < len(toks) and toks.joined(a - 1, a) and lex.vague_non_persons.match(toks, a) is not None:
                return None  # "تهجير المئات من الأسر": families, no count of people
            item.group, item.vague_alone = "persons", True
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
    # "عدد القتلى الذين قضوا نتيجة القصف بالهاون (97).": a relative clause between, the count closing it
    closes = _CLOSES_CLAUSE.match(norm, item.num.ne if item.num is not None else item.ne) is not None
    # after إلى the tally noun may stand further back, across commas setting off a place or an agent, when
    # the number ends its clause or opens a breakdown (rise_to_count_across_commas)
    far = via_to and _ends_or_breaks(item, lex, toks, norm)
    breaks = SENT_COLON_CHARS if far else CLAUSE_CHARS
    for k in range(j, max(-1, j - (CAS_TALLY_TO_WORDS if far else CAS_TALLY_RELATIVE_WORDS)), -1):
        if k < j and has_char_between(norm, breaks, toks.e[k], toks.s[k + 1]):
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
            if via_to and k == j - 1 and toks.t[k].startswith(lex.article):
                # "قضى خمسة أشخاص، ثم ارتفع العدد إلى سبعة": the number of the count before, grown
                item.kind, item.tally = "others", True
                return item
            return None
        if e - 1 != j and not via_to and not (closes and e <= j and toks.t[e] in lex.relatives):
            return None  # the number must follow the noun phrase, إلى, or close the noun's relative clause
        if k <= j - CAS_TALLY_FAR_WORDS and not via_to and not (closes and e <= j and toks.t[e] in lex.relatives):
            return None  # far from its noun only after إلى (ارتفعت حصيلة ضحايا الاعتداء … على حي … إلى 44)
        item.group, item.gender, item.outcomes, item.tally = group or "persons", gender, outs, True
        item.tally_at = toks.s[k]
        return not_rate(item, lex, toks, norm)
    return None


def _ends_or_breaks(item: Item, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """The number ends its clause (a clause mark or the end right after it) or opens its breakdown (بينهم)."""
    e = item.num.ne if item.num is not None else item.ne
    if _ENDS_CLAUSE.match(norm, e) is not None:
        return True
    i = toks.first_at_or_after(e)
    return i < len(toks) and _ONLY_SPACE.fullmatch(norm, e, toks.s[i]) is not None and \
        lex.breakdown.match(toks, i) is not None


#: a clause mark or the end right after a number
_ENDS_CLAUSE = regex.compile(r"[^\S\n]*(?:[.,;:\n]|$)")

#: what follows a count that closes its clause: a closing bracket or slash, then a clause mark or the end
_CLOSES_CLAUSE = regex.compile(r"[)\]/]?[^\S\n]*(?:[.,;:\n]|$)")


#: a و (with nothing after it but an opening bracket: و(5)) ending the text before a count
_AND_BEFORE = Slotted(r"(?:^|[\s,(])<and>\s*[(\[]?\s*$")


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
        if not has_char_between(norm, CLAUSE_CLOSE_CHARS, n.ne, toks.s[i]) and lex.followers.match(toks, i) is None:
            return None
    item.kind = "bare"
    return item


#: :func:`_after_marker_or_prep`'s answer for a count that may be bare (its preposition noted)
_BARE: Any = object()


def _after_verb(item: Item, outcome: str, lex: Lex, toks: _Tokens, norm: str, i: int) -> Item | None:
    """A count right after its outcome verb, with no noun of its own (``قضى 17 على يد جهات أخرى``،
    ``وأصيب 25 بينهم 3 نساء``), counts people when a clause break, a follower or a breakdown marker ends it."""
    n = item.num
    if _noun_in_span(n, norm):
        return None  # "أصابت ثلاث مدارس على الأقل": the qualifier after took the verb's object into the span
    if i < len(toks) and not rx(r"[,.;:)\n]").search(norm[n.ne:toks.s[i]]) and \
            lex.followers.match(toks, i) is None and lex.breakdown.match(toks, i) is None and \
            not (toks.t[i].startswith(lex.conj) and cue_right_before(toks.e[i], lex, toks, norm)):
        return None  # "بمقتل 6 وإصابة 21": another outcome joined by و also ends the count
    item.group, item.kind, item.outcomes = "persons", "count", (outcome,)
    item.why_out = "verb_before_bare_count"
    return item


def _noun_in_span(n, norm: str) -> bool:
    """True when a word other than a qualifier stands inside the number's span after its core (``ثلاث مدارس
    على الأقل``)."""
    if n.core is None or n.core[1] >= n.ne:
        return False
    rest = norm[n.core[1]:n.ne]
    for q in _qualifiers_after():
        rest = rest.replace(q, " ")
    return rx(r"\p{L}").search(rest) is not None


@lru_cache(maxsize=1)
def _qualifiers_after() -> tuple[str, ...]:
    """The normalized qualifier phrases that may follow a number (number_words.json), longest first."""
    words = {norm_key(w) for ws in load_json("number_words.json")["qualifiers_after"].values() for w in ws}
    return tuple(sorted(words, key=len, reverse=True))


def _after_marker_or_prep(item: Item, lex: Lex, toks: _Tokens, norm: str):
    """A count right after a breakdown marker or a part-list joiner (one more count of the head's group),
    else after a preposition (عن 94، ب604: maybe bare, the preposition noted); else None."""
    n = item.num
    pb = toks.last_ending_by(n.ns)
    spaced = pb >= 0 and OPEN_GAP.fullmatch(norm, toks.e[pb], n.ns) is not None
    for phr in (lex.breakdown, lex.part_joiners):
        # "وبينهم 11 أعدمهم التنظيم": a part with no noun of its own; "إضافة إلى 17 مجهولي الهوية"
        if spaced and any((m := phr.match(toks, k)) is not None and m[0] == pb + 1
                          for k in range(max(0, pb - 1), pb + 1)):
            item.kind, item.after_marker = "others", phr is lex.breakdown
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
_LIST_LINE_HEAD = Slotted(r"\s*(?:" + BULLETS + r"|\d{1,2}\s*[.)]|\d{1,2}\s*-)\s*(?:<and>\s*)?")


#: a colon closing an introducing phrase just before a count (كالتالي: 647)
_COLON_HEAD = regex.compile(r":\s*$")


