"""The casualties vocabulary (``lexicons/casualty_terms.json``, ``dual_nouns.tsv``), loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from pipeline.core.lexicon import load_json, load_tsv
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import WordPhrases as _Phrases


@dataclass(frozen=True)
class _Group:
    group: str
    gender: str | None
    number: str  # singular|dual|plural


class _Lex:
    def __init__(self, data: dict[str, Any]):
        self.cues = _Phrases((t, o) for o, terms in data["outcome_cues"].items() for t in terms)
        self.outcome_nouns = _Phrases((t, o) for o, terms in data["outcome_nouns"].items() for t in terms)
        groups: list[tuple[str, _Group]] = []
        for entry in data["group_nouns"]:
            for number in ("singular", "dual", "plural"):
                for t in entry.get(number, ()):
                    groups.append((t, _Group(entry["group"], entry.get("gender"), number)))
        self.groups = _Phrases(groups)
        self.bare_groups = _Phrases(((t, g) for t, g in groups if g.number in ("singular", "dual")), bare=True)
        self.age_gender = {k: tuple(v) for k, v in data["group_age_gender"].items()}
        self.torture = _Phrases((t, True) for t in data["torture_cues"])
        self.breakdown = _Phrases((t, True) for t in data["breakdown_markers"])
        self.elliptic = _Phrases((t, True) for t in data["elliptic_nouns"])
        self.followers = _Phrases((t, True) for t in data["elliptic_followers"])
        self.attribution = _Phrases((t, True) for t in data["attribution_markers"])
        self.targets = frozenset(norm_key(t) for t in data["target_cues"])
        self.custody_holders = _Phrases((t, aid) for aid, ts in data.get("custody_holders", {}).items() for t in ts)
        self.responsibility = _Phrases((t, True) for t in data.get("responsibility_before", ()))
        self.target_adjectives = frozenset(norm_key(t) for t in data.get("target_adjectives", ()))
        self.custody_pronouns = _Phrases((t, True) for t in data.get("custody_pronouns", ()))
        self.another_attack = _Phrases((t, True) for t in data.get("another_attack", ()))
        self.definitions = _Phrases((t, True) for t in data.get("definition_cues", ()))
        self.non_agents = _Phrases((t, True) for t in data.get("non_agent_before", ()))
        self.sources = _Phrases((t, True) for t in data.get("source_before", ()))
        self.before_not = _Phrases((t, True) for t in data["non_casualty_before"])
        self.after_not = _Phrases((t, True) for t in data["non_casualty_after"] if t != "%")
        self.agent_hands = frozenset(norm_key(t) for t in ("يد", "أيدي"))
        self.rate_after = _Phrases((t, True) for t in data.get("rate_after_noun", ()))
        breaks = data.get("clause_breaks", {})
        self.breaks_fwd = _Phrases((t, True) for t in breaks.get("forward", ()))
        self.breaks_bwd = _Phrases((t, True) for t in breaks.get("backward", ()))
        self.outcome_after = _Phrases((t, True) for t in data.get("outcome_after_markers", ()))
        self.case_nouns = frozenset(norm_key(t) for t in data.get("case_nouns", ()))
        self.anaphors = {norm_key(k): v for k, v in data.get("anaphoric_actors", {}).items()}
        self.gap_preps = frozenset(norm_key(t) for t in data.get("gap_prepositions", ()))
        self.ordinals = _Phrases([(t, True) for t in data.get("ordinal_others", ())], bare=True)
        self.count_of = _Phrases((t, True) for t in data.get("count_of_nouns", ()))
        self.partial = _Phrases((t, True) for t in data.get("partial_quantifiers", ()))
        self.joint = _Phrases((t, True) for t in data.get("joint_followers", ()))
        self.results = _Phrases((t, True) for t in data.get("result_connectors", ()))
        self.continuers = _Phrases((t, True) for t in data.get("comma_waw_continuers", ()))
        self.fate_nouns = _Phrases((t, True) for t in data.get("fate_nouns", ()))
        self.fate_unknown = _Phrases((t, True) for t in data.get("fate_unknown", ()))
        self.fate_after = _Phrases((t, True) for t in data.get("fate_unknown_after_count", ()))
        self.custody_heads = frozenset(norm_key(t) for t in data.get("custody_place_heads", ()))
        self.non_harm = _Phrases((t, True) for t in data.get("non_harm_before", ()))
        self.relatives = frozenset(norm_key(t) for t in data.get("relative_pronouns", ()))
        # a relative pronoun right before a cue (the counted noun's relative clause)
        self.rel_before_cue = regex.compile(
            r"(?<!\p{L})(?:" + "|".join(regex.escape(t) for t in sorted(self.relatives)) + r")\s+$")
        self.to_words = frozenset(norm_key(t) for t in data.get("to_words", ()))
        self.released = _Phrases((t, True) for t in data.get("release_before", ()))
        self.bodies = _Phrases((t, True) for t in data.get("armed_bodies", ()))
        self.table_totals = _Phrases((t, True) for t in data.get("table_total_headers", ()))
        self.per_batch = _Phrases((t, True) for t in data.get("per_batch_before", ()))
        self.standalone_vague = frozenset(norm_key(t) for t in data.get("standalone_vague", ()))
        self.both_sides = _Phrases((t, True) for t in data.get("both_sides_after", ()))
        rv = data.get("release_verbs_with_subject", {})
        self.release_verbs = frozenset(norm_key(t) for t in rv.get("verbs", ()))
        self.release_prep = norm_key(rv.get("preposition", "")) if rv else None
        self.between = _Phrases((t, True) for t in data.get("between_outcomes", ()))
        self.part_joiners = _Phrases((t, True) for t in data.get("part_list_joiners", ()))
        self.population_after = _Phrases((t, True) for t in data.get("population_after", ()))
        self.population_before = _Phrases((t, True) for t in data.get("population_before", ()))
        self.habitual = _Phrases((t, True) for t in data.get("habitual_before", ()))


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex(load_json("casualty_terms.json"))


@lru_cache(maxsize=1)
def _person_duals() -> frozenset[str]:
    """Singular keys of the dual nouns that name people (dual_nouns.tsv, category person)."""
    return frozenset(norm_key(r["singular"]) for r in load_tsv("dual_nouns.tsv")
                     if (r.get("category") or "").strip() == "person")
