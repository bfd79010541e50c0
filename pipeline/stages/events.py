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
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from pipeline.core.phrases import harm_terms, word_tokens
from pipeline.core.phrases import WordPhrases as _Phrases, WordTokens as _Tokens, text_words
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import DateMention, Doc, EventMention
from pipeline.core.normalize import norm_key
from pipeline.core.text import Sentence

__all__ = ["build_events"]

#: Clause openers that may start a second incident inside one sentence.
_CLAUSE_SPLIT = regex.compile(r"[,;]\s*(?=(?:و?كما|و?فيما|بينما|في حين|وفي|و?على صعيد|و?أيضا)\s)")


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
        self.commentary = _Phrases((t, True) for t in data.get("commentary_cues", []))
        self.tally = frozenset(norm_key(t) for t in data.get("tally_triggers", []))
        self.breakdown = _Phrases((t, True) for t in data.get("breakdown_cues", []))
        self.running = _Phrases((t, True) for t in data.get("running_total_cues", []))
        self.stock = _Phrases((t, True) for t in data.get("stock_cues", []))
        marks = "|".join(regex.escape(norm_key(t)) for t in data.get("list_markers", []))
        #: a list item line: a dash/bullet/number, or an ordinal word with a colon (أولاً:)
        self.list_item = regex.compile(rf"\s*(?:[-–•*▪◦]|\d+ ?[.)-]|(?:{marks}) ?:)" if marks else r"\s*[-–•*]")


def _month_periods(data: dict[str, Any]) -> list[str]:
    """Period cues built from every Gregorian month name (خلال نيسان، نيسان الفائت) and the relative
    periods of the lexicon (الشهر الماضي)."""
    months = [n for names in load_json("months.json")["gregorian"].values() for n in names]
    out = [f"{b} {m}" for b in data.get("period_before_month", ()) for m in months]
    out += [f"{m} {a}" for a in data.get("period_after_month", ()) for m in months]
    return out + list(data.get("relative_periods", ()))


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex(load_json("event_triggers.json"))


def _scan(phrases: _Phrases, toks: _Tokens) -> list[tuple[int, tuple]]:
    """Non-overlapping matches of a phrase list, left to right: (first token, match)."""
    return phrases.scan(toks)


class _Index:
    """Items sorted by start offset, for the items inside ``[s, e)`` in logarithmic time."""

    def __init__(self, items, start=lambda m: m.ns, end=lambda m: m.ne):
        self.items = sorted(items, key=start)
        self.starts = [start(m) for m in self.items]
        self._end = end

    def inside(self, s: int, e: int) -> list:
        lo, hi = bisect.bisect_left(self.starts, s), bisect.bisect_left(self.starts, e)
        return [m for m in self.items[lo:hi] if self._end(m) <= e]

    def starting_in(self, s: int, e: int) -> list:
        return self.items[bisect.bisect_left(self.starts, s):bisect.bisect_left(self.starts, e)]


def build_events(doc: Doc) -> tuple[list[EventMention], list[str]]:
    """Events of one report, in text order, and warnings."""
    nt = doc.nt
    norm = nt.norm
    lex = _lex()
    toks = text_words(norm)
    warnings: list[str] = []

    # trigger, tally, commentary and breakdown cues over the whole text, once each
    trig = [(toks.e[i] - len(st), toks.e[j - 1], td)
            for i, (j, td, st) in _scan(lex.triggers, toks) if td is not None]
    agg_spans = [(toks.s[i], toks.e[m[0] - 1]) for i, m in _scan(lex.aggregate, toks)]
    agg = [a for a, _ in agg_spans]
    doc.agg_cues = agg_spans
    doc.running_cues = [(toks.s[i], toks.e[m[0] - 1]) for i, m in _scan(lex.running, toks)]
    doc.stock_cues = [(toks.s[i], toks.e[m[0] - 1]) for i, m in _scan(lex.stock, toks)]
    comm = [toks.s[i] for i, _ in _scan(lex.commentary, toks)]

    dates = sorted(doc.dates, key=lambda d: d.ns)
    places = sorted(doc.places, key=lambda p: p.ns)
    place_starts = [p.ns for p in places]
    first_date = dates[0] if dates else None
    events: list[EventMention] = []
    used_cas: set[int] = set()

    index = {
        "casualties": _Index(doc.casualties), "weapons": _Index(doc.weapons),
        "facilities": _Index(doc.facilities), "actors": _Index(doc.actors), "dates": _Index(dates),
        "places": _Index(places), "trig": _Index(trig, start=lambda t: t[0], end=lambda t: t[1]),
        "agg": _Index(agg, start=lambda a: a, end=lambda a: a),
        "comm": _Index(comm, start=lambda c: c, end=lambda c: c),
        "agg_end": dict(agg_spans),
    }
    para_starts: dict[int, int] = {}
    for x in doc.sentences:
        para_starts[x.paragraph] = min(para_starts.get(x.paragraph, x.ns), x.ns)
    # breakdown cues: where a tally announces the list of its parts
    brk_end = {toks.s[i]: toks.e[m[0] - 1] for i, m in _scan(lex.breakdown, toks)}
    brk = sorted(brk_end)
    brk_index = _Index(brk, start=lambda a: a, end=lambda a: a)
    tallies: list[EventMention] = []  # aggregate events outside lists, in order
    tally_open = False
    prev_item = False
    for sent in doc.sentences:
        line_start = norm.rfind("\n", 0, sent.ns) + 1
        line_end = norm.find("\n", sent.ns)
        line_end = len(norm) if line_end < 0 else line_end
        at_line_start = sent.ns - line_start <= 2
        if at_line_start:
            is_item = lex.list_item.match(norm, line_start) is not None or "|" in norm[line_start:line_end]
        else:
            is_item = prev_item  # a second sentence on an item's line belongs to the item
        prev_item = is_item
        has_brk = bool(brk_index.starting_in(sent.ns, sent.ne))
        if at_line_start and not is_item and not has_brk:
            tally_open = False  # an ordinary paragraph or heading ends the list
        for s, e in _clauses(sent, norm, index["trig"].starting_in(sent.ns, sent.ne), index):
            ev = _event(doc, lex, toks, index, s, e, sent, dates, places, place_starts, first_date,
                        para_starts[sent.paragraph])
            if ev is None:
                continue
            own = index["dates"].starting_in(s, e)
            if is_item and tally_open and not any(d.precision == "day" for d in own):
                # a part of the announced tally: same scope, and its period when it names none
                ev.scope, ev.scope_why = "aggregate", ("tally_list_item", (sent.ns, sent.ne))
                if not own and tallies:
                    outs = {c.outcome for c in ev.casualties}
                    head = next((t for t in reversed(tallies) if outs & {c.outcome for c in t.casualties}),
                                tallies[-1])
                    ev.date = head.date
            if has_brk and not is_item and ev.casualties:
                # a total that announces its breakdown (توزعت على النحو التالي)
                b0 = brk_index.starting_in(sent.ns, sent.ne)[0]
                ev.scope, ev.scope_why = "aggregate", ("total_announces_breakdown", (b0, brk_end[b0]))
            events.append(ev)
            used_cas.update(id(c) for c in ev.casualties)
            if not is_item and ev.scope == "aggregate":
                tallies.append(ev)
        if has_brk:
            tally_open = True
    _attach_orphan_facilities(doc, events)
    for c in doc.casualties:
        if id(c) not in used_cas:
            warnings.append(f"casualty outside any event: {nt.quote(c.ns, c.ne)}")
    return events, warnings


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


def _clauses(sent: Sentence, norm: str, trig, index: dict) -> list[tuple[int, int]]:
    """The sentence, or its clauses when it clearly holds two incidents at different places/dates."""
    cuts = [m.start() for m in _CLAUSE_SPLIT.finditer(norm, sent.ns, sent.ne)]
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


def _event(doc: Doc, lex: _Lex, toks: _Tokens, index: dict, s: int, e: int, sent: Sentence,
           dates: list[DateMention], places, place_starts, first_date, para_start: int) -> EventMention | None:
    norm = doc.nt.norm
    cas = index["casualties"].inside(s, e)
    weapons = index["weapons"].inside(s, e)
    facilities = index["facilities"].inside(s, e)
    actors = index["actors"].inside(s, e)
    killed = any(c.outcome == "killed" for c in cas)
    cands: list[tuple[int, int, int, str]] = []  # (priority, -start, start/end..., type)
    trig = index["trig"].inside(s, e)
    for ts, te, td in trig:
        if td.requires == "killed" and not (killed or any(t[2].type == "killing" for t in trig)):
            continue
        if td.requires == "facility" and not facilities:
            continue
        cands.append((td.priority, ts, te, td.type))
    for w in weapons:
        et = lex.weapon_types.get(w.type, "other")
        cands.append((lex.priority.get(et, 10), w.ns, w.ne, et))
    if not cands and not cas:
        return None
    in_clause = index["dates"].starting_in(s, e)
    if (not cas and not facilities and index["comm"].starting_in(s, e) and not in_clause
            and not _has_harm_verb(norm, s, e)):
        return None  # commentary about attacks, no incident of its own
    outcomes = {c.outcome for c in cas}
    if any(c.cause == "torture" and c.outcome == "killed" for c in cas):
        tort = [c for c in cands if c[3] == "torture_death"]
        if tort:
            cands = tort
    elif outcomes and outcomes <= {"detained", "disappeared"}:
        want = "enforced_disappearance" if outcomes == {"disappeared"} else "detention"
        pick = [c for c in cands if c[3] == want] or [c for c in cands if c[3] in
                                                       ("detention", "enforced_disappearance")]
        if pick:
            cands = pick
    if cands:
        best = max(cands, key=lambda c: (c[0], -c[1]))
        etype, trigger = best[3], (best[1], best[2])
    else:
        first = min(cas, key=lambda c: c.ns)
        etype = {"killed": "killing", "detained": "detention",
                 "disappeared": "enforced_disappearance"}.get(first.outcome, "other")
        trigger = (first.ns, first.ne)

    # date: nearest in the clause, else earlier in the paragraph, else the report's first
    date = None
    if in_clause:
        date = min(in_clause, key=lambda d: abs(d.ns - trigger[0]))
    else:
        earlier = index["dates"].starting_in(para_start, s)
        if earlier:
            date = earlier[-1]
        elif first_date is not None and first_date.ns < s:
            date = first_date
        elif first_date is not None:
            date = first_date
    scope, scope_why = "incident", ("single_incident", trigger)
    cues_in = index["agg"].starting_in(s, e)
    if cues_in:
        scope, scope_why = "aggregate", ("tally_cue", (cues_in[0], index["agg_end"][cues_in[0]]))
    elif not in_clause and norm_key(norm[trigger[0]:trigger[1]]) in lex.tally:
        scope, scope_why = "aggregate", ("tally_trigger", trigger)
    else:
        for d in in_clause:
            if d.start != d.end and _after_period_word(lex, toks, d.ns):
                scope, scope_why = "aggregate", ("period_range", (d.ns, d.ne))
                break
    ev_places = index["places"].inside(s, e)
    if scope == "incident" and cas and in_clause and all(d.precision in ("month", "year") for d in in_clause) \
            and ev_places and all(p.kind == "country" for p in ev_places):
        # مقتل 281 مدنياً في سوريا في شباط 2020: a country's toll for a month
        scope, scope_why = "aggregate", ("country_toll_for_period", (in_clause[0].ns, in_clause[0].ne))
    if not ev_places and scope == "incident":
        # the place its paragraph gave last, else the report's heading or dateline place, else the last
        # place named before it (a report about one incident names its place once)
        k = bisect.bisect_left(place_starts, s) - 1
        if k >= 0 and places[k].ns >= para_start:
            ev_places = [places[k]]
        elif places and places[0].ns < doc.heading_end:
            ev_places = [places[0]]
        elif k >= 0:
            ev_places = [places[k]]
    # perpetrator of the event: the casualties' most common one, else an actor in a perpetrator role
    perps = Counter(c.perpetrator for c in cas if c.perpetrator)
    perp = perps.most_common(1)[0][0] if perps else None
    if perp is None:
        ids = {a.id for a in actors if a.role == "perpetrator"}
        if len(ids) == 1:
            perp = ids.pop()
    for f in facilities:
        if f.perpetrator is None and perp is not None:
            f.perpetrator = perp
    return EventMention(s, e, type=etype, scope=scope, trigger=trigger, scope_why=scope_why, date=date,
                        places=ev_places,
                        actors=actors, casualties=cas, facilities=facilities, weapons=weapons)


def _has_harm_verb(norm: str, s: int, e: int) -> bool:
    """A finite harm or attack verb (ارتكبت, قصفت, قتل) in ``norm[s:e]``: a statement, not commentary."""
    harm = harm_terms()
    return any(t.is_word and harm.is_verb(t.text) for t in word_tokens(norm, s, e))


def _after_period_word(lex: _Lex, toks: _Tokens, pos: int) -> bool:
    """True when the words right before ``pos`` are خلال/منذ/طيلة (optionally with شهر/عام)."""
    i = toks.last_ending_by(pos)
    for k in range(max(0, i - 2), i + 1):
        if lex.period_words.match(toks, k) is not None:
            return True
    return False
