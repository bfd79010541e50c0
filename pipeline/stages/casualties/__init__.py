"""Casualties: every stated count of people harmed (SPEC "Casualty").

``find_casualties(nt, numbers, actors, dates=())`` turns the counts found by
:mod:`pipeline.stages.numbers` (plus bare singular and dual person nouns) into one
:class:`Casualty` per stated count, with

- its *group* (and age/gender) from the counted noun right after the number
  (``24 مدنياً``, ``5 من الكوادر الطبية``), or the noun right before a number
  one/two (``طفل واحد``); an elliptic count (``وإصابة 20 آخرين``, ``و4 على يد``)
  takes the group of the count it follows;
- its *outcome* from an outcome noun that is the counted noun itself
  (``قتيلاً``, ``حالة اعتقال``), else the nearest outcome cue before it in its
  sentence (``قتل وجرح`` gives both), else one right after it;
- *breakdowns*: counts after ``بينهم``/``منهم`` are parts of the count before
  them and inherit its outcome, perpetrator and cause;
- its *perpetrator*: the actor the text attributes the count to, looked for
  after the count (``على يد``, ``جراء غارة روسية``, ``حصيلة هجمات``), else before
  it (``قتل النظام السوري ... 1447 مدنياً``), else after the count joined to it;
  victims and targets are skipped, two actors joined by و give ``None``;
- its *cause* ``torture`` when a torture cue follows a death count.

A number is never a casualty when it lies inside a date, is a percentage or a
rate, an age, or counts anything but people. All vocabulary lives in
``lexicons/casualty_terms.json``; reach limits are the ``CAS_*`` settings.

The modules are the steps, run in this order by :mod:`.find`: :mod:`.scan` (words, sentences, cues),
:mod:`.candidates` (with :mod:`.items`, :mod:`.nouns`, :mod:`.noun_less`, :mod:`.bare_nouns`,
:mod:`.tables`), then per count :mod:`.groups`, :mod:`.breakdown` and :mod:`.outcome` (``OUTCOME_RULES``),
then :mod:`.attribution` (the perpetrator rules, reading :mod:`.agents`) and :mod:`.cause`.
"""
from __future__ import annotations

from pipeline.stages.casualties.breakdown import check_breakdowns
from pipeline.stages.casualties.find import find_casualties
from pipeline.stages.casualties.model import Casualty

__all__ = ["Casualty", "find_casualties", "check_breakdowns"]
