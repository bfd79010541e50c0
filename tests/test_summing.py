"""Counts a researcher can sum: per-count scope, breakdown links, restatements and the report's tolls.

Each decision of pipeline/stages/scope.py, pipeline/stages/restatements.py and pipeline/stages/summing.py has rows in
several wordings and registers, and negative rows where the rule must not fire. Sentences are written
for these tests.
"""
from __future__ import annotations

import pytest

from pipeline.stages.extract import build_report

K, I, D = "killed", "injured", "detained"


def report(text: str, published: str | None = None) -> dict:
    return build_report(text, report_id="t", source="t", sha256="0", published=published)


def casualties(rep: dict) -> list[dict]:
    return [c for ev in rep["events"] for c in ev["casualties"]]


def find(rep: dict, outcome: str, count: int | None) -> dict:
    hits = [c for c in casualties(rep) if c["outcome"] == outcome and c["count"] == count]
    assert hits, f"no {outcome} {count} in {[(c['outcome'], c['count']) for c in casualties(rep)]}"
    return hits[0]


def tolls(rep: dict) -> tuple[int, int, int]:
    return rep["tolls"][K], rep["tolls"][I], rep["tolls"][D]


# --------------------------------------------------------------------------- scope rules

SCOPE = [
    # period_or_tally_cue: a period or tally cue attached to the count
    ("وثقت الشبكة مقتل 1204 مدنياً في سوريا خلال شهر آب 2019، بينهم 300 طفل.", K, 1204, "aggregate",
     "period_or_tally_cue"),
    ("ارتفعت حصيلة ضحايا القصف منذ بداية العام إلى 120 مدنياً في محافظة إدلب.", K, 120, "aggregate",
     "period_or_tally_cue"),
    ("واعتقلت قوات النظام 210 أشخاص في عموم المحافظات.", D, 210, "aggregate", "period_or_tally_cue"),
    ("قتل 5 مدنيين في قصف على بلدة سرمين، ليرتفع عدد ضحايا البلدة منذ بداية العام إلى 120 مدنياً.", K, 120,
     "aggregate", "period_or_tally_cue"),
    # ... a cue in a clause a separator word opens (فيما، بينما، في حين) is not the earlier counts' even when
    # the segments between have no count of their own (cue_in_contrast_clause, in attach_cues)
    ("خلفت الضربات ليلة الجمعة 7 قتلى مدنيين في القرى ذاتها، فيما تسبب التصعيد، منذ مطلع آذار الفائت، بسقوط "
     "300 قتيل مدني.", K, 7, "incident", "single_incident"),
    ("أصابت القذائف اليوم 6 أشخاص في الحي نفسه، بينما أدت الحملة، منذ بداية الشهر، إلى جرح قرابة 90 آخرين.", I, 6,
     "incident", "single_incident"),
    ("اعتقلت الدورية أمس 5 شبان في البلدة ذاتها، في حين أسفرت الحملة، خلال شهر تموز، عن اعتقال 70 شخصاً.", D, 5,
     "incident", "single_incident"),
    # ... while the count of the clause it opens takes it
    ("خلفت الضربات ليلة الجمعة 7 قتلى مدنيين في القرى ذاتها، فيما تسبب التصعيد، منذ مطلع آذار الفائت، بسقوط "
     "300 قتيل مدني.", K, 300, "aggregate", "period_or_tally_cue"),
    # ... but the count before it in the same clause keeps its own scope
    ("قتل 5 مدنيين في قصف على بلدة سرمين، ليرتفع عدد ضحايا البلدة منذ بداية العام إلى 120 مدنياً.", K, 5,
     "incident", "single_incident"),
    # ... an open period after a provisional word is one incident's toll so far, not a period
    ("قتل 3 مدنيين بانفجار قرب المركز الثقافي، وهذه الحصيلة تعد أولية حتى الآن.", K, 3, "incident",
     "single_incident"),
    ("ارتفع عدد ضحايا القصف على أحياء المدينة إلى 300 مدني حتى الآن.", K, 300, "aggregate", "period_or_tally_cue"),
    # one_attack_dated_by_month: a past month dates one attack named in the singular
    ("ووثق الفريق مجزرة الشهر الماضي أسفرت عن مقتل 12 مدنياً في بلدة كفرنبل.", K, 12, "incident",
     "one_attack_dated_by_month"),
    ("وكان 7 مدنيين قد قتلوا بانفجار سيارة مفخخة في سوق مدينة الباب في شهر أيلول الماضي.", K, 7, "incident",
     "one_attack_dated_by_month"),
    ("وأصيب 9 أشخاص بانفجار عبوة ناسفة في مدينة جرابلس في شهر آذار الماضي.", I, 9, "incident",
     "one_attack_dated_by_month"),
    ("وقتل 4 أطفال في غارة جوية على مدرستهم الأسبوع الماضي.", K, 4, "incident", "one_attack_dated_by_month"),
    # event_tally_structure: a list under an announced breakdown, a country's toll for a month
    ("توزعت حصيلة الضحايا على النحو التالي:\n- قتلت قوات النظام 40 مدنياً.\n- قتلت القوات الروسية 12 مدنياً.",
     K, 40, "aggregate", "event_tally_structure"),
    ("مقتل 281 مدنياً في سوريا في شباط 2020.", K, 281, "aggregate", "event_tally_structure"),
    ("وتوزعت حالات الاعتقال حسب الجهات:\n- قوات النظام: اعتقلت 61 شخصاً.\n- قسد: اعتقلت 20 شخصاً.", D, 61,
     "aggregate", "event_tally_structure"),
    # announced_breakdown_line: the lines after a breakdown cue whose sentence has no count, in its paragraph
    ("وفي توزيع الضحايا بحسب المناطق؛ سقط 120 قتيلاً في حلب؛ و80 قتيلاً في إدلب؛ و40 قتيلاً في حماة.", K, 80,
     "aggregate", "announced_breakdown_line"),
    ("وتوزعت حالات الاعتقال حسب المنطقة؛ إذ اعتقلت قوات سوريا الديمقراطية 25 شخصاً في مدينة الرقة.", D, 25,
     "aggregate", "announced_breakdown_line"),
    ("أما توزع الجرحى وفق الجهة؛ فقد أصيب 45 مدنياً بقصف قوات النظام على بلدة كفرنبل.", I, 45, "aggregate",
     "announced_breakdown_line"),
    # one_number_two_outcomes
    ("وقع عشرة قتلى وجرحى في غارة على قرية البارة.", K, 10, "aggregate", "one_number_two_outcomes"),
    ("قتل وجرح 9 مدنيين في غارة على قرية البارة.", I, 9, "aggregate", "one_number_two_outcomes"),
    ("أسفر القصف عن مقتل وإصابة 12 مدنياً في مدينة سراقب.", K, 12, "aggregate", "one_number_two_outcomes"),
    # period_date_without_local_anchor
    ("وثق التقرير ما لا يقل عن 147 حالة اعتقال تعسفي في محافظة درعا في شهر نيسان 2021.", D, 147, "aggregate",
     "period_date_without_local_anchor"),
    ("قتلت قوات سوريا الديمقراطية 11 مدنياً في عام 2019.", K, 11, "aggregate", "period_date_without_local_anchor"),
    # ... a year taken from an earlier sentence when the count has no day and no town at all (inherited_year): in
    # the lead it makes the report a tally report, whose lines the count and the later ones are
    ("تأسست الفرق عام 2014 في ريف حلب.\nوقتلت قوات النظام 85 متطوعاً من الفرق، فيما قتل تنظيم داعش 12 آخرين.", K, 12,
     "aggregate", "line_of_tally_report"),
    ("بدأت الحملة الأمنية في عام 2019.\nواعتقلت الأجهزة الأمنية 340 شخصاً.", D, 340, "aggregate",
     "line_of_tally_report"),
    ("افتتح المستشفى أبوابه عام 2016.\nوقتل 14 من كوادره الطبية.", K, 14, "aggregate",
     "line_of_tally_report"),
    # ... negative: a town of its own
    ("في عام 2019 تصاعدت الهجمات على ريف إدلب.\nوقتل 5 مدنيين بقصف على بلدة كفرنبل.", K, 5, "incident",
     "single_incident"),
    ("وثقت الشبكة مقتل 23 مدنياً في محافظة حماة في أيار 2018.", K, 23, "aggregate",
     "period_date_without_local_anchor"),
    # period_from_date: a date that opens a period (since-word) or a range of days
    ("قتل 105 مدنيين منذ 28 نيسان 2019 في ريف إدلب الجنوبي.", K, 105, "aggregate", "period_from_date"),
    ("أسفر القصف منذ الخامس من أيار 2019 عن مقتل 53 شخصاً في بلدة سراقب.", K, 53, "aggregate",
     "period_from_date"),
    ("قتلت الهجمات 12 مدنياً بين 2 و18 كانون الأول 2019 في قرية كفرنبل.", K, 12, "aggregate",
     "period_from_date"),
    ("واعتقلت قوات النظام 40 شاباً من مدينة دوما ابتداء من 3 آذار 2020.", D, 40, "aggregate",
     "period_from_date"),
    # ... a weekday after a since-word, resolved or not (since_weekday): bare, with يوم, or a time of it with a
    # past-word
    ("ومنذ الأحد، أسفر القصف على ريف إدلب عن مقتل 35 مدنياً.", K, 35, "aggregate", "period_from_date"),
    ("قتل 40 مدنياً منذ يوم الخميس في القصف على مدينة أريحا.", K, 40, "aggregate", "period_from_date"),
    ("جرح 60 شخصاً جراء القذائف على قرى الدرباسية منذ ليلة الخميس الفائت.", I, 60, "aggregate", "period_from_date"),
    # ... not a time of a weekday with no past-word (a campaign since dawn that ended the same evening)
    ("طوقت الدوريات الحي منذ فجر الجمعة واعتقلت 12 شاباً في مدينة نوى.", D, 12, "incident", "single_incident"),
    # ... not two days ago, nor an incident with its own day inside a longer siege
    ("قتل 3 مدنيين في قصف على بلدة سرمين منذ يومين.", K, 3, "incident", "single_incident"),
    ("قتل 3 مدنيين يوم 12 أيار 2019 في قصف على بلدة سرمين المحاصرة منذ 26 نيسان 2019.", K, 3, "incident",
     "single_incident"),
    # running_total_of_incident (no period): the incident's latest figure
    ("قتل 3 مدنيين بقصف على بلدة كفرنبل، ثم توفي جريح متأثراً بجراحه، ليرتفع عدد القتلى إلى 4 مدنيين.", K, 4,
     "incident", "running_total_of_incident"),
    ("وارتفع عدد ضحايا الغارة على سوق مدينة أريحا إلى 12 قتيلاً.", K, 12, "incident",
     "running_total_of_incident"),
    ("وارتفعت حصيلة ضحايا التفجير في مدينة الباب إلى 19 قتيلاً.", K, 19, "incident", "running_total_of_incident"),
    # period cues built from month names and relative periods (no year needed)
    ("ووثق التقرير اعتقال 56 شخصاً في ريف دمشق خلال نيسان.", D, 56, "aggregate", "period_or_tally_cue"),
    ("وقتلت قوات النظام الشهر الماضي 36 مدنياً في محافظة إدلب.", K, 36, "aggregate", "period_or_tally_cue"),
    ("سجلت الشبكة مقتل 12 مدنياً في درعا في شهر آذار المنصرم.", K, 12, "aggregate", "period_or_tally_cue"),
    # a week or several years is a period too
    ("وثق المكتب خلال الأسبوع الفائت مقتل 84 شخصاً في محافظة درعا.", K, 84, "aggregate", "period_or_tally_cue"),
    ("واعتقلت قوات النظام خلال أسبوع واحد 37 شاباً من ريف دمشق.", D, 37, "aggregate", "period_or_tally_cue"),
    ("وأصيب 260 مدنياً بمخلفات الحرب خلال السنوات الثلاث الأخيرة في ريف حلب.", I, 260, "aggregate",
     "period_or_tally_cue"),
    # ... and so are two days, two weeks, two months or two years (dual forms)
    ("واعتقلت قوات النظام خلال اليومين الماضيين 36 شاباً من أبناء درعا.", D, 36, "aggregate",
     "period_or_tally_cue"),
    ("قتل 17 مدنياً خلال الشهرين الماضيين في ناحية عين عيسى.", K, 17, "aggregate", "period_or_tally_cue"),
    ("وأصيب 40 مدنياً خلال أسبوعين من القصف على ريف حلب الغربي.", I, 40, "aggregate", "period_or_tally_cue"),
    ("قتل 3 مدنيين في قصف على بلدة سرمين قبل يومين.", K, 3, "incident", "single_incident"),
    # ... and several days are a period too (خلال الأيام الثلاثة الماضية، خلال أيام)
    ("وقال مصدر طبي إن 57 شخصاً قتلوا جراء القصف على الأحياء السكنية خلال الأيام الثلاثة الماضية.", K, 57,
     "aggregate", "period_or_tally_cue"),
    ("واعتقلت قوات النظام خلال أيام قليلة 40 شاباً من مدينة دوما.", D, 40, "aggregate", "period_or_tally_cue"),
    ("أصيب 70 مدنياً طيلة أيام من القصف المتواصل على مدينة الباب.", I, 70, "aggregate", "period_or_tally_cue"),
    ("قتل 3 مدنيين في قصف على بلدة سرمين قبل أيام.", K, 3, "incident", "single_incident"),
    # since a date named before (منذ ذلك التاريخ، منذ ذلك الحين) is a period too, even in a running total
    ("وبحسب المرصد فقد ارتفع إلى 1200 عدد عناصر قوات النظام الذين قتلوا في البادية منذ ذلك التاريخ.", K, 1200,
     "aggregate", "period_or_tally_cue"),
    ("واعتقلت قوات النظام منذ ذلك الحين 85 شخصاً من أبناء مدينة الصنمين.", D, 85, "aggregate",
     "period_or_tally_cue"),
    ("وأصيب 140 مدنياً في ريف حلب الشمالي منذ ذلك الوقت، بحسب مصادر طبية.", I, 140, "aggregate",
     "period_or_tally_cue"),
    ("وقتل 3 مدنيين في ذلك اليوم بقصف على بلدة كفرنبل.", K, 3, "incident", "single_incident"),
    # a period named before a sentence's first count frames the counts of its later clauses (كما، فيما)
    ("وأحصت الوكالة خلال الأسبوع الماضي مقتل 13 مدنياً وإصابة 18 آخرين، كما قضى 4 من مقاتلي قسد وأصيب 6 آخرون "
     "في القصف التركي.", K, 4, "aggregate", "period_or_tally_cue"),
    ("وثقت الشبكة خلال شهر آذار 2021 مقتل 40 مدنياً في محافظة درعا، فيما اعتقلت قوات النظام 75 شخصاً من أبناء "
     "المحافظة.", D, 75, "aggregate", "period_or_tally_cue"),
    ("ومنذ بداية العام الجاري قتل 210 مدنيين في ريف حلب الشمالي، كما أصيب 340 آخرون بجروح متفاوتة.", I, 340,
     "aggregate", "period_or_tally_cue"),
    # ... not a period named after the first count, which is that count's own
    ("قتل 3 مدنيين في قصف على بلدة سرمين، كما أصيب 5 آخرون بقصف على بلدة بنش، ليرتفع عدد ضحايا البلدة منذ بداية "
     "العام إلى 120.", K, 3, "incident", "single_incident"),
    # period_from_date with a day of a month named relative to the report and no publication date to resolve it
    ("ولفت البيان إلى أن القصف أسفر منذ 5 من الشهر الحالي عن مقتل 53 شخصاً في ريف إدلب.", K, 53, "aggregate",
     "period_from_date"),
    ("واعتقلت قوات النظام منذ العاشر من الشهر الماضي 64 شخصاً في ريف دمشق.", D, 64, "aggregate",
     "period_from_date"),
    ("أصيب 90 مدنياً بقصف مدفعي على مدينة الباب منذ 3 من الشهر الجاري.", I, 90, "aggregate", "period_from_date"),
    ("قتل 4 مدنيين في 5 من الشهر الحالي بقصف على بلدة سرمين.", K, 4, "incident", "single_incident"),
    # ... and only the held, the missing and the displaced are a stock: the injured still in hospital are not
    ("قتل 5 مدنيين بقصف على بلدة سرمين، ولا يزال عدد الشهداء مرشحاً للارتفاع لوجود 12 جريحاً في حالة خطرة.", I,
     12, "incident", "single_incident"),
    ("وما زال 7 جرحى يتلقون العلاج في مشفى مدينة الباب بعد انفجار السيارة المفخخة.", I, 7, "incident",
     "single_incident"),
    ("ولا يزال 4500 نازح من بلدة سراقب يقيمون في مخيمات عشوائية قرب الحدود.", "displaced", 4500, "aggregate",
     "still_held_stock"),
    # ... or a month named with no year (منذ 30 أبريل الماضي), whether or not it resolved to a date
    ("ولفت المرصد إلى أن عدد من قتلوا في منطقة خفض التصعيد منذ 30 أبريل (نيسان) الماضي وصل إلى 3200 شخص.", K,
     3200, "aggregate", "period_from_date"),
    ("واعتقلت قوات النظام منذ مطلع آذار الفائت 210 أشخاص من أبناء محافظة درعا.", D, 210, "aggregate",
     "period_or_tally_cue"),
    ("أصيب 75 مدنياً في ريف حلب الشمالي منذ 12 تشرين الأول.", I, 75, "aggregate", "period_from_date"),
    ("وقالت المنظمة إن 40 مدنياً قتلوا منذ أيلول في قصف على بلدات جبل الزاوية.", K, 40, "aggregate",
     "period_from_date"),
    ("قتل 4 مدنيين يوم 30 أبريل في قصف على بلدة سرمين.", K, 4, "incident", "single_incident"),
    # ... or a weekday (منذ الخميس، منذ يوم السبت، منذ صباح الأربعاء الماضي): since that day, not that day alone
    ("قتل 12 مدنياً منذ صباح الأربعاء الماضي في قصف على بلدة كفرنبل.", K, 12, "aggregate", "period_from_date"),
    ("واعتقلت قوات النظام 25 شاباً من مدينة جاسم منذ يوم السبت.", D, 25, "aggregate", "period_from_date"),
    ("أصيب 30 مدنياً بالقصف على مدينة الباب منذ الخميس.", I, 30, "aggregate", "period_from_date"),
    ("قتل 3 مدنيين صباح الأربعاء في قصف على بلدة كفرنبل.", K, 3, "incident", "single_incident"),
    # period_or_tally_cue: since an unnamed stretch of weeks, months or years (منذ أسابيع، منذ أكثر من شهر)
    ("ومنذ أسابيع يتواصل القصف على بلدات جبل الزاوية، وقد أودى بحياة 35 مدنياً.", K, 35, "aggregate",
     "period_or_tally_cue"),
    ("واعتقلت قوات النظام منذ أشهر 120 شاباً من أبناء مدينة التل.", D, 120, "aggregate", "period_or_tally_cue"),
    ("وأصيب منذ أكثر من شهر 64 مدنياً بالقصف المتواصل على مدينة الباب.", I, 64, "aggregate",
     "period_or_tally_cue"),
    # ... but a period after a comparison word (الأوسع منذ أشهر) measures the comparison: no period of the count
    ("اعتقلت قوات النظام 19 شاباً من بلدة الكرك في حملة هي الأوسع منذ أشهر.", D, 19, "incident",
     "single_incident"),
    ("وقتل 7 مدنيين في الغارة الأعنف على البلدة منذ بداية العام.", K, 7, "incident", "single_incident"),
    ("أصيب 11 مدنياً في الضربة الأولى على مدينة الباب منذ سنوات.", I, 11, "incident", "single_incident"),
    # ... with the since-word opening its sentence after و (ومنذ الأحد، …)
    ("ومنذ الأحد، أدت الغارات على بلدات جبل الزاوية إلى مقتل 45 مدنياً.", K, 45, "aggregate", "period_from_date"),
    ("ومنذ 3 من الشهر الجاري، اعتقلت قوات النظام 70 شاباً في ريف درعا.", D, 70, "aggregate", "period_from_date"),
    ("ومنذ يوم السبت، أصيب 28 مدنياً بقصف على مدينة الباب.", I, 28, "aggregate", "period_from_date"),
    ("ومنذ يومين قتل 3 مدنيين بقصف على بلدة سرمين.", K, 3, "incident", "single_incident"),
    # ... but a time of day before the weekday with nothing putting it in the past: hours of that one day
    ("حاصرت دوريات الأمن بلدة نوى منذ صباح الأحد، واعتقلت 9 شبان قبل انسحابها ظهراً.", D, 9, "incident",
     "single_incident"),
    # ... and a campaign that began on a day (الحملة التي بدأت في 5 تشرين الأول) covers the days since
    ("وأكد التقرير أن الحملة العسكرية التي بدأت في 5 تشرين الأول أسفرت عن مقتل 70 مدنياً في ريف إدلب.", K, 70,
     "aggregate", "period_from_date"),
    ("وأدى التصعيد الذي بدأ في 26 نيسان 2019 إلى نزوح 300 ألف مدني من ريف حماة الشمالي.", "displaced", 300000,
     "aggregate", "period_from_date"),
    ("واعتقلت قوات النظام في الحملة التي انطلقت في 2 آذار 2020 نحو 90 شاباً من مدينة الصنمين.", D, 90,
     "aggregate", "period_from_date"),
    ("قتل 5 مدنيين في غارة بدأت فجر 5 أيار 2019 على بلدة كفرنبل.", K, 5, "incident", "single_incident"),
    # ... and this month or this week named in words (منذ العشرين من هذا الشهر)
    ("خلفت الضربات الجوية المستمرة منذ العشرين من هذا الشهر على ريف الحسكة 35 قتيلاً.", K, 35, "aggregate",
     "period_from_date"),
    ("واعتقلت قوات النظام هذا الأسبوع 27 شاباً من أبناء مدينة الصنمين.", D, 27, "aggregate", "period_or_tally_cue"),
    ("وأصيب هذا الشهر 48 مدنياً بانفجار ألغام في ريف منبج.", I, 48, "aggregate", "period_or_tally_cue"),
    ("وفي الثالث من هذا الشهر قتل 4 مدنيين بقصف على بلدة كفرنبل.", K, 4, "incident", "single_incident"),
    # a still-held cue after a separator belongs to another clause (بينما لا يزال عدد من الجرحى)
    ("قتل 6 مدنيين في قصف على بلدة حاس، فيما لا تزال فرق الإنقاذ تبحث عن مفقودين.", K, 6, "incident",
     "single_incident"),
    ("واعتقلت قوات النظام 7 شبان من بلدة داعل، ولا يزال البحث جارياً عن آخرين.", D, 7, "incident",
     "single_incident"),
    ("أصيب 12 مدنياً بانفجار عبوة ناسفة في مدينة الباب، بينما لا يزال عدد منهم في حالة حرجة.", I, 12,
     "incident", "single_incident"),
    # still_held_stock: people still held or missing are a stock, before or right after the count
    ("ولا يزال 2060 شخصاً قيد الاعتقال لدى هيئة تحرير الشام.", D, 2060, "aggregate", "still_held_stock"),
    ("وقالت الشبكة إن قرابة 900 مواطن مازالوا قيد الاعتقال في سجون قوات سوريا الديمقراطية.", D, 900,
     "aggregate", "still_held_stock"),
    ("وما زال مصير 45 معتقلاً لدى فصائل المعارضة مجهولاً منذ اعتقالهم.", "disappeared", 45, "aggregate",
     "still_held_stock"),
    # running_total_of_tally: a growing toll with no place or day of one incident
    ("وارتفعت حصيلة القتلى في محافظة إدلب إلى 40 مدنياً.", K, 40, "aggregate", "running_total_of_tally"),
    ("وارتفع عدد الجرحى في محافظة الرقة إلى 35 جريحاً.", I, 35, "aggregate", "running_total_of_tally"),
    ("ليرتفع عدد الضحايا المدنيين في ريف حماة إلى 27 مدنياً.", K, 27, "aggregate", "running_total_of_tally"),
    # line_of_tally_report under a headline that names a period or a tally and no count
    ("حصيلة الانتهاكات في محافظة درعا خلال العام 2022\nوثق المكتب في تقرير أصدره اليوم مقتل 512 شخصاً في "
     "محافظة درعا، بينهم 301 مدني، بعضهم قضوا برصاص مسلحين مجهولين وآخرون بانفجار عبوات ناسفة ومخلفات حرب في "
     "مناطق متفرقة من المحافظة.",
     K, 512, "aggregate", "line_of_tally_report"),
    ("التقرير الشهري لضحايا شهر تموز\nوبحسب التقرير الذي يرصد مقتل المدنيين على يد الأطراف المختلفة، قتلت قوات "
     "النظام 64 مدنياً في عدة محافظات، فيما قتل تنظيم داعش 12 مدنياً في البادية السورية وريف دير الزور.", K, 12,
     "aggregate", "line_of_tally_report"),
    ("الاعتقالات في الحسكة خلال الأسبوع الماضي\nاعتقلت قوات سوريا الديمقراطية 23 شاباً في محافظة الحسكة بتهمة "
     "التواصل مع جهات معادية أو التهرب من التجنيد الإجباري، واقتادتهم إلى مراكز احتجاز لم يعرف مكانها بعد.", D,
     23, "aggregate", "line_of_tally_report"),
    # ... but a count with a village or a day of its own stays an incident
    ("حصيلة الانتهاكات في محافظة درعا خلال العام 2022\nوفي 4 آذار قتل 3 مدنيين بقصف مدفعي على بلدة طفس في "
     "ريف درعا الغربي، بحسب ما أفاد به ناشطون محليون قالوا إن القصف مصدره قوات النظام المتمركزة في المنطقة.",
     K, 3, "incident", "single_incident"),
    # ... in a report whose tally names a period, a village without a day of its own is where a line's
    # victims fell, not one incident
    ("حصيلة الضحايا في سوريا خلال شهر آب 2019\nقتلت قوات التحالف الدولي 46 مدنياً، بينهم 13 طفلاً، في غارات "
     "على مدينة الرقة وريفها، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K, 46, "aggregate", "line_of_tally_report"),
    ("التقرير السنوي لضحايا عام 2018\nوقتلت فصائل المعارضة المسلحة 54 مدنياً في قصف بقذائف الهاون على حي "
     "الشيخ مقصود بمدينة حلب، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K, 54, "aggregate", "line_of_tally_report"),
    ("حالات الاعتقال في سوريا خلال شهر أيار 2020\nاعتقلت قوات النظام 61 شخصاً في حملات دهم على بلدة داعل "
     "وقرى محيطة بها، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", D, 61, "aggregate", "line_of_tally_report"),
    # ... but with a day of its own in its paragraph it is an incident
    ("حصيلة الضحايا في سوريا خلال شهر آب 2019\nوفي 12 آب 2019 قتل 7 مدنيين في غارة على بلدة سرمين، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة، "
     "وأصيب 4 آخرون في الغارة ذاتها.", I, 4, "incident", "single_incident"),
    # ... nor with a day named in words in its clause, resolved or not (يوم الأحد الماضي، ليلة الأربعاء، في
    # اليوم التالي)
    ("حصيلة الضحايا في سوريا خلال شهر كانون الأول\nوارتكبت الطائرات الحربية، يوم الأحد الماضي، مجزرة في مدينة "
     "أريحا راح ضحيتها 12 مدنياً، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي.", K, 12,
     "incident", "single_incident"),
    ("حصيلة الضحايا في سوريا خلال شهر كانون الأول\nوكانت الغارات التركية على ريف كوباني ليلة الأربعاء قد أودت "
     "بحياة 9 مدنيين، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي.", K, 9, "incident",
     "single_incident"),
    ("حصيلة الضحايا في سوريا خلال شهر كانون الأول\nوفي اليوم التالي استهدفت المدفعية قرية العليمات متسببة بإصابة "
     "4 مواطنين، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي.", I, 4, "incident",
     "single_incident"),
    # ... but the day a report was issued is none of its lines' days
    ("حصيلة الضحايا في سوريا خلال شهر كانون الأول\nوقالت الشبكة في تقريرها الصادر اليوم السبت إن قوات النظام قتلت "
     "61 مدنياً في محافظة إدلب، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي.", K, 61,
     "aggregate", "line_of_tally_report"),
    # a tally of a few days (خلال اليومين الماضيين) is a short campaign: a town of its own makes one raid
    ("نفذت قوات النظام خلال اليومين الماضيين حملات دهم في ريف دمشق اعتقلت خلالها 54 شاباً.\nوداهمت دورية بلدة "
     "ببيلا واعتقلت منها 30 شاباً بهدف سوقهم إلى الخدمة الإلزامية.", D, 30, "incident", "single_incident"),
    ("قتل 40 مدنياً خلال الأيام الثلاثة الماضية في ريف إدلب الجنوبي.\nوقتل 7 مدنيين بغارة على بلدة كفرنبل، "
     "بحسب ما أفاد به الدفاع المدني.", K, 7, "incident", "single_incident"),
    ("أصيب 60 مدنياً خلال الساعات الماضية في ريف حلب الشمالي.\nوأصيب 11 مدنياً بقصف مدفعي على مدينة مارع، "
     "بحسب ما أفاد به مراسلنا.", I, 11, "incident", "single_incident"),
    # ... while under a month a town is where a line's victims fell
    ("اعتقلت قوات النظام خلال شهر آب 2020 نحو 160 شخصاً في ريف دمشق.\nواعتقلت 30 شاباً من بلدة ببيلا بهدف "
     "سوقهم إلى الخدمة الإلزامية.", D, 30, "aggregate", "line_of_tally_report"),
    # ... and a daily round-up (a bare tally or breakdown word) keeps its villages as incidents
    ("حصيلة جديدة للقصف على ريف إدلب\nقتل 3 مدنيين في قصف على بلدة كفرنبل، وتوزعت الحصيلة على عدة قرى، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\n"
     "وقتل رجل في قصف على قرية البارة، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K, 1, "incident", "single_incident"),
    # a lead that is a tally by its date (a month, a year, a since-date) makes the report a tally report
    ("وثقت الشبكة مقتل 230 مدنياً في محافظة إدلب في شهر آب 2019، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\nوقتلت قوات النظام 40 مدنياً في قصف على "
     "بلدة كفرنبل، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K, 40, "aggregate", "line_of_tally_report"),
    ("اعتقلت قوات النظام 150 شخصاً في محافظة درعا في عام 2019، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\nواعتقلت 35 شاباً من بلدة داعل، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", D, 35,
     "aggregate", "line_of_tally_report"),
    ("قتل 105 مدنيين في محافظة إدلب منذ 28 نيسان 2019، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\nوقتلت الغارات 14 مدنياً في مدينة خان شيخون، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K,
     14, "aggregate", "line_of_tally_report"),
    # a period named in the lead frames the report, though the headline has only a tally noun (حصيلة)
    ("حصيلة آب: مقتل 230 مدنياً في سوريا\n\nوثق الفريق في الفترة من 1 حتى 31 آب 2019 مقتل 230 مدنياً في "
     "سوريا، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\n\nقتلت القوات الروسية 40 مدنياً في غارات على بلدة كفرنبل، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K, 40, "aggregate",
     "line_of_tally_report"),
    ("الحصيلة النهائية: 75 معتقلاً\n\nسجل المكتب خلال شهر أيار 2020 اعتقال 75 شخصاً في محافظة درعا، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\n\n"
     "واعتقلت قوات النظام 30 شاباً من مدينة نوى، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", D, 30, "aggregate", "line_of_tally_report"),
    ("حصيلة جديدة: 64 قتيلاً في إدلب\n\nقتل 64 مدنياً في محافظة إدلب منذ 3 آذار 2020، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\n\nوقتلت الطائرات "
     "الروسية 22 مدنياً في مدينة أريحا، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K, 22, "aggregate", "line_of_tally_report"),
    # ... not a lead that is one incident of a day
    ("قتل 9 مدنيين في قصف على بلدة كفرنبل في 5 آب 2019، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\nوقتلت قوات النظام 4 مدنيين في قصف على بلدة "
     "حاس، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", K, 4, "incident", "single_incident"),
    # the day a report or statement was issued (التقرير الصادر أمس) is no incident's day: under a tally that
    # names a period the count stays a line of the tally
    ("حصيلة الضحايا خلال شهر آذار 2020\nوقالت الشبكة في تقريرها الصادر أمس الجمعة إن 27 طفلاً قتلوا في ريف "
     "إدلب، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية.",
     K, 27, "aggregate", "line_of_tally_report"),
    ("وثق المكتب مقتل 85 مدنياً خلال شهر نيسان 2020 في محافظة درعا، بحسب ما وثقه فريق الرصد الميداني الذي "
     "يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية في المنطقة.\nونشرت الشبكة في 3 أيار 2020 "
     "تقريراً قالت فيه إن 14 مدنياً قتلوا في مدينة نوى.", K, 14, "aggregate", "line_of_tally_report"),
    ("إحصائية الضحايا خلال شهر أيار 2021 في مناطق الإدارة الذاتية\nوأفادت الإحصائية المنشورة يوم 2 حزيران 2021 بأن خلايا "
     "تنظيم داعش قتلت 11 شخصاً في ريف دير الزور الشرقي، بحسب ما وثقه فريق الرصد الميداني في المنطقة.", K, 11,
     "aggregate", "line_of_tally_report"),
    # ... while a day the incident happened on keeps it an incident
    ("حصيلة الضحايا خلال شهر آذار 2020\nوفي 12 آذار 2020 قتل 6 مدنيين في قصف على بلدة سرمين، بحسب التقرير "
     "الذي وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي وذوي الضحايا والمصادر الطبية المحلية.", K, 6,
     "incident", "single_incident"),
    # a heading or lead line with no count of its own that names a period frames the counts after it
    ("الدفاع المدني يحصي ضحايا القصف\nأصدر الدفاع المدني اليوم إحصائية بأعداد الضحايا خلال شهر أيلول الماضي."
     "\nوبلغ عدد القتلى المدنيين 120 بينهم 30 طفلاً.", K, 120, "aggregate", "line_of_tally_report"),
    ("تقرير المرصد الأسبوعي\nرصد المرصد السوري الانتهاكات التي شهدتها محافظة درعا خلال الأسبوع الماضي.\n"
     "واعتقلت قوات النظام 18 شاباً من مدينة الصنمين.", D, 18, "aggregate", "line_of_tally_report"),
    ("حصاد الأسبوع في الشمال السوري\nتعرض ريف حلب الشمالي خلال الأسبوع الفائت لقصف مدفعي متواصل من مناطق "
     "سيطرة قسد.\nوأصيب 23 مدنياً بجروح متفاوتة، بحسب ما وثقه فريق الرصد الميداني الذي يعتمد على شهادات الأهالي "
     "وذوي الضحايا والمصادر الطبية المحلية في المنطقة.", I, 23, "aggregate", "line_of_tally_report"),
    # ... not a lead line that names no period, nor a period line after the first count
    ("غارات على ريف إدلب\nشنت الطائرات الحربية الروسية غارات على ريف إدلب الجنوبي.\nوقتل 8 مدنيين في بلدة "
     "كفرنبل.", K, 8, "incident", "single_incident"),
    ("غارات على ريف إدلب\nقتل 8 مدنيين في بلدة كفرنبل.\nوتتعرض المنطقة خلال الأسبوع الجاري لقصف متواصل.\n"
     "وأصيب 4 مدنيين في بلدة حاس.", I, 4, "incident", "single_incident"),
    # breadth_across_governorates: no day, places in three or more governorates in the count's segment
    ("وسجلت الشبكة مقتل 96 مدنياً في ريف دمشق ودير الزور وحمص ودرعا على يد جهات أخرى.", K, 96, "aggregate",
     "breadth_across_governorates"),
    ("وقالت الأمم المتحدة إن 116 مدنياً قتلوا في إدلب وحماة وحلب جراء الغارات الأخيرة.", K, 116, "aggregate",
     "breadth_across_governorates"),
    ("واعتقلت قوات النظام 44 شخصاً من مدن حمص وحماة وطرطوس بعد عودتهم من لبنان.", D, 44, "aggregate",
     "breadth_across_governorates"),
    # ... and so do two governorates (settings.SCOPE_BREADTH_MIN_GOVERNORATES)
    ("واعتقلت فصائل الجيش الوطني 44 مدنياً في مناطق متفرقة من عفرين وتل أبيض.", D, 44, "aggregate",
     "breadth_across_governorates"),
    ("قتل 80 مدنياً بغارات روسية على ريف إدلب وريف حلب الجنوبي.", K, 80, "aggregate",
     "breadth_across_governorates"),
    ("وأصيب 35 مدنياً بقصف مدفعي على قرى في ريف حماة الشمالي وريف إدلب الجنوبي.", I, 35, "aggregate",
     "breadth_across_governorates"),
    # ... but not with a day of its own, resolved or not (أمس، يوم الأحد)
    ("وقتل أمس 25 مدنياً في غارات على إدلب وريف حلب الغربي.", K, 25, "incident", "single_incident"),
    ("وأصيب يوم الأحد 12 مدنياً بقصف على ريف حماة وريف إدلب.", I, 12, "incident", "single_incident"),
    # ... not a count whose own segment names one town, nor villages of one governorate on one day
    ("وشهدت محافظات ريف دمشق ودرعا ودير الزور حملات دهم، أبرزها في مدينة التل اعتقلت خلالها قوات النظام 34 "
     "شخصاً.", D, 34, "incident", "single_incident"),
    ("قتل 9 مدنيين بغارات روسية على بلدات كفرنبل وحاس والبارة في ريف إدلب الجنوبي في 5 أيار 2019.", K, 9,
     "incident", "single_incident"),
    # a tally noun that names one incident's toll (its clause has a day or a village) is no tally
    ("وبلغت حصيلة ضحايا الغارة على سوق بلدة سرمين 11 قتيلاً.", K, 11, "incident", "single_incident"),
    ("وقال مدير الصحة إن حصيلة الشهداء جراء التفجير في حي الميدان بلغت 14 شهيداً.", K, 14, "incident",
     "single_incident"),
    ("وسجل إجمالي الجرحى في قرية الهبيط 9 جرحى في 3 أيار 2019.", I, 9, "incident", "single_incident"),
    # attacks in the plural are a tally noun of the same kind: a tally in general terms, not with a village or day
    ("قتلت الهجمات 12 مدنياً في محافظة إدلب.", K, 12, "aggregate", "period_or_tally_cue"),
    ("أسفرت هجمات القوات الروسية عن مقتل 30 مدنياً في ريف حماة.", K, 30, "aggregate", "period_or_tally_cue"),
    ("وأصيب 41 مدنياً جراء هجمات القوات الروسية على ريف إدلب.", I, 41, "aggregate", "period_or_tally_cue"),
    ("واعتقلت قوات النظام 25 شخصاً خلال هجمات على ريف درعا الغربي.", D, 25, "aggregate", "period_or_tally_cue"),
    # ... and as the clause's trigger (a tally trigger, like مجازر) with no date
    ("وقالت المنظمة إن تلك الهجمات أدت إلى إصابة 41 مدنياً.", I, 41, "aggregate", "event_tally_structure"),
    ("قتل 4 مدنيين في هجمات على بلدة بنش.", K, 4, "incident", "single_incident"),
    ("قتل 4 مدنيين في هجمات على مدينة حلب في 3 أيار 2019.", K, 4, "incident", "single_incident"),
    # ... while in general terms it is
    ("وبلغت حصيلة ضحايا القصف في محافظة إدلب 230 قتيلاً.", K, 230, "aggregate", "period_or_tally_cue"),
    # a provisional toll is one incident's
    ("قتل 5 مدنيين كحصيلة أولية بانفجار سيارة مفخخة.", K, 5, "incident", "single_incident"),
    ("وأصيب 23 آخرون في حصيلة غير نهائية جراء الغارات.", I, 23, "incident", "single_incident"),
    ("وأسفر الانفجار عن مقتل 8 مدنيين في حصيلة مبدئية، بحسب الدفاع المدني.", K, 8, "incident",
     "single_incident"),
    # a toll noun after the count names a toll to come or another's, not the count's
    ("وقال المرصد إن 80 شخصاً أصيبوا في قصف على أحياء مدينة حلب، وإن حصيلة القتلى قد ترتفع.", I, 80, "incident",
     "single_incident"),
    ("ووثق المرصد مقتل 41 مدنياً في الغارات على سوق مدينة أريحا، في حين تعتمد الوكالة حصيلة الدفاع المدني.", K,
     41, "incident", "single_incident"),
    ("وقالت المنظمة إن الهجوم قتل 28 شخصاً، بينهم 22 طفلاً، في حصيلة لم تشمل من توفوا لاحقاً.", K, 28,
     "incident", "single_incident"),
    # ... while before the count it is the count's (bare, in general terms)
    ("وبلغت حصيلة ضحايا القصف في محافظة حماة 140 قتيلاً.", K, 140, "aggregate", "period_or_tally_cue"),
    # the month of a day named in two calendars is no period either (من آب/ أغسطس الماضي)
    ("وفي الحادي والعشرين من آب/ أغسطس الماضي قتل 5 عناصر في هجوم على نقطة عسكرية في بادية الميادين.", K, 5,
     "incident", "single_incident"),
    ("وفي الثالث من كانون الثاني/ يناير الماضي أصيب 7 مدنيين بانفجار لغم في ريف منبج.", I, 7, "incident",
     "single_incident"),
    ("واعتقلت دورية في العاشر من أيلول/ سبتمبر الجاري 4 شبان من بلدة الكرك الشرقي.", D, 4, "incident",
     "single_incident"),
    ("وقتل خلال آب/ أغسطس الماضي 61 مدنياً في محافظة إدلب.", K, 61, "aggregate", "period_or_tally_cue"),
    # ... but a day that ends a range of days (وحتى الثالث والعشرين من تشرين الثاني) leaves the month a period
    ("وأحصت الوكالة من تاريخ العشرين وحتى الثالث والعشرين من تشرين الثاني/ نوفمبر الجاري مقتل 13 مدنياً.", K, 13,
     "aggregate", "period_or_tally_cue"),
    ("واعتقلت قوات النظام منذ الأول ولغاية العاشر من أيلول الجاري 52 شخصاً في ريف درعا.", D, 52, "aggregate",
     "period_or_tally_cue"),
    ("وأصيب في الفترة الممتدة من الخامس حتى الثاني عشر من آذار الماضي 66 مدنياً في ريف حلب.", I, 66, "aggregate",
     "period_or_tally_cue"),
    # the month of a day is no period
    ("وفي الخامس والعشرين من الشهر الماضي قتلت امرأة وأصيب 3 آخرون بسقوط قذيفة.", I, 3, "incident",
     "single_incident"),
    ("داهمت دورية للأمن العسكري في السابع من أيلول الجاري منازل واعتقلت 5 شبان.", D, 5, "incident",
     "single_incident"),
    ("وفي العاشر من كانون الثاني الماضي قتل 4 مدنيين بقصف مدفعي.", K, 4, "incident", "single_incident"),
    # ... while the month itself is
    ("وقتل خلال أيلول الجاري 61 مدنياً في محافظة إدلب.", K, 61, "aggregate", "period_or_tally_cue"),
    # single_incident (negatives of the tally rules: a day, a village, no period)
    ("قتل 7 مدنيين، بينهم 3 أطفال، جراء غارات روسية على مدينة معرة النعمان اليوم.", K, 7, "incident",
     "single_incident"),
    ("قُتل شاب برصاص مسلحين مجهولين في حي الوعر بمدينة حمص في 10 تشرين الأول 2018.", K, 1, "incident",
     "single_incident"),
    ("أصيب 4 أطفال بانفجار لغم في قرية الغارية الشرقية بريف درعا في 3 آذار 2020.", I, 4, "incident",
     "single_incident"),
    ("اعتقلت قوات النظام 12 شخصاً من بلدة داعل في ريف درعا في شهر أيار 2019.", D, 12, "incident",
     "single_incident"),
    ("قتل 6 مدنيين في غارة على بلدة كنصفرة مطلع الأسبوع، بحسب الدفاع المدني.", K, 6, "incident",
     "single_incident"),
    # distributed_over_reported_places: a count spread over places, one of which has a count of its own
    ("وفي ريف حماة بلغ عدد القتلى 9 مدنيين، توزعوا على قرى كفرزيتا واللطامنة ومورك.\nوفي بلدة اللطامنة "
     "قتل 4 مدنيين بغارة جوية.", K, 9, "aggregate", "distributed_over_reported_places"),
    ("وأصيب 15 شخصاً موزعين على بلدات حاس وكفرنبل ومعرة حرمة جراء القصف المدفعي.\nوفي بلدة حاس أصيب 6 أطفال "
     "بقذيفة سقطت قرب مدرستهم.", I, 15, "aggregate", "distributed_over_reported_places"),
    ("اعتقلت الدوريات 20 شاباً، توزعوا بين مدن دوما وحرستا وعربين.\nوفي مدينة حرستا اعتقل 7 شبان على حاجز "
     "المشفى.", D, 20, "aggregate", "distributed_over_reported_places"),
    # split_over_named_places: a count naming several towns, later split into counts in two of them
    ("داهمت أجهزة الأمن بلدات حرستا وعربين وزملكا واعتقلت 12 شاباً.\nوفي مدينة حرستا اعتقلت "
     "دورية 7 شبان من السوق.\nوفي بلدة عربين اعتقل 5 شبان على حاجز.", D, 12, "aggregate", "split_over_named_places"),
    ("قتل 9 مدنيين بغارات على قريتي كنصفرة والبارة في جبل الزاوية.\nففي قرية كنصفرة قتلت امرأة وأطفالها "
     "الأربعة.\nوفي قرية البارة قتل 4 مدنيين بصاروخ.", K, 9, "aggregate", "split_over_named_places"),
    ("أصيب 20 شخصاً بقذائف على حيي الشعار والميدان في مدينة حلب.\nوقالت الشرطة إن قذيفة على حي الميدان "
     "أصابت 12 شخصاً.\nوفي حي الشعار أصيب 8 أشخاص.", I, 20, "aggregate", "split_over_named_places"),
    # day_total_over_incidents: a count that sums one day, beside a smaller count of its outcome
    ("مقتل 5 أطفال بقصف لقوات النظام خلال يوم واحد في ريف إدلب\nقتل ثلاثة أطفال بقصف مدفعي على قرية معرزيتا صباح "
     "اليوم، وقتل طفلان آخران بغارة على بلدة حاس.", K, 5, "aggregate", "day_total_over_incidents"),
    ("أصيب 4 مدنيين بقصف على بلدة سرمين، ليرتفع عدد الجرحى إلى 11 خلال 24 ساعة في أرياف إدلب.", I, 11,
     "aggregate", "day_total_over_incidents"),
    ("ذكر المرصد أن 6 أشخاص قتلوا في أنحاء محافظة حماة خلال الـ “24” ساعة الماضية.\n"
     "وقتل رجل بإطلاق نار في مدينة السلمية.", K, 6, "aggregate", "day_total_over_incidents"),
    ("اعتقلت قوات النظام 9 شبان في يوم واحد من بلدات ريف درعا، بينهم 4 من بلدة داعل.\nوفي بلدة نوى اعتقلت دورية "
     "شابين.", D, 9, "aggregate", "day_total_over_incidents"),
    # ... a tally noun of one day (حصيلة اليوم، الحصيلة ليوم الخميس، حصيلة يوم أمس), the count up to 60 characters on
    ("وكانت الحصيلة ليوم الخميس في مدينة حلب، مقتل رجل وإصابة 7 مدنيين.\nوأصيب 3 أشخاص بقذيفة على حي الميدان، و4 "
     "في حي الشعار.", I, 7, "aggregate", "day_total_over_incidents"),
    ("وأوضح المسعفون أن حصيلة اليوم في مدينة سراقب 9 قتلى من المدنيين.\nوقتل 5 مدنيين بغارة على حي الصناعة، و4 "
     "بقصف على السوق.", K, 9, "aggregate", "day_total_over_incidents"),
    ("وبلغت حصيلة يوم أمس في مدينة درعا اعتقال 6 شبان.\nواعتقلت دورية شابين من حي المنشية.", D, 6, "aggregate",
     "day_total_over_incidents"),
]


@pytest.mark.parametrize("text,outcome,count,scope,rule", SCOPE)
def test_scope_of_a_count(text, outcome, count, scope, rule):
    c = find(report(text), outcome, count)
    assert (c["scope"], c["why"]["scope"]["rule"]) == (scope, rule)


@pytest.mark.parametrize("text,outcome,count,group", [
    # a count right after its outcome verb with no noun of its own is a count of people (after a clause break
    # of the sentence of a count of civilians, of their group: guide 1.6)
    ("قتل 5 مدنيين في قصف على بلدة تلمنس، فيما قضى 17 على يد جهات أخرى.", K, 17, "civilians"),
    ("وأصيب 25 بينهم 3 نساء و6 أطفال في القصف على مدينة أريحا.", I, 25, "persons"),
    ("واعتقل 12 على يد قوات النظام في ريف دمشق خلال الشهر.", D, 12, "persons"),
    # a list line with its own breakdown
    ("وتوزع الضحايا على الشكل التالي:\n– 413 بينهم 35 طفلاً و76 امرأة بجرائم قتل\n– 256 بينهم 81 طفلاً "
     "بمخلفات حرب", K, 256, "persons"),
])
def test_a_count_with_no_noun_of_its_own(text, outcome, count, group):
    c = find(report(text), outcome, count)
    assert c["group"] == group


@pytest.mark.parametrize("text", [
    # negatives: a year or an age right after a verb is not a count
    "قتل في عام 2019 نحو خمسة مدنيين بقصف على بلدة تلمنس.",
    "قضى 3 أعوام في المعتقل قبل الإفراج عنه.",
])
def test_no_noun_negatives(text):
    assert all(c["count"] not in (2019, 3) for c in casualties(report(text)))


@pytest.mark.parametrize("text,total,part", [
    ("وثقت الشبكة مقتل 1204 مدنياً في سوريا خلال شهر آب 2019، بينهم 300 طفل.", 1204, 300),
    ("قتل 7 مدنيين، بينهم 3 أطفال، جراء غارات روسية على مدينة معرة النعمان اليوم.", 7, 3),
    ("اعتقلت قوات النظام 56 شخصاً في ريف دمشق خلال الشهر الماضي، بينهم طفل و3 سيدات.", 56, 3),
])
def test_a_breakdown_points_to_its_total_and_takes_its_scope(text, total, part):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == part][0]
    assert p["part_of"] == t["id"] and p["scope"] == t["scope"]
    assert p["why"]["scope"]["rule"] == "breakdown_takes_total"


AMONG = [
    # among_earlier_total: a count next to an among-cue of its outcome is a part of the earlier total
    ("قال المرصد إن 19 شخصاً على الأقل قتلوا في قصف على حي الحمدانية بمدينة حلب. وأضاف أن هناك 4 أطفال من بين "
     "القتلى.", 19, 4),
    ("أعلنت مديرية الصحة ارتفاع عدد ضحايا الغارات على مدينة أريحا إلى 20 قتيلاً. وأوضح مصدر طبي أن سبعة أطفال من "
     "بين الضحايا، وأن عدداً من الجرحى في حالة حرجة.", 20, 7),
    ("اعتقلت قوات سوريا الديمقراطية 35 شاباً في حملة دهم على بلدة الشحيل. وبين المعتقلين 6 أطفال لم تتجاوز "
     "أعمارهم 16 عاماً.", 35, 6),
    ("أصيب 40 مدنياً بانفجار سيارة مفخخة في سوق مدينة الباب، وقالت مصادر طبية إن 12 طفلاً من بين المصابين.", 40,
     12),
]


@pytest.mark.parametrize("text,total,part", AMONG)
def test_a_count_among_an_earlier_total_is_its_part(text, total, part):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == part][0]
    assert p["part_of"] == t["id"] and p["why"]["part_of"]["rule"] == "among_earlier_total"
    assert rep["tolls"][t["outcome"]] == (total if t["scope"] == "incident" else 0)


@pytest.mark.parametrize("text,count", [
    # an among-cue of another outcome, or an earlier count smaller than the part, links nothing
    ("قتل 3 مدنيين في قصف على بلدة كفرنبل، وأصيب 8 أطفال من بين القتلى والجرحى في البلدة ذاتها.", 8),
    ("قتل شاب في قصف على بلدة حاس. وقال ناشطون إن 5 أطفال من بين القتلى في البلدات المجاورة.", 5),
])
def test_no_among_link(text, count):
    c = [c for c in casualties(report(text)) if c["count"] == count][0]
    assert c["part_of"] is None


# among_list_goes_on: the items joined by و after an among part are parts of the same total while they fit in it
@pytest.mark.parametrize("text,total,item,linked", [
    ("قتل 25 شخصاً بغارة على سوق بلدة عربين. وذكرت الهيئة أن من بين الضحايا (3) أطفال، و(4) نساء، فضلاً عن سقوط "
     "عشرات الجرحى.", 25, 4, True),
    ("اعتقلت الدوريات 40 شخصاً في مدينة الرقة، وبين المعتقلين 6 أطفال و5 نساء.", 40, 5, True),
    ("أصيب 30 مدنياً بانفجار في مدينة الباب، وبين الجرحى 8 أطفال، و3 نساء، وحالة بعضهم حرجة.", 30, 3, True),
    # ... not past the total, nor after a verb of its own
    ("قتل 5 مدنيين في قصف على بلدة حاس. ومن بين القتلى 3 أطفال و4 نساء.", 5, 4, False),
    ("قتل 20 شخصاً بقصف على سوق مدينة أريحا، ومن بين القتلى 5 أطفال، وقتل 3 نساء في قصف على قرية أورم.", 20, 3,
     False),
])
def test_an_among_list_goes_on(text, total, item, linked):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == item][0]
    assert (p["part_of"] == t["id"]) is linked, (p["part_of"], p["why"].get("part_of"))
    if linked:
        assert p["why"]["part_of"]["rule"] == "among_list_goes_on"


# breakdown_list_goes_on: a count joined by و alone after the last part of a breakdown is a part of the same total
# (the casualties stage leaves such a list unlinked when a long clause stands between the total and بينهم)
@pytest.mark.parametrize("text,total,item,group,linked", [
    ("أفاد المرصد بمقتل 11 شخصاً في القصف الذي شنته الطائرات الحربية على قرية معرة حرمة جنوب إدلب، وجميعهم من "
     "أسرة واحدة، بينهم 3 نساء وطفل.", 11, 1, "children", True),
    ("وثّق المكتب مقتل 13 شخصاً في الهجوم الذي شنّه مسلحون مجهولون على حافلة قرب مدينة الصنمين، وجميعهم من أبناء "
     "بلدة واحدة، بينهم 4 نساء وطفل.", 13, 1, "children", True),
    ("أعلنت الشبكة اعتقال 7 أشخاص في الحملة التي نفذتها قوات النظام على بلدة الحارة شمال درعا، وجميعهم من عائلة "
     "واحدة، بينهم 5 شبان ورجل.", 7, 1, "men", True),
    # ... not past the total, nor a count of another outcome
    ("أفاد المرصد بمقتل 4 أشخاص في القصف الذي شنته الطائرات الحربية على قرية معرة حرمة جنوب إدلب، وجميعهم من "
     "أسرة واحدة، بينهم 3 نساء وطفلان.", 4, 2, "children", False),
    ("أفاد المرصد بمقتل 11 شخصاً في القصف الذي شنته الطائرات الحربية على قرية معرة حرمة جنوب إدلب، وجميعهم من "
     "أسرة واحدة، بينهم 3 نساء، وأصيب طفل.", 11, 1, "children", False),
])
def test_a_breakdown_list_goes_on(text, total, item, group, linked):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == item and c["group"] == group][0]
    assert (p["part_of"] == t["id"]) is linked, (p["part_of"], p["why"].get("part_of"), casualties(rep))
    if linked:
        assert p["why"]["part_of"]["rule"] == "breakdown_list_goes_on"
        assert sum(tolls(rep)) == total


# member_of_enumeration: a count joined by و in the list of the people a count names (هم، وهم) is a part of it
@pytest.mark.parametrize("text,total,item,linked", [
    ("أصيب 7 مدنيين من عائلة واحدة هم أم وشقيقها وزوجها وأربعة من أطفالها.", 7, 4, True),
    ("قتل 8 مدنيين في القصف على بلدة معرشورين، وهم رجل وزوجته وستة أطفال.", 8, 6, True),
    ("وأسفرت الغارة عن مقتل 5 أشخاص هم امرأة ومسن وثلاثة أطفال من عائلة واحدة.", 5, 3, True),
    ("اعتقلت الدورية 5 شبان من حي الصاخور، وهم طالبان جامعيان وثلاثة عمال.", 5, 3, True),
    # ... not a count of another outcome, nor one after a verb of its own
    ("قتل 4 مدنيين هم من أبناء القرية، وأصيب ثلاثة أطفال بجروح.", 4, 3, False),
    ("قتل 4 مدنيين هم من أبناء القرية، وقتل ثلاثة أطفال في بلدة أخرى.", 4, 3, False),
])
def test_a_member_of_an_enumeration(text, total, item, linked):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == item][0]
    assert (p["part_of"] == t["id"]) is linked, (p["part_of"], p["why"].get("part_of"))
    if linked:
        assert p["why"]["part_of"]["rule"] == "member_of_enumeration"
        assert sum(tolls(rep)) == total


# among_them_after_total / among_later_total: breakdowns the casualties stage leaves unlinked
@pytest.mark.parametrize("text,total,part,rule", [
    ("جرح القصف 6 مدنيين من أسرة واحدة هم أب وزوجته وأربعة من أبنائهما من بينهم رضيع، وحالة بعضهم خطرة.",
     6, 1, "among_them_after_total"),
    ("قتل 8 مدنيين في الغارة على قرية الهبيط هم امرأة وسبعة من أبنائها من بينهم رضيع.", 8, 1,
     "among_them_after_total"),
    ("وأسفر القصف عن إصابة 5 أشخاص هم رجل وزوجته وثلاثة من أولادهما بينهم طفلة، نقلوا إلى مشفى المدينة.", 5, 1,
     "among_them_after_total"),
    ("وأصيبت طفلتان على الأقل من بين عشرات المصابين في الهجوم على مدينة جرابلس.", None, 2,
     "among_later_total"),
    ("قتل 3 أطفال من بين 11 قتيلاً سقطوا في الغارة على سوق بلدة سرمين.", 11, 3, "among_later_total"),
    ("وأكد المصدر اعتقال 4 نساء من أصل 25 شخصاً اعتقلتهم الدوريات في مدينة الرقة.", 25, 4, "among_later_total"),
])
def test_breakdowns_left_unlinked_are_linked(text, total, part, rule):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == part and c["id"] != t["id"]][0]
    assert p["part_of"] == t["id"] and p["why"]["part_of"]["rule"] == rule, (p["part_of"], p["why"])


@pytest.mark.parametrize("text,count", [
    # negatives: a breakdown pronoun of another outcome's count, an among-word before a count of another outcome
    ("قتل طفل وأصيب 5 مدنيين بينهم امرأتان في قصف على بلدة كفرنبل.", 1),
    ("قتل 4 مدنيين من بين سكان الحي، وأصيب 20 آخرون في القصف على مدينة أريحا.", 4),
])
def test_no_unlinked_breakdown_link(text, count):
    c = [c for c in casualties(report(text)) if c["count"] == count][0]
    assert c["part_of"] is None, c["why"]


# parts_fill_the_total: bare numbers after a part, joined by و, that fill the total exactly are parts too
@pytest.mark.parametrize("text,total,item,linked", [
    ("ارتفع عدد قتلى غارات اليوم إلى 22 شخصاً، بينهم 13 شخصاً في قرية سرمان، و4 في بلدة التمانعة، و5 في قرية "
     "أم جلال.", 22, 5, True),
    ("اعتقلت قوات النظام 30 شاباً، بينهم 18 شاباً من مدينة نوى، و12 من بلدة الشيخ مسكين.", 30, 12, True),
    ("أصيب 15 مدنياً، بينهم 9 مدنيين في حي الشعار، و6 في حي الفردوس.", 15, 6, True),
    # ... not when they add to more than the total: another incident's count
    ("قتل 5 مدنيين، بينهم طفلان في بلدة سرمين، و4 في بلدة بنش.", 5, 4, False),
])
def test_bare_items_that_fill_a_total_are_its_parts(text, total, item, linked):
    cs = casualties(report(text))
    t = [c for c in cs if c["count"] == total][0]
    p = [c for c in cs if c["count"] == item][0]
    assert (p["part_of"] == t["id"]) is linked
    if linked:
        assert p["why"]["part_of"]["rule"] == "parts_fill_the_total"


@pytest.mark.parametrize("text,share,total", [
    ("وثقت الشبكة مقتل 312 مدنياً خلال شهر تموز، قتلت قوات النظام منهم 198 مدنياً.", 198, 312),
    ("سجل التقرير 97 حالة اعتقال في آب، نفذت قوات النظام منها 61 حالة.", 61, 97),
])
def test_a_share_with_its_own_agent_is_a_part_of_the_total(text, share, total):
    rep = report(text)
    s = [c for c in casualties(rep) if c["count"] == share][0]
    t = [c for c in casualties(rep) if c["count"] == total][0]
    assert s["part_of"] == t["id"]


@pytest.mark.parametrize("text,count", [
    # additive: not a part of the total before it
    ("قتل 5 مدنيين، بينهم 3 أطفال، إضافة إلى 4 أطفال آخرين في قصف على بلدة بنش.", 4),
    ("قتل 10 مدنيين و4 عناصر من الدفاع المدني في قصف على مدينة أريحا.", 4),
    ("قتل 12 مدنياً بينهم 4 أطفال إضافة إلى 3 أطفال في قصف على بلدة بنش.", 3),
])
def test_an_additive_count_is_not_a_breakdown(text, count):
    c = [c for c in casualties(report(text)) if c["count"] == count][0]
    assert c["part_of"] is None


# total_of_reported_incidents: a count is never the total of later counts whose first adds "others" to it
# (save a lead count and others of another outcome, below)
@pytest.mark.parametrize("text,outcome,count,scope,rule", [
    ("قتلت طائرات روسية 9 أشخاص في قصف على سوق بلدة بليون، في حين قتل أربعة آخرون في غارة على قرية البارة. "
     "وقتل خمسة آخرون في قصف على قرية أبديتا.", K, 9, "incident", "single_incident"),
    ("أصيب 6 مدنيين بانفجار لغم قرب بلدة تل تمر. كما أصيب 2 آخران بانفجار ثان، وأصيب 4 آخرون بقصف على قرية "
     "الدردارة.", I, 6, "incident", "single_incident"),
    ("اعتقلت دورية للأمن العسكري 10 شبان من بلدة داعل، واعتقلت 4 آخرين من بلدة طفس، و6 آخرين من بلدة "
     "المزيريب.", D, 10, "incident", "single_incident"),
    # ... nor of later counts whose first opens its sentence with an additive word (additive_openers)
    ("ألقت المروحيات براميل على قرية مرعيان، فقتل مدنيان اثنان.\nكذلك، قتل رجل بقصف على مدينة "
     "بنش، كما قتلت امرأة بقصف مماثل على قرية تفتناز.", K, 2, "incident", "single_incident"),
    ("أصيب 5 مدنيين بقصف مدفعي على بلدة كفرنبل. وإلى ذلك، أصيب طفلان بانفجار لغم في قرية حاس، وأصيب 3 رجال في "
     "قرية معرة حرمة.", I, 5, "incident", "single_incident"),
    ("اعتقلت قوات النظام 7 شبان في مدينة جاسم. كما اعتقلت 3 شبان من بلدة نمر، و4 من بلدة الحارة.", D, 7,
     "incident", "single_incident"),
    # ... unless the others-word is that of a nearer count in its own sentence (others_of_nearer_count):
    # the later counts still add up to the total
    ("أصيب 11 مدنياً بقصف مدفعي على ريف إدلب الجنوبي. ففي بلدة كفرنبل قتل رجل وأصيب 3 آخرون، وفي بلدة حاس "
     "أصيب 8 مدنيين.", I, 11, "aggregate", "total_of_reported_incidents"),
    ("قتل 6 مدنيين بغارات روسية على ريف إدلب. ففي قرية البارة أصيب طفل وقتل 4 آخرون، وفي بلدة بنش قتل "
     "رجلان.", K, 6, "aggregate", "total_of_reported_incidents"),
    ("أصيب 9 مدنيين بقذائف مدفعية على أطراف الحسكة.\nوفي قرية تل طويل قضت امرأة وجرح اثنان آخران بالقذائف.\n"
     "وأصيب 7 مزارعين بقصف على قرية الدردارة.", I, 9, "aggregate", "total_of_reported_incidents"),
    # ... negative: no count between the total and the others-count in its sentence
    ("أصيب 5 مدنيين بقصف على بلدة كفرنبل. وأصيب 2 آخران في قرية حاس، و3 في قرية البارة.", I, 5, "incident",
     "single_incident"),
    # ... nor of later counts none of which is in a town the count's own clause names (parts_elsewhere)
    ("أصيب 4 مدنيين بقصف على بلدة كفرنبل. وفي بلدة حاس أصيب 3 مدنيين، وفي قرية البارة أصيب مدني.", I, 4,
     "incident", "single_incident"),
    ("قتل 5 أشخاص بغارة على مدينة سراقب. وقتل 3 أشخاص في بلدة بنش، وقتل شخصان في مدينة أريحا.", K, 5,
     "incident", "single_incident"),
    ("اعتقلت الدورية 6 شبان من بلدة داعل. واعتقلت 4 شبان من مدينة نوى، وشابين من بلدة طفس.", D, 6, "incident",
     "single_incident"),
    # ... negative: one of them in its town
    ("قتل 5 مدنيين بغارات على بلدة حاس ومحيطها. ففي بلدة حاس قتل 3 مدنيين، وفي قرية البارة قتل مدنيان.", K, 5,
     "aggregate", "total_of_reported_incidents"),
    # ... while parts with no others-word still make it a total
    ("قتل 9 مدنيين في غارات على بلدتين. ففي بلدة كفرنبل قتل 5 مدنيين، وفي بلدة حاس قتل 4 مدنيين.", K, 9,
     "aggregate", "total_of_reported_incidents"),
    # ... and a lead count totals body counts whose first has others of another outcome of its sentence (the
    # injured beside the killed), which add to no earlier count of theirs
    ("قصف على ريف منبج\nقتل طفل وأصيب 6 أشخاص بقصف مدفعي على ريف منبج مساء أمس.\nففي قرية العريمة قتل طفل "
     "وأصيب طفلان آخران، وفي قرية التوخار أصيب 4 عمال.", I, 6, "aggregate", "total_of_reported_incidents"),
    ("غارات على ريف إدلب\nأصيب 7 مدنيين بغارات على بلدتي حاس وكفرنبل اليوم.\nوفي حاس قتلت امرأة وأصيب ثلاثة "
     "آخرون، فيما أصيب 4 أطفال في كفرنبل.", I, 7, "aggregate", "total_of_reported_incidents"),
    ("قصف على ريف حلب الغربي\nجرح 8 أشخاص بقصف صاروخي على ريف حلب الغربي ظهر اليوم.\nوفي مدينة الأتارب قتل شاب "
     "وجرح خمسة آخرون، وفي بلدة دارة عزة جرح 3 مدنيين.", I, 8, "aggregate", "total_of_reported_incidents"),
    # negative: a body count beside its killed is its incident's own, not a total of the next ones
    ("قصف على درعا\nشنت الطائرات غارات على مدينة درعا وريفها اليوم.\nوقتل رجل وأصيب 5 آخرون بقصف على حي الكاشف."
     "\nوفي بلدة طفس قتلت امرأة وأصيب 4 آخرون، كما أصيب رجل في بلدة المزيريب.", I, 5, "incident",
     "single_incident"),
])
def test_a_count_followed_by_others_is_no_total(text, outcome, count, scope, rule):
    c = find(report(text), outcome, count)
    assert (c["scope"], c["why"]["scope"]["rule"]) == (scope, rule)


def test_a_list_of_parts_goes_on_after_a_joiner():
    rep = report("قتل 12 مدنياً بينهم 4 أطفال إضافة إلى سيدتين في قصف على بلدة بنش.")
    women = [c for c in casualties(rep) if c["group"] == "women"][0]
    assert women["part_of"] is not None


# a tally headline (a period or tally cue of its own) restating a body count makes it the tally's figure;
# a headline with no period leaves the body count to its own rules
HEADLINE_FRAMES = [
    # with a day of its own the body count is not a line of the tally, the restated headline frames it
    ("30 قتيلاً حصيلة أسبوع من القصف على ريف إدلب\nوصل عدد القتلى جراء القصف على مدينة أريحا في 5 أيار 2019 "
     "إلى 30 قتيلاً" "، في وقت تواصل فيه فرق الدفاع المدني انتشال الضحايا من تحت الأنقاض وإسعاف الجرحى إلى المشافي الميدانية القريبة، وسط مخاوف من ارتفاع الأعداد خلال الساعات المقبلة.", K, 30, "aggregate", "tally_headline_restated"),
    ("حصيلة شهر من الغارات: 45 جريحاً في مدينة دوما\nأصيب 45 مدنياً بجروح متفاوتة في مدينة دوما يوم 3 آذار "
     "2018" "، في وقت تواصل فيه فرق الدفاع المدني انتشال الضحايا من تحت الأنقاض وإسعاف الجرحى إلى المشافي الميدانية القريبة، وسط مخاوف من ارتفاع الأعداد خلال الساعات المقبلة.", I, 45, "aggregate", "tally_headline_restated"),
    ("اعتقال 12 شاباً خلال أسبوع في مدينة داريا\nاعتقلت قوات النظام في 9 حزيران 2019 12 شاباً في مدينة داريا "
     "بريف دمشق" "، في وقت تواصل فيه فرق الدفاع المدني انتشال الضحايا من تحت الأنقاض وإسعاف الجرحى إلى المشافي الميدانية القريبة، وسط مخاوف من ارتفاع الأعداد خلال الساعات المقبلة.", D, 12, "aggregate", "tally_headline_restated"),
    # with no day, the body count is a line of the tally the headline names
    ("30 قتيلاً حصيلة أسبوع من القصف على ريف إدلب\nوصل عدد القتلى جراء القصف على مدينة أريحا إلى 30 قتيلاً"
     "، في وقت تواصل فيه فرق الدفاع المدني انتشال الضحايا من تحت الأنقاض وإسعاف الجرحى إلى المشافي الميدانية القريبة، وسط مخاوف من ارتفاع الأعداد خلال الساعات المقبلة.", K, 30, "aggregate", "line_of_tally_report"),
    ("حصيلة شهر من الغارات: 45 جريحاً في مدينة دوما\nأصيب 45 مدنياً بجروح متفاوتة في مدينة دوما"
     "، في وقت تواصل فيه فرق الدفاع المدني انتشال الضحايا من تحت الأنقاض وإسعاف الجرحى إلى المشافي الميدانية القريبة، وسط مخاوف من ارتفاع الأعداد خلال الساعات المقبلة.", I, 45, "aggregate", "line_of_tally_report"),
    ("اعتقال 12 شاباً خلال أسبوع في مدينة داريا\nاعتقلت قوات النظام 12 شاباً في مدينة داريا بريف دمشق"
     "، في وقت تواصل فيه فرق الدفاع المدني انتشال الضحايا من تحت الأنقاض وإسعاف الجرحى إلى المشافي الميدانية القريبة، وسط مخاوف من ارتفاع الأعداد خلال الساعات المقبلة.", D, 12, "aggregate", "line_of_tally_report"),
    ("مقتل 30 مدنياً بقصف على مدينة أريحا\nوصل عدد القتلى جراء القصف على مدينة أريحا إلى 30 قتيلاً"
     "، في وقت تواصل فيه فرق الدفاع المدني انتشال الضحايا من تحت الأنقاض وإسعاف الجرحى إلى المشافي الميدانية القريبة، وسط مخاوف من ارتفاع الأعداد خلال الساعات المقبلة.", K, 30, "incident", "single_incident"),
]


@pytest.mark.parametrize("text,outcome,count,scope,rule", HEADLINE_FRAMES)
def test_a_tally_headline_frames_the_body_count_it_restates(text, outcome, count, scope, rule):
    body = [c for c in casualties(report(text)) if c["outcome"] == outcome and c["count"] == count][-1]
    assert (body["scope"], body["why"]["scope"]["rule"]) == (scope, rule)


# paired_with_total: a count of another outcome joined right after a total of the incidents the report
# lists separately totals the same incidents; a count in its own clause does not
PAIRED = [
    # (two towns of one governorate: in two governorates the 50 would be a toll across them, breadth rule)
    ("ارتفعت حصيلة التفجيرين في مدينتي جبلة والقرداحة إلى 20 قتيلاً وأكثر من 50 جريحاً. ففي جبلة قتل 12 شخصاً "
     "وأصيب 30 آخرون، وفي القرداحة قتل 8 أشخاص وأصيب 15 آخرون.", I, 50, "aggregate", "paired_with_total"),
    ("قتل 9 مدنيين وأصيب 17 آخرون في غارات على بلدتين. ففي بلدة كفرنبل قتل 5 مدنيين وأصيب 10، وفي بلدة "
     "حاس قتل 4 مدنيين وأصيب 5.", I, 17, "aggregate", "paired_with_total"),
    ("بلغ عدد ضحايا القصف على القريتين 7 قتلى و12 جريحاً، إذ قتل 3 أشخاص في قرية البارة، و4 في قرية "
     "كنصفرة.", I, 12, "aggregate", "paired_with_total"),
    ("قتل 9 مدنيين في غارات على بلدتين. ففي بلدة كفرنبل قتل 5 مدنيين، وفي بلدة حاس قتل 4 مدنيين. وفي "
     "حادثة منفصلة أصيب 17 شخصاً بانفجار لغم في قرية التح.", I, 17, "incident", "single_incident"),
]


@pytest.mark.parametrize("text,outcome,count,scope,rule", PAIRED)
def test_a_count_joined_to_a_total_of_incidents_totals_them_too(text, outcome, count, scope, rule):
    c = find(report(text), outcome, count)
    assert (c["scope"], c["why"]["scope"]["rule"]) == (scope, rule)


# a lead with no count of its own: the first count, in the next paragraph, plays the lead when its cue
# names a period (النصف الأول من العام، منذ انطلاقة الثورة); an open period (حتى الآن) does not frame a report
LEAD_WITHOUT_COUNT = [
    ("وثقت الشبكة السورية لحقوق الإنسان في تقريرها الصادر اليوم أعداد الضحايا المدنيين الذين قتلوا على يد أطراف النزاع المختلفة في سوريا، وطالبت مجلس الأمن بالتحرك العاجل لحماية المدنيين ووقف الهجمات.\nوقالت الشبكة إنها وثقت مقتل 1864 مدنياً في النصف الأول من العام الجاري.\nوقتلت القوات الروسية 149 "
     "مدنياً، فيما قتلت قوات سوريا الديمقراطية 25 مدنياً.", K, 149, "aggregate", "line_of_tally_report"),
    ("وثقت الشبكة السورية لحقوق الإنسان في تقريرها الصادر اليوم أعداد الضحايا المدنيين الذين قتلوا على يد أطراف النزاع المختلفة في سوريا، وطالبت مجلس الأمن بالتحرك العاجل لحماية المدنيين ووقف الهجمات.\nووثق المرصد سقوط 110371 قتيلاً منذ انطلاقة الثورة في آذار 2011.\nوبين القتلى 40146 مدنياً، "
     "فيما قتل تنظيم داعش 2300 مدني.", K, 2300, "aggregate", "line_of_tally_report"),
    ("وثقت الشبكة السورية لحقوق الإنسان في تقريرها الصادر اليوم أعداد الضحايا المدنيين الذين قتلوا على يد أطراف النزاع المختلفة في سوريا، وطالبت مجلس الأمن بالتحرك العاجل لحماية المدنيين ووقف الهجمات.\nوأحصت الشبكة اعتقال 620 شخصاً في الربع الأول من العام.\nواعتقلت هيئة تحرير الشام 41 شخصاً، "
     "بينما اعتقلت فصائل المعارضة 37 شخصاً.", D, 41, "aggregate", "line_of_tally_report"),
    ("وثقت الشبكة السورية لحقوق الإنسان في تقريرها الصادر اليوم أعداد الضحايا المدنيين الذين قتلوا على يد أطراف النزاع المختلفة في سوريا، وطالبت مجلس الأمن بالتحرك العاجل لحماية المدنيين ووقف الهجمات.\nوأسفرت الاشتباكات حتى الآن عن مقتل 37 مقاتلاً من الطرفين.\nوقتل 6 مدنيين برصاص طائش في مدينة "
     "دارة عزة.", K, 6, "incident", "single_incident"),
]


@pytest.mark.parametrize("text,outcome,count,scope,rule", LEAD_WITHOUT_COUNT)
def test_the_first_count_plays_a_lead_that_has_none(text, outcome, count, scope, rule):
    c = find(report(text), outcome, count)
    assert (c["scope"], c["why"]["scope"]["rule"]) == (scope, rule)


# --------------------------------------------------------------------------- restatements

RESTATED = [
    # headline_restates_body
    ("مقتل 7 مدنيين بغارات روسية على إدلب\nقتل 7 مدنيين، بينهم 3 أطفال، وأصيب 12 آخرون، جراء غارات شنتها "
     "طائرات حربية روسية على مدينة معرة النعمان في ريف إدلب الجنوبي اليوم الثلاثاء، بحسب الدفاع المدني.",
     K, 7, "headline_restates_body"),
    ("درعا: اعتقال 9 شبان في بلدة داعل\nاعتقلت قوات النظام السوري صباح اليوم 9 شبان من أبناء بلدة داعل في "
     "ريف درعا الأوسط خلال حملة دهم وتفتيش طالت عدداً من المنازل، بحسب ما أفاد به ناشطون محليون.",
     D, 9, "headline_restates_body"),
    # running_total_supersedes
    ("قتل 3 مدنيين بقصف مدفعي على بلدة كفرنبل صباح اليوم. وفي وقت لاحق توفي جريح متأثراً بجراحه، ليرتفع "
     "عدد القتلى إلى 4.", K, 3, "running_total_supersedes"),
    ("أصيب 6 مدنيين في انفجار عبوة ناسفة في مدينة الباب، ثم ارتفع عدد الجرحى إلى 9 مدنيين.", I, 6,
     "running_total_supersedes"),
    # vague_headline_restates_body: a vague headline count and the body figure within its bounds
    ("عشرات الشهداء بغارات على رتل للنازحين في ريف حماة\nاستشهد 30 مدنياً في حصيلة أولية جراء غارات جوية "
     "استهدفت رتلاً من النازحين قرب قرية المصاصنة في ريف حماة الشمالي صباح اليوم، بحسب مراسلنا.", K, None,
     "vague_headline_restates_body"),
    ("مجزرة جديدة في ريف إدلب\nارتكبت الطائرات الحربية اليوم مجزرة في بلدة كفرنبل راح ضحيتها عشرات المدنيين، "
     "معظمهم من الأطفال والنساء، وفق ما أفاد به ناشطون من المنطقة الذين قالوا إن فرق الإنقاذ ما زالت تعمل على "
     "انتشال الضحايا من تحت الأنقاض.\nوقال الدفاع المدني إن الغارات أدت إلى "
     "مقتل 27 شخصاً وإصابة آخرين بجروح متفاوتة.", K, None, "vague_headline_restates_body"),
    ("اعتقال مئات الشبان في حملة دهم بريف دمشق\nاعتقلت قوات النظام 230 شخصاً من أبناء مدينة التل خلال حملة دهم "
     "وتفتيش واسعة طالت عشرات المنازل في المدينة، بحسب ما أفادت به مصادر محلية للموقع.", D, None,
     "vague_headline_restates_body"),
    # repeated_figure
    ("قتل 6 مدنيين في غارة على بلدة سرمين. وكانت الغارة قد أدت إلى مقتل 6 مدنيين في بلدة سرمين بحسب ناشطين.",
     K, 6, "repeated_figure"),
    # second_source_figure: two sources' different figures for one incident; the later is kept
    ("أعلنت مديرية الصحة مقتل 4 مدنيين في قصف على مدينة جسر الشغور صباح اليوم.\nمن جهته، قال الدفاع المدني "
     "إن القصف على مدينة جسر الشغور أدى إلى مقتل 7 مدنيين.", K, 4, "second_source_figure"),
    ("ذكرت وكالة الأنباء الرسمية أن 5 عناصر من الجيش أصيبوا بغارة على مطار الشعيرات. في المقابل أفاد المرصد "
     "السوري بإصابة 9 عناصر في الغارة على مطار الشعيرات.", I, 5, "second_source_figure"),
    # earlier_figure_superseded: an earlier figure given after the toll that replaced it
    ("ارتفعت حصيلة ضحايا الغارة على سوق بلدة كفرنبل إلى 31 قتيلاً، بعد أن كانت الحصيلة الأولية 19 قتيلاً.",
     K, 19, "earlier_figure_superseded"),
    ("وارتفع عدد الجرحى في تفجير مدينة الباب إلى 40، بعدما كان الدفاع المدني قد أحصى 25 جريحاً.", I, 25,
     "earlier_figure_superseded"),
    ("وقضى 9 مدنيين بالقصف على بلدة التمانعة. وكان المرصد قد ذكر في وقت سابق مقتل 6 مدنيين في القصف.", K, 6,
     "earlier_figure_superseded"),
    # ... and after a first toll (في حصيلته الأولى)
    ("ارتفع عدد ضحايا القصف على سوق بلدة سرمين إلى 31 قتيلاً. وكان الدفاع المدني قد أعلن في حصيلته الأولى مقتل "
     "19 مدنياً.", K, 19, "earlier_figure_superseded"),
    ("وارتفع عدد الجرحى في تفجير مدينة الباب إلى 40. وذكرت مديرية الصحة في حصيلتها الأولى إصابة 25 شخصاً.", I,
     25, "earlier_figure_superseded"),
    ("اعتقلت قوات النظام 18 شاباً من بلدة داعل. وكانت الحصيلة الأولى تشير إلى اعتقال 11 شاباً في داعل.", D, 11,
     "earlier_figure_superseded"),
    ("بحسب ناشطين محليين، اعتقلت قوات النظام 12 شاباً في بلدة الحراك. فيما قالت شبكة حقوقية إن قوات النظام "
     "اعتقلت 20 شاباً من بلدة الحراك خلال الحملة ذاتها.", D, 12, "second_source_figure"),
    # own_figure_kept: the lead's own figure is kept; a source's or a provisional figure of its incident restates it
    ("انفجار عبوة ناسفة في مدينة جرابلس\nقتل 4 مدنيين وأصيب 9 آخرون بانفجار عبوة ناسفة في سوق مدينة جرابلس بريف "
     "حلب الشرقي صباح اليوم.\nوقال مصدر في الشرطة المحلية إن الانفجار في مدينة جرابلس أسفر عن مقتل 6 أشخاص.", K, 6,
     "own_figure_kept"),
    ("مقتل مدنيين بغارة على معرشورين\nقتل 7 مدنيين بغارة جوية استهدفت بلدة معرشورين في ريف إدلب الجنوبي ظهر "
     "اليوم.\nوسقط 5 قتلى وفق حصيلة أولية إثر الغارة على بلدة معرشورين، وسط مخاوف من ارتفاع العدد.", K, 5,
     "own_figure_kept"),
    ("حملة اعتقالات في بلدة الحراك\nاعتقلت قوات النظام 15 شاباً من بلدة الحراك في ريف درعا الشرقي خلال حملة دهم "
     "فجر اليوم.\nوذكر ناشطون من البلدة أن قوات النظام اعتقلت في الحراك 22 شاباً.", D, 22, "own_figure_kept"),
    ("قصف على الأتارب\nأصيب 12 مدنياً بقصف مدفعي على مدينة الأتارب في ريف حلب الغربي مساء أمس.\nوأفاد الدفاع "
     "المدني بإصابة 16 مدنياً في القصف على مدينة الأتارب.", I, 16, "own_figure_kept"),
    # ... the same past day named in both sentences is one time, not another
    ("قصف على سرمين\nقتل 6 مدنيين بقصف على بلدة سرمين مساء الخميس الماضي.\nوأفاد المرصد بمقتل 9 مدنيين في قصف "
     "بلدة سرمين مساء الخميس الماضي.", K, 9, "own_figure_kept"),
    # provisional_figure_superseded: with no own figure, a provisional toll restates the later figure
    ("وتحدثت حصيلة أولية عن مقتل 3 أشخاص بانفجار لغم في قرية الحمام. وقال مسؤول محلي إن انفجار اللغم في قرية الحمام "
     "أودى بحياة 5 أشخاص.", K, 3, "provisional_figure_superseded"),
    ("أصيب 8 مدنيين بقصف على مدينة دارة عزة، والعدد قابل للارتفاع. وذكر الدفاع المدني أن القصف على دارة عزة "
     "أدى إلى إصابة 13 مدنياً.", I, 8, "provisional_figure_superseded"),
    ("اعتقلت دورية للأمن العسكري 6 شبان من بلدة الكرك الشرقي في حصيلة غير نهائية. وأفاد ناشطون بأن الدورية "
     "اعتقلت 9 شبان من بلدة الكرك الشرقي.", D, 6, "provisional_figure_superseded"),
    # vague_headline_restates_body: a bound (أكثر من) or an estimate (نحو) in the headline or lead
    ("أكثر من 10 جرحى بقصف على مدينة الأتارب\nأصيب 13 مدنياً بجروح جراء قصف مدفعي على مدينة الأتارب في ريف "
     "حلب الغربي صباح اليوم، بحسب الدفاع المدني.", I, 10, "vague_headline_restates_body"),
    ("نحو 20 قتيلاً بغارات على بلدة كفرنبل\nقتل 18 مدنياً بينهم 5 أطفال بغارات جوية على بلدة كفرنبل في ريف "
     "إدلب الجنوبي ظهر اليوم، وفق مراسلنا.", K, 20, "vague_headline_restates_body"),
    ("حملة اعتقالات في بلدة جاسم\nاعتقلت قوات النظام أكثر من 30 شاباً في حملة دهم على بلدة جاسم فجر اليوم.\n"
     "وقال ناشطون إن الحملة في بلدة جاسم انتهت باعتقال 34 شاباً نقلوا إلى فرع الأمن العسكري.", D, 30,
     "vague_headline_restates_body"),
]


@pytest.mark.parametrize("text,outcome,count,rule", RESTATED)
def test_a_restatement_points_to_the_count_kept(text, outcome, count, rule):
    rep = report(text)
    cs = [c for c in casualties(rep) if c["outcome"] == outcome and c["count"] == count]
    linked = [c for c in cs if c["same_as"] is not None]
    assert linked and linked[0]["why"]["same_as"]["rule"] == rule


NOT_RESTATED = [
    # a vague headline and a body figure outside its bounds
    "عشرات الضحايا بقصف على ريف إدلب\nقتل 5 مدنيين وأصيب آخرون جراء قصف مدفعي استهدف بلدة كفرنبل في ريف إدلب "
    "الجنوبي صباح اليوم، وفق ما أفاد به مراسلنا في المنطقة نقلاً عن مصادر طبية.",
    # two incidents with the same toll in different places
    "قتل طفلان في قصف على بلدة سرمين. وفي بلدة بنش قتل طفلان آخران بقصف مماثل.",
    "قتل 3 مدنيين في قصف على مدينة أريحا، وقتل 3 مدنيين في قصف على بلدة كنصفرة.",
    # a running total with a period is a tally, not the incident's figure
    "قتل 5 مدنيين في قصف على بلدة سرمين، ليرتفع عدد ضحايا البلدة منذ بداية العام إلى 120 مدنياً.",
    # a headline with a different number
    "مقتل 5 مدنيين بقصف على إدلب\nقتل 4 مدنيين وأصيب 10 آخرون جراء قصف مدفعي استهدف مدينة سراقب في ريف إدلب "
    "الشرقي صباح اليوم، وفق ما أفاد به مراسلنا في المنطقة نقلاً عن مصادر طبية.",
    # a sourced figure beside the report's own: as often another incident as the same one
    "قتل 4 أطفال في قصف على بلدة البارة. وأفاد مراسلنا بمقتل 6 أطفال في قصف على بلدة البارة مساءً.",
    # two sources, but figures of a different order: another incident
    "أعلنت مديرية الصحة مقتل 18 شخصاً في تفجير وسط مدينة حلب. وقال مصدر طبي إن رجلاً قتل في حلب بسقوط قذيفة.",
    # an earlier-figure cue with no toll before it
    "بعد أن كانت البلدة آمنة لسنوات، قتل 4 مدنيين بقصف مدفعي على بلدة مورك.",
    # two sources for two places
    "أفاد المرصد بمقتل 5 مدنيين في بلدة سرمين. وقال الدفاع المدني إن 8 مدنيين قتلوا في بلدة بنش.",
    # own_figure_kept: a source's figure for another town, for another day, or for one town of the lead's two
    "قصف على ريف إدلب\nقتل 4 مدنيين بقصف على بلدة كفرنبل في ريف إدلب الجنوبي.\nوقال ناشطون إن 6 مدنيين قتلوا "
    "بقصف على بلدة حاس.",
    "انفجار في الباب\nقتل 5 مدنيين بانفجار سيارة مفخخة في مدينة الباب اليوم.\nوقال الدفاع المدني إن انفجاراً "
    "مماثلاً في مدينة الباب أدى إلى مقتل 8 مدنيين يوم الخميس الماضي.",
    "قصف على ريف إدلب\nقتل 9 مدنيين بقصف على مدينتي أريحا وسراقب صباح اليوم.\nوقال المرصد إن القصف على مدينة "
    "أريحا أدى إلى مقتل 5 مدنيين.",
    # provisional_figure_superseded: the later figure is another village's
    "وتحدثت حصيلة أولية عن مقتل 3 أشخاص بانفجار لغم في قرية الحمام. وقال مسؤول محلي إن قصفاً على قرية الصوامع أودى "
    "بحياة 5 أشخاص.",
    # vague_headline_restates_body: an estimate or a bound the body figure lies outside
    "نحو 10 قتلى بقصف على مدينة سراقب\nقتل 15 مدنياً بقصف صاروخي على مدينة سراقب في ريف إدلب الشرقي مساء اليوم، "
    "وفق مراسلنا.",
    "أكثر من 10 جرحى بقصف على مدينة الأتارب\nأصيب 8 مدنيين بجروح جراء قصف مدفعي على مدينة الأتارب في ريف حلب "
    "الغربي صباح اليوم، بحسب الدفاع المدني.",
]

#: a headline never restates a body count of others (``أربعة أطفال آخرين``) that adds to an earlier count of its
#: outcome (restatements.py ``_headline``, ``additional``): the headline's figure is another incident's
HEADLINE_NOT_OTHERS = [
    ("مقتل أربعة أطفال بتفجير في الباب\nقتل أربعة أطفال اليوم في تفجير استهدف سوقاً شعبياً في مدينة الباب، بحسب ما "
     "أفاد به الدفاع المدني.\nوذكرت مصادر محلية مقتل أربعة أطفال آخرين بانفجار لغم في ريف حمص.", 8),
    ("إصابة 4 مدنيين بقصف على الأتارب\nأصيب 4 مدنيين بقصف مدفعي على مدينة الأتارب في ريف حلب الغربي صباح اليوم، "
     "وفق مراسلنا في المنطقة.\nوفي ريف إدلب أصيب 4 مدنيين آخرين بغارة على بلدة كفرنبل.", 8),
    ("اعتقال 5 شبان في داعل\nاعتقلت قوات النظام 5 شبان من بلدة داعل في ريف درعا الأوسط فجر اليوم خلال حملة "
     "مداهمات، بحسب ناشطين.\nكما اعتقلت 5 شبان آخرين من مدينة الصنمين.", 10),
]

#: counts of two towns of one countryside, or of two kinds of event, are two incidents (restatements.py
#: ``_compatible_events``: local places and ``event_types_apart``)
NOT_RESTATED_APART = [
    # a shared countryside, two villages
    "قتل 3 مدنيين في قصف على قرية حيش بريف إدلب الجنوبي. وفي بلدة كفرسجنة بريف إدلب الجنوبي قتل 3 مدنيين "
    "بقصف مماثل.",
    "أصيب 4 أطفال بقصف على بلدة كفرنبل في ريف إدلب. كما أصيب 4 أطفال آخرون في بلدة حاس بريف إدلب.",
    "اعتقلت قوات النظام 6 شبان من بلدة نوى في ريف درعا. واعتقلت 6 شبان من مدينة إنخل في ريف درعا.",
    # clashes on a front and an air strike on a city, each from a source
    "ذكر المرصد مقتل 23 شخصاً خلال اشتباكات على جبهات مدينة إدلب. وقال المرصد إن غارات جوية على مدينة إدلب "
    "قتلت 9 مدنيين.",
]


@pytest.mark.parametrize("text", NOT_RESTATED + NOT_RESTATED_APART)
def test_no_restatement(text):
    assert all(c["same_as"] is None for c in casualties(report(text)))


@pytest.mark.parametrize("text,toll", HEADLINE_NOT_OTHERS)
def test_a_headline_restates_no_count_of_others(text, toll):
    rep = report(text)
    assert sum(tolls(rep)) == toll, [(c["count"], c["same_as"]) for c in casualties(rep)]


def test_a_headline_restates_the_others_of_another_outcome():
    # negative of the rule above: آخرون after a killed count names others than the killed, and the
    # headline's injured figure restates it
    rep = report("إصابة 5 مدنيين بقصف على الأتارب\nقتل مدني وأصيب 5 آخرون بقصف مدفعي على مدينة الأتارب في ريف "
                 "حلب الغربي صباح اليوم، وفق ما أفاد به مراسلنا في المنطقة نقلاً عن مصادر طبية في المدينة.")
    assert tolls(rep) == (1, 5, 0)


#: second_source_figure: a later sentence that tells an earlier statement (وكان مصدر قد أفاد، في تصريح سابق) gives
#: the earlier figure, which restates the first; with no town on either side one governorate is enough
STATED_BEFORE = [
    ("أعلنت وكالة رسمية أن انفجار شاحنة مفخخة بمنطقة القنيطرة أسفر عن مقتل 9 أشخاص وإصابة 23.\n"
     "وكانت مصادر محلية قد ذكرت لإذاعة خاصة مقتل 5 أشخاص بانفجار الشاحنة في ريف القنيطرة، بينما نقل مراسل "
     "الوكالة في القنيطرة مقتل 6 وإصابة 21 آخرين.", (9, 23, 0)),
    ("أعلنت مديرية الصحة أن عدد القتلى بقذائف سقطت على أحياء مدينة حلب بلغ 14 قتيلاً.\nوكان مصدر في "
     "الشرطة ذكر في تصريح سابق أن القذائف على أحياء مدينة حلب أودت بحياة 12 شخصاً.", (14, 0, 0)),
    ("أفاد الدفاع المدني بإصابة 18 مدنياً بقصف مدفعي على مدينة جسر الشغور.\nوكانت مصادر محلية قد ذكرت أن "
     "القصف على مدينة جسر الشغور أدى إلى إصابة 11 مدنياً.", (0, 18, 0)),
]


STATED_BEFORE += [
    # an earlier claim far below the report's figure, and an event with no place of its own (سوريا is none)
    ("أفاد المرصد السوري المعني بمتابعة الحرب في سوريا بأن 21 شخصاً على الأقل لقوا حتفهم بصواريخ أصابت مشفى.\n"
     "وكانت قناة حكومية ادعت أن أربع نساء قتلن وجرح 15 آخرون خلال الهجوم على المشفى في حلب.\n"
     "وأضاف المرصد أن 70 شخصاً أُصيبوا في الهجوم.", (21, 70, 0)),
]


@pytest.mark.parametrize("text,expected", STATED_BEFORE)
def test_an_earlier_statement_restates_the_first_figure(text, expected):
    rep = report(text)
    assert tolls(rep) == expected
    assert any(c["why"].get("same_as", {}).get("rule") == "second_source_figure" for c in casualties(rep))


def test_a_figure_far_below_is_an_earlier_statement_only_when_told_as_one():
    # negative: without the pluperfect frame, two figures this far apart are two incidents
    rep = report("أفاد المرصد السوري بأن 21 شخصاً لقوا حتفهم بصواريخ أصابت مشفى.\nوذكرت قناة حكومية أن أربع "
                 "نساء قتلن بقصف على حي الشعار في حلب.")
    assert tolls(rep)[0] == 25


def test_an_earlier_statement_of_another_town_is_its_own_incident():
    # negative: the pluperfect sentence tells of another town's shelling
    rep = report("أفاد الدفاع المدني بإصابة 18 مدنياً بقصف مدفعي على مدينة جسر الشغور.\nوكانت مصادر محلية ذكرت أن "
                 "القصف على بلدة بداما أدى إلى إصابة 11 مدنياً.")
    assert tolls(rep) == (0, 29, 0)


# part_in_one_of_its_places: a count naming several towns, then a smaller count in one of them only: its part
@pytest.mark.parametrize("text,total,part,linked", [
    ("لقي 12 مدنياً حتفهم وجرح العشرات بغارات على بلدتي حاس والبارة.\nوأصابت الغارات في بلدة البارة مستوصفاً، "
     "وقتل فيه 3 مدنيين.", 12, 3, True),
    ("اعتقلت قوات النظام 15 شاباً من بلدات الكرك الشرقي والمسيفرة والجيزة.\nوفي بلدة المسيفرة اعتقلت دورية 6 "
     "شبان من منازلهم.", 15, 6, True),
    ("أصيب 25 مدنياً بقصف على مدينتي الأتارب ودارة عزة.\nوذكر الدفاع المدني أن القصف على مدينة الأتارب أدى إلى "
     "إصابة 9 أطفال.", 25, 9, True),
    # negative: a count of others in that town adds to the total
    ("لقي 12 مدنياً حتفهم بغارات على بلدتي حاس والبارة.\nوفي بلدة البارة قتل 3 مدنيين آخرين بقصف مدفعي.",
     12, 3, False),
])
def test_a_count_in_one_of_the_towns_of_a_total_is_its_part(text, total, part, linked):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == part][0]
    assert (p["part_of"] == t["id"]) is linked, (p["part_of"], p["why"])
    if linked:
        assert p["why"]["part_of"]["rule"] == "part_in_one_of_its_places"


#: a day of a month with no year and no publication date (في 9 من شهر آذار المنصرم) is still one day: in a
#: tally report the count is that day's incident, and the month is no period (scope.py _day_named_in_clause,
#: not_a_period)
DAY_OF_MONTH_NO_YEAR = [
    ("قتل 3 مدنيين وأصيب 9 آخرون بقصف على ريف تل تمر خلال الشهرين الماضيين.\n"
     "وقُتل مدنيان بقذيفة سقطت على قرية الدردارة في 9 من شهر آذار المنصرم.", K, 2,
     "incident"),
    ("وثقت الشبكة اعتقال 40 شخصاً خلال شهر آذار في محافظة درعا.\nوفي 12 آذار اعتقلت دورية 6 شبان من بلدة داعل.",
     D, 6, "incident"),
    ("قتل 25 مدنياً في ريف إدلب خلال الأسبوعين الماضيين بحسب الدفاع المدني.\nوقتل 4 مدنيين بغارة على قرية البارة في "
     "5 من شهر شباط الجاري.", K, 4, "incident"),
    # negative: a line of the tally with its month only
    ("وثقت الشبكة اعتقال 40 شخصاً خلال شهر آذار في محافظة درعا.\nواعتقلت قوات النظام في شهر آذار 16 شخصاً في ريف "
     "درعا الغربي.", D, 16, "aggregate"),
]


@pytest.mark.parametrize("text,outcome,count,scope", DAY_OF_MONTH_NO_YEAR)
def test_a_day_of_a_month_with_no_year_is_one_day(text, outcome, count, scope):
    assert find(report(text), outcome, count)["scope"] == scope


#: incidents a tally report adds beside its tally (فضلاً عن ذلك): a count with a town of its own is an incident,
#: up to the next heading line (scope.py tally_additions, line_of_tally_report)
TALLY_ADDITIONS = [
    ("أحصى المكتب مقتل 40 شخصاً في محافظة درعا خلال شهر أيار 2024.\n\nإلى جانب ذلك، قضى رجل بانفجار مدفأة في "
     "مدينة إنخل.", K, 1, "incident"),
    ("وثق المكتب خلال شهر آذار 2023 إصابة 28 مدنياً في محافظة القنيطرة.\n\nبالإضافة إلى ذلك، أصيب 3 أطفال بانفجار لغم "
     "في قرية الحميدية.\n\nوأصيب رجلان بصعقة كهربائية في بلدة خان أرنبة.", I, 2, "incident"),
    ("اعتقلت قوات النظام 60 شخصاً في محافظة درعا خلال شهر نيسان 2022.\n\nفضلاً عن ذلك، اعتقلت دورية 4 شبان من بلدة "
     "داعل.", D, 4, "incident"),
    # news openers that turn to other events (إلى ذلك، من جهة أخرى، في سياق آخر) add incidents too
    ("وثق الدفاع المدني مقتل 85 مدنياً في محافظة إدلب خلال شهر تموز الماضي.\nإلى ذلك، قتل رجلان بقصف مدفعي على "
     "بلدة كفرنبل.", K, 2, "incident"),
    ("أحصت الشبكة اعتقال 140 شخصاً في محافظة حلب خلال شهر شباط.\nمن جهة أخرى، اعتقلت دورية 5 شبان من بلدة "
     "الأتارب.", D, 5, "incident"),
    ("سجل المرصد إصابة 90 مدنياً في محافظة حماة خلال شهر آب.\nفي سياق آخر، أصيب 3 أطفال بانفجار لغم في قرية "
     "اللطامنة.", I, 3, "incident"),
    # negative: with no opener, a town's count is a line of the tally
    ("وثق الدفاع المدني مقتل 85 مدنياً في محافظة إدلب خلال شهر تموز الماضي.\nوقتل رجلان بقصف مدفعي على "
     "بلدة كفرنبل.", K, 2, "aggregate"),
    # negative: past the heading line that follows the additions, a count is a line of the tally again
    ("أحصى المكتب مقتل 40 شخصاً في محافظة درعا خلال شهر أيار 2024.\n\nإلى جانب ذلك، قضى رجل بانفجار مدفأة في "
     "مدينة إنخل.\n\nتوزع الضحايا\n\nقتل 7 أشخاص في مدينة نوى.", K, 7, "aggregate"),
]


@pytest.mark.parametrize("text,outcome,count,scope", TALLY_ADDITIONS)
def test_incidents_added_beside_a_tally(text, outcome, count, scope):
    assert find(report(text), outcome, count)["scope"] == scope


# one_incident_split_again: counts of one later event that add up to an earlier count split that incident again
@pytest.mark.parametrize("text,total,part", [
    ("قتل 3 مدنيين بينهم طفلة ليل أمس بقصف مدفعي على قرية الدردارة.\nوقال أحد السكان إن القصف أدى إلى مقتل "
     "رجلين وطفلة من أسرة واحدة.", 3, 2),
    ("أصيب 5 مدنيين بقصف مدفعي على بلدة كفرنبل صباح اليوم.\nوأضاف الدفاع المدني أن القصف أدى إلى إصابة 3 رجال "
     "وامرأتين نقلوا إلى مشفى المدينة.", 5, 3),
    ("اعتقلت دورية للأمن العسكري 4 أشخاص من بلدة داعل.\nوذكر ناشطون أن الدورية اعتقلت شابين وسيدتين خلال "
     "المداهمة.", 4, 2),
])
def test_one_incident_split_again(text, total, part):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total][0]
    p = [c for c in casualties(rep) if c["count"] == part and c["id"] != t["id"]][0]
    assert t["scope"] == "incident" and p["part_of"] == t["id"], (t["why"], p["why"])
    assert p["why"]["part_of"]["rule"] == "one_incident_split_again"
    assert sum(tolls(rep)) == total


# ... not when a separator word (فيما، بينما، في حين) parts the later counts: two incidents the earlier count totals
@pytest.mark.parametrize("text,outcome,total,scope", [
    ("جرح 9 مدنيين بقذائف صاروخية على أطراف منبج.\nوطالت القذائف إحدى القرى فجرحت طفلين، فيما جرح 7 مزارعين في "
     "حقل قريب.", I, 9, "aggregate"),
    ("قتل 5 مدنيين بغارات على ريف إدلب.\nوقضى رجلان في غارة على مزرعة، بينما قتل 3 أطفال بغارة على مدرسة "
     "قريبة.", K, 5, "aggregate"),
    ("اعتقلت قوات النظام 8 شبان في ريف درعا.\nوداهمت الدورية منزلاً واعتقلت 3 شبان، في حين اعتقلت 5 شبان على "
     "حاجز قريب.", D, 8, "aggregate"),
    # negative: a comma and و only part them: one incident split again
    ("أصيب 5 مدنيين بقصف على بلدة كفرنبل.\nوأوضح المسعف أن القذائف جرحت 3 رجال، وامرأتين.", I, 5,
     "incident"),
])
def test_counts_a_separator_word_parts_are_incidents_of_a_total(text, outcome, total, scope):
    assert find(report(text), outcome, total)["scope"] == scope


#: a reporter's place (أفاد مراسلنا في دمشق) is not where the count's people were: the breadth rule leaves it out
REPORTER_PLACE = [
    ("أفاد مراسل الإذاعة في دمشق بإصابة 5 مدنيين جراء قذيفة في حي الروضة بمدينة جرمانا.", I, 5, "incident"),
    ("وقال مراسلنا في دمشق إن 4 مدنيين قتلوا بقصف مدفعي على بلدة الأتارب.", K, 4, "incident"),
    ("ذكر مندوب الوكالة في حماة أن دورية اعتقلت 5 شبان من مدينة تلكلخ.", D, 5, "incident"),
    # negative: places of two governorates that are the count's own
    ("أفاد مراسلنا بمقتل 30 مدنياً في حمص وحماة واللاذقية.", K, 30, "aggregate"),
]


@pytest.mark.parametrize("text,outcome,count,scope", REPORTER_PLACE)
def test_a_reporter_s_place_is_no_breadth(text, outcome, count, scope):
    assert find(report(text), outcome, count)["scope"] == scope


#: repeated_figure never links a count of others (ثلاثة آخرون after ثلاثة مدنيين of its outcome) to the count it adds to
OTHERS_NOT_REPEATED = [
    "أصيب أربعة مدنيين بانفجار قذيفة في حي القصور بمدينة جرمانا، فيما أصيب أربعة آخرون بقذائف على مدينة جرمانا.",
    "قتل طفلان بقصف على بلدة سرمين. وقتل طفلان آخران بقصف ثان على بلدة سرمين مساءً.",
    "اعتقلت دورية 4 شبان من مدينة نوى. واعتقلت دورية ثانية 4 شبان آخرين من مدينة نوى.",
]


@pytest.mark.parametrize("text", OTHERS_NOT_REPEATED)
def test_others_are_never_a_repeated_figure(text):
    assert all(c["same_as"] is None for c in casualties(report(text)))


#: where the body starts (core/text.py body_start): a short paragraph that ends with a full stop and has
#: enough words is body, so a headline count restates it and its counts are never headline counts
BODY_START = [
    ("مقتل 4 مدنيين بقصف على سرمين\nإدلب - خاص\nقتل 4 مدنيين بينهم طفلان في قصف مدفعي على بلدة سرمين اليوم.\n"
     "وقال الدفاع المدني إن فرقه انتشلت الضحايا.", "قتل 4 مدنيين"),
    ("اعتقالات في داعل\nاعتقلت قوات النظام صباح اليوم ستة شبان من أبناء بلدة داعل في ريف درعا.\n"
     "وأفاد ناشطون أن الحملة مستمرة.", "اعتقلت قوات"),
    ("أطفال بين الجرحى\n2021.03.04 | 12:10\nأصيب خمسة أطفال بجروح جراء سقوط قذيفة على مدرسة في مدينة الباب!\n"
     "ولم تعرف الجهة التي أطلقت القذيفة.", "أصيب خمسة"),
    # negative: a headline that ends with a full stop but has few words stays a heading
    ("عاجل: قصف على إدلب.\nقتل 4 مدنيين بينهم طفلان في قصف مدفعي على بلدة سرمين في ريف إدلب اليوم، بحسب ما "
     "أفاد به الدفاع المدني السوري في بيان نشره على معرفاته الرسمية مساء اليوم.", "قتل 4 مدنيين"),
]


@pytest.mark.parametrize("text,first", BODY_START)
def test_the_body_starts_at_its_first_sentence(text, first):
    from pipeline.core.normalize import normalize
    from pipeline.core.text import body_start
    norm = normalize(text).norm
    assert norm[body_start(norm):].startswith(normalize(first).norm)


# --------------------------------------------------------------------------- tolls

TOLLS = [
    # a daily round-up: its lead sums one day, its lines with a town of their own are incidents
    ("سقوط 4 قتلى في حماة خلال يوم واحد\nذكر المرصد أن 4 أشخاص لقوا حتفهم في عموم المحافظة خلال الـ24 ساعة الماضية.\n"
     "وقتل رجل بإطلاق نار من مجهولين في مدينة السلمية.\nكما قتل 3 عناصر من الفصائل بانفجار عبوة في بلدة اللطامنة.",
     (4, 0, 0)),
    # headline restating the body, breakdowns and elliptic injured
    ("مقتل 7 مدنيين بغارات روسية على إدلب\nقتل 7 مدنيين، بينهم 3 أطفال، وأصيب 12 آخرون، جراء غارات شنتها "
     "طائرات حربية روسية على مدينة معرة النعمان في ريف إدلب الجنوبي اليوم الثلاثاء، بحسب الدفاع المدني.",
     (7, 12, 0)),
    # a running total is the one kept
    ("قتل 3 مدنيين بقصف مدفعي على بلدة كفرنبل صباح اليوم. وفي وقت لاحق توفي جريح متأثراً بجراحه، ليرتفع "
     "عدد القتلى إلى 4.", (4, 0, 0)),
    # a monthly tally adds nothing to the incident tolls, its incident does
    ("وثقت الشبكة مقتل 312 مدنياً في سوريا خلال شهر تموز 2019، بينهم 57 طفلاً.\nوفي 12 تموز 2019 قتل 6 "
     "مدنيين بينهم 4 أطفال وأصيب 11 آخرون بقصف على بلدة كفرنبل.", (6, 11, 0)),
    # a tally beside an incident in one sentence
    ("قتل 5 مدنيين في قصف على بلدة سرمين، ليرتفع عدد ضحايا البلدة منذ بداية العام إلى 120 مدنياً.",
     (5, 0, 0)),
    # additive counts add
    ("قتل 10 مدنيين و4 عناصر من الدفاع المدني في قصف على مدينة أريحا.", (14, 0, 0)),
    ("قتل 5 مدنيين، بينهم 3 أطفال، إضافة إلى 4 أطفال آخرين في قصف على بلدة بنش.", (9, 0, 0)),
    # vague quantities at their minimum
    ("أصيب عشرات المدنيين في قصف على مدينة أريحا اليوم.", (0, 20, 0)),
    # one number for two outcomes is not summed
    ("قتل وجرح 9 مدنيين في غارة على قرية البارة.", (0, 0, 0)),
    # people who were not harmed: a hospital's catchment, a population, a habitual statement
    ("استهدفت الطائرات الحربية مشفى يخدّم نحو 50 ألف مدني في بلدة كفرنبل، ما أدى إلى إصابة مدني.", (0, 1, 0)),
    ("وقالت المنظمة إن كثيراً من الضحايا من النساء، وإن نحو مليوني مدني في المنطقة معرضون للخطر.", (0, 0, 0)),
    ("وعادة ما تخلف هذه الغارات عشرات القتلى في صفوف المدنيين.", (0, 0, 0)),
    ("قصفت قوات النظام مخيماً يؤوي نحو 3 آلاف نازح في ريف إدلب، ما أدى إلى مقتل طفلين.", (2, 0, 0)),
    # negatives: a count governed by its outcome verb stays a casualty whatever follows it
    ("قتل 4 مدنيين يعيشون في مخيم عشوائي قرب بلدة أطمة.", (4, 0, 0)),
    ("قتل 4 مدنيين في مخيم عشوائي قرب بلدة أطمة اليوم.", (4, 0, 0)),
    # detentions of one raid
    ("اعتقلت قوات النظام 12 شخصاً بينهم 3 نساء خلال مداهمة في بلدة داعل بريف درعا اليوم.", (0, 0, 12)),
]


@pytest.mark.parametrize("text,expected", TOLLS)
def test_tolls(text, expected):
    assert tolls(report(text)) == expected


def test_tolls_equal_the_counted_counts():
    rep = report(TOLLS[2][0])
    counted = [c for c in casualties(rep) if c["scope"] == "incident" and not c["part_of"] and not c["same_as"]]
    assert sum(c["count"] for c in counted if c["outcome"] == K) == rep["tolls"][K]


def test_every_casualty_has_an_id_and_why():
    rep = report(TOLLS[2][0])
    ids = [c["id"] for c in casualties(rep)]
    assert len(ids) == len(set(ids)) and all(i.startswith("t#c") for i in ids)
    for c in casualties(rep):
        assert {"perpetrator", "outcome", "scope"} <= set(c["why"])
        for w in c["why"].values():
            s, e = w["span"]
            assert rep["text"][s:e] == w["text"]


# --------------------------------------------------------------------------- perpetrator: a source is not an agent

@pytest.mark.parametrize("text,count,perp,rule", [
    ("وبحسب قوات سوريا الديمقراطية، قتل 4 مدنيين في قصف على بلدة تل تمر.", 4, None, "no_agent_found"),
    ("وأعلنت هيئة تحرير الشام مقتل 3 مدنيين في قصف على مدينة إدلب.", 3, None, "no_agent_found"),
    ("وقالت قوات النظام إن 6 مدنيين قتلوا في قصف على حي الميدان.", 6, None, "no_agent_found"),
    # negative: the subject of the harm verb is its agent
    ("قتلت قوات النظام 5 مدنيين في قصف على بلدة كفرنبل.", 5, "syrian_regime", "agent_before_count"),
])
def test_the_source_of_a_statement_is_not_its_agent(text, count, perp, rule):
    c = find(report(text), K, count)
    assert (c["perpetrator"], c["why"]["perpetrator"]["rule"]) == (perp, rule)


# --------------------------------------------------------------------------- an incident's place

LONG = ("بحسب ما أفاد به ناشطون محليون أكدوا أن القصف استهدف منازل المدنيين بشكل مباشر وأن فرق الإسعاف "
        "عملت لساعات على انتشال الضحايا من تحت الأنقاض.")


@pytest.mark.parametrize("text,place", [
    # the heading's place (the body names none)
    ("إدلب: مقتل 3 مدنيين بقصف مدفعي\nقتل 3 مدنيين بقصف مدفعي صباح اليوم، " + LONG, "إدلب"),
    ("درعا - اعتقال 4 شبان\nاعتقلت قوات النظام 4 شبان خلال مداهمة صباح اليوم، " + LONG, "درعا"),
    # the last place named before it in an earlier paragraph
    ("تعرضت مدينة أريحا لقصف عنيف صباح اليوم استمر لساعات، " + LONG + "\nوقتل في القصف 5 مدنيين بينهم طفلان.",
     "أريحا"),
])
def test_an_incident_with_no_place_of_its_own_takes_the_report_s(text, place):
    rep = report(text)
    evs = [ev for ev in rep["events"] if ev["casualties"] and ev["scope"] == "incident"]
    assert evs and all(ev["places"] and ev["places"][0]["name_ar"] == place for ev in evs)


def test_a_tally_takes_no_borrowed_place():
    rep = report("حماة: حصيلة الشهر\nوثقت الشبكة مقتل 40 مدنياً خلال شهر آذار 2020، " + LONG)
    assert all(not ev["places"] for ev in rep["events"] if ev["scope"] == "aggregate")


@pytest.mark.parametrize("text,ftype", [
    ("قصفت الطائرات الحربية الروسية بلدة كفرنبل صباح اليوم، ما أدى إلى مقتل 4 مدنيين.\n"
     "وطال القصف مدرسة البلدة ومسجدها الكبير.", "school"),
    ("قتل 3 مدنيين بقصف مدفعي لقوات النظام على مدينة أريحا.\nوتضرر في القصف فرن آلي وسط المدينة.", "bakery"),
])
def test_a_facility_in_a_paragraph_with_no_event_joins_the_incident_before(text, ftype):
    rep = report(text)
    assert any(f["type"] == ftype for ev in rep["events"] for f in ev["facilities"])


def test_a_facility_with_no_incident_anywhere_stays_out():
    rep = report("وتقع في البلدة مدرسة ومسجد كبير.")
    assert not any(ev["facilities"] for ev in rep["events"])


def test_evaluate_by_rule_counts_each_rule_and_its_hits(tmp_path):
    from pipeline.evaluation.evaluate import evaluate, rule_stats

    (tmp_path / "t1.txt").write_text("قتلت قوات النظام 5 مدنيين في قصف على بلدة كفرنبل.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "t1", "casualties": [{"outcome": "killed", "group": "civilians", "count": 5, '
                    '"qualifier": "exact", "perpetrator": "russia", "cause": null, "scope": "incident"}]}\n',
                    encoding="utf-8")
    _, _, reports = evaluate(gold, tmp_path)
    stats = rule_stats(gold, reports)
    assert stats["perpetrator"]["agent_before_count"] == [1, 0]  # fired once, wrong against this gold
    assert stats["scope"]["single_incident"] == [1, 1]
    # a listed rule that did not fire has its row, at zero (a rule that never fires is visible)
    assert stats["perpetrator"]["held_responsible"] == [0, 0] and stats["outcome"]["wounded_who_died"] == [0, 0]


# breakdown_of_named_total: a breakdown that names its total by its group (negated: غير المدنيين) and maybe
# its number, told apart from it, links its parts to that total
@pytest.mark.parametrize("text,total,total_group,part,rule", [
    ("قتل 300 شخص منذ بداية الحملة، بينهم 180 مدنياً و120 مقاتلاً. ويتوزع الضحايا غير المدنيين ما بين 70 "
     "عنصراً من قوات النظام و50 مقاتلاً من الفصائل.", 120, "fighters", 70, "breakdown_of_named_total"),
    ("أصيب 64 شخصاً في القصف، بينهم 40 مدنياً. ومن بين المصابين المدنيين، 9 أطفال و6 نساء.", 40, "civilians", 9,
     "breakdown_of_named_total"),
    ("قتل 80 مدنياً خلال الأسبوع. وبين المدنيين 22 طفلاً و14 امرأة قضوا في غارات جوية.", 80, "civilians", 22,
     "breakdown_of_named_total"),
    ("قتل 300 مدني و120 مقاتلاً خلال الشهر. وبين المدنيين، 41 طفلاً و17 سيدة.", 300, "civilians", 41,
     "breakdown_of_named_total"),
    ("اعتقلت القوات 85 مدنياً في حملة المداهمات. ومن بين المدنيين 9 أطفال", 85, "civilians", 9,
     "breakdown_of_named_total"),
    ("وثق المرصد مقتل 500 مقاتل من الفصائل.\nومن بين المقاتلين، 12 منشقاً و9 ضباط.", 500, "fighters", 12,
     "breakdown_of_named_total"),
    # parts told apart from their total take its perpetrator
    ("قتلت غارات روسية 50 مدنياً في المدينة خلال الأسبوع. ومن بين القتلى المدنيين، 12 طفلاً و7 نساء.", 50,
     "civilians", 12, "breakdown_of_named_total"),
])
def test_a_breakdown_naming_its_total_is_its_part(text, total, total_group, part, rule):
    rep = report(text)
    t = [c for c in casualties(rep) if c["count"] == total and c["group"] == total_group][0]
    p = [c for c in casualties(rep) if c["count"] == part and c["id"] != t["id"]][0]
    assert p["part_of"] == t["id"] and p["why"]["part_of"]["rule"] == rule, (p["part_of"], p["why"])
    assert p["scope"] == t["scope"] and p["perpetrator"] == t["perpetrator"]
    assert sum(tolls(rep)) in (0, max(c["count"] for c in casualties(rep)))  # a part is never summed


# restated_count_of_total: the group noun and its number with the article (المدنيين الـ120) restate the count
# told before (same_as: the same people, never summed); the parts after it are parts of that count
@pytest.mark.parametrize("text,total,parts", [
    ("وثقت المنظمة مقتل 120 مدنياً خلال الشهر. وأكدت أن بين الضحايا المدنيين الـ120، 31 طفلاً و18 امرأة.", 120,
     (31, 18)),
    ("أصيب 85 مدنياً في قصف على المدينة. ومن بين الجرحى المدنيين الـ85 عشرون طفلاً وتسع نساء.", 85, (20, 9)),
    ("قتل 35 مدنياً في الهجوم على البلدة. وأشار الطبيب إلى أن المدنيين الـ35 كانوا في السوق.", 35, ()),
])
def test_a_restated_count_restates_its_total(text, total, parts):
    rep = report(text)
    t, r = [c for c in casualties(rep) if c["count"] == total][:2]
    assert r["same_as"] == t["id"] and r["part_of"] is None and r["why"]["same_as"]["rule"] == "restated_count_of_total"
    assert r["scope"] == t["scope"] and r["perpetrator"] == t["perpetrator"]
    for n in parts:
        assert [c for c in casualties(rep) if c["count"] == n][0]["part_of"] == t["id"]
    assert not rep["warnings"], rep["warnings"]  # the restated count is not added to the parts
    assert sum(tolls(rep)) in (0, total)


@pytest.mark.parametrize("text,count", [
    # negatives: words between the named total and the count; a restated count with no count told before
    ("قتل 12 مدنياً في الغارة. وبين المدنيين الذين نقلوا إلى المشفى 3 أطفال.", 3),
    ("أصيب الأطفال الـ4 في القصف على المدرسة.", 4),
])
def test_no_named_total_link(text, count):
    c = [c for c in casualties(report(text)) if c["count"] == count][0]
    assert c["part_of"] is None, c["why"]


# distributing words are breakdown markers (يتوزعون بين): the counts after them are parts of the total before
@pytest.mark.parametrize("text,total,parts", [
    ("قتل 40 شخصاً في قصف على ريف المدينة، يتوزعون بين 25 مدنياً و15 مقاتلاً.", 40, (25, 15)),
    ("أحصت الشبكة مقتل 90 شخصاً خلال الشهر، توزعوا بين 60 مدنياً و30 عسكرياً.", 90, (60, 30)),
    ("وأصيب 52 شخصاً في الاشتباكات، موزعين بين 40 مدنياً و12 مقاتلاً.", 52, (40, 12)),
])
def test_distributed_between_are_parts(text, total, parts):
    rep = report(text)
    t = find(rep, casualties(rep)[0]["outcome"], total)
    for n in parts:
        assert [c for c in casualties(rep) if c["count"] == n][0]["part_of"] == t["id"]
    assert sum(tolls(rep)) in (0, total)


# verbs of including (شملت، ضمت، تضمنت) right before a count are breakdown markers too
@pytest.mark.parametrize("text,total,parts", [
    ("سجلت الشبكة في الشهر الماضي 120 حالة اعتقال، شملت 9 أطفال و4 سيدات.", 120, (9, 4)),
    ("اعتقلت الدوريات 35 شخصاً في الحملة، ضمت 6 نساء.", 35, (6,)),
    ("أحصى المرصد مقتل 60 مدنياً في القصف، وتضمنت 15 طفلاً و8 نساء.", 60, (15, 8)),
])
def test_included_counts_are_parts(text, total, parts):
    rep = report(text)
    t = find(rep, casualties(rep)[0]["outcome"], total)
    for n in parts:
        assert [c for c in casualties(rep) if c["count"] == n][0]["part_of"] == t["id"]
    assert sum(tolls(rep)) in (0, total)


def test_an_including_verb_with_its_own_subject_is_no_breakdown():
    # negative: the verb's own subject stands between it and the count (a campaign that included 20 young men)
    rep = report("قتل 12 مدنياً في القصف، في حين شملت حملة الاعتقالات 20 شاباً من البلدة.")
    assert find(rep, "detained", 20)["part_of"] is None


# a list of parts goes on across the age of a part (… 7 أطفال دون سن العاشرة و3 نساء)
@pytest.mark.parametrize("text,total,part", [
    ("قتل 20 مدنياً منهم 6 أطفال دون سن العاشرة و3 نساء في القصف.", 20, 3),
    ("أصيب 9 أشخاص بينهم فتى في الـ15 من عمره وامرأة في الغارة.", 9, 1),
    ("قتل 14 مدنياً بينهم طفلان عمرهما 5 سنوات وسيدة.", 14, 1),
])
def test_parts_go_on_across_an_age(text, total, part):
    rep = report(text)
    t = find(rep, casualties(rep)[0]["outcome"], total)
    assert [c for c in casualties(rep) if c["count"] == part][-1]["part_of"] == t["id"]
    assert sum(tolls(rep)) == total


def test_parts_do_not_go_on_across_an_age_and_a_comma():
    # negative: a comma after the age ends the list of parts
    rep = report("قتل 20 مدنياً منهم 6 أطفال دون سن العاشرة، و3 نساء في بلدة أخرى.")
    assert find(rep, "killed", 3)["part_of"] is None


def test_distributed_between_after_a_full_stop_is_no_breakdown():
    # negative: a full stop between the total and the distributing word
    rep = report("قتل 40 شخصاً في القصف على البلدة. وكان 30 مدنياً يتوزعون بين 5 مخيمات قريبة.")
    assert all(c["part_of"] is None for c in casualties(rep))


# two counts in one list, each with its own breakdown and place: the second count is a head of its own and
# its breakdown attaches to it
@pytest.mark.parametrize("text,heads", [
    ("أودت الغارات الجوية بحياة ستة مواطنين منهم صبيان اثنان ضمن قرية الهبيط وخمسة مواطنين منهم فتاة ضمن بلدة "
     "كفرنبل يوم الأحد.", (6, 5)),
    ("أسفر القصف عن مقتل 7 مدنيين منهم امرأتان في حي الصاخور، و5 مدنيين منهم طفلان في حي الشعار.", (7, 5)),
    ("قتل 11 شخصاً بينهم 4 قاصرين داخل مدينة أريحا و6 أشخاص بينهم سيدة قرب قرية محمبل.", (11, 6)),
    ("قتل في قرية مليون ثلاثة مدنيين بينهم طفلة، وفي بلدة مجاورة 5 مدنيين بينهم سيدتان.", (3, 5)),
])
def test_each_head_count_keeps_its_own_breakdown(text, heads):
    rep = report(text)
    cas = casualties(rep)
    hs = [c for c in cas if c["part_of"] is None]
    assert tuple(c["count"] for c in hs) == heads
    for c in cas:
        if c["part_of"] is not None:
            t = next(h for h in hs if h["id"] == c["part_of"])
            assert max((h["span"][0] for h in hs if h["span"][0] < c["span"][0])) == t["span"][0]
    assert tolls(rep)[0] == sum(heads)


def test_a_breakdown_of_two_heads_negative():
    # negative: a second count with no noun of its own after a breakdown continues the parts
    rep = report("قتل 11 شخصاً بينهم 4 قاصرين و3 سيدات داخل مدينة أريحا.")
    assert [c["count"] for c in casualties(rep) if c["part_of"] is None] == [11]


#: place_locator: a place right after another one with a direction word alone between (بلدة يلدا جنوب دمشق) locates
#: it: the breadth rule does not count it as a second governorate
PLACE_LOCATOR = [
    ("اعتقلت دورية 9 شبان في بلدة يلدا جنوب دمشق.", D, 9, "incident"),
    ("قتل 4 مدنيين بقصف على بلدة عين ترما (شرقي دمشق).", K, 4, "incident"),
    ("أصيب 6 أشخاص بقذائف على مدينة التل شمال دمشق.", I, 6, "incident"),
    # negative: a direction joined by و is a second area
    ("قتل 20 مدنياً في مدينة دوما وجنوب إدلب.", K, 20, "aggregate"),
]


@pytest.mark.parametrize("text,outcome,count,scope", PLACE_LOCATOR)
def test_a_place_that_locates_another_is_no_breadth(text, outcome, count, scope):
    assert find(report(text), outcome, count)["scope"] == scope


#: concern_not_tally: a lead line with no count that voices concern or condemnation over a period (lexicons/scope.json
#: concern_words) does not make the report a tally report: a body count with a town of its own is an incident
CONCERN_LEAD = [
    ("أبدت منظمة الصحة العالمية قلقها من تكرار الضربات على المرافق الطبية خلال شهر آذار الماضي.\nوقال "
     "المتحدث باسم المنظمة إن قذيفة أصابت مدخل مستشفى في مدينة أريحا، ما أدى إلى مقتل ممرضة وجرح 4 من المراجعين.",
     K, 1, "incident"),
    ("أدانت الشبكة استمرار حملات الاعتقال في محافظة درعا منذ بداية العام.\nواعتقلت دورية للأمن العسكري 7 شبان من "
     "بلدة الحراك.", D, 7, "incident"),
    ("ندد الائتلاف بالقصف المتواصل على ريف إدلب خلال الأسبوع الماضي.\nوقتل 3 مزارعين بغارة على أرض زراعية قرب "
     "بلدة كفرنبل.", K, 3, "incident"),
    # negative: a lead line that documents the period frames the report as a tally
    ("وثقت الشبكة حملات الاعتقال في محافظة درعا منذ بداية العام.\nواعتقلت دورية للأمن العسكري 7 شبان من بلدة "
     "الحراك.", D, 7, "aggregate"),
]


@pytest.mark.parametrize("text,outcome,count,scope", CONCERN_LEAD)
def test_a_lead_of_concern_over_a_period_is_no_tally(text, outcome, count, scope):
    assert find(report(text), outcome, count)["scope"] == scope


#: statement_day: a day named after a verb of saying and its speaker, with a complementizer or a statement noun after it
#: (أكد المدير، يوم الخميس، أن …) is the day of the statement: no incident's day for a line of a tally report
STATEMENT_DAY = [
    ("وثق المرصد مقتل 900 شخص في سوريا خلال شهر أيار.\nوقال مدير المرصد، يوم الأحد، إن 210 مقاتلين من الفصائل قتلوا "
     "في المعارك.", K, 210, "aggregate", "line_of_tally_report"),
    ("أحصت الشبكة اعتقال 400 شخص خلال شهر تشرين الأول.\nوأوضحت الشبكة، يوم الأربعاء، في بيان أن الأجهزة الأمنية "
     "اعتقلت 35 امرأة.", D, 35, "aggregate", "line_of_tally_report"),
    ("سجل المكتب إصابة 500 مدني بجروح منذ مطلع العام.\nوأعلن المكتب اليوم السبت أن 120 طفلاً أصيبوا بمخلفات الحرب.",
     I, 120, "aggregate", "line_of_tally_report"),
    # negative: a day after the complementizer is the incident's
    ("وثق المرصد مقتل 900 شخص في سوريا خلال شهر أيار.\nوقال المرصد إن 6 مدنيين قتلوا يوم الأحد بقصف على بلدة "
     "كفرنبل.", K, 6, "incident", "single_incident"),
]


@pytest.mark.parametrize("text,outcome,count,scope,rule", STATEMENT_DAY)
def test_the_day_of_a_statement_is_no_incident_day(text, outcome, count, scope, rule):
    c = find(report(text), outcome, count)
    assert (c["scope"], c["why"]["scope"]["rule"]) == (scope, rule)
