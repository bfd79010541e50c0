"""Resolution of the candidates: containing units, the row of each name, and which names are places."""
from __future__ import annotations

from pipeline.core.document import TextDoc
from pipeline.stages.places.acceptance import accept
from pipeline.stages.places.candidates import (Cand, Hit, SentenceIndex, carry_coordinated, link_containers,
                                               open_candidates, share_list_container)
from pipeline.stages.places.gazetteer import gazetteer
from pipeline.stages.places.homonyms import choose_row

SMALL = ("community", "village", "neighborhood")
CONTEXT_UNITS = ("governorate", "district", "subdistrict", "city")


def resolve_hits(norm: str, hits: list[Hit], doc: TextDoc) -> list[Cand]:
    """The candidates of ``hits``, resolved; those accepted as places, or blocked (an organization's name,
    a facility noun), in text order."""
    cands, index, doc_a1 = choose_rows(norm, hits, doc)
    accept(norm, cands, index, doc_a1)
    sentence_context(cands, index)
    return [c for c in cands if c.accepted or c.org or c.blocked]


def choose_rows(norm: str, hits: list[Hit], doc: TextDoc) -> tuple[list[Cand], SentenceIndex, dict[str, int]]:
    """Every candidate of ``hits`` with its row chosen (``Cand.why``: the homonym rule), before acceptance
    (``doc``: the shared document, its sentences and their index)."""
    cands = open_candidates(norm, hits)
    carry_coordinated(norm, cands)
    link_containers(norm, cands)
    share_list_container(norm, cands)
    doc_a1 = report_governorates(cands)
    index = SentenceIndex(doc, cands)
    for c in reversed(cands):  # right to left: a container is resolved before what it contains
        sent_a1 = {x.entry.admin1 for x in index.cands_of(c) if x is not c and x.entry is not None
                   and x.entry.admin1}
        choose_row(c, sent_a1, doc_a1)
    return cands, index, doc_a1


def report_governorates(cands: list[Cand]) -> dict[str, int]:
    """Governorate -> how many strong names of the report lie only in it."""
    doc_a1: dict[str, int] = {}
    for c in cands:
        a1s = {e.admin1 for e, _ in c.hit.key.entries if e.admin1}
        if len(a1s) == 1 and not c.hit.key.weak:
            a1 = a1s.pop()
            doc_a1[a1] = doc_a1.get(a1, 0) + 1
    return doc_a1


def _context_candidate(c: Cand) -> bool:
    """A village-level name placed by its row alone (no container, no trigger beyond a village's)."""
    if not c.accepted or c.container is not None or c.unresolved or c.countryside or c.entry is None:
        return False
    return c.entry.kind in SMALL or (c.trigger in ("village", "neighborhood") and c.entry.kind == "town")


def sentence_context(cands: list[Cand], index: SentenceIndex) -> None:
    """A village-level name whose every row lies in a governorate the report never names, in a sentence
    whose other places all lie in one other governorate (دير الزور: ... حي الدرعية), is an unresolved
    place of that governorate: the gazetteer lacks the row there, the same-named row elsewhere is wrong."""
    g = gazetteer()
    for c in cands:
        if not _context_candidate(c):
            continue
        if any(e.hand or e.pcode in g.reported for e, _ in c.hit.key.entries):
            continue  # a hand row was added for what reports name: trust it (حي جوبر الدمشقي)
        own = {e.admin1 for e, _ in c.hit.key.entries if e.admin1}
        others = [x for x in index.cands_of(c) if x is not c and x.accepted and x.entry is not None
                  and x.entry.admin1 and x.entry.kind != "country" and not x.unresolved]
        govs = {x.entry.admin1 for x in others}
        if len(govs) != 1 or govs & own:
            continue
        if any(x.accepted and x.entry is not None and x.entry.admin1 in own and x.hit.key is not c.hit.key
               for x in cands):
            continue
        near = min(others, key=lambda x: abs(x.ns - c.ns))
        ctx = near.entry if near.entry.kind in CONTEXT_UNITS and not near.countryside else None
        c.unresolved = True
        c.ctx = ctx or g.rows.get(next(iter(govs)))
