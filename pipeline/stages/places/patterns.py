"""The regular expressions that read the words around a gazetteer hit (triggers, directions,
containing units, cues), compiled once from ``place_triggers.json``."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

import regex

from pipeline.core.lexicon import cached_table, load_json
from pipeline.core.normalize import norm_key
from pipeline.core.phrases import AnchoredPattern, clitic_sequences, heads_of
from pipeline.core.text import WB_L, WB_R
from pipeline.stages.places.gazetteer import gazetteer

#: quotes and brackets that may open or close a place name (بلدة "كفرسجنة"، قرية (التح)، أحياء «X» و«Y»)
OPEN_QUOTES, CLOSE_QUOTES = "\"'«“(", "\"'»”)"
QUOTES = OPEN_QUOTES + CLOSE_QUOTES


def alt(words: Iterable[str]) -> str:
    """An alternation of ``words``, longest first."""
    return "|".join(sorted((regex.escape(w) for w in words), key=len, reverse=True))


def link(spec: dict, joined: str = "joined", words: str = "words") -> str:
    """``(?:ب|في )``: letters joined to the next word, or words followed by a space."""
    parts = [regex.escape(norm_key(j)) for j in spec.get(joined, [])]
    parts += [regex.escape(norm_key(w)) + " " for w in spec.get(words, [])]
    return "(?:" + "|".join(parts) + ")"


def _containment(lex: dict, trig: str) -> str:
    spec = lex["containment"]
    rel = [rf"(?:{alt(norm_key(w) for w in r['words'])}) {link(r, words='words_after')}" for r in spec["relatives"]]
    return rf"^ ?,? ?(?:(?:{link(spec)[3:-1]}|{'|'.join(rel)}))(?:(?:{trig}) )?$"


def _cue(lex: dict, key: str, words: list[str], tail: str = "") -> Any:
    conj = regex.escape(gazetteer().cl.conjunctions)
    return regex.compile(rf"{WB_L}[{conj}]?(?:{alt(norm_key(w) for w in words)}){tail} $")


@cached_table("places.patterns")
def patterns() -> dict[str, Any]:
    g = gazetteer()
    cl = g.cl
    lex = load_json("place_triggers.json")
    conj, tprep = f"[{regex.escape(cl.conjunctions)}]?", f"[{regex.escape(cl.trigger_prepositions)}]?"
    and_ = regex.escape(cl.conjunctions[0])
    trig = alt(g.trig_kind)
    dir_word = alt(w for w in g.dirs if not w.startswith(cl.article))
    dir_adj = alt(w for w in g.dirs if w.startswith(cl.article))
    unres = {norm_key(w): k for k, ws in lex["unresolved_triggers"].items() if not k.startswith("_") for w in ws}
    plural = {norm_key(w): k for k, ws in lex["triggers"].items() if not k.startswith("_")
              for w in ws if norm_key(w) not in unres}
    cues = lex["country_cues"]
    return {
        # trigger word right before a name's word
        # (an opening quote or bracket may stand between them: بلدة "كفرسجنة"، قرية (التح))
        "trig_before": regex.compile(rf"{WB_L}{conj}{tprep}(?P<t>{trig}) ?[{regex.escape(OPEN_QUOTES)}]?$"),
        "dir_before": regex.compile(
            rf"{WB_L}{conj}{link(lex['direction_links'])}?(?P<d1>{dir_word}) (?:(?P<d2>{dir_word}) )?$"),
        "dir_after": regex.compile(rf" (?P<d1>{dir_adj}){WB_R}(?: (?P<d2>{dir_adj}){WB_R})?"),
        # what stands between a place and its containing unit
        "contain": regex.compile(_containment(lex, trig)),
        "country_cue": _cue(lex, "country_cue", cues["words"]),
        "origin_cue": _cue(lex, "origin_cue", cues["origin_words"]["words"],
                           " " + regex.escape(norm_key(cues["origin_words"]["link"]))),
        # a counted noun (37 مدرسة); a number then a comma closes the item before (حلب 197, ادلب 75)
        "number_before": regex.compile(r"\d(?:[\d,.]*\d)? ?\Z"),
        # an organization named after the place: مجلس الرقة المدني، المجلس المحلي لمدينة داريا
        "org_before": regex.compile(
            rf"{WB_L}{conj}{tprep}(?:{alt(norm_key(w) for w in lex['org_heads']['words'])}) "
            rf"{link(lex['org_heads'], words='words_after')}?$"),
        # a relation, not a location: مرتبطة بايران، علاقته بتركيا
        "relation_before": _cue(lex, "relation_before", cues["relation_words"]["words"]),
        # a label at the start of a line: "سوريا: ..." (headline) or "إدلب - ..." (dateline)
        "label_after": regex.compile(r" ?(?::| [-–] )"),
        # what may open a line before its label: nothing, or a dateline's source and a dash (وكالة – سوريا:)
        "label_before": regex.compile(r"^(?:[^\n:.،,]{1,30} [-–] )?$"),
        "coord": regex.compile(rf"^ ?(?:,|{and_}|, ?{and_})? ?$"),
        "coord_unknown1": regex.compile(rf" ?(?:, ?)?{and_}\p{{Arabic}}+"),
        "coord_unknown": regex.compile(rf" ?(?:, ?)?{and_}\p{{Arabic}}+ \p{{Arabic}}+"),
        # a countryside word before a quoted name (بريف "إدلب"): the countryside of that name
        "countryside_quoted": regex.compile(
            rf"{WB_L}{conj}{tprep}(?P<r>{alt(norm_key(w) for w in lex['countryside'])}) [{regex.escape(OPEN_QUOTES)}]$"),
        "unres": regex.compile(rf"{WB_L}{conj}{tprep}(?P<t>{alt(unres)}) (?=\S)"),
        # (an opening quote or bracket after the trigger belongs to it: أحياء "الخضر" و"الكندي")
        "plural": regex.compile(rf"{WB_L}{conj}{tprep}(?P<t>{alt(plural)}) [{regex.escape(OPEN_QUOTES)}]?(?=\S)"),
        "unres_kind": unres,
        "plural_kind": plural,
        "word": regex.compile(r"[^\s,.;:!?()\[\]\"'«»/\\-]+"),
    }


@lru_cache(maxsize=1)
def window_scans() -> dict[str, AnchoredPattern]:
    """The patterns looked for in the window before a gazetteer hit that open with a word of a list (a
    trigger, a direction with its link, a countryside word), tried only at the window's words that may
    start them (``AnchoredPattern.search``)."""
    g = gazetteer()
    cl = g.cl
    lex = load_json("place_triggers.json")
    pat = patterns()
    conj = clitic_sequences(cl.conjunctions)
    conj_prep = clitic_sequences(cl.conjunctions, cl.trigger_prepositions)
    links = lex["direction_links"]
    dirs = [w for w in g.dirs if not w.startswith(cl.article)]
    dir_keys = dirs + [norm_key(j) + d for j in links.get("joined", []) for d in dirs]
    dir_keys += [norm_key(w) + " " + d for w in links.get("words", []) for d in dirs]
    return {
        "trig_before": AnchoredPattern(pat["trig_before"], heads_of(list(g.trig_kind), conj_prep)),
        "dir_before": AnchoredPattern(pat["dir_before"], heads_of(dir_keys, conj)),
        "countryside_quoted": AnchoredPattern(pat["countryside_quoted"],
                                              heads_of([norm_key(w) for w in lex["countryside"]], conj_prep)),
    }
