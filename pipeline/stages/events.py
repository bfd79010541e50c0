"""Events: one typed event per incident-bearing sentence (or clause).

``build_events(doc)`` walks the sentences of a report. A sentence is an event
when it states a casualty count or holds a trigger word of
``lexicons/event_triggers.json`` (harm, attack or violation) or a weapon. The
event gets

- its *type* from the highest-priority trigger in the sentence (a death under
  torture, a chemical attack, a massacre, an airstrike ... down to ``other``);
  a sentence whose only casualties are detentions or disappearances is a
  ``detention`` / ``enforced_disappearance``;
- its *scope*: ``aggregate`` when the sentence tallies a period or a region
  (``في عموم المحافظات``, ``خلال شهر``, ``حصيلة``, a date range after ``خلال``),
  else ``incident``;
- its *date*: the date in the sentence nearest the trigger, else the nearest
  date earlier in its paragraph, else the report's first date;
- its places (the sentence's, else the last one named earlier in its
  paragraph), actors, casualties, facilities and weapons, by span.

A sentence holding two incidents joined by ``كما``/``فيما``/``بينما``/``، وفي``,
each with its own trigger and a place or date of its own, gives one event per
clause.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import regex

from pipeline.core import clitics
from pipeline.core.document import TextDoc
from pipeline.core.phrases import harm_terms
from pipeline.core.phrases import WordPhrases as _Phrases, WordTokens as _Tokens
from pipeline.core.lexicon import cached_table, load_json
from pipeline.core.rules import Rule, decide
from pipeline.core.mentions import DateMention, Doc, EventMention
from pipeline.core.normalize import norm_key
from pipeline.core.text import Sentence

__all__ = ["build_events"]



@dataclass(frozen=True)
class _TypeDef:
    type: str
    priority: int
    requires: str | None


class _Lex:
    def __init__(self, data: dict[str, Any]):
        items = []
        for t in data["types"]:
            td = _TypeDef(t["type"], int(t["priority"]), t.get("requires"))
            items.extend((term, td) for term in t["terms"])
        # shadow names (organizations, a ceasefire) hide the trigger words inside them
        items.extend((term, None) for term in data.get("shadow", []))
        self.triggers = _Phrases(items)
        self.priority = {t["type"]: int(t["priority"]) for t in data["types"]}
        self.weapon_types = dict(data["weapon_types"])
        self.aggregate = _Phrases((t, True) for t in data["aggregate_cues"] + _month_periods(data))
        self.period_words = _Phrases((t, True) for t in data["period_prepositions"])
        #: tally cues for the per-count scope rules only (pipeline/stages/scope.py), never an event's own
        self.count_only = _Phrases((t, True) for t in data.get("count_tally_cues", []))
        self.commentary = _Phrases((t, True) for t in data.get("commentary_cues", []))
        self.tally = frozenset(norm_key(t) for t in data.get("tally_triggers", []))
        self.breakdown = _Phrases((t, True) for t in data.get("breakdown_cues", []))
        self.running = _Phrases((t, True) for t in data.get("running_total_cues", []))
        self.stock = _Phrases((t, True) for t in data.get("stock_cues", []))
        marks = "|".join(regex.escape(norm_key(t)) for t in data.get("list_markers", []))
        #: a list item line: a dash/bullet/number, or an ordinal word with a colon (أولاً:)
        self.list_item = regex.compile(rf"\s*(?:[-–•*▪◦]|\d+ ?[.)-]|(?:{marks}) ?:)" if marks else r"\s*[-–•*]")
        #: a comma or semicolon before a clause opener that may start a second incident in one sentence
        op = data["clause_openers"]
        with_wa = "|".join(regex.escape(norm_key(t)) for t in op["with_wa"])
        plain = "|".join(regex.escape(t) for t in op["plain"])
        self.clause_split = regex.compile(rf"[,;]\s*(?=(?:{regex.escape(clitics.WA)}?(?:{with_wa})|{plain})\s)")


def _month_periods(data: dict[str, Any]) -> list[str]:
    """Period cues built from every Gregorian month name (خلال نيسان، نيسان الفائت) and the relative
    periods of the lexicon (الشهر الماضي)."""
    months = [n for names in load_json("months.json")["gregorian"].values() for n in names]
    out = [f"{b} {m}" for b in data.get("period_before_month", ()) for m in months]
    out += [f"{m} {a}" for a in data.get("period_after_month", ()) for m in months]
    return out + list(data.get("relative_periods", ()))


@cached_table("events.lexicon")
def _lex() -> _Lex:
    return _Lex(load_json("event_triggers.json"))


class _Index:
    """Items sorted by start offset, for the items inside ``[s, e)`` in logarithmic time."""

    def __init__(self, items, start=lambda m: m.ns, end=lambda m: m.ne):
        self.items = sorted(items, key=start)
        self.starts = [start(m) for m in self.items]
        self.ends = [end(m) for m in self.items]

    def inside(self, s: int, e: int) -> list:
        lo, hi = bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)
        items, ends = self.items, self.ends
        return [items[k] for k in range(lo, hi) if ends[k] <= e]

    def starting_in(self, s: int, e: int) -> list:
        return self.items[bisect.bisect_left(self.starts, s):bisect.bisect_left(self.starts, e)]


@dataclass
class _Report:
    """What every event of one report reads: the document, its cue spans and the mention indexes."""

    doc: Doc
    lex: _Lex
    toks: _Tokens
    index: dict[str, Any]
    dates: list[DateMention]
    places: list
    place_starts: list[int]
    para_starts: dict[int, int]
    #: breakdown cues (a tally announcing the list of its parts): start -> end
    brk_end: dict[int, int]


def build_events(doc: Doc) -> tuple[list[EventMention], list[str]]:
    """Events of one report, in text order, and warnings."""
    rep = _report(doc)
    events: list[EventMention] = []
    list_state = _ListState()
    for sent in doc.sentences:
        events += _sentence_events(rep, sent, list_state)
    _attach_orphan_facilities(doc, events)
    used_cas = {id(c) for ev in events for c in ev.casualties}
    warnings = [f"casualty outside any event: {doc.nt.quote(c.ns, c.ne)}"
                for c in doc.casualties if id(c) not in used_cas]
    return events, warnings


def _report(doc: Doc) -> _Report:
    """Trigger, tally, commentary and breakdown cues over the whole text, once each, and the indexes."""
    lex = _lex()
    toks = doc.words
    trig = [(toks.e[i] - len(st), toks.e[j - 1], td)
            for i, (j, td, st) in lex.triggers.scan(toks) if td is not None]
    agg_spans = [(toks.s[i], toks.e[m[0] - 1]) for i, m in lex.aggregate.scan(toks)]
    agg = [a for a, _ in agg_spans]
    doc.agg_cues = sorted(agg_spans + [(toks.s[i], toks.e[m[0] - 1]) for i, m in lex.count_only.scan(toks)])
    doc.running_cues = [(toks.s[i], toks.e[m[0] - 1]) for i, m in lex.running.scan(toks)]
    doc.stock_cues = [(toks.s[i], toks.e[m[0] - 1]) for i, m in lex.stock.scan(toks)]
    comm = [toks.s[i] for i, _ in lex.commentary.scan(toks)]
    brk_end = {toks.s[i]: toks.e[m[0] - 1] for i, m in lex.breakdown.scan(toks)}
    dates = sorted(doc.dates, key=lambda d: d.ns)
    places = sorted(doc.places, key=lambda p: p.ns)
    index = {
        "casualties": _Index(doc.casualties), "weapons": _Index(doc.weapons),
        "facilities": _Index(doc.facilities), "actors": _Index(doc.actors), "dates": _Index(dates),
        "places": _Index(places), "trig": _Index(trig, start=lambda t: t[0], end=lambda t: t[1]),
        "agg": _Index(agg, start=lambda a: a, end=lambda a: a),
        "comm": _Index(comm, start=lambda c: c, end=lambda c: c),
        "agg_end": dict(agg_spans),
        "brk": _Index(sorted(brk_end), start=lambda a: a, end=lambda a: a),
    }
    para_starts: dict[int, int] = {}
    for x in doc.sentences:
        para_starts[x.paragraph] = min(para_starts.get(x.paragraph, x.ns), x.ns)
    return _Report(doc, lex, toks, index, dates, places, [p.ns for p in places], para_starts, brk_end)


@dataclass
class _ListState:
    """Where the walk is in a list: a tally announced its breakdown (open), the last line was an item,
    and the aggregate events outside lists so far."""

    open: bool = False
    prev_item: bool = False
    tallies: list[EventMention] = field(default_factory=list)


def _sentence_events(rep: _Report, sent: Sentence, st: _ListState) -> list[EventMention]:
    """The events of one sentence (one per clause of its own), with the list's scope and period."""
    norm = rep.doc.nt.norm
    line_start = norm.rfind("\n", 0, sent.ns) + 1
    line_end = norm.find("\n", sent.ns)
    line_end = len(norm) if line_end < 0 else line_end
    at_line_start = sent.ns - line_start <= 2
    if at_line_start:
        is_item = rep.lex.list_item.match(norm, line_start) is not None or "|" in norm[line_start:line_end]
    else:
        is_item = st.prev_item  # a second sentence on an item's line belongs to the item
    st.prev_item = is_item
    brk = rep.index["brk"].starting_in(sent.ns, sent.ne)
    if at_line_start and not is_item and not brk:
        st.open = False  # an ordinary paragraph or heading ends the list
    out = []
    for s, e in _clauses(sent, norm, rep.lex, rep.index["trig"].starting_in(sent.ns, sent.ne), rep.index):
        ev = _event(rep, s, e, sent)
        if ev is None:
            continue
        own = rep.index["dates"].starting_in(s, e)
        if is_item and st.open and not any(d.precision == "day" for d in own):
            _tally_item(ev, own, st.tallies, sent)
        if brk and not is_item and ev.casualties:
            # a total that announces its breakdown (توزعت على النحو التالي)
            ev.scope, ev.scope_why = "aggregate", ("total_announces_breakdown", (brk[0], rep.brk_end[brk[0]]))
        out.append(ev)
        if not is_item and ev.scope == "aggregate":
            st.tallies.append(ev)
    if brk:
        st.open = True
    return out


def _tally_item(ev: EventMention, own: list, tallies: list[EventMention], sent: Sentence) -> None:
    """A part of the announced tally: same scope, and its period when it names none."""
    ev.scope, ev.scope_why = "aggregate", ("tally_list_item", (sent.ns, sent.ne))
    if not own and tallies:
        outs = {c.outcome for c in ev.casualties}
        head = next((t for t in reversed(tallies) if outs & {c.outcome for c in t.casualties}), tallies[-1])
        ev.date = head.date


def _attach_orphan_facilities(doc: Doc, events: list[EventMention]) -> None:
    """A facility hit in a sentence with no incident of its own (وسقطت العبوة الأولى على سطح مبنى سكني)
    belongs to the paragraph's incident: the nearest event before it, else the first after it; in a
    paragraph with no event at all, the nearest incident before it, else the first after it."""
    if not doc.facilities or not events:
        return
    used = {id(f) for ev in events for f in ev.facilities}
    starts = [x.ns for x in doc.sentences]

    def para(pos: int) -> int | None:
        i = bisect.bisect_right(starts, pos) - 1
        return doc.sentences[i].paragraph if i >= 0 else None

    ev_para = [(ev, para(ev.ns)) for ev in events]
    for f in doc.facilities:
        if id(f) in used:
            continue
        p = para(f.ns)
        same = [ev for ev, q in ev_para if q == p and q is not None]
        before = [ev for ev in same if ev.ns <= f.ns]
        host = before[-1] if before else (same[0] if same else None)
        if host is None:
            # a paragraph with no incident of its own (a list of the targets hit): the incident told
            # before it, else the first one after it
            earlier = [ev for ev in events if ev.ns <= f.ns and ev.scope == "incident"]
            later = [ev for ev in events if ev.ns > f.ns and ev.scope == "incident"]
            host = earlier[-1] if earlier else (later[0] if later else None)
        if host is None:
            continue
        if f.perpetrator is None:  # the host's perpetrator, as for its own facilities
            perps = Counter(c.perpetrator for c in host.casualties if c.perpetrator)
            ids = {a.id for a in host.actors if a.role == "perpetrator"}
            f.perpetrator = perps.most_common(1)[0][0] if perps else (ids.pop() if len(ids) == 1 else None)
        host.facilities.append(f)
        used.add(id(f))


def _clauses(sent: Sentence, norm: str, lex: _Lex, trig, index: dict) -> list[tuple[int, int]]:
    """The sentence, or its clauses when it clearly holds two incidents at different places/dates."""
    cuts = [m.start() for m in lex.clause_split.finditer(norm, sent.ns, sent.ne)]
    if not cuts:
        return [(sent.ns, sent.ne)]
    bounds = [sent.ns] + cuts + [sent.ne]
    parts = []
    for a, b in zip(bounds, bounds[1:]):
        a2 = a
        while a2 < b and (norm[a2] in ",; "):
            a2 += 1
        parts.append((a2, b))

    def anchors(a: int, b: int) -> set[str]:
        out = {("p", p.name_ar) for p in index["places"].starting_in(a, b)}
        out |= {("d", d.value) for d in index["dates"].starting_in(a, b)}
        return out

    def has_incident(a: int, b: int) -> bool:
        return any(a <= t[0] < b and t[2].type != "other" for t in trig) or \
            bool(index["casualties"].starting_in(a, b))

    def kind(a: int, b: int) -> str | None:
        ts = [t[2] for t in trig if a <= t[0] < b and t[2].type != "other"]
        return max(ts, key=lambda td: td.priority).type if ts else None

    # every clause must hold its own incident, and differ from the previous one by a place or date
    # of its own, by being a tally where the other is not, or by a different kind of violation
    # with its own casualties
    prev: tuple[set, bool, str | None] | None = None
    for a, b in parts:
        an = anchors(a, b)
        is_agg = bool(index["agg"].starting_in(a, b))
        k = kind(a, b)
        if not has_incident(a, b):
            return [(sent.ns, sent.ne)]
        own_kind = (prev is not None and k is not None and prev[2] is not None and k != prev[2]
                    and bool(index["casualties"].starting_in(a, b)))
        if prev is not None and not ((an and not an <= prev[0]) or is_agg != prev[1] or own_kind):
            return [(sent.ns, sent.ne)]
        if prev is None and not an and not is_agg:
            return [(sent.ns, sent.ne)]
        prev = (an, is_agg, k)
    return parts


@dataclass
class _Clause:
    """One clause ``[s, e)`` and the mentions inside it, for the event's decisions."""

    rep: _Report
    s: int
    e: int
    sent: Sentence
    cas: list
    weapons: list
    facilities: list
    actors: list
    #: the dates starting in the clause
    in_clause: list
    trigger: tuple[int, int] = (0, 0)
    places: list = field(default_factory=list)

    @property
    def para_start(self) -> int:
        return self.rep.para_starts[self.sent.paragraph]


def _event(rep: _Report, s: int, e: int, sent: Sentence) -> EventMention | None:
    """The event of one clause, or None when it holds no incident."""
    ix = rep.index
    c = _Clause(rep, s, e, sent, ix["casualties"].inside(s, e), ix["weapons"].inside(s, e),
                ix["facilities"].inside(s, e), ix["actors"].inside(s, e), ix["dates"].starting_in(s, e))
    cands = _type_candidates(c)
    if not cands and not c.cas:
        return None
    if (not c.cas and not c.facilities and ix["comm"].starting_in(s, e) and not c.in_clause
            and not _has_harm_verb(rep.doc.text, s, e)):
        return None  # commentary about attacks, no incident of its own
    etype, c.trigger = _event_type(c, cands)
    date = decide(_DATE, c)
    scope = decide(_SCOPE, c)
    c.places = ix["places"].inside(s, e)
    place = None
    if not c.places and scope is None:
        place = decide(_PLACE_FALLBACK, c)
        c.places = place.value if place is not None else []
    perp = decide(_PERPETRATOR, c)
    for f in c.facilities:
        if f.perpetrator is None and perp is not None:
            f.perpetrator = perp.value
            f.why["perpetrator"] = (f"event_{perp.rule}", perp.span or c.trigger)
    scope_why = (scope.rule, scope.span) if scope is not None else ("single_incident", c.trigger)
    decided = [(k, d) for k, d in (("date", date), ("place", place), ("perpetrator", perp)) if d is not None]
    rules = {k: d.rule for k, d in decided}
    rule_spans = {k: (d.rule, d.span or c.trigger) for k, d in decided}
    return EventMention(s, e, type=etype, scope="aggregate" if scope is not None else "incident",
                        trigger=c.trigger, scope_why=scope_why, date=date.value if date is not None else None,
                        places=c.places, actors=c.actors, casualties=c.cas, facilities=c.facilities,
                        weapons=c.weapons, rules=rules, rule_spans=rule_spans)


def _type_candidates(c: _Clause) -> list[tuple[int, int, int, str]]:
    """``(priority, start, end, type)`` of every trigger and weapon of the clause that may type it."""
    lex = c.rep.lex
    killed = any(x.outcome == "killed" for x in c.cas)
    trig = c.rep.index["trig"].inside(c.s, c.e)
    cands = []
    for ts, te, td in trig:
        if td.requires == "killed" and not (killed or any(t[2].type == "killing" for t in trig)):
            continue
        if td.requires == "facility" and not c.facilities:
            continue
        cands.append((td.priority, ts, te, td.type))
    for w in c.weapons:
        et = lex.weapon_types.get(w.type, "other")
        cands.append((lex.priority.get(et, 10), w.ns, w.ne, et))
    return cands


def _event_type(c: _Clause, cands: list[tuple[int, int, int, str]]) -> tuple[str, tuple[int, int]]:
    """The type and trigger: a death under torture or a detention first when the casualties say so,
    else the highest-priority candidate, else the first casualty's outcome."""
    outcomes = {x.outcome for x in c.cas}
    if any(x.cause == "torture" and x.outcome == "killed" for x in c.cas):
        cands = [x for x in cands if x[3] == "torture_death"] or cands
    elif outcomes and outcomes <= {"detained", "disappeared"}:
        want = "enforced_disappearance" if outcomes == {"disappeared"} else "detention"
        cands = ([x for x in cands if x[3] == want]
                 or [x for x in cands if x[3] in ("detention", "enforced_disappearance")] or cands)
    if cands:
        best = max(cands, key=lambda x: (x[0], -x[1]))
        return best[3], (best[1], best[2])
    first = min(c.cas, key=lambda x: x.ns)
    return _OUTCOME_TYPE.get(first.outcome, "other"), (first.ns, first.ne)


#: The event type of a clause with casualties and no trigger, by its first casualty's outcome.
_OUTCOME_TYPE = {"killed": "killing", "detained": "detention", "disappeared": "enforced_disappearance"}


def _nearest_date(c: _Clause):
    if not c.in_clause:
        return None
    d = min(c.in_clause, key=lambda d: abs(d.ns - c.trigger[0]))
    return d, (d.ns, d.ne)


def _earlier_in_paragraph(c: _Clause):
    earlier = c.rep.index["dates"].starting_in(c.para_start, c.s)
    return (earlier[-1], (earlier[-1].ns, earlier[-1].ne)) if earlier else None


def _first_date(c: _Clause):
    d = c.rep.dates[0] if c.rep.dates else None
    return (d, (d.ns, d.ne)) if d is not None else None


#: The event's date: the first rule that fires.
_DATE: list[Rule[_Clause]] = [
    Rule("date_in_clause", "the clause's date nearest its trigger", _nearest_date),
    Rule("date_earlier_in_paragraph", "the last date named earlier in the paragraph", _earlier_in_paragraph),
    Rule("report_first_date", "the report's first date", _first_date),
]


def _tally_cue(c: _Clause):
    cues = c.rep.index["agg"].starting_in(c.s, c.e)
    return ("aggregate", (cues[0], c.rep.index["agg_end"][cues[0]])) if cues else None


def _tally_trigger(c: _Clause):
    norm = c.rep.doc.nt.norm
    if not c.in_clause and norm_key(norm[c.trigger[0]:c.trigger[1]]) in c.rep.lex.tally:
        return "aggregate", c.trigger
    return None


def _period_range(c: _Clause):
    if c.rep.index["agg"].starting_in(c.s, c.e) or not c.in_clause:
        return None
    for d in c.in_clause:
        if d.start != d.end and _after_period_word(c.rep.lex, c.rep.toks, d.ns):
            return "aggregate", (d.ns, d.ne)
    return None


def _country_toll_for_period(c: _Clause):
    places = c.rep.index["places"].inside(c.s, c.e)
    if c.cas and c.in_clause and all(d.precision in ("month", "year") for d in c.in_clause) \
            and places and all(p.kind == "country" for p in places):
        return "aggregate", (c.in_clause[0].ns, c.in_clause[0].ne)
    return None


#: The event's scope: aggregate when one of these fires (its name and span are the event's ``why``),
#: else a single incident.
_SCOPE: list[Rule[_Clause]] = [
    Rule("tally_cue", "a tally or period cue in the clause (حصيلة، خلال شهر)", _tally_cue),
    Rule("tally_trigger", "the trigger itself is a tally word, and the clause names no date", _tally_trigger),
    Rule("period_range", "a date range right after a period word (خلال الفترة من ... إلى ...)", _period_range),
    Rule("country_toll_for_period", "a country's toll for a month or a year (في سوريا في شباط 2020)",
         _country_toll_for_period),
]


def _paragraph_place(c: _Clause):
    k = bisect.bisect_left(c.rep.place_starts, c.s) - 1
    return ([c.rep.places[k]], (0, 0)) if k >= 0 and c.rep.places[k].ns >= c.para_start else None


def _heading_place(c: _Clause):
    places = c.rep.places
    return ([places[0]], (0, 0)) if places and places[0].ns < c.rep.doc.heading_end else None


def _place_before(c: _Clause):
    k = bisect.bisect_left(c.rep.place_starts, c.s) - 1
    return ([c.rep.places[k]], (0, 0)) if k >= 0 else None


#: The place of an incident that names none: the first rule that fires (a report about one incident
#: names its place once).
_PLACE_FALLBACK: list[Rule[_Clause]] = [
    Rule("paragraph_last_place", "the place its paragraph named last", _paragraph_place),
    Rule("heading_place", "the report's heading or dateline place", _heading_place),
    Rule("last_place_before", "the last place named before it", _place_before),
]


def _casualties_majority(c: _Clause):
    perps: dict[str, int] = {}
    for x in c.cas:
        if x.perpetrator:
            perps[x.perpetrator] = perps.get(x.perpetrator, 0) + 1
    # the first of the most common (Counter.most_common(1)), without building a Counter
    return (max(perps.items(), key=_count)[0], c.trigger) if perps else None


def _count(kv: tuple[str, int]) -> int:
    return kv[1]


def _single_perpetrator_actor(c: _Clause):
    ids = {a.id for a in c.actors if a.role == "perpetrator"}
    return (ids.pop(), c.trigger) if len(ids) == 1 else None


#: The event's perpetrator (given to its facilities that have none).
_PERPETRATOR: list[Rule[_Clause]] = [
    Rule("casualties_majority", "the casualties' most common perpetrator", _casualties_majority),
    Rule("single_perpetrator_actor", "the one actor of the clause in a perpetrator role", _single_perpetrator_actor),
]


def _has_harm_verb(td: TextDoc, s: int, e: int) -> bool:
    """A finite harm or attack verb (ارتكبت, قصفت, قتل) in ``norm[s:e]``: a statement, not commentary."""
    harm = harm_terms()
    return any(harm.is_verb(w) for w in td.words_in(s, e))


def _after_period_word(lex: _Lex, toks: _Tokens, pos: int) -> bool:
    """True when the words right before ``pos`` are خلال/منذ/طيلة (optionally with شهر/عام)."""
    i = toks.last_ending_by(pos)
    for k in range(max(0, i - 2), i + 1):
        if lex.period_words.match(toks, k) is not None:
            return True
    return False
