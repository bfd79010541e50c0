"""The normalized view of a text, with a map back to the original offsets.

Extractors match on ``NormText.norm``: diacritics, tatweel and zero-width marks
removed, alef/hamza forms, alef maqsura and teh marbuta unified, presentation
forms folded, Arabic-Indic and Persian digits turned into ASCII, Arabic
punctuation unified and whitespace folded. Every normalized character remembers
the original characters it came from, so ``NormText.span(ns, ne)`` turns a
normalized match into a ``[start, end]`` span of the ORIGINAL text.

The character mapping itself comes from camel-tools (``normalize_unicode``,
``dediac_ar``, ``normalize_alef_ar``, ...): ``lexicons/build_normalization.py``
applies them once per code point and writes ``lexicons/normalization.json``, which
this module loads (camel-tools is not imported at run time); the offset
bookkeeping is ours.
"""
from __future__ import annotations

import json
import re
from array import array
from functools import lru_cache


from pipeline.core.settings import LEXICON_DIR

__all__ = ["NormText", "normalize", "norm_key", "spec_fold", "undecorate"]


def _load_table() -> tuple[dict[int, str], str, dict[str, str]]:
    """``lexicons/normalization.json``, generated from camel-tools by ``lexicons/build_normalization.py``."""
    with open(LEXICON_DIR / "normalization.json", encoding="utf-8") as fh:
        table = json.load(fh)
    one_to_one = {int(cp, 16): rep for cp, rep in table["one_to_one"].items()}
    return one_to_one, table["deleted"], dict(table["expanded"])


_ONE_TO_ONE, _DELETED, _EXPANDED = _load_table()
_DELETED_SET = frozenset(_DELETED)
_DEL = re.escape(_DELETED)
# Unicode White_Space, what ``regex``'s ``\s`` matches (``re``'s ``\s`` adds the separators \x1c-\x1f).
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_WS_OTHER = "\t\x0b\x0c\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # not space, not \n
# A run of whitespace and/or deletable marks that actually changes something:
# any deletable mark, two or more whitespace characters, or whitespace other
# than a plain space or newline; or a character that expands to several.
# (The standard ``re`` engine: four times faster than ``regex`` on these classes.)
_EDIT = re.compile(
    rf"(?P<run>[{_DEL}]+[{_WS}{_DEL}]*|[{_WS}][{_WS}{_DEL}]+|[{_WS_OTHER}][{_WS}{_DEL}]*)"
    + (rf"|(?P<exp>[{re.escape(''.join(_EXPANDED))}])" if _EXPANDED else "")
)


class NormText:
    """A text and its normalized view, with offsets mapping back to the original."""

    __slots__ = ("original", "norm", "_starts", "_ends", "shared")

    def __init__(self, original: str, norm: str, starts: array, ends: array):
        self.original = original
        self.norm = norm
        self._starts = starts
        self._ends = ends
        #: the text's shared analysis (sentences, tokens, words), built once by
        #: :func:`pipeline.core.document.text_doc` and read by every stage
        self.shared = None

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


#: 0, 1, 2 ... (4-byte offsets): the offsets of an unchanged stretch of text are a slice of it, copied
#: at once rather than counted one by one; grown on demand up to _IOTA_MAX, a longer text makes its own.
_IOTA = array("i")
_IOTA_MAX = 1 << 20


def _iota(n: int, code: str) -> array:
    """An array of at least ``n`` offsets 0, 1, 2 ... of type ``code``."""
    global _IOTA
    if code != "i" or n > _IOTA_MAX:
        return array(code, range(n))
    if len(_IOTA) < n:
        _IOTA = array("i", range(min(_IOTA_MAX, max(n, 2 * len(_IOTA), 1 << 14))))
    return _IOTA


def normalize(text: str) -> NormText:
    """Normalize ``text`` keeping, for each normalized character, its original span."""
    t1 = text.translate(_ONE_TO_ONE)  # same length as text
    pieces: list[str] = []
    code = "i" if len(text) < 2**31 - 1 else "q"  # 4 bytes an offset where they fit
    iota = _iota(len(t1) + 1, code)
    starts = array(code)
    ends = array(code)
    pos = 0
    for m in _EDIT.finditer(t1):
        a, b = m.span()
        if a > pos:
            pieces.append(t1[pos:a])
            starts.extend(iota[pos:a])
            ends.extend(iota[pos + 1:a + 1])
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
        starts.extend(iota[pos:len(t1)])
        ends.extend(iota[pos + 1:len(t1) + 1])
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
