"""Perpetrator attribution on the shapes real reports use (issue 13): tables of (text, count, perpetrator),
several wordings per mechanism, and a negative row of a nearby shape."""
from __future__ import annotations

import pytest

from pipeline.core.normalize import normalize
from pipeline.stages.actors import find_actors
from pipeline.stages.casualties import find_casualties
from pipeline.stages.dates import find_dates
from pipeline.stages.numbers import find_numbers

REG, RUS, ISIS, SDF, TUR = "syrian_regime", "russia", "isis", "sdf", "turkey"


def perps(text: str) -> dict[int, set[str | None]]:
    """count -> the perpetrators found for it."""
    nt = normalize(text)
    out: dict[int, set[str | None]] = {}
    for c in find_casualties(nt, find_numbers(nt), find_actors(nt), find_dates(nt, None)):
        out.setdefault(c.count, set()).add(c.perpetrator)
    return out


# 1. An actor right after a reporting verb and إن or أن (one key once normalized) is the subject of the reported
# clause, not its source.
REPORTED_CLAUSE_SUBJECT = [
    ("وقالت المنظمة في بيانها إن قوات النظام قتلت 31 مدنياً خلال الأسبوع الماضي", 31, REG),
    ("وأكد التقرير أن تنظيم داعش أعدم 17 شخصاً في ريف دير الزور", 17, ISIS),
    ("وذكرت اللجنة أن القوات الكردية اعتقلت 22 شاباً في مدينة الطبقة", 22, SDF),
    ("وأفاد ناشطون بأن القوات الروسية قتلت 8 مدنيين في غارة على البلدة", 8, RUS),
    # the negative row: an actor that reports (قالت X إن) is the source, not the agent
    ("وقالت قوات النظام إن 6 مدنيين قتلوا في انفجار عبوة ناسفة", 6, None),
]


@pytest.mark.parametrize("text,count,perp", REPORTED_CLAUSE_SUBJECT)
def test_reported_clause_subject(text, count, perp):
    assert perps(text).get(count) == {perp}


# 4. The owner of a targeted site (حاجز يتبع لـ X), a targeted facility, or the controller of an area is the
# victims' side, never the agent; an acting patrol of X still is X.
TARGET_OWNER_NOT_AGENT = [
    ("هاجم مسلحون مجهولون حاجزاً يتبع لفرع الأمن العسكري، ما أدى لسقوط قتيلين من عناصر الحاجز", 2, "unknown"),
    ("قصفت القوات التركية معسكراً تابعاً لقوات سوريا الديمقراطية، ما أدى إلى مقتل 4 عناصر", 4, TUR),
    ("استهدفت طائرة مسيرة تركية منشأة لقسد قرب القامشلي، ما أدى إلى إصابة 3 عمال", 3, TUR),
    ("قصف تنظيم داعش الأحياء التي تسيطر عليها قوات النظام، ما أدى إلى مقتل 6 مدنيين", 6, ISIS),
    # the negative row: a patrol that acts is its owner's
    ("داهمت دورية تابعة لقوات النظام منزلاً في البلدة، واعتقلت 3 شبان", 3, REG),
]


@pytest.mark.parametrize("text,count,perp", TARGET_OWNER_NOT_AGENT)
def test_target_owner_not_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# An attack called terrorist with no group named (pro-government register) is unknown's (ANNOTATING.md
# section 6); a label that names its group gives that group.
TERROR_LABELLED_ATTACK = [
    ("ارتقى 3 شهداء جراء الاعتداء الإرهابي على حي الميدان", 3, "unknown"),
    ("وبين مدير الصحة أن حصيلة الشهداء جراء الاعتداءات الإرهابية بلغت 11 شهيداً", 11, "unknown"),
    ("ولفت المصدر إلى أن اعتداءات إرهابية بالقذائف تسببت بارتقاء 6 شهداء", 6, "unknown"),
    ("استشهاد 4 جنود في هجوم إرهابي على نقطة عسكرية في ريف درعا الشرقي", 4, "unknown"),
    ("وأكد المصدر أن الهجوم الإرهابي على الحافلة أسفر عن استشهاد 9 عسكريين", 9, "unknown"),
    ("ارتقى 5 شهداء بهجمات إرهابية بالطائرات المسيرة على قرى سهل الغاب", 5, "unknown"),
    # the negative row: the group is named
    ("ارتقى 4 شهداء جراء اعتداء إرهابيي جبهة النصرة بالقذائف على البلدة", 4, "hts"),
]


@pytest.mark.parametrize("text,count,perp", TERROR_LABELLED_ATTACK)
def test_terror_labelled_attack(text, count, perp):
    assert perps(text).get(count) == {perp}


# 5. Two actors named jointly (و between them, with or without quotes) share the count: null.
JOINT_ATTRIBUTION = [
    ('بينما قتل على يد كل من تنظيم "داعش" و"هيئة تحرير الشام" 57 شخصاً', 57, None),
    ("قتل 20 مدنياً على يد «قوات النظام» و«القوات الروسية» في ريف إدلب", 20, None),
    ("قتلت قوات النظام والقوات الروسية 43 مدنياً خلال الشهر", 43, None),
    # the negative row: one actor in quotes keeps the count
    ('بينما قتل على يد تنظيم "داعش" 57 شخصاً في البادية', 57, ISIS),
]


@pytest.mark.parametrize("text,count,perp", JOINT_ATTRIBUTION)
def test_joint_attribution(text, count, perp):
    assert perps(text).get(count) == {perp}


# 3. A count whose clause refers back to its attack or campaign by a definite cause noun takes the attacker
# of the sentences before it (the rule rows are in test_casualties.PERPETRATOR_RULE_ROWS).
CAUSE_REFERS_BACK = [
    ("داهمت قوات النظام بلدة الكسوة ونصبت الحواجز في أنحائها. وأكد مراسلنا أن الحملة نتج عنها اعتقال 7 أشخاص",
     7, REG),
    ("اقتحمت هيئة تحرير الشام قرية كفرلوسين فجراً.\n\nوقال ناشطون إن المداهمات أسفرت عن اعتقال 9 شبان",
     9, "hts"),
    ("ألقت مروحيات النظام براميل متفجرة على مدينة داريا. وتسببت الغارات بمقتل 5 مدنيين", 5, REG),
    # the negative row: a displacement is not the act of the one attacker before it
    ("ألقت مروحيات النظام براميل متفجرة على مدينة داريا. وتسببت الحملة العسكرية بنزوح 4000 مدني", 4000, None),
]


@pytest.mark.parametrize("text,count,perp", CAUSE_REFERS_BACK)
def test_cause_refers_back(text, count, perp):
    assert perps(text).get(count) == {perp}


# An elliptic count (وإصابة 9 آخرين) shares its head's perpetrator also when the head is decided by the incident
# told around it (pass 3), not only by its own clause.
ELLIPTIC_AFTER_CONTEXT = [
    ("قصفت طائرات حربية روسية البلدة. وأدى القصف إلى مقتل 4 مدنيين وإصابة 9 آخرين", 9, RUS),
    ("ألقت مروحية تابعة لقوات النظام برميلاً متفجراً على حي الكرامة.\n"
     "وسقط البرميل على مبنى سكني، مما أسفر عن مقتل 6 مدنيين وإصابة 11 آخرين", 11, REG),
    ("شن تنظيم داعش هجوماً على حاجز في البادية. وقال مصدر محلي إن الهجوم تسبب بمقتل 5 عناصر، وجرح 3 آخرون",
     3, ISIS),
    # the negative row: a head with no agent anywhere leaves the elliptic count with none
    ("مقتل 5 مدنيين وإصابة 20 آخرين في مدينة حلب", 20, None),
]


@pytest.mark.parametrize("text,count,perp", ELLIPTIC_AFTER_CONTEXT)
def test_elliptic_after_context(text, count, perp):
    assert perps(text).get(count) == {perp}


# 6. The owner of a place of custody named in one count's clause (مراكز الاحتجاز التابعة لـ X) is not the agent
# of the tally counts told after it with a cause and no agent (ANNOTATING.md 1.10 and 1.11); a custody
# pronoun (لديها) still names it as the holder.
CUSTODY_OWNER_NOT_LATER_AGENT = [
    ("قتل (90) شخصاً لأسباب أخرى، منهم (11) ماتوا تحت التعذيب في مراكز الاحتجاز التابعة للنظام السوري، "
     "و(17) قتيلاً نتيجة الحصار", 17, None),
    ("توفي 8 معتقلين تحت التعذيب في السجون التابعة لقوات النظام، و23 شخصاً نتيجة انفجار الألغام", 23, None),
    ("مات 4 محتجزين في مقرات الاحتجاز التابعة لهيئة تحرير الشام، و(12) قتيلاً بسبب نقص الدواء", 12, None),
    # the negative row: the holder of a custody pronoun
    ("قضى 33 شخصاً بسبب التعذيب في مراكز الاحتجاز التابعة لهيئة تحرير الشام، فيما لا يزال 900 شخص مختفين "
     "قسرياً لديها", 900, "hts"),
]


@pytest.mark.parametrize("text,count,perp", CUSTODY_OWNER_NOT_LATER_AGENT)
def test_custody_owner_not_later_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# An actor joined by و to the victims' side inside a counted noun phrase is the victims' side too.
JOINED_TO_VICTIMS = [
    ('بهجوم مباغت لخلايا التنظيم.. مقتل 9 عناصر من قوات النظام و"الدفاع الوطني" وإصابة أكثر من 20 آخرين', 20,
     None),
    ("قتل 6 عناصر من قوات النظام والميليشيات الإيرانية وأصيب 10 آخرون في هجوم لتنظيم داعش في البادية", 10, ISIS),
    ("لقي 4 مقاتلين من قوات سوريا الديمقراطية و«مجلس منبج العسكري» مصرعهم، وجرح 7 آخرون بقصف تركي", 7, TUR),
    # the negative row: an agent joined to nothing inside a count stays the agent
    ("قتل 5 مدنيين وأصيب 8 آخرون بقصف لقوات النظام على البلدة", 8, REG),
]


@pytest.mark.parametrize("text,count,perp", JOINED_TO_VICTIMS)
def test_joined_to_victims(text, count, perp):
    assert perps(text).get(count) == {perp}


# An indefinite or construct cause noun made the count's cause by a result verb (هجمات أسفرت عن، أودى استهداف
# القرية بحياة) refers to the attack told in the sentences before: their one attacker.
CAUSE_INDEFINITE_REFERS_BACK = [
    ("شنت الطائرات الحربية الروسية غارات على ريف إدلب الجنوبي. وقال الدفاع المدني إن فرقه وثقت هجمات أسفرت عن "
     "مقتل 12 مدنياً", 12, RUS),
    ("قصفت القوات التركية قرى ريف تل تمر بالمدفعية.\nأودى استهداف قرية الدردارة بحياة 3 مدنيين", 3, TUR),
    ("فجّر تنظيم داعش سيارة مفخخة قرب حاجز في مدينة الميادين. وتسبب تفجير السيارة بمقتل 7 عناصر", 7, ISIS),
    ("اقتحمت قوات النظام حي القدم في دمشق. وأفاد ناشطون أن حملة دهم نفذت في الحي أسفرت عن اعتقال 15 شاباً",
     15, REG),
    # the negative rows: a counted noun with no result verb is not the count's cause; a dated sentence is a new
    # incident
    ("شنت طائرات روسية غارات على بلدة كفرنبل. واستجابت فرقنا لـ 4 هجمات، كما أسعفت فرقنا 30 مصاباً", 30, None),
    ("قصفت القوات التركية قرية الدردارة. وفي الخامس من آذار 2019 أودى قصف مدفعي بحياة 4 مدنيين في قرية أخرى", 4, None),
]


@pytest.mark.parametrize("text,count,perp", CAUSE_INDEFINITE_REFERS_BACK)
def test_cause_indefinite_refers_back(text, count, perp):
    assert perps(text).get(count) == {perp}


# A pronoun after a clause break (كما أنه، في حين راح ضحية قصفها) refers to the actor named before the break.
PRONOUN_REFERS_BACK = [
    ("وأكد التقرير أن تنظيم داعش قتل 28 مدنياً، كما أنه قتل أيضاً 41 مقاتلاً", 41, ISIS),
    ("قتلت قوات النظام 300 مدني، في حين راح ضحية قصفها 45 مقاتلاً خلال الشهر", 45, REG),
    ("اعتقلت هيئة تحرير الشام 20 شخصاً في إدلب، كما أنها اختطفت 6 نساء من المخيم", 6, "hts"),
    ("وقال المرصد إن القوات الروسية قتلت 12 مدنياً، بينما أودت غاراتها بحياة 5 عناصر", 5, RUS),
    # the negative row: a break with no pronoun opens another clause, its actor unnamed
    ("قتلت قوات النظام 300 مدني، في حين قتل 45 مقاتلاً في اشتباكات متفرقة", 45, None),
]


@pytest.mark.parametrize("text,count,perp", PRONOUN_REFERS_BACK)
def test_pronoun_refers_back(text, count, perp):
    assert perps(text).get(count) == {perp}


# A count with no agent that restates a decided count told shortly before it (same number, group and outcome, in
# another sentence) takes its perpetrator; a list line is its own cause.
RESTATED_COUNT = [
    ("قتل 11 مدنياً إثر تفجير انتحاري نفذه تنظيم داعش في مدينة إنخل.\n\nوأفاد مراسلنا بمقتل 11 مدنياً بينهم "
     "قائد عسكري", 11, {ISIS}),
    ("لقي 25 شخصاً حتفهم جراء غارة لطائرة حربية روسية على سوق بلدة معرة النعمان. وقال الدفاع المدني إن فرقه "
     "انتشلت جثث 25 شخصاً من تحت الأنقاض", 25, {RUS}),
    ("اعتقلت قوات النظام 14 شاباً في حملة دهم بمدينة التل صباح اليوم.\nوأكدت مصادر محلية اعتقال 14 شاباً "
     "بينهم طالب جامعي", 14, {REG}),
    # the negative row: list lines, each with its own cause
    ("توزعت الوفيات كما يلي:\n- 30 بقصف روسي\n- 30 بسبب نقص الدواء", 30, {RUS, None}),
]


@pytest.mark.parametrize("text,count,perp", RESTATED_COUNT)
def test_restated_count(text, count, perp):
    assert perps(text).get(count) == perp


# A definite cause noun after a causal word after the count (نتيجة القصف، جراء الغارات) refers to the attack told
# before it: the one attacker of the clause before the count's, else of the sentences before.
CAUSE_AFTER_REFERS_BACK = [
    ("قتل عاملان جراء القصف التركي على قرية ضهر العرب، كما قتل 3 مقاتلين نتيجة القصف على خط زركان", 3, TUR),
    ("قتل 4 مدنيين بغارات روسية على مدينة أريحا، فيما أصيب 7 أطفال جراء الغارات على بلدة أورم", 7, RUS),
    ("ألقت مروحيات النظام براميل متفجرة على بلدة الهبيط. وقتل 6 مدنيين نتيجة القصف على الأحياء السكنية", 6, REG),
    # the negative row: an indefinite cause after the count is an attack of its own
    ("قتل 4 مدنيين بغارات روسية على مدينة أريحا، فيما قتل 3 رعاة نتيجة انفجار لغم أرضي", 3, None),
]


@pytest.mark.parametrize("text,count,perp", CAUSE_AFTER_REFERS_BACK)
def test_cause_after_refers_back(text, count, perp):
    assert perps(text).get(count) == {perp}


# A count with no agent and no cause of its own, in an undated sentence, takes the one agent of a report that
# names only one, before it (the paragraph after the lead that tells the same incident); not a total with its
# breakdown, not a count with its own cause.
REPORT_SOLE_AGENT = [
    ("قصفت قوات النظام بلدة كفرنبل بالمدفعية الثقيلة صباح اليوم.\n\nوقال مراسلنا في المنطقة إن 6 مدنيين قتلوا "
     "في البلدة", 6, REG),
    ("اقتحمت هيئة تحرير الشام مخيم أطمة فجر الأحد.\n\nوأكدت مصادر محلية اعتقال 9 شبان من سكان المخيم", 9, "hts"),
    ("شنت الطائرات الروسية غارات مكثفة على ريف إدلب الجنوبي.\n\nوأفاد الدفاع المدني بمقتل 7 أشخاص في بلدة "
     "كنصفرة", 7, RUS),
    # the negative rows: two agents in the report; a cause of its own; a total with its breakdown
    ("قصفت قوات النظام والقوات الروسية بلدة كفرنبل.\n\nوقال مراسلنا إن 6 مدنيين قتلوا في البلدة", 6, None),
    ("قصفت قوات النظام بلدة كفرنبل.\n\nوقال مراسلنا إن 4 أطفال أصيبوا جراء انفجار لغم أرضي", 4, None),
    ("قصفت قوات النظام بلدة كفرنبل.\n\nووثقت المنظمة مقتل 40 شخصاً في المحافظة، بينهم 12 طفلاً", 40, None),
    # ... and a tally by side (the sentence counts the victims of a named side)
    ("اغتال مسلحون مجهولون قيادياً في درعا.\n\nوقتل منذ 2011 نحو 300 مدني، و120 من عناصر قوات النظام",
     300, None),
]


@pytest.mark.parametrize("text,count,perp", REPORT_SOLE_AGENT)
def test_report_sole_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# A headline split at two dots: the count opening the part after them takes the one agent of the part before, even
# when the body names other actors.
HEADLINE_SPLIT_ATTACKER = [
    ("بقصف مدفعي تركي.. مقتل 5 مدنيين في ريف منبج\n\nوقال ناشطون إن قوات النظام استهدفت القرية صباح اليوم", 5,
     {TUR}),
    ("بهجوم مباغت لخلايا تنظيم داعش.. مقتل 9 عناصر من قوات النظام في البادية\nوقالت مصادر إن القوات الروسية "
     "قصفت المنطقة", 9, {ISIS}),
    ("بغارات روسية على ريف إدلب… مقتل 6 مدنيين\nوقالت مصادر إن قوات النظام قصفت البلدة", 6, {RUS}),
    # the negative row: two actors joined before the dots share the count
    ("بقصف لقوات النظام والقوات الروسية.. مقتل 8 مدنيين في أريحا", 8, {None}),
]


@pytest.mark.parametrize("text,count,perp", HEADLINE_SPLIT_ATTACKER)
def test_headline_split_attacker(text, count, perp):
    assert perps(text).get(count) == perp


# An actor after a modifier marker right after another actor (المدعومة روسياً، الموالية لإيران) describes that
# actor: the agent stays the head actor; a second owner joined by و (والتابعة للنظام) still makes two agents.
MODIFIER_NOT_AGENT = [
    ("وبحسب الإحصائية فإن القوات الحكومية المدعومة روسياً قتلت في شهر واحد 52 مدنياً", 52, REG),
    ("اختطفت فصائل الجيش الوطني المدعومة من تركيا 14 مواطناً من قرى ناحية راجو", 14, "opposition"),
    ("قصفت الميليشيات الموالية لإيران قرية الصالحية بالصواريخ، ومقتل 3 رعاة", 3, "iran_militias"),
    ("وقالت الوكالة إن قوات سوريا الديمقراطية المدعومة أمريكياً اعتقلت 11 شاباً في بلدة الشحيل", 11, SDF),
    # the negative row: a second owner joined by و shares the strikes
    ("قتل 40 مدنياً جراء غارات الطائرات الحربية الروسية والتابعة للنظام على البلدة", 40, None),
]


@pytest.mark.parametrize("text,count,perp", MODIFIER_NOT_AGENT)
def test_modifier_not_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# A total whose part follows a breakdown marker (منهم 13 …) does not take the part's attribution through
# shared_with_next_count: the part's custodian or agent is the part's only.
PART_AGENT_NOT_TOTAL = [
    ("ورصد الفريق (205) أشخاص قتلوا لأسباب متنوعة، منهم (19) قضوا تحت التعذيب في معتقلات تابعة للنظام",
     205, None),
    ("ووثقنا مقتل 64 شخصاً لأسباب مختلفة، منهم 7 ماتوا تحت التعذيب في مراكز الاحتجاز التابعة لقسد", 64, None),
    ("وأحصى المرصد 120 قتيلاً لأسباب متفرقة، بينهم 15 قضوا برصاص قوات النظام", 120, None),
    ("وبلغ عدد من سقطوا خلال سبعة أيام 210 شهداء، بينهم 40 طفلاً و3 شهداء قضوا بسبب التعذيب في معتقلات "
     "النظام", 210, None),
    ("وبلغ عدد من سقطوا خلال سبعة أيام 210 شهداء، بينهم 40 طفلاً و3 شهداء قضوا بسبب التعذيب في معتقلات "
     "النظام", 3, REG),
    # the negative rows: a count joined by و (no marker) shares the attribution after it; a part with no
    # predicate of its own, or whose total has none (the verb is the whole clause's), gives its agent to the total
    ("أحصى الفريق مقتل 1500 مدني، بينهم 20 مسعفاً، إضافة إلى 120 محتجزاً ماتوا تحت التعذيب داخل معتقلات النظام",
     1500, None),
    ("وأحصى المرصد مقتل 230 شخصاً خلال الأسبوع، فضلاً عن 14 معتقلاً توفوا تحت التعذيب لدى قوات النظام", 230, None),
    ("مقتل 5 مدنيين وإصابة 20 آخرين جراء قصف لقوات النظام على البلدة", 5, REG),
    ("قتل 5 مدنيين بالإضافة إلى إصابة 20 آخرين جراء قصف روسي على البلدة", 5, RUS),
    ("قتل 40 مدنياً بينهم 5 أطفال على يد قوات النظام", 40, REG),
    ("وأكد ناشط محلي أن 12 مدنياً من أسرة واحدة بينهم 5 أطفال قضوا بغارة للتحالف الدولي", 12, "coalition"),
    ("استشهد 3 مدنيين بينهم طفلة وأصيب 7 آخرون بجروح جراء اعتداء التنظيمات الإرهابية على القرية", 3, "unknown"),
]


@pytest.mark.parametrize("text,count,perp", PART_AGENT_NOT_TOTAL)
def test_part_agent_not_total(text, count, perp):
    assert perps(text).get(count) == {perp}


# Armed men or groups that name no group (المسلحون، المجموعات المسلحة، مسلحين) are unknown's (ANNOTATING.md 1.11
# and 6); a group they are said to belong to (مسلحون من داعش) or a side named with them (المناهضة للنظام)
# gives that actor. An SVO plural verb (مجهولين استهدفوا) makes its subject the agent.
UNNAMED_GUNMEN = [
    ("وقال المتحدث إن المجموعات المسلحة قصفت ريف المدينة صباح اليوم، ما أسفر عن مقتل 3 مدنيين", 3, "unknown"),
    ("أفادت الوكالة بأن مسلحين أطلقوا النار على سيارة عند مدخل البلدة، ما أدى لمقتل 2 من المدنيين", 2, "unknown"),
    ("ونقل مراسلنا أن مجهولين هاجموا نقطة أمنية ليلاً، ما تسبب بسقوط 4 قتلى من عناصرها", 4, "unknown"),
    ("قتل 6 أشخاص في قصف شنه المسلحون على أحياء المدينة الغربية", 6, "unknown"),
    ("وأفاد التقرير أن المجموعات المسلحة المناهضة للنظام تسببت بمقتل 8 مدنيين", 8, "opposition"),
    ("قتلت التنظيمات الإسلامية المتشددة 37 شخصاً خلال العام بحسب الإحصائية", 37, "unknown"),
    # the negative rows: gunmen of a named group are that group's; pro-regime gunmen are the victims' side
    ("هاجم مسلحون من داعش موقعاً للجيش في البادية، ما أدى إلى مقتل 5 جنود", 5, ISIS),
    ("قتل 7 من عناصر قوات النظام والمسلحين الموالين لها في هجوم لتنظيم داعش", 7, ISIS),
    ("قتل 12 شخصاً بينهم 4 أطفال وثلاثة مسلحين في غارة روسية على البلدة", 12, RUS),
]


@pytest.mark.parametrize("text,count,perp", UNNAMED_GUNMEN)
def test_unnamed_gunmen(text, count, perp):
    assert perps(text).get(count) == {perp}


# Members of a force named as the subject of an attack or detention verb (عناصر من X نفذت، اعتقلت) act: X is the
# agent, not the targeted side.
MEMBERS_ACTING = [
    ("وبحسب مصادر أهلية، فإن عناصر من قوات سوريا الديمقراطية داهمت منازل في الحي واعتقلت 9 شبان", 9, SDF),
    ("أفاد ناشطون بأن عناصر من الأمن العسكري اعتقلت 4 شبان عند حاجز المدينة", 4, REG),
    ("وذكرت الوكالة أن مقاتلين من هيئة تحرير الشام هاجموا القرية، ما أدى إلى مقتل 3 مدنيين", 3, "hts"),
    # the negative row: members who are killed are the victims' side
    ("قتل 6 عناصر من قوات النظام في هجوم لتنظيم داعش على البادية", 6, ISIS),
]


@pytest.mark.parametrize("text,count,perp", MEMBERS_ACTING)
def test_members_acting(text, count, perp):
    assert perps(text).get(count) == {perp}


# A list of actors joined by و, also across a quoted name that is no actor (X ومرتزقة “Y” ومرتزقة “Z”), shares
# the count: null; one actor repeated in apposition (مرتزقة “الحمزات”) is still one.
JOINED_LIST = [
    ("واختطفت القوات التركية ومرتزقة “لواء الشمال” ومرتزقة “الحمزات”، 9 مواطنين من ريف المدينة", 9, None),
    ("لقي 30 مدنياً حتفهم في غارات نفذتها طائرات النظام الحربية والطيران الروسي على الأسواق", 30, None),
    ('اعتقلت القوات التركية و"الشرطة المدنية" وفصائل الجيش الوطني 12 شخصاً في عفرين', 12, None),
    # the negative row: one group in apposition after its label
    ("واختطف مرتزقة “الحمزات” 5 مواطنين من قرية كفر صفرة", 5, "opposition"),
]


@pytest.mark.parametrize("text,count,perp", JOINED_LIST)
def test_joined_list(text, count, perp):
    assert perps(text).get(count) == {perp}


# An actor and its supporters or mercenaries (وداعميه، ومرتزقته، also inside hashtag marks), or two actors joined by
# a comma and و, share the count: null.
ACTOR_AND_SUPPORTERS = [
    ("تسببت غارات النظام وداعميه خلال يومين بمقتل 14 مدنياً", 14, None),
    ("استشهد 3 مواطنين بهجوم نفذه #الاحتلال التركي# وأعوانه على قرية زركان", 3, None),
    ("قصفت المقاتلات الروسية، ومروحيات النظام السوري أطراف البلدة، ما أدى إلى مقتل 9 مدنيين", 9, None),
    ("قصفت القوات التركية وأعوانها قرية أم الكيف، ما أسفر عن إصابة 6 مدنيين", 6, None),
    # the negative row: a hashtag-marked actor alone keeps the count
    ("استشهد 3 مواطنين بهجوم نفذه #الاحتلال التركي# على قرية زركان", 3, TUR),
]


@pytest.mark.parametrize("text,count,perp", ACTOR_AND_SUPPORTERS)
def test_actor_and_supporters(text, count, perp):
    assert perps(text).get(count) == {perp}


# A count added after another (فضلاً عن مقتل 41، إضافة إلى وفاة 3، بالإضافة لمقتل 4) does not take the agent
# named after the count before it; the attacker of a result chain before both still carries.
ADDED_COUNT = [
    ("وأحصى التقرير 20 قتيلاً برصاص القوات الكردية، بينما توفي 6 أشخاص إثر غارات التحالف الدولي، فضلاً عن "
     "مقتل 41 شخصاً في حوادث متفرقة", 41, None),
    ("قتل 9 مدنيين برصاص قوات النظام في حماة، إضافة إلى وفاة 3 مواطنين في ظروف غامضة", 3, None),
    ("توفي 6 محتجزين تعذيباً في معتقلات النظام خلال الأسبوع، بالإضافة لمقتل 4 صحفيين", 4, None),
    # the negative rows: the attacker before a result chain carries to the added count
    ("وأوضح أن الغارات التركية خلفت قتيلين بالإضافة لإصابة 4 نساء", 4, TUR),
    ("شنت طائرات التحالف غارة على مدرسة، أسفرت عن مقتل 20 مدنياً، فضلاً عن 3 رجال من سكان الحي", 3, "coalition"),
]


@pytest.mark.parametrize("text,count,perp", ADDED_COUNT)
def test_added_count(text, count, perp):
    assert perps(text).get(count) == {perp}


# A count whose sentence names an attack but no actor (بقصف جوي، بغارات، في ضربات نفذتها طائرات حربية) takes the one
# attacker of a report that names only one; a report that names two gives none, and so does a cause that names no
# attacker (a mine).
ATTACK_CAUSE_REPORT_AGENT = [
    ("طيران الأسد يرتكب مجزرة قرب حمص\n\nوقضى 21 مدنياً بقصف جوي طال الطريق الزراعي قرب القرية", 21, REG),
    ("وأعلن الدفاع المدني أن طائرات روسية ضربت سوق الهال فجراً.\n\nhttps://example.org/post/1\n\n"
     "وتشير المعلومات الأولية إلى سقوط تسعة قتلى بغارات طالت السوق", 9, RUS),
    ("قصفت قوات النظام أحياء في ريف دمشق صباح اليوم.\n\nوأفاد مصدر طبي بأن أربعة مدنيين قضوا في ضربات نفذتها "
     "طائرات حربية على مدرسة البلدة", 4, REG),
    # the negative rows: two attackers in the report; a mine names none
    ("قصفت المقاتلات الروسية ومروحيات النظام ريف إدلب.\n\nوأفاد مصدر طبي بأن 6 مدنيين قضوا في ضربات جوية على "
     "البلدة", 6, None),
    ("قصفت قوات النظام بلدة كفرنبل.\n\nوقال مراسلنا إن 4 أطفال أصيبوا جراء انفجار لغم أرضي", 4, None),
]


@pytest.mark.parametrize("text,count,perp", ATTACK_CAUSE_REPORT_AGENT)
def test_attack_cause_report_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# The owner of a checkpoint (حاجز تفتيش للقوات الحكومية) or the controller of the struck area (أحياء خاضعة لـ X) is the
# victims' side, never the agent.
CHECKPOINT_OR_AREA_OWNER = [
    ("تفجير قرب حاجز تفتيش للقوات الحكومية في حمص\n\nقتل سبعة أشخاص وأصيب آخرون", 7, None),
    ("قتلت غارات روسية 4 مدنيين في أحياء خاضعة لهيئة تحرير الشام وسط المدينة", 4, RUS),
    ("أصيب 5 مدنيين جراء قصف طال أحياء الخاضعة لسيطرة قوات النظام في المدينة", 5, None),
    # the negative row: an attacker named after an attack noun is still the agent
    ("قتل 3 مدنيين جراء قصف لقوات النظام على نقطة طبية", 3, REG),
]


@pytest.mark.parametrize("text,count,perp", CHECKPOINT_OR_AREA_OWNER)
def test_checkpoint_or_area_owner(text, count, perp):
    assert perps(text).get(count) == {perp}


# A singular or vague share right after a breakdown marker (بينهم طفل، من بينهم طفلة) with no predicate of its own
# shares the attribution told after it with the count it breaks down.
SHARE_AFTER_MARKER = [
    ("جرح 4 مدنيين بينهم طفل نتيجة قذائف أطلقتها المجموعات الإرهابية على الحي", 4, "unknown"),
    ("قتل 6 مدنيين بينهم امرأة جراء قصف مدفعي تركي على قرية تل جمعة", 6, TUR),
    ("أصيب 9 أشخاص من بينهم طفلة بغارة روسية على سوق البلدة", 9, RUS),
    # the negative row: a share with its own agent after a marker that follows it keeps that agent to itself
    ("وتوفي 90 محتجزاً بينهم نساء وأطفال تحت التعذيب، 70 منهم قضوا على يد قوات النظام", 90, None),
]


@pytest.mark.parametrize("text,count,perp", SHARE_AFTER_MARKER)
def test_share_after_marker(text, count, perp):
    assert perps(text).get(count) == {perp}


# Wordings of the regime's forces across registers (news agency, opposition media) name syrian_regime.
REGIME_WORDINGS = [
    ("أودت غارة لطيران نظام الرئيس بشار الأسد بحياة 24 شخصاً في السوق", 24, REG),
    ("قتلت طائرات النظام السوري والجيش الروسي 900 شخص منذ بدء الحملة", 900, None),
    ("قضى 7 مدنيين بضربات طيران النظام المروحي على كفرزيتا", 7, REG),
    ("وقالت الوكالة إن قوات الرئيس السوري بشار الأسد اعتقلت 30 شخصاً في ريف درعا", 30, REG),
    # the negative row: the president named politically is no agent
    ("دعا المبعوث الرئيس بشار الأسد إلى الحوار، فيما قتل 5 مدنيين بانفجار لغم", 5, None),
]


@pytest.mark.parametrize("text,count,perp", REGIME_WORDINGS)
def test_regime_wordings(text, count, perp):
    assert perps(text).get(count) == {perp}


# An actor and its own factions or militias (القوات التركية وفصائلها، القوات التركية وميليشياتها) share the count: null
# (the Turkish army's factions are the opposition); the regime's militias are the regime (below).
ACTOR_AND_ITS_FACTIONS = [
    ("وذكرت الرابطة أن الجيش التركي وفصائله خطفوا 25 مدنياً من قرى الناحية خلال الشهر", 25, None),
    ("قصفت القوات التركية وميليشياتها أطراف البلدة بالمدفعية، ما أسفر عن مقتل 4 مدنيين", 4, None),
    ("واعتقلت القوات التركية وفصائلها 18 شاباً من أبناء المنطقة بتهم ملفقة", 18, None),
    # the negative row: the factions alone keep the count
    ("واعتقلت فصائل الجيش الوطني 7 شبان من أبناء المنطقة", 7, "opposition"),
]


@pytest.mark.parametrize("text,count,perp", ACTOR_AND_ITS_FACTIONS)
def test_actor_and_its_factions(text, count, perp):
    assert perps(text).get(count) == {perp}


# Two groups joined by و with a belittling epithet before the second (داعش وما يسمى "جيش الإسلام") are two
# actors: the count is shared, null.
JOINED_AFTER_EPITHET = [
    ("واستهدفت هيئة تحرير الشام وما يسمى \"حركة نور الدين الزنكي\" حي السريان بالقذائف، ما أدى إلى استشهاد 3 مواطنين",
     3, None),
    ("أطلق تنظيم داعش وما يسمى جيش الإسلام قذائف على الحي، ما تسبب بإصابة 11 شخصاً", 11, None),
    ("وقصفت هيئة تحرير الشام وما يعرف بحركة أحرار الشام البلدة، ما أسفر عن مقتل 6 مدنيين", 6, None),
    # the negative row: an epithet before one group only
    ("أطلق إرهابيو ما يسمى جبهة النصرة قذائف على الحي، ما تسبب باستشهاد 2 من المدنيين", 2, "hts"),
]


@pytest.mark.parametrize("text,count,perp", JOINED_AFTER_EPITHET)
def test_joined_after_epithet(text, count, perp):
    assert perps(text).get(count) == {perp}


# A count with no agent of its own hit in a similar attack (بغارات مماثلة، في هجوم مماثل) takes the attacker of
# the count before it.
SIMILAR_ATTACK_SAME_AGENT = [
    ("أصيب 3 مدنيين بغارات روسية على بلدة التمانعة، كما قضى طفل في غارات مماثلة طالت قرية قريبة", 1, RUS),
    ("أصيب 4 مدنيين بقصف مدفعي لقوات النظام على كفرنبل، في حين أصيب 3 آخرون في قصف مماثل على حاس", 3, REG),
    ("قتل 5 أشخاص بغارة لطائرة مسيرة تركية قرب القامشلي، فيما جرح 2 في ضربة مماثلة قرب عامودا", 2, TUR),
    # the negative row: a count with no similar or other attack named keeps no agent
    ("أصيب 3 مدنيين بغارات روسية على بلدة التمانعة، كما قضى طفل بانفجار لغم في قرية قريبة", 1, None),
]


@pytest.mark.parametrize("text,count,perp", SIMILAR_ATTACK_SAME_AGENT)
def test_similar_attack_same_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# A headline count with an actor of its own that restates a body count which a rule found no single agent for
# (two actors jointly) takes that null (ANNOTATING.md 1.2): the headline takes the perpetrator of the body count.
_BODY = "، بحسب ما أفاد به ناشطون محليون ومصادر طبية في المنطقة لموقعنا، وسط مخاوف من ارتفاع الحصيلة خلال الساعات القادمة"
HEADLINE_RESTATES_SHARED_BODY = [
    ("القوات التركية تخطف 30 مدنياً في عفرين\n\nذكرت الرابطة أن القوات التركية وفصائلها اختطفت 30 مدنياً خلال "
     "الشهر الماضي" + _BODY, 30, None),
    ("حصيلة الغارات الروسية على جسر الشغور 15 قتيلاً\n\nقتل 15 مدنياً بغارات نفذتها طائرات النظام "
     "والطائرات الروسية على قرى جسر الشغور" + _BODY, 15, None),
    ("مقتل 9 مدنيين بقصف للنظام على دوما\n\nقتل 9 مدنيين في قصف نفذته قوات النظام والقوات الروسية على أحياء "
     "مدينة دوما" + _BODY, 9, None),
    # the negative row: a body count with no agent found leaves the headline's own
    ("مقتل 9 مدنيين بقصف للنظام على دوما\n\nوقال الدفاع المدني إن 9 مدنيين فقدوا حياتهم صباح اليوم في المدينة"
     + _BODY, 9, REG),
]


@pytest.mark.parametrize("text,count,perp", HEADLINE_RESTATES_SHARED_BODY)
def test_headline_restates_shared_body(text, count, perp):
    assert perps(text).get(count) == {perp}


# An agent named after an additive connector (فضلاً عن غارات روسية، إضافة إلى غارة للتحالف) is that of what is added,
# not of the count before the connector; a count joined to the next one's outcome still shares its attribution.
ADDED_AGENT_NOT_CARRIED_BACK = [
    ("قتلت قوات النظام 20 مدنياً، فضلاً عن غارات روسية قتلت 5 أطفال في البلدة", 20, REG),
    ("وثق الفريق اعتقال 14 شخصاً في حملة دهم، إضافة إلى غارة للتحالف الدولي قتلت 3 مدنيين", 14, None),
    ("قضى 6 مدنيين في انفجار لغم، بالإضافة إلى قصف قوات النظام الذي أدى إلى مقتل 4 آخرين", 6, None),
    # the negative row: two outcomes of one attack told after both
    ("قتل 5 مدنيين فضلاً عن إصابة 20 آخرين جراء غارة روسية على البلدة", 5, RUS),
]


@pytest.mark.parametrize("text,count,perp", ADDED_AGENT_NOT_CARRIED_BACK)
def test_added_agent_not_carried_back(text, count, perp):
    assert perps(text).get(count) == {perp}


# A comma and a number open the next item of a list: an agent told after that number is the next item's, not the
# count before the comma; a share told between commas does not cut its total from the agent after it.
COMMA_NUMBER_NEXT_ITEM = [
    ("توفي 11 مدنياً بسبب البرد في المخيمات، 5 برصاص القوات التركية على الحدود", 11, None),
    ("قضى 15 مدنياً بانفجار لغم أرضي في البادية، 7 برصاص قوات سوريا الديمقراطية", 15, None),
    ("قتل 20 مدنياً في انفجار سيارة مفخخة، (6) برصاص قناصة قوات النظام في الحي", 20, None),
    # the negative row: a share between commas, the agent after it is the total's
    ("قتل 10 مدنيين، 4 منهم أطفال، على يد قوات النظام في حماة", 10, REG),
]


@pytest.mark.parametrize("text,count,perp", COMMA_NUMBER_NEXT_ITEM)
def test_comma_number_next_item(text, count, perp):
    assert perps(text).get(count) == {perp}


# A count whose fate is unknown (لا يزال مصير 12 شخصاً مجهولاً، بقي 9 أشخاص مجهولي المصير), told after a count of people
# detained by X in its sentence, is disappeared at X's hands (ANNOTATING.md 1.8), with or without منهم.
FATE_UNKNOWN_AFTER_DETAINED = [
    ("وثق الفريق اعتقال 30 شاباً على يد قوات النظام خلال الشهر، بينما لا يزال مصير 12 شخصاً مجهولاً حتى الآن", 12, REG),
    ("وثقت المنظمة اعتقال 25 مدنياً على يد قوات سوريا الديمقراطية، في حين بقي 9 أشخاص مجهولي المصير", 9, SDF),
    ("سجلت الرابطة اختطاف 14 مواطناً من قبل فصائل الجيش الوطني في عفرين، فيما ما زال مصير 6 مواطنين مجهولاً", 6,
     "opposition"),
    # the negative row: people killed, not detained, before a count of missing people
    ("قتل 5 مدنيين بانفجار عبوة ناسفة في السوق، بينما لا يزال مصير 3 أشخاص مجهولاً تحت الأنقاض", 3, None),
]


@pytest.mark.parametrize("text,count,perp", FATE_UNKNOWN_AFTER_DETAINED)
def test_fate_unknown_after_detained(text, count, perp):
    assert perps(text).get(count) == {perp}


# The side the counted people belong to, named after them with an indefinite تابعين/تابعة (90 من الجنود تابعين
# للنظام), is the victims' side: never the agent of the next count of the list.
MEMBERS_INDEFINITE_NOT_AGENT = [
    ("وبلغت الحصيلة 200 قتيل، منهم 90 من الجنود تابعين للنظام، و15 من المدنيين", 15, None),
    ("بلغت الحصيلة 40 قتيلاً، منهم 18 مسلحاً تابعين لقوات سوريا الديمقراطية، و9 من المدنيين", 9, None),
    ("وقضى 6 عناصر تابعون للفرقة الرابعة، و4 رجال من أبناء القرية في الاشتباكات", 4, None),
    # the negative row: members who act before the count are its agent
    ("اعتقلت عناصر تابعة لقوات النظام 8 شبان في البلدة", 8, REG),
]


@pytest.mark.parametrize("text,count,perp", MEMBERS_INDEFINITE_NOT_AGENT)
def test_members_indefinite_not_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# An actor that only conceals its losses (بسبب تكتم X على خسائرها، وسط تعتيم X) is the cause of an undercount, not the
# agent of the count.
CONCEALING_NOT_AGENT = [
    ("ويرجح ناشطون أن الحصيلة تفوق 800 قتيل بسبب تكتم الفصائل المسلحة على أعداد قتلاها", 800, None),
    ("ويعتقد أن الحصيلة أكبر من 300 قتيل بين العناصر بسبب تكتم قوات النظام على خسائرها في المعارك", 300, None),
    ("ويرجح أن عدد القتلى تجاوز 40 قتيلاً جراء تستر هيئة تحرير الشام على خسائرها", 40, None),
    # the negative row: an attack of the actor is the cause
    ("قتل 20 مدنياً بسبب قصف قوات النظام على البلدة", 20, REG),
]


@pytest.mark.parametrize("text,count,perp", CONCEALING_NOT_AGENT)
def test_concealing_not_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# An actor named after the count and followed by a harm of them (قام مسلحو داعش بإعدامهم، قامت قوات النظام بتصفيتهم) is
# the count's agent; another act on them (بنقل جثثهم) is not a harm.
HARM_OF_THEM_AFTER_ACTOR = [
    ("وثق الفريق مقتل 6 رعاة قامت خلية لتنظيم داعش بإعدامهم في البادية", 6, ISIS),
    ("وثقنا مقتل 5 شبان قامت قوات النظام بتصفيتهم قرب الحاجز", 5, REG),
    ("وتحدث الأهالي عن اعتقال 3 رعاة قامت هيئة تحرير الشام باختطافهم قرب القرية", 3, "hts"),
    # the negative row: moving their bodies is no harm
    ("قتل 4 مدنيين قامت قوات النظام بنقل جثثهم إلى المشفى", 4, None),
]


@pytest.mark.parametrize("text,count,perp", HARM_OF_THEM_AFTER_ACTOR)
def test_harm_of_them_after_actor(text, count, perp):
    assert perps(text).get(count) == {perp}


def headline_perps(text: str) -> dict[int, set[str | None]]:
    """count -> the perpetrators found for it on the first line (the headline)."""
    nt = normalize(text)
    head_end = text.index("\n")
    out: dict[int, set[str | None]] = {}
    for c in find_casualties(nt, find_numbers(nt), find_actors(nt), find_dates(nt, None)):
        if c.ns < head_end:
            out.setdefault(c.count, set()).add(c.perpetrator)
    return out


# A part of a headline total (قتيلان بينهم طفلة) takes its total's perpetrator, not that of a body count of the same
# size told of another incident (مسلحون استهدفوا حياً آخر ما تسبب بمقتل طفلة).
_LONG = "، بحسب ما أفاد به ناشطون محليون ومصادر طبية في المنطقة لموقعنا، وسط مخاوف من ارتفاع الحصيلة خلال الساعات القادمة"
HEADLINE_PART_TAKES_TOTAL = [
    ("قتيلان بينهم طفلة بقذائف على حماة\n\nلقي شخصان بينهم طفلة حتفهما يوم الأحد إثر سقوط قذائف على حيين في مدينة "
     "حماة" + _LONG + ".\nوقالت الشرطة إن مجهولين قصفوا حي الأربعين بالقذائف، ما أدى لمقتل طفلة", {2: {None},
                                                                                               1: {None}}),
    ("مقتل 4 مدنيين بينهم طفل في ريف إدلب\n\nقتل 4 مدنيين بينهم طفل في انفجار مجهول المصدر على أطراف البلدة" + _LONG +
     ".\nوفي حادثة منفصلة قتل طفل برصاص قوات النظام قرب الحاجز", {4: {None}, 1: {None}}),
    ("إصابة 6 أشخاص بينهم امرأة في درعا\n\nأصيب 6 أشخاص بينهم امرأة بانفجار عبوة في سوق المدينة" + _LONG +
     ".\nكما أصيبت امرأة برصاص قوات النظام في حي آخر", {6: {None}, 1: {None}}),
    # the negative row: a headline total decided by its own words carries to its part
    ("مقتل 5 مدنيين بينهم طفلان بغارة روسية على سراقب\n\nقتل 5 مدنيين بينهم طفلان بغارة روسية على مدينة سراقب" +
     _LONG, {5: {RUS}, 2: {RUS}}),
]


@pytest.mark.parametrize("text,expected", HEADLINE_PART_TAKES_TOTAL)
def test_headline_part_takes_total(text, expected):
    assert headline_perps(text) == expected


# Two nationality adjectives of one noun, joined by a hyphen, a slash or a space (الغارات السورية-الروسية،
# القوات السورية الروسية) are one joint agent: null (ANNOTATING.md 1.11, joint attribution without a split).
ADJECTIVE_PAIR_JOINT = [
    ("وقالت المنظمة إن القصف الجوي السوري-الروسي على البلدة أسفر عن مقتل 12 مدنياً بينهم نساء", 12, None),
    ("أدت هجمات القوات السورية الروسية على ريف حماة الشمالي إلى مقتل 9 أطفال خلال أسبوعين", 9, None),
    ("قتلت الغارات السورية / الروسية 14 شخصاً في مدينة معرة النعمان", 14, None),
    ("وشنت الطائرات السورية - الروسية غارات على السوق، ما أسفر عن سقوط 7 قتلى", 7, None),
    # the negative rows: one nationality adjective, or one actor named twice, stays that actor's
    ("قتلت الغارات الروسية 14 شخصاً في مدينة معرة النعمان", 14, RUS),
    ("أسفر القصف المدفعي السوري على البلدة عن مقتل 5 مدنيين", 5, REG),
]


@pytest.mark.parametrize("text,count,perp", ADJECTIVE_PAIR_JOINT)
def test_adjective_pair_joint(text, count, perp):
    assert perps(text).get(count) == {perp}


# A toll over a period told before the count (منذ مطلع العام، منذ أواخر نيسان، طوال الأشهر الماضية) is no toll of
# the attack told in the sentences before: the refer-back rules leave it null (ANNOTATING.md 1.11: a grand total
# is null unless the text gives one actor for it).
PERIOD_TOLL_NOT_REFERRED_BACK = [
    ("قصفت طائرات النظام بلدة كفرنبل صباح الاثنين. وأدى التصعيد منذ أواخر نيسان الفائت إلى مقتل 310 مدنيين",
     310, None),
    ("ألقت المروحيات التابعة لقوات النظام براميل على مدينة اللطامنة. فيما تسببت الحملة منذ مطلع العام بمقتل "
     "420 شخصاً في المنطقة", 420, None),
    ("شنت الطائرات الروسية غارات على بلدة الهبيط. وقالت مصادر إن الغارات أسفرت طوال الأشهر الماضية عن سقوط "
     "185 قتيلاً", 185, None),
    # the negative row: the same attack's own toll, with no period, takes its attacker
    ("قصفت طائرات النظام بلدة كفرنبل صباح الاثنين. وأدى القصف إلى مقتل 31 مدنياً", 31, REG),
]


@pytest.mark.parametrize("text,count,perp", PERIOD_TOLL_NOT_REFERRED_BACK)
def test_period_toll_not_referred_back(text, count, perp):
    assert perps(text).get(count) == {perp}


# A terror label defined as belonging to named groups (المجموعات الإرهابية التابع أغلبها لتنظيم X وما يسمى Y) is their
# epithet; a later label of the report sharing a word with it (المجموعات الإرهابية، الاعتداءات الإرهابية) refers back
# to them: one group is that group, two joined groups are no single agent (null).
DEFINED_LABEL_REFERS_BACK = [
    ("واصلت المجموعات الإرهابية التابع أغلبها لتنظيم جبهة النصرة وما يسمى جيش العزة قصف بلدة محردة.\n"
     "وأفاد مصدر في المحافظة بأن المجموعات الإرهابية استهدفت الحي بالقذائف ما أدى إلى استشهاد 4 مواطنين", 4, None),
    ("اعتدت المجموعات الإرهابية التابعة لتنظيم داعش على أحياء مدينة دير الزور بالقذائف.\n"
     "وقال مصدر طبي إن الاعتداءات الإرهابية أسفرت عن استشهاد 3 مدنيين في حي الجورة", 3, ISIS),
    ("تواصل التنظيمات الإرهابية التابع معظمها لجبهة النصرة وحركة أحرار الشام خرق التهدئة في ريف حماة.\n"
     "وذكر المراسل أن الاعتداءات الإرهابية تسببت بإصابة 9 أشخاص بجروح", 9, None),
    # the negative row: a label the report never defined stays unknown (ANNOTATING.md section 6)
    ("استهدفت المجموعات الإرهابية حي الميدان بالقذائف الصاروخية ما أدى إلى استشهاد 5 مواطنين", 5, "unknown"),
]


@pytest.mark.parametrize("text,count,perp", DEFINED_LABEL_REFERS_BACK)
def test_defined_label_refers_back(text, count, perp):
    assert perps(text).get(count) == {perp}


# A harm verb with its object pronoun (قتلهم، اعتقلتهم) before a bare context alias (النظام) admits it as the
# verb's subject: the share told with it (275 منهم قتلهم النظام) is that actor's.
OBJECT_PRONOUN_VERB_AGENT = [
    ("وتحدث التقرير عن مقتل 305 أشخاص بسبب التعذيب، 210 منهم قتلهم النظام، و13 على يد قوات سوريا الديمقراطية",
     210, REG),
    ("ووثقت الشبكة اعتقال 90 شخصاً، 60 منهم اعتقلتهم قوات النظام، و30 على يد هيئة تحرير الشام", 60, REG),
    ("وقال الأهالي إن 12 شاباً اعتقلهم النظام عند حاجز المدينة", 12, REG),
    ("وأحصى المرصد 44 قتيلاً من المدنيين في المدينة قتلهم النظام بالبراميل المتفجرة", 44, REG),
    # the negative row: the regime named only as the place's ruler (مناطق النظام) names no agent of the count
    ("وقال الأهالي إن 12 شاباً اعتقلوا قرب مدينة يسيطر عليها النظام", 12, None),
]


@pytest.mark.parametrize("text,count,perp", OBJECT_PRONOUN_VERB_AGENT)
def test_object_pronoun_verb_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# A share of a detained count that disappeared (تحول 119 منها إلى حالات اختفاء قسري) has that count's perpetrator
# (ANNOTATING.md 1.8); when that count has no agent the share has none either, not the agent of the count told
# after it.
DISAPPEARED_SHARE_OF_UNATTRIBUTED = [
    ("وسجل التقرير من بين 167 حالة اعتقال تعسفي، تحول 119 منها إلى حالات اختفاء قسري، واعتقل 49 شخصاً على يد قوات "
     "سوريا الديمقراطية", 119, None),
    ("ووثقت الشبكة 230 حالة اعتقال خلال الشهر، تحول 95 منها إلى اختفاء قسري، فيما اعتقلت هيئة تحرير الشام 20 "
     "شخصاً في إدلب", 95, None),
    ("وأحصى التقرير اعتقال 80 مدنياً، تحول 33 منهم إلى مختفين قسرياً، بينما سجل اعتقال 12 شخصاً على يد الجيش "
     "الوطني", 33, None),
    # the negative row: a share of an attributed detained count takes its agent
    ("ووثقت الشبكة اعتقال 80 مدنياً على يد قوات النظام، تحول 33 منهم إلى مختفين قسرياً", 33, REG),
]


@pytest.mark.parametrize("text,count,perp", DISAPPEARED_SHARE_OF_UNATTRIBUTED)
def test_disappeared_share_of_unattributed(text, count, perp):
    assert perps(text).get(count) == {perp}


# The subject of a reporting verb right after it (X قالت / كتبت / أكدت) whose bare complementizer opens the count's
# clause is the statement's source, not the agent; a complementizer with a pronoun (أعلنت أنها قتلت) is the speaker's
# own act.
SPEAKER_BEFORE_REPORTED_CLAUSE = [
    ("وكانت وزارة الدفاع التركية، قد كتبت في وقت سابق على حسابها، أن 10 أشخاص قتلوا في الانفجار", 10, None),
    ("قوات سوريا الديمقراطية قالت في بيان مقتضب إن 7 مدنيين قتلوا بانفجار عبوة في السوق", 7, None),
    ("وكانت وزارة الداخلية السورية أكدت صباح اليوم أن 4 عناصر من الشرطة أصيبوا بجروح في التفجير", 4, None),
    ("وكانت القيادة العامة للجيش السوري ذكرت في بيانها أن 15 مدنياً قتلوا في القصف على الحي", 15, None),
    # the negative row: the speaker tells its own act
    ("وزارة الدفاع الروسية أعلنت أنها قتلت 20 مسلحاً في ريف إدلب", 20, RUS),
]


@pytest.mark.parametrize("text,count,perp", SPEAKER_BEFORE_REPORTED_CLAUSE)
def test_speaker_before_reported_clause(text, count, perp):
    assert perps(text).get(count) == {perp}


# The regime with its own militias (قوات الأسد وميليشياته) is the regime (ANNOTATING.md section 6: ميليشيات الأسد is
# syrian_regime, lexicon own_followers); with its allies (وحلفاؤها) the count is shared (null).
OWN_MILITIAS_SAME_ACTOR = [
    ("فكان 700 شهيد قد قضوا على يد قوات الأسد وميليشياته، فيما سقط 150 شهيداً على يد تنظيم الدولة", 700, REG),
    ("قضى 31 مدنياً على يد قوات النظام وميليشياتها في ريف إدلب الجنوبي", 31, REG),
    ("قتلت قوات الأسد وميليشياته 12 مدنياً في ريف حمص الشمالي", 12, REG),
    # the negative row: with its allies, no single agent
    ("قتل 20 مدنياً على يد قوات النظام وحلفائها في ريف حماة", 20, None),
    ("قصفت قوات النظام وميليشياتها أطراف البلدة بالمدفعية، ما أسفر عن مقتل 4 مدنيين", 4, REG),
]


@pytest.mark.parametrize("text,count,perp", OWN_MILITIAS_SAME_ACTOR)
def test_own_militias_same_actor(text, count, perp):
    assert perps(text).get(count) == {perp}


# An item of a tally told in one sentence (سقط 359 في حلب، و298 في دمشق، …، و27 في الرقة) restates no earlier count of
# the same number: it keeps no agent (the tally by place is not the tally by side before it).
TALLY_ITEM_NOT_RESTATED = [
    ("وقضى 27 شهيداً على يد الميليشيات الكردية، و176 شهيداً على يد تنظيم الدولة. وتوزع الشهداء على المحافظات: سقط "
     "359 شهيداً في حلب، و298 شهيداً في دمشق، و159 شهيداً في إدلب، و27 شهيداً في الرقة", 27, {SDF, None}),
    ("وقتل 40 شخصاً بنيران قوات النظام، و12 شخصاً على يد داعش.\nوفي التوزع الجغرافي قتل 90 شخصاً في درعا و55 شخصاً "
     "في حمص و40 شخصاً في حماة و8 أشخاص في طرطوس", 40, {REG, None}),
    ("واعتقلت قوات النظام 20 شخصاً خلال الشهر، واعتقلت قسد 14 شخصاً. وتوزعت الاعتقالات على المحافظات حيث اعتقل 60 "
     "شخصاً في دمشق، و45 شخصاً في حلب، و33 شخصاً في حمص، و20 شخصاً في درعا", 20, {REG, None}),
    # the negative row: a lone restatement in the next sentence takes the earlier count's agent
    ("وقضى 27 شهيداً على يد الميليشيات الكردية، و176 شهيداً على يد تنظيم الدولة. وأكد المكتب سقوط 27 شهيداً في "
     "ريف الرقة", 27, {SDF}),
]


@pytest.mark.parametrize("text,count,perp", TALLY_ITEM_NOT_RESTATED)
def test_tally_item_not_restated(text, count, perp):
    assert perps(text).get(count) == perp


# A count with no agent restated by a decided count of the next sentence (the lead, then the body: same number,
# group and outcome) takes that count's perpetrator (the gold reads a restatement with the count it restates).
RESTATED_IN_NEXT_SENTENCE = [
    ("قضى 9 مدنيين بينهم أطفال، إثر غارة للطيران الحربي على قرية معارة النعسان.\nوأفاد ناشطون بأن 9 مدنيين قتلوا "
     "بقصف لطيران النظام الحربي على منازل القرية.\nوفي سياق منفصل قصفت القوات الروسية بلدة كنصفرة", 9, {REG}),
    ("مقتل 6 أشخاص في انفجار هز مدينة الباب اليوم. وقالت مصادر محلية إن 6 أشخاص قتلوا بانفجار سيارة مفخخة زرعها "
     "تنظيم داعش قرب السوق. وفي ريف حلب قصفت القوات التركية قرية أم الحوش", 6, {ISIS}),
    ("أصيب 14 مدنياً في قصف على بلدة كفرنبل صباح اليوم. وذكر الدفاع المدني أن قوات النظام قصفت البلدة بالمدفعية ما "
     "أدى لإصابة 14 مدنياً. كما قصفت الطائرات الروسية أطراف مدينة أريحا", 14, {REG}),
    # the negative row: another number in the next sentence is another count
    ("قضى 9 مدنيين بينهم أطفال، إثر غارة للطيران الحربي على قرية معارة النعسان.\nوأفاد ناشطون بأن 4 مدنيين قتلوا "
     "بقصف لطيران النظام الحربي على بلدة أخرى.\nوفي سياق منفصل قصفت القوات الروسية بلدة كنصفرة", 9, {None}),
]


@pytest.mark.parametrize("text,count,perp", RESTATED_IN_NEXT_SENTENCE)
def test_restated_in_next_sentence(text, count, perp):
    assert perps(text).get(count) == perp


# A per-perpetrator list in a tally: a count joined by a comma after a part of another group that counts its total's
# own group is a count of its own beside the total, not one more part (breakdown.sibling_of_total); the agent named
# after it (على يد Y) is its own and does not reach back to the total, which keeps the subject before its verb.
PER_AGENT_SIBLING_COUNTS = [
    ("اعتقلت قوات النظام 120 شخصاً، بينهم 6 أطفال و4 نساء، و18 حالة على يد هيئة تحرير الشام", 120, REG),
    ("اعتقلت قوات النظام 120 شخصاً، بينهم 6 أطفال و4 نساء، و18 حالة على يد هيئة تحرير الشام", 18, "hts"),
    ("وثقت الشبكة أن قوات النظام احتجزت 75 مدنياً، بينهم سيدتان، و22 مدنياً على يد قوات سوريا الديمقراطية", 75, REG),
    ("وثقت الشبكة أن قوات النظام احتجزت 75 مدنياً، بينهم سيدتان، و22 مدنياً على يد قوات سوريا الديمقراطية", 22, SDF),
    ("واعتقل تنظيم داعش 40 شخصاً، منهم 5 قاصرين، و9 حالات كلها من النساء على أيدي فصائل المعارضة", 40, ISIS),
    ("واعتقل تنظيم داعش 40 شخصاً، منهم 5 قاصرين، و9 حالات كلها من النساء على أيدي فصائل المعارضة", 9, "opposition"),
    ("ووثقت الشبكة اعتقال 64 شخصاً بينهم 3 أطفال على يد قوات النظام، و17 حالة بينها طفل على يد تنظيم داعش", 17, ISIS),
    # the negative rows: a part of another group after the comma is one more part of the total; with no comma a
    # part of the total's group goes on the list (its own agent stays its own)
    ("واعتقلت فصائل المعارضة 60 شخصاً، بينهم 9 أطفال، و7 نساء", 7, "opposition"),
    ("وبلغ عدد من سقطوا خلال الشهر 90 شهيداً، بينهم 12 طفلاً و4 شهداء قضوا تحت التعذيب في سجون النظام", 90, None),
]


@pytest.mark.parametrize("text,count,perp", PER_AGENT_SIBLING_COUNTS)
def test_per_agent_sibling_counts(text, count, perp):
    assert perps(text).get(count) == {perp}


# Fighters killed in battles or clashes with a named side are attributed to that side (ANNOTATING.md 1.11): a clash
# noun with مع (في معارك مع، خلال مواجهات مع، في اشتباك مع) is an attribution marker; a total with a share told with a
# verb of its own (سقط منهم 41 في المعارك مع X) does not take the share's agent (shared_with_next_count).
CLASH_WITH_OTHER_SIDE = [
    ("قتل 7 من مقاتلي الفصائل في اشتباكات مع قوات النظام، و3 في معارك مع تنظيم داعش", 3, ISIS),
    ("لقي 11 عنصراً من قوات سوريا الديمقراطية حتفهم خلال مواجهات مع الفصائل الموالية لتركيا", 11, "opposition"),
    ("قتل 14 مقاتلاً من فصائل المعارضة في معركة مع قوات النظام بريف اللاذقية", 14, REG),
    ("بلغ عدد القتلى من العسكريين 60 مقاتلاً سقط منهم 41 في المعارك مع قوات النظام", 41, REG),
    ("بلغ عدد القتلى من العسكريين 60 مقاتلاً سقط منهم 41 في المعارك مع قوات النظام", 60, None),
    # the negative rows: battles between two named sides give no single agent
    ("قتل 9 مقاتلين في اشتباكات بين قوات النظام وفصائل المعارضة", 9, None),
    ("مقتل 6 مدنيين في معارك بين قوات النظام وتنظيم داعش", 6, None),
]


@pytest.mark.parametrize("text,count,perp", CLASH_WITH_OTHER_SIDE)
def test_clash_with_other_side(text, count, perp):
    assert perps(text).get(count) == {perp}


# An attack noun with an owner (اعتداء لـ X، اعتداءات لقوات X، تفجير مفخخة لتنظيم X، قصف جوي للنظام): the owner is
# the agent of the counts the attack causes, in a headline too (اعتداء is an attribution marker like هجوم).
ATTACK_NOUN_OWNER = [
    ("مقتل طفلين وإصابة 5 مدنيين في اعتداء لقوات الاحتلال التركي على قرى ريف تل تمر", 5, TUR),
    ("مقتل طفلين وإصابة 5 مدنيين في اعتداء لقوات الاحتلال التركي على قرى ريف تل تمر", 2, TUR),
    ("أصيب 3 عمال جراء اعتداءات للفصائل الموالية لتركيا على محطة المياه", 3, "opposition"),
    ("قتل 8 أشخاص في اعتداء مسلح لخلايا تنظيم داعش على حاجز في البادية", 8, ISIS),
    ("تفجير بسيارة مفخخة لتنظيم داعش يقتل 9 أشخاص قرب الراعي\nقضى 9 أشخاص اليوم إثر انفجار سيارة ملغومة أمام "
     "مقر عسكري في البلدة", 9, ISIS),
    ("غارات للطيران الروسي تقتل 8 مدنيين في إدلب", 8, RUS),
    # the negative row: the owner of the attacked site is the target, not the agent
    ("قتل 2 من عناصر الفصائل في اعتداء على مواقع لقوات النظام بريف حماة", 2, None),
]


@pytest.mark.parametrize("text,count,perp", ATTACK_NOUN_OWNER)
def test_attack_noun_owner(text, count, perp):
    assert perps(text).get(count) == {perp}


# A state that backs the actor before it (الفصائل التي تدعمها تركيا، المدعومة من أنقرة) is a supporter, never the agent of
# a count (non_agent_before): an attack by an unnamed party in an area those factions hold has no agent.
BACKER_NOT_AGENT = [
    ("قتل 5 مدنيين جراء انفجار دراجة ملغومة وسط بلدة جنديرس الخاضعة لسيطرة الفصائل التي تدعمها تركيا", 5, None),
    ("قتل 3 أشخاص بانفجار عبوة ناسفة في منطقة تسيطر عليها الفصائل المدعومة من أنقرة", 3, None),
    ("أصيب 6 مدنيين في هجوم بطائرة مسيرة على بلدة يسيطر عليها مسلحون تدعمهم إيران", 6, None),
    ("وذكر المرصد أن قوات النظام المدعومة من روسيا قتلت 36 مدنياً", 36, REG),
    # the negative row: the backed factions that act are the agent
    ("قتل 4 مدنيين في قصف نفذته الفصائل التي تدعمها تركيا على قرية قرب منبج", 4, "opposition"),
]


@pytest.mark.parametrize("text,count,perp", BACKER_NOT_AGENT)
def test_backer_not_agent(text, count, perp):
    assert perps(text).get(count) == {perp}


# A total takes the attribution told after the next count (shared_with_next_count) when that count is a part with its
# noun right after the total's verb (6 مدنيين جرحوا بينهم طفلة نتيجة ...); not when it is a share with no noun told
# with a verb of its own (سقط منهم 41، قضى منهم 12) nor a share after a comma (، منهم 60 في سجون X).
SHARE_WITH_OWN_VERB = [
    ("وسقط 40 مدنياً قضى منهم 12 جراء غارات روسية", 40, None),
    ("وسقط 40 مدنياً قضى منهم 12 جراء غارات روسية", 12, RUS),
    ("وتحول 90 معتقلاً إلى مختفين قسرياً، منهم 60 شخصاً في سجون النظام", 90, None),
    ("وقضى 70 مقاتلاً خلال الأسبوع، قتل منهم 25 في اشتباكات مع تنظيم داعش", 70, None),
    # the negative row: a part with its noun after the total's own verb shares the attribution after it
    ("وأفاد المرصد أن 6 مدنيين جرحوا بينهم طفلة نتيجة قصف مدفعي لقوات النظام على البلدة", 6, REG),
]


@pytest.mark.parametrize("text,count,perp", SHARE_WITH_OWN_VERB)
def test_share_with_own_verb(text, count, perp):
    assert perps(text).get(count) == {perp}


# A total whose parts run on after a clause break (و4 بينهم سيدتان وطفل، بسبب غارة X على ...، ورجل بقصف Y): the agent
# told after one of its parts, before the next, is the total's (agent_after_count by segment); the agent after a
# later part does not reach back across it.
_RUN_ON_1 = ("ووثق المرصد مقتل امرأة جراء قصف لقوات النظام على بلدة كفرنبل صباح اليوم، ليرتفع عدد المدنيين الذين قضوا "
             "منذ الفجر إلى 10، وهم خمسة من أهالي حاس قضوا ببراميل متفجرة ألقتها المروحيات على الأطراف الشمالية "
             "للقرية في جبل الزاوية، و4 بينهم امرأتان وطفل، بسبب غارة روسية استهدفت الحي الغربي من بلدة كنصفرة غرب "
             "المعرة، ورجل وطفل بقصف مدفعي لقوات النظام على قرية معرشورين")
_RUN_ON_2 = ("وأحصى الدفاع المدني حصيلة اليوم، إذ بلغ عدد القتلى 9 مدنيين، وهم 4 بينهم طفلان جراء غارة للطيران الروسي على "
             "السوق الشعبي في وسط مدينة سراقب شرقي إدلب، و3 بينهم سيدة وطفل، جراء قصف بالمدفعية الثقيلة لقوات النظام "
             "على الأطراف الجنوبية لبلدة سرمين، وشاب وطفلة بغارة روسية على تفتناز")
_RUN_ON_3 = ("وأفادت مصادر طبية بمقتل شاب برصاص قناص في مدينة أريحا مساء اليوم، ليرتفع عدد المدنيين الذين قضوا منذ "
             "الصباح إلى 11، وهم 6 من المدنيين بينهم 3 أطفال جراء قصف صاروخي طال المنطقة الصناعية ومحيط المستوصف في مدينة "
             "أريحا، و4 بينهم سيدتان وطفل، جراء غارة للطيران الروسي على الأطراف الشرقية من بلدة محمبل قرب الطريق "
             "الدولي، ورجل بقصف مدفعي لقوات النظام على قرية بسامس")
PART_SEGMENT_AGENT = [
    (_RUN_ON_1, 4, RUS),
    (_RUN_ON_2, 3, REG),
    (_RUN_ON_3, 4, RUS),
    # the negative row: an area controller between the parts is no agent; the one after the last part is the total's
    (_RUN_ON_2.replace("جراء قصف بالمدفعية الثقيلة لقوات النظام على الأطراف الجنوبية لبلدة سرمين، وشاب وطفلة بغارة "
                       "روسية على تفتناز", "في الأطراف الجنوبية لبلدة سرمين الخاضعة لسيطرة الفصائل، وشاب وطفلة، جراء "
                       "قصف مدفعي لقوات النظام"), 3, REG),
]


@pytest.mark.parametrize("text,count,perp", PART_SEGMENT_AGENT)
def test_part_segment_agent(text, count, perp):
    assert perps(text).get(count) == {perp}
