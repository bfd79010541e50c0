"""Actors: who is named in a report, and in which role.

``find_actors(nt)`` finds every alias of ``lexicons/actors.json`` on the
normalized view in one pass (an Aho-Corasick automaton built at first use),
keeps the longest non-overlapping matches, drops the shadowing names
(documenting organizations, rescuers), and gives each mention a role
(perpetrator / victim / other) from a small rule set over the words right
before and after it in its sentence (see ``_role`` and the ``roles`` section of
the lexicon; harm and attack vocabulary comes from ``lexicons/harm_verbs.json``).

The phrase matcher and the word helpers live in :mod:`pipeline.phrases` (shared
with the weapons, facilities and events stages); they are re-exported here.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import regex

from .lexicon import load_json
from .mentions import ActorMention
from .normalize import NormText, norm_key
# Re-exported: other stages (and tests) imported these from here before phrases.py existed.
from .phrases import (HarmTerms, PhraseMatch, PhraseMatcher, Tok, harm_terms, term_variants, word_forms,  # noqa: F401
                      word_tokens)
from .phrases import is_word_char as _is_word_char
from .text import Sentence, sentences

__all__ = [
    "find_actors",
    "PhraseMatcher",
    "PhraseMatch",
    "HarmTerms",
    "harm_terms",
    "word_tokens",
    "term_variants",
]

# ---------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Alias:
    id: str
    agentive: bool = False
    context: bool = False


class _ActorData:
    def __init__(self, data: dict[str, Any]):
        self.names: dict[str, str] = {}
        entries: list[tuple[str, Any]] = []
        for aid, spec in data["actors"].items():
            self.names[aid] = spec["name_ar"]
            for t in spec.get("aliases", []):
                entries.append((t, _Alias(aid)))
            for t in spec.get("agentive_aliases", []):
                entries.append((t, _Alias(aid, agentive=True)))
            for t in spec.get("context_aliases", []):
                entries.append((t, _Alias(aid, context=True)))
        adj = data.get("adjectival", {})
        nisba: dict[str, str] = {}
        for aid, forms in adj.get("actors", {}).items():
            for form in forms.values():
                nisba[norm_key(form)] = aid
            for noun in adj.get("nouns", []):
                g = noun["g"]
                for nkey, akey in (("def", f"{g}_def"), ("indef", g)):
                    if forms.get(akey) and noun.get(nkey):
                        entries.append((f"{noun[nkey]} {forms[akey]}", _Alias(aid, agentive=noun["agentive"])))
        alt = "|".join(regex.escape(k) for k in sorted(nisba, key=len, reverse=True))
        #: a second nisba right after an adjectival mention: السورية-الروسية, الروسي والسوري
        self.nisba_re = regex.compile(rf"(?:\s*[-/–]\s*|\s+و|\s+)(?P<adj>{alt})(?![\p{{L}}\p{{N}}_])")
        self.nisba = nisba
        for t in data.get("shadow", []):
            entries.append((t, None))
        self.matcher = PhraseMatcher(entries)
        roles = data["roles"]
        self.agent_markers = frozenset(norm_key(t) for t in roles["agent_markers"])
        self.target_markers = frozenset(norm_key(t) for t in roles["target_markers"])
        self.modifier_markers = frozenset(norm_key(t) for t in roles["modifier_markers"])
        self.force_nouns = frozenset(norm_key(t) for t in roles["force_nouns"])
        self.context_words = frozenset(norm_key(t) for t in roles.get("context_words", []))
        self.place_preps = frozenset(norm_key(t) for t in roles.get("place_prepositions", []))
        self.max_place_prep = max((len(t.split()) for t in self.place_preps), default=1)
        self.max_marker_words = max(len(t.split()) for t in
                                    self.agent_markers | self.target_markers | self.modifier_markers)


@lru_cache(maxsize=1)
def _data() -> _ActorData:
    return _ActorData(load_json("actors.json"))


#: Words scanned before an actor for a verb or attack noun (its agent reading).
AGENT_WINDOW = 3
#: Words scanned after an actor for a verb it is the subject of.
SUBJECT_WINDOW = 2
#: Words scanned on each side of a context-only alias for a harm term or force noun.
CONTEXT_WINDOW = 5


#: How far (characters) the role and context rules look on each side.
_SCAN_CHARS = 90


def _tokens_before(norm: str, lo: int, hi: int) -> list[Tok]:
    """Tokens of ``norm[lo:hi]``, at most ``_SCAN_CHARS`` back, without a cut word."""
    start = max(lo, hi - _SCAN_CHARS)
    toks = word_tokens(norm, start, hi)
    if start > lo and toks and toks[0].s == start and start > 0 and _is_word_char(norm[start - 1]):
        toks = toks[1:]
    return toks


def _sentence_of(sents: list[Sentence], starts: list[int], pos: int) -> Sentence:
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return Sentence(0, 0, 0)
    return sents[i]


def _tail_phrases(words: list[str], k_max: int) -> Iterable[str]:
    """The last 1..k_max words joined; each with its first word's clitics stripped too."""
    for k in range(1, min(k_max, len(words)) + 1):
        tail = words[-k:]
        rest = " ".join(tail[1:])
        for f in word_forms(tail[0]):
            yield (f + " " + rest) if rest else f


def find_actors(nt: NormText) -> list[ActorMention]:
    """Every actor mention of the text, in order, with its role."""
    data = _data()
    harm = harm_terms()
    norm = nt.norm
    sents = sentences(norm)
    starts = [s.ns for s in sents]
    out: list[ActorMention] = []
    prev_match: list[PhraseMatch] = []
    harm_cache: dict[int, bool] = {}
    for m in data.matcher.find(norm):
        alias: _Alias = m.value
        sent = _sentence_of(sents, starts, m.ns)
        prev = out[-1] if out and out[-1].ne > sent.ns else None
        if alias.context:
            if _after_place_preposition(norm, sent, m, data):
                continue
            coordinated = (prev is not None and m.clitic.startswith("و")
                           and not norm[prev.ne:m.ws].strip())
            if not coordinated and not _has_context(norm, sent, m, data, harm):
                continue
        mention = ActorMention(ns=m.ns, ne=m.ne, id=alias.id, name_ar=data.names[alias.id])
        prev_m = prev_match[-1] if prev is not None else None
        mention.role = _role(norm, sent, m, alias, prev, prev_m, data, harm, harm_cache)
        if mention.role == "modifier":
            # "militias loyal to the regime committed ...": the verb after the
            # modifier belongs to the head actor before it.
            mention.role = "other"
            if prev is not None and prev.role == "other" and _subject_of_verb(norm, sent, m, harm):
                prev.role = "perpetrator"
        out.append(mention)
        prev_match.append(m)
        if " " in norm[m.ns:m.ne] and norm[m.ns:m.ne].rsplit(" ", 1)[1] in data.nisba:
            end = m.ne
            seen_ids = {alias.id}
            while (nm := data.nisba_re.match(norm, end, sent.ne)) is not None:
                aid = data.nisba[nm.group("adj")]
                end = nm.end()
                if aid in seen_ids:
                    break
                seen_ids.add(aid)
                out.append(ActorMention(ns=nm.start("adj"), ne=nm.end("adj"), id=aid, name_ar=data.names[aid],
                                        role=mention.role))
                prev_match.append(PhraseMatch(nm.start("adj"), nm.end("adj"), nm.start("adj"), "", False,
                                              _Alias(aid)))
    return out


def _after_place_preposition(norm: str, sent: Sentence, m: PhraseMatch, data: _ActorData) -> bool:
    """A bare country name right after في / إلى / الحدود مع (or glued ب) names a place."""
    if m.clitic.endswith("ب"):
        return True
    words = [t.text for t in _tokens_before(norm, sent.ns, m.ws)][-data.max_place_prep:]
    return bool(set(_tail_phrases(words, data.max_place_prep)) & data.place_preps)


def _has_context(norm: str, sent: Sentence, m: PhraseMatch, data: _ActorData, harm: HarmTerms) -> bool:
    before = [t.text for t in _tokens_before(norm, sent.ns, m.ws) if t.is_word][-CONTEXT_WINDOW:]
    after = [t.text for t in word_tokens(norm, m.ne, min(sent.ne, m.ne + _SCAN_CHARS)) if t.is_word][:CONTEXT_WINDOW]
    for w in before + after:
        if harm.is_harm(w) or any(f in data.force_nouns or f in data.context_words for f in word_forms(w)):
            return True
    return False


def _sentence_has_harm(norm: str, sent: Sentence, harm: HarmTerms, cache: dict[int, bool]) -> bool:
    """Whether any harm or attack term occurs in the sentence (target markers need one)."""
    if sent.ns not in cache:
        cache[sent.ns] = any(t.is_word and harm.is_harm(t.text) for t in word_tokens(norm, sent.ns, sent.ne))
    return cache[sent.ns]


def _subject_of_verb(norm: str, sent: Sentence, m: PhraseMatch, harm: HarmTerms) -> bool:
    """A harm verb among the first words after the mention (SVO order)."""
    n_words = 0
    for t in word_tokens(norm, m.ne, min(sent.ne, m.ne + _SCAN_CHARS)):
        if not t.is_word:
            return False
        if harm.is_verb(t.text):
            return True
        n_words += 1
        if n_words >= SUBJECT_WINDOW:
            return False
    return False


def _role(norm: str, sent: Sentence, m: PhraseMatch, alias: _Alias, prev: ActorMention | None,
          prev_m: PhraseMatch | None, data: _ActorData, harm: HarmTerms, harm_cache: dict[int, bool]) -> str:
    """Role of one actor mention from the words around it (rules in lexicons/actors.json `roles`)."""
    left_bound = max(sent.ns, prev.ne) if prev is not None else sent.ns
    before = _tokens_before(norm, left_bound, m.ws)
    # Words before, up to the nearest punctuation mark.
    words: list[str] = []
    for t in reversed(before):
        if not t.is_word:
            break
        words.append(t.text)
    words.reverse()
    clitic = m.clitic
    adjacent_prev = prev is not None and not before
    lam = "ل" in clitic or m.fused
    tails = set(_tail_phrases(words, data.max_marker_words))

    if tails & data.modifier_markers:
        return "modifier"
    if tails & data.agent_markers:
        return "perpetrator"
    if tails & data.target_markers and _sentence_has_harm(norm, sent, harm, harm_cache):
        return "victim"
    if adjacent_prev and prev is not None:
        if lam and prev.role == "perpetrator":
            return "victim"
        if clitic.startswith("و"):
            return prev.role
    for w in reversed(words[-AGENT_WINDOW:]):
        if harm.is_verb(w) or harm.is_noun(w):
            return "perpetrator"
    if _subject_of_verb(norm, sent, m, harm):
        return "perpetrator"
    if alias.agentive:
        return "perpetrator"
    return "other"
