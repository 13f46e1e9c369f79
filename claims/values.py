"""Typed value extraction and normalisation (English and German).

Why a hand-written grammar: general parsers (dateparser.search_dates, quantulum-style unit
parsers) cost milliseconds per sentence, do not report exact character offsets, and do not give the
language-independent normalised forms that conflict detection compares ("rund 60 Prozent" and
"about 60 percent" must become the same dict). So every value type here is a compiled regular
expression (built once per language) plus a small handler that validates and normalises a match.

How a sentence is processed:
1. a cheap pre-check: no digit, number word, month, ordinal or "year" word -> [] at once;
2. each pattern whose gate (a few substring tests) passes proposes candidates (type, span,
   normalised form, priority); sentences without number words use digit-only patterns;
3. candidates are chosen greedily by priority, then length: a date range beats the two dates inside
   it, a money amount beats the bare quantity inside it; chosen values never overlap;
4. values come back in position order with offsets shifted by `offset`.

Normalised forms are language-independent: German and English twins give equal dicts, except
for the surface `unit` word of a quantity (`unit_key` is the shared canonical key for common units).
Keys beyond the basic ones, present only when they apply:
- date: "year_inferred", "month_day"/"month" (no article date), "relation" (until/since/before/
  after), "relative" (-1/0/1 for last/this/next year), "weekday" and "weekday_mismatch";
- date_range: "start"/"end" (ISO, or years), "precision", "year_inferred";
- quantity/percent/money: "qualifier" (about, more_than, less_than, at_least, at_most, nearly),
  "value_max" for ranges ("20 to 30 firms"), "per" for rates ("300 t a year" -> "year"),
  "approximate" for counts like "tens of thousands of guests" / "Zehntausende von Gästen" (value is
  the lower bound, qualifier "at_least");
- rank: "rank", "of", "top", "first" (primacy claims), "superlative" ("second-largest");
- year_target: "year", "target" (surface words), "target_key" (carbon_peak, carbon_neutrality,
  net_zero), "relation": "before" for "neutrality before 2060".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from claims.calendar import MONTH_PATTERN, infer_year, month_number, valid_date
from claims.numbers import (
    EN_MULTIPLIERS,
    EN_ORDINALS,
    EN_SCALES,
    EN_SMALL,
    EN_TENS,
    as_number,
    parse_de_ordinal,
    parse_de_word,
    parse_digits,
    parse_en_words,
    scale_value,
)

VALUE_TYPES = ("date", "date_range", "percent", "quantity", "rank", "year_target", "money", "duration")


@dataclass(frozen=True, slots=True)
class Value:
    """One value asserted in a text: its type, surface text, offsets and normalised form.

    `start`/`end` are character offsets into the text given to `extract_values`,
    so `text == source[start:end]` always holds.
    """

    type: str
    text: str
    start: int
    end: int
    normalized: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- vocabulary


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


QUALIFIERS: dict[str, str] = {
    "about": "about", "around": "about", "approximately": "about", "approx.": "about",
    "roughly": "about", "some": "about", "an estimated": "about", "estimated": "about",
    "rund": "about", "etwa": "about", "ungefähr": "about", "circa": "about", "ca.": "about",
    "annähernd": "about",
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "upwards of": "more_than", "just over": "more_than", "mehr als": "more_than", "über": "more_than",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "just under": "less_than", "weniger als": "less_than", "unter": "less_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "mindestens": "at_least",
    "at most": "at_most", "up to": "at_most", "no more than": "at_most", "höchstens": "at_most",
    "bis zu": "at_most", "maximal": "at_most",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "knapp": "nearly", "fast": "nearly",
    "beinahe": "nearly", "nahezu": "nearly",
}

_UNIT_KEY_GROUPS: dict[str, tuple[str, ...]] = {
    "t": ("t", "ton", "tons", "tonne", "tonnes", "tonne(n)", "tonnen"),
    "kt": ("kt", "kilotons", "kilotonnes", "kilotonnen"),
    "Mt": ("mt", "megatons", "megatonnes", "megatonnen"),
    "kg": ("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilogramm"),
    "km": ("km", "kilometre", "kilometres", "kilometer", "kilometers", "kilometern"),
    "m": ("m", "metre", "metres", "meter", "meters", "metern"),
    "m2": ("m²", "m2", "square metres", "square meters", "quadratmeter", "quadratmetern"),
    "km2": ("km²", "km2", "square kilometres", "square kilometers", "quadratkilometer", "quadratkilometern"),
    "ha": ("ha", "hectare", "hectares", "hektar"),
    "MW": ("mw", "megawatt", "megawatts"),
    "GW": ("gw", "gigawatt", "gigawatts"),
    "kW": ("kw", "kilowatt", "kilowatts"),
    "kWh": ("kwh", "kilowatt-hours", "kilowattstunden"),
    "MWh": ("mwh", "megawatt-hours", "megawattstunden"),
    "GWh": ("gwh", "gigawatt-hours", "gigawattstunden"),
    "TWh": ("twh", "terawatt-hours", "terawattstunden"),
    "°C": ("°c", "℃", "degrees celsius", "grad celsius"),
    "km/h": ("km/h", "kilometres per hour", "kilometers per hour", "stundenkilometer"),
    "l": ("l", "litre", "litres", "liter", "liters", "litern"),
    "country": ("country", "countries", "land", "länder", "ländern", "nation", "nations", "staaten",
                "staat"),
    "region": ("region", "regions", "regionen"),
    "city": ("city", "cities", "stadt", "städte", "städten"),
    "company": ("enterprise", "enterprises", "company", "companies", "firm", "firms", "unternehmen",
                "firma", "firmen", "businesses", "corporations", "konzerne", "konzernen"),
    "guest": ("guest", "guests", "gast", "gäste", "gästen"),
    "visitor": ("visitor", "visitors", "besucher", "besuchern", "besucherinnen"),
    "person": ("people", "persons", "person", "menschen", "personen"),
    "participant": ("participant", "participants", "teilnehmer", "teilnehmern", "teilnehmende"),
    "exhibitor": ("exhibitor", "exhibitors", "aussteller", "ausstellern"),
    "employee": ("employee", "employees", "staff", "workers", "mitarbeiter", "mitarbeitern",
                 "beschäftigte", "beschäftigten"),
    "factory": ("factory", "factories", "fabrik", "fabriken", "werke", "werken"),
    "park": ("park", "parks", "parken"),
    "product": ("product", "products", "produkt", "produkte", "produkten"),
    "project": ("project", "projects", "projekt", "projekte", "projekten"),
    "brand": ("brand", "brands", "marke", "marken"),
    "unit": ("unit", "units", "einheit", "einheiten"),
    "area": ("area", "areas", "field", "fields", "bereich", "bereiche", "bereichen"),
    "conference": ("conference", "conferences", "konferenz", "konferenzen"),
    "forum": ("forum", "forums", "fora", "foren"),
    "session": ("session", "sessions", "sitzung", "sitzungen"),
    "event": ("event", "events", "veranstaltung", "veranstaltungen"),
    "speaker": ("speaker", "speakers", "redner", "rednern", "referenten"),
    "vehicle": ("vehicle", "vehicles", "fahrzeug", "fahrzeuge", "fahrzeugen"),
    "car": ("car", "cars", "auto", "autos"),
    "job": ("job", "jobs", "arbeitsplätze", "arbeitsplätzen", "stellen"),
    "household": ("household", "households", "haushalt", "haushalte", "haushalten"),
    "member": ("member", "members", "mitglied", "mitglieder", "mitgliedern"),
    "agreement": ("agreement", "agreements", "vereinbarung", "vereinbarungen", "abkommen"),
    "supply_chain": ("supply chain", "supply chains", "lieferkette", "lieferketten"),
    "data_center": ("data center", "data centers", "data centre", "data centres", "rechenzentrum",
                    "rechenzentren"),
    "batch": ("batch", "batches", "charge", "chargen"),
    "school": ("school", "schools", "schule", "schulen"),
    "tree": ("tree", "trees", "baum", "bäume", "bäumen"),
    "hospital": ("hospital", "hospitals", "krankenhaus", "krankenhäuser", "krankenhäusern"),
    "student": ("student", "students", "studenten", "studierende", "schüler", "schülern"),
    "inhabitant": ("inhabitant", "inhabitants", "residents", "einwohner", "einwohnern", "einwohnerinnen"),
    "page": ("page", "pages", "seite", "seiten"),
    "chapter": ("chapter", "chapters", "kapitel", "kapiteln"),
    "subsidiary": ("subsidiary", "subsidiaries", "tochtergesellschaft", "tochtergesellschaften",
                   "tochterunternehmen"),
    "province": ("province", "provinces", "provinz", "provinzen"),
    "degree": ("degree", "degrees", "grad"),
    "team": ("team", "teams"),
    "institution": ("institution", "institutions", "institutionen", "einrichtungen"),
    "organization": ("organization", "organizations", "organisation", "organisations", "organisationen"),
    "initiative": ("initiative", "initiatives", "initiativen"),
    "plant": ("plant", "plants", "anlage", "anlagen", "kraftwerk", "kraftwerke", "kraftwerken"),
    "building": ("building", "buildings", "gebäude", "gebäuden"),
    "expert": ("expert", "experts", "experte", "experten", "expertinnen"),
    "delegate": ("delegate", "delegates", "delegierte", "delegierten"),
    "pilot_project": ("pilot project", "pilot projects", "pilotprojekt", "pilotprojekte", "pilotprojekten"),
}
UNIT_KEYS: dict[str, str] = {word: key for key, words in _UNIT_KEY_GROUPS.items() for word in words}

# Two-word English units whose modifier belongs to the unit ("eight green supply chains").
_COMPOUND_UNITS = frozenset(w for w in UNIT_KEYS if " " in w)

# Units written as symbols right after a number; case matters ("MW" is not "mW").
_ABBR_UNITS = ("km/h", "km²", "km2", "m²", "m³", "m2", "m3", "MWh", "GWh", "kWh", "TWh", "km", "kg", "kt", "Mt",
               "Gt", "MW", "GW", "kW", "TW", "ha", "mm", "cm", "GB", "TB", "°C", "℃", "°F", "t", "m", "l")

# Words that belong to another value type: a quantity never takes them as its unit.
_NOT_UNITS = _wordset(
    """
    percent per cent pct prozent percentage prozentpunkte prozentpunkt year years month months week
    second seconds sekunde sekunden weeks day days hour hours minute minutes decade decades century
    centuries jahr jahre jahren
    jahrzehnt jahrzehnte jahrzehnten monat monate monaten woche wochen tag tage tagen stunde stunden
    minute minuten dollar dollars euro euros yuan renminbi rmb pound pounds usd eur cny pfund yen
    million millions billion billions thousand thousands trillion millionen milliarde milliarden
    tausend mio mrd bn mn
    """
)

_EN_STOP = _wordset(
    """
    the a an of in on at to from by with for as is are was were be been being has have had will
    would can could may might shall should that which who whom whose this these those its their his
    her our your my than per each more most less least such other others into onto over under about
    after before during since until between among through and or but nor so yet not no it they them
    we he she you i there here also only just all both either neither some any every what when where
    why how if then
    """
)
_DE_STOP = _wordset(
    """
    der die das den dem des ein eine einer einem einen eines und oder aber sowie in im an am auf aus
    bei mit nach seit von vom zu zum zur für über unter um gegen ohne durch bis als wie ist sind war
    waren wird werden wurde wurden hat haben hatte hatten sich es er sie wir ihr nicht auch noch nur
    pro je mehr weniger
    """
)
_EN_IRREGULAR_PLURALS = _wordset(
    """
    people staff personnel children men women police cattle livestock data media equipment fish
    sheep deer aircraft
    """
)

_TIME_UNITS: dict[str, str] = {
    "year": "year", "years": "year", "jahr": "year", "jahre": "year", "jahren": "year",
    "month": "month", "months": "month", "monat": "month", "monate": "month", "monaten": "month",
    "week": "week", "weeks": "week", "woche": "week", "wochen": "week",
    "day": "day", "days": "day", "tag": "day", "tage": "day", "tagen": "day",
    "hour": "hour", "hours": "hour", "stunde": "hour", "stunden": "hour",
    "minute": "minute", "minutes": "minute", "minuten": "minute",
    "second": "second", "seconds": "second", "sekunde": "second", "sekunden": "second",
    "decade": "decade", "decades": "decade", "jahrzehnt": "decade", "jahrzehnte": "decade",
    "jahrzehnten": "decade",
    "century": "century", "centuries": "century", "jahrhundert": "century", "jahrhunderte": "century",
    "jahrhunderten": "century",
}

_CURRENCY_SYMBOLS: dict[str, str] = {
    "us$": "USD", "$": "USD", "hk$": "HKD", "a$": "AUD", "c$": "CAD", "s$": "SGD", "nt$": "TWD",
    "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY", "₹": "INR",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY", "rmb": "CNY", "hkd": "HKD", "jpy": "JPY",
    "chf": "CHF",
}
_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD", "u.s. dollar": "USD",
    "u.s. dollars": "USD", "us-dollar": "USD", "euro": "EUR", "euros": "EUR", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "pound": "GBP", "pounds": "GBP",
    "pounds sterling": "GBP", "pfund": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP", "hkd": "HKD",
    "chf": "CHF", "jpy": "JPY", "yen": "JPY", "franken": "CHF", "francs": "CHF",
    "hong kong dollar": "HKD", "hong kong dollars": "HKD",
}

_TARGET_STOP = _EN_STOP | _DE_STOP | _wordset(
    """
    achieve achieving achieved reach reaching reached hit hitting become becoming aim aims aiming
    plan plans planning goal goals target targets pledge pledged pledges commit committed commits
    promise promised promises realize realise realizing realising attain attaining reduce reducing
    cut cutting ziel ziele erreichen erreicht soll sollen will wollen strebt anstreben
    must fall falls rise rises drop drops grow grows decline declines increase increases
    """
)

# Priorities: more specific types win over what they contain.
_PRIO = {"date_range": 90, "date": 80, "year_target": 80, "money": 70, "percent": 65, "duration": 60,
         "rank": 55, "quantity": 50}

# --------------------------------------------------------------------------- pattern pieces

_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
# A year not glued to a word, code or other number; the look-behind follows the first digit (fast scan).
_YEAR_LB = r"(?:1(?<![\w.,\-–/+#:]1)[89]|2(?<![\w.,\-–/+#:]2)[01])\d\d"
_MON = MONTH_PATTERN
_MON_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember)(?![^\W\d_])"
)
_ORD_SUFFIX = r"(?:st|nd|rd|th)"
_DAY_END = r"(?![\w]|\.\d|,\d{1,3}(?!\d))"
# The look-behind sits after the first digit so that the regex engine can skip quickly to digits.
_DIGITS = r"[0-9](?<![\w.,\-−/:#+@][0-9])[0-9]*(?:[.,][0-9]+)*(?![0-9]|[.,][0-9])"
_QUAL = (
    r"(?:(?P<qual>"
    + "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)
    )
    + r")\s+)"
)
_QUAL = r"(?i:\b" + _QUAL + r")"
_QUAL_BEFORE = re.compile(_QUAL + "$")
_SCALE_ALTS = (
    r"(?i:thousand|millions?|billions?|trillions?)|Tausend|Millionen|Million|Milliarden|Milliarde"
    r"|Billionen|Billion|Mio\.|Mrd\.|Tsd\.|Mio|Mrd|mln|mn|bn"
)
_SCALE_WORDS = r"(?:" + _SCALE_ALTS + r")(?![^\W\d_])"
# After a currency symbol, short scales are common: "€5m", "$20k", "$1.5B".
_MONEY_SCALE = r"(?:" + _SCALE_ALTS + r"|m|k|b|B)(?![^\W\d_])"
_ABBR = "(?:" + "|".join(re.escape(a) for a in sorted(_ABBR_UNITS, key=len, reverse=True)) + ")"

_EN_FIRST = "|".join(sorted([*EN_SMALL, *EN_TENS], key=len, reverse=True))
_EN_ANY = "|".join(sorted([*EN_SMALL, *EN_TENS, *EN_MULTIPLIERS, *EN_SCALES], key=len, reverse=True))
_EN_WORDS = (
    r"(?i:\b(?:(?:half\s+)?a(?=\s+(?:dozen|hundred|thousand|million|billion)\b)|(?:" + _EN_FIRST + r"))"
    r"(?:(?:(?<=hundred)\s+and\s+|\s+|-)(?:" + _EN_ANY + r"))*\b(?!-[^\W\d_]))"
)
_DE_MORPHS = (
    "dreißig|dreissig|zwanzig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|"
    "sieben|zwölf|sechs|sech|sieb|eins|ein|zwei|drei|vier|fünf|acht|neun|zehn|elf|und"
)
_DE_WORDS = (
    r"(?i:\b(?:eine?(?=\s+(?:Million|Milliarde|Billion)\b)|(?:" + _DE_MORPHS + r")+)\b(?!-[^\W\d_]))"
)
_EN_ORD = (
    r"(?:(?i:" + "|".join(sorted(EN_ORDINALS, key=len, reverse=True)) + r")\b|\d{1,3}"
    + _ORD_SUFFIX + r"\b)"
)
_DE_ORD = (
    r"(?:(?i:(?:aller)?(?:erst|zweit|dritt|viert|fünft|sechst|siebent|siebt|acht|neunt|zehnt|elft"
    r"|zwölft|dreizehnt|vierzehnt|fünfzehnt|sechzehnt|siebzehnt|achtzehnt|neunzehnt|zwanzigst"
    r"|dreißigst|fünfzigst|hundertst)e[nmrs]?)\b|\d{1,3}\.)"
)

_HAS_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[^\W\d_]+")
# Word beginnings that can start a value when a sentence has no digit (number words, ordinals,
# months, German compounds such as "Zehntausende" or "einundzwanzig").
# Word beginnings of number words (English, and German compounds such as "einundzwanzig").
_NUMWORD_PREFIXES = tuple(
    sorted(
        {*EN_SMALL, *EN_TENS, "hundred", "thousand", "million", "billion", "dozen", "zwei", "drei", "vier",
         "fünf", "sechs", "sech", "sieb", "acht", "neun", "zehn", "elf", "zwölf", "zwanzig", "dreißig",
         "dreissig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig", "hundert", "tausend",
         "einund", "einhundert", "eintausend", "eins", "milli"}
    )
)
# Other word beginnings that can start a value without a digit: months, ordinals, superlatives.
_OTHER_PREFIXES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "okt", "nov", "dec", "dez", "mai",
    "mär", "jän", "first", "top", "erst", "allererst", "dutzend", "second", "third", "fourth", "fifth",
    "sixth", "eighth", "ninth", "tenth", "largest", "biggest", "tallest", "longest", "größt", "grösst",
    "längst", "zweit", "dritt", "viert", "year", "jahr", "vorjahr",
)


def _word_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """Word beginnings by their first three letters, each with what it signals ("num", "other", a gate)."""
    table: dict[str, list[tuple[str, str]]] = {}
    entries = [(p, "num") for p in _NUMWORD_PREFIXES] + [(p, "other") for p in _OTHER_PREFIXES]
    entries += [(p, gate.name) for gate in _GATES for p in gate.prefixes]
    for prefix, tag in entries:
        table.setdefault(prefix[:3], []).append((prefix, tag))
    return {k: tuple(v) for k, v in table.items()}


def _scan(text: str) -> _Features:
    """Quick pre-check: one dictionary lookup per word finds number words, months and gate words."""
    has_digit = _HAS_DIGIT.search(text) is not None
    has_numword = has_month = has_other = False
    hits: set[str] = set()
    table = _WORD_TABLE
    for w in _WORDS.findall(text):
        low = w.lower()
        entries = table.get(low[:3])
        if not entries:
            continue
        for prefix, tag in entries:
            if low.startswith(prefix):
                if tag == "num":
                    has_numword = True
                elif tag == "other":
                    has_other = True
                    if w[0].isupper() and month_number(low) is not None:
                        has_month = True
                else:
                    hits.add(tag)
    return _Features(text, has_digit, has_numword, has_month, has_digit or has_numword or has_other,
                     frozenset(hits))


_REL_BEFORE = re.compile(
    r"(?i:\b(?P<rel>until|till|through|by|no\s+later\s+than|since|before|after"
    r"|bis(?:\s+(?:zum|zur|einschließlich|spätestens))?|spätestens(?:\s+(?:am|zum|bis))?"
    r"|seit(?:\s+dem)?|ab(?:\s+dem)?|vor\s+dem|nach\s+dem)\s+)$"
)
_REL_CANON = {
    "until": "until", "till": "until", "through": "until", "by": "until", "bis": "until",
    "spätestens": "until", "since": "since", "seit": "since", "ab": "since", "before": "before",
    "vor": "before", "after": "after", "nach": "after", "no": "until",
}

_YEAR_CONTEXT = re.compile(
    r"(?i:\b(?:(?P<target>by(?:\s+the\s+end\s+of)?|no\s+later\s+than|bis(?:\s+(?:zum\s+Jahr(?:e)?|zum|Ende))?"
    r"|spätestens(?:\s+bis)?(?:\s+zum\s+Jahr(?:e)?)?)"
    r"|(?P<since>since|seit(?:\s+dem\s+Jahr(?:e)?)?|ab(?:\s+dem\s+Jahr(?:e)?)?|starting\s+in)"
    r"|(?P<until>until|till|through)"
    r"|(?P<before>before|vor)"
    r"|(?P<after>after|nach)"
    r"|(?P<plain>in|im|during|of|from|the\s+year|in\s+the\s+year|im\s+Jahr(?:e)?|Jahr(?:e|es)?|year"
    r"|early|late|mid-?|end\s+of|beginning\s+of|Anfang|Ende|Mitte|Frühjahr|Herbst|Sommer|Winter"
    r"|spring|summer|autumn|fall|winter|fiscal\s+year|FY|Q[1-4]|H[12]|[1-4]\.\s+Quartal))\s*)$"
)
_CODE_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,}[\s\-]?|\b(?:No|Nr|Nos|Tel|Fax|Art|Abs|Ziff|S|p|pp|Vol|Bd)\.\s?"
    r"|(?i:\b(?:number|nummer|room|zimmer|page|seite|phone|telefon|hotline|tel|fax|version|model|article"
    r"|artikel|section|paragraph|paragraf|chapter|kapitel|abschnitt|phase|level|line|linie|terminal|gate|hall"
    r"|halle|stage|platform|exit|route|zone|building|floor|grade|class|type|typ|no|nr)\s+))$"
)
_AGO_AFTER = re.compile(r"(?i:\s+(?:ago|old|earlier|later|alt|älter|später|zuvor|danach|before|after))\b")
_EN_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our"})
_PER_AFTER = re.compile(
    r"(?i:\s{1,3}(?:per|a|an|each|every|pro|je|im)\s+(?P<p1>year|annum|month|week|day|hour|Jahr|Monat|Woche|Tag"
    r"|Stunde)\b|\s?/\s?(?P<p2>year|yr|a|month|day|Jahr|Monat|Tag|h)\b|\s{1,3}(?P<p3>annually|yearly|jährlich)\b"
    r"|\s{1,3}(?P<p4>p\.\s?a\.))"
    r"(?!\s+(?i:ago|earlier|later|before|after|zuvor|später|davor))"
)
_PER_CANON = {"year": "year", "annum": "year", "yr": "year", "a": "year", "jahr": "year", "annually": "year",
              "yearly": "year", "jährlich": "year", "month": "month", "monat": "month", "week": "week",
              "woche": "week", "day": "day", "tag": "day", "hour": "hour", "stunde": "hour", "h": "hour"}
# A goal word within a few words after the year, before any punctuation.
_TARGET_AFTER = re.compile(
    r"[^.;:!?,\n]{0,40}?\b(?P<t>[\w\-]*(?i:neutral|höchststand|spitzenwert|scheitelpunkt|net[\s\-]zero"
    r"|netto[\s\-]null)[\w\-]*)"
)
# "Long March 5" is a rocket, not 5 March.
_NAME_BEFORE_MONTH = re.compile(r"\bLong\s+$")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
_PRE_BEFORE = re.compile(r"(?i:\b(?P<pre>from|between|vom|von|zwischen)\s+)$")
_DUR_PRE_BEFORE = re.compile(
    r"(?i:\b(?:for|für|over\s+the\s+(?:past|last|next)|in\s+the\s+(?:past|last|next)|during\s+the\s+(?:past|last))"
    r"\s+)$"
)
_VOR_BEFORE = re.compile(r"(?i:\bvor\s+)$")
_LAST_WORD = re.compile(r"([^\W\d_][\w\-’']*)\s+$")
# At most a few spaces (or one line break) between a number and its unit.
_NEXT_WORD = re.compile(r"\s{1,3}([^\W\d_](?:[\w’'\-]*[^\W_])?)")
_ABBR_AT = re.compile(r"\s?(" + _ABBR + r")(?![^\W\d_])")


@dataclass(frozen=True, slots=True)
class _Gate:
    """Cheap test run before a pattern: a pattern only runs on sentences that could match it.

    Scanning each sentence with two dozen patterns costs far more than looking its words up once:
    `_scan` checks every word against all gates' word beginnings in one dictionary lookup.
    """

    name: str
    digit: bool = False
    month: bool = False
    prefixes: tuple[str, ...] = ()  # beginnings of words (two-letter ones must be the whole word)
    chars: tuple[str, ...] = ()  # symbols or word parts looked for anywhere in the text

    def passes(self, features: _Features) -> bool:
        """Whether the pattern can match a sentence with these features."""
        if self.digit and not features.has_digit:
            return False
        if self.month and not features.has_month:
            return False
        if not self.prefixes and not self.chars:
            return True
        return self.name in features.hits or any(c in features.text for c in self.chars)


@dataclass(frozen=True, slots=True)
class _Features:
    """What the pre-check found in a sentence."""

    text: str
    has_digit: bool
    has_numword: bool
    has_month: bool
    any_trigger: bool
    hits: frozenset[str]


_G_ALWAYS = _Gate("always")
_G_DIGIT = _Gate("digit", digit=True)
_G_MONTH = _Gate("month", month=True)
_G_PERCENT = _Gate("percent", prefixes=("percent", "prozent", "pct", "per"), chars=("%", "v. H.", "v.H."))
_G_MONEY_SYMBOL = _Gate("money_symbol", digit=True, chars=("$", "€", "£", "¥", "￥", "₹"),
                        prefixes=("usd", "eur", "gbp", "cny", "rmb", "hkd", "jpy", "chf"))
_G_MONEY_WORD = _Gate("money_word", prefixes=("dollar", "euro", "yuan", "renminbi", "pound", "pfund", "franken",
                                              "franc", "yen", "rmb", "cny", "usd", "eur", "gbp", "hkd", "chf",
                                              "jpy"))
_G_DURATION = _Gate("duration", prefixes=("year", "month", "week", "day", "hour", "minute", "second", "decade",
                                          "centur", "jahr", "monat", "woche", "tag", "stunde", "sekunde"))
_G_RANK_EN = _Gate("rank_en", prefixes=("rank", "placed", "placing", "came", "comes", "finish", "position"))
_G_RANK_DE = _Gate("rank_de", prefixes=("platz", "rang", "stelle", "position"))
_G_PLATZ = _Gate("platz", digit=True, prefixes=("platz", "rang"))
_G_TOP = _Gate("top", prefixes=("top",))
_G_FIRST_EN = _Gate("first_en", prefixes=("first",))
_G_FIRST_DE = _Gate("first_de", prefixes=("erst", "allererst"))
_G_SUPERLATIVE_EN = _Gate("superlative_en", prefixes=("largest", "biggest", "tallest", "longest"))
_G_SUPERLATIVE_DE = _Gate("superlative_de", chars=("größt", "grösst", "längst", "Größt", "Grösst", "Längst"))
_G_RATIO = _Gate("ratio", prefixes=("in", "out", "every"))
_G_RELATIVE = _Gate("relative", prefixes=("year", "jahr", "vorjahr"))
_G_APPROX_EN = _Gate("approx_en", prefixes=("thousands", "millions", "billions", "hundreds", "dozens"))
_G_APPROX_DE = _Gate("approx_de", prefixes=("tausende", "hunderte", "dutzende", "millionen", "zehntausende",
                                            "hunderttausende", "abertausende"))
_GATES = (_G_PERCENT, _G_MONEY_SYMBOL, _G_MONEY_WORD, _G_DURATION, _G_RANK_EN, _G_RANK_DE, _G_PLATZ, _G_TOP,
          _G_FIRST_EN, _G_FIRST_DE, _G_SUPERLATIVE_EN, _G_RATIO, _G_RELATIVE, _G_APPROX_EN, _G_APPROX_DE)
_WORD_TABLE = _word_table()


def _num(name: str, words: str | None) -> str:
    if words is None:
        return rf"(?P<{name}>{_DIGITS})"
    return rf"(?P<{name}>{_DIGITS}|{words})"


@dataclass(frozen=True, slots=True)
class _Grammar:
    """Compiled patterns for one language (number words differ; everything else is shared)."""

    language: str
    patterns: tuple[tuple[re.Pattern[str], Callable[..., Iterator[tuple]], _Gate], ...]
    # The same patterns with digits only: number-word alternatives are the costliest part of
    # scanning, and most sentences have none.
    digit_patterns: tuple[tuple[re.Pattern[str], Callable[..., Iterator[tuple]], _Gate], ...]


# --------------------------------------------------------------------------- helpers


def _value_of(token: str, language: str, *, decimal_hint: bool = False) -> Decimal | None:
    """Value of a number token: digits, or English/German number words."""
    if token[:1].isdigit():
        return parse_digits(token, language, decimal_hint=decimal_hint)
    low = token.lower()
    if low in ("ein", "eine"):
        return Decimal(1)
    first, _, rest = low.partition(" ")
    if first == "half":
        whole = parse_en_words(rest)
        return Decimal(whole) / 2 if whole is not None else None
    first = re.split(r"[\s\-]+", low, maxsplit=1)[0]
    if first == "a" or first in EN_SMALL or first in EN_TENS:
        en = parse_en_words(token)
        if en is not None:
            return Decimal(en)
    de = parse_de_word(token)
    return Decimal(de) if de is not None else None


def _qual_before(text: str, start: int) -> tuple[int, str, str] | None:
    """A qualifier ending right before `start`: (its start, canonical form, surface), or None."""
    m = _QUAL_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return None
    raw = m.group("qual")
    canon = QUALIFIERS.get(re.sub(r"\s+", " ", raw.lower()))
    return (m.start("qual"), canon, raw) if canon else None


def _with_qualifier(text: str, start: int, norm: dict) -> int:
    """Extend an amount leftwards over its qualifier ("about", "mehr als") and record it."""
    qb = _qual_before(text, start)
    if qb is None:
        return start
    norm["qualifier"] = qb[1]
    return qb[0]


def _date_norm(
    year: int | None, month: int, day: int | None, published: date | None
) -> dict | None:
    """Normalised form of a single date of day or month precision, or None if impossible."""
    if day is None:
        if not 1 <= month <= 12:
            return None
        if year is not None:
            return {"date": f"{year:04d}-{month:02d}", "precision": "month"}
        if published is None:
            return {"date": None, "month": f"{month:02d}", "precision": "month", "year_inferred": True}
        y = infer_year(month, 1, published)
        return {"date": f"{y:04d}-{month:02d}", "precision": "month", "year_inferred": True}
    if year is not None:
        d = valid_date(year, month, day)
        return {"date": d.isoformat(), "precision": "day"} if d else None
    # 2000 is a leap year: "29 February" without a year stays possible.
    if valid_date(2000, month, day) is None:
        return None
    if published is None:
        return {"date": None, "month_day": f"{month:02d}-{day:02d}", "precision": "day",
                "year_inferred": True}
    y = infer_year(month, day, published)
    d = valid_date(y, month, day)
    if d is None:
        return None
    return {"date": d.isoformat(), "precision": "day", "year_inferred": True}


def _range_norm(
    y1: int | None, m1: int, d1: int | None, y2: int | None, m2: int, d2: int | None,
    published: date | None,
) -> dict | None:
    """Normalised date range; the missing years are taken from the other end or the article date."""
    precision = "day" if d1 is not None else "month"
    k1 = (m1, d1 or 1)
    k2 = (m2, d2 or 1)
    if m1 == m2 and k1 > k2 and (y1 is None or y2 is None):
        # "July 16 to 10" is a typo, not a year-long range.
        return None
    inferred = False
    if y1 is None and y2 is not None:
        y1 = y2 if k1 <= k2 else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if k1 <= k2 else y1 + 1
    elif y1 is None and y2 is None:
        inferred = True
        if published is None:
            if valid_date(2000, m1, d1 or 1) is None or valid_date(2000, m2, d2 or 1) is None:
                return None
            if precision == "day":
                return {"start": None, "end": None, "start_month_day": f"{m1:02d}-{d1:02d}",
                        "end_month_day": f"{m2:02d}-{d2:02d}", "precision": "day", "year_inferred": True}
            return {"start": None, "end": None, "start_month": f"{m1:02d}", "end_month": f"{m2:02d}",
                    "precision": "month", "year_inferred": True}
        y1 = infer_year(m1, d1 or 1, published)
        y2 = y1 if k1 <= k2 else y1 + 1
    assert y1 is not None and y2 is not None
    s = valid_date(y1, m1, d1 or 1)
    e = valid_date(y2, m2, d2 or 1)
    if s is None or e is None or s > e or (s == e and precision == "day"):
        return None
    if precision == "day":
        out = {"start": s.isoformat(), "end": e.isoformat(), "precision": "day"}
    else:
        out = {"start": f"{y1:04d}-{m1:02d}", "end": f"{y2:04d}-{m2:02d}", "precision": "month"}
    if inferred:
        out["year_inferred"] = True
    return out


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _find_unit(text: str, pos: int, language: str, *, allow_upper: bool = False) -> tuple[int, str] | None:
    """The unit noun after a number at `pos`: (end offset, surface unit), or None.

    English: the first plural-looking word within a few lowercase modifiers ("over 600 domestic and
    foreign enterprises" -> "enterprises"). German: the first capitalised word after lowercase
    adjectives ("168 namhafte Unternehmen" -> "Unternehmen").
    """
    m = _ABBR_AT.match(text, pos)
    if m:
        return m.end(), m.group(1)
    p = pos
    prev = ""
    prev_start = pos
    for i in range(6):
        m = _NEXT_WORD.match(text, p)
        if not m:
            return None
        word = m.group(1)
        low = word.lower()
        if low in _NOT_UNITS or (month_number(low.rstrip(".")) is not None and word[:1].isupper()):
            return None
        compound = f"{prev} {low}" if prev else ""
        if compound in _COMPOUND_UNITS:
            return m.end(), text[prev_start:m.end()]
        if language == "de":
            if word[:1].isupper() and low not in _DE_STOP:
                return m.end(), word
            if low in ("und", "oder", "sowie") and i > 0:
                p = m.end()
                continue
            if low in _DE_STOP or low in _EN_STOP:
                return None
        else:
            if low in UNIT_KEYS and low not in ("land",):
                nxt = _NEXT_WORD.match(text, m.end())
                if nxt and f"{low} {nxt.group(1).lower()}" in _COMPOUND_UNITS:
                    return nxt.end(), text[m.start(1):nxt.end()]
                return m.end(), word
            if word[:1].isupper() and not (allow_upper and i == 0):
                return None
            if low in ("and", "or") and i > 0:
                p = m.end()
                continue
            if low in _EN_STOP:
                return None
            if _looks_plural(low):
                return m.end(), word
        prev = low
        prev_start = m.start(1)
        p = m.end()
    return None


def _looks_plural(low: str) -> bool:
    if low in _EN_IRREGULAR_PLURALS:
        return True
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "ous", "'s", "’s", "ics"))
    )


def unit_key(unit: str) -> str:
    """Canonical, language-independent key of a unit word ("Tonnen" -> "t", "countries" -> "country").

    Units outside the table get a lowercase singular guess (English plural rules only).
    """
    low = re.sub(r"\s+", " ", unit.lower())
    if low in UNIT_KEYS:
        return UNIT_KEYS[low]
    if unit in _ABBR_UNITS:
        return unit
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "sses")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


def _number_ok(text: str, m: re.Match[str], group: str, value: Decimal, *, scaled: bool) -> bool:
    """Reject numbers that are codes, list markers, ordinals or years rather than amounts."""
    s, e = m.span(group)
    token = m.group(group)
    if not token[:1].isdigit() and token[:1].isupper() and not _sentence_initial(text, s):
        # "the Big Four accounting firms": a capitalised number word inside a sentence is a name.
        return False
    if token[:1].isdigit():
        if _CODE_BEFORE.search(text, max(0, s - 20), s) or _label_before(text, s):
            return False
        if text[e:e + 1] == "." and not scaled:
            # "13. Fünfjahresplan", "1. Item": ordinals and list markers, not amounts.
            return False
        if re.match(r"[\-–/:]\d", text[e:e + 2]):
            return False
        if not scaled and len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100:
            return False
    elif value == 1 and not scaled:
        return False
    return True


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether only punctuation, quotes or nothing precede `pos` in its sentence."""
    before = text[:pos].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS


_SENTENCE_OPENERS = frozenset(".!?:;\"“”„'‘’«»([–—-\n")


def _label_before(text: str, pos: int) -> bool:
    """A capitalised word right before a number, inside a sentence, names it: "Fortune 500 companies",
    "Boeing 737 aircraft", "Halle 3", "Linie 2". Sentence-initial words and possessives do not."""
    m = _LAST_WORD.search(text, max(0, pos - 40), pos)
    if not m:
        return False
    word = m.group(1)
    if not word[:1].isupper() or word.endswith(("'s", "’s")) or word.lower() in QUALIFIERS:
        return False
    return not _sentence_initial(text, m.start(1))


# --------------------------------------------------------------------------- handlers
# Each handler gets (match, text, language, published) and yields (type, start, end, normalized).


def _h_iso(m, text, language, published):
    norm = _date_norm(int(m.group("y")), int(m.group("m")), int(m.group("d")), None)
    if norm:
        yield "date", m.start(), m.end(), norm


def _h_dm_numeric(m, text, language, published):
    """German "am 26.11.": day and month in digits, year from the article date."""
    s = m.start()
    if language != "de" or _CODE_BEFORE.search(text, max(0, s - 20), s):
        return
    norm = _date_norm(None, int(m.group("m")), int(m.group("d")), published)
    if norm:
        yield "date", s, m.end(), norm


def _h_mdy(m, text, language, published):
    month = month_number(m.group("mon"))
    if month is None or _NAME_BEFORE_MONTH.search(text, max(0, m.start() - 6), m.start()):
        return
    norm = _date_norm(_int(m.group("y")), month, int(m.group("d")), published)
    if norm:
        yield "date", m.start(), m.end(), norm


def _h_month_year(m, text, language, published):
    month = month_number(m.group("mon"))
    if month is None:
        return
    norm = _date_norm(int(m.group("y")), month, None, published)
    if norm:
        yield "date", m.start("mon"), m.end(), norm


def _h_month_only(m, text, language, published):
    month = month_number(m.group("mon"))
    if month is None:
        return
    norm = _date_norm(None, month, None, published)
    if norm:
        yield "date", m.start("mon"), m.end(), norm


def _h_bare_year(m, text, language, published):
    s = m.start()
    ctx = _YEAR_CONTEXT.search(text, max(0, s - 40), s)
    if not ctx:
        return
    year = int(m.group("y"))
    if ctx.group("target"):
        t_start = ctx.start("target")
        norm: dict = {"year": year}
        start = t_start
        phrase_start = _target_phrase_start(text, t_start)
        if phrase_start is not None:
            target = re.sub(r"\s+", " ", text[phrase_start:t_start].strip())
            norm["target"] = target
            key = _target_key(target)
            if key:
                norm["target_key"] = key
            start = phrase_start
        if "target_key" not in norm:
            _target_after(text, m.end(), norm)
        yield "year_target", start, m.end(), norm
        return
    if ctx.group("before"):
        # "carbon neutrality before 2060" is the same kind of pledge as "by 2060".
        phrase_start = _target_phrase_start(text, ctx.start("before"))
        if phrase_start is not None:
            target = re.sub(r"\s+", " ", text[phrase_start:ctx.start("before")].strip())
            key = _target_key(target)
            if key:
                yield "year_target", phrase_start, m.end(), {"year": year, "target": target, "target_key": key,
                                                             "relation": "before"}
                return
    norm = {"date": f"{year:04d}", "precision": "year"}
    for rel in ("since", "until", "before", "after"):
        if ctx.group(rel):
            norm["relation"] = rel
            yield "date", ctx.start(rel), m.end(), norm
            return
    yield "date", s, m.end(), norm


def _target_phrase_start(text: str, pos: int) -> int | None:
    """Start of the noun phrase naming a year target ("a carbon peak by 2030" -> "carbon peak")."""
    start = None
    for _ in range(3):
        m = _LAST_WORD.search(text, max(0, pos - 40), pos)
        word = m.group(1).lower() if m else ""
        # Participles ("completed by 2025") describe an action, not the target's name.
        if not m or word in _TARGET_STOP or (word.endswith("ed") and len(word) > 4):
            break
        start = m.start(1)
        pos = start
    return start


def _target_after(text: str, pos: int, norm: dict) -> None:
    """German puts the goal after the year ("bis 2060 klimaneutral werden"): name it if it is known."""
    m = _TARGET_AFTER.match(text, pos)
    if not m:
        return
    key = _target_key(m.group("t"))
    if key:
        norm.setdefault("target", m.group("t"))
        norm["target_key"] = key


def _target_key(target: str) -> str | None:
    low = target.lower()
    if re.search(r"net[\s\-]?zero|netto[\s\-]?null", low):
        return "net_zero"
    if "neutral" in low:
        return "carbon_neutrality"
    if re.search(r"peak|höchst|spitze|gipfel|scheitel", low):
        return "carbon_peak"
    return None


def _pre_before(text: str, start: int) -> tuple[int, str]:
    """A range opener ("from", "between", "vom", "zwischen") right before `start`: (its start, word)."""
    m = _PRE_BEFORE.search(text, max(0, start - 12), start)
    return (m.start("pre"), m.group("pre").lower()) if m else (start, "")


def _h_year_range(m, text, language, published):
    conn = m.group("conn").lower()
    start, pre = _pre_before(text, m.start())
    if conn in ("and", "und") and pre not in ("between", "zwischen"):
        return
    y1 = int(m.group("y1"))
    raw2 = m.group("y2")
    if len(raw2) == 2:
        if conn not in ("-", "–", "—", "/"):
            return
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
    if y2 <= y1 or y2 - y1 > 100:
        return
    yield "date_range", start, m.end(), {"start": f"{y1:04d}", "end": f"{y2:04d}", "precision": "year"}


def _range_common(m, text, published, y1, mon1, d1, y2, mon2, d2) -> tuple[int, dict] | None:
    """Start (with any "from"/"vom" opener) and normalised form of a day or month range."""
    conn = re.sub(r"\s+", " ", m.group("conn").lower())
    start, pre = _pre_before(text, m.start())
    if conn in ("and", "und") and pre not in ("between", "zwischen"):
        return None
    m1 = month_number(mon1)
    m2 = month_number(mon2)
    if m1 is None or m2 is None:
        return None
    norm = _range_norm(y1, m1, d1, y2, m2, d2, published)
    return (start, norm) if norm else None


def _h_range_same_month(m, text, language, published):
    """"June 5-8", "from July 10th to 16th", "5-8 June", "vom 5. bis 8. Juni 2024"."""
    y = _int(m.group("y"))
    found = _range_common(m, text, published, None, m.group("mon"), int(m.group("d1")), y, m.group("mon"),
                          int(m.group("d2")))
    if found:
        yield "date_range", found[0], m.end(), found[1]


def _h_range_two_dates(m, text, language, published):
    gd = m.groupdict()
    d1 = _int(gd.get("d1"))
    d2 = _int(gd.get("d2"))
    found = _range_common(m, text, published, _int(gd.get("y1")), gd["mon1"], d1, _int(gd.get("y2")),
                          gd["mon2"], d2)
    if found:
        yield "date_range", found[0], m.end(), found[1]


def _h_ratio(m, text, language, published):
    """"1 in 5 adults", "one out of three": a share, normalised to percent so it meets "20 percent"."""
    part = _value_of(m.group("n"), language)
    whole = _value_of(m.group("n2"), language)
    if part is None or whole is None or not 0 < part < whole <= 1000:
        return
    if part != part.to_integral_value() or whole != whole.to_integral_value():
        return
    if not _number_ok(text, m, "n", part, scaled=True) or _year_like(m.group("n2")):
        return
    norm: dict = {"value": as_number(round(part * 100 / whole, 2)), "unit": "%",
                  "ratio": f"{int(part)}/{int(whole)}"}
    start = _with_qualifier(text, m.start(), norm)
    yield "percent", start, m.end(), norm


def _h_percent(m, text, language, published):
    unit_word = (m.group("unit") or m.group("unitw")).lower()
    value = _value_of(m.group("n"), language, decimal_hint=True)
    if value is None:
        return
    if not m.group("n")[:1].isdigit() and value == 1:
        return
    points = unit_word.startswith(("percentage", "prozentp")) or (unit_word.startswith("%") and len(unit_word) > 1)
    norm: dict = {"value": as_number(value), "unit": "pp" if points else "%"}
    start = _with_qualifier(text, m.start(), norm)
    yield "percent", start, m.end(), norm


def _h_money(m, text, language, published):
    scale_word = m.group("scale")
    value = _value_of(m.group("n"), language, decimal_hint=bool(scale_word))
    if value is None:
        return
    gd = m.groupdict()
    if gd.get("cur"):
        currency = _CURRENCY_SYMBOLS.get(gd["cur"].strip().lower())
    else:
        if gd.get("curs"):
            currency = _CURRENCY_SYMBOLS.get(gd["curs"])
        else:
            currency = _CURRENCY_WORDS.get(re.sub(r"\s+", " ", gd["curw"].lower()))
        if not _number_ok(text, m, "n", value, scaled=bool(scale_word)):
            return
    if currency is None:
        return
    if scale_word:
        mult = scale_value(scale_word, language)
        if mult is None:
            mult = {"m": 10**6, "k": 10**3, "b": 10**9}.get(scale_word.lower())
        if mult is None:
            return
        value *= mult
    norm: dict = {"value": as_number(value), "currency": currency}
    start = _with_qualifier(text, m.start(), norm)
    end = _with_rate(text, m.end(), norm)
    yield "money", start, end, norm


def _h_duration(m, text, language, published):
    s = m.start()
    if _VOR_BEFORE.search(text, max(0, s - 5), s) or _AGO_AFTER.match(text, m.end()):
        return
    value = _value_of(m.group("n"), language)
    if value is None or value <= 0:
        return
    if not m.group("n")[:1].isdigit() and not m.group("n")[:1].isalpha():
        return
    unit = _TIME_UNITS.get(m.group("u").lower())
    if unit is None:
        return
    norm: dict = {"value": as_number(value), "unit": unit}
    start = _with_qualifier(text, s, norm)
    pre = _DUR_PRE_BEFORE.search(text, max(0, start - 30), start)
    if pre:
        start = pre.start()
    yield "duration", start, m.end(), norm


def _h_quantity(m, text, language, published):
    scale_word = m.group("scale")
    token = m.group("n")
    value = _value_of(token, language, decimal_hint=bool(scale_word))
    if value is None:
        return
    qb = _qual_before(text, m.start())
    # A qualifier makes a year-like number an amount: "more than 2000 guests".
    if not _number_ok(text, m, "n", value, scaled=bool(scale_word) or qb is not None):
        return
    if scale_word:
        mult = scale_value(scale_word, language)
        if mult is None:
            return
        value *= mult
    end = m.end()
    unit = None
    abbr = m.group("abbr")
    if abbr == "m" and not scale_word and m.start("abbr") == m.end("n"):
        # "2.3m visitors": a glued "m" before a counted noun is millions, not metres.
        found = _find_unit(text, end, language)
        if found and unit_key(found[1]) not in _MEASURE_KEYS:
            value *= 10**6
            end, unit = found
            abbr = None
    if unit is None and abbr:
        unit = abbr
    elif unit is None:
        found = _find_unit(text, end, language)
        if found:
            end, unit = found
    start = m.start()
    q = None
    # German "unter 197 Ländern" means "among", not "fewer than": only measures take "unter".
    if qb and not (qb[2].lower() == "unter" and (unit is None or unit_key(unit) not in _MEASURE_KEYS)):
        start, q = qb[0], qb[1]
    if unit is None and not scale_word and (q is None or not token[:1].isdigit()):
        return
    norm: dict = {"value": as_number(value)}
    if unit:
        norm["unit"] = unit
        norm["unit_key"] = unit_key(unit)
        end = _with_rate(text, end, norm)
    if q:
        norm["qualifier"] = q
    yield "quantity", start, end, norm


def _with_rate(text: str, end: int, norm: dict) -> int:
    """Extend an amount over "per year"/"a year"/"/Jahr"/"jährlich" and record {"per": "year"}."""
    m = _PER_AFTER.match(text, end)
    if not m:
        return end
    word = next(g for g in m.groups() if g)
    per = "year" if word.lower().startswith("p.") else _PER_CANON.get(word.lower())
    if per is None:
        return end
    norm["per"] = per
    return m.end()


_MEASURE_KEYS = frozenset(
    {"t", "kt", "Mt", "Gt", "kg", "km", "m", "m2", "km2", "ha", "MW", "GW", "kW", "kWh", "MWh", "GWh",
     "TWh", "l", "m3", "mm", "cm"}
)

_APPROX_VALUES = {
    "tens of thousands": 10_000, "hundreds of thousands": 100_000, "thousands": 1_000,
    "millions": 1_000_000, "billions": 1_000_000_000, "hundreds": 100, "dozens": 12,
    "tens of millions": 10_000_000, "hundreds of millions": 100_000_000,
    "zehntausende": 10_000, "hunderttausende": 100_000, "tausende": 1_000, "abertausende": 1_000,
    "hunderte": 100, "dutzende": 12, "millionen": 1_000_000,
}


def _range_values(m, text, language, *, scale_word: str | None) -> tuple[int, Decimal, Decimal] | None:
    """Start and both ends of a numeric range ("20 to 30", "20-30", "zwischen 20 und 30"), or None."""
    conn = m.group("conn").lower()
    s = m.start()
    pre_start, pre = _pre_before(text, s)
    if conn in ("and", "und") and pre not in ("between", "zwischen"):
        return None
    if pre == "from":
        # "rose from 20 to 30 firms" is a change, not a range (German uses "von 20 auf 30" for that).
        return None
    hint = bool(scale_word) or "unit" in m.groupdict()
    low = _value_of(m.group("n"), language, decimal_hint=hint)
    high = _value_of(m.group("n2"), language, decimal_hint=hint)
    if low is None or high is None or high <= low:
        return None
    if _CODE_BEFORE.search(text, max(0, s - 20), s):
        return None
    if not scale_word and any(_year_like(m.group(g)) for g in ("n", "n2")):
        return None
    return (pre_start if pre in ("between", "zwischen") else s), low, high


def _year_like(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1800 <= int(token) <= 2100


def _h_quantity_range(m, text, language, published):
    scale_word = m.group("scale")
    found = _range_values(m, text, language, scale_word=scale_word)
    if found is None:
        return
    start, low, high = found
    if scale_word:
        mult = scale_value(scale_word, language)
        if mult is None:
            return
        low, high = low * mult, high * mult
    end = m.end()
    unit = m.group("abbr")
    if unit is None:
        found = _find_unit(text, end, language)
        if found:
            end, unit = found
    if unit is None and not scale_word:
        return
    norm: dict = {"value": as_number(low), "value_max": as_number(high)}
    if unit:
        norm["unit"] = unit
        norm["unit_key"] = unit_key(unit)
    qb = _qual_before(text, start)
    if qb and qb[2].lower() != "unter":
        start = qb[0]
        norm["qualifier"] = qb[1]
    yield "quantity", start, end, norm


def _h_percent_range(m, text, language, published):
    found = _range_values(m, text, language, scale_word=None)
    if found is None:
        return
    start, low, high = found
    unit_word = m.group("unit").lower()
    unit = "pp" if unit_word.startswith(("percentage", "prozentp")) else "%"
    norm: dict = {"value": as_number(low), "value_max": as_number(high), "unit": unit}
    qb = _qual_before(text, start)
    if qb:
        start = qb[0]
        norm["qualifier"] = qb[1]
    yield "percent", start, m.end(), norm


def _h_day_list(m, text, language, published):
    """"5. und 6. Juni 2024", "June 5 and 6": two dates sharing a month (and year)."""
    month = month_number(m.group("mon"))
    if month is None:
        return
    year = _int(m.group("y"))
    for group, (start, end) in (("d1", m.span("first")), ("d2", m.span("second"))):
        norm = _date_norm(year, month, int(m.group(group)), published)
        if norm:
            yield "date", start, end, norm


def _h_approx(m, text, language, published):
    key = re.sub(r"\s+", " ", m.group("a").lower())
    if key.endswith("n") and key[:-1] in _APPROX_VALUES:
        key = key[:-1]
    value = _APPROX_VALUES.get(key)
    if value is None:
        return
    found = _find_unit(text, m.end(), language)
    if not found:
        return
    end, unit = found
    yield "quantity", m.start(), end, {"value": value, "unit": unit, "unit_key": unit_key(unit),
                                       "qualifier": "at_least", "approximate": True}


def _of_part(m, text, language) -> tuple[int, int | None]:
    """End and "of N" total of a rank phrase ("... among 197 countries")."""
    if not m.group("of"):
        return m.end("ord_end"), None
    value = _value_of(m.group("of"), language)
    if value is None or value != value.to_integral_value() or value < 2:
        return m.end("ord_end"), None
    end = m.end()
    found = _find_unit(text, end, language)
    if found:
        end = found[0]
    return end, int(value)


def _h_rank_en(m, text, language, published):
    raw = m.group("ord") or m.group("numrank")
    low = raw.lower()
    if low in EN_ORDINALS:
        rank = EN_ORDINALS[low]
    else:
        digits = re.match(r"\d+", raw)
        if digits:
            rank = int(digits.group())
        else:
            v = parse_en_words(raw)
            if v is None:
                return
            rank = v
    yield from _rank_values(m, text, language, rank)


def _rank_values(m, text, language, rank: int):
    """A rank with its "of N" when one follows, and the short form: the longest match wins later."""
    if rank < 1:
        return
    end, of = _of_part(m, text, language)
    if of is not None and of >= rank:
        yield "rank", m.start(), end, {"rank": rank, "of": of}
    yield "rank", m.start(), m.end("ord_end"), {"rank": rank}


def _h_rank_de(m, text, language, published):
    raw = m.group("ord")
    if raw[:1].isdigit():
        rank = int(raw.rstrip("."))
    else:
        r = parse_de_ordinal(raw)
        if r is None:
            return
        rank = r
    yield from _rank_values(m, text, language, rank)


def _h_top(m, text, language, published):
    value = _value_of(m.group("n"), language)
    if value is None or value != value.to_integral_value() or value < 1:
        return
    yield "rank", m.start(), m.end(), {"top": int(value)}


def _h_first(m, text, language, published):
    lead = m.group(0).split(None, 1)[0].lower()
    if language != "de" and lead in _EN_DETERMINERS and _CAPITAL_NEXT.match(text, m.end("first")):
        # "the first China International Import Expo": an edition number, not a claim of primacy.
        return
    yield "rank", m.start("first"), m.end("first"), {"rank": 1, "first": True}


_SUPERLATIVES = {"largest": "largest", "biggest": "largest", "tallest": "tallest", "longest": "longest",
                 "größt": "largest", "grösst": "largest", "längst": "longest"}


def _h_superlative(m, text, language, published):
    raw = m.group("ord")
    rank = 1
    if raw:
        low = raw.lower().rstrip("-")
        if low[:1].isdigit():
            rank = int(re.match(r"\d+", low).group())
        else:
            rank = EN_ORDINALS.get(low) or parse_de_ordinal(low + "e") or 0
        if rank < 2:
            return
    sup = _SUPERLATIVES.get(m.group("sup").lower())
    if sup is None:
        return
    yield "rank", m.start("body"), m.end("body"), {"rank": rank, "superlative": sup}


# --------------------------------------------------------------------------- grammar


@lru_cache(maxsize=8)
def _grammar(language: str) -> _Grammar:
    """Compile the patterns once per language."""
    full = _compile_patterns(_DE_WORDS if language == "de" else _EN_WORDS, language)
    digits_only = _compile_patterns(None, language)
    return _Grammar(language=language, patterns=full, digit_patterns=digits_only)


def _compile_patterns(
    words: str | None, language: str
) -> tuple[tuple[re.Pattern[str], Callable[..., Iterator[tuple]], _Gate], ...]:
    """All patterns, with `words` as the number-word alternative (None: digits only)."""
    words_alt = words or r"(?!)"

    def num(name: str) -> str:
        return _num(name, words)

    range_conn = (
        r"(?P<conn>[-–—]|(?i:to|through|until|till|and|und|bis(?:\s+(?:zum|einschließlich))?))"
    )
    num_conn = r"(?P<conn>[-–—]|(?i:to|bis|and|und)(?![^\W\d_]))"
    num2 = rf"(?P<n2>\d+(?:[.,]\d+)*(?!\d|[.,]\d)|{words_alt})"
    day_en = _ORD_SUFFIX + r"?"
    dm_sep = r"(?:\.\s*|" + _ORD_SUFFIX + r"?\s+(?:of\s+)?)"

    patterns: list[tuple[str, Callable, _Gate]] = [
        # ---- dates
        # Look-behinds sit after a first digit so that the engine can skip straight to digits.
        (r"(?P<y>[0-9](?<![\w.\-/][0-9])[0-9]{3})([-/])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?![\w\-/]|\.\d)",
         _h_iso, _G_DIGIT),
        (rf"(?P<d>[0-9](?<![\w.\-/][0-9])[0-9]?)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})(?![\w]|\.\d)", _h_iso,
         _G_DIGIT),
        *(
            [(r"(?P<d>[0-9](?<![\w.,\-/][0-9])[0-9]?)\.(?P<m>[01]?\d)\.(?!\d|[^\W\d_])", _h_dm_numeric, _G_DIGIT)]
            if language == "de" else []
        ),
        (rf"(?P<mon>{_MON})\s*(?P<d>[0-3]?\d){day_en}{_DAY_END}(?:(?:,\s*|\s+)(?P<y>{_YEAR})(?!\d))?",
         _h_mdy, _G_MONTH),
        (rf"(?<![\w.,])(?P<d>[0-3]?\d){dm_sep}(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})(?!\d))?", _h_mdy, _G_MONTH),
        (rf"(?<![\w.])(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})(?![\d]|[.,]\d)", _h_month_year, _G_MONTH),
        (rf"(?i:\b(?:in|im|during|since|seit|until|till|bis|by|early|late|mid-?|Anfang|Ende|Mitte)\s+)"
         rf"(?:(?i:the\s+)?(?i:end|beginning|middle)\s+of\s+)?(?P<mon>{_MON_FULL})(?!\s*\d|\s*[.,]\d)",
         _h_month_only, _G_MONTH),
        (rf"(?P<y>{_YEAR_LB})(?![\w]|[.,:]\d|\s?[-–—/]\s?\d|\s?%)", _h_bare_year, _G_DIGIT),
        (r"(?i:\b(?P<rel>last|previous|this|current|next)\s+year\b(?!\s*(?:'s|’s)?\s*\d))", _h_relative_year,
         _G_RELATIVE),
        (r"\b(?:(?i:im|in|des)\s+)?(?P<rel>(?i:vergangenen|letzten|diesem|laufenden|nächsten|kommenden))\s+Jahr(?:es)?\b"
         r"|\b(?P<rel2>(?i:letztes|dieses|vergangenes|nächstes|kommendes))\s+Jahr\b|\b(?:im\s+)?(?P<rel3>Vorjahr(?:es)?)\b",
         _h_relative_year, _G_RELATIVE),
        # ---- date ranges
        (rf"(?P<y1>{_YEAR_LB})\s*(?P<conn>[-–—/]|(?i:to|through|until|till|bis|and|und))"
         rf"\s*(?P<y2>{_YEAR}|\d\d)(?![\w]|[.,:\-–/]\d)", _h_year_range, _G_DIGIT),
        (rf"(?P<mon>{_MON})\s*(?P<d1>[0-3]?\d){day_en}\s*{range_conn}\s*(?P<d2>[0-3]?\d){day_en}"
         rf"{_DAY_END}(?:,?\s+(?P<y>{_YEAR})(?!\d))?", _h_range_same_month, _G_MONTH),
        (rf"(?<![\w.,])(?P<d1>[0-3]?\d)(?:\.|{_ORD_SUFFIX})?\s*{range_conn}\s*(?P<d2>[0-3]?\d){dm_sep}"
         rf"(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})(?!\d))?", _h_range_same_month, _G_MONTH),
        (rf"(?P<mon1>{_MON})\s*(?P<d1>[0-3]?\d){day_en}(?:,?\s+(?P<y1>{_YEAR}))?\s*{range_conn}\s*"
         rf"(?P<mon2>{_MON})\s*(?P<d2>[0-3]?\d){day_en}{_DAY_END}(?:,?\s+(?P<y2>{_YEAR})(?!\d))?",
         _h_range_two_dates, _G_MONTH),
        (rf"(?<![\w.,])(?P<d1>[0-3]?\d){dm_sep}(?P<mon1>{_MON})(?:,?\s+(?P<y1>{_YEAR}))?\s*"
         rf"{range_conn}\s*(?P<d2>[0-3]?\d){dm_sep}(?P<mon2>{_MON})(?:,?\s+(?P<y2>{_YEAR})(?!\d))?",
         _h_range_two_dates, _G_MONTH),
        (rf"(?P<mon1>{_MON})(?:\s+(?P<y1>{_YEAR}))?\s*{range_conn}\s*(?P<mon2>{_MON}),?\s+"
         rf"(?P<y2>{_YEAR})(?!\d)", _h_range_two_dates, _G_MONTH),
        (rf"(?<![\w.,])(?P<first>(?P<d1>[0-3]?\d)(?:\.|{_ORD_SUFFIX})?)\s*(?:,|(?i:and|und|&))\s*"
         rf"(?P<second>(?P<d2>[0-3]?\d){dm_sep}(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})(?!\d))?)",
         _h_day_list, _G_MONTH),
        (rf"(?P<first>(?P<mon>{_MON})\s*(?P<d1>[0-3]?\d){day_en})\s*(?:,|(?i:and|&))\s*"
         rf"(?P<second>(?P<d2>[0-3]?\d){day_en}{_DAY_END}(?:,?\s+(?P<y>{_YEAR})(?!\d))?)",
         _h_day_list, _G_MONTH),
        # ---- percent, money, duration
        (rf"{num('n')}\s+(?i:in|out\s+of|of\s+every)\s+{num2}(?![^\W\d_]|[.,]\d)", _h_ratio, _G_RATIO),
        (rf"{num('n')}\s?%?\s*{num_conn}\s*{num2}\s?(?P<unit>%|(?i:percentage\s+points?|percent"
         rf"|per\s?cent|pct\.?|prozentpunkte?n?|prozent|v\.\s?H\.)(?![^\W\d_]))", _h_percent_range, _G_PERCENT),
        (rf"{num('n')}(?:[\s\-]?(?P<unitw>(?i:%[\s\-]?punkte?n?|percentage[\s\-]+points?|percent|per\s?cent"
         rf"|pct\.?|prozentpunkte?n?|prozent|v\.\s?H\.)(?![^\W\d_]))|\s?(?P<unit>%))", _h_percent, _G_PERCENT),
        (rf"(?P<cur>US\$|HK\$|NT\$|A\$|C\$|S\$|R\$|\$|€|£|¥|￥|₹|(?:USD|EUR|GBP|CNY|RMB|HKD|JPY|CHF)"
         rf"(?![A-Za-z]))\s?(?P<n>\d+(?:[.,]\d+)*)(?!\d|[.,]\d)(?:\s?(?P<scale>{_MONEY_SCALE}))?",
         _h_money, _G_MONEY_SYMBOL),
        (rf"{num('n')}(?:\s+(?P<scale>{_SCALE_WORDS}))?\s+(?P<curw>(?i:U\.?S\.?\s+dollars?|US-Dollar"
         rf"|Hong\s+Kong\s+dollars?|dollars?|euros?|yuan|renminbi|pounds\s+sterling|pounds?|francs|yen)"
         rf"|Euro|Dollar|Yuan|Renminbi|Pfund|Franken|RMB|CNY|USD|EUR|GBP|HKD|CHF|JPY)(?![^\W\d_])",
         _h_money, _G_MONEY_WORD),
        (rf"{num('n')}(?:\s+(?P<scale>{_SCALE_WORDS}))?\s?(?P<curs>€|\$|£|¥|￥)", _h_money, _G_MONEY_SYMBOL),
        (rf"{num('n')}\s+(?P<u>(?i:years?|months?|weeks?|days?|hours?|minutes?"
         rf"|seconds?|decades?|centuries|century)|Sekunden|Sekunde|Jahren|Jahre|Jahr|Jahrzehnten|Jahrzehnte|Jahrzehnt|Monaten|Monate"
         rf"|Monat|Wochen|Woche|Tagen|Tage|Tag|Stunden|Stunde|Minuten|Jahrhunderten|Jahrhunderte"
         rf"|Jahrhundert)(?:\s+(?:lang|long))?(?![^\W\d_])", _h_duration, _G_DURATION),
        # ---- ranks
        (rf"\b(?i:rank(?:s|ed|ing)?|placed|placing|came|comes|finished|finishing|positioned)\s+"
         rf"(?:[A-Z][\w'’\-]*\s+){{0,2}}(?:(?i:at|in)\s+)?(?:(?i:no\.|number)\s*(?P<numrank>\d{{1,3}}|{_EN_WORDS})|(?i:the\s+)?"
         rf"(?P<ord>{_EN_ORD}))(?P<ord_end>)"
         rf"(?:[^.,;!?\n\d]{{0,100}}?\b(?i:among|out\s+of|of\s+(?:the\s+)?|from|unter|von|aus)\s+"
         rf"(?P<of>\d{{1,5}}(?:[.,]\d{{3}})*(?![\w.,]\d?)|{words_alt}))?", _h_rank_en, _G_RANK_EN),
        (rf"(?:\b(?i:den|dem|der)\s+)?(?P<ord>{_DE_ORD})\s+(?:Platz|Rang|Stelle|Position)\b(?P<ord_end>)"
         rf"(?:[^.,;!?\n\d]{{0,100}}?\b(?i:unter|von|aus|among|of)\s+"
         rf"(?P<of>\d{{1,5}}(?:[.,]\d{{3}})*(?![\w.,]\d?)|{words_alt}))?", _h_rank_de, _G_RANK_DE),
        (rf"\b(?:auf\s+)?(?:Platz|Rang)\s+(?P<ord>\d{{1,3}})(?![\w.,]\d?)(?P<ord_end>)"
         rf"(?:[^.,;!?\n\d]{{0,100}}?\b(?i:unter|von|aus)\s+"
         rf"(?P<of>\d{{1,5}}(?:[.,]\d{{3}})*(?![\w.,]\d?)|{words_alt}))?", _h_rank_de, _G_PLATZ),
        (rf"\b(?i:top)[\s\-]+(?P<n>\d{{1,4}}(?![\w.,]\d?)|{_EN_WORDS}|{_DE_WORDS})", _h_top, _G_TOP),
        (r"(?:(?<=['’]s)|(?<=s['’])|\b(?i:the|its|their|his|her|our)\b)\s+(?:(?i:very)\s+)?"
         r"(?P<first>(?i:first)(?:-ever)?)\b(?![\-–,.;:!?)\"”']|\s*$|\s+(?i:time|times|half|quarter|phase"
         r"|stage|step|steps|day|days|week|weeks|month|months|year|years|of|and|or|round|batch|batches"
         r"|session|sessions|edition|meeting|place|line|lady|name|floor|hand|glance|sight|thing|things|two"
         r"|three|four|five|six|seven|eight|nine|ten|few|part|section|chapter|page|person|instance|one"
         r"|to|in|on|at|was|is|were|are|had|has|will|by|with|for)\b)", _h_first, _G_FIRST_EN),
        (r"(?:\b(?i:das|der|die|den|dem|des|sein|seine[nmrs]?|ihr|ihre[nmrs]?|unser|unsere[nmrs]?)"
         r"|\b[A-ZÄÖÜ][^\W\d_]*s)\s+(?P<first>(?i:allerersten?|allererste[mrs]?|ersten?|erste[mrs]?))\b"
         r"(?![\-–,.;:!?)\"”']|\s*$|\s+(?:Mal|Male|Hälfte|Quartal|Quartals|Phase|Schritt|Schritte|Tag|Tage"
         r"|Woche|Monat|Monats|Jahr|Jahres|Runde|Sitzung|Ausgabe|Teil|Linie|Platz|Rang|Stelle|Hand|Blick"
         r"|zwei|drei|vier|fünf|zehn|Reihe|Stock|Halbjahr|Halbjahres|von|und|oder|in|im|am|an)\b)",
         _h_first, _G_FIRST_DE),
        (r"(?:(?<=['’]s)|(?<=s['’])|\b(?i:the|its|their|world's|world’s)\b)\s+(?P<body>(?:(?P<ord>(?i:second"
         r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|\d{1,2}(?:nd|rd|th))[\s\-])?"
         r"(?P<sup>(?i:largest|biggest|tallest|longest)))\b", _h_superlative, _G_SUPERLATIVE_EN),
        (r"\b(?P<body>(?P<ord>(?i:zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt))?"
         r"(?P<sup>(?i:größt|grösst|längst))e[nmrs]?)\b", _h_superlative, _G_SUPERLATIVE_DE),
        # ---- quantities
        (rf"{num('n')}\s*{num_conn}\s*{num2}(?:\s?(?P<scale>{_SCALE_WORDS}))?"
         rf"(?:\s?(?P<abbr>{_ABBR}))?(?![^\W\d_])", _h_quantity_range, _G_DIGIT),
        (rf"{num('n')}(?:\s?(?P<scale>{_SCALE_WORDS}))?(?:\s?(?P<abbr>{_ABBR}))?(?![^\W\d_])",
         _h_quantity, _G_ALWAYS),
        (r"(?i:\b(?P<a>(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions)|hundreds|dozens)"
         r"\s+of)\b", _h_approx, _G_APPROX_EN),
        (r"(?i:\b(?P<a>zehntausende|hunderttausende|abertausende|tausende|hunderte|dutzende|millionen)n?"
         r"(?:\s+von)?)\b", _h_approx, _G_APPROX_DE),
    ]
    return tuple((re.compile(p), h, g) for p, h, g in patterns)


_WEEKDAYS = {
    "monday": 0, "mon": 0, "montag": 0, "tuesday": 1, "tue": 1, "tues": 1, "dienstag": 1, "wednesday": 2,
    "wed": 2, "mittwoch": 2, "thursday": 3, "thu": 3, "thurs": 3, "donnerstag": 3, "friday": 4, "fri": 4,
    "freitag": 4, "saturday": 5, "sat": 5, "samstag": 5, "sonnabend": 5, "sunday": 6, "sun": 6, "sonntag": 6,
}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Montag|Dienstag|Mittwoch|Donnerstag"
    r"|Freitag|Samstag|Sonnabend|Sonntag|(?:Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.),?\s+(?:(?i:the|den|dem)\s+)?$"
)


def _with_weekday(text: str, start: int, norm: dict) -> tuple[int, dict]:
    """Extend a day over its weekday ("Monday, June 3") and flag a weekday that does not fit the date.

    A wrong weekday is a classic sign of a copied or mistyped date, so reviewers are told.
    """
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 16), start)
    if not m:
        return start, norm
    wd = _WEEKDAYS[m.group("wd").lower().rstrip(".")]
    out = {**norm, "weekday": _WEEKDAY_NAMES[wd]}
    if norm.get("date"):
        actual = date.fromisoformat(norm["date"]).weekday()
        if actual != wd:
            out["weekday_mismatch"] = True
    return m.start("wd"), out


def _relative_year_norm(word: str, published: date | None) -> dict | None:
    """Normalised form of "last year"/"im vergangenen Jahr": a year read against the article date."""
    shift = _RELATIVE_YEAR.get(word.lower())
    if shift is None:
        return None
    year = f"{published.year + shift:04d}" if published and 1 <= published.year + shift <= 9999 else None
    return {"date": year, "precision": "year", "relative": shift, "year_inferred": True}


def _h_relative_year(m, text, language, published):
    word = next(g for g in (m.group("rel"), m.groupdict().get("rel2"), m.groupdict().get("rel3")) if g)
    norm = _relative_year_norm(word, published)
    if norm:
        yield "date", m.start(), m.end(), norm


_RELATIVE_YEAR = {
    "last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "vergangenen": -1, "vergangenes": -1,
    "letzten": -1, "letztes": -1, "vorjahr": -1, "vorjahres": -1, "diesen": 0, "diesem": 0, "dieses": 0,
    "laufenden": 0, "nächsten": 1, "nächstes": 1, "kommenden": 1, "kommendes": 1,
}


def _with_relation(text: str, start: int, norm: dict) -> tuple[int, dict]:
    """Extend a date leftwards over "until"/"since"/"bis zum"/"seit" and record the relation."""
    if "relation" in norm:
        return start, norm
    m = _REL_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return start, norm
    word = m.group("rel").split()[0].lower()
    rel = _REL_CANON.get(word)
    if rel is None:
        return start, norm
    return m.start("rel"), {**norm, "relation": rel}


def extract_values(
    text: str,
    *,
    language: str = "en",
    published: date | None = None,
    offset: int = 0,
) -> list[Value]:
    """All typed values in `text`, in order of position; offsets are shifted by `offset`."""
    if not text:
        return []
    features = _scan(text)
    if not features.any_trigger:
        return []
    # "de-DE", "DE" and "de_AT" are German; every other language gets the English grammar.
    lang = (language or "en")[:2].lower()
    grammar = _grammar(lang if lang in ("en", "de") else "en")
    candidates: list[tuple[int, int, int, str, dict]] = []
    patterns = grammar.patterns if features.has_numword else grammar.digit_patterns
    for pattern, handler, gate in patterns:
        if not gate.passes(features):
            continue
        for m in pattern.finditer(text):
            for vtype, start, end, norm in handler(m, text, grammar.language, published):
                if vtype == "date" and norm.get("precision") != "year":
                    if norm.get("precision") == "day":
                        start, norm = _with_weekday(text, start, norm)
                    start, norm = _with_relation(text, start, norm)
                # Trailing spaces never belong to a value.
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    candidates.append((_PRIO[vtype], start, end, vtype, norm))
    # Ties between equal spans go to the reading that did not need to guess a year.
    candidates.sort(key=lambda c: (-c[0], -(c[2] - c[1]), bool(c[4].get("year_inferred")), c[1]))
    # Greedy choice with the chosen spans kept sorted, so whole articles stay O(n log n).
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[tuple[int, int, int, str, dict]] = []
    for cand in candidates:
        _, s, e, _, _ = cand
        i = bisect_right(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.insert(i, cand)
    return [Value(vtype, text[s:e], s + offset, e + offset, norm) for _, s, e, vtype, norm in chosen]
