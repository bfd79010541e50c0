"""Lint of the place lexicons: gazetteer.tsv (generated), places_extra.tsv (hand-made), triggers, stoplist."""
from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.core.lexicon import load_tsv
from pipeline.core.normalize import norm_key

LEX = Path(__file__).resolve().parents[1] / "lexicons"
GAZ = load_tsv("gazetteer.tsv")
EXTRA = load_tsv("places_extra.tsv")
KINDS_GAZ = {"neighborhood", "governorate", "district", "subdistrict", "city", "town", "community", "site"}
KINDS_SPEC = {"country", "governorate", "district", "subdistrict", "city", "town", "village", "neighborhood",
              "countryside", "region", "camp", "site"}


def _all_rows():
    return [("gazetteer.tsv", r) for r in GAZ] + [("places_extra.tsv", r) for r in EXTRA]


def test_no_duplicate_rows_or_pcodes():
    pcodes = [r["pcode"] for r in GAZ] + [r["pcode"] for r in EXTRA if r["kind"] != "alias"]
    dup = {p for p in pcodes if pcodes.count(p) > 1}
    assert not dup, dup
    lines = [tuple(r.values()) for _, r in _all_rows()]
    assert len(lines) == len(set(lines))


def test_no_empty_names_and_nfkc():
    for name, r in _all_rows():
        assert r["name_ar"].strip(), (name, r["pcode"])
        assert r["pcode"].strip()
        for field in ("name_ar", "alt_names_ar", "name_en"):
            v = r.get(field) or ""
            assert unicodedata.normalize("NFKC", v) == v, (name, r["pcode"], field)
            assert v == v.strip() and "  " not in v, (name, r["pcode"], field)
        alts = [a for a in (r.get("alt_names_ar") or "").split("|")]
        assert all(a.strip() for a in alts if r.get("alt_names_ar")), (name, r["pcode"])


def test_kinds():
    assert {r["kind"] for r in GAZ} <= KINDS_GAZ
    assert {r["kind"] for r in EXTRA} <= KINDS_SPEC | {"alias"}


def test_every_parent_pcode_exists():
    known = {r["pcode"]: r for r in GAZ}
    levels = {"admin1_pcode": "governorate", "admin2_pcode": "district", "admin3_pcode": "subdistrict"}
    for name, r in _all_rows():
        if r["kind"] == "alias":
            assert r["pcode"] in known, (name, r["pcode"])
            continue
        for col, kind in levels.items():
            p = r.get(col) or ""
            if p:
                assert p in known and known[p]["kind"] == kind, (name, r["pcode"], col, p)
        if r.get("admin3_pcode") and r.get("admin2_pcode"):
            assert r["admin3_pcode"].startswith(r["admin2_pcode"]), (name, r["pcode"])
        if r.get("admin2_pcode") and r.get("admin1_pcode"):
            assert r["admin2_pcode"].startswith(r["admin1_pcode"]), (name, r["pcode"])


def test_hand_rows_are_marked_and_invent_no_coordinates():
    head = (LEX / "places_extra.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#") and "HAND-MADE" in head
    for r in EXTRA:
        assert r["source"] == "rasd-hand"
        assert not r["lat"] and not r["lon"], r["pcode"]
        if r["kind"] not in ("alias", "country", "camp", "region"):
            assert r["admin1_pcode"], r["pcode"]
        if r["kind"] == "country":
            assert not r["admin1_pcode"] and r["pcode"].startswith("iso:")
        elif r["kind"] != "alias":
            assert r["pcode"].startswith("rasd:"), r["pcode"]


def test_hand_rows_do_not_repeat_the_gazetteer():
    """A hand row adds what the data lacks: no name already carried by a row of the same kind and governorate."""
    have = {(norm_key(n), r["admin1_pcode"], r["kind"]) for r in GAZ
            for n in [r["name_ar"], *(r["alt_names_ar"] or "").split("|")] if n}
    for r in EXTRA:
        if r["kind"] in ("alias", "country"):
            continue
        assert (norm_key(r["name_ar"]), r["admin1_pcode"], r["kind"]) not in have, r["pcode"]


def test_gazetteer_core_coverage():
    names = {norm_key(r["name_ar"]) for r in GAZ if r["kind"] == "governorate"}
    assert len(names) == 14
    assert sum(r["kind"] == "district" for r in GAZ) == 62
    assert sum(r["kind"] == "subdistrict" for r in GAZ) == 272


def test_triggers_and_stoplist_are_clean():
    lex = json.loads((LEX / "place_triggers.json").read_text(encoding="utf-8"))
    seen: set[str] = set()
    for kind, words in lex["triggers"].items():
        if kind.startswith("_"):
            continue
        for w in words:
            assert unicodedata.normalize("NFKC", w) == w and w.strip() == w and w
            assert norm_key(w) not in seen, w
            seen.add(norm_key(w))
    for phrase in lex["not_places"]["phrases"]:
        assert phrase.strip() == phrase and unicodedata.normalize("NFKC", phrase) == phrase
    lines = [ln.rstrip("\n") for ln in (LEX / "place_stoplist.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    keys = [norm_key(x) for x in lines]
    assert len(keys) == len(set(keys)), {k for k in keys if keys.count(k) > 1}
    assert all(unicodedata.normalize("NFKC", x) == x and x.strip() == x for x in lines)


def test_build_script_reproduces_the_columns(tmp_path):
    """The generator runs on a tiny places.csv (standard library only) and writes the documented columns."""
    src = tmp_path / "places.csv"
    src.write_text(
        "pcode,kind,name_ar,name_en,admin1_pcode,admin2_pcode,admin3_pcode,lat,lon,alt_names_ar,alt_names_en,"
        "population,population_year,feature_code,geonames_id,wikidata,source,parent_method,name_ar_norm,coord_source\n"
        "SY99,governorate,مثال,Example,SY99,,,1.5,2.5,محافظة مثال|kۆbany|د مثال,Ex,10,2016,ADM1,1,,src,source,مثال,own\n",
        encoding="utf-8")
    out = tmp_path / "g.tsv"
    code = ("import sys; sys.path.insert(0, %r); import build_gazetteer as b; "
            "print(b.build(__import__('pathlib').Path(%r), __import__('pathlib').Path(%r)))") % (str(LEX), str(src), str(out))
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "1"
    lines = [ln for ln in out.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    header = lines[0].split("\t")
    assert header == ["pcode", "kind", "name_ar", "name_en", "admin1_pcode", "admin2_pcode", "admin3_pcode",
                      "lat", "lon", "alt_names_ar", "population", "coord_source", "source"]
    row = dict(zip(header, lines[1].split("\t")))
    assert row["alt_names_ar"] == "محافظة مثال"  # Kurdish-letter and one-letter-token forms dropped


@pytest.mark.parametrize("pcode", ["SY01", "SY03", "SY0100", "SY010000"])
def test_hand_parents_exist(pcode):
    assert pcode in {r["pcode"] for r in GAZ}
