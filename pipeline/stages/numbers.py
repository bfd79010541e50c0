"""Find stated quantities: digits, number words, duals, vague quantities.

``find_numbers(nt)`` returns every number of the normalized text as a
:class:`NumberMention` (the casualty and facility stages decide which ones are
counts). ``parse_count(s)`` reads one phrase.

How it works, in one pass over the normalized text:

1. *Atoms*: one compiled regex finds digit runs (with thousands separators and
   decimals, also glued to a following word: ``940مدنيا``) and number words
   from ``lexicons/number_words.json`` (with an optional conjunction و / ب).
2. *Groups*: atoms separated only by whitespace are parsed together as one
   Arabic compound: ``ثلاثمائة وخمسة وعشرون`` = 325, ``18 الفا و452`` = 18452.
   A و joins two parts only when the left part is a multiple of a higher order
   than the right part (thousands + hundreds, hundreds + tens/units) or a unit
   word followed by a tens word, as in Arabic compounds; otherwise the parts are
   separate numbers (``5 و3`` stays two numbers).
3. *Duals* (``مدرستين`` = 2) from ``lexicons/dual_nouns.tsv``, forms generated
   by rule plus the irregular ones listed there; a following ``اثنين`` joins the
   mention.
4. *Context*: a qualifier phrase before (``ما لا يقل عن``, ``نحو``) or after
   (``على الاقل``), a percent sign or phrase after (kind ``percent``), a rate
   word before (``بمعدل``, kind ``rate``) and ranges (``بين 10 و15``).

Qualifier bounds: exact and approx give min = max = value; at_least and
more_than give min = value, max None (more_than is not turned into value + 1);
less_than gives min None, max = value; vague words give value None and the
bounds in the lexicon.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from pipeline.core import settings
from pipeline.core import clitics
from pipeline.core.lexicon import cached_table, load_json, load_tsv
from pipeline.core.mentions import NumberMention
from pipeline.core.normalize import norm_key, normalize
from pipeline.core.phrases import AnchoredPattern, clitic_sequences, heads_of

__all__ = ["find_numbers", "parse_count", "dual_forms"]

_LETTER = r"\p{L}\p{M}"
_NOT_LETTER_BEFORE = rf"(?<![{_LETTER}])"
# compiled once (a pattern given as a string is looked up in regex's cache at every call)
_POINT_OR_COMMA = regex.compile(r"[.,]")
_LETTER_SPACE = regex.compile(rf"[{_LETTER}] ")
_WORD_BEFORE = regex.compile(rf"{clitics.alt(clitics.subset('before_count_word'))}?(?:{clitics.ARTICLE})?([{_LETTER}]+) $")
# clitics this stage strips (named subsets of lexicons/clitics.json)
_WA = clitics.cls(clitics.subset("wa"))
_BI_LI = "".join(clitics.subset("bi_li"))
_CONJ_BI_LI = "".join(clitics.subset("conj_bi_li"))
_BEFORE_NUMBER_WORD = clitics.subset("before_number_word")
_NOT_WORD_AFTER = rf"(?![{_LETTER}\p{{N}}])"

# Token types
_DIGIT, _UNIT, _TEENONLY, _TEN, _TENS, _HUNDRED, _HUNDREDS, _SCALE, _VAGUE = range(9)


def _alt(words) -> str:
    """Regex alternation of normalized words, longest first, spaces flexible."""
    keys = sorted({norm_key(w) for w in words if w}, key=len, reverse=True)
    return "|".join(regex.escape(k).replace(r"\ ", " ?") for k in keys)


@cached_table("numbers.words")
def _words() -> dict:
    """Normalized word -> (type, value, extra) from the number lexicon."""
    lex = load_json("number_words.json")
    table: dict[str, tuple] = {}
    for v, ws in lex["units"].items():
        for w in ws:
            table[norm_key(w)] = (_UNIT, int(v), None)
    for v, ws in lex["teen_only_units"].items():
        for w in ws:
            table[norm_key(w)] = (_TEENONLY, int(v), None)
    for w in lex["ten"]:
        table[norm_key(w)] = (_TEN, 10, None)
    for v, ws in lex["tens"].items():
        for w in ws:
            table[norm_key(w)] = (_TENS, int(v), None)
    for w in lex["hundred"]:
        table[norm_key(w)] = (_HUNDRED, 100, None)
    for v, ws in lex["hundreds"].items():
        for w in ws:
            table[norm_key(w)] = (_HUNDREDS, int(v), None)
    for v, forms in lex["scales"].items():
        for form, ws in forms.items():
            for w in ws:
                table[norm_key(w)] = (_SCALE, int(v), form)
    for entry in lex["vague"]:
        for w in entry["words"]:
            table[norm_key(w)] = (_VAGUE, None, (entry["min"], entry["max"], entry["qualifier"]))
    return table


#: One scan of the text: digit runs (with separators) and letter runs.
_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMAL = regex.compile(r"\d+\.\d+")


def dual_forms(singular_key: str) -> list[str]:
    """Regular dual forms of a normalized singular noun (رجل -> رجلين, رجلان)."""
    dual = _morph()["dual"]
    stem = singular_key[:-1] + dual["ta_open"] if singular_key.endswith(dual["ta_marbuta"]) else singular_key
    return [stem + suffix for suffix in dual["suffixes"]]


@lru_cache(maxsize=None)
def _morph() -> dict:
    """The dual's morphology, the words linking a number to a month, the range word 'from' (normalized)."""
    lex = load_json("number_words.json")
    dual = {k: ([norm_key(x) for x in v] if isinstance(v, list) else norm_key(v)) for k, v in lex["dual"].items()}
    return {"dual": dual, "month_link": [norm_key(w) for w in lex["month_link"]], "range_from": norm_key(lex["range_from"])}


@cached_table("numbers.duals")
def _duals() -> tuple[dict[str, str], frozenset]:
    """Dual form -> singular key, and the words for 'two' that may follow a dual."""
    table: dict[str, str] = {}
    for row in load_tsv("dual_nouns.tsv"):
        sing = norm_key(row["singular"])
        forms = dual_forms(sing)
        if (row.get("smp") or "").strip() == "yes":
            forms = [f for f in forms if f.endswith(_morph()["dual"]["nominative"])]
        forms += [norm_key(f) for f in (row.get("irregular") or "").split(",") if f.strip()]
        for f in forms:
            table.setdefault(f, sing)
    two = frozenset(w for w, t in _words().items() if t[0] == _UNIT and t[1] == 2)
    return table, two


def is_dual_noun(word: str) -> bool:
    """True when a normalized word is the dual of a countable noun (برميلان, مدرستين)."""
    return word in _duals()[0]


def _strip_proclitic(w: str, table) -> tuple[int, str] | None:
    """(prefix length, entry) when ``w`` or ``w`` minus و/ف + ب/ل is in ``table``."""
    if w in table:
        return 0, w
    if len(w) > 3 and w[0] in _CONJ_BI_LI and w[1:] in table:
        return 1, w[1:]
    if len(w) > 4 and w[0] in clitics.CONJ and w[1] in _BI_LI and w[2:] in table:
        return 2, w[2:]
    return None


@cached_table("numbers.context_res")
def _context_res():
    lex = load_json("number_words.json")
    before = "|".join(f"(?P<{q}>{_alt(ws)})" for q, ws in lex["qualifiers_before"].items())
    q_before = regex.compile(rf"{_NOT_LETTER_BEFORE}(?:{clitics.cls(clitics.CONJ)}?{clitics.cls(_BI_LI)}?)(?:{before}) ?[(\[/]? ?$")
    after = "|".join(f"(?P<{q}>{_alt(ws)})" for q, ws in lex["qualifiers_after"].items())
    q_after = regex.compile(rf"(?: [{_LETTER}]+)?(?: ?,)? (?:{after}){_NOT_WORD_AFTER}")
    pct = regex.compile(rf" ?(?:{_alt(lex['percent_after'])})(?![{_LETTER}])")
    rate = regex.compile(rf"{_NOT_LETTER_BEFORE}{_WA}?(?P<r>{_alt(lex['rate_before'])}) ?$")
    rng_before = regex.compile(rf"{_NOT_LETTER_BEFORE}{_WA}?(?P<kw>{_alt(lex['range_before'])}) $")
    rng_join = regex.compile(rf" ?(?:{_alt(lex['range_join'])}) ?")
    stop = regex.compile(rf"{_NOT_LETTER_BEFORE}(?:{_alt(lex['not_numbers'])}){_NOT_WORD_AFTER}")
    return q_before, q_after, pct, rate, rng_before, rng_join, stop


@lru_cache(maxsize=1)
def _context_scans() -> tuple[AnchoredPattern, AnchoredPattern, AnchoredPattern]:
    """The word-led context patterns looked for in a window before each number (a qualifier, a rate word, a
    range word), tried only at the words of the window that may start them (their heads, with the clitics
    each pattern lets them carry)."""
    lex = load_json("number_words.json")
    q_before, _, _, rate, rng_before, _, _ = _context_res()

    def keys(ws):
        return [norm_key(w) for w in ws]

    wa = clitic_sequences("".join(clitics.subset("wa")))
    return (AnchoredPattern(q_before, heads_of(keys(w for ws in lex["qualifiers_before"].values() for w in ws),
                                               clitic_sequences(clitics.CONJ, _BI_LI))),
            AnchoredPattern(rate, heads_of(keys(lex["rate_before"]), wa)),
            AnchoredPattern(rng_before, heads_of(keys(lex["range_before"]), wa)))


@cached_table("numbers.month_after_re")
def _month_after_re():
    """A month name right after a number means a date range, not a count range."""
    try:
        months = load_json("months.json")
    except FileNotFoundError:  # pragma: no cover
        return regex.compile(r"(?!)")
    names = [n for cal in ("gregorian", "hijri") for ns in months.get(cal, {}).values() for n in ns]
    link = "".join(f"(?:{regex.escape(w)} )?" for w in _morph()["month_link"])
    return regex.compile(rf" ?(?:[/-]|{link}(?:{_alt(names)}){_NOT_WORD_AFTER})")


# ---------------------------------------------------------------------------
# Atoms and groups


class _Tok:
    __slots__ = ("t", "v", "x", "s", "e", "waw", "word")

    def __init__(self, t, v, x, s, e, waw, word):
        self.t, self.v, self.x, self.s, self.e, self.waw, self.word = t, v, x, s, e, waw, word


def _word_atom(w: str, words: dict) -> tuple[int, tuple] | None:
    """(length of the proclitic, entry) when the letter token ``w`` is a number word, bare or after a
    proclitic that may precede one (و، ب، وب)."""
    if w in words:
        return 0, words[w]
    for k in (1, 2):
        if len(w) > k + 1 and w[:k] in _BEFORE_NUMBER_WORD and w[k:] in words:
            return k, words[w[k:]]
    return None


@cached_table("numbers.token_hits")
def _token_hits() -> tuple[dict[str, tuple[int, tuple]], dict[str, tuple[int, str]]]:
    """Every letter token that is a number word (:func:`_word_atom`) or a dual noun
    (:func:`_strip_proclitic`), with its answer: one dictionary look-up per token of a text. The
    tokens tried are every entry with every proclitic those functions strip; the answers are theirs."""
    words = _words()
    table, _ = _duals()
    prefixes = [p for p in _BEFORE_NUMBER_WORD if 1 <= len(p) <= 2]
    atoms = {}
    for w in {*words, *(p + x for x in words for p in prefixes)}:
        hit = _word_atom(w, words)
        if hit is not None:
            atoms[w] = hit
    dual_prefixes = ["", *_CONJ_BI_LI, *(c + b for c in clitics.CONJ for b in _BI_LI)]
    duals = {}
    for w in {p + x for x in table for p in dual_prefixes}:
        hit = _strip_proclitic(w, table)
        if hit is not None:
            duals[w] = hit
    return atoms, duals


@cached_table("numbers.place_nouns")
def _place_nouns() -> frozenset:
    """The nouns that name a kind of place (قرية، بلدة، حي …, ``place_triggers.json``): a bare scale word
    right after one is the place's name (قرية بليون), not a number."""
    trig = load_json("place_triggers.json")["triggers"]
    return frozenset(norm_key(w) for k, ws in trig.items() if k != "_comment" for w in ws)


def _atoms(norm: str, tokens) -> list[_Tok]:
    atoms = _token_hits()[0]
    places = _place_nouns()
    toks: list[_Tok] = []
    for k, (s, e, w) in enumerate(tokens):
        if w[0].isdigit():
            if s and norm[s - 1].isascii() and norm[s - 1].isalpha():  # F16, Su-24
                continue
            if _THOUSANDS.fullmatch(w):
                toks.append(_Tok(_DIGIT, int(w.replace(",", "")), None, s, e, False, False))
            elif _DECIMAL.fullmatch(w):
                toks.append(_Tok(_DIGIT, float(w), None, s, e, False, False))
            else:  # 2014,2015 or 5.3.2020: each run apart
                pos = s
                for part in _POINT_OR_COMMA.split(w):
                    toks.append(_Tok(_DIGIT, int(part), None, pos, pos + len(part), False, False))
                    pos += len(part) + 1
            continue
        hit = atoms.get(w)
        if hit is not None:
            n, (t, v, x) = hit
            if t == _SCALE and x == "one" and n == 0 and k and tokens[k - 1][2] in places and \
                    tokens[k - 1][1] + 1 == s:
                continue  # "في قرية مليار وثلاثة جرحى": a village's name, not a thousand million
            toks.append(_Tok(t, v, x, s + n, e, False, True))
    return toks


_GAP = regex.compile(rf" ?(?:{clitics.WA} ?)?")


def _groups(norm: str, toks: list[_Tok]) -> list[list[_Tok]]:
    """Runs of atoms separated only by a space and/or a conjunction و."""
    out: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for tok in toks:
        if cur:
            gap = _GAP.fullmatch(norm, cur[-1].e, tok.s)
            if gap:
                tok.waw = clitics.WA in gap.group()
                cur.append(tok)
                continue
            out.append(cur)
        cur = [tok]
    if cur:
        out.append(cur)
    return out


def _small(g: list[_Tok], i: int):
    """Parse a number below 1000 (or a digit run) at g[i].

    Returns (value, next_index, last_order) or None. ``last_order`` bounds what
    a following و-part may add: 100 after hundreds, 'u' after a unit word (only
    a tens word may follow), 0 when nothing may follow.
    """
    n = len(g)
    t = g[i]
    if t.t == _DIGIT:
        return t.v, i + 1, 0
    if t.t == _TEENONLY:
        if i + 1 < n and g[i + 1].t == _TEN and not g[i + 1].waw:
            return 10 + t.v, i + 2, 0
        return None
    if t.t == _TEN:
        return 10, i + 1, 0
    if t.t == _TENS:
        return t.v, i + 1, 0
    if t.t == _UNIT:
        if i + 1 < n and not g[i + 1].waw:
            nx = g[i + 1]
            if nx.t == _TEN:
                return 10 + t.v, i + 2, 0
            if nx.t == _HUNDRED and t.v >= 3:
                return _after_hundreds(g, t.v * 100, i + 2)
        if i + 1 < n and g[i + 1].waw and g[i + 1].t == _TENS:
            return t.v + g[i + 1].v, i + 2, 0
        return t.v, i + 1, "u"
    if t.t in (_HUNDRED, _HUNDREDS):
        return _after_hundreds(g, t.v, i + 1)
    return None


def _after_hundreds(g: list[_Tok], v: int, j: int):
    """Hundreds optionally followed by و + units/tens/teens (ثلاثمائة وخمسة وعشرون)."""
    if j < len(g) and g[j].waw and g[j].t in (_UNIT, _TEN, _TENS, _TEENONLY, _DIGIT):
        sub = _small(g, j)
        if sub and sub[0] < 100 and g[j].t != _DIGIT:
            return v + sub[0], sub[1], sub[2]
        if sub and g[j].t == _DIGIT and sub[0] < 100:
            return v + sub[0], sub[1], 0
    return v, j, 100


def _chunk(g: list[_Tok], i: int):
    """A small number times an optional scale word, or a bare scale word.

    Returns (value, next_index, limit, vague) where ``limit`` is the bound a
    following و-part must stay below (or 'u'), ``vague`` is (min, max, qualifier)
    for vague quantities.
    """
    t = g[i]
    n = len(g)
    if t.t == _VAGUE:
        lo, hi, q = t.x
        if i + 1 < n and g[i + 1].t == _SCALE and g[i + 1].x == "plural" and not g[i + 1].waw:
            sc = g[i + 1].v
            return None, i + 2, 0, (lo * sc, hi * sc + sc - 1, "thousands")
        return None, i + 1, 0, (lo, hi, q)
    if t.t == _SCALE:
        if t.x == "two":
            return 2 * t.v, i + 1, t.v, None
        if t.x == "plural":
            return None, i + 1, 0, (2 * t.v, 10 * t.v - 1, "thousands")
        return t.v, i + 1, t.v, None
    sm = _small(g, i)
    if sm is None:
        return None
    v, j, lim = sm
    if j < n and g[j].t == _SCALE and not g[j].waw and g[j].x != "two":
        sc = g[j].v
        if isinstance(v, float) or v < 1000 or (t.t == _DIGIT and v < sc):
            val = v * sc
            if isinstance(val, float) and val.is_integer():
                val = int(val)
            return val, j + 1, sc, None
    return v, j, lim, None


def _parse_group(g: list[_Tok]):
    """Yield (start_tok, end_tok, value, vague, kind) numbers in one group."""
    i = 0
    n = len(g)
    while i < n:
        c = _chunk(g, i)
        if c is None:
            i += 1
            continue
        val, j, lim, vague = c
        first = i
        if vague is None:
            has_word = any(tk.word for tk in g[i:j])
            # Arabic compounds: larger order first, joined by و.
            while j < n and g[j].waw and has_word and lim:
                if lim == "u":
                    if g[j].t == _TENS:
                        val += g[j].v
                        j += 1
                    break
                nxt = _chunk(g, j)
                if nxt is None or nxt[0] is None or nxt[3] is not None or isinstance(nxt[0], float):
                    break
                if nxt[0] >= lim:
                    break
                val += nxt[0]
                j, lim = nxt[1], nxt[2]
                if lim == "u":
                    lim = 0
        toks = g[first:j]
        words = [tk.word for tk in toks]
        if vague is not None:
            kind = "vague"
        elif isinstance(val, float):
            kind = "decimal"
        elif all(words):
            kind = "words"
        elif any(words):
            kind = "mixed"
        else:
            kind = "digits"
        yield first, j, val, vague, kind
        i = j


# ---------------------------------------------------------------------------
# Public API


def find_numbers(nt) -> list[NumberMention]:
    """Every stated quantity in ``nt.norm`` (see the module docstring)."""
    norm = nt.norm
    q_before, q_after, pct_re, rate_re, rng_before, rng_join, stop_re = _context_res()
    stops = [m.span() for m in stop_re.finditer(norm)]  # disjoint, in text order
    stop_starts = [a for a, _ in stops]

    def stopped(s: int, e: int) -> bool:
        k = bisect.bisect_right(stop_starts, s) - 1  # the only stop that can contain [s, e)
        return k >= 0 and e <= stops[k][1]

    out: list[NumberMention] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm)]
    toks = _atoms(norm, tokens)
    for g in _groups(norm, toks):
        for a, b, val, vague, kind in _parse_group(g):
            s, e = g[a].s, g[b - 1].e
            if stopped(s, e):
                continue
            first = g[a]
            if b - a == 1 and first.t == _UNIT and first.v == 1:
                # واحد / واحدة: a count only after a noun (طفل واحد)
                prev = norm[max(0, s - 2):s]
                if prev and _LETTER_SPACE.match(prev):
                    kind = "singular"
                elif s >= 1 and norm[s - 1] == clitics.WA and (s < 2 or not norm[s - 2].isalpha()):
                    kind = "lone"  # وواحد على يد ...: an elliptic one after a list of counts
                else:
                    continue
            if vague is not None:
                lo, hi, q = vague
                out.append(NumberMention(s, e, None, lo, hi, q, "vague", (s, e)))
            else:
                out.append(NumberMention(s, e, val, val, val, "exact", kind, (s, e)))
    # duals
    table, twos = _duals()
    dual_hits = _token_hits()[1]
    for k, (s, e, w) in enumerate(tokens):
        hit = dual_hits.get(w)
        if not hit or stopped(s, e):
            continue
        s += hit[0]
        if k + 1 < len(tokens) and tokens[k + 1][2] in twos and tokens[k + 1][0] == e + 1:
            e = tokens[k + 1][1]  # رجلين اثنين
            out = [x for x in out if not (x.ns < e and s < x.ne)]
        out.append(NumberMention(s, e, 2, 2, 2, "exact", "dual", (s, e), noun=table[hit[1]]))
    out.sort(key=lambda x: x.ns)
    # singular noun for واحد
    for x in out:
        if x.kind == "singular":
            x.noun = _noun_before(norm, x.ns)
    q_before_scan, rate_scan, rng_before_scan = _context_scans()
    _apply_context(norm, out, q_before_scan, q_after, pct_re, rate_scan)
    out = _ranges(norm, out, rng_before_scan, rng_join)
    return out


def _noun_before(norm: str, s: int) -> str | None:
    m = _WORD_BEFORE.search(norm[max(0, s - settings.NUMBER_NOUN_BEFORE_CHARS):s])
    if not m:
        return None
    w = m.group(1)
    table, _ = _duals()
    sing = set(table.values())
    for cand in (m.group(0).strip(), w):
        for f in (cand, cand.removeprefix(clitics.ARTICLE)):
            if f in sing:
                return f
    return w


def _apply_context(norm, out, q_before, q_after, pct_re, rate_re) -> None:
    for x in out:
        if x.kind == "vague":
            pre = q_before.search(norm, max(0, x.ns - settings.NUMBER_QUALIFIER_BEFORE_CHARS), x.ns)
            if pre:
                x.ns = pre.start(pre.lastgroup)
            continue
        cs, ce = x.core
        m = pct_re.match(norm, ce)
        if m:
            x.kind = "percent"
            x.ne = m.end()
            continue
        m = rate_re.search(norm, max(0, cs - settings.NUMBER_RATE_BEFORE_CHARS), cs)
        if m:
            x.kind = "rate"
            x.ns = m.start("r")
            continue
        m = q_before.search(norm, max(0, cs - settings.NUMBER_QUALIFIER_BEFORE_CHARS), cs)
        if m:
            q = m.lastgroup
            x.qualifier = q
            x.ns = m.start(q)
            if q in ("at_least", "more_than"):
                x.max = None
            elif q == "less_than":
                x.min = None
            continue
        m = q_after.match(norm, ce)
        if m:
            x.qualifier = m.lastgroup
            x.ne = m.end()
            if x.qualifier == "at_least":
                x.max = None


def _ranges(norm, out, rng_before, rng_join):
    if len(out) < 2:
        return out
    month_after = _month_after_re()
    res: list[NumberMention] = []
    i = 0
    while i < len(out):
        x = out[i]
        if i + 1 < len(out) and x.qualifier == "exact" and x.kind not in ("percent", "rate", "dual", "vague"):
            y = out[i + 1]
            ok = y.qualifier == "exact" and y.kind not in ("percent", "rate", "dual", "vague", "decimal")
            if ok and x.value is not None and y.value is not None and x.value < y.value:
                j = rng_join.fullmatch(norm, x.ne, y.ns)
                b = rng_before.search(norm, max(0, x.ns - settings.NUMBER_RANGE_WORD_BEFORE_CHARS), x.ns)
                if j and b:
                    joiner = norm[x.ne:y.ns].strip()
                    from_kw = b.group("kw").endswith(_morph()["range_from"])
                    if (not from_kw or joiner != clitics.WA) and not month_after.match(norm, y.ne):
                        res.append(NumberMention(b.start("kw"), y.ne, x.value, x.value, y.value, "range", x.kind,
                                                 (x.ns, y.ne)))
                        i += 2
                        continue
        res.append(x)
        i += 1
    return res


def parse_count(s: str) -> NumberMention | None:
    """The first quantity stated in the phrase ``s`` (normalized or not), or None."""
    nums = find_numbers(normalize(s))
    return nums[0] if nums else None
