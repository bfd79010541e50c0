"""How predicted facts are matched against gold annotations (SPEC section 4).

Micro precision / recall / F1 per fact kind over a whole gold file:

- ``casualties``: multiset of (outcome, group, count); ``casualties+perpetrator`` adds the perpetrator;
  ``casualties+scope`` adds the scope, over the gold lines whose casualties all carry ``scope``.
- ``tolls``: per gold line with ``incident_tolls``, the report's ``tolls`` for killed, injured and
  detained: the share of reports exact on all three, and the relative absolute error
  (sum of |predicted - gold| over the sum of gold).
- ``facilities``: multiset of (type, count).
- ``places``: set per document of Arabic names after gold normalization.
- ``governorates``: set per document of normalized ``admin1.name_ar``.
- ``dates``: set per document of (value, precision); a range also contributes its end,
  cut to the range's precision.
- ``actors``: set per document of actor ids.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from pipeline.core.normalize import spec_fold

KINDS = ("casualties", "casualties+perpetrator", "casualties+scope", "facilities", "places", "governorates",
         "dates", "actors")
#: the outcomes a gold line's ``incident_tolls`` gives
TOLL_OUTCOMES = ("killed", "injured", "detained")

def gold_norm(name: str) -> str:
    """The gold normalization of a name: alef forms -> ا, ى -> ي, ة -> ه, no diacritics or tatweel."""
    return spec_fold(name)


def _date_keys(d: dict[str, Any]) -> list[tuple]:
    keys = [(d.get("value"), d.get("precision"))]
    end, start = d.get("end"), d.get("start")
    if end and start and end != start:
        cut = {"day": 10, "month": 7, "year": 4}.get(d.get("precision"), 10)
        endv = end[:cut]
        # a single date covers start..end of its own period; only a range adds a key
        if endv != (d.get("value") or "")[:cut]:
            keys.append((endv, d.get("precision")))
    return keys


def facts_from_gold(g: dict[str, Any]) -> dict[str, list]:
    dates: list = []
    for d in g.get("dates", []):
        dates.extend(_date_keys(d))
    cas = g.get("casualties", [])
    out = {}
    if all("scope" in c for c in cas) and (cas or "incident_tolls" in g):
        out["casualties+scope"] = [(c["outcome"], c["group"], c.get("count"), c["scope"]) for c in cas]
    if "incident_tolls" in g:
        out["tolls"] = {o: int(g["incident_tolls"].get(o, 0)) for o in TOLL_OUTCOMES}
    return out | {
        "casualties": [(c["outcome"], c["group"], c.get("count")) for c in g.get("casualties", [])],
        "casualties+perpetrator": [(c["outcome"], c["group"], c.get("count"), c.get("perpetrator"))
                                   for c in g.get("casualties", [])],
        "facilities": [(f["type"], f.get("count")) for f in g.get("facilities", [])],
        "places": sorted({gold_norm(p) for p in g.get("places", [])}),
        "governorates": sorted({gold_norm(p) for p in g.get("governorates", [])}),
        "dates": sorted(set(dates)),
        "actors": sorted(set(g.get("actors", []))),
    }


def facts_from_report(report: dict[str, Any]) -> dict[str, list]:
    cas = [c for ev in report.get("events", []) for c in ev.get("casualties", [])]
    fac = [f for ev in report.get("events", []) for f in ev.get("facilities", [])]
    dates: list = []
    for d in report.get("dates", []):
        dates.extend(_date_keys(d))
    places = report.get("places", [])
    return {
        "casualties": [(c["outcome"], c["group"], c.get("count")) for c in cas],
        "casualties+perpetrator": [(c["outcome"], c["group"], c.get("count"), c.get("perpetrator")) for c in cas],
        "casualties+scope": [(c["outcome"], c["group"], c.get("count"), c.get("scope")) for c in cas],
        "tolls": {o: int((report.get("tolls") or {}).get(o, 0)) for o in TOLL_OUTCOMES},
        "facilities": [(f["type"], f.get("count")) for f in fac if f.get("count") is not None],
        "places": sorted({gold_norm(p["name_ar"]) for p in places}),
        "governorates": sorted({gold_norm(p["admin1"]["name_ar"]) for p in places if p.get("admin1")}),
        "dates": sorted(set(dates)),
        "actors": sorted({a["id"] for a in report.get("actors", [])}),
    }


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TollTally:
    """Report tolls against gold ``incident_tolls``."""

    reports: int = 0
    exact: int = 0
    abs_error: int = 0
    gold_total: int = 0

    @property
    def exact_share(self) -> float:
        return self.exact / self.reports if self.reports else 1.0

    @property
    def rel_error(self) -> float:
        return self.abs_error / self.gold_total if self.gold_total else float(self.abs_error > 0)

    def add(self, gold: dict[str, int], pred: dict[str, int]) -> None:
        self.reports += 1
        self.exact += all(gold[o] == pred.get(o, 0) for o in TOLL_OUTCOMES)
        self.abs_error += sum(abs(gold[o] - pred.get(o, 0)) for o in TOLL_OUTCOMES)
        self.gold_total += sum(gold[o] for o in TOLL_OUTCOMES)


@dataclass
class DocDiff:
    doc_id: str
    missed: dict[str, list] = field(default_factory=dict)
    extra: dict[str, list] = field(default_factory=dict)


def compare(gold: list, pred: list) -> tuple[int, list, list]:
    """Multiset comparison: (true positives, missed gold items, extra predicted items)."""
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return tp, list((g - p).elements()), list((p - g).elements())


def score(pairs: Iterable[tuple[str, dict[str, list], dict[str, list]]]) -> tuple[dict[str, Any], list[DocDiff]]:
    """Score (doc_id, gold facts, predicted facts) triples; returns tallies per kind (and ``tolls``, a
    :class:`TollTally`) and diffs per doc. A kind the gold line does not annotate is not scored for it."""
    tallies: dict[str, Any] = {k: Tally() for k in KINDS}
    tallies["tolls"] = TollTally()
    diffs: list[DocDiff] = []
    for doc_id, gold, pred in pairs:
        diff = DocDiff(doc_id)
        if "tolls" in gold:
            tallies["tolls"].add(gold["tolls"], pred.get("tolls", {}))
            if gold["tolls"] != {o: pred.get("tolls", {}).get(o, 0) for o in TOLL_OUTCOMES}:
                diff.missed["tolls"] = [tuple(gold["tolls"].items())]
                diff.extra["tolls"] = [tuple(pred.get("tolls", {}).items())]
        for kind in KINDS:
            if kind not in gold:
                continue
            tp, missed, extra = compare(gold.get(kind, []), pred.get(kind, []))
            t = tallies[kind]
            t.tp += tp
            t.fn += len(missed)
            t.fp += len(extra)
            if missed:
                diff.missed[kind] = missed
            if extra:
                diff.extra[kind] = extra
        diffs.append(diff)
    return tallies, diffs
