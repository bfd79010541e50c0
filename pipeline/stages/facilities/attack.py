"""Where a text speaks of a hit: claims and denials of a party, and descriptive relative clauses."""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any, Sequence

import regex

from pipeline.core import settings as S
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import ActorMention
from pipeline.core.normalize import NormText, norm_key
from pipeline.core.phrases import PhraseMatcher
from pipeline.core.text import BULLETS, WB_L, WB_R

if TYPE_CHECKING:
    from pipeline.core.document import TextDoc
    from pipeline.stages.facilities.terms import FacilityData

BIG = 1 << 60


def attack_context(data: dict[str, Any], art: str) -> PhraseMatcher:
    """The words that make a sentence speak of a hit: damage words, attack verbs and nouns
    (``harm_verbs.json``), unambiguous weapons (``weapons.json``), also with the article and an object
    pronoun (تم استهدافه، قصفها); phrases that hold one but speak of no attack (إطلاق سراح) shadow them."""
    attack = load_json("harm_verbs.json")["attack"]
    excluded = {norm_key(t) for t in data.get("context_exclude", [])}
    weapons = load_json("weapons.json")
    ambiguous = {norm_key(t) for terms in weapons.get("needs_context", {}).values() for t in terms}
    weapon_terms = [t for terms in weapons["types"].values() for t in terms if norm_key(t) not in ambiguous]
    ctx: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for t in list(data["damage_context"]) + attack["verbs"] + attack["nouns"] + weapon_terms:
        key = norm_key(t)
        if key in seen or key in excluded:
            continue
        seen.add(key)
        ctx.append((key, True))
        if " " not in key and not key.startswith(art):
            ctx.append((art + key, True))
    suffixes = [norm_key(t) for t in data.get("context_suffixes", [])]
    no_suffix = norm_key(data["context_suffix_skip_finals"])  # a word ending in a pronoun letter takes none
    for key, _ in list(ctx):
        if " " not in key and not key.startswith(art) and key[-1:] not in no_suffix:
            for suf in suffixes:
                if key + suf not in seen:
                    seen.add(key + suf)
                    ctx.append((key + suf, True))
    ctx += [(norm_key(t), None) for t in data.get("context_shadow", [])]
    return PhraseMatcher(ctx)


def context_positions(norm: str, data: FacilityData) -> list[int]:
    """Where the text has a damage or attack word, or a tally heading, sorted."""
    ctx_pos = [m.ns for m in data.context.find(norm)]
    if data.place_head_re is not None:  # place_name: مدينة تدمر names a town, no hit
        ctx_pos = [p for p in ctx_pos if data.place_head_re.search(norm, max(0, p - S.FACILITY_WORD_REACH), p) is None]
    if data.accusation_re is not None and ctx_pos:
        charged = [(m.start(), m.end()) for m in data.accusation_re.finditer(norm)]
        if charged:  # accused_act: بتهمة سرقة مولدة من المديرية is what someone is charged with, not a hit
            ctx_pos = [p for p in ctx_pos if not inside(p, charged)]
    if data.tally_scan is not None:
        for m in data.tally_scan.finditer(norm):
            ctx_pos.append(m.start())
            if _REST_OF_LINE.fullmatch(norm, m.end(), _line_end(norm, m.end())):
                ctx_pos += _list_line_starts(norm, m.end())
    ctx_pos.sort()
    return ctx_pos


#: a list line under a tally heading: a bullet, or a count first (- 5 مدارس، 3 أفران، (4) مشافٍ)
_LIST_LINE = regex.compile(r"[ \t]*(?:" + BULLETS + r"|\(?\d)")
_REST_OF_LINE = regex.compile(r"[ \t]*")


def _line_end(norm: str, pos: int) -> int:
    e = norm.find("\n", pos)
    return len(norm) if e < 0 else e


def _list_line_starts(norm: str, pos: int) -> list[int]:
    """The starts of the list lines right under a tally heading that ends its line (المنشآت المستهدفة: /
    - 5 مدارس / - 3 أفران): each speaks of what was hit; the first other line ends the list."""
    out: list[int] = []
    ls = _line_end(norm, pos) + 1
    while ls < len(norm) and len(out) < S.FACILITY_TALLY_LIST_LINES:
        le = _line_end(norm, ls)
        if norm[ls:le].strip():
            if not _LIST_LINE.match(norm, ls):
                break
            out.append(ls)
        ls = le + 1
    return out


def claim_patterns(data: dict[str, Any], conj: str) -> dict[str, Any]:
    """A party's claim (verb, up to 6 words of speaker, complementizer), a denial (verb and speaker, no
    complementizer: نفت الحكومة أي استخدام ...), and the connective that ends the claim."""
    from pipeline.stages.facilities.terms import alt

    claims = data.get("claims", {})
    cv, comp = alt(claims.get("verbs", [])), alt(claims.get("complementizers", []))
    dv, ends = alt(claims.get("denial_verbs", [])), alt(claims.get("end_connectives", []))
    return {
        "claim_re": regex.compile(
            rf"{WB_L}{conj}(?P<v>{cv}){WB_R}(?P<who>(?: [^\s,.;:]+){{1,{S.FACILITY_CLAIM_SPEAKER_WORDS}}}?) (?:{comp}){WB_R}") if cv else None,
        "denial_re": regex.compile(rf"{WB_L}{conj}(?P<v>{dv}){WB_R}(?P<who>(?: [^\s,.;:]+){{1,{S.FACILITY_DENIAL_SPEAKER_WORDS}}})") if dv else None,
        "claim_end_re": regex.compile(rf"[,;] ?(?:{ends}){WB_R}") if ends else None,
    }


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, BIG)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def claim_spans(nt: NormText, doc: TextDoc, data: FacilityData,
                 actors: Sequence[ActorMention] | None) -> list[tuple[int, int]]:
    """What a party to the conflict claims or denies (قالت روسيا إن ...): from the verb to the end of the
    claim (the sentence end, or a comma before a connective that starts the author's own words)."""
    if data.claim_scan is None:
        return []
    norm = nt.norm
    found = data.claim_scan.finditer(norm)
    if data.denial_scan is not None:
        found += data.denial_scan.finditer(norm)
    if not found:
        return []
    if actors is None:
        from pipeline.stages.actors import find_actors  # only when the text has a claim verb

        actors = find_actors(nt)
    party = sorted((a.ns, a.ne) for a in actors if a.id != "unknown")
    out: list[tuple[int, int]] = []
    for m in found:
        ws, we = m.start("who"), m.end("who")
        i = bisect.bisect_left(party, (ws, -1))
        if i >= len(party) or party[i][0] >= we:
            continue  # the speaker is not a party (ناشطون، الدفاع المدني، المرصد)
        sent = doc.sentences[doc.sentence_index(m.start())]
        end = sent.ne
        if data.claim_end_re is not None:
            e = data.claim_end_re.search(norm, m.end(), sent.ne)
            if e is not None:
                end = e.start()
        out.append((m.start("v"), end))
    out.sort()
    return out


def in_descriptive_clause(norm: str, ws: int, sent, ctx_pos: list[int], data: FacilityData) -> bool:
    """``محطة المياه، التي تغذي المدينة ومخيم الهول، ...``, ``البلدة التي تضم مدرستين ومشفى``: a facility
    inside a relative clause that has no damage word itself describes something; it is not a target."""
    if data.relative_word_re is None:
        return False
    lo = max([sent.ns] + [norm.rfind(c, sent.ns, ws) + 1 for c in ",.;:"])
    rel = None
    for rel in data.relative_word_re.finditer(norm, lo, ws):
        pass
    if rel is None:
        return False
    rm = data.relative_re.match(norm, rel.start(), sent.ne)
    if rm is None or not (rm.start() <= ws < rm.end()):
        return False
    k = bisect.bisect_left(ctx_pos, rel.start())
    return not (k < len(ctx_pos) and ctx_pos[k] < rm.end())
