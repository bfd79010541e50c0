"""``find_places``: hits, resolution, mentions, then the trigger-only places."""
from __future__ import annotations

from pipeline.core.document import text_doc
from pipeline.core.mentions import PlaceMention
from pipeline.core.normalize import NormText, norm_key, spec_fold, undecorate
from pipeline.stages.places.candidates import Cand, gazetteer_hits
from pipeline.stages.places.gazetteer import gazetteer
from pipeline.stages.places.output import named_direction, place_mention, surface, unresolved_from, unresolved_mention
from pipeline.stages.places.resolve import resolve_hits
from pipeline.stages.places.unresolved import unresolved_triggers


def find_places(nt: NormText) -> list[PlaceMention]:
    """Every place mention of the report, in text order (offsets into ``nt.norm``)."""
    norm = nt.norm
    hits = gazetteer_hits(norm)
    resolved = resolve_hits(norm, hits, text_doc(nt))
    kept = [c for c in resolved if c.accepted]
    # names inside organization names, and names never read as places (مدينة سورية: a nisba), block a
    # trigger reading of the same words
    org_hits = [c.hit for c in resolved if c.org or (c.blocked and not c.accepted)]
    out: list[PlaceMention] = []
    for c in kept:
        if c.entry is None:
            continue
        c.spelled = text_spelling(nt, c)
        if not c.unresolved and named_direction(c):
            # قرية X الشمالية where the gazetteer only knows X: the name is the text's, placed at X's unit
            e = c.entry
            rows = gazetteer().rows
            unit = rows.get(e.admin3 or "") or rows.get(e.admin2 or "") or rows.get(e.admin1 or "")
            kind = c.trigger if c.trigger in ("town", "village") else "village"
            out.append(unresolved_mention(c.hit.ns, c.ne, f"{c.spelled or e.name_ar} {surface(nt, c.hit.ne, c.ne)}",
                                           kind, unit))
            continue
        out.append(unresolved_from(nt, c) if c.unresolved else place_mention(norm, c))
    # hits dropped as weak still block the unresolved-trigger reading only when kept
    out.extend(unresolved_triggers(nt, kept, [c.hit for c in kept] + org_hits))
    out.sort(key=lambda p: p.ns)
    return out


def text_spelling(nt: NormText, c: Cand) -> str:
    """The matched name as the text spells it, where that differs from the lexicon's spelling
    beyond what gold matching folds (a گ for a ك): reports are scored on their own spelling."""
    if not c.spelled:
        return c.spelled
    n = len(c.spelled.split())
    own = " ".join(undecorate(nt.quote(c.hit.ns, c.hit.ne)).split()[-n:])
    if norm_key(own) == norm_key(c.spelled) and spec_fold(own) != spec_fold(c.spelled):
        return own
    return c.spelled


def unresolved_names(mentions: list[PlaceMention]) -> list[str]:
    """Names the gazetteer could not resolve (for a report warning), first occurrence order."""
    seen: list[str] = []
    for p in mentions:
        if p.extra.get("unresolved") and p.name_ar not in seen:
            seen.append(p.name_ar)
    return seen
