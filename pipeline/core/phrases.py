"""Shared phrase matching and word helpers for the extraction stages.

``PhraseMatcher`` finds many lexicon phrases in one pass over the normalized
text (an Aho-Corasick automaton built once), longest first and non-overlapping,
with the proclitics Arabic glues on; ``term_variants`` gives the surface forms a
lexicon term takes (accusative alef, fused ``لل``). ``word_tokens`` and
``word_forms`` split and strip words; ``harm_terms`` is ``lexicons/harm_verbs.json``
as word sets. Used by the actors, weapons, facilities and events stages.
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, NamedTuple

import ahocorasick
import regex

from pipeline.core.clitics import BEFORE_FUSED, BEFORE_LATIN, COMBOS, ARTICLE, LAM_ARTICLE, bare_stems, conj_stripped, stems, word_forms
from pipeline.core.clitics import splits as clitic_splits
from pipeline.core.lexicon import load_json
from pipeline.core.normalize import norm_key

__all__ = [
    "PhraseMatcher",
    "PhraseMatch",
    "HarmTerms",
    "harm_terms",
    "Tok",
    "word_tokens",
    "word_forms",
    "term_variants",
    "is_word_char",
    "select_longest",
    "clitic_splits",
]

# ---------------------------------------------------------------------------
# Phrase matching (shared)
# ---------------------------------------------------------------------------

#: Clitics before a term (conjunction, then preposition), before a fused لل form, before a Latin term:
#: see :mod:`pipeline.core.clitics`.
_CLITICS = COMBOS
_FUSED_CLITICS = BEFORE_FUSED
_LATIN_CLITICS = BEFORE_LATIN
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_NO_TANWEEN_ALEF = set("هايوىء")
_ASCII_UPPER = regex.compile(r"[A-Z]+")


def _lower(m: "regex.Match[str]") -> str:
    return m.group().lower()


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def term_variants(key: str, accusative: bool = True) -> list[tuple[str, bool]]:
    """Surface variants of a normalized term: ``(variant, fused)``.

    - the term itself;
    - the accusative with tanween alef on each indefinite word (برميلا متفجرا), unless ``accusative`` is off
      (a name takes no tanween);
    - the article fused with the preposition ل (النظام -> للنظام), flagged ``fused``.
    """
    out = [(key, False)]
    if not accusative:
        if key.startswith(ARTICLE) and len(key) > 3:
            out.append((LAM_ARTICLE + key[2:], True))
        return out
    words = key.split(" ")

    def acc(w: str) -> str:
        if w.startswith((ARTICLE, LAM_ARTICLE)) or w[-1:] in _NO_TANWEEN_ALEF or w.isascii():
            return w
        return w + "ا"

    # every indefinite word (noun + adjective: برميلا متفجرا), or the head only
    # (construct or prepositional phrase: مركزا للدفاع المدني)
    for form in (" ".join(acc(w) for w in words), " ".join([acc(words[0])] + words[1:])):
        if form != key and all(form != f for f, _ in out):
            out.append((form, False))
    if key.startswith(ARTICLE) and len(key) > 3:
        out.append((LAM_ARTICLE + key[2:], True))
    return out


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A lexicon term found in the normalized text.

    ``ns``/``ne`` cover the term without its proclitics (for a fused ``لل`` form
    the whole word minus و/ف); ``ws`` is where the word starts, clitics included.
    """

    ns: int
    ne: int
    ws: int
    clitic: str
    fused: bool
    value: Any


class PhraseMatcher:
    """Longest-first, non-overlapping matching of many phrases in one pass.

    ``entries`` are ``(term, value)``; terms are normalized with ``norm_key``.
    A value of ``None`` marks a shadow term: it wins over the shorter terms it
    contains but is not returned. Matches must sit on word boundaries, with
    only proclitics (و ف ب ل ك) glued in front; Latin terms match any case.

    ``variants`` adds each term's surface variants (:func:`term_variants`; ``accusative=False``: only the
    fused ``لل`` form, as for names); ``latin=False`` matches Latin letters as written, with the clitics
    of any term (the gazetteer's names).
    """

    def __init__(self, entries: Iterable[tuple[str, Any]], *, variants: bool = True, accusative: bool = True,
                 latin: bool = True):
        self._auto = ahocorasick.Automaton()
        self.latin = latin
        self.conflicts: list[tuple[str, Any, Any]] = []
        seen: dict[str, Any] = {}
        for term, value in entries:
            key = norm_key(term)
            if latin:
                key = key.translate(_ASCII_LOWER)
            if not key:
                continue
            forms = term_variants(key, accusative) if variants else [(key, False)]
            for form, fused in forms:
                if form in seen:
                    if seen[form] != value and form == key:
                        self.conflicts.append((form, seen[form], value))
                    continue
                seen[form] = value
                self._auto.add_word(form, (len(form), fused, latin and form[:1].isascii(), value))
        if len(self._auto):
            self._auto.make_automaton()
        self.keys = frozenset(seen)

    def find(self, norm: str) -> list[PhraseMatch]:
        return select_longest(self.candidates(norm), len(norm))

    def candidates(self, norm: str) -> list[PhraseMatch]:
        """Every match on word boundaries with allowed proclitics, overlapping, shadows included."""
        if not len(self._auto):
            return []
        text = _ASCII_UPPER.sub(_lower, norm) if self.latin else norm
        n = len(text)
        cands: list[PhraseMatch] = []
        for end, (length, fused, latin, value) in self._auto.iter(text):
            e = end + 1
            if e < n:
                c = text[e]
                if c.isalnum() or c == "_":  # is_word_char, inline (once per raw hit of the automaton)
                    continue
            s = e - length
            w = s
            while w > 0:
                c = text[w - 1]
                if not (c.isalnum() or c == "_"):
                    break
                w -= 1
                if s - w > 4:
                    break
            clitic = text[w:s]
            allowed = _FUSED_CLITICS if fused else (_LATIN_CLITICS if latin else _CLITICS)
            if clitic not in allowed:
                continue
            cands.append(PhraseMatch(s, e, w, clitic, fused, value))
        return cands


def select_longest(cands: list[PhraseMatch], n: int) -> list[PhraseMatch]:
    """Longest first, non-overlapping; shadow matches (value None) win their span and are dropped."""
    cands = sorted(cands, key=lambda m: (m.ns - m.ne, m.ns))
    taken: list[tuple[int, int]] = []  # sorted, disjoint
    out: list[PhraseMatch] = []
    for m in cands:
        i = bisect.bisect_right(taken, (m.ns, n + 1))
        if i and taken[i - 1][1] > m.ns:
            continue
        if i < len(taken) and taken[i][0] < m.ne:
            continue
        taken.insert(i, (m.ns, m.ne))
        if m.value is not None:
            out.append(m)
    out.sort(key=lambda m: m.ns)
    return out


# ---------------------------------------------------------------------------
# Words (shared)
# ---------------------------------------------------------------------------

# Words (letters, digits, _) and single marks; the standard ``re`` engine (``\w`` is ``[\p{L}\p{N}_]``
# for every character of Python's Unicode tables) with regex's whitespace (Unicode White_Space).
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: the same whitespace, every character spelled out (for ``str.strip``)
_WS_CHARS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_WORD = re.compile(rf"\w+|[^{_WS}\w]")


class Tok(NamedTuple):
    """A word or a punctuation mark of the normalized text: ``norm[s:e] == text``."""

    s: int
    e: int
    text: str

    @property
    def is_word(self) -> bool:
        return is_word_char(self.text[0])


@lru_cache(maxsize=2)
def _all_tokens(norm: str) -> tuple[array, array]:
    """Where every word and punctuation mark of the text starts and ends, found once per text (two
    arrays of offsets: the tokens themselves are made for the windows asked for, so a long text
    keeps no object per token)."""
    starts, ends = array("q"), array("q")
    for m in _WORD.finditer(norm):
        a, b = m.span()
        starts.append(a)
        ends.append(b)
    return starts, ends


def _each_token(norm: str) -> Iterator[Tok]:
    """Every token of the text, made one at a time from the offsets of :func:`_all_tokens`."""
    starts, ends = _all_tokens(norm)
    for a, b in zip(starts, ends):
        yield Tok(a, b, norm[a:b])


def word_tokens(norm: str, s: int, e: int) -> list[Tok]:
    """Words and punctuation marks of ``norm[s:e]``, with offsets (a word cut by the window is cut too).

    A slice of the text's tokens, found once per text (logarithmic per call)."""
    if e <= s:
        return []
    starts, ends = _all_tokens(norm)
    lo = bisect.bisect_right(ends, s)  # first token ending after s
    hi = bisect.bisect_left(starts, e)  # first token starting at or after e
    if lo >= hi:
        return []
    out = [Tok(a, b, norm[a:b]) for a, b in zip(starts[lo:hi], ends[lo:hi])]
    first, last = out[0], out[-1]
    if first.s < s:
        out[0] = first = Tok(s, min(first.e, e), norm[s:min(first.e, e)])
    if last.e > e:
        out[-1] = Tok(max(last.s, s), e, norm[max(last.s, s):e])
    return out


class HarmTerms:
    """``lexicons/harm_verbs.json`` as word sets (normalized)."""

    def __init__(self, data: dict[str, Any]):
        self.by_outcome: dict[str, dict[str, frozenset[str]]] = {}
        verbs: set[str] = set()
        nouns: set[str] = set()
        undergoer: set[str] = set()
        for outcome, parts in data.items():
            if outcome.startswith("_"):
                continue
            sets = {k: frozenset(norm_key(t) for t in v) for k, v in parts.items()}
            self.by_outcome[outcome] = sets
            verbs |= sets.get("verbs", frozenset())
            nouns |= sets.get("nouns", frozenset())
            undergoer |= sets.get("undergoer_nouns", frozenset())
        self.verbs = frozenset(verbs)
        self.nouns = frozenset(nouns)
        self.undergoer = frozenset(undergoer)
        self.any = self.verbs | self.nouns | self.undergoer

    def is_verb(self, word: str) -> bool:
        return conj_stripped(word, self.verbs)

    def is_noun(self, word: str) -> bool:
        return any(f in self.nouns for f in word_forms(word))

    def is_harm(self, word: str) -> bool:
        return any(f in self.any for f in word_forms(word))


@lru_cache(maxsize=1)
def harm_terms() -> HarmTerms:
    return HarmTerms(load_json("harm_verbs.json"))


# ---------------------------------------------------------------------------
# Word-level phrases (proclitics and the article stripped per word)
# ---------------------------------------------------------------------------

_LETTERS = regex.compile(r"\p{L}+")
#: inside a run of letters, the ones Python's own tables know (``re``'s word characters there are exactly
#: the ``str.isalpha`` ones)
_ALPHA_RUN = re.compile(r"[^\W\d_]+")
ONLY_SPACE = regex.compile(r"\s*")


class WordTokens:
    """The letter words of a normalized text, with offsets."""

    __slots__ = ("norm", "s", "e", "t", "_index", "_bare_index", "_stems", "_joined", "_splits", "_hits", "_heads",
                 "_anchored", "_at")

    def __init__(self, norm: str, tokens: Iterable[Tok] | None = None,
                 offsets: tuple[array, array] | None = None):
        """The letter runs of ``norm`` (the letters of its word tokens, :func:`_all_tokens`): from its
        tokens when given, or from the offsets of its tokens (``_all_tokens(norm)``: no second scan of
        the text), else from one scan of its letters."""
        self.norm = norm
        self._index: dict[str, list[int]] | None = None
        self._bare_index: dict[str, list[int]] | None = None
        self._stems: list[tuple[str, ...]] | None = None
        self._hits: dict[WordPhrases, PhraseHits] = {}  # each lexicon's hits, found once (WordPhrases.hits)
        self._joined: list[bool] | None = None
        self._splits: list | None = None
        self._heads: dict[str, list[int]] | None = None  # word starts by their first two characters
        self._anchored: dict = {}  # AnchoredPattern -> where it may match in this text (its word starts)
        self._at: dict[str, list[int]] | None = None  # each distinct word -> where it stands
        self.s = array("q")  # word starts and ends: 8 bytes each, no object per word
        self.e = array("q")
        self.t: list[str] = []
        s, e, t = self.s, self.e, self.t
        seen: dict[str, str] = {}  # one string object per distinct word (a long text repeats its words)
        if offsets is not None:
            for a, b in zip(*offsets):
                w = norm[a:b]
                if w.isalpha():
                    s.append(a)
                    e.append(b)
                    t.append(seen.setdefault(w, w))
                elif b - a > 1 and is_word_char(w[0]):  # letters glued to digits or _: each letter run
                    for m in _LETTERS.finditer(w):
                        s.append(a + m.start())
                        e.append(a + m.end())
                        t.append(m.group())
            return
        if tokens is None:
            # a word token's letters are the characters ``str.isalpha`` accepts (a letter of a newer Unicode
            # than Python's is no word character: it parts two tokens)
            for m in _LETTERS.finditer(norm):
                w = m.group()
                if w.isalpha():
                    s.append(m.start())
                    e.append(m.end())
                    t.append(seen.setdefault(w, w))
                    continue
                for r in _ALPHA_RUN.finditer(w):
                    s.append(m.start() + r.start())
                    e.append(m.start() + r.end())
                    t.append(r.group())
            return
        for tok in tokens:
            w = tok.text
            if w.isalpha():
                s.append(tok.s)
                e.append(tok.e)
                t.append(seen.setdefault(w, w))
            elif len(w) > 1 and is_word_char(w[0]):  # letters glued to digits or _: each letter run
                for m in _LETTERS.finditer(w):
                    s.append(tok.s + m.start())
                    e.append(tok.s + m.end())
                    t.append(m.group())

    def __len__(self) -> int:
        return len(self.t)

    def index(self, bare: bool = False) -> dict[str, list[int]]:
        """Every stem of every word -> the indices of the words that have it (built once); with ``bare``,
        the stems of :func:`~pipeline.core.clitics.bare_stems`."""
        idx = self._bare_index if bare else self._index
        if idx is None:
            at = self._at
            if at is None:  # each distinct word -> where it stands (shared by both indexes)
                at = self._at = {}
                for i, w in enumerate(self.t):
                    ids = at.get(w)
                    if ids is None:
                        at[w] = [i]
                    else:
                        ids.append(i)
            idx = {}
            merged: dict[str, list[list[int]]] = {}  # stems of several distinct words: sorted once, at the end
            for w, ids in at.items():
                for st in (bare_stems(w) if bare else stems(w)):
                    have = idx.get(st)
                    if have is None:
                        idx[st] = ids
                    elif st in merged:
                        merged[st].append(ids)
                    else:
                        merged[st] = [have, ids]
            for st, parts in merged.items():
                idx[st] = sorted(i for ids in parts for i in ids)
            if bare:
                self._bare_index = idx
            else:
                self._index = idx
        return idx

    def starting_with(self, heads: dict[str, tuple[str, ...]]) -> list[int]:
        """Where the words that begin with one of the heads start, in text order: ``heads`` maps a first
        two characters to the heads that begin so (:func:`group_heads`; ``norm[s:s + len(head)]``, a head
        may run past a short word into the space after it). The words are indexed by their first two
        characters once per text; the words of a common first two (ال، وا) by their first three and four
        too, on the first head that asks."""
        by = self._heads
        if by is None:
            by = self._heads = {}
            norm = self.norm
            for a in self.s:
                k = norm[a:a + 2]
                have = by.get(k)
                if have is None:
                    by[k] = array("q", (a,))  # 8 bytes a word start
                else:
                    have.append(a)
        found = []
        norm = self.norm
        for k in heads.keys() & by.keys():
            hs = heads[k]
            ps = by[k]
            if hs == (k,):
                found.append(ps)
            elif len(ps) <= _SMALL_BUCKET:
                found.append([a for a in ps if norm.startswith(hs, a)])
            else:
                for h in hs:
                    got = self._longer(k, len(h)).get(h)
                    if got is not None:
                        found.append(got)
        if len(found) == 1:
            return found[0]
        return sorted({p for ps in found for p in ps})  # a word may begin with two heads of one pattern

    def _longer(self, k: str, n: int) -> dict[str, list[int]]:
        """The words whose first two characters are ``k``, by their first ``n`` (built once per text)."""
        key = (k, n)
        sub = self._heads.get(key)
        if sub is None:
            sub = self._heads[key] = {}
            norm = self.norm
            for a in self._heads[k]:
                h = norm[a:a + n]
                have = sub.get(h)
                if have is None:
                    sub[h] = array("q", (a,))
                else:
                    have.append(a)
        return sub

    def stem_list(self) -> list[tuple[str, ...]]:
        """The stems of every word (:func:`~pipeline.core.clitics.stems`), in word order (built once)."""
        sl = self._stems
        if sl is None:
            sl = self._stems = list(map(stems, self.t))
        return sl

    def splits(self, i: int) -> tuple[tuple[str, str, bool], ...]:
        """Clitic readings of word ``i`` as ``(proclitics, base, fused)`` (once per word of the text)."""
        sp = self._splits
        if sp is None:
            sp = self._splits = [None] * len(self.t)
        r = sp[i]
        if r is None:
            r = sp[i] = clitic_splits(self.t[i])
        return r

    def stems(self, i: int) -> tuple[str, ...]:
        """Word ``i`` and what remains after stripping each proclitic/article it may carry."""
        return stems(self.t[i])

    def first_at_or_after(self, pos: int) -> int:
        return bisect.bisect_left(self.s, pos)

    def last_ending_by(self, pos: int) -> int:
        """Index of the last word ending at or before ``pos`` (-1 if none)."""
        return bisect.bisect_right(self.e, pos) - 1

    def joined_list(self) -> list[bool]:
        """For each word but the last: True when only whitespace parts it from the next word (built once)."""
        jo = self._joined
        if jo is None:
            norm, s, e = self.norm, self.s, self.e
            # only whitespace between them: what ONLY_SPACE accepts (_WS_CHARS are its characters)
            jo = self._joined = [not norm[a:b].strip(_WS_CHARS) for a, b in zip(e, s[1:])]
        return jo

    def joined(self, i: int, j: int) -> bool:
        """True when word ``i`` and word ``j = i+1`` are separated by whitespace only."""
        jo = self._joined
        if jo is None:
            jo = self.joined_list()
        if j == i + 1 and 0 <= i < len(jo):
            return jo[i]
        return ONLY_SPACE.fullmatch(self.norm, self.e[i], self.s[j]) is not None


@lru_cache(maxsize=2)
def text_words(norm: str) -> WordTokens:
    """The letter words of a whole text, found once per text and shared by the stages: read off the
    text's one tokenization (:func:`_all_tokens`), not a second scan of its letters."""
    return WordTokens(norm, offsets=_all_tokens(norm))


#: how many first characters of a key make its head (:func:`heads_of`)
HEAD_CHARS = 4


def _spellings(key: str, n: int) -> set[str]:
    """The first ``n`` characters of ``key`` as the text may spell it, each space kept or left out."""
    if " " not in key[:n]:
        return {key[:n]}
    i = key.index(" ")
    return _spellings(key[:i] + key[i + 1:], n) | {key[:i + 1] + t for t in _spellings(key[i + 1:], n - i - 1)}


def heads_of(keys: Iterable[str], clitics: Iterable[str] = ()) -> frozenset[str] | None:
    """The heads a match can start with when it is one of the normalized ``keys``, with or without one
    of the ``clitics`` (letters, :func:`clitic_sequences`) glued before it: up to :data:`HEAD_CHARS` first
    characters, each space of a key kept or left out (as a pattern writes a key's space: `` ?``). None
    when a key is not made of letters and single spaces or is shorter than two characters (no anchoring
    then)."""
    clitics = tuple(clitics)
    if any(not c or not c.isalpha() for c in clitics):
        return None
    out: set[str] = set()
    for k in keys:
        if not k:
            continue
        if len(k) < 2 or not k.replace(" ", "").isalpha() or k[0] == " " or k[-1] == " " or "  " in k:
            return None
        out |= _spellings(k, HEAD_CHARS)
        for c in clitics:
            out |= _spellings(c + k, HEAD_CHARS)
    return frozenset(out)


def clitic_sequences(*classes: str) -> tuple[str, ...]:
    """Every proclitic sequence of a pattern's optional classes in order, at most one letter of each
    (``[وف]?[بل]?`` -> و ف ب ل وب ول فب فل)."""
    seqs = [""]
    for letters in classes:
        seqs += [q + c for q in seqs for c in letters]
    return tuple(q for q in seqs if q)


def group_heads(heads: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Heads by their first two characters, for :meth:`WordTokens.starting_with`; a two-character head
    stands for every longer one of its group."""
    out: dict[str, set[str]] = {}
    for h in heads:
        out.setdefault(h[:2], set()).add(h)
    return {k: (k,) if k in hs else tuple(sorted(hs)) for k, hs in out.items()}


class AnchoredPattern:
    """A whole-text pattern run only where a match can start: at the letter words of the text whose first
    two characters are one of ``heads`` (:func:`heads_of`), instead of at every position.

    Exact when every match starts a letter word (the pattern opens with a no-letter-before look-behind
    and a letter) and begins with one of ``heads`` (a head shorter than its own length only when the
    whole key is); ``finditer`` then returns the matches of
    ``pattern.finditer`` (leftmost, non-overlapping; a look-behind still sees the text before the
    word). ``heads=None`` runs the plain scan."""

    __slots__ = ("pattern", "heads", "lead")

    def __init__(self, pattern: "regex.Pattern[str]", heads: frozenset[str] | None, lead: int = 0):
        """``lead``: a match opens with one whitespace character before its word instead (``(?:^|\\s)``),
        or at the start of the text."""
        self.pattern = pattern
        self.heads = None if heads is None else group_heads(heads)
        self.lead = lead

    def _starts(self, norm: str) -> list[int]:
        """Where a match may start in ``norm``, a whole text: the starts of its words with a head (less
        the lead), sorted; found once per text and kept on its shared :func:`text_words`."""
        words = text_words(norm)
        ps = words._anchored.get(self)
        if ps is None:
            lead = self.lead
            ps = words.starting_with(self.heads)
            if lead:
                ps = [max(0, p - lead) for p in ps]
            words._anchored[self] = ps
        return ps

    def search(self, norm: str, lo: int, hi: int):
        """``pattern.search(norm, lo, hi)``: the leftmost match starting at or after ``lo`` and ending by
        ``hi``, tried only where a match may start (bisect over them); ``norm`` is a whole text."""
        if self.heads is None:
            return self.pattern.search(norm, lo, hi)
        ps = self._starts(norm)
        match = self.pattern.match
        for k in range(bisect.bisect_left(ps, lo), len(ps)):
            p = ps[k]
            if p >= hi:
                break
            m = match(norm, p, hi)
            if m is not None:
                return m
        return None

    def finditer(self, norm: str) -> list:
        """The matches in ``norm``, a whole text (its shared :func:`text_words`)."""
        if self.heads is None:
            return list(self.pattern.finditer(norm))
        match = self.pattern.match
        out = []
        end = 0
        for p in self._starts(norm):
            if p < end:
                continue
            m = match(norm, p)
            if m is not None:
                out.append(m)
                end = m.end()
        return out


class PhraseHits:
    """Where the phrases of one lexicon start in one text: word index -> the longest match there,
    ``(end word index, payload, first stem)``; found in one pass, then looked up."""

    __slots__ = ("at", "starts")

    def __init__(self, at: dict[int, tuple[int, Any, str]]):
        self.at = at  # in word order
        self.starts = list(at)

    def any_in(self, i0: int, i1: int) -> bool:
        """True when a phrase starts at a word ``i0 <= i <= i1``."""
        k = bisect.bisect_left(self.starts, i0)
        return k < len(self.starts) and self.starts[k] <= i1

    def scan(self) -> list[tuple[int, tuple[int, Any, str]]]:
        """Non-overlapping matches, left to right: ``(first word, match)``."""
        out = []
        done = 0
        for i, m in self.at.items():
            if i >= done:
                out.append((i, m))
                done = m[0]
        return out


#: up to how many words of one first two characters are tested head by head (:meth:`WordTokens.starting_with`)
_SMALL_BUCKET = 8

#: how many words a word lexicon remembers its one-word answer for (:meth:`WordPhrases.hits`)
_BY_WORD_MAX = 1 << 12  # a few thousand words per lexicon (64 lexicons: tens of MB at most)


class WordPhrases:
    """Multi-word phrases matched on words (each word may carry proclitics / the article).

    The matches of a text are found once per lexicon (:meth:`hits`, kept on the text's
    :class:`WordTokens`, that is on the shared document); :meth:`match` and :meth:`scan` look them up."""

    def __init__(self, items: Iterable[tuple[str, Any]], bare: bool = False):
        self.bare = bare
        self.by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, payload in items:
            words = tuple(norm_key(phrase).split())
            if words:
                self.by_first.setdefault(words[0], []).append((words, payload))
        for lst in self.by_first.values():
            lst.sort(key=lambda x: -len(x[0]))
        # the same phrases as a word trie: node = [children by word, (rank, payload) of the phrase ending
        # here or None]; rank is the phrase's place in its first word's list (longest first, then in order)
        self._trie: dict[str, list] = {}
        #: word -> its one-word match ``(payload, first stem)``, ``()`` for none, or False when one of its
        #: readings opens a longer phrase (then the words after it decide): kept across texts
        self._by_word: dict[str, tuple | bool] = {}
        for first, lst in self.by_first.items():
            root = self._trie[first] = [{}, None]
            for rank, (words, payload) in enumerate(lst):
                node = root
                for w in words[1:]:
                    node = node[0].setdefault(w, [{}, None])
                if node[1] is None:
                    node[1] = (rank, payload)

    def hits(self, toks: WordTokens) -> PhraseHits:
        """Every word of ``toks`` where a phrase starts, with the longest match there (once per text)."""
        h = toks._hits.get(self)
        if h is None:
            idx = toks.index(self.bare)
            cands: set[int] = set()
            for st in self.by_first.keys() & idx.keys():
                cands.update(idx[st])
            sl, jo, t, bare = toks.stem_list(), toks.joined_list(), toks.t, self.bare
            at = {}
            by_word, trie = self._by_word, self._trie
            for i in sorted(cands):
                w = t[i]
                r = by_word.get(w)
                if r is None:  # first time this word is a candidate: can the words after it matter?
                    firsts = bare_stems(w) if bare else sl[i]
                    if any(trie[st][0] for st in firsts if st in trie):
                        r = False
                    else:
                        m = self._longest(sl, jo, i, firsts)
                        r = () if m is None else (m[1], m[2])
                    if len(by_word) >= _BY_WORD_MAX:
                        by_word.clear()
                    by_word[w] = r
                if r is False:
                    m = self._longest(sl, jo, i, bare_stems(w) if bare else sl[i])
                    if m is not None:
                        at[i] = m
                elif r:
                    at[i] = (i + 1, r[0], r[1])
            h = toks._hits[self] = PhraseHits(at)
        return h

    def match(self, toks: WordTokens, i: int) -> tuple[int, Any, str] | None:
        """Longest phrase starting at word ``i``: ``(end word index, payload, first stem)``."""
        h = toks._hits.get(self)
        if h is None:
            h = self.hits(toks)
        return h.at.get(i)

    def _longest(self, sl: list[tuple[str, ...]], jo: list[bool], i: int,
                 firsts: tuple[str, ...]) -> tuple[int, Any, str] | None:
        """The longest phrase starting at word ``i`` whose first word is one of ``firsts`` (the readings of
        word ``i``): for each reading the longest phrase, the first listed on a tie; a later reading wins
        only with a longer phrase. ``sl`` are the stems of every word, ``jo`` which words are joined."""
        best: tuple[int, Any, str] | None = None
        best_n = 0
        trie = self._trie
        size = len(sl)
        for st in firsts:
            root = trie.get(st)
            if root is None:
                continue
            kids, found = root
            n_found = 1 if found is not None else 0
            if kids and i + 1 < size and jo[i]:
                stack = [(kid, 2) for w in sl[i + 1] if (kid := kids.get(w)) is not None]
                while stack:
                    (kids, end), n = stack.pop()
                    if end is not None and (n > n_found or n == n_found and end[0] < found[0]):
                        n_found, found = n, end
                    if kids and i + n < size and jo[i + n - 1]:
                        stack += [(kid, n + 1) for w in sl[i + n] if (kid := kids.get(w)) is not None]
            if n_found > best_n:
                best_n = n_found
                best = (i + n_found, found[1], st)
        return best

    def scan(self, toks: WordTokens) -> list[tuple[int, tuple[int, Any, str]]]:
        """Non-overlapping matches over the whole text, left to right: ``(first word, match)``."""
        return self.hits(toks).scan()
