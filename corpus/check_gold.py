"""Second-pass checker for the rasd regression corpus gold files.

Usage:  /work/main/.venv/bin/python corpus/check_gold.py [GOLD.jsonl ...] [--texts DIR] [--quiet]

With no arguments it checks every corpus/gold*.jsonl next to this script.  For each gold line it
  1. validates the line (keys, SPEC section 3/4 vocabularies, date formats, canonical governorates,
     perpetrators among the line's actors, the text file exists);
  2. lists every number in the text (ASCII and Arabic-Indic digits, digits glued to words,
     numbers built with ألف/آلاف, comma thousands, number words, duals, vague quantities
     عشرات/مئات/آلاف), every month name and every year, beside the gold counts and dates;
  3. flags a number when the text states that value more often than the gold accounts for it
     (casualty/facility counts and date parts) and the notes do not mention it
     (neither its surface form nor its value).
Exit status 1 when any line is invalid or any flag is left unexplained.
Standard library plus `regex`.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent

OUTCOMES = {"killed", "injured", "detained", "disappeared", "displaced"}
GROUPS = {"civilians", "children", "women", "men", "elderly", "fighters", "medical", "media",
          "civil_defense", "detainees", "persons"}
QUALIFIERS = {"exact", "at_least", "more_than", "less_than", "approx", "range", "tens", "hundreds", "thousands"}
VAGUE = {"tens", "hundreds", "thousands"}
ACTORS = {"syrian_regime", "russia", "isis", "hts", "sdf", "coalition", "opposition", "iran_militias",
          "turkey", "israel", "unknown"}
FACILITIES = {"school", "university", "hospital", "medical_point", "mosque", "church", "market", "bakery",
              "water_station", "power_station", "civil_defense_center", "camp", "government_building",
              "oil_facility", "airport", "military_base", "residential", "bridge", "other"}
GOVERNORATES = {"دمشق", "ريف دمشق", "حلب", "حمص", "حماة", "اللاذقية", "إدلب", "الحسكة", "دير الزور",
                "طرطوس", "الرقة", "درعا", "السويداء", "القنيطرة"}
KEYS = ["id", "casualties", "facilities", "places", "governorates", "dates", "actors", "notes"]
# SPEC section 4 (issue 12): `incident_tolls` is optional and sits before `notes`; `scope` is optional per casualty.
KEYS_TOLLS = ["id", "casualties", "facilities", "places", "governorates", "dates", "actors", "incident_tolls", "notes"]
CASUALTY_KEYS = {"outcome", "group", "count", "qualifier", "perpetrator", "cause"}
SCOPES = {"incident", "aggregate"}
TOLL_KEYS = {"killed", "injured", "detained"}
PRECISION_RE = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$"}

ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# month names -> month number (Levantine, MSA/Egyptian, Maghrebi, and Hijri marked with h)
MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10, "تشرين الاول": 10,
    "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليوز": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "غشت": 8,
    "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12, "جانفي": 1, "فيفري": 2,
    "أفريل": 4, "جوان": 6, "جويلية": 7, "أوت": 8,
    "محرم": "h1", "صفر": "h2", "ربيع الأول": "h3", "ربيع الآخر": "h4", "ربيع الثاني": "h4",
    "جمادى الأولى": "h5", "جمادى الآخرة": "h6", "رجب": "h7", "شعبان": "h8", "رمضان": "h9",
    "شوال": "h10", "ذو القعدة": "h11", "ذو الحجة": "h12",
}

# number words (cardinals, a few ordinals used as counts/traps); value
WORDS = {
    "واحد": 1, "واحدة": 1, "واحداً": 1, "واحدا": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200,
    "ألف": 1000, "ألفا": 1000, "ألفاً": 1000, "ألفان": 2000, "ألفين": 2000,
    "ثالث": 3, "ثالثة": 3, "رابع": 4, "رابعة": 4, "خامس": 5, "خامسة": 5,
}
VAGUE_WORDS = {"عشرات": "tens", "مئات": "hundreds", "آلاف": "thousands", "الآلاف": "thousands",
               "العشرات": "tens", "المئات": "hundreds"}
# dual nouns: stem + ان/ين (stems chosen so the form cannot be a sound plural)
DUAL_STEMS = ["طفل", "سيدت", "امرأت", "رجل", "شاب", "مسجد", "مشفي", "مستشفي", "مخبز", "فرن", "مدرست",
              "عنصر", "مخيم", "مصدر", "يوم", "سوق", "منطقت", "مرت", "مركز", "جريح", "قتيل",
              "شخص", "جسر", "نقطت", "محطت", "كنيست", "صاروخ", "برميل", "شهر", "عام", "أسبوع"]
# stems whose -ين form is also the sound plural (معتقلين, ناشطين, إعلاميين): only the -ان form is a dual
DUAL_STEMS_AN_ONLY = ["معتقل", "ناشط", "إعلامي", "قيادي", "مقاتل", "مسعف", "متطوع", "ممرض", "طبيب"]
# explanations for lines whose gold must stay verbatim (the seed): id -> extra notes
EXTRA_NOTES = {
    "000_773e5da3dd873bb2": "Seed line kept verbatim; numbers its notes do not mention: 'ثلاث مرات' (3, number of "
                            "chemical uses), 'مرتين' (twice), 'وواحدة' (once) — counts of attacks, not casualties.",
}
PLACE_TRIGGER_DUALS = {"مدينتي", "بلدتي", "قريتي", "محافظتي", "منطقتي", "حيي"}
IDIOMS = [r"ألف\s+باء"]  # 'ألف باء' = the ABC, not a number
WEEKDAY_WORDS = {"الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس"}

CLITIC = r"(?:[وفبل]{0,2}(?:ال|لل)?)"
NUM = r"\d+(?:,\d{3})*"
THOUSAND = r"(?:ألف|ألفا|ألفاً|آلاف)"


def norm_digits(text: str) -> str:
    return text.translate(ARABIC_INDIC)


def extract_numbers(text: str) -> list[tuple[str, int | str, int]]:
    """(surface, value, offset); value is an int, or 'tens'/'hundreds'/'thousands' for vague words."""
    t = norm_digits(text)
    taken = [False] * len(t)
    out: list[tuple[str, int | str, int]] = []

    def claim(m, value):
        if any(taken[m.start():m.end()]):
            return
        for i in range(m.start(), m.end()):
            taken[i] = True
        out.append((text[m.start():m.end()], value, m.start()))

    for idiom in IDIOMS:
        for m in regex.finditer(idiom, t):
            for i in range(m.start(), m.end()):
                taken[i] = True
    # N ألف و M  /  ألف(ان) و M  /  N ألف
    for m in regex.finditer(rf"({NUM})\s*{THOUSAND}\s*و\s*({NUM})", t):
        claim(m, int(m[1].replace(",", "")) * 1000 + int(m[2].replace(",", "")))
    for m in regex.finditer(rf"(?<!\p{{L}})[وب]?(ألف|ألفان|ألفين)\s*و\s*({NUM})", t):
        claim(m, (2000 if m[1] != "ألف" else 1000) + int(m[2].replace(",", "")))
    for m in regex.finditer(rf"({NUM})\s*{THOUSAND}(?!\p{{L}})", t):
        claim(m, int(m[1].replace(",", "")) * 1000)
    for m in regex.finditer(NUM, t):
        claim(m, int(m[0].replace(",", "")))
    for m in regex.finditer(r"(?<!\p{L})" + CLITIC + r"(\p{L}+)(?!\p{L})", t):
        word = m[0]
        bare = m[1]
        if word in WEEKDAY_WORDS or bare in WEEKDAY_WORDS or word in PLACE_TRIGGER_DUALS:
            continue
        if bare in VAGUE_WORDS or word in VAGUE_WORDS:
            claim(m, VAGUE_WORDS.get(bare) or VAGUE_WORDS[word])
            continue
        if bare in WORDS:
            claim(m, WORDS[bare]); continue
        if word in WORDS:
            claim(m, WORDS[word]); continue
        for stem in DUAL_STEMS:
            if regex.fullmatch(CLITIC + stem + r"(?:ان|ين|تان|تين)", word) and not word.endswith("يين"):
                claim(m, 2)
                break
        else:
            for stem in DUAL_STEMS_AN_ONLY:
                if regex.fullmatch(CLITIC + stem + r"ان", word):
                    claim(m, 2)
                    break
    out.sort(key=lambda x: x[2])
    return out


def extract_months(text: str) -> list[tuple[str, int | str, int]]:
    t = norm_digits(text)
    res = []
    names = sorted(MONTHS, key=len, reverse=True)
    pat = regex.compile(r"(?<!\p{L})(?:[وفب]?(?:ل|ال)?)(" + "|".join(map(regex.escape, names)) + r")(?!\p{L})")
    for m in pat.finditer(t):
        name = m[1]
        if name == "ماي" and not regex.search(r"\d\s*$", t[max(0, m.start() - 4):m.start()]) \
                and not regex.match(r"\s*\d{4}", t[m.end():]):
            continue  # bare 'ماي' is only a month next to a number
        if name in ("صفر", "رجب") and not regex.search(r"\d", t[max(0, m.start() - 5):m.end() + 6]):
            continue
        res.append((name, MONTHS[name], m.start()))
    return res


MONTH_ALT = "|".join(map(regex.escape, sorted(MONTHS, key=len, reverse=True)))
DATE_AFTER = regex.compile(r"^\s*(?:[/\-]\s*)?(?:[وفب]?(?:ال)?)(?:" + MONTH_ALT + r")(?!\p{L})")
DATE_BEFORE = regex.compile(r"(?:(?<!\p{L})(?:" + MONTH_ALT + r")\s*(?:[/\-(]\s*)?(?:\p{L}+\s*(?:\p{L}+\s*)?\)?\s*)?|عام\s*|العام\s*|سنة\s*)$")
NUMERIC_DATE = regex.compile(r"(?<!\d)\d{1,4}\s*[/\-]\s*\d{1,2}\s*[/\-]\s*\d{1,4}(?!\d)")


def date_shaped(t: str, start: int, end: int) -> bool:
    """True when the number at t[start:end] is part of a written date (next to a month name, after
    عام/سنة, or inside a numeric date d-m-y / y/m/d)."""
    if DATE_AFTER.match(t[end:end + 20]):
        return True
    if regex.search(r"^\s*و\s*\d{1,2}\s*(?:[/\-]\s*)?(?:" + MONTH_ALT + ")", t[end:end + 25]):
        return True  # first day of a range 'بين 3 و7 أيار'
    before = t[max(0, start - 30):start]
    if regex.search(r"\d{1,2}\s*$", before) is None and DATE_BEFORE.search(before) and end - start == 4:
        return True
    for m in NUMERIC_DATE.finditer(t[max(0, start - 12):end + 12]):
        s0 = max(0, start - 12) + m.start(); e0 = max(0, start - 12) + m.end()
        if s0 <= start and end <= e0:
            return True
    return False


def date_parts(dates: list[dict]) -> tuple[Counter, set]:
    """Counter of ints a gold date accounts for (year, month, day), and the set of (year, month)."""
    parts: Counter = Counter()
    months: set = set()
    for d in dates:
        for v in {d.get("value"), d.get("start"), d.get("end")} - {None}:
            bits = [int(x) for x in v.split("-")]
            parts.update(bits)
        v = d.get("value") or ""
        end = d.get("end") or v
        y0, m0 = int(v[:4]), int(v[5:7]) if len(v) >= 7 else None
        y1, m1 = int(end[:4]), int(end[5:7]) if len(end) >= 7 else None
        if m0:
            y, m = y0, m0
            while (y, m) <= (y1, m1 or m0):
                months.add(m)
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return parts, months


def validate(g: dict, texts_dir: Path) -> list[str]:
    errs = []
    if list(g.keys()) not in (KEYS, KEYS_TOLLS):
        errs.append(f"keys {list(g.keys())} != {KEYS} (or {KEYS_TOLLS})")
    tolls = g.get("incident_tolls")
    if tolls is not None:
        if set(tolls) - (TOLL_KEYS | {"disappeared", "displaced"}) or not TOLL_KEYS <= set(tolls):
            errs.append(f"incident_tolls keys {sorted(tolls)}")
        for k, v in tolls.items():
            if not (isinstance(v, int) and not isinstance(v, bool) and v >= 0):
                errs.append(f"incident_tolls {k}={v!r} must be an int >= 0")
    for c in g.get("casualties", []):
        if set(c) - {"scope"} != CASUALTY_KEYS:
            errs.append(f"casualty keys {sorted(c)}")
        if "scope" in c and c["scope"] not in SCOPES:
            errs.append(f"scope {c['scope']!r}")
        if c.get("outcome") not in OUTCOMES: errs.append(f"outcome {c.get('outcome')}")
        if c.get("group") not in GROUPS: errs.append(f"group {c.get('group')}")
        if c.get("qualifier") not in QUALIFIERS: errs.append(f"qualifier {c.get('qualifier')}")
        if c.get("perpetrator") is not None and c["perpetrator"] not in ACTORS:
            errs.append(f"perpetrator {c['perpetrator']}")
        if c.get("perpetrator") is not None and c["perpetrator"] not in g.get("actors", []):
            errs.append(f"perpetrator {c['perpetrator']} not in actors")
        if c.get("cause") not in (None, "torture"): errs.append(f"cause {c.get('cause')}")
        n = c.get("count")
        if c.get("qualifier") in VAGUE:
            if n is not None: errs.append(f"vague qualifier with count {n}")
        elif not (isinstance(n, int) and not isinstance(n, bool) and n > 0):
            errs.append(f"count {n!r} must be a positive int")
    for f in g.get("facilities", []):
        if f.get("type") not in FACILITIES: errs.append(f"facility type {f.get('type')}")
        if not (isinstance(f.get("count"), int) and f["count"] > 0): errs.append(f"facility count {f.get('count')}")
    for p in g.get("places", []):
        if not isinstance(p, str) or not p.strip(): errs.append(f"place {p!r}")
        elif regex.match(r"^(?:(?:مدينة|بلدة|قرية|حي|محافظة) |[وبلف]ال)", p):  # a trigger is a word: حيان is a name
            errs.append(f"place {p!r} keeps a trigger word or clitic")
    for gv in g.get("governorates", []):
        if gv not in GOVERNORATES: errs.append(f"governorate {gv!r} not canonical")
    for d in g.get("dates", []):
        prec = d.get("precision")
        if prec not in PRECISION_RE: errs.append(f"date precision {prec}")
        elif not regex.match(PRECISION_RE[prec], str(d.get("value"))): errs.append(f"date value {d.get('value')} vs {prec}")
        if ("start" in d) != ("end" in d): errs.append("range needs both start and end")
        if "start" in d and not str(d["start"]).startswith(str(d["value"])): errs.append("range start must begin with value")
    for a in g.get("actors", []):
        if a not in ACTORS: errs.append(f"actor {a}")
    if len(set(g.get("actors", []))) != len(g.get("actors", [])): errs.append("duplicate actors")
    if not isinstance(g.get("notes"), str): errs.append("notes must be a string")
    if not (texts_dir / f"{g.get('id')}.txt").exists(): errs.append(f"missing text {g.get('id')}.txt")
    return errs


def check_line(g: dict, texts_dir: Path, quiet: bool) -> tuple[list[str], list[str]]:
    errs = validate(g, texts_dir)
    path = texts_dir / f"{g.get('id')}.txt"
    if not path.exists():
        return errs, []
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"): errs.append("BOM")
    if b"\r" in raw: errs.append("CR in text")
    text = raw.decode("utf-8")
    notes = (g.get("notes") or "") + " " + EXTRA_NOTES.get(g.get("id"), "")
    notes_n = norm_digits(notes)

    gold_counts = Counter(c["count"] for c in g.get("casualties", []) if c.get("count") is not None)
    gold_counts.update(f["count"] for f in g.get("facilities", []))
    vague_gold = Counter(c["qualifier"] for c in g.get("casualties", []) if c.get("qualifier") in VAGUE)
    dparts, dmonths = date_parts(g.get("dates", []))

    nums = extract_numbers(text)
    tn = norm_digits(text)
    seen: Counter = Counter()
    flags = []
    rows = []
    for surface, value, off in nums:
        seen[value] += 1
        if isinstance(value, str):
            ok = seen[value] <= vague_gold[value] or surface in notes
            status = "gold" if seen[value] <= vague_gold[value] else ("notes" if ok else "FLAG")
        elif surface.isdigit() and date_shaped(tn, off, off + len(surface)):
            seen[value] -= 1  # a date part never uses up a count
            if value in dparts:
                status = "date"
            elif surface in notes or str(value) in regex.findall(r"\d+", notes_n):
                status = "notes"
            else:
                status = "FLAG"
        else:
            if not (surface.isdigit() and date_shaped(tn, off, off + len(surface))) and seen[value] <= gold_counts[value]:
                status = "gold"
            elif surface.strip() in notes or str(value) in regex.findall(r"\d+", notes_n) or \
                    regex.sub(r"^[وبلف]+", "", surface) in notes:
                status = "notes"
            else:
                status = "FLAG"
        ctx = text[max(0, off - 25):off + len(surface) + 25].replace("\n", " ")
        rows.append((status, surface, value, ctx))
        if status == "FLAG":
            flags.append(f"{g['id']}: number {surface!r} (= {value}) neither in gold nor in notes: …{ctx}…")

    months = extract_months(text)
    years = sorted({int(y) for y in regex.findall(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)", norm_digits(text))})
    gold_years = {int(d["value"][:4]) for d in g.get("dates", [])} | \
                 {int(d["end"][:4]) for d in g.get("dates", []) if d.get("end")}
    for name, mnum, off in months:
        if isinstance(mnum, int) and mnum not in dmonths and name not in notes:
            ctx = text[max(0, off - 25):off + 30].replace("\n", " ")
            flags.append(f"{g['id']}: month {name!r} not covered by a gold date nor mentioned in notes: …{ctx}…")
    for y in years:
        if y not in gold_years and str(y) not in notes and y not in gold_counts:
            flags.append(f"{g['id']}: year-like {y} not a gold date, count, or noted")

    if not quiet:
        print("=" * 100)
        print(f"{g['id']}  ({len(text)} chars)")
        print("  gold casualties:", ", ".join(
            f"{c['outcome'][:4]}/{c['group']}/{c['count'] if c['count'] is not None else c['qualifier']}"
            f"{'/' + c['perpetrator'] if c['perpetrator'] else ''}{'/torture' if c['cause'] else ''}"
            for c in g.get("casualties", [])))
        print("  gold facilities:", ", ".join(f"{f['type']}:{f['count']}" for f in g.get("facilities", [])))
        print("  gold dates:     ", ", ".join(d["value"] + (".." + d["end"] if d.get("end") else "") + f"({d['precision']})"
                                             for d in g.get("dates", [])))
        print("  text months:    ", ", ".join(f"{n}={m}" for n, m, _ in months) or "-")
        print("  text years:     ", ", ".join(map(str, years)) or "-")
        print("  numbers in text:")
        for status, surface, value, ctx in rows:
            print(f"    [{status:5}] {surface!s:>16} = {value!s:<9} …{ctx}…")
        for e in errs:
            print("  INVALID:", e)
        for fl in flags:
            print("  " + fl)
    return [f"{g.get('id')}: {e}" for e in errs], flags


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    texts_dir = None
    if "--texts" in argv:
        i = argv.index("--texts")
        texts_dir = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    files = [Path(a) for a in argv if not a.startswith("--")] or sorted(HERE.glob("gold*.jsonl"))
    all_errs, all_flags, n = [], [], 0
    ids: Counter = Counter()
    for gf in files:
        for ln, line in enumerate(gf.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                all_errs.append(f"{gf.name}:{ln}: does not parse: {e}")
                continue
            n += 1
            ids[g.get("id")] += 1
            errs, flags = check_line(g, texts_dir or gf.parent, quiet)
            all_errs += errs
            all_flags += flags
    all_errs += [f"duplicate id {i}" for i, k in ids.items() if k > 1]
    print("=" * 100)
    print(f"{n} gold lines in {', '.join(f.name for f in files)}: {len(all_errs)} invalid, {len(all_flags)} unexplained")
    for e in all_errs:
        print("INVALID", e)
    for f in all_flags:
        print("FLAG   ", f)
    return 1 if all_errs or all_flags else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
