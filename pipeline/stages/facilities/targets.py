"""The named rules that read a facility noun as something other than a target."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.core import settings as S
from pipeline.core.document import TextDoc
from pipeline.core.phrases import word_forms
from pipeline.core.rules import Rule, decide
from pipeline.stages.facilities.landmarks import gap_words, word_before_in, words_before
from pipeline.stages.facilities.terms import FacilityData


def head_word(norm: str, m, art: str) -> str:
    """The first word of a match without its article (مبنى for المبنى)."""
    w = norm[m.ns:m.ne].split(" ")[0]
    return w[len(art):] if m.fused or w.startswith(art) and len(w) > len(art) + 2 else w


@dataclass
class TargetCtx:
    """What the not-a-target rules look at: the shared document, the match, the facility matches around it in
    its sentence, and where the words before it are read from (``lo``)."""

    td: TextDoc
    m: object
    prev: object
    nxt: object
    lo: int
    data: FacilityData


def not_a_target(td: TextDoc, m, prev, nxt, sent, data: FacilityData) -> str | None:
    """The name of the first rule of ``NOT_A_TARGET_RULES`` that reads the facility noun as something other
    than a target, else None."""
    lo = max(sent.ns, m.ws - S.FACILITY_SCAN_CHARS)
    d = decide(NOT_A_TARGET_RULES, TargetCtx(td, m, prev, nxt, lo, data))
    return d.rule if d is not None else None


def _building_of(td, m, prev, nxt, lo, data) -> bool:
    """``مبنى مخفر المدينة``, ``مبنى المدرسة``: a generic noun right before a facility is that facility's
    building, one target."""
    norm = td.norm
    if nxt is None or m.value.form != "sg" or head_word(norm, m, data.cl.article) not in data.generic:
        return False
    return nxt.clitic in ("", data.cl.owner) and not norm[m.ne:nxt.ws].strip()


def _owner(td, m, prev, nxt, lo, data) -> bool:
    """``حاجزاً لفرع المخابرات``, ``حاجز يتبع لفرع الأمن``: a facility after ل right behind another one
    owns it; only the first was hit."""
    if prev is None or not (m.clitic == data.cl.owner or m.fused and not m.clitic):
        return False
    return gap_words(td, prev.ne, m.ws) is not None


def _location_of(td, m, prev, nxt, lo, data) -> bool:
    """``مشفى في مخيم اليرموك``, ``مدرسة داخل مخيم``: a facility after a preposition of place right behind
    another one says where that one is."""
    if prev is None:
        return _location_of_site(td, m, lo, data)
    words = gap_words(td, prev.ne, m.ws)
    if words is None:
        return _location_of_site(td, m, lo, data)
    if any(w[:1] in data.cl.conjunctions and w not in data.location_preps for w in words):
        return False  # a new conjunct (وأخرى في المشفى) is a target of its own
    if m.clitic == data.cl.locative:
        return True
    return bool(words) and words[-1] in data.location_preps


def _location_of_site(td, m, lo, data) -> bool:
    """``أصابت القذيفة مكتباً لجمعية خيرية داخل مخيم أطمة``, ``احترقت 30 خيمة في ثلاثة مخيمات``: after a
    preposition of place (and a count), behind a site noun that is no facility of the list (site_heads) in its
    clause, the facility says where that site is."""
    sent = td.sentences[td.sentence_index(m.ns)]
    toks = words_before(td, max(sent.ns, m.ws - S.FACILITY_SITE_REACH_CHARS), m.ws)
    if len(toks) > 1 and toks[-2].text in data.location_preps and is_count(toks[-1].text):
        toks = toks[:-1]  # a count between: 30 خيمة في ثلاثة مخيمات
    if m.clitic != data.cl.locative and not (toks and toks[-1].text in data.location_preps):
        return False
    rest = toks if m.clitic == data.cl.locative else toks[:-1]
    for t in reversed(rest[-S.FACILITY_WORD_REACH:]):
        if not t.is_word:
            return False
        if any(f in data.site_heads for f in word_forms(t.text)):
            return True
    return False


def is_count(word: str) -> bool:
    """The word is a number (9, تسعة)."""
    from pipeline.stages.numbers import parse_count

    n = parse_count(word)
    return n is not None


def _source(td, m, prev, nxt, lo, data) -> bool:
    """``وفق ما ذكر مركز الدفاع المدني``, ``ووثق ناشطون ومركز الدفاع المدني``: the subject of a verb of
    reporting is the organisation that speaks, not a site."""
    toks = words_before(td, lo, m.ws)
    # the verb right before, or before a one- or two-word subject this noun is joined to with و
    reach = S.FACILITY_SOURCE_REACH_CONJUNCT if m.clitic.startswith(data.cl.and_) else 1
    for k in range(1, min(reach, len(toks)) + 1):
        t = toks[-k]
        if not t.is_word:
            return False
        if any(f in data.source_verbs for f in word_forms(t.text)):
            # a conjunct of a facility named after the verb is an object: وثقت الشبكة مشفى ومدرسة
            return prev is None or prev.ne <= t.s
    return False


def _negated(td, m, prev, nxt, lo, data) -> bool:
    """``ولم يسفر القصف عن أضرار في المدرسة``, ``دون أن تصيب المشفى``: a negation earlier in the facility's
    clause says it was not hit."""
    norm = td.norm
    neg = data.negation_re.search(norm, lo, m.ws) if data.negation_re is not None else None
    if neg is None:
        return False
    return data.negation_end_re is None or data.negation_end_re.search(norm, neg.start() + 1, m.ws) is None


def _named(td, m, prev, nxt, lo, data) -> bool:
    """``مسجد باسم "جامع الشلاح"``: the facility noun inside a name given to one already named."""
    return word_before_in(td, lo, m.ws, data.naming)


def _apposition(td, m, prev, nxt, lo, data) -> bool:
    """``ورشة نجارة (منشرة أخشاب)``: a facility noun in brackets right after another one names it again."""
    words = gap_words(td, prev.ne, m.ws) if prev is not None else None
    if words is None or any(w[:1] == data.cl.and_ for w in words):
        return False  # a new conjunct: وأصابت (مدرسة البلدة)
    toks = td.tokens(prev.ne, m.ws)
    return bool(toks) and toks[-1].text == "("


def _umbrella_share(td, m, prev, nxt, lo, data) -> bool:
    """``14 منشأة طبية ومشفى``: a bare singular joined with و to a singular umbrella noun after a number
    shares that count; of a type the umbrella covers, it is inside the umbrella, not a facility of its own."""
    if not m.clitic.startswith(data.cl.and_) or m.value.form != "sg":
        return False
    return any(types.__contains__(m.value.type) and pat.search(td.norm, lo, m.ws) is not None
               for pat, types in data.umbrella_shares)


def _record(name: str, fn) -> Rule[TargetCtx]:
    """A rule record from a check ``fn(td, m, prev, nxt, lo, data) -> bool``; it fires on the noun's span."""
    def test(ctx: TargetCtx):
        if fn(ctx.td, ctx.m, ctx.prev, ctx.nxt, ctx.lo, ctx.data):
            return True, (ctx.m.ns, ctx.m.ne)
        return None
    return Rule(name, (fn.__doc__ or "").strip().split("\n")[0], test)


#: (name, check): in order; the first that fires drops the facility noun.
_NOT_A_TARGET = (
    ("apposition", _apposition),
    ("building_of_facility", _building_of),
    ("owner_of_facility", _owner),
    ("location_of_facility", _location_of),
    ("reporting_source", _source),
    ("name_of_facility", _named),
    ("negated_hit", _negated),
    ("umbrella_share", _umbrella_share),
)

NOT_A_TARGET_RULES: list[Rule[TargetCtx]] = [_record(name, fn) for name, fn in _NOT_A_TARGET]
