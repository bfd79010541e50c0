"""Find date mentions and resolve them to ISO values.

``find_dates(nt, published)`` returns one :class:`DateMention` per date
expression of ``nt.norm``:

- day / month / year with Levantine, MSA/Egyptian and Maghrebi month names,
  paired months in either order (``تشرين الاول/ اكتوبر``, ``كانون الاول
  (ديسمبر)``), numeric dates (``2017/11/28``, ``4-11- 2018``, ``3/2020``),
  years after a trigger word (``عام 2013``, ``منذ 2011``);
- Hijri dates with a year (``10 محرم 1436 ه``), converted with ``hijridate``;
- ranges (``بين 3 و7 ايار 2019``, ``بين 28 شباط و3 اذار 2020``): one mention
  whose value is the start, with the precision of the coarser bound;
- relative expressions against ``published`` (``امس``, ``الشهر الماضي``,
  ``اذار الماضي``, ``يوم الاحد الماضي``), flagged ``relative=True``.

A day or month without a year takes the year of the nearest earlier mention
that has one; failing that, the year of ``published`` (the previous year when
that would put the date after publication), flagged ``relative=True``; with
neither it is dropped.

Spans cover the date expression itself (day through year, paired month and a
year trigger such as ``عام``); a leading ``شهر`` or ``بين`` is not included.
All month names, triggers and relative words are data in
``lexicons/months.json`` and ``lexicons/relative_dates.json``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from calendar import monthrange
from dataclasses import dataclass
from functools import lru_cache

import regex

from pipeline.core import settings
from pipeline.core import clitics
from pipeline.core.lexicon import cached_table, load_json
from pipeline.core.mentions import DateMention
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import AnchoredPattern, heads_of
from pipeline.core.text import line_start, rx

__all__ = ["find_dates"]

_L = r"\p{L}\p{M}"
_NL = rf"(?<![{_L}])"  # no letter before
_NW = rf"(?![{_L}\p{{N}}])"  # no letter or digit after
# clitics glued on a month or a cue (named subsets of lexicons/clitics.json)
_CONJ = clitics.cls(clitics.CONJ)
_WA_BI = clitics.cls(clitics.subset("wa_bi"))
_CONJ_BI_LI = clitics.cls(clitics.subset("conj_bi_li"))
_WA = clitics.cls(clitics.subset("wa"))
_DAY = r"(?<!\d)(?<!\d[/.-])(?<!\d[/.-] )[0-3]?\d(?!\d)"
_YEAR = r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)"


#: a Latin letter (a text with none has no date in Latin letters)
_LATIN = regex.compile(r"[A-Za-z]")


def _alt(words) -> str:
    keys = sorted({norm_key(w) for w in words if w}, key=len, reverse=True)
    return "|".join(regex.escape(k).replace(r"\ ", " ?") for k in keys)


def _table(groups: dict) -> dict[str, int]:
    """Normalized name (spaces removed) -> month number."""
    return {norm_key(n).replace(" ", ""): int(k) for k, names in groups.items() for n in names}


@lru_cache(maxsize=None)
def _lex():
    months = load_json("months.json")
    rel = load_json("relative_dates.json")
    greg = _table(months["gregorian"])
    hijri = _table(months["hijri"])
    weekdays = _table(rel["weekdays"])
    anchor = {norm_key(n).replace(" ", "") for n in months["needs_anchor"]}
    return months, rel, greg, hijri, weekdays, anchor


@lru_cache(maxsize=None)
def _units() -> dict[str, frozenset[str]]:
    """Normalized unit words (spaces removed): year, month, week, and the phrases naming this month."""
    rel = _lex()[1]
    key = lambda ws: frozenset(norm_key(w).replace(" ", "") for w in ws)  # noqa: E731
    return {"year": key(rel["year_words"]), "month": key(rel["month_words"]), "week": key(rel["week_words"]),
            "current_month": key(rel["current_month"])}


def _anchored_month(norm: str, ns: int) -> bool:
    """The word right before the month ends in the anchor word (شهر آب, الشهر آذار)."""
    w = norm_key(_lex()[0]["anchor_word"])
    return norm[max(0, ns - len(w) - 1):ns].endswith(w + " ")


@cached_table("dates.ordinals")
def _ordinals() -> dict[str, int]:
    """Normalized ordinal day phrase (spaces removed) -> day number."""
    o = load_json("relative_dates.json")["ordinal_days"]
    out: dict[str, int] = {}
    for k, ws in o["units"].items():
        for w in ws:
            out[norm_key(w)] = int(k)
    for k, ws in o["compound_units"].items():
        for w in ws:
            for suf in o["teen_suffix"]:
                out[norm_key(f"{w} {suf}")] = 10 + int(k)
            for t, tws in o["tens"].items():
                for tw in tws:
                    if int(t) + int(k) <= 31:
                        out[norm_key(f"{w} {clitics.WA}{tw}")] = int(t) + int(k)
    for t, tws in o["tens"].items():
        for tw in tws:
            out[norm_key(tw)] = int(t)
    return {k.replace(" ", ""): v for k, v in out.items()} | {k: v for k, v in out.items()}


@cached_table("dates.res")
def _res():
    """Every compiled pattern of the stage, built once: text (month scan, day before, rest after),
    hijri, numeric, year, year_more, relative, rng_before, rng_join, bare_day, year_day, shared."""
    text, hijri_re = _month_res()
    numeric = regex.compile(
        rf"(?=\d)(?<![\d/.-])(?:(?P<Y>{_YEAR}) ?(?P<s1>[/.-]) ?(?P<M>[01]?\d) ?(?P=s1) ?(?P<D>[0-3]?\d)"
        rf"|(?P<D2>[0-3]?\d) ?(?P<s2>[/.-]) ?(?P<M2>[01]?\d) ?(?P=s2) ?(?P<Y2>{_YEAR})"
        rf"|(?P<M3>[01]?\d)/(?P<Y3>{_YEAR}))(?![\d/])"
    )
    year_re, year_more, year_day = _year_res()
    rng_before, rng_join, bare_day, shared = _range_res()
    return (text, hijri_re, numeric, year_re, year_more, _relative_re(), rng_before, rng_join, bare_day,
            year_day, shared)


@lru_cache(maxsize=None)
def _month_res():
    """Gregorian dates, found month first (one cheap scan), then the day before and the paired month /
    year / relative word after matched in place; Hijri dates with their year."""
    months, rel, *_ = _lex()
    gm = _alt(n for ns in months["gregorian"].values() for n in ns)
    hm = _alt(n for ns in months["hijri"].values() for n in ns)
    past = _alt(rel["past"])
    current = _alt(rel["current"])
    yw = _alt(rel["year_words"])
    of = _alt(rel["of"])
    day_pre = rf"(?P<d>{_DAY}) ?(?:[/.-] ?)?(?:(?:{of}) )?(?:(?:{_alt(months['month_word'])}) )?"
    ord_pre = rf"{_NL}(?P<od>{_alt(_ordinals())}) (?:(?:{of}) )?(?:(?:{_alt(months['month_word'])}) )?"
    year_link = rf"(?: ?[/.-] ?| )(?:(?:(?:{of}) |{clitics.LI})?(?:{yw}) )?"
    month_scan = regex.compile(rf"{_NL}(?P<pre>{_WA_BI})?(?P<m1>{gm}){_NW}")
    day_back = regex.compile(rf"(?:{day_pre}|{ord_pre})$")
    rest = regex.compile(
        rf"(?: ?(?:[/\\-]|\() ?(?P<m2>{gm}){_NW}(?: ?\))?| (?P<m2b>{gm}){_NW})?"
        rf"(?:(?: (?:{current}){_NW})?{year_link}(?P<y>{_YEAR})(?: ?(?:{_alt(months['gregorian_markers'])}){_NW})?"
        rf"| (?P<rel>(?:{past}){_NW}|(?:{of}) (?:{yw}) (?:(?P<relpast>{past})|(?P<relcur>{current})){_NW}"
        rf"|(?:{of}) (?P<relcur2>{current}) (?:{yw}){_NW}))?"
    )
    hijri_re = regex.compile(
        rf"(?:{day_pre})?{_NL}(?P<pre>{_WA_BI})?(?P<m1>{hm}){_NW}{year_link}"
        rf"(?P<y>(?<!\d)1[34]\d\d(?!\d))(?: ?(?P<mark>{_alt(months['hijri_markers'])}){_NW})?"
    )
    return (month_scan, day_back, rest), hijri_re


@lru_cache(maxsize=None)
def _year_res():
    """A year after a trigger (عام 2013، منذ 2011), the further years of a list, a day of the year."""
    months, rel, *_ = _lex()
    past = _alt(rel["past"])
    current = _alt(rel["current"])
    yw = _alt(rel["year_words"])
    year_re = regex.compile(
        rf"{_NL}{_CONJ_BI_LI}?(?:(?P<trig>{_alt(rel['year_triggers'])}) (?:(?:{current}|{past}) )?"
        rf"|(?P<ctx>{_alt(rel['year_context_triggers'])}) "
        rf"(?:(?P<trig2>{yw}) )?)(?P<y>{_YEAR})(?: ?(?:{_alt(months['gregorian_markers'])}){_NW})?"
    )
    year_more = regex.compile(rf" ?(?:{_alt(rel['range_join'])}) ?(?:(?:{yw}) )?(?P<y>{_YEAR})")
    year_day = regex.compile(
        rf"{_NL}{_CONJ_BI_LI}?(?P<yd>{_alt(p for k, ps in rel['year_days'].items() if not k.startswith('_') for p in ps)}) (?:(?:{yw}) )?(?P<y>{_YEAR})")
    return year_re, year_more, year_day


@lru_cache(maxsize=None)
def _relative_re():
    """Relative expressions: a unit with past/current, this unit, a weekday with past, yesterday, today."""
    rel = _lex()[1]
    past = _alt(rel["past"])
    current = _alt(rel["current"])
    yw = _alt(rel["year_words"])
    wd = _alt(n for ns in rel["weekdays"].values() for n in ns)
    units = rf"{yw}|(?:{_alt(rel['month_words'])})|(?:{_alt(rel['week_words'])})"
    return regex.compile(
        rf"{_NL}(?P<cl>{_CONJ_BI_LI})?(?:"
        rf"(?P<unit>{units}) "
        rf"(?:(?P<past>{past})|(?P<cur>{current})){_NW}"
        rf"|(?:{_alt(rel['this'])}) (?P<unit2>{units}){_NW}"
        rf"|(?:(?:{_alt(rel['weekday_prefixes'])}) )?(?P<wd>{wd}) (?P<wdpast>{past}){_NW}"
        rf"|(?:(?:{_alt(rel['day_prefixes'])}) )?(?P<dby>{_alt(rel['day_before_yesterday'])}){_NW}(?: (?P<dwd>{wd}){_NW})?"
        rf"|(?:(?:{_alt(rel['day_prefixes'])}) )?(?P<yest>{_alt(rel['yesterday'])}){_NW}(?: (?P<ywd>{wd}){_NW})?"
        rf"|(?:{_alt(p for p in rel['day_prefixes'] if norm_key(p) != norm_key(rel['day_word']))}) (?P<today>{_alt(rel['today'])}){_NW}"
        rf"|(?P<today2>{_alt(rel['today'])}) (?P<twd>{wd}){_NW}"
        rf")"
    )


@lru_cache(maxsize=None)
def _range_res():
    """A range word before a date, the joiner between two dates, a bare day before a date, and the
    joiner of two months that share a year."""
    months, rel, *_ = _lex()
    yw = _alt(rel["year_words"])
    rng_before = regex.compile(
        rf"{_NL}{_WA}?(?P<kw>{_alt(rel['range_before'])}) (?:(?:{_alt(months['month_word'] + rel['dual_year_words'])}) )?$")
    join_alt = _alt(rel["range_join"])
    rng_join = regex.compile(rf" ?(?P<j>{join_alt}) ?(?:(?:{_alt(months['month_word'])}|{yw}) )?")
    bare_day = regex.compile(rf"(?:(?P<kw>{_NL}{_WA}?(?:{_alt(rel['range_before'])})) )?(?P<d>{_DAY}) ?(?P<j>{join_alt}) ?$")
    shared = regex.compile(
        rf"^ ?(?:{_alt(rel['shared_year_join'])}) ?(?:(?:{_alt(rel['year_context_triggers'])}) )?"
        rf"(?:(?:{_alt(months['month_word'])}) )?$")
    return rng_before, rng_join, bare_day, shared


@dataclass
class _Cand:
    ns: int
    ne: int
    y: int | None
    m: int | None
    d: int | None
    prec: str
    cal: str = "gregorian"
    rel: bool = False
    past: bool = False  # month name + الماضي: the latest such month before publication
    fixed: tuple | None = None  # (value, precision, start, end) already resolved
    end: "_Cand | None" = None  # range end bound


def _month_no(name: str, table: dict[str, int]) -> int | None:
    return table.get(name.replace(" ", ""))


#: what every Hijri date has: its year (the ``y`` group of the Hijri pattern)
_HIJRI_YEAR = re.compile(r"(?<!\d)1[34]\d\d(?!\d)")


@cached_table("dates.hijri_words")
def _hijri_words() -> tuple[str, ...]:
    """One word of each Hijri month name (the first, or the second after a short first such as ذو):
    a text with none of them has no Hijri date."""
    keys = {norm_key(n) for ns in _lex()[0]["hijri"].values() for n in ns}
    return tuple(sorted({ws[1] if len(ws) > 1 and len(ws[0]) < 3 else ws[0] for ws in map(str.split, keys)}))


def _may_have_hijri(norm: str) -> bool:
    """False when the Hijri pattern cannot match: no Hijri year, or no Hijri month name (two cheap
    checks that spare most texts the full scan)."""
    return _HIJRI_YEAR.search(norm) is not None and any(w in norm for w in _hijri_words())


@lru_cache(maxsize=None)
def _word_led():
    """The word-led whole-text patterns (month names, years after a trigger, named days of a year,
    relative expressions), each run only at the words that may start it: every match opens with a
    clitic of its pattern or the first letters of one of its words (``_NL`` before it), so these are
    its heads (:func:`pipeline.core.phrases.heads_of`)."""
    months, rel, *_ = _lex()
    text, _, _, year_re, _, relative, *_rest = _res()
    year_day = _res()[9]
    conj_bi_li, wa_bi = clitics.subset("conj_bi_li"), clitics.subset("wa_bi")
    keys = lambda *lists: [norm_key(w) for ws in lists for w in ws]  # noqa: E731
    year_days = [p for k, ps in rel["year_days"].items() if not k.startswith("_") for p in ps]
    weekdays = [n for ns in rel["weekdays"].values() for n in ns]
    return (
        AnchoredPattern(text[0], heads_of(keys(*months["gregorian"].values()), wa_bi)),
        AnchoredPattern(year_re, heads_of(keys(rel["year_triggers"], rel["year_context_triggers"]), conj_bi_li)),
        AnchoredPattern(year_day, heads_of(keys(year_days), conj_bi_li)),
        AnchoredPattern(relative, heads_of(keys(
            rel["year_words"], rel["month_words"], rel["week_words"], rel["this"], rel["weekday_prefixes"],
            weekdays, rel["day_prefixes"], rel["day_before_yesterday"], rel["yesterday"], rel["today"]),
            conj_bi_li)),
    )


@lru_cache(maxsize=2)
def _scans(norm: str) -> tuple[list, list, list, list, list]:
    """The full-text scans of a text (numeric, hijri, month names, years, named days of a year), done
    once per text: ``find_dates`` reads the text twice when it states its own publication date. The
    word-led ones run at the words that may start them (:func:`_word_led`)."""
    _, hijri_re, numeric, *_ = _res()
    month_scan, year_scan, year_day_scan, _ = _word_led()
    hijri = list(hijri_re.finditer(norm)) if _may_have_hijri(norm) else []
    return (list(numeric.finditer(norm)), hijri, month_scan.finditer(norm), year_scan.finditer(norm),
            year_day_scan.finditer(norm))


def _text_cands(norm: str, published, anchor: dt.date | None = None) -> list[_Cand]:
    """Every date candidate of the text, by kind; relative ones only against a publication date."""
    numeric_ms, hijri_ms, month_ms, year_ms, year_day_ms = _scans(norm)
    out = [_numeric_cand(m) for m in numeric_ms]
    out += [c for c in map(_hijri_cand, hijri_ms) if c is not None]
    out += [c for mm in month_ms if (c := _month_cand(norm, mm, published, anchor)) is not None]
    out += _year_day_cands(year_day_ms)
    out += _year_cands(norm, year_ms)
    out += _latin_cands(norm)
    if published is not None:
        relative, weekdays = _res()[5], _lex()[4]
        out += [c for m in _word_led()[3].finditer(norm) if (c := _relative(m, published, weekdays))]
    return out


@lru_cache(maxsize=None)
def _latin_re() -> "regex.Pattern[str]":
    """A date in Latin letters with its day and year (October 11, 2021; 23 December 2014; Oct. 11 2021)."""
    latin = load_json("months.json")["latin"]
    names = "|".join(sorted((regex.escape(n) for ns in latin.values() for n in ns), key=len, reverse=True))
    year = r"(?:19|20)\d\d"
    return regex.compile(
        rf"(?<![A-Za-z])(?:(?P<M>{names})\.? (?P<D>[0-3]?\d),? (?P<Y>{year})"
        rf"|(?P<D2>[0-3]?\d) (?P<M2>{names})\.?,? (?P<Y2>{year}))(?!\d)", regex.IGNORECASE)


@lru_cache(maxsize=None)
def _latin_months() -> dict[str, int]:
    return {n.lower(): int(k) for k, ns in load_json("months.json")["latin"].items() for n in ns}


def _latin_cands(norm: str) -> list[_Cand]:
    """Dates written in Latin letters (a caption, an embedded post), in a text that has Latin letters."""
    if not _LATIN.search(norm):
        return []
    out = []
    for m in _latin_re().finditer(norm):
        name, day, year = (m.group("M"), m.group("D"), m.group("Y")) if m.group("M") else \
            (m.group("M2"), m.group("D2"), m.group("Y2"))
        mo, d = _latin_months()[name.lower()], int(day)
        if 1 <= d <= 31:
            out.append(_Cand(m.start(), m.end(), int(year), mo, d, "day"))
    return out


def _numeric_cand(m) -> _Cand:
    """2017/11/28, 28-11-2017 (a month over 12 read as month/day/year), 3/2020."""
    if m.group("Y"):
        y, mo, d = int(m.group("Y")), int(m.group("M")), int(m.group("D"))
    elif m.group("Y2"):
        y, mo, d = int(m.group("Y2")), int(m.group("M2")), int(m.group("D2"))
        if mo > 12 and d <= 12:  # month/day/year
            mo, d = d, mo
    else:
        return _Cand(m.start(), m.end(), int(m.group("Y3")), int(m.group("M3")), None, "month")
    return _Cand(m.start(), m.end(), y, mo, d, "day")


def _hijri_cand(m) -> _Cand | None:
    """A Hijri date with its year; an ambiguous month name needs a day or the Hijri marker."""
    _, _, _, hijri, _, needs_anchor = _lex()
    mo = _month_no(m.group("m1"), hijri)
    y = int(m.group("y"))
    d = int(m.group("d")) if m.group("d") else None
    ns = m.start("d") if d else m.start("m1")
    if mo is None:
        return None
    if m.group("m1").replace(" ", "") in needs_anchor and not (m.group("mark") or d):
        return None
    fixed = _hijri(y, mo, d)
    return _Cand(ns, m.end(), None, None, None, fixed[1], cal="hijri", fixed=fixed) if fixed else None


def _month_cand(norm: str, mm, published, anchor: dt.date | None) -> _Cand | None:
    """A Gregorian month name with the day before it and the paired month / year / relative word after."""
    _, _, greg, _, _, needs_anchor = _lex()
    _, day_back, rest = _res()[0]
    mo = _month_no(mm.group("m1"), greg)
    m = rest.match(norm, mm.end())
    ne = m.end()
    m2 = m.group("m2") or m.group("m2b")
    y = int(m.group("y")) if m.group("y") else None
    if m2 and _month_no(m2, greg) != mo:
        ne, m2, y = mm.end(), None, None
    md = day_back.search(norm, max(0, mm.start() - settings.DATE_DAY_BEFORE_MONTH_CHARS), mm.start())
    d = ns = None
    if md and md.group("d"):
        d, ns = int(md.group("d")), md.start("d")
    elif md and md.group("od"):
        d, ns = _ordinals().get(md.group("od")), md.start("od")
    if d is None:
        ns = mm.start("m1")
    bare = d is None and y is None and m2 is None and (ne != m.end() or m.group("rel") is None)
    if bare and mm.group("m1").replace(" ", "") in needs_anchor and not _anchored_month(norm, ns):
        return None  # an ambiguous month name (آب, مارس) needs an anchor
    c = _Cand(ns, ne, y, mo, d, "day" if d is not None else "month")
    if ne == m.end() and m.group("rel"):
        # كانون الأول الماضي: only the publication date (given, or stated in the text) resolves it,
        # never the latest date of the text
        ref = published or anchor
        if ref is None:
            return None
        if m.group("relcur") or m.group("relcur2"):
            c.y, c.rel = ref.year, True
        elif m.group("relpast"):
            c.y, c.rel = ref.year - 1, True
        else:
            c.past, c.rel = True, True
    return c


@cached_table("dates.year_days")
def _year_days() -> dict[str, str]:
    """Normalized named day of a year (spaces removed) -> its "month-day"."""
    return {norm_key(p).replace(" ", ""): md for md, ps in _lex()[1]["year_days"].items()
            if not md.startswith("_") for p in ps}


def _year_day_cands(year_day_ms) -> list[_Cand]:
    """A named day of a year (أول أيام العام 2020), from the text's matches of the year-day pattern."""
    out = []
    days = None
    for m in year_day_ms:
        days = days or _year_days()
        mo, d = (int(x) for x in days[m.group("yd").replace(" ", "")].split("-"))
        out.append(_Cand(m.start("yd"), m.end(), int(m.group("y")), mo, d, "day"))
    return out


def _year_cands(norm: str, year_ms) -> list[_Cand]:
    """A year after a trigger, and the further years of its list (عامي 2013 و2014, الاعوام 2011-2014)."""
    year_more = _res()[4]
    out = []
    for m in year_ms:
        ns = m.start("trig") if m.group("trig") else (m.start("trig2") if m.group("trig2") else m.start("y"))
        out.append(_Cand(ns, m.end(), int(m.group("y")), None, None, "year"))
        pos = m.end()
        while (m2 := year_more.match(norm, pos)) is not None:
            out.append(_Cand(m2.start("y"), m2.end(), int(m2.group("y")), None, None, "year"))
            pos = m2.end()
    return out


def _hijri(y: int, m: int, d: int | None):
    try:
        from hijridate import Hijri

        if d is not None:
            g = Hijri(y, m, d).to_gregorian()
            s = g.isoformat()
            return s, "day", s, s
        first = Hijri(y, m, 1)
        start = first.to_gregorian()
        end = Hijri(y, m, first.month_length()).to_gregorian()
        return start.isoformat()[:7], "month", start.isoformat(), end.isoformat()
    except (ValueError, OverflowError, ImportError):
        return None


def _relative(m, pub: dt.date, weekdays: dict[str, int]) -> _Cand | None:
    ns, ne = (m.end("cl") if m.group("cl") else m.start()), m.end()
    unit = m.group("unit") or m.group("unit2")
    if unit:
        u = unit.replace(" ", "")
        shift = -1 if m.group("past") else 0
        units = _units()
        if u in units["year"]:
            y = pub.year + shift
            return _Cand(ns, ne, None, None, None, "year", rel=True,
                         fixed=(f"{y:04d}", "year", f"{y:04d}-01-01", f"{y:04d}-12-31"))
        if u in units["month"]:
            y, mo = pub.year, pub.month + shift
            if mo == 0:
                y, mo = y - 1, 12
            last = monthrange(y, mo)[1]
            return _Cand(ns, ne, None, None, None, "month", rel=True,
                         fixed=(f"{y:04d}-{mo:02d}", "month", f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}"))
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        sunday = monday + dt.timedelta(days=6)
        return _Cand(ns, ne, None, None, None, "day", rel=True,
                     fixed=(monday.isoformat(), "day", monday.isoformat(), sunday.isoformat()))
    if m.group("wd"):
        wd = weekdays.get(m.group("wd").replace(" ", ""))
        if wd is None:
            return None
        back = (pub.weekday() - wd) % 7 or 7
        day = pub - dt.timedelta(days=back)
    elif m.group("dby"):
        day = pub - dt.timedelta(days=2)
    elif m.group("yest"):
        day = pub - dt.timedelta(days=1)
    elif m.group("today") or m.group("today2"):
        day = pub
    else:
        return None
    named = m.group("ywd") or m.group("dwd") or m.group("twd")
    if named and weekdays.get(named.replace(" ", "")) != day.weekday():
        return None  # "امس الخميس" that is not a Thursday: the reference date is not the publication date
    s = day.isoformat()
    return _Cand(ns, ne, None, None, None, "day", rel=True, fixed=(s, "day", s, s))


# ---------------------------------------------------------------------------
# Ranges, year resolution, output


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    cands.sort(key=lambda c: (c.ns, -(c.ne - c.ns)))
    out: list[_Cand] = []
    last_end = -1
    for c in cands:
        if c.ns >= last_end:
            out.append(c)
            last_end = c.ne
    return out


def _shared_years(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """A month with no year coordinated with the next dated month shares its year
    (أواخر تشرين الأول وأوائل تشرين الثاني 2017)."""
    shared = _res()[10]
    for c, n in zip(cands, cands[1:]):
        if (c.y is None and c.fixed is None and c.m is not None and not c.past and not c.rel
                and n.y is not None and n.m is not None and n.fixed is None and shared.match(norm[c.ne:n.ns])):
            c.y = n.y - 1 if (c.m, c.d or 1) > (n.m, n.d or 31) else n.y
    return cands


@cached_table("dates.weekday_before_re")
def _weekday_before_re():
    rel = _lex()[1]
    wd = _alt(n for ns in rel["weekdays"].values() for n in ns)
    return regex.compile(rf"{_NL}(?P<wd>{wd}) ?[,،]? ?$")


def _weekday_contradicts(norm: str, c: _Cand) -> bool:
    """A weekday right before a day whose year was inferred names another day of the week
    (السبت 1 كانون الثاني read in a year where it is a Friday): the inferred year is wrong."""
    m = _weekday_before_re().search(norm, max(0, c.ns - settings.DATE_WEEKDAY_BEFORE_CHARS), c.ns)
    if not m:
        return False
    wd = _lex()[4].get(m.group("wd").replace(" ", ""))
    try:
        return wd is not None and dt.date(c.y, c.m, c.d).weekday() != wd
    except (TypeError, ValueError):
        return False


def _ranges(norm: str, cands: list[_Cand]) -> list[_Cand]:
    *_, rng_before, rng_join, bare_day, _, _ = _res()
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        # "بين 3 و7 ايار 2019": a bare day before a day-month date
        if c.prec == "day" and c.fixed is None and c.d is not None:
            m = bare_day.search(norm, max(0, c.ns - settings.DATE_BARE_DAY_BEFORE_CHARS), c.ns)
            if m and (not out or out[-1].ne <= m.start()):
                d1 = int(m.group("d"))
                j = m.group("j").strip()
                if m.group("kw") and d1 < c.d:
                    out.append(_Cand(m.start("d"), c.ne, c.y, c.m, d1, "day", end=c, rel=c.rel, past=c.past))
                    i += 1
                    continue
                if not m.group("kw") and j == clitics.WA and d1 < c.d:
                    out.append(_Cand(m.start("d"), m.end("d"), c.y, c.m, d1, "day", rel=c.rel, past=c.past))
        if i + 1 < len(cands):
            n = cands[i + 1]
            j = rng_join.fullmatch(norm, c.ne, n.ns)
            if j and c.end is None:
                kw = rng_before.search(norm, max(0, c.ns - settings.DATE_RANGE_WORD_BEFORE_CHARS), c.ns)
                joiner = j.group("j").replace(" ", "")
                if kw or joiner != clitics.WA:
                    if c.y is None and c.fixed is None and n.y is not None and c.m is not None and n.m is not None:
                        c.y = n.y - 1 if (c.m, c.d or 1) > (n.m, n.d or 31) else n.y
                    r = _Cand(c.ns, n.ne, c.y, c.m, c.d, c.prec, c.cal, c.rel or n.rel, c.past, c.fixed, end=n)
                    out.append(r)
                    i += 2
                    continue
        out.append(c)
        i += 1
    return out


def _bounds(c: _Cand):
    """(value, precision, start, end) of a resolved single candidate, or None."""
    if c.fixed:
        return c.fixed
    try:
        if c.prec == "day":
            s = dt.date(c.y, c.m, c.d).isoformat()
            return s, "day", s, s
        if c.prec == "month":
            last = monthrange(c.y, c.m)[1]
            if not 1 <= c.m <= 12:
                return None
            return f"{c.y:04d}-{c.m:02d}", "month", f"{c.y:04d}-{c.m:02d}-01", f"{c.y:04d}-{c.m:02d}-{last:02d}"
        return f"{c.y:04d}", "year", f"{c.y:04d}-01-01", f"{c.y:04d}-12-31"
    except (ValueError, TypeError, OverflowError):
        return None


def _resolve_year(c: _Cand, ctx_year: int | None, published, anchor: dt.date | None = None) -> bool:
    """Fill in a missing year; False when it cannot be resolved."""
    if c.fixed is not None or c.y is not None:
        return True
    if c.past:
        published = published or anchor
        if published is None:
            return False
        if c.d is None:
            later = c.m >= published.month
        else:
            later = (c.m, c.d) >= (published.month, published.day)
        c.y = published.year - 1 if later else published.year
        c.rel = True
        return True
    if ctx_year is not None:
        c.y = ctx_year
        return True
    if published is not None:
        c.y = published.year
        if (c.m or 1, c.d or 1) > (published.month, published.day):
            c.y -= 1
        c.rel = True
        return True
    return False


_PREC_ORDER = {"day": 0, "month": 1, "year": 2}


@cached_table("dates.anchor_res")
def _anchor_res():
    months, rel, *_ = _lex()
    # a whole-word cue (المصدر في is no صدر في)
    cue = regex.compile(rf"{_NL}{_CONJ}?(?:{_alt(rel['publication_cues'])}) ?:? ?$")
    wd = _alt(n for ns in rel["weekdays"].values() for n in ns)
    # a dateline: [place / agency, separator] [weekday[,]] DATE, then the end of the line, a clock time,
    # an agency in brackets, an issue number, a dash that opens the body, or the body's place label glued on (2019حلب:)
    dl_before = regex.compile(rf"^(?:[^\n]{{0,40}}?(?:[,:|]| ?[-–—] ?) ?)?(?:(?:{wd}) ?,? ?)?$")
    dl_after = regex.compile(
        rf"^ ?(?:[-–—|,]? ?\d{{1,2}}:\d\d(?::\d\d)?(?: ?(?:{_alt(rel['clock_suffixes'])}))?)? ?(?:\([^()\n]{{0,40}}\))? ?"
        rf"(?:(?:{_alt(rel['dateline_trailers'])}) ?[\[(]? ?\d+ ?[\])]? ?)?"  # a newspaper's issue number
        r"(?:$|[-–—|:] ?|(?=\p{L}[^\n:.،,]{0,30}:))")
    ords = _alt(_ordinals())
    same = _alt(rel["same_month"])
    day_of_month = regex.compile(
        rf"(?:(?<![\d/.-])(?P<d>[0-3]?\d)(?!\d)|{_NL}(?P<od>{ords})) (?:{_alt(rel['of'])}) (?P<which>{same}){_NW}")
    return cue, day_of_month, dl_before, dl_after


def _text_anchor(norm: str, found: list[DateMention]) -> dt.date | None:
    """A publication date the text states: after a cue (نشر بتاريخ) or as a dateline (a short line ending in it)."""
    cue, _, dl_before, dl_after = _anchor_res()
    top = _nth_line_start(norm, 3)
    for d in found:
        if d.precision != "day" or d.relative or d.start != d.end:
            continue
        ls = line_start(norm, d.ns)
        le = norm.find("\n", d.ne)
        le = len(norm) if le < 0 else le
        if cue.search(norm, max(ls, d.ns - settings.DATE_PUBLICATION_CUE_BEFORE_CHARS), d.ns) or (
                le - ls <= settings.DATE_DATELINE_MAX_CHARS and not norm[d.ne:le].strip() and ls <= _nth_line_start(norm, 2)):
            return dt.date.fromisoformat(d.value)
        # a dateline among the first lines: "السبت، 11 ايار 2019 - 10:30", "حلب - الاحد 3 اذار 2019 - قالت"
        if ls <= top and dl_before.match(norm[ls:d.ns]) and dl_after.match(norm[d.ne:le]):
            return dt.date.fromisoformat(d.value)
    return None


def _nth_line_start(norm: str, n: int) -> int:
    """Start of the n-th non-empty line (0-based), or the end of the text: blank lines do not count."""
    pos = 0
    while pos < len(norm) and norm[pos] == "\n":
        pos += 1
    for _ in range(n):
        nl = norm.find("\n", pos)
        if nl < 0:
            return len(norm)
        pos = nl + 1
        while pos < len(norm) and norm[pos] == "\n":
            pos += 1
    return pos


def _anchored(norm: str, out: list[DateMention], anchor: dt.date | None) -> list[DateMention]:
    """Relative months/years against an in-text publication date; days 'of the month'."""
    extra = _anchored_relative(norm, anchor) if anchor is not None else []
    extra += _days_of_month(norm, out, anchor)
    if not extra:
        return out
    return _add_extras(out, extra)


def _anchored_relative(norm: str, anchor: dt.date) -> list[DateMention]:
    """Months and years, and the named relative days (امس، اول امس، صباح اليوم), against the
    publication date the text states; never a weekday alone nor a week (ANNOTATING 5)."""
    weekdays = _lex()[4]
    extra = []
    for m in _word_led()[3].finditer(norm):
        unit = (m.group("unit") or m.group("unit2") or "").replace(" ", "")
        day = m.group("yest") or m.group("dby") or m.group("today") or m.group("today2")
        if (unit and unit not in _units()["week"]) or (not unit and day):
            c = _relative(m, anchor, weekdays)
            if c is not None and c.fixed:
                extra.append(DateMention(c.ns, c.ne, c.fixed[0], c.fixed[1], c.fixed[2], c.fixed[3],
                                         "gregorian", True))
    return extra


def _days_of_month(norm: str, out: list[DateMention], anchor: dt.date | None) -> list[DateMention]:
    """A day 'of the same month' (15 من الشهر نفسه): the month of the last day or month date before
    it, or the publication's month for 'this month'."""
    _, day_of_month, _, _ = _anchor_res()
    day_month = [x for x in out if x.precision in ("day", "month")]
    day_month_ends = [x.ne for x in day_month]
    ends_sorted = all(a <= b for a, b in zip(day_month_ends, day_month_ends[1:]))

    def last_before(pos: int) -> DateMention | None:
        """The last day or month date (in list order) that ends by ``pos``."""
        if ends_sorted:  # the dates ending by pos are a prefix of the list
            k = bisect.bisect_right(day_month_ends, pos)
            return day_month[k - 1] if k else None
        prev = [x for x in day_month if x.ne <= pos]
        return prev[-1] if prev else None

    extra = []
    for m in day_of_month.finditer(norm):
        d = int(m.group("d")) if m.group("d") else _ordinals().get(m.group("od"))
        if not d:
            continue
        if anchor is not None and m.group("which").replace(" ", "") in _units()["current_month"]:
            y, mo = anchor.year, anchor.month
        else:
            prev = last_before(m.start())
            if prev is None:
                continue
            y, mo = int(prev.start[:4]), int(prev.start[5:7])
        if d > monthrange(y, mo)[1]:
            continue
        v = f"{y:04d}-{mo:02d}-{d:02d}"
        ns = m.start("d") if m.group("d") else m.start("od")
        extra.append(DateMention(ns, m.end(), v, "day", v, v, "gregorian", False))
    return extra


def _add_extras(out: list[DateMention], extra: list[DateMention]) -> list[DateMention]:
    """An extra date is kept unless it overlaps a date found before it or an extra already kept.

    The found dates: sorted by start with the running maximum of their ends; the kept extras:
    disjoint, so sorted by start their ends are sorted too."""
    found = sorted((x.ns, x.ne) for x in out)
    found_starts = [a for a, _ in found]
    max_end = list(itertools.accumulate((b for _, b in found), max))
    kept: list[tuple[int, int]] = []
    for x in extra:
        k = bisect.bisect_left(found_starts, x.ne) - 1  # the last found date starting before x ends
        if k >= 0 and max_end[k] > x.ns:
            continue
        j = bisect.bisect_left(kept, (x.ne, -1)) - 1
        if j >= 0 and kept[j][1] > x.ns:
            continue
        out.append(x)
        bisect.insort(kept, (x.ns, x.ne))
    out.sort(key=lambda x: x.ns)
    return out


@cached_table("dates.pair_re")
def _pair_re():
    rel = _lex()[1]
    wd = _alt(n for ns in rel["weekdays"].values() for n in ns)
    joiners = _alt(rel["calendar_pair"]["joiners"])
    return regex.compile(
        rf"^ ?[(/,-]? ?(?:(?:{joiners}) ?)?(?:{clitics.LI} ?)?(?:(?:{_alt(rel['pair_day_words'])}|{wd}) ?,? ?){{0,2}}\(? ?$")


def _pair_calendars(norm: str, out: list[DateMention]) -> list[DateMention]:
    """A Hijri date and the Gregorian date it equals (الموافق, brackets, a slash) are one date."""
    if len(out) < 2 or all(d.calendar != "hijri" for d in out):
        return out
    gap_ok = _pair_re()
    res: list[DateMention] = []
    i = 0
    while i < len(out):
        a = out[i]
        b = out[i + 1] if i + 1 < len(out) else None
        if b is not None and {a.calendar, b.calendar} == {"hijri", "gregorian"} and 0 <= b.ns - a.ne <= settings.DATE_CALENDAR_PAIR_GAP_CHARS \
                and gap_ok.match(norm[a.ne:b.ns]):
            g = a if a.calendar == "gregorian" else b
            ne = b.ne
            if "(" in norm[a.ne:b.ns]:
                close = rx(r" ?\)").match(norm[ne:ne + 2])
                ne = ne + close.end() if close else ne
            res.append(DateMention(a.ns, ne, g.value, g.precision, g.start, g.end, "gregorian", g.relative))
            i += 2
            continue
        res.append(a)
        i += 1
    return res


def find_dates(nt, published: dt.date | None = None) -> list[DateMention]:
    """Every date mention of ``nt.norm`` (see the module docstring)."""
    norm = nt.norm
    if isinstance(published, dt.datetime):
        published = published.date()
    out = _find(norm, published)
    anchor = _text_anchor(norm, out) if published is None else None
    if anchor is not None:
        out = _find(norm, None, anchor)
    return _pair_calendars(norm, _anchored(norm, out, anchor))


def _find(norm: str, published: dt.date | None, anchor: dt.date | None = None) -> list[DateMention]:
    cands = _ranges(norm, _shared_years(norm, _dedupe(_text_cands(norm, published, anchor))))
    out: list[DateMention] = []
    # A day-month with no year takes the year of the nearest earlier full (day) date; a month-year
    # mention (في أيلول 2018, often background) only when no full date precedes; with neither before it,
    # the report's only year, when every date that states a year states the same one and there is no
    # publication date to count back from.
    day_year: int | None = None
    any_year: int | None = None
    only_year = _only_year(cands) if published is None and anchor is None else None
    for c in cands:
        ctx_year = day_year if day_year is not None else any_year if any_year is not None else \
            (only_year if c.d is not None else None)
        if c.end is not None:
            e = c.end
            if not _resolve_year(e, ctx_year, published, anchor):
                continue
            if c.y is None and c.fixed is None and e.y is not None and c.m is not None:
                c.y = e.y - 1 if (c.m, c.d or 1) > (e.m or 12, e.d or 31) else e.y
                c.rel = c.rel or e.rel
            if not _resolve_year(c, ctx_year, published, anchor):
                continue
            b1, b2 = _bounds(c), _bounds(e)
            if not b1 or not b2 or b1[2] > b2[3]:
                if b2:  # keep the end bound as a single date
                    out.append(_mention(e, b2))
                continue
            prec = max(b1[1], b2[1], key=_PREC_ORDER.get)
            value = {"day": b1[2], "month": b1[2][:7], "year": b1[2][:4]}[prec]
            cal = "hijri" if "hijri" in (c.cal, e.cal) else "gregorian"
            out.append(DateMention(c.ns, c.ne, value, prec, b1[2], b2[3], cal, c.rel or e.rel))
            if not (c.rel or e.rel):
                any_year = int(b2[3][:4])
                if prec == "day":
                    day_year = any_year
            continue
        inferred = c.y is None and c.fixed is None
        if not _resolve_year(c, ctx_year, published, anchor):
            continue
        if inferred and c.prec == "day" and _weekday_contradicts(norm, c):
            continue
        b = _bounds(c)
        if not b:
            continue
        out.append(_mention(c, b))
        if not c.rel and (c.y is not None or c.fixed is not None):
            any_year = int(b[2][:4])
            if b[1] == "day":
                day_year = any_year
    return out


def _only_year(cands: list[_Cand]) -> int | None:
    """The one year that every candidate stating a year states (its range end included), else None."""
    years = {x.y for c in cands for x in (c, c.end) if x is not None and x.y is not None and x.fixed is None}
    return years.pop() if len(years) == 1 else None


def _mention(c: _Cand, b) -> DateMention:
    return DateMention(c.ns, c.ne, b[0], b[1], b[2], b[3], c.cal, c.rel)
