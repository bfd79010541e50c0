"""Singular and dual person nouns counted by themselves (``مقتل طفل``، ``بينهم سيدتان``، ``وامرأة``)."""
from __future__ import annotations

import bisect

import regex

from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens
from pipeline.core.settings import CAS_SUBJECT_OF_WORDS
from pipeline.stages.casualties.common import OPEN_GAP
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
                taken: list[tuple[int, int]], subj_ends: set[int] = frozenset(),
                cue_starts: set[int] = frozenset()) -> list[Item]:
    """Singular and dual person nouns counted by themselves (مقتل طفل، بينهم سيدتان، وامرأة)."""
    out: list[Item] = []
    taken_starts = [a for a, _ in taken]
    taken_ends = {b for _, b in taken}
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
        kb = bisect.bisect_right(taken_starts, s) - 1
        if is_released(lex, toks, norm, s) or (kb >= 0 and st == toks.t[i] and
                                                _ONLY_SPACE.fullmatch(norm, taken[kb][1], s) is not None):
            i = j  # released, or the noun of a number (نجا 43 شخصاً) or in apposition to a count (طفلين شقيقين)
            continue
        body = False
        if j < n and toks.joined(j - 1, j) and grp.group == "fighters":
            b = lex.bodies.match(toks, j)
            if b is not None:  # "مقاتلان من قوات سوريا الديمقراطية": the victims' side
                e, body = toks.e[b[0] - 1], True
        value = 2 if grp.number == "dual" else 1
        ctx = _counted_here(lex, toks, norm, i, j, st, grp.number, (cue_ends, marker_ends, subj_ends), cue_starts)
        if toks.t[i] in lex.one_of_them and (ctx != "after" or _verb_next(lex, toks, j, cue_starts)):
            ctx = None  # "أصيب شخصان، أحدهما بجروح"، "قتل أم اعتقل": one of a count told, a conjunction
        if ctx is None and i > 0 and toks.e[i - 1] in taken_ends and \
                _BRACKET_GAP.fullmatch(norm, toks.e[i - 1], toks.s[i]) is not None:
            ctx = "after"  # "وفاة شخصين (عجوز وابنته)": a bracket right after a count breaks it down
        if ctx is not None:
            it = Item(s, e, value, value, value, "exact", group=grp.group, gender=grp.gender,
                       kind="single" if grp.number == "singular" else "count")
            it.list_only = grp.number == "singular" and ctx == "list"
            it.body = body
            out.append(it)
        i = j
    return out


#: an opening bracket between a count and a person noun
_BRACKET_GAP = regex.compile(r"\s*[(\[]\s*")


def _verb_next(lex: Lex, toks: _Tokens, j: int, cue_starts: set[int]) -> bool:
    """An outcome verb not joined by و right after the noun ending at word ``j`` (قتل أم اعتقل); not the
    wounds of the noun (أصيب أحدهم بجروح)."""
    return j < len(toks) and toks.s[j] in cue_starts and not toks.t[j].startswith(lex.conj) and \
        lex.elliptic.match(toks, j) is None


def _counted_here(lex: Lex, toks: _Tokens, norm: str, i: int, j: int, st: str, number: str,
                  ends: tuple[set[int], set[int], set[int]], cue_starts: set[int]) -> str | None:
    """Why the person noun at words ``[i, j)`` counts people: ``"dual"``; ``"after"`` a verb, a marker, or a
    verb and its subject (اعتقلت قوات النظام شاباً، مقتل «رجل); ``"subject"`` right before its outcome verb
    (إن مواطناً استشهد); ``"list"`` after و (confirmed later: it must follow a casualty in a list); else None."""
    prev_end = toks.e[i - 1] if i > 0 else -1
    after = any(prev_end in e for e in ends)
    if number == "dual":
        return "dual"
    if i > 0 and after and OPEN_GAP.fullmatch(norm, prev_end, toks.s[i]) is not None:
        return "after"
    if st == toks.t[i] and _verb_after_subject(lex, toks, j, cue_starts):
        return "subject"
    if (st != toks.t[i] and toks.t[i].startswith(lex.conj)) or (i > 0 and toks.t[i - 1] == lex.conj):
        return "after" if after else "list"
    return None


def _verb_after_subject(lex: Lex, toks: _Tokens, j: int, cue_starts: set[int]) -> bool:
    """An outcome verb (not joined by و) right after the noun ending at word ``j``, or after a short من phrase
    that says whom the person belongs to (إن مواطناً استشهد، عنصر من الفصيل قتل، شاب من أبناء البلدة اعتقل)."""
    if j >= len(toks) or not toks.joined(j - 1, j):
        return False
    end = j + 1
    if toks.t[j] == lex.of:
        end = min(len(toks), j + 1 + CAS_SUBJECT_OF_WORDS)
    for k in range(j, end):
        if k > j and not toks.joined(k - 1, k):
            return False
        if toks.s[k] in cue_starts:
            return not toks.t[k].startswith(lex.conj)
    return False
