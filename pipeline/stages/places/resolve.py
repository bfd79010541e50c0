"""Resolution of the candidates: containing units, the row of each name, and which names are places."""
from __future__ import annotations

import bisect

from pipeline.core.text import sentences
from pipeline.stages.places.candidates import Cand, Hit, direction_of, is_word
from pipeline.stages.places.gazetteer import gazetteer
from pipeline.stages.places.homonyms import contained_ok, row_score
from pipeline.stages.places.patterns import patterns


def resolve_hits(norm: str, hits: list[Hit]) -> list[Cand]:
    g = gazetteer()
    pat = patterns()
    cands: list[Cand] = []
    for h in hits:
        c = Cand(h, h.ns, h.ne, countryside=h.key.mode == "countryside")
        m = pat["trig_before"].search(norm, max(0, h.w - 14), h.w)
        if m:
            c.trigger = g.trig_kind[m.group("t")]
            c.trig_ns = m.start("t")
        m = pat["dir_after"].match(norm, h.ne)
        if m:
            c.direction = direction_of(g, m.group("d1"), m.group("d2"))
            c.ne = m.end()
        if not c.trigger:
            m = pat["dir_before"].search(norm, max(0, h.w - 22), h.w)
            if m:
                c.direction = direction_of(g, m.group("d1"), m.group("d2")) or c.direction
                c.ns = m.start("d1")
                c.dir_before = True
        if cands and h.ns < cands[-1].ne:
            continue  # the direction adjective of the previous place (ريف إدلب الجنوبي), not a name
        cands.append(c)

    # dual triggers and ريفي X وY: the coordinated next name inherits
    for a, b in zip(cands, cands[1:]):
        gap = norm[a.ne:b.hit.w]
        if gap.strip(" ") == "" and norm[b.hit.w:b.hit.ns].startswith("و"):
            if a.hit.key.dual and b.hit.key.mode == "name" and not b.trigger:
                b.countryside = True
                b.dual_carry = True
            elif a.trigger and a.trig_ns is not None and not b.trigger \
                    and norm[a.trig_ns:a.ns].split(" ", 1)[0].lstrip("وفبل") in g.coord_trig | {
                        w[1:] for w in g.coord_trig if w[0] in "وفبل"}:
                b.trigger = a.trigger

    # containment: the next mention right after
    for a, b in zip(cands, cands[1:]):
        gap = norm[a.ne:b.ns] if b.ns >= a.ne else ""
        if b.ns < a.ne:
            continue
        if b.hit.key.weak and not b.trigger and not b.countryside:
            continue  # في شباط: a weak name (a hamlet called after a month) contains nothing
        if pat["contain"].match(gap):
            a.container = b
        elif b.dir_before and gap.strip() == "":
            a.near = b  # X جنوب دمشق: a hint, not a containing unit
        else:
            for m in (pat["coord_unknown1"].match(gap), pat["coord_unknown"].match(gap)):
                if m and pat["contain"].match(gap[m.end():]):
                    a.container = b  # حيي X وY في مدينة Z: Y is not in the gazetteer
                    break

    # a coordinated list shares the unit named after its last name: قريتي X وY بريف حماة
    containers = {id(c.container) for c in cands if c.container is not None}
    for a, b in reversed(list(zip(cands, cands[1:]))):
        if a.countryside or id(a) in containers or a.dir_before:
            continue  # في ريف حماة، وخان شيخون في ريف إدلب: a containing unit ends the list before it
        if a.container is None and b.container is not None and b.ns >= a.ne and pat["coord"].match(
                norm[a.ne:b.hit.w] + ("و" if norm[b.hit.w:b.hit.ns].startswith("و") else "")):
            a.container = b.container

    # report- and sentence-level governorates from unambiguous strong names
    doc_a1: dict[str, int] = {}
    for c in cands:
        a1s = {e.admin1 for e, _ in c.hit.key.entries if e.admin1}
        if len(a1s) == 1 and not c.hit.key.weak:
            a1 = a1s.pop()
            doc_a1[a1] = doc_a1.get(a1, 0) + 1
    sents = sentences(norm)

    sent_starts = [s.ns for s in sents]

    def sent_of(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(sent_starts, pos) - 1
        if i >= 0 and pos < sents[i].ne:
            return sents[i].ns, sents[i].ne
        return pos, pos

    by_sent: dict[tuple[int, int], list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(sent_of(c.ns), []).append(c)

    # resolve right to left so that a container is resolved before what it contains
    for c in reversed(cands):
        s0, s1 = sent_of(c.ns)
        sent_a1 = {x.entry.admin1 for x in by_sent[(s0, s1)] if x is not c and x.entry is not None
                   and x.entry.admin1}
        entries = c.hit.key.entries
        if c.countryside and not c.dual_carry:
            entries = [(e, sp) for e, sp in entries]
        elif c.dual_carry:
            entries = [(e, sp) for e, sp in entries if e.kind in ("governorate", "district", "city", "town")]
            if not entries:
                c.countryside = False
                entries = c.hit.key.entries
        if c.trigger in (None, "site") and c.container is None and not c.countryside:
            # تركيا the country, not a hamlet of that name: without a trigger or a containing unit,
            # a name that some strong row carries is read as that row
            strong = [es for es in entries if es[0].pcode not in g.weak_rows]
            entries = strong or entries
        best = max(entries, key=lambda es: row_score(c, es[0], sent_a1, doc_a1))
        c.entry, c.spelled = best
        if not contained_ok(c):
            c.unresolved = True

    # acceptance of weak names
    for c in cands:
        k = c.hit.key
        ctn = c.container
        c.accepted = (not k.weak) or c.countryside or c.trigger is not None or (
            ctn is not None and ctn.entry is not None and ctn.entry.kind != "country" and not c.unresolved
            and (not ctn.hit.key.weak or ctn.trigger is not None or ctn.countryside))
        if c.trigger is None and norm[c.hit.ns:c.hit.ne] in g.dirs:
            c.accepted = False  # الحي الشرقي، ريف إدلب الجنوبي والشرقي: a direction, never a bare name
            c.blocked = True
        if c.trigger is None and not c.countryside and (
                k.facility or pat["number_before"].search(norm, max(0, c.hit.w - 12), c.hit.w)):
            c.accepted = False  # a facility noun (37 مدرسة، مدرسة في ...) or a counted noun
            c.blocked = True
    for c in cands:  # مدينة سورية، قرى تركية: a nisba after a settlement trigger, not the country
        if c.entry is not None and c.entry.kind == "country" and c.trigger in (
                "city", "town", "village", "neighborhood", "camp"):
            c.accepted = False
            c.blocked = True
    for c in cands:  # a place that opens an organization's name (مجلس الرقة المدني) is not a place
        ws = c.hit.w
        if c.trigger is not None and c.trig_ns is not None:
            ws = c.trig_ns
            while ws > 0 and is_word(norm[ws - 1]):
                ws -= 1
        head = norm[max(0, ws - 40):ws] + norm[ws:c.trig_ns if c.trigger and c.trig_ns is not None else c.hit.ns]
        if c.accepted and not c.countryside and not c.dir_before and pat["org_before"].search(head):
            c.accepted = False
            c.blocked = True
            c.org = True
    for c in cands:  # a country is a place after a locative word; otherwise it is usually an actor
        if c.accepted and c.entry is not None and c.entry.kind == "country" and not (
                c.trigger or c.dir_before or ("ب" in norm[c.hit.w:c.hit.ns] and not pat["relation_before"].search(
                    norm, max(0, c.hit.w - 16), c.hit.w))
                or pat["country_cue"].search(norm, max(0, c.hit.w - 12), c.hit.w)
                or pat["origin_cue"].search(norm, max(0, c.hit.w - 16), c.hit.w)
                or ((c.hit.w == 0 or norm[c.hit.w - 1] == "\n") and pat["label_after"].match(norm, c.ne))):
            c.accepted = False
    for c in cands:  # weak names that are not stoplisted: same governorate in the sentence
        if c.accepted or c.blocked or norm[c.hit.ns:c.hit.ne] in g.stop:
            continue
        s0, s1 = sent_of(c.ns)
        if c.entry.admin2 and any(x.accepted and x is not c and x.entry
                                  and x.entry.kind != "governorate" and not x.countryside
                                  and x.entry.admin2 == c.entry.admin2 for x in by_sent[(s0, s1)]):
            c.accepted = True
        elif c.hit.key.local and c.entry.kind == "neighborhood" and doc_a1.get(c.entry.admin1):
            c.accepted = True  # حي X of a city: the report names its governorate elsewhere (جوبر ... دمشق)
    changed = True
    while changed:  # lists: الشعار والصاخور وطريق الباب
        changed = False
        for a, b in zip(cands, cands[1:]):
            if a.accepted == b.accepted or a.entry is None or b.entry is None or a.blocked or b.blocked:
                continue
            gap = norm[a.ne:b.hit.w] + ("و" if norm[b.hit.w:b.hit.ns].startswith("و") else "")
            if not pat["coord"].match(gap) or not gap.strip():
                continue  # a list needs its comma or و: two names side by side are not one
            if a.entry.admin1 and a.entry.admin1 == b.entry.admin1:
                a.accepted = b.accepted = True
                changed = True
    sentence_context(cands, by_sent, sent_of)
    return [c for c in cands if c.accepted or c.org or c.blocked]


SMALL = ("community", "village", "neighborhood")
CONTEXT_UNITS = ("governorate", "district", "subdistrict", "city")


def sentence_context(cands: list[Cand], by_sent: dict, sent_of) -> None:
    """A village-level name whose every row lies in a governorate the report never names, in a sentence
    whose other places all lie in one other governorate (دير الزور: ... حي الدرعية), is an unresolved
    place of that governorate: the gazetteer lacks the row there, the same-named row elsewhere is wrong."""
    g = gazetteer()
    for c in cands:
        if not c.accepted or c.container is not None or c.unresolved or c.countryside or c.entry is None:
            continue
        if c.entry.kind not in SMALL and not (c.trigger in ("village", "neighborhood") and c.entry.kind == "town"):
            continue
        if any(e.hand or e.pcode in g.reported for e, _ in c.hit.key.entries):
            continue  # a hand row was added for what reports name: trust it (حي جوبر الدمشقي)
        own = {e.admin1 for e, _ in c.hit.key.entries if e.admin1}
        others = [x for x in by_sent[sent_of(c.ns)] if x is not c and x.accepted and x.entry is not None
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
