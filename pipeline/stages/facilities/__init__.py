"""Facilities: civilian and military sites hit in a report, with their count.

``find_facilities(nt, numbers)`` matches the facility nouns of
``lexicons/facilities.json`` on the normalized view in one pass (longest first,
shared :class:`pipeline.core.phrases.PhraseMatcher`) and counts each one:

1. a number right before the noun (``ثلاثة مساجد``, ``11 مدرسة``, ``3 من المدارس``),
   taken from the ``NumberMention`` list of ``pipeline.stages.numbers.find_numbers``;
   the mention then spans the number and the noun; a vague number (``عشرات``)
   leaves the facility uncounted;
2. a dual form: 2 (``مدرستين``);
3. ``أحد``/``إحدى`` + plural: 1 (``إحدى المدارس``);
4. a singular form: 1 (``مبنى المحافظة``, ``مطار الطبقة العسكري``);
   a numbered unit (``اللواء 93``, ``الفرقة 17``) is one military base;
5. a bare plural (``المدارس``, ``عدة مساجد``) has no count and is not returned.

A facility counts only in a sentence that speaks of damage or attack (a word of
``damage_context`` or an attack verb/noun of ``harm_verbs.json``, also with an object pronoun:
``تم استهدافه``; or a tally heading: ``الحصيلة: 12 مدرسة``), and not when a locative word right before it
makes it a landmark (``بالقرب من المدرسة``, also a و-conjunct of a landmark). The named rules of
``_NOT_A_TARGET`` then read a facility noun as something else than a target, first that fires: a bracketed
apposition, the building of a facility (``مبنى مخفر``), the owner of one (``حاجزاً لفرع الأمن``), where one
is (``مشفى في مخيم اليرموك``), a reporting source (``وفق ما ذكر مركز الدفاع المدني``), a name
(``مسجد باسم جامع``). A share (``مدرسة من كل خمس مدارس``) is no count.

The perpetrator is the single perpetrator actor of the sentence, from the ``actors`` the document already
found (``pipeline.stages.extract.analyse`` hands them over; else the events stage decides).
"""
from __future__ import annotations

from pipeline.stages.facilities.matching import find_facilities
from pipeline.stages.facilities.terms import FACILITY_TYPES, _data

__all__ = ["find_facilities", "FACILITY_TYPES", "_data"]
