"""The words before a facility noun: a landmark (near, to, from), a person it belongs to, 'one of'.

The words of a window are the shared document's tokens (``TextDoc.tokens``), not a new tokenization."""
from __future__ import annotations

from pipeline.core import settings as S
from pipeline.core.document import TextDoc
from pipeline.core.phrases import word_forms
from pipeline.stages.facilities.terms import FacilityData


#: Quotation marks and brackets between a word and the facility it governs (رئيس "محكمة ...").
QUOTES = frozenset('"\'“”«»()[]')


def words_before(td: TextDoc, lo: int, ws: int) -> list:
    """The tokens of ``norm[lo:ws]`` without quotation marks."""
    return [t for t in td.tokens(lo, ws) if t.text not in QUOTES]


def gap_words(td: TextDoc, s: int, e: int) -> list | None:
    """The words between two facilities, or None when punctuation or more than a name's words part them."""
    toks = td.tokens(s, e)
    if len(toks) > S.FACILITY_MAX_GAP_WORDS or any(not t.is_word and t.text not in QUOTES for t in toks):
        return None
    return [t.text for t in toks if t.is_word]


def conjunct_of_landmark(td: TextDoc, m, landmark_end: int, sent, cl) -> bool:
    """``محيط مشفى المدينة الوطني والجامع المجاور له``: a و-conjunct right after a landmark."""
    if not m.clitic.startswith(cl.and_) or landmark_end < sent.ns or landmark_end > m.ws:
        return False
    return gap_words(td, landmark_end, m.ws) is not None


def is_destination(td: TextDoc, lo: int, ws: int, data: FacilityData, clitic: str = "") -> bool:
    """``نقل الجرحى إلى المشفى``: a preposition of direction right before, a moving verb a few words back;
    where a victim was treated (يتلقى العلاج في المشفى، في العناية المشددة بالمشفى: ``clitic`` is the
    facility's own proclitic); or where people left or fire came from (أقلعت من المطار، قصفت من مواقعها في
    المعسكر)."""
    words = [t.text for t in td.tokens(lo, ws) if t.is_word][-S.FACILITY_DESTINATION_WORDS:]
    if not words:
        return False
    last = word_forms(words[-1])
    if any(f in data.dest_preps for f in last) and \
            any(f in data.dest_verbs for w in words[:-1] for f in word_forms(w)):
        return True
    if len(words) > 2 and any(f in data.location_preps for f in last) and \
            any(f in data.firing_positions for f in word_forms(words[-2])) and \
            any(f in data.origin_preps for f in word_forms(words[-3])):
        return True  # where the fire came from: قصفت من مواقعها في معسكر, من نقاطها في المطار
    in_prep = clitic == data.cl.locative
    if (in_prep or any(f in data.location_preps for f in last)) and \
            any(f in data.care_words for w in (words if in_prep else words[:-1]) for f in word_forms(w)):
        return True  # where a victim was treated or died: تخضع للعلاج في مشفى, ترقد في المشفى
    # where people or aircraft left from: أقلعت من مطار, النزوح من المخيمين
    return any(f in data.origin_preps for f in last) and \
        any(f in data.origin_verbs for w in words[:-1] for f in word_forms(w))


def anaphoric_after(td: TextDoc, ne: int, lo_end: int, data: FacilityData) -> bool:
    toks = td.tokens(ne, min(lo_end, ne + S.FACILITY_ANAPHORA_REACH))
    return bool(toks) and toks[0].is_word and toks[0].text in data.anaphoric_after


def person_possessor(td: TextDoc, lo: int, ws: int, data: FacilityData) -> bool:
    """``مدير المخيم``, ``قاطني المخيمين``, ``سكان إحدى المدارس``, ``عناصر من فرع الأمن``: the facility owns a
    person noun (or the people come from it); it says who the people are, not what was hit."""
    toks = words_before(td, lo, ws)
    if not toks or not toks[-1].is_word:
        return False
    k = len(toks) - 1
    if any(f in data.one_of for f in word_forms(toks[k].text)) or toks[k].text in data.number_links:
        k -= 1  # مدير أحد المخيمين; عناصر من فرع الأمن
        if k < 0 or not toks[k].is_word:
            return False
    return any(f in data.person_heads for f in word_forms(toks[k].text))


def word_before_in(td: TextDoc, lo: int, ws: int, words: frozenset[str]) -> bool:
    toks = words_before(td, lo, ws)
    return bool(toks) and toks[-1].is_word and any(f in words for f in word_forms(toks[-1].text))


def one_of_before(td: TextDoc, lo: int, ws: int, data: FacilityData) -> bool:
    toks = words_before(td, lo, ws)
    return bool(toks) and toks[-1].is_word and any(f in data.one_of for f in word_forms(toks[-1].text))


def is_locative(td: TextDoc, lo: int, ws: int, data: FacilityData, clitic: str = "") -> bool:
    words: list[str] = []
    for t in reversed(words_before(td, lo, ws)):
        if not t.is_word:
            break
        words.append(t.text)
        if len(words) >= data.max_locative:
            break
    words.reverse()
    if is_destination(td, lo, ws, data, clitic):
        return True
    if len(words) >= 2 and " ".join(words[-2:]) in data.not_locative:
        return False  # "إلى جانب محطة ضخ المياه": in addition to, not beside
    if len(words) > 1 and any(f in data.one_of for f in word_forms(words[-1])):
        words.pop()  # قرب أحد مراكز الدفاع المدني
    if len(words) > 1 and any(f in data.locative_heads for f in word_forms(words[-1])):
        words.pop()
    for k in range(1, len(words) + 1):
        tail = words[-k:]
        rest = " ".join(tail[1:])
        for f in word_forms(tail[0]):
            if ((f + " " + rest) if rest else f) in data.locative:
                return True
    return False
