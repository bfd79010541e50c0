"""Places the gazetteer lacks but the text marks with a trigger word (قرية تل الشيح بريف حماة)."""
from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from pipeline.core import settings as S
from pipeline.core.mentions import PlaceMention
from pipeline.core.normalize import NormText
from pipeline.core.document import text_doc
from pipeline.core.phrases import AnchoredPattern, clitic_sequences, heads_of
from pipeline.stages.places.candidates import Cand, Hit
from pipeline.stages.places.gazetteer import Entry, gazetteer
from pipeline.stages.places.output import surface, unresolved_mention
from pipeline.stages.places.patterns import CLOSE_QUOTES, OPEN_QUOTES, patterns


def _stops_name(g, w: str, first_word: bool) -> bool:
    """A word that cannot be (or go on) a name: a stop word, a trigger, a conjunct that opens a known name
    or trigger, a preposition + the countryside word, or (after a name's first word) + a known name or trigger."""
    cl = g.cl
    and_ = cl.conjunctions[0]
    if not ARABIC_WORD.fullmatch(w) or w in g.name_stop or w in g.trig_kind:
        return True
    if w.startswith(and_) and (w[1:] in g.trig_kind or w[1:] in g.keys or w.startswith(and_ + cl.article)):
        return True
    if w[0] not in cl.trigger_prepositions:
        return False
    # a joined preposition + the countryside word never opens a name (قرى بريف X); + a known name or trigger
    # does not go on one (a name may itself begin with such a letter: بنش)
    return w[1:] == cl.countryside or (not first_word and (w[1:] in g.keys or w[1:] in g.trig_kind))


def name_after(norm: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The 1-3 words of a place name starting at ``pos`` (stops at a preposition, comma, context)."""
    g = gazetteer()
    pat = patterns()
    art = g.cl.article
    words: list[tuple[int, int]] = []
    for m in pat["word"].finditer(norm, pos, min(len(norm), pos + S.PLACE_NAME_REACH)):
        if m.start() >= limit:
            break
        w = m.group()
        if words and norm[words[-1][1]:m.start()] != " ":
            break
        if _stops_name(g, w, not words):
            break
        if not words:
            words.append(m.span())
            continue
        first = norm[words[0][0]:words[0][1]]
        prev = norm[words[-1][0]:words[-1][1]]
        if prev in g.prefixes or (len(words) == 1 and not first.startswith(art) and w.startswith(art)):
            words.append(m.span())
            if len(words) == S.PLACE_NAME_MAX_WORDS:
                break
            continue
        break
    if not words:
        return None
    # a direction adjective right after a village name belongs to it (أم حجيرة الشمالية)
    m = pat["dir_after"].match(norm, words[-1][1])
    if m and m.end() <= limit and len(words) < S.PLACE_NAME_MAX_WORDS:
        return words[0][0], m.end("d1")
    return words[0][0], words[-1][1]


ARABIC_WORD = regex.compile(r"\p{Arabic}+")


class _Scan:
    """The text's kept places and the spans already taken, as the trigger-only reading looks at them."""

    def __init__(self, nt: NormText, kept: list[Cand], hits: list[Hit]):
        self.nt, self.norm, self.kept = nt, nt.norm, kept
        self.g, self.pat = gazetteer(), patterns()
        self.occupied = bytearray(len(self.norm) + 1)
        for h in hits:
            self.take(h.w, h.ne)
        self.starts = sorted(c.hit.w for c in kept)
        self.kept_ns = [c.ns for c in kept]
        self.doc = text_doc(nt)
        self.sents = self.doc.sentences
        and_ = regex.escape(self.g.cl.conjunctions[0])
        # what joins the names of a list: a comma, و or both, a quote closing the name before or opening the next
        self.next_name = regex.compile(
            rf" ?[{regex.escape(CLOSE_QUOTES)}]? ?(?:(?P<c>,) ?(?P<a>{and_})?|(?P<a2>{and_})) ?"
            rf"[{regex.escape(OPEN_QUOTES)}]?(?=\S)")
        self.first_at: dict[int, Cand] = {}  # the first kept place whose word starts at an offset
        for c in kept:
            self.first_at.setdefault(c.hit.w, c)

    def free(self, a: int) -> bool:
        return not self.occupied[a]

    def take(self, s: int, e: int) -> None:
        self.occupied[s:e] = b"\x01" * (e - s)

    def container_after(self, e_: int) -> Entry | None:
        i = bisect.bisect_left(self.kept_ns, e_)
        if i == len(self.kept):
            return None
        c = self.kept[i]
        gap = self.norm[e_:c.ns]
        if self.pat["contain"].match(gap) or (c.dir_before and gap.strip() == ""):
            if c.countryside and c.entry.kind == "governorate":
                return self.g.rows.get(c.entry.admin1 or "")
            return unit_of(c)
        return None

    def context(self, ns_: int, ne_: int) -> Entry | None:
        """The unit named right after the name, else the governorate of the nearest place of its sentence."""
        ctn = self.container_after(ne_)
        if ctn is not None:
            return ctn
        k = self.doc.sentence_index(ns_)  # sentences are sorted and disjoint
        s0, s1 = (self.sents[k].ns, self.sents[k].ne) if k >= 0 and ns_ < self.sents[k].ne else (ns_, ne_)
        near = [c for c in self.kept[bisect.bisect_left(self.kept_ns, s0):bisect.bisect_left(self.kept_ns, s1)]
                if unit_of(c) is not None and unit_of(c).admin1]
        if not near:
            return None
        c = min(near, key=lambda c: abs(c.ns - ns_))
        return self.g.rows.get(unit_of(c).admin1)

    def grab(self, pos: int) -> tuple[int, int] | None:
        """The unknown name at ``pos``, up to the next kept place; not a stop word nor an adjective."""
        if not self.free(pos):
            return None
        k = bisect.bisect_right(self.starts, pos)
        limit = self.starts[k] if k < len(self.starts) else len(self.norm)
        span = name_after(self.norm, pos, limit)
        if span is None:
            return None
        g = self.g
        name = self.norm[span[0]:span[1]]
        if name in g.stop or name in g.name_stop:
            return None
        first = name.split(" ", 1)[0]
        if not first.startswith(g.cl.article) and first not in g.keys and len(first) >= S.PLACE_ADJECTIVE_MIN_LETTERS \
                and first.endswith(g.adj_suffixes):
            return None  # بلدات حدودية، قرى نائية: an adjective, not a name
        return span


def unit_of(c: Cand) -> Entry | None:
    if c.unresolved:  # its own row is in the wrong governorate: use the unit it was placed in
        return c.container.entry if c.container is not None else c.ctx
    return c.entry


@lru_cache(maxsize=1)
def _trigger_scans() -> tuple[AnchoredPattern, AnchoredPattern]:
    """The singular and plural trigger patterns, run at the words that may start them: a trigger word
    with the conjunction and preposition it may carry."""
    pat, cl = patterns(), gazetteer().cl
    seqs = clitic_sequences(cl.conjunctions, cl.trigger_prepositions)
    return (AnchoredPattern(pat["unres"], heads_of(pat["unres_kind"], seqs)),
            AnchoredPattern(pat["plural"], heads_of(pat["plural_kind"], seqs)))


def unresolved_triggers(nt: NormText, kept: list[Cand], hits: list[Hit]) -> list[PlaceMention]:
    """Trigger + unknown name: قرية تل الشيح بريف حماة, قرى صيدا والمعلق."""
    scan = _Scan(nt, kept, hits)
    return _singular_triggers(scan) + _plural_triggers(scan)


def _singular_triggers(scan: _Scan) -> list[PlaceMention]:
    """قرية تل الشيح، حقل العمر: one unknown name after a singular trigger (a site's trigger is part of it)."""
    norm, pat = scan.norm, scan.pat
    out: list[PlaceMention] = []
    for m in _trigger_scans()[0].finditer(norm):
        kind = pat["unres_kind"][m.group("t")]
        span = scan.grab(m.end())
        if span is None:
            continue
        ns, ne = span
        if kind == "site" and not norm.startswith(scan.g.cl.article, ns):
            continue  # مطار عسكري، حقل نفطي: an adjective; a named site is definite (حقل العمر)
        if kind == "region" and norm[ns:ne].split(" ", 1)[0] not in scan.g.prefixes:
            continue  # منطقة سكنية، منطقة الاشتباكات: a common noun; a named region opens with جبل، وادي، سهل
        if kind in ("camp", "site"):
            ns = m.start("t")
        out.append(unresolved_mention(ns, ne, surface(scan.nt, ns, ne), kind, scan.context(ns, ne)))
        scan.take(ns, ne)
    return out


def _plural_triggers(scan: _Scan) -> list[PlaceMention]:
    """قرى صيدا والمعلق، حيي X وY: every unknown name of a list after a plural or dual trigger."""
    out: list[PlaceMention] = []
    for m in _trigger_scans()[1].finditer(scan.norm):
        kind = scan.pat["plural_kind"][m.group("t")]
        if kind not in ("village", "town", "neighborhood"):
            continue
        names, chain_end = _name_chain(scan, m.end())
        if not names:
            continue
        ctn = scan.context(names[0][0], max(chain_end, names[-1][1]))
        for ns, ne in names:
            out.append(unresolved_mention(ns, ne, surface(scan.nt, ns, ne), kind, ctn))
    return out


def _name_chain(scan: _Scan, pos: int) -> tuple[list[tuple[int, int]], int]:
    """The unknown names of a list joined by و or a comma from ``pos``, and where the list ends; a known
    name inside it (حيي X وY: X is known) is skipped, not part of the result. A name joined by a comma
    alone belongs to the list only when a later name is joined by و (قرى X، Y، وZ): the list ends at its
    last name joined by و."""
    norm = scan.norm
    names: list[tuple[int, int]] = []
    chain_end = pos
    closed = (0, pos)  # how many names, and where the list ends, as far as its last و-joined name
    by_and = True  # the first name, or one joined by و
    while True:
        known = scan.first_at.get(pos) if not scan.free(pos) else None
        if known is not None:
            span = (known.hit.w, known.ne)  # حيي X وY: X is known, Y still takes the trigger
        else:
            span = scan.grab(pos)
            if span is None:
                break
            names.append(span)
        chain_end = span[1]
        if by_and:
            closed = (len(names), chain_end)
        nxt = scan.next_name.match(norm, span[1], min(len(norm), span[1] + S.PLACE_LIST_JOIN_REACH))
        if nxt is None:
            break
        by_and = bool(nxt.group("a") or nxt.group("a2"))
        pos = nxt.end()
        if not scan.free(pos - 1) and not scan.free(pos):
            break
    names, chain_end = names[:closed[0]], closed[1]
    for span in names:
        scan.take(*span)
    return names, chain_end
