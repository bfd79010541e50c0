"""Actors around a count: the agent named after or before it, targets and victims, joined actors, labels."""
from __future__ import annotations

import bisect
from typing import Sequence

import regex

from pipeline.core.mentions import ActorMention
from pipeline.core.phrases import WordTokens as _Tokens, stems as _stems
from pipeline.core.settings import (
    CAS_CUSTODY_HEAD_WORDS, CAS_HARM_OF_THEM_AFTER, CAS_JOINED_ACTORS_GAP, CAS_JOINED_LIST_GAP, CAS_MEMBER_AFTER,
    CAS_NON_AGENT_WORDS, CAS_SOURCE_WORDS, CAS_SPEAKER_VERB_AFTER, CAS_TARGET_OWNER_WORDS, CAS_TO_ACTOR_BEFORE,
    CAS_WORD_BEFORE_ACTOR_GAP,
)
from pipeline.core.text import BULLETS, has_char_between, line_start
from pipeline.stages.casualties.common import (
    APPOSED_ACTORS, CLAUSE_CHARS, CLAUSE_PUNCT, SENT_CHARS, Intervals, JOINED_ACTORS, JOINED_AFTER_NAME, has_phrase, start_of,
)
from pipeline.stages.casualties.lexicon import Lex, Slotted
from pipeline.stages.casualties.model import Item


def actor_trigger(it: Item, perp: str | None, acts_by_id: dict[str, list[ActorMention]],
                   sent, longest: dict[str, int]) -> tuple[int, int]:
    """The words behind a perpetrator decision: the mention of that actor nearest the count, preferring
    its own sentence; the count itself when the perpetrator is null. ``acts_by_id``: each actor's
    mentions sorted by start (the ones in the sentence are found by bisect); ``longest``: each actor's
    longest mention, filled here when first needed."""
    if perp is None:
        return (it.ns, it.ne)
    same = acts_by_id.get(perp)
    if not same:
        return (it.ns, it.ne)
    lo, hi = (sent.ns, sent.ne) if sent is not None else (0, 1 << 62)
    inside = same[bisect.bisect_left(same, lo, key=start_of):bisect.bisect_left(same, hi, key=start_of)]
    if inside:  # a mention in the sentence beats every other: the nearest of those
        same = inside
    if perp not in longest:
        longest[perp] = max(a.ne - a.ns for a in acts_by_id[perp])
    a = nearest_mention(same, it.ns, it.ne, longest[perp])
    return (a.ns, a.ne)


def nearest_mention(mentions: list[ActorMention], ns: int, ne: int, longest: int) -> ActorMention:
    """The first of ``mentions`` (sorted by start, none longer than ``longest``) nearest [ns, ne), by
    ``min(|a.ns - ne|, |ns - a.ne|)``: looked for in a window around the span that grows until the
    best distance found is within it (a mention outside the window is farther than its width)."""
    def dist(a: ActorMention) -> int:
        return min(abs(a.ns - ne), abs(ns - a.ne))

    width = 256
    while True:
        i0 = bisect.bisect_left(mentions, ns - width - longest, key=start_of)
        i1 = bisect.bisect_right(mentions, ne + width, key=start_of)
        if i0 == 0 and i1 == len(mentions):
            return min(mentions, key=dist)
        if i1 > i0:
            best = min(mentions[i0:i1], key=dist)
            if dist(best) <= width:
                return best
        width *= 4


def sole_agent(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: Lex,
                toks: _Tokens, norm: str) -> tuple[bool, str | None]:
    """The one agent named in [lo, hi): (True, id) when every non-target actor there is the same one,
    (True, None) when several differ, (False, None) when none is named."""
    ids: set[str | None] = set()
    k = bisect.bisect_left(act_starts, lo)
    while k < len(acts) and acts[k].ne <= hi:
        a = acts[k]
        if not _is_target(a, lex, toks, norm):
            ids.add(None if _shared(a, acts, k, norm, lex, toks) else a.id)
        k += 1
    if not ids:
        return False, None
    return True, (ids.pop() if len(ids) == 1 else None)


_MEMBER_GAP = Slotted(r"\s[^,.;:\n()]{0,50}?<member_of>\s*<to_clitic>?\s*")


def member_of(a: ActorMention, ends: list[int], lex: Lex, toks: _Tokens, norm: str) -> bool:
    """An actor the counted people belong to, named right after the count (X من Y التابع لـ A)."""
    k = bisect.bisect_right(ends, a.ns) - 1
    if k < 0 or a.ns - ends[k] > CAS_MEMBER_AFTER:
        return False
    return _MEMBER_GAP.fullmatch(norm, ends[k], a.ns) is not None and not _has_marker(lex, toks, ends[k], a.ns)


def responsible(resp_ends: list[int], acts: list[ActorMention], act_starts: list[int], lo: int, hi: int,
                 norm: str) -> tuple[bool, str | None]:
    """The actor held responsible after a count, in its sentence (وحمّلت اللجنة مسؤوليته للنظام السوري)."""
    k = bisect.bisect_left(resp_ends, lo)
    while k < len(resp_ends) and resp_ends[k] < hi:
        j = bisect.bisect_left(act_starts, resp_ends[k])
        if j < len(acts) and acts[j].ne <= hi and _TO_ACTOR.fullmatch(norm, resp_ends[k], acts[j].ns):
            joined = j + 1 < len(acts) and JOINED_ACTORS.fullmatch(norm, acts[j].ne, acts[j + 1].ns) \
                and acts[j + 1].id != acts[j].id
            return True, (None if joined else acts[j].id)
        k += 1
    return False, None


_TO_ACTOR = Slotted(r"\s*(?:<to_actor_clitics>|<to_actor_prepositions>\s+<article>?)?")


#: what glues an actor to a responsibility head named before the count (… لقوات، … إلى القوات)
_TO_ACTOR_END = Slotted(r"(?:(?<!\p{L})<to_actor_clitics>|(?<!\p{L})<to_actor_prepositions>\s+<article>?)$")
#: ... or inside the mention itself, when its words keep the clitic (للنظام السوري)
_GLUED_TO = Slotted(r"<to_clitic><to_clitic>")


def responsible_after_head(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: Lex,
                           toks: _Tokens, norm: str) -> tuple[bool, str | None]:
    """The actor a responsibility head before the count hands it to, after the count in [lo, hi)
    (حمّلت الشبكة مسؤولية اعتقال 107 أشخاص، لقوات سوريا الديمقراطية): the first actor glued by ل or إلى."""
    k = bisect.bisect_left(act_starts, lo)
    while k < len(acts) and acts[k].ne <= hi:
        a = acts[k]
        if _TO_ACTOR_END.search(norm[max(lo, a.ns - CAS_TO_ACTOR_BEFORE):a.ns]) is not None or _GLUED_TO.match(norm, a.ns):
            joined = k + 1 < len(acts) and JOINED_ACTORS.fullmatch(norm, a.ne, acts[k + 1].ns) \
                and acts[k + 1].id != a.id
            return True, (None if joined else a.id)
        k += 1
    return False, None


def anaphoric_actors(actors: Sequence[ActorMention], lex: Lex, toks: _Tokens) -> list[ActorMention]:
    """``التنظيم`` names ISIS when the report names ISIS elsewhere."""
    ids = {a.id for a in actors}
    if not lex.anaphors or not ids & set(lex.anaphors.values()):
        return []
    spans = Intervals((a.ns, a.ne) for a in actors)
    out = []
    for k, t in enumerate(toks.t):
        for st in _stems(t):
            aid = lex.anaphors.get(st)
            if aid in ids:
                s, e = toks.e[k] - len(st), toks.e[k]
                if not spans.hits(s, e):
                    out.append(ActorMention(s, e, aid, st))
                break
    return out


def label_actors(acts: list[ActorMention], norm: str) -> list[tuple[int, int, str]]:
    """Actors that label a line (``- X: 368 حالة``) or head a section (``أولاً: X:``).

    A label with text after its colon covers the rest of its paragraph; a heading line
    (nothing after it) covers the next paragraph.
    """
    out = []
    for a in acts:
        ls = line_start(norm, a.ns)
        if _LABEL_BEFORE.search(norm, ls, a.ns) is None or _LABEL_AFTER.match(norm, a.ne) is None:
            continue
        le = norm.find("\n", a.ne)
        le = len(norm) if le < 0 else le
        if norm[a.ne:le].strip(" \t:"):
            out.append((a.ne, le, a.id))
        else:
            nxt = norm.find("\n", le + 1)
            out.append((a.ne, len(norm) if nxt < 0 else nxt, a.id))
    return out


class Labels:
    """The line labels of :func:`label_actors` (start, end, actor id), in their order, answering "the
    last label whose span holds this position" by bisect over their starts: a label that starts more
    than the longest label's length before the position cannot hold it."""

    def __init__(self, labels: list[tuple[int, int, str]]):
        self.labels = labels
        self.starts = [a for a, _, _ in labels]
        self.ordered = all(x <= y for x, y in zip(self.starts, self.starts[1:]))
        self.longest = max((b - a for a, b, _ in labels), default=0)

    def __iter__(self):
        return iter(self.labels)

    def last_covering(self, pos: int) -> str | None:
        if self.ordered:
            k0 = bisect.bisect_left(self.starts, pos - self.longest)
            k1 = bisect.bisect_right(self.starts, pos)
        else:
            k0, k1 = 0, len(self.labels)
        for a, b, aid in reversed(self.labels[k0:k1]):
            if a <= pos < b:
                return aid
        return None


def _is_target(a: ActorMention, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """An actor named as the target or the victim (ضد تنظيم داعش، على مواقع داعش)."""
    if a.role == "victim":
        return True
    i = toks.last_ending_by(a.ns)
    if i < 0 or a.ns - toks.e[i] > CAS_WORD_BEFORE_ACTOR_GAP:
        return False
    stems = set(_stems(toks.t[i]))
    if stems & lex.agent_hands:
        return False
    if stems & lex.targets:
        return True
    for k in range(i, max(0, i - CAS_TARGET_OWNER_WORDS), -1):  # "حاجزاً يتبع لفرع الأمن العسكري": the owner of the target site
        if set(_stems(toks.t[k])) & lex.belonging and set(_stems(toks.t[k - 1])) & lex.owned_sites and \
                not has_char_between(norm, CLAUSE_CHARS, toks.s[k - 1], a.ns):
            return True
    if stems & lex.target_adjectives and i > 0 and set(_stems(toks.t[i - 1])) & lex.targets and \
            toks.joined(i - 1, i):
        return True  # "ثكنة عسكرية لحزب الله": a military site of the actor is its target
    # a supporter or a charge a few words before (بمساندة مروحيات التحالف، بتهمة الانتماء إلى تنظيم داعش)
    for k in range(i, max(-1, i - CAS_NON_AGENT_WORDS), -1):
        if k < i and has_char_between(norm, CLAUSE_CHARS, toks.e[k], toks.s[k + 1]):
            break
        if lex.non_agents.match(toks, k) is not None:
            return True
    # the source of the statement (أعلن المركز الإعلامي لقوات سوريا الديمقراطية مقتل ...), unless the actor
    # opens the reported clause (قالت الشبكة إن قوات النظام قتلت ...): then it is that clause's subject
    if stems & lex.complementizers:
        return False
    for k in range(i, max(-1, i - CAS_SOURCE_WORDS), -1):
        if k < i and CLAUSE_PUNCT.search(norm, toks.e[k], toks.s[k + 1]):
            break
        m = lex.sources.match(toks, k)
        if m is not None and m[0] >= i + 1 - (0 if k == i else 2):
            return True
    return False


def _shared(a: ActorMention, acts: list[ActorMention], k: int, norm: str, lex: Lex, toks: _Tokens) -> bool:
    """Two different actors joined by و (قوات النظام والقوات الروسية، القوات التركية وفصائل الجيش الوطني), also
    further along a list of them (X ومرتزقة “Y” ومرتزقة “Z”),
    or an actor and its allies (قوات النظام وحلفاؤها), not its own militias (قوات الأسد وميليشياته: ``own_followers``)."""
    for step in (-1, 1):  # along the list of actors joined by و (or set in apposition) around it
        j, cur = k + step, a
        while 0 <= j < len(acts):
            b = acts[j]
            lo, hi = (b.ne, cur.ns) if step < 0 else (cur.ne, b.ns)
            if hi < lo or hi - lo > CAS_JOINED_LIST_GAP:
                break
            gap = norm[lo:hi]
            joined = (hi - lo <= CAS_JOINED_ACTORS_GAP and JOINED_ACTORS.fullmatch(gap) is not None) or \
                JOINED_AFTER_NAME.fullmatch(gap) is not None or \
                _adjective_pair(b if step > 0 else cur, gap, norm)
            if joined and b.id != a.id:
                return True
            if not joined and (b.id != cur.id or APPOSED_ACTORS.fullmatch(gap) is None):
                break
            j, cur = j + step, b
    i = toks.first_at_or_after(a.ne)
    own = lex.own_followers.get(a.id)
    return i < len(toks) and toks.s[i] - a.ne <= CAS_JOINED_ACTORS_GAP and \
        APPOSED_ACTORS.fullmatch(norm, a.ne, toks.s[i]) is not None and lex.joint.match(toks, i) is not None and \
        (own is None or own.match(toks, i) is None)  # its own militias are the actor itself


#: a hyphen, a slash or bare spaces between two nationality adjectives of one noun (القصف السوري-الروسي)
_ADJECTIVE_PAIR_GAP = regex.compile(r"[ \t]*[-‐–—/][ \t]*|[ \t]+")


def _adjective_pair(right: ActorMention, gap: str, norm: str) -> bool:
    """Two actors told as a pair of adjectives of one noun (الغارات السورية-الروسية، القوات السورية الروسية): the
    second is a bare word right after the first, with only a hyphen, a slash or spaces between: a joint agent."""
    return _ADJECTIVE_PAIR_GAP.fullmatch(gap) is not None and regex.fullmatch(r"\p{L}+", norm[right.ns:right.ne]) is not None


def _has_marker(lex: Lex, toks: _Tokens, lo: int, hi: int) -> bool:
    return has_phrase(lex.attribution, toks, lo, hi)


#: the words before an actor that is the victims' side (من، في صفوف): never an agent
_VICTIM_LINK = Slotted(r"\s*<victim_links>\s*")


def forward_actor(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: Lex,
                   toks: _Tokens, norm: str, spent: set[int] | None = None) -> tuple[bool, str | None]:
    k = bisect.bisect_left(act_starts, lo)
    while k < len(acts) and acts[k].ns < hi:
        a = acts[k]
        gap = norm[lo:a.ns]
        if has_phrase(lex.partial, toks, lo, a.ns):
            break  # "الغالبية العظمى منهم لدى النظام": only a part is attributed
        victim_link = _VICTIM_LINK.fullmatch(gap) is not None
        if not victim_link and not _is_target(a, lex, toks, norm):
            if _has_marker(lex, toks, lo, a.ne) or _harm_of_them_after(a, hi, lex, toks, norm):
                if spent is not None:
                    spent.add(a.ns)
                return True, (None if _shared(a, acts, k, norm, lex, toks) else a.id)
        k += 1
    return False, None


def _harm_of_them_after(a: ActorMention, hi: int, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """A harm noun with the counted people's pronoun (بإعدامهم) right after the actor, in its sentence, before
    ``hi`` (7 رعاة قامت خلية لداعش بإعدامهم): the actor did it to them."""
    end = min(hi, a.ne + CAS_HARM_OF_THEM_AFTER)
    return not has_char_between(norm, SENT_CHARS, a.ne, end) and has_phrase(lex.harm_of_them, toks, a.ne, end)


def _custody_owner(a: ActorMention, lex: Lex, toks: _Tokens, norm: str) -> bool:
    """The owner of a place of custody (مراكز الاحتجاز التابعة للنظام): the holder of the counts in it, not
    the agent of the counts told after it."""
    i = toks.last_ending_by(a.ns)
    if i < 1 or a.ns - toks.e[i] > CAS_WORD_BEFORE_ACTOR_GAP or not set(_stems(toks.t[i])) & lex.belonging:
        return False
    return any(set(_stems(toks.t[k])) & lex.custody_heads and not has_char_between(norm, CLAUSE_CHARS, toks.s[k], a.ns)
               for k in range(i - 1, max(-1, i - CAS_CUSTODY_HEAD_WORDS), -1))


def _speaker_of_clause(a: ActorMention, hi: int, lex: Lex, toks: _Tokens) -> bool:
    """The actor is the subject of a reporting verb right after it whose bare complementizer opens the count's
    clause (وكانت وزارة الدفاع، قد كتبت في وقت سابق، أن 10 أشخاص قتلوا): the statement's source, not the agent.
    A complementizer with a pronoun (أعلنت الوزارة أنها قتلت 20) still makes the speaker the agent."""
    j = toks.last_ending_by(hi)
    if j < 0 or toks.s[j] <= a.ne or not set(_stems(toks.t[j])) & lex.complementizers:
        return False
    i = toks.first_at_or_after(a.ne)
    return any(lex.sources.match(toks, k) is not None for k in range(i, min(j, i + CAS_SPEAKER_VERB_AFTER)))


def backward_actor(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: Lex,
                    toks: _Tokens, norm: str, spent: set[int] = frozenset(),
                    holders: bool = False) -> tuple[bool, str | None]:
    """The nearest agent named in [lo, hi), looking back from ``hi``; the owner of a place of custody only
    when ``holders`` (a custody pronoun's antecedent: مختفين قسرياً لديها)."""
    k = bisect.bisect_left(act_starts, hi) - 1
    while k >= 0 and acts[k].ns >= lo:
        a = acts[k]
        if a.ns in spent:
            return False, None  # the agent of an earlier count (على يد X) is not this one's
        if a.ne <= hi and not _is_target(a, lex, toks, norm) and (holders or not _custody_owner(a, lex, toks, norm)) \
                and not _speaker_of_clause(a, hi, lex, toks):
            j = toks.last_ending_by(a.ns)
            if j >= 0 and lex.partial.match(toks, j) is not None:
                return True, None  # "نفذ معظمها مسلحون مجهولون": the agent of only a part
            return True, (None if _shared(a, acts, k, norm, lex, toks) else a.id)
        k -= 1
    return False, None


def additive_joined(acts: list[ActorMention], act_starts: list[int], lo: int, hi: int, lex: Lex, toks: _Tokens,
                    norm: str, add_ends: list[int]) -> int | None:
    """The nearest agent before ``hi`` in [lo, hi) is added to another agent named before it by an additive
    connector (غارات التحالف، فضلاً عن القصف الروسي، أدت إلى مقتل ...): two agents of one result. Returns the end
    of the first agent (the caller checks the counts between it and ``hi``), else None. ``add_ends``: the ends
    of the additive connectors, sorted."""
    k = bisect.bisect_left(act_starts, hi) - 1
    while k >= 0 and acts[k].ns >= lo and (acts[k].ne > hi or _is_target(acts[k], lex, toks, norm)):
        k -= 1
    if k < 0 or acts[k].ns < lo:
        return None
    a = acts[k]
    kc = bisect.bisect_right(add_ends, a.ns) - 1
    if kc < 0 or add_ends[kc] < lo or _ADDED_NOUN_GAP.fullmatch(norm, add_ends[kc], a.ns) is None:
        return None
    j = k - 1
    while j >= 0 and acts[j].ns >= lo:
        b = acts[j]
        if b.ne <= add_ends[kc] - 1 and not _is_target(b, lex, toks, norm):
            return b.ne if b.id != a.id else None
        j -= 1
    return None


#: what may stand between an additive connector and the actor it adds: up to two words (فضلاً عن قصف الطيران)
_ADDED_NOUN_GAP = regex.compile(r"\s*(?:\p{L}+\s+){0,2}")


#: a label opening a line: optional bullet or ordinal, then the actor, then a colon or the line end
_LABEL_BEFORE = Slotted(r"^[ \t]*(?:" + BULLETS + r"[ \t]*|\d{1,2}[ \t]*[.)-][ \t]*|\p{L}+<heading_ordinal_ending>[ \t]*:[ \t]*)?$",
                        regex.M)


_LABEL_AFTER = regex.compile(r"[ \t]*(?::|\n|$)")


LIST_LINE = regex.compile(r"[ \t]*(?:" + BULLETS + r"|\d{1,2}[ \t]*[.)-])")


#: a result clause of the sentence's own event (..., ما أدى إلى / مما أسفر عن), not a verb with its own subject
MA_RESULT = Slotted(r"(?<![\p{L}])<result_relatives>\s+\p{L}+\s+<result_prepositions>(?!\p{L})")


BLANK_LINE = regex.compile(r"\n[ \t\r]*\n")
