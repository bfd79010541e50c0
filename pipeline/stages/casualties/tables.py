"""Tables: a header row naming the columns, then rows of numeric cells."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

import regex

from pipeline.core.mentions import ActorMention, NumberMention
from pipeline.core.normalize import NormText
from pipeline.core.phrases import WordTokens as _Tokens
from pipeline.stages.casualties.lexicon import _Lex
from pipeline.stages.casualties.model import _Item


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
        cuts = [ls + m.start() for m in regex.finditer(r"\|", line)]
    else:
        os_, oe = nt.span(ls, le)
        if "\t" not in nt.original[os_:oe]:
            return None
        cuts = sorted({nt.norm_index(os_ + m.start()) for m in regex.finditer(r"\t+", nt.original[os_:oe])})
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


def _cell_sense(cell: _Cell, lex: _Lex, toks: _Tokens, acts: list[ActorMention],
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


def _tables(nt: NormText, numbers: Sequence[NumberMention], lex: _Lex, toks: _Tokens,
            acts: list[ActorMention], cues: list, cue_starts: list[int],
            tortures: list) -> tuple[list[_Item], list[tuple[int, int]]]:
    """Counts in table cells, and the spans of the data rows (their numbers are read nowhere else).

    A header row names the columns (group ``المدنيون``, outcome ``قتلى``, total ``المجموع``, actor);
    a row label that names an actor is the perpetrator of its counts, one that names a group or an
    outcome gives them; an outcome no header states comes from the lines that introduce the table.
    """
    norm = nt.norm
    if "|" not in norm and "\t" not in nt.original:
        return [], []
    act_starts = [a.ns for a in acts]
    num_starts = [n.ns for n in numbers]
    lines: list[tuple[int, int]] = []
    pos = 0
    while pos <= len(norm):
        e = norm.find("\n", pos)
        e = len(norm) if e < 0 else e
        lines.append((pos, e))
        pos = e + 1
    items: list[_Item] = []
    rows_spans: list[tuple[int, int]] = []
    li = 0
    while li < len(lines):
        ls, le = lines[li]
        head = _row_cells(nt, ls, le)
        if head is None or any(ch.isdigit() for ch in norm[ls:le]):
            li += 1
            continue
        senses = [_cell_sense(c, lex, toks, acts, act_starts) for c in head]
        if not any(s.any() for s in senses[1:]):
            li += 1
            continue
        # data rows: same number of cells, at least one numeric cell
        rows: list[list[_Cell]] = []
        lj = li + 1
        while lj < len(lines):
            rs, re_ = lines[lj]
            if _RULE_ROW.fullmatch(norm, rs, re_) and "-" in norm[rs:re_]:
                lj += 1  # a markdown rule |---|---|
                continue
            cells = _row_cells(nt, rs, re_)
            if cells is None or len(cells) != len(head) or \
                    not any(_NUM_CELL.fullmatch(c.text) for c in cells):
                break
            rows.append(cells)
            lj += 1
        if not rows:
            li += 1
            continue
        # the table's outcome, group and cause from the lines introducing it
        intro_outcome = intro_group = None
        torture = False
        back, k = 0, li - 1
        while k >= 0 and back < 3:
            ps, pe = lines[k]
            k -= 1
            if not norm[ps:pe].strip():
                continue
            back += 1
            if _row_cells(nt, ps, pe) is not None and "|" in norm[ps:pe]:
                break
            c = bisect.bisect_left(cue_starts, ps)
            line_cues = [x for x in cues[c:] if x[1] <= pe]
            if line_cues and intro_outcome is None:
                intro_outcome = line_cues[-1][2]
            if intro_group is None:
                for i in range(toks.first_at_or_after(ps), toks.last_ending_by(pe) + 1):
                    g = lex.groups.match(toks, i)
                    if g is not None and g[1].number == "plural":
                        intro_group = g[1].group
                        break
            torture = torture or any(ps <= t[0] < pe for t in tortures)
            if intro_outcome is not None:
                break
        split_cols = any(s.group for s in senses)
        for cells in rows:
            rows_spans.append((cells[0].ns, cells[-1].ne))
            labels = [_cell_sense(c, lex, toks, acts, act_starts) for c in cells
                      if not _NUM_CELL.fullmatch(c.text)]
            row = _CellSense()
            for s in labels:
                row.group = row.group or s.group
                row.outcome = row.outcome or s.outcome
                row.actor = row.actor or s.actor
                row.total = row.total or s.total
            for col, c in enumerate(cells):
                m = _NUM_CELL.fullmatch(c.text)
                if m is None:
                    continue
                kn = bisect.bisect_left(num_starts, c.ns)
                num = numbers[kn] if kn < len(numbers) and numbers[kn].ne <= c.ne else None
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
                it = _Item(num.ns, num.ne, num.value, num.min, num.max, "exact", group=group or "persons",
                           gender=gender, outcomes=(outcome,), num=num)
                it.perpetrator = col_s.actor or row.actor
                it.why_perp, it.why_out = "table_row_or_column", "table_column"
                it.resolved = True
                it.cause = "torture" if torture and outcome == "killed" else None
                items.append(it)
        li = lj
    return items, rows_spans
