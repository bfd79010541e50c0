"""The one clitic table (``lexicons/clitics.json``) and the helpers every stage uses.

Arabic glues a conjunction (و ف), then a preposition (ب ل ك), then the article (ال) in front of a
word, and writes ل + ال as لل. The letters live in the lexicon only; this module turns them into
sets, regex fragments and word readings:

- ``CONJ`` / ``PREP``: the letters as strings (``w[0] in CONJ``); ``ARTICLE``, ``LAM_ARTICLE``;
  ``WA``, ``FA``, ``BI``, ``LI``, ``KA``: each letter by name;
- ``COMBOS``: every proclitic sequence a lexicon term may carry (conjunction? + preposition?);
- ``subset(name)``: a named subset of the table, in its order (a stage that uses fewer clitics on
  purpose names its subset, e.g. ``"bi_li"``);
- ``cls(letters)`` / ``alt(seq)``: a regex character class / an ordered alternation;
- ``PROCLITICS``: the regex of conjunction? + preposition? (a preposition only before a letter);
- ``splits(word)``: a word's readings as ``(proclitics, base, fused)``.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from pipeline.core.lexicon import load_json

_T = load_json("clitics.json")

#: The conjunctions and the prepositions, as strings of letters (``w[0] in CONJ``).
CONJ: str = "".join(_T["conjunctions"])
PREP: str = "".join(_T["prepositions"])
#: The article, and the article fused with the preposition ل.
ARTICLE: str = _T["article"]
LAM_ARTICLE: str = _T["lam_article"]
#: Each letter by name (``WA`` is the و of coordination).
WA: str = _T["letters"]["wa"]
FA: str = _T["letters"]["fa"]
BI: str = _T["letters"]["bi"]
LI: str = _T["letters"]["li"]
KA: str = _T["letters"]["ka"]
#: Every proclitic sequence before a lexicon term: "", a conjunction, a preposition, or both.
COMBOS: frozenset[str] = frozenset([""] + list(CONJ) + list(PREP) + [c + p for c in CONJ for p in PREP])
#: Before a term whose article fused with ل (للنظام): only a conjunction.
BEFORE_FUSED: frozenset[str] = frozenset([""] + list(CONJ))


def subset(name: str) -> tuple[str, ...]:
    """A named subset of the table, in its order."""
    return tuple(_T["subsets"][name])


def cls(letters: str | tuple[str, ...]) -> str:
    """A regex character class of single letters: ``cls(CONJ)`` -> ``[وف]``."""
    return "[" + regex.escape("".join(letters)) + "]"


def alt(seq: tuple[str, ...]) -> str:
    """An ordered regex alternation: ``(?:و|ف|ب|ل|وب|ول)`` (the first that fits is tried first)."""
    return "(?:" + "|".join(regex.escape(s) for s in seq) + ")"


#: Conjunction? + preposition? (a preposition only when a letter follows), e.g. وبريف, فالرقه, لحلب.
PROCLITICS = rf"(?:{cls(CONJ)}?(?:{cls(PREP)}(?=\S))?)"
#: Before a Latin acronym the article may be glued on too (الـPYD -> الPYD).
BEFORE_LATIN: frozenset[str] = COMBOS | frozenset(subset("before_latin_term"))


@lru_cache(maxsize=65536)
def splits(word: str) -> tuple[tuple[str, str, bool], ...]:
    """Readings of a word as ``(proclitics, base, fused)``; a fused ``لل`` gives the base with its article."""
    out = [("", word, False)]
    for k in (1, 2):
        c = word[:k]
        if len(word) - k >= 2 and c in COMBOS and c:
            out.append((c, word[k:], False))
    for c in ("",) + tuple(CONJ):
        if word.startswith(c + LAM_ARTICLE) and len(word) > len(c) + 3:
            out.append((c, ARTICLE + word[len(c) + len(LAM_ARTICLE):], True))
    return tuple(out)


def word_forms(w: str) -> tuple[str, ...]:
    """A word and what remains after stripping proclitics and the article."""
    out = [w]
    b = w
    if len(b) > 3 and b[0] in CONJ:
        b = b[1:]
        out.append(b)
    if len(b) > 3 and b[0] in PREP:
        if b.startswith(LAM_ARTICLE) and len(b) > 4:
            out.append(ARTICLE + b[2:])
        b = b[1:]
        out.append(b)
    if len(b) > 4 and b.startswith(ARTICLE):
        out.append(b[2:])
    return tuple(out)


_STEM_PREFIXES = subset("stem_prefixes")
_BARE_PREFIXES = subset("bare_stem_prefixes")


@lru_cache(maxsize=65536)
def stems(tok: str) -> tuple[str, ...]:
    """A word and what remains after stripping each proclitic/article it may carry."""
    out = [tok]
    for p in _STEM_PREFIXES:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            rest = tok[len(p):]
            out.append(rest)
            if p.endswith(LAM_ARTICLE):
                out.append(ARTICLE + rest)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def bare_stems(tok: str) -> tuple[str, ...]:
    """Stems of an indefinite word: only the conjunctions and the prepositions ب ل may be stripped."""
    out = [tok]
    for p in _BARE_PREFIXES:
        if tok.startswith(p) and len(tok) - len(p) >= 2 and not tok[len(p):].startswith(ARTICLE):
            out.append(tok[len(p):])
    return tuple(dict.fromkeys(out))


def conj_stripped(word: str, words: frozenset[str] | set[str]) -> bool:
    """``word`` is in ``words``, or is one of them with a conjunction glued on (verbs take only و/ف)."""
    return word in words or (len(word) > 3 and word[0] in CONJ and word[1:] in words)
