"""A count and its noun: the candidate a number makes with the noun it counts (``24 مدنياً``، ``5 من الكوادر
الطبية``، ``طفل واحد``، ``طفلين``), read by small readers tried in order."""
from __future__ import annotations

import bisect
from typing import Any

import regex

from pipeline.core.mentions import NumberMention
from pipeline.core.phrases import ONLY_SPACE as _ONLY_SPACE, WordTokens as _Tokens, stems
from pipeline.core.settings import (CAS_BRACKET_NOUN_WORDS, CAS_BRACKET_OWN_COUNT_BEFORE, CAS_BREAKDOWN_GAP,
                                    CAS_MEMBER_OWNER_BEFORE)
from pipeline.core.text import rx
from pipeline.stages.casualties.common import NOUN_GAP, SENT_CHARS
from pipeline.stages.casualties.lexicon import Lex, person_duals
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.noun_less import fallback, tally_group_before
from pipeline.stages.casualties.nouns import (
    between_outcomes, body_after, group_at, is_released, non_casualty_before, not_rate, outcome_noun_at,
)


#: the groups a member noun (عنصر، شخص) takes from the body named after it (من الخوذ البيضاء، من الكوادر الطبية)
MEMBER_GROUPS = frozenset({"civil_defense", "medical", "media"})

#: a reader's answer when the shape it reads is not there (the next reader is tried)
_MISS: Any = object()


def item_from_number(n: NumberMention, lex: Lex, toks: _Tokens, norm: str) -> Item | None:
    """The candidate count a number makes with its counted noun, else None (not a count of people).

    The readers below are tried in order; the first that finds its shape answers (an item, or None)."""
    if _excluded(n, lex, toks, norm):
        return None
    item = Item(n.ns, n.ne, n.value, n.min, n.max, n.qualifier, num=n)
    for read in (_noun_inside, _dual_noun, _noun_before_one_two):
        r = read(item, n, lex, toks, norm)
        if r is not _MISS:
            return r
    if n.kind == "singular":
        return None  # a noun + واحد that is not a person (عائلة واحدة)
    for read in (_noun_after_bracketed_breakdown, _noun_before_article_number):
        r = read(item, n, lex, toks, norm)
        if r is not _MISS:
            return r
    i = toks.first_at_or_after(n.ne)
    if i >= len(toks) or NOUN_GAP.fullmatch(norm, n.ne, toks.s[i]) is None:
        return fallback(item, lex, toks, norm, i)
    if lex.after_not.match(toks, i) is not None:
        return None
    if n.ns > 0 and norm[n.ns - 1] == "(" and ")" in norm[n.ne:toks.s[i]]:
        item.ns = n.ns - 1  # a count in parentheses: (846) مدنياً
    for read_after in _READERS_AFTER:
        r = read_after(item, i, lex, toks, norm)
        if r is not _MISS:
            return r
    r = _noun_before_bracket(item, n, lex, toks, norm)
    return r if r is not _MISS else fallback(item, lex, toks, norm, i)


def _noun_after_bracketed_breakdown(item: Item, n: NumberMention, lex: Lex, toks: _Tokens, norm: str):
    """``60 (منهم 3 قاصرين) من حالات الاحتجاز``: a bracket opening with a breakdown marker right after
    the number, its counted noun after the bracket; the count keeps the number's span, so the bracket's counts
    follow it as its parts."""
    # bounded by the line (the pattern never crosses one): unbounded, the regex module looks for the
    # pattern's "(" up to the end of the text at every number (quadratic on a text with few brackets)
    nl = norm.find("\n", n.ne)
    m = _BRACKET_OPEN.match(norm, n.ne, len(norm) if nl < 0 else nl)
    if m is None:
        return _MISS
    k = toks.first_at_or_after(m.end())
    close = norm.find(")", m.end(), m.end() + CAS_BREAKDOWN_GAP)
    if k >= len(toks) or toks.s[k] != m.end() or close < 0 or "(" in norm[m.end():close] or \
            lex.breakdown.match(toks, k) is None:
        return _MISS
    j = toks.first_at_or_after(close + 1)
    if j >= len(toks) or norm[close + 1:toks.s[j]].strip():
        return _MISS
    for read_after in _READERS_AFTER:
        r = read_after(item, j, lex, toks, norm)
        if r is not _MISS:
            if r is not None:
                r.ne = n.ne
            return r
    return _MISS


def _noun_before_article_number(item: Item, n: NumberMention, lex: Lex, toks: _Tokens, norm: str):
    """``بين الجرحى المدنيين الـ85، 20 طفلاً``: a number glued to the article right after a plural group
    noun or an outcome noun names a count told before (``restated``): the count of that noun."""
    k = toks.last_ending_by(n.ns)
    if k < 1 or toks.t[k] != lex.article or n.ns - toks.e[k] > 1 or n.kind not in ("digits", "words"):
        return _MISS
    for b in range(max(0, k - CAS_BRACKET_NOUN_WORDS), k):
        g = group_at(lex, toks, b)
        o = outcome_noun_at(lex, toks, b) if g is None else None
        if g is not None and g[0] == k and g[1].number == "plural":
            item.group, item.gender = g[1].group, g[1].gender
        elif o is not None and o[0] == k:
            item.group, item.outcomes = "persons", o[1]
        else:
            continue
        item.ns, item.restated = toks.s[b], True
        return not_rate(item, lex, toks, norm)
    return _MISS


#: a bracket opening right after a number
_BRACKET_OPEN = regex.compile(r"[^\S\n]*\([^\S\n]*")


def _excluded(n: NumberMention, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """Rates, shares, ages, unit and page numbers, and the released (أفرجت عن 8)."""
    if n.kind in ("percent", "rate") or non_casualty_before(n, lex, toks, norm):
        return True
    return norm[n.ne:n.ne + 3].lstrip().startswith("%") or is_released(lex, toks, norm, n.ns)


def _noun_inside(item: Item, n: NumberMention, lex: Lex, toks: _Tokens, norm: str):
    """A dual noun carrying the count is inside the number's own span (طفلين، وسيدتين)."""
    k0 = bisect.bisect_right(toks.s, n.ns) - 1
    inner = k0 if k0 >= 0 and toks.e[k0] > n.ns else toks.first_at_or_after(n.ns)
    last_inner = toks.last_ending_by(n.ne)
    for k in range(last_inner, inner - 1, -1):
        m = lex.groups.match(toks, k)
        if m is not None:
            item.group, item.gender = m[1].group, m[1].gender
            item.ne = max(item.ne, toks.e[m[0] - 1])  # عنصرين من الدفاع المدني
            body_after(item, lex, toks)
            return not_rate(item, lex, toks, norm)
        m2 = outcome_noun_at(lex, toks, k)
        if m2 is not None and m2[0] <= last_inner + 1:
            item.outcomes = m2[1]
            item.group = "persons"
            j = toks.first_at_or_after(n.ne)
            g = group_at(lex, toks, j) if j < len(toks) and toks.s[j] - n.ne <= 1 else None
            if g is not None and g[1].number == "plural":  # "قتيلين من عناصر الحاجز": the group after it
                item.group, item.gender, item.ne = g[1].group, g[1].gender, toks.e[g[0] - 1]
                body_after(item, lex, toks)
            elif g is None and j < len(toks) and toks.s[j] - n.ne <= 1 and lex.bodies.match(toks, j) is not None:
                # "قتيلان في صفوف قوات النظام": fighters of that body
                item.group, item.ne, item.body = "fighters", toks.e[lex.bodies.match(toks, j)[0] - 1], True
            return not_rate(item, lex, toks, norm)
    return _MISS


def _dual_noun(item: Item, n: NumberMention, lex: Lex, toks: _Tokens, norm: str):
    """A dual counts its own noun only: people, else nothing (مخيمان للنازحين)."""
    if n.kind != "dual":
        return _MISS
    if not n.noun or n.noun not in person_duals():
        return None
    gt = _Tokens(n.noun)
    m = lex.groups.match(gt, 0)
    if m is not None:
        item.group, item.gender = m[1].group, m[1].gender
        body_after(item, lex, toks)
    else:
        o = lex.outcome_nouns.match(gt, 0)
        item.group = "persons"
        if o is not None:
            item.outcomes = (o[1],)
    return not_rate(item, lex, toks, norm)


def _noun_before_one_two(item: Item, n: NumberMention, lex: Lex, toks: _Tokens, norm: str):
    """A noun right before a number one/two (طفل واحد، رجلين اثنين)."""
    if n.value not in (1, 2) or n.kind in ("digits", "dual"):
        return _MISS
    pi = toks.last_ending_by(n.ns)
    if pi >= 0 and _ONLY_SPACE.fullmatch(norm, toks.e[pi], n.ns) is not None:
        for k in range(max(0, pi - 3), pi + 1):
            m = lex.groups.match(toks, k)
            if m is not None and m[0] == pi + 1:
                item.group, item.gender = m[1].group, m[1].gender
                st = m[2]
                item.ns = toks.s[k] + len(toks.t[k]) - len(st)
                j = toks.first_at_or_after(n.ne)
                g2 = group_at(lex, toks, j) if j < len(toks) and toks.joined(j - 1, j) else None
                if g2 is not None and item.group in ("persons", "fighters") and g2[1].group in MEMBER_GROUPS:
                    # "متطوعاً واحداً من الكوادر الطبية": the body the member belongs to
                    item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
                return not_rate(item, lex, toks, norm)
    return _MISS


def _group_after(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """The group noun after the number (24 مدنياً، 5 من الكوادر الطبية), made more specific by a second
    noun (82 شخصاً من الكوادر الإعلامية) or the armed body of fighters (17 عنصراً من قوات النظام)."""
    g = group_at(lex, toks, i)
    if g is None:
        return _MISS
    end, grp = g
    item.group, item.gender, item.ne = grp.group, grp.gender, toks.e[end - 1]
    if grp.group in ("persons", "fighters") and end < len(toks) and toks.joined(end - 1, end):
        # "82 شخصاً من الكوادر الإعلامية", "5 أشخاص مدنيين", "3 عناصر من الخوذ البيضاء": the more specific group
        g2 = group_at(lex, toks, end)
        if g2 is not None and (g2[1].group != "persons" if grp.group == "persons" else g2[1].group in MEMBER_GROUPS):
            item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
            end = g2[0]
    if grp.group == "fighters" and end < len(toks) and toks.joined(end - 1, end):
        b = lex.bodies.match(toks, end)
        if b is not None:  # "17 عنصراً من قوات النظام": the victims' side is part of the count
            item.ne, item.body, end = toks.e[b[0] - 1], True, b[0]
    if item.group == "persons":
        g3 = tally_group_before(item.ns, lex, toks, norm)
        if g3 is not None and g3.group != "detainees":
            # "وأما حصيلة المصابين من الأطفال، فوصلت 60 شخصاً": the tally's group (عدد المعتقلين … 1,800 شخص
            # counts persons detained)
            item.group, item.gender = g3.group, g3.gender
    # "214 شخصاً منهم": a share of an earlier total
    if end < len(toks) and toks.joined(end - 1, end) and toks.t[end] in lex.of_them:
        item.split = True
    # a following outcome noun (مدنيين قتلى) is rare; a group adjective after an outcome noun is below
    return not_rate(item, lex, toks, norm)


def _body_after_number(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """``14 من قوات النظام``: fighters of that body."""
    b = lex.bodies.match(toks, i)
    if b is None:
        return _MISS
    item.group, item.ne, item.body = "fighters", toks.e[b[0] - 1], True
    return not_rate(item, lex, toks, norm)


def _outcome_noun_after(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """An outcome noun after the number (قتيلاً، جريحاً), optionally followed by a group adjective."""
    o = outcome_noun_at(lex, toks, i)
    if o is None:
        return _MISS
    m = lex.outcome_nouns.match(toks, i)
    if m is not None and m[2] != toks.t[i] and toks.t[i].startswith(lex.conj):
        return _MISS  # "بمقتل 6 وإصابة 21 آخرين": a second outcome joined by و, not the count's noun
    end, outs = o
    bo = between_outcomes(lex, toks, end) if end < len(toks) and toks.joined(end - 1, end) else None
    if bo is not None:  # "عشرات الضحايا بين قتيل وجريح": the victims are of both outcomes
        end, outs = bo
    item.outcomes, item.ne, item.group = outs, toks.e[end - 1], "persons"
    if end < len(toks) and toks.joined(end - 1, end):
        g2 = group_at(lex, toks, end)  # "قتيلاً مدنياً"، "خمسة جرحى من المسعفين"
        if g2 is not None and _mixed_groups(g2, lex, toks):
            g2 = None  # "مئات القتلى من مسعفين وصحفيين": two groups, persons
        if g2 is not None:
            item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
    if item.group == "persons":
        g3 = tally_group_before(item.ns, lex, toks, norm)
        if g3 is not None and not (g3.group == "detainees" and "detained" in outs):
            # "وصل عدد المدنيين الذين قضوا في الشهر إلى 90 قتيلاً": the tally's group (those detained are
            # persons: detainees are the people harmed in custody)
            item.group, item.gender = g3.group, g3.gender
    return not_rate(item, lex, toks, norm)


def _mixed_groups(g, lex: Lex, toks: _Tokens) -> bool:
    """The group noun phrase ``g`` is joined by و to a noun of another group (مسعفين وصحفيين)."""
    k = g[0]
    if k >= len(toks) or not toks.joined(k - 1, k) or not toks.t[k].startswith(lex.conj):
        return False
    g2 = lex.groups.match(toks, k)
    return g2 is not None and g2[1].group != g[1].group


def _count_of_after(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """``ليرتفع إلى 9 عدد المدنيين الذين قتلوا``: the counted noun after عدد (a running tally)."""
    if lex.count_of.match(toks, i) is None or i + 1 >= len(toks) or not toks.joined(i, i + 1):
        return _MISS
    g = group_at(lex, toks, i + 1)
    if g is not None and g[1].number == "plural":
        item.group, item.gender, item.ne = g[1].group, g[1].gender, toks.e[g[0] - 1]
        item.tally = True
        return not_rate(item, lex, toks, norm)
    o = outcome_noun_at(lex, toks, i + 1)
    if o is not None:  # "ليرتفع إلى 45 عدد القتلى"
        item.outcomes, item.group, item.ne, item.tally = o[1], "persons", toks.e[o[0] - 1], True
        if o[0] < len(toks) and toks.joined(o[0] - 1, o[0]):  # "حصيلة الضحايا المدنيين"
            g2 = group_at(lex, toks, o[0])  # "عدد القتلى من المدنيين" too
            if g2 is not None and g2[1].number == "plural":
                item.group, item.gender, item.ne = g2[1].group, g2[1].gender, toks.e[g2[0] - 1]
        return not_rate(item, lex, toks, norm)
    if toks.t[i + 1] in lex.relatives:  # "ليرتفع إلى 38 عدد الذين اغتيلوا"
        item.group, item.ne, item.tally = "persons", toks.e[i], True
        return not_rate(item, lex, toks, norm)
    return _MISS


def _member_of_owner(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """``3 من أعضائها``، ``5 من رفاقنا``: members named with their body's pronoun are of the group of the first
    body the sentence names before them (``owner_bodies``: الدفاع المدني، قوات …), else persons."""
    j = i + 1 if lex.of in stems(toks.t[i]) and i + 1 < len(toks) and toks.joined(i, i + 1) else i
    if toks.t[j] not in lex.member_owned:
        return _MISS
    lo = max(0, item.ns - CAS_MEMBER_OWNER_BEFORE)
    lo = max(lo, max(norm.rfind(c, lo, item.ns) for c in SENT_CHARS) + 1)
    item.group, item.ne = "persons", toks.e[j]
    for k in range(toks.first_at_or_after(lo), toks.last_ending_by(item.ns) + 1):
        m = lex.owners.match(toks, k)
        if m is not None:  # (the owner is the victims' side, never the agent)
            item.group, item.owner = m[1], (toks.s[k], toks.e[m[0] - 1])
            break
    return not_rate(item, lex, toks, norm)


def _case_noun_after(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """``368 حالة، بينها ...``: the case noun alone, persons (its outcome must be a detention); also before a
    word saying who all of them were (12 حالة كلهم من الشبان)."""
    if toks.t[i] in lex.case_nouns and (i + 1 >= len(toks) or not toks.joined(i, i + 1)
                                       or lex.breakdown.match(toks, i + 1) is not None
                                       or toks.t[i + 1] in lex.all_of_them
                                       or lex.attribution.match(toks, i + 1) is not None):
        item.group, item.case, item.ne = "persons", True, toks.e[i]
        return not_rate(item, lex, toks, norm)
    m = lex.case_back.match(toks, i + 1) if toks.t[i] in lex.case_nouns and i + 1 < len(toks) and \
        toks.joined(i, i + 1) else None
    if m is not None:  # "57 حالة من تلك الحالات": a share of the cases counted before
        item.group, item.case, item.split, item.ne = "persons", True, True, toks.e[m[0] - 1]
        return not_rate(item, lex, toks, norm)
    return _MISS


def _elliptic_after(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """``وإصابة 20 آخرين``: an elliptic noun; the group comes from the count it follows."""
    e = lex.elliptic.match(toks, i)
    if e is None:
        return _MISS
    item.kind, item.ne = "others", toks.e[e[0] - 1]
    return item


def _between_after(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """``العشرات بين قتيل وجريح``: persons, with both outcomes."""
    bo = between_outcomes(lex, toks, i)
    if bo is None:
        return _MISS
    item.group, item.outcomes, item.ne = "persons", bo[1], toks.e[bo[0] - 1]
    return not_rate(item, lex, toks, norm)


def _of_them_after(item: Item, i: int, lex: Lex, toks: _Tokens, norm: str):
    """``4 منهم أطفال``: the group noun comes after منهم; a share of the count before."""
    if toks.t[i] not in lex.of_them:
        return _MISS
    bo = between_outcomes(lex, toks, i + 1) if i + 1 < len(toks) and toks.joined(i, i + 1) else None
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


def _noun_before_bracket(item: Item, n: NumberMention, lex: Lex, toks: _Tokens, norm: str):
    """A bracketed count right after a plural group noun with no number of its own (مقتل مدنيين (12)، قتل من
    المدنيين (35)): the count of that noun."""
    if n.ns == 0 or n.ne >= len(norm) or norm[n.ns - 1] != "(" or norm[n.ne] != ")":
        return _MISS
    k = toks.last_ending_by(n.ns - 1)
    if k < 0 or _ONLY_SPACE.fullmatch(norm, toks.e[k], n.ns - 1) is None:
        return _MISS
    for b in range(max(0, k - CAS_BRACKET_NOUN_WORDS), k + 1):  # a noun phrase of a few words (من عناصر الدفاع المدني)
        g = group_at(lex, toks, b)
        if g is not None and g[0] == k + 1 and g[1].number == "plural":
            if b > 0 and rx(r"\d\)?\s*$").search(norm[max(0, toks.s[b] - CAS_BRACKET_OWN_COUNT_BEFORE):toks.s[b]]):
                return _MISS  # "5 مدنيين (12)": the noun has its own count
            item.group, item.gender, item.ns, item.ne = g[1].group, g[1].gender, toks.s[b], n.ne + 1
            return not_rate(item, lex, toks, norm)
    return _MISS


#: the readers of a counted noun after the number, in the order they are tried
_READERS_AFTER = (_member_of_owner, _group_after, _body_after_number, _outcome_noun_after, _count_of_after, _case_noun_after,
                  _elliptic_after, _between_after, _of_them_after)
