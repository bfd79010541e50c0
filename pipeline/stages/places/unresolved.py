"""Places the gazetteer lacks but the text marks with a trigger word (قرية تل الشيح بريف حماة)."""
from __future__ import annotations

import bisect

import regex

from pipeline.core.mentions import PlaceMention
from pipeline.core.normalize import NormText
from pipeline.core.text import sentences
from pipeline.stages.places.candidates import Cand, Hit
from pipeline.stages.places.gazetteer import Entry, gazetteer
from pipeline.stages.places.output import surface, unresolved_mention
from pipeline.stages.places.patterns import patterns


def name_after(norm: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The 1-3 words of a place name starting at ``pos`` (stops at a preposition, comma, context)."""
    g = gazetteer()
    pat = patterns()
    words: list[tuple[int, int]] = []
    for m in pat["word"].finditer(norm, pos, min(len(norm), pos + 60)):
        if m.start() >= limit:
            break
        w = m.group()
        if words and norm[words[-1][1]:m.start()] != " ":
            break
        if not ARABIC_WORD.fullmatch(w) or w in g.name_stop or w in g.trig_kind:
            break
        if not words and w.startswith("و") and (w[1:] in g.trig_kind or w[1:] in g.keys or w.startswith("وال")):
            break
        if words and (w.startswith("و") and (w[1:] in g.trig_kind or w.startswith("وال") or w[1:] in g.keys)):
            break
        if words and w[0] in "بل" and (w[1:] in g.keys or w[1:] in g.trig_kind or w[1:] == "ريف"):
            break
        if not words:
            words.append(m.span())
            continue
        first = norm[words[0][0]:words[0][1]]
        prev = norm[words[-1][0]:words[-1][1]]
        if prev in g.prefixes or (len(words) == 1 and not first.startswith("ال") and w.startswith("ال")):
            words.append(m.span())
            if len(words) == 3:
                break
            continue
        break
    if not words:
        return None
    # a direction adjective right after a village name belongs to it (أم حجيرة الشمالية)
    m = patterns()["dir_after"].match(norm, words[-1][1])
    if m and m.end() <= limit and len(words) < 3:
        return words[0][0], m.end("d1")
    return words[0][0], words[-1][1]


ARABIC_WORD = regex.compile(r"\p{Arabic}+")
NEXT_NAME = regex.compile(r" ?(?:,|, ?و|و)(?=\S)")

def unresolved_triggers(nt: NormText, kept: list[Cand], hits: list[Hit]) -> list[PlaceMention]:
    """Trigger + unknown name: قرية تل الشيح بريف حماة, قرى صيدا والمعلق."""
    norm = nt.norm
    g = gazetteer()
    pat = patterns()
    occupied = bytearray(len(norm) + 1)
    for h in hits:
        occupied[h.w:h.ne] = b"\x01" * (h.ne - h.w)
    starts = sorted(c.hit.w for c in kept)
    out: list[PlaceMention] = []

    def free(a: int) -> bool:
        return not occupied[a]

    kept_ns = [c.ns for c in kept]

    def container_after(e_: int) -> Entry | None:
        i = bisect.bisect_left(kept_ns, e_)
        if i == len(kept):
            return None
        c = kept[i]
        if pat["contain"].match(norm[e_:c.ns]) or (c.dir_before and norm[e_:c.ns].strip() == ""):
            if c.countryside and c.entry.kind == "governorate":
                return g.rows.get(c.entry.admin1 or "")
            return unit_of(c)
        return None

    def unit_of(c: Cand) -> Entry | None:
        if c.unresolved:  # its own row is in the wrong governorate: use the unit it was placed in
            return c.container.entry if c.container is not None else c.ctx
        return c.entry

    sents = sentences(norm)
    sent_starts = [s.ns for s in sents]
    first_at: dict[int, Cand] = {}  # the first kept place whose word starts at an offset
    for c in kept:
        first_at.setdefault(c.hit.w, c)

    def context(ns_: int, ne_: int) -> Entry | None:
        ctn = container_after(ne_)
        if ctn is not None:
            return ctn
        k = bisect.bisect_right(sent_starts, ns_) - 1  # sentences are sorted and disjoint
        s0, s1 = (sents[k].ns, sents[k].ne) if k >= 0 and ns_ < sents[k].ne else (ns_, ne_)
        near = [c for c in kept[bisect.bisect_left(kept_ns, s0):bisect.bisect_left(kept_ns, s1)]
                if unit_of(c) is not None and unit_of(c).admin1]
        if not near:
            return None
        c = min(near, key=lambda c: abs(c.ns - ns_))
        return gazetteer().rows.get(unit_of(c).admin1)

    def grab(pos: int, kind: str, with_trigger: int | None) -> tuple[int, int] | None:
        if not free(pos):
            return None
        k = bisect.bisect_right(starts, pos)
        limit = starts[k] if k < len(starts) else len(norm)
        span = name_after(norm, pos, limit)
        if span is None:
            return None
        name = norm[span[0]:span[1]]
        if name in g.stop or name in g.name_stop:
            return None
        first = name.split(" ", 1)[0]
        if not first.startswith("ال") and first not in g.keys and len(first) >= 5 \
                and first.endswith(g.adj_suffixes):
            return None  # بلدات حدودية، قرى نائية: an adjective, not a name
        return span

    for m in pat["unres"].finditer(norm):
        kind = pat["unres_kind"][m.group("t")]
        span = grab(m.end(), kind, m.start("t"))
        if span is None:
            continue
        ns, ne = span
        if kind == "site" and not norm.startswith("ال", ns):
            continue  # مطار عسكري، حقل نفطي: an adjective; a named site is definite (حقل العمر)
        if kind in ("camp", "site"):
            ns = m.start("t")
        out.append(unresolved_mention(ns, ne, surface(nt, ns, ne), kind, context(ns, ne)))
        occupied[ns:ne] = b"\x01" * (ne - ns)
    for m in pat["plural"].finditer(norm):
        kind = pat["plural_kind"][m.group("t")]
        if kind not in ("village", "town", "neighborhood"):
            continue
        pos = m.end()
        names: list[tuple[int, int]] = []
        chain_end = pos
        while True:
            known = first_at.get(pos) if not free(pos) else None
            if known is not None:
                span = (known.hit.w, known.ne)  # حيي X وY: X is known, Y still takes the trigger
            else:
                span = grab(pos, kind, None)
                if span is None:
                    break
                names.append(span)
                occupied[span[0]:span[1]] = b"\x01" * (span[1] - span[0])
            chain_end = span[1]
            nxt = NEXT_NAME.match(norm[span[1]:span[1] + 3])
            after = span[1]
            while after < len(norm) and norm[after] in " ,":
                after += 1
            if not nxt or not norm.startswith("و", after):
                break
            pos = span[1] + nxt.end()
            if not free(pos - 1) and not free(pos):
                break
        if not names:
            continue
        ctn = context(names[0][0], max(chain_end, names[-1][1]))
        for ns, ne in names:
            out.append(unresolved_mention(ns, ne, surface(nt, ns, ne), kind, ctn))
    return out
