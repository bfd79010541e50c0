"""Every scope rule (pipeline/stages/scope.py SCOPE_RULES, and the rules summing.py records in why.scope) has
at least three table rows in different wordings, and at least one negative row: a near-miss wording where
that rule must not be the one that decides the count's scope. Sentences are written for these tests.

The positive rows are the tables of tests/test_summing.py (SCOPE, HEADLINE_FRAMES, PAIRED, LEAD_WITHOUT_COUNT),
whose last column names the rule; the negatives are here. The same holds for the restatement rules
(pipeline/stages/restatements.py, why.same_as): RESTATED in tests/test_summing.py and RESTATED_MORE here.
"""
from __future__ import annotations

import pytest

from pipeline.stages.scope import SCOPE_RULES
from test_summing import HEADLINE_FRAMES, LEAD_WITHOUT_COUNT, PAIRED, RESTATED, SCOPE, casualties, report

K, I, D = "killed", "injured", "detained"

#: the rules summing.py writes into why.scope besides SCOPE_RULES (a count's scope taken from another count)
SUMMING_SCOPE_RULES = ("tally_headline_restated", "paired_with_total", "distributed_over_reported_places",
                       "split_over_named_places")

# (rule that must NOT decide, text, outcome, count, the scope the count has instead)
SCOPE_NEGATIVE = [
    # event_tally_structure: a detail line of one incident is no line of an announced breakdown
    ("event_tally_structure", "وفي تفاصيل الحادثة:\n- قتل 4 مدنيين في قصف على بلدة سرمين يوم الأحد.", K, 4,
     "incident"),
    # announced_breakdown_line: a count in the paragraph after the cue, or with a day of its own
    ("announced_breakdown_line", "وتوزعت الحصيلة بحسب المناطق؛\nوقتل 4 مدنيين في قصف على بلدة سرمين يوم الأحد.",
     K, 4, "incident"),
    ("announced_breakdown_line", "وتوزع الضحايا بحسب المناطق؛ ففي 3 أيار 2019 قتل 6 مدنيين في قصف على بلدة "
     "سرمين.", K, 6, "incident"),
    # one_number_two_outcomes: two numbers, one per outcome
    ("one_number_two_outcomes", "قتل 3 مدنيين وجرح 7 آخرون في غارة على قرية البارة.", K, 3, "incident"),
    ("one_number_two_outcomes", "قتل 3 مدنيين وجرح 7 آخرون في غارة على قرية البارة.", I, 7, "incident"),
    # period_or_tally_cue: خلال + an event noun is no period
    ("period_or_tally_cue", "قتل خلال القصف 4 أشخاص في مدينة سراقب يوم الأحد.", K, 4, "incident"),
    # one_attack_dated_by_month: attacks in the plural, a period word, or no singular attack noun
    ("one_attack_dated_by_month", "وقتل 40 مدنياً في غارات جوية خلال الشهر الماضي.", K, 40, "aggregate"),
    ("one_attack_dated_by_month", "قتل 30 مدنياً بقصف قوات النظام في شهر أيار الماضي.", K, 30, "aggregate"),
    ("one_attack_dated_by_month", "وثقت الشبكة مقتل 25 مدنياً و12 مقاتلاً في المحافظة الشهر الماضي، وقتل 3 "
     "منهم في مجزرة.", K, 25, "aggregate"),
    # still_held_stock: a detention told of one day, with no still-held cue
    ("still_held_stock", "اعتقلت دورية 4 شبان من بلدة الكرك الشرقي يوم الخميس.", D, 4, "incident"),
    # breadth_across_governorates: several towns of one governorate on one day
    ("breadth_across_governorates",
     "قصفت الطائرات الحربية بلدات حاس وكفرنبل ومعرة النعمان بريف إدلب، ما أدى إلى مقتل 9 مدنيين.", K, 9,
     "incident"),
    # period_date_without_local_anchor: a day is no period
    ("period_date_without_local_anchor", "قتل 5 مدنيين يوم 3 نيسان 2021 في قصف على مدينة دوما.", K, 5,
     "incident"),
    # period_from_date: a date with no since-word opens no period
    ("period_from_date", "قتل 2 من عناصر الدفاع المدني في 12 أيار 2019 أثناء عملهم في خان شيخون.", K, 2,
     "incident"),
    # running_total_of_incident / running_total_of_tally: no growing toll, the later death is its own count
    ("running_total_of_incident", "أصيب 8 مدنيين في قصف على بلدة جسر الشغور يوم الأحد.", I, 8, "incident"),
    ("running_total_of_tally", "قتل 12 مدنياً في قصف على مدينة دوما، وقتل 4 آخرون في حرستا.", K, 4, "incident"),
    # line_of_tally_report: an incident report's second count is no tally line
    ("line_of_tally_report", "قتل 3 أطفال بانفجار لغم في قرية الهبيط يوم الاثنين.\n"
     "وفي حادثة أخرى، أصيب رجلان بقصف مدفعي على قرية معرزيتا.", I, 2, "incident"),
    # distributed_over_reported_places: one bombardment of several villages with no count in any of them
    ("distributed_over_reported_places", "قصفت الطائرات الروسية قرى البارة وكنصفرة وسفوهن، ما أدى إلى مقتل 9 "
     "مدنيين توزعوا على القرى الثلاث.", K, 9, "incident"),
    # split_over_named_places: one bombardment of two villages with no count in either
    ("split_over_named_places", "قتل 9 مدنيين بغارات على قريتي كنصفرة والبارة في جبل الزاوية.\nوقال الدفاع المدني "
     "إن فرقه انتشلت الضحايا من تحت الأنقاض.", K, 9, "incident"),
    # day_total_over_incidents: one day named, but no smaller count of its outcome to sum
    ("day_total_over_incidents", "وبلغت حصيلة الغارة على سوق بلدة بنش 6 قتلى.\nوقتل 2 من عناصر الدفاع المدني "
     "أثناء الإسعاف.", K, 6, "incident"),
    ("day_total_over_incidents", "قتل 7 مدنيين في يوم واحد بقصف على مدينة أريحا.", K, 7, "incident"),
    ("day_total_over_incidents", "قتل 8 مدنيين وأصيب 3 آخرون في يوم واحد بغارات على مدينة معرة النعمان.", K, 8,
     "incident"),
    # single_incident: a month's toll of a country is no incident
    ("single_incident", "وثقت الشبكة مقتل 120 مدنياً في شهر آذار 2021.", K, 120, "aggregate"),
    ("single_incident", "وثقت الشبكة مقتل 1204 مدنياً في سوريا خلال شهر آب 2019.", K, 1204, "aggregate"),
    # tally_headline_restated: a headline with a day restates an incident, not a tally
    ("tally_headline_restated", "مقتل 6 مدنيين بقصف على كفرنبل\nقتل 6 مدنيين في قصف على بلدة كفرنبل يوم الأحد.",
     K, 6, "incident"),
    # paired_with_total: two incidents' counts joined by و, with no total of incidents after them
    ("paired_with_total", "قتل 12 مدنياً في قصف على مدينة دوما، وقتل 4 آخرون في حرستا.", K, 12, "incident"),
]


def _positive_rows() -> list[tuple]:
    return [row for table in (SCOPE, HEADLINE_FRAMES, PAIRED, LEAD_WITHOUT_COUNT) for row in table]


def _rule_names() -> list[str]:
    return [r.name for r in SCOPE_RULES] + list(SUMMING_SCOPE_RULES)


@pytest.mark.parametrize("rule,text,outcome,count,scope", SCOPE_NEGATIVE,
                         ids=[f"{r[0]}-{r[1][:30]}" for r in SCOPE_NEGATIVE])
def test_scope_rule_negative(rule, text, outcome, count, scope):
    hits = [c for c in casualties(report(text)) if c["outcome"] == outcome and c["count"] == count]
    assert hits, f"no {outcome} {count}"
    assert all(c["why"]["scope"]["rule"] != rule for c in hits), [c["why"]["scope"] for c in hits]
    assert {c["scope"] for c in hits} == {scope}


@pytest.mark.parametrize("name", _rule_names())
def test_every_scope_rule_has_three_wordings_and_a_negative(name):
    texts = {row[0] for row in _positive_rows() if row[-1] == name}
    assert len(texts) >= 3, f"{name}: {len(texts)} positive wordings"
    assert any(r[0] == name for r in SCOPE_NEGATIVE), f"{name}: no negative row"


def test_the_tables_name_only_rules_that_exist():
    names = set(_rule_names()) | {"breakdown_takes_total", "restatement_takes_restated"}
    assert {row[-1] for row in _positive_rows()} <= names
    assert {r[0] for r in SCOPE_NEGATIVE} <= names


#: the restatement rules (why.same_as)
RESTATEMENT_RULES = ("headline_restates_body", "running_total_supersedes", "repeated_figure", "second_source_figure",
                     "earlier_figure_superseded", "vague_headline_restates_body", "repeated_with_its_pair",
                     "own_figure_kept", "provisional_figure_superseded")

# (text, outcome, count, rule): more wordings of the restatement rules; the count is the restated one
RESTATED_MORE = [
    ("حمص: مقتل 4 مدنيين بانفجار لغم في ريف تلبيسة\nقتل 4 مدنيين، بينهم طفل، جراء انفجار لغم أرضي بسيارتهم قرب "
     "بلدة تلبيسة في ريف حمص الشمالي مساء أمس، وفق ما أفادت به مصادر محلية.", K, 4, "headline_restates_body"),
    ("قتل 2 من عناصر الدفاع المدني في قصف على بلدة سرمين، وبعد ساعات توفي متطوع ثالث متأثراً بجراحه، ليرتفع عدد "
     "القتلى إلى 3.", K, 2, "running_total_supersedes"),
    ("اعتقلت قوات النظام 5 شبان في بلدة جاسم يوم الأحد. وكانت الدورية قد اعتقلت 5 شبان من أبناء جاسم خلال "
     "مداهمة منازلهم.", D, 5, "repeated_figure"),
    ("أصيب 8 أطفال بانفجار مخلفات حربية في قرية الهبيط. وذكر الدفاع المدني أن انفجار المخلفات أدى إلى إصابة 8 "
     "أطفال كانوا يلعبون قرب منازلهم.", I, 8, "repeated_figure"),
    # repeated_figure: one town under two names (its pcode), one agency's vaguer attribution (unknown)
    ("قتل 4 أشخاص بقصف طائرة مسيرة على مدينة القامشلي. وقال بيان للأسايش إن القصف على مدينة قامشلو أدى إلى "
     "استشهاد 4 أشخاص.", K, 4, "repeated_figure"),
    ("قتل 3 مدنيين بقذائف أطلقها مسلحو جبهة النصرة على قرية الحويز. واستهدفت المجموعات الإرهابية قرية الحويز "
     "بالقذائف أمس ما أدى إلى مقتل 3 مدنيين.", K, 3, "repeated_figure"),
    # repeated_figure: a general group (أشخاص) and a more specific one (مدنيين) for the same people
    ("قتل 4 أشخاص بقصف على بلدة الهبيط. وقال الدفاع المدني إن القصف على بلدة الهبيط أدى إلى مقتل 4 مدنيين.", K,
     4, "repeated_figure"),
    ("أصيب 5 مدنيين بانفجار لغم قرب قرية تل حديا. وذكر مصدر طبي أن انفجار اللغم قرب تل حديا أدى إلى إصابة 5 "
     "أشخاص.", I, 5, "repeated_figure"),
    ("اعتقلت دورية 3 أشخاص في بلدة المزيريب. وأفاد ناشطون بأن الدورية اعتقلت 3 مدنيين من المزيريب.", D, 3,
     "repeated_figure"),
    # running_total_supersedes: the detained counted as such (عدد المعتقلين) are any group of the detained
    ("اعتقلت قوات النظام 8 شبان من بلدة الحراك صباحاً، ثم ارتفع عدد المعتقلين إلى 12 مع نهاية الحملة.", D, 8,
     "running_total_supersedes"),
    ("اعتقلت دورية 5 نساء في مدينة نوى، قبل أن يرتفع عدد المعتقلين إلى 7.", D, 5, "running_total_supersedes"),
    ("اعتقلت دورية 6 رجال من قرية المسيفرة، وبعد ساعات ارتفع عدد المعتقلين من القرية إلى 10.", D, 6,
     "running_total_supersedes"),
    # repeated_with_its_pair: a one beside a repeated figure of its event
    ("أسفرت القذائف على حي الميدان في حلب عن مقتل شخص وإصابة 15 شخصاً. وقال مصدر في الشرطة إن القذائف "
     "على حي الميدان أدت إلى وفاة شخص وإصابة 15 آخرين.", K, 1, "repeated_with_its_pair"),
    ("قتلت امرأة وأصيب 6 مدنيين بقصف على بلدة كفرنبل. وقال الدفاع المدني إن القصف على بلدة كفرنبل أدى إلى "
     "وفاة امرأة وإصابة 6 مدنيين.", K, 1, "repeated_with_its_pair"),
    ("اعتقلت دورية للأمن العسكري 7 شبان وامرأة من بلدة داعل. وذكر ناشطون أن الدورية اعتقلت في بلدة داعل 7 شبان "
     "وامرأة خلال المداهمة.", D, 1, "repeated_with_its_pair"),
]

# (rule, text): a near-miss wording where no count is a restatement
RESTATEMENT_NEGATIVE = [
    ("repeated_with_its_pair", "أسفرت القذائف على حي الميدان في حلب عن مقتل شخص وإصابة 15 شخصاً. وفي حي "
     "الشعار أدت القذائف إلى وفاة شخص وإصابة 9 آخرين."),
    ("headline_restates_body", "حمص: مقتل 5 مدنيين بانفجار لغم في ريف تلبيسة\nقتل 4 مدنيين، بينهم طفل، جراء "
     "انفجار لغم أرضي بسيارتهم قرب بلدة تلبيسة في ريف حمص الشمالي مساء أمس."),
    ("running_total_supersedes", "قتل 2 من عناصر الدفاع المدني في قصف على بلدة سرمين، ليرتفع عدد ضحايا البلدة منذ "
     "بداية العام إلى 40."),
    ("repeated_figure", "اعتقلت قوات النظام 5 شبان في بلدة جاسم يوم الأحد. واعتقلت دورية أخرى 5 شبان في بلدة نوى "
     "يوم الاثنين."),
    # ... nor two specific groups of the detained
    ("repeated_figure", "اعتقلت دورية 4 نساء في بلدة جاسم. واعتقلت الدورية 4 أطفال في بلدة جاسم بعد ساعة."),
    # two specific groups (children, women) are never the same people
    ("repeated_figure", "قتل 3 أطفال بقصف على بلدة الهبيط. وقال الدفاع المدني إن القصف على بلدة الهبيط أدى أيضاً "
     "إلى مقتل 3 نساء."),
    ("second_source_figure", "قتل 4 مدنيين بقصف على مدينة أريحا. وأفاد المرصد بمقتل 7 مدنيين في قصف على مدينة "
     "سراقب."),
    ("vague_headline_restates_body", "عشرات الجرحى بقصف على مدينة الباب\nأصيب 6 مدنيين بجروح جراء قصف مدفعي "
     "استهدف سوق مدينة الباب في ريف حلب الشمالي صباح اليوم، بحسب ما أفاد به مراسلنا نقلاً عن مصادر طبية في المدينة."),
    ("earlier_figure_superseded", "ارتفع عدد الجرحى في تفجير مدينة الباب إلى 40، وقتل 25 شخصاً في تفجير منفصل "
     "بمدينة اعزاز."),
    ("own_figure_kept", "قصف على ريف حماة\nقتل 6 مدنيين بقصف مدفعي على بلدة كفرزيتا في ريف حماة الشمالي.\n"
     "وأفاد المرصد بمقتل 9 مدنيين في قصف على بلدة اللطامنة."),
    ("provisional_figure_superseded", "أصيب 7 مدنيين وفق حصيلة أولية لقصف على بلدة كفرنبل. وذكر الدفاع المدني أن "
     "قصفاً على بلدة معرة حرمة أدى إلى إصابة 11 مدنياً."),
    ("vague_headline_restates_body", "نحو 40 جريحاً بقصف على مدينة الباب\nأصيب 25 مدنياً بجروح جراء قصف صاروخي "
     "على مدينة الباب في ريف حلب الشمالي مساء اليوم، وفق ما أفاد به مراسلنا."),
]


@pytest.mark.parametrize("text,outcome,count,rule", RESTATED_MORE)
def test_more_restatements(text, outcome, count, rule):
    cs = [c for c in casualties(report(text)) if c["outcome"] == outcome and c["count"] == count]
    linked = [c for c in cs if c["same_as"] is not None]
    assert linked and linked[0]["why"]["same_as"]["rule"] == rule


@pytest.mark.parametrize("rule,text", RESTATEMENT_NEGATIVE, ids=[r[0] for r in RESTATEMENT_NEGATIVE])
def test_restatement_rule_negative(rule, text):
    assert all(c["same_as"] is None for c in casualties(report(text)))


@pytest.mark.parametrize("name", RESTATEMENT_RULES)
def test_every_restatement_rule_has_three_wordings_and_a_negative(name):
    texts = {row[0] for row in RESTATED + RESTATED_MORE if row[-1] == name}
    assert len(texts) >= 3, f"{name}: {len(texts)} positive wordings"
    assert any(r[0] == name for r in RESTATEMENT_NEGATIVE), f"{name}: no negative row"


def test_the_restatement_tables_name_only_rules_that_exist():
    from pipeline.stages import restatements
    source = open(restatements.__file__, encoding="utf-8").read()
    for name in RESTATEMENT_RULES:
        assert f'"{name}"' in source, name
    assert {row[-1] for row in RESTATED + RESTATED_MORE} <= set(RESTATEMENT_RULES)
