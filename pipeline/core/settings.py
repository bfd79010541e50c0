"""Settings and limits, in one place (documented in the README)."""
from __future__ import annotations

import os
from pathlib import Path

#: Where the declarative data lives (gazetteer, aliases, month names, number words ...).
LEXICON_DIR = Path(os.environ.get("RASD_LEXICONS", Path(__file__).resolve().parents[2] / "lexicons"))

#: Inputs larger than this are refused with a reason (``--max-bytes`` overrides it).
MAX_BYTES_DEFAULT = 16 * 1024 * 1024  # real reports are well under 1 MiB; bigger inputs are dumps

#: Report JSON schema version (SPEC section 2).
SCHEMA_VERSION = "1.0"

#: Files found while walking a folder that are annotations or guides, not reports.
NOT_REPORTS = ("gold*.jsonl", "*.gold.jsonl", "sources.jsonl", "baseline.json", "ANNOTATING.md", "README.md", "CHANGELOG.md")

# --------------------------------------------------------------------------- batch limits
# (rasd extract; see the README's "Safe on a real archive" section)

#: Seconds one input may take before its worker is stopped (``--input-timeout`` overrides it).
INPUT_TIMEOUT_DEFAULT = 120

#: Memory (MiB of address space) one extraction worker may add to what it was forked with; an input
#: that needs more fails alone
#: ("out of memory") (``--worker-memory`` overrides it; 0 = no limit).
WORKER_MEMORY_MB_DEFAULT = 3072

#: A DOCX whose XML parts inflate beyond this many bytes is refused (a zip bomb), before unpacking.
DOCX_MAX_XML_BYTES = 64 * 1024 * 1024

#: A DOCX whose members together inflate beyond this is refused.
DOCX_MAX_UNPACKED_BYTES = 256 * 1024 * 1024

#: A PDF with one compressed stream inflating beyond this is refused (a Flate bomb) ...
PDF_MAX_STREAM_BYTES = 64 * 1024 * 1024

#: ... and so is a PDF whose compressed streams together inflate beyond this.
PDF_MAX_INFLATED_BYTES = 256 * 1024 * 1024

#: HTML nested deeper than this many elements is refused before it is parsed.
HTML_MAX_DEPTH = 1000

#: A count (casualties, facilities, a toll) above this is absurd for one report: it is refused at
#: extraction with a warning instead of being stored.
MAX_COUNT = 10_000_000

#: How many failed or skipped inputs the end-of-run summary on stderr names (the manifest has all).
SUMMARY_MAX_LINES = 20


#: Validate every report against the pydantic schema before it is returned (``RASD_VALIDATE=1``).
#: Off on the hot path: the cheap span check (every span quotes the text) always runs; the tests
#: turn the full validation on (tests/conftest.py).
VALIDATE_REPORTS = os.environ.get("RASD_VALIDATE", "") not in ("", "0")

#: Where built lexicons (the gazetteer and its automaton, actor and facility tables) are pickled, so a
#: new process loads them instead of building them (``RASD_CACHE_DIR``; ``RASD_CACHE=0`` turns it off).
#: A cache file is keyed by the lexicon files and the pipeline's code, and rebuilt when either changes.
CACHE_DIR = Path(os.environ.get("RASD_CACHE_DIR")
                 or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rasd")
CACHE_ENABLED = os.environ.get("RASD_CACHE", "1") not in ("", "0")

# restatements (pipeline/stages/restatements.py)
#: a second source's figure for the same incident differs from the other by at most this factor
#: (3 against 8 killed is one incident told twice; 1 against 18 is another incident)
SECOND_SOURCE_MAX_RATIO = 3.0
#: the same when one of the two figures is told as an earlier statement (وكانت القناة زعمت، في تصريح سابق)
EARLIER_STATEMENT_MAX_RATIO = 8.0
#: how far before a count an earlier-figure cue (بعد أن كانت الحصيلة الأولية) may stand (characters)
EARLIER_FIGURE_REACH = 60
#: how far before or after a count a provisional-toll cue (حصيلة أولية، قابلة للارتفاع) may stand (characters)
PROVISIONAL_CUE_REACH = 40
#: a lead figure told as approximate (نحو 10) restates a body figure at most this share away from it (9 to 11)
APPROX_LEAD_TOLERANCE = 0.2
#: how far after a total of reported incidents a count of another outcome joined to it may start
PAIRED_TOTAL_REACH = 30
#: an among-cue (من بين القتلى) at most this many characters after a count, or this close before it, makes
#: the count a part of an earlier total in its sentence or this many sentences before it
AMONG_CUE_AFTER = 30
AMONG_CUE_BEFORE = 3
AMONG_TOTAL_SENTENCES = 5
#: a list of the people a count names (أصيب 7 مدنيين هم أم وزوجها وأربعة من أطفالها) reaches a member count
#: at most this many characters after the count it names
ENUMERATION_REACH = 90
#: a report whose lead has no count: its first count plays the lead if it stands in a paragraph up to this
#: index (0: the first paragraph of the text, headline lines included)
LEAD_PARAGRAPHS = 2
#: where a report's body starts (core/text.py ``body_start``): the first line of at least this many
#: characters, or the first line that ends with a full stop and has at least this many words
BODY_LINE_MIN_CHARS = 150
BODY_SENTENCE_MIN_WORDS = 8

# actors (pipeline/stages/actors.py)
#: words scanned before an actor for a verb or attack noun (its agent reading)
ACTOR_AGENT_WINDOW = 3
#: words scanned after an actor for a verb it is the subject of
ACTOR_SUBJECT_WINDOW = 2
#: words scanned on each side of a context-only alias for a harm term or force noun
ACTOR_CONTEXT_WINDOW = 5
#: how far (characters) the role and context rules look on each side
ACTOR_SCAN_CHARS = 90
#: characters after a possible speaker looked at for a speech word
ACTOR_SPEAKER_AFTER_CHARS = 40
#: characters after a nisba-final mention looked at for a blocker (الصنع)
ACTOR_BLOCKER_CHARS = 20
#: characters after a mention looked at for its next word (an adjective, a verb)
ACTOR_NEXT_WORD_CHARS = 30
#: words before and after a possible speaker looked at for a speech word
ACTOR_SPEECH_WORDS = 3
#: modifiers that may stand between an attack or force noun and its nisba adjective (قصف مدفعي تركي: one)
ACTOR_NISBA_MAX_MODIFIERS = 3
#: words before a label looked at for an accusation word (بتهمة دعم الإرهابيين: no actor)
ACTOR_ACCUSATION_WORDS = 3

# weapons (pipeline/stages/weapons.py)
#: words looked at on each side of a ``needs_context`` term
WEAPON_CONTEXT_WINDOW = 5
#: characters looked at on each side of a ``needs_context`` term
WEAPON_SCAN_CHARS = 80

# dates (pipeline/stages/dates.py): how far (normalized characters) each pattern looks back
#: a day (3 / الثالث من) before a month name
DATE_DAY_BEFORE_MONTH_CHARS = 40
#: a weekday before a day whose year was inferred
DATE_WEEKDAY_BEFORE_CHARS = 16
#: a bare day of a range before a day-month date (بين 3 و7 ايار)
DATE_BARE_DAY_BEFORE_CHARS = 40
#: a range word before a date (بين، من، خلال الفترة من)
DATE_RANGE_WORD_BEFORE_CHARS = 30
#: a publication cue before a date (نشر بتاريخ)
DATE_PUBLICATION_CUE_BEFORE_CHARS = 30
#: a line this short that ends in its date is a dateline
DATE_DATELINE_MAX_CHARS = 60
#: a Hijri date and the Gregorian date it equals stand at most this far apart
DATE_CALENDAR_PAIR_GAP_CHARS = 40

# numbers (pipeline/stages/numbers.py): how far (normalized characters) each pattern looks back
#: the noun before واحد (طفل واحد)
NUMBER_NOUN_BEFORE_CHARS = 30
#: a qualifier before a number (ما لا يقل عن)
NUMBER_QUALIFIER_BEFORE_CHARS = 40
#: a rate word before a number (بمعدل)
NUMBER_RATE_BEFORE_CHARS = 20
#: a range word before two numbers (بين 10 و15)
NUMBER_RANGE_WORD_BEFORE_CHARS = 12

# scope (pipeline/stages/scope.py)
#: places in this many governorates in one count's clause, with no day, make it a toll across the country
SCOPE_BREADTH_MIN_GOVERNORATES = 2
#: how far after a running-total cue its count may stand (normalized characters)
SCOPE_RUNNING_CUE_REACH = 90
#: how far before a count, and after it, a still-held cue (لا يزال) may stand
SCOPE_STOCK_CUE_BEFORE = 90
SCOPE_STOCK_CUE_AFTER = 80
#: characters before a date in which a since-word (منذ) makes it the start of a period
SCOPE_SINCE_REACH = 20
#: characters before a date in which a publication word (الصادر، أصدر، نشرت) makes it the day a report was
#: issued, not an incident's day
SCOPE_PUBLICATION_REACH = 45
#: characters after a day named after a verb of saying in which a complementizer or a statement noun (أن، في بيان)
#: makes it the day of the statement (scope.py statement_day)
SCOPE_STATEMENT_AFTER = 30
#: characters before a month in which a range word (وحتى) makes a day of that month the end of a range
SCOPE_RANGE_END_REACH = 40
#: characters before a month (its calendar pair (آب/ أغسطس) removed) looked at for the day it is the month of
#: (في السابع من أيلول الجاري: no period)
SCOPE_MONTH_DAY_BEFORE = 30
#: a comparison word (الأوسع، الأولى) at most this many words before a period cue makes it no period (الأوسع منذ أشهر)
SCOPE_COMPARISON_BEFORE = 4
#: characters after a weak tally cue looked at for a provisional word (كحصيلة أولية: no tally)
SCOPE_PROVISIONAL_AFTER = 20
#: How far before an open-period cue (حتى الآن) a provisional word may end (تعد أولية حتى الآن), how many characters
#: before a period cue are read for a comparison word (its sentence's part), and how far after a since-phrase of
#: hours (منذ فجر السبت) a word may put the day in the past (الماضي).
SCOPE_PROVISIONAL_BEFORE = 20
SCOPE_COMPARISON_CHARS = 80
SCOPE_PAST_WORD_AFTER = 20
#: characters after the start of a tally's period cue looked at for a short-period word (خلال اليومين الماضيين)
SCOPE_SHORT_PERIOD_AFTER = 12
#: how far before / after a count (in its clause) a one-day-total phrase (في يوم واحد، خلال الـ24 ساعة الماضية)
#: may stand to make it a day's total (scope rule ``day_total_over_incidents``; 60 before: a tally noun of the day, then
#: the day and its date, then the count: حصيلة يوم الجمعة 3 آذار بلغت …)
SCOPE_DAY_TOTAL_BEFORE = 60
SCOPE_DAY_TOTAL_AFTER = 70
#: how far after a count its distribution cue (توزعوا على بلدات …) may start (rule distributed_over_reported_places)
SCOPE_DISTRIBUTED_REACH = 30
#: how many sentences after a count naming several towns its per-town counts are looked for (summing.py,
#: split_over_named_places)
SCOPE_SPLIT_PART_SENTENCES = 6
#: characters before a count whose last two words are looked at for a breakdown pronoun (بينهم رضيعة: summing.py
#: among_them_after_total)
SCOPE_AMONG_THEM_BEFORE = 16
#: characters after a count looked at for an others-word (أربعة آخرون: people in addition to a count before it)
SCOPE_OTHERS_WORD_AFTER = 24
#: a heading line inside a report: at most this many characters and no final stop (ends the incidents a tally
#: report adds beside its tally: scope.py tally_additions)
SCOPE_HEADING_LINE_MAX_CHARS = 80
#: how many words after a reporter word a place is the reporter's (scope.py breadth_across_governorates)
SCOPE_REPORTER_REACH = 5
#: characters before a place in which those words are looked for (أفاد مراسل الإذاعة في دمشق)
SCOPE_REPORTER_BEFORE_CHARS = 80

# casualties (pipeline/stages/casualties/): how far, in normalized characters, each rule looks
#: how far before its count an outcome cue may stand (قتل ... 24 مدنياً)
CAS_CUE_BEFORE = 160
#: a bare four-digit number in this range that labels a heading or a list (الضحايا 2014: ...) is a year
CAS_YEAR_LABEL_MIN = 1950
CAS_YEAR_LABEL_MAX = 2099
#: a tally under a heading that names the victims (توزع الضحايا على المحافظات: / حلب: 8,391): how many
#: label lines may stand between a count and its heading
CAS_HEADING_TALLY_LINES = 20
#: lines a list line looks up for the line that introduces its list (ending with a colon)
CAS_LIST_INTRO_LINES = 12
#: the longest title line (no colon, no number) that may head such a tally
CAS_HEADING_TITLE_CHARS = 80
#: how many words back a tally's noun may stand from a count closing its relative clause (عدد القتلى الذين
#: قضوا نتيجة القصف بالهاون والمدافع (97))
CAS_TALLY_RELATIVE_WORDS = 16
#: a tally noun this many words or more before its count reaches it only after إلى (ارتفعت حصيلة ضحايا الاعتداء … إلى 44)
#: or when the count closes the noun's relative clause
CAS_TALLY_FAR_WORDS = 8
#: how many words back a tally's noun may stand from its number after إلى, across commas that set off where or by
#: whom (ارتفع عدد قتلى القصف، على بلدات الريف الشرقي، إلى 13 بينهم …)
CAS_TALLY_TO_WORDS = 24
#: words before a singular outcome noun looked at for the cause verb of its عن (أسفر الانفجار عن قتيل)
CAS_RESULT_VERB_WORDS = 4
#: words before a count looked at for the start of a released phrase ending right before it (أفرج عن), and before
#: its عن for a release verb (أفرجت قوات النظام عن 17 معتقلاً): the released are no casualties
CAS_RELEASED_PHRASE_WORDS = 3
CAS_RELEASE_VERB_WORDS = 6
#: how far after the end of its counted noun an outcome cue may stand
CAS_CUE_AFTER = 24
#: a count opening a reported clause (إن 12 مدنياً ... قتلوا): how far back its complementizer may stand
#: (a list of counts between), and how far after the count its verb may stand
CAS_SUBJECT_AFTER_COMPLEMENTIZER = 80
CAS_SUBJECT_VERB_AFTER = 120
#: Words of a من phrase between a bare person noun and its outcome verb (عنصر من الفصيل قتل).
CAS_SUBJECT_OF_WORDS = 4
#: Words between a verb of documenting and the count it documents (its subject: تقرير الشبكة السورية …).
CAS_DOCUMENTED_SUBJECT_WORDS = 7
#: how far after a count (or its breakdown) its attribution is looked for (على يد، جراء)
CAS_AGENT_AFTER = 140
#: how far after an actor named after a count its harm of them (… قامت خلية داعش، كما قال الأهالي، بإعدامهم) may stand
CAS_HARM_OF_THEM_AFTER = 40
#: how far after a total (and its breakdown) the marker opening the list of its parts (، وهم) may start
CAS_TOTAL_LIST_AFTER = 12
#: how far before a count its agent is looked for
CAS_AGENT_BEFORE = 260
#: how far before an actor the ل or إلى gluing it to a responsibility head named before the count may start
#: (حمّلت ... مسؤولية اعتقال 107 أشخاص، لقوات ...; characters)
CAS_TO_ACTOR_BEFORE = 12
#: the most characters between an actor and the word right before it that makes it a target or an owner
#: (على مواقع داعش، التابعة للنظام)
CAS_WORD_BEFORE_ACTOR_GAP = 3
#: words before an actor looked at for the belonging word of a target site it owns (حاجزاً يتبع لفرع الأمن)
CAS_TARGET_OWNER_WORDS = 3
#: words before an actor looked at for a supporter or a charge that makes it no agent (بمساندة مروحيات التحالف)
CAS_NON_AGENT_WORDS = 4
#: words before an actor looked at for the source of the statement (أعلن المركز الإعلامي لقوات ...)
CAS_SOURCE_WORDS = 3
#: words before an actor's belonging word looked at for a place of custody it owns (مراكز الاحتجاز التابعة للنظام)
CAS_CUSTODY_HEAD_WORDS = 3
#: how far before a count a responsibility head may stand (حمّلت ... مسؤولية اعتقال 107 أشخاص ... لـ X)
CAS_RESPONSIBILITY_HEAD_BEFORE = 40
#: how far after a death count a torture cue may stand
CAS_TORTURE_AFTER = 90
#: how far before a list line the head count or the attributed counts it inherits from may stand
CAS_LIST_CONTEXT = 1500
#: how far after a count a population predicate (معرضون للخطر), and before it a habitual cue, may stand
CAS_POPULATION_AFTER = 40
CAS_HABITUAL_BEFORE = 80
#: how many words (a subject, an object) may stand between a population verb and its count (يستقبل المركز
#: قرابة 4 آلاف مراجع، يقدم خدماته لنحو 200 ألف شخص)
CAS_POPULATION_VERB_WORDS = 4
#: characters before a count within which a list head (a bullet, a list number) is looked for
CAS_LIST_HEAD_WINDOW = 64
#: how far after a count an actor its people belong to (التابع لـ) may stand
CAS_MEMBER_AFTER = 70
#: how many words after an actor its reporting verb may stand (وزارة الدفاع، قد كتبت … أن 10 أشخاص قتلوا)
CAS_SPEAKER_VERB_AFTER = 3
#: from how many counts (chains) in one sentence it is a tally (359 في حلب، و298 في دمشق، و27 في الرقة): its items
#: restate no earlier count
CAS_TALLY_SENTENCE_COUNTS = 4
#: the least number a count restated in the next sentence must have to take that count's agent (a pair there is
#: often another incident's: ومدنيان آخران … فارق مدنيان اثنان)
CAS_RESTATED_NEXT_MIN = 3
#: the longest gap between two actors joined by و (قوات النظام والقوات الروسية)
CAS_JOINED_ACTORS_GAP = 16
#: the longest gap between two actors of a joined list when a quoted name that is no actor stands between them
CAS_JOINED_LIST_GAP = 48
#: the longest gap between an actor and one describing it after a modifier marker (القوات الحكومية المدعومة روسياً)
CAS_MODIFIER_GAP = 24
#: the most characters (punctuation, a bracket) between the last part of a breakdown and its own predicate (سقطوا)
CAS_PART_PREDICATE_AFTER = 4
#: words a bracketed count's plural noun phrase may have (مقتل من عناصر الدفاع المدني (12)), and characters before that
#: phrase looked at for a number of its own (5 مدنيين (12): then the bracket is no count of the noun)
CAS_BRACKET_NOUN_WORDS = 4
CAS_BRACKET_OWN_COUNT_BEFORE = 4
#: words after a count looked at for its unknown fate (مجهولي المصير، مجهولاً), in its clause; a fate adjective
#: (مجهولي المصير) must start within the first few of them, and a fate noun (مصير 9 منهم) within this many before it
CAS_FATE_AFTER_WORDS = 8
CAS_FATE_ADJECTIVE_WORDS = 3
CAS_FATE_NOUN_BEFORE_WORDS = 4
#: words before a count looked at for the complementizer opening its clause (إن 12 مدنياً ... قتلوا)
CAS_COMPLEMENTIZER_BEFORE_WORDS = 24
#: how far before a count a change verb (تحول ... إلى) may stand, and after it the new state's cue
CAS_CHANGE_VERB_BEFORE = 30
CAS_CHANGE_STATE_AFTER = 40
#: how far after a count a custody pronoun (لديها) may stand, and before it its custodian
CAS_CUSTODY_PRONOUN_AFTER = 60
CAS_CUSTODIAN_BEFORE = 300
#: how far after a count an "another attack" cue may stand, and the count before it
CAS_ANOTHER_ATTACK_AFTER = 60
CAS_ANOTHER_ATTACK_GAP = 400
#: how far before an attack noun a number that counts it may end (لـ 4 هجمات): then it names no attack of a count
CAS_ATTACK_COUNTED_BEFORE = 8
#: how far before a count whose clause names its attack by a definite cause noun (وأدى القصف إلى …) the
#: sentences that name the attacker may start, and how many sentences back they are looked for
CAS_CAUSE_REFERS_BACK = 600
CAS_CAUSE_REFERS_SENTENCES = 3
#: how far before a count with no agent the count it restates (same number, group and outcome) may start
CAS_RESTATED_BEFORE = 1500
#: the outcome rules that read a count as disappeared from its unknown fate (مصير 11 مواطناً مجهولاً): such a count
#: told after a detained count of its sentence takes that count's perpetrator
FATE_UNKNOWN_OUTCOME_RULES = frozenset({"fate_unknown"})
#: the groups of a headline count that may restate a body count of any group (20 قتيلاً over 20 مدنياً)
HEADLINE_GENERIC_GROUPS = frozenset({"persons"})
#: how far before a list of victims the paragraph whose one actor it inherits may start
CAS_LIST_PARAGRAPH_BEFORE = 600
#: the longest gap between a count and a part after its breakdown marker (بينهم)
CAS_BREAKDOWN_GAP = 90
#: how far before a count (characters, in its sentence) the opener of a breakdown naming its total is looked for
#: (بين الجرحى المدنيين الـ85، 20 طفلاً … و9 نساء)
CAS_NAMED_TOTAL_BEFORE = 160
#: a count of cases referring back (40 حالة من تلك الحالات) is a share of a tally of cases at most this many
#: sentences before it
CAS_CASES_TOTAL_SENTENCES = 2
#: the longest age between two counts of a list (… طفلاً دون سن الثامنة عشرة و61 سيدة)
CAS_AGE_GAP = 32
#: how far back in its sentence (characters) the body owning a member noun with a pronoun is looked for
#: (أعلنت منظمة … مقتل 3 من متطوعيها)
CAS_MEMBER_OWNER_BEFORE = 400
#: the longest gap between a total and a share of it across a semicolon (…؛ 97 منهم)
CAS_SHARE_ACROSS_SEMICOLON = 200
#: at most this many words (the outcome verb) before a breakdown marker that opens a sentence and makes its count
#: a share of the sentence before's total (قضى منهم 90 برصاص …)
CAS_SHARE_OPENING_WORDS = 2
#: the longest gap between an elliptic count (و4 على يد) and the count whose group it takes
CAS_ELLIPTIC_GAP = 120
#: the longest gap between two coordinated counts sharing an outcome (، و3 من ...)
CAS_COORDINATED_GAP = 90
#: how far after the previous total a list line may take its outcome
CAS_LIST_OUTCOME_CONTEXT = 3000

# places (pipeline/stages/places; distances are in normalized characters)

#: How far before a name its trigger word (قرية، حي) may start, and a direction word (شرق، جنوب).
PLACE_TRIGGER_REACH = 14
PLACE_DIRECTION_REACH = 22
#: How far before a name a number makes it a counted noun (37 مدرسة), a cue makes a country a place
#: (في، داخل), and a relation or origin word reads it (مرتبطة بإيران، عودته من لبنان).
PLACE_NUMBER_REACH = 12
PLACE_COUNTRY_CUE_REACH = 18
PLACE_RELATION_REACH = 16
#: How far before a name (or its trigger) an organization's head word may stand (مجلس الرقة المدني).
PLACE_ORG_REACH = 40
#: How far after a trigger an unknown name may run (1-3 words).
PLACE_NAME_REACH = 60
#: An unknown name after a trigger has at most this many words.
PLACE_NAME_MAX_WORDS = 3
#: What may join two names of a list: closing quote, comma and/or و, opening quote, spaces (characters)
PLACE_LIST_JOIN_REACH = 8
#: A name of at most this many letters (without its article) is weak: a place only with context.
PLACE_SHORT_NAME_LETTERS = 2
#: After a trigger, an indefinite word this long or longer with an adjective's ending is no name (حدودية).
PLACE_ADJECTIVE_MIN_LETTERS = 5
#: A community of at least this many people is a town, else a village.
PLACE_TOWN_POPULATION = 20_000
#: An OCHA community smaller than this, with no hand alias, needs a trigger or context to count.
PLACE_WEAK_POPULATION = 1000
#: Homonyms (pipeline/stages/places/homonyms.py, rule ``best_fitting_row``): the score of a row is the
#: base of its kind, plus these for each piece of context that agrees with it.
PLACE_KIND_BASE = {"city": 30, "governorate": 28, "town": 26, "country": 25, "district": 22, "region": 21,
                   "camp": 20, "subdistrict": 18, "neighborhood": 17, "site": 16, "village": 12, "community": 10}
PLACE_KIND_BASE_OTHER = 10
PLACE_COUNTRYSIDE_BASE = {"governorate": 40, "district": 30, "city": 20, "town": 10}
PLACE_SCORE_OWN_POINT = 10  # a community with its own point (beats the subdistrict named after it)
PLACE_SCORE_TRIGGER = 50  # the trigger word's kind accepts the row's kind
PLACE_SCORE_CONTAINER = 100  # + in the containing unit's governorate, - outside it
PLACE_SCORE_CONTAINER_DISTRICT = 20  # also in its district
PLACE_SCORE_NEAR = 30  # in the governorate of the place a direction points from (X جنوب دمشق)
PLACE_SCORE_SENTENCE = 15  # in a governorate another place of the sentence lies in
PLACE_SCORE_REPORT_EACH, PLACE_SCORE_REPORT_MAX = 2, 8  # per unambiguous mention of its governorate
PLACE_SCORE_POPULATION_MAX = 4.0  # log10(population) / 2, at most this

# facilities (pipeline/stages/facilities; distances are in normalized characters unless told otherwise)

#: How far back in its sentence the words before a facility noun are read (landmark, source, negation).
FACILITY_SCAN_CHARS = 60
#: How far back a one-word cue right before the noun is looked for ('one of', a non-referential word).
FACILITY_WORD_REACH = 12
#: how far before a facility after a preposition of place a site noun that is no facility of the list (مركزاً
#: لجمعية … داخل مخيم أطمة) is looked for, in its sentence
FACILITY_SITE_REACH_CHARS = 120
#: How far back the number that counts a noun may end (3 مدارس، 3 من المدارس).
FACILITY_NUMBER_REACH = 12
#: How far back a share's من كل / من أصل may stand before the total it introduces.
FACILITY_RATIO_REACH = 24
#: How far after a noun a word that names it again may start (anaphoric: المدرسة نفسها).
FACILITY_ANAPHORA_REACH = 20
#: How far after a counted set a part marker (بينها) may stand before a member of it.
FACILITY_PART_REACH = 60
#: Words looked back for a moving verb before a preposition of direction (نقل الجرحى إلى المشفى).
FACILITY_DESTINATION_WORDS = 5
#: Word tokens between two facilities that may still be one noun phrase (a name: مشفى حلب الجامعي).
FACILITY_MAX_GAP_WORDS = 3
#: Word tokens back a reporting verb may stand before a و-conjoined source (ووثق ناشطون ومركز الدفاع المدني).
FACILITY_SOURCE_REACH_CONJUNCT = 3
#: A title line (before the body) is at most this long and has no sentence-final mark.
FACILITY_TITLE_MAX_CHARS = 250
#: Words of a speaker between a claim verb and its complementizer (قالت وزارة الدفاع الروسية إن), and after a
#: denial verb (نفت الحكومة).
FACILITY_CLAIM_SPEAKER_WORDS = 6
FACILITY_DENIAL_SPEAKER_WORDS = 3
#: Words between a tally heading's noun and its colon (حصيلة الأسبوع الماضي:).
FACILITY_TALLY_HEAD_WORDS = 3
#: List lines under a tally heading that ends its line (المنشآت المستهدفة: / - 5 مدارس), read at most.
FACILITY_TALLY_LIST_LINES = 40
#: Words of the first object between an attack noun and a restated و-conjunct (مستهدفاً الحي والسوق).
FACILITY_RESTATED_CONJUNCT_WORDS = 2
#: Words of a named site's name between its head and its kind (محطة علوك للمياه).
FACILITY_SITE_NAME_WORDS = 2
