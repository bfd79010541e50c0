"""Facilities: type and count per phrase, context rule, negatives, spans, the seed report."""
from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import regex

from pipeline.stages.actors import find_actors
from pipeline.stages.facilities import FACILITY_TYPES, _data, find_facilities
from pipeline.core.lexicon import load_json
from pipeline.core.mentions import NumberMention
from pipeline.core.normalize import norm_key, normalize

try:  # the numbers stage is written in parallel; fall back to a tiny reader in tests only
    from pipeline.stages.numbers import find_numbers
except ImportError:  # pragma: no cover
    _WORDS = {"ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "خمسه": 5, "عشرات": None}
    _NUM = regex.compile(r"(?<![\p{L}\p{N}])(?:[وب]?)(\d+|ثلاثه|ثلاث|اربعه|خمسه|عشرات)(?![\p{L}\p{N}])")

    def find_numbers(nt):
        out = []
        for m in _NUM.finditer(nt.norm):
            g = m.group(1)
            v = int(g) if g.isdigit() else _WORDS[g]
            out.append(NumberMention(m.start(1), m.end(1), v, v, v, "exact" if v else "tens",
                                     "digits" if g.isdigit() else "words"))
        return out

SEED = Path("/work/shared/seeds/000_773e5da3dd873bb2.txt")
SEED_LOCAL = Path(__file__).resolve().parent / "fixtures" / "seed.txt"


def facilities_of(text: str, with_actors: bool = False):
    nt = normalize(text)
    facs = find_facilities(nt, find_numbers(nt), find_actors(nt) if with_actors else None)
    return nt, facs


def rows_of(text: str):
    nt, facs = facilities_of(text)
    return [(f.type, f.count, nt.quote(f.ns, f.ne)) for f in facs]


ROWS = [
    # a locative noun (أهالي) before a و-conjunct governs the previous noun, not the facility
    ("ألحق القصف أضراراً بمنازل السكان وبكنيسة مار الياس", [("church", 1, "كنيسة")]),
    # hamza spelling variant of the dual
    ("دمرت الغارة بناءين سكنيين في الحي", [("residential", 2, "بناءين سكنيين")]),
    # registers: a counted set and its named members (one entry), power stations named by energy,
    # "in addition to" is no landmark, a research centre, a church after a preposition
    ("قصفت المسيرات 4 محطات للطاقة، بينها محطة كهرباء في ريف المدينة", [("power_station", 4, "4 محطات للطاقة")]),
    ("تعرضت 9 مدارس للقصف، من بينها مدرستان في البلدة", [("school", 9, "9 مدارس")]),
    ("دمر القصف مخبزاً إلى جانب محطة ضخ المياه في القرية",
     [("bakery", 1, "مخبزاً"), ("water_station", 1, "محطة ضخ المياه")]),
    ("طالت الضربات مركزاً للبحوث العلمية قرب المدينة", [("other", 1, "مركزاً للبحوث العلمية")]),
    ("ألحقت القذائف أضراراً بكنيسة البلدة", [("church", 1, "كنيسة")]),
    # school
    ("قصفت الطائرات مدرسة في البلدة", [("school", 1, "مدرسة")]),
    ("استهدف القصف مدرستين في المدينة", [("school", 2, "مدرستين")]),
    ("تضررت 11 مدرسة جراء القصف", [("school", 11, "11 مدرسة")]),
    ("دمر القصف 3 من المدارس", [("school", 3, "3 من المدارس")]),
    ("سقطت قذيفة على إحدى المدارس", [("school", 1, "المدارس")]),
    # university
    ("استهدف صاروخ جامعة حلب", [("university", 1, "جامعة")]),
    # hospital
    ("قصفت الطائرات مشفى المدينة", [("hospital", 1, "مشفى")]),
    ("خرج مستشفى البلدة عن الخدمة بعد الغارة", [("hospital", 1, "مستشفى")]),
    ("استهدفت الغارات مشفيين ميدانيين", [("hospital", 2, "مشفيين")]),
    ("تضرر 7 مشافٍ خلال الشهر جراء القصف", [("hospital", 7, "7 مشافٍ")]),
    # medical_point
    ("استهدف القصف نقطة طبية في الريف", [("medical_point", 1, "نقطة طبية")]),
    ("دمرت الغارة المستوصف الوحيد في القرية", [("medical_point", 1, "المستوصف")]),
    # mosque
    ("قصف الطيران ثلاثة مساجد", [("mosque", 3, "ثلاثة مساجد")]),
    ("استهدف القصف مسجدين في الحي", [("mosque", 2, "مسجدين")]),
    ("دمرت الغارة جامع البلدة", [("mosque", 1, "جامع")]),
    ("تضرر 25 مسجداً جراء القصف", [("mosque", 25, "25 مسجداً")]),
    # church
    ("تضررت كنيسة في القصف", [("church", 1, "كنيسة")]),
    # market
    ("استهدفت الغارات سوقين شعبيين", [("market", 2, "سوقين")]),
    ("قتل 10 مدنيين بقصف على سوق شعبي", [("market", 1, "سوق شعبي")]),
    # bakery
    ("استهدفت غارة مخبز البلدة", [("bakery", 1, "مخبز")]),
    ("خرج الفرن الآلي عن الخدمة بعد القصف", [("bakery", 1, "الفرن الآلي")]),
    # water_station
    ("تضررت محطة مياه الشرب جراء القصف", [("water_station", 1, "محطة مياه الشرب")]),
    # power_station
    ("خرجت محطة تحويل الكهرباء عن الخدمة إثر القصف", [("power_station", 1, "محطة تحويل الكهرباء")]),
    # civil_defense_center
    ("استهدفت الغارة مركز الدفاع المدني في المدينة", [("civil_defense_center", 1, "مركز الدفاع المدني")]),
    ("قصف مركزين للدفاع المدني", [("civil_defense_center", 2, "مركزين للدفاع المدني")]),
    ("استهدفت الطائرات نقطتين طبيتين ومركزاً للدفاع المدني",
     [("medical_point", 2, "نقطتين طبيتين"), ("civil_defense_center", 1, "مركزاً للدفاع المدني")]),
    ("أدت الغارات إلى خروج 3 مستشفيات عن الخدمة", [("hospital", 3, "3 مستشفيات")]),
    ("قصفت إسرائيل مطار دمشق الدولي", [("airport", 1, "مطار")]),
    # camp
    ("سقطت قذائف على مخيم للنازحين", [("camp", 1, "مخيم للنازحين")]),
    ("طال القصف مخيمين في الريف الشمالي", [("camp", 2, "مخيمين")]),
    # government_building
    ("استهدفت الغارات مبنى المحافظة", [("government_building", 1, "مبنى المحافظة")]),
    ("استهدفت الغارات مبنى فرع أمن الدولة", [("government_building", 1, "مبنى فرع")]),
    ("دمر التفجير مخفر الشرطة", [("government_building", 1, "مخفر الشرطة")]),
    # oil_facility
    ("قصف التحالف حقل نفط العمر", [("oil_facility", 1, "حقل نفط")]),
    ("استهدفت الغارات مصفاة النفط", [("oil_facility", 1, "مصفاة النفط")]),
    # airport
    ("شنت الطائرات غارات على مطار الطبقة العسكري", [("airport", 1, "مطار")]),
    # military_base
    ("استهدفت الغارات معسكر الطلائع", [("military_base", 1, "معسكر")]),
    ("قصفت الطائرات اللواء 93 في عين عيسى", [("military_base", 1, "اللواء 93")]),
    ("استهدفت الغارات مقرات التنظيم والفرقة 17", [("military_base", 1, "الفرقة 17")]),
    # residential
    ("دمرت الغارة منزلاً في البلدة", [("residential", 1, "منزلاً")]),
    ("استهدف القصف مبنى سكني في الحي", [("residential", 1, "مبنى سكني")]),
    ("دمر القصف منزلين", [("residential", 2, "منزلين")]),
    # bridge
    ("دمرت الغارات جسر الرقة القديم", [("bridge", 1, "جسر")]),
    # other
    ("استهدف القصف مصنعاً للأدوية", [("other", 1, "مصنعاً")]),
    # a participle of attack or damage is context (a list after a colon)
    ("وكان من بين المنشآت المتضررة: 8 مدارس، ومسجدان، ونقطتان طبيتان",
     [("school", 8, "8 مدارس"), ("mosque", 2, "مسجدان"), ("medical_point", 2, "نقطتان طبيتان")]),
    ("شملت المراكز المستهدفة 6 أفران ومركزين للدفاع المدني",
     [("bakery", 6, "6 أفران"), ("civil_defense_center", 2, "مركزين للدفاع المدني")]),
    # nominative duals of multi-word and construct forms are generated from the lexicon
    ("أصيب مركزان للدفاع المدني بأضرار جسيمة", [("civil_defense_center", 2, "مركزان للدفاع المدني")]),
    ("خرجت محطتا مياه عن الخدمة جراء القصف", [("water_station", 2, "محطتا مياه")]),
    # a weapon or a massacre is context too (headlines without a verb)
    ("براميل متفجرة على مخبز في بلدة الهبيط", [("bakery", 1, "مخبز")]),
    ("مجزرة في سوق مدينة أريحا", [("market", 1, "سوق")]),
    # a landmark that a relative clause says was damaged
    ("سقطت صواريخ قرب المطار، الذي لحقت بمدرجه أضرار", [("airport", 1, "المطار")]),
    # the same facility named again in the sentence or later is one facility
    ("قصفت الطائرات مشفى الأمل ما أدى إلى خروج المشفى عن الخدمة", [("hospital", 1, "مشفى")]),
    ("استهدف صاروخ مركزاً للدفاع المدني. وسقط الصاروخ على المبنى مباشرة",
     [("civil_defense_center", 1, "مركزاً للدفاع المدني")]),
    ("استهدفت غارة مدرسة في القرية. وأدى القصف إلى تضرر المدرسة بشكل كبير", [("school", 1, "مدرسة")]),
    # a second attack on a named facility (different type) still counts
    ("تضرر مشفى التوليد القريب من المخيم جراء القصف", [("hospital", 1, "مشفى")]),
    # another kind of centre
    ("استهدفت مسيرة مركزاً للشبيبة في البلدة", [("other", 1, "مركزاً للشبيبة")]),
    # several in one sentence
    ("وثقنا استهداف مدرستين ومشفيين و سوقين وثلاثة مساجد",
     [("school", 2, "مدرستين"), ("hospital", 2, "مشفيين"), ("market", 2, "سوقين"), ("mosque", 3, "ثلاثة مساجد")]),
    # an umbrella noun over several types is not counted; its parts are
    ("طالت الهجمات 12 منشأة طبية و9 مدارس، بينها 8 مستشفيات و4 نقاط طبية",
     [("school", 9, "9 مدارس"), ("hospital", 8, "8 مستشفيات"), ("medical_point", 4, "4 نقاط طبية")]),
    # a party's claim does not make a facility hit; a witness's or a monitor's report does
    ("قال ناشطون إن الطائرات الروسية أصابت مخبزاً في البلدة", [("bakery", 1, "مخبزاً")]),
    # what a relative clause says about the target is not another target ... unless it speaks of damage
    ("قصفت الطائرات مسجداً، الذي دمر القصف مئذنته", [("mosque", 1, "مسجداً")]),
    ("خرج مشفى البلدة، الذي يخدم أهالي القرى ومخيماً للنازحين، عن الخدمة جراء الغارة", [("hospital", 1, "مشفى")]),
    # the owner of a hit vehicle is not hit
    ("انفجرت عبوة بسيارة تابعة لمخفر الشرطة في البلدة", []),
    # coreference in the body: a definite or dual re-mention of a counted type refers back
    ("قصف مدفعي على قرية التلال.\n\nاستهدفت قذائف الهاون مدرستين في القرية صباح الأحد. "
     "وأدى قصف المدرستين إلى توقف الدوام، ولحقت أضرار بالمدرسة الأكبر.", [("school", 2, "مدرستين")]),
    # أحد/إحدى + dual or plural of a counted type is a reference, not a new facility
    ("ضربت غارة جوية مسجدين في البلدة. وتهدمت مئذنة أحد المسجدين جراء القصف.", [("mosque", 2, "مسجدين")]),
    ("طالت الغارات ثلاثة مخابز في المدينة. وتوقفت إحدى المخابز عن العمل بعد القصف.", [("bakery", 3, "ثلاثة مخابز")]),
    # ... while with nothing counted before, أحد + dual is one facility
    ("أصاب صاروخ أحد المشفيين في المدينة", [("hospital", 1, "المشفيين")]),
    # a facility owning a person noun (also across أحد) says who the people are
    ("قصفت الطائرات مخيماً للنازحين. وقال مدير أحد المخيمات إن القصف أحرق الخيام، "
     "وأصيب عدد من قاطني المخيم.", [("camp", 1, "مخيماً للنازحين")]),
    ("أصابت قذيفة مستوصفاً في الحي، ونقل أطباء المشفى الجرحى بعد القصف", [("medical_point", 1, "مستوصفاً")]),
    # a set counted once in the body, then narrated member by member (one type in its sentence)
    ("أصابت صواريخ عنقودية أربع مدارس على الأقل في الريف الجنوبي. في الثاني من الشهر أصاب صاروخ "
     "مدرسة في بلدة الوادي. وبعد يومين، أصابت قذيفة مدرسة ثانوية في قرية التل.", [("school", 4, "أربع مدارس")]),
    # ... a multi-type tally opens no set: the incidents after it are their own entries
    ("وثقنا استهداف 5 مشاف و3 مدارس في المحافظة. ومن ذلك أن غارة دمرت مدرسة في قرية السهل.",
     [("hospital", 5, "5 مشاف"), ("school", 3, "3 مدارس"), ("school", 1, "مدرسة")]),
]


# Miss classes of real reports (issue 13). Each rule: three wordings or more, and a negative row.
RULE_ROWS = {
    # a tally heading with a colon speaks of what was hit, with no attack verb in its line
    "tally_heading": [
        ("الحصيلة: 12 مدرسة، و3 أفران، ومركز دفاع مدني واحد",
         [("school", 12, "12 مدرسة"), ("bakery", 3, "3 أفران"), ("civil_defense_center", 1, "مركز دفاع مدني")]),
        ("حصيلة الأسبوع: مشفيان ومخبز و4 مساجد",
         [("hospital", 2, "مشفيان"), ("bakery", 1, "مخبز"), ("mosque", 4, "4 مساجد")]),
        ("وجاءت الحصيلة النهائية كالتالي: 7 مدارس ونقطتان طبيتان",
         [("school", 7, "7 مدارس"), ("medical_point", 2, "نقطتان طبيتان")]),
        ("وبلغت حصيلة الجرحى في مشفى المدينة 20 جريحاً", []),
    ],
    # a facility after a preposition of place right behind another one says where that one is
    "location_of_facility": [
        ("قصفت الطائرات مشفى في مخيم اليرموك", [("hospital", 1, "مشفى")]),
        ("سقطت قذيفة على مدرسة داخل مخيم الركبان", [("school", 1, "مدرسة")]),
        ("دمرت غارة مسجداً بمخيم للنازحين قرب الحدود", [("mosque", 1, "مسجداً")]),
        ("استهدف القصف مشفى البلدة ومخيماً للنازحين", [("hospital", 1, "مشفى"), ("camp", 1, "مخيماً للنازحين")]),
        ("سقطت قذيفة على مدرسة، وأخرى في مخيم قريب", [("school", 1, "مدرسة"), ("camp", 1, "مخيم")]),
        # ... also behind a site noun that is no facility of the list (مركز، مستودع، مكتب) in its sentence
        ("أصابت القذيفة مركزاً لجمعية خيرية تعنى بالأيتام في مخيم الهول", []),
        ("سقطت قذيفة على مستودع للمساعدات الإنسانية بمخيم الركبان", [("other", 1, "مستودع")]),
        ("قصف الطيران مكتباً لمنظمة إنسانية محلية داخل مخيم أطمة", [("other", 1, "مكتباً")]),
        # negatives: a site in another clause; a camp with no site before it
        ("استهدف القصف مركز المدينة، وسقطت قذيفة في مخيم قريب", [("camp", 1, "مخيم")]),
        ("قصف الطيران مخيماً للنازحين في ريف إدلب", [("camp", 1, "مخيماً للنازحين")]),
    ],
    # a share (من كل) is no count of facilities hit; the total after من أصل is not hit either
    "ratio": [
        ("تضررت مدرسة من كل أربع مدارس في المحافظة جراء القصف", []),
        ("أدى القصف إلى إغلاق مدرستين من كل خمس مدارس", []),
        ("وتضرر مشفى واحد من بين كل ثلاثة مشاف جراء الغارات", []),
        ("دمرت الغارات 5 مدارس من أصل 12 مدرسة في البلدة", [("school", 5, "5 مدارس")]),
        ("دمرت الغارات 5 مدارس و12 مدرسة أخرى", [("school", 5, "5 مدارس"), ("school", 12, "12 مدرسة")]),
    ],
    # where people were taken or fled to is no target
    "destination": [
        ("قصفت الطائرات البلدة واقتادوا المصابين إلى المشفى", []),
        ("اعتقل المسلحون 10 شبان بعد التفجير وأخذوهم إلى المشفى", []),
        ("التجأت العائلة إلى المسجد هرباً من القصف", []),
        ("وصلت جثث الضحايا إلى المشفى الوطني بعد القصف", []),
        ("قتلت امرأة بقصف أثناء توجهها إلى السوق", []),
        ("قتل طالبان بقصف أثناء ذهابهما إلى المدرسة", []),
        ("سقطت قذيفة على الطريق المؤدي إلى المدرسة", []),
        # where people were released from; a release holds no attack
        ("أطلقت قوات النظام سراح 20 معتقلاً من سجن صيدنايا", []),
        ("طالبت الشبكة بإطلاق سراح المعتقلين في مكتب المبعوث الأممي", []),
        ("أفرجت السلطات عن موقوفين من مخفر المدينة بعد الهجوم", []),
        ("أطلقت قوات النظام صاروخاً على مدرسة البلدة", [("school", 1, "مدرسة")]),
        ("قصفت الطائرات المشفى بعد وصول الجرحى", [("hospital", 1, "المشفى")]),
    ],
    # the subject of a verb of reporting is an organisation speaking, not a site
    "reporting_source": [
        ("وفق ما ذكر مركز الدفاع المدني، قتل 5 مدنيين بالقصف", []),
        ("ووثق ناشطون ومركز الدفاع المدني مقتل 38 مدنياً بالقصف", []),
        ("وقال مشفى الرازي في بيان إن الغارات قتلت 4 أطفال", []),
        ("قال مصدر في مشفى المدينة إن القصف قتل 3 مدنيين", []),
        ("استقبل مشفى البلدة 15 جريحاً جراء الغارات الروسية", []),
        ("وثقت الشبكة قصف البلدة وتضرر مشفى ومدرسة", [("hospital", 1, "مشفى"), ("school", 1, "مدرسة")]),
        ("وأعلنت مديرية الدفاع المدني استهداف مركز الدفاع المدني في البلدة",
         [("civil_defense_center", 1, "مركز الدفاع المدني")]),
    ],
    # a و-conjunct of a landmark is a landmark too; a locative word reaches across أحد/إحدى and
    # compass adjectives (غربي) are locative
    "landmark": [
        ("قتل مدنيان بقصف طال محيط مشفى المدينة الوطني والجامع المجاور له", []),
        ("سقطت قذائف قرب المسجد الكبير والسوق الشعبي", []),
        ("قتل طفل بقصف بالقرب من مدرسة البلدة ومخبز القرية", []),
        ("انفجرت العبوة قرب أحد مراكز الدفاع المدني في البلدة", []),
        ("سقطت قذيفة قرب إحدى المدارس في الحي", []),
        ("انفجرت سيارة مفخخة أمام أحد المساجد", []),
        ("قصفت الطائرات مواقع غربي مخيم واشوكاني", []),
        ("سقطت قذائف شرقي مطار المدينة", []),
        ("أصيب 5 مدنيين بقصف مدفعي ويتلقون العلاج في مشفى المدينة", []),
        ("قتل طفل بقصف جوي وتوفي آخر متأثراً بجراحه في مستشفى البلدة", []),
        ("وقع القصف على بعد 200 متر من المشفى", []),
        ("سقطت القذيفة على بعد أمتار من المدرسة", []),
        ("سقطت قذيفة قرب المشفى، ودمرت غارة ثانية المدرسة", [("school", 1, "المدرسة")]),
        ("سقطت قذيفة على أحد المساجد", [("mosque", 1, "المساجد")]),
    ],
    # a yard or roof is part of the facility (the facility is hit), while near it stays a landmark
    "part_of_facility": [
        ("أصابت غارة ساحة مدرسة الشهيد في البلدة", [("school", 1, "مدرسة")]),
        ("سقطت قذيفة في باحة المسجد الكبير", [("mosque", 1, "المسجد")]),
        ("سقط صاروخ على سطح مشفى المدينة", [("hospital", 1, "مشفى")]),
        ("قتل شاب بقصف قرب ساحة المدرسة", []),
    ],
    # a facility after ل right behind another one owns it (posts and checkpoints are no facility)
    "owner_of_facility": [
        ("استهدف مجهولون حاجزاً يتبع لفرع الأمن العسكري", []),
        ("هاجم مسلحون حاجزاً لفرع المخابرات الجوية قرب البلدة", []),
        ("دمرت غارة مستودعاً للمشفى الميداني", [("other", 1, "مستودعاً")]),
        ("قصفت الطائرات مدرسة البلدة ولمشفى القرية نصيب من القصف",
         [("school", 1, "مدرسة"), ("hospital", 1, "مشفى")]),
    ],
    # a generic noun right before a facility is that facility's building
    "building_of_facility": [
        ("فجر انتحاري نفسه في مبنى مخفر المدينة", [("government_building", 1, "مخفر")]),
        ("دمرت الغارة مبنى المدرسة الابتدائية", [("school", 1, "المدرسة")]),
        ("استهدف القصف مبنى مشفى الأطفال", [("hospital", 1, "مشفى")]),
        ("دمرت الغارة مبنى ومدرسة في البلدة", [("other", 1, "مبنى"), ("school", 1, "مدرسة")]),
    ],
    # a facility noun inside the name given to one already named
    "name_of_facility": [
        ("ما أدى لتضرر منزل ومسجد باسم \"جامع الشلاح\"", [("residential", 1, "منزل"), ("mosque", 1, "مسجد")]),
        ("تضرر مسجد يدعى جامع النور جراء القصف", [("mosque", 1, "مسجد")]),
        ("استهدف القصف مدرسة تسمى مدرسة الشهداء", [("school", 1, "مدرسة")]),
        ("تضرر مسجد وجامع آخر جراء القصف", [("mosque", 1, "مسجد"), ("mosque", 1, "جامع")]),
    ],
    # a facility noun in brackets right after another one names it again
    "apposition": [
        ("استهدفت غارات روسية ورشة نجارة (منشرة أخشاب) على أطراف المدينة", [("other", 1, "ورشة")]),
        ("قصفت الطائرات مشفى الأمل (مستشفى الجراحة) في المدينة", [("hospital", 1, "مشفى")]),
        ("دمرت غارة مخبز البلدة (الفرن الآلي) بالكامل", [("bakery", 1, "مخبز")]),
        ("(مدرسة البلدة) خرجت عن الخدمة بعد القصف", [("school", 1, "مدرسة")]),
        ("قصفت الطائرات مخبزاً وأصابت (مدرسة البلدة)", [("bakery", 1, "مخبزاً"), ("school", 1, "مدرسة")]),
    ],
    # a person noun before the facility, also across quotation marks
    "person_possessor": [
        ("أصيب رئيس \"محكمة دار العدل\" في التفجير", []),
        ("قتل رئيس مخفر المدينة بانفجار عبوة", []),
        ("أصيب المتحدث باسم مشفى المدينة في القصف", []),
        ("قتل معلم مدرسة القرية بقصف جوي", []),
        ("قتلت طالبة جامعة حلب بقصف على الحي", []),
        ("قتل عامل المخبز بقصف على الحي", []),
        ("استهدفت مسيرة حفلاً حضره ضباط الكلية الحربية", []),
        ("قتل اثنان من ضباط المطار العسكري في هجوم بطائرات مسيرة", []),
        ("أصيب مجندو الكتيبة حين سقطت القذائف على المعسكر", [("military_base", 1, "المعسكر")]),
        # teams; people that come from a facility (a person noun, then من)
        ("أسعفت فرق المديرية عشرات المصابين بعد القصف", []),
        ("عملت طواقم المشفى طوال الليل بعد الغارات على البلدة", []),
        ("انفجرت عبوة بسيارة تقل عناصر من فرع الأمن قرب البلدة", []),
        ("أصيب اثنان من كوادر المشفى بانفجار عبوة", []),
        ("قتل ثلاثة أطباء من مشفى البلدة في الغارة على الحي", []),
        ("دمرت الغارات أجزاء من المشفى الوطني", [("hospital", 1, "المشفى")]),
        ("أصيبت قذيفة محكمة البلدة ورئيسها", [("government_building", 1, "محكمة")]),
    ],
    # someone's house (a pronoun suffix) is a house hit
    "possessed_house": [
        ("استهدف قصف لقوات النظام منزلهم في البلدة", [("residential", 1, "منزلهم")]),
        ("أصابت قذيفة السيدة في منزلها بحي الدويلعة", [("residential", 1, "منزلها")]),
        ("دمرت غارة بيتهما بالكامل", [("residential", 1, "بيتهما")]),
        ("قصفت القوات منزله في البلدة", [("residential", 1, "منزله")]),
        ("قتل شاب أمام منزله بإطلاق نار", []),
    ],
    # a bare singular joined to a singular umbrella noun after a number shares its count: inside the umbrella
    # when the umbrella covers its type; a plural umbrella (4 منشآت) or another type leaves it a facility
    "umbrella_share": [
        ("طالت الغارات 31 منشأة صحية ومشفى و17 مدرسة.", [("school", 17, "17 مدرسة")]),
        ("وثق التقرير استهداف 14 منشأة طبية ومشفى في المحافظة.", []),
        ("طال القصف 12 منشأة تعليمية ومدرسة في المدينة خلال الشهر.", []),
        ("تضرر 15 مرفقاً صحياً ونقطة طبية جراء الغارات.", []),
        ("تضررت 11 منشأة طبية ومسجد في البلدة.", [("mosque", 1, "مسجد")]),
        ("دمر القصف 4 منشآت طبية ومشفى ميدانياً في الريف.", [("hospital", 1, "مشفى")]),
    ],
    # a negation earlier in the clause says the facility was not hit; a contrast ends it
    "negated_hit": [
        ("ولم يسفر القصف عن أضرار في المدرسة", []),
        ("قصفت الطائرات الحربية محيط مدينة إدلب دون أن تصيب المشفى", []),
        ("قصفت الطائرات البلدة دون تسجيل أضرار في المشفى", []),
        ("لم يسفر القصف عن ضحايا لكنه دمر المدرسة", [("school", 1, "المدرسة")]),
        ("ولم تسجل إصابات بشرية إلا أن القذيفة ألحقت أضراراً بالمسجد", [("mosque", 1, "المسجد")]),
        ("لم يسفر القصف عن ضحايا، ودمر المدرسة", [("school", 1, "المدرسة")]),
    ],
    # attack words with an object pronoun are context too
    # a relative clause with no damage word of its own describes something; it names no target
    "descriptive_clause": [
        ("استهدف القصف البلدة التي تضم مدرستين ومشفى", []),
        ("قصفت الطائرات الحي الذي يقع فيه مسجد البلدة", []),
        ("استهدفت الغارات محطة المياه، التي تغذي المدينة ومخيم الهول", [("water_station", 1, "محطة المياه")]),
        ("قصفت الطائرات البلدة التي دمرت فيها الغارات مدرستين", [("school", 2, "مدرستين")]),
    ],
    "context_with_pronoun": [
        ("وذكر الناشطون أن المجمع الذي تم استهدافه يحوي روضة أطفال ومدرسة إعدادية",
         [("other", 1, "روضة أطفال"), ("school", 1, "مدرسة إعدادية")]),
        ("وقال الأهالي إن مشفى البلدة تم قصفه مرتين", [("hospital", 1, "مشفى")]),
        ("أكد الأهالي أن مسجد القرية جرى تدميره بالكامل", [("mosque", 1, "مسجد")]),
        ("افتتحت مدرسة جديدة في البلدة بعد ترميمها", []),
    ],
    # posts, checkpoints and neighbourhoods are no facility of the list
    "not_a_facility": [
        ("قتل 4 عناصر في هجوم على نقطة عسكرية قرب المدينة", []),
        ("هاجم مسلحون إحدى النقاط العسكرية للفرقة 15", []),
        ("انفجرت عبوة ناسفة بحاجز لقوات النظام", []),
        ("قتل 28 شخصاً بعد استهداف الحي السكني", []),
        ("استهدفت طائرة حربية مدرستين وحياً سكنياً في البلدة", [("school", 2, "مدرستين")]),
        ("دمرت الغارة مبنى سكنياً في الحي", [("residential", 1, "مبنى سكنياً")]),
    ],
    # a head noun, the site's name, then its kind: one facility of that kind
    "named_site": [
        ("استهدف الاحتلال التركي محطة علوك للمياه بالقذائف", [("water_station", 1, "محطة علوك للمياه")]),
        ("تعرضت محطة السويدية للكهرباء للقصف", [("power_station", 1, "محطة السويدية للكهرباء")]),
        ("قصف التحالف حقل العمر النفطي", [("oil_facility", 1, "حقل العمر النفطي")]),
        ("سقطت قذائف قرب محطة علوك للمياه", []),
        ("استهدفت الغارات محطة القطار في المدينة", []),
    ],
    # offices, workshops, prisons and silos are other facilities; a workshop event is none
    "other_sites": [
        ("قصفت الطائرات مكتباً لمنظمة إغاثية في المدينة", [("other", 1, "مكتباً")]),
        # kitchens (a farm, مزرعة, stays a settlement noun: مزرعة الجامع); a plural without a count is none
        ("انفجر لغم في أحد المطابخ التابعة للفصيل فقتل أربعة عناصر", [("other", 1, "المطابخ")]),
        ("أصابت قذيفة مطبخاً خيرياً يوزع الوجبات على النازحين", [("other", 1, "مطبخاً")]),
        ("دمرت الغارات مطبخين ميدانيين للفصائل شرق البلدة", [("other", 2, "مطبخين")]),
        ("تضررت المطابخ والمحال بعد سقوط القذائف", []),
        ("تعرض سجن المدينة المركزي للقصف", [("other", 1, "سجن")]),
        ("استهدف القصف السايلو ومستشفى في المدينة", [("other", 1, "السايلو"), ("hospital", 1, "مستشفى")]),
        ("قُتل ثلاثة عمال في صوامع القمح بسبب القذائف", []),
        ("نظمت المنظمة ورشة عمل حول آثار القصف على المدارس", []),
        ("تعرض مركز للهلال الأحمر للقصف", [("other", 1, "مركز للهلال الأحمر")]),
        ("استهدف القصف المشفى الميداني ونقطة الإسعاف",
         [("hospital", 1, "المشفى الميداني"), ("medical_point", 1, "نقطة الإسعاف")]),
        ("قصفت الطائرات محطة الوقود عند مدخل البلدة", [("oil_facility", 1, "محطة الوقود")]),
        ("تعرضت سيارة إسعاف تابعة للدفاع المدني للقصف", []),
    ],
}


@pytest.mark.parametrize("text,expected", [row for rows in RULE_ROWS.values() for row in rows],
                         ids=[f"{name}-{i}" for name, rows in RULE_ROWS.items() for i in range(len(rows))])
def test_rule_rows(text, expected):
    assert rows_of(text) == expected


def test_every_rule_has_rows_and_a_negative():
    for name, rows in RULE_ROWS.items():
        assert len(rows) >= 4, name
        assert len({t for t, _ in rows}) == len(rows), name


@pytest.mark.parametrize("text,expected", ROWS)
def test_facility_rows(text, expected):
    assert rows_of(text) == expected


def test_every_type_has_a_row():
    assert {t for _, exp in ROWS for t, _, _ in exp} == set(FACILITY_TYPES)


NEGATIVE = [
    # where the victims were coming back from is not a target
    "قتل ثلاثة رجال بانفجار لغم على طريق عودتهم من سوق المواشي",
    # a facility named only as someone's workplace
    "قال ممرض في نقطة طبية قريبة إن القصف أدى إلى مقتل طفلين",
    "وقالت طبيبة في مستشفى المدينة إن الغارة قتلت ثلاثة مدنيين",
    # an organization named after a directorate is not a government building
    "قالت مديرية صحة حماة إن القصف المدفعي أدى إلى مقتل مدنيين",
    "دمر القصف المدارس والمشافي",  # bare plurals: no count
    "تضررت عدة مساجد جراء القصف",
    "دمر القصف عشرات المدارس",
    "افتتحت مدرسة جديدة في البلدة",  # no attack/damage context
    "عاد الطلاب إلى المدرسة بعد العطلة",
    "قتل طفل بقصف بالقرب من المدرسة",  # landmark, not a target
    "قال مسؤول في إدارة المخيم إن القصف أرعب الأطفال",
    "تضررت المنشآت النفطية والمنشآت المدنية جراء القصف",
    "قصفت الطائرات مدينة جسر الشغور",
    "شنت الطائرات غارات على دير الزور",
    "قصفت قوات النظام الفرقة الرابعة",  # a unit without a number
    "قضى تحت التعذيب في مراكز الاحتجاز",
    "نقل الجرحى إلى المشفى الوطني بعد القصف",  # destination of the wounded
    "أسعف المصابون إلى مستشفى ميداني قريب من موقع الغارة",
    "قتل مسن كان يقيم في منزل قريب من موقع الغارة",  # residence, not a target
    "يعيش آلاف النازحين في مخيم الركبان تحت حصار خانق",  # a siege does not damage the camp
    "واصلت قوات النظام قصف محيط مقر الفرقة 17",  # landmark behind a head noun
    "تسجل كل حادثة مرة واحدة حتى لو تكرر استهداف المنشأة ذاتها",  # anaphoric
    "عاودت الطائرات قصف المشفى نفسه بعد ساعة",
    # umbrella nouns (several SPEC types at once)
    "استهدف القصف 14 منشأة طبية في ريف إدلب",
    "تعرضت 6 منشآت تعليمية للقصف",
    # a claim or a denial by a party to the conflict
    "وزعمت وزارة الدفاع الروسية أن طائراتها دمرت مستودعاً للأسلحة",
    "بينما قالت روسيا إن الطائرات أصابت مستودعاً يحوي ذخائر، وهي رواية لم يثبتها التحقيق إذ لا يوجد أي مستودع في المكان",
    "ونفت الحكومة السورية أن تكون طائراتها قد قصفت المشفى",
    "ونفت وزارة الدفاع الروسية أي قصف لمدرسة البلدة",
    # the owner of the target is not the target
    "استهدفت عبوة ناسفة دورية تابعة لفرع الأمن العسكري",
    # where aircraft took off or people fled from is not a target
    "قال المحققون إن الطائرة أقلعت من مطار حماة العسكري قبل أن تلقي البرميل على البلدة",
    "أجبر القصف مئات العائلات على النزوح من المخيم نحو الحدود",
    # a facility that only names the source of the figures
    "خرجت المضخات عن الخدمة بحسب المجلس المحلي في البلدة",
    # a facility that is said not to exist is no target
    "أكد الأهالي أن القرية التي قصفت لم يكن فيها أي مقر عسكري",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    assert rows_of(text) == []


DECORATED = [
    ("وقد وثّقنا استهدافَ مدرستَين ومشفيَين وثلاثةِ مساجدَ",
     [("school", 2, "مدرستَين"), ("hospital", 2, "مشفيَين"), ("mosque", 3, "ثلاثةِ مساجدَ")]),
    ("تضرّرت ١١ مدرسةً جرّاء القصف", [("school", 11, "١١ مدرسةً")]),
    ("استهدفت الغاراتُ مبنى المحافظــة", [("government_building", 1, "مبنى المحافظــة")]),
]


@pytest.mark.parametrize("text,expected", DECORATED)
def test_spans_quote_original(text, expected):
    nt, facs = facilities_of(text)
    got = []
    for f in facs:
        d = f.to_json(nt)
        assert text[d["span"][0]:d["span"][1]] == d["text"]
        got.append((d["type"], d["count"], d["text"]))
    assert got == expected


def test_perpetrator_from_sentence_actors():
    _, facs = facilities_of("قصفت قوات النظام مدرسة في البلدة", with_actors=True)
    assert [(f.type, f.perpetrator) for f in facs] == [("school", "syrian_regime")]
    _, facs = facilities_of("قصفت قوات النظام والقوات الروسية مدرسة", with_actors=True)
    assert [f.perpetrator for f in facs] == [None]  # shared: left to the events stage
    _, facs = facilities_of("قصفت قوات النظام مدرسة")
    assert [f.perpetrator for f in facs] == [None]


def _seed_text() -> str:
    for p in (SEED, SEED_LOCAL):
        if p.exists():
            return p.read_text(encoding="utf-8")
    pytest.skip("seed report not available")


def test_seed_facilities_exact():
    nt, facs = facilities_of(_seed_text())
    got = Counter((f.type, f.count) for f in facs)
    gold = Counter([("government_building", 1), ("military_base", 1), ("government_building", 1),
                    ("airport", 1), ("military_base", 1), ("school", 2), ("hospital", 2), ("market", 2),
                    ("mosque", 3)])
    assert got == gold
    for f in facs:
        d = f.to_json(nt)
        assert nt.original[d["span"][0]:d["span"][1]] == d["text"]


def test_facility_lexicon_is_clean():
    data = load_json("facilities.json")
    assert set(data["types"]) <= set(FACILITY_TYPES)
    seen: dict[str, str] = {}
    for ftype, forms in data["types"].items():
        assert set(forms) <= {"sg", "du", "pl"}
        for terms in forms.values():
            for t in terms:
                assert t and t.strip() == t and unicodedata.normalize("NFKC", t) == t, t
                key = norm_key(t)
                assert key not in seen, f"duplicate {t!r} ({seen.get(key)} and {ftype})"
                seen[key] = ftype
    for part in ("damage_context", "locative", "shadow", "one_of"):
        terms = data[part]
        assert len({norm_key(t) for t in terms}) == len(terms), part
    assert _data().matcher.conflicts == []


# In production (pipeline.stages.extract.analyse) facilities take their perpetrator from the actors the document
# already found: the sentence's single perpetrator, before the events stage falls back on the casualties'
# side (here the victims' side, which would be wrong).
PRODUCTION_PERPETRATOR = [
    ("استهدف مجهولون حاجزاً لقوات النظام ومخفراً قرب درعا، ما أدى لمقتل عنصرين",
     [("government_building", 1, "unknown")]),
    ("هاجم مسلحون مجهولون مخفر الشرطة في البلدة وقتلوا ثلاثة من عناصر النظام",
     [("government_building", 1, "unknown")]),
    ("قصفت قوات النظام مدرسة في البلدة", [("school", 1, "syrian_regime")]),
    ("وقال ناشطون إن طائرات روسية قصفت مشفى البلدة وأخرجته عن الخدمة", [("hospital", 1, "russia")]),
    # several perpetrators in the sentence: the single one of the facility's clause
    ("دمرت غارة روسية مشفى البلدة، فيما قتلت قوات النظام 4 مدنيين بقصف مدفعي", [("hospital", 1, "russia")]),
    ("قصفت قوات النظام مدرسة البلدة، بينما استهدفت الطائرات الروسية سوقاً شعبياً في المدينة",
     [("school", 1, "syrian_regime"), ("market", 1, "russia")]),
    ("استهدفت طائرات روسية مخبز البلدة، وقصفت قوات النظام مسجد القرية بالمدفعية",
     [("bakery", 1, "russia"), ("mosque", 1, "syrian_regime")]),
    # ... and none when the clause itself shares it
    ("قصفت قوات النظام والقوات الروسية مدرسة", [("school", 1, None)]),
]


@pytest.mark.parametrize("text,expected", PRODUCTION_PERPETRATOR)
def test_production_facilities_take_the_documents_actors(text, expected):
    from pipeline.stages.extract import analyse

    doc = analyse(text)
    assert [(f.type, f.count, f.perpetrator) for f in doc.facilities] == expected


def test_production_finds_actors_once(monkeypatch):
    """A claim verb makes facilities look for parties; they are the document's actors, not a second pass."""
    import pipeline.stages.actors as actors_mod
    from pipeline.stages.extract import analyse

    calls = []
    real = actors_mod.find_actors

    def counting(nt):
        calls.append(1)
        return real(nt)

    monkeypatch.setattr(actors_mod, "find_actors", counting)
    doc = analyse("وزعمت وزارة الدفاع الروسية أن طائراتها دمرت مستودعاً للأسلحة. وقصفت قوات النظام مدرسة")
    assert len(calls) == 1
    assert [(f.type, f.count) for f in doc.facilities] == [("school", 1)]


# The perpetrator rules of facilities (facilities.perpetrators.FACILITY_PERPETRATOR_RULES), with the rule that
# fired: (text, [(type, perpetrator, rule)]); rule None: no rule fired (the events stage decides).
PERPETRATOR_RULES = [
    # single_perpetrator_of_sentence
    ("قصفت قوات النظام مدرسة في البلدة", [("school", "syrian_regime", "single_perpetrator_of_sentence")]),
    ("استهدفت طائرات روسية مشفى المدينة بعدة صواريخ", [("hospital", "russia", "single_perpetrator_of_sentence")]),
    ("دمّر قصف لقوات النظام مسجد القرية بالكامل", [("mosque", "syrian_regime", "single_perpetrator_of_sentence")]),
    # single_perpetrator_of_clause
    ("دمرت غارة روسية مشفى البلدة، فيما قتلت قوات النظام 4 مدنيين بقصف مدفعي",
     [("hospital", "russia", "single_perpetrator_of_clause")]),
    ("قصفت قوات النظام مدرسة البلدة، بينما استهدفت الطائرات الروسية سوقاً شعبياً في المدينة",
     [("school", "syrian_regime", "single_perpetrator_of_clause"), ("market", "russia", "single_perpetrator_of_clause")]),
    ("أغارت طائرات روسية على مخبز الحي، ثم قصفت قوات النظام مسجد القرية",
     [("bakery", "russia", "single_perpetrator_of_clause"), ("mosque", "syrian_regime", "single_perpetrator_of_clause")]),
    ("قصفت قوات النظام مشفى المدينة، بينما دمرت غارة روسية مدرسة القرية",
     [("hospital", "syrian_regime", "single_perpetrator_of_clause"), ("school", "russia", "single_perpetrator_of_clause")]),
    # single_perpetrator_before_facility: none in the facility's clause, one attacker named before it
    ("دمرت مدفعية جيش النظام مدرسة القرية ثم قصفت طائرات روسية البلدة المجاورة",
     [("school", "syrian_regime", "single_perpetrator_before_facility")]),
    ("أغارت طائرات روسية على البلدة مرات عدة، وطالت إحداها مسجداً، فيما قصفت مدفعية النظام القرية",
     [("mosque", "russia", "single_perpetrator_before_facility")]),
    ("شنت الطائرات الروسية غارات على المدينة، ودمرت فرناً آلياً، وقصفت فصائل المعارضة أحياء الضاحية",
     [("bakery", "russia", "single_perpetrator_before_facility")]),
    # single_agent_before_facility: no perpetrator read in the sentence, one actor with no role before the facility
    ("تعقبت الطائرات الروسية قوافل النازحين نحو الشمال، وأصابت إحدى ضرباتها مدرسة في البلدة",
     [("school", "russia", "single_agent_before_facility")]),
    ("كثفت القوات التركية قصفها على الريف، ولحقت أضرار بمحطة لضخ المياه",
     [("water_station", "turkey", "single_agent_before_facility")]),
    ("بدأت مقاتلات التحالف الدولي حملتها على المدينة مساءً، وضربت في يومها الأول مبنى المحافظة",
     [("government_building", "coalition", "single_agent_before_facility")]),
    # an actor inside a facility's own words (فرع أمن الدولة) owns it: never its attacker
    ("بدأت مقاتلات التحالف الدولي حملتها مساءً، فضربت مبنى فرع أمن الدولة، ثم أغار على مطار المدينة",
     [("government_building", "coalition", "single_agent_before_facility"),
      ("airport", "coalition", "single_agent_before_facility")]),
    ("قصفت طائرات روسية مقر فرع الأمن العسكري في المدينة",
     [("government_building", "russia", "single_perpetrator_of_sentence")]),
    ("فجر انتحاري نفسه داخل فرع الأمن السياسي في المدينة", [("government_building", None, None)]),
    # ... not a speaker, an owner, a side of clashes, a counted group of victims, nor an area's controller
    ("بحسب قسد، دمرت الغارات مدرسة القرية", [("school", None, None)]),
    ("أصابت الغارات مستودعات تابعة لحزب الله ومدرسة قريبة", [("school", None, None)]),
    ("دارت معارك بين جيش النظام والفصائل، وتضررت مدرسة البلدة", [("school", None, None)]),
    ("قتل في الغارات 6 عناصر، منهم 4 من الميليشيات الإيرانية، وتضرر مطار المدينة", [("airport", None, None)]),
    ("في بلدة خاضعة لسيطرة قسد، سقطت قذيفة على مدرسة", [("school", None, None)]),
    ("أغارت طائرات روسية على البلدة وقصفت مدفعية النظام أطرافها، وأصيب مشفى المدينة", [("hospital", None, None)]),
    # negatives: two perpetrators in the facility's own clause, and no perpetrator at all
    ("قصفت قوات النظام والقوات الروسية مدرسة", [("school", None, None)]),
    ("تعرضت مدرسة البلدة لقصف أدى إلى دمارها", [("school", None, None)]),
]


@pytest.mark.parametrize("text,expected", PERPETRATOR_RULES)
def test_facility_perpetrator_rules(text, expected):
    _, facs = facilities_of(text, with_actors=True)
    got = [(f.type, f.perpetrator, f.why.get("perpetrator", (None,))[0]) for f in facs]
    assert got == expected


def test_facility_perpetrator_span_is_the_actor():
    nt, facs = facilities_of("قصفت قوات النظام مدرسة في البلدة", with_actors=True)
    s, e = facs[0].why["perpetrator"][1]
    assert nt.norm[s:e] == nt.norm[nt.norm.index("قوات"):nt.norm.index("النظام") + len("النظام")]


def test_every_facility_perpetrator_rule_has_rows():
    from pipeline.stages.facilities.perpetrators import FACILITY_PERPETRATOR_RULES

    for r in FACILITY_PERPETRATOR_RULES:
        assert sum(rule == r.name for _, exp in PERPETRATOR_RULES for _, _, rule in exp) >= 3, r.name
    assert any(rule is None for _, exp in PERPETRATOR_RULES for _, _, rule in exp)


def test_every_not_a_target_rule_has_rule_rows():
    from pipeline.stages.facilities.targets import NOT_A_TARGET_RULES

    for r in NOT_A_TARGET_RULES:
        assert len(RULE_ROWS.get(r.name, [])) >= 4, r.name


# a tally heading that ends its line: the list lines under it speak of what was hit (also a bracketed count);
# where the fire came from is no target; a definite generic noun (المبنى) always refers back to a site
TALLY_LINES_AND_ORIGINS = [
    ("توزعت المنشآت المستهدفة على النحو الآتي:\n- 5 مدارس\n- مشفيان\n\n- 3 أسواق",
     [("school", 5, "5 مدارس"), ("hospital", 2, "مشفيان"), ("market", 3, "3 أسواق")]),
    ("حصيلة الأضرار:\n12 مدرسة\n(3) أفران", [("school", 12, "12 مدرسة"), ("bakery", 3, "3) أفران")]),
    ("الحصيلة النهائية:\n• 4 مساجد\n• كنيستان\nوقال مدير المدرسة إن الطلاب بخير",
     [("mosque", 4, "4 مساجد"), ("church", 2, "كنيستان")]),
    ("وطال القصف ثلاثة مراكز دفاع مدني في الريف الغربي", [("civil_defense_center", 3, "ثلاثة مراكز دفاع مدني")]),
    ("استهدفت طائرة مسيرة مبنى الإدارة الذاتية وسط المدينة",
     [("government_building", 1, "مبنى الإدارة الذاتية")]),
    ("قصفت المدفعية معسكر الطلائع في ريف المدينة", [("military_base", 1, "معسكر")]),
    # forces stationed in a site are hit there: not where the fire came from
    ("استهدفت الغارات مواقع القوات في معسكر الطلائع", [("military_base", 1, "معسكر")]),
]
NOT_TALLY_LINES_AND_ORIGINS = [
    # a list under a heading that is no tally; a line after the list is not part of it
    "وأشار التقرير إلى ما يلي:\n- 5 مدارس مغلقة\n- 3 مشاف تعمل جزئياً",
    "الحصيلة:\nقال مدير المدرسة إن الدوام توقف",
    # where the fire came from
    "قتل مدنيان بقصف مدفعي لقوات النظام من مواقعها في معسكر جورين على البلدة",
    "قصفت الفصائل من مقراتها في معسكر الطلائع القرى المحيطة بالصواريخ",
    "واستهدفت الفصائل من نقاطها في المدرسة الزراعية مواقع القوات المقابلة",
    # the building of a site not counted as a facility
    "استهدف القصف مركزاً للفريق في البلدة، ما تسبب بدمار المبنى وخروجه عن الخدمة",
    # the co-chairs of an office: people, not the office
    "وقالت الإدارة إن الرئيسان المشاركان لمكتب العدالة قتلا في استهداف سيارتهما",
]


@pytest.mark.parametrize("text,expected", TALLY_LINES_AND_ORIGINS)
def test_tally_lines_and_origins(text, expected):
    assert rows_of(text) == expected


@pytest.mark.parametrize("text", NOT_TALLY_LINES_AND_ORIGINS)
def test_not_tally_lines_and_origins(text):
    assert rows_of(text) == []


# an effect on facilities (أثر على) speaks of a hit; water systems are water stations; the subject of a reporting
# verb (لفت، أضاف) is the organisation that speaks
EFFECTS_AND_SOURCES = [
    ("وأوضح التقرير أن التصعيد أثر على 24 مدرسة و20 منظومة مياه في المنطقة",
     [("school", 24, "24 مدرسة"), ("water_station", 20, "20 منظومة مياه")]),
    ("وأثرت الغارات على مشفيين في الريف الجنوبي", [("hospital", 2, "مشفيين")]),
    ("قصفت المدفعية منظومة المياه في البلدة", [("water_station", 1, "منظومة المياه")]),
    # negative of the settlement names: the settlement after the facility owns it
    ("قصفت الطائرات مدرسة القرية", [("school", 1, "مدرسة")]),
]
NOT_EFFECTS_AND_SOURCES = [
    "ولفت المكتب إلى توثيق مقتل 4 مدنيين في القصف",
    "وأضافت المديرية أن القصف أدى إلى مقتل مدنيين",
    "قتل رجل متأثراً بجراحه في المشفى",
    # a facility noun inside a settlement's name
    "استهدفت الغارات قرية الكنيسة في الريف الشمالي",
    "استهدف القصف المدفعي بلدة تل المستشفى",
    "سقطت قذائف على مزرعة الجامع شرق المدينة",
]


@pytest.mark.parametrize("text,expected", EFFECTS_AND_SOURCES)
def test_effects_and_sources(text, expected):
    assert rows_of(text) == expected


@pytest.mark.parametrize("text", NOT_EFFECTS_AND_SOURCES)
def test_not_effects_and_sources(text):
    assert rows_of(text) == []


# restated_hit: a definite noun right after an attack noun states the hit again (one entry per statement, like a
# restated count); a damage word or a person before it (أضرار لحقت بـ، مدير) or a generic noun (المبنى) still refers back
RESTATED_HITS = [
    ("سقطت قذائف على فرن في الحي الشرقي. وقال الأهالي إن استهداف الفرن أوقف توزيع الخبز.",
     [("bakery", 1, "فرن"), ("bakery", 1, "الفرن")]),
    ("أغارت الطائرات على مشفى في البلدة ظهراً. وذكر الدفاع المدني أن الهجوم على المشفى أدى إلى مقتل ممرض.",
     [("hospital", 1, "مشفى"), ("hospital", 1, "المشفى")]),
    ("قصف الطيران الحربي مدرسة ابتدائية في القرية. ونقل المرصد أن عدد ضحايا قصف هذه المدرسة بلغ ستة.",
     [("school", 1, "مدرسة ابتدائية"), ("school", 1, "المدرسة")]),
    ("تعرض سوق شعبي لقصف مدفعي صباح اليوم. وروى شهود أن الغارة التي تعرض لها السوق أوقعت 4 قتلى.",
     [("market", 1, "سوق شعبي"), ("market", 1, "السوق")]),
]
NOT_RESTATED_HITS = [
    ("قصفت المدفعية مدرسة في البلدة. وقال مدير المدرسة إن الطلاب بخير.", [("school", 1, "مدرسة")]),
    ("قصفت المدفعية مدرسة في البلدة. وأشار ناشطون إلى أضرار لحقت بالمدرسة.", [("school", 1, "مدرسة")]),
    ("استهدفت غارة مبنى سكنياً في الحي. وأدى استهداف المبنى إلى انهياره.", [("residential", 1, "مبنى سكنياً")]),
]


@pytest.mark.parametrize("text,expected", RESTATED_HITS + NOT_RESTATED_HITS)
def test_restated_hits(text, expected):
    assert rows_of(text) == expected


@pytest.mark.parametrize("text,expected", RESTATED_HITS)
def test_restated_hit_is_the_rule_recorded(text, expected):
    _, facs = facilities_of(text)
    assert facs[-1].why["count"][0] == "restated_hit"


# ordinal_reference: an ordinal in construct (ثاني مشفى) after a counted facility of that type ranks it among the
# sites hit; a postposed ordinal (مشفى ثان) or one with nothing counted before names a facility
ORDINAL_REFERENCES = [
    ("استهدفت الغارات مشفى البلدة مساء أمس، ليصبح ثاني مشفى يتوقف عن العمل في المنطقة هذا الأسبوع.",
     [("hospital", 1, "مشفى")]),
    ("دمر القصف فرناً آلياً في المدينة، وهو ثالث فرن يتعرض للقصف منذ بداية الشهر.", [("bakery", 1, "فرناً")]),
    ("قصفت المدفعية مخبزاً في الحي الغربي، ليكون ثاني مخبز يستهدف في المدينة خلال يومين.", [("bakery", 1, "مخبزاً")]),
    ("أخرجت الغارة مشفى ثانياً من الخدمة غرب حلب.", [("hospital", 1, "مشفى")]),
    ("قصفت الطائرات ثاني مدرسة في البلدة صباح اليوم.", [("school", 1, "مدرسة")]),
]


@pytest.mark.parametrize("text,expected", ORDINAL_REFERENCES)
def test_ordinal_references(text, expected):
    assert rows_of(text) == expected


# fuel stations in their everyday wordings (distribution, sale, tankers) are oil facilities; a landmark one is not hit
FUEL_STATIONS = [
    ("أصابت قذائف المدفعية محطة لتوزيع الوقود شمال البلدة.",
     [("oil_facility", 1, "محطة لتوزيع الوقود")]),
    ("استهدفت مسيرة محطة محروقات على طريق الحسكة.", [("oil_facility", 1, "محطة محروقات")]),
    ("اندلع حريق في محطة توزيع الوقود بعد سقوط قذيفة عليها.", [("oil_facility", 1, "محطة توزيع الوقود")]),
    ("أصابت قذيفة صهريجاً لنقل المحروقات قرب البلدة.", [("oil_facility", 1, "صهريجاً لنقل المحروقات")]),
    ("قصفت الطائرات محطتي محروقات في ريف المدينة.", [("oil_facility", 2, "محطتي محروقات")]),
    ("سقطت قذيفة قرب محطة لبيع المحروقات وسط البلدة.", []),
]


@pytest.mark.parametrize("text,expected", FUEL_STATIONS)
def test_fuel_stations(text, expected):
    assert rows_of(text) == expected


# a construct dual with a definite complement counts 2 like its indefinite form (both cases); a singular stays 1
DEFINITE_DUALS = [
    ("أصابت القذائف محطتي المياه في البلدة", [("water_station", 2, "محطتي المياه")]),
    ("قصفت الطائرات مركزي الإسعاف في المدينة", [("medical_point", 2, "مركزي الإسعاف")]),
    ("قصفت الطائرات محطتي الكهرباء في الريف", [("power_station", 2, "محطتي الكهرباء")]),
    ("دمرت الغارات محطتا الضخ الرئيسيتان", [("water_station", 2, "محطتا الضخ")]),
    ("قصفت الطائرات محطة المياه", [("water_station", 1, "محطة المياه")]),
]


@pytest.mark.parametrize("text,expected", DEFINITE_DUALS)
def test_definite_duals(text, expected):
    assert rows_of(text) == expected


# elliptic_count: later in the sentence of a facility counted with a number, a number and the bare head of its
# noun phrase (or of another phrase of its type: مراكز) count more of that type; a head that goes on into another
# noun (نقاط عسكرية, منشأة طبية) or a bare number is none
ELLIPTIC_COUNTS = [
    ("وثقت الشبكة تعرض 9 مراكز تابعة للدفاع المدني للغارات، دمرت قوات النظام 5 مراكز منها، "
     "وطائرات روسية 3 مراكز، وجهات مجهولة 12 مركزاً.",
     [("civil_defense_center", 9, "9 مراكز تابعة للدفاع المدني"), ("civil_defense_center", 5, "5 مراكز"),
      ("civil_defense_center", 3, "3 مراكز"), ("civil_defense_center", 12, "12 مركزاً")]),
    ("قصفت الطائرات 12 محطة مياه في المحافظة، و4 محطات في الأرياف.",
     [("water_station", 12, "12 محطة مياه"), ("water_station", 4, "4 محطات")]),
    ("خرجت 6 مراكز للدفاع المدني عن الخدمة الشهر الماضي، و3 مقرات في الشهر الذي سبقه",
     [("civil_defense_center", 6, "6 مراكز للدفاع المدني"), ("civil_defense_center", 3, "3 مقرات")]),
    ("تضررت 5 نقاط طبية و3 نقاط عسكرية في القصف", [("medical_point", 5, "5 نقاط طبية")]),
    ("استهدف القصف 11 منشأة نفطية و3 منشأة طبية", [("oil_facility", 11, "11 منشأة نفطية")]),
    ("تعرضت 9 مراكز للدفاع المدني للقصف، فيما أصيب 4 متطوعين", [("civil_defense_center", 9, "9 مراكز للدفاع المدني")]),
    ("تضررت 7 محطات مياه في المحافظة، بينها 3 محطات في الأرياف.", [("water_station", 7, "7 محطات مياه")]),
]


@pytest.mark.parametrize("text,expected", ELLIPTIC_COUNTS)
def test_elliptic_counts(text, expected):
    assert rows_of(text) == expected
    _, facs = facilities_of(text)
    assert all(f.why.get("count", ("elliptic_count",))[0] == "elliptic_count" for f in facs[1:])


# a hospital after في/داخل with a word of care or of dying of wounds a few words back is where a victim was
# treated (destination.care_words), not a target; a hit on it in its own clause still counts
TREATMENT_PLACES = [
    ("أصيب طفل بجروح بليغة في القصف وتوفي متأثراً بها في مستشفى المدينة", []),
    ("أصيب رجل بشظايا في القصف ويتلقى العلاج حالياً في مشفى المدينة", []),
    ("أصيبت امرأة في الغارة وترقد في مشفى البلدة", []),
    ("جرح شاب حين سقطت قذيفة على الحي، ويخضع للعلاج داخل مشفى ميداني قريب", []),
    ("قصفت الطائرات مشفى البلدة بينما كان الجرحى يتلقون العلاج فيه", [("hospital", 1, "مشفى")]),
    ("أصيب رجل بشظايا في القصف ويتلقى العلاج حالياً، فيما دمرت غارة مشفى المدينة", [("hospital", 1, "مشفى")]),
    # also with the facility's own ب
    ("أصيب رجلان بالقصف وما زالا في العناية المشددة بمشفى المدينة", []),
    ("أصيبت سيدة بالقصف وتتلقى العلاج بمستشفى ميداني", []),
]

# an adjective of nearness before a facility (المجاورة ل، الملاصقة ل، المحيطة ب) makes it a landmark; a facility
# that is itself hit stays one even with such an adjective after it
NEAR_FACILITIES = [
    ("دكت المدفعية الأحياء المجاورة للمشفى", []),
    ("تضررت المحلات الملاصقة لمدرسة البلدة", []),
    ("دمرت الغارة الجدار الملاصق للمسجد", []),
    ("طال القصف الأراضي المحيطة بالمسجد", []),
    ("سقطت قذيفة على المشفى المجاور للمدرسة", [("hospital", 1, "المشفى")]),
    ("قصفت الطائرات المشفى والمدرسة المجاورة له", [("hospital", 1, "المشفى"), ("school", 1, "المدرسة")]),
]


@pytest.mark.parametrize("text,expected", NEAR_FACILITIES)
def test_near_facilities(text, expected):
    assert rows_of(text) == expected

# damaged tents in a camp (site_heads): the camp after في, also behind a count, says where the tents are
# (location_of_facility); a camp hit in its own right still counts
TENTS_IN_CAMPS = [
    ("احترقت 30 خيمة في ثلاثة مخيمات جراء القصف", []),
    ("تضررت 40 خيمة في خمسة مخيمات حين انهمرت الصواريخ عليها", []),
    ("أدى القصف إلى تضرر 12 خيمة في مخيمين قرب البلدة", []),
    ("أحرق القصف خياماً عدة في مخيم للنازحين غرب المدينة", []),
    ("قصفت الطائرات خمسة مخيمات للنازحين وأحرقت عشرات الخيام", [("camp", 5, "خمسة مخيمات")]),
]


@pytest.mark.parametrize("text,expected", TREATMENT_PLACES + TENTS_IN_CAMPS)
def test_treatment_places_and_tents_in_camps(text, expected):
    assert rows_of(text) == expected


# a beating of people (بالضرب) is no hit on a building; a charge (بتهمة سرقة ...) up to the end of its clause is what
# someone is accused of (accused_act); a hit after the charge's clause still counts
BEATINGS_AND_CHARGES = [
    "اعتدت عناصر الشرطة بالضرب على نساء في مشفى المدينة.",
    "انهال العناصر بالضرب على شاب في سوق المدينة قبل اعتقاله.",
    "اعتدى مسلحون بالضرب على أحد الباعة في فرن البلدة صباحاً.",
    "اعتقلت الدورية ثلاثة شبان بتهمة سرقة ألواح شمسية من مدرسة القرية.",
    "وجهت إليهم تهمة السرقة من مستودع في البلدة واقتادتهم إلى الفرع.",
    "احتجزت الشرطة رجلاً بحجة تخريب محطة المياه في الحي.",
]
HITS_AFTER_A_CHARGE = [
    ("اعتقل شاب بتهمة سرقة، وفي اليوم نفسه قصفت الطائرات مستودعاً في البلدة.", [("other", 1, "مستودعاً")]),
    ("ضربت غارة جوية مدرسة في البلدة.", [("school", 1, "مدرسة")]),
    ("أقدمت مجموعة مسلحة على سرقة محتويات المشفى بعد اقتحامه.", [("hospital", 1, "المشفى")]),
]


@pytest.mark.parametrize("text", BEATINGS_AND_CHARGES)
def test_beatings_and_charges_are_no_hits(text):
    assert rows_of(text) == []


@pytest.mark.parametrize("text,expected", HITS_AFTER_A_CHARGE)
def test_hits_after_a_charge(text, expected):
    assert rows_of(text) == expected


# the centre or office of an organisation or agency (مركزاً لمنظمة، مركز وكالة) is a site of its own (other);
# its director is a person, not the site
ORGANISATION_SITES = [
    ("قصفت الطائرات مركزاً لمنظمة إغاثية غرب المدينة", [("other", 1, "مركزاً لمنظمة")]),
    ("تضرر مركز منظمة الهلال في القصف على البلدة", [("other", 1, "مركز منظمة")]),
    ("دمرت الغارات مركزين لمنظمة طبية في المنطقة", [("other", 2, "مركزين لمنظمة")]),
    ("أصابت القذائف مقر وكالة إنسانية وسط المدينة", [("other", 1, "مقر وكالة")]),
    ("قال مدير مركز لمنظمة محلية إن القصف طال الحي", []),
]


@pytest.mark.parametrize("text,expected", ORGANISATION_SITES)
def test_organisation_sites(text, expected):
    assert rows_of(text) == expected


# a person's fall from a height (سقوطها من شرفة) is no shell falling; a fall onto a site stays a hit
FALLS = [
    ("فارق رجل مسن الحياة إثر سقوطه عن سقف بيته غرب الحي.", []),
    ("توفيت طفلة إثر سقوطها من شرفة منزلها في البلدة.", []),
    ("لقي شابان حتفهما بعد سقوطهما من سطح مدرسة قيد الإنشاء.", []),
    ("أطلقت الطائرة صاروخاً أدى سقوطه على سطح المدرسة إلى أضرار كبيرة.", [("school", 1, "المدرسة")]),
]


@pytest.mark.parametrize("text,expected", FALLS)
def test_falls_from_a_height(text, expected):
    assert rows_of(text) == expected


# restated_hit also reaches a و-conjunct of the object of an attack noun or participle (مستهدفاً الحي
# والسوق); a conjunct of a place in a sentence without such a word still refers back
RESTATED_CONJUNCTS = [
    ("قصفت الطائرات سوقاً شعبياً في المدينة. وقال شهود إن الطيران أغار على المدينة مستهدفاً الحي والسوق.",
     [("market", 1, "سوقاً شعبياً"), ("market", 1, "السوق")]),
    ("أصابت قذيفة مسجداً في البلدة. وذكر ناشطون أن قصف البلدة والمسجد استمر ساعات.",
     [("mosque", 1, "مسجداً"), ("mosque", 1, "المسجد")]),
    ("تعرض مشفى المدينة لغارة جوية. وأكد الدفاع المدني أن استهداف الحي والمشفى تسبب بمقتل ممرضة.",
     [("hospital", 1, "مشفى"), ("hospital", 1, "المشفى")]),
    ("دمرت غارة مخبزاً في الحي. وقال عامل إن الطائرة حلقت فوق الحي والمخبز قبل أن تغادر.", [("bakery", 1, "مخبزاً")]),
]


@pytest.mark.parametrize("text,expected", RESTATED_CONJUNCTS)
def test_restated_conjuncts(text, expected):
    assert rows_of(text) == expected


# a raid (اقتحام، مداهمة) in a sentence that tells an arrest is a search, no attack on the place; a person's fall
# from a building (سقوطه عن، سقط عن) is no hit
SEARCH_RAIDS_AND_FALLS = [
    "اقتحمت الدورية منزل العائلة فجراً واحتجزت الأب وابنه",
    "جرى اقتحام منزل في الحارة واعتقال شابين منه",
    "خلال اقتحام مدرسة القرية اعتقلت العناصر ثلاثة معلمين",
    "فارق فتى الحياة بعد سقوطه عن شرفة بيته",
    "ماتت امرأة إثر سقوطها عن شرفة منزلها في الحي",
    "توفي عامل بعدما سقط عن سطح منزل قيد الإنشاء",
]
NOT_SEARCH_RAIDS_AND_FALLS = [
    # negatives: a raid with no arrest hits what it raids; a shell falling on a house hits it
    ("اقتحمت الدورية منزل العائلة فجراً", [("residential", 1, "منزل")]),
    ("اقتحمت القوات المدرسة وأحرقتها", [("school", 1, "المدرسة")]),
    ("سقطت قذيفة على منزل في الحي واعتقلت القوات شابين", [("residential", 1, "منزل")]),
]


@pytest.mark.parametrize("text", SEARCH_RAIDS_AND_FALLS)
def test_search_raids_and_falls(text):
    assert rows_of(text) == []


@pytest.mark.parametrize("text,expected", NOT_SEARCH_RAIDS_AND_FALLS)
def test_not_search_raids_and_falls(text, expected):
    assert rows_of(text) == expected


# place_name: a damage word right after a settlement or area noun is the name of a place (مدينة تدمر), no hit;
# the verb تدمر with its subject stays a hit; an arrest with an object pronoun (واعتقلته) makes a raid a search
PLACE_NAMED_LIKE_A_HIT = [
    ("اعتقلت الدورية رجلاً في مدرسة الحي، وهو قادم من ريف تدمر.", []),
    ("افتتحت منظمة إغاثية فرناً في بلدة تقع على طريق بادية تدمر.", []),
    ("أقيمت مدرسة جديدة للأطفال النازحين من بادية تدمر.", []),
    ("اقتحمت الدورية منزلاً في الحي الشرقي واحتجزتهم ساعات قبل أن تطلق سراح النساء.", []),
    ("تدمر الغارات الروسية مدرسة البلدة بالكامل.", [("school", 1, "مدرسة")]),
    ("اقتحمت القوات المدرسة وأحرقتها ثم انسحبت.", [("school", 1, "المدرسة")]),
]


@pytest.mark.parametrize("text,expected", PLACE_NAMED_LIKE_A_HIT)
def test_places_named_like_a_hit(text, expected):
    assert rows_of(text) == expected


# a bare installation noun (منشأة، منشأتين) names no type: left out like the umbrella nouns; a typed one keeps its type
BARE_INSTALLATIONS = [
    ("ضربت مسيرة منشأة تابعة للفصيل قرب الطريق الدولي.", []),
    ("أصابت قذيفتان منشأة في المنطقة الصناعية ولم يصب أحد.", []),
    ("وطال القصف منشأةً لقوات الأمن الداخلي شرق المدينة.", []),
    ("دمرت الغارات منشأتين في محيط البلدة.", []),
    ("قصفت الطائرات منشأة نفطية ومصنعاً للأدوية شرق المدينة.",
     [("oil_facility", 1, "منشأة نفطية"), ("other", 1, "مصنعاً")]),
]


@pytest.mark.parametrize("text,expected", BARE_INSTALLATIONS)
def test_bare_installations(text, expected):
    assert rows_of(text) == expected
