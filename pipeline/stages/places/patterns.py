"""The regular expressions that read the words around a gazetteer hit (triggers, directions,
containing units, cues), compiled once from ``place_triggers.json``."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from pipeline.core.lexicon import load_json
from pipeline.core.normalize import norm_key
from pipeline.core.text import WB_L, WB_R
from pipeline.stages.places.gazetteer import gazetteer


@lru_cache(maxsize=1)
def patterns() -> dict[str, Any]:
    g = gazetteer()
    lex = load_json("place_triggers.json")
    alt = lambda ws: "|".join(sorted((regex.escape(w) for w in ws), key=len, reverse=True))  # noqa: E731
    trig = alt(g.trig_kind)
    dir_word = alt(w for w in g.dirs if not w.startswith("ال"))
    dir_adj = alt(w for w in g.dirs if w.startswith("ال"))
    unres = {norm_key(w): k for k, ws in lex["unresolved_triggers"].items() if not k.startswith("_") for w in ws}
    plural = {norm_key(w): k for k, ws in lex["triggers"].items() if not k.startswith("_")
              for w in ws if norm_key(w) not in unres}
    return {
        # trigger word right before a name's word
        # (an opening quote or bracket may stand between them: بلدة "كفرسجنة"، قرية (التح))
        "trig_before": regex.compile(rf"{WB_L}[وف]?[بل]?(?P<t>{trig}) ?[\"'«“(]?$"),
        "dir_before": regex.compile(rf"{WB_L}[وف]?(?:ب|في )?(?P<d1>{dir_word}) (?:(?P<d2>{dir_word}) )?$"),
        "dir_after": regex.compile(rf" (?P<d1>{dir_adj}){WB_R}(?: (?P<d2>{dir_adj}){WB_R})?"),
        # what stands between a place and its containing unit
        "contain": regex.compile(
            rf"^ ?,? ?(?:(?:ب|في |من |(?:الواقعه|الواقع) (?:في |ب)|(?:التابعه|التابع) (?:ل|ال)))"
            rf"(?:(?:{trig}) )?$"),
        "country_cue": regex.compile(rf"{WB_L}[وف]?(?:{alt(norm_key(w) for w in lex['country_cues']['words'])}) $"),
        "origin_cue": regex.compile(
            rf"{WB_L}[وف]?(?:{alt(norm_key(w) for w in lex['country_cues']['origin_words']['words'])}) من $"),
        # a counted noun (37 مدرسة); a number then a comma closes the item before (حلب 197, ادلب 75)
        "number_before": regex.compile(r"\d(?:[\d,.]*\d)? ?\Z"),
        # an organization named after the place: مجلس الرقة المدني، المجلس المحلي لمدينة داريا
        "org_before": regex.compile(
            rf"{WB_L}[وف]?[بل]?(?:{alt(norm_key(w) for w in lex['org_heads']['words'])}) (?:[لب]|في )?$"),
        # a relation, not a location: مرتبطة بايران، علاقته بتركيا
        "relation_before": regex.compile(
            rf"{WB_L}[وف]?(?:{alt(norm_key(w) for w in lex['country_cues']['relation_words']['words'])}) $"),
        # a label at the start of a line: "سوريا: ..." (headline) or "إدلب - ..." (dateline)
        "label_after": regex.compile(r" ?(?::| [-–] )"),
        "coord": regex.compile(r"^ ?(?:,|و|, ?و)? ?$"),
        "coord_unknown1": regex.compile(r" ?(?:, ?)?و\p{Arabic}+"),
        "coord_unknown": regex.compile(r" ?(?:, ?)?و\p{Arabic}+ \p{Arabic}+"),
        "unres": regex.compile(rf"{WB_L}[وف]?[بل]?(?P<t>{alt(unres)}) (?=\S)"),
        "plural": regex.compile(rf"{WB_L}[وف]?[بل]?(?P<t>{alt(plural)}) (?=\S)"),
        "unres_kind": unres,
        "plural_kind": plural,
        "word": regex.compile(r"[^\s,.;:!?()\[\]\"'«»/\\-]+"),
    }
