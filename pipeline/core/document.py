"""The shared analysis of one normalized text, built once and read by every stage.

Like spaCy's ``Doc``, which its components share instead of re-tokenizing, a :class:`TextDoc` holds
what every stage needs about the text itself:

- ``sentences``: the sentences of the normalized text (:func:`pipeline.core.text.sentences`);
- ``tokens(s, e)``: the words and punctuation marks of a window, a slice of the text's one
  tokenization (:func:`pipeline.core.phrases.word_tokens`);
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
from pipeline.core.phrases import PhraseHits, Tok, WordPhrases, WordTokens, text_words, word_tokens
from pipeline.core.text import Sentence, sentences

__all__ = ["TextDoc", "text_doc"]


class TextDoc:
    """Sentences, tokens and letter words of one normalized text."""

    __slots__ = ("norm", "sentences", "words", "_starts")

    def __init__(self, norm: str):
        self.norm = norm
        self.sentences: list[Sentence] = sentences(norm)
        self.words: WordTokens = text_words(norm)
        self._starts: list[int] | None = None

    def tokens(self, s: int, e: int) -> list[Tok]:
        """Words and punctuation marks of ``norm[s:e]`` (a word cut by the window is cut too)."""
        return word_tokens(self.norm, s, e)

    def hits(self, lexicon: WordPhrases) -> PhraseHits:
        """Where the phrases of ``lexicon`` start in the text (one pass on the first call, then kept)."""
        return lexicon.hits(self.words)

    def words_in(self, s: int, e: int) -> list[str]:
        """The words (no punctuation) of ``norm[s:e]``."""
        return [t.text for t in word_tokens(self.norm, s, e) if t.is_word]

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
