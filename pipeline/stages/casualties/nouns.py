"""Readers of the words around a number: a group or outcome noun at a word, the phrases that make a
number no casualty (a rate, a release, a non-harm verb), and the outcome cue right before a position."""
from __future__ import annotations

from functools import lru_cache

from pipeline.core.mentions import NumberMention
from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens, stems as _stems
from pipeline.core.settings import CAS_RELEASE_VERB_WORDS, CAS_RELEASED_PHRASE_WORDS
from pipeline.core.text import has_char_between
from pipeline.stages.casualties.common import CLAUSE_CHARS, OPEN_GAP
from pipeline.stages.casualties.lexicon import Group, Lex
from pipeline.stages.casualties.model import Item


def group_at(lex: Lex, toks: _Tokens, i: int) -> tuple[int, Group] | None:
    """A group noun phrase at word ``i`` (optionally after the partitive من)."""
    m = lex.groups.match(toks, i)
    if m is not None:
        return m[0], m[1]
    if 0 <= i < len(toks) - 1 and lex.of in _stems(toks.t[i]) and toks.joined(i, i + 1):
        m = lex.groups.match(toks, i + 1)
        if m is not None and m[1].number != "singular" or (m is not None and toks.t[i + 1].startswith(lex.article)):
            return m[0], m[1]
    return None


def outcome_noun_at(lex: Lex, toks: _Tokens, i: int) -> tuple[int, tuple[str, ...]] | None:
    """An outcome noun at word ``i`` (``قتيلاً``, ``القتلى والجرحى``): ``(end, outcomes)``."""
    m = lex.outcome_nouns.match(toks, i)
    if m is None and 0 <= i < len(toks) - 1 and lex.of in _stems(toks.t[i]) and toks.joined(i, i + 1):
        m = lex.outcome_nouns.match(toks, i + 1)
    if m is None:
        return None
    j, outcome, _ = m
    outs = [outcome]
    while j < len(toks) and toks.joined(j - 1, j) and toks.t[j].startswith(lex.conj):
        m2 = lex.outcome_nouns.match(toks, j)
        if m2 is None or m2[2] == toks.t[j]:
            break
        if m2[1] not in outs:
            outs.append(m2[1])
        j = m2[0]
    return j, tuple(outs)


@lru_cache(maxsize=2)
def _non_casualty_firsts(lex: Lex) -> frozenset[str]:
    """The first words of the phrases that make a number no casualty (one test before matching three lists)."""
    return frozenset().union(lex.before_not.by_first, lex.non_harm.by_first, lex.per_batch.by_first)


def non_casualty_before(n: NumberMention, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """True when a rate, age, unit or non-harm word (بمعدل، إنقاذ، الحصار المفروض على) precedes the number."""
    core_s = n.core[0] if n.core else n.ns
    firsts = _non_casualty_firsts(lex)
    # before the number (or its qualifier: إنقاذ نحو 20); a per-batch phrase too (كل دفعة ما بين 20 و50);
    # each position once (the number and its core mostly start together)
    for pos, phrs in (((core_s, (lex.before_not, lex.non_harm, lex.per_batch)),) if core_s == n.ns else
                      ((core_s, (lex.before_not, lex.non_harm, lex.per_batch)), (n.ns, (lex.non_harm, lex.per_batch)))):
        pb = toks.last_ending_by(pos)
        if pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], pos) is not None:
            for k in range(max(0, pb - 2), pb + 1):
                if firsts.isdisjoint(toks.stems(k)):
                    continue  # no phrase of the three starts at this word
                for phr in phrs:
                    m = phr.match(toks, k)
                    if m is not None and m[0] == pb + 1:
                        return True
    return False


def between_outcomes(lex: Lex, toks: _Tokens, i: int) -> tuple[int, tuple[str, ...]] | None:
    """``بين قتيل وجريح`` at word ``i``: (end word, outcomes), with at least two outcomes."""
    m = lex.between.match(toks, i)
    if m is None or m[0] >= len(toks) or not toks.joined(m[0] - 1, m[0]):
        return None
    o = outcome_noun_at(lex, toks, m[0])
    if o is None or len(o[1]) < 2:
        return None
    return o


def body_after(item: Item, lex: Lex, toks: _Tokens) -> None:
    """``عنصران من قوات النظام``: a fighters count followed by its armed body (the victims' side)."""
    nb = toks.first_at_or_after(item.ne)
    if item.group == "fighters" and nb < len(toks) and toks.s[nb] - item.ne <= 1:
        b = lex.bodies.match(toks, nb)
        if b is not None:
            item.ne, item.body = toks.e[b[0] - 1], True


def is_released(lex: Lex, toks: _Tokens, norm: str, pos: int) -> bool:
    """True when a release phrase ends right before ``pos`` (أفرجت عن 8 آخرين): not a casualty."""
    j = toks.last_ending_by(pos)
    if j < 0 or not _ONLY_SPACE.fullmatch(norm, toks.e[j], pos):
        return False
    for k in range(max(0, j - CAS_RELEASED_PHRASE_WORDS), j + 1):
        m = lex.released.match(toks, k)
        if m is not None and m[0] == j + 1:
            return True
    if lex.release_prep and toks.t[j] == lex.release_prep:  # "أفرجت قوات النظام عن 17 معتقلاً"
        for k in range(j - 1, max(-1, j - CAS_RELEASE_VERB_WORDS), -1):
            if has_char_between(norm, CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
                break
            if set(_stems(toks.t[k])) & lex.release_verbs:
                return True
    return False


def not_rate(item: Item, lex: Lex, toks: _Tokens, norm: str) -> Item | None:
    """None when the counted noun is followed by a rate word (مقتل 8 مدنيين يومياً)."""
    j = toks.first_at_or_after(item.ne)
    if j < len(toks) and _ONLY_SPACE.fullmatch(norm, item.ne, toks.s[j]) is not None:
        for _ in range(3):  # the count's own verb may come first: "طفل واحد على الأقل يقتل يومياً"
            if lex.rate_after.match(toks, j) is not None:
                return None
            c = lex.cues.match(toks, j)
            if c is None or c[0] >= len(toks) or not toks.joined(c[0] - 1, c[0]):
                break
            j = c[0]
    return item


def cue_right_before(pos: int, lex: Lex, toks: _Tokens, norm: str) -> str | None:
    """The outcome of the outcome verb or noun that ends right before ``pos`` (spaces, or an opening bracket
    or slash, between: مقتل (3120))."""
    pb = toks.last_ending_by(pos)
    if pb < 0 or OPEN_GAP.fullmatch(norm, toks.e[pb], pos) is None:
        return None
    for k in range(max(0, pb - 2), pb + 1):
        m = lex.cues.match(toks, k)
        if m is not None and m[0] == pb + 1:
            return m[1]
    return None
