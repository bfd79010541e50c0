"""Gazetteer hits on the normalized text, and the candidate places they open."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.core import settings as S
from pipeline.core.phrases import is_word_char as is_word
from pipeline.stages.numbers import is_dual_noun
from pipeline.stages.places.gazetteer import Entry, Gazetteer, Key, gazetteer
from pipeline.stages.places.patterns import QUOTES, patterns, window_scans

if TYPE_CHECKING:
    from pipeline.core.document import TextDoc

DIR_NAMES = {("north", "east"): "northeast", ("north", "west"): "northwest",
              ("south", "east"): "southeast", ("south", "west"): "southwest"}


@dataclass(slots=True)
class Hit:
    ns: int  # start of the name (after clitics)
    ne: int
    w: int  # start of the word (clitics included)
    key: Key
    lam: bool  # matched in the ل+ال form (للرقة)


# --------------------------------------------------------------------------- matching

def gazetteer_hits(norm: str) -> list[Hit]:
    """The gazetteer's names in the text, longest first and not overlapping (clitics included), the block
    keys dropped. The candidates come from the shared phrase matcher (a name after a conjunction and/or a
    preposition, or after و/ف in its fused لل form); two readings it allows are no name here."""
    g = gazetteer()
    resumptive, article, lam = g.cl.resumptive, g.cl.article, len(g.cl.lam)
    found: list[Hit] = []
    for m in g.matcher.candidates(norm):
        # للرقة: the name's span starts at its second ل, which stands for the article
        ns = m.ns + lam if m.fused else m.ns
        if m.clitic == resumptive and not m.fused and not norm.startswith(article, ns):
            continue  # فاطمة is a given name, not ف + اطمة; فالرقة keeps its article
        if m.ws < ns and is_dual_noun(norm[m.ws:m.ne]):
            continue  # برميلان is two barrels, not ب + رميلان
        found.append(Hit(ns, m.ne, m.ws, g.keys[m.value], m.fused))
    # longest first; on equal spans (وقاح: a weak community, or و + قاح) the strong reading wins
    found.sort(key=lambda h: (-(h.ne - h.w), h.w, h.key.weak))
    taken = bytearray(len(norm) + 1)
    out: list[Hit] = []
    for h in found:
        if any(taken[h.w:h.ne]):
            continue
        taken[h.w:h.ne] = b"\x01" * (h.ne - h.w)
        out.append(h)
    out.sort(key=lambda h: h.ns)
    return [h for h in out if h.key.mode != "block"]


# --------------------------------------------------------------------------- resolution


@dataclass(slots=True)
class Cand:
    hit: Hit
    ns: int
    ne: int
    trigger: str | None = None  # kind of the trigger word before
    trig_ns: int | None = None
    direction: str | None = None
    countryside: bool = False
    entry: Entry | None = None
    spelled: str = ""
    container: "Cand | None" = None
    dual_carry: bool = False
    dir_before: bool = False
    near: "Cand | None" = None
    accepted: bool = False
    unresolved: bool = False
    blocked: bool = False  # never a place (facility noun, counted noun): not revived by a list
    org: bool = False  # inside an organization's name: also no unresolved reading after its trigger
    ctx: Entry | None = None  # the unit the sentence places an unresolved name in (no container named)
    why: tuple | None = None  # (homonym rule, normalized span) that chose ``entry``


def direction_of(g: Gazetteer, d1: str | None, d2: str | None) -> str | None:
    a = g.dirs.get(d1 or "")
    b = g.dirs.get(d2 or "")
    if a and b:
        return DIR_NAMES.get((a, b)) or DIR_NAMES.get((b, a)) or a
    return a


# --------------------------------------------------------------------------- candidates


def open_candidates(norm: str, hits: list[Hit]) -> list[Cand]:
    """One candidate per hit, with the trigger word before it and a direction before or after it."""
    g = gazetteer()
    pat = patterns()
    cands: list[Cand] = []
    for h in hits:
        c = _quoted_countryside(norm, h, g, pat) or Cand(h, h.ns, h.ne, countryside=h.key.mode == "countryside")
        m = window_scans()["trig_before"].search(norm, max(0, h.w - S.PLACE_TRIGGER_REACH), h.w)
        if m:
            c.trigger = g.trig_kind[m.group("t")]
            c.trig_ns = m.start("t")
        m = pat["dir_after"].match(norm, h.ne)
        if m:
            c.direction = direction_of(g, m.group("d1"), m.group("d2"))
            c.ne = m.end()
        if not c.trigger:
            m = window_scans()["dir_before"].search(norm, max(0, h.w - S.PLACE_DIRECTION_REACH), h.w)
            if m:
                c.direction = direction_of(g, m.group("d1"), m.group("d2")) or c.direction
                c.ns = m.start("d1")
                c.dir_before = True
        if cands and h.ns < cands[-1].ne:
            continue  # the direction adjective of the previous place (ريف إدلب الجنوبي), not a name
        cands.append(c)
    return cands


def _quoted_countryside(norm: str, h: Hit, g: Gazetteer, pat: dict) -> Cand | None:
    """بريف "إدلب": the countryside word and the quoted name are one countryside key, read as if unquoted."""
    if h.w != h.ns or h.key.mode != "name":
        return None
    m = window_scans()["countryside_quoted"].search(norm, max(0, h.w - S.PLACE_TRIGGER_REACH), h.w)
    if m is None:
        return None
    key = g.keys.get(f"{m.group('r')} {norm[h.ns:h.ne]}")
    if key is None or key.mode == "block":
        return None
    return Cand(Hit(h.ns, h.ne, h.w, key, h.lam), m.start("r"), h.ne, countryside=key.mode == "countryside")


def carry_coordinated(norm: str, cands: list[Cand]) -> None:
    """Dual triggers and ``ريفي X وY``: the coordinated next name inherits the trigger or the countryside."""
    g = gazetteer()
    conj = g.cl.conjunctions
    joined = conj + g.cl.trigger_prepositions
    coord = g.coord_trig | {w[1:] for w in g.coord_trig if w[0] in joined}
    for a, b in zip(cands, cands[1:]):
        gap = norm[a.ne:b.hit.w].strip(QUOTES + " ")  # قريتي "X" و"Y": quotes around the names
        if (gap == "" and norm[b.hit.w:b.hit.ns].startswith(conj[0])) or gap == conj[0]:
            if a.hit.key.dual and b.hit.key.mode == "name" and not b.trigger:
                b.countryside = True
                b.dual_carry = True
            elif a.trigger and a.trig_ns is not None and not b.trigger \
                    and norm[a.trig_ns:a.ns].split(" ", 1)[0].lstrip(joined) in coord:
                b.trigger = a.trigger


def link_containers(norm: str, cands: list[Cand]) -> None:
    """The containing unit right after a name (حارم بريف إدلب، X في مدينة Z), or a direction hint (X جنوب دمشق)."""
    pat = patterns()
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
        elif not a.countryside:  # ريف X، ومحور Y بجبل Z: a countryside is in no unit an unknown name is in
            for m in (pat["coord_unknown1"].match(gap), pat["coord_unknown"].match(gap)):
                if m and pat["contain"].match(gap[m.end():]):
                    a.container = b  # حيي X وY في مدينة Z: Y is not in the gazetteer
                    break


def list_gap(norm: str, a: Cand, b: Cand) -> str:
    """What stands between two names of a list, with the conjunction that opens the second one's word."""
    conj = gazetteer().cl.conjunctions[0]
    return norm[a.ne:b.hit.w] + (conj if norm[b.hit.w:b.hit.ns].startswith(conj) else "")


def share_list_container(norm: str, cands: list[Cand]) -> None:
    """A coordinated list shares the unit named after its last name: قريتي X وY بريف حماة."""
    pat = patterns()
    containers = {id(c.container) for c in cands if c.container is not None}
    for a, b in reversed(list(zip(cands, cands[1:]))):
        if a.countryside or id(a) in containers or a.dir_before:
            continue  # في ريف حماة، وخان شيخون في ريف إدلب: a containing unit ends the list before it
        if a.container is None and b.container is not None and b.ns >= a.ne and pat["coord"].match(
                list_gap(norm, a, b)):
            a.container = b.container


class SentenceIndex:
    """The sentence of a position, and the candidates of each sentence."""

    def __init__(self, doc: TextDoc, cands: list[Cand]):
        self.doc, self.sents = doc, doc.sentences
        self.by_sent: dict[tuple[int, int], list[Cand]] = {}
        for c in cands:
            self.by_sent.setdefault(self.of(c.ns), []).append(c)

    def of(self, pos: int) -> tuple[int, int]:
        i = self.doc.sentence_index(pos)
        if i >= 0 and pos < self.sents[i].ne:
            return self.sents[i].ns, self.sents[i].ne
        return pos, pos

    def cands_of(self, c: Cand) -> list[Cand]:
        return self.by_sent[self.of(c.ns)]
