"""Places: tables of phrases with the places they name, negatives, spans, seed score."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.stages import places
from pipeline.core.normalize import normalize

#: The committed copy of the seed report and its gold (tests never read ../shared).
FIXTURES = Path(__file__).resolve().parent / "fixtures"
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def gold_norm(name: str) -> str:
    """The gold normalization: alef forms -> ا, ى -> ي, ة -> ه, no diacritics or tatweel."""
    import re

    return " ".join(re.sub("[\u064b-\u0652\u0670\u0640]", "", name).translate(_ALEF).split())


def found(text: str) -> list[dict]:
    nt = normalize(text)
    return [p.to_json(nt) for p in places.find_places(nt)]


def triples(text: str) -> set[tuple]:
    return {(gold_norm(p["name_ar"]), gold_norm(p["admin1"]["name_ar"]) if p["admin1"] else None, p["kind"])
            for p in found(text)}


# (phrase, expected (name, governorate, kind) triples that must be among the results)
POSITIVE = [
    # the country after a locative noun (وسط، مختلف مناطق، مناطق متفرقة من) or as a dateline's label after its source
    ("قتل مدنيان في محافظة حماة وسط سوريا", [("سوريا", None, "country")]),
    ("تستمر حملات التجنيد في الغوطة ومختلف مناطق سوريا", [("سوريا", None, "country")]),
    ("وثق المرصد مقتل 9 مدنيين في مناطق متفرقة من سورية أمس", [("سوريا", None, "country")]),
    ("وكالة الأنباء – سوريا: قتل 4 مدنيين بانفجار لغم", [("سوريا", None, "country")]),
    # the brief's sentences
    ("قصفت قوات النظام حي القابون بدمشق ومدينة دوما بريف دمشق",
     [("القابون", "دمشق", "neighborhood"), ("دوما", "ريف دمشق", "city"), ("ريف دمشق", "ريف دمشق", "governorate")]),
    ("سقطت قذائف على بلدة كفرتخاريم بريف إدلب الشمالي",
     [("كفرتخاريم", "إدلب", "town"), ("ريف إدلب", "إدلب", "countryside")]),
    ("استهدف قصف مدفعي مدينة مورك في ريف حماة الشمالي", [("مورك", "حماة", "city"), ("ريف حماة", "حماة", "countryside")]),
    ("قتل ثلاثة مدنيين في مدينة الرستن بريف حمص", [("الرستن", "حمص", "city"), ("ريف حمص", "حمص", "countryside")]),
    # governorate vs city
    ("شنت الطائرات غارات على مواقع في محافظة الرقة", [("الرقة", "الرقة", "governorate")]),
    ("قتل طفل في الرقة برصاص قناص", [("الرقة", "الرقة", "city")]),
    ("نزحت عائلات من محافظتي حلب وإدلب", [("حلب", "حلب", "governorate"), ("إدلب", "إدلب", "governorate")]),
    ("وسقطت قذيفة على حي الميدان في دمشق", [("الميدان", "دمشق", "neighborhood")]),
    # clitics
    ("وقتل شاب بريف دمشق برصاص مجهولين", [("ريف دمشق", "ريف دمشق", "governorate")]),
    ("قصف الطيران الحربي دوما وحرستا", [("حرستا", "ريف دمشق", None), ("دوما", "ريف دمشق", None)]),
    ("وصلت التعزيزات لحلب صباح اليوم", [("حلب", "حلب", "city")]),
    ("توجهت القافلة للرقة ثم عادت", [("الرقة", "الرقة", "city")]),
    ("فالرقة ما زالت تحت القصف", [("الرقة", "الرقة", "city")]),
    ("وبمدينة سراقب سقط صاروخ", [("سراقب", "إدلب", "city")]),
    # countryside and directions
    ("غارات روسية على ريف إدلب الجنوبي", [("ريف إدلب", "إدلب", "countryside")]),
    ("اشتباكات في ريف حلب الشمالي", [("ريف حلب", "حلب", "countryside")]),
    ("أعدم التنظيم مدنيين في ريف دير الزور الشرقي", [("ريف دير الزور", "دير الزور", "countryside")]),
    ("قصف مدفعي على قرى ريف اللاذقية", [("ريف اللاذقية", "اللاذقية", "countryside")]),
    ("تركزت الغارات في ريفي إدلب وحماة", [("ريف إدلب", "إدلب", "countryside"), ("ريف حماة", "حماة", "countryside")]),
    ("تقدمت القوات شرق حلب", [("حلب", "حلب", "city")]),
    ("استهدفت قوافل في شمال غرب سوريا", [("سوريا", None, "country")]),
    ("وقصفت مدينة جسر الشغور وريف جسر الشغور", [("جسر الشغور", "إدلب", "city"), ("ريف جسر الشغور", "إدلب", "countryside")]),
    # neighbourhoods, camps, regions
    ("مرتين في حي جوبر بدمشق", [("جوبر", "دمشق", "neighborhood")]),
    ("براميل متفجرة على حي بستان القصر في مدينة حلب", [("بستان القصر", "حلب", "neighborhood"), ("حلب", "حلب", "city")]),
    ("قتل مدني في حي الوعر بمدينة حمص", [("الوعر", "حمص", "neighborhood")]),
    ("حصار خانق على أحياء بابا عمرو والخالدية", [("بابا عمرو", "حمص", "neighborhood"), ("الخالدية", "حمص", "neighborhood")]),
    ("توفي لاجئ جوعاً في مخيم اليرموك جنوب دمشق", [("مخيم اليرموك", "دمشق", "camp")]),
    ("وصلت حالات وفاة جديدة من مخيم الركبان", [("مخيم الركبان", "حمص", "camp")]),
    ("قصف على مخيم الهول في الحسكة", [("مخيم الهول", "الحسكة", "camp")]),
    ("حملة عسكرية على الغوطة الشرقية", [("الغوطة الشرقية", "ريف دمشق", "region")]),
    ("غارات على بلدات جبل الزاوية", [("جبل الزاوية", "إدلب", "region")]),
    ("قصف على قرى سهل الغاب", [("سهل الغاب", "حماة", "region")]),
    # airports and prisons name the town
    ("غارات على مطار الطبقة العسكري", [("الطبقة", "الرقة", None)]),
    ("قضى معتقلان في سجن صيدنايا العسكري", [("صيدنايا", "ريف دمشق", None)]),
    ("اقتحمت الفصائل مطار منغ العسكري", [("منغ", "حلب", None)]),
    # towns from the hand-made list
    ("قصف مدفعي على مدينة اللطامنة وبلدة كفرزيتا", [("اللطامنة", "حماة", "city"), ("كفرزيتا", "حماة", "town")]),
    ("غارة على مدينة سرمدا قرب الحدود", [("سرمدا", "إدلب", "city")]),
    ("قتلى في بلدة الشحيل بريف دير الزور", [("الشحيل", "دير الزور", "town")]),
    ("معارك عنيفة في الباغوز", [("الباغوز", "دير الزور", None)]),
    ("سقطت قذائف على مدينة معضمية الشام", [("معضمية الشام", "ريف دمشق", "city")]),
    ("سقطت قذائف على المعضمية وداريا", [("المعضمية", "ريف دمشق", None), ("داريا", "ريف دمشق", None)]),
    ("قصف على كفر نبل وكفرنبل", [("كفر نبل", "إدلب", None), ("كفرنبل", "إدلب", None)]),
    ("مظاهرة في عين العرب (كوباني)", [("عين العرب", "حلب", None), ("كوباني", "حلب", None)]),
    # common-word names with context
    ("سيطرت الفصائل على مدينة الباب شرق حلب", [("الباب", "حلب", "city")]),
    ("قصف مدفعي على الباب بريف حلب الشرقي", [("الباب", "حلب", None)]),
    ("القصف على الشعار والصاخور وطريق الباب", [("الشعار", "حلب", "neighborhood"), ("طريق الباب", "حلب", "neighborhood")]),
    ("قتل شاب في مدينة القصير بريف حمص", [("القصير", "حمص", "city")]),
    # unknown to the gazetteer but marked as a place
    ("قتل مدنيان في قرية تل الشيح بريف حماة", [("تل الشيح", "حماة", "village")]),
    ("قصف على بلدة أم الصفا في ريف إدلب", [("أم الصفا", "إدلب", "town")]),
    ("اشتباكات على محاور قرى صيدا والمعلق بريف الرقة", [("صيدا", "الرقة", "village"), ("المعلق", "الرقة", "village")]),
    # same name, context decides
    ("قصف على قرية الحويز في سهل الغاب بريف حماة", [("الحويز", "حماة", "village")]),
    ("قصف على عفرين", [("عفرين", "حلب", "town")]),
    # countries
    ("لجأ آلاف إلى تركيا", [("تركيا", None, "country")]),
    ("قتل 300 مدني في سوريا خلال الشهر", [("سوريا", None, "country")]),
    ("عاد لاجئون من لبنان عبر الحدود مع الأردن", [("الأردن", None, "country")]),
    # a displacement camp named after its village is the village; an established camp keeps مخيم
    ("سقط صاروخ على مخيم قاح للنازحين في ريف إدلب الشمالي", [("قاح", "إدلب", "village")]),
    ("استهدفت غارة مخيم أطمة الحدودي", [("أطمة", "إدلب", "village")]),
    ("قتل طفلان في مخيم الركبان", [("مخيم الركبان", "حمص", "camp")]),
    # a country after a verb/noun of coming back or fleeing + من is a location
    ("اعتُقل الشاب فور عودته من تركيا إلى بلدته", [("تركيا", None, "country")]),
    ("أوقفت دورية عشرات القادمين من الأردن", [("الأردن", None, "country")]),
    # hand entry: a border crossing town
    ("اعتقلته دورية عند معبر جديدة يابوس الحدودي", [("جديدة يابوس", "ريف دمشق", None)]),
    # a dual / plural trigger passes its kind to the coordinated next name
    ("تحاصر القوات حيي الحميدية والقصور في مدينة دير الزور", [("القصور", "دير الزور", "neighborhood")]),
    # و + a known name beats a weak whole-word community (وقاح)
    ("نزح الأهالي إلى مخيمات سرمدا وقاح قرب الحدود", [("قاح", "إدلب", None)]),
    # a direction adjective after a village name the gazetteer lacks is part of the name
    ("انفجر لغم قرب بلدة الغارية الغربية بريف درعا", [("الغارية الغربية", "درعا", "town")]),
    ("سقطت قذائف على قرية أم حجيرة الشمالية في ريف حماة", [("أم حجيرة الشمالية", "حماة", "village")]),
    # a headline label country is a place; a number ending the line before does not make a name a counted noun
    ("لبنان: ترحيل عشرات اللاجئين السوريين", [("لبنان", None, "country")]),
    ("الخميس 3 آذار 2022\nحمص - قتل مدني", [("حمص", "حمص", "city")]),
    # trigger + unknown village name, with the governorate after it
    ("قُتل راعٍ برصاص قناص في قرية أبو حجيرة بريف الرقة", [("أبو حجيرة", "الرقة", "village")]),
    # Kurdish names of northern towns (aliases of gazetteer rows)
    ("استهدفت مسيرة سيارة على أطراف قامشلو", [("قامشلو", "الحسكة", None)]),
    ("سقطت قذيفة في حي بمدينة ديريك", [("ديريك", "الحسكة", "city")]),
    ("قصف مدفعي على محيط ديرك صباحاً", [("ديرك", "الحسكة", None)]),
    ("نزح آلاف المدنيين من سري كانيه باتجاه الحسكة", [("سري كانيه", "الحسكة", None), ("الحسكة", "الحسكة", None)]),
    ("قصفت المدفعية ريف سريكانيه الشرقي", [("ريف سريكانيه", "الحسكة", "countryside")]),
    ("انفجرت دراجة مفخخة في بلدة تربه سبيه", [("تربه سبيه", "الحسكة", None)]),
    ("اعتقلت دورية شابين في تربسبي", [("تربسبي", "الحسكة", None)]),
    ("أغلقت السلطات معبر تل كوجر الحدودي", [("تل كوجر", "الحسكة", None)]),
    ("قتل مدني في بلدة جل آغا", [("جل آغا", "الحسكة", None)]),
    ("شهدت مدينة كري سبي تفجيراً", [("كري سبي", "الرقة", "city")]),
    ("سقطت قذائف على قرى في ريف گري سبي", [("ريف گري سبي", "الرقة", "countryside")]),
    ("قصفت طائرة مسيرة منزلاً في كوباني", [("كوباني", "حلب", None)]),
    ("وثقنا انتهاكات في ناحية جندريسه بريف عفرين", [("جندريسه", "حلب", None), ("ريف عفرين", "حلب", "countryside")]),
    ("هاجمت مجموعة مسلحة بلدة كركي لكي", [("كركي لكي", "الحسكة", "town")]),
    # regions
    ("استهدف القصف التركي قرى في إقليم الجزيرة", [("إقليم الجزيرة", "الحسكة", "region")]),
    ("أعلنت الإدارة حظر التجول في إقليم الفرات", [("إقليم الفرات", None, "region")]),
    ("تصاعدت الانتهاكات في مقاطعة عفرين", [("مقاطعة عفرين", "حلب", "region")]),
    # spelling variants
    ("قتل ثلاثة مدنيين في ديرالزور", [("ديرالزور", "دير الزور", "city")]),
    ("سقطت قذائف على حي في مدينة السويدا", [("السويدا", "السويداء", "city")]),
    ("انفجرت عبوة في سوق مدينة البوكمال", [("البوكمال", "دير الزور", "city")]),
    ("قصفت الطائرات مدينة معرت النعمان", [("معرت النعمان", "إدلب", "city")]),
    ("اشتباكات على أطراف عزاز", [("عزاز", "حلب", None)]),
    # airports, bases, crossings, prisons, camps
    ("أسقطت الدفاعات الجوية طائرات مسيرة قرب قاعدة حميميم", [("حميميم", "اللاذقية", "site")]),
    ("استهدفت غارة إسرائيلية مطار T4 العسكري", [("T4", "حمص", "site")]),
    ("استهدفت غارات مطار التيفور شرق حمص", [("التيفور", "حمص", "site")]),
    ("سقطت صواريخ على مطار الشعيرات العسكري", [("الشعيرات", "حمص", "site")]),
    ("هاجمت طائرات مسيرة قاعدة التنف", [("التنف", "حمص", "site")]),
    ("أعيد افتتاح معبر نصيب الحدودي مع الأردن", [("نصيب", "درعا", None)]),
    ("عبرت شاحنات المساعدات من معبر سيمالكا", [("سيمالكا", "الحسكة", "site")]),
    ("هاجم مسلحون سجن غويران في الحسكة", [("غويران", "الحسكة", "neighborhood")]),
    ("توفي طفل في مخيم واشوكاني للنازحين", [("مخيم واشوكاني", "الحسكة", "camp")]),
    ("اندلع حريق في مخيم الرمل الفلسطيني", [("مخيم الرمل", "اللاذقية", "camp")]),
    ("ضربت عاصفة مخيمات أطمة ودير حسان", [("أطمة", "إدلب", None), ("دير حسان", "إدلب", None)]),
    # a station or a base takes the village it is named after
    ("خرجت محطة السويدية للغاز عن الخدمة", [("السويدية", "الحسكة", None)]),
    ("قصفت المسيرات محطة مياه علوك", [("علوك", "الحسكة", "village")]),
    ("اشتباكات على محور قرية هوشان", [("هوشان", "الرقة", "village")]),
    # a coordinated list shares the containing unit named after its last name; a same-named row in
    # another governorate becomes an unresolved place of the context's governorate
    ("استهدف القصف حيي الدرعية والبدو في مدينة الرقة", [("الدرعية", "الرقة", "neighborhood"),
                                                     ("البدو", "الرقة", "neighborhood")]),
    ("قصفت الطائرات قريتي الحويز والعمقية في سهل الغاب", [("الحويز", "حماة", "village")]),
    ("دير الزور: قتل شاب برصاص مجهولين في حي الدرعية", [("الدرعية", "دير الزور", "neighborhood")]),
    ("نزح السكان من قرى كفرنبودة في ريف حماة، وخان شيخون في ريف إدلب", [("ريف حماة", "حماة", "countryside"),
                                                                       ("خان شيخون", "إدلب", None)]),
    # the full OCHA gazetteer: homonyms take the governorate of the containing unit or the sentence
    ("قصفت الطائرات قرية صيدا في ريف درعا الشرقي", [("صيدا", "درعا", "village")]),
    ("اشتباكات على محاور قرى صيدا والمعلق قرب بلدة عين عيسى بريف الرقة", [("صيدا", "الرقة", "village"),
                                                                         ("المعلق", "الرقة", "village")]),
    ("داهمت دورية بلدة الخالدية في محافظة حمص", [("الخالديه", "حمص", None)]),
    # a name that is also a country is the country unless a trigger or a unit says otherwise
    ("قتل مدنيان في سوريا في شباط 2020", [("سوريا", None, "country")]),
    ("فصائل المعارضة المدعومة من تركيا، على محاور القرى", []),
    ("نزح أهالي قرية تركيا في ريف الرقة الشمالي", [("تركيا", "الرقة", "village")]),
    # an OCHA city neighbourhood: with its trigger, or when the report names its governorate
    ("قصفت قوات النظام حي التضامن جنوب دمشق", [("التضامن", "دمشق", "neighborhood")]),
    ("سقطت قذائف على دمشق. وأصيب مدنيان في باب سريجة", [("باب سريجة", "دمشق", "neighborhood")]),
    ("اعتقلت دورية شابين من مساكن برزة، بحسب ناشطين من دمشق", [("مساكن برزة", "دمشق", "neighborhood")]),
    ("انفجرت سيارة مفخخة في حي الزهراء بمدينة حمص", [("الزهراء", "حمص", "neighborhood")]),
    # سورية: a spelling of the country, a place after a locative cue (its name is the row's own)
    ("تتواصل جرائم الحرب الجارية في سورية", [("سوريا", None, "country")]),
    ("انفجرت سيارة مفخخة قرب رأس العين شمال شرقي سورية", [("سوريا", None, "country")]),
    ("مقتل 16 مدنياً في غارات على إدلب بسورية", [("سوريا", None, "country"), ("إدلب", "إدلب", None)]),
    # a unit word inside the countryside: بريف محافظة X is X's countryside
    ("والمحتجزون من سكان قرية خفسين في ريف محافظة حماة الشمالي", [("ريف حماة", "حماة", "countryside")]),
    ("نزحت عائلات إلى مخيمات في ريف محافظة إدلب", [("ريف إدلب", "إدلب", "countryside")]),
    ("وقع الانفجار في أرياف محافظة الحسكة", [("ريف الحسكة", "الحسكة", "countryside")]),
    # a quote or bracket between the trigger and a weak OCHA name keeps the trigger
    ("اعتقلت الدورية شابين من قرية (خفسين)", [("خفسين", "حماة", "village")]),
    ("قصفت الطائرات بلدة “كفرسجنة” بعدة صواريخ", [("كفرسجنة", "إدلب", "town")]),
    ("سقطت قذائف على قرية \"معرتماتر\" صباحاً", [("معرتماتر", "إدلب", "village")]),
    # a named site the gazetteer lacks: the site word is part of its name
    ("قصفت الطائرات حقل التنك النفطي بريف دير الزور", [("حقل التنك", "دير الزور", "site")]),
    ("هاجم التنظيم حقل الشاعر للغاز شرق حمص", [("حقل الشاعر", "حمص", "site")]),
    ("أغلقت السلطات معبر النصيبين الحدودي أمام المسافرين", [("معبر النصيبين", None, "site")]),
    # a tally by place: a number then a comma closes the item before, the next name is no counted noun
    ("حلب 120, ادلب 64, حمص 31, ريف دمشق 22", [("إدلب", "إدلب", None), ("حمص", "حمص", None),
                                             ("ريف دمشق", "ريف دمشق", None)]),
    ("توزع الضحايا: درعا 9, حماة 5, دمشق 3", [("حماة", "حماة", None), ("دمشق", "دمشق", None)]),
    ("الحصيلة بحسب المحافظات: الرقة 12، دير الزور 9", [("دير الزور", "دير الزور", None)]),
    # a list after a plural trigger: names joined by a comma alone belong to it when a later one takes و
    ("نزح أهالي قرى أم سمرة، تل الصخر، الفرجة، والخوين في ريف إدلب",
     [("تل الصخر", "إدلب", "village"), ("الفرجة", "إدلب", "village"), ("الخوين", "إدلب", "village")]),
    ("طال القصف بلدات كفر عميم، تل دبس، وأبو حريرة في ريف حلب",
     [("تل دبس", "حلب", None), ("أبو حريرة", "حلب", None)]),
    ("شمل القصف أحياء الشعار، جورة عواد، وكرم الزيتون في مدينة حلب",
     [("جورة عواد", "حلب", "neighborhood"), ("كرم الزيتون", "حلب", None)]),
    # quoted names in a list after a plural trigger
    ("قصفت قوات النظام أحياء \"الوعر\" و\"الخالدية\" و\"البياضة\" في مدينة حمص",
     [("الخالدية", "حمص", None), ("البياضة", "حمص", None)]),
    ("استهدف القصف قرى «تل الصخر»، «الفرجة»، و«الخوين» بريف إدلب",
     [("الفرجة", "إدلب", "village"), ("الخوين", "إدلب", "village")]),
    ("قصفت المدفعية قريتي \"الشيخ سنديان\" و\"البارة\" في جبل الزاوية", [("البارة", "إدلب", None)]),
    # the countryside of a subdistrict's centre town
    ("استهدفت طائرة مسيرة منزلاً في قرية المستريحة بريف عين عيسى شمال الرقة",
     [("ريف عين عيسى", "الرقة", "countryside")]),
    ("قتلت امرأة في غارات على قرية جب الكلب بريف دير حافر", [("ريف دير حافر", "حلب", "countryside")]),
    ("قصف مدفعي على ريف الدرباسية الغربي", [("ريف الدرباسية", "الحسكة", "countryside")]),
    # a countryside word before a quoted name: that name's countryside (Rural Damascus for دمشق)
    ("قتل مدني في قرية \"معارة النعسان\" بريف \"إدلب\" الأحد", [("ريف إدلب", "إدلب", "countryside")]),
    ("قصف على بلدة مضايا المحاصرة بريف \"دمشق\"", [("ريف دمشق", "ريف دمشق", None), ("مضايا", "ريف دمشق", None)]),
    ("قتل مدنيان في ريف «حلب» الغربي", [("ريف حلب", "حلب", "countryside")]),
    # the Ghouta named after the capital is Rural Damascus's region, not the city
    ("لاحقت المقاتلات المهجرين من غوطة دمشق الشرقية", [("غوطة دمشق الشرقية", "ريف دمشق", "region")]),
    ("قصفت قوات النظام مدارس في غوطة دمشق وريف إدلب", [("غوطة دمشق", "ريف دمشق", "region")]),
    ("نزحت عائلات من بلدات غوطة دمشق الغربية", [("غوطة دمشق الغربية", "ريف دمشق", "region")]),
    # a row whose OCHA Arabic name has a typo is found by its correct spelling (an alias)
    ("سقطت قذيفة على بلدة الغارية الغربية في ريف درعا", [("الغارية الغربية", "درعا", None)]),
    # a named region the gazetteer lacks, after منطقة: its name opens with a name prefix
    ("قصفت القوات الحكومية منطقة جبل الأربعين قرب أريحا", [("جبل الأربعين", "إدلب", "region")]),
    ("سقطت قذائف على منطقة وادي الضيف", [("وادي الضيف", None, "region")]),
    ("قتل شاب برصاص قناص في منطقة تل الشيخ قرب الحدود", [("تل الشيخ", None, "region")]),
    # Kurdish names of Afrin's subdistricts and of Abu Rasin, after ناحية or alone
    ("اختطفت الفصائل 5 مواطنين من ناحية شرا و3 من ناحية بلبله", [("شرا", "حلب", None), ("بلبله", "حلب", None)]),
    ("اعتقلت دورية شابين من ناحية شيراوا بريف عفرين", [("شيراوا", "حلب", "subdistrict")]),
    ("قصفت المدفعية التركية قرى في ريف بلدة زركان شمالي الحسكة", [("زركان", "الحسكة", None)]),
    ("طال القصف مناطق عامودا، الدرباسية، زركان", [("زركان", "الحسكة", None)]),
]

# (phrase, names that must NOT be found)
NEGATIVE = [
    # a number right before a noun counts it: the noun is no place
    ("دمرت الغارات 3 مساجد و2 مدرسة في المدينة", ["مساجد", "مدرسه"]),

    # a site word with an indefinite adjective names no site
    ("قصف مطار عسكري قرب حمص", ["مطار عسكري", "عسكري"]),
    ("سيطرت قوات النظام على حقل نفطي", ["حقل نفطي", "نفطي"]),

    # a Syrian adjective after an indefinite plural (مناطق سورية متفرقة), a state as an actor, a line not a label
    ("رصد المرصد مقتل 14 شخصاً في مناطق سورية متفرقة", ["سوريا", "سوريه"]),
    ("وقالت المصادر إن المسؤول – سوريا تتهم إسرائيل بالهجوم", ["سوريا", "سوريه"]),
    # a countryside is in no unit that an unknown name after it is in (ريف X، ومحور Y بجبل Z): no village X
    ("وشهدت محاور في ريف إدلب الجنوبي الشرقي، ومحور كبانة بجبل الأكراد، اشتباكات عنيفة", ["إدلب"]),
    ("تعرضت قرى ريف حماة الشمالي الغربي، وقرية الخضر بجبل شحشبو، لقصف مدفعي", ["حماة"]),
    ("استهدفت المدفعية ريف حلب الغربي، ومحور عنجارة بجبل سمعان", ["حلب"]),

    # the capital naming the government, and an organisation named after it, are no places
    ("وأصبحت قوات دمشق تعتمد على الصواريخ الموجهة في قصف القرى", ["دمشق"]),
    ("وحملت المعارضة حكومة دمشق مسؤولية الهجوم على السوق", ["دمشق"]),
    ("وقالت سلطات دمشق إنها أغلقت المعبر", ["دمشق"]),
    ("وثق مركز دمشق لدراسات حقوق الإنسان مقتل 40 شخصاً", ["دمشق"]),

    # a weak OCHA name without a trigger, a unit or a list is not read
    ("وصل النازحون إلى خفسين", ["خفسين"]),
    ("أطلق الأهالي على الساحة اسم \"الشرقي\"", ["الشرقي"]),

    # سورية as an adjective (a nisba), with no locative cue, is not the country
    ("أطلقت طائرة حربية حكومية سورية صاروخين", ["سوريا", "سوريه"]),
    ("طائرات لا يُعرف إن كانت سورية أم روسية", ["سوريا", "سوريه"]),
    ("قالت وسائل إعلام رسمية سورية إن الانفجار وقع ليلاً", ["سوريا", "سوريه"]),
    # a participle or pronoun-suffixed word after a trigger is not a name
    ("غارات طالت أحياء خاضعة لتنظيم الدولة", ["خاضعه"]),
    ("سقطت قذائف على حي تسيطر عليه فصائل المعارضة", ["تسيطر"]),
    ("كثّف قصفه على قرى وبلدات الشريط الحدودي", ["الشريط"]),
    # an outlet, a phrase and an idiom that contain a place name or a village's name
    ("وقال مراسل حلب اليوم إن الغارات استهدفت حي جبارة", ["حلب"]),
    ("تزايد انتقاد الطبقة الحاكمة في البلاد", ["الطبقه"]),
    ("كانت الحصيلة الأعلى من نصيب محافظة حلب", ["نصيب"]),

    # a direction adjective is never a bare place (OCHA lists Idlib city sectors by these names)
    ("تعرضت مدن ريف إدلب الجنوبي والشرقي للقصف", ["الجنوبي", "الشرقي"]),
    ("أُلقيت براميل على الحي الشرقي من مدينة سراقب", ["الشرقي"]),
    ("نزح الآلاف من ريف حلب الغربي", ["الغربي"]),
    # common nouns that OCHA also lists as a community or neighbourhood name
    ("انتشلت الفرق الألغام من أحياء المدينة والقرى المحيطة", ["المدينه"]),
    ("تحصن التنظيم في الأحياء الوسطى من المدينة", ["الوسطي", "المدينه"]),
    ("وأصيب مدني بجروح في القصف", ["جروح"]),
    ("دون الإشارة إلى الجهة المنفذة", ["الاشاره"]),
    # a weak OCHA name (a hamlet) is not a containing unit: the country stays a country
    ("مقتل 40 مدنياً في سوريا في شباط", ["شباط"]),
    # a neighbourhood name alone, in a report that does not name its governorate
    ("صرّح المالكي للصحفيين بأن القصف مستمر", ["المالكي"]),
    ("قصفت الطائرات حلب. وصرّح المالكي للصحفيين", ["المالكي"]),
    # two names side by side without a comma or و are not a list
    ("وصل المتطوع الأمين العام للمنظمة", ["الامين"]),

    ("بحسب الشبكة السورية لحقوق الإنسان", ["سوريا", "سوريه"]),
    ("أفاد المرصد السوري لحقوق الإنسان", ["سوريا"]),
    ("قصف الجيش السوري المنطقة", ["سوريا", "المنطقه"]),
    ("قتلت قوات سوريا الديمقراطية ثلاثة مدنيين", ["سوريا"]),
    ("انتشل الدفاع المدني السوري الجثث", ["سوريا"]),
    ("طرق الباب بقوة ودخل المنزل", ["الباب"]),
    ("ألقت مروحية برميلين متفجرين على الحي", ["رميلين", "رميلان"]),   # a dual noun, not ب + a town
    ("سقط برميلان متفجران قرب السوق", ["رميلان"]),
    ("يعيش الشعب السوري في ظروف صعبة", ["الشعب"]),
    ("وقعت الحرب على تنظيم داعش", ["حرب"]),
    ("على المدى القصير على الأقل", ["القصير"]),
    ("خرجت مظاهرات تطالب بالحرية والكرامة", ["الحريه", "الكرامه"]),
    ("نشر صور الضحايا على الإنترنت", ["صور", "الصور"]),
    ("دعا إلى تحقيق السلام في البلاد", ["السلام", "سوريا", "البلاد"]),
    ("استهدف مدرسة في المدينة", ["مدرسه", "المدينه"]),
    ("المدعومة من تركيا وقصفت روسيا المدينة", ["تركيا", "روسيا"]),
    ("وصل إلى الحدود العراقية شرق البلاد", ["العراق"]),
    ("انطلاق الثورة السورية في آذار", ["الثوره", "سوريا"]),
    ("تابعت هيئة تحرير الشام هجماتها", ["الشام", "دمشق"]),
    ("أحرق حي سكني بالكامل", ["سكني"]),
    ("ومن أبرز المجازر في الشهر", ["ابرز"]),
    ("سقطت قذيفة على مدرسة تؤوي نازحين", ["مدرسه"]),
    ("أكدت الإدارة الذاتية لشمال وشرق سوريا", ["سوريا"]),
    # a facility noun is never a place, even when a gazetteer village has that name
    ("استهداف 14 منشأة طبية و20 مدرسة في شمال سوريا", ["مدرسه"]),
    ("تضررت مدرسة ومستشفى في شمال غرب سوريا", ["مدرسه"]),
    # a counted noun is not a place
    ("دمرت الغارات 3 مساجد في شمال سوريا", ["مساجد"]),
    # an adjective after a plural or singular trigger is not a name
    ("سقطت قذائف على بلدات حدودية داخل لبنان", ["حدوديه"]),
    ("قصفت الطائرات قرى نائية في ريف حمص الشرقي", ["نائيه"]),
    ("قتل مدني في مدينة سورية قرب الحدود", ["سوريه"]),
    # a country as the origin of support is an actor, not a place
    ("فصائل مدعومة من تركيا", ["تركيا"]),
    # a country after a relation word + ب is not a location
    ("ضربت أهدافاً يقول إنها مرتبطة بإيران", ["ايران"]),
    ("نفى المتحدث أي علاقة بتركيا", ["تركيا"]),
    # a place that opens an organization's name
    ("وقال مجلس الرقة المدني إن الخدمات توقفت", ["الرقه"]),
    ("أعلن المجلس المحلي لمدينة داريا حصيلة القصف", ["داريا"]),
    ("وثق مكتب توثيق الشهداء في درعا عمليات الاغتيال", ["درعا"]),
    ("أفادت شبكة الرقة تذبح بصمت بمقتل شاب", ["الرقه"]),
    ("قال مجلس دير الزور العسكري إنه اعتقل خلية", ["دير الزور"]),
    # a common adjective that is also a village needs a trigger
    ("أعلنت الحكومة السويدية عن منحة جديدة", ["السويديه"]),
    # a region is named with إقليم: the river or a channel alone is not the region
    ("امتدت الحرائق على ضفاف نهر الفرات", ["اقليم الفرات"]),
    # a personal name that starts with ف is not ف + a village
    ("قالت السيدة فاطمة إن القذيفة سقطت قرب المنزل", ["اطمه"]),
    # common words that are also town names
    ("تزايدت الاعتقالات منذ بداية الحراك الشعبي", ["الحراك"]),
    # a place inside an organization's name
    ("بحسب ما أفاد اتحاد إعلاميي حلب في بيان", ["حلب"]),
    # a comma list after a plural trigger that never closes with و ends at its first name
    ("قصفت قرى الفرجة، تل الصخر في ريف إدلب", ["تل الصخر"]),
    ("سقطت قذائف على أحياء الكندي، جديدة الخاص صباح اليوم", ["جديده الخاص"]),
    # a preposition + the countryside word after a plural trigger is no name
    ("قصفت المدفعية قرى بريف بلدة زركان", ["بريف"]),
    ("سقطت القذائف على قرى بريف حلب الشمالي", ["بريف"]),
    # a quoted name after a trigger that is no countryside word stays the name
    ("زار الوفد مدينة \"حلب\" أمس", ["ريف حلب"]),
    # the Ghouta of Damascus is not the city of Damascus
    ("لاحقت المقاتلات المهجرين من غوطة دمشق الشرقية", ["دمشق"]),
    # after منطقة, a common noun is no region
    ("استهدف القصف منطقة سكنية في المدينة", ["سكنيه"]),
    ("تواصل القصف على منطقة الاشتباكات منذ الصباح", ["الاشتباكات"]),
    # a short Kurdish name that is also a common word needs its trigger
    ("لا يريدون بالبلاد شرا بعد اليوم", ["شرا"]),
]


@pytest.mark.parametrize("text,expected", POSITIVE, ids=[r[0][:40] for r in POSITIVE])
def test_positive(text, expected):
    got = triples(text)
    for name, gov, kind in expected:
        hit = [t for t in got if t[0] == gold_norm(name)]
        assert hit, f"{name} not found in {got}"
        assert any(t[1] == (gold_norm(gov) if gov else None) for t in hit), (name, got)
        if kind:
            assert any(t[2] == kind for t in hit), (name, got)


@pytest.mark.parametrize("text,absent", NEGATIVE, ids=[r[0][:40] for r in NEGATIVE])
def test_negative(text, absent):
    names = {gold_norm(p["name_ar"]) for p in found(text)}
    for a in absent:
        assert gold_norm(a) not in names, (a, names)


def test_span_without_clitics_and_trigger():
    ps = found("قتل مدني بريف دمشق وآخر في حي جوبر وللرقة")
    texts = [p["text"] for p in ps]
    assert texts == ["ريف دمشق", "جوبر", "لرقة"]


def test_countryside_direction_and_precision():
    (p,) = found("غارات على ريف حلب الشمالي الغربي")
    assert p["text"] == "ريف حلب الشمالي الغربي"
    assert p["name_ar"] == "ريف حلب" and p["kind"] == "countryside"
    assert p["direction"] == "northwest" and p["geo_precision"] == 3
    assert p["admin1"] == {"pcode": "SY02", "name_ar": "حلب", "name_en": "Aleppo"}


def test_rural_damascus_is_the_governorate():
    (p,) = found("بريف دمشق")
    assert (p["text"], p["name_ar"], p["kind"], p["pcode"], p["geo_precision"]) == (
        "ريف دمشق", "ريف دمشق", "governorate", "SY03", 1)


def test_hand_entry_takes_the_unit_coordinates():
    (p,) = found("بلدة حمورية")
    assert p["pcode"] == "rasd:hamouriyeh" and p["geo_precision"] == 2 and p["lat"] is not None
    assert p["admin2"] == "SY0301"


def test_ocha_neighbourhood_has_its_own_point():
    (p,) = found("حي جوبر")
    assert p["pcode"] == "A008" and p["geo_precision"] == 1 and p["lat"] is not None
    assert p["admin2"] == "SY0100"


def test_unresolved_names_are_flagged():
    nt = normalize("قتل مدنيان في قرية تل الشيح بريف حماة")
    ms = places.find_places(nt)
    assert places.unresolved_names(ms) == ["تل الشيح"]
    (u,) = [m for m in ms if m.pcode is None]
    assert u.geo_precision == 3 and u.admin1["pcode"] == "SY05"


@pytest.mark.parametrize("text", [
    "قُتِلَ مدنيٌّ في حَيِّ جَوْبَر بِدِمَشْقَ",
    "غاراتٌ على ريـــف إدلـــب الجنوبي ومدينة سَراقِب",
    "سقطت ٣ قذائف على بلدة كفرتخاريم، بريف إدلب",
    "مقتل ١٢ مدنياً في مُخَيَّم اليَرْمُوك ومدينة حرستا",
    "قصفت المُسَيَّرات ريـــف سَري كانيه وقاعدة حُمَيْمِيم",
    "نزح الأهالي من قامِشْلو وكَري سبي إلى إقْليم الجَزيرة",
])
def test_spans_quote_the_original(text):
    nt = normalize(text)
    ms = places.find_places(nt)
    assert ms
    for m in ms:
        d = m.to_json(nt)
        s, e = d["span"]
        assert text[s:e] == d["text"]
        assert d["text"].strip() == d["text"] and d["text"]


def _seed_scores():
    txt = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / "seed.gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    ps = found(txt)
    pred = {gold_norm(p["name_ar"]) for p in ps}
    pred_gov = {gold_norm(p["admin1"]["name_ar"]) for p in ps if p["admin1"]}
    return (pred, {gold_norm(x) for x in gold["places"]}), (pred_gov, {gold_norm(x) for x in gold["governorates"]})


def _f1(pred: set, gold: set) -> float:
    tp = len(pred & gold)
    if not tp:
        return 0.0
    p, r = tp / len(pred), tp / len(gold)
    return 2 * p * r / (p + r)


def test_seed_f1():
    (pp, gp), (pg, gg) = _seed_scores()
    assert _f1(pp, gp) >= 0.95, (sorted(pp - gp), sorted(gp - pp))
    assert _f1(pg, gg) >= 0.95, (sorted(pg - gg), sorted(gg - pg))


# ---------------------------------------------------------------------------------------------------------
# Homonyms: which same-named row a name is read as, and the rule that chose it (homonyms.HOMONYM_RULES).
# (phrase, name as normalized, rule, pcode of the chosen row)


def _chosen(text: str) -> dict[str, tuple[str, str]]:
    from pipeline.core.document import text_doc
    from pipeline.stages.places.candidates import gazetteer_hits
    from pipeline.stages.places.resolve import choose_rows

    nt = normalize(text)
    cands, _, _ = choose_rows(nt.norm, gazetteer_hits(nt.norm), text_doc(nt))
    return {nt.norm[c.hit.ns:c.hit.ne]: (c.why[0], c.entry.pcode) for c in cands}


HOMONYMS = [
    # only_row: the name has one row
    ("فرّ السكان إلى الأردن", "الاردن", "only_row", "iso:JO"),
    ("عاد اللاجئون من العراق إلى مخيمات الشمال", "العراق", "only_row", "iso:IQ"),
    ("سقطت قذائف على حي الوعر صباحاً", "الوعر", "only_row", "N0246"),
    ("حاصرت القوات بلدة معضمية الشام", "معضميه الشام", "only_row", "C2499"),
    # row_in_containing_unit: one row lies in the governorate of the unit named right after the name
    ("قصفت المدفعية قرية الحويز بريف حماة", "الحويز", "row_in_containing_unit", "rasd:huwayz-hama"),
    ("سقط صاروخ على الكرمة بريف حلب الشرقي", "الكرمه", "row_in_containing_unit", "C7997"),
    ("استهدفت غارة قرية القنية في ريف إدلب", "القنيه", "row_in_containing_unit", "C4260"),
    ("قتل مدني في قرية بصرى بريف درعا", "بصري", "row_in_containing_unit", "C6002"),
    # strong_row_for_bare_name: a bare name of which one row is not a weak hamlet
    ("نزح مئات الأهالي إلى تركيا", "تركيا", "strong_row_for_bare_name", "iso:TR"),
    ("استهدفت غارة جوية سرمين فجراً", "سرمين", "strong_row_for_bare_name", "SY070006"),
    ("اندلعت اشتباكات عنيفة في جوبر", "جوبر", "strong_row_for_bare_name", "A008"),
    # best_fitting_row: the row that fits kind, trigger, context and population best
    ("قصفت الطائرات مدينة حلب", "حلب", "best_fitting_row", "C1007"),
    ("سقطت قذائف على حمص", "حمص", "best_fitting_row", "C2528"),
    ("قصف مدفعي على مدينة دوما بريف دمشق", "دوما", "best_fitting_row", "C2338"),
]

# rows where a rule must NOT be the one that decides (another rule does)
HOMONYM_NEGATIVES = [
    ("قصفت الطائرات مدينة حلب", "حلب", "only_row"),  # two rows: the governorate and the city
    ("قصف مدفعي على مدينة دوما بريف دمشق", "دوما", "row_in_containing_unit"),  # three rows in Rif Dimashq
    ("سقطت قذائف على بلدة سرمين", "سرمين", "strong_row_for_bare_name"),  # a trigger: not a bare name
    ("فرّ السكان إلى الأردن", "الاردن", "best_fitting_row"),  # one row: decided before any weighing
]


@pytest.mark.parametrize("text,name,rule,pcode", HOMONYMS)
def test_homonym_rule(text, name, rule, pcode):
    assert _chosen(text)[name] == (rule, pcode)


@pytest.mark.parametrize("text,name,rule", HOMONYM_NEGATIVES)
def test_homonym_rule_negative(text, name, rule):
    assert _chosen(text)[name][0] != rule


def test_every_homonym_rule_has_rows():
    from pipeline.stages.places.homonyms import HOMONYM_RULES

    for r in HOMONYM_RULES:
        assert sum(row[2] == r.name for row in HOMONYMS) >= 3, r.name
        assert any(row[2] == r.name for row in HOMONYM_NEGATIVES), r.name


# ---------------------------------------------------------------------------------------------------------
# Gazetteer hits: the shared phrase matcher's candidates, read with the place rules (clitics, the fused لل
# form, فـ only before the article, a dual noun is no clitic + name, Latin letters as written).

GAZ_HITS = [
    # the fused form: the name's span starts at its second ل, which stands for the article
    ("توجهت القافلة للرقة ثم عادت", [("للرقة", "لرقة", True)]),
    ("وصلت القافلة إلى حلب وللرقة", [("حلب", "حلب", False), ("وللرقة", "لرقة", True)]),
    ("قصف على وبحلب فالرقة", [("وبحلب", "حلب", False), ("فالرقة", "الرقة", False)]),
    ("قصفت الطائرات مطار T4 صباحا", [("T4", "T4", False)]),
    # negative: فاطمة is a given name, برميلان two barrels, t4 not the airbase's name
    ("قالت فاطمة إن برميلان سقطا قرب t4", []),
]


@pytest.mark.parametrize("text,hits", GAZ_HITS)
def test_gazetteer_hits(text, hits):
    from pipeline.stages.places.candidates import gazetteer_hits

    norm = normalize(text).norm
    got = [(norm[h.w:h.ne], norm[h.ns:h.ne], h.lam) for h in gazetteer_hits(norm)]
    assert got == [(normalize(w).norm, normalize(n).norm, lam) for w, n, lam in hits]
