"""casualties.find_casualties: one fact per stated count of people harmed.

Rows assert the keys SPEC section 4 scores: (outcome, group, count) plus
qualifier, perpetrator and cause.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.stages.actors import find_actors
from pipeline.stages.casualties import check_breakdowns, find_casualties
from pipeline.stages.dates import find_dates
from pipeline.core.lexicon import load_json
from pipeline.core.normalize import norm_key, normalize
from pipeline.stages.numbers import find_numbers

FIXTURES = Path(__file__).parent / "fixtures"


def run(text: str):
    nt = normalize(text)
    cas = find_casualties(nt, find_numbers(nt), find_actors(nt), find_dates(nt, None))
    return nt, cas


def keys(text: str):
    _, cas = run(text)
    return sorted((c.outcome, c.group, c.count, c.qualifier, c.perpetrator, c.cause) for c in cas)


K, I, D, X, P = "killed", "injured", "detained", "disappeared", "displaced"
REG, RUS, COA, ISIS, SDF = "syrian_regime", "russia", "coalition", "isis", "sdf"

POSITIVE = [
    # --- outcome verbs and nouns
    ("مقتل 24 مدنياً جراء غارات جوية", [(K, "civilians", 24, "exact", None, None)]),
    ("قُتل 7 مدنيين في قصف على مدينة دوما", [(K, "civilians", 7, "exact", None, None)]),
    ("استشهد 12 مدنياً في مدينة سراقب", [(K, "civilians", 12, "exact", None, None)]),
    ("لقي 4 مدنيين حتفهم في مدينة الباب", [(K, "civilians", 4, "exact", None, None)]),
    ("ارتكبت قوات النظام مجزرة في بلدة كفرنبل راح ضحيتها 11 مدنياً",
     [(K, "civilians", 11, "exact", REG, None)]),
    ("أودى القصف بحياة 6 مدنيين في حي الشعار", [(K, "civilians", 6, "exact", None, None)]),
    ("أعدم تنظيم داعش 5 أشخاص في مدينة الميادين", [(K, "persons", 5, "exact", ISIS, None)]),
    ("سقوط 1420 قتيلاً في عموم سوريا", [(K, "persons", 1420, "exact", None, None)]),
    ("أصيب 12 مدنياً بجروح متفاوتة", [(I, "civilians", 12, "exact", None, None)]),
    ("وأكثر من 45 جريحاً في مدينة إدلب", [(I, "persons", 45, "more_than", None, None)]),
    ("وثقنا 178 حالة اعتقال تعسفي في شهر آب", [(D, "persons", 178, "exact", None, None)]),
    ("اعتقلت قوات النظام 30 شخصاً من أبناء مدينة التل", [(D, "persons", 30, "exact", REG, None)]),
    ("تعرض 15 شخصاً للاختفاء القسري على يد قوات النظام", [(X, "persons", 15, "exact", REG, None)]),
    ("ما زال 113 مختفين قسرياً منذ عام 2013", [(X, "persons", 113, "exact", None, None)]),
    ("نزوح نحو 5000 مدني من ريف حماة الشمالي", [(P, "civilians", 5000, "approx", None, None)]),
    # the displaced as the subject of a leaving verb after their count
    ("وأشار المكتب إلى أن 40 ألف مدني تركوا منازلهم خلال الأسبوع", [(P, "civilians", 40000, "exact", None, None)]),
    ("قال الدفاع المدني إن 900 عائلة غادروا منازلهم في البلدة", []),
    ("وذكرت المنظمة أن 12 ألف شخص فروا من منازلهم نحو الحدود", [(P, "persons", 12000, "exact", None, None)]),
    ("وأكد الفريق أن 3500 مدني فروا باتجاه المخيمات", [(P, "civilians", 3500, "exact", None, None)]),
    ("قتل وجرح عشرات المدنيين جراء قصف قوات النظام",
     [(I, "civilians", None, "tens", REG, None), (K, "civilians", None, "tens", REG, None)]),
    ("مقتل وإصابة 30 مدنياً في انفجار سيارة مفخخة",
     [(I, "civilians", 30, "exact", None, None), (K, "civilians", 30, "exact", None, None)]),
    ("سقوط عشرات القتلى والجرحى في سوق المدينة",
     [(I, "persons", None, "tens", None, None), (K, "persons", None, "tens", None, None)]),
    ("أكثر من 60 حالة قتل خارج نطاق القانون", [(K, "persons", 60, "more_than", None, None)]),
    # --- torture
    ("قضى 17 شخصاً بسبب التعذيب في مراكز الاحتجاز التابعة لقوات النظام",
     [(K, "persons", 17, "exact", REG, "torture")]),
    ("توفي 3 معتقلين تحت التعذيب في سجون النظام السوري",
     [(K, "detainees", 3, "exact", REG, "torture")]),
    ("وثقنا مقتل 9 أشخاص جراء التعذيب بينهم طفل",
     [(K, "children", 1, "exact", None, "torture"), (K, "persons", 9, "exact", None, "torture")]),
    # --- groups, age, gender
    ("قتل طفل بعمر 12 عاماً", [(K, "children", 1, "exact", None, None)]),
    ("قتل شاب في الـ16 عاماً من عمره", [(K, "men", 1, "exact", None, None)]),
    ("مقتل 5 أطفال في غارة على بلدة معرة حرمة", [(K, "children", 5, "exact", None, None)]),
    ("مقتل طفلة برصاص قناص في حي الوعر", [(K, "children", 1, "exact", None, None)]),
    ("مقتل سيدتين في قصف مدفعي على مدينة داريا", [(K, "women", 2, "exact", None, None)]),
    ("استشهد 3 رجال في مدينة حمص", [(K, "men", 3, "exact", None, None)]),
    ("مقتل 4 مسنين في بلدة حيش", [(K, "elderly", 4, "exact", None, None)]),
    ("مقتل 5 عناصر من تنظيم داعش جراء غارات التحالف الدولي",
     [(K, "fighters", 5, "exact", COA, None)]),
    ("مقتل 3 من الكوادر الطبية في استهداف مشفى المدينة", [(K, "medical", 3, "exact", None, None)]),
    ("مقتل 2 من عناصر الدفاع المدني أثناء عمليات الإنقاذ", [(K, "civil_defense", 2, "exact", None, None)]),
    ("مقتل 4 إعلاميين خلال شهر تموز", [(K, "media", 4, "exact", None, None)]),
    ("مقتل صحفي برصاص قناص في مدينة درعا", [(K, "media", 1, "exact", None, None)]),
    ("مقتل 17 معتقلاً بسبب التعذيب", [(K, "detainees", 17, "exact", None, "torture")]),
    ("إصابة 8 أشخاص بجروح في مدينة عفرين", [(I, "persons", 8, "exact", None, None)]),
    # --- counts: digits, Arabic-Indic, words, duals, singulars, vague
    ("مقتل ١٤ مدنياً في ريف حلب", [(K, "civilians", 14, "exact", None, None)]),
    ("مقتل ثلاثة أشخاص في بلدة تفتناز", [(K, "persons", 3, "exact", None, None)]),
    ("استشهد رجلين اثنين في القصف", [(K, "men", 2, "exact", None, None)]),
    ("مقتل طفل واحد في القصف", [(K, "children", 1, "exact", None, None)]),
    ("مقتل 3 أطفال وامرأة جراء قصف قوات النظام",
     [(K, "children", 3, "exact", REG, None), (K, "women", 1, "exact", REG, None)]),
    ("مقتل 18 ألفاً و452 شخصاً منذ آذار 2011", [(K, "persons", 18452, "exact", None, None)]),
    ("مقتل ألفان و317 طفلاً", [(K, "children", 2317, "exact", None, None)]),
    ("اعتقال مئات الأشخاص في حملة دهم", [(D, "persons", None, "hundreds", None, None)]),
    ("بلغ عدد القتلى المدنيين (846) مدنياً", [(K, "civilians", 846, "exact", None, None)]),
    ("مقتل 940مدنياً في الشهر الماضي", [(K, "civilians", 940, "exact", None, None)]),
    # --- qualifiers
    ("قتل ما لا يقل عن 40 مدنياً", [(K, "civilians", 40, "at_least", None, None)]),
    ("قتل ما لايقل عن 40 مدنياً", [(K, "civilians", 40, "at_least", None, None)]),
    ("مقتل أكثر من 60 مدنياً", [(K, "civilians", 60, "more_than", None, None)]),
    ("مقتل نحو 950 مدنياً", [(K, "civilians", 950, "approx", None, None)]),
    ("مقتل قرابة 200 مدني", [(K, "civilians", 200, "approx", None, None)]),
    ("إصابة بين 10 و15 مدنياً", [(I, "civilians", 10, "range", None, None)]),
    # --- breakdowns
    ("قتل النظام السوري 312 مدنياً بينهم 57 طفلاً و21 سيدة",
     [(K, "children", 57, "exact", REG, None), (K, "civilians", 312, "exact", REG, None),
      (K, "women", 21, "exact", REG, None)]),
    ("وثقنا 178 حالة اعتقال تعسفي بينها 11 طفلاً و5 سيدات على يد قوات النظام",
     [(D, "children", 11, "exact", REG, None), (D, "persons", 178, "exact", REG, None),
      (D, "women", 5, "exact", REG, None)]),
    ("مقتل 6 مدنيين بينهم سيدتان جراء قصف جوي",
     [(K, "civilians", 6, "exact", None, None), (K, "women", 2, "exact", None, None)]),
    ("وثقنا مقتل 35 مدنياً، 12 منهم أطفال",
     [(K, "children", 12, "exact", None, None), (K, "civilians", 35, "exact", None, None)]),
    ("اعتقلت قوات النظام 30 شخصاً بينهم طبيب وممرضة",
     [(D, "medical", 1, "exact", REG, None), (D, "medical", 1, "exact", REG, None),
      (D, "persons", 30, "exact", REG, None)]),
    ("مقتل 200 مدني في مدينة دوما بينهم 30 طفلاً",
     [(K, "children", 30, "exact", None, None), (K, "civilians", 200, "exact", None, None)]),
    ("قتل 3 أشخاص من عائلة واحدة بينهم طفلان",
     [(K, "children", 2, "exact", None, None), (K, "persons", 3, "exact", None, None)]),
    ("ما أدى إلى مقتل ثلاثة مدنيين، أحدهم طفل",
     [(K, "children", 1, "exact", None, None), (K, "civilians", 3, "exact", None, None)]),
    ("تم توثيق مقتل 82 شخصاً من الكوادر الإعلامية", [(K, "media", 82, "exact", None, None)]),
    ("وسقط 3 قتلى مدنيين و8 جرحى",
     [(I, "persons", 8, "exact", None, None), (K, "civilians", 3, "exact", None, None)]),
    # --- elliptic counts
    ("مقتل 5 مدنيين وإصابة 20 آخرين جراء غارة روسية على مدينة أريحا",
     [(I, "civilians", 20, "exact", RUS, None), (K, "civilians", 5, "exact", RUS, None)]),
    ("مقتل 9 مدنيين على يد القوات الروسية، و4 على يد قوات النظام",
     [(K, "civilians", 4, "exact", REG, None), (K, "civilians", 9, "exact", RUS, None)]),
    ("مقتل 3 مدنيين وإصابة ثلاثين آخرين", [(I, "civilians", 30, "exact", None, None),
                                          (K, "civilians", 3, "exact", None, None)]),
    ("أصيب 7 آخرون بجروح", [(I, "persons", 7, "exact", None, None)]),
    # --- perpetrators
    ("كما قتل النظام السوري في عموم المحافظات السورية ما لايقل عن 1447 مدنياً",
     [(K, "civilians", 1447, "at_least", REG, None)]),
    ("مقتل 24 مدنياً وتدمير بعض المنشآت المدنية حصيلة هجمات قوات التحالف الدولي",
     [(K, "civilians", 24, "exact", COA, None)]),
    ("مقتل 3 مدنيين برصاص قوات النظام في حي القابون", [(K, "civilians", 3, "exact", REG, None)]),
    ("قتلت قوات النظام والقوات الروسية 50 مدنياً", [(K, "civilians", 50, "exact", None, None)]),
    ("مقتل 12 مدنياً على يد قوات النظام والقوات الروسية", [(K, "civilians", 12, "exact", None, None)]),
    ("استهدفت قوات التحالف مواقع تنظيم داعش ما أسفر عن مقتل 7 مدنيين",
     [(K, "civilians", 7, "exact", COA, None)]),
    ("قتلت قوات النظام 3 مدنيين، كما قتلت قوات سوريا الديمقراطية 2 آخرين",
     [(K, "civilians", 2, "exact", SDF, None), (K, "civilians", 3, "exact", REG, None)]),
    ("مقتل 5 مدنيين جراء غارة روسية على بلدة كفرنبل", [(K, "civilians", 5, "exact", RUS, None)]),
    # --- duals in a breakdown after a count (the dual noun carries its own group)
    ("قتلت قوات النظام 17 مدنياً، بينهم 6 أطفال وامرأتين، في قصف على بلدة كفرزيتا",
     [(K, "civilians", 17, "exact", REG, None), (K, "children", 6, "exact", REG, None),
      (K, "women", 2, "exact", REG, None)]),
    # --- a split of a total by actor: the total stays unattributed
    ("وثق الفريق مقتل 33 شخصاً تحت التعذيب، 30 منهم على يد قوات النظام، و3 على يد قوات سوريا الديمقراطية",
     [(K, "persons", 33, "exact", None, "torture"), (K, "persons", 30, "exact", REG, "torture"),
      (K, "persons", 3, "exact", SDF, "torture")]),
    ("سجلنا 154 حالة اعتقال بينها 9 أطفال، 120 منها على يد قوات النظام",
     [(D, "persons", 154, "exact", None, None), (D, "children", 9, "exact", None, None),
      (D, "persons", 120, "exact", REG, None)]),
    ("كانت قوات النظام مسؤولة عن 75 منها، فيما تحول 40 شخصاً منهم إلى مختفين قسرياً",
     [(X, "persons", 40, "exact", None, None)]),
    ("وثقنا 300 حالة اعتقال، تحول 110 منها إلى حالات اختفاء قسري",
     [(D, "persons", 300, "exact", None, None), (X, "persons", 110, "exact", None, None)]),
    # --- gapped counts after a preposition
    ("وكانت قوات النظام مسؤولة عن مقتل 60 مدنياً، والقوات الروسية عن 25، وجهات أخرى عن 7",
     [(K, "civilians", 60, "exact", REG, None), (K, "civilians", 25, "exact", RUS, None),
      (K, "civilians", 7, "exact", "unknown", None)]),
    # --- clause breaks stop the search for an agent
    ("قتلت طائرات روسية 12 مدنياً، فيما قتل 4 مدنيين في مناطق سيطرة قوات سوريا الديمقراطية",
     [(K, "civilians", 12, "exact", RUS, None), (K, "civilians", 4, "exact", None, None)]),
    ("أعدمت قوات النظام 6 أشخاص، كما قتل 2 من الكوادر الطبية في حادثة منفصلة",
     [(K, "persons", 6, "exact", REG, None), (K, "medical", 2, "exact", None, None)]),
    ("قتل 9 مدنيين في ريف درعا، ونحو 30 في ريف حمص، وقضى 5 مدنيين برصاص مسلحين مجهولين",
     [(K, "civilians", 9, "exact", None, None), (K, "civilians", 30, "approx", None, None),
      (K, "civilians", 5, "exact", "unknown", None)]),
    # --- the agent between a total and its breakdown
    ("وثقنا 40 شهيداً قضوا تحت التعذيب في سجون النظام السوري، بينهم طفلان",
     [(K, "persons", 40, "exact", REG, "torture"), (K, "children", 2, "exact", REG, "torture")]),
    # --- the agent as a verb with an object pronoun after the count
    ("ومن بين الضحايا 4 من الكوادر الطبية قتلتهم قوات النظام والقوات الروسية",
     [(K, "medical", 4, "exact", None, None)]),
    ("وبينهم 8 مدنيين أعدمهم تنظيم داعش ميدانياً",
     [(K, "civilians", 8, "exact", ISIS, None)]),
    # --- fighters: the side named is the victim's
    ("قتل 27 من مقاتلي فصائل المعارضة المسلحة في المعارك", [(K, "fighters", 27, "exact", None, None)]),
    ("مقتل 150 عنصراً من قوات النظام في ريف حماة", [(K, "fighters", 150, "exact", None, None)]),
    # --- more nouns
    ("استشهد 12 مواطناً بينهم 5 مواطنات", [(K, "civilians", 12, "exact", None, None),
                                         (K, "women", 5, "exact", None, None)]),
    ("ما لا يقل عن 45 وفاة تحت التعذيب", [(K, "persons", 45, "at_least", None, "torture")]),
    # --- one agent after two coordinated outcome clauses
    ("قتل ما لا يقل عن 9 مدنيين، بينهم طفلان، وأصيب 15 جريحاً، جراء قصف صاروخي شنته قوات النظام",
     [(K, "civilians", 9, "at_least", REG, None), (K, "children", 2, "exact", REG, None),
      (I, "persons", 15, "exact", REG, None)]),
    ("قتل 6 من عناصر قوات سوريا الديمقراطية، وأصيب طفل، جراء قصف طائرة مسيرة تركية",
     [(K, "fighters", 6, "exact", "turkey", None), (I, "children", 1, "exact", "turkey", None)]),
    # --- a result clause keeps the agent of the clause before a break
    ("شنت طائرات روسية غارات على البلدة، فيما أصابت غارة أخرى السوق، ما أدى إلى مقتل 4 مدنيين",
     [(K, "civilians", 4, "exact", RUS, None)]),
    # --- ordinals, occupations, a count before عدد, headline restatements
    ("قتل 4 عمال، وأصيب خامس بجروح، جراء انفجار لغم من مخلفات تنظيم داعش",
     [(K, "persons", 4, "exact", ISIS, None), (I, "persons", 1, "exact", ISIS, None)]),
    ("مقتل امرأتين وطفل، وإصابة 5 آخرين", [(K, "women", 2, "exact", None, None),
                                          (K, "children", 1, "exact", None, None),
                                          (I, "persons", 5, "exact", None, None)]),
    ("ليرتفع إلى 14 عدد المدنيين الذين قتلوا برصاص القناصة", [(K, "civilians", 14, "exact", None, None)]),
    ("قذائف على البلدة تقتل ثلاثة أطفال\n\nقصفت قوات النظام السوري صباح اليوم الأحياء السكنية في البلدة بعشرات القذائف "
     "المدفعية والصاروخية من مواقعها في التلال المحيطة، ما أدى إلى مقتل ثلاثة أطفال كانوا في طريقهم إلى المدرسة.",
     [(K, "children", 3, "exact", REG, None), (K, "children", 3, "exact", REG, None)]),
    # --- a share with its own agent inside a breakdown; an elliptic count after parts takes the total's group
    ("وثقنا مقتل 90 مدنياً، بينهم 20 طفلاً، قتلت قوات النظام منهم 70 مدنياً بينهم 15 طفلاً، و20 على يد جهات أخرى",
     [(K, "civilians", 90, "exact", None, None), (K, "children", 20, "exact", None, None),
      (K, "civilians", 70, "exact", REG, None), (K, "children", 15, "exact", REG, None),
      (K, "civilians", 20, "exact", "unknown", None)]),
    # --- joint agents: two forces, a force and its allies; a part attributed
    ("قتل 41 مدنياً على يد القوات التركية وفصائل الجيش الوطني", [(K, "civilians", 41, "exact", None, None)]),
    ("مقتل 70 مدنياً في الحملة التي تشنها قوات النظام وحلفاؤها", [(K, "civilians", 70, "exact", None, None)]),
    ("ولا يزال نحو 5 آلاف شخص مختفين قسرياً، معظمهم لدى قوات النظام",
     [(X, "persons", 5000, "approx", None, None)]),
    ("ولا يزال 300 شخص مختفين قسرياً لدى قوات النظام", [(X, "persons", 300, "exact", REG, None)]),
    ("وقتلت هيئة تحرير الشام واحداً وعشرين مدنياً", [(K, "civilians", 21, "exact", "hts", None)]),
    # --- gapped verbs: bare counts after a colon, a part with no noun after بينهم
    ("وتوزعت حالات الاعتقال كالتالي: 210 على يد قوات النظام، بينها 7 أطفال، و64 على يد هيئة تحرير الشام",
     [(D, "persons", 210, "exact", REG, None), (D, "children", 7, "exact", REG, None),
      (D, "persons", 64, "exact", "hts", None)]),
    ("قتل تنظيم داعش 30 مدنياً، وبينهم 6 أعدمهم التنظيم رمياً بالرصاص",
     [(K, "civilians", 30, "exact", ISIS, None), (K, "civilians", 6, "exact", ISIS, None)]),
    ("قوات النظام تعتقل 12 شخصاً في مدينة التل", [(D, "persons", 12, "exact", REG, None)]),
    ("قتلت وجرحت قوات النظام عشرات المدنيين في حي محاصر منذ أشهر يسكنه نحو 40 ألف نسمة",
     [(K, "civilians", None, "tens", REG, None), (I, "civilians", None, "tens", REG, None)]),
    # --- large numbers
    ("ارتفعت حصيلة القتلى منذ عام 2011 إلى أكثر من 390 ألف شخص",
     [(K, "persons", 390000, "more_than", None, None)]),
]

NEGATIVE = [
    "قتل 48% من الضحايا على يد قوات النظام",
    "41 في المئة من الضحايا أطفال",
    "قتل النظام بمعدل 7 أطفال يومياً",
    "ارتكبت قوات النظام 23 مجزرة خلال شهر آب",
    "ألقى الطيران المروحي 4 براميل متفجرة على مدينة داريا",
    "وثقت الشبكة 2016 عملية إنقاذ قام بها الدفاع المدني",
    "قصفت قوات النظام مواقع في اللواء 93 في بلدة عين عيسى",
    "طفل بعمر 12 عاماً يعمل في الزراعة",
    "شاب في الـ16 عاماً من عمره",
    "استخدم النظام ثلاث مرات غازات سامة، مرتين في حي جوبر بدمشق، وواحدة في مدينة حرستا",
    "شنت قوات التحالف 15 غارة على مواقع تنظيم داعش",
    "وقعت الهجمات في 23 أيلول 2014",
    "انظر الصفحة 12 من التقرير",
    "تعرضت 3 مدارس للقصف خلال 5 أيام",
    "يقطن في البلدة 5000 شخص",
    "وحذر المكتب من أن المنطقة التي تشهد المعارك يوجد بها نحو مليوني شخص نزح أغلبهم من قبل",
    "تتعرض البلدة التي يوجد فيها 20 ألف مدني لقصف يومي",
    "صدر التقرير في 30 صفحة ويضم 4 فصول",
    "بلغ عدد التقارير 12 تقريراً",
    "استهداف 3 مشافي ومدرستين",
    "وبلغت الحصيلة ما يعادل مقتل 12 مدنياً يومياً في المتوسط",
    "أي ما يعادل مقتل 3 أطفال كل يوم",
    "تضررت 3 مدارس ومخيمان للنازحين",
    "تفرض قوات النظام حصاراً على نحو 40 ألف نسمة في الأحياء الشرقية",
]


@pytest.mark.parametrize("text,expected", POSITIVE, ids=[r[0][:40] for r in POSITIVE])
def test_positive(text, expected):
    assert keys(text) == sorted(expected)


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    assert keys(text) == []


def test_row_counts():
    assert len(POSITIVE) >= 50 and len(NEGATIVE) >= 15


@pytest.mark.parametrize("text,group,age,gender", [
    ("مقتل 5 أطفال", "children", "child", None),
    ("مقتل طفلة", "children", "child", "female"),
    ("مقتل 3 سيدات", "women", "adult", "female"),
    ("مقتل رجلين", "men", "adult", "male"),
    ("مقتل 4 مسنين", "elderly", "elderly", None),
    ("مقتل 4 مدنيين", "civilians", None, None),
])
def test_age_gender(text, group, age, gender):
    _, cas = run(text)
    assert [(c.group, c.age, c.gender) for c in cas] == [(group, age, gender)]


def test_vague_bounds():
    _, cas = run("قتل وجرح عشرات المدنيين")
    assert {(c.count, c.min, c.max, c.qualifier) for c in cas} == {(None, 20, 99, "tens")}


def test_at_least_bounds():
    _, cas = run("قتل ما لا يقل عن 5 مدنيين")
    assert [(c.count, c.min, c.max) for c in cas] == [(5, 5, None)]


def test_breakdown_warning():
    _, cas = run("قتل 20 مدنياً بينهم 15 طفلاً و10 سيدات")
    warnings = check_breakdowns(cas)
    assert len(warnings) == 1 and "20" in warnings[0]
    _, cas = run("قتل 312 مدنياً بينهم 57 طفلاً و21 سيدة")
    assert check_breakdowns(cas) == []


def test_breakdown_parts_point_to_total():
    _, cas = run("قتل 312 مدنياً بينهم 57 طفلاً و21 سيدة")
    total = [c for c in cas if c.count == 312][0]
    assert total.part_of is None
    assert all(c.part_of == (total.ns, total.ne) for c in cas if c.count != 312)


@pytest.mark.parametrize("text,quoted", [
    ("مَقْتَلُ ٢٤ مَدَنِيّـاً جرّاء القصف", ["٢٤ مَدَنِيّـاً"]),
    ("قُتِلَ ما لا يقلّ عن ١٤٤٧ مدنيـاً بينهم ١٣٨ طفـلاً و١٠٣ نساء",
     ["ما لا يقلّ عن ١٤٤٧ مدنيـاً", "١٣٨ طفـلاً", "١٠٣ نساء"]),
    ("مقتل طِفْلَتَيْن وسيّدة", ["طِفْلَتَيْن", "سيّدة"]),
])
def test_spans_quote_original(text, quoted):
    nt, cas = run(text)
    got = []
    for c in cas:
        d = c.to_json(nt)
        s, e = d["span"]
        assert nt.original[s:e] == d["text"]
        got.append(d["text"])
    assert got == quoted


def test_seed_report():
    text = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / "seed.gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    _, cas = run(text)
    got = sorted((c.outcome, c.group, c.count, c.qualifier, c.perpetrator, c.cause) for c in cas)
    want = sorted((g["outcome"], g["group"], g["count"], g["qualifier"], g["perpetrator"], g["cause"])
                  for g in gold["casualties"])
    assert got == want


def test_lexicon_lint():
    """Every term non-empty, trimmed, normalizable; no duplicate within one list."""
    data = load_json("casualty_terms.json")

    def walk(x, path):
        if isinstance(x, dict):
            for k, v in x.items():
                if not k.startswith("_"):
                    walk(v, f"{path}/{k}")
        elif isinstance(x, list):
            keys_ = [norm_key(v) for v in x if isinstance(v, str)]
            assert len(keys_) == len(set(keys_)), (path, [k for k in keys_ if keys_.count(k) > 1])
            for v in x:
                if isinstance(v, str):
                    assert v and v.strip() == v and norm_key(v), (path, v)
                else:
                    walk(v, path)

    walk(data, "")


LIST_REPORT = """حصيلة الضحايا في شهر أيار

وثقنا مقتل 180 مدنياً خلال الشهر، بينهم 40 طفلاً و22 سيدة، وذلك على يد أطراف النزاع الرئيسة في سوريا.

وتوزعت الحصيلة بحسب الجهات الفاعلة على النحو التالي:
- قوات النظام السوري: 96 مدنياً، بينهم 20 طفلاً وسيدتان.
- القوات الروسية: 51 مدنياً، بينهم 14 طفلاً.
- جهات أخرى: 33 مدنياً.

وتوزعت حالات الاعتقال على النحو التالي:
- قوات النظام السوري: 150 حالة، بينها 5 أطفال.
- قوات سوريا الديمقراطية: 41 حالة.
"""


def test_list_report():
    got = keys(LIST_REPORT)
    want = [(K, "civilians", 180, "exact", None, None), (K, "children", 40, "exact", None, None),
            (K, "women", 22, "exact", None, None),
            (K, "civilians", 96, "exact", REG, None), (K, "children", 20, "exact", REG, None),
            (K, "women", 2, "exact", REG, None), (K, "civilians", 51, "exact", RUS, None),
            (K, "children", 14, "exact", RUS, None), (K, "civilians", 33, "exact", "unknown", None),
            (D, "persons", 150, "exact", REG, None), (D, "children", 5, "exact", REG, None),
            (D, "persons", 41, "exact", SDF, None)]
    assert got == sorted(want)


BULLET_REPORT = """وتوزعت حصيلة الضحايا المدنيين على النحو التالي:
- قتل 75 مدنياً على يد قوات النظام.
- و40 على يد القوات الروسية.
- و12 على يد جهات لم نتمكن من تحديدها.

أما الخسائر في صفوف المقاتلين فكانت:
- 230 عنصراً من قوات النظام والمسلحين الموالين لها.
- 77 من عناصر تنظيم الدولة الإسلامية.
"""


def test_bullet_report():
    got = keys(BULLET_REPORT)
    want = [(K, "civilians", 75, "exact", REG, None), (K, "civilians", 40, "exact", RUS, None),
            (K, "civilians", 12, "exact", "unknown", None), (K, "fighters", 230, "exact", None, None),
            (K, "fighters", 77, "exact", None, None)]
    assert got == sorted(want)


# --- tables: a header row names the columns; each numeric cell is a count
TABLES = [
    # plain-text pipes, groups from the column headers, outcome from the heading above
    ("حصيلة القتلى في المحافظات الشمالية\nالمحافظة | المدنيون | العسكريون | المجموع\n"
     "حماة | 40 | 12 | 52\nالرقة | 7 | 3 | 10",
     [(K, "civilians", 40, "exact", None, None), (K, "fighters", 12, "exact", None, None),
      (K, "persons", 52, "exact", None, None), (K, "civilians", 7, "exact", None, None),
      (K, "fighters", 3, "exact", None, None), (K, "persons", 10, "exact", None, None)]),
    # TAB-separated cells (HTML/DOCX ingest), outcome per column, perpetrator from the row label
    ("الحصيلة الأسبوعية حسب الجهة\nالجهة\tقتلى\tجرحى\nقوات النظام\t15\t42\nالقوات الروسية\t٩\t20",
     [(K, "persons", 15, "exact", REG, None), (I, "persons", 42, "exact", REG, None),
      (K, "persons", 9, "exact", RUS, None), (I, "persons", 20, "exact", RUS, None)]),
    # markdown rule row, leading/trailing bars, a detention table
    ("وتوزعت حالات الاعتقال كما يلي:\n| الجهة المسؤولة | المعتقلون | الأطفال |\n|---|---|---|\n| قسد | 33 | 4 |",
     [(D, "persons", 33, "exact", SDF, None), (D, "children", 4, "exact", SDF, None)]),
    # the group from the heading, a total row with no actor, commas and parentheses in cells
    ("الضحايا المدنيون حسب الشهر\nالشهر | العدد\nالأول | (1,204)\nالثاني | 96",
     [(K, "civilians", 1204, "exact", None, None), (K, "civilians", 96, "exact", None, None)]),
    # deaths under torture
    ("الوفيات بسبب التعذيب\nالجهة | المعتقلون\nقوات النظام | 18",
     [(K, "detainees", 18, "exact", REG, "torture")]),
]

NOT_TABLES = [
    "توزع الهجمات حسب النوع\nنوع الهجوم | العدد\nقصف مدفعي | 12\nغارات جوية | 30",
    "المنشآت المستهدفة\nالمنشأة | العدد\nمدارس | 4\nمشاف | 2",
    "الجهة | 2019 | 2020\nقوات النظام | 12 | 30",
]


@pytest.mark.parametrize("text,expected", TABLES)
def test_tables(text, expected):
    assert keys(text) == sorted(expected)


@pytest.mark.parametrize("text", NOT_TABLES)
def test_not_tables(text):
    assert keys(text) == []


def test_table_spans_on_cells():
    text = "حصيلة الجرحى\nالمحافظة\tالمدنيون\tالأطفال\nإدلب\t١٢٠\t٣٥"
    nt, cas = run(text)
    assert sorted(nt.original[slice(*nt.span(c.ns, c.ne))] for c in cas) == ["١٢٠", "٣٥"]
    assert {c.outcome for c in cas} == {I}


# --- enforced disappearance phrased as an unknown fate or a hiding verb
DISAPPEARED = [
    ("اعتقلت قوات النظام 60 شاباً من البلدة، ولا يزال مصير 22 منهم مجهولاً حتى اليوم",
     [(D, "men", 60, "exact", REG, None), (X, "men", 22, "exact", REG, None)]),
    ("داهمت قسد القرية واحتجزت 40 شخصاً، وما زالت تخفي 12 منهم قسرياً",
     [(D, "persons", 40, "exact", SDF, None), (X, "persons", 12, "exact", SDF, None)]),
    ("اعتقلت قوات النظام 75 شخصاً، تحوّل 31 منهم إلى مختفين قسرياً",
     [(D, "persons", 75, "exact", REG, None), (X, "persons", 31, "exact", REG, None)]),
    ("وثقنا 14 شخصاً مجهولي المصير بعد اعتقالهم على يد قوات النظام",
     [(X, "persons", 14, "exact", REG, None)]),
    ("ولا يزال مصير نحو 300 شخص اعتقلتهم قوات النظام مجهولاً",
     [(X, "persons", 300, "approx", REG, None)]),
    ("يخفي النظام السوري 1200 شخص قسرياً في سجونه",
     [(X, "persons", 1200, "exact", REG, None)]),
]


@pytest.mark.parametrize("text,expected", DISAPPEARED)
def test_disappeared(text, expected):
    assert keys(text) == sorted(expected)


# --- deaths of detainees: shares across a semicolon keep the outcome and cause of the total
DETAINEE_DEATHS = [
    ("سجلنا وفاة 45 من المعتقلين بسبب التعذيب؛ 40 منهم في مراكز احتجاز النظام السوري، و5 لدى تنظيم داعش",
     [(K, "detainees", 45, "exact", None, "torture"), (K, "detainees", 40, "exact", REG, "torture"),
      (K, "detainees", 5, "exact", ISIS, "torture")]),
    ("توفي 12 معتقلاً تحت التعذيب في مراكز الاحتجاز التابعة لقوات النظام",
     [(K, "detainees", 12, "exact", REG, "torture")]),
    ("قضى 9 معتقلين بسبب التعذيب؛ 6 منهم في سجون قسد، و3 في سجون قوات النظام",
     [(K, "detainees", 9, "exact", None, "torture"), (K, "detainees", 6, "exact", SDF, "torture"),
      (K, "detainees", 3, "exact", REG, "torture")]),
]


@pytest.mark.parametrize("text,expected", DETAINEE_DEATHS)
def test_detainee_deaths(text, expected):
    assert keys(text) == sorted(expected)


# --- groups written as phrases
GROUP_PHRASES = [
    ("قُتل 7 من العاملين في القطاع الصحي جراء قصف على المشفى", [(K, "medical", 7, "exact", None, None)]),
    ("مقتل 3 من العاملين الصحيين في ريف إدلب", [(K, "medical", 3, "exact", None, None)]),
    ("أصيب 5 من الطواقم الطبية أثناء إسعاف الجرحى", [(I, "medical", 5, "exact", None, None)]),
    ("مقتل 4 من المسعفين بغارة ثانية على المكان", [(K, "medical", 4, "exact", None, None)]),
    ("قُتل 6 صحفيين خلال العام", [(K, "media", 6, "exact", None, None)]),
    ("مقتل 2 من متطوعي الدفاع المدني أثناء عمليات الإنقاذ", [(K, "civil_defense", 2, "exact", None, None)]),
    # the crews of the Civil Defence (طواقم), after a member noun or right after the number
    ("قتل 4 أشخاص من طواقم الدفاع المدني في غارة مزدوجة", [(K, "civil_defense", 4, "exact", None, None)]),
    ("أصيب 3 من طواقم الدفاع المدني خلال الاستجابة للقصف", [(I, "civil_defense", 3, "exact", None, None)]),
    ("قضى 7 عناصر من طواقم الخوذ البيضاء منذ بداية العام", [(K, "civil_defense", 7, "exact", None, None)]),
    # negative: the crews as the subject that recovers or treats the victims
    ("قُتل 5 مدنيين وأسعفت طواقم الدفاع المدني 9 جرحى",
     [(K, "civilians", 5, "exact", None, None), (I, "persons", 9, "exact", None, None)]),
    ("مقتل 16 من عناصر قوات النظام في كمين", [(K, "fighters", 16, "exact", None, None)]),
    ("قُتل 21 من الميليشيات الموالية لإيران بغارات إسرائيلية",
     [(K, "fighters", 21, "exact", "israel", None)]),
    ("قتل 9 من المدنيين في القصف", [(K, "civilians", 9, "exact", None, None)]),
    # a force's own fighters in its statement (first person plural)
    ("وقال البيان إن 3 من عناصرنا أصيبوا في الاشتباكات", [(I, "fighters", 3, "exact", None, None)]),
    ("قال الفصيل في بيان إنه ارتقى 5 من رفاقنا شهداء أثناء صد الهجوم", [(K, "fighters", 5, "exact", None, None)]),
    ("قتل 4 من جنودنا في الكمين", [(K, "fighters", 4, "exact", None, None)]),
    # negative: a third person's comrades stay unknown (no counted noun of ours)
    ("شيع الأهالي 4 من رفاقه في القرية", []),
    ("ما أدى إلى مقتل ضابط وعنصرين", [(K, "fighters", 1, "exact", None, None), (K, "fighters", 2, "exact", None, None)]),
]

# --- running tallies: the count after the noun phrase, or عدد after the count
TALLIES = [
    ("ليرتفع إلى 26 عدد الذين اغتيلوا في الريف الغربي منذ مطلع العام", [(K, "persons", 26, "exact", None, None)]),
    ("قُتل شاب برصاص مسلحين مجهولين، ليرتفع إلى 26 عدد الذين اغتيلوا في المنطقة",
     [(K, "men", 1, "exact", "unknown", None), (K, "persons", 26, "exact", None, None)]),
    ("وبذلك يرتفع عدد القتلى في البلدة إلى 45", [(K, "persons", 45, "exact", None, None)]),
    ("بلغت حصيلة الضحايا 57 قتيلاً", [(K, "persons", 57, "exact", None, None)]),
    ("ارتفعت حصيلة القتلى المدنيين في المدينة إلى 20 مدنياً", [(K, "civilians", 20, "exact", None, None)]),
    ("ليرتفع عدد الجرحى جراء القصف إلى 60", [(I, "persons", 60, "exact", None, None)]),
    ("ليرتفع إلى أكثر من 300 عدد العاملين الصحيين الذين قتلوا منذ بداية النزاع",
     [(K, "medical", 300, "more_than", None, None)]),
]

NOT_CASUALTIES_MORE = [
    "ارتفع عدد الغارات على المدينة إلى 40",
    "أفرجت قوات النظام عن 8 معتقلين بعد التحقيق معهم",
    "وأطلقت قسد سراح 30 شخصاً من أبناء القرية",
]


@pytest.mark.parametrize("text,expected", GROUP_PHRASES + TALLIES)
def test_group_phrases_and_tallies(text, expected):
    assert keys(text) == sorted(expected)


@pytest.mark.parametrize("text", NOT_CASUALTIES_MORE)
def test_not_casualties_more(text):
    assert keys(text) == []


# --- victims' side named after the count; elliptic counts after a list with no total
VICTIM_SIDE = [
    ("أسفرت الغارات الإسرائيلية عن مقتل 30 عنصراً، بينهم 12 من قوات النظام و18 من الميليشيات الموالية لإيران، وإصابة 20 آخرين",
     [(K, "fighters", 30, "exact", "israel", None), (K, "fighters", 12, "exact", "israel", None),
      (K, "fighters", 18, "exact", "israel", None), (I, "fighters", 20, "exact", "israel", None)]),
    ("قُتل 8 من قوات سوريا الديمقراطية في اشتباكات", [(K, "fighters", 8, "exact", None, None)]),
    ("قضى 40 مدنياً بنيران القوات التركية والفصائل الموالية لها", [(K, "civilians", 40, "exact", None, None)]),
    ("انفجرت عبوة ناسفة ما أدى إلى مقتل ضابط وعنصرين وإصابة 4 آخرين",
     [(K, "fighters", 1, "exact", None, None), (K, "fighters", 2, "exact", None, None),
      (I, "persons", 4, "exact", None, None)]),
]


@pytest.mark.parametrize("text,expected", VICTIM_SIDE)
def test_victim_side(text, expected):
    assert keys(text) == sorted(expected)


def test_label_heading_after_other_paragraphs():
    """A section label (أولاً: X:) attributes its paragraph's counts even deep in the report."""
    text = ("وثقنا خلال الشهر حصيلة مرتفعة من الضحايا.\n\nوتوزعت الحصيلة كما يلي:\n\n"
            "أولاً: قوات النظام السوري: قتلت 50 مدنياً، بينهم 9 أطفال. "
            "كما قضى 7 أشخاص بسبب التعذيب في مراكز الاحتجاز التابعة لها.")
    assert keys(text) == sorted([(K, "civilians", 50, "exact", REG, None), (K, "children", 9, "exact", REG, None),
                                 (K, "persons", 7, "exact", REG, "torture")])


# --- registers beyond SNHR: possessives, vague counts after a verbal noun, rates after a verb,
# partial agents, survivors, releases with a subject, spent attributions, two sides of clashes
REGISTERS = [
    # a possessive person noun: singular 1, dual 2
    ("قضت امرأة وطفلاها بقصف مدفعي على القرية",
     [(K, "women", 1, "exact", None, None), (K, "children", 2, "exact", None, None)]),
    ("لقي رجل وطفلته حتفهما بانفجار لغم في أرض زراعية",
     [(K, "men", 1, "exact", None, None), (K, "children", 1, "exact", None, None)]),
    ("قضت امرأة وطفلاها وجرح 4 آخرون بغارة على البلدة",
     [(K, "women", 1, "exact", None, None), (K, "children", 2, "exact", None, None),
      (I, "persons", 4, "exact", None, None)]),
    # a vague quantity right after an outcome noun, no counted noun
    ("أدى الانفجار إلى مقتل 9 أشخاص وإصابة العشرات بحروق",
     [(K, "persons", 9, "exact", None, None), (I, "persons", None, "tens", None, None)]),
    ("شنت الطائرات غارات أسفرت عن مقتل المئات في المدينة",
     [(K, "persons", None, "hundreds", None, None)]),
    # "بين قتيل وجريح" after a vague count: both outcomes
    ("وأوقعت القوات العشرات بين قتيل وجريح",
     [(K, "persons", None, "tens", None, None), (I, "persons", None, "tens", None, None)]),
    # a cue after a count belongs to it, not to the next count
    ("قالت المنظمة إن 9 أطفال قتلوا وأصيب 15 آخرون في المنطقة",
     [(K, "children", 9, "exact", None, None), (I, "children", 15, "exact", None, None)]),
    # elliptic number word: وواحد على يد
    ("قضى 4 أشخاص تحت التعذيب، 3 منهم على يد قوات النظام وواحد على يد قوات سوريا الديمقراطية",
     [(K, "persons", 4, "exact", None, "torture"), (K, "persons", 3, "exact", REG, "torture"),
      (K, "persons", 1, "exact", SDF, "torture")]),
    # an agent of only most of the operations is no agent of the count
    ("سجلنا 20 عملية اغتيال نفذ أغلبها مسلحون مجهولون، أسفرت عن مقتل 15 شخصاً",
     [(K, "persons", 15, "exact", None, None)]),
    # an actor already spent as the agent of an earlier count (على يد) is not the agent of a later one
    ("وثقنا 50 حالة اعتقال، كانت 30 منها على يد قوات النظام، و20 على يد قوات سوريا الديمقراطية، وتحول 12 منها إلى حالات اختفاء قسري",
     [(D, "persons", 50, "exact", None, None), (D, "persons", 30, "exact", REG, None),
      (D, "persons", 20, "exact", SDF, None), (X, "persons", 12, "exact", None, None)]),
    # fighters killed on both sides of clashes: no agent
    ("قتل 5 مقاتلين من الطرفين في اشتباكات بين فصائل الجيش الوطني",
     [(K, "fighters", 5, "exact", None, None)]),
    # a dual noun followed by its armed body: the body is the victims' side
    ("قتل عنصران من قوات النظام وأصيب مدني بقصف طائرة مسيرة",
     [(K, "fighters", 2, "exact", None, None), (I, "civilians", 1, "exact", None, None)]),
    # an actor after a patrol or checkpoint noun is the target, not the agent
    ("هاجم مسلحون مجهولون دورية لقوات النظام ما أدى إلى مقتل 4 عناصر",
     [(K, "fighters", 4, "exact", "unknown", None)]),
    # a body found: killed
    # releases with the releasing party between the verb and عن
    ("قضى 3 أشخاص تحت التعذيب، فيما أفرجت قوات النظام عن 25 معتقلاً بعد انتهاء أحكامهم",
     [(K, "persons", 3, "exact", None, "torture")]),
    ("عثر الأهالي على جثة شاب قرب القرية", [(K, "men", 1, "exact", None, None)]),
    ("انتشلت فرق الإنقاذ جثتي طفلين من تحت الأنقاض", [(K, "children", 2, "exact", None, None)]),
]



def test_vague_headline_takes_body_agent():
    """A vague headline count (العشرات) restates a body count inside its bounds and takes its agent."""
    text = ("هجوم يقتل العشرات في بلدة على الطريق الدولي\n\n"
            "قالت مصادر محلية إن طائرات حربية روسية شنت صباح اليوم غارات على سوق البلدة، ما أدى إلى مقتل "
            "ما لا يقل عن 41 شخصاً، بينهم 8 أطفال، وتدمير عدد من المحال التجارية والمنازل المجاورة للسوق.")
    _, cas = run(text)
    assert [(c.outcome, c.group, c.qualifier, c.perpetrator) for c in cas if c.count is None] == \
        [(K, "persons", "tens", RUS)]


NOT_REGISTERS = [
    # rates after a verb, per-batch counts
    "وتقول المنظمة إن طفلاً واحداً على الأقل يقتل يومياً في المنطقة",
    "تنفذ الإعدامات مرتين أسبوعياً، ويقتاد في كل دفعة ما بين 10 و30 معتقلاً إلى الساحة",
    "ويقتل 4 مدنيين على الأقل أسبوعياً في المخيم",
    # survivors
    "ونجا 7 أشخاص من محاولات الاغتيال",
]


@pytest.mark.parametrize("text,expected", REGISTERS)
def test_registers(text, expected):
    assert keys(text) == sorted(expected)


@pytest.mark.parametrize("text", NOT_REGISTERS)
def test_not_registers(text):
    assert keys(text) == []


# Third blind set: cumulative tallies, non-harm counts, states after the noun.
TALLIES_AND_STATES = [
    ("ارتفعت إلى 215 حصيلة الضحايا المدنيين منذ بدء الهجوم على ريف إدلب",
     [(K, "civilians", 215, "exact", None, None)]),
    ("فقد ارتفع إلى 402 عدد عناصر قوات النظام والمسلحين الموالين لها الذين قتلوا في هجمات التنظيم",
     [(K, "fighters", 402, "exact", None, None)]),
    ("وقُتل عنصران من الدفاع المدني في غارة على بلدة سرجة",
     [(K, "civil_defense", 2, "exact", None, None)]),
    ("مقتل ثلاثة مدنيين في قصف على البلدة، فيما لا يزال ما لا يقل عن 900 شخص مختفين قسرياً لدى الفصيل",
     [(X, "persons", 900, "at_least", None, None), (K, "civilians", 3, "exact", None, None)]),
    ("وتمكنت فرقنا من إنقاذ 14 مدنياً من تحت الأنقاض، بينهم 5 أطفال، كما أسعفت 30 مصاباً بينهم 7 أطفال",
     [(I, "children", 7, "exact", None, None), (I, "persons", 30, "exact", None, None)]),
    # a part naming the victims' armed body (عنصراً من قوات النظام) stays a part; the agent is after it
    ("قُتل 19 شخصاً، بينهم 12 عنصراً من قوات النظام و7 مدنيين، وأصيب 10 آخرون، مساء الأحد، "
     "في هجوم شنته خلايا تابعة لتنظيم الدولة الإسلامية على حافلة تقل عسكريين",
     [(K, "persons", 19, "exact", ISIS, None), (K, "fighters", 12, "exact", ISIS, None),
      (K, "civilians", 7, "exact", ISIS, None), (I, "persons", 10, "exact", ISIS, None)]),
    # a supporter (بمساندة) and the subject of a charge (بتهمة) are not agents
    ("اعتقلت قوات سوريا الديمقراطية 9 شبان من قرية الشحيل، في حملة دهم بمساندة مروحيات التحالف الدولي",
     [(D, "men", 9, "exact", SDF, None)]),
    ("اعتقال 5 مدنيين في مدينة الرقة بتهمة التعامل مع تنظيم داعش", [(D, "civilians", 5, "exact", None, None)]),
    # a bare count with its injury complement is elliptic (وأصيب 7 بجروح)
    ("وفي اليوم نفسه، قتل 3 مدنيين وأصيب 7 بجروح جراء غارة روسية على سوق مدينة أريحا",
     [(K, "civilians", 3, "exact", RUS, None), (I, "civilians", 7, "exact", RUS, None)]),
    ("أصيب 4 بجروح في قصف على البلدة", [(I, "persons", 4, "exact", None, None)]),
    # another attack (بغارة أخرى) is by the attacker of the count before it
    ("قتل 12 مدنياً في غارة لطيران التحالف على قرية قرب الرقة. وأصيب 4 أشخاص بقصف آخر على أطراف مدينة الطبقة",
     [(K, "civilians", 12, "exact", COA, None), (I, "persons", 4, "exact", COA, None)]),
    # الهيئة names HTS once the report names HTS
    ("داهمت عناصر من هيئة تحرير الشام منزلاً في مدينة الدانا. وأطلقت عناصر الهيئة النار على المحتجين، "
     "ما أدى إلى إصابة 4 أشخاص بجروح",
     [(I, "persons", 4, "exact", "hts", None)]),
    # a custody pronoun (لديها، في سجونها) names the custodian named before it in its line
    ("وثقنا مقتل 20 شخصاً تحت التعذيب في مراكز الاحتجاز التابعة لهيئة تحرير الشام، "
     "فيما لا يزال ما لا يقل عن 700 شخص مختفين قسرياً لديها",
     [(K, "persons", 20, "exact", "hts", "torture"), (X, "persons", 700, "at_least", "hts", None)]),
    ("هيئة تحرير الشام تعتقل صحفيين اثنين.. ووفاة معتقل تحت التعذيب في سجونها",
     [(D, "media", 2, "exact", "hts", None), (K, "detainees", 1, "exact", "hts", "torture")]),
    # a bare singular object after a verb and its subject (اعتقلت قوات النظام شاباً)
    ("كما اعتقلت قوات النظام شاباً من مدينة داريا", [(D, "men", 1, "exact", REG, None)]),
    ("اعتقلت هيئة تحرير الشام ناشطاً إعلامياً من مدينة سرمدا بريف إدلب", [(D, "media", 1, "exact", "hts", None)]),
    # a rescue organisation's own volunteers (متطوع من فرقنا)
    ("وأصيب متطوع من فرقنا بجروح أثناء عمليات الإنقاذ في الحي", [(I, "civil_defense", 1, "exact", None, None)]),
    # a definition clause does not hide the count in the next clause
    ("تعرف الشبكة المجزرة بأنها حادثة قتل 5 أشخاص أو أكثر في وقت واحد، وقد قتل 12 مدنياً في مجزرة أمس",
     [(K, "civilians", 12, "exact", None, None)]),
    # a dual medical noun alone (ممرضين = two nurses)
    ("استهدفت الطائرات الروسية المشفى الجراحي في المدينة، ما أدى إلى إصابة ممرضين وتدمير أجزاء من المبنى",
     [(I, "medical", 2, "exact", RUS, None)]),
]

NOT_HARMED = [
    "عملت فرقنا على انتشال الضحايا وإنقاذ 11 مدنياً عالقين تحت الركام",
    "ما يرشح عدد القتلى للارتفاع في ظل الحصار المفروض على نحو 300 ألف مدني في المنطقة",
    "وتشير التقديرات إلى بقاء قرابة 40 ألف مدني داخل المدينة المحاصرة",
    "وتمكن المسعفون من إنقاذ 8 أشخاص بينهم 3 أطفال بعد انهيار المبنى",
    "استهدفت قوات النظام مدنياً في البلدة بالرصاص الحي دون إصابات",
    "أعلنت الهيئة العامة للإغاثة عن توزيع 300 سلة غذائية على 120 عائلة",
    "ونعتمد في تقاريرنا تعريف المجزرة بأنها حادثة يقتل فيها خمسة أشخاص مسالمين أو أكثر دفعة واحدة",
]


@pytest.mark.parametrize("text,expected", TALLIES_AND_STATES)
def test_tallies_and_states(text, expected):
    assert keys(text) == sorted(expected)


@pytest.mark.parametrize("text", NOT_HARMED)
def test_not_harmed(text):
    assert keys(text) == []


def test_case_count_with_disappeared_share():
    """Per-perpetrator lines: the case count keeps the section's detention; only the share disappears."""
    text = ("توزعت حالات الاعتقال على النحو التالي:\n"
            "• قوات النظام: 42 حالة، تحوّل 30 منها إلى مختفين قسرياً.\n"
            "• قوات سوريا الديمقراطية: 12 حالة، تحول 5 منها إلى مختفين قسرياً.\n")
    assert keys(text) == sorted([
        (D, "persons", 42, "exact", REG, None), (X, "persons", 30, "exact", REG, None),
        (D, "persons", 12, "exact", SDF, None), (X, "persons", 5, "exact", SDF, None)])


# Counts whose perpetrator comes from the incident told around them, not from their own clause.
CONTEXT_PERPETRATOR = [
    # a list of victims inherits the one agent of the counts before it
    ("قُتل 9 مدنيين جراء قصف صاروخي لقوات النظام على بلدة كنصفرة.\nوتوزع الضحايا كما يلي:\n"
     "- عائلة الرحال: 5 ضحايا، بينهم 3 أطفال.\n- عائلة الشيخ: 4 ضحايا.",
     [(K, "civilians", 9, "exact", REG, None), (K, "persons", 5, "exact", REG, None),
      (K, "children", 3, "exact", REG, None), (K, "persons", 4, "exact", REG, None)]),
    # ... else the one actor of the paragraph just before the list
    ("شنت الطائرات الحربية الروسية غارات على قرية البارة في جبل الزاوية.\nوأسماء الضحايا حسب العائلات:\n"
     "1. عائلة القاسم: 3 ضحايا.\n2. عائلة الحمود: ضحيتان.",
     [(K, "persons", 3, "exact", RUS, None), (K, "persons", 2, "exact", RUS, None)]),
    # a result clause opening its own sentence takes the one agent of the sentence before it
    ("ألقت مروحية تابعة لقوات النظام برميلاً متفجراً على حي الكرامة.\n"
     "وسقط البرميل على مبنى من ثلاثة طوابق، مما أسفر عن مقتل 6 مدنيين",
     [(K, "civilians", 6, "exact", REG, None)]),
    # a relative clause naming the agent attributes the result clause
    ("أدى الهجوم، الذي نفذته القوات الروسية فجر الجمعة على سوق البلدة، إلى مقتل 11 مدنياً",
     [(K, "civilians", 11, "exact", RUS, None)]),
]

NO_CONTEXT_PERPETRATOR = [
    # two agents before the list: no inheritance
    ("قُتل 4 مدنيين جراء قصف لقوات النظام، و3 آخرون بغارة روسية.\nوتوزع الضحايا كما يلي:\n"
     "- عائلة الرحال: 5 ضحايا.",
     (K, "persons", 5, "exact", None, None)),
    # a new statement with its own subject is not the result of the sentence before
    ("قصفت قوات النظام أطراف البلدة.\nوشهدت المحافظة منذ مطلع العام 40 عملية اغتيال، أسفرت عن مقتل 52 شخصاً",
     (K, "persons", 52, "exact", None, None)),
    # a blank line between: another paragraph, another story
    ("ألقت مروحية تابعة لقوات النظام برميلاً متفجراً على حي الكرامة.\n\n"
     "وانفجرت سيارة مفخخة في السوق، ما أدى إلى مقتل 6 مدنيين",
     (K, "civilians", 6, "exact", None, None)),
]


@pytest.mark.parametrize("text,expected", CONTEXT_PERPETRATOR)
def test_context_perpetrator(text, expected):
    assert keys(text) == sorted(expected)


@pytest.mark.parametrize("text,expected", NO_CONTEXT_PERPETRATOR)
def test_no_context_perpetrator(text, expected):
    assert expected in keys(text)


def test_context_perpetrator_spans_decorated():
    text = ("قُتِلَ ٩ مدنيين جراء قصفٍ لقوات النظـام على بلدة كنصفرة.\nوتوزع الضحايا كما يلي:\n"
            "- عائلة الرحّال: ٥ ضحايا.")
    nt, cas = run(text)
    assert [(c.count, c.perpetrator) for c in cas] == [(9, REG), (5, REG)]
    for c in cas:
        s, e = nt.span(c.ns, c.ne)
        assert nt.original[s:e].strip()


def test_dated_result_sentence_is_a_new_incident():
    text = ("قصفت قوات النظام بلدة الهبيط بالمدفعية.\n"
            "وفي 3 أيار 2020، سقطت قذيفة على سوق مدينة الباب، ما أسفر عن مقتل 8 مدنيين")
    assert (K, "civilians", 8, "exact", None, None) in keys(text)


TARGET_SITES = [
    # a military site of an actor names the target, not the agent of the counts after it
    ("ارتفع إلى 8 عدد القتلى جراء الغارات الإسرائيلية التي طالت ثكنة عسكرية لحزب الله قرب القصير، "
     "وهم: 5 من عناصر الميليشيات التابعة لإيران، و3 عناصر من حزب الله",
     [(K, "persons", 8, "exact", "israel", None), (K, "fighters", 5, "exact", "israel", None),
      (K, "fighters", 3, "exact", "israel", None)]),
    ("قصفت طائرات التحالف مستودعات لتنظيم داعش، ما أدى إلى مقتل 6 عناصر",
     [(K, "fighters", 6, "exact", COA, None)]),
    # the positions (نقطة تمركز، مواقع تمركز) of a force are its target: the attacker named before is the agent
    ("هاجم تنظيم داعش نقطة تمركز لقوات سوريا الديمقراطية، ما أدى إلى مقتل 4 عناصر",
     [(K, "fighters", 4, "exact", "isis", None)]),
    ("استهدفت المسيرات التركية مواقع تمركز لقوات النظام، ما أسفر عن مقتل 3 جنود",
     [(K, "fighters", 3, "exact", "turkey", None)]),
    ("شن التنظيم هجوماً على نقاط تمركز للجيش الوطني، ما أدى إلى مقتل 5 عناصر",
     [(K, "fighters", 5, "exact", None, None)]),
    # negative: a force that takes up positions and shells is the agent
    ("قصفت قوات النظام المتمركزة في التلال القرية، ما أدى إلى مقتل 3 مدنيين",
     [(K, "civilians", 3, "exact", "syrian_regime", None)]),
]


@pytest.mark.parametrize("text,expected", TARGET_SITES)
def test_target_sites(text, expected):
    assert keys(text) == sorted(expected)


COORDINATED_OUTCOME = [
    # a count coordinated with the one before it (، و) shares its outcome, even far from the cue;
    # a later clause's verb (فيما أصيب) is not its outcome
    ("ارتفع إلى 10 عدد القتلى جراء الغارات الإسرائيلية التي طالت فجر اليوم مواقع متفرقة في محيط بلدة القطيفة "
     "بريف دمشق الشمالي، وهم: 6 من عناصر الميليشيات التابعة لإيران من جنسيات أجنبية، و4 عناصر من حزب الله، "
     "فيما أصيب 5 آخرون بجروح",
     [(K, "persons", 10, "exact", "israel", None), (K, "fighters", 6, "exact", "israel", None),
      (K, "fighters", 4, "exact", "israel", None)]),
]


@pytest.mark.parametrize("text,expected", COORDINATED_OUTCOME)
def test_coordinated_outcome(text, expected):
    got = keys(text)
    assert all(row in got for row in expected)
    assert not any(o == I and c == 4 for o, _, c, *_ in got)


RESPONSIBILITY = [
    # the actor held responsible after the count, in its sentence, is its perpetrator
    ("وذكّر ناشطون بهجوم بلدة اللطامنة بغاز الأعصاب في آذار 2017، الذي قتل فيه 9 أشخاص، "
     "وحمّلت لجنة التحقيق الدولية مسؤوليته للنظام السوري", (K, "persons", 9, "exact", REG, None)),
    ("قتل 9 أشخاص في الهجوم، وحمّلت فصائل المعارضة مسؤوليته لقوات النظام السوري",
     (K, "persons", 9, "exact", REG, None)),
    # the subject that blames is not the perpetrator
    ("قتل 9 أشخاص في الهجوم، وحمّلت قوات النظام السوري فصائل المعارضة المسؤولية",
     (K, "persons", 9, "exact", None, None)),
]


@pytest.mark.parametrize("text,expected", RESPONSIBILITY)
def test_responsibility(text, expected):
    assert expected in keys(text)


MEMBER_OF = [
    # the unit the victims belong to (… التابع لـ X) is their side, not the agent of the next count
    ("انفجر لغم زرعه مجهولون قرب بلدة اليادودة، ما أدى إلى مقتل عنصرين من الفرقة الرابعة التابعة لقوات النظام السوري، "
     "وإصابة 4 آخرين", (I, "fighters", 4, "exact", "unknown", None)),
    # an attack of a unit (قصف للطيران التابع لـ X) still names the agent
    ("قتل 6 مدنيين في قصف للطيران المروحي التابع لقوات النظام السوري", (K, "civilians", 6, "exact", REG, None)),
]


@pytest.mark.parametrize("text,expected", MEMBER_OF)
def test_member_of(text, expected):
    assert expected in keys(text)


OWN_OUTCOME_NOT_PART = [
    # a count after إضافة إلى whose own noun states another outcome is not a part of the total
    ("بلغت حصيلة المواجهات 30 قتيلاً، هم 20 مقاتلاً و10 مدنيين، إضافة إلى أكثر من 25 جريحاً",
     [(K, "persons", 30, "exact", None, None), (K, "fighters", 20, "exact", None, None),
      (K, "civilians", 10, "exact", None, None), (I, "persons", 25, "more_than", None, None)]),
    ("قتل 30 شخصاً، إضافة إلى 12 جريحاً", [(K, "persons", 30, "exact", None, None),
                                          (I, "persons", 12, "exact", None, None)]),
]


@pytest.mark.parametrize("text,expected", OWN_OUTCOME_NOT_PART)
def test_own_outcome_not_part(text, expected):
    assert keys(text) == sorted(expected)


@pytest.mark.parametrize("text,expected", [
    ("قتل 9 مدنيين وأصيب 20 آخرون، بينهم متطوعان من الدفاع المدني أصيبا أثناء إسعاف الجرحى",
     (I, "civil_defense", 2, "exact", None, None)),
    ("وأصيب متطوع من الدفاع المدني بجروح", (I, "civil_defense", 1, "exact", None, None)),
])
def test_civil_defense_volunteers(text, expected):
    assert expected in keys(text)


@pytest.mark.parametrize("text,expected", [
    ("ووثقت اللجنة وفاة 12 محتجزاً في مراكز احتجاز حكومية بسبب التعذيب",
     (K, "detainees", 12, "exact", REG, "torture")),
    ("وثقنا وفاة 12 محتجزاً في السجون الحكومية", (K, "detainees", 12, "exact", REG, None)),
    # an agent named first wins over a place of custody named later
    ("وثقنا وفاة 12 محتجزاً لدى هيئة تحرير الشام، بعد نقلهم من مراكز احتجاز حكومية",
     (K, "detainees", 12, "exact", "hts", None)),
])
def test_custody_holders(text, expected):
    assert expected in keys(text)


# --- the perpetrator rules (pipeline/stages/casualties/attribution.py): each fires on at least three
# wordings, and a negative row of a nearby shape does not fire it. (rule, text, count, perpetrator):
# the count is attributed to the perpetrator by that rule, whose name goes to why.perpetrator.
PERPETRATOR_RULE_ROWS = [
    ("both_sides_no_agent", "قتل 3 مقاتلين من الطرفين في اشتباكات بريف حلب", 3, None),
    ("both_sides_no_agent", "لقي 5 عناصر من الجانبين مصرعهم خلال المواجهات في ريف إدلب", 5, None),
    ("both_sides_no_agent", "سقط 4 قتلى من كلا الطرفين في معارك قرب مدينة الباب", 4, None),
    ("agent_after_count", "قتل 6 مدنيين على يد قوات النظام في ريف حماة", 6, REG),
    ("agent_after_count", "أصيب 9 مدنيين بجروح جراء غارة روسية على بلدة كفرنبل", 9, RUS),
    ("agent_after_count", "اعتقل 15 شخصاً من قبل هيئة تحرير الشام في مدينة سرمدا", 15, "hts"),
    ("held_responsible", "قتل 7 مدنيين في انفجار سيارة مفخخة وسط المدينة، وحمّلت الشبكة مسؤوليته لتنظيم داعش",
     7, ISIS),
    ("held_responsible", "قضى 4 مدنيين في المجزرة، وحمل التقرير مسؤوليتها للنظام السوري", 4, REG),
    ("held_responsible", "قتل 4 مدنيين في القصف، وحمّل الأهالي مسؤولية المجزرة إلى قوات النظام", 4, REG),
    ("held_responsible", "قتل 7 مدنيين في انفجار، وحمّلت الشبكة مسؤوليته للنظام السوري والقوات الروسية", 7, None),
    ("responsible_head_before", "وحمّلت اللجنة مسؤولية اعتقال 64 شخصاً بينهم 5 نساء، لقوات سوريا الديمقراطية",
     64, SDF),
    ("responsible_head_before", "وحمّل المرصد مسؤولية مقتل 12 مدنياً في القرية إلى القوات التركية", 12, "turkey"),
    ("responsible_head_before", "وحملت المنظمة المسؤولية عن وفاة 6 محتجزين خلال الشهر للنظام السوري", 6, REG),
    ("responsible_head_before", "وحمّلت الأمم المتحدة مسؤولية مقتل 9 مدنيين للنظام السوري والقوات الروسية", 9, None),
    ("custody_holder", "توفي 16 محتجزاً في مراكز احتجاز حكومية خلال الشهر", 16, REG),
    ("custody_holder", "وثقنا وفاة 5 معتقلين في السجون الحكومية بسبب الإهمال الطبي", 5, REG),
    ("custody_holder", "قضى 3 محتجزين في مرافق الاحتجاز الحكومية في دمشق", 3, REG),
    ("agent_between_total_and_parts", "قتل 40 مدنياً في سجون النظام، بينهم 3 أطفال", 40, REG),
    ("agent_between_total_and_parts", "قضى 12 شخصاً برصاص قوات سوريا الديمقراطية، منهم 4 أطفال", 12, SDF),
    ("agent_between_total_and_parts", "أصيب 30 شخصاً بقصف قوات النظام على السوق، بينهم 6 نساء", 30, REG),
    ("breakdown_takes_total", "أصيب 30 شخصاً بقصف قوات النظام على السوق، بينهم 6 نساء", 6, REG),
    ("running_tally_no_agent", "ليرتفع إلى 38 عدد الذين قتلوا في الحي منذ بداية الحملة", 38, None),
    ("running_tally_no_agent", "ارتفع عدد القتلى المدنيين إلى 45 في المدينة", 45, None),
    ("running_tally_no_agent", "لترتفع حصيلة القتلى في البلدة إلى 23", 23, None),
    ("disappeared_share_of_detained", "وثقنا اعتقال 40 شخصاً على يد قوات سوريا الديمقراطية، تحول 12 منهم إلى "
     "مختفين قسرياً", 12, SDF),
    ("disappeared_share_of_detained", "اعتقلت فصائل المعارضة 51 شخصاً، إضافة إلى 9 أشخاص اعتقلوا على يد هيئة تحرير "
     "الشام، تحول 7 منهم إلى مختفين قسرياً", 7, "hts"),
    # a share of a detained total with no agent has none, not the agent of the last part before it
    ("disappeared_share_of_detained", "وثقنا 368 حالة اعتقال، كانت 137 منها على يد قوات النظام، و42 على يد قسد، "
     "وتحول 271 منها إلى حالات اختفاء قسري", 271, None),
    ("disappeared_share_of_detained", "سجلنا اعتقال 25 مدنياً من قبل قوات النظام في درعا، وتحوّل 10 منهم إلى "
     "مختفين قسرياً", 10, REG),
    ("agent_before_count", "قتلت قوات النظام 12 مدنياً في مدينة دوما", 12, REG),
    ("agent_before_count", "اعتقلت هيئة تحرير الشام 7 أشخاص من أبناء مدينة إدلب", 7, "hts"),
    ("agent_before_count", "شنت طائرات روسية غارات على بلدة معرة حرمة، قتل فيها 9 مدنيين", 9, RUS),
    ("elliptic_shares_head", "مقتل 5 مدنيين وإصابة 20 آخرين في مدينة حلب", 20, None),
    ("elliptic_shares_head", "قتل 3 أطفال وجرح 11 آخرون في سوق المدينة", 11, None),
    ("elliptic_shares_head", "توفي 16 محتجزاً في مراكز احتجاز حكومية، وأصيب 4 آخرون", 4, REG),
    ("shared_with_next_count", "مقتل 5 مدنيين وإصابة 20 آخرين جراء غارات روسية على مدينة أريحا", 5, RUS),
    ("shared_with_next_count", "قتل 4 أطفال وجرح 9 آخرون بقصف مدفعي لقوات النظام على الحي", 4, REG),
    ("shared_with_next_count", "اعتقال 6 أشخاص وإخفاء 2 آخرين على يد هيئة تحرير الشام", 6, "hts"),
    ("custodian_named_before", "يعتقل تنظيم داعش المدنيين منذ سنوات، فيما ما زال 60 مدنياً مختفين في سجونه",
     60, ISIS),
    ("custodian_named_before", "داهمت قوات النظام الحي. ولا يزال 40 شخصاً مختفين قسرياً لديها", 40, REG),
    ("custodian_named_before",
     "تحتجز الفصائل المسلحة عشرات المدنيين في سجونها؛ ولا يزال 25 شخصاً مختفين قسرياً في معتقلاتها",
     25, "opposition"),
    ("another_attack_same_agent",
     "قتل 6 مدنيين بغارة روسية على بلدة كفرنبل، في حين أصيب 5 أشخاص بغارة أخرى على مدينة أريحا", 5, RUS),
    ("another_attack_same_agent",
     "قتل 3 أطفال في قصف لقوات النظام على الحي، فيما قتل 4 مدنيين في قصف آخر على السوق", 4, REG),
    ("another_attack_same_agent",
     "أصيب 8 مدنيين جراء هجوم لتنظيم داعش على القرية، بينما قتل 2 في هجوم آخر على الطريق", 2, ISIS),
    ("line_label_actor", "أولاً: القوات الروسية:\nقتلت 44 مدنياً في شهر آذار.", 44, RUS),
    ("line_label_actor", "- القوات الروسية:\nقتل 12 مدنياً في غارات على ريف إدلب.", 12, RUS),
    ("line_label_actor", "ثانياً: تنظيم داعش:\nأعدم 6 أشخاص في ريف دير الزور.", 6, ISIS),
    ("victims_list_inherits", "قصفت القوات الروسية بلدة البارة بصواريخ فراغية.\nوكان الضحايا كما يلي:\n"
     "- عائلة العلي: 4 ضحايا.\n- عائلة الخطيب: 3 ضحايا.", 3, RUS),
    ("victims_list_inherits", "قتل 11 مدنياً جراء غارات لطيران التحالف الدولي على قرية الباغوز.\n"
     "والضحايا هم:\n1. عائلة الأحمد: 6 ضحايا.\n2. عائلة السعيد: 5 ضحايا.", 6, COA),
    ("victims_list_inherits", "فجر تنظيم داعش سيارة مفخخة في سوق مدينة منبج.\nوفيما يلي توزع الضحايا:\n"
     "• حي السوق: 8 ضحايا.", 8, ISIS),
    ("result_sentence_inherits", "قصفت قوات النظام بلدة معرة حرمة بقذائف المدفعية.\n"
     "ووقعت إحدى القذائف على منزل سكني، ما أدى إلى مقتل 4 مدنيين", 4, REG),
    ("result_sentence_inherits", "استهدفت طائرة مسيرة تركية سيارة على طريق القامشلي.\n"
     "واشتعلت النيران في السيارة، مما أسفر عن مقتل 3 أشخاص", 3, "turkey"),
    ("result_sentence_inherits", "شن تنظيم داعش هجوماً على حاجز في البادية.\n"
     "وتبادل المهاجمون إطلاق النار مع عناصر الحاجز، ما أدى إلى مقتل 7 عناصر", 7, ISIS),
    ("cause_noun_refers_back", "قصفت طائرات حربية روسية بلدة كفرنبل بعدة صواريخ. وأدى القصف إلى مقتل 4 مدنيين",
     4, RUS),
    ("cause_noun_refers_back", "استهدفت طائرة مسيرة تركية سيارة على طريق عامودا.\n\n"
     "وأضاف البيان أن الاستهداف أسفر عن مقتل 3 أشخاص", 3, "turkey"),
    ("cause_noun_refers_back", "شن تنظيم داعش هجوماً على حاجز في بادية الميادين. وقال مصدر محلي إن الهجوم "
     "تسبب بمقتل 5 عناصر", 5, ISIS),
    ("cause_noun_refers_back", "قصف تنظيم داعش حي الجورة الذي تسيطر عليه قوات النظام. وقال ناشطون إن القصف "
     "تسبب بمقتل 7 مدنيين", 7, ISIS),
    ("cause_noun_indefinite_refers_back", "ألقت مروحيات النظام براميل متفجرة على بلدة الهبيط. وقال الناشطون إنهم "
     "رصدوا غارات أسفرت عن مقتل 9 مدنيين", 9, "syrian_regime"),
    ("cause_noun_indefinite_refers_back", "قصفت المدفعية التركية قرى ريف عين عيسى.\nأودى استهداف قرية صيدا "
     "بحياة 3 أطفال", 3, "turkey"),
    ("cause_noun_indefinite_refers_back", "هاجمت خلايا تنظيم داعش نقطة عسكرية في بادية السخنة. وخلف هجوم الخلايا "
     "مقتل 6 عناصر", 6, ISIS),
    ("pronoun_refers_to_actor_before", "وأكد التقرير أن تنظيم داعش قتل 28 مدنياً، كما أنه قتل أيضاً 41 مقاتلاً",
     41, ISIS),
    ("pronoun_refers_to_actor_before", "قتلت قوات النظام 300 مدني، في حين راح ضحية قصفها 45 مقاتلاً", 45,
     "syrian_regime"),
    ("pronoun_refers_to_actor_before", "وقال المرصد إن القوات الروسية قتلت 12 مدنياً، بينما أودت غاراتها بحياة "
     "5 عناصر", 5, "russia"),
    ("cause_noun_after_refers_back", "قتل عاملان جراء القصف التركي على قرية ضهر العرب، كما قتل 3 مقاتلين نتيجة "
     "القصف على خط زركان", 3, "turkey"),
    ("cause_noun_after_refers_back", "قتل 4 مدنيين بغارات روسية على مدينة أريحا، فيما أصيب 7 أطفال جراء الغارات "
     "على بلدة أورم", 7, "russia"),
    ("cause_noun_after_refers_back", "ألقت مروحيات النظام براميل متفجرة على بلدة الهبيط. وقتل 6 مدنيين نتيجة "
     "القصف على الأحياء السكنية", 6, "syrian_regime"),
    ("restated_in_next_sentence", "قضى 9 مدنيين بينهم أطفال، إثر غارة للطيران الحربي على قرية معارة النعسان.\n"
     "وأفاد ناشطون بأن 9 مدنيين قتلوا بقصف لطيران النظام الحربي.\nوفي سياق منفصل قصفت القوات الروسية كنصفرة", 9,
     "syrian_regime"),
    ("restated_in_next_sentence", "وقالت المصادر إن 6 أشخاص قتلوا في انفجار هز مدينة الباب. وأكد مراسلنا أن 6 أشخاص "
     "قتلوا بانفجار سيارة مفخخة زرعها تنظيم داعش. وفي ريف حلب قصفت القوات التركية أم الحوش", 6, ISIS),
    ("restated_in_next_sentence", "وأصيب 14 مدنياً في قصف على بلدة كفرنبل. وذكر الدفاع المدني أن قوات النظام قصفت "
     "البلدة ما أدى لإصابة 14 مدنياً. كما قصفت الطائرات الروسية أريحا", 14, "syrian_regime"),
    ("report_sole_agent", "قصفت قوات النظام بلدة كفرنبل بالمدفعية الثقيلة صباح اليوم.\n\nوقال مراسلنا في "
     "المنطقة إن 6 مدنيين قتلوا في البلدة", 6, "syrian_regime"),
    ("report_sole_agent", "اقتحمت هيئة تحرير الشام مخيم أطمة فجر الأحد.\n\nوأكدت مصادر محلية اعتقال 9 شبان "
     "من سكان المخيم", 9, "hts"),
    ("report_sole_agent", "شنت الطائرات الروسية غارات مكثفة على ريف إدلب الجنوبي.\n\nوأفاد الدفاع المدني "
     "بمقتل 7 أشخاص في بلدة كنصفرة", 7, "russia"),
    ("attack_cause_refers_back", "قصفت طائرات النظام مدينة سراقب صباحاً. وأكد مسعفون أن 7 مدنيين قضوا بالضربات "
     "على السوق الشعبي. وفي ريف حلب قصفت الطائرات الروسية بلدة الأتارب", 7, "syrian_regime"),
    ("attack_cause_refers_back", "شنت القوات التركية هجوماً بالطائرات المسيرة على ريف القامشلي.\nوأحصت الشبكة "
     "مقتل 5 مدنيين في الضربات على قرية تل شعير", 5, "turkey"),
    ("attack_cause_refers_back", "داهمت قوات الأمن العسكري حي الكاشف فجراً. وأكد ناشطون اعتقال 12 شاباً خلال "
     "الهجوم على الحي", 12, "syrian_regime"),
    ("attack_cause_takes_report_agent", "طيران الأسد يرتكب مجزرة قرب حمص\n\nوتوقفت الحركة في المنطقة."
     "\n\nوقضى 21 مدنياً بقصف جوي طال الطريق الزراعي قرب القرية", 21, "syrian_regime"),
    ("attack_cause_takes_report_agent", "وأعلن الدفاع المدني أن طائرات روسية ضربت سوق الهال فجراً.\n\n"
     "https://example.org/post/1\n\nوتشير المعلومات الأولية إلى سقوط تسعة قتلى بغارات طالت السوق", 9, "russia"),
    ("attack_cause_takes_report_agent", "قصفت قوات النظام أحياء في ريف دمشق صباح اليوم.\n\nوتوقفت الدراسة في "
     "المنطقة.\n\nوأفاد مصدر طبي بأن أربعة مدنيين قضوا في ضربات نفذتها طائرات حربية على مدرسة البلدة", 4,
     "syrian_regime"),
    ("headline_split_attacker", "بقصف مدفعي تركي.. مقتل 5 مدنيين في ريف منبج\n\nوقال ناشطون إن قوات النظام "
     "استهدفت القرية", 5, "turkey"),
    ("headline_split_attacker", "بهجوم مباغت لخلايا تنظيم داعش.. مقتل 9 عناصر من قوات النظام في البادية\n"
     "وقالت مصادر إن القوات الروسية قصفت المنطقة", 9, ISIS),
    ("headline_split_attacker", "إثر غارات للطيران الروسي... استشهاد 6 مدنيين\nوقالت مصادر إن قوات النظام قصفت "
     "البلدة", 6, "russia"),
    ("restated_count_takes_earlier", "قتل 11 مدنياً إثر تفجير انتحاري نفذه تنظيم داعش في مدينة إنخل.\n\n"
     "وأفاد مراسلنا بمقتل 11 مدنياً بينهم قائد عسكري", 11, ISIS),
    ("restated_count_takes_earlier", "لقي 25 شخصاً حتفهم جراء غارة لطائرة حربية روسية على سوق بلدة معرة النعمان. "
     "وقال الدفاع المدني إن فرقه انتشلت جثث 25 شخصاً من تحت الأنقاض", 25, "russia"),
    ("restated_count_takes_earlier", "اعتقلت قوات النظام 14 شاباً في حملة دهم بمدينة التل صباح اليوم.\n"
     "وأكدت مصادر محلية اعتقال 14 شاباً بينهم طالب جامعي", 14, "syrian_regime"),
    ("headline_takes_body", "مقتل 12 مدنياً في ريف إدلب\nوثقت الشبكة في تقريرها الصادر اليوم مقتل 12 مدنياً على "
     "يد قوات النظام السوري في قصف مدفعي استهدف الأحياء السكنية في بلدة كفرنبل بريف إدلب الجنوبي صباح يوم "
     "الأحد الماضي", 12, REG),
    ("headline_takes_body", "اعتقال 40 شخصاً خلال أسبوع\nرصد فريق التوثيق خلال الأسبوع الماضي اعتقال 40 شخصاً على "
     "يد قوات سوريا الديمقراطية في حملات دهم طالت عدداً من القرى في ريف دير الزور الشرقي، واقتيد المعتقلون إلى "
     "جهة مجهولة", 40, SDF),
    ("headline_takes_body", "إصابة 9 أطفال بانفجار\nأصيب 9 أطفال بجروح متفاوتة جراء انفجار لغم أرضي من مخلفات "
     "تنظيم داعش أثناء لعبهم في أرض زراعية قرب قرية العكيرشي في ريف الرقة الشرقي، ونقلوا إلى المشفى الوطني في "
     "المدينة", 9, ISIS),
    ("additive_joined_agents", "وتسببت غارات التحالف الدولي، إضافة إلى القصف الروسي، بمقتل 12 مدنياً في ريف دير "
     "الزور", 12, None),
    ("additive_joined_agents", "شنت قوات النظام فضلاً عن الطائرات الروسية هجمات على البلدة، ما أدى إلى مقتل 7 "
     "مدنيين", 7, None),
    ("additive_joined_agents", "أدت هجمات تنظيم داعش بالإضافة إلى قصف قوات النظام إلى مقتل 15 شخصاً خلال الأسبوع",
     15, None),
    # ... also for the later results of the same joint agents
    ("additive_joined_agents", "وتسببت غارات التحالف الدولي، إضافة إلى القصف الروسي، بمقتل 40 مدنياً وإصابة 70 "
     "آخرين، وتسببت بنزوح 3000 مدني عن قراهم", 3000, None),
    ("elliptic_own_attack_no_agent", "قتلت طائرات روسية 9 أشخاص في قصف على سوق البلدة، بينما لقي 4 آخرون حتفهم بضربة "
     "طالت قرية مجاورة", 4, None),
    ("elliptic_own_attack_no_agent", "أصيب 6 مدنيين بقصف لقوات النظام على درعا، بينما جرح 3 آخرون بقصف طال بلدة طفس",
     3, None),
    ("elliptic_own_attack_no_agent", "قضى 5 عناصر من قسد بقصف تركي، فيما جرح 2 آخران بهجوم على حاجز قرب منبج", 2,
     None),
    ("detentions_take_report_agent", "اعتقلت فصائل الجيش الوطني 20 مواطناً في ريف عفرين خلال الأسبوع.\nوفي بلدة "
     "جنديرس جرى اعتقال 12 مواطناً بينهم امرأتان", 12, "opposition"),
    ("detentions_take_report_agent", "اعتقلت قوات النظام 35 شخصاً في حملة على ريف دمشق.\nوفي مدينة التل جرى "
     "اعتقال 9 شبان بينهم طفلان", 9, REG),
    ("detentions_take_report_agent", "اعتقلت قوات سوريا الديمقراطية 18 شاباً في ريف دير الزور بهدف التجنيد.\n"
     "وفي بلدة الشحيل اعتقل 7 أشخاص بينهم طفل", 7, SDF),
    ("total_of_parts_of_several_agents", "قتلت غارة روسية رجلاً في كفرنبل، لتصل حصيلة اليوم إلى 9 مدنيين بينهم 3 "
     "نساء، هم 5 مدنيين ببراميل ألقتها مروحيات النظام على حاس، و4 بغارات روسية على كفرسجنة", 9, None),
    ("total_of_parts_of_several_agents", "قصفت قوات النظام ريف حلب الغربي، ما أدى إلى مقتل 7 مدنيين، هم: 4 بقذائف "
     "قوات النظام على الأتارب، و3 برصاص قناص من هيئة تحرير الشام في دارة عزة", 7, None),
    ("total_of_parts_of_several_agents", "اعتقلت قوات النظام 15 شخصاً، موزعين على 9 أشخاص اعتقلتهم قوات النظام في "
     "درعا، و6 أشخاص اعتقلتهم قوات سوريا الديمقراطية في الرقة", 15, None),
    ("headline_restates_shared_body", "القوات التركية تخطف 30 مدنياً في عفرين\nذكرت الرابطة في حصيلتها الشهرية أن "
     "القوات التركية وفصائلها اختطفت 30 مدنياً من قرى الناحية خلال الشهر الماضي، واقتادوهم إلى جهات مجهولة دون "
     "توجيه أي تهمة إليهم أو السماح لذويهم بزيارتهم", 30, None),
    ("headline_restates_shared_body", "ارتفاع ضحايا الغارات الروسية إلى 15 قتيلاً\nقتل 15 مدنياً في غارات شنتها "
     "طائرات حربية تابعة للنظام والطائرات الروسية على بلدات ريف إدلب الجنوبي، بحسب ما أفاد به ناشطون محليون "
     "ومصادر طبية في المنطقة", 15, None),
    ("headline_restates_shared_body", "مقتل 9 مدنيين بقصف للنظام على دوما\nقتل 9 مدنيين في قصف مدفعي نفذته قوات "
     "النظام والقوات الروسية على أحياء مدينة دوما في الغوطة الشرقية، وسط مخاوف من ارتفاع الحصيلة خلال الساعات "
     "القادمة بسبب وجود إصابات خطيرة", 9, None),
    ("agent_in_tally_noun", "ارتفع عدد الضحايا برصاص قوات النظام، في بلدات الريف الشرقي، إلى 17 بينهم 4 أطفال.", 17, REG),
    ("agent_in_tally_noun", "وأفاد الدفاع المدني بأن عدد الجرحى جراء غارات روسية، على أحياء المدينة، ارتفع إلى 35.", 35,
     RUS),
    ("agent_in_tally_noun", "ارتفعت حصيلة القتلى بنيران الجيش التركي، في قرى ريف الحسكة، إلى 9، بحسب مصادر محلية.", 9,
     "turkey"),
]

# (rule, text): a shape near the rule's on which it must not fire (the text still has a casualty)
PERPETRATOR_RULE_NEGATIVE = [
    ("agent_in_tally_noun", "ارتفع عدد القتلى في السوق، بعد أن قصفت قوات النظام المدينة، إلى 12."),
    ("total_of_parts_of_several_agents", "قتلت قوات النظام 10 مدنيين، وهم 6 مدنيين بقصف مدفعي لقوات النظام على "
     "كفرنبل، و4 مدنيين برصاص قوات النظام في معرة النعمان"),
    ("detentions_take_report_agent", "تسيطر فصائل الجيش الوطني على مدينة عفرين منذ سنوات.\nوفي بلدة جنديرس تم "
     "اعتقال 12 مواطناً بينهم امرأتان"),
    ("elliptic_own_attack_no_agent", "وثق المرصد مقتل 3 أشخاص في مدينة جبلة، فيما أصيب 12 آخرون جراء تفجير سيارة "
     "مفخخة نفذه تنظيم داعش قرب الكراج"),
    ("elliptic_own_attack_no_agent", "قتلت طائرات روسية 9 أشخاص في قصف على سوق البلدة، بينما لقي 4 آخرون حتفهم بغارة "
     "أخرى على القرية"),
    ("additive_joined_agents", "قتلت قوات النظام 20 مدنياً، فضلاً عن غارات روسية قتلت 5 أطفال في البلدة"),
    ("additive_joined_agents", "قتلت غارات التحالف الدولي 40 مدنياً، فضلاً عن القصف الروسي الذي تسبب بنزوح 3000 مدني "
     "عن قراهم"),
    ("headline_restates_shared_body", "مقتل 9 مدنيين بقصف للنظام على دوما\nوقال الدفاع المدني إن 9 مدنيين فقدوا "
     "حياتهم صباح اليوم في المدينة، بحسب ما أفاد به ناشطون محليون ومصادر طبية في المنطقة، وسط مخاوف من ارتفاع "
     "الحصيلة خلال الساعات القادمة"),
    ("both_sides_no_agent", "قتل 3 مقاتلين من قوات النظام في اشتباكات مع فصائل المعارضة"),
    ("agent_after_count", "قتل 8 مدنيين في مدينة الرقة يوم الجمعة"),
    ("held_responsible", "قتل 7 مدنيين في انفجار، ولم تتبن أي جهة مسؤوليته"),
    ("responsible_head_before", "قتل 5 مدنيين في المدينة، وتوجه الأهالي لقوات النظام بطلب المساعدة"),
    ("custody_holder", "توفي 3 محتجزين في مراكز احتجاز سرية"),
    ("agent_between_total_and_parts", "قتل 40 مدنياً، بينهم 3 أطفال، في ريف إدلب"),
    ("running_tally_no_agent", "ليرتفع إلى 38 عدد الذين قتلوا على يد قوات النظام في الحي"),
    ("disappeared_share_of_detained", "وثقنا 368 حالة اعتقال على يد قوات النظام خلال العام.\nوفي سياق آخر تحول 271 "
     "شخصاً إلى مختفين قسرياً"),
    ("agent_before_count", "شنت قوات النظام حملة مداهمات في مدينة التل. فيما قتل 5 مدنيين في مدينة دوما"),
    ("elliptic_shares_head", "قتل 5 مدنيين على يد قوات النظام. وأصيب 20 آخرون في مدينة حلب"),
    ("shared_with_next_count", "مقتل 5 مدنيين وإصابة 20 آخرين. وذلك جراء غارات روسية على مدينة أريحا"),
    ("custodian_named_before", "داهمت قوات النظام الحي.\nولا يزال 40 شخصاً مختفين قسرياً لديها"),
    ("another_attack_same_agent", "قتل 6 مدنيين في بلدة كفرنبل، في حين أصيب 5 أشخاص بغارة أخرى على مدينة أريحا"),
    ("line_label_actor", "قوات النظام السوري هي المسؤولة عن معظم الانتهاكات\nقتل 12 مدنياً في ريف إدلب"),
    ("victims_list_inherits", "قتل 4 مدنيين في غارات جوية لم تعرف هويتها.\nوتوزع الضحايا كما يلي:\n"
     "- عائلة الرحال: 5 ضحايا."),
    ("result_sentence_inherits", "ألقت مروحية تابعة لقوات النظام برميلاً متفجراً على حي الكرامة.\n\n"
     "وانفجرت سيارة مفخخة في السوق، ما أدى إلى مقتل 6 مدنيين"),
    ("cause_noun_refers_back", "قصفت طائرات حربية روسية بلدة كفرنبل بعدة صواريخ. وقتل 4 مدنيين في البلدة"),
    ("restated_in_next_sentence", "وقضى طفلان في بلدة البارة، ومدنيان آخران في بلدة الفطيرة، نتيجة غارات.\n\nوفي "
     "بلدة حاس، فارق مدنيان الحياة جراء قصف الطائرات الحربية التابعة للنظام. وقصفت الطائرات الروسية أريحا"),
    ("cause_noun_indefinite_refers_back", "قصفت طائرات حربية روسية بلدة كفرنبل. واستجابت فرقنا لـ 4 هجمات، كما "
     "أسعفت 30 مصاباً"),
    ("pronoun_refers_to_actor_before", "قتلت قوات النظام 300 مدني، في حين قتل 45 مقاتلاً في اشتباكات متفرقة"),
    ("cause_noun_after_refers_back", "قتل 4 مدنيين بغارات روسية على مدينة أريحا، فيما قتل 3 رعاة نتيجة انفجار "
     "لغم أرضي"),
    ("report_sole_agent", "قصفت قوات النظام بلدة كفرنبل.\n\nوقال مراسلنا إن 4 أطفال أصيبوا جراء انفجار لغم "
     "أرضي"),
    ("attack_cause_refers_back", "قصفت طائرات النظام مدينة سراقب صباحاً. وتوقفت الدراسة في المدارس. وأكد مسعفون "
     "أن 7 مدنيين قضوا بغارات على بلدة أخرى، فيما قصفت الطائرات الروسية الأتارب"),
    ("attack_cause_takes_report_agent", "قصفت طائرات روسية بلدة كفرنبل.\n\nواستجابت فرقنا لـ 4 هجمات، كما "
     "أسعفت 30 مصاباً"),
    ("headline_split_attacker", "غارات روسية على ريف إدلب\nمقتل 6 مدنيين في البلدة\nوقالت مصادر إن قوات "
     "النظام قصفت البلدة"),
    ("restated_count_takes_earlier", "توزعت الوفيات كما يلي:\n- 30 بقصف روسي\n- 30 بسبب نقص الدواء"),
    ("headline_takes_body", "مقتل 12 مدنياً في ريف إدلب\nوثقت الشبكة في تقريرها الصادر اليوم مقتل 15 مدنياً على يد "
     "قوات النظام السوري في قصف مدفعي استهدف الأحياء السكنية في بلدة كفرنبل بريف إدلب الجنوبي صباح يوم الأحد "
     "الماضي"),
]


def perpetrator_whys(text: str):
    nt, cas = run(text)
    return nt, cas, {(c.count, c.perpetrator, c.why["perpetrator"][0]) for c in cas}


@pytest.mark.parametrize("rule,text,count,perp", PERPETRATOR_RULE_ROWS)
def test_perpetrator_rule(rule, text, count, perp):
    nt, cas, whys = perpetrator_whys(text)
    assert (count, perp, rule) in whys
    # the span written with the rule is a mention of the actor it decided, else the count itself
    mentions = {(a.ns, a.ne) for a in find_actors(nt) if a.id == perp}
    for c in cas:
        if c.count == count and c.why["perpetrator"][0] == rule:
            assert tuple(c.why["perpetrator"][1]) in (mentions or {(c.ns, c.ne)})


@pytest.mark.parametrize("rule,text", PERPETRATOR_RULE_NEGATIVE)
def test_perpetrator_rule_negative(rule, text):
    _, cas, whys = perpetrator_whys(text)
    assert cas and rule not in {r for _, _, r in whys}


def test_every_perpetrator_rule_has_rows():
    from pipeline.stages.casualties.attribution import PERPETRATOR_RULES
    names = [r.name for r in PERPETRATOR_RULES]
    assert {r for r, *_ in PERPETRATOR_RULE_ROWS} <= set(names) | {"breakdown_takes_total"}
    for name in names:
        assert len({t for r, t, *_ in PERPETRATOR_RULE_ROWS if r == name}) >= 3, name
        assert any(r == name for r, _ in PERPETRATOR_RULE_NEGATIVE), name


# --- the outcome rules (pipeline/stages/casualties/outcome.py): (rule, text, count, outcome) — the count
# has that outcome, set by that rule (why.outcome).
OUTCOME_RULE_ROWS = [
    ("fate_unknown", "لا يزال مصير 9 منهم مجهولاً", 9, X),
    ("fate_unknown", "وثقنا اعتقال 14 شخصاً مجهولي المصير", 14, X),
    ("fate_unknown", "اعتقلت قوات النظام 20 شاباً، ولا يزال مصير 6 منهم مجهولاً حتى الآن", 6, X),
    ("share_continues_total", "وثقنا وفاة 102 من المعتقلين في السجون؛ 97 منهم في سجن صيدنايا", 97, K),
    ("share_continues_total", "قضى 4 مدنيين تحت التعذيب؛ 3 منهم في فرع فلسطين", 3, K),
    ("share_continues_total", "توفي 12 محتجزاً في مراكز الاحتجاز؛ 7 منهم في فرع المخابرات الجوية", 7, K),
    ("breakdown_takes_total", "قتل 30 مدنياً، بينهم 4 أطفال و3 نساء", 4, K),
    ("breakdown_takes_total", "وأصيب 25 بينهم 3 نساء", 3, I),
    ("breakdown_takes_total", "اعتقلت الدورية 12 شخصاً بينهم امرأتان", 2, D),
    ("verb_before_bare_count", "قضى 17 على يد جهات أخرى", 17, K),
    ("verb_before_bare_count", "وأصيب 25 بينهم 3 نساء", 25, I),
    ("verb_before_bare_count", "قتل 9 على يد قوات النظام", 9, K),
    ("outcome_noun", "سقوط 1420 قتيلاً في عموم سوريا", 1420, K),
    ("outcome_noun", "وأكثر من 45 جريحاً في مدينة إدلب", 45, I),
    ("outcome_noun", "وثقنا 178 حالة اعتقال تعسفي في شهر آب", 178, D),
    ("coordinated_with_previous", "ارتفع إلى 9 عدد القتلى جراء الغارات التي استهدفت فجر اليوم مستودعات للذخيرة "
     "ومقرات عسكرية متفرقة في محيط مطار المدينة وعلى الطريق الدولي المؤدي إلى الحدود الشمالية، وهم: 5 من عناصر "
     "الميليشيات الموالية، و4 عناصر من الفرقة الرابعة", 4, K),
    ("coordinated_with_previous", "قتل 6 عناصر في هجوم استهدف نقطة عسكرية على أطراف البلدة الشرقية قرب الطريق الدولي "
     "الواصل بين المدينتين ومحيط مفرزة الأمن العسكري والحاجز الرئيسي، وهم: 4 من عناصر الأمن العسكري، و2 من عناصر "
     "الشرطة المدنية", 2, K),
    ("coordinated_with_previous", "أصيب 10 أشخاص في انفجار وقع ظهر اليوم قرب سوق الخضار في الحي الجنوبي من المدينة "
     "ومحيط الجامع الكبير والمدرسة الابتدائية الواقعة على الطريق العام، وهم: 6 من المدنيين، و4 من عناصر الشرطة "
     "المحلية", 4, I),
    ("outcome_cue", "قتل 7 مدنيين في قصف على مدينة دوما", 7, K),
    ("outcome_cue", "قالت المنظمة إن 9 أطفال قتلوا في المنطقة", 9, K),
    ("outcome_cue", "أصيب 12 مدنياً بجروح متفاوتة", 12, I),
    ("documented_takes_report_outcome", "قتل 80 مدنياً خلال الشهر. كما وثق تقرير الشبكة 6036 مدنياً خلال "
     "الأشهر الثمانية الأولى من العام", 6036, K),
    ("documented_takes_report_outcome", "اعتقلت القوات 20 شاباً في المدينة. ووثقت المنظمة 300 مدني في السجون "
     "منذ مطلع العام", 300, D),
    ("documented_takes_report_outcome", "أصيب 12 مدنياً بجروح في القصف. وسجل المرصد خلال الأسبوع 45 طفلاً", 45, I),
    ("wounded_who_died", "ارتفعت الحصيلة إلى 55 قتيلاً بعد وفاة 15 جريحاً في المستشفيات", 15, K),
    ("wounded_who_died", "وأعلنت إدارة المشفى وفاة 3 من الجرحى متأثرين بإصاباتهم", 3, K),
    ("wounded_who_died", "مقتل 4 جرحى بقصف سيارة الإسعاف التي كانت تقلهم", 4, K),
    ("own_verb_after_count", "وقال المصدر إن 30 شهيداً سقطوا بينهم 6 أطفال و45 شخصاً أصيبوا بجروح", 45, I),
    ("own_verb_after_count", "قتل 9 مدنيين بينهم طفلان و17 آخرون جرحوا في القصف", 17, I),
    ("own_verb_after_count", "استشهد 12 مواطناً بينهم 3 أطفال و20 شخصاً أصيبوا جراء الغارات", 20, I),
    ("subject_before_verb", "وذكر المرصد أن 9 مدنيين من أسرة واحدة بينهم ثلاثة أطفال قتلوا في غارة على البلدة", 9, K),
    ("subject_before_verb", "وقالت الشبكة إن 20 طفلاً و8 نساء و30 رجلاً ومسعفاً واحداً لقوا حتفهم جراء القصف", 20, K),
    ("subject_before_verb", "وأشار التقرير إلى أن 150 مدنياً بينهم 10 أطفال و5 سيدات، قضوا على يد قوات النظام", 150, K),
    ("subject_before_verb", "وأفادت مصادر محلية بأن 12 شاباً من أبناء القرى المجاورة للطريق العام اعتقلوا عند الحاجز", 12, D),
    ("elliptic_takes_head", "قتل 5 مدنيين في قصف مدفعي استهدف الأحياء الشرقية من المدينة وأطرافها الجنوبية ومحيط "
     "السوق القديم والمدارس القريبة من الطريق العام المؤدي إلى البلدات المجاورة، إضافة إلى 4 آخرين", 4, K),
    ("elliptic_takes_head", "أصيب 7 مدنيين في قصف صاروخي استهدف السوق الشعبي وسط المدينة والمحال التجارية المحيطة "
     "به ومحطة الوقود القريبة من الدوار الرئيسي ومدخل الحي الشرقي والأبنية السكنية المجاورة للمستوصف القديم، إضافة "
     "إلى 3 آخرين", 3, I),
    ("elliptic_takes_head", "اعتقلت الدورية 9 شبان خلال مداهمة استمرت ساعات لمنازل في الحي الغربي من البلدة "
     "وأطرافها الشمالية والمزارع القريبة من الطريق العام ومحيط المدرسة الثانوية والأراضي الزراعية المحاذية لمجرى "
     "النهر، إضافة إلى 4 آخرين", 4, D),
    ("outcome_of_context", "توزعت حالات الاعتقال كما يلي:\n- قوات النظام: 42 حالة.\n- هيئة تحرير الشام: 12 حالة.",
     12, D),
    ("outcome_of_context", "حصيلة القتلى في شهر أيار:\n- في محافظة إدلب: 30 مدنياً.\n- في محافظة حلب: 12 مدنياً.",
     30, K),
    ("outcome_of_context", "وتوزعت الإصابات على المناطق:\n- في مدينة دوما: 14 مدنياً.\n- في بلدة حرستا: 6 مدنيين.",
     6, I),
    # (right after the group noun the counts are parts of its count: breakdown_of_named_total, tests/test_summing.py)
    ("among_group_named_before", "قتل 300 مدني و120 مقاتلاً خلال الشهر. وبين المدنيين الذين وثقناهم، 41 طفلاً و17 "
     "سيدة.", 41, K),
    ("among_group_named_before", "اعتقلت القوات 85 مدنياً في حملة المداهمات. ومن بين المدنيين في الحملة 9 أطفال", 9, D),
    ("among_group_named_before", "وثق المرصد مقتل 500 مقاتل من الفصائل.\nومن بين المقاتلين المذكورين، 70 أجنبياً و12 "
     "منشقاً.", 12, K),
    ("share_of_cases_takes_total", "وثقت الشبكة 150 حالة اعتقال خلال الشهر. وبحسب الشبكة فإن 90 حالة من تلك الحالات "
     "جرت بأيدي عناصر الأمن العسكري", 90, D),
    ("share_of_cases_takes_total", "سجلنا 60 حالة اختفاء قسري في المحافظة. وتبين أن 25 حالة من بين هذه الحالات "
     "تمت على يد تنظيم داعش", 25, X),
    ("share_of_cases_takes_total", "سجلنا 200 حالة احتجاز في الربع الأول. وتبين أن 75 حالة من هذه تمت في مدينة حلب",
     75, D),
]

# (rule, text, count): a near-miss wording where that rule must not be the one that set the count's outcome
OUTCOME_RULE_NEGATIVE = [
    ("share_of_cases_takes_total", "وثقنا 48 حالة اعتقال، و20 حالة من تلك الحالات صارت حالات اختفاء قسري", 20),
    ("fate_unknown", "اعتقلت قوات النظام 20 شاباً، وأفرجت عن 6 منهم بعد يومين", 20),
    ("share_continues_total", "وثقنا مقتل 9 مدنيين في حلب؛ وأصيب 12 آخرون في إدلب", 12),
    ("breakdown_takes_total", "قتل 4 مدنيين في قصف على سرمين، إضافة إلى 2 مجهولي الهوية", 2),
    ("verb_before_bare_count", "قتل 6 مدنيين بينهم طفلان في غارة على البارة", 6),
    ("outcome_noun", "قتل 7 مدنيين في قصف على مدينة دوما", 7),
    ("coordinated_with_previous", "قتل 12 مدنياً في قصف على مدينة دوما، وقتل 4 آخرون في حرستا", 4),
    ("outcome_cue", "سقوط 1420 قتيلاً في عموم سوريا", 1420),
    ("subject_before_verb", "قتل 7 مدنيين في قصف على مدينة دوما", 7),
    ("elliptic_takes_head", "جرح 6 مدنيين في قصف على أريحا، فضلاً عن 3 آخرين في قصف على إحسم", 3),
    ("outcome_of_context", "قتل 3 أطفال بانفجار لغم في قرية الهبيط يوم الاثنين", 3),
    # a verb joined by و after the count is a second verb of the pair (قتل 4 ... وجرح 7 آخرون), not the count's own
    ("own_verb_after_count", "قتل 4 مدنيين بينهم طفل و7 آخرون وجرح 10 في القصف", 7),
    # a documented count with its own outcome in its sentence keeps it
    ("documented_takes_report_outcome", "قتل 80 مدنياً خلال الشهر. ووثقت الشبكة اعتقال 30 مدنياً", 30),
    # wounded received by a hospital after a strike are wounded, not dead
    ("wounded_who_died", "قتل مدنيان في الغارة واستقبل المشفى 20 جريحاً", 20),    # a sentence opening with بين and a group noun that has its own outcome cue keeps it
    ("among_group_named_before", "قتل 300 مدني خلال الشهر. وبين المدنيين أصيب 40 طفلاً", 40),
]


@pytest.mark.parametrize("rule,text,count,outcome", OUTCOME_RULE_ROWS)
def test_outcome_rule(rule, text, count, outcome):
    _, cas = run(text)
    assert (count, outcome, rule) in {(c.count, c.outcome, c.why["outcome"][0]) for c in cas}


@pytest.mark.parametrize("rule,text,count", OUTCOME_RULE_NEGATIVE)
def test_outcome_rule_negative(rule, text, count):
    _, cas = run(text)
    hits = [c for c in cas if c.count == count]
    assert hits and all(c.why["outcome"][0] != rule for c in hits), [(c.count, c.why["outcome"]) for c in hits]


def test_every_outcome_rule_has_three_wordings_and_a_negative():
    from pipeline.stages.casualties.outcome import OUTCOME_RULES
    assert {r.name for r in OUTCOME_RULES} == {r for r, *_ in OUTCOME_RULE_ROWS}
    for r in OUTCOME_RULES:
        assert len({t for name, t, *_ in OUTCOME_RULE_ROWS if name == r.name}) >= 3, r.name
        assert any(name == r.name for name, *_ in OUTCOME_RULE_NEGATIVE), r.name


# --- issue 13, recall on real wording: (text, every (count, outcome) expected) — one table per mechanism,
# three or more wordings each and a negative row (a pair that must not be there).
def count_outcomes(text: str) -> set[tuple]:
    _, cas = run(text)
    return {(c.count, c.outcome) for c in cas}


# a bare count after an outcome word, then a second outcome joined by و: the first count keeps its own
SECOND_OUTCOME_JOINED = [
    ("وأفاد مراسلنا بمقتل 4 وإصابة 10 آخرين نتيجة انفجار عبوة ناسفة", {(4, K), (10, I)}),
    ("وأسفر التفجير عن مقتل 8 وإصابة 15 على الأقل", {(8, K), (15, I)}),
    ("أسفرت الغارة عن استشهاد 3 وجرح 7 آخرين في البلدة", {(3, K), (7, I)}),
    ("ما أدى إلى إصابة 5 ومقتل 2 آخرين من المارة", {(5, I), (2, K)}),
]
# a count with its own cue right after its noun, in a clause after another count's cue
OWN_CUE_AFTER = [
    ("وقضى 4 من عناصر الشرطة وأصيب 6 آخرون في القصف، وفقد 20 من عناصر الجيش السوري حياتهم وأصيب 11 آخرون",
     {(4, K), (6, I), (20, K), (11, I)}),
    ("وفقدت 3 نساء حياتهن وجرح 5 أطفال في الغارة", {(3, K), (5, I)}),
    ("أصيب 4 مدنيين بجروح، و3 أطفال قتلوا في القصف نفسه", {(4, I), (3, K)}),
    ("وفقد 15 من عناصر الجيش حياتهم وأصيب 9 آخرون في القصف على المنطقة", {(15, K), (9, I)}),
]
# a count opening a reported clause takes the plural verb that ends the clause
CLAUSE_SUBJECT = [
    ("وقال الناشط إن 6 مدنيين من عائلة واحدة قضوا في القصف", {(6, K)}),
    ("وأكدت المنظمة أن 25 رجلاً و4 نساء من سكان الحي أصيبوا بجروح", {(25, I), (4, I)}),
    ("وقال مدير المشفى إن \"11 مدنياً بينهم طفلان قتلوا في الغارة\"", {(11, K), (2, K)}),
]
# a count between slashes or brackets, and a bracketed part after a breakdown marker
SLASHED_AND_BRACKETED = [
    ("مما تسبب بمقتل 12// مدنياً، وإصابة /74/ آخرين", {(12, K), (74, I)}),
    ("استشهد /3/ أطفال وجرح /9/ آخرون", {(3, K), (9, I)}),
    ("وثقنا مقتل (197) شخصاً لأسباب أخرى، منهم (13) تم تعذيبهم حتى الموت", {(197, K), (13, K)}),
    ("قتل /7/ على يد مجهولين، وأصيب (4) بينهم طفل", {(7, K), (4, I), (1, I)}),
    ("وثقنا مقتل (3120) على يد قوات النظام", {(3120, K)}),
]
# a verb far before its count: سقط (fell) with people after it, in any clause order
FELL_VERB = [
    ("وسقط جراء القصف المدفعي لقوات النظام 40 مدنياً بينهم 12 طفلاً في ريف إدلب", {(40, K), (12, K)}),
    ("وارتكبت الطائرات مجزرة سقط خلالها أكثر من 15 مدنياً كحصيلة أولية", {(15, K)}),
    ("وأفاد المراسل بسقوط 11 مدنياً في ريف حلب", {(11, K)}),
    ("سقط 5 جرحى في القصف على السوق", {(5, I)}),
    # فقدان (loss of life) with the people it counts, and owner-suffixed group nouns (أعضائها، مقاتليه)
    ("أعلنت قوى الأمن الداخلي فقدان 3 من أعضائها في قصف بطائرة مسيرة", {(3, K)}),
    ("أعلن الفصيل فقدان 5 من مقاتليه في المعارك", {(5, K)}),
    ("ما تسبب بفقدان شخص لحياته وإصابة آخرين", {(1, K)}),
]
# the active injury verb with an object (أصاب) after a death count: injured, not the deaths' outcome
INJURY_VERB_WITH_OBJECT = [
    ("أودى القصف بحياة سبعة مدنيين، بينهم طفل، وأصاب 14 آخرين", {(7, K), (1, K), (14, I)}),
    ("قتل الهجوم 6 عناصر وأصاب 8 آخرين", {(6, K), (8, I)}),
    ("أصاب القصف 20 مدنياً بجروح", {(20, I)}),
    ("وأصابت الشظايا 5 أطفال في الحي", {(5, I)}),
]
# a headline's total with its breakdown on the next line
BREAKDOWN_ON_NEXT_LINE = [
    ("الشبكة توثق مقتل 145 مدنياً خلال آذار\nبينهم 28 طفلاً و16 امرأة", {(145, K), (28, K), (16, K)}),
    ("توثيق اعتقال 80 شخصاً في أيار\nمن بينهم 6 نساء", {(80, D), (6, D)}),
    ("المرصد: مقتل 40 مدنياً في غارات على ريف إدلب\nبينهم 9 أطفال", {(40, K), (9, K)}),
    ("4361 شخصاً قتلوا خلال العام\nبينهم 307 أطفال و241 مواطنة", {(4361, K), (307, K), (241, K)}),
]
# precision: a heading's year and a facility's catchment are no casualties; the count beside them stays
YEAR_AND_CATCHMENT = [
    ("التقرير السنوي للضحايا 2015: (12,400) ضحية", {(12400, K)}),
    ("حصيلة الضحايا 2019: 3,364 مدنياً", {(3364, K)}),
    ("وأصيب المركز بأضرار، ويستقبل المركز قرابة 3 آلاف مريض شهرياً، وقتل 4 مدنيين", {(4, K)}),
    ("وكان المستشفى الذي أصيب في القصف يقدم خدماته لنحو 150 ألف شخص في المنطقة", set()),
    ("استقبل المشفى 20 جريحاً بعد القصف", {(20, I)}),
]
# imperfect plural verbs of a headline's present tense, and dual elliptic nouns
PRESENT_TENSE_AND_DUAL_OTHERS = [
    ("مسلحو التنظيم يقتلون 300 مدني ويخطفون 400 آخرين", {(300, K), (400, D)}),
    ("استشهد مدنيان وأصيب 2 آخران بجروح", {(2, K), (2, I)}),
    ("وقتلت امرأتان وأصيبت 2 أخريان", {(2, K), (2, I)}),
    ("عصابة تختطف 5 أطفال في ريف المدينة", {(5, D)}),
    ("تنظيم الدولة يعدم 4 رجال من أبناء العشيرة", {(4, K)}),
    ("الفصيل يعدمون 3 شبان في ساحة البلدة", {(3, K)}),
    ("وقالت الشبكة إن من بين المعتقلين 24 طفلاً وخمس سيدات", {(24, D), (5, D)}),
    ("وتوفي 12 من المعتقلين تحت التعذيب، وكان بين المعتقلين 3 أطباء", {(12, K), (3, D)}),
    ("وقتل المسلحون 300 مدني، ومعلومات عن خطفهم 400 مدني على الأقل في المنطقة", {(300, K), (400, D)}),
]
# a per-area list whose later counts elide their noun (و7 من ناحية ...)
PER_AREA_ELIDED = [
    ("اختطفت المجموعات المسلحة خلال الشهر 7 مواطنين من ناحية شرا، و7 من ناحية جندريسه، و5 من ناحية شيراوا",
     {(7, D), (5, D)}),
    ("اعتقلت قوات النظام 12 شاباً من مدينة دوما، و5 من بلدة حرستا، و3 من أبناء بلدة عربين", {(12, D), (5, D), (3, D)}),
    ("قتل 9 مدنيين في مدينة إدلب، و4 من قرية كفريا", {(9, K), (4, K)}),
    ("قتل 5 مدنيين بينهم 3 أطفال ومواطنة جراء إلقاء البراميل على قرية أبديتا، و4 بينهم مواطنتان وطفل، جراء قصف "
     "جوي على بلدة البارة", {(5, K), (3, K), (1, K), (4, K), (2, K)}),
    ("أصيب 7 مدنيين بينهم طفلان وامرأة في قصف على الحي الشرقي، و3 بينهم طفل في قصف على السوق", {(7, I), (2, I), (1, I), (3, I)}),
    ("وأصيبت مواطنتان بجروح في القصف", {(2, I)}),
]
# labelled counts under a heading that names the victims: the heading's outcome (and group)
HEADING_TALLY = [
    ("وقد تم تصنيف الشهداء حسب المحافظات على الشكل التالي:\nحلب 197, ادلب 75, حمص 62, ريف دمشق 48.",
     {(197, K), (75, K), (62, K), (48, K)}),
    ("توزع الضحايا على المحافظات:\nحلب: 8,391\nإدلب: 5,120\nحمص: 2,004", {(8391, K), (5120, K), (2004, K)}),
    ("توزعت حالات الاعتقال حسب المحافظات:\n- دمشق: 40\n- حمص: 12", {(40, D), (12, D)}),
    ("أولاً – الضحايا حسب المحافظة\nحلب: 8,391\nريف دمشق: 5,804", {(8391, K), (5804, K)}),
]
# a count right after a label naming its outcome and group and a colon: that group (its list lines follow it)
LABELLED_COUNT = [
    ("الشهداء المدنيون: 1889 بينهم 307 أطفال، 241 مواطنة", {(1889, K), (307, K), (241, K)}),
    ("القتلى العسكريون: 900", {(900, K)}),
    ("- الجرحى المدنيون: 45", {(45, I)}),
]
# a tally whose count closes its noun's relative clause, or whose breakdown comes before its noun
TALLY_NOUN_AWAY = [
    ("وبلغ عدد القتلى الذين قضوا نتيجة القصف بقذائف الهاون والمدافع والقصف بالدبابات (97).", {(97, K)}),
    ("وبلغ عدد المعتقلين الذين اعتقلتهم قوات النظام خلال الشهر 54، بينهم 3 نساء", {(54, D), (3, D)}),
    ("ارتفع إلى 9 على الأقل بينهم 3 أطفال و3 مواطنات عدد الشهداء الذين قضوا جراء القصف", {(9, K), (3, K)}),
    ("ارتفع إلى 12 بينهم طفلان عدد القتلى جراء الغارات", {(12, K), (2, K)}),
    ("وارتفع إلى 30 بينهم 4 نساء عدد المدنيين الذين قتلوا في القصف", {(30, K), (4, K)}),
    ("ارتفعت حصيلة ضحايا الاعتداء أمس بقذيفة صاروخية على حي القصور بمدينة دير الزور إلى 44، بينما لا يزال عدد من "
     "الجرحى في المشافي", {(44, K)}),
    ("ارتفع عدد القتلى المدنيين في الغارات الجوية الروسية على أحياء المدينة الشرقية صباح اليوم إلى 17", {(17, K)}),
    ("قضى خمسة أشخاص في الساعات الأولى، ثم ارتفع العدد إلى سبعة بعد وفاة مريضين", {(5, K), (7, K)}),
    ("أصيب 12 مدنياً في القصف على السوق، ثم ارتفع العدد إلى 20", {(12, I), (20, I)}),
    ("اعتقلت الدورية 4 شبان من الحي، وارتفع العدد إلى 9 مساءً", {(4, D), (9, D)}),
]
RECALL_NEGATIVE = [
    ("عدد الضحايا الذين سقطوا في 3 غارات على المدينة", (3, K)),
    ("وصلت القافلة إلى 3 بينهم مدنيون في المستشفى", (3, K)),
    ("قتل 5 مدنيين بينهم 3 أطفال ومواطنة جراء القصف على القرية والبلدات المجاورة لها في ريف المحافظة الجنوبي "
     "والشرقي خلال ساعات الصباح الأولى من يوم أمس الأحد، و4 بينهم", (4, K)),
    ("قتل 5 مدنيين في القصف. وشنت الطائرات غارات جديدة وارتفع العدد إلى 40", (40, K)),
    ("وتوفي 12 من المعتقلين تحت التعذيب، وكان بين المعتقلين 3 أطباء", (12, D)),
    ("ارتفعت حصيلة الضحايا في المدينة خلال الشهر، ووصل عدد الغارات على أحيائها الشرقية والغربية إلى 44", (44, K)),
    ("توزع المدارس المتضررة:\nحلب: 39\nإدلب: 12", (39, K)),
    ("وقتل في القصف على المدينة عدد من المدنيين بينهم أطفال ونساء في الأحياء الشرقية والغربية منها خلال الشهر"
     "\nحلب: 39", (39, K)),
    ("توزع الضحايا على المحافظات:\nوقد شهدت المدينة قصفاً عنيفاً.\nحلب: 39", (39, K)),
    ("دمرت الطائرات 3 منازل، و5 من محلات السوق", (5, K)),
    ("عناصر الحاجز يعتقلون 12 شاباً كل أسبوع", (12, D)),
    ("التقرير السنوي للضحايا 2015: (12,400) ضحية", (2015, K)),
    ("قصفت الطائرات المشفى الذي يخدم المنطقة ويستقبل يومياً 300 مريض، وأصيب 5 مدنيين", (300, I)),
    ("وكان المستشفى الذي أصيب في القصف يقدم خدماته لنحو 150 ألف شخص في المنطقة", (150000, I)),
    ("مقتل 40 مدنياً في غارات على ريف إدلب.\nوأصيب آخرون.\nبينهم 9 أطفال", (9, K)),
    ("هجمات أصابت ثلاث مدارس على الأقل في المحافظة", (3, I)),
    ("وأدى القصف إلى فقدان 200 عائلة منازلها", (200, K)),
    ("سقطت قذيفة على الحي ما أدى إلى إصابة 3 أطفال", (3, K)),
    ("أبرز النقاط\n• نزح أكثر من 500 شخص من منازلهم.\n• تضررت (23) منشأة صحية، من بينها (7) مستشفيات.", (7, P)),
    ("وقال المسؤول إن 300 مدني يقيمون في المخيم، فيما قتل 3 أطفال", (300, K)),
    ("وأكد المدير أن 40 طبيباً يعملون في المشفى الذي تعرض للقصف ومقتل عدد من المرضى", (40, K)),
    ("وقال الناشط إن 6 مدنيين من عائلة واحدة وصلوا إلى المخيم. وقتلوا لاحقاً", (6, K)),
    ("وفقد 15 من عناصر الجيش حياتهم وأصيب 9 آخرون في القصف على المنطقة", (9, K)),
    ("وأفاد مراسلنا بمقتل 4 وإصابة 10 آخرين نتيجة انفجار عبوة ناسفة", (4, I)),
    ("وقضى 4 من عناصر الشرطة وأصيب 6 آخرون في القصف، وفقد 20 من عناصر الجيش السوري حياتهم", (20, I)),
]


# a running tally's number after إلى, with commas setting off a place or an agent between it and its tally noun,
# when the number ends its clause or opens its breakdown
TALLY_ACROSS_COMMAS = [
    ("ارتفع عدد قتلى القصف المدفعي، على بلدات الريف الشرقي، إلى 17 بينهم 4 أطفال.", {(17, K), (4, K)}),
    ("وقال المسعفون إن عدد الجرحى جراء الغارات، في مدينة سراقب وريفها، وصل إلى 40.", {(40, I)}),
    ("ارتفعت حصيلة ضحايا التفجير، الذي وقع في سوق المدينة صباحاً، إلى 22، وفق مصادر طبية.", {(22, K)}),
    # negative: the number goes on with a word of its clause
    ("ارتفع عدد قتلى القصف، على بلدات الريف الشرقي، إلى 17 صباح اليوم.", set()),
]


# leaving one's home (تركوا منازلهم) or being driven to flee (إلى الفرار، على الفرار) is displacement
LEFT_HOMES_OR_FLED = [
    ("قال المكتب إن 40 ألف مدني تركوا منازلهم خلال أسبوع بسبب القصف", {(40000, P)}),
    ("اضطر نحو 3000 شخص إلى الفرار من القرى الحدودية", {(3000, P)}),
    ("أجبرت المعارك 500 مدني على الفرار، و1200 مدني غادروا منازلهم نحو المخيمات", {(500, P), (1200, P)}),
    # negatives: escaping (تمكن من الفرار) is no displacement
    ("تمكن 3 معتقلين من الفرار من السجن المركزي", set()),
    ("تمكن 3 شبان من الفرار من الحاجز بعد إطلاق النار عليهم", set()),
]


@pytest.mark.parametrize("text,expected", SECOND_OUTCOME_JOINED + OWN_CUE_AFTER + CLAUSE_SUBJECT
                         + SLASHED_AND_BRACKETED + FELL_VERB + INJURY_VERB_WITH_OBJECT
                         + BREAKDOWN_ON_NEXT_LINE + YEAR_AND_CATCHMENT
                         + PRESENT_TENSE_AND_DUAL_OTHERS + PER_AREA_ELIDED
                         + HEADING_TALLY + TALLY_NOUN_AWAY
                         + LABELLED_COUNT + TALLY_ACROSS_COMMAS + LEFT_HOMES_OR_FLED)
def test_recall_outcomes(text, expected):
    assert count_outcomes(text) == expected


@pytest.mark.parametrize("text,absent", RECALL_NEGATIVE)
def test_recall_negative(text, absent):
    assert absent not in count_outcomes(text)


# the group a labelled count or a heading tally gives its list lines: (text, count, group)
LABEL_GROUPS = [
    ("الشهداء المدنيون: 1889 بينهم 307 أطفال\n– 413 بينهم 35 طفلاً بجرائم قتل\n– 256 بينهم 81 طفلاً بمخلفات الحرب",
     413, "civilians"),
    ("القتلى العسكريون: 900 بينهم 12 ضابطاً", 900, "fighters"),
    ("توزع الضحايا المدنيين على المحافظات:\n- حلب: 391\n- إدلب: 120", 120, "civilians"),
    ("قتل 80 مدنياً خلال الشهر.\nتوزع الضحايا على المحافظات:\nحلب: 39\nإدلب: 12", 39, "civilians"),
    # negative: a label with no group leaves the group to the list-line rules
    ("قوات النظام: 368 حالة اعتقال", 368, "persons"),
]


@pytest.mark.parametrize("text,count,group", LABEL_GROUPS)
def test_label_groups(text, count, group):
    _, cas = run(text)
    assert group in {c.group for c in cas if c.count == count}
# a count of an outcome noun in a tally of a group, and a share (N منهم) of a group named before it
TALLY_AND_SHARE_GROUPS = [
    ("بلغ عدد المدنيين الذين سقطوا خلال الأسبوع 323 شهيداً، بينهم 73 طفلاً", 323, "civilians"),
    ("وصل عدد المعتقلين الذين توفوا في السجون هذا العام 40 قتيلاً", 40, "detainees"),
    ("وأوضح أن الضحايا المدنيين توزعوا على مناطق المحافظة، حيث قتل 83 منهم في الريف الغربي، و84 في الريف الشرقي",
     84, "civilians"),
    ("أكد أن العسكريين المصابين نقلوا إلى المشافي، وقتل 6 منهم لاحقاً", 6, "fighters"),
    ("أما عدد الجرحى من المدنيين فبلغ 413 شخصاً، بينهم 94 طفلاً", 413, "civilians"),
    ("وارتفع إلى 46 عدد القتلى من المدنيين الذين سقطوا خلال اليوم", 46, "civilians"),
    ("ويقدر عدد المعتقلين الذين اعتقلتهم قوات النظام خلال الشهر بنحو 1,800 شخص", 1800, "persons"),
    # negatives: a tally of an outcome noun keeps persons; a share with no group named before is persons
    ("بلغ عدد القتلى 50 قتيلاً", 50, "persons"),
    ("وقال إن القصف استمر ساعات، وقتل 6 منهم", 6, "persons"),
]


@pytest.mark.parametrize("text,count,group", TALLY_AND_SHARE_GROUPS)
def test_tally_and_share_groups(text, count, group):
    _, cas = run(text)
    assert group in {c.group for c in cas if c.count == count}


def _ogc(text: str) -> set:
    _, cas = run(text)
    return {(c.count, c.outcome, c.group) for c in cas}


# an outcome noun joined by و to a count's noun, with the next count right after it, is that count's outcome
# (not "شهيداً وإصابة"); a count's own outcome noun never pairs with the next verb (قتل وجرح)
OWN_NOUN_NOT_PAIRED = [
    ("وأعلنت المصادر الرسمية ارتقاء 9 شهداء وإصابة 31 شخصاً بجروح متفاوتة", {(9, K, "persons"), (31, I, "persons")}),
    ("حصيلة اليوم: 6 قتلى وإصابة أكثر من 12 مدنياً في الحي", {(6, K, "persons"), (12, I, "civilians")}),
    ("سقط في القصف قرابة عشرين شهيداً وأصيب 40 آخرون", {(20, K, "persons"), (40, I, "persons")}),
    ("خلّف الانفجار 3 قتلى وجرح 8 مدنيين في السوق", {(3, K, "persons"), (8, I, "civilians")}),
    # negative: a killed-and-wounded pair with no count between still gives both outcomes
    ("سقط 15 قتيلاً وجريحاً في التفجير", {(15, K, "persons"), (15, I, "persons")}),
]
# an elliptic noun that carries its number (آخر one, آخران two) right after an outcome cue, continuing a count
ELLIPTIC_COUNTED = [
    ("قتل مدني وجرح آخر برصاص قناص في الحي الشرقي", {(1, K, "civilians"), (1, I, "civilians")}),
    ("ما أدى إلى مقتل سيدة وإصابة أخرى بجروح طفيفة", {(1, K, "women"), (1, I, "women")}),
    ("استشهد مواطن وأصيب آخران جراء سقوط قذيفة على الحي", {(1, K, "civilians"), (2, I, "civilians")}),
    ("قضى طفل وجرح آخران بانفجار لغم في أرض زراعية", {(1, K, "children"), (2, I, "children")}),
]
NOT_ELLIPTIC_COUNTED = [
    # another missile, another killing: no person counted
    ("سقط صاروخ على السوق، فيما سقط آخر على مدرسة في البلدة", set()),
    ("نفذ مسلحون مجهولون عملية اغتيال أخرى في ريف المدينة", set()),
    ("قتل 4 مدنيين في القصف، وأصاب صاروخ آخر مبنى البلدية", {(4, K, "civilians")}),
]
# a singular or dual person noun as the subject right before its outcome verb, or after a verb and a quote mark
SUBJECT_BEFORE_VERB = [
    ("وقالت الوكالة إن مواطناً استشهد جراء اعتداء بالقذائف على الحي", {(1, K, "civilians")}),
    ("وأفاد مراسلنا أن شابين من أبناء القرية اعتقلا على حاجز للأمن العسكري", {(2, D, "men")}),
    ("امرأة قتلت وأصيب 3 آخرون بقصف مدفعي على البلدة", {(1, K, "women"), (3, I, "women")}),
    ("ووثق المرصد مقتل «رجل وطفل» جراء غارة على القرية", {(1, K, "men"), (1, K, "children")}),
    ("ما أدى إلى إصابة \"طفلة\" بجروح", {(1, I, "children")}),
    # negative: a noun before an outcome noun joined by و is the previous cue's object (ارتقاء طفلة وإصابة 15)
    ("ما تسبب بارتقاء طفلة وإصابة 15 شخصاً بجروح", {(1, K, "children"), (15, I, "persons")}),
    ("زار طفل المستشفى أمس", set()),
]
# dual verbs, the died-of-wounds phrases and the pro-government ارتقى
DUAL_VERBS_AND_WOUNDS = [
    ("وقال المصدر إن مدنيين اثنين قتلا وأصيب 10 آخرون بغارات جوية", {(2, K, "civilians"), (10, I, "civilians")}),
    ("وفي البلدة فارق مدنيان اثنان الحياة متأثرين بجراح أصيبا بها", {(2, K, "civilians")}),
    ("ارتقى مدنيان وأصيب 4 آخرون جراء اعتداء بالقذائف", {(2, K, "civilians"), (4, I, "civilians")}),
    ("وتوفي 3 مدنيين متأثرين بجراحهم في المستشفى", {(3, K, "civilians")}),
]
# a cue followed by a word that makes it no harm: lost contact, fainting
CUE_CANCELLED = [
    ("وأعلن الفريق فقدان الاتصال بـ 5 من عناصره في المنطقة", set()),
    ("وتحدث شهود عن فقدان الوعي لدى 12 شخصاً بعد القصف", set()),
    # negative: فقدان of lives stays a death
    ("أعلنت القوات فقدان 3 من عناصرها في الهجوم", {(3, K, "fighters")}),
]


@pytest.mark.parametrize("text,expected", OWN_NOUN_NOT_PAIRED + ELLIPTIC_COUNTED + NOT_ELLIPTIC_COUNTED
                         + SUBJECT_BEFORE_VERB + DUAL_VERBS_AND_WOUNDS + CUE_CANCELLED)
def test_count_one_two_and_own_nouns(text, expected):
    assert _ogc(text) == expected


# a count followed right away by its own verb, after counts of an earlier verb; the verb of causing أوقع;
# list lines that open with a count under a line ending with a colon take that line's outcome
OWN_VERB_CAUSING_AND_COLON_LISTS = [
    ("وقال المصدر إن 30 شهيداً سقطوا بينهم 6 أطفال و45 شخصاً أصيبوا بجروح",
     {(30, K, "persons"), (6, K, "children"), (45, I, "persons")}),
    ("قتل 9 مدنيين بينهم طفلان و17 آخرون جرحوا في القصف على السوق",
     {(9, K, "civilians"), (2, K, "children"), (17, I, "civilians")}),
    ("أوقع القصف الجوي 14 مدنياً داخل سوق شعبي", {(14, K, "civilians")}),
    ("أوقعت الغارات 6 قتلى و25 جريحاً في البلدة", {(6, K, "persons"), (25, I, "persons")}),
    ("ارتفع عدد القتلى منذ بدء الهجوم إلى 210 أشخاص، وهم:\n30 مدنياً بينهم 4 أطفال.\n\n170 عنصراً من الفصائل.\n"
     "10 من القوات التركية.",
     {(210, K, "persons"), (30, K, "civilians"), (4, K, "children"), (170, K, "fighters"), (10, K, "fighters")}),
    ("حصيلة الاعتقالات خلال الشهر كالتالي:\n52 مدنياً.\n8 أطفال.", {(52, D, "civilians"), (8, D, "children")}),
    # negatives: a list under a colon line with no outcome; the count's verb joined by و belongs to the pair
    ("وتوزع السكان العائدون كالتالي:\n120 مدنياً.\n30 طفلاً.", set()),
    ("قتل 4 مدنيين وجرح 7 آخرون", {(4, K, "civilians"), (7, I, "civilians")}),
]


@pytest.mark.parametrize("text,expected", OWN_VERB_CAUSING_AND_COLON_LISTS)
def test_own_verb_causing_and_colon_lists(text, expected):
    assert _ogc(text) == expected


# the group of a count with no noun after a second verb joined by و (the count before's group), of an outcome
# noun followed by a group or an armed body, and civil defence members named with في صفوف
SECOND_VERB_AND_OUTCOME_NOUN_GROUPS = [
    ("قتل 5 مدنيين، وجرح 12 في قصف مدفعي على البلدة", {(5, K, "civilians"), (12, I, "civilians")}),
    ("ما أدى إلى مقتل سيدة وإصابة اثنتين بجروح", {(1, K, "women"), (2, I, "women")}),
    ("راح ضحيتها 9 قتلى مدنيين بينهم طفلان وأصيب 14 بينهم 3 نساء",
     {(9, K, "civilians"), (2, K, "children"), (14, I, "civilians"), (3, I, "women")}),
    ("ما أدى لسقوط قتيلين من عناصر الحاجز", {(2, K, "fighters")}),
    ("وسقط جريحان من المدنيين جراء القذائف", {(2, I, "civilians")}),
    ("ووقع قتيلان في صفوف قوات النظام خلال الاشتباكات", {(2, K, "fighters")}),
    ("إضافةً إلى مقتل ثلاثة متطوعين في صفوف الدفاع المدني", {(3, K, "civil_defense")}),
    # negatives: another clause's verb keeps persons; an outcome noun with no group after it stays persons
    ("قتل 5 مدنيين في القصف. وفي حادث آخر أصيب 3 في انفجار لغم", {(5, K, "civilians"), (3, I, "persons")}),
    ("سقط قتيلان في القصف على السوق", {(2, K, "persons")}),
]


@pytest.mark.parametrize("text,expected", SECOND_VERB_AND_OUTCOME_NOUN_GROUPS)
def test_second_verb_and_outcome_noun_groups(text, expected):
    assert _ogc(text) == expected


def _parts(text: str) -> set:
    """(count, group, count of its total or None) per casualty."""
    _, cas = run(text)
    by_span = {(c.ns, c.ne): c.count for c in cas}
    return {(c.count, c.group, by_span.get(tuple(c.part_of)) if c.part_of else None) for c in cas}


# a bracket right after a count breaks it down; count lines under a line that ends with a colon are the
# parts of that line's count
BRACKET_AND_COLON_LIST_PARTS = [
    ("قتل 65 مدنياً (8 سيدات و9 أطفال) في القصف على البلدة",
     {(65, "civilians", None), (8, "women", 65), (9, "children", 65)}),
    ("وثقت الشبكة مقتل 120 مدنياً [14 طفلاً و11 سيدة] خلال الشهر",
     {(120, "civilians", None), (14, "children", 120), (11, "women", 120)}),
    ("أصيب 30 مدنياً ( 6 أطفال ) بجروح في الغارات", {(30, "civilians", None), (6, "children", 30)}),
    ("ارتفع عدد القتلى إلى 300 شخص، وهم:\n40 مدنياً (5 سيدات وصحفي).\n\n250 عنصراً من الفصائل.\n10 من القوات الأخرى.",
     {(300, "persons", None), (40, "civilians", 300), (5, "women", 40), (1, "media", 40),
      (250, "fighters", 300), (10, "fighters", 300)}),
    # negatives: a bracket that is no breakdown of people; lines that would exceed the total are not its parts
    ("قتل 7 مدنيين (حسب الدفاع المدني) وأصيب 3 أطفال", {(7, "civilians", None), (3, "children", None)}),
    ("قتل 20 شخصاً، وهم:\n15 مدنياً.\n30 عنصراً من الفصائل.",
     {(20, "persons", None), (15, "civilians", 20), (30, "fighters", None)}),
]


@pytest.mark.parametrize("text,expected", BRACKET_AND_COLON_LIST_PARTS)
def test_bracket_and_colon_list_parts(text, expected):
    assert _parts(text) == expected


# a group the total's group excludes is no part of it (fighters after a count of civilians); defectors are fighters
EXCLUDED_PARTS = [
    ("قتل 149 من المدنيين بينهم 4 سيدات، و127 من العسكريين",
     {(149, "civilians", None), (4, "women", 149), (127, "fighters", None)}),
    ("وثقت الشبكة مقتل 90 مدنياً، بينهم 12 طفلاً، و30 مقاتلاً من الفصائل",
     {(90, "civilians", None), (12, "children", 90), (30, "fighters", None)}),
    ("قضى 60 مقاتلاً بينهم 5 أطفال، و20 مدنياً في المعارك",
     {(60, "fighters", None), (5, "children", 60), (20, "civilians", None)}),
    ("ووثق المرصد مقتل 40 عنصراً من قوات النظام، وثلاثة منشقين", {(40, "fighters", None), (3, "fighters", None)}),
    # negative: a part of the total's own kind stays a part
    ("قتل 50 مدنياً بينهم 9 أطفال، و6 سيدات", {(50, "civilians", None), (9, "children", 50), (6, "women", 50)}),
]


@pytest.mark.parametrize("text,expected", EXCLUDED_PARTS)
def test_excluded_parts(text, expected):
    assert _parts(text) == expected


# a person noun as subject with a short من phrase before its verb; leaders are fighters; feminine plural verbs;
# the released with a pronoun (إفراجه عن); a noun that belongs to a number or stands in apposition to a count
SUBJECT_OF_PHRASE_AND_APPOSITION = [
    ("وقال مصدر إن قيادياً من الفصيل قتل وأصيب اثنان بجروح", {(1, K, "fighters"), (2, I, "fighters")}),
    ("إن شاباً من أبناء البلدة اعتقل على حاجز المدينة", {(1, D, "men")}),
    ("وأفادت المصادر بأن مواطناً من أهالي القرية استشهد بقذيفة", {(1, K, "civilians")}),
    ("زعمت القناة أن ثلاث نساء قتلن وأصيب 17 شخصاً آخرين في الهجوم", {(3, K, "women"), (17, I, "persons")}),
    ("أصيب طفلين شقيقين بجروح بليغة جراء انفجار لغم", {(2, I, "children")}),
    # negatives: no outcome verb after the من phrase; the released; the survivors of a number
    ("زار طفل من أبناء القرية المشفى الميداني", set()),
    ("اعتقل النظام 76 مدنياً، مقابل إفراجه عن أربعة أشخاص", {(76, D, "civilians")}),
    ("فيما نجا 43 شخصاً من محاولات الاغتيال", set()),
]


@pytest.mark.parametrize("text,expected", SUBJECT_OF_PHRASE_AND_APPOSITION)
def test_subject_of_phrase_and_apposition(text, expected):
    assert _ogc(text) == expected


# a singular outcome noun counting one person by itself
SINGLE_OUTCOME_NOUNS = [
    ("ما أسفر عن ارتقاء شهيد وإصابة 20 شخصاً بجروح", {(1, K, "persons"), (20, I, "persons")}),
    ("أسفر القصف عن سقوط قتيل وثلاثة جرحى", {(1, K, "persons"), (3, I, "persons")}),
    ("أسفر انفجار العبوة عن قتيل و5 جرحى", {(1, K, "persons"), (5, I, "persons")}),
    ("وسقط قتيل واحد في الاشتباكات على أطراف البلدة", {(1, K, "persons")}),
    ("أسفرت الغارة عن جريح في صفوف المدنيين", {(1, I, "persons")}),
    # negatives: a construct (أم شهيد), a vague count's split, a word about a martyr
    ("زارت الوفود منزل أم شهيد في البلدة", set()),
    ("تحدث الأهالي عن شهيد سقط أمس", set()),
]


@pytest.mark.parametrize("text,expected", SINGLE_OUTCOME_NOUNS)
def test_single_outcome_nouns(text, expected):
    assert _ogc(text) == expected


# plural kidnapping verbs and the present of أودى (a headline's يودي ب)
KIDNAP_PLURALS_AND_YUDI = [
    ("وقال المركز إن الفصائل اختطفوا أكثر من مئة مدني خلال الشهر", {(100, D, "civilians")}),
    ("مسلحون خطفوا 6 شبان من أبناء القرية", {(6, D, "men")}),
    ("قصف مسيرة يودي بأربعة أشخاص بينهم طفلان", {(4, K, "persons"), (2, K, "children")}),
    ("انفجار عبوة يودي بحياة 3 مدنيين في السوق", {(3, K, "civilians")}),
    ("أودت الغارة بـ 5 مدنيين", {(5, K, "civilians")}),
    # negative: the released are not detained
    ("أفرجت الفصائل عن 6 شبان كانوا مختطفين", set()),
]


@pytest.mark.parametrize("text,expected", KIDNAP_PLURALS_AND_YUDI)
def test_kidnap_plurals_and_yudi(text, expected):
    assert _ogc(text) == expected


# a per-place list whose later counts elide their noun, the place glued to ب (و9 بريف دمشق، و4 ببلدة حرستا)
PER_PLACE_GLUED = [
    ("قتل 30 مدنياً في إدلب، و9 بريف دمشق، وخمسة في حماة", {(30, K, "civilians"), (9, K, "civilians"), (5, K, "civilians")}),
    ("اعتقلت القوات 12 شاباً في دوما، و4 ببلدة حرستا", {(12, D, "men"), (4, D, "men")}),
    ("قتل 6 مدنيين بقصف على الحي، و3 بمدينة أريحا", {(6, K, "civilians"), (3, K, "civilians")}),
    # negative: a number glued to ب that counts no one (بـ 3 صواريخ)
    ("قتل 6 مدنيين بقصف على الحي، وضربت الطائرات البلدة بـ 3 صواريخ", {(6, K, "civilians")}),
]


@pytest.mark.parametrize("text,expected", PER_PLACE_GLUED)
def test_per_place_glued(text, expected):
    assert _ogc(text) == expected


# a documented count of a group with no outcome of its own: the report's one outcome so far, only then
DOCUMENTED_COUNTS = [
    ("قتل 80 مدنياً خلال الشهر. كما وثق تقرير الشبكة 6036 مدنياً خلال الأشهر الثمانية",
     {(80, K, "civilians"), (6036, K, "civilians")}),
    # negatives: no outcome before it; two outcomes before it; a count of persons
    ("وثقت الشبكة 40 مدنياً في تقريرها", set()),
    ("قتل 8 مدنيين وأصيب 12 في القصف. ووثقت الشبكة 40 مدنياً خلال الشهر",
     {(8, K, "civilians"), (12, I, "civilians")}),
    ("قتل 8 مدنيين في القصف. ووثقت الشبكة 40 شخصاً خلال الشهر", {(8, K, "civilians")}),
]


@pytest.mark.parametrize("text,expected", DOCUMENTED_COUNTS)
def test_documented_counts(text, expected):
    assert _ogc(text) == expected


# a count of arrests (اعتقالاً، اعتقالات) counts the persons detained; operations and campaigns do not
ARREST_NOUNS = [
    ("حلب: 120 اعتقالاً تعسفياً", {(120, D, "persons")}),
    ("وثقت الشبكة 230 اعتقالاً خلال الشهر بينهم 12 طفلاً", {(230, D, "persons"), (12, D, "children")}),
    ("سجلنا (20) اعتقالات في المدينة خلال الأسبوع", {(20, D, "persons")}),
    # negatives: operations and campaigns of arrest are no persons
    ("شنت القوات 3 حملات اعتقال في المدينة", set()),
    ("نفذت الدوريات 5 عمليات اعتقال طالت 40 شاباً", {(40, D, "men")}),
]


@pytest.mark.parametrize("text,expected", ARREST_NOUNS)
def test_arrest_nouns(text, expected):
    assert _ogc(text) == expected


# a bracketed count right after a plural group noun with no number of its own
BRACKET_AFTER_NOUN = [
    ("وثقت اللجنة مقتل مدنيين (12) في القصف على البلدة", {(12, K, "civilians")}),
    ("قتل من المدنيين (35) بينهم (4) أطفال", {(35, K, "civilians"), (4, K, "children")}),
    ("وأصيب من عناصر الدفاع المدني (3) أثناء عمليات الإنقاذ", {(3, I, "civil_defense")}),
    # negative: the noun has its own count; the bracket is then no count of it
    ("قتل 5 مدنيين (12) في القصف", {(5, K, "civilians")}),
]


@pytest.mark.parametrize("text,expected", BRACKET_AFTER_NOUN)
def test_bracket_after_noun(text, expected):
    assert _ogc(text) == expected


# --- issue 13, fourth round on real wording
# a definite vague quantity standing alone after a cue (وأصيب العشرات) is elliptic: the group of the count before
# it in its sentence (or persons after parts with no total, or in another sentence)
VAGUE_ALONE_GROUP = [
    ("قضى 12 مدنياً وأصيب العشرات جراء الغارات على البلدة", {(12, K, "civilians"), (None, I, "civilians")}),
    ("قتل 7 عناصر من الفصائل وجرح العشرات في المعارك", {(7, K, "fighters"), (None, I, "fighters")}),
    ("خلّف القصف 9 ضحايا مدنيين في الحصيلة الأولى، إلى جانب جرح العشرات", {(9, K, "civilians"), (None, I, "civilians")}),
    ("استشهد 4 مدنيين وتشريد الآلاف بعد القصف", {(4, K, "civilians"), (None, P, "civilians")}),
    # negatives: parts with no total, and a count in another sentence, leave persons; families are no people
    ("مقتل رجلين وطفل، وإصابة العشرات", {(2, K, "men"), (1, K, "children"), (None, I, "persons")}),
    ("قتل 3 مدنيين وأجبر القصف المئات من الأسر على الرحيل والنزوح", {(3, K, "civilians")}),
    ("دفعت المعارك إلى تهجير العشرات من العائلات", set()),
    ("قتل 5 مدنيين في القصف. وأصيب العشرات في قصف آخر", {(5, K, "civilians"), (None, I, "persons")}),
]


@pytest.mark.parametrize("text,expected", VAGUE_ALONE_GROUP)
def test_vague_alone_group(text, expected):
    assert _ogc(text) == expected


# a second name of the total's outcome after a slash (اعتقال/ احتجاز) is no verb of a share: the counts
# after the marker are parts of the total
SLASH_OUTCOME_SYNONYM = [
    ("رصدنا 150 حالة اعتقال/ احتجاز منها 9 قاصرين و4 سيدات",
     {(150, "persons", None), (9, "children", 150), (4, "women", 150)}),
    ("سجلنا 75 حالة اعتقال/ احتجاز بينها 6 أطفال", {(75, "persons", None), (6, "children", 75)}),
    ("وثقنا مقتل 40 شخصاً/ ضحية بينهم 7 أطفال", {(40, "persons", None), (7, "children", 40)}),
    # negative: a verb with its agent between the total and the marker still makes a share, not a part
    ("وثق التقرير 90 حالة اعتقال، قتلت قوات النظام منهم 4 أطفال", {(90, "persons", None), (4, "children", None)}),
]


@pytest.mark.parametrize("text,expected", SLASH_OUTCOME_SYNONYM)
def test_slash_outcome_synonym(text, expected):
    assert _parts(text) == expected


# kinship nouns with a possessive suffix (والدته، شقيقتها، وأمه) are one woman; a bare singular noun continues a
# list also across one adjective of the person noun before it (صبي صغير وأمه، رجل كردي وزوجته)
KIN_NOUNS_AND_ADJECTIVE_LISTS = [
    ("توفيت فتاة وجرحت أختها ووالدتهما بشظايا القذيفة",
     {(1, K, "children"), (1, I, "women")}),
    ("قضى في الانفجار 6 أشخاص منهم فتى ووالدته", {(6, K, "persons"), (1, K, "children"), (1, K, "women")}),
    ("احتجز الحاجز 5 أشخاص منهم صبي صغير وأمه", {(5, D, "persons"), (1, D, "children"), (1, D, "women")}),
    ("قتل مدني وأصيبت أخته بجروح بليغة", {(1, K, "civilians"), (1, I, "women")}),
    ("وجرح في الحادث 3 أشخاص منهم رجل كردي وزوجته", {(3, I, "persons"), (1, I, "men"), (1, I, "women")}),
    # negatives: a kin noun with no outcome; a noun after a verb that is no list of persons
    ("وقالت أمه إن القصف استمر ساعات", set()),
    ("قتل طفل أمس وتحدثت امرأة عن القصف", {(1, K, "children")}),
]


@pytest.mark.parametrize("text,expected", KIN_NOUNS_AND_ADJECTIVE_LISTS)
def test_kin_nouns_and_adjective_lists(text, expected):
    assert _ogc(text) == expected


# a bracket opening with a breakdown marker between a number and its counted noun: the noun after the bracket is
# the count's, and the bracket's counts are its parts
BRACKETED_BREAKDOWN_BEFORE_NOUN = [
    ("ورصد المركز 88 (منهم 4 قاصرين و3 نساء) من حالات الاحتجاز لدى أجهزة الأمن",
     {(88, "persons", None), (4, "children", 88), (3, "women", 88)}),
    ("قتل 27 (بينهم 6 أطفال) من المدنيين في القصف", {(27, "civilians", None), (6, "children", 27)}),
    ("وثقنا 15 (منهم طفلان) حالة اختفاء قسري خلال الشهر", {(15, "persons", None), (2, "children", 15)}),
    # negative: a bracket with no breakdown marker is no breakdown (a source), and no noun is read after it
    ("قتل 7 (حسب الدفاع المدني) من المدنيين", set()),
]


@pytest.mark.parametrize("text,expected", BRACKETED_BREAKDOWN_BEFORE_NOUN)
def test_bracketed_breakdown_before_noun(text, expected):
    assert _parts(text) == expected


# an outcome noun's count followed by من and a plural group noun counts that group; two groups joined by و leave persons
OUTCOME_NOUN_OF_GROUP = [
    ("وخلف القصف طفلة قتيلة وخمسة جرحى من المدنيين", {(1, K, "children"), (5, I, "civilians")}),
    ("أسفر القصف عن 8 جرحى من المدنيين في السوق", {(8, I, "civilians")}),
    ("سقط 5 قتلى من عناصر قوات النظام في الهجوم", {(5, K, "fighters")}),
    ("أسفر الانفجار عن 12 جريحاً من الكوادر الطبية", {(12, I, "medical")}),
    # negatives: two groups joined by و; the people of a place
    ("أسفر القصف عن 8 جرحى من المدنيين والعسكريين", {(8, I, "persons")}),
    ("سقط 20 قتيلاً من أبناء البلدة", {(20, K, "persons")}),
]


@pytest.mark.parametrize("text,expected", OUTCOME_NOUN_OF_GROUP)
def test_outcome_noun_of_group(text, expected):
    assert _ogc(text) == expected


# a breakdown marker after the outcome verb that opens a sentence: its count is a share of the sentence before's
# first total, of its group, with its own agent
SHARE_OPENING_SENTENCE = [
    ("وصلت حصيلة المدنيين المقتولين في الربع الأول إلى 140 ضحية. قضى منهم 90 بنيران الجيش و30 بغارات روسية.",
     {(140, K, "civilians"), (90, K, "civilians"), (30, K, "civilians")}),
    ("وثقت الشبكة اعتقال 75 مدنياً في المحافظة.\nاعتقل منهم 50 على يد قوات النظام.",
     {(75, D, "civilians"), (50, D, "civilians")}),
    ("وقتل 60 مقاتلاً من الفصائل. قضى من بينهم 45 في المعارك مع قوات النظام.",
     {(60, K, "fighters"), (45, K, "fighters")}),
    # negative: a marker with no verb before it in a new sentence is no share of the sentence before
    ("وقتل 60 مقاتلاً من الفصائل. ويقول الأهالي إن بينهم 5 في المدينة.", {(60, K, "fighters")}),
]


@pytest.mark.parametrize("text,expected", SHARE_OPENING_SENTENCE)
def test_share_opening_sentence(text, expected):
    assert _ogc(text) == expected


# a tally noun with a pronoun (بلغ عددهم) counts the plural group named before it in its sentence; the detained
# stay persons; common misspellings of group nouns (العسكرين، إعلامين)
TALLY_PRONOUN_GROUP = [
    ("وعن المدنيين فقد وصل عددهم إلى 40 قتيلاً منهم 6 أطفال", {(40, K, "civilians"), (6, K, "children")}),
    ("والعسكريون وصل عددهم إلى 35 قتيلاً", {(35, K, "fighters")}),
    ("وعن العسكرين وصل عددهم إلى 18 قتيلاً، كما قضى 3 إعلامين", {(18, K, "fighters"), (3, K, "media")}),
    ("وفيما يخص المعتقلين فقد وصل عددهم إلى 120 حالة اعتقال", {(120, D, "persons")}),
    # negative: the group in another sentence
    ("قتل 5 مقاتلين. أما القتلى فبلغ عددهم 30 شخصاً", {(5, K, "fighters"), (30, K, "persons")}),
]


@pytest.mark.parametrize("text,expected", TALLY_PRONOUN_GROUP)
def test_tally_pronoun_group(text, expected):
    assert _ogc(text) == expected


# an ordinal before a singular outcome noun with من and a plural group after it counts one of that group
ORDINAL_OUTCOME_NOUN = [
    ("نعى الفريق ثالث قتيل من متطوعات الدفاع المدني هذا العام", {(1, K, "civil_defense")}),
    ("سقط ثاني قتيل من عناصر الشرطة في الاشتباكات", {(1, K, "fighters")}),
    ("سجلت المنظمة أول قتيل من الأطفال في المخيم", {(1, K, "children")}),
    # negative: with no group after it, a first martyr is a historical reference
    ("يتذكر الأهالي أول شهيد سقط في بلدتهم قبل سنوات", set()),
]


@pytest.mark.parametrize("text,expected", ORDINAL_OUTCOME_NOUN)
def test_ordinal_outcome_noun(text, expected):
    assert _ogc(text) == expected


# a bracketed count after و (و(5) في الريف الشمالي) continues a per-place list like a bare one
BRACKETED_AFTER_AND = [
    ("قضى 18 مدنياً، (6) منهم قضوا في ناحية الشرق، و(6) في ناحية الغرب",
     {(18, K, "civilians"), (6, K, "civilians")}),
    ("اعتقلت القوات (12) شاباً في دوما، و(4) في حرستا", {(12, D, "men"), (4, D, "men")}),
    ("أصيب (9) مدنيين بقصف على البلدة، و(3) بقصف على القرية المجاورة", {(9, I, "civilians"), (3, I, "civilians")}),
    # negative: a bracketed count glued to ب that counts no one
    ("قتل (7) مدنيين بقصف على الحي، وضربت الطائرات البلدة بـ(3) صواريخ", {(7, K, "civilians")}),
]


@pytest.mark.parametrize("text,expected", BRACKETED_AFTER_AND)
def test_bracketed_after_and(text, expected):
    assert _ogc(text) == expected


# the cue after a count joined by و with another outcome is the pair's second verb, not the count's own
SECOND_VERB_NOT_OWN = [
    ("قتل القناص مساء الأحد، فتاتين وجرح اثنتين أخريين", {(2, K, "children"), (2, I, "children")}),
    ("قتلت الغارات صباح اليوم، 4 مدنيين وجرحت 7 آخرين", {(4, K, "civilians"), (7, I, "civilians")}),
    ("اعتقلت الدورية مساء الخميس، 3 شبان وقتلت آخر", {(3, D, "men"), (1, K, "men")}),
    # negative: the count's own cue after it in its clause still wins over an earlier clause's
    ("قتل 5 مدنيين في القصف، وخسر 20 من مقاتلي الفصائل حياتهم", {(5, K, "civilians"), (20, K, "fighters")}),
]


@pytest.mark.parametrize("text,expected", SECOND_VERB_NOT_OWN)
def test_second_verb_not_own(text, expected):
    assert _ogc(text) == expected


# a bare count after a verb that follows a clause break word (فيما، بينما) of its sentence takes the group of the
# count before it; an elliptic count's head is the sentence's total, not a group count after it
CLAUSE_BREAK_AND_TOTAL_HEADS = [
    ("أحصى المكتب مقتل 14 مدنياً أعدمهم التنظيم، فيما قضى 60 في السجون",
     {(14, K, "civilians"), (60, K, "civilians")}),
    ("قتل 40 مدنياً بنيران الجيش، فيما قضى 25 برصاص مجهولين", {(40, K, "civilians"), (25, K, "civilians")}),
    ("اعتقلت القوات 20 شاباً في المدينة، بينما اعتقل 6 في الريف", {(20, D, "men"), (6, D, "men")}),
    ("قضى 40 مدنياً، نصفهم أطفال، و9 نساء، وجرح نحو 120 آخرين",
     {(40, K, "civilians"), (9, K, "women"), (120, I, "civilians")}),
    # a share (12 منهن) is of the count right before it, not of the sentence's total
    ("قتل الجيش 500 مدني، منهم 90 طفلاً، إلى جانب 70 امرأة 8 منهن قضين في السجون",
     {(500, K, "civilians"), (90, K, "children"), (70, K, "women"), (8, K, "women")}),
    # negatives: a clause break in another sentence; one person named before the clause break; an elliptic
    # count after a group count with no total before
    ("قتل 5 مدنيين في القصف. فيما أصيب 3 في انفجار لغم", {(5, K, "civilians"), (3, I, "persons")}),
    ("بينما قضى رجل بغارة على الحي، فيما قضى 10 بغارات على القرية", {(1, K, "men"), (10, K, "persons")}),
    ("قتلت امرأة وأصيب 3 آخرون بالقصف", {(1, K, "women"), (3, I, "women")}),
]


@pytest.mark.parametrize("text,expected", CLAUSE_BREAK_AND_TOTAL_HEADS)
def test_clause_break_and_total_heads(text, expected):
    assert _ogc(text) == expected


# boys (صبي، صبيين) are children; a member noun takes the civil-defence, medical or media body named after it;
# a topic answered by ف (وأما حصيلة المصابين من الأطفال، فوصلت 60) names the count's group across its comma
MEMBERS_BOYS_AND_TOPICS = [
    ("جرح صبيين بشظايا القذيفة قرب المدرسة", {(2, I, "children")}),
    ("قتل صبي بقصف على الحي", {(1, K, "children")}),
    ("اعتقلت القوات 6 صبية من الحي", {(6, D, "children")}),
    ("قال المركز إن 12 طفلاً و5 نساء وعنصراً واحداً من كوادر الدفاع المدني قضوا",
     {(12, K, "children"), (5, K, "women"), (1, K, "civil_defense")}),
    ("أصيب 3 عناصر من الخوذ البيضاء أثناء عمليات الإنقاذ", {(3, I, "civil_defense")}),
    ("قتل عنصر واحد من الكوادر الطبية", {(1, K, "medical")}),
    ("وأما حصيلة المصابين من المدنيين، فوصلت 70 شخصاً، منهم 11 طفلاً", {(70, I, "civilians"), (11, I, "children")}),
    ("وأما حصيلة الضحايا من الجنود، فقد بلغت 60 شخصاً", {(60, K, "fighters")}),
    ("أما حصيلة الضحايا من الأطفال، فبلغت 25 شخصاً", {(25, K, "children")}),
    # negatives: fighters of an armed force stay fighters; a comma with no ف answer ends the tally's reach;
    # a boy with no outcome
    ("قتل 5 عناصر من قوات النظام", {(5, K, "fighters")}),
    ("ارتفع عدد القتلى المدنيين، وقتل 5 أشخاص في حادث آخر", {(5, K, "persons")}),
    ("زار صبي المستشفى", set()),
]


@pytest.mark.parametrize("text,expected", MEMBERS_BOYS_AND_TOPICS)
def test_members_boys_and_topics(text, expected):
    assert _ogc(text) == expected


# a displacement noun after a camp or centre head names a place (معسكرات النزوح), no outcome; present-tense holding
# (يحتجز، تحتجز) is a detention
PLACE_HEADS_AND_HOLDING = [
    ("يقيم أكثرهم في مخيمات النزوح، بينما تحتجز السلطات 90 فتى", {(90, D, "children")}),
    ("قتل 4 أطفال في مخيمات النزوح شمال إدلب", {(4, K, "children")}),
    ("وتحتجز القوات 40 امرأة في سجن المدينة", {(40, D, "women")}),
    ("يعيش في مراكز النزوح 300 شخص", set()),
    # negative: a displacement after a result verb stays one
    ("ما أدى إلى نزوح 5 آلاف مدني إلى المخيمات", {(5000, P, "civilians")}),
]


@pytest.mark.parametrize("text,expected", PLACE_HEADS_AND_HOLDING)
def test_place_heads_and_holding(text, expected):
    assert _ogc(text) == expected


# a list of counts goes on with a bare و once it went on with a comma and و (beyond the reach of its cue)
LIST_GOES_ON_WITH_BARE_AND = [
    ("وأدت الاعتداءات إلى مقتل 200 شخص، وهم: 90 مدنياً منهم 10 سيدات و12 طفلاً، و 60 من العسكريين الموالين للحكومة "
     "والعاملين في أجهزتها والمسلحين المحليين المتعاونين معها، و20 من المقاتلين القدامى الذين صالحوا السلطات ولم "
     "يلتحقوا بأي فصيل، و8 مقاتلين سابقين و12 مجهولي الهوية", 12, "persons"),
    ("خلفت المواجهات 120 قتيلاً، وهم: 50 من جنود الجيش والمسلحين الرديفين له من جنسيات أجنبية عدة، و40 "
     "من المقاتلين المعارضين المرابطين منذ أشهر على جبهات القتال جنوب المحافظة، و20 من عناصر التنظيم و10 مجهولي الهوية",
     10, "persons"),
    ("أصيب في الهجمات 90 شخصاً، هم: 40 من المدنيين القاطنين في الأحياء الشرقية من المدينة قرب خطوط التماس، و 30 من "
     "عناصر الشرطة المحلية المكلفين بحماية المنشآت العامة والأسواق الشعبية، و12 من المسعفين و8 مجهولي الهوية", 12, "medical"),
]
#: negative: a bare و far from the cue with no list before it adds no count
NOT_LIST_GOES_ON = ("قتل 5 مدنيين بقذائف سقطت على الحارات منذ الفجر واستمرت حتى المغيب وسط تحليق متواصل للمسيرات "
                    "فوق البلدة وغياب تام للتيار الكهربائي ومياه الشرب عن البيوت والمحال والأسواق طوال ساعات النهار و3 أطفال")


@pytest.mark.parametrize("text,count,group", LIST_GOES_ON_WITH_BARE_AND)
def test_list_goes_on_with_bare_and(text, count, group):
    _, cas = run(text)
    assert (count, group, "coordinated_with_previous") in {(c.count, c.group, c.why["outcome"][0]) for c in cas}


def test_not_list_goes_on():
    assert _ogc(NOT_LIST_GOES_ON) == {(5, K, "civilians")}


# a count of the members of a family (7 من عائلة واحدة) counts persons; families themselves are not people
FAMILY_MEMBERS = [
    ("مقتل 7 من عائلة واحدة بغارة على المزرعة", {(7, K, "persons")}),
    ("قتل 6 من أسرة واحدة في غارة", {(6, K, "persons")}),
    ("وفاة 4 من أسرة الراعي في الانفجار", {(4, K, "persons")}),
    # negative: families displaced are no count of people
    ("نزحت 300 عائلة من البلدة", set()),
]


@pytest.mark.parametrize("text,expected", FAMILY_MEMBERS)
def test_family_members(text, expected):
    assert _ogc(text) == expected


# a bare singular noun after a comma and و goes on a per-place list of the casualty before it in its sentence
PER_PLACE_SINGULARS = [
    ("وأضاف أن الدورية احتجزت أربعة شبان من قرية الصفا، وشخصاً من قرية المروة",
     {(4, D, "men"), (1, D, "persons")}),
    ("قضى رجل وفتاة بغارة على المزرعة، وطفل بقذيفة على الطريق العام",
     {(1, K, "men"), (1, K, "children")}),
    ("أصيب 4 مدنيين بقصف على البلدة، وامرأة برصاص قناص في الحي الغربي", {(4, I, "civilians"), (1, I, "women")}),
    # negatives: a noun after a comma and و with no list (the subject of another verb); a full stop between
    ("قضى طفل بالغارة على الحارة، وروت امرأة ما شاهدته", {(1, K, "children")}),
    ("قتل طفل في القصف على الحي. وامرأة من الحي قالت إن القصف استمر", {(1, K, "children")}),
]


@pytest.mark.parametrize("text,expected", PER_PLACE_SINGULARS)
def test_per_place_singulars(text, expected):
    assert _ogc(text) == expected


# after a breakdown marker and a plural group noun with no number, a singular noun joined by و is a part
AFTER_UNCOUNTED_PART = [
    ("خلّف الانفجار 11 قتيلاً، منهم نساء وطفل، وعدداً من الجرحى", {(11, "persons", None), (1, "children", 11)}),
    ("احتجزت القوات 12 شخصاً منهم أطفال وامرأة", {(12, "persons", None), (1, "women", 12)}),
    ("أصيب 20 مدنياً بينهم أطفال ومسن في القصف", {(20, "civilians", None), (1, "elderly", 20)}),
    # negative: a plural with no number and no singular after it adds nothing
    ("قتل 5 مدنيين بينهم أطفال، وتحدث رجل عن القصف", {(5, "civilians", None)}),
]


@pytest.mark.parametrize("text,expected", AFTER_UNCOUNTED_PART)
def test_after_uncounted_part(text, expected):
    assert _parts(text) == expected


# singular and dual nouns in a bracket right after a count break it down; possessed plurals (أطفالها) are children
BRACKETED_SINGULARS_AND_OWN_CHILDREN = [
    ("وأسفرت الغارة عن وفاة مدنيين اثنين (عجوز وزوجته) في المزرعة", {(2, "civilians", None), (1, "elderly", 2), (1, "women", 2)}),
    ("أصيب 3 مدنيين (طفل وامرأتان) بجروح", {(3, "civilians", None), (1, "children", 3), (2, "women", 3)}),
    ("اعتقلت القوات شخصين (شاب ووالدته) في الحي", {(2, "persons", None), (1, "men", 2), (1, "women", 2)}),
    ("جرح 6 مدنيين من أسرة واحدة وهم الوالد وثلاثة من أطفاله",
     {(6, "civilians", None), (3, "children", None)}),
    ("قتل 3 من أطفاله في الغارة", {(3, "children", None)}),
    # negatives: a bracket with no person noun; a possessed plural with no outcome
    ("قتل 5 مدنيين (حسب الدفاع المدني) في القصف", {(5, "civilians", None)}),
    ("وقال إن أطفالها نجوا من القصف", set()),
]


@pytest.mark.parametrize("text,expected", BRACKETED_SINGULARS_AND_OWN_CHILDREN)
def test_bracketed_singulars_and_own_children(text, expected):
    assert _parts(text) == expected


# a bare count after a second verb joined by و takes the group of the count before it, also across that count's
# own verb (… -بينهم طفلان- قتلوا وجرح عشرات)
SECOND_VERB_AFTER_OWN_VERB = [
    ("وقال الشاهد إن ستة مدنيين -بينهم طفلان- قضوا وجرح عشرات في الغارات", {(6, K, "civilians"), (2, K, "children"),
                                                                           (None, I, "civilians")}),
    ("إن 7 مدنيين قضوا وأصيب 20 بجروح", {(7, K, "civilians"), (20, I, "civilians")}),
    ("وأكد أن 4 عناصر من الفصائل قتلوا وأصيب 9 في الاشتباكات", {(4, K, "fighters"), (9, I, "fighters")}),
    # negative: a count in another clause, after a verb of its own that is no second outcome verb of the pair
    ("إن 7 مدنيين قضوا في القصف على المدينة، وقال الدفاع المدني إنه أسعف 20", {(7, K, "civilians")}),
]


@pytest.mark.parametrize("text,expected", SECOND_VERB_AFTER_OWN_VERB)
def test_second_verb_after_own_verb(text, expected):
    assert _ogc(text) == expected


# employees and workers (موظف، عامل، عاملان) are persons
WORKERS = [
    ("ما أدى إلى استشهاد موظف في شركة المياه", {(1, K, "persons")}),
    ("كما قضى عاملان في القصف على المعمل", {(2, K, "persons")}),
    ("أصيب عامل بجروح خطيرة", {(1, I, "persons")}),
    # negatives: a worker who speaks; a factor
    ("وقال موظف في البلدية إن القصف استمر", set()),
    ("يعد القصف عاملاً أساسياً في النزوح", set()),
]


@pytest.mark.parametrize("text,expected", WORKERS)
def test_workers(text, expected):
    assert _ogc(text) == expected


# 'one of them' right after an outcome word counts one person; elsewhere it is one of a count already told
ONE_OF_THEM = [
    ("احتجزت الفصائل 12 شخصاً، توفي أحدهم في السجن", {(12, D, "persons"), (1, K, "persons")}),
    ("قتل 3 شبان وأصيب أحدهم بجروح", {(3, K, "men"), (1, I, "persons")}),
    ("اعتقلت الدورية شابين، وقتل أحدهما لاحقاً", {(2, D, "men"), (1, K, "persons")}),
    # negative: one of a count already told, with its wounds
    ("أصيب شخصان، أحدهما بجروح خطيرة", {(2, I, "persons")}),
]


@pytest.mark.parametrize("text,expected", ONE_OF_THEM)
def test_one_of_them(text, expected):
    assert _ogc(text) == expected


# a facility's own medical staff (من كوادرها الطبية، طاقمها الطبي) are medical
OWN_MEDICAL_STAFF = [
    ("خرج المشفى عن الخدمة، ومقتل شخص من كوادرها الطبية", {(1, K, "medical")}),
    ("أصيب اثنان من طاقمها الطبي", {(2, I, "medical")}),
    ("قتل 3 من كوادره الطبية", {(3, K, "medical")}),
    # negative: a person of the place, with no staff named, stays persons
    ("خرج المشفى عن الخدمة، ومقتل شخص من أبناء الحي", {(1, K, "persons")}),
]


@pytest.mark.parametrize("text,expected", OWN_MEDICAL_STAFF)
def test_own_medical_staff(text, expected):
    assert _ogc(text) == expected


# an outcome noun followed by بين قتيل وجريح counts victims of both outcomes
VICTIMS_OF_BOTH = [
    ("خلفت الغارة عشرات الضحايا بين قتيل وجريح", {(None, K, "persons"), (None, I, "persons")}),
    ("سقط العشرات من الضحايا بين قتيل وجريح في السوق", {(None, K, "persons"), (None, I, "persons")}),
    ("أوقع القصف مئات الضحايا ما بين قتيل وجريح", {(None, K, "persons"), (None, I, "persons")}),
    # negative: victims with no split stay the killed
    ("سقط عشرات الضحايا في السوق", {(None, K, "persons")}),
]


@pytest.mark.parametrize("text,expected", VICTIMS_OF_BOTH)
def test_victims_of_both(text, expected):
    assert _ogc(text) == expected


# military ranks (رقيب، ملازم، عقيد) are fighters
RANKS = [
    ("قتل 47 عنصراً من الفصائل، بينهم رقيب في الجيش", {(47, K, "fighters"), (1, K, "fighters")}),
    ("أسفر الهجوم عن مقتل ملازم في الشرطة", {(1, K, "fighters")}),
    ("اغتال مسلحون عقيداً متقاعداً في البلدة", {(1, K, "fighters")}),
    # negative: a rank that speaks
    ("قال رقيب في الجيش إن القصف استمر", set()),
]


@pytest.mark.parametrize("text,expected", RANKS)
def test_ranks(text, expected):
    assert _ogc(text) == expected


# a mother (أم) counts one woman only right after an outcome word, not before another outcome verb
MOTHERS = [
    ("قضت أم وجرح ابنها في الغارة", {(1, K, "women")}),
    ("أصيبت أم بشظايا القذيفة أمام منزلها", {(1, I, "women")}),
    ("ما أدى إلى مقتل أم وطفليها", {(1, K, "women"), (2, K, "children")}),
    # negatives: the conjunction 'or' between two verbs; a mother named in a construct with no outcome for her
    ("لا يعرف ذووه هل قتل أم اعتقل", set()),
    ("زارت أم الشهيد قبره", set()),
]


@pytest.mark.parametrize("text,expected", MOTHERS)
def test_mothers(text, expected):
    assert _ogc(text) == expected


# members named with their body's pronoun (من أعضائها، من رفاقنا، من متطوعيه) are of the group of the first body
# the sentence names before them; that body is the victims' side, never the agent
MEMBERS_OF_OWNER = [
    ("أعلنت قوات الأمن العام فقدان 4 من أفرادها بانفجار عبوة ناسفة قرب المدينة", (K, "fighters", 4, None)),
    ("قال الدفاع المدني إن قصفاً مدفعياً لقوات النظام أدى إلى مقتل 3 من متطوعيه في بلدة كفرنبل",
     (K, "civil_defense", 3, REG)),
    ("وأكدت هيئة تحرير الشام ببيان لها أن 6 من رفاقها قتلوا بغارة روسية على جبل الزاوية", (K, "fighters", 6, RUS)),
    # negative: no body named before the members in their sentence
    ("وأكد الأهالي إصابة 5 من أفرادها في القصف على الحي", (I, "persons", 5, None)),
]


@pytest.mark.parametrize("text,expected", MEMBERS_OF_OWNER)
def test_members_of_their_owner(text, expected):
    assert expected in {(c.outcome, c.group, c.count, c.perpetrator) for c in run(text)[1]}
