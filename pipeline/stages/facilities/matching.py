"""``find_facilities``: facility nouns in sentences that speak of a hit, counted, minus the non-targets."""
from __future__ import annotations

import bisect
from typing import Sequence

import regex

from pipeline.core import settings as S
from pipeline.core.clitics import stems
from pipeline.core.document import text_doc
from pipeline.core.mentions import ActorMention, FacilityMention, NumberMention
from pipeline.core.normalize import NormText
from pipeline.stages.facilities.attack import claim_spans, context_positions, in_descriptive_clause, inside
from pipeline.stages.facilities.counting import (body_start_of, count_of, drop_named_parts, drop_set_members,
                                                 elliptic_counts, is_ratio, named_sites, num_end, number_before,
                                                 numbered_units)
from pipeline.stages.facilities.landmarks import (anaphoric_after, conjunct_of_landmark, is_locative, one_of_before,
                                                  person_possessor, word_before_in)
from pipeline.stages.facilities.perpetrators import attach_perpetrators
from pipeline.stages.facilities.targets import not_a_target
from pipeline.stages.facilities.terms import Fac, FacilityData, _data


#: a word of the normalized text
_WORD = regex.compile(r"\p{L}+")


class _Scope:
    """The sentences of the text that speak of a hit (a damage or attack word outside a party's claims)."""

    def __init__(self, nt: NormText, data: FacilityData, ctx_pos: list[int], parties):
        self.norm, self.data = nt.norm, data
        self.doc = text_doc(nt)
        self.sents = self.doc.sentences
        self.claims = claim_spans(nt, self.doc, data, parties)
        if self.claims:
            ctx_pos = [p for p in ctx_pos if not inside(p, self.claims)]
        ctx_pos = [p for p in ctx_pos if not self.search_raid(p)]
        self.ctx_pos = ctx_pos
        self.hit_sents = {self.sent_index(p) for p in ctx_pos}
        self.body_start = body_start_of(self.norm)

    def search_raid(self, pos: int) -> bool:
        """The hit word at ``pos`` is a raid in a sentence that tells an arrest: a search, no attack."""
        data, norm = self.data, self.norm
        if data.arrest_re is None:
            return False
        m = _WORD.match(norm, pos)
        forms = stems(m.group()) if m is not None else ()
        if not any(f.startswith(r) for f in forms for r in data.raid_words):
            return False
        sent = self.sents[self.sent_index(pos)]
        return data.arrest_re.search(norm, sent.ns, sent.ne) is not None

    def sent_index(self, pos: int) -> int:
        return self.doc.sentence_index(pos)

    def landmark(self, ws: int, ne: int, sent, clitic: str = "") -> bool:
        """A locative word before the facility, unless a relative clause after it speaks of damage."""
        norm, data = self.norm, self.data
        if not is_locative(self.doc, max(sent.ns, ws - S.FACILITY_SCAN_CHARS), ws, data, clitic):
            return False
        if data.relative_re is not None:
            rm = data.relative_re.match(norm, ne, sent.ne)
            if rm is not None:
                k = bisect.bisect_left(self.ctx_pos, ne)
                if k < len(self.ctx_pos) and self.ctx_pos[k] < rm.end():
                    return False
        return True

    def landmark_in(self, ws: int, ne: int, si: int) -> bool:
        return self.landmark(ws, ne, self.sents[si])


def find_facilities(nt: NormText, numbers: Sequence[NumberMention] | None = None,
                    actors: Sequence[ActorMention] | None = None,
                    parties: Sequence[ActorMention] | None = None) -> list[FacilityMention]:
    """Counted facility mentions of the text, in order.

    ``parties`` are the text's actor mentions when already found (who speaks a claim); without them
    they are found here, only when the text has a claim verb. ``actors`` are attached as perpetrators."""
    data = _data()
    ctx_pos = context_positions(nt.norm, data)
    if not ctx_pos:
        return []
    scope = _Scope(nt, data, ctx_pos, actors if actors is not None else parties)
    if not scope.hit_sents:
        return []
    norm = nt.norm
    reader = _NounReader(scope, numbers)
    cands, taken = reader.read()
    cands += elliptic_counts(scope.doc, data, reader.nums, reader.heads, reader.spans, scope.sent_index)
    cands += numbered_units(norm, data, taken, scope.hit_sents, scope.sent_index, scope.landmark_in)
    cands += named_sites(norm, data, taken, scope.hit_sents, scope.sent_index, scope.landmark_in)
    cands.sort(key=lambda f: f.ns)
    cands = drop_named_parts(norm, cands, data, scope.sent_index)
    cands = drop_set_members(cands, scope.body_start, scope.sent_index)
    if actors:
        attach_perpetrators(cands, actors, scope.doc, norm)
    return cands


class _NounReader:
    """Reads the facility nouns of the matcher in order: landmarks, non-targets, back-references, counts."""

    def __init__(self, scope: _Scope, numbers: Sequence[NumberMention] | None):
        self.scope, self.norm, self.data = scope, scope.norm, scope.data
        self.nums = sorted(numbers or [], key=num_end)
        self.num_ends = [num_end(n) for n in self.nums]
        self.counted: dict[str, int] = {}  # facility type -> how many of it the body has counted so far
        self.landmark_end = -1  # end of the last facility read as a landmark
        #: counted mentions whose noun is a phrase, with the span of its head word (مراكز of 9 مراكز تابعة للدفاع المدني)
        self.heads: list[tuple[FacilityMention, tuple[int, int]]] = []
        self.spans: list[tuple[int, int]] = []  # every facility noun the matcher found (posts too)

    def read(self) -> tuple[list[FacilityMention], list[tuple[int, int]]]:
        """The counted mentions, and the spans of their nouns (sorted)."""
        scope = self.scope
        cands: list[FacilityMention] = []
        taken: list[tuple[int, int]] = []
        matches = self.data.matcher.find(self.norm)
        self.spans = [(m.ns, m.ne) for m in matches]
        for k, m in enumerate(matches):
            si = scope.sent_index(m.ns)
            if si not in scope.hit_sents:
                continue
            sent = scope.sents[si]
            if scope.claims and inside(m.ns, scope.claims):
                continue
            prev = matches[k - 1] if k and matches[k - 1].ne > sent.ns else None
            nxt = matches[k + 1] if k + 1 < len(matches) else None
            f = self._mention(m, prev, nxt, sent)
            if f is not None:
                cands.append(f)
                taken.append((m.ns, m.ne))
        taken.sort()
        return cands, taken

    def _mention(self, m, prev, nxt, sent) -> FacilityMention | None:
        norm, data, cl, td = self.norm, self.data, self.data.cl, self.scope.doc
        fac: Fac = m.value
        if self.scope.landmark(m.ws, m.ne, sent, m.clitic) and not m.clitic.startswith(cl.and_) or \
                conjunct_of_landmark(td, m, self.landmark_end, sent, cl):
            # a construct head (أهالي، إدارة) cannot govern a و-conjunct: بمنازل الأهالي وبكنيسة الحي;
            # a و-conjunct of a landmark is one too: محيط المشفى والكنيسة المجاورة له
            self.landmark_end = m.ne
            return None
        if not fac.type or not_a_target(td, m, prev, nxt, sent, data) or self._not_hit(m, sent):
            return None
        one_of = one_of_before(td, max(sent.ns, m.ws - S.FACILITY_WORD_REACH), m.ws, data)
        num = number_before(norm, m.ws, self.nums, self.num_ends, sent.ns, data.number_gap_re)
        in_body = m.ns >= self.scope.body_start
        restated = self._restated_hit(m, fac, num, sent) if in_body else None
        if restated is None and self._refers_back(m, fac, num, one_of, in_body):
            return None
        if in_body and num is None and fac.type in self.counted and word_before_in(
                self.scope.doc, max(sent.ns, m.ws - S.FACILITY_WORD_REACH), m.ws, data.ordinal_refs):
            return None  # ordinal_reference: وهو ثالث فرن ranks the one already counted
        counted_as = count_of(m.ns, fac, num, one_of)
        if counted_as is None or is_ratio(norm, counted_as[1], m.ne, data):
            return None
        count, ns = counted_as
        if in_body:
            self.counted[fac.type] = self.counted.get(fac.type, 0) + count
        f = FacilityMention(ns=ns, ne=m.ne, type=fac.type, count=count)
        if num is not None and " " in norm[m.ns:m.ne]:
            self.heads.append((f, (m.ns, norm.find(" ", m.ns))))
        if restated is not None:
            f.why["count"] = ("restated_hit", restated)
        return f

    def _restated_hit(self, m, fac: Fac, num, sent) -> tuple[int, int] | None:
        """A definite singular noun right after an attack noun (استهداف الفرن، الغارة على المسجد، قصف ذلك
        المشفى) states the hit again: the span of that attack noun, else None. A generic noun
        (المبنى) still refers back to the site it names."""
        norm, data = self.norm, self.data
        art = data.cl.article
        if data.restated_re is None or num is not None or fac.form != "sg":
            return None
        if not (norm.startswith(art, m.ns) or m.fused):
            return None
        head = norm[m.ns:m.ne].split(" ")[0]
        head = head[len(art):] if head.startswith(art) else head
        if head in data.generic:
            return None
        lo = max(sent.ns, m.ws - S.FACILITY_SCAN_CHARS)
        rm = data.restated_re.search(norm, lo, m.ws)
        if rm is None and m.clitic.startswith(data.cl.and_):
            rm = data.restated_conj_re.search(norm, lo, m.ws)
        return (rm.start("head"), rm.end("head")) if rm is not None else None

    def _not_hit(self, m, sent) -> bool:
        """Inside a descriptive clause, named again right after (anaphoric), a person's possessor, or a
        non-referential use: not a facility that was hit."""
        norm, data, td = self.norm, self.data, self.scope.doc
        if in_descriptive_clause(norm, m.ws, sent, self.scope.ctx_pos, data):
            return True
        if anaphoric_after(td, m.ne, sent.ne, data):
            return True
        return person_possessor(td, max(sent.ns, m.ws - S.FACILITY_SCAN_CHARS), m.ws, data) and \
            not norm[m.ws:m.ns].startswith(data.cl.and_) or \
            word_before_in(td, max(sent.ns, m.ws - S.FACILITY_WORD_REACH), m.ws, data.non_referential)

    def _refers_back(self, m, fac: Fac, num, one_of: bool, in_body: bool) -> bool:
        """A definite or 'one of' mention of a type already counted in the body refers back to it."""
        norm, art = self.norm, self.data.cl.article
        definite = norm.startswith(art, m.ns) or m.fused
        if not (in_body and num is None and (definite or one_of) and fac.form != "pl" or
                in_body and one_of and fac.form == "pl"):
            return False
        head = norm[m.ns:m.ne].split(" ")[0]
        head = art + head[len(art):] if m.fused else head
        if definite and fac.form == "sg" and head[len(art):] in self.data.generic:
            return True
        return fac.type in self.counted
