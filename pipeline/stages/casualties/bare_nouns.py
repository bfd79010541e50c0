"""Singular and dual person nouns counted by themselves (``مقتل طفل``، ``بينهم سيدتان``، ``وامرأة``)."""
from __future__ import annotations

import bisect

from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens
from pipeline.stages.casualties.lexicon import Lex
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.nouns import is_released


def cue_end_before(pos: int, cue_ends: set[int], norm: str) -> bool:
    """True when an outcome cue ends right before ``pos`` (spaces only between)."""
    p = pos
    while p > 0 and norm[p - 1] == " ":
        p -= 1
    return p < pos and p in cue_ends


def find_bare_nouns(lex: Lex, toks: _Tokens, norm: str, cue_ends: set[int], marker_ends: set[int],
                taken: list[tuple[int, int]], subj_ends: set[int] = frozenset()) -> list[Item]:
    """Singular and dual person nouns counted by themselves (مقتل طفل، بينهم سيدتان، وامرأة)."""
    out: list[Item] = []
    taken_starts = [a for a, _ in taken]
    n = len(toks)
    i = 0
    for c, m in lex.bare_groups.hits(toks).at.items():
        if c < i:
            continue
        i = c
        j, grp, st = m
        s = toks.e[i] - len(st)
        e = toks.e[j - 1]
        k = bisect.bisect_right(taken_starts, e) - 1
        if k >= 0 and taken[k][1] > s:
            i = j
            continue
        if j < n and toks.joined(j - 1, j) and lex.groups.match(toks, j) is not None:
            # "شخص مدني": keep the more specific second noun
            g2 = lex.groups.match(toks, j)
            if grp.group == "persons" and g2 is not None:
                grp = g2[1]
                e = toks.e[g2[0] - 1]
        if is_released(lex, toks, norm, s):
            i = j
            continue
        body = False
        if j < n and toks.joined(j - 1, j) and grp.group == "fighters":
            b = lex.bodies.match(toks, j)
            if b is not None:  # "مقاتلان من قوات سوريا الديمقراطية": the victims' side
                e, body = toks.e[b[0] - 1], True
        value = 2 if grp.number == "dual" else 1
        prev_end = toks.e[i - 1] if i > 0 else -1
        glued_wa = st != toks.t[i] and toks.t[i].startswith(lex.conj)
        ctx = False
        if grp.number == "dual":
            ctx = True
        elif i > 0 and _ONLY_SPACE.fullmatch(norm, prev_end, toks.s[i]) is not None and (
                prev_end in cue_ends or prev_end in marker_ends or prev_end in subj_ends):
            ctx = True  # after a verb, a marker, or a verb and its subject (اعتقلت قوات النظام شاباً)
        elif glued_wa or (i > 0 and toks.t[i - 1] == lex.conj):
            ctx = True  # confirmed later: must follow a casualty in a list
        if ctx:
            it = Item(s, e, value, value, value, "exact", group=grp.group, gender=grp.gender,
                       kind="single" if grp.number == "singular" else "count")
            it.list_only = grp.number == "singular" and not (prev_end in cue_ends or prev_end in marker_ends
                                                               or prev_end in subj_ends)
            it.body = body
            out.append(it)
        i = j
    return out
