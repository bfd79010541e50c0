"""``find_facilities``: facility nouns in sentences that speak of a hit, counted, minus the non-targets."""
from __future__ import annotations

import bisect
from typing import Sequence

from pipeline.core.mentions import ActorMention, FacilityMention, NumberMention
from pipeline.core.normalize import NormText
from pipeline.core.text import sentences
from pipeline.stages.facilities.attack import claim_spans, in_descriptive_clause, inside
from pipeline.stages.facilities.counting import (body_start_of, count_of, drop_named_parts, drop_set_members, is_ratio,
                                                 named_sites, num_end, number_before, numbered_units)
from pipeline.stages.facilities.landmarks import (SCAN_CHARS, anaphoric_after, conjunct_of_landmark, is_locative,
                                                  one_of_before, person_possessor, word_before_in)
from pipeline.stages.facilities.perpetrators import attach_perpetrators
from pipeline.stages.facilities.targets import not_a_target
from pipeline.stages.facilities.terms import Fac, _data


def find_facilities(nt: NormText, numbers: Sequence[NumberMention] | None = None,
                    actors: Sequence[ActorMention] | None = None,
                    parties: Sequence[ActorMention] | None = None) -> list[FacilityMention]:
    """Counted facility mentions of the text, in order.

    ``parties`` are the text's actor mentions when already found (who speaks a claim); without them
    they are found here, only when the text has a claim verb. ``actors`` are attached as perpetrators."""
    data = _data()
    norm = nt.norm
    sents = sentences(norm)
    starts = [s.ns for s in sents]

    def sent_index(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    # Sentences with a damage/attack word, outside a party's claims and denials.
    ctx_pos = [m.ns for m in data.context.find(norm)]
    if data.tally_re is not None:
        ctx_pos += [m.start() for m in data.tally_re.finditer(norm)]
    ctx_pos.sort()
    if not ctx_pos:
        return []
    claims = claim_spans(nt, sents, starts, data, actors if actors is not None else parties)
    if claims:
        ctx_pos = [p for p in ctx_pos if not inside(p, claims)]
    hit_sents = {sent_index(p) for p in ctx_pos}
    if not hit_sents:
        return []
    body_start = body_start_of(norm)

    nums = sorted(numbers or [], key=num_end)
    num_ends = [num_end(n) for n in nums]

    def landmark(ws: int, ne: int, sent) -> bool:
        """A locative word before the facility, unless a relative clause after it speaks of damage."""
        if not is_locative(norm, max(sent.ns, ws - SCAN_CHARS), ws, data):
            return False
        if data.relative_re is not None:
            rm = data.relative_re.match(norm, ne, sent.ne)
            if rm is not None:
                k = bisect.bisect_left(ctx_pos, ne)
                if k < len(ctx_pos) and ctx_pos[k] < rm.end():
                    return False
        return True

    cands: list[FacilityMention] = []
    taken: list[tuple[int, int]] = []
    #: facility type -> how many of it the body has counted so far
    counted: dict[str, int] = {}
    matches = data.matcher.find(norm)
    landmark_end = -1  # end of the last facility read as a landmark
    for k, m in enumerate(matches):
        fac: Fac = m.value
        si = sent_index(m.ns)
        if si not in hit_sents:
            continue
        sent = sents[si]
        if claims and inside(m.ns, claims):
            continue
        prev = matches[k - 1] if k and matches[k - 1].ne > sent.ns else None
        if landmark(m.ws, m.ne, sent) and not m.clitic.startswith("و") or \
                conjunct_of_landmark(norm, m, landmark_end, sent):
            # a construct head (أهالي، إدارة) cannot govern a و-conjunct: بمنازل الأهالي وبكنيسة الحي;
            # a و-conjunct of a landmark is one too: محيط المشفى والكنيسة المجاورة له
            landmark_end = m.ne
            continue
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        if not fac.type or not_a_target(norm, m, prev, nxt, sent, data):
            continue
        if in_descriptive_clause(norm, m.ws, sent, ctx_pos, data):
            continue
        if anaphoric_after(norm, m.ne, sent.ne, data):
            continue
        if person_possessor(norm, max(sent.ns, m.ws - SCAN_CHARS), m.ws, data) and \
                not norm[m.ws:m.ns].startswith("و") or \
                word_before_in(norm, max(sent.ns, m.ws - 12), m.ws, data.non_referential):
            continue
        definite = norm.startswith("ال", m.ns) or m.fused
        one_of = one_of_before(norm, max(sent.ns, m.ws - 12), m.ws, data)
        num = number_before(norm, m.ws, nums, num_ends, sent.ns)
        in_body = m.ns >= body_start
        if in_body and num is None and (definite or one_of) and fac.form != "pl" or \
                in_body and one_of and fac.form == "pl":
            # a definite or 'one of' mention of a type already counted in the body refers back to it
            head = norm[m.ns:m.ne].split(" ")[0]
            head = "ال" + head[2:] if m.fused else head
            if definite and fac.form == "sg" and head[2:] in data.generic and counted:
                continue
            if fac.type in counted:
                continue
        counted_as = count_of(m.ns, fac, num, one_of)
        if counted_as is None or is_ratio(norm, counted_as[1], m.ne, data):
            continue
        count, ns = counted_as
        cands.append(FacilityMention(ns=ns, ne=m.ne, type=fac.type, count=count))
        taken.append((m.ns, m.ne))
        if in_body:
            counted[fac.type] = counted.get(fac.type, 0) + count

    taken.sort()
    cands += numbered_units(norm, data, taken, hit_sents, sent_index,
                             lambda ws, e, si: landmark(ws, e, sents[si]))
    cands += named_sites(norm, data, taken, hit_sents, sent_index,
                          lambda ws, e, si: landmark(ws, e, sents[si]))
    cands.sort(key=lambda f: f.ns)
    cands = drop_named_parts(norm, cands, data, sent_index)
    cands = drop_set_members(cands, body_start, sent_index)
    if actors:
        attach_perpetrators(cands, actors, sents, starts, norm)
    return cands
