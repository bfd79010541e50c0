"""Scope of each stated count: ``incident`` or ``aggregate`` (SPEC section 2), as ordered named rules.

A count is ``aggregate`` when it covers a period longer than a day, totals incidents the report also
gives separately, or is a toll for the country or a governorate in general terms; otherwise it is one
incident's. The rules below decide the *head* counts (totals and counts on their own); a breakdown, a
share and a restatement take the scope of the count they belong to (:mod:`pipeline.stages.summing`).

The context of a head count is its event and the tally cues *attached* to it (:func:`attach_cues`):
a cue before the first count of a clause frames every count of the clause (``خلال شهر آب وثقت مقتل
50 مدنياً و20 مقاتلاً``); a cue after a count belongs to the counts of its segment (up to a comma or
فيما) and of the segments after it (``قتل 307 أطفال و241 امرأة خلال العام``: both; ``قتل 5 في إدلب،
فيما ارتفعت حصيلة الشهر إلى 300``: the 300 only).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from pipeline.core import settings
from pipeline.core.clitics import FA, WA, conj_stripped, stems
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import CasualtyMention, Doc, EventMention
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import AnchoredPattern, PhraseMatcher, heads_of, word_tokens
from pipeline.core.rules import Rule, rule
from pipeline.core.text import rx

#: event-level decisions (pipeline.stages.events) that hold for every count of the event
EVENT_TALLY_RULES = frozenset({"tally_list_item", "total_announces_breakdown", "tally_trigger",
                               "period_range", "country_toll_for_period"})
#: place kinds that pin a count to one incident's location (below a governorate)
LOCAL_PLACE_KINDS = frozenset({"city", "town", "village", "neighborhood", "camp", "site", "community",
                               "subdistrict"})
#: places in this many governorates in one count's clause, with no day, make it a toll across the country
BREADTH_MIN_GOVERNORATES = settings.SCOPE_BREADTH_MIN_GOVERNORATES
#: how far a running-total cue and a still-held cue reach (settings)
RUNNING_CUE_REACH = settings.SCOPE_RUNNING_CUE_REACH
STOCK_CUE_BEFORE, STOCK_CUE_AFTER = settings.SCOPE_STOCK_CUE_BEFORE, settings.SCOPE_STOCK_CUE_AFTER
#: how far before a date its since-word may stand (منذ 5 من الشهر الحالي)
SINCE_REACH = settings.SCOPE_SINCE_REACH
#: how far before a date a publication word may stand (التقرير الصادر أمس)
PUBLICATION_REACH = settings.SCOPE_PUBLICATION_REACH


@lru_cache(maxsize=1)
def _separator() -> "regex.Pattern[str]":
    """A comma, a semicolon, a colon, or a separator word of ``lexicons/event_triggers.json``."""
    words = "|".join(regex.escape(norm_key(w)) for w in load_json("event_triggers.json")["segment_separators"])
    return regex.compile(rf"[,;:،؛]|\s(?:{words})\s")


@lru_cache(maxsize=1)
def _separator_word() -> "regex.Pattern[str]":
    """A separator word of ``lexicons/event_triggers.json`` (فيما، بينما، في حين، كما), not a punctuation mark."""
    words = "|".join(regex.escape(norm_key(w)) for w in load_json("event_triggers.json")["segment_separators"])
    return regex.compile(rf"(?:^|\s)(?:{words})\s")


def separator_word_between(norm: str, s: int, e: int) -> bool:
    """A separator word (فيما، بينما، في حين، كما) in ``norm[s:e]``: a clause of another incident starts there."""
    return _separator_word().search(norm, s, e) is not None


@dataclass
class CountCtx:
    """What the scope rules look at for one head count."""

    count: CasualtyMention
    event: EventMention
    doc: Doc
    cues: list[tuple[int, int]] = field(default_factory=list)  # tally/period cues attached to it
    running: tuple[int, int] | None = None  # a running-total cue right before it
    tally_report: tuple[int, int] | None = None  # the cue that makes the report's lead a tally
    combined: tuple[int, int] | None = None  # the count is one number for killed and injured together
    stock: tuple[int, int] | None = None  # a still-held cue (لا يزال) before the count in its clause
    period_dates: list = field(default_factory=list)  # dates opening a period, attached like the cues
    publication: frozenset = frozenset()  # spans of the dates a report was issued on (not an incident's day)
    announced: tuple[int, int] | None = None  # a breakdown cue that announces the lines after it (بحسب المناطق؛)
    day_total: tuple[int, int] | None = None  # a one-day-total phrase in the count's clause (في يوم واحد)
    round_up_day: tuple[int, int] | None = None  # the report's lead sums one day (a daily round-up)
    beside_tally: tuple[int, int] | None = None  # the count is in incidents a tally report adds (فضلاً عن ذلك)


def heads(ev: EventMention) -> list[CasualtyMention]:
    """The counts of an event that are not parts or shares of another, one per span, in text order."""
    seen: dict[tuple[int, int], CasualtyMention] = {}
    for c in ev.casualties:
        if c.total is None and c.share is None:
            seen.setdefault((c.ns, c.ne), c)
    return sorted(seen.values(), key=lambda c: c.ns)


def attach_cues(ev: EventMention, cues: list[tuple[int, int]], norm: str) -> dict[tuple[int, int], list]:
    """Tally/period cues of the event's clause, attached to head counts (by span); see the module doc.

    The clause is cut into segments at separators (a comma, a semicolon, فيما، بينما، في حين; not a
    plain و). A cue applies to the heads of its own segment (a segment with no count of its own belongs
    to the one before it, unless it opens with a separator word: فيما، بينما start a clause whose cues are
    not the earlier counts') and of the segments after it; a cue before the clause's first head applies to
    all of them."""
    hs = heads(ev)
    out: dict[tuple[int, int], list] = {(h.ns, h.ne): [] for h in hs}
    if not hs:
        return out
    cuts = [m.start() for m in _separator().finditer(norm, ev.ns, ev.ne)]
    lo_k = bisect.bisect_left(cues, (ev.ns, -1))
    first_head = hs[0].ns
    for cs, ce in cues[lo_k:]:
        if cs >= ev.ne:
            break
        # the segment holding the cue starts at the last separator before it; a segment with no count
        # of its own (مقتل 2375 شخصاً في سوريا، خلال شهر أيلول) is the tail of the one before it
        k = bisect.bisect_right(cuts, cs) - 1
        while k >= 0 and not any(cuts[k] <= h.ns < (cuts[k + 1] if k + 1 < len(cuts) else ev.ne) for h in hs):
            if _separator_word().match(norm, cuts[k]):
                break  # ``cue_in_contrast_clause``: فيما، بينما open a clause of its own (… فيما قتل منذ نيسان 250)
            k -= 1
        seg_start = cuts[k] if k >= 0 and cs > first_head else ev.ns
        for h in hs:
            if h.ne > seg_start:
                out[(h.ns, h.ne)].append((cs, ce))
    return out


def running_cue_before(count: CasualtyMention, running: list[tuple[int, int]], norm: str,
                       count_starts: list[int]):
    """The running-total cue (ليرتفع عدد القتلى إلى) right before ``count`` in its clause, with no other
    count between them (``count_starts``: the starts of the head counts, sorted), else None."""
    k = bisect.bisect_right(running, (count.ns, 1 << 62)) - 1
    if k < 0:
        return None
    s, e = running[k]
    if count.ns - e > RUNNING_CUE_REACH or rx(r"[.\n]").search(norm[e:count.ns]):
        return None
    if bisect.bisect_left(count_starts, e) != bisect.bisect_left(count_starts, count.ns):
        return None  # the cue is the toll of an earlier count
    return (s, e)


def cue_near_in_clause(count: CasualtyMention, cues: list[tuple[int, int]], ev: EventMention,
                       before: int, after: int, norm: str) -> tuple[int, int] | None:
    """A cue of ``cues`` (sorted) in ``count``'s clause, at most ``before`` characters before the count or
    ``after`` characters after it with no separator between (the nearer side first), else None."""
    k = bisect.bisect_left(cues, (count.ns, -1))
    if k < len(cues) and cues[k][0] >= count.ne and cues[k][0] - count.ne <= after and cues[k][0] < ev.ne \
            and _separator().search(norm, count.ne, cues[k][0]) is None:
        return cues[k]  # after the count, in its own segment (not ``إلى 44، بينما لا يزال عدد من الجرحى``)
    if k > 0 and cues[k - 1][0] >= max(ev.ns, count.ns - before):
        return cues[k - 1]
    return None


@lru_cache(maxsize=1)
def _publication_matcher() -> PhraseMatcher:
    return PhraseMatcher((t, True) for t in load_json("scope.json")["publication_cues"])


def publication_dates(doc: Doc) -> frozenset[tuple[int, int]]:
    """Spans of the dates that are the day a report or statement was issued, not an incident's day: a
    publication word of ``lexicons/scope.json`` at most ``PUBLICATION_REACH`` characters before the date in
    its sentence (``في التقرير الصادر أمس الجمعة``، ``أصدر المكتب، اليوم السبت، إحصائية``)."""
    norm = doc.nt.norm
    cues = sorted(m.ne for m in _publication_matcher().find(norm))
    out = set()
    for d in doc.dates:
        k = bisect.bisect_right(cues, d.ns) - 1
        if k >= 0 and d.ns - cues[k] <= PUBLICATION_REACH and not rx(r"[.\n]").search(norm[cues[k]:d.ns]):
            out.add((d.ns, d.ne))
        elif statement_day(norm, d.ns, d.ne):
            out.add((d.ns, d.ne))
    return frozenset(out)


def statement_day(norm: str, s: int, e: int) -> bool:
    """``statement_day``: the day at ``norm[s:e]`` stands after a verb of saying and its speaker, with no complementizer
    between (أكد المدير، يوم الخميس، أن …), and a complementizer or a statement noun follows it within
    ``settings.SCOPE_STATEMENT_AFTER`` characters (lexicons/scope.json): the day the statement was made."""
    before = norm[max(0, s - PUBLICATION_REACH):s]
    before = before[max(before.rfind("."), before.rfind("\n")) + 1:]
    words = regex.sub(r"[^\w\s]", " ", before).split()
    verbs, followers = _scope_words("statement_verbs"), _scope_words("statement_followers")
    k = max((i for i, w in enumerate(words) if w in verbs or (w[:1] == WA and w[1:] in verbs)), default=-1)
    if k < 0 or any(w in followers for w in words[k + 1:]):
        return False
    after = regex.sub(r"[^\w\s]", " ", norm[e:e + settings.SCOPE_STATEMENT_AFTER]).split()[:3]
    return any(w in followers or (w[:1] == FA and w[1:] in followers) for w in after)


def _incident_day(ctx: "CountCtx", d) -> bool:
    """A date of one day that is not the day a report was issued."""
    return d is not None and d.precision == "day" and (d.ns, d.ne) not in ctx.publication


def has_incident_anchor(ctx: CountCtx) -> tuple[int, int] | None:
    """A day, or a place below a governorate, in the count's own clause: the mark of one incident."""
    ev = ctx.event
    if _incident_day(ctx, ev.date) and ev.ns <= ev.date.ns < ev.ne:
        return (ev.date.ns, ev.date.ne)
    for p in ev.places:
        if p.kind in LOCAL_PLACE_KINDS and ev.ns <= p.ns < ev.ne:
            return (p.ns, p.ne)
    return None


def names_a_period(norm: str, cue: tuple[int, int]) -> bool:
    """The cue that made the report a tally names a period or a breadth (خلال شهر آب، في عموم المحافظات):
    not a bare tally noun (حصيلة), a breakdown word (توزعت), a plural of incidents (مجازر), which a daily
    round-up uses for the day's toll too, nor an open period (حتى الآن: an ongoing clash's toll so far)."""
    word = norm[cue[0]:cue[1]]
    if is_weak_tally_cue(norm, cue):
        return False
    return not any(word.endswith(w) and len(word) - len(w) <= 2 for w in _round_up_words())


@lru_cache(maxsize=1)
def _round_up_words() -> tuple[str, ...]:
    data = load_json("event_triggers.json")
    return tuple(norm_key(w) for w in data["breakdown_cues"] + data["tally_triggers"] + data["open_period_cues"])


def _own_day(ctx: CountCtx) -> tuple[int, int] | None:
    """A single day as the count's date, named in its own paragraph (its clause or earlier in it)."""
    d = ctx.event.date
    if not _incident_day(ctx, d) or d.start != d.end:
        return None
    lo, hi = sorted((d.ns, ctx.count.ns))
    return None if "\n" in ctx.doc.nt.norm[lo:hi] else (d.ns, d.ne)


# ---------------------------------------------------------------------------
# The rules, in order
# ---------------------------------------------------------------------------


@rule("event_tally_structure", "the event is a tally by its structure: a list item under an announced "
      "breakdown, a total announcing one, a count of massacres, a date range after خلال, a country's "
      "toll for a month")
def _event_tally(ctx: CountCtx):
    why = ctx.event.scope_why
    if why is not None and why[0] in EVENT_TALLY_RULES:
        return "aggregate", why[1]
    return None


@rule("one_attack_dated_by_month", "a past or current month or year with no period word before it (الشهر الماضي، "
      "في شهر تشرين الأول الماضي) as the only cue of a count alone of its outcome in its event, whose clause "
      "names one attack in the singular (مجزرة، انفجار سيارة مفخخة): the attack's date, not a period")
def _one_attack(ctx: CountCtx):
    if not ctx.cues or ctx.running or ctx.stock:
        return None
    norm = ctx.doc.nt.norm
    if not all(_dates_one_attack(norm, cue) for cue in ctx.cues):
        return None
    if sum(1 for c in heads(ctx.event) if c.outcome == ctx.count.outcome) > 1:
        return None
    attack = _single_attack(norm, ctx.event)
    return ("incident", attack) if attack is not None else None


def _dates_one_attack(norm: str, cue: tuple[int, int]) -> bool:
    """The cue is a month or year that may date one attack (a dating period of ``lexicons/scope.json``, or
    a month's name with الماضي), with no period word (خلال، منذ، طيلة) in the two words before it."""
    text = norm[cue[0]:cue[1]]
    after = _after_month_words()
    if text not in _scope_words("dating_periods") and not (
            " " in text and text.rsplit(" ", 1)[1] in after and text.rsplit(" ", 1)[0] in _month_names()):
        return False
    before = norm[max(0, cue[0] - settings.SCOPE_MONTH_DAY_BEFORE):cue[0]].split()[-2:]
    periods = _period_words()
    return not any(conj_stripped(w, periods) for w in before)


def _single_attack(norm: str, ev: EventMention) -> tuple[int, int] | None:
    """The first singular attack noun of ``lexicons/scope.json`` (single_attack_nouns) in the event's clause."""
    one, two = _single_attack_nouns()
    toks = [t for t in word_tokens(norm, ev.ns, ev.ne) if t.text[:1].isalpha()]
    for i, t in enumerate(toks):
        forms = stems(t.text)
        if any(f in one for f in forms):
            return (t.s, t.e)
        if i + 1 < len(toks) and any((f, toks[i + 1].text) in two for f in forms):
            return (t.s, toks[i + 1].e)
    return None


@lru_cache(maxsize=1)
def _single_attack_nouns() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    keys = [norm_key(w) for w in load_json("scope.json")["single_attack_nouns"]]
    return (frozenset(k for k in keys if " " not in k),
            frozenset(tuple(k.split(" ", 1)) for k in keys if " " in k))


@lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    return frozenset(norm_key(n) for names in load_json("months.json")["gregorian"].values() for n in names)


@lru_cache(maxsize=1)
def _after_month_words() -> frozenset[str]:
    return frozenset(norm_key(w) for w in load_json("event_triggers.json")["period_after_month"])


@lru_cache(maxsize=1)
def _period_words() -> frozenset[str]:
    data = load_json("event_triggers.json")
    return frozenset(norm_key(w) for w in data["period_prepositions"] + data["since_words"] if " " not in w)


@rule("period_or_tally_cue", "a period or tally cue attached to the count: خلال شهر، منذ بداية العام، "
      "حصيلة، في عموم المحافظات")
def _period_cue(ctx: CountCtx):
    norm = ctx.doc.nt.norm
    for cue in ctx.cues:
        if is_weak_tally_cue(norm, cue) and has_incident_anchor(ctx) is not None:
            continue  # حصيلة الغارة على سوق البلدة: one incident's toll
        if cue[0] >= ctx.count.ne and _toll_noun(norm, cue):
            continue  # a toll noun after the count names a toll to come (وأن حصيلة القتلى قد تزيد)
        return "aggregate", cue
    return None


def _toll_noun(norm: str, cue: tuple[int, int]) -> bool:
    """A weak tally cue that is a toll noun (حصيلة، إجمالي), not attacks in the plural (هجمات): it names the
    count's toll only before it (بلغت حصيلة الضحايا 230)."""
    word = norm[cue[0]:cue[1]]
    return is_weak_tally_cue(norm, cue) and not any(word.endswith(w) and len(word) - len(w) <= 2
                                                    for w in _count_tally_words())


@lru_cache(maxsize=1)
def _count_tally_words() -> tuple[str, ...]:
    return tuple(norm_key(w) for w in load_json("event_triggers.json")["count_tally_cues"])


@lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset, tuple, frozenset]:
    data = load_json("event_triggers.json")
    return (frozenset(norm_key(w) for w in data["weak_tally_cues"]),
            tuple(norm_key(w) for w in data["provisional_after_tally"]),
            frozenset(norm_key(w) for w in data["day_of_month_before_period"]))


def is_weak_tally_cue(norm: str, cue: tuple[int, int]) -> bool:
    """A tally noun that may name one incident's toll (``حصيلة``, with its proclitics)."""
    word = norm[cue[0]:cue[1]]
    return any(word.endswith(w) and len(word) - len(w) <= 2 for w in _cue_words()[0])


def not_a_period(norm: str, cue: tuple[int, int]) -> bool:
    """A cue that is no period or tally: a provisional toll (``كحصيلة أولية``) or the month of a day
    (``في السابع من أيلول الجاري``)."""
    weak, provisional, day_of = _cue_words()
    after = norm[cue[1]:cue[1] + settings.SCOPE_PROVISIONAL_AFTER].lstrip()
    if is_weak_tally_cue(norm, cue) and any(after.startswith(w) for w in provisional):
        return True
    # a provisional toll so far (تعد أولية حتى الآن): the toll of one incident, still growing
    before = norm[max(0, cue[0] - settings.SCOPE_PROVISIONAL_BEFORE):cue[0]].rstrip()
    if norm[cue[0]:cue[1]] in _open_period_cues() and any(before.endswith(w) for w in provisional):
        return True
    if _after_comparison(norm, cue):
        return True
    # the same month in two calendars' names (من آب/ أغسطس الماضي، من كانون الثاني/ يناير الماضي)
    before = _month_slash().sub("", norm[max(0, cue[0] - settings.SCOPE_MONTH_DAY_BEFORE):cue[0]]).split()
    if before and before[-1] in _month_nouns():
        before.pop()  # في 9 من شهر آذار: the month of that day
    if not (before and before[-1] in day_of):
        return False
    # ... unless that day ends a range (من تاريخ العشرين وحتى الثالث والعشرين من تشرين الثاني): a period
    window = norm[max(0, cue[0] - settings.SCOPE_RANGE_END_REACH):cue[0]].split()
    return not any(w in _scope_words("range_end_words") for w in window)


def _after_comparison(norm: str, cue: tuple[int, int]) -> bool:
    """A comparison word (``lexicons/scope.json`` comparison_words) shortly before the cue in its sentence: the
    measure of a comparison (حملة هي الأوسع منذ أشهر), not a period."""
    before = regex.split(r"[.\n،,؛;]", norm[max(0, cue[0] - settings.SCOPE_COMPARISON_CHARS):cue[0]])[-1].split()
    words = _scope_words("comparison_words")
    return any(w in words or (w[:1] == WA and w[1:] in words)
               for w in before[-settings.SCOPE_COMPARISON_BEFORE:])


@lru_cache(maxsize=1)
def _open_period_cues() -> frozenset[str]:
    return frozenset(norm_key(w) for w in load_json("event_triggers.json")["open_period_cues"])


@lru_cache(maxsize=1)
def _month_nouns() -> frozenset[str]:
    return frozenset(norm_key(w) for w in load_json("event_triggers.json")["month_nouns"])


@lru_cache(maxsize=1)
def _month_slash() -> "regex.Pattern[str]":
    """A month name and a slash at the end of a text (the first of two names of one month)."""
    months = sorted({norm_key(n) for names in load_json("months.json")["gregorian"].values() for n in names},
                    key=len, reverse=True)
    return regex.compile(rf"(?:{'|'.join(regex.escape(m) for m in months)})\s*/\s*$")


@rule("announced_breakdown_line", "a count after a breakdown cue that ends a sentence with no count of its own, "
      "in the same paragraph (وفي توزيع الضحايا بحسب المناطق؛ سقط 359 في حلب؛ و298 في دمشق), and no day of its "
      "own: a line of the breakdown")
def _announced(ctx: CountCtx):
    if ctx.announced is not None and _own_day(ctx) is None:
        return "aggregate", ctx.announced
    return None


def announced_breakdowns(doc: Doc, head_starts: list[int]) -> list[tuple[int, int]]:
    """Spans (sorted) of the breakdown cues (``lexicons/event_triggers.json`` breakdown_cues) whose sentence has
    no count of its own: they announce the lines that follow in their paragraph."""
    text = doc.text
    out = []
    for m in _breakdown_matcher().find(doc.nt.norm):
        k = text.sentence_index(m.ns)
        if k < 0:
            continue
        sent = text.sentences[k]
        j = bisect.bisect_left(head_starts, sent.ns)
        if j < len(head_starts) and head_starts[j] < sent.ne:
            continue
        out.append((m.ws, m.ne))
    return sorted(out)


def announced_before(count: CasualtyMention, announced: list[tuple[int, int]], doc: Doc) -> tuple[int, int] | None:
    """The announcing breakdown cue before ``count`` in its paragraph, else None."""
    k = bisect.bisect_right(announced, (count.ns, 1 << 62)) - 1
    if k < 0:
        return None
    cue = announced[k]
    return cue if "\n" not in doc.nt.norm[cue[1]:count.ns] else None


@lru_cache(maxsize=1)
def _breakdown_matcher() -> PhraseMatcher:
    return PhraseMatcher((t, True) for t in load_json("event_triggers.json")["breakdown_cues"])


@rule("one_number_two_outcomes", "one number for the killed and the injured together (14 مدنياً بين قتيل "
      "وجريح): it cannot be added to either toll, so it counts as a tally")
def _combined(ctx: CountCtx):
    if ctx.combined is not None:
        return "aggregate", ctx.combined
    return None


#: outcomes a still-held cue can make a stock of (the killed and injured are never "still" so: ``لا يزال
#: عدد الشهداء مرشحاً للارتفاع لوجود عشرات الجرحى`` is one incident's toll)
STOCK_OUTCOMES = frozenset({"detained", "disappeared", "displaced"})


@rule("still_held_stock", "people still held, missing or displaced (لا يزال 2060 شخصاً قيد الاحتجاز): a stock "
      "over a period, not one incident's")
def _stock(ctx: CountCtx):
    if ctx.stock is not None and ctx.count.outcome in STOCK_OUTCOMES:
        return "aggregate", ctx.stock
    return None


@rule("breadth_across_governorates", "no day, and places in several governorates in the count's own clause "
      "(قتل 96 مدنياً في ريف دمشق ودير الزور وحمص ودرعا), a reporter's place left out: a toll across the country, "
      "not one incident")
def _breadth(ctx: CountCtx):
    ev = ctx.event
    if ev.date is not None and ev.date.precision == "day" and ev.ns <= ev.date.ns < ev.ne:
        return None
    if _day_word_in(ctx.doc.nt.norm, ev.ns, ev.ne):
        return None  # أمس الأحد with no publication date to resolve it is still one day
    norm = ctx.doc.nt.norm
    s, e = _segment(norm, ctx.count, ev)
    inside = [p for p in ev.places if s <= p.ns < e and not _reporter_place(norm, p.ns)]
    inside = [p for k, p in enumerate(inside) if not (k and _locator(norm, inside[k - 1], p))]
    govs = {(p.pcode if p.kind == "governorate" else (p.admin1 or {}).get("pcode")) for p in inside}
    govs.discard(None)
    if len(govs) >= BREADTH_MIN_GOVERNORATES:
        return "aggregate", (inside[0].ns, inside[-1].ne)
    return None


def _locator(norm: str, prev, p) -> bool:
    """``place_locator``: the place ``p`` stands right after the place ``prev`` with a direction word alone between
    them (مخيم اليرموك جنوب دمشق، قرية الزيارة (غربي حماة)): it locates ``prev``, it is not a second place of the
    count (a direction joined by و, وجنوب إدلب, is one)."""
    between = regex.sub(r"[()\[\]\"“”«»'،,\-–]", " ", norm[prev.ne:p.ns]).split()
    own = norm[p.ns:p.ne].split()[:1]  # the place's span may hold its direction word (جنوب دمشق)
    if not between and own and own[0] in _direction_words():
        return True
    return len(between) == 1 and between[0] in _direction_words()


@lru_cache(maxsize=1)
def _direction_words() -> frozenset[str]:
    dirs = load_json("place_triggers.json")["directions"]
    return frozenset(norm_key(w) for k, words in dirs.items() if not k.startswith("_") for w in words)


def _reporter_place(norm: str, pos: int) -> bool:
    """The place at ``pos`` stands a few words after a reporter word (أفاد مراسل الإذاعة في دمشق): it is
    where the reporter is (lexicons/scope.json reporter_words, settings.SCOPE_REPORTER_REACH)."""
    words = norm[max(0, pos - settings.SCOPE_REPORTER_BEFORE_CHARS):pos].split()[-settings.SCOPE_REPORTER_REACH:]
    return any(w in _scope_words("reporter_words") or w[1:] in _scope_words("reporter_words") for w in words)


@lru_cache(maxsize=1)
def _day_words() -> PhraseMatcher:
    """Words that name one day relative to the report (اليوم، أمس، أول أمس، يوم الأحد; not a bare weekday,
    which also names a period's start: منذ الأربعاء الفائت): ``lexicons/relative_dates.json``."""
    data = load_json("relative_dates.json")
    words = data["today"] + data["yesterday"] + data["day_before_yesterday"]
    prefix = load_json("scope.json")["weekday_day_prefix"]
    words += [f"{prefix} {w}" for names in data["weekdays"].values() for w in names]
    return PhraseMatcher((w, True) for w in words)


def _day_word_in(norm: str, s: int, e: int) -> bool:
    """A day word of :func:`_day_words` in ``norm[s:e]``."""
    return bool(_day_words().find(norm[s:e]))


def _segment(norm: str, c: CasualtyMention, ev: EventMention) -> tuple[int, int]:
    """The count's segment of its clause: from the separator before it to the one after it."""
    s = ev.ns
    for m in _separator().finditer(norm, ev.ns, c.ns):
        s = m.end()
    m = _separator().search(norm, c.ne, ev.ne)
    return s, (m.start() if m else ev.ne)


@rule("period_date_without_local_anchor", "a month or a year as the count's date (في شهر نيسان، عام 2019) "
      "and no day and no place below a governorate: a toll over that period; so is a year the count takes from an "
      "earlier sentence when its event has no day and no town at all (outside a tally report, whose lines the "
      "line_of_tally_report rule decides)")
def _period_date(ctx: CountCtx):
    ev = ctx.event
    d = ev.date
    if d is not None and d.precision in ("month", "year") and ev.ns <= d.ns < ev.ne and \
            has_incident_anchor(ctx) is None:
        return "aggregate", (d.ns, d.ne)
    if d is not None and d.precision == "year" and ctx.tally_report is None and has_incident_anchor(ctx) is None \
            and _event_anchor(ev) is None:
        return "aggregate", (d.ns, d.ne)  # inherited_year: a year from an earlier sentence, and no day or town at all
    return None


def period_date_spans(doc: Doc) -> list[tuple[int, int]]:
    """Spans (sorted) of the dates that cover a period reaching over several days: a range of days
    (``بين 2 و18 كانون الأول``) or a date right after a since-word of ``lexicons/event_triggers.json``
    (``منذ 28 نيسان``، ``منذ 5 من الشهر الحالي``، ``منذ يوم السبت``: from that day to the report). A relative
    day (``منذ يومين``: two days ago) is one day, not a period."""
    norm = doc.nt.norm
    since = _since()
    out = []
    for d in doc.dates:
        if d.precision == "day" and d.start != d.end:
            out.append((d.ns, d.ne))
        elif not (d.precision == "day" and d.relative) and since.search(norm[max(0, d.ns - SINCE_REACH):d.ns]):
            out.append((d.ns, d.ne))
    # a day of a month named relative to the report (منذ 5 من الشهر الحالي) when no publication date
    # resolved it to a date: the words themselves open the period
    for m in _since_relative_scan().finditer(norm):
        if not any(s < m.end() and m.start() < e for s, e in out) and not _hours_of_one_day(norm, m):
            out.append((m.start(1), m.end()))
    for m in _since_weekday().finditer(norm):
        if not any(s < m.end() and m.start() < e for s, e in out):
            out.append((m.start(1), m.end()))
    return sorted(out)


def _hours_of_one_day(norm: str, m) -> bool:
    """A since-phrase ending in a weekday after a time of day (منذ فجر السبت), with no word after it that puts the
    day in the past (الماضي): hours of that one day, as often as a period since it."""
    words = norm[m.start(1):m.end()].split()
    days, hours, past = _weekday_words()
    if len(words) < 3 or words[-1] not in days or words[-2] not in hours:
        return False
    after = norm[m.end():m.end() + settings.SCOPE_PAST_WORD_AFTER].split()[:1]
    return not (after and after[0].strip("،,.") in past)


@lru_cache(maxsize=1)
def _weekday_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Weekday names, the times of day before one (فجر، مساء; not يوم) and the words after one that put it in
    the past (الماضي): ``lexicons/relative_dates.json``, ``lexicons/scope.json``."""
    data = load_json("scope.json")
    days = frozenset(norm_key(w) for names in load_json("relative_dates.json")["weekdays"].values() for w in names)
    hours = frozenset(norm_key(w) for w in data["one_day_before_weekday"]) - {norm_key(data["weekday_day_prefix"])}
    return days, hours, frozenset(norm_key(w) for w in data["one_day_after_weekday"])


@lru_cache(maxsize=1)
def _since_weekday() -> "regex.Pattern[str]":
    """``since_weekday``: a since-word, then a weekday (منذ الأحد، منذ يوم الخميس) or a time of a weekday with a
    past-word after it (منذ ليلة الخميس الفائت): a period that opens that day, whether or not a publication date
    resolved it. A time of a weekday with no past-word (منذ فجر السبت … مساءً) may be today's, one day."""
    data = load_json("event_triggers.json")
    words = "|".join(regex.escape(norm_key(w)) for w in data["since_words"])
    days = "|".join(sorted({regex.escape(norm_key(w)) for names in load_json("relative_dates.json")["weekdays"].values()
                            for w in names}, key=len, reverse=True))
    scope = load_json("scope.json")
    day_word = regex.escape(norm_key(scope["weekday_day_prefix"]))
    times = "|".join(regex.escape(norm_key(w)) for w in scope["one_day_before_weekday"])
    past = "|".join(regex.escape(norm_key(w)) for w in scope["one_day_after_weekday"])
    return regex.compile(rf"(?:^|\s)(?:{regex.escape(WA)})?((?:{words})\s+(?:(?:{day_word})\s+)?(?:{days})(?!\w)"
                         rf"|(?:{words})\s+(?:{times})\s+(?:{days})\s+(?:{past})(?!\w))")


@lru_cache(maxsize=1)
def _since_relative_scan() -> AnchoredPattern:
    """:func:`_since_relative` run at the since-words of the text (a match opens with the space before
    one, or at the start of the text)."""
    words = [norm_key(w) for w in load_json("event_triggers.json")["since_words"]]
    return AnchoredPattern(_since_relative(), heads_of(words, (WA,)), lead=1)


@lru_cache(maxsize=1)
def _since_relative() -> "regex.Pattern[str]":
    """A since-word, at most two words (a day and من), then a relative period (الشهر الحالي), a month name
    (منذ 30 أبريل) or a weekday (منذ صباح الأربعاء): the period's start in words, whether or not it resolved to
    a date."""
    data = load_json("event_triggers.json")
    words = "|".join(regex.escape(norm_key(w)) for w in data["since_words"])
    months = [n for names in load_json("months.json")["gregorian"].values() for n in names]
    days = [w for names in load_json("relative_dates.json")["weekdays"].values() for w in names]
    ends = sorted({norm_key(w) for w in data["relative_periods"] + months + days}, key=len, reverse=True)
    rel = "|".join(regex.escape(w) for w in ends)
    return regex.compile(rf"(?:^|\s)((?:{WA})?(?:{words})(?:\s+[^\s,;:،؛.]+){{0,2}}\s+(?:{rel}))(?!\w)")


@lru_cache(maxsize=1)
def _since() -> "regex.Pattern[str]":
    """A since-word, then at most two words (a day number and من), then the date (the pattern's end)."""
    words = "|".join(regex.escape(norm_key(w)) for w in load_json("event_triggers.json")["since_words"])
    return regex.compile(rf"(?:^|\s)(?:{WA})?(?:{words})(?:\s+[^\s,;:،؛.]+){{0,2}}\s*$")


@rule("period_from_date", "a date attached to the count (as a cue is) that opens a period (منذ 28 نيسان، منذ 5 من الشهر "
      "الحالي) or a range of days (بين 2 و18 كانون الأول), and no single day of its own: a toll over that period")
def _period_from_date(ctx: CountCtx):
    if not ctx.period_dates:
        return None
    ev, span = ctx.event, ctx.period_dates[0]
    d = ev.date
    if d is not None and d.precision == "day" and d.start == d.end and ev.ns <= d.ns < ev.ne and \
            (d.ns, d.ne) not in ctx.period_dates:
        return None  # the incident's own day (قتل 3 يوم 12 أيار في قصف مستمر منذ نيسان)
    return "aggregate", span


@rule("day_total_over_incidents", "a count that sums one day (في يوم واحد، خلال الـ24 ساعة الماضية) in a report "
      "that gives a smaller count of its outcome: the day's total over several incidents")
def _day_total(ctx: CountCtx):
    if ctx.day_total is None:
        return None
    c = ctx.count
    if any(o is not c and o.outcome == c.outcome and 0 < o.summed < c.summed
           for ev in ctx.doc.events for o in ev.casualties):
        return "aggregate", ctx.day_total
    return None


def day_total_spans(norm: str) -> list[tuple[int, int]]:
    """Spans (sorted) of the one-day-total phrases of ``lexicons/scope.json`` (day_total_phrases)."""
    return [(m.start(), m.end()) for m in _day_total_pattern().finditer(norm)]


@lru_cache(maxsize=1)
def _day_total_pattern() -> "regex.Pattern[str]":
    gap = r"[\s\"“”«»'ـ]*"
    alts = []
    for phrase in load_json("scope.json")["day_total_phrases"]:
        words = regex.findall(r"\d+|[^\W\d_]+", norm_key(phrase))
        alts.append(gap.join(regex.escape(w) for w in words))
    alts.sort(key=len, reverse=True)
    return regex.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")


@rule("running_total_of_incident", "a toll that grows (ليرتفع عدد القتلى إلى 30) with no period, told of "
      "one place or day (its own or its paragraph's): the incident's latest figure")
def _running(ctx: CountCtx):
    if ctx.running is not None and _event_anchor(ctx.event) is not None:
        return "incident", ctx.running
    return None


@rule("running_total_of_tally", "a toll that grows with no place or day of one incident (ارتفعت حصيلة "
      "القتلى في إدلب إلى 40): a running tally")
def _running_tally(ctx: CountCtx):
    if ctx.running is not None:
        return "aggregate", ctx.running
    return None


def _event_anchor(ev: EventMention) -> tuple[int, int] | None:
    """A day or a place below a governorate among the event's date and places, its own or inherited."""
    if ev.date is not None and ev.date.precision == "day":
        return (ev.date.ns, ev.date.ne)
    for p in ev.places:
        if p.kind in LOCAL_PLACE_KINDS:
            return (p.ns, p.ne)
    return None


@rule("line_of_tally_report", "in a report whose lead is a tally, a count with no day and no local "
      "place of its own is a line of that tally (per perpetrator, per governorate)")
def _tally_line(ctx: CountCtx):
    t = ctx.tally_report
    if t is None:
        return None
    norm = ctx.doc.nt.norm
    if names_a_period(norm, t) and not _short_period(norm, t) and ctx.round_up_day is None and \
            ctx.beside_tally is None:
        anchor = _own_day(ctx) or _day_named_in_clause(ctx)
    else:
        anchor = has_incident_anchor(ctx) or _day_named_in_clause(ctx)
    if anchor is None:
        return "aggregate", t
    return None


def _short_period(norm: str, cue: tuple[int, int]) -> bool:
    """The tally's period is a few days (خلال اليومين الماضيين): ``short_period_words`` of lexicons/scope.json
    in the cue or right after it."""
    words = set(norm[cue[0]:cue[1] + settings.SCOPE_SHORT_PERIOD_AFTER].split())
    return bool(words & _scope_words("short_period_words"))


def _day_named_in_clause(ctx: CountCtx) -> tuple[int, int] | None:
    """A day named in the count's clause, resolved to a date or not (أمس، يوم الأحد الماضي، ليلة الأربعاء، في
    اليوم التالي، في 9 من شهر آذار with no year): the count is that day's incident."""
    ev = ctx.event
    norm = ctx.doc.nt.norm
    k = ctx.doc.text.sentence_index(ctx.count.ns)
    lo = max(ev.ns, ctx.doc.text.sentences[k].ns) if k >= 0 else ev.ns
    for m in _day_of_month().finditer(norm, lo, ev.ne):
        # في 9 من شهر آذار with no year to resolve it (a dated day is the date stage's), not the day a
        # report was issued
        before = norm[max(0, m.start() - PUBLICATION_REACH):m.start()]
        if not _publication_matcher().find(before.rsplit(".", 1)[-1]) and not statement_day(norm, m.start(), m.end()):
            return (m.start(), m.end())
    for m in _one_day_matcher().find(norm[ev.ns:ev.ne]):
        s = ev.ns + m.ws
        before = norm[max(0, s - PUBLICATION_REACH):s]
        if not _publication_matcher().find(before.rsplit(".", 1)[-1]) and not statement_day(norm, s, ev.ns + m.ne):
            return (s, ev.ns + m.ne)  # not the day a report was issued (تقريرها الصادر اليوم السبت)
    return None


@lru_cache(maxsize=1)
def _day_of_month() -> "regex.Pattern[str]":
    """A day number, then (من) (شهر) a month name (months.json): one day of a month, resolved or not."""
    months = sorted({norm_key(n) for names in load_json("months.json")["gregorian"].values() for n in names},
                    key=len, reverse=True)
    day_of = "|".join(regex.escape(w) for w in _cue_words()[2])
    nouns = "|".join(regex.escape(w) for w in _month_nouns())
    return regex.compile(rf"(?<!\d)\d{{1,2}}\s+(?:(?:{day_of})\s+)?(?:(?:{nouns})\s+)?"
                         rf"(?:{'|'.join(regex.escape(m) for m in months)})(?!\w)(?!\s*/?\s*\w*\s*\d{{4}})")


@lru_cache(maxsize=None)
def _scope_words(key: str) -> frozenset[str]:
    return frozenset(norm_key(w) for w in load_json("scope.json")[key])


@lru_cache(maxsize=1)
def _one_day_matcher() -> PhraseMatcher:
    rel = load_json("relative_dates.json")
    data = load_json("scope.json")
    days = [w for names in rel["weekdays"].values() for w in names]
    words = rel["today"] + rel["yesterday"] + rel["day_before_yesterday"] + data["one_day_phrases"]
    words += [f"{d} {a}" for d in days for a in data["one_day_after_weekday"]]
    words += [f"{b} {d}" for d in days for b in data["one_day_before_weekday"]]
    return PhraseMatcher((w, True) for w in words)


def tally_additions(doc: Doc) -> list[tuple[int, int]]:
    """Spans (sorted) of the incidents a tally report adds beside its tally: from a sentence that opens with a
    tally-addition word (``فضلاً عن ذلك، قضى رجل في بلدة نوى``: lexicons/scope.json) to the next heading
    line (``settings.SCOPE_HEADING_LINE_MAX_CHARS`` characters at most, no final stop) or the end."""
    norm = doc.nt.norm
    out = []
    for m in _tally_addition_matcher().find(norm):
        lo = max(norm.rfind(".", 0, m.ws), norm.rfind("\n", 0, m.ws)) + 1
        if norm[lo:m.ws].strip() not in ("", WA):
            continue
        end, pos = len(norm), norm.find("\n", m.ne)
        while pos >= 0:
            nxt = norm.find("\n", pos + 1)
            line = norm[pos + 1:nxt if nxt >= 0 else len(norm)].strip()
            if line and len(line) <= settings.SCOPE_HEADING_LINE_MAX_CHARS and not line.endswith((".", "!", "?", ":", "؟")):
                end = pos
                break
            pos = nxt
        out.append((m.ws, end))
    return sorted(out)


@lru_cache(maxsize=1)
def _tally_addition_matcher() -> PhraseMatcher:
    return PhraseMatcher((t, True) for t in load_json("scope.json")["tally_addition_openers"])


@rule("single_incident", "otherwise: one attack or violation")
def _single(ctx: CountCtx):
    return "incident", ctx.event.trigger


SCOPE_RULES: list[Rule[CountCtx]] = [_event_tally, _announced, _combined, _one_attack, _period_cue, _stock, _breadth, _period_date, _period_from_date,
                                     _day_total, _running,
                                     _running_tally, _tally_line, _single]
