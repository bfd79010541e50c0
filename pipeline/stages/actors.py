"""Actors: who is named in a report, and in which role.

``find_actors(nt)`` finds every alias of ``lexicons/actors.json`` on the
normalized view in one pass (an Aho-Corasick automaton built at first use),
keeps the longest non-overlapping matches, drops the shadowing names
(documenting organizations, rescuers), and gives each mention a role
(perpetrator / victim / other) from a small rule set over the words right
before and after it in its sentence (see ``_role`` and the ``roles`` section of
the lexicon; harm and attack vocabulary comes from ``lexicons/harm_verbs.json``).

The phrase matcher and the word helpers live in :mod:`pipeline.core.phrases` (shared
with the weapons, facilities and events stages); they are re-exported here.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import regex

from pipeline.core.document import TextDoc, text_doc
from pipeline.core.lexicon import cached_build, load_json
from pipeline.core.rules import Rule, decide
from pipeline.core import settings
from pipeline.core.mentions import ActorMention
from pipeline.core.normalize import NormText, norm_key
# Re-exported: other stages (and tests) imported these from here before phrases.py existed.
from pipeline.core import clitics
from pipeline.core.clitics import conj_stripped
from pipeline.core.phrases import (AnchoredPattern, HarmTerms, heads_of, PhraseMatch, PhraseMatcher, Tok, clitic_splits, harm_terms,  # noqa: F401
                      select_longest, term_variants, word_forms, word_tokens)
from pipeline.core.phrases import is_word_char as _is_word_char
from pipeline.core.text import Sentence

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
    #: a bare state name that is an actor only in a military context (ctx: military)
    military: bool = False
    #: a pejorative group label (label_aliases)
    label: bool = False
    #: an adjectival phrase that names a place after a place preposition (الجانب التركي)
    place_check: bool = False
    #: produced by the nisba rule
    adjectival: bool = False
    #: names the side a fighter belongs to (مقاتلا معارضا): victim unless it is a verb's subject
    side: bool = False
    #: the speaker's own forces (قواتنا): resolved to the speaker named before it
    first_person: bool = False
    #: right after a number it describes the counted people (7 مجهولي الهوية), no actor
    counted: bool = False
    #: a definite generic noun (المسلحون) that, as a perpetrator, refers back to the gunmen told before it
    anaphoric: bool = False


def _term(entry: Any) -> tuple[str, dict[str, Any]]:
    """An alias entry is a string or an object with ``t`` (the term) and comment fields."""
    if isinstance(entry, str):
        return entry, {}
    return entry["t"], entry


@dataclass(frozen=True, slots=True)
class _Noun:
    cls: str
    definite: bool
    place_check: bool


class _ActorData:
    def __init__(self, data: dict[str, Any]):
        self.names: dict[str, str] = {}
        entries: list[tuple[str, Any]] = []
        for aid, spec in data["actors"].items():
            self.names[aid] = spec["name_ar"]
            for part, kw in (("aliases", {}), ("agentive_aliases", {"agentive": True}),
                             ("context_aliases", {"context": True}), ("label_aliases", {"label": True}),
                             ("first_person_aliases", {"first_person": True})):
                for e in spec.get(part, []):
                    t, meta = _term(e)
                    entries.append((t, _Alias(aid, military=meta.get("ctx") == "military",
                                              counted=bool(meta.get("counted")),
                                              anaphoric=bool(meta.get("anaphoric")), **kw)))
        entries += _unknown_agent_entries(data.get("unknown_agent", {}))
        entries += _operation_entries(data.get("operations", {}))
        for e in data.get("shadow", []):
            entries.append((_term(e)[0], None))
        entries = self._spelling_variants(entries, data.get("spelling_variants", {}).get("pairs", []))
        self.matcher = PhraseMatcher(entries)
        self._init_adjectival(data.get("adjectival", {}))
        roles = data["roles"]
        self.agent_markers = frozenset(norm_key(t) for t in roles["agent_markers"])
        self.target_markers = frozenset(norm_key(t) for t in roles["target_markers"])
        self.modifier_markers = frozenset(norm_key(t) for t in roles["modifier_markers"])
        self.force_nouns = frozenset(norm_key(t) for t in roles["force_nouns"])
        self.context_words = frozenset(norm_key(t) for t in roles.get("context_words", []))
        self.place_preps = frozenset(norm_key(t) for t in roles.get("place_prepositions", []))
        self.owner_nouns = frozenset(norm_key(t) for t in roles.get("owner_nouns", []))
        self.counted_nouns = frozenset(norm_key(t) for t in roles.get("counted_nouns", []))
        self.max_place_prep = max((len(t.split()) for t in self.place_preps), default=1)
        self.max_marker_words = max(len(t.split()) for t in
                                    self.agent_markers | self.target_markers | self.modifier_markers)
        self.epithets = frozenset(norm_key(t) for t in roles.get("epithets", []))
        fp = data.get("first_person", {})
        self.speech_words = frozenset(norm_key(t) for t in fp.get("speech_words", []))
        self.speaker_window = int(fp.get("window", 400))
        ana = data.get("anaphoric", {})
        self.anaphor_window = int(ana.get("window", 0))
        self.anaphor_antecedents = frozenset(ana.get("antecedents", ()))
        lab = data.get("label_connectors", {})
        self.connectors = frozenset(norm_key(t) for t in lab.get("connectors", []))
        self.max_connector_words = max((len(t.split()) for t in self.connectors), default=1)
        self.accusation_words = frozenset(norm_key(t) for t in lab.get("accusation_words", []))
        #: nouns that carry an attack when an owner follows them (طائرة مسيرة تابعة لـ ...)
        self.instruments = self.force_nouns | frozenset(
            k for k, n in self.nouns.items() if " " not in k and n.cls in ("attack", "force"))

    @staticmethod
    def _spelling_variants(entries: list[tuple[str, Any]], pairs: list[list[str]]) -> list[tuple[str, Any]]:
        """Each alias plus its orthographic variants (مليشيات/ميليشيات, سورية/سوريا), both directions."""
        subs = [(norm_key(a), norm_key(b)) for a, b in pairs]
        subs += [(b, a) for a, b in subs]
        out = list(entries)
        known = {norm_key(t) for t, _ in entries}
        for t, v in entries:
            key = norm_key(t)
            for a, b in subs:
                if a in key:
                    var = key.replace(a, b)
                    if var not in known:
                        known.add(var)
                        out.append((var, v))
        return out

    def _init_adjectival(self, adj: dict[str, Any]) -> None:
        self.nouns: dict[str, _Noun] = {}
        for n in adj.get("nouns", []):
            for key, definite in (("def", True), ("indef", False)):
                if n.get(key):
                    noun = _Noun(n["class"], definite, bool(n.get("place_check")))
                    forms = [norm_key(n[key])] if definite else [v for v, fused in term_variants(norm_key(n[key]))
                                                                 if not fused]
                    for form in forms:
                        self.nouns.setdefault(form, noun)
        self.max_noun_words = max((len(k.split()) for k in self.nouns), default=1)
        self.adj_mods = frozenset(norm_key(t) for t in adj.get("modifiers", []))
        self.adj_blockers = frozenset(norm_key(t) for t in adj.get("blockers_after", []))
        self.adj_hedges = sorted((tuple(norm_key(t).split()) for t in adj.get("hedges", [])), key=len, reverse=True)
        #: nisba form -> actor id, and the noun classes it may follow (``indef_classes`` narrows the
        #: indefinite forms: سورية is also the country's name)
        self.nisba: dict[str, str] = {}
        self.nisba_classes: dict[str, frozenset[str]] = {}
        all_classes = frozenset({"attack", "force", "occupation", "political"})
        for aid, spec in adj.get("actors", {}).items():
            classes = frozenset(spec.get("classes", all_classes))
            indef_classes = frozenset(spec.get("indef_classes", classes))
            for form in spec.get("def", []):
                self.nisba[norm_key(form)] = aid
                self.nisba_classes[norm_key(form)] = classes
            for form in spec.get("indef", []):
                for v, _ in term_variants(norm_key(form)):
                    if v not in self.nisba:
                        self.nisba[v] = aid
                        self.nisba_classes[v] = indef_classes
        alt = "|".join(regex.escape(k) for k in sorted(self.nisba, key=len, reverse=True))
        #: a nisba word on its own
        self.nisba_word_re = regex.compile(rf"(?<![\p{{L}}\p{{N}}_])(?:{alt})(?![\p{{L}}\p{{N}}_])")
        #: the same, run only at the words that may start a nisba
        self.nisba_word_scan = AnchoredPattern(self.nisba_word_re, heads_of(self.nisba))
        #: a second nisba right after an adjectival mention: السورية-الروسية, الروسي والسوري
        self.nisba_re = regex.compile(rf"(?:\s*[-/–]\s*|\s+{clitics.WA}|\s+)(?P<adj>{alt})(?![\p{{L}}\p{{N}}_])")


def _unknown_agent_entries(spec: dict[str, Any]) -> list[tuple[str, _Alias]]:
    """``لم يعرف`` + ``الطرف المنفذ`` and ``الجهة المنفذة`` + ``مجهولة``: an unidentified perpetrator."""
    if not spec:
        return []
    alias = _Alias(spec["actor"])
    out = [(f"{neg} {agent}", alias) for neg in spec.get("negations", []) for agent in spec.get("agents", [])]
    out += [(f"{agent} {adj}", alias) for agent in spec.get("agents", []) for adj in spec.get("adjectives", [])]
    return out


def _operation_entries(spec: dict[str, Any]) -> list[tuple[str, _Alias]]:
    """A named operation after an operation noun, bare or quoted: an agentive alias of its actor."""
    out: list[tuple[str, _Alias]] = []
    for name, aid in spec.get("names", {}).items():
        for noun in spec.get("nouns", []):
            out.append((f"{noun} {name}", _Alias(aid, agentive=True)))
            for q in spec.get("quotes", []):
                out.append((f"{noun} {q[0]}{name}{q[-1]}", _Alias(aid, agentive=True)))
    return out


@lru_cache(maxsize=1)
def _data() -> _ActorData:
    return cached_build("actors", lambda: _ActorData(load_json("actors.json")))


# Windows (lexicons hold the words, settings the distances)
AGENT_WINDOW = settings.ACTOR_AGENT_WINDOW
SUBJECT_WINDOW = settings.ACTOR_SUBJECT_WINDOW
CONTEXT_WINDOW = settings.ACTOR_CONTEXT_WINDOW
_SCAN_CHARS = settings.ACTOR_SCAN_CHARS


def _tokens_before(td: TextDoc, lo: int, hi: int) -> list[Tok]:
    """Tokens of ``norm[lo:hi]``, at most ``_SCAN_CHARS`` back, without a cut word."""
    start = max(lo, hi - _SCAN_CHARS)
    toks = td.tokens(start, hi)
    if start > lo and toks and toks[0].s == start and start > 0 and _is_word_char(td.norm[start - 1]):
        toks = toks[1:]
    return toks


def _tail_phrases(words: list[str], k_max: int) -> Iterable[str]:
    """The last 1..k_max words joined; each with its first word's clitics stripped too."""
    for k in range(1, min(k_max, len(words)) + 1):
        tail = words[-k:]
        rest = " ".join(tail[1:])
        for f in word_forms(tail[0]):
            yield (f + " " + rest) if rest else f


def _adjectival(td: TextDoc, data: _ActorData) -> list[PhraseMatch]:
    """Attributions by a nisba adjective: attack/force noun [+ modifiers] + nisba (قصف مدفعي تركي).

    Found from the nisba backwards, so the cost is one regex pass plus a few
    dictionary look-ups per nisba word in the text.
    """
    out: list[PhraseMatch] = []
    hedges: dict[str, list[tuple[str, ...]]] = {}  # by their last word, longest first
    for h in data.adj_hedges:
        hedges.setdefault(h[-1], []).append(h)
    for nm in data.nisba_word_scan.finditer(td.norm):
        nisba = nm.group()
        aid = data.nisba[nisba]
        definite = nisba.startswith(clitics.ARTICLE)
        before = _tokens_before(td, 0, nm.start())
        words: list[Tok] = []
        for t in reversed(before):
            if not t.is_word or len(words) >= settings.ACTOR_NISBA_MAX_MODIFIERS + data.max_noun_words:
                break
            words.append(t)
        words.reverse()
        # a hedge between the noun and the nisba (طائرة حربية يعتقد أنها روسية)
        for h in hedges.get(words[-1].text, ()) if words else ():
            if len(words) > len(h) and tuple(t.text for t in words[-len(h):]) == h:
                words = words[:-len(h)]
                break
        # modifiers after the noun (greedy), then fewer of them when a modifier is itself the noun
        n_mods = 0
        while n_mods < settings.ACTOR_NISBA_MAX_MODIFIERS and n_mods < len(words):
            w = words[len(words) - 1 - n_mods].text
            if w[:1] == clitics.WA and w[1:] in data.adj_mods:
                w = w[1:]
            if w not in data.adj_mods or w.startswith(clitics.ARTICLE) != definite:
                break
            n_mods += 1
        found = None
        for skip in range(n_mods, -1, -1):
            found = _noun_before(words, len(words) - skip, nisba, definite, data)
            if found:
                break
        if found is None:
            continue
        ns, ws, clitic, fused, noun = found
        out.append(PhraseMatch(ns, nm.end(), ws, clitic, fused,
                               _Alias(aid, agentive=noun.cls == "attack", place_check=noun.place_check,
                                      adjectival=True, side=noun.cls == "fighter")))
    return out


def _noun_before(words: list[Tok], i: int, nisba: str, definite: bool, data: _ActorData):
    """The longest noun of the nisba table ending at ``words[i - 1]``, with its proclitics."""
    for k in range(min(data.max_noun_words, i), 0, -1):
        first = words[i - k]
        rest = [t.text for t in words[i - k + 1:i]]
        for clitic, base, fused in clitic_splits(first.text):
            noun = data.nouns.get(" ".join([base] + rest))
            if noun is None or noun.definite != definite or noun.cls not in data.nisba_classes[nisba]:
                continue
            return (first.s + len(clitic), first.s, clitic, fused, noun)
    return None


def _candidates(td: TextDoc, data: _ActorData) -> list[PhraseMatch]:
    """Lexicon and nisba-rule candidates, longest first; a nisba phrase that ends later than a
    lexicon alias it overlaps wins (وحدات من الجيش التركي is Turkish, not وحدات من الجيش)."""
    adj = _adjectival(td, data)
    cands = data.matcher.candidates(td.norm)
    if adj:
        by_start = sorted(adj, key=lambda a: a.ns)
        starts = [a.ns for a in by_start]

        def outrun(c: PhraseMatch) -> bool:  # a nisba phrase starting inside c and ending after it
            lo, hi = bisect.bisect_right(starts, c.ns), bisect.bisect_left(starts, c.ne)
            return any(by_start[k].ne > c.ne for k in range(lo, hi))

        cands = [c for c in cands if c.value is None or not outrun(c)]
    return select_longest(cands + adj, len(td.norm))


@dataclass(slots=True)
class _Cand:
    """One candidate mention and what the admission and role rules read about it."""

    td: TextDoc
    sent: Sentence
    m: PhraseMatch
    alias: _Alias
    prev: ActorMention | None
    data: _ActorData
    harm: HarmTerms
    harm_cache: dict[int, bool]


def _span(c: _Cand) -> tuple[int, int]:
    return c.m.ns, c.m.ne


def _coordinated(c: _Cand) -> bool:
    """A context alias joined by و right after the previous actor (not a military one)."""
    return (not c.alias.military and c.prev is not None and c.m.clitic.startswith(clitics.WA)
            and not c.td.norm[c.prev.ne:c.m.ws].strip())


#: Why a candidate is no actor: the first rule that fires rejects it.
_REJECT: list[Rule[_Cand]] = [
    Rule("adjectival_place_after_place_preposition", "الجانب التركي after في names a place",
         lambda c: (True, _span(c)) if c.alias.place_check and _after_place_preposition(
             c.td, c.sent, c.m, c.data) else None),
    Rule("nisba_before_blocker", "طائرات روسية الصنع describes an origin",
         lambda c: (True, _span(c)) if _nisba_blocked(c.td, c.m, c.data) else None),
    Rule("label_after_accusation", "بتهمة دعم الإرهابيين names no actor",
         lambda c: (True, _span(c)) if c.alias.label and _after_accusation(c.td, c.sent, c.m, c.data) else None),
    Rule("counted_after_number", "7 مجهولي الهوية describes the counted people",
         lambda c: (True, _span(c)) if c.alias.counted and _after_number(c.td, c.sent, c.m, c.data) else None),
    Rule("context_alias_after_place_preposition", "a bare country name after في names a place",
         lambda c: (True, _span(c)) if c.alias.context and _after_place_preposition(
             c.td, c.sent, c.m, c.data) else None),
    Rule("context_alias_without_context", "a context alias needs a harm word, an agent marker or a و-conjunct",
         lambda c: (True, _span(c)) if c.alias.context and not _coordinated(c) and not _owned_or_agent(
             c.td, c.sent, c.m, c.data) and not _has_context(
             c.td, c.sent, c.m, c.data, c.harm, military=c.alias.military) else None),
]

#: The role of a side alias (مقاتلا معارضا): a verb's subject, else a victim in a harm sentence.
_SIDE_ROLE: list[Rule[_Cand]] = [
    Rule("side_before_harm_verb", "مقاتلون معارضون قصفوا",
         lambda c: ("perpetrator", _span(c)) if _verb_follows(c.td, c.sent, c.m, c.harm) else None),
    Rule("side_in_harm_sentence", "مقتل مقاتل معارض",
         lambda c: ("victim", _span(c)) if _sentence_has_harm(c.td, c.sent, c.harm, c.harm_cache) else None),
]


def find_actors(nt: NormText) -> list[ActorMention]:
    """Every actor mention of the text, in order, with its role."""
    data = _data()
    harm = harm_terms()
    td = text_doc(nt)
    out: list[ActorMention] = []
    aliases: list[_Alias] = []
    harm_cache: dict[int, bool] = {}
    for m in _candidates(td, data):
        sent = _sentence_at(td, m.ns)
        prev = out[-1] if out and out[-1].ne > sent.ns else None
        c = _Cand(td, sent, m, m.value, prev, data, harm, harm_cache)
        if decide(_REJECT, c) is not None:
            continue
        mention = _mention(c, out, aliases)
        out.append(mention)
        aliases.append(c.alias)
        _nisba_chain(c, mention, out, aliases)
    return _drop_epithets(td, out, aliases, data)


def _sentence_at(td: TextDoc, pos: int) -> Sentence:
    i = td.sentence_index(pos)
    return td.sentences[i] if i >= 0 else Sentence(0, 0, 0)


def _mention(c: _Cand, out: list[ActorMention], aliases: list[_Alias]) -> ActorMention:
    """The admitted candidate as a mention with its role."""
    alias, data = c.alias, c.data
    aid = _speaker(c.td, out, aliases, c.m, data) or alias.id if alias.first_person else alias.id
    mention = ActorMention(ns=c.m.ns, ne=c.m.ne, id=aid, name_ar=data.names[aid])
    hit = decide(_SIDE_ROLE, c) if alias.side else decide(_ROLE, _role_ctx(c))
    mention.role, mention.role_rule = (hit.value, hit.rule) if hit is not None else ("other", "no_role_rule")
    if alias.anaphoric and mention.role == "perpetrator":
        ant = _antecedent(out, c.m.ns, data)
        if ant is not None:
            mention.id, mention.name_ar = ant, data.names[ant]
    if mention.role == "modifier":
        # "militias loyal to the regime committed ...": the verb after the
        # modifier belongs to the head actor before it.
        mention.role = "other"
        if c.prev is not None and c.prev.role == "other" and _subject_of_verb(c.td, c.sent, c.m, c.harm):
            c.prev.role = "perpetrator"
    return mention


def _nisba_chain(c: _Cand, mention: ActorMention, out: list[ActorMention], aliases: list[_Alias]) -> None:
    """Nisba adjectives chained after a nisba-final mention (القوات الروسية والإيرانية) are actors too."""
    norm, data, m = c.td.norm, c.data, c.m
    if " " not in norm[m.ns:m.ne] or norm[m.ns:m.ne].rsplit(" ", 1)[1] not in data.nisba:
        return
    end = m.ne
    seen_ids = {c.alias.id}
    while (nm := data.nisba_re.match(norm, end, c.sent.ne)) is not None:
        aid = data.nisba[nm.group("adj")]
        end = nm.end()
        if aid in seen_ids:
            break
        seen_ids.add(aid)
        out.append(ActorMention(ns=nm.start("adj"), ne=nm.end("adj"), id=aid, name_ar=data.names[aid],
                                role=mention.role, role_rule="nisba_chain"))
        aliases.append(_Alias(aid))


def _antecedent(out: list[ActorMention], pos: int, data: _ActorData) -> str | None:
    """The gunmen an anaphoric alias at ``pos`` refers back to: the id of the nearest perpetrator mention
    before it, within the window, when it is a non-state armed group (``anaphoric.antecedents``)."""
    for prev in reversed(out):
        if pos - prev.ne > data.anaphor_window:
            return None
        if prev.role == "perpetrator":
            return prev.id if prev.id in data.anaphor_antecedents else None
    return None


def _speaker(td: TextDoc, out: list[ActorMention], aliases: list[_Alias], m: PhraseMatch,
             data: _ActorData) -> str | None:
    """The actor whose statement holds a first-person alias: the nearest mention before it, within the
    speaker window, with a speech word among the three words before or after it."""
    for prev, alias in zip(reversed(out), reversed(aliases)):
        if m.ns - prev.ne > data.speaker_window:
            return None
        if alias.first_person or prev.id == "unknown":
            continue
        k = settings.ACTOR_SPEECH_WORDS
        near = [t.text for t in _tokens_before(td, max(0, prev.ns - _SCAN_CHARS), prev.ns) if t.is_word][-k:]
        near += td.words_in(prev.ne, min(len(td.norm), prev.ne + settings.ACTOR_SPEAKER_AFTER_CHARS))[:k]
        if any(f in data.speech_words for w in near for f in word_forms(w)):
            return prev.id
    return None


def _nisba_blocked(td: TextDoc, m: PhraseMatch, data: _ActorData) -> bool:
    """A nisba-final mention followed by a blocker is a description (طائرات روسية الصنع)."""
    if td.norm[m.ns:m.ne].rsplit(" ", 1)[-1] not in data.nisba:
        return False
    after = td.tokens(m.ne, min(len(td.norm), m.ne + settings.ACTOR_BLOCKER_CHARS))
    return bool(after) and after[0].text in data.adj_blockers


def _drop_epithets(td: TextDoc, out: list[ActorMention], aliases: list[_Alias],
                   data: _ActorData) -> list[ActorMention]:
    """A label followed by a named actor across connector words only is that actor's epithet
    (الإرهابيين من داعش, التنظيمات الإرهابية ومنها جبهة النصرة)."""
    if not any(a.label for a in aliases):
        return out
    keep: list[ActorMention] = []
    defined: list[tuple[frozenset[str], set[str]]] = []  # (the label's words, the actors it was defined as)
    for i, (m, alias) in enumerate(zip(out, aliases)):
        if alias.label and i + 1 < len(out) and not aliases[i + 1].label and \
                _connected(td, m, out[i + 1], data):
            refs, j = {out[i + 1].id}, i + 1
            while j + 1 < len(out) and not aliases[j + 1].label and _connected(td, out[j], out[j + 1], data):
                refs.add(out[j + 1].id)
                j += 1
            defined.append((frozenset(td.norm[m.ns:m.ne].split()), refs))
            continue
        if alias.label and defined:
            # a later label sharing a word with one the report defined (المجموعات الإرهابية التابع أغلبها لـ X
            # و Y ... ثم الاعتداءات الإرهابية) refers back to the actors it was defined as: one is that actor,
            # several are no single actor (joint, ANNOTATING.md 1.11)
            words = set(td.norm[m.ns:m.ne].split())
            refs = next((r for w, r in reversed(defined) if w & words), None)
            if refs is not None and len(refs) > 1:
                continue
            if refs is not None:
                aid = next(iter(refs))
                m.id, m.name_ar = aid, data.names[aid]
        keep.append(m)
    return keep


def _connected(td: TextDoc, a: ActorMention, b: ActorMention, data: _ActorData) -> bool:
    """Only connector words (من، التابعة لـ، ما يسمى، و) and no sentence end between ``a`` and ``b``."""
    words = [t.text for t in td.tokens(a.ne, b.ns) if t.is_word]
    gap_punct = [t.text for t in td.tokens(a.ne, b.ns) if not t.is_word]
    return len(words) <= data.max_connector_words + 1 and not set(gap_punct) & {".", ";", "\n"} and \
        _only_connectors(words, data)


def _only_connectors(words: list[str], data: _ActorData) -> bool:
    """Whether the words (the last one may carry the next actor's proclitic) are connectors."""
    i = 0
    while i < len(words):
        for k in range(min(data.max_connector_words, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + k])
            if phrase in data.connectors or (k == 1 and any(f in data.connectors for f in word_forms(phrase))):
                i += k
                break
        else:
            return False
    return True


def _after_number(td: TextDoc, sent: Sentence, m: PhraseMatch, data: _ActorData) -> bool:
    """The word right before the mention is a count or a noun of the dead (و7 مجهولي الهوية، جثث)."""
    before = _tokens_before(td, sent.ns, m.ws)
    if not before or not before[-1].is_word:
        return False
    w = before[-1].text
    return w.lstrip(clitics.WA).isdigit() or any(f in data.counted_nouns for f in word_forms(w))


def _owned_or_agent(td: TextDoc, sent: Sentence, m: PhraseMatch, data: _ActorData) -> bool:
    """A context alias right after an agent marker (على يد الفصائل) or an owner noun (مناطق المعارضة),
    unless an adjective follows it (من قبل التحالف العسكري السوري الروسي names another alliance)."""
    after = td.tokens(m.ne, min(sent.ne, m.ne + settings.ACTOR_NEXT_WORD_CHARS))
    if after and after[0].is_word and after[0].text in data.adj_mods:
        return False
    words = [t.text for t in _tokens_before(td, sent.ns, m.ws)][-data.max_marker_words:]
    tails = set(_tail_phrases(words, data.max_marker_words))
    return bool(tails & (data.agent_markers | data.owner_nouns))


def _after_accusation(td: TextDoc, sent: Sentence, m: PhraseMatch, data: _ActorData) -> bool:
    """A label after an accusation word (بتهمة دعم الإرهابيين) names no actor."""
    words = [t.text for t in _tokens_before(td, sent.ns, m.ws) if t.is_word][-settings.ACTOR_ACCUSATION_WORDS:]
    return any(f in data.accusation_words for w in words for f in word_forms(w))


def _after_place_preposition(td: TextDoc, sent: Sentence, m: PhraseMatch, data: _ActorData) -> bool:
    """A bare country name right after في / إلى / الحدود مع (or glued ب) names a place."""
    if m.clitic.endswith(clitics.BI):
        return True
    words = [t.text for t in _tokens_before(td, sent.ns, m.ws)][-data.max_place_prep:]
    return bool(set(_tail_phrases(words, data.max_place_prep)) & data.place_preps)


def _has_context(td: TextDoc, sent: Sentence, m: PhraseMatch, data: _ActorData, harm: HarmTerms,
                 military: bool = False) -> bool:
    before = [t.text for t in _tokens_before(td, sent.ns, m.ws) if t.is_word][-CONTEXT_WINDOW:]
    after = [t.text for t in td.tokens(m.ne, min(sent.ne, m.ne + _SCAN_CHARS)) if t.is_word][:CONTEXT_WINDOW]
    for w in before + after:
        hit = (harm.is_verb(w) or harm.is_noun(w)) if military else harm.is_harm(w)
        if hit or any(f in data.force_nouns or (not military and f in data.context_words) for f in word_forms(w)):
            return True
    return False


def _sentence_has_harm(td: TextDoc, sent: Sentence, harm: HarmTerms, cache: dict[int, bool]) -> bool:
    """Whether any harm or attack term occurs in the sentence (target markers need one)."""
    if sent.ns not in cache:
        cache[sent.ns] = any(t.is_word and harm.is_harm(t.text) for t in td.tokens(sent.ns, sent.ne))
    return cache[sent.ns]


def _verb_follows(td: TextDoc, sent: Sentence, m: PhraseMatch, harm: HarmTerms) -> bool:
    """A harm verb is the very next word (مقاتلون معارضون قصفوا)."""
    after = td.tokens(m.ne, min(sent.ne, m.ne + settings.ACTOR_NEXT_WORD_CHARS))
    return bool(after) and after[0].is_word and harm.is_verb(after[0].text)


def _act_verb_follows(c: "_Cand") -> bool:
    """An attack or detention verb is the very next word (عناصر من قوات X نفذت حملة، اعتقلت): the members
    named before the actor are its subject, not a target; an intransitive outcome verb (قضوا، أصيبوا) is not
    one."""
    after = c.td.tokens(c.m.ne, min(c.sent.ne, c.m.ne + settings.ACTOR_NEXT_WORD_CHARS))
    if not after or not after[0].is_word:
        return False
    acts = c.harm.by_outcome.get("attack", {}).get("verbs", frozenset()) | \
        c.harm.by_outcome.get("detained", {}).get("verbs", frozenset())
    return conj_stripped(after[0].text, acts)


def _subject_of_verb(td: TextDoc, sent: Sentence, m: PhraseMatch, harm: HarmTerms) -> bool:
    """A harm verb among the first words after the mention (SVO order)."""
    n_words = 0
    for t in td.tokens(m.ne, min(sent.ne, m.ne + _SCAN_CHARS)):
        if not t.is_word:
            return False
        if harm.is_verb(t.text):
            return True
        n_words += 1
        if n_words >= SUBJECT_WINDOW:
            return False
    return False


@dataclass(slots=True)
class _RoleCtx:
    """What the role rules read: the candidate, the words before it up to a punctuation mark, and
    the marker phrases those words end with."""

    c: _Cand
    words: list[str]
    tails: set[str]
    adjacent_prev: bool


def _role_ctx(c: _Cand) -> _RoleCtx:
    left_bound = max(c.sent.ns, c.prev.ne) if c.prev is not None else c.sent.ns
    before = _tokens_before(c.td, left_bound, c.m.ws)
    words: list[str] = []
    for t in reversed(before):
        if not t.is_word:
            break
        words.append(t.text)
    words.reverse()
    return _RoleCtx(c, words, set(_tail_phrases(words, c.data.max_marker_words)),
                    c.prev is not None and not before)


def _harm_word_before(r: _RoleCtx) -> bool:
    """A harm verb or attack noun among the last words before the actor, epithets skipped."""
    bare = list(r.words)
    while bare and any(f in r.c.data.epithets for f in word_forms(bare[-1])):
        bare.pop()
    return any(r.c.harm.is_verb(w) or r.c.harm.is_noun(w) for w in bare[-AGENT_WINDOW:])


def _r(value, test):
    """A rule test returning ``value`` (or ``value(ctx)``) over the actor's span when ``test`` holds."""
    return lambda r: ((value(r) if callable(value) else value), _span(r.c)) if test(r) else None


#: The role of an actor mention from the words around it (markers in lexicons/actors.json ``roles``);
#: the first rule that fires sets it, else "other".
_ROLE: list[Rule[_RoleCtx]] = [
    Rule("after_modifier_marker", "الموالية لـ: a modifier, or the owner of an attack instrument",
         _r(lambda r: _owner_role(r.c.td, r.c.sent, r.c.m, r.words, r.c.data, r.c.harm),
            lambda r: bool(r.tails & r.c.data.modifier_markers))),
    Rule("after_agent_marker", "على يد / من قبل", _r("perpetrator", lambda r: bool(r.tails & r.c.data.agent_markers))),
    Rule("member_subject_of_act_verb", "عناصر من قوات X نفذت / اعتقلت: members acting, not targets",
         _r("perpetrator", lambda r: bool(r.tails & r.c.data.target_markers) and _act_verb_follows(r.c))),
    Rule("after_target_marker", "استهداف ... in a harm sentence",
         _r("victim", lambda r: bool(r.tails & r.c.data.target_markers) and not r.c.alias.agentive
            and _sentence_has_harm(r.c.td, r.c.sent, r.c.harm, r.c.harm_cache))),
    Rule("lam_after_perpetrator", "a ل-actor right after a perpetrator is its target",
         _r("victim", lambda r: r.adjacent_prev and (clitics.LI in r.c.m.clitic or r.c.m.fused)
            and r.c.prev.role == "perpetrator")),
    Rule("wa_conjunct", "a و-actor right after another shares its role",
         _r(lambda r: r.c.prev.role, lambda r: r.adjacent_prev and r.c.m.clitic.startswith(clitics.WA))),
    Rule("agent_after_harm_word", "قصف الطيران", _r("perpetrator", _harm_word_before)),
    Rule("subject_of_harm_verb", "الطيران قصف", _r("perpetrator", lambda r: _subject_of_verb(
        r.c.td, r.c.sent, r.c.m, r.c.harm))),
    Rule("agentive_alias", "an alias that names an attacker", _r("perpetrator", lambda r: r.c.alias.agentive)),
]


def _owner_role(td: TextDoc, sent: Sentence, m: PhraseMatch, words: list[str], data: _ActorData,
                harm: HarmTerms) -> str:
    """An actor after a modifier marker (تابعة لـ, الموالية لـ).

    Right after another actor it modifies that actor ("modifier"). After an attack
    instrument (استهداف طائرة مسيرة تابعة لدولة الاحتلال التركي) it owns the
    instrument, so it is the perpetrator when the instrument is the attacker.
    """
    for k in range(min(data.max_marker_words, len(words)), 0, -1):
        rest = " ".join(words[len(words) - k + 1:])
        if {(f + " " + rest) if rest else f for f in word_forms(words[-k])} & data.modifier_markers:
            pre = words[:-k]
            break
    else:
        return "modifier"
    i = len(pre)
    while i > 0 and len(pre) - i < 2 and pre[i - 1] in data.adj_mods:
        i -= 1
    if i == 0 or not any(f in data.instruments for f in word_forms(pre[i - 1])):
        return "modifier"
    for w in reversed(pre[max(0, i - 1 - AGENT_WINDOW):i - 1]):
        if harm.is_verb(w) or harm.is_noun(w):
            return "perpetrator"
    if _subject_of_verb(td, sent, m, harm):
        return "perpetrator"
    return "modifier"
