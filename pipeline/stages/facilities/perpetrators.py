"""The perpetrator of a facility hit, from the actors the document found."""
from __future__ import annotations

import bisect
from typing import Sequence

from pipeline.core.mentions import ActorMention, FacilityMention


def attach_perpetrators(facs: list[FacilityMention], actors: Sequence[ActorMention],
                         sents: list, starts: list[int], norm: str) -> None:
    """The sentence's single perpetrator; with several, the single one of the facility's clause (between
    commas): ``دمرت غارة روسية مشفى البلدة، فيما قتلت قوات النظام 4 مدنيين`` -> russia. Else None (the events
    stage decides)."""
    by_sent: dict[int, list[ActorMention]] = {}
    for a in actors:
        if a.role == "perpetrator":
            by_sent.setdefault(bisect.bisect_right(starts, a.ns) - 1, []).append(a)
    for f in facs:
        si = bisect.bisect_right(starts, f.ns) - 1
        found = by_sent.get(si)
        if not found:
            continue
        ids = {a.id for a in found}
        if len(ids) > 1:
            sent = sents[si]
            lo = max(norm.rfind(",", sent.ns, f.ns), norm.rfind(";", sent.ns, f.ns), sent.ns)
            hi = min((x for x in (norm.find(",", f.ne, sent.ne), norm.find(";", f.ne, sent.ne)) if x >= 0),
                     default=sent.ne)
            ids = {a.id for a in found if lo <= a.ns < hi}
        if len(ids) == 1:
            f.perpetrator = next(iter(ids))
