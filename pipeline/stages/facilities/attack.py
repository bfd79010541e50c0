"""Where a text speaks of a hit: claims and denials of a party, and descriptive relative clauses."""
from __future__ import annotations

import bisect
from typing import Sequence

from pipeline.core.mentions import ActorMention
from pipeline.core.normalize import NormText
from pipeline.stages.facilities.terms import FacilityData

BIG = 1 << 60
def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, BIG)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def claim_spans(nt: NormText, sents: list, starts: list[int], data: FacilityData,
                 actors: Sequence[ActorMention] | None) -> list[tuple[int, int]]:
    """What a party to the conflict claims or denies (قالت روسيا إن ...): from the verb to the end of the
    claim (the sentence end, or a comma before a connective that starts the author's own words)."""
    if data.claim_re is None:
        return []
    norm = nt.norm
    found = list(data.claim_re.finditer(norm))
    if data.denial_re is not None:
        found += data.denial_re.finditer(norm)
    if not found:
        return []
    if actors is None:
        from pipeline.stages.actors import find_actors  # only when the text has a claim verb

        actors = find_actors(nt)
    party = sorted((a.ns, a.ne) for a in actors if a.id != "unknown")
    out: list[tuple[int, int]] = []
    for m in found:
        ws, we = m.start("who"), m.end("who")
        i = bisect.bisect_left(party, (ws, -1))
        if i >= len(party) or party[i][0] >= we:
            continue  # the speaker is not a party (ناشطون، الدفاع المدني، المرصد)
        sent = sents[bisect.bisect_right(starts, m.start()) - 1]
        end = sent.ne
        if data.claim_end_re is not None:
            e = data.claim_end_re.search(norm, m.end(), sent.ne)
            if e is not None:
                end = e.start()
        out.append((m.start("v"), end))
    out.sort()
    return out


def in_descriptive_clause(norm: str, ws: int, sent, ctx_pos: list[int], data: FacilityData) -> bool:
    """``محطة المياه، التي تغذي المدينة ومخيم الهول، ...``, ``البلدة التي تضم مدرستين ومشفى``: a facility
    inside a relative clause that has no damage word itself describes something; it is not a target."""
    if data.relative_word_re is None:
        return False
    lo = max([sent.ns] + [norm.rfind(c, sent.ns, ws) + 1 for c in ",.;:"])
    rel = None
    for rel in data.relative_word_re.finditer(norm, lo, ws):
        pass
    if rel is None:
        return False
    rm = data.relative_re.match(norm, rel.start(), sent.ne)
    if rm is None or not (rm.start() <= ws < rm.end()):
        return False
    k = bisect.bisect_left(ctx_pos, rel.start())
    return not (k < len(ctx_pos) and ctx_pos[k] < rm.end())
