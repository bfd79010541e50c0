"""Groups of counts with no noun of their own: an elliptic count (``وإصابة 20 آخرين``, ``و4 على يد``, a
list line ``- 67 على يد ...``) takes the group of the count it follows, or of the list's head."""
from __future__ import annotations

import bisect

import regex

from pipeline.core.phrases import WordTokens as _Tokens
from pipeline.core.settings import CAS_ELLIPTIC_GAP, CAS_LIST_CONTEXT
from pipeline.stages.casualties.common import LIST_GAP, SENT_BREAK, TOTAL_GROUPS, mark_in
from pipeline.stages.casualties.lexicon import Lex
from pipeline.stages.casualties.model import Item
from pipeline.stages.casualties.scan import Scan


def elliptic_group(sc: Scan, it: Item, prev: Item | None, kept: list[Item]) -> bool:
    """Give an elliptic count (kind ``others`` or ``bare``) its group; False when it is no count."""
    if it.kind == "bare":
        if it.listy:
            _list_line_group(sc, it, kept)
            return True
        return _bare_group(sc, it, prev, kept)
    ante = prev
    if ante is not None and ante.part_of is not None:
        ante = kept[ante.part_of]
    if ante is not None and len(kept) > 1 and ante is kept[-1] and kept[-2].sent == ante.sent and \
            kept[-2].part_of is None and \
            LIST_GAP.fullmatch(sc.norm, kept[-2].ne, ante.ns):
        ante = None  # "مقتل رجلين وطفل، وإصابة 7 آخرين": parts with no total
    if ante is not None and ante.group not in TOTAL_GROUPS and not it.split:
        # "قضى 40 مدنياً، نصفهم أطفال، و9 نساء، وجرح 120 آخرون": the head is the sentence's total
        # (a share, 12 منهن, is of the count right before it)
        ante = next((k for k in reversed(kept) if k.sent == ante.sent and k.ns < ante.ns and k.part_of is None
                     and k.group in TOTAL_GROUPS and k.outcomes), ante)
    if ante is not None:
        it.group, it.gender = ante.group, ante.gender
    else:  # "الضحايا المدنيين توزعوا …، حيث قتل 83 منهم": the plural group noun named before it
        g = _group_named_before(sc, it) if it.split else None
        it.group, it.gender = (g.group, g.gender) if g is not None else ("persons", None)
    return True


def _group_named_before(sc: Scan, it: Item):
    """The nearest plural group noun before ``it`` in its sentence (no count of its own), else None."""
    sent = sc.sents[it.sent] if sc.sents and it.sent >= 0 else None
    lo = sent.ns if sent is not None else 0
    toks = sc.toks
    for k in range(toks.last_ending_by(it.ns), -1, -1):
        if toks.s[k] < lo:
            return None
        m = sc.lex.groups.match(toks, k)
        if m is not None and m[1].number == "plural":
            return m[1]
    return None


def _list_line_group(sc: Scan, it: Item, kept: list[Item]) -> None:
    """A list line (- و67 على يد ...) or a count after a colon: the group of the head count before it;
    a line with a breakdown of its own (– 413 بينهم 35 طفلاً) is a total of people, never of a part's group."""
    last = kept[-1] if kept else None
    if last is None or it.ns - last.ne >= CAS_LIST_CONTEXT:
        it.group = "persons"  # "وتوزعت حالات الاعتقال كالتالي: 210 على يد ..."
        return
    head = kept[last.part_of] if last.part_of is not None else last
    it.group, it.gender = head.group, head.gender
    j = sc.toks.first_at_or_after(it.ne)
    if j < len(sc.toks) and sc.lex.breakdown.match(sc.toks, j) is not None and it.group not in TOTAL_GROUPS:
        # the nearest total before it (1889 مدنياً …، توزعوا: – 413 بينهم …)
        tot = next((k for k in reversed(kept) if k.part_of is None and k.group in TOTAL_GROUPS
                    and it.ns - k.ne < CAS_LIST_CONTEXT), None)
        it.group, it.gender = (tot.group, tot.gender) if tot is not None else ("persons", None)


def _bare_group(sc: Scan, it: Item, prev: Item | None, kept: list[Item]) -> bool:
    """``و4 على يد قوات النظام``: the group of the count right before it in its sentence, joined to it with
    no other number between; the gapped verb's outcome too when no cue stands between them."""
    k = bisect.bisect_left(sc.num_starts, it.ns) - 1
    pn = sc.nums[k] if k >= 0 else None
    pitem = sc.item_by_num.get(id(pn)) if pn is not None else None
    if pitem is not None and pitem is not prev and prev is not None and prev.kind == "single" and \
            prev.part_of is not None and pitem.part_of == prev.part_of:
        pitem = prev  # "5 مدنيين بينهم 3 أطفال ومواطنة …، و4 بينهم …": the list of parts ends in a bare noun
    if prev is None or pn is None or pitem is not prev or \
            it.ns - prev.ne > CAS_ELLIPTIC_GAP or SENT_BREAK.search(sc.norm, prev.ne, it.ns):
        return False
    if it.prep is not None and it.prep != prev.prep and \
            it.prep not in _preps_before(prev.ns, sc.toks, sc.lex, sc.norm):
        return False
    head = kept[prev.part_of] if prev.part_of is not None else prev
    it.group, it.gender = head.group, head.gender
    if not mark_in(sc.cue_starts, prev.ne, it.ns):
        it.outcomes = head.outcomes  # the verb is gapped too (٦٤٧ على يد X، و٢١٨ على يد Y)
        it.cause_of = prev.part_of if prev.part_of is not None else len(kept) - 1
    return True


def _preps_before(pos: int, toks: _Tokens, lex: Lex, norm: str) -> set[str]:
    """Prepositions among the two words before ``pos`` (عن مقتل 128)."""
    j = toks.last_ending_by(pos)
    return {toks.t[k] for k in (j - 1, j) if k >= 0 and toks.t[k] in lex.gap_preps}


def second_verb_group(sc: Scan, it: Item, prev: Item | None, kept: list[Item]) -> None:
    """A count with no noun right after a second outcome verb joined by و to the count before it (قتل 5
    مدنيين وجرح 12، مقتل سيدة وإصابة اثنتين) counts the same group as that count (or its total)."""
    if prev is None or it.why_out != "verb_before_bare_count" or it.group != "persons":
        return
    k = bisect.bisect_right(sc.cue_starts, prev.ne)
    if k >= len(sc.cues) or sc.cues[k][1] > it.ns:
        return
    head = kept[prev.part_of] if prev.part_of is not None else prev
    if not _second_verb_after_own(sc, prev, it, k) and \
            (not _after_clause_break(sc, it) or head.kind == "single"):
        return  # after a clause break, one person named before (بينما قتل رجل …، فيما قضى 10) sets no group
    if head.group is not None:
        it.group, it.gender = head.group, head.gender


def _second_verb_after_own(sc: Scan, prev: Item, it: Item, k: int) -> bool:
    """The verb right before ``it`` is joined by و and follows the count before it, or that count's own verb
    (قتل 5 مدنيين، وجرح 12؛ إن خمسة مدنيين -بينهم طفلان- قتلوا وجرح عشرات), with nothing else between."""
    j = bisect.bisect_right(sc.cue_starts, it.ns) - 1
    if j < k or sc.cues[j][1] > it.ns or sc.norm[sc.cues[j][1]:it.ns].strip() or \
            not sc.toks.t[sc.cues[j][3]].startswith(sc.lex.conj):
        return False
    lo = prev.ne
    for c in sc.cues[k:j]:  # the count's own verb after it (قتلوا) may stand between
        if not _VERB_GAP.fullmatch(sc.norm, lo, c[0]):
            return False
        lo = c[1]
    return _VERB_GAP.fullmatch(sc.norm, lo, sc.cues[j][0]) is not None


def _after_clause_break(sc: Scan, it: Item) -> bool:
    """The outcome verb right before the bare count ``it`` follows a clause break word of its sentence (قتل 14
    مدنياً …، فيما قضى 30 في السجون، بينما قتل 12 برصاص مجهولين)."""
    toks = sc.toks
    j = toks.last_ending_by(it.ns)  # the verb
    if j < 1 or toks.e[j] not in sc.cue_ends:
        return False
    for b in range(max(0, j - 2), j):
        m = sc.lex.breaks_bwd.match(toks, b)
        if m is not None and m[0] == j:
            return True
    return False


#: between a count and the second verb of its sentence (قتل 5 مدنيين، وجرح 12؛ … -بينهم طفلان- قتلوا)
_VERB_GAP = regex.compile(r"[\s,،\-–]*")
