"""Place mentions: gazetteer look-up on the normalized text, resolved to OCHA units.

``find_places(nt) -> list[PlaceMention]``

Data (all in ``lexicons/``): ``gazetteer.tsv`` (generated from OpenSyria / GeoNames /
OCHA, see ``GAZETTEER_SOURCES.md``), ``places_extra.tsv`` (hand-made: neighbourhoods,
regions, camps, missing towns, countries, spelling aliases), ``place_triggers.json``
(trigger words, directions, organization names that hide a place) and
``place_stoplist.txt`` (names that are also common words).

How it works:

1. One Aho-Corasick pass over ``nt.norm`` finds every gazetteer key (names, alternate
   names, ``ريف X`` / ``ريفي X`` countryside keys and blocking organization phrases).
   A hit counts only at word boundaries: on the left only proclitics may stand between
   the previous word boundary and the name (``و ف`` then ``ب ل ك``: ``وبريف``, ``لحلب``,
   ``فالرقة``; ``للرقة`` is ``ل`` + ``الرقة`` with the alef dropped). Longest hits win.
2. **Spans never include clitic letters nor the trigger word** (``بريف دمشق`` gives the
   text ``ريف دمشق``; ``حي جوبر`` gives ``جوبر``), but they do include a direction
   (``ريف حلب الشمالي``, ``شرق حلب``), which also goes to ``extra["direction"]``.
   For ``للرقة`` the span is ``لرقة`` (the second lam stands for the article).
   ``name_ar`` is the gazetteer spelling of the name that matched (an alternate name
   keeps its own spelling: ``الطبقة``, ``المعضمية``); ``ريف X`` gives ``ريف X``.
3. Each hit is resolved among its same-named gazetteer rows by: a trigger word before
   it (``محافظة`` -> governorate, ``حي`` -> neighbourhood ...), a containing unit right
   after it (``حارم بريف إدلب``, ``X في ريف حماة``, ``X بدمشق``, ``X شمال حماة``), the
   governorates named in the sentence and the report, then level and population
   (bare ``الرقة`` is the city).
4. Names that are also common words (stoplist, very short names) and OCHA communities
   that have no point of their own are kept only with a trigger, a containing unit, or
   next to another place of the same governorate in a list (``الشعار والصاخور``).
5. A name the gazetteer lacks but the text marks as a place (``قرية تل الشيح بريف
   حماة``) is still a mention: ``pcode`` None, ``extra["unresolved"] = True``, kind from
   the trigger, admin1 and coordinates from the containing unit.

``geo_precision``: 1 own coordinates, 2 those of a containing district/subdistrict (or an
OCHA community's subdistrict centroid), 3 only the governorate's (every ``ريف X``).
"""
from __future__ import annotations

from pipeline.stages.places.find import find_places, unresolved_names
from pipeline.stages.places.gazetteer import Entry, gazetteer

__all__ = ["find_places", "unresolved_names", "Entry", "gazetteer"]
