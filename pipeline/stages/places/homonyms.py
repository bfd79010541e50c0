"""Choosing among the same-named gazetteer rows of a candidate: an ordered list of named rules.

The first rule that fires picks the row; its name and the span of the words that decided it are kept
on the candidate (``Cand.why``). The last rule weighs every piece of context (settings ``PLACE_SCORE_*``).
The rules before it are the cases it always decides alike, named so that a reader sees why:

- ``only_row``: the name has one row (or one of the kinds a ``ريفي X وY`` countryside takes);
- ``row_in_containing_unit``: one row lies in the governorate of the unit named right after it
  (``حارم بريف إدلب``): the containing unit outweighs every other piece of context;
- ``strong_row_for_bare_name``: a name with no trigger and no containing unit, of which one row is not a
  weak hamlet (``تركيا`` the country, not a hamlet of that name);
- ``best_fitting_row``: the row whose kind, trigger, nearby places, sentence and report governorates and
  population fit best.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.core import settings as S
from pipeline.core.rules import Rule, decide, rule
from pipeline.stages.places.candidates import Cand
from pipeline.stages.places.gazetteer import COUNTRYSIDE_KINDS, Entry, gazetteer

# Which gazetteer kinds a trigger kind accepts.
COMPAT = {
    "city": {"city", "town", "community", "village"},
    "town": {"town", "city", "community", "village"},
    "village": {"village", "community", "town"},
    "neighborhood": {"neighborhood"},
    "camp": {"camp"},
    "governorate": {"governorate"},
    "district": {"district", "region", "subdistrict"},
    "subdistrict": {"subdistrict"},
    "site": set(),
}


@dataclass
class HomonymCtx:
    """What the homonym rules look at for one candidate."""

    cand: Cand
    entries: list  # list[tuple[Entry, str]]: the rows it may name, with their spelling
    sent_a1: set  # governorates of the sentence's other places
    doc_a1: dict  # governorate -> unambiguous mentions in the report

    @property
    def bare(self) -> bool:
        """No trigger (or a site's), no containing unit, no countryside: the bare name."""
        c = self.cand
        return c.trigger in (None, "site") and c.container is None and not c.countryside


def row_score(c: Cand, e: Entry, sent_a1: set, doc_a1: dict) -> float:
    s = float(S.PLACE_KIND_BASE.get(e.kind, S.PLACE_KIND_BASE_OTHER))
    if e.kind == "community" and e.coord_source == "own":
        s += S.PLACE_SCORE_OWN_POINT
    if c.countryside:
        s = S.PLACE_COUNTRYSIDE_BASE.get(e.kind, 0)
    if c.trigger and c.trigger in COMPAT and e.kind in COMPAT[c.trigger]:
        s += S.PLACE_SCORE_TRIGGER
    ctn = c.container
    if ctn is not None and ctn.entry is not None and ctn.entry.kind != "country":
        ce = ctn.entry
        if e.admin1 and e.admin1 == ce.admin1:
            s += S.PLACE_SCORE_CONTAINER
            if ce.admin2 and e.admin2 == ce.admin2 and ce.kind not in ("governorate",):
                s += S.PLACE_SCORE_CONTAINER_DISTRICT
        else:
            s -= S.PLACE_SCORE_CONTAINER
    if c.near is not None and c.near.entry is not None and e.admin1 == c.near.entry.admin1:
        s += S.PLACE_SCORE_NEAR
    if e.admin1 in sent_a1:
        s += S.PLACE_SCORE_SENTENCE
    if doc_a1.get(e.admin1):
        s += min(S.PLACE_SCORE_REPORT_MAX, S.PLACE_SCORE_REPORT_EACH * doc_a1[e.admin1])
    if e.population:
        s += min(S.PLACE_SCORE_POPULATION_MAX, math.log10(e.population + 1) / 2)
    return s


def _name_span(c: Cand) -> tuple[int, int]:
    return c.hit.ns, c.hit.ne


@rule("only_row", "the name has one row (of the kinds its countryside takes)")
def _only_row(ctx: HomonymCtx):
    if len(ctx.entries) == 1:
        return ctx.entries[0], _name_span(ctx.cand)
    return None


@rule("row_in_containing_unit", "one row lies in the governorate of the unit named right after the name "
      "(حارم بريف إدلب، الجورة في مدينة دير الزور)")
def _in_container(ctx: HomonymCtx):
    ctn = ctx.cand.container
    if ctn is None or ctn.entry is None or ctn.entry.kind == "country" or not ctn.entry.admin1:
        return None
    inside = [es for es in ctx.entries if es[0].admin1 == ctn.entry.admin1]
    if len(inside) == 1:
        return inside[0], (ctn.ns, ctn.ne)
    return None


def _strong(ctx: HomonymCtx) -> list:
    weak = gazetteer().weak_rows
    return [es for es in ctx.entries if es[0].pcode not in weak]


@rule("strong_row_for_bare_name", "a bare name (no trigger, no containing unit) of which one row is not a "
      "weak hamlet: تركيا the country")
def _strong_row(ctx: HomonymCtx):
    if ctx.bare:
        strong = _strong(ctx)
        if len(strong) == 1:
            return strong[0], _name_span(ctx.cand)
    return None


@rule("best_fitting_row", "otherwise: the row whose kind, trigger, containing unit, nearby places, sentence "
      "and report governorates and population fit best")
def _best(ctx: HomonymCtx):
    entries = (_strong(ctx) or ctx.entries) if ctx.bare else ctx.entries
    c = ctx.cand
    return max(entries, key=lambda es: row_score(c, es[0], ctx.sent_a1, ctx.doc_a1)), _name_span(c)


HOMONYM_RULES: list[Rule[HomonymCtx]] = [_only_row, _in_container, _strong_row, _best]


def rows_of(c: Cand) -> list:
    """The rows a candidate may name: a countryside carried by ``ريفي X وY`` only of a countryside's kinds."""
    entries = c.hit.key.entries
    if c.dual_carry:
        entries = [(e, sp) for e, sp in entries if e.kind in COUNTRYSIDE_KINDS]
        if not entries:
            c.countryside = False
            entries = c.hit.key.entries
    return entries


def choose_row(c: Cand, sent_a1: set, doc_a1: dict) -> None:
    """Sets ``c.entry``, ``c.spelled`` and ``c.why`` by the first homonym rule that fires; a row outside
    the containing unit named after it makes the candidate unresolved."""
    d = decide(HOMONYM_RULES, HomonymCtx(c, rows_of(c), sent_a1, doc_a1))
    assert d is not None  # best_fitting_row always fires
    c.entry, c.spelled = d.value
    c.why = (d.rule, d.span)
    if not contained_ok(c):
        c.unresolved = True


def contained_ok(c: Cand) -> bool:
    """True when the containing unit named after ``c`` agrees with its resolution."""
    ctn = c.container
    if ctn is None or ctn.entry is None or ctn.entry.kind == "country" or c.entry is None:
        return True
    return bool(c.entry.admin1) and c.entry.admin1 == ctn.entry.admin1
