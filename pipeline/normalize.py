"""The normalized view of a text, with a map back to the original offsets.

Extractors match on ``NormText.norm``: diacritics, tatweel and zero-width marks
removed, alef/hamza forms, alef maqsura and teh marbuta unified, presentation
forms folded, Arabic-Indic and Persian digits turned into ASCII, Arabic
punctuation unified and whitespace folded. Every normalized character remembers
the original characters it came from, so ``NormText.span(ns, ne)`` turns a
normalized match into a ``[start, end]`` span of the ORIGINAL text.

The character mapping itself comes from camel-tools (``normalize_unicode``,
``dediac_ar``, ``normalize_alef_ar``, ...), applied once per code point when the
module is imported; the offset bookkeeping is ours.
"""
from __future__ import annotations

import unicodedata
from array import array
from functools import lru_cache

import regex
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

__all__ = ["NormText", "normalize", "norm_key", "spec_fold", "undecorate"]

# Code points whose normalized form is looked up once, at import time.
_RANGES = (
    (0x0600, 0x0700),  # Arabic
    (0x0750, 0x0780),  # Arabic Supplement
    (0x08A0, 0x0900),  # Arabic Extended-A
    (0xFB50, 0xFE00),  # Presentation Forms-A
    (0xFE70, 0xFF00),  # Presentation Forms-B
)
_DIGITS = {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
_PUNCT = {
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    "\u061f": "?",  # Arabic question mark
    "\u066c": ",",  # Arabic thousands separator
    "\u066b": ".",  # Arabic decimal separator
    "\u066a": "%",  # Arabic percent sign
    "\u06d4": ".",  # Arabic full stop
    "\u06cc": "\u064a",  # Farsi yeh -> yeh
    "\u06a9": "\u0643",  # keheh -> kaf
    # Persian and Kurdish letters that Arabic outlets use in names (گري سبي, ڤيان, پیرانشهر)
    "\u06af": "\u0643",  # gaf -> kaf
    "\u06a4": "\u0641",  # veh -> feh
    "\u067e": "\u0628",  # peh -> beh
    "\u0686": "\u062c",  # tcheh -> jeem
    "\u0698": "\u0632",  # jeh -> zain
    "\u06d5": "\u0647",  # ae -> heh
    "\u06ce": "\u064a",  # yeh with small v -> yeh
    "\u06c6": "\u0648",  # oe -> waw
    "\u0695": "\u0631",  # reh with small v below -> reh
    "\u06b5": "\u0644",  # lam with small v -> lam
}
# Invisible marks that carry no letter: removed like diacritics.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u0640"


def _fold_with_camel(ch: str) -> str:
    s = normalize_unicode(ch)
    s = dediac_ar(s)
    s = normalize_alef_ar(s)
    s = normalize_alef_maksura_ar(s)
    s = normalize_teh_marbuta_ar(s)
    return "".join(_PUNCT.get(c, _DIGITS.get(c, c)) for c in s)


def _build_tables() -> tuple[dict[int, str], str, dict[str, str]]:
    one_to_one: dict[int, str] = {}
    deleted: list[str] = list(_INVISIBLE)
    expanded: dict[str, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            if unicodedata.category(ch) == "Cn":
                continue
            folded = _fold_with_camel(ch)
            if folded == ch:
                continue
            if folded == "" or unicodedata.category(ch) == "Mn":
                deleted.append(ch)
            elif len(folded) == 1:
                one_to_one[cp] = folded
            else:
                expanded[ch] = folded
    for ch, folded in {**_DIGITS, **_PUNCT}.items():
        one_to_one[ord(ch)] = folded
    one_to_one[0x00A0] = " "  # no-break space
    return one_to_one, "".join(sorted(set(deleted))), expanded


_ONE_TO_ONE, _DELETED, _EXPANDED = _build_tables()
_DELETED_SET = frozenset(_DELETED)
_DEL = regex.escape(_DELETED)
# A run of whitespace and/or deletable marks that actually changes something:
# any deletable mark, two or more whitespace characters, or whitespace other
# than a plain space or newline; or a character that expands to several.
_EDIT = regex.compile(
    rf"(?P<run>[{_DEL}]+(?:\s|[{_DEL}])*|\s(?:\s|[{_DEL}])+|[^\S \n](?:\s|[{_DEL}])*)"
    + (rf"|(?P<exp>[{regex.escape(''.join(_EXPANDED))}])" if _EXPANDED else "")
)


class NormText:
    """A text and its normalized view, with offsets mapping back to the original."""

    __slots__ = ("original", "norm", "_starts", "_ends")

    def __init__(self, original: str, norm: str, starts: array, ends: array):
        self.original = original
        self.norm = norm
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self.norm)

    def span(self, ns: int, ne: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized slice ``norm[ns:ne]``."""
        if ne <= ns:
            pos = self._starts[ns] if ns < len(self._starts) else len(self.original)
            return pos, pos
        return self._starts[ns], self._ends[ne - 1]

    def quote(self, ns: int, ne: int) -> str:
        """The original text behind ``norm[ns:ne]``."""
        s, e = self.span(ns, ne)
        return self.original[s:e]

    def norm_index(self, orig_pos: int) -> int:
        """The first normalized index whose original start is >= ``orig_pos``."""
        import bisect

        return bisect.bisect_left(self._starts, orig_pos)


def normalize(text: str) -> NormText:
    """Normalize ``text`` keeping, for each normalized character, its original span."""
    t1 = text.translate(_ONE_TO_ONE)  # same length as text
    pieces: list[str] = []
    starts = array("l")
    ends = array("l")
    pos = 0
    for m in _EDIT.finditer(t1):
        a, b = m.span()
        if a > pos:
            pieces.append(t1[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        if m.lastgroup == "exp":
            rep = _EXPANDED[m.group()]
            pieces.append(rep)
            starts.extend([a] * len(rep))
            ends.extend([b] * len(rep))
        else:
            run = m.group()
            # Marks right after a letter belong to it: a span ending on the
            # letter also covers its diacritics.
            k = 0
            while k < len(run) and run[k] in _DELETED_SET:
                k += 1
            if k and ends:
                ends[-1] = a + k
                j = len(starts) - 2  # the other letters of an expanded ligature
                while j >= 0 and starts[j] == starts[-1]:
                    ends[j] = a + k
                    j -= 1
            if k < len(run):
                pieces.append("\n" if ("\n" in run or "\r" in run or "\u2029" in run) else " ")
                starts.append(a + k)
                ends.append(b)
        pos = b
    if pos < len(t1):
        pieces.append(t1[pos:])
        starts.extend(range(pos, len(t1)))
        ends.extend(range(pos + 1, len(t1) + 1))
    return NormText(text, "".join(pieces), starts, ends)


@lru_cache(maxsize=65536)
def norm_key(s: str) -> str:
    """Normalized form of a lexicon entry or a name: folded, trimmed, single-spaced."""
    return " ".join(normalize(s).norm.split())


_SPEC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def undecorate(s: str) -> str:
    """``s`` without diacritics, tatweel and invisible marks, its letters untouched."""
    return "".join(c for c in s if c not in _DELETED_SET)


def spec_fold(name: str) -> str:
    """The name normalization of SPEC section 4 (gold matching): alef forms -> ا, ى -> ي, ة -> ه,
    no diacritics or tatweel, single spaces. Coarser letters (گ, ڤ ...) are kept apart."""
    return " ".join(undecorate(name).translate(_SPEC_LETTERS).split())
