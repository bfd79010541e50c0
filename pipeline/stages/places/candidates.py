"""Gazetteer hits on the normalized text, and the candidate places they open."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.stages.numbers import is_dual_noun
from pipeline.stages.places.gazetteer import Entry, Gazetteer, Key, gazetteer

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

CLITIC_OK = regex.compile(r"[وف]?[بلك]?")
LAM_OK = regex.compile(r"[وف]?ل")


def is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def gazetteer_hits(norm: str) -> list[Hit]:
    g = gazetteer()
    found: list[Hit] = []
    n = len(norm)
    for end, (key, lam) in g.automaton.iter(norm):
        ne = end + 1
        length = len(key) - 1 if lam else len(key)
        ns = ne - length
        if ne < n and is_word(norm[ne]):
            continue
        w = ns
        while w > 0 and is_word(norm[w - 1]):
            w -= 1
        prefix = norm[w:ns]
        if lam:
            if not LAM_OK.fullmatch(prefix):
                continue
        elif prefix and not CLITIC_OK.fullmatch(prefix):
            continue
        elif prefix == "ف" and not norm.startswith("ال", ns):
            continue  # فاطمة is a given name, not ف + اطمة; فالرقة keeps its article
        if prefix and is_dual_noun(norm[w:ne]):
            continue  # برميلان is two barrels, not ب + رميلان
        found.append(Hit(ns, ne, w, g.keys[key], lam))
    # longest first; on equal spans (وقاح: a weak community, or و + قاح) the strong reading wins
    found.sort(key=lambda h: (-(h.ne - h.w), h.w, h.key.weak))
    taken = bytearray(n + 1)
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


def direction_of(g: Gazetteer, d1: str | None, d2: str | None) -> str | None:
    a = g.dirs.get(d1 or "")
    b = g.dirs.get(d2 or "")
    if a and b:
        return DIR_NAMES.get((a, b)) or DIR_NAMES.get((b, a)) or a
    return a
