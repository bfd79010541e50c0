"""Shared helpers of the casualties stage: phrase scans, span tests and clause-break patterns (the reach
limits are the ``CAS_*`` settings)."""
from __future__ import annotations

import bisect
from typing import Any, Iterable, Iterator, Sequence

import regex

from pipeline.core.phrases import WordPhrases as _Phrases, WordTokens as _Tokens
from pipeline.core.settings import CAS_AGE_GAP, CAS_LIST_INTRO_LINES
from pipeline.core.text import line_start
from pipeline.stages.casualties.lexicon import Slotted


#: what may stand between a number and its counted noun (spaces, brackets, quotes, the slashes that some
#: outlets put around a count: 12// مدنياً، /74/ آخرين)
NOUN_GAP = regex.compile(r"[\s()\[\]«»\"'“”\-/]*")
#: what may stand between a word and the number after it (spaces, an opening bracket or slash: منهم (13)،
#: مقتل /5/)
OPEN_GAP = regex.compile(r"[\s(\[«\"“/]*")
#: what joins two counts of a list (a comma, a colon, a dash, و)
LIST_GAP = Slotted(r"[\s,:()\-]*(?:<and>\s*)?")
#: ... after a person noun and its one adjective (صبي صغير ووالدته، مسن كردي وزوجته)
ADJ_LIST_GAP = Slotted(r"\s+\p{L}{3,}\s+<and>\s*")


def scan_phrases(lex_phr: _Phrases, toks: _Tokens) -> list[tuple[int, int, Any, int, int]]:
    """Every non-overlapping phrase match in the text: ``(ns, ne, payload, i, j)`` (from the lexicon's hits,
    found once per text)."""
    s, e = toks.s, toks.e
    return [(s[i], e[j - 1], payload, i, j) for i, (j, payload, _) in lex_phr.hits(toks).scan()]


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


class Intervals:
    """A set of spans answering "does [s, e) overlap any of them?" in O(log n)."""

    __slots__ = ("starts", "max_end")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        iv = sorted(spans)
        self.starts = [a for a, _ in iv]
        self.max_end: list[int] = []  # running maximum of the ends, in start order
        m = -1
        for _, b in iv:
            m = max(m, b)
            self.max_end.append(m)

    def hits(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.starts, e) - 1  # last interval starting before e
        return k >= 0 and self.max_end[k] > s


#: the character sets that end a clause or a sentence, named once (``has_char_between`` keys its cache on the
#: set, whatever the order of its characters)
#: a clause break: full stop, semicolon, comma, colon, line end
CLAUSE_CHARS = ".;,:\n"
#: a sentence break: full stop, semicolon, line end (no comma, no colon)
SENT_CHARS = ".;\n"
#: a sentence break or a colon (no comma)
SENT_COLON_CHARS = ".;:\n"
#: a sentence break or a comma (no colon)
SENT_COMMA_CHARS = ",.;\n"
#: a clause break or a closing parenthesis
CLAUSE_CLOSE_CHARS = ",.;:)\n"


CLAUSE_PUNCT = regex.compile("[" + regex.escape(CLAUSE_CHARS) + "]")


def mark_in(marks: Sequence[int], lo: int, hi: int) -> bool:
    """True when a mark position lies inside ``[lo, hi)`` (marks sorted: outcome cues' starts, breakdown
    markers, dates, any sorted positions)."""
    k = bisect.bisect_left(marks, lo)
    return k < len(marks) and marks[k] < hi


def cut(breaks: list[int], lo: int, hi: int) -> int:
    """``hi`` cut at the first clause break after ``lo``."""
    k = bisect.bisect_right(breaks, lo)
    return min(hi, breaks[k]) if k < len(breaks) else hi


def has_phrase(phr: _Phrases, toks: _Tokens, lo: int, hi: int) -> bool:
    """True when a phrase of ``phr`` starts at a word inside ``[lo, hi)``."""
    i0 = toks.first_at_or_after(lo)
    i1 = toks.last_ending_by(hi)
    return i0 <= i1 and phr.hits(toks).any_in(i0, i1)


def age_list_gap(lex: Any, toks: _Tokens, norm: str, lo: int, hi: int) -> bool:
    """The gap ``[lo, hi)`` between two counts of a list is an age of the first and a و (``7 أطفال دون سن الـ15
    و3 نساء``، ``فتى في الـ17 من عمره ووالدته``): short, with no clause mark, an age qualifier in it."""
    return hi - lo <= CAS_AGE_GAP and not any(c in CLAUSE_CHARS for c in norm[lo:hi]) and \
        AND_TAIL.search(norm, lo, hi) is not None and has_phrase(lex.age_quals, toks, lo, hi)


def start_of(m: Any) -> int:
    return m.ns


SENT_BREAK = regex.compile("[" + regex.escape(SENT_CHARS) + "]")


COORD_TAIL = Slotted(r",\s*<and>\s*$")
#: a bare و (after a space or a closing quote) right before a count
AND_TAIL = Slotted(r"[\s”\"»)]<and>\s*$")


#: the quotes (and hashtag marks) a name may stand in (تنظيم "الدولة الإسلامية" و"جبهة النصرة"، #الاحتلال التركي#)
_QUOTES = r"[\s\"'“”«»‘’#]*"
#: two actors joined by و, the second maybe after a belittling epithet (داعش وما يسمى "جيش الإسلام")
JOINED_ACTORS = Slotted(_QUOTES + r"(?:,\s*)?<and>" + _QUOTES + r"(?:<joined_epithets>\s*)?" + _QUOTES +
                        r"(?:\p{L}{2,8}\s+)?")
#: a quoted name that is no actor, then و (ومرتزقة “لواء الشمال” و…): the list of joined actors goes on
JOINED_AFTER_NAME = Slotted(r"\s*(?:<and>)?[\"“«][^\"”»\n]{1,40}[\"”»]" + _QUOTES + r"<and>" + _QUOTES + r"(?:\p{L}{2,8}\s+)?")
#: only quotes and spaces: a name in apposition to the actor before it (مرتزقة “الحمزات”)
APPOSED_ACTORS = regex.compile(_QUOTES)


COMMA_WAW = Slotted(r"[,;]\s*<and>")


GAP_TAIL = regex.compile(r"[\s,:(\-]*")




#: groups a total broken down by بينهم can have (children or women are parts, not totals of parts)
TOTAL_GROUPS = frozenset({"civilians", "persons", "fighters", "detainees"})


#: a line that opens with a count (65 مدنياً …، (12) طفلاً …)
COUNT_LINE = regex.compile(r"[ \t]*\(?\d")


def lines_above(norm: str, ls: int) -> Iterator[tuple[int, int, str]]:
    """``(start, end, stripped text)`` of the non-blank lines above the line at ``ls``, nearest first, at
    most ``CAS_LIST_INTRO_LINES`` lines up (blank ones included)."""
    pos = ls
    for _ in range(CAS_LIST_INTRO_LINES):
        if pos <= 1:
            return
        pe = pos - 1
        ps = line_start(norm, pe)
        pos = ps
        pline = norm[ps:pe].strip()
        if pline:
            yield ps, pe, pline


def colon_intro(norm: str, ls: int) -> int:
    """The start of the line that ends with a colon above the line at ``ls``, over other lines that open with
    a count (بلغ عدد القتلى 650 شخصاً، وهم: / 65 مدنياً … / 477 عنصراً …), else -1."""
    for ps, _pe, pline in lines_above(norm, ls):
        if pline.endswith(":"):
            return ps
        if not COUNT_LINE.match(pline):
            return -1
    return -1
