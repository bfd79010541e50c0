"""The shared analysis of one normalized text, built once and read by every stage.

Like spaCy's ``Doc``, which its components share instead of re-tokenizing, a :class:`TextDoc` holds
what every stage needs about the text itself:

- ``sentences``: the sentences of the normalized text (:func:`pipeline.core.text.sentences`);
- ``tokens(s, e)``: the words and punctuation marks of a window, a slice of the text's one
  tokenization (:func:`pipeline.core.phrases.word_tokens`); a token of a window is made once and kept, so
  the many windows the stages ask for around the same words share their tokens;
- ``words``: the letter words with their clitic readings (:class:`pipeline.core.phrases.WordTokens`,
  ``words.splits(i)`` and ``words.stems(i)``, from the one clitic table :mod:`pipeline.core.clitics`);
- ``hits(lexicon)``: where the phrases of a word lexicon (:class:`pipeline.core.phrases.WordPhrases`) start,
  found in one pass over the words on the first request and kept, so that ``lexicon.match(words, i)``,
  ``lexicon.scan(words)`` and a range test are look-ups, not matching.

``text_doc(nt)`` builds it on the first call and keeps it on the :class:`NormText` (``nt.shared``),
so each stage asks for it and none recomputes it.
"""
from __future__ import annotations

import bisect

from pipeline.core.normalize import NormText
from pipeline.core.phrases import PhraseHits, Tok, WordPhrases, WordTokens, _all_tokens, text_words
from pipeline.core.text import Sentence, sentences

__all__ = ["TextDoc", "text_doc"]


class TextDoc:
    """Sentences, tokens and letter words of one normalized text."""

    __slots__ = ("norm", "sentences", "words", "_starts", "_tok_at", "_toks", "_windows")

    def __init__(self, norm: str):
        self.norm = norm
        self.sentences: list[Sentence] = sentences(norm)
        self.words: WordTokens = text_words(norm)
        self._starts: list[int] | None = None
        self._tok_at = None  # where each token starts and ends (two arrays), on the first window
        self._toks: list[Tok | None] | None = None  # the tokens made so far, by token index
        self._windows: dict[tuple[int, int], tuple[Tok, ...]] = {}  # the last windows asked for

    def tokens(self, s: int, e: int) -> list[Tok]:
        """Words and punctuation marks of ``norm[s:e]`` (a word cut by the window is cut too); the same
        tokens as :func:`pipeline.core.phrases.word_tokens`, each made once per text."""
        if e <= s:
            return []
        win = self._windows.get((s, e))
        if win is not None:  # a third of the windows are asked again by the next check of the same word
            return list(win)
        if self._tok_at is None:
            self._tok_at = _all_tokens(self.norm)
            self._toks = [None] * len(self._tok_at[0])
        starts, ends = self._tok_at
        lo = bisect.bisect_right(ends, s)  # first token ending after s
        hi = bisect.bisect_left(starts, e)  # first token starting at or after e
        if lo >= hi:
            return []
        made = self._toks
        out = made[lo:hi]
        if None in out:
            norm = self.norm
            for k in range(lo, hi):
                if made[k] is None:
                    a, b = starts[k], ends[k]
                    made[k] = Tok(a, b, norm[a:b])
            out = made[lo:hi]
        first, last = out[0], out[-1]
        if first.s < s:
            out[0] = first = Tok(s, min(first.e, e), self.norm[s:min(first.e, e)])
        if last.e > e:
            out[-1] = Tok(max(last.s, s), e, self.norm[max(last.s, s):e])
        if len(self._windows) >= 16:
            self._windows.clear()
        self._windows[s, e] = tuple(out)
        return out

    def hits(self, lexicon: WordPhrases) -> PhraseHits:
        """Where the phrases of ``lexicon`` start in the text (one pass on the first call, then kept)."""
        return lexicon.hits(self.words)

    def words_in(self, s: int, e: int) -> list[str]:
        """The words (no punctuation) of ``norm[s:e]``."""
        return [t.text for t in self.tokens(s, e) if t.is_word]

    def sentence_index(self, pos: int) -> int:
        """Index of the last sentence starting at or before ``pos`` (-1 before the first)."""
        if self._starts is None:
            self._starts = [x.ns for x in self.sentences]
        return bisect.bisect_right(self._starts, pos) - 1


def text_doc(nt: NormText) -> TextDoc:
    """The shared analysis of ``nt``, built on the first call."""
    d = nt.shared
    if d is None or d.norm is not nt.norm:
        d = nt.shared = TextDoc(nt.norm)
    return d
