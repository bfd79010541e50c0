"""The words before a facility noun: a landmark (near, to, from), a person it belongs to, 'one of'."""
from __future__ import annotations

from pipeline.core import settings as S
from pipeline.core.phrases import word_forms, word_tokens
from pipeline.stages.facilities.terms import FacilityData


#: Quotation marks and brackets between a word and the facility it governs (رئيس "محكمة ...").
QUOTES = frozenset('"\'“”«»()[]')


def words_before(norm: str, lo: int, ws: int) -> list:
    """The tokens of ``norm[lo:ws]`` without quotation marks."""
    return [t for t in word_tokens(norm, lo, ws) if t.text not in QUOTES]


def gap_words(norm: str, s: int, e: int) -> list | None:
    """The words between two facilities, or None when punctuation or more than a name's words part them."""
    toks = word_tokens(norm, s, e)
    if len(toks) > S.FACILITY_MAX_GAP_WORDS or any(not t.is_word and t.text not in QUOTES for t in toks):
        return None
    return [t.text for t in toks if t.is_word]


def conjunct_of_landmark(norm: str, m, landmark_end: int, sent, cl) -> bool:
    """``محيط مشفى المدينة الوطني والجامع المجاور له``: a و-conjunct right after a landmark."""
    if not m.clitic.startswith(cl.and_) or landmark_end < sent.ns or landmark_end > m.ws:
        return False
    return gap_words(norm, landmark_end, m.ws) is not None


def is_destination(norm: str, lo: int, ws: int, data: FacilityData) -> bool:
    """``نقل الجرحى إلى المشفى``: a preposition of direction right before, a moving verb a few words back;
    or where people left or fire came from (أقلعت من المطار، قصفت من مواقعها في المعسكر)."""
    words = [t.text for t in word_tokens(norm, lo, ws) if t.is_word][-S.FACILITY_DESTINATION_WORDS:]
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
    # where people or aircraft left from: أقلعت من مطار, النزوح من المخيمين
    return any(f in data.origin_preps for f in last) and \
        any(f in data.origin_verbs for w in words[:-1] for f in word_forms(w))


def anaphoric_after(norm: str, ne: int, lo_end: int, data: FacilityData) -> bool:
    toks = word_tokens(norm, ne, min(lo_end, ne + S.FACILITY_ANAPHORA_REACH))
    return bool(toks) and toks[0].is_word and toks[0].text in data.anaphoric_after


def person_possessor(norm: str, lo: int, ws: int, data: FacilityData) -> bool:
    """``مدير المخيم``, ``قاطني المخيمين``, ``سكان إحدى المدارس``: the facility owns a person noun; it
    says who the people are, not what was hit."""
    toks = words_before(norm, lo, ws)
    if not toks or not toks[-1].is_word:
        return False
    k = len(toks) - 1
    if any(f in data.one_of for f in word_forms(toks[k].text)):
        k -= 1
        if k < 0 or not toks[k].is_word:
            return False
    return any(f in data.person_heads for f in word_forms(toks[k].text))


def word_before_in(norm: str, lo: int, ws: int, words: frozenset[str]) -> bool:
    toks = words_before(norm, lo, ws)
    return bool(toks) and toks[-1].is_word and any(f in words for f in word_forms(toks[-1].text))


def one_of_before(norm: str, lo: int, ws: int, data: FacilityData) -> bool:
    toks = words_before(norm, lo, ws)
    return bool(toks) and toks[-1].is_word and any(f in data.one_of for f in word_forms(toks[-1].text))


def is_locative(norm: str, lo: int, ws: int, data: FacilityData) -> bool:
    words: list[str] = []
    for t in reversed(words_before(norm, lo, ws)):
        if not t.is_word:
            break
        words.append(t.text)
        if len(words) >= data.max_locative:
            break
    words.reverse()
    if is_destination(norm, lo, ws, data):
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
