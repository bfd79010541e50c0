"""Which resolved candidates are places: passes in order, each of which accepts or blocks names.

1. a strong name is a place; a weak one (stoplisted, a hamlet, a neighbourhood) needs a trigger, a
   countryside or a containing unit; a direction word or a facility or counted noun is never one;
2. a country after a settlement trigger is a nisba (مدينة سورية);
3. a name that opens an organization's name is not a place (مجلس الرقة المدني);
4. a country is a place only after a locative word (otherwise it is usually an actor);
5. a weak name is a place next to another place of its district in the sentence, or, for a city
   neighbourhood, when the report names its governorate;
6. names of one governorate in a list accept each other (الشعار والصاخور وطريق الباب).
"""
from __future__ import annotations

from pipeline.core import settings as S
from pipeline.core.text import line_start
from pipeline.stages.places.candidates import Cand, SentenceIndex, is_word, list_gap
from pipeline.stages.places.gazetteer import gazetteer
from pipeline.stages.places.patterns import patterns

#: trigger kinds after which a country name is a nisba (مدينة سورية، قرى تركية)
SETTLEMENT_TRIGGERS = ("city", "town", "village", "neighborhood", "camp")


def accept(norm: str, cands: list[Cand], index: SentenceIndex, doc_a1: dict[str, int]) -> None:
    for c in cands:
        _accept_by_strength(norm, c)
    for c in cands:
        if c.entry is not None and c.entry.kind == "country" and c.trigger in SETTLEMENT_TRIGGERS:
            c.accepted = False
            c.blocked = True
    for c in cands:
        _block_organization(norm, c)
    for c in cands:
        if c.accepted and c.entry is not None and c.entry.kind == "country" and not _country_is_place(norm, c):
            c.accepted = False
    for c in cands:
        _accept_by_sentence(norm, c, index, doc_a1)
    _accept_lists(norm, cands)


def _accept_by_strength(norm: str, c: Cand) -> None:
    g = gazetteer()
    k = c.hit.key
    ctn = c.container
    c.accepted = (not k.weak) or c.countryside or c.trigger is not None or (
        ctn is not None and ctn.entry is not None and ctn.entry.kind != "country" and not c.unresolved
        and (not ctn.hit.key.weak or ctn.trigger is not None or ctn.countryside))
    if c.trigger is None and norm[c.hit.ns:c.hit.ne] in g.dirs:
        c.accepted = False  # الحي الشرقي، ريف إدلب الجنوبي والشرقي: a direction, never a bare name
        c.blocked = True
    if c.trigger is None and not c.countryside and (
            k.facility or patterns()["number_before"].search(norm, max(0, c.hit.w - S.PLACE_NUMBER_REACH),
                                                             c.hit.w)):
        c.accepted = False  # a facility noun (37 مدرسة، مدرسة في ...) or a counted noun
        c.blocked = True


def _block_organization(norm: str, c: Cand) -> None:
    """A place that opens an organization's name (مجلس الرقة المدني) is not a place."""
    ws = c.hit.w
    if c.trigger is not None and c.trig_ns is not None:
        ws = c.trig_ns
        while ws > 0 and is_word(norm[ws - 1]):
            ws -= 1
    head = norm[max(0, ws - S.PLACE_ORG_REACH):ws] + norm[ws:c.trig_ns if c.trigger and c.trig_ns is not None
                                                           else c.hit.ns]
    if c.accepted and not c.countryside and not c.dir_before and patterns()["org_before"].search(head):
        c.accepted = False
        c.blocked = True
        c.org = True


def _country_is_place(norm: str, c: Cand) -> bool:
    """A country after a trigger, a direction, the locative clitic (not of a relation: مرتبطة بإيران), a
    locative or origin cue, or as a line's label (سوريا: ...، وكالة – سوريا: ...)."""
    pat = patterns()
    w = c.hit.w
    locative = gazetteer().cl.locative in norm[w:c.hit.ns] and not pat["relation_before"].search(
        norm, max(0, w - S.PLACE_RELATION_REACH), w)
    return bool(c.trigger or c.dir_before or locative
                or pat["country_cue"].search(norm, max(0, w - S.PLACE_COUNTRY_CUE_REACH), w)
                or pat["origin_cue"].search(norm, max(0, w - S.PLACE_RELATION_REACH), w)
                or (pat["label_before"].search(norm[line_start(norm, w):w]) and pat["label_after"].match(norm, c.ne)))


def _accept_by_sentence(norm: str, c: Cand, index: SentenceIndex, doc_a1: dict[str, int]) -> None:
    """A weak name that is not stoplisted: another place of its district in the sentence, or a city
    neighbourhood whose governorate the report names elsewhere (جوبر ... دمشق)."""
    if c.accepted or c.blocked or norm[c.hit.ns:c.hit.ne] in gazetteer().stop:
        return
    if c.entry.admin2 and any(x.accepted and x is not c and x.entry
                              and x.entry.kind != "governorate" and not x.countryside
                              and x.entry.admin2 == c.entry.admin2 for x in index.cands_of(c)):
        c.accepted = True
    elif c.hit.key.local and c.entry.kind == "neighborhood" and doc_a1.get(c.entry.admin1):
        c.accepted = True


def _accept_lists(norm: str, cands: list[Cand]) -> None:
    """Lists: الشعار والصاخور وطريق الباب (names of one governorate, joined by a comma or و)."""
    pat = patterns()
    changed = True
    while changed:
        changed = False
        for a, b in zip(cands, cands[1:]):
            if a.accepted == b.accepted or a.entry is None or b.entry is None or a.blocked or b.blocked:
                continue
            gap = list_gap(norm, a, b)
            if not pat["coord"].match(gap) or not gap.strip():
                continue  # a list needs its comma or و: two names side by side are not one
            if a.entry.admin1 and a.entry.admin1 == b.entry.admin1:
                a.accepted = b.accepted = True
                changed = True
