"""Candidate counts: a number and its counted noun (``24 مدنياً``), bare person nouns, and what is not a casualty."""
from __future__ import annotations

import bisect

import regex

from pipeline.core.mentions import NumberMention
from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens, stems as _stems
from pipeline.core.text import has_char_between
from pipeline.stages.casualties.common import _CLAUSE_CHARS, _CLAUSE_PUNCT, _NOUN_GAP, _OF_THEM, _has_phrase
from pipeline.stages.casualties.lexicon import _Group, _Lex, _person_duals
from pipeline.stages.casualties.model import _Item


def _group_at(lex: _Lex, toks: _Tokens, i: int) -> tuple[int, _Group] | None:
    """A group noun phrase at word ``i`` (optionally after the partitive من)."""
    m = lex.groups.match(toks, i)
    if m is not None:
        return m[0], m[1]
    if 0 <= i < len(toks) - 1 and "من" in _stems(toks.t[i]) and toks.joined(i, i + 1):
        m = lex.groups.match(toks, i + 1)
        if m is not None and m[1].number != "singular" or (m is not None and toks.t[i + 1].startswith("ال")):
            return m[0], m[1]
    return None


def _outcome_noun_at(lex: _Lex, toks: _Tokens, i: int) -> tuple[int, tuple[str, ...]] | None:
    """An outcome noun at word ``i`` (``قتيلاً``, ``القتلى والجرحى``): ``(end, outcomes)``."""
    m = lex.outcome_nouns.match(toks, i)
    if m is None and 0 <= i < len(toks) - 1 and "من" in _stems(toks.t[i]) and toks.joined(i, i + 1):
        m = lex.outcome_nouns.match(toks, i + 1)
    if m is None:
        return None
    j, outcome, _ = m
    outs = [outcome]
    while j < len(toks) and toks.joined(j - 1, j) and toks.t[j].startswith("و"):
        m2 = lex.outcome_nouns.match(toks, j)
        if m2 is None or m2[2] == toks.t[j]:
            break
        if m2[1] not in outs:
            outs.append(m2[1])
        j = m2[0]
    return j, tuple(outs)


def _non_casualty_before(n: NumberMention, lex: _Lex, toks: _Tokens, norm: str) -> bool:
    """True when a rate, age, unit or non-harm word (بمعدل، إنقاذ، الحصار المفروض على) precedes the number."""
    core_s = n.core[0] if n.core else n.ns
    for pos, phr in ((core_s, lex.before_not), (core_s, lex.non_harm), (n.ns, lex.non_harm),
                     (core_s, lex.per_batch), (n.ns, lex.per_batch)):
        # before the number (or its qualifier: إنقاذ نحو 20); a per-batch phrase too (كل دفعة ما بين 20 و50)
        pb = toks.last_ending_by(pos)
        if pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], pos) is not None:
            for k in range(max(0, pb - 2), pb + 1):
                m = phr.match(toks, k)
                if m is not None and m[0] == pb + 1:
                    return True
    return False


def _item_from_number(n: NumberMention, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
    item = _Item(n.ns, n.ne, n.value, n.min, n.max, n.qualifier, num=n)
    # Rates, shares, ages, unit and page numbers.
    if n.kind in ("percent", "rate"):
        return None
    if _non_casualty_before(n, lex, toks, norm):
        return None
    tail = norm[n.ne:n.ne + 3].lstrip()
    if tail.startswith("%"):
        return None
    if _released(lex, toks, norm, n.ns):
        return None
    # A dual noun carrying the count is inside the number's own span (طفلين، وسيدتين).
    k0 = bisect.bisect_right(toks.s, n.ns) - 1
    inner = k0 if k0 >= 0 and toks.e[k0] > n.ns else toks.first_at_or_after(n.ns)
    last_inner = toks.last_ending_by(n.ne)
    for k in range(last_inner, inner - 1, -1):
        m = lex.groups.match(toks, k)
        if m is not None:
            item.group, item.gender = m[1].group, m[1].gender
            item.ne = max(item.ne, toks.e[m[0] - 1])  # عنصرين من الدفاع المدني
            _body_after(item, lex, toks)
            return _not_rate(item, lex, toks, norm)
        m2 = _outcome_noun_at(lex, toks, k)
        if m2 is not None and m2[0] <= last_inner + 1:
            item.outcomes = m2[1]
            item.group = "persons"
            return _not_rate(item, lex, toks, norm)
    if n.kind == "dual":
        # a dual counts its own noun only: people, else nothing (مخيمان للنازحين)
        if n.noun and n.noun in _person_duals():
            gt = _Tokens(n.noun)
            m = lex.groups.match(gt, 0)
            if m is not None:
                item.group, item.gender = m[1].group, m[1].gender
                _body_after(item, lex, toks)
            else:
                o = lex.outcome_nouns.match(gt, 0)
                item.group = "persons"
                if o is not None:
                    item.outcomes = (o[1],)
            return _not_rate(item, lex, toks, norm)
        return None
    # A noun right before a number one/two (طفل واحد، رجلين اثنين).
    if n.value in (1, 2) and n.kind not in ("digits", "dual"):
        pi = toks.last_ending_by(n.ns)
        if pi >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pi], n.ns) is not None:
            for k in range(max(0, pi - 3), pi + 1):
                m = lex.groups.match(toks, k)
                if m is not None and m[0] == pi + 1:
                    item.group, item.gender = m[1].group, m[1].gender
                    st = m[2]
                    item.ns = toks.s[k] + len(toks.t[k]) - len(st)
                    return _not_rate(item, lex, toks, norm)
    if n.kind == "singular":
        return None  # a noun + واحد that is not a person (عائلة واحدة)
    i = toks.first_at_or_after(n.ne)
    if i >= len(toks):
        return _fallback(item, lex, toks, norm, i)
    if _NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) is None:
        return _fallback(item, lex, toks, norm, i)
    m_after = lex.after_not.match(toks, i)
    if m_after is not None:
        return None
    if n.ns > 0 and norm[n.ns - 1] == "(" and ")" in norm[n.ne:toks.s[i]]:
        item.ns = n.ns - 1  # a count in parentheses: (846) مدنياً
    g = _group_at(lex, toks, i)
    if g is not None:
        end, grp = g
        item.group, item.gender, item.ne = grp.group, grp.gender, toks.e[end - 1]
        if grp.group == "persons" and end < len(toks) and toks.joined(end - 1, end):
            # "82 شخصاً من الكوادر الإعلامية", "5 أشخاص مدنيين": the more specific group
            g2 = _group_at(lex, toks, end)
            if g2 is not None and g2[1].group != "persons":
                item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
                end = g2[0]
        if grp.group == "fighters" and end < len(toks) and toks.joined(end - 1, end):
            b = lex.bodies.match(toks, end)
            if b is not None:  # "17 عنصراً من قوات النظام": the victims' side is part of the count
                item.ne, item.body, end = toks.e[b[0] - 1], True, b[0]
        # "214 شخصاً منهم": a share of an earlier total
        if end < len(toks) and toks.joined(end - 1, end) and toks.t[end] in _OF_THEM:
            item.split = True
        # a following outcome noun (مدنيين قتلى) is rare; a group adjective after an outcome noun is below
        return _not_rate(item, lex, toks, norm)
    b = lex.bodies.match(toks, i)
    if b is not None:  # "14 من قوات النظام": fighters of that body
        item.group, item.ne, item.body = "fighters", toks.e[b[0] - 1], True
        return _not_rate(item, lex, toks, norm)
    o = _outcome_noun_at(lex, toks, i)
    if o is not None:
        end, outs = o
        item.outcomes, item.ne, item.group = outs, toks.e[end - 1], "persons"
        if end < len(toks) and toks.joined(end - 1, end):
            g2 = lex.groups.match(toks, end)
            if g2 is not None:
                item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
        return _not_rate(item, lex, toks, norm)
    # "ليرتفع إلى 9 عدد المدنيين الذين قتلوا": the counted noun after عدد
    if lex.count_of.match(toks, i) is not None and i + 1 < len(toks) and toks.joined(i, i + 1):
        g = _group_at(lex, toks, i + 1)
        if g is not None and g[1].number == "plural":
            item.group, item.gender, item.ne = g[1].group, g[1].gender, toks.e[g[0] - 1]
            item.tally = True
            return _not_rate(item, lex, toks, norm)
        o = _outcome_noun_at(lex, toks, i + 1)
        if o is not None:  # "ليرتفع إلى 45 عدد القتلى"
            item.outcomes, item.group, item.ne, item.tally = o[1], "persons", toks.e[o[0] - 1], True
            if o[0] < len(toks) and toks.joined(o[0] - 1, o[0]):  # "حصيلة الضحايا المدنيين"
                g2 = lex.groups.match(toks, o[0])
                if g2 is not None and g2[1].number == "plural":
                    item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
            return _not_rate(item, lex, toks, norm)
        if toks.t[i + 1] in lex.relatives:  # "ليرتفع إلى 38 عدد الذين اغتيلوا"
            item.group, item.ne, item.tally = "persons", toks.e[i], True
            return _not_rate(item, lex, toks, norm)
    # "368 حالة، بينها ...": the case noun alone, persons (its outcome must be a detention)
    if toks.t[i] in lex.case_nouns and (i + 1 >= len(toks) or not toks.joined(i, i + 1)
                                       or lex.breakdown.match(toks, i + 1) is not None
                                       or lex.attribution.match(toks, i + 1) is not None):
        item.group, item.case, item.ne = "persons", True, toks.e[i]
        return _not_rate(item, lex, toks, norm)
    e = lex.elliptic.match(toks, i)
    if e is not None:
        item.kind, item.ne = "others", toks.e[e[0] - 1]
        return item
    bo = _between_outcomes(lex, toks, i)
    if bo is not None:  # "العشرات بين قتيل وجريح"
        item.group, item.outcomes, item.ne = "persons", bo[1], toks.e[bo[0] - 1]
        return _not_rate(item, lex, toks, norm)
    # "4 منهم أطفال": the group noun comes after منهم.
    if toks.t[i] in _OF_THEM:
        bo = _between_outcomes(lex, toks, i + 1) if i + 1 < len(toks) and toks.joined(i, i + 1) else None
        if bo is not None:  # "العشرات منهم بين قتيل ومصاب"
            item.kind, item.ne, item.split, item.outcomes = "others", toks.e[bo[0] - 1], True, bo[1]
            return item
        if i + 1 < len(toks) and toks.joined(i, i + 1):
            g = lex.groups.match(toks, i + 1)
            if g is not None:
                item.group, item.gender, item.ne = g[1].group, g[1].gender, toks.e[g[0] - 1]
                item.kind = "count_of_them"
                return item
        item.kind, item.ne, item.split = "others", toks.e[i], True
        return item
    return _fallback(item, lex, toks, norm, i)


def _between_outcomes(lex: _Lex, toks: _Tokens, i: int) -> tuple[int, tuple[str, ...]] | None:
    """``بين قتيل وجريح`` at word ``i``: (end word, outcomes), with at least two outcomes."""
    m = lex.between.match(toks, i)
    if m is None or m[0] >= len(toks) or not toks.joined(m[0] - 1, m[0]):
        return None
    o = _outcome_noun_at(lex, toks, m[0])
    if o is None or len(o[1]) < 2:
        return None
    return o


def _body_after(item: _Item, lex: _Lex, toks: _Tokens) -> None:
    """``عنصران من قوات النظام``: a fighters count followed by its armed body (the victims' side)."""
    nb = toks.first_at_or_after(item.ne)
    if item.group == "fighters" and nb < len(toks) and toks.s[nb] - item.ne <= 1:
        b = lex.bodies.match(toks, nb)
        if b is not None:
            item.ne, item.body = toks.e[b[0] - 1], True


def _fallback(item: _Item, lex: _Lex, toks: _Tokens, norm: str, i: int) -> _Item | None:
    """A number with no counted noun: a tally's, a vague quantity after an outcome noun, or an elliptic one."""
    return _count_before(item, lex, toks, norm) or _vague_after_cue(item, lex, toks, norm) or \
        _bare_elliptic(item, lex, toks, norm, i)


def _vague_after_cue(item: _Item, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
    """``وإصابة العشرات``, ``مقتل المئات``: a vague quantity right after an outcome word counts persons."""
    n = item.num
    if n is None or n.kind != "vague" or norm[n.ns:n.ne] not in lex.standalone_vague:
        return None  # only the definite form stands alone (العشرات); عشرات always has its noun
    j = toks.last_ending_by(n.ns)
    if j < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[j], n.ns) is None:
        return None
    for k in range(max(0, j - 2), j + 1):
        m = lex.cues.match(toks, k)
        if m is not None and m[0] == j + 1:
            item.group = "persons"
            return _not_rate(item, lex, toks, norm)
    return None


def _released(lex: _Lex, toks: _Tokens, norm: str, pos: int) -> bool:
    """True when a release phrase ends right before ``pos`` (أفرجت عن 8 آخرين): not a casualty."""
    j = toks.last_ending_by(pos)
    if j < 0 or not _ONLY_SPACE.fullmatch(norm, toks.e[j], pos):
        return False
    for k in range(max(0, j - 3), j + 1):
        m = lex.released.match(toks, k)
        if m is not None and m[0] == j + 1:
            return True
    if lex.release_prep and toks.t[j] == lex.release_prep:  # "أفرجت قوات النظام عن 17 معتقلاً"
        for k in range(j - 1, max(-1, j - 6), -1):
            if has_char_between(norm, _CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
                break
            if set(_stems(toks.t[k])) & lex.release_verbs:
                return True
    return False


def _count_before(item: _Item, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
    """A number with no noun after it that a tally names before it.

    ``ليرتفع عدد القتلى المدنيين إلى 45``, ``بلغت حصيلة الضحايا 57``: the counted noun follows عدد/حصيلة
    and the number comes after ``إلى`` or right after the noun phrase, in the same clause.
    """
    j = toks.last_ending_by(item.ns)
    if j < 0 or has_char_between(norm, _CLAUSE_CHARS, toks.e[j], item.ns):
        return None
    via_to = toks.t[j] in lex.to_words
    for k in range(j, max(-1, j - 8), -1):
        if k < j and has_char_between(norm, _CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
            return None
        if lex.count_of.match(toks, k) is None or k + 1 > j:
            continue
        group, gender, outs = None, None, ()
        e = k + 1
        o = _outcome_noun_at(lex, toks, e)
        if o is not None:
            e, outs = o
        g = lex.groups.match(toks, e) if e <= j else None
        if g is not None and g[1].number == "plural":
            group, gender, e = g[1].group, g[1].gender, g[0]
            if not outs:
                o = _outcome_noun_at(lex, toks, e)
                if o is not None:
                    e, outs = o  # عدد المدنيين القتلى
        if group is None and not outs:
            return None
        if e - 1 != j and not via_to:
            return None  # the number must follow the noun phrase or إلى
        item.group, item.gender, item.outcomes, item.tally = group or "persons", gender, outs, True
        return _not_rate(item, lex, toks, norm)
    return None


def _not_rate(item: _Item, lex: _Lex, toks: _Tokens, norm: str) -> _Item | None:
    """None when the counted noun is followed by a rate word (مقتل 8 مدنيين يومياً)."""
    j = toks.first_at_or_after(item.ne)
    if j < len(toks) and _ONLY_SPACE.fullmatch(norm, item.ne, toks.s[j]) is not None:
        for _ in range(3):  # the count's own verb may come first: "طفل واحد على الأقل يقتل يومياً"
            if lex.rate_after.match(toks, j) is not None:
                return None
            c = lex.cues.match(toks, j)
            if c is None or c[0] >= len(toks) or not toks.joined(c[0] - 1, c[0]):
                break
            j = c[0]
    return item


def _bare_elliptic(item: _Item, lex: _Lex, toks: _Tokens, norm: str, i: int) -> _Item | None:
    """``و4 على يد قوات النظام``: a number after و with no noun of its own."""
    n = item.num
    assert n is not None
    if n.ns == 0:
        return None
    before = norm[max(0, n.ns - 3):n.ns]
    # the line's head before the count, when short enough to be a list head (whitespace runs are
    # folded in the normalized view, so a list head is a few characters); else only its tail
    lo = max(0, n.ns - _HEAD_WINDOW)
    nl = norm.rfind("\n", lo, n.ns)
    line_head = norm[nl + 1:n.ns] if nl >= 0 or lo == 0 else None
    if regex.search(r"(?:^|[\s,(])و\s*$", before):
        item.listy = line_head is not None and _LIST_LINE_HEAD.fullmatch(line_head) is not None
    elif _COLON_HEAD.search(norm[lo:n.ns] if line_head is None else line_head) or \
            (line_head is not None and _LIST_LINE_HEAD.fullmatch(line_head)):
        # "كالتالي: 647 على يد ...", "- 67 على يد ...", "– 413 بينهم 35 طفلاً": only with an explicit
        # agent or a breakdown after it
        if i >= len(toks) or (lex.attribution.match(toks, i) is None and lex.breakdown.match(toks, i) is None) \
                or _NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) is None:
            return None
        item.listy = True
    elif (outcome := _cue_right_before(n.ns, lex, toks, norm)) is not None:
        # "قضى 17 على يد جهات أخرى"، "وأصيب 25 بينهم 3 نساء": a count right after its outcome verb,
        # with no noun of its own: people
        if i < len(toks) and not regex.search(r"[,.;:)\n]", norm[n.ne:toks.s[i]]) and \
                lex.followers.match(toks, i) is None and lex.breakdown.match(toks, i) is None and \
                not (toks.t[i].startswith("و") and _cue_right_before(toks.e[i], lex, toks, norm)):
            return None  # "بمقتل 6 وإصابة 21": another outcome joined by و also ends the count
        item.group, item.kind, item.outcomes = "persons", "count", (outcome,)
        item.why_out = "verb_before_bare_count"
        return item
    else:
        pb = toks.last_ending_by(n.ns)
        if pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], n.ns) is not None and \
                any(lex.breakdown.match(toks, k) is not None and lex.breakdown.match(toks, k)[0] == pb + 1
                    for k in range(max(0, pb - 1), pb + 1)):
            item.kind = "others"  # "وبينهم 11 أعدمهم التنظيم": a part with no noun of its own
            return item
        if pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], n.ns) is not None and \
                any(lex.part_joiners.match(toks, k) is not None and lex.part_joiners.match(toks, k)[0] == pb + 1
                    for k in range(max(0, pb - 1), pb + 1)):
            item.kind = "others"  # "إضافة إلى 17 مجهولي الهوية": one more count, of the head's group
            return item
        if pb < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[pb], n.ns) is None:
            # a glued preposition: بـ 604
            p = norm[n.ns - 1]
            if p not in lex.gap_preps or (n.ns >= 2 and not norm[n.ns - 2].isspace()):
                return None
            item.prep = p  # a glued preposition: ب604
        elif toks.t[pb] in lex.gap_preps:
            item.prep = toks.t[pb]
        else:
            return None
    if i < len(toks):
        if not has_char_between(norm, ",.;:)\n", n.ne, toks.s[i]) and lex.followers.match(toks, i) is None:
            return None
    item.kind = "bare"
    return item


def _cue_right_before(pos: int, lex: _Lex, toks: _Tokens, norm: str) -> str | None:
    """The outcome of the outcome verb or noun that ends right before ``pos`` (spaces only between)."""
    pb = toks.last_ending_by(pos)
    if pb < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[pb], pos) is None:
        return None
    for k in range(max(0, pb - 2), pb + 1):
        m = lex.cues.match(toks, k)
        if m is not None and m[0] == pb + 1:
            return m[1]
    return None


#: the head of a list line: a bullet or a list number, optionally followed by و
_LIST_LINE_HEAD = regex.compile(r"\s*(?:[-•*–·▪]|\d{1,2}\s*[.)]|\d{1,2}\s*-)\s*(?:و\s*)?")


#: a colon closing an introducing phrase just before a count (كالتالي: 647)
_COLON_HEAD = regex.compile(r":\s*$")


#: characters before a count within which a list head is looked for
_HEAD_WINDOW = 64


def _cue_end_before(pos: int, cue_ends: set[int], norm: str) -> bool:
    """True when an outcome cue ends right before ``pos`` (spaces only between)."""
    p = pos
    while p > 0 and norm[p - 1] == " ":
        p -= 1
    return p < pos and p in cue_ends


def _bare_nouns(lex: _Lex, toks: _Tokens, norm: str, cue_ends: set[int], marker_ends: set[int],
                taken: list[tuple[int, int]], subj_ends: set[int] = frozenset()) -> list[_Item]:
    """Singular and dual person nouns counted by themselves (مقتل طفل، بينهم سيدتان، وامرأة)."""
    out: list[_Item] = []
    taken_starts = [a for a, _ in taken]
    n = len(toks)
    idx = toks.index()
    cands = sorted({k for w in lex.bare_groups.by_first if w in idx for k in idx[w]})
    i = 0
    for c in cands:
        if c < i:
            continue
        i = c
        m = lex.bare_groups.match(toks, i)
        if m is None:
            continue
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
        if _released(lex, toks, norm, s):
            i = j
            continue
        body = False
        if j < n and toks.joined(j - 1, j) and grp.group == "fighters":
            b = lex.bodies.match(toks, j)
            if b is not None:  # "مقاتلان من قوات سوريا الديمقراطية": the victims' side
                e, body = toks.e[b[0] - 1], True
        value = 2 if grp.number == "dual" else 1
        prev_end = toks.e[i - 1] if i > 0 else -1
        glued_wa = st != toks.t[i] and toks.t[i].startswith("و")
        ctx = False
        if grp.number == "dual":
            ctx = True
        elif i > 0 and _ONLY_SPACE.fullmatch(norm, prev_end, toks.s[i]) is not None and (
                prev_end in cue_ends or prev_end in marker_ends or prev_end in subj_ends):
            ctx = True  # after a verb, a marker, or a verb and its subject (اعتقلت قوات النظام شاباً)
        elif glued_wa or (i > 0 and toks.t[i - 1] == "و"):
            ctx = True  # confirmed later: must follow a casualty in a list
        if ctx:
            it = _Item(s, e, value, value, value, "exact", group=grp.group, gender=grp.gender,
                       kind="single" if grp.number == "singular" else "count")
            it.list_only = grp.number == "singular" and not (prev_end in cue_ends or prev_end in marker_ends
                                                               or prev_end in subj_ends)
            it.body = body
            out.append(it)
        i = j
    return out


#: how far after a count a population predicate, and before it a habitual cue, may stand
POPULATION_REACH = 40


HABITUAL_REACH = 80


def _not_harmed(it: _Item, lex: _Lex, toks: _Tokens, norm: str, cue_ends: set[int]) -> bool:
    """People who are a population, not victims (``مليونا مدني في المنطقة معرضون للخطر``), or a
    habitual statement (``وعادة ما تخلف هذه الغارات عشرات القتلى``): not casualties of the report.
    A count right after its outcome verb (``قتل 4 مدنيين يعيشون في مخيم``) stays a casualty."""
    hi = min(len(norm), it.ne + POPULATION_REACH)
    m = _CLAUSE_PUNCT.search(norm, it.ne, hi)
    pb = toks.last_ending_by(it.ns)
    # ... and so does one whose counted noun names the harm (15 ألفاً من النازحين يقيمون في العراء)
    governed = (pb >= 0 and toks.e[pb] in cue_ends) or bool(it.outcomes)
    if not governed and _has_phrase(lex.population_after, toks, it.ne, m.start() if m else hi):
        return True
    if not governed and pb >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pb], it.ns) is not None and \
            any((mm := lex.population_before.match(toks, k)) is not None and mm[0] == pb + 1
                for k in range(max(0, pb - 2), pb + 1)):
        return True  # "مشفى يخدّم نحو 50 ألف مدني", "حيث يعيش قرابة 200 ألف مدني"
    lo = max(0, it.ns - HABITUAL_REACH)
    br = max(norm.rfind(".", lo, it.ns), norm.rfind("\n", lo, it.ns))
    return _has_phrase(lex.habitual, toks, max(lo, br + 1), it.ns)


def _preps_before(pos: int, toks: _Tokens, lex: _Lex, norm: str) -> set[str]:
    """Prepositions among the two words before ``pos`` (عن مقتل 128)."""
    j = toks.last_ending_by(pos)
    return {toks.t[k] for k in (j - 1, j) if k >= 0 and toks.t[k] in lex.gap_preps}
