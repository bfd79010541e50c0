"""Weapons: every weapon named in a report, typed per SPEC section 3.

``find_weapons(nt)`` matches the terms of ``lexicons/weapons.json`` on the
normalized view in one pass, longest first (``برصاص قناص`` is one gunfire
mention, ``قذائف هاون`` one mortar mention). Ambiguous words listed under
``needs_context`` count only near a harm/attack term of
``lexicons/harm_verbs.json``.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.core import settings
from pipeline.core.document import TextDoc, text_doc
from pipeline.core.phrases import PhraseMatcher, harm_terms
from pipeline.core.lexicon import cached_table, load_json
from pipeline.core.mentions import WeaponMention
from pipeline.core.normalize import NormText

__all__ = ["find_weapons", "WEAPON_TYPES"]

WEAPON_TYPES = ("airstrike", "barrel_bomb", "cluster_munition", "chemical", "incendiary", "missile",
                "artillery", "mortar", "landmine", "ied", "car_bomb", "gunfire", "drone", "other")

CONTEXT_WINDOW = settings.WEAPON_CONTEXT_WINDOW
_SCAN_CHARS = settings.WEAPON_SCAN_CHARS


@dataclass(frozen=True, slots=True)
class _Weapon:
    type: str
    context: bool = False


@cached_table("weapons.matcher")
def _matcher() -> PhraseMatcher:
    data = load_json("weapons.json")
    entries = []
    for wtype, terms in data["types"].items():
        if wtype not in WEAPON_TYPES:
            raise ValueError(f"weapons.json: unknown weapon type {wtype!r}")
        entries += [(t, _Weapon(wtype)) for t in terms]
    for wtype, terms in data.get("needs_context", {}).items():
        entries += [(t, _Weapon(wtype, context=True)) for t in terms]
    entries += [(t, None) for t in data.get("shadow", [])]
    return PhraseMatcher(entries)


def find_weapons(nt: NormText) -> list[WeaponMention]:
    """Every weapon mention of the text, in order."""
    norm = nt.norm
    out: list[WeaponMention] = []
    td: TextDoc | None = None
    for m in _matcher().find(norm):
        w: _Weapon = m.value
        if w.context:
            td = td or text_doc(nt)
            i = td.sentence_index(m.ns)
            lo, hi = (td.sentences[i].ns, td.sentences[i].ne) if i >= 0 else (0, len(norm))
            if not _near_harm(td, lo, hi, m.ws, m.ne):
                continue
        out.append(WeaponMention(ns=m.ns, ne=m.ne, type=w.type))
    return out


def _near_harm(td: TextDoc, lo: int, hi: int, s: int, e: int) -> bool:
    """A harm or attack term among the words on each side of ``[s, e)`` within its sentence ``[lo, hi)``."""
    harm = harm_terms()
    before = td.words_in(max(lo, s - _SCAN_CHARS), s)[-CONTEXT_WINDOW:]
    after = td.words_in(e, min(hi, e + _SCAN_CHARS))[:CONTEXT_WINDOW]
    return any(harm.is_harm(w) for w in before + after)
