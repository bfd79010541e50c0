"""The casualties vocabulary (``lexicons/casualty_terms.json``, ``dual_nouns.tsv``), loaded once.

Every word the stage knows is data: phrase lists become :class:`~pipeline.core.phrases.WordPhrases`
matchers, word lists sets of normalized keys, and the clitics and connectors (``connectors``) fill the
``<slot>`` of the few patterns the code keeps (:class:`Slotted`), with the letters of the one clitic table
(:mod:`pipeline.core.clitics`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from pipeline.core import clitics
from pipeline.core.lexicon import cached_table, load_json, load_tsv
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import WordPhrases as _Phrases


@dataclass(frozen=True)
class Group:
    group: str
    gender: str | None
    number: str  # singular|dual|plural


#: attribute <- list of phrases in casualty_terms.json (each a matcher whose payload is True)
PHRASE_LISTS = {
    "torture": "torture_cues", "breakdown": "breakdown_markers", "elliptic": "elliptic_nouns",
    "followers": "elliptic_followers", "attribution": "attribution_markers",
    "responsibility": "responsibility_before", "resp_heads": "responsibility_heads",
    "custody_pronouns": "custody_pronouns",
    "another_attack": "another_attack", "additive": "additive_connectors", "attack_causes": "attack_causes", "definitions": "definition_cues", "non_agents": "non_agent_before",
    "sources": "source_before", "before_not": "non_casualty_before", "rate_after": "rate_after_noun",
    "outcome_after": "outcome_after_markers", "count_of": "count_of_nouns", "partial": "partial_quantifiers",
    "joint": "joint_followers", "results": "result_connectors", "continuers": "comma_waw_continuers",
    "fate_nouns": "fate_nouns", "fate_unknown": "fate_unknown", "fate_after": "fate_unknown_after_count",
    "non_harm": "non_harm_before", "released": "release_before", "bodies": "armed_bodies",
    "table_totals": "table_total_headers", "per_batch": "per_batch_before", "both_sides": "both_sides_after",
    "between": "between_outcomes", "part_joiners": "part_list_joiners", "population_after": "population_after",
    "population_before": "population_before", "habitual": "habitual_before",
    "pronoun_back": "pronoun_subject_after_break", "cause_verbs": "cause_result_verbs",
    "cue_cancel": "cue_cancellers", "event_nouns": "event_nouns_before_cue", "death_of_wounded": "death_of_wounded",
    "among": "among_openers", "vague_non_persons": "vague_of_non_persons", "resumers": "tally_resumers",
    "single_ordinals": "single_outcome_ordinals", "count_of_pron": "count_of_pronouns",
    "single_after": "single_outcome_after", "one_after": "one_after", "documenting": "documenting_verbs",
    "harm_of_them": "harm_of_them_after", "total_lists": "total_list_markers", "case_back": "case_back_refs", "age_quals": "age_qualifiers",
    "total_openers": "named_total_openers", "total_links": "named_total_links",
}
#: attribute <- list of single words in casualty_terms.json (a set of normalized keys)
WORD_SETS = {
    "targets": "target_cues", "target_adjectives": "target_adjectives", "case_nouns": "case_nouns",
    "gap_preps": "gap_prepositions", "custody_heads": "custody_place_heads", "relatives": "relative_pronouns",
    "to_words": "to_words", "standalone_vague": "standalone_vague", "complementizers": "complementizers",
    "belonging": "belonging_words", "owned_sites": "owned_sites", "one_of_them": "one_of_them",
    "all_of_them": "all_of_them", "negators": "negating_words", "member_owned": "member_nouns_of_owner",
}
#: attribute <- word set in casualty_terms.json's ``connectors``
CONNECTOR_SETS = {"of_them": "of_them", "agent_hands": "hands"}
#: attribute <- single word in ``connectors``
CONNECTOR_WORDS = {"of": "of"}


def alternation(words) -> str:
    """A non-capturing alternation of the normalized ``words``, longest first."""
    keys = sorted({norm_key(w) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) for w in keys) + ")"


class Lex:
    def __init__(self, data: dict[str, Any]):
        self._nouns(data)
        self._bodies(data)
        for attr, key in PHRASE_LISTS.items():
            setattr(self, attr, _Phrases((t, True) for t in data.get(key, ())))
        for attr, key in WORD_SETS.items():
            setattr(self, attr, frozenset(norm_key(t) for t in data.get(key, ())))
        conn = data.get("connectors", {})
        for attr, key in CONNECTOR_SETS.items():
            setattr(self, attr, frozenset(norm_key(t) for t in conn.get(key, ())))
        for attr, key in CONNECTOR_WORDS.items():
            setattr(self, attr, norm_key(conn[key]))
        # the clitic letters come from the one clitic table (lexicons/clitics.json)
        self.conj, self.article = clitics.WA, clitics.ARTICLE
        #: the words that fill a pattern's ``<slot>``: every entry of ``connectors``, and the clitics
        self.slots = {k: alternation([v] if isinstance(v, str) else v) for k, v in conn.items()
                      if not k.startswith("_")}
        self.slots.update({
            "and": alternation([clitics.WA]), "article": alternation([clitics.ARTICLE]),
            "to_clitic": alternation([clitics.LI]),
            # ل، لل، ال، لال: what glues an actor to a responsibility phrase (مسؤوليته للنظام)
            "to_actor_clitics": alternation([clitics.LI, clitics.LAM_ARTICLE, clitics.ARTICLE,
                                             clitics.LI + clitics.ARTICLE])})
        self.after_not = _Phrases((t, True) for t in data["non_casualty_after"] if t != "%")
        #: per actor id, the followers that are that actor itself (قوات الأسد وميليشياته)
        self.own_followers = {aid: _Phrases((t, True) for t in ts) for aid, ts in data.get("own_followers", {}).items()}
        self.custody_holders = _Phrases((t, aid) for aid, ts in data.get("custody_holders", {}).items() for t in ts)
        breaks = data.get("clause_breaks", {})
        self.breaks_fwd = _Phrases((t, True) for t in breaks.get("forward", ()))
        self.breaks_bwd = _Phrases((t, True) for t in breaks.get("backward", ()))
        self.anaphors = {norm_key(k): v for k, v in data.get("anaphoric_actors", {}).items()}
        # a definite cause noun (القصف), with its clitics (وأدى القصف، بالقصف، فالهجوم): the article is required
        self.cause_back = regex.compile(
            r"(?<!\p{L})" + clitics.PROCLITICS +
            alternation(data.get("cause_nouns_referring_back", ())) + r"(?!\p{L})")
        # ... after a causal word, after the count (نتيجة القصف)
        self.cause_after = regex.compile(
            r"(?<!\p{L})" + alternation(data.get("cause_prepositions", ())) + r"\s+" + clitics.PROCLITICS +
            alternation(data.get("cause_nouns_referring_back", ())) + r"(?!\p{L})")
        # ... and an indefinite or construct one (هجمات أسفرت، أودى استهداف القرية، جراء قصف صاروخي)
        self.cause_indef = regex.compile(
            r"(?<!\p{L})" + clitics.PROCLITICS +
            alternation(data.get("cause_nouns_indefinite", ())) + r"(?!\p{L})")
        # a period before the count (منذ مطلع العام، منذ أواخر نيسان): a toll over it, not the attack told before
        months = [m for names in load_json("months.json")["gregorian"].values() for m in names]
        self.period_since = regex.compile(
            r"(?<!\p{L})" + alternation(data.get("period_openers", ())) + r"\s+(?:\p{L}+\s+)?" + clitics.PROCLITICS +
            alternation(list(data.get("period_heads", ())) + months) + r"(?!\p{L})")
        self.ordinals = _Phrases([(t, True) for t in data.get("ordinal_others", ())], bare=True)
        self.single_outcomes = _Phrases([(t, o) for o, ts in data.get("single_outcome_nouns", {}).items()
                                         for t in ts], bare=True)
        self.part_group_excludes = {k: frozenset(v) for k, v in data.get("part_group_excludes", {}).items()}
        self.elliptic_counted = _Phrases([(t, int(v)) for v, ts in data.get("elliptic_counted", {}).items()
                                          for t in ts], bare=True)
        # a relative pronoun right before a cue (the counted noun's relative clause)
        self.rel_before_cue = regex.compile(
            r"(?<!\p{L})(?:" + "|".join(regex.escape(t) for t in sorted(self.relatives)) + r")\s+$")
        rv = data.get("release_verbs_with_subject", {})
        self.release_verbs = frozenset(norm_key(t) for t in rv.get("verbs", ()))
        self.release_prep = norm_key(rv.get("preposition", "")) if rv else None

    def _bodies(self, data: dict[str, Any]) -> None:
        """The groups that name no total alone (المعتقلين) and the bodies that own members (الدفاع المدني، قوات)."""
        self.state_groups = frozenset(data.get("named_total_state_groups", ()))
        self.owners = _Phrases((t, g) for g, ts in data.get("owner_bodies", {}).items() for t in ts)

    def _nouns(self, data: dict[str, Any]) -> None:
        """Outcome cues and nouns, and the group nouns by number (singular, dual, plural)."""
        self.cues = _Phrases((t, o) for o, terms in data["outcome_cues"].items() for t in terms)
        self.outcome_nouns = _Phrases((t, o) for o, terms in data["outcome_nouns"].items() for t in terms)
        self.predicates = _Phrases((t, o) for o, terms in data.get("clause_predicates", {}).items() for t in terms)
        groups: list[tuple[str, Group]] = []
        for entry in data["group_nouns"]:
            for number in ("singular", "dual", "plural"):
                for t in entry.get(number, ()):
                    groups.append((t, Group(entry["group"], entry.get("gender"), number)))
        self.groups = _Phrases(groups)
        self.bare_groups = _Phrases(((t, g) for t, g in groups if g.number in ("singular", "dual")), bare=True)
        self.age_gender = {k: tuple(v) for k, v in data["group_age_gender"].items()}

    def fill(self, template: str) -> str:
        """``template`` with each ``<slot>`` replaced by the alternation of that connector's words."""
        return regex.sub(r"<([a-z_]+)>", lambda m: self.slots[m.group(1)], template)


@cached_table("casualties.lexicon")
def load_lexicon() -> Lex:
    return Lex(load_json("casualty_terms.json"))


class Slotted:
    """A pattern whose words come from the lexicon: ``Slotted(r",\\s*<and>\\s*$")`` compiles, on first
    use, with ``<and>`` replaced by the ``connectors.and`` words of casualty_terms.json."""

    __slots__ = ("template", "flags", "_rx")

    def __init__(self, template: str, flags: int = 0):
        self.template, self.flags, self._rx = template, flags, None

    @property
    def rx(self) -> regex.Pattern:
        if self._rx is None:
            self._rx = regex.compile(load_lexicon().fill(self.template), self.flags)
        return self._rx

    def match(self, *a):
        return self.rx.match(*a)

    def fullmatch(self, *a):
        return self.rx.fullmatch(*a)

    def search(self, *a):
        return self.rx.search(*a)

    def finditer(self, *a):
        return self.rx.finditer(*a)


@lru_cache(maxsize=1)
def person_duals() -> frozenset[str]:
    """Singular keys of the dual nouns that name people (dual_nouns.tsv, category person)."""
    return frozenset(norm_key(r["singular"]) for r in load_tsv("dual_nouns.tsv")
                     if (r.get("category") or "").strip() == "person")
