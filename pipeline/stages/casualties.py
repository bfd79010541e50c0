"""Casualties: every stated count of people harmed (SPEC "Casualty").

``find_casualties(nt, numbers, actors, dates=())`` turns the counts found by
:mod:`pipeline.stages.numbers` (plus bare singular and dual person nouns) into one
:class:`Casualty` per stated count, with

- its *group* (and age/gender) from the counted noun right after the number
  (``24 مدنياً``, ``5 من الكوادر الطبية``), or the noun right before a number
  one/two (``طفل واحد``); an elliptic count (``وإصابة 20 آخرين``, ``و4 على يد``)
  takes the group of the count it follows;
- its *outcome* from an outcome noun that is the counted noun itself
  (``قتيلاً``, ``حالة اعتقال``), else the nearest outcome cue before it in its
  sentence (``قتل وجرح`` gives both), else one right after it;
- *breakdowns*: counts after ``بينهم``/``منهم`` are parts of the count before
  them and inherit its outcome, perpetrator and cause;
- its *perpetrator*: the actor the text attributes the count to, looked for
  after the count (``على يد``, ``جراء غارة روسية``, ``حصيلة هجمات``), else before
  it (``قتل النظام السوري ... 1447 مدنياً``), else after the count joined to it;
  victims and targets are skipped, two actors joined by و give ``None``;
- its *cause* ``torture`` when a torture cue follows a death count.

A number is never a casualty when it lies inside a date, is a percentage or a
rate, an age, or counts anything but people. All vocabulary lives in
``lexicons/casualty_terms.json``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

import regex

from pipeline.core.lexicon import load_json, load_tsv
from pipeline.core.mentions import ActorMention, CasualtyMention, DateMention, NumberMention
from pipeline.core.normalize import NormText, norm_key
from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordPhrases as _Phrases, WordTokens as _Tokens, text_words
from pipeline.core.phrases import stems as _stems
from pipeline.core.text import body_start, has_char_between, sentences

__all__ = ["Casualty", "find_casualties", "check_breakdowns"]

#: How far (normalized characters) an outcome cue may stand before its count.
MAX_CUE_GAP = 160
#: How far an outcome cue may stand after the end of its counted noun.
MAX_CUE_AFTER = 24
#: How far after a count (or its breakdown) the attribution is looked for.
MAX_FORWARD = 140
#: How far before a count its agent is looked for.
MAX_BACKWARD = 260
#: How far after a death count a torture cue may stand.
MAX_TORTURE_AFTER = 90


@dataclass
class Casualty(CasualtyMention):
    """A :class:`CasualtyMention` that remembers the total it breaks down."""

    #: normalized span of the total count this one is a part of (``بينهم``), else None
    part_of: tuple[int, int] | None = None
    #: the casualty text, for warnings
    label: str = ""
    #: normalized span of the total this count is a share of (قتلت قوات النظام منهم 198): a part with its own agent
    share_of: tuple[int, int] | None = None


# ---------------------------------------------------------------------------
# Words and phrases
# ---------------------------------------------------------------------------

_OF_THEM = frozenset({"منهم", "منهن", "منها"})
_NOUN_GAP = regex.compile(r"[\s()\[\]«»\"'“”\-]*")
_LIST_GAP = regex.compile(r"[\s,:()\-]*(?:و\s*)?")




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


# ---------------------------------------------------------------------------
# Candidate counts
# ---------------------------------------------------------------------------


@dataclass
class _Item:
    ns: int
    ne: int
    value: int | None
    min: int | None
    max: int | None
    qualifier: str
    group: str | None = None
    gender: str | None = None
    outcomes: tuple[str, ...] = ()
    kind: str = "count"  # count|others|bare (elliptic without a noun)|single
    num: NumberMention | None = None
    sent: int = -1
    part_of: int | None = None  # index of the total item
    perpetrator: str | None = None
    resolved: bool = False  # perpetrator decided (possibly None)
    cause: str | None = None
    list_only: bool = False  # a bare singular noun that must continue a list of counts
    split: bool = False  # "N منها": a share of an earlier total, attributed on its own
    case: bool = False  # counted noun حالة alone: persons, detention/disappearance only
    prep: str | None = None  # a bare count after a preposition (والقوات الروسية عن 94)
    listy: bool = False  # a bare count opening a list line or following a colon
    body: bool = False  # counted as members of an armed body named right after (victims' side)
    tally: bool = False  # a running tally (ليرتفع إلى 38 عدد الذين …): attributed only after itself
    cause_of: int | None = None  # a share across a semicolon: the total whose cause it keeps
    share_of: int | None = None  # a share with its own agent (قتلت قوات النظام منهم 174): index of its total
    why_perp: str = "no_agent_found"  # the named rule that decided the perpetrator
    why_out: str = "outcome_cue"  # the named rule that decided the outcome(s)


def _scan(lex_phr: _Phrases, toks: _Tokens) -> list[tuple[int, int, Any, int, int]]:
    """Every non-overlapping phrase match in the text: ``(ns, ne, payload, i, j)``."""
    out = []
    idx = toks.index()
    cands = sorted({i for w in lex_phr.by_first if w in idx for i in idx[w]})
    done = 0
    for i in cands:
        if i < done:
            continue
        m = lex_phr.match(toks, i)
        if m is None:
            continue
        j, payload, _ = m
        out.append((toks.s[i], toks.e[j - 1], payload, i, j))
        done = j
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


class _Intervals:
    """A set of spans answering "does [s, e) overlap any of them?" in O(log n)."""

    __slots__ = ("starts", "max_end")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        iv = sorted(spans)
        self.starts = [a for a, _ in iv]
        self.max_end: list[int] = []  # running maximum of the ends, in start order
        m = -1
        for _, b in iv:
            m = max(m, b)
            self.max_end.append(m)

    def hits(self, s: int, e: int) -> bool:
        k = bisect.bisect_left(self.starts, e) - 1  # last interval starting before e
        return k >= 0 and self.max_end[k] > s


def _group_at(lex: _Lex, toks: _Tokens, i: int) -> tuple[int, _Group] | None:
    """A group noun phrase at word ``i`` (optionally after the partitive من)."""
    m = lex.groups.match(toks, i)
    if m is not None:
        return m[0], m[1]
    if 0 <= i < len(toks) - 1 and "من" in _stems(toks.t[i]) and toks.joined(i, i + 1):
        m = lex.groups.match(toks, i + 1)
        if m is not None and m[1].number != "singular" or (m is not None and toks.t[i + 1].startswith("ال")):
            return m[0], m[1]
    return None


def _outcome_noun_at(lex: _Lex, toks: _Tokens, i: int) -> tuple[int, tuple[str, ...]] | None:
    """An outcome noun at word ``i`` (``قتيلاً``, ``القتلى والجرحى``): ``(end, outcomes)``."""
    m = lex.outcome_nouns.match(toks, i)
    if m is None and 0 <= i < len(toks) - 1 and "من" in _stems(toks.t[i]) and toks.joined(i, i + 1):
        m = lex.outcome_nouns.match(toks, i + 1)
    if m is None:
        return None
    j, outcome, _ = m
    outs = [outcome]
    while j < len(toks) and toks.joined(j - 1, j) and toks.t[j].startswith("و"):
        m2 = lex.outcome_nouns.match(toks, j)
        if m2 is None or m2[2] == toks.t[j]:
            break
        if m2[1] not in outs:
            outs.append(m2[1])
        j = m2[0]
    return j, tuple(outs)


def _non_casualty_before(n: NumberMention, lex: _Lex, toks: _Tokens, norm: str) -> bool:
    """True when a rate, age, unit or non-harm word (بمعدل، إنقاذ، الحصار المفروض على) precedes the number."""
    core_s = n.core[0] if n.core else n.ns
    for pos, phr in ((core_s, lex.before_not), (core_s, lex.non_harm), (n.ns, lex.non_harm),
                     (core_s, lex.per_batch), (n.ns, lex.per_batch)):
        # before the number (or its qualifier: إنقاذ نحو 20); a per-batch phrase too (كل دفعة ما بين 20 و50)
        pb = toks.last_ending_by(pos)
        if pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], pos) is not None:
            for k in range(max(0, pb - 2), pb + 1):
                m = phr.match(toks, k)
                if m is not None and m[0] == pb + 1:
                    return True
    return False


def _item_from_number(n: NumberMention, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
    item = _Item(n.ns, n.ne, n.value, n.min, n.max, n.qualifier, num=n)
    # Rates, shares, ages, unit and page numbers.
    if n.kind in ("percent", "rate"):
        return None
    if _non_casualty_before(n, lex, toks, norm):
        return None
    tail = norm[n.ne:n.ne + 3].lstrip()
    if tail.startswith("%"):
        return None
    if _released(lex, toks, norm, n.ns):
        return None
    # A dual noun carrying the count is inside the number's own span (طفلين، وسيدتين).
    k0 = bisect.bisect_right(toks.s, n.ns) - 1
    inner = k0 if k0 >= 0 and toks.e[k0] > n.ns else toks.first_at_or_after(n.ns)
    last_inner = toks.last_ending_by(n.ne)
    for k in range(last_inner, inner - 1, -1):
        m = lex.groups.match(toks, k)
        if m is not None:
            item.group, item.gender = m[1].group, m[1].gender
            item.ne = max(item.ne, toks.e[m[0] - 1])  # عنصرين من الدفاع المدني
            _body_after(item, lex, toks)
            return _not_rate(item, lex, toks, norm)
        m2 = _outcome_noun_at(lex, toks, k)
        if m2 is not None and m2[0] <= last_inner + 1:
            item.outcomes = m2[1]
            item.group = "persons"
            return _not_rate(item, lex, toks, norm)
    if n.kind == "dual":
        # a dual counts its own noun only: people, else nothing (مخيمان للنازحين)
        if n.noun and n.noun in _person_duals():
            gt = _Tokens(n.noun)
            m = lex.groups.match(gt, 0)
            if m is not None:
                item.group, item.gender = m[1].group, m[1].gender
                _body_after(item, lex, toks)
            else:
                o = lex.outcome_nouns.match(gt, 0)
                item.group = "persons"
                if o is not None:
                    item.outcomes = (o[1],)
            return _not_rate(item, lex, toks, norm)
        return None
    # A noun right before a number one/two (طفل واحد، رجلين اثنين).
    if n.value in (1, 2) and n.kind not in ("digits", "dual"):
        pi = toks.last_ending_by(n.ns)
        if pi >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pi], n.ns) is not None:
            for k in range(max(0, pi - 3), pi + 1):
                m = lex.groups.match(toks, k)
                if m is not None and m[0] == pi + 1:
                    item.group, item.gender = m[1].group, m[1].gender
                    st = m[2]
                    item.ns = toks.s[k] + len(toks.t[k]) - len(st)
                    return _not_rate(item, lex, toks, norm)
    if n.kind == "singular":
        return None  # a noun + واحد that is not a person (عائلة واحدة)
    i = toks.first_at_or_after(n.ne)
    if i >= len(toks):
        return _fallback(item, lex, toks, norm, i)
    if _NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) is None:
        return _fallback(item, lex, toks, norm, i)
    m_after = lex.after_not.match(toks, i)
    if m_after is not None:
        return None
    if n.ns > 0 and norm[n.ns - 1] == "(" and ")" in norm[n.ne:toks.s[i]]:
        item.ns = n.ns - 1  # a count in parentheses: (846) مدنياً
    g = _group_at(lex, toks, i)
    if g is not None:
        end, grp = g
        item.group, item.gender, item.ne = grp.group, grp.gender, toks.e[end - 1]
        if grp.group == "persons" and end < len(toks) and toks.joined(end - 1, end):
            # "82 شخصاً من الكوادر الإعلامية", "5 أشخاص مدنيين": the more specific group
            g2 = _group_at(lex, toks, end)
            if g2 is not None and g2[1].group != "persons":
                item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
                end = g2[0]
        if grp.group == "fighters" and end < len(toks) and toks.joined(end - 1, end):
            b = lex.bodies.match(toks, end)
            if b is not None:  # "17 عنصراً من قوات النظام": the victims' side is part of the count
                item.ne, item.body, end = toks.e[b[0] - 1], True, b[0]
        # "214 شخصاً منهم": a share of an earlier total
        if end < len(toks) and toks.joined(end - 1, end) and toks.t[end] in _OF_THEM:
            item.split = True
        # a following outcome noun (مدنيين قتلى) is rare; a group adjective after an outcome noun is below
        return _not_rate(item, lex, toks, norm)
    b = lex.bodies.match(toks, i)
    if b is not None:  # "14 من قوات النظام": fighters of that body
        item.group, item.ne, item.body = "fighters", toks.e[b[0] - 1], True
        return _not_rate(item, lex, toks, norm)
    o = _outcome_noun_at(lex, toks, i)
    if o is not None:
        end, outs = o
        item.outcomes, item.ne, item.group = outs, toks.e[end - 1], "persons"
        if end < len(toks) and toks.joined(end - 1, end):
            g2 = lex.groups.match(toks, end)
            if g2 is not None:
                item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
        return _not_rate(item, lex, toks, norm)
    # "ليرتفع إلى 9 عدد المدنيين الذين قتلوا": the counted noun after عدد
    if lex.count_of.match(toks, i) is not None and i + 1 < len(toks) and toks.joined(i, i + 1):
        g = _group_at(lex, toks, i + 1)
        if g is not None and g[1].number == "plural":
            item.group, item.gender, item.ne = g[1].group, g[1].gender, toks.e[g[0] - 1]
            item.tally = True
            return _not_rate(item, lex, toks, norm)
        o = _outcome_noun_at(lex, toks, i + 1)
        if o is not None:  # "ليرتفع إلى 45 عدد القتلى"
            item.outcomes, item.group, item.ne, item.tally = o[1], "persons", toks.e[o[0] - 1], True
            if o[0] < len(toks) and toks.joined(o[0] - 1, o[0]):  # "حصيلة الضحايا المدنيين"
                g2 = lex.groups.match(toks, o[0])
                if g2 is not None and g2[1].number == "plural":
                    item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
            return _not_rate(item, lex, toks, norm)
        if toks.t[i + 1] in lex.relatives:  # "ليرتفع إلى 38 عدد الذين اغتيلوا"
            item.group, item.ne, item.tally = "persons", toks.e[i], True
            return _not_rate(item, lex, toks, norm)
    # "368 حالة، بينها ...": the case noun alone, persons (its outcome must be a detention)
    if toks.t[i] in lex.case_nouns and (i + 1 >= len(toks) or not toks.joined(i, i + 1)
                                       or lex.breakdown.match(toks, i + 1) is not None
                                       or lex.attribution.match(toks, i + 1) is not None):
        item.group, item.case, item.ne = "persons", True, toks.e[i]
        return _not_rate(item, lex, toks, norm)
    e = lex.elliptic.match(toks, i)
    if e is not None:
        item.kind, item.ne = "others", toks.e[e[0] - 1]
        return item
    bo = _between_outcomes(lex, toks, i)
    if bo is not None:  # "العشرات بين قتيل وجريح"
        item.group, item.outcomes, item.ne = "persons", bo[1], toks.e[bo[0] - 1]
        return _not_rate(item, lex, toks, norm)
    # "4 منهم أطفال": the group noun comes after منهم.
    if toks.t[i] in _OF_THEM:
        bo = _between_outcomes(lex, toks, i + 1) if i + 1 < len(toks) and toks.joined(i, i + 1) else None
        if bo is not None:  # "العشرات منهم بين قتيل ومصاب"
            item.kind, item.ne, item.split, item.outcomes = "others", toks.e[bo[0] - 1], True, bo[1]
            return item
        if i + 1 < len(toks) and toks.joined(i, i + 1):
            g = lex.groups.match(toks, i + 1)
            if g is not None:
                item.group, item.gender, item.ne = g[1].group, g[1].gender, toks.e[g[0] - 1]
                item.kind = "count_of_them"
                return item
        item.kind, item.ne, item.split = "others", toks.e[i], True
        return item
    return _fallback(item, lex, toks, norm, i)


def _between_outcomes(lex: _Lex, toks: _Tokens, i: int) -> tuple[int, tuple[str, ...]] | None:
    """``بين قتيل وجريح`` at word ``i``: (end word, outcomes), with at least two outcomes."""
    m = lex.between.match(toks, i)
    if m is None or m[0] >= len(toks) or not toks.joined(m[0] - 1, m[0]):
        return None
    o = _outcome_noun_at(lex, toks, m[0])
    if o is None or len(o[1]) < 2:
        return None
    return o


def _body_after(item: _Item, lex: _Lex, toks: _Tokens) -> None:
    """``عنصران من قوات النظام``: a fighters count followed by its armed body (the victims' side)."""
    nb = toks.first_at_or_after(item.ne)
    if item.group == "fighters" and nb < len(toks) and toks.s[nb] - item.ne <= 1:
        b = lex.bodies.match(toks, nb)
        if b is not None:
            item.ne, item.body = toks.e[b[0] - 1], True


def _fallback(item: _Item, lex: _Lex, toks: _Tokens, norm: str, i: int) -> _Item | None:
    """A number with no counted noun: a tally's, a vague quantity after an outcome noun, or an elliptic one."""
    return _count_before(item, lex, toks, norm) or _vague_after_cue(item, lex, toks, norm) or \
        _bare_elliptic(item, lex, toks, norm, i)


def _vague_after_cue(item: _Item, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
    """``وإصابة العشرات``, ``مقتل المئات``: a vague quantity right after an outcome word counts persons."""
    n = item.num
    if n is None or n.kind != "vague" or norm[n.ns:n.ne] not in lex.standalone_vague:
        return None  # only the definite form stands alone (العشرات); عشرات always has its noun
    j = toks.last_ending_by(n.ns)
    if j < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[j], n.ns) is None:
        return None
    for k in range(max(0, j - 2), j + 1):
        m = lex.cues.match(toks, k)
        if m is not None and m[0] == j + 1:
            item.group = "persons"
            return _not_rate(item, lex, toks, norm)
    return None


def _released(lex: _Lex, toks: _Tokens, norm: str, pos: int) -> bool:
    """True when a release phrase ends right before ``pos`` (أفرجت عن 8 آخرين): not a casualty."""
    j = toks.last_ending_by(pos)
    if j < 0 or not _ONLY_SPACE.fullmatch(norm, toks.e[j], pos):
        return False
    for k in range(max(0, j - 3), j + 1):
        m = lex.released.match(toks, k)
        if m is not None and m[0] == j + 1:
            return True
    if lex.release_prep and toks.t[j] == lex.release_prep:  # "أفرجت قوات النظام عن 17 معتقلاً"
        for k in range(j - 1, max(-1, j - 6), -1):
            if has_char_between(norm, _CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
                break
            if set(_stems(toks.t[k])) & lex.release_verbs:
                return True
    return False


def _cue_in(cue_starts: list[int], lo: int, hi: int) -> bool:
    """True when an outcome cue starts inside ``[lo, hi)``."""
    k = bisect.bisect_left(cue_starts, lo)
    return k < len(cue_starts) and cue_starts[k] < hi


def _custody_place(cue: tuple, lex: _Lex, toks: _Tokens) -> bool:
    """A detention noun that names a place of custody (مراكز احتجاز النظام), not an outcome."""
    i = cue[3]
    return cue[2] == "detained" and i > 0 and toks.joined(i - 1, i) and bool(set(_stems(toks.t[i - 1])) & lex.custody_heads)


_CLAUSE_CHARS = ".;,:\n"
_CLAUSE_PUNCT = regex.compile(r"[.;,:\n]")


def _fate_unknown(it: _Item, lex: _Lex, toks: _Tokens, norm: str) -> bool:
    """True when the count's fate is stated unknown: ``مصير N ... مجهولاً``, ``N ... مجهولي المصير``."""
    i = toks.first_at_or_after(it.ne)
    for k in range(i, min(len(toks), i + 8)):
        if has_char_between(norm, _CLAUSE_CHARS, it.ne, toks.s[k]):
            break
        if lex.fate_after.match(toks, k) is not None and k - i < 3:
            return True  # 14 شخصاً مجهولي المصير
        if lex.fate_unknown.match(toks, k) is not None:
            j = toks.last_ending_by(it.ns)
            for b in range(j, max(-1, j - 4), -1):
                if has_char_between(norm, _CLAUSE_CHARS, toks.e[b], it.ns):
                    break
                if lex.fate_nouns.match(toks, b) is not None:
                    return True  # مصير 9 منهم مجهولاً
            # "ما زال مصير 70 شخصاً اعتقلتهم ... مجهولاً" has مصير before the count; else not a fate frame
            return False
    return False


def _count_before(item: _Item, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
    """A number with no noun after it that a tally names before it.

    ``ليرتفع عدد القتلى المدنيين إلى 45``, ``بلغت حصيلة الضحايا 57``: the counted noun follows عدد/حصيلة
    and the number comes after ``إلى`` or right after the noun phrase, in the same clause.
    """
    j = toks.last_ending_by(item.ns)
    if j < 0 or has_char_between(norm, _CLAUSE_CHARS, toks.e[j], item.ns):
        return None
    via_to = toks.t[j] in lex.to_words
    for k in range(j, max(-1, j - 8), -1):
        if k < j and has_char_between(norm, _CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
            return None
        if lex.count_of.match(toks, k) is None or k + 1 > j:
            continue
        group, gender, outs = None, None, ()
        e = k + 1
        o = _outcome_noun_at(lex, toks, e)
        if o is not None:
            e, outs = o
        g = lex.groups.match(toks, e) if e <= j else None
        if g is not None and g[1].number == "plural":
            group, gender, e = g[1].group, g[1].gender, g[0]
            if not outs:
                o = _outcome_noun_at(lex, toks, e)
                if o is not None:
                    e, outs = o  # عدد المدنيين القتلى
        if group is None and not outs:
            return None
        if e - 1 != j and not via_to:
            return None  # the number must follow the noun phrase or إلى
        item.group, item.gender, item.outcomes, item.tally = group or "persons", gender, outs, True
        return _not_rate(item, lex, toks, norm)
    return None


def _not_rate(item: _Item, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
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


def _bare_elliptic(item: _Item, lex: _Lex, toks: _Tokens, norm: str, i: int) -> _Item | None:
    """``و4 على يد قوات النظام``: a number after و with no noun of its own."""
    n = item.num
    assert n is not None
    if n.ns == 0:
        return None
    before = norm[max(0, n.ns - 3):n.ns]
    # the line's head before the count, when short enough to be a list head (whitespace runs are
    # folded in the normalized view, so a list head is a few characters); else only its tail
    lo = max(0, n.ns - _HEAD_WINDOW)
    nl = norm.rfind("\n", lo, n.ns)
    line_head = norm[nl + 1:n.ns] if nl >= 0 or lo == 0 else None
    if regex.search(r"(?:^|[\s,(])و\s*$", before):
        item.listy = line_head is not None and _LIST_LINE_HEAD.fullmatch(line_head) is not None
    elif _COLON_HEAD.search(norm[lo:n.ns] if line_head is None else line_head) or \
            (line_head is not None and _LIST_LINE_HEAD.fullmatch(line_head)):
        # "كالتالي: 647 على يد ...", "- 67 على يد ...", "– 413 بينهم 35 طفلاً": only with an explicit
        # agent or a breakdown after it
        if i >= len(toks) or (lex.attribution.match(toks, i) is None and lex.breakdown.match(toks, i) is None) \
                or _NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) is None:
            return None
        item.listy = True
    elif (outcome := _cue_right_before(n.ns, lex, toks, norm)) is not None:
        # "قضى 17 على يد جهات أخرى"، "وأصيب 25 بينهم 3 نساء": a count right after its outcome verb,
        # with no noun of its own: people
        if i < len(toks) and not regex.search(r"[,.;:)\n]", norm[n.ne:toks.s[i]]) and \
                lex.followers.match(toks, i) is None and lex.breakdown.match(toks, i) is None and \
                not (toks.t[i].startswith("و") and _cue_right_before(toks.e[i], lex, toks, norm)):
            return None  # "بمقتل 6 وإصابة 21": another outcome joined by و also ends the count
        item.group, item.kind, item.outcomes = "persons", "count", (outcome,)
        item.why_out = "verb_before_bare_count"
        return item
    else:
        pb = toks.last_ending_by(n.ns)
        if pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], n.ns) is not None and \
                any(lex.breakdown.match(toks, k) is not None and lex.breakdown.match(toks, k)[0] == pb + 1
                    for k in range(max(0, pb - 1), pb + 1)):
            item.kind = "others"  # "وبينهم 11 أعدمهم التنظيم": a part with no noun of its own
            return item
        if pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], n.ns) is not None and \
                any(lex.part_joiners.match(toks, k) is not None and lex.part_joiners.match(toks, k)[0] == pb + 1
                    for k in range(max(0, pb - 1), pb + 1)):
            item.kind = "others"  # "إضافة إلى 17 مجهولي الهوية": one more count, of the head's group
            return item
        if pb < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[pb], n.ns) is None:
            # a glued preposition: بـ 604
            p = norm[n.ns - 1]
            if p not in lex.gap_preps or (n.ns >= 2 and not norm[n.ns - 2].isspace()):
                return None
            item.prep = p  # a glued preposition: ب604
        elif toks.t[pb] in lex.gap_preps:
            item.prep = toks.t[pb]
        else:
            return None
    if i < len(toks):
        if not has_char_between(norm, ",.;:)\n", n.ne, toks.s[i]) and lex.followers.match(toks, i) is None:
            return None
    item.kind = "bare"
    return item


def _cue_right_before(pos: int, lex: _Lex, toks: _Tokens, norm: str) -> str | None:
    """The outcome of the outcome verb or noun that ends right before ``pos`` (spaces only between)."""
    pb = toks.last_ending_by(pos)
    if pb < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[pb], pos) is None:
        return None
    for k in range(max(0, pb - 2), pb + 1):
        m = lex.cues.match(toks, k)
        if m is not None and m[0] == pb + 1:
            return m[1]
    return None


#: the head of a list line: a bullet or a list number, optionally followed by و
_LIST_LINE_HEAD = regex.compile(r"\s*(?:[-•*–·▪]|\d{1,2}\s*[.)]|\d{1,2}\s*-)\s*(?:و\s*)?")
#: a colon closing an introducing phrase just before a count (كالتالي: 647)
_COLON_HEAD = regex.compile(r":\s*$")
#: characters before a count within which a list head is looked for
_HEAD_WINDOW = 64


def _cue_end_before(pos: int, cue_ends: set[int], norm: str) -> bool:
    """True when an outcome cue ends right before ``pos`` (spaces only between)."""
    p = pos
    while p > 0 and norm[p - 1] == " ":
        p -= 1
    return p < pos and p in cue_ends


def _bare_nouns(lex: _Lex, toks: _Tokens, norm: str, cue_ends: set[int], marker_ends: set[int],
                taken: list[tuple[int, int]], subj_ends: set[int] = frozenset()) -> list[_Item]:
    """Singular and dual person nouns counted by themselves (مقتل طفل، بينهم سيدتان، وامرأة)."""
    out: list[_Item] = []
    taken_starts = [a for a, _ in taken]
    n = len(toks)
    idx = toks.index()
    cands = sorted({k for w in lex.bare_groups.by_first if w in idx for k in idx[w]})
    i = 0
    for c in cands:
        if c < i:
            continue
        i = c
        m = lex.bare_groups.match(toks, i)
        if m is None:
            continue
        j, grp, st = m
        s = toks.e[i] - len(st)
        e = toks.e[j - 1]
        k = bisect.bisect_right(taken_starts, e) - 1
        if k >= 0 and taken[k][1] > s:
            i = j
            continue
        if j < n and toks.joined(j - 1, j) and lex.groups.match(toks, j) is not None:
            # "شخص مدني": keep the more specific second noun
            g2 = lex.groups.match(toks, j)
            if grp.group == "persons" and g2 is not None:
                grp = g2[1]
                e = toks.e[g2[0] - 1]
        if _released(lex, toks, norm, s):
            i = j
            continue
        body = False
        if j < n and toks.joined(j - 1, j) and grp.group == "fighters":
            b = lex.bodies.match(toks, j)
            if b is not None:  # "مقاتلان من قوات سوريا الديمقراطية": the victims' side
                e, body = toks.e[b[0] - 1], True
        value = 2 if grp.number == "dual" else 1
        prev_end = toks.e[i - 1] if i > 0 else -1
        glued_wa = st != toks.t[i] and toks.t[i].startswith("و")
        ctx = False
        if grp.number == "dual":
            ctx = True
        elif i > 0 and _ONLY_SPACE.fullmatch(norm, prev_end, toks.s[i]) is not None and (
                prev_end in cue_ends or prev_end in marker_ends or prev_end in subj_ends):
            ctx = True  # after a verb, a marker, or a verb and its subject (اعتقلت قوات النظام شاباً)
        elif glued_wa or (i > 0 and toks.t[i - 1] == "و"):
            ctx = True  # confirmed later: must follow a casualty in a list
        if ctx:
            it = _Item(s, e, value, value, value, "exact", group=grp.group, gender=grp.gender,
                       kind="single" if grp.number == "singular" else "count")
            it.list_only = grp.number == "singular" and not (prev_end in cue_ends or prev_end in marker_ends
                                                               or prev_end in subj_ends)
            it.body = body
            out.append(it)
        i = j
    return out


# ---------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------


def find_casualties(nt: NormText, numbers: Sequence[NumberMention], actors: Sequence[ActorMention],
                    dates: Sequence[DateMention] = ()) -> list[Casualty]:
    """Every stated count of people harmed, in text order."""
    norm = nt.norm
    lex = _lex()
    toks = text_words(norm)
    sents = sentences(norm)
    sent_starts = [s.ns for s in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, pos) - 1)

    cues = [c for c in _scan(lex.cues, toks) if not _custody_place(c, lex, toks)]
    after_marks = [m[1] for m in _scan(lex.outcome_after, toks)]
    markers = _scan(lex.breakdown, toks)
    tortures = _scan(lex.torture, toks)
    cue_ends = {c[1] for c in cues}
    marker_ends = {m[1] for m in markers}
    cue_starts = [c[0] for c in cues]
    torture_starts = [t[0] for t in tortures]

    # 1. Candidate counts from the numbers module; table cells apart.
    acts = sorted(list(actors) + _anaphoric_actors(actors, lex, toks), key=lambda a: a.ns)
    act_starts = [a.ns for a in acts]
    date_iv = _Intervals((d.ns, d.ne) for d in dates)
    nums = sorted((n for n in numbers if not date_iv.hits(n.ns, n.ne)), key=lambda n: n.ns)
    table_items, table_rows = _tables(nt, nums, lex, toks, acts, cues, cue_starts, tortures)
    if table_rows:
        rows_iv = _Intervals(table_rows)
        nums = [n for n in nums if not rows_iv.hits(n.ns, n.ne)]
    defs = _scan(lex.definitions, toks)
    if defs:  # "تعريف المجزرة بأنها الحادثة التي يقتل فيها 5 أشخاص": a definition, not a count
        def_ends = sorted(d[1] for d in defs)
        # the latest definition before a count decides: no clause break after it means none after an earlier one
        nums = [n for n in nums if not ((k := bisect.bisect_right(def_ends, n.ns)) and
                                        not has_char_between(norm, _CLAUSE_CHARS, def_ends[k - 1], n.ns))]
    items: list[_Item] = []
    not_totals: list[int] = []  # ends of counts that are not casualties (إنقاذ 23 مدنياً)
    for n in nums:
        it = _item_from_number(n, lex, toks, norm)
        if it is not None:
            items.append(it)
        elif _non_casualty_before(n, lex, toks, norm):
            i = toks.first_at_or_after(n.ne)
            g = _group_at(lex, toks, i) if i < len(toks) and _NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) else None
            not_totals.append(toks.e[g[0] - 1] if g is not None else n.ne)
    if not_totals:  # the parts of such a count are not casualties either (بينهم 9 أطفال)
        not_totals.sort()
        items = [it for it in items if not _part_of_not_total(it, not_totals, nums, lex, toks, norm)]
    # 2. Bare singular / dual person nouns not covered by a number.
    taken = sorted([(n.ns, n.ne) for n in nums] + [(it.ns, it.ne) for it in items])
    # the subject of an outcome verb (اعتقلت هيئة تحرير الشام ناشطاً إعلامياً): its object may be a bare noun
    subj_ends = {a.ne for a in acts if a.ns > 0 and _cue_end_before(a.ns, cue_ends, norm)}
    items.extend(_bare_nouns(lex, toks, norm, cue_ends, marker_ends, taken, subj_ends))
    # an ordinal right after an outcome cue names one more person (وأصيب رابع، وإصابة ثالث)
    for k in range(1, len(toks)):
        if toks.e[k - 1] in cue_ends and toks.joined(k - 1, k) and lex.ordinals.match(toks, k) is not None:
            items.append(_Item(toks.s[k], toks.e[k], 1, 1, 1, "exact", kind="others"))
    for it in items:
        if it.body:  # the victims' side is part of the count: "43 من الميليشيات الموالية لإيران"
            k = bisect.bisect_right(act_starts, it.ne) - 1
            if k >= 0 and acts[k].ns >= it.ns and acts[k].ne > it.ne:
                it.ne = acts[k].ne
    items.sort(key=lambda it: (it.ns, -it.ne))
    dedup: list[_Item] = []
    for it in items:
        if dedup and _overlaps(it.ns, it.ne, dedup[-1].ns, dedup[-1].ne):
            if it.ne - it.ns > dedup[-1].ne - dedup[-1].ns:
                dedup[-1] = it
            continue
        dedup.append(it)
    items = [it for it in dedup if not _not_harmed(it, lex, toks, norm, cue_ends)]
    for it in items:
        it.sent = sent_of(it.ns)

    # numbers in the sentence that are not casualties break elliptic links
    item_nums = {id(it.num) for it in items}
    nums = [n for n in nums if n.kind != "singular" or id(n) in item_nums]
    num_starts = [n.ns for n in nums]
    item_by_num = {id(it.num): it for it in items if it.num is not None}

    item_ends = sorted(it.ne for it in items)

    # 3. Breakdown chains, elliptic groups and outcomes, sentence by sentence.
    kept: list[_Item] = []
    for idx, it in enumerate(items):
        prev = kept[-1] if kept and kept[-1].sent == it.sent else None
        sent = sents[it.sent] if sents else None
        cont = False
        if prev is None and it.split and kept and it.ns - kept[-1].ne < 200 and \
                regex.fullmatch(r"[^.\n]*;[^.\n]*", norm[kept[-1].ne:it.ns]):
            # "وفاة 102 من المعتقلين …؛ 97 منهم في …": a share continues the total across a semicolon
            prev, cont = kept[-1], True
        # list-only singular nouns must follow a casualty in a list (مقتل 3 أطفال وامرأة)
        if it.list_only:
            if prev is None or _LIST_GAP.fullmatch(norm, prev.ne, it.ns) is None:
                continue
        # elliptic counts take the group of the count they follow
        if it.kind in ("others", "bare"):
            if it.kind == "bare":
                k = bisect.bisect_left(num_starts, it.ns) - 1
                pn = nums[k] if k >= 0 else None
                last = kept[-1] if kept else None
                if it.listy and (last is None or it.ns - last.ne >= 1500):
                    it.group = "persons"  # "وتوزعت حالات الاعتقال كالتالي: 210 على يد ..."
                elif it.listy:
                    # a list line (- و67 على يد ...) or a count after a colon: the head count before it;
                    # a line with a breakdown of its own (– 413 بينهم 35 طفلاً) is a total of people,
                    # never of a part's group
                    head = kept[last.part_of] if last.part_of is not None else last
                    it.group, it.gender = head.group, head.gender
                    j = toks.first_at_or_after(it.ne)
                    if j < len(toks) and lex.breakdown.match(toks, j) is not None and \
                            it.group not in _TOTAL_GROUPS:
                        # the nearest total before it (1889 مدنياً …، توزعوا: – 413 بينهم …)
                        tot = next((k for k in reversed(kept) if k.part_of is None and k.group in _TOTAL_GROUPS
                                    and it.ns - k.ne < MAX_LIST_CONTEXT), None)
                        it.group, it.gender = (tot.group, tot.gender) if tot is not None else ("persons", None)
                else:
                    if prev is None or pn is None or item_by_num.get(id(pn)) is not prev or \
                            it.ns - prev.ne > 120 or _SENT_BREAK.search(norm, prev.ne, it.ns):
                        continue
                    if it.prep is not None and it.prep != prev.prep and \
                            it.prep not in _preps_before(prev.ns, toks, lex, norm):
                        continue
                    head = kept[prev.part_of] if prev.part_of is not None else prev
                    it.group, it.gender = head.group, head.gender
                    if not _cue_in(cue_starts, prev.ne, it.ns):
                        it.outcomes = head.outcomes  # the verb is gapped too (٦٤٧ على يد X، و٢١٨ على يد Y)
                        it.cause_of = prev.part_of if prev.part_of is not None else len(kept) - 1
            else:
                ante = prev
                if ante is not None and ante.part_of is not None:
                    ante = kept[ante.part_of]
                if ante is not None and len(kept) > 1 and ante is kept[-1] and kept[-2].sent == ante.sent and \
                        kept[-2].part_of is None and \
                        _LIST_GAP.fullmatch(norm, kept[-2].ne, ante.ns):
                    ante = None  # "مقتل رجلين وطفل، وإصابة 7 آخرين": parts with no total
                it.group, it.gender = (ante.group, ante.gender) if ante is not None else ("persons", None)
        # breakdown parts
        if prev is not None and it.kind != "others":
            gap = norm[prev.ne:it.ns]
            k_lo = bisect.bisect_right(num_starts, prev.ne)
            k_hi = bisect.bisect_left(num_starts, it.ns)
            if k_hi <= k_lo and _is_breakdown_gap(prev.ne, it.ns, lex, toks, norm):
                if _cue_in(cue_starts, prev.ne, it.ns):
                    it.split = True  # "قتلت قوات النظام منهم 174 مدنياً": a share with its own agent
                    it.share_of = len(kept) - 1 if prev.part_of is None else prev.part_of
                else:
                    it.part_of = len(kept) - 1 if prev.part_of is None else prev.part_of
            elif prev.part_of is not None and it.kind != "bare" and _LIST_GAP.fullmatch(gap) is not None and \
                    _fits_in_total(it, prev.part_of, kept):
                it.part_of = prev.part_of
            elif prev.part_of is not None and it.kind == "count" and _fits_in_total(it, prev.part_of, kept) and \
                    _joins_part_list(it, prev, kept, lex, toks, norm):
                it.part_of = prev.part_of  # "بينهم 4 أطفال إضافة إلى سيدتين": the list of parts goes on
            elif it.kind == "count_of_them" and regex.fullmatch(r"[\s,]*", gap):
                it.part_of = len(kept) - 1 if prev.part_of is None else prev.part_of
        if it.part_of is not None and it.outcomes and not set(it.outcomes) & set(kept[it.part_of].outcomes):
            it.part_of = None  # "71 قتيلاً، ...، إضافة إلى 40 جريحاً": its own outcome noun, another count
        # outcomes
        if it.outcomes and it.why_out == "outcome_cue":
            it.why_out = "outcome_noun"  # the counted noun itself (قتيلاً، جريحاً، حالة اعتقال)
        if it.part_of is not None:
            total = kept[it.part_of]
            it.outcomes = total.outcomes
            it.why_out = "breakdown_takes_total"
        elif not it.outcomes and prev is not None and prev.outcomes and it.kind != "others" and \
                _cue_before(it, cues, cue_starts, sent) is None and it.ns - prev.ne <= 90 and \
                not _cue_in(cue_starts, prev.ne, it.ns) and _COORD_TAIL.search(norm, prev.ne, it.ns) and \
                not _SENT_BREAK.search(norm, prev.ne, it.ns) and \
                bisect.bisect_left(num_starts, it.ns) - bisect.bisect_right(num_starts, prev.ne) <= 0:
            # "وهم: 4 من عناصر الميليشيات ...، و3 من ...": a count coordinated with the one before shares its outcome
            it.outcomes = prev.outcomes
            it.part_of = prev.part_of
            it.why_out = "coordinated_with_previous"
        elif not it.outcomes:
            it.outcomes = _outcomes_for(it, cues, cue_starts, norm, sent, after_marks, item_ends)
        if cont and _cue_before(it, cues, cue_starts, sent) is None:
            head = kept[prev.part_of] if prev.part_of is not None else prev
            it.outcomes = head.outcomes
            it.cause_of = prev.part_of if prev.part_of is not None else len(kept) - 1
            it.why_out = "share_continues_total"
        if not it.outcomes and prev is not None and (it.kind == "others" or _joiner_before(it, prev, lex, toks)):
            # "…، إضافة إلى 17 مجهولي الهوية": one more count, with the outcome of the count it follows
            it.outcomes = (kept[prev.part_of] if prev.part_of is not None else prev).outcomes
            it.why_out = "elliptic_takes_head"
        if not it.outcomes:
            it.outcomes = _context_outcomes(it, kept, cues, cue_starts, norm)
            it.why_out = "outcome_of_context"
        if it.part_of is None and _fate_unknown(it, lex, toks, norm):
            it.outcomes = ("disappeared",)  # "لا يزال مصير 9 منهم مجهولاً", "14 شخصاً مجهولي المصير"
            it.why_out = "fate_unknown"
        if not it.outcomes:
            continue
        if it.case and not set(it.outcomes) <= {"detained", "disappeared"}:
            continue
        kept.append(it)
    items = kept
    # an actor inside a counted noun phrase is the victims' side (14 من قوات النظام), never an agent
    inside = _Intervals((it.ns, it.ne) for it in items if it.body)
    acts = [a for a in acts if not inside.hits(a.ns, a.ne)]
    # ... and so is one the counted noun belongs to (عنصرين من اللواء الثامن التابع لشعبة المخابرات)
    ends = sorted(it.ne for it in items)
    acts = [a for a in acts if not _member_of(a, ends, lex, toks, norm)]
    act_starts = [a.ns for a in acts]

    # 4. Perpetrators and causes, per chain (a total with its parts).
    fwd_breaks = [b[0] for b in _scan(lex.breaks_fwd, toks)]
    fwd_breaks_words = list(fwd_breaks)
    fwd_breaks += [m.start() for m in _COMMA_WAW.finditer(norm)
                   if lex.continuers.match(toks, toks.first_at_or_after(m.end() - 1)) is None]
    fwd_breaks.sort()
    bwd_breaks = [b[1] for b in _scan(lex.breaks_bwd, toks)]
    labels = _Labels(_label_actors(acts, norm))
    chains: list[list[int]] = []
    for k, it in enumerate(items):
        if it.part_of is None:
            chains.append([k])
        else:
            chains[-1].append(k)
    another = [m[0] for m in _scan(lex.another_attack, toks)]
    custody = [m[0] for m in _scan(lex.custody_pronouns, toks)]
    local: list[tuple[bool, str | None]] = []
    local_rule: list[str] = []
    resp = [m[1] for m in _scan(lex.responsibility, toks)]
    holders = [m[:3] for m in _scan(lex.custody_holders, toks)]
    spent: set[int] = set()  # actors found after a count as its agent
    for ci, ch in enumerate(chains):
        first, last = items[ch[0]], items[ch[-1]]
        sent = sents[first.sent]
        nxt = items[chains[ci + 1][0]] if ci + 1 < len(chains) else None
        lim = min(sent.ne, last.ne + MAX_FORWARD)
        if nxt is not None and nxt.sent == first.sent:
            lim = min(lim, nxt.ns)
        lim = _cut(fwd_breaks, last.ne, lim)
        nb = toks.first_at_or_after(first.ne)
        if nb < len(toks) and toks.s[nb] - first.ne <= 1 and lex.both_sides.match(toks, nb) is not None:
            local.append((True, None))  # "3 مقاتلين من الطرفين": both sides of clashes, no agent
            local_rule.append("both_sides_no_agent")
            continue
        res = _forward_actor(acts, act_starts, last.ne, lim, lex, toks, norm, spent)
        rule = "agent_after_count"
        if not res[0] and resp:
            res = _responsible(resp, acts, act_starts, last.ne, sent.ne, norm)
            rule = "held_responsible"
        if not res[0] and holders:
            kh = bisect.bisect_left(holders, (last.ne,))
            if kh < len(holders) and holders[kh][1] <= lim and \
                    not _cue_in(cue_starts, last.ne, holders[kh][0]) and \
                    not _starts_between(act_starts, last.ne, holders[kh][0]):
                res = (True, holders[kh][2])  # "وفاة 16 محتجزاً في مراكز احتجاز حكومية"
                rule = "custody_holder"
        if not res[0] and len(ch) > 1:
            # the agent between a total and its breakdown (40 شهيداً قضوا في سجون النظام، بينهم ...)
            res = _forward_actor(acts, act_starts, first.ne, _cut(fwd_breaks, first.ne, items[ch[1]].ns),
                                 lex, toks, norm)
            rule = "agent_between_total_and_parts"
        local.append(res)
        local_rule.append(rule)
        # cause
        if "killed" in first.outcomes:
            cue_lo = _cue_before(first, cues, cue_starts, sent)
            lo = cue_lo if cue_lo is not None else first.ns
            hi = min(lim, last.ne + MAX_TORTURE_AFTER)
            k0 = bisect.bisect_left(torture_starts, lo)
            if k0 < len(tortures) and tortures[k0][0] < hi:
                for k in ch:
                    items[k].cause = "torture"
    chain_found: list[bool] = []
    for ci, ch in enumerate(chains):
        first = items[ch[0]]
        found, perp = local[ci]
        rule = local_rule[ci]
        if first.tally and not found:
            found, rule = True, "running_tally_no_agent"  # a running tally has no agent unless one follows it
        if not found:
            sent = sents[first.sent]
            lo = max(sent.ns, first.ns - MAX_BACKWARD)
            kb = bisect.bisect_right(bwd_breaks, first.ns) - 1
            if kb >= 0 and bwd_breaks[kb] > lo and not _has_phrase(lex.results, toks, bwd_breaks[kb], first.ns):
                lo = bwd_breaks[kb]  # a new clause, unless the count is the result of the one before
            # a share that changes state (وتحول 12 منها إلى ...) is not attributed to an earlier count's agent
            turned = first.split and _mark_in(after_marks, first.ns - 30, first.ns)
            found, perp = _backward_actor(acts, act_starts, lo, first.ns, lex, toks, norm,
                                          spent if turned else frozenset())
            rule = "agent_before_count"
        prev_ch = chains[ci - 1] if ci > 0 else None
        if not found and first.kind in ("others", "bare") and prev_ch and items[prev_ch[0]].sent == first.sent and \
                not (first.split and _mark_in(after_marks, items[prev_ch[-1]].ne, first.ns)):
            # an elliptic count shares the attribution of its head count, even when there is none
            found, perp = True, items[chains[ci - 1][0]].perpetrator
            rule = "elliptic_shares_head"
        if not found and ci + 1 < len(chains):
            # a shared attribution after the next joined count (مقتل 5 وإصابة 20 آخرين جراء ...),
            # unless a clause break or an agent of its own comes first
            nf = items[chains[ci + 1][0]]
            lo_, hi_ = items[ch[-1]].ne, nf.ns
            coord = _LIST_GAP.fullmatch(norm, lo_, hi_) is not None or _cue_in(cue_starts, lo_, hi_)
            if nf.sent == first.sent and not nf.split and nf.kind != "bare" and coord and local[ci + 1][0] and \
                    _cut(fwd_breaks_words, lo_, hi_) == hi_ and \
                    not _forward_actor(acts, act_starts, lo_, hi_, lex, toks, norm)[0]:
                found, perp = local[ci + 1]
                rule = "shared_with_next_count"
        if not found and custody:
            # "فيما لا يزال 2100 شخص مختفين قسرياً لديها": the custodian is the actor named before, in its line
            kc = bisect.bisect_left(custody, items[ch[-1]].ne)
            if kc < len(custody) and custody[kc] - items[ch[-1]].ne <= 60 and \
                    not has_char_between(norm, _CLAUSE_CHARS, items[ch[-1]].ne, custody[kc]):
                lo_c = max(norm.rfind("\n", 0, first.ns) + 1, first.ns - 300)
                found, perp = _backward_actor(acts, act_starts, lo_c, first.ns, lex, toks, norm)
                rule = "custodian_named_before"
        if not found and ci > 0 and another:
            # "في حين أصيب 5 أشخاص بغارة أخرى": another attack of the same attacker as the count before
            sent = sents[first.sent]
            ka = bisect.bisect_left(another, first.ne)
            if ka < len(another) and another[ka] < min(sent.ne, items[ch[-1]].ne + 60):
                before = items[chains[ci - 1][0]]
                if before.perpetrator is not None and first.ns - before.ne <= 400:
                    found, perp = True, before.perpetrator
                    rule = "another_attack_same_agent"
        if not found:
            # a label heading its line or paragraph (- قوات النظام السوري: ...، أولاً: القوات الروسية)
            aid = labels.last_covering(first.ns)
            if aid is not None:
                found, perp = True, aid
                rule = "line_label_actor"
        for k in ch:
            items[k].perpetrator = perp if found else None
            items[k].why_perp = (rule if k == ch[0] else "breakdown_takes_total") if found else "no_agent_found"
        if not found:
            first.perpetrator = None
        chain_found.append(found)
    _context_perpetrators(items, chains, chain_found, sents, acts, act_starts, lex, toks, norm,
                          nt.original, nt.span, [d.ns for d in dates])

    # A headline count takes the attribution of the body count it restates.
    body = body_start(norm)
    for it in items:
        if it.ns < body and it.perpetrator is None:
            for other in items:
                same = other.value == it.value or (it.value is None and other.value is not None and it.min is not None
                                                    and it.min <= other.value <= (it.max or other.value))
                if other.ns >= body and other.perpetrator is not None and same and \
                        other.group == it.group and set(other.outcomes) & set(it.outcomes):
                    it.perpetrator = other.perpetrator
                    it.why_perp = "headline_takes_body"
                    break

    for it in items:
        if it.cause_of is not None and "killed" in it.outcomes:
            it.cause = it.cause or items[it.cause_of].cause
    # totals by identity: the index links of the kept items do not survive the merge with table cells
    links = {id(it): (items[it.part_of] if it.part_of is not None else None,
                      items[it.share_of] if it.share_of is not None else None) for it in items}
    if table_items:
        items = sorted(items + table_items, key=lambda it: it.ns)

    # 5. Render.
    out: list[Casualty] = []
    all_acts = sorted(list(actors) + _anaphoric_actors(actors, lex, toks), key=lambda a: a.ns)
    acts_by_id: dict[str, list[ActorMention]] = {}  # each actor's mentions, in text order
    longest: dict[str, int] = {}  # each actor's longest mention, found when first needed
    for a in all_acts:
        acts_by_id.setdefault(a.id, []).append(a)
    for it in items:
        total, share = links.get(id(it), (None, None))
        age, gender = lex.age_gender.get(it.group or "", (None, None))
        gender = it.gender or gender
        sent = sents[sent_of(it.ns)] if sents else None
        why_perp = (it.why_perp, _actor_trigger(it, it.perpetrator, acts_by_id, sent, longest))
        for outcome in it.outcomes:
            cause = it.cause if outcome == "killed" else None
            why = {"perpetrator": why_perp,
                   "outcome": (it.why_out, _cue_trigger(it, outcome, cues, cue_starts, sent))}
            out.append(Casualty(it.ns, it.ne, outcome=outcome, group=it.group or "persons", age=age,
                                gender=gender, count=it.value, min=it.min, max=it.max,
                                qualifier=it.qualifier or "exact", perpetrator=it.perpetrator, cause=cause,
                                part_of=(total.ns, total.ne) if total is not None else None,
                                share_of=(share.ns, share.ne) if share is not None else None,
                                label=nt.quote(it.ns, it.ne), why=why))
    return out


def _actor_trigger(it: _Item, perp: str | None, acts_by_id: dict[str, list[ActorMention]],
                   sent, longest: dict[str, int]) -> tuple[int, int]:
    """The words behind a perpetrator decision: the mention of that actor nearest the count, preferring
    its own sentence; the count itself when the perpetrator is null. ``acts_by_id``: each actor's
    mentions sorted by start (the ones in the sentence are found by bisect); ``longest``: each actor's
    longest mention, filled here when first needed."""
    if perp is None:
        return (it.ns, it.ne)
    same = acts_by_id.get(perp)
    if not same:
        return (it.ns, it.ne)
    lo, hi = (sent.ns, sent.ne) if sent is not None else (0, 1 << 62)
    inside = same[bisect.bisect_left(same, lo, key=_ns):bisect.bisect_left(same, hi, key=_ns)]
    if inside:  # a mention in the sentence beats every other: the nearest of those
        same = inside
    if perp not in longest:
        longest[perp] = max(a.ne - a.ns for a in acts_by_id[perp])
    a = _nearest(same, it.ns, it.ne, longest[perp])
    return (a.ns, a.ne)


def _nearest(mentions: list[ActorMention], ns: int, ne: int, longest: int) -> ActorMention:
    """The first of ``mentions`` (sorted by start, none longer than ``longest``) nearest [ns, ne), by
    ``min(|a.ns - ne|, |ns - a.ne|)``: looked for in a window around the span that grows until the
    best distance found is within it (a mention outside the window is farther than its width)."""
    def dist(a: ActorMention) -> int:
        return min(abs(a.ns - ne), abs(ns - a.ne))

    width = 256
    while True:
        i0 = bisect.bisect_left(mentions, ns - width - longest, key=_ns)
        i1 = bisect.bisect_right(mentions, ne + width, key=_ns)
        if i0 == 0 and i1 == len(mentions):
            return min(mentions, key=dist)
        if i1 > i0:
            best = min(mentions[i0:i1], key=dist)
            if dist(best) <= width:
                return best
        width *= 4


def _cue_trigger(it: _Item, outcome: str, cues: list, cue_starts: list[int], sent) -> tuple[int, int]:
    """The outcome cue nearest the count inside its sentence, else the count itself (a noun like قتيلاً)."""
    lo, hi = (sent.ns, sent.ne) if sent is not None else (it.ns - MAX_CUE_GAP, it.ne + MAX_CUE_AFTER)
    k0, k1 = bisect.bisect_left(cue_starts, lo), bisect.bisect_left(cue_starts, hi)
    near = [c for c in cues[k0:k1] if c[2] == outcome]
    if not near:
        return (it.ns, it.ne)
    c = min(near, key=lambda c: min(abs(c[0] - it.ne), abs(it.ns - c[1])))
    return (c[0], c[1])


#: groups a total broken down by بينهم can have (children or women are parts, not totals of parts)
_TOTAL_GROUPS = frozenset({"civilians", "persons", "fighters", "detainees"})
_SENT_BREAK = regex.compile(r"[.;\n]")
_COORD_TAIL = regex.compile(r",\s*و\s*$")
_JOINED_ACTORS = regex.compile(r"\s*و\s*(?:\p{L}{2,8}\s+)?")
_COMMA_WAW = regex.compile(r"[,;]\s*و")
#: a label opening a line: optional bullet or ordinal, then the actor, then a colon or the line end
_LABEL_BEFORE = regex.compile(r"^[ \t]*(?:[-•*–·▪][ \t]*|\d{1,2}[ \t]*[.)-][ \t]*|\p{L}+ا[ \t]*:[ \t]*)?$", regex.M)
_LABEL_AFTER = regex.compile(r"[ \t]*(?::|\n|$)")
_LIST_OR_LABEL = regex.compile(r"[ \t]*(?:[-•*–·▪]|\d{1,2}[ \t]*[.)-])|[^\n:]{1,60}:[ \t]*$")


_LIST_LINE = regex.compile(r"[ \t]*(?:[-•*–·▪]|\d{1,2}[ \t]*[.)-])")
#: a result clause of the sentence's own event (..., ما أدى إلى / مما أسفر عن), not a verb with its own subject
_MA_RESULT = regex.compile(r"(?<![\p{L}])م?ما\s+\p{L}+\s+(?:الي|عن|ب)(?!\p{L})")
_BLANK_LINE = regex.compile(r"\n[ \t\r]*\n")
#: how far before a list of victims the counts whose attribution it inherits may stand
MAX_LIST_CONTEXT = 1500


def _sole_agent(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: _Lex,
                toks: _Tokens, norm: str) -> tuple[bool, str | None]:
    """The one agent named in [lo, hi): (True, id) when every non-target actor there is the same one,
    (True, None) when several differ, (False, None) when none is named."""
    ids: set[str | None] = set()
    k = bisect.bisect_left(act_starts, lo)
    while k < len(acts) and acts[k].ne <= hi:
        a = acts[k]
        if not _is_target(a, lex, toks, norm):
            ids.add(None if _shared(a, acts, k, norm, lex, toks) else a.id)
        k += 1
    if not ids:
        return False, None
    return True, (ids.pop() if len(ids) == 1 else None)


_MEMBER_GAP = regex.compile(r"\s[^,.;:\n()]{0,50}?(?:التابع|التابعه|التابعين|التابعون)\s*ل?\s*")


def _member_of(a: ActorMention, ends: list[int], lex: _Lex, toks: _Tokens, norm: str) -> bool:
    """An actor the counted people belong to, named right after the count (X من Y التابع لـ A)."""
    k = bisect.bisect_right(ends, a.ns) - 1
    if k < 0 or a.ns - ends[k] > 70:
        return False
    return _MEMBER_GAP.fullmatch(norm, ends[k], a.ns) is not None and not _has_marker(lex, toks, ends[k], a.ns)


def _responsible(resp_ends: list[int], acts: list[ActorMention], act_starts: list[int], lo: int, hi: int,
                 norm: str) -> tuple[bool, str | None]:
    """The actor held responsible after a count, in its sentence (وحمّلت اللجنة مسؤوليته للنظام السوري)."""
    k = bisect.bisect_left(resp_ends, lo)
    while k < len(resp_ends) and resp_ends[k] < hi:
        j = bisect.bisect_left(act_starts, resp_ends[k])
        if j < len(acts) and acts[j].ne <= hi and _TO_ACTOR.fullmatch(norm, resp_ends[k], acts[j].ns):
            joined = j + 1 < len(acts) and _JOINED_ACTORS.fullmatch(norm, acts[j].ne, acts[j + 1].ns) \
                and acts[j + 1].id != acts[j].id
            return True, (None if joined else acts[j].id)
        k += 1
    return False, None


_TO_ACTOR = regex.compile(r"\s*(?:ل|لل|ل?ال|الي\s+(?:ال)?)?")


def _context_perpetrators(items: list[_Item], chains: list[list[int]], found: list[bool], sents,
                          acts: list[ActorMention], act_starts: list[int], lex: _Lex, toks: _Tokens,
                          norm: str, original: str, span, date_starts: Sequence[int]) -> None:
    """Counts with no attribution of their own that take the one of the incident told around them.

    - a list of victims (one line per family or place, ``- عائلة X: 6 ضحايا``) takes the perpetrator
      of the incident that introduces it: the one agent of the counts before it, else the one
      actor named in the lines just before it;
    - a result clause opening its own sentence (``وسقط ...، ما أدى إلى مقتل 7``) with no agent
      takes the one agent of the sentence right before it (no blank line between), unless it
      is dated (``وفي 12 حزيران ...، ما أسفر عن``): a dated sentence tells a new incident.
    """
    chain_firsts = [items[ch[0]].ns for ch in chains]  # where each chain starts (in text order)
    firsts_sorted = all(a <= b for a, b in zip(chain_firsts, chain_firsts[1:]))
    for ci, ch in enumerate(chains):
        if found[ci]:
            continue
        first = items[ch[0]]
        perp: str | None = None
        ok = False
        ls = norm.rfind("\n", 0, first.ns) + 1
        if _LIST_LINE.match(norm, ls):
            # the list block: consecutive list lines up to this one
            bs = ls
            while bs > 0:
                ps = norm.rfind("\n", 0, bs - 1) + 1
                if not _LIST_LINE.match(norm, ps):
                    break
                bs = ps
            intro = norm.rfind("\n", 0, bs - 1) + 1 if bs > 0 else bs
            has, aid = _sole_agent(acts, act_starts, intro, bs, lex, toks, norm)
            rule = "victims_list_inherits"
            if has:
                ok, perp = aid is not None, aid
            else:
                lo_c, hi_c = (bisect.bisect_left(chain_firsts, bs - MAX_LIST_CONTEXT, 0, ci),
                              bisect.bisect_left(chain_firsts, bs, 0, ci)) if firsts_sorted else (0, ci)
                before = {items[chains[cj][0]].perpetrator for cj in range(lo_c, hi_c)
                          if found[cj] and bs - MAX_LIST_CONTEXT <= chain_firsts[cj] < bs}
                before.discard(None)
                if len(before) == 1:
                    ok, perp = True, before.pop()
                elif not before:
                    # no attributed count before it: the one actor of the paragraph before the list
                    has, aid = _sole_agent(acts, act_starts, max(0, bs - 600), intro, lex, toks, norm)
                    ok, perp = has and aid is not None, aid
        else:
            si = first.sent
            sent = sents[si] if sents else None
            if sent is not None and si > 0 and _MA_RESULT.search(norm, sent.ns, first.ns) is not None and \
                    _has_phrase(lex.results, toks, sent.ns, first.ns) and \
                    not _sole_agent(acts, act_starts, sent.ns, first.ns, lex, toks, norm)[0] and \
                    not any(sent.ns <= d0 < first.ns for d0 in date_starts):  # a dated sentence: a new incident
                prev = sents[si - 1]
                if regex.fullmatch(r"[ \t]*\n?[ \t]*", norm[prev.ne:sent.ns]) is not None and \
                        not _BLANK_LINE.search(original, span(prev.ne, prev.ne)[0], span(sent.ns, sent.ns)[0]):
                    has, aid = _sole_agent(acts, act_starts, prev.ns, prev.ne, lex, toks, norm)
                    ok, perp = has and aid is not None, aid
                    rule = "result_sentence_inherits"
        if ok:
            for k in ch:
                items[k].perpetrator = perp
                items[k].why_perp = rule
            found[ci] = True


def _mark_in(marks: Sequence[int], lo: int, hi: int) -> bool:
    """True when a mark position lies inside ``[lo, hi)`` (marks sorted)."""
    k = bisect.bisect_left(marks, lo)
    return k < len(marks) and marks[k] < hi


def _cut(breaks: list[int], lo: int, hi: int) -> int:
    """``hi`` cut at the first clause break after ``lo``."""
    k = bisect.bisect_right(breaks, lo)
    return min(hi, breaks[k]) if k < len(breaks) else hi


def _has_phrase(phr: _Phrases, toks: _Tokens, lo: int, hi: int) -> bool:
    """True when a phrase of ``phr`` starts at a word inside ``[lo, hi)``."""
    i0 = toks.first_at_or_after(lo)
    i1 = toks.last_ending_by(hi)
    if i1 < i0:
        return False
    for i in range(i0, i1 + 1):
        for st in _stems(toks.t[i]):
            if st in phr.by_first and phr.match(toks, i) is not None:
                return True
    return False


def _preps_before(pos: int, toks: _Tokens, lex: _Lex, norm: str) -> set[str]:
    """Prepositions among the two words before ``pos`` (عن مقتل 128)."""
    j = toks.last_ending_by(pos)
    return {toks.t[k] for k in (j - 1, j) if k >= 0 and toks.t[k] in lex.gap_preps}


def _anaphoric_actors(actors: Sequence[ActorMention], lex: _Lex, toks: _Tokens) -> list[ActorMention]:
    """``التنظيم`` names ISIS when the report names ISIS elsewhere."""
    ids = {a.id for a in actors}
    if not lex.anaphors or not ids & set(lex.anaphors.values()):
        return []
    spans = _Intervals((a.ns, a.ne) for a in actors)
    out = []
    for k, t in enumerate(toks.t):
        for st in _stems(t):
            aid = lex.anaphors.get(st)
            if aid in ids:
                s, e = toks.e[k] - len(st), toks.e[k]
                if not spans.hits(s, e):
                    out.append(ActorMention(s, e, aid, st))
                break
    return out


def _label_actors(acts: list[ActorMention], norm: str) -> list[tuple[int, int, str]]:
    """Actors that label a line (``- X: 368 حالة``) or head a section (``أولاً: X:``).

    A label with text after its colon covers the rest of its paragraph; a heading line
    (nothing after it) covers the next paragraph.
    """
    out = []
    for a in acts:
        ls = norm.rfind("\n", 0, a.ns) + 1
        if _LABEL_BEFORE.search(norm, ls, a.ns) is None or _LABEL_AFTER.match(norm, a.ne) is None:
            continue
        le = norm.find("\n", a.ne)
        le = len(norm) if le < 0 else le
        if norm[a.ne:le].strip(" \t:"):
            out.append((a.ne, le, a.id))
        else:
            nxt = norm.find("\n", le + 1)
            out.append((a.ne, len(norm) if nxt < 0 else nxt, a.id))
    return out


class _Labels:
    """The line labels of :func:`_label_actors` (start, end, actor id), in their order, answering "the
    last label whose span holds this position" by bisect over their starts: a label that starts more
    than the longest label's length before the position cannot hold it."""

    def __init__(self, labels: list[tuple[int, int, str]]):
        self.labels = labels
        self.starts = [a for a, _, _ in labels]
        self.ordered = all(x <= y for x, y in zip(self.starts, self.starts[1:]))
        self.longest = max((b - a for a, b, _ in labels), default=0)

    def last_covering(self, pos: int) -> str | None:
        if self.ordered:
            k0 = bisect.bisect_left(self.starts, pos - self.longest)
            k1 = bisect.bisect_right(self.starts, pos)
        else:
            k0, k1 = 0, len(self.labels)
        for a, b, aid in reversed(self.labels[k0:k1]):
            if a <= pos < b:
                return aid
        return None


def _context_outcomes(it: _Item, kept: list[_Item], cues: list, cue_starts: list[int],
                      norm: str) -> tuple[str, ...]:
    """The outcome of a count with none in its sentence, when it stands in a list.

    A list line (``- 211 مدنياً ...``), a labelled line (``قوات النظام: 368 حالة``) or a
    line that introduces a list (``643 مدنياً، بينهم ...، وهم:``) takes the outcome of the
    nearest introducing line above that states one, else of the previous total.
    """
    ls = norm.rfind("\n", 0, it.ns) + 1
    le = norm.find("\n", it.ns)
    le = len(norm) if le < 0 else le
    line = norm[ls:le].rstrip()
    if not (it.listy or _LIST_OR_LABEL.match(norm, ls, it.ns) or line.endswith(":")):
        return ()
    pos = ls
    for _ in range(12):
        if pos <= 1:
            break
        pe = pos - 1
        ps = norm.rfind("\n", 0, pe) + 1
        pline = norm[ps:pe].strip()
        pos = ps
        if not pline:
            continue
        if pline.endswith(":"):
            k = bisect.bisect_left(cue_starts, ps)
            if k < len(cues) and cues[k][1] <= pe:
                return (cues[k][2],)
            continue
        if _LIST_OR_LABEL.match(pline):
            continue
        break
    for t in reversed(kept):
        if t.part_of is None and not t.split:
            return t.outcomes if it.ns - t.ne < 3000 else ()
    return ()


_GAP_TAIL = regex.compile(r"[\s,:(\-]*")


def _part_of_not_total(it: _Item, not_totals: list[int], nums: list[NumberMention], lex: _Lex, toks: _Tokens,
                       norm: str) -> bool:
    """A count right after a breakdown marker that follows a count that is not a casualty, with no other
    number between. Only the ends after the last number before the item can qualify (logarithmic)."""
    k = bisect.bisect_left(nums, it.ns, key=_ns)
    lo = nums[k - 1].ns + 1 if k else 0  # an end must come after the last number before the item
    a, b = bisect.bisect_left(not_totals, lo), bisect.bisect_right(not_totals, it.ns)
    return any(_is_breakdown_gap(e, it.ns, lex, toks, norm) for e in not_totals[a:b])


def _starts_between(starts: list[int], lo: int, hi: int) -> bool:
    """True when a sorted list of starts has one in ``[lo, hi)``."""
    k = bisect.bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


def _ns(m: Any) -> int:
    return m.ns


#: how far after a count a population predicate, and before it a habitual cue, may stand
POPULATION_REACH = 40
HABITUAL_REACH = 80


def _not_harmed(it: _Item, lex: _Lex, toks: _Tokens, norm: str, cue_ends: set[int]) -> bool:
    """People who are a population, not victims (``مليونا مدني في المنطقة معرضون للخطر``), or a
    habitual statement (``وعادة ما تخلف هذه الغارات عشرات القتلى``): not casualties of the report.
    A count right after its outcome verb (``قتل 4 مدنيين يعيشون في مخيم``) stays a casualty."""
    hi = min(len(norm), it.ne + POPULATION_REACH)
    m = _CLAUSE_PUNCT.search(norm, it.ne, hi)
    pb = toks.last_ending_by(it.ns)
    # ... and so does one whose counted noun names the harm (15 ألفاً من النازحين يقيمون في العراء)
    governed = (pb >= 0 and toks.e[pb] in cue_ends) or bool(it.outcomes)
    if not governed and _has_phrase(lex.population_after, toks, it.ne, m.start() if m else hi):
        return True
    if not governed and pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], it.ns) is not None and \
            any((mm := lex.population_before.match(toks, k)) is not None and mm[0] == pb + 1
                for k in range(max(0, pb - 2), pb + 1)):
        return True  # "مشفى يخدّم نحو 50 ألف مدني", "حيث يعيش قرابة 200 ألف مدني"
    lo = max(0, it.ns - HABITUAL_REACH)
    br = max(norm.rfind(".", lo, it.ns), norm.rfind("\n", lo, it.ns))
    return _has_phrase(lex.habitual, toks, max(lo, br + 1), it.ns)


def _joiner_before(it: _Item, prev: _Item, lex: _Lex, toks: _Tokens) -> bool:
    """A part-list joiner (إضافة إلى) stands right before ``it``, after ``prev``."""
    i = toks.last_ending_by(it.ns)
    for k in range(max(0, i - 2), i + 1):
        m = lex.part_joiners.match(toks, k)
        if m is not None and m[0] == i + 1 and toks.s[k] >= prev.ne:
            return True
    return False


def _fits_in_total(it: _Item, total_k: int, kept: list[_Item]) -> bool:
    """Parts of one total never add up to more than it: a count that would is a count of its own
    (``322 مقاتلاً، بينهم 41 …، و283 عنصراً من التنظيم``)."""
    total = kept[total_k]
    if total.value is None or it.value is None:
        return True
    # (parts always come after their total: only the items since it are looked at)
    parts = sum(k.value or 0 for k in kept[total_k + 1:] if k.part_of == total_k and k.group == it.group)
    return parts + it.value <= total.value


def _joins_part_list(it: _Item, prev: _Item, kept: list[_Item], lex: _Lex, toks: _Tokens, norm: str) -> bool:
    """``بينهم 4 أطفال إضافة إلى سيدتين``: a joiner right after a part, with no comma, before a count of a
    group no part of that total has yet and not followed by ``آخرين``, continues the list of parts."""
    i = toks.first_at_or_after(prev.ne)
    if i >= len(toks) or has_char_between(norm, ",;.\n", prev.ne, toks.s[i]):
        return False
    m = lex.part_joiners.match(toks, i)
    if m is None or m[0] >= len(toks) or not regex.fullmatch(r"\s*", norm[toks.e[m[0] - 1]:it.ns]):
        return False
    j = toks.first_at_or_after(it.ne)
    if j < len(toks) and lex.elliptic.match(toks, j) is not None and toks.s[j] - it.ne <= 2:
        return False
    groups = {k.group for k in kept[prev.part_of + 1:] if k.part_of == prev.part_of}  # parts follow their total
    return it.group not in groups


def _is_breakdown_gap(lo: int, hi: int, lex: _Lex, toks: _Tokens, norm: str) -> bool:
    """True when the gap ``[lo, hi)`` (between a count and the next) ends with a breakdown marker like ``بينهم``.

    Words may come before the marker (``في مدينة دوما بينهم``), but no sentence break.
    """
    if hi - lo > 90 or _SENT_BREAK.search(norm, lo, hi):
        return False
    i0, i1 = toks.first_at_or_after(lo), toks.last_ending_by(hi)
    if i1 < i0 or not _GAP_TAIL.fullmatch(norm, toks.e[i1], hi):
        return False
    for i in range(max(i0, i1 - 2), i1 + 1):
        m = lex.breakdown.match(toks, i)
        if m is not None and m[0] == i1 + 1:
            return True
    return False


def _cue_before(it: _Item, cues: list, cue_starts: list[int], sent) -> int | None:
    k = bisect.bisect_left(cue_starts, it.ns) - 1
    while k >= 0:
        c = cues[k]
        if c[1] <= it.ns:
            if c[0] >= sent.ns and it.ns - c[1] <= MAX_CUE_GAP:
                return c[0]
            return None
        k -= 1
    return None


def _outcomes_for(it: _Item, cues: list, cue_starts: list[int], norm: str, sent,
                  after_marks: Sequence[int] = (), item_ends: Sequence[int] = ()) -> tuple[str, ...]:
    """The outcome(s) of a count from the cue before it (``قتل وجرح`` gives two), else after it.

    After a verb of change (``تحول 271 منها إلى حالات اختفاء قسري``) the cue after it wins.
    """
    ka = bisect.bisect_right(after_marks, it.ns) - 1
    if ka >= 0 and it.ns - after_marks[ka] <= 30 and not _SENT_BREAK.search(norm, after_marks[ka], it.ns):
        k = bisect.bisect_left(cue_starts, it.ne)
        if k < len(cues) and cues[k][0] - it.ne <= 40 and cues[k][1] <= sent.ne:
            return (cues[k][2],)
    k = bisect.bisect_left(cue_starts, it.ns) - 1
    while k >= 0 and cues[k][1] > it.ns:
        k -= 1
    ka = bisect.bisect_left(cue_starts, it.ne)
    if k >= 0 and ka < len(cues) and _ONLY_SPACE.fullmatch(norm, it.ne, cues[ka][0]) is not None \
            and cues[ka][1] <= sent.ne and has_char_between(norm, _CLAUSE_CHARS, cues[k][1], it.ns):
        # "..., فيما لا يزال 900 شخص مختفين قسرياً": the state right after the noun, not the earlier clause's
        return (cues[ka][2],)
    if k >= 0 and cues[k][0] >= sent.ns and it.ns - cues[k][1] <= MAX_CUE_GAP:
        outs = [cues[k][2]]
        j = k
        while j > 0:
            a, b = cues[j - 1], cues[j]
            if a[0] < sent.ns or not regex.fullmatch(r"\s*(?:و\s*)?", norm[a[1]:b[0]]) or \
                    not (norm[b[0]] == "و" or "و" in norm[a[1]:b[0]]):
                break
            ke = bisect.bisect_right(item_ends, a[0]) - 1
            if ke >= 0 and _ONLY_SPACE.fullmatch(norm, item_ends[ke], a[0]) is not None:
                break  # "7 أطفال قتلوا وأصيب 12 آخرون": that verb belongs to the count before it
            if a[2] not in outs:
                outs.insert(0, a[2])
            j -= 1
        return tuple(outs)
    k = bisect.bisect_left(cue_starts, it.ne)
    if k < len(cues) and after_marks and \
            bisect.bisect_left(after_marks, it.ne) < bisect.bisect_left(after_marks, cues[k][0]):
        return ()  # "42 حالة، تحول 30 منها إلى مختفين قسرياً": that state is the share's, not the count's
    if k < len(cues) and cues[k][0] - it.ne <= MAX_CUE_AFTER and cues[k][1] <= sent.ne:
        return (cues[k][2],)
    if it.tally and k < len(cues) and cues[k][0] - it.ne <= MAX_FORWARD and cues[k][1] <= sent.ne \
            and not has_char_between(norm, _CLAUSE_CHARS, it.ne, cues[k][0]) \
            and _lex().rel_before_cue.search(norm, it.ne, cues[k][0]):
        # "ارتفع إلى 402 عدد عناصر قوات النظام والمسلحين الموالين لها الذين قتلوا": the relative clause's verb
        return (cues[k][2],)
    return ()


def _is_target(a: ActorMention, lex: _Lex, toks: _Tokens, norm: str) -> bool:
    """An actor named as the target or the victim (ضد تنظيم داعش، على مواقع داعش)."""
    if a.role == "victim":
        return True
    i = toks.last_ending_by(a.ns)
    if i < 0 or a.ns - toks.e[i] > 3:
        return False
    stems = set(_stems(toks.t[i]))
    if stems & lex.agent_hands:
        return False
    if stems & lex.targets:
        return True
    if stems & lex.target_adjectives and i > 0 and set(_stems(toks.t[i - 1])) & lex.targets and \
            toks.joined(i - 1, i):
        return True  # "ثكنة عسكرية لحزب الله": a military site of the actor is its target
    # a supporter or a charge a few words before (بمساندة مروحيات التحالف، بتهمة الانتماء إلى تنظيم داعش)
    for k in range(i, max(-1, i - 4), -1):
        if k < i and has_char_between(norm, _CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
            break
        if lex.non_agents.match(toks, k) is not None:
            return True
    # the source of the statement (أعلن المركز الإعلامي لقوات سوريا الديمقراطية مقتل ...)
    for k in range(i, max(-1, i - 3), -1):
        if k < i and _CLAUSE_PUNCT.search(norm, toks.e[k], toks.s[k + 1]):
            break
        m = lex.sources.match(toks, k)
        if m is not None and m[0] >= i + 1 - (0 if k == i else 2):
            return True
    return False


def _shared(a: ActorMention, acts: list[ActorMention], k: int, norm: str, lex: _Lex, toks: _Tokens) -> bool:
    """Two different actors joined by و (قوات النظام والقوات الروسية، القوات التركية وفصائل الجيش الوطني),
    or an actor and its allies (قوات النظام وحلفاؤها)."""
    for j in (k - 1, k + 1):
        if 0 <= j < len(acts):
            b = acts[j]
            lo, hi = (b.ne, a.ns) if j < k else (a.ne, b.ns)
            if b.id != a.id and 0 <= hi - lo <= 16 and _JOINED_ACTORS.fullmatch(norm[lo:hi]):
                return True
    i = toks.first_at_or_after(a.ne)
    return i < len(toks) and toks.s[i] - a.ne <= 1 and lex.joint.match(toks, i) is not None


def _has_marker(lex: _Lex, toks: _Tokens, lo: int, hi: int) -> bool:
    return _has_phrase(lex.attribution, toks, lo, hi)


def _forward_actor(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: _Lex,
                   toks: _Tokens, norm: str, spent: set[int] | None = None) -> tuple[bool, str | None]:
    k = bisect.bisect_left(act_starts, lo)
    while k < len(acts) and acts[k].ns < hi:
        a = acts[k]
        gap = norm[lo:a.ns]
        if _has_phrase(lex.partial, toks, lo, a.ns):
            break  # "الغالبية العظمى منهم لدى النظام": only a part is attributed
        victim_link = regex.fullmatch(r"\s*(?:من|ومن|من بين|في صفوف)\s*", gap) is not None
        if not victim_link and not _is_target(a, lex, toks, norm):
            if _has_marker(lex, toks, lo, a.ne):
                if spent is not None:
                    spent.add(a.ns)
                return True, (None if _shared(a, acts, k, norm, lex, toks) else a.id)
        k += 1
    return False, None


def _backward_actor(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: _Lex,
                    toks: _Tokens, norm: str, spent: set[int] = frozenset()) -> tuple[bool, str | None]:
    k = bisect.bisect_left(act_starts, hi) - 1
    while k >= 0 and acts[k].ns >= lo:
        a = acts[k]
        if a.ns in spent:
            return False, None  # the agent of an earlier count (على يد X) is not this one's
        if a.ne <= hi and not _is_target(a, lex, toks, norm):
            j = toks.last_ending_by(a.ns)
            if j >= 0 and lex.partial.match(toks, j) is not None:
                return True, None  # "نفذ معظمها مسلحون مجهولون": the agent of only a part
            return True, (None if _shared(a, acts, k, norm, lex, toks) else a.id)
        k -= 1
    return False, None


# ---------------------------------------------------------------------------
# Tables: a header row naming the columns, then rows of numeric cells
# ---------------------------------------------------------------------------

_NUM_CELL = regex.compile(r"\s*\(?\s*(\d[\d,]*)\s*\)?\s*")
_RULE_ROW = regex.compile(r"[\s|:\-–=+]*")


@dataclass
class _Cell:
    ns: int
    ne: int
    text: str


@dataclass
class _CellSense:
    group: str | None = None
    gender: str | None = None
    outcome: str | None = None
    actor: str | None = None
    total: bool = False

    def any(self) -> bool:
        return bool(self.group or self.outcome or self.actor or self.total)


def _row_cells(nt: NormText, ls: int, le: int) -> list[_Cell] | None:
    """The cells of a table row: ``|``-separated (plain text) or TAB-separated (HTML/DOCX ingest)."""
    norm = nt.norm
    line = norm[ls:le]
    cuts: list[int] = []
    if "|" in line:
        cuts = [ls + m.start() for m in regex.finditer(r"\|", line)]
    else:
        os_, oe = nt.span(ls, le)
        if "\t" not in nt.original[os_:oe]:
            return None
        cuts = sorted({nt.norm_index(os_ + m.start()) for m in regex.finditer(r"\t+", nt.original[os_:oe])})
    bounds = [ls] + cuts + [le]
    cells = []
    for a, b in zip(bounds, bounds[1:]):
        if a != ls:
            a += 1  # past the separator
        while a < b and norm[a].isspace():
            a += 1
        while b > a and norm[b - 1].isspace():
            b -= 1
        cells.append(_Cell(a, b, norm[a:b]))
    # "| a | b |": no cell before the first bar or after the last one
    if cells and not cells[0].text and "|" in line and line.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1].text and "|" in line and line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells if len(cells) >= 2 else None


def _cell_sense(cell: _Cell, lex: _Lex, toks: _Tokens, acts: list[ActorMention],
                act_starts: list[int]) -> _CellSense:
    sense = _CellSense()
    i0, i1 = toks.first_at_or_after(cell.ns), toks.last_ending_by(cell.ne)
    i = i0
    while i <= i1:
        if lex.table_totals.match(toks, i) is not None and not sense.group:
            sense.total = True
        g = lex.groups.match(toks, i)
        if g is not None and g[0] <= i1 + 1:
            if sense.group is None or sense.group == "persons":
                sense.group, sense.gender = g[1].group, g[1].gender
            i = g[0]
            continue
        o = lex.outcome_nouns.match(toks, i) or lex.cues.match(toks, i)
        if o is not None and o[0] <= i1 + 1:
            sense.outcome = sense.outcome or o[1]
            i = o[0]
            continue
        i += 1
    k = bisect.bisect_left(act_starts, cell.ns)
    if k < len(acts) and acts[k].ne <= cell.ne:
        sense.actor = acts[k].id
    return sense


def _tables(nt: NormText, numbers: Sequence[NumberMention], lex: _Lex, toks: _Tokens,
            acts: list[ActorMention], cues: list, cue_starts: list[int],
            tortures: list) -> tuple[list[_Item], list[tuple[int, int]]]:
    """Counts in table cells, and the spans of the data rows (their numbers are read nowhere else).

    A header row names the columns (group ``المدنيون``, outcome ``قتلى``, total ``المجموع``, actor);
    a row label that names an actor is the perpetrator of its counts, one that names a group or an
    outcome gives them; an outcome no header states comes from the lines that introduce the table.
    """
    norm = nt.norm
    if "|" not in norm and "\t" not in nt.original:
        return [], []
    act_starts = [a.ns for a in acts]
    num_starts = [n.ns for n in numbers]
    lines: list[tuple[int, int]] = []
    pos = 0
    while pos <= len(norm):
        e = norm.find("\n", pos)
        e = len(norm) if e < 0 else e
        lines.append((pos, e))
        pos = e + 1
    items: list[_Item] = []
    rows_spans: list[tuple[int, int]] = []
    li = 0
    while li < len(lines):
        ls, le = lines[li]
        head = _row_cells(nt, ls, le)
        if head is None or any(ch.isdigit() for ch in norm[ls:le]):
            li += 1
            continue
        senses = [_cell_sense(c, lex, toks, acts, act_starts) for c in head]
        if not any(s.any() for s in senses[1:]):
            li += 1
            continue
        # data rows: same number of cells, at least one numeric cell
        rows: list[list[_Cell]] = []
        lj = li + 1
        while lj < len(lines):
            rs, re_ = lines[lj]
            if _RULE_ROW.fullmatch(norm, rs, re_) and "-" in norm[rs:re_]:
                lj += 1  # a markdown rule |---|---|
                continue
            cells = _row_cells(nt, rs, re_)
            if cells is None or len(cells) != len(head) or \
                    not any(_NUM_CELL.fullmatch(c.text) for c in cells):
                break
            rows.append(cells)
            lj += 1
        if not rows:
            li += 1
            continue
        # the table's outcome, group and cause from the lines introducing it
        intro_outcome = intro_group = None
        torture = False
        back, k = 0, li - 1
        while k >= 0 and back < 3:
            ps, pe = lines[k]
            k -= 1
            if not norm[ps:pe].strip():
                continue
            back += 1
            if _row_cells(nt, ps, pe) is not None and "|" in norm[ps:pe]:
                break
            c = bisect.bisect_left(cue_starts, ps)
            line_cues = [x for x in cues[c:] if x[1] <= pe]
            if line_cues and intro_outcome is None:
                intro_outcome = line_cues[-1][2]
            if intro_group is None:
                for i in range(toks.first_at_or_after(ps), toks.last_ending_by(pe) + 1):
                    g = lex.groups.match(toks, i)
                    if g is not None and g[1].number == "plural":
                        intro_group = g[1].group
                        break
            torture = torture or any(ps <= t[0] < pe for t in tortures)
            if intro_outcome is not None:
                break
        split_cols = any(s.group for s in senses)
        for cells in rows:
            rows_spans.append((cells[0].ns, cells[-1].ne))
            labels = [_cell_sense(c, lex, toks, acts, act_starts) for c in cells
                      if not _NUM_CELL.fullmatch(c.text)]
            row = _CellSense()
            for s in labels:
                row.group = row.group or s.group
                row.outcome = row.outcome or s.outcome
                row.actor = row.actor or s.actor
                row.total = row.total or s.total
            for col, c in enumerate(cells):
                m = _NUM_CELL.fullmatch(c.text)
                if m is None:
                    continue
                kn = bisect.bisect_left(num_starts, c.ns)
                num = numbers[kn] if kn < len(numbers) and numbers[kn].ne <= c.ne else None
                if num is None or not num.value:
                    continue
                col_s = senses[col]
                outcome = col_s.outcome or row.outcome or intro_outcome
                group, gender = col_s.group, col_s.gender
                if group is None and not col_s.total:
                    group, gender = row.group, row.gender
                if group is None and not row.total and (not col_s.total or not split_cols):
                    group = intro_group  # a lone count column (العدد) counts what the heading names
                if group == "detainees" and outcome in (None, "detained", "disappeared"):
                    group, outcome = "persons", outcome or "detained"  # the detained are persons
                if outcome is None:
                    continue
                it = _Item(num.ns, num.ne, num.value, num.min, num.max, "exact", group=group or "persons",
                           gender=gender, outcomes=(outcome,), num=num)
                it.perpetrator = col_s.actor or row.actor
                it.why_perp, it.why_out = "table_row_or_column", "table_column"
                it.resolved = True
                it.cause = "torture" if torture and outcome == "killed" else None
                items.append(it)
        li = lj
    return items, rows_spans


# ---------------------------------------------------------------------------
# Breakdown check
# ---------------------------------------------------------------------------


def check_breakdowns(casualties: Sequence[CasualtyMention]) -> list[str]:
    """Warnings for breakdowns whose parts add up to more than their total."""
    totals: dict[tuple[tuple[int, int], str], CasualtyMention] = {}
    parts: dict[tuple[tuple[int, int], str], list[CasualtyMention]] = {}
    for c in casualties:
        po = getattr(c, "part_of", None)
        if po is None:
            totals[((c.ns, c.ne), c.outcome)] = c
        else:
            parts.setdefault((tuple(po), c.outcome), []).append(c)
    out: list[str] = []
    for key, ps in parts.items():
        t = totals.get(key)
        if t is None:
            continue
        cap = t.count if t.count is not None else t.max
        if cap is None:
            continue
        total_parts = sum((p.count if p.count is not None else (p.min or 0)) for p in ps)
        if total_parts > cap:
            label = getattr(t, "label", "") or f"{t.count}"
            out.append(f"breakdown exceeds its total: {label} ({t.outcome} {t.group} {cap}) "
                       f"has parts adding up to {total_parts}")
    return out
