"""Small text helpers shared by the extractors, all on the normalized view."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from pipeline.core import settings
from pipeline.core.clitics import PROCLITICS  # noqa: F401  (re-exported; the regex lives with the clitic table)

# Letters of a word (Arabic and Latin), as used for word boundaries.
WORD_CHARS = r"\p{L}\p{M}\p{N}_"
#: Zero-width assertion: no word character before.
WB_L = rf"(?<![{WORD_CHARS}])"
#: Zero-width assertion: no word character after.
WB_R = rf"(?![{WORD_CHARS}])"
#: A bullet that opens a list line (hyphen, bullet, asterisk, en dash, middle dot, small square), as a
#: character class. events.py keeps its own class (it has ◦ and lacks ·).
BULLETS = r"[-•*–·▪]"


@lru_cache(maxsize=None)
def rx(pattern: str) -> "regex.Pattern[str]":
    """``pattern`` compiled once: ``rx(r"[.\\n]").search(s)`` is ``regex.search(r"[.\\n]", s)`` without
    the regex module's own cache look-up at every call (its flag and locale checks)."""
    return regex.compile(pattern)


_SENT_END = regex.compile(r"[.!?;]+(?=\s|$)|\n+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the normalized text: ``norm[ns:ne]``; ``paragraph`` counts from 0."""

    ns: int
    ne: int
    paragraph: int


@lru_cache(maxsize=2)
def sentences(norm: str) -> list[Sentence]:
    """Split the normalized text into sentences (full stops, ! ? ; and line breaks).

    Computed once per text: every stage asks for the same list (never mutate it)."""
    out: list[Sentence] = []
    pos = 0
    para = 0
    for m in _SENT_END.finditer(norm):
        end = m.end() if "\n" not in m.group() else m.start()
        s, e = _strip(norm, pos, end)
        if e > s:
            out.append(Sentence(s, e, para))
        if "\n" in m.group():
            para += 1
        pos = m.end()
    s, e = _strip(norm, pos, len(norm))
    if e > s:
        out.append(Sentence(s, e, para))
    return out


def _strip(norm: str, s: int, e: int) -> tuple[int, int]:
    while s < e and norm[s].isspace():
        s += 1
    while e > s and norm[e - 1].isspace():
        e -= 1
    return s, e


@lru_cache(maxsize=None)
def _char_set_key(chars: str) -> str:
    """``chars`` as a set: its characters once each, sorted, so that equal sets share one cache entry."""
    return "".join(sorted(set(chars)))


@lru_cache(maxsize=8)
def _char_positions(norm: str, key: str) -> list[int]:
    return [m.start() for m in re.finditer("[" + re.escape(key) + "]", norm)]


def char_positions(norm: str, chars: str) -> list[int]:
    """Offsets of every character of ``chars`` in the text, found once per text and character set (the
    order of the characters does not matter: ",;.\\n" and ",.;\\n" share one scan)."""
    return _char_positions(norm, _char_set_key(chars))


char_positions.cache_clear = _char_positions.cache_clear  # type: ignore[attr-defined]


def line_start(norm: str, pos: int) -> int:
    """Where the line holding ``pos`` starts (just after the last newline before ``pos``, else 0)."""
    return norm.rfind("\n", 0, pos) + 1


def has_char_between(norm: str, chars: str, s: int, e: int) -> bool:
    """True when ``norm[s:e]`` holds one of ``chars`` (logarithmic: no scan of a long gap)."""
    pos = char_positions(norm, chars)
    i = bisect.bisect_left(pos, s)
    return i < len(pos) and pos[i] < e


def body_start(norm: str) -> int:
    """Offset of the first body paragraph: lines before it (headline, dateline) are headings. A body line is
    a long one (``settings.BODY_LINE_MIN_CHARS``) or a sentence that ends with a full stop and has at least
    ``settings.BODY_SENTENCE_MIN_WORDS`` words (news sites cut their body into short paragraphs)."""
    pos = 0
    while pos < len(norm):
        e = norm.find("\n", pos)
        e = len(norm) if e < 0 else e
        line = norm[pos:e].strip()
        if e - pos >= settings.BODY_LINE_MIN_CHARS or (
                line.endswith((".", "!", "?", "؟")) and len(line.split()) >= settings.BODY_SENTENCE_MIN_WORDS):
            return pos
        pos = e + 1
    return 0
