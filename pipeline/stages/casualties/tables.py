"""Tables: a header row naming the columns, then rows of numeric cells."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

import regex

from pipeline.core.mentions import ActorMention, NumberMention
from pipeline.core.normalize import NormText
from pipeline.core.phrases import WordTokens as _Tokens
from pipeline.core.text import rx
from pipeline.stages.casualties.lexicon import Lex
from pipeline.stages.casualties.model import Item


_NUM_CELL = regex.compile(r"\s*\(?\s*(\d[\d,]*)\s*\)?\s*")


_RULE_ROW = regex.compile(r"[\s|:\-–=+]*")


@dataclass
class _Cell:
    ns: int
    ne: int
    text: str


@dataclass
class _CellSense:
    group: str | None = None
    gender: str | None = None
    outcome: str | None = None
    actor: str | None = None
    total: bool = False

    def any(self) -> bool:
        return bool(self.group or self.outcome or self.actor or self.total)


def _row_cells(nt: NormText, ls: int, le: int) -> list[_Cell] | None:
    """The cells of a table row: ``|``-separated (plain text) or TAB-separated (HTML/DOCX ingest)."""
    norm = nt.norm
    line = norm[ls:le]
    cuts: list[int] = []
    if "|" in line:
        cuts = [ls + m.start() for m in rx(r"\|").finditer(line)]
    else:
        os_, oe = nt.span(ls, le)
        if "\t" not in nt.original[os_:oe]:
            return None
        cuts = sorted({nt.norm_index(os_ + m.start()) for m in rx(r"\t+").finditer(nt.original[os_:oe])})
    bounds = [ls] + cuts + [le]
    cells = []
    for a, b in zip(bounds, bounds[1:]):
        if a != ls:
            a += 1  # past the separator
        while a < b and norm[a].isspace():
            a += 1
        while b > a and norm[b - 1].isspace():
            b -= 1
        cells.append(_Cell(a, b, norm[a:b]))
    # "| a | b |": no cell before the first bar or after the last one
    if cells and not cells[0].text and "|" in line and line.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1].text and "|" in line and line.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells if len(cells) >= 2 else None


def _cell_sense(cell: _Cell, lex: Lex, toks: _Tokens, acts: list[ActorMention],
                act_starts: list[int]) -> _CellSense:
    sense = _CellSense()
    i0, i1 = toks.first_at_or_after(cell.ns), toks.last_ending_by(cell.ne)
    i = i0
    while i <= i1:
        if lex.table_totals.match(toks, i) is not None and not sense.group:
            sense.total = True
        g = lex.groups.match(toks, i)
        if g is not None and g[0] <= i1 + 1:
            if sense.group is None or sense.group == "persons":
                sense.group, sense.gender = g[1].group, g[1].gender
            i = g[0]
            continue
        o = lex.outcome_nouns.match(toks, i) or lex.cues.match(toks, i)
        if o is not None and o[0] <= i1 + 1:
            sense.outcome = sense.outcome or o[1]
            i = o[0]
            continue
        i += 1
    k = bisect.bisect_left(act_starts, cell.ns)
    if k < len(acts) and acts[k].ne <= cell.ne:
        sense.actor = acts[k].id
    return sense


@dataclass
class _TableText:
    """What the table readers look at: the text, its lines, and the actors, numbers and cues in it."""

    nt: NormText
    lex: Lex
    toks: _Tokens
    acts: list[ActorMention]
    act_starts: list[int]
    numbers: Sequence[NumberMention]
    num_starts: list[int]
    cues: list
    cue_starts: list[int]
    tortures: list
    lines: list[tuple[int, int]]


def table_counts(nt: NormText, numbers: Sequence[NumberMention], lex: Lex, toks: _Tokens,
            acts: list[ActorMention], cues: list, cue_starts: list[int],
            tortures: list) -> tuple[list[Item], list[tuple[int, int]]]:
    """Counts in table cells, and the spans of the data rows (their numbers are read nowhere else).

    A header row names the columns (group ``المدنيون``, outcome ``قتلى``, total ``المجموع``, actor);
    a row label that names an actor is the perpetrator of its counts, one that names a group or an
    outcome gives them; an outcome no header states comes from the lines that introduce the table.
    """
    norm = nt.norm
    if "|" not in norm and "\t" not in nt.original:
        return [], []
    tt = _TableText(nt, lex, toks, acts, [a.ns for a in acts], numbers, [n.ns for n in numbers], cues, cue_starts,
                    tortures, _lines(norm))
    items: list[Item] = []
    rows_spans: list[tuple[int, int]] = []
    li = 0
    while li < len(tt.lines):
        table = _table_at(tt, li)
        if table is None:
            li += 1
            continue
        senses, rows, lj = table
        intro = _intro(tt, li)
        split_cols = any(s.group for s in senses)
        for cells in rows:
            rows_spans.append((cells[0].ns, cells[-1].ne))
            items.extend(_row_items(tt, cells, senses, intro, split_cols))
        li = lj
    return items, rows_spans


def _lines(norm: str) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    pos = 0
    while pos <= len(norm):
        e = norm.find("\n", pos)
        e = len(norm) if e < 0 else e
        lines.append((pos, e))
        pos = e + 1
    return lines


def _table_at(tt: _TableText, li: int) -> tuple[list[_CellSense], list[list[_Cell]], int] | None:
    """A header row at line ``li`` (cells with no digit, naming a group, outcome, total or actor after the
    first) and its data rows (as many cells, one numeric at least): (header senses, rows, next line)."""
    norm = tt.nt.norm
    ls, le = tt.lines[li]
    head = _row_cells(tt.nt, ls, le)
    if head is None or any(ch.isdigit() for ch in norm[ls:le]):
        return None
    senses = [_cell_sense(c, tt.lex, tt.toks, tt.acts, tt.act_starts) for c in head]
    if not any(s.any() for s in senses[1:]):
        return None
    rows: list[list[_Cell]] = []
    lj = li + 1
    while lj < len(tt.lines):
        rs, re_ = tt.lines[lj]
        if _RULE_ROW.fullmatch(norm, rs, re_) and "-" in norm[rs:re_]:
            lj += 1  # a markdown rule |---|---|
            continue
        cells = _row_cells(tt.nt, rs, re_)
        if cells is None or len(cells) != len(head) or \
                not any(_NUM_CELL.fullmatch(c.text) for c in cells):
            break
        rows.append(cells)
        lj += 1
    return (senses, rows, lj) if rows else None


def _intro(tt: _TableText, li: int) -> tuple[str | None, str | None, bool]:
    """The table's outcome, group and torture cause from the (up to 3) lines introducing it."""
    norm, toks, lex = tt.nt.norm, tt.toks, tt.lex
    intro_outcome = intro_group = None
    torture = False
    back, k = 0, li - 1
    while k >= 0 and back < 3:
        ps, pe = tt.lines[k]
        k -= 1
        if not norm[ps:pe].strip():
            continue
        back += 1
        if _row_cells(tt.nt, ps, pe) is not None and "|" in norm[ps:pe]:
            break
        c = bisect.bisect_left(tt.cue_starts, ps)
        line_cues = [x for x in tt.cues[c:] if x[1] <= pe]
        if line_cues and intro_outcome is None:
            intro_outcome = line_cues[-1][2]
        if intro_group is None:
            for i in range(toks.first_at_or_after(ps), toks.last_ending_by(pe) + 1):
                g = lex.groups.match(toks, i)
                if g is not None and g[1].number == "plural":
                    intro_group = g[1].group
                    break
        torture = torture or any(ps <= t[0] < pe for t in tt.tortures)
        if intro_outcome is not None:
            break
    return intro_outcome, intro_group, torture


def _row_items(tt: _TableText, cells: list[_Cell], senses: list[_CellSense],
               intro: tuple[str | None, str | None, bool], split_cols: bool) -> list[Item]:
    """The counts of one data row: each numeric cell with its column's, its row label's or the
    introduction's outcome and group, and the actor of its column or row."""
    intro_outcome, intro_group, torture = intro
    labels = [_cell_sense(c, tt.lex, tt.toks, tt.acts, tt.act_starts) for c in cells
              if not _NUM_CELL.fullmatch(c.text)]
    row = _CellSense()
    for s in labels:
        row.group = row.group or s.group
        row.outcome = row.outcome or s.outcome
        row.actor = row.actor or s.actor
        row.total = row.total or s.total
    out = []
    for col, c in enumerate(cells):
        if _NUM_CELL.fullmatch(c.text) is None:
            continue
        kn = bisect.bisect_left(tt.num_starts, c.ns)
        num = tt.numbers[kn] if kn < len(tt.numbers) and tt.numbers[kn].ne <= c.ne else None
        if num is None or not num.value:
            continue
        col_s = senses[col]
        outcome = col_s.outcome or row.outcome or intro_outcome
        group, gender = col_s.group, col_s.gender
        if group is None and not col_s.total:
            group, gender = row.group, row.gender
        if group is None and not row.total and (not col_s.total or not split_cols):
            group = intro_group  # a lone count column (العدد) counts what the heading names
        if group == "detainees" and outcome in (None, "detained", "disappeared"):
            group, outcome = "persons", outcome or "detained"  # the detained are persons
        if outcome is None:
            continue
        it = Item(num.ns, num.ne, num.value, num.min, num.max, "exact", group=group or "persons",
                   gender=gender, outcomes=(outcome,), num=num)
        it.perpetrator = col_s.actor or row.actor
        it.why_perp, it.why_out = "table_row_or_column", "table_column"
        it.resolved = True
        it.cause = "torture" if torture and outcome == "killed" else None
        out.append(it)
    return out
