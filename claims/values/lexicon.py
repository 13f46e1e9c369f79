"""Word lists of the value grammar, in one place (qualifiers, units, currencies, time words)."""
from __future__ import annotations


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
    "gut": "more_than",
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
    "°C": ("°c", "℃", "degrees celsius", "grad celsius", "celsius"),
    "km/h": ("km/h", "kilometres per hour", "kilometers per hour", "stundenkilometer"),
    "l": ("l", "litre", "litres", "liter", "liters", "litern"),
    # US customary and further SI units as news writes them out (NIST Handbook 44 names).
    "mm": ("mm", "millimetre", "millimetres", "millimeter", "millimeters", "millimetern"),
    "cm": ("cm", "centimetre", "centimetres", "centimeter", "centimeters", "zentimeter", "zentimetern"),
    "nm": ("nanometre", "nanometres", "nanometer", "nanometers", "nanometern"),
    "in": ("inch", "inches", "zoll", "″"),
    "ft": ("ft", "foot", "feet", "fuß"),
    "yd": ("yd", "yard", "yards"),
    "mile": ("mile", "miles", "meile", "meilen"),
    "ft3": ("cubic feet", "cubic foot"),
    "ft2": ("square feet", "square foot", "sq ft"),
    "m3": ("m³", "m3", "cubic metres", "cubic meters", "kubikmeter"),
    "gal": ("gallon", "gallons", "gallone", "gallonen"),
    "oz": ("oz", "ounce", "ounces", "unze", "unzen"),
    "pint": ("pint", "pints"),
    "quart": ("quart", "quarts"),
    "bbl": ("barrel", "barrels", "barrel-a-day", "fass"),
    "lb": ("lb", "lbs", "pound-mass"),
    "g": ("g", "gram", "grams", "gramme", "grammes", "gramm"),
    "mg": ("mg", "milligram", "milligrams", "milligramm"),
    "hp": ("hp", "bhp", "horsepower", "ps"),
    "bp": ("bp", "bps", "basis point", "basis points", "basispunkte", "basispunkten"),
    "mpg": ("mpg", "miles per gallon"),
    "mph": ("mph", "miles per hour"),
    "°F": ("°f", "fahrenheit", "degrees fahrenheit"),
    "Nm": ("newton-metres", "newton metres", "newton-meters"),
    "GPa": ("gpa", "gigapascal", "gigapascals"),
    # Counted nouns: a small English-German glossary of what official statistics count (population,
    # tourism, employment, enterprises, households, vehicles, education, health), so that "60 countries"
    # and "60 Ländern" share a key. Any other noun after a number is its unit too, keyed by the plural
    # rules of `claims.values.units.unit_key` in its own language.
    "country": ("country", "countries", "land", "länder", "ländern", "nation", "nations", "staaten",
                "staat"),
    "region": ("region", "regions", "regionen"),
    "city": ("city", "cities", "stadt", "städte", "städten"),
    "company": ("enterprise", "enterprises", "company", "companies", "firm", "firms", "unternehmen",
                "firma", "firmen", "businesses", "corporations", "konzerne", "konzernen"),
    "guest": ("guest", "guests", "gast", "gäste", "gästen"),
    "visitor": ("visitor", "visitors", "besucher", "besuchern", "besucherinnen"),
    "person": ("people", "persons", "person", "menschen", "personen"),
    "employee": ("employee", "employees", "staff", "workers", "mitarbeiter", "mitarbeitern",
                 "beschäftigte", "beschäftigten"),
    "vehicle": ("vehicle", "vehicles", "fahrzeug", "fahrzeuge", "fahrzeugen"),
    "car": ("car", "cars", "auto", "autos"),
    "job": ("job", "jobs", "arbeitsplätze", "arbeitsplätzen", "stellen"),
    "household": ("household", "households", "haushalt", "haushalte", "haushalten"),
    "member": ("member", "members", "mitglied", "mitglieder", "mitgliedern"),
    "school": ("school", "schools", "schule", "schulen"),
    "hospital": ("hospital", "hospitals", "krankenhaus", "krankenhäuser", "krankenhäusern"),
    "student": ("student", "students", "studenten", "studierende", "schüler", "schülern"),
    "inhabitant": ("inhabitant", "inhabitants", "residents", "einwohner", "einwohnern", "einwohnerinnen"),
    "province": ("province", "provinces", "provinz", "provinzen"),
    "degree": ("degree", "degrees", "grad"),
    "magnitude": ("magnitude", "magnitudes", "magnitude-", "richter"),
    "building": ("building", "buildings", "gebäude", "gebäuden"),
}


UNIT_KEYS: dict[str, str] = {word: key for key, words in _UNIT_KEY_GROUPS.items() for word in words}


# Two-word English units whose modifier belongs to the unit ("eight green supply chains").
_COMPOUND_UNITS = frozenset(w for w in UNIT_KEYS if " " in w)


# Units written as symbols right after a number; case matters ("MW" is not "mW").
_ABBR_UNITS = ("km/h", "km²", "km2", "m²", "m³", "m2", "m3", "MWh", "GWh", "kWh", "TWh", "km", "kg", "kt", "Mt",
               "Gt", "MW", "GW", "kW", "TW", "ha", "mm", "cm", "GB", "TB", "°C", "℃", "°F", "t", "m", "l",
               # Units of engines, speed, electronics and small measures as news abbreviates them.
               "bhp", "hp", "mph", "mpg", "rpm", "mAh", "Nm", "GHz", "MHz", "Hz", "MB", "kB", "mg", "mL", "ml", "ppb",
               "ppm", "ft", "yd", "lbs", "lb", "oz", "min", "W", "g", "μm", "nm", "µm", "GPa", "A/cm2", "″", "mi")


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
    "us$": "USD", "$us": "USD", "$a": "AUD", "us $": "USD", "hk $": "HKD", "rm": "MYR",
    "$": "USD", "hk$": "HKD", "a$": "AUD", "c$": "CAD", "s$": "SGD", "nt$": "TWD",
    "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY", "₹": "INR",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "cny": "CNY", "rmb": "CNY", "hkd": "HKD", "jpy": "JPY",
    "chf": "CHF",
    # ASCII transliteration (unidecode and its kin) writes "£" as "PS" and "¥" as "Y=".
    "ps": "GBP", "y=": "CNY",
}


_CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD", "u.s. dollar": "USD",
    "u.s. dollars": "USD", "us-dollar": "USD", "euro": "EUR", "euros": "EUR", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "cny": "CNY", "pound": "GBP", "pounds": "GBP",
    "pounds sterling": "GBP", "pfund": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP", "hkd": "HKD",
    "chf": "CHF", "jpy": "JPY", "yen": "JPY", "franken": "CHF", "francs": "CHF",
    "hong kong dollar": "HKD", "hong kong dollars": "HKD",
    # Other currencies by their common English names (ISO 4217), with the country adjective where a
    # name is shared ("Australian dollars").
    "australian dollar": "AUD", "australian dollars": "AUD", "canadian dollar": "CAD", "canadian dollars": "CAD",
    "new zealand dollar": "NZD", "new zealand dollars": "NZD", "singapore dollar": "SGD",
    "singapore dollars": "SGD", "taiwan dollars": "TWD", "shekel": "ILS", "shekels": "ILS", "ringgit": "MYR",
    "rupee": "INR", "rupees": "INR", "won": "KRW", "rand": "ZAR", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "lira": "TRY", "zloty": "PLN", "baht": "THB", "peso": "MXN", "pesos": "MXN",
    "danish crowns": "DKK", "danish kroner": "DKK", "swedish crowns": "SEK", "swedish kronor": "SEK",
    "norwegian crowns": "NOK", "norwegian kroner": "NOK", "swiss francs": "CHF", "kuna": "HRK",
    "kn": "HRK", "dirham": "AED", "dirhams": "AED", "naira": "NGN", "reais": "BRL",
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


_REL_CANON = {
    "until": "until", "till": "until", "through": "until", "by": "until", "bis": "until",
    "spätestens": "until", "since": "since", "seit": "since", "ab": "since", "before": "before",
    "vor": "before", "after": "after", "nach": "after", "no": "until",
}


_EN_DETERMINERS = frozenset({"the", "its", "their", "his", "her", "our"})


_PER_CANON = {"year": "year", "annum": "year", "yr": "year", "a": "year", "jahr": "year", "annually": "year",
              "yearly": "year", "jährlich": "year", "month": "month", "monat": "month", "week": "week",
              "woche": "week", "day": "day", "tag": "day", "hour": "hour", "stunde": "hour", "h": "hour"}


_MEASURE_KEYS = frozenset(
    {"t", "kt", "Mt", "Gt", "kg", "km", "m", "m2", "km2", "ha", "MW", "GW", "kW", "kWh", "MWh", "GWh",
     "TWh", "l", "m3", "mm", "cm", "nm", "in", "ft", "yd", "mile", "ft3", "gal", "oz", "pint", "quart", "bbl",
     "lb", "g", "mg", "hp", "ft2", "°F", "°C", "Nm", "GPa", "mpg", "km/h", "mph"}
)


_APPROX_VALUES = {
    "tens of thousands": 10_000, "hundreds of thousands": 100_000, "thousands": 1_000,
    "millions": 1_000_000, "billions": 1_000_000_000, "hundreds": 100, "dozens": 12,
    "tens of millions": 10_000_000, "hundreds of millions": 100_000_000,
    "zehntausende": 10_000, "hunderttausende": 100_000, "tausende": 1_000, "abertausende": 1_000,
    "hunderte": 100, "dutzende": 12, "millionen": 1_000_000,
}


_SUPERLATIVES = {"largest": "largest", "biggest": "largest", "tallest": "tallest", "longest": "longest",
                 "größt": "largest", "grösst": "largest", "längst": "longest"}


_WEEKDAYS = {
    "monday": 0, "mon": 0, "montag": 0, "tuesday": 1, "tue": 1, "tues": 1, "dienstag": 1, "wednesday": 2,
    "wed": 2, "mittwoch": 2, "thursday": 3, "thu": 3, "thurs": 3, "donnerstag": 3, "friday": 4, "fri": 4,
    "freitag": 4, "saturday": 5, "sat": 5, "samstag": 5, "sonnabend": 5, "sunday": 6, "sun": 6, "sonntag": 6,
}


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_RELATIVE_YEAR = {
    "last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "vergangenen": -1, "vergangenes": -1,
    "letzten": -1, "letztes": -1, "vorjahr": -1, "vorjahres": -1, "diesen": 0, "diesem": 0, "dieses": 0,
    "laufenden": 0, "nächsten": 1, "nächstes": 1, "kommenden": 1, "kommendes": 1,
}

