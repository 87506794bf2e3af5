"""Word lists and context patterns the location tagger uses around a gazetteer match.

Patterns on the left are searched in a window that ends where the place name starts (they end
in `$`); patterns on the right are matched from where it ends. All compiled once, at import.
"""

from __future__ import annotations

import re

from annotator.tagging.text import caseless, trie_pattern

# One-word surfaces that are never taken as a place on their own (no article, not all caps):
# English words and personal names whose keys collide with a gazetteer key ("War" ~ al-Waer,
# "Tell" ~ al-Tall, "Dana" ~ al-Dana). "al-Dana" and "US" still match.
STOP_SURFACES = frozenset("""
a an the and or but if of in on at to by for from with without into onto over under near as is are was were be
been this that these those there here it its he she they we you his her their our your my me him them us who whom
whose which what when where why how all any some no not nor so than then too very can will would should could may
might must shall do does did done have has had having one two three four five six seven eight nine ten new old
war tell tall till teal tale tel dana dean dane dina home hope bath nice reading mobile split sale male van
soma pest buda mark march may june july august april sunday monday tuesday wednesday thursday friday saturday
january february september october november december christmas easter ramadan eid army state states union
president minister general colonel captain doctor sheikh imam mr mrs dr said saad saeed sultan ali hassan
hussein omar othman osman khaled khalid khalil riad riyad hadi salem salim samir nasser bashar hafez assad asad
maher rami yasser farhan hakim seif saif okab yahya haitham hisham ghazal bahra abdullah abdul abu umm ibrahim
ismail youssef yusuf mustafa mahmoud jamal karim kamal fadi hamza hamid hamed saleh salah tarek tariq anas nour
noura zein sami hani jihad salwa rima huda mazen munzer ahmed ahmad mohammed muhammad mohamed mahmud qasim
samad rabia salma karama hamra dima nadia layla leila maya rana lana sara sarah hala hind zina mona amal
victoria florence charlotte douglas stanley hamilton kennedy jackson lincoln
karma
""".split())

# Capitalised at a sentence start, these say nothing about the word after them ("In Raqqa").
FUNCTION_WORDS = frozenset("""
a an the and or but if of in on at to by for from with without into onto over under near as is are was were be
this that these those there here it its he she they we his her their our all any some no not so than then
however meanwhile since after before during while although though when where whereas also only even both each
every many most several other another such today yesterday earlier later last next following despite amid
inside outside across between around throughout within toward towards via
""".split())

# Words that may sit right next to a place without making it part of a person's or an
# organisation's name ("Idlib Province", "Eastern Ghouta", "Raqqa City").
NEIGHBOUR_OK = frozenset("""
province provinces governorate governorates city town village countryside rural suburbs outskirts river camp
prison airport airbase dam crossing mountains mountain plain heights region area district desert valley lake
northern southern eastern western central north south east west greater old upper lower
northeast northwest southeast southwest north-east north-west south-east south-west
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
the in on at of and or from to near by into for with
""".split())

_DIR = (r"(?:north|south|east|west|central|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)"
        r"(?:ern)?")

# "Geneva talks", "Manbij Military Council", "Deir Ezzor provincial council": up to three
# modifiers (capitalised words or these) and then one of the heads.
ORG_MODIFIERS = frozenset("""
military provincial local city revolutionary opposition peace political security civil reconciliation operation
operations ceasefire humanitarian media defence defense police health relief international regional joint popular
national liberation free sharia legal judicial bar medical education coordination
""".split())
ORG_HEADS = frozenset("""
talks negotiations communique communiqué communiques conference summit process platform council councils
committee committees coalition forces force army front brigade brigades battalion battalions division regime
government authority authorities delegation agreement accord accords declaration memorandum format track round
meeting meetings statement initiative plan protocol convention conventions understanding deal room office centre
center network observatory university club league party movement union militia militias gathering bloc body
tribunal court administration directorate command guard guards airline airlines department ministry police post
times herald journal agency news tv radio channel group groups faction factions operation operations corps
regiment shield
""".split())
# (These right-hand patterns are case-insensitive through `caseless`: see text.caseless.)
# The word lists are tries (text.trie_pattern): the engine rejects a word after its first letters
# instead of trying each of the hundred heads in turn at every word (twice as fast; callers only
# ask whether it matches, which the order of the alternatives does not change).
ORG_RIGHT = re.compile(caseless(
    r"[ \t]+(?:(?:(?-i:[A-Z][\w’'&-]*)|" + trie_pattern(sorted(ORG_MODIFIERS)) + r")[ \t]+){0,3}"
    r"(?:" + trie_pattern(sorted(ORG_HEADS)) + r"|(?-i:I{1,3}|IV|V|VI{1,3}))\b"
))
# After a possessive only a capitalised name is an organisation ("Raqqa's City Council");
# "Russia's forces" still names Russia.
ORG_POSSESSIVE = re.compile(
    r"['’]s[ \t]+(?:[A-Z][\w’'&-]*[ \t]+){0,3}(?:Council|Councils|Committee|Coalition|Forces|Army|Front|Brigades?|"
    r"Battalion|Regime|Government|Authority|Administration|Directorate|Department|Ministry|Office|Network|"
    r"Observatory|University|Court|Police|Party|Movement|Union|Platform|Center|Centre)\b"
)
# "Russia-backed", "US-led", "Idlib-based": an adjective, not a place.
COMPOUND_RIGHT = re.compile(r"[-‐‑][a-z]")

PROVINCE_RIGHT = re.compile(caseless(
    # ("Aleppo governate": a common misspelling; "Homs, Raqqa, and other governorates": the list's noun;
    # "the Aleppo region": a governorate when the governorate bears the name, see locations._to_province)
    r"(?:['’]s)?(?:,?[ \t]+and[ \t]+other)?[ \t]+(?:(?P<dir>" + _DIR + r")[ \t]+)?"
    r"(?P<cue>province|provinces|governorate|governorates|governate|governates|countryside|countrysides|rural\s+areas"
    r"|region|regions)\b"
))
CITY_RIGHT = re.compile(caseless(r"[ \t]+(?:city|town)\b(?![ \t]+(?:council|hall|centre|center))"))
NEAR_RIGHT = re.compile(caseless(r"(?:['’]s)?[ \t]+(?:outskirts|suburbs|surroundings|environs|vicinity|periphery)\b"))
GEO_POSSESSIVE_RIGHT = re.compile(caseless(
    r"['’]s[ \t]+(?:" + _DIR + r"|borders?|territor(?:y|ies)|capital|cities|towns|villages|provinces|coast|"
    r"countryside|airspace|soil|interior|regions|desert|mountains)\b"
))
# Left of a place the tagger reads words, not patterns: the few words before the name, lower-cased,
# nearest first (see locations._left_words). These sets are what it looks for.
DIRECTIONS = frozenset("""
north south east west northern southern eastern western central northeast northwest southeast southwest
north-east north-west south-east south-west northeastern northwestern southeastern southwestern
north-eastern north-western south-eastern south-western
""".split())
TOWN_NOUNS = frozenset("city town village camp hamlet area district neighbourhood neighborhood suburb settlement locality".split())
PROVINCE_NOUNS = frozenset(
    "countryside countrysides province provinces governorate governorates governate governates region regions".split())
NEAR_WORDS = frozenset("near nearby outside around between".split())
NEAR_OF = frozenset("outskirts edge vicinity surroundings environs".split()) | DIRECTIONS
DISTANCE_UNITS = frozenset("km kms kilometres kilometers kilometre kilometer miles mile".split())
# Where a country or a foreign capital is a place rather than an actor ("refugees in Turkey").
LOCATIVE = frozenset("""
in inside into within across throughout from to toward towards at near outside around through via over
entering entered enter enters left leave leaving visit visited visiting reach reached fled flee fleeing
return returned returning deported capital
""".split()) | DIRECTIONS
LOCATIVE_OF = frozenset("parts areas regions cities towns territory territories border borders soil".split())
# "envoy to Syria", "support from Russia": the preposition does not make a place of the country.
NOT_LOCATIVE = frozenset("""
envoy envoys ambassador ambassadors representative representatives delegate delegates delegation delegations
emissary emissaries mission missions letter letters memorandum memoranda loyal allied close according due
thanks ties relations support backing pressure assistance aid officials officers experts troops forces militias
fighters mercenaries warplanes jets weapons arms funding guarantees
""".split())
# "Friends of Syria", "Islamic State of Iraq", "Local Council of Douma" (capitalised: a name).
ORG_BEFORE_OF = frozenset("""
State Council Coalition Bank Friends Committee Front Army Union Party Movement Commission Observatory Network
Office Ministry Organization Organisation Group Forces Brigade Brigades Battalion Revolution Republic Kingdom
Emirate Caliphate Mission Court Embassy Consulate University Church Diocese Association Institute Center Centre
Syndicate Federation Assembly Directorate Department council committee coalition brigade brigades battalion
""".split())

NEAR_NOUNS = frozenset("outskirts suburbs surroundings environs vicinity periphery".split())
# A lower-case word after a place that may start a right-hand cue; any other means none does.
RIGHT_TRIGGERS = (ORG_MODIFIERS | ORG_HEADS | PROVINCE_NOUNS | DIRECTIONS | NEAR_NOUNS
                  | frozenset("rural city town".split()))

# A list of places: "the provinces of Raqqa and Deir Ezzor", "in Lebanon, Jordan and Turkey".
CONJUNCTION = re.compile(r"\s*(?:,|&|and|or|,\s*and|,\s*or)\s*(?:the\s+)?$")
APPOSITION = re.compile(r"\s*,\s*$")

# "the town of Buqras Fokani", "the villages of Umm Batna and Jabab": places the gazetteer lacks.
_NAME = (r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ed|es|ez)[-‐]|(?:Al|El|al|el)\s)?[A-Z][\w’'‘`ʿʾ]*"
         r"(?:(?:[ -](?:(?:al|el|ad|an|ar|as|ash|at|az|ed|es|ez|bin|bani|ibn)[- ])?|[ ](?:Abu|Umm|Bani|Beit|Tal|Tel|Kafr|Khan|Deir|Ain|Jabal|Wadi|Ras)[ ])"
         r"[A-Z][\w’'‘`ʿʾ]*){0,3}")
# (The tagger finds " of " and the nouns with str.find first: regex scans of every item cost more.)
NAME_PATTERN = _NAME
PLACE_NAME = re.compile(_NAME)
# "the al-Joura neighbourhood", "the Salaheddine district": the noun after the name.
NOUNS_AFTER = ("neighbourhood", "neighborhood", "district", "camp", "village", "suburb", "crossing", "airbase",
               "airport", "prison")
# Facilities are named with their noun: "the Kafr Lusin crossing", "the Tiyas airbase".
FACILITY_NOUNS = frozenset("camp crossing airbase airport prison".split())
# Capitalised words that describe people, not places: "the Assyrian villages", "the Kurdish district".
PEOPLE_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ite", "ic", "i", "ni", "an")
NAME_BEFORE_NOUN = re.compile(
    r"(?:^|(?<=\W))the (?P<name>(?:al|el|Al|El)[-‐][A-Z][\w’'‘`]*|[A-Z][\w’'‘`]*(?: [A-Z][\w’'‘`]*)?) $"
)
MORE_NAMES = re.compile(r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)(?P<name>" + _NAME + r")")
# ("the settlement of Jurin", "the inhabited locality of Djibrin": the Russian military's words)
UNKNOWN_FEATURE = {"town": "town", "village": "village", "hamlet": "village", "city": "city", "camp": "facility",
                   "settlement": "village", "locality": "village",
                   "neighbourhood": "town", "neighborhood": "town", "district": "town", "suburb": "town",
                   "area": "region", "crossing": "facility", "airbase": "facility", "airport": "facility",
                   "prison": "facility"}
