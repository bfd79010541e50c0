"""The text as every step of the casualties stage reads it: the shared document's words and sentences
(:mod:`pipeline.core.document`), and the cue scans, made once."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.core.document import TextDoc, text_doc
from pipeline.core.normalize import NormText
from pipeline.core.phrases import WordTokens as _Tokens, stems as _stems
from pipeline.stages.casualties.common import scan_phrases
from pipeline.stages.casualties.lexicon import Lex, load_lexicon


@dataclass
class Scan:
    """The normalized text, its words and sentences, and the outcome, breakdown, torture and change cues
    found in it; the candidate step adds the numbers that may be counts (``nums``) and the items made
    from them (``item_by_num``, ``item_ends``)."""

    nt: NormText
    norm: str
    lex: Lex
    toks: _Tokens
    sents: list
    td: TextDoc  # the shared document: its sentence index (starts cached)
    cues: list  # (ns, ne, outcome, i, j)
    cue_starts: list[int]
    cue_ends: set[int]
    after_marks: list[int]  # ends of change verbs (تحول ... إلى)
    marker_ends: set[int]  # ends of breakdown markers (بينهم)
    tortures: list
    torture_starts: list[int]
    nums: list = field(default_factory=list)
    num_starts: list[int] = field(default_factory=list)
    item_by_num: dict[int, Any] = field(default_factory=dict)
    item_ends: list[int] = field(default_factory=list)

    def sent_of(self, pos: int) -> int:
        return max(0, self.td.sentence_index(pos))


def scan_text(nt: NormText) -> Scan:
    norm = nt.norm
    lex = load_lexicon()
    td = text_doc(nt)  # the text's one tokenization and sentences, shared with the other stages
    toks, sents = td.words, td.sentences
    cues = [c for c in scan_phrases(lex.cues, toks) if not _custody_place(c, lex, toks) and not _cancelled(c, lex, toks)]
    markers = scan_phrases(lex.breakdown, toks)
    tortures = scan_phrases(lex.torture, toks)
    return Scan(nt, norm, lex, toks, sents, td, cues, [c[0] for c in cues],
                {c[1] for c in cues}, [m[1] for m in scan_phrases(lex.outcome_after, toks)], {m[1] for m in markers},
                tortures, [t[0] for t in tortures])


def _custody_place(cue: tuple, lex: Lex, toks: _Tokens) -> bool:
    """A detention or displacement noun that names a place (مراكز احتجاز النظام، معسكرات النزوح), not an outcome."""
    i = cue[3]
    return cue[2] in ("detained", "displaced") and i > 0 and toks.joined(i - 1, i) and bool(set(_stems(toks.t[i - 1])) & lex.custody_heads)


def _cancelled(cue: tuple, lex: Lex, toks: _Tokens) -> bool:
    """A cue followed by a word that makes it no harm to people (فقدان الاتصال، فقدان الوعي)."""
    j = cue[4]
    return j < len(toks) and toks.joined(j - 1, j) and lex.cue_cancel.match(toks, j) is not None
