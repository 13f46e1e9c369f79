"""General value rules for real news wording (issue 10); every sentence here is written for the test."""
from __future__ import annotations

from claims.values import extract_values


def one(text: str, vtype: str, language: str = "en"):
    found = [v for v in extract_values(text, language=language) if v.type == vtype]
    assert len(found) == 1, [(v.type, v.text, v.normalized) for v in found]
    return found[0]


def test_currency_names_beyond_the_big_four():
    v = one("The port authority raised 640 million shekels from the bond sale.", "money")
    assert v.normalized == {"value": 640_000_000, "currency": "ILS"}
    assert one("A grant of 3.2 million Canadian dollars was approved.", "money").normalized["currency"] == "CAD"
    assert one("Tickets sold for 45 ringgit each.", "money").normalized["currency"] == "MYR"


def test_glued_capital_scale_and_signed_money():
    assert one("The lab will spend $4.7M on new scanners.", "money").normalized["value"] == 4_700_000
    assert one("The current account fell to $-12.5bn in May.", "money").normalized["value"] == -12_500_000_000


def test_ascii_transliterated_pound_and_yen_signs():
    assert one("The fine came to PS3,400 in the end.", "money").normalized == {"value": 3400, "currency": "GBP"}
    assert one("Shares closed at Y=1,250 on the day.", "money").normalized["value"] == 1250
    assert not [v for v in extract_values("The PS5 console sold out.") if v.type == "money"]


def test_written_out_measures_and_hyphenated_measures():
    assert one("The wire is 0.4 millimeter thick.", "quantity").normalized["unit_key"] == "mm"
    assert one("Its 13.3-inch screen is bright.", "quantity").normalized == {"value": 13.3, "unit": "inch",
                                                                              "unit_key": "in"}
    assert one("The pier stands 12 feet above the water.", "quantity").normalized["unit_key"] == "ft"
    assert one("Night temperatures hit minus 40 Fahrenheit.", "quantity").normalized["value"] == -40


def test_orders_of_magnitude_are_ranges():
    v = one("Hundreds of volunteers cleared the beach.", "quantity")
    assert (v.normalized["value"], v.normalized["value_max"]) == (100, 1000)
    assert v.normalized["approximate"] is True
    m = one("The repairs will cost tens of millions of dollars.", "money")
    assert (m.normalized["value"], m.normalized["value_max"], m.normalized["currency"]) == (10**7, 10**8, "USD")


def test_a_decimal_or_grouped_number_is_an_amount_without_a_unit():
    assert one("The index closed at 2,815.40 on Tuesday.", "quantity").normalized == {"value": 2815.4}
    assert one("Analysts had expected 81250 by the close.", "quantity").normalized == {"value": 81250}
    # A bare integer stays ambiguous, and a version number is a label.
    assert not [v for v in extract_values("He wore number 23 again.") if v.type == "quantity"]
    assert not [v for v in extract_values("Version 4.2 fixes the bug.") if v.type == "quantity"]


def test_one_takes_a_singular_counted_noun():
    assert one("Only one bridge stayed open.", "quantity").normalized == {"value": 1, "unit": "bridge",
                                                                          "unit_key": "bridge"}
    assert one("One inspector quit the next morning.", "quantity").normalized["unit"] == "inspector"
    # "one" as a pronoun or in a compound is no amount.
    for text in ("One said the vote was close.", "It was one of them.", "a one-on-one meeting"):
        assert not [v for v in extract_values(text) if v.type == "quantity"], text


def test_rates_per_any_noun():
    assert one("Diesel cost $1.85 a gallon last spring.", "money").normalized["per"] == "gallon"
    assert one("Office space rents for $48 per square foot.", "money").normalized["per"] == "square foot"
    assert one("The union won $2 per shift.", "money").normalized["per"] == "shift"
    # "a" before a word that is no unit is not a rate.
    assert "per" not in one("She paid $40 a friend had lent her.", "money").normalized


def test_a_range_keeps_its_rate():
    v = one("Winds of 40 to 55 miles per hour were forecast.", "quantity")
    assert (v.normalized["value"], v.normalized["value_max"], v.normalized["per"]) == (40, 55, "hour")


def test_change_by_then_level_is_not_a_range():
    found = [v for v in extract_values("Exports grew by $2.1 billion to $30.4 billion.") if v.type == "money"]
    assert [v.normalized["value"] for v in found] == [2_100_000_000, 30_400_000_000]
    assert all("value_max" not in v.normalized for v in found)


def test_basis_points():
    assert one("Margins widened by 35 basis points.", "quantity").normalized["unit_key"] == "bp"


def test_times_of_day_are_never_amounts():
    assert one("The polls close at 8 p.m. sharp.", "date").normalized == {"date": None, "precision": "time",
                                                                          "time": "20:00"}
    assert one("The ferry left at 6:45 am.", "date").normalized["time"] == "06:45"
    assert one("Trading resumed at 15:30 GMT.", "date").normalized["time"] == "15:30"
    de = one("Die Sitzung beginnt um 14 Uhr.", "date", language="de")
    assert de.normalized["time"] == "14:00"
    assert not [v for v in extract_values("Die Sitzung beginnt um 14 Uhr.", language="de") if v.type == "quantity"]
    # "am" as a word is no time.
    assert not extract_values("I am 5 am I")


def test_a_time_after_a_day_belongs_to_the_day():
    v = one("Voting ends on March 3 at 9 p.m.", "date")
    assert v.text == "March 3 at 9 p.m."
    assert v.normalized["time"] == "21:00"


def test_a_time_between_from_and_to_keeps_the_change():
    found = [v for v in extract_values("Oil fell from $81.20 at 9am to $79.75 at noon.") if v.type == "money"]
    assert [v.normalized.get("change_role") for v in found] == ["from", "to"]


def test_fractions_are_shares():
    v = one("Nearly two-thirds of the members voted.", "percent")
    assert v.normalized == {"value": 66.67, "unit": "%", "ratio": "2/3", "qualifier": "nearly"}
    assert one("A quarter of the flights were late.", "percent").normalized["ratio"] == "1/4"
    assert one("Half of the stations closed.", "percent").normalized["value"] == 50
    de = one("Mehr als ein Fünftel der Haushalte heizt mit Gas.", "percent", language="de")
    assert de.normalized == {"value": 20, "unit": "%", "ratio": "1/5", "qualifier": "more_than"}
    assert one("Zwei Drittel der Befragten stimmten zu.", "percent", language="de").normalized["ratio"] == "2/3"
    # An ordinal is not a fraction.
    assert not [v for v in extract_values("She finished third of twelve.") if v.type == "percent"]


def test_a_german_noun_before_a_number_is_no_label():
    v = one("Im Mai verkaufte der Hersteller 1,75 Millionen Räder.", "quantity", language="de")
    assert v.normalized["value"] == 1_750_000
    v = one("Damit baute die Stadt 14 Brücken.", "quantity", language="de")
    assert v.normalized["value"] == 14
    # A name still labels a whole number.
    assert not [v for v in extract_values("Sie flog mit einer Boeing 737 nach Rom.", language="de")
                if v.type == "quantity"]


def test_a_capitalised_modifier_before_the_counted_noun():
    assert one("The study covered nine Baltic ports.", "quantity").normalized == {"value": 9, "unit": "ports",
                                                                                  "unit_key": "port"}
    # A name alone after a number is no unit, and a camel-cased name labels its number.
    assert not [v for v in extract_values("They met at 10 Downing Street.") if v.type == "quantity"]
    assert not [v for v in extract_values("The iPhone 15 Pro cameras improved.") if v.type == "quantity"]


def test_ages_of_things_and_people():
    assert one("Divers found a 2,400 year-old wreck.", "quantity").normalized == {"value": 2400, "unit": "years",
                                                                                 "unit_key": "age"}
    v = one("He is a 41 year-old engineer.", "quantity")
    assert v.normalized["unit_key"] == "age"
    assert not [v for v in extract_values("He is a 41 year-old engineer.") if v.type == "duration"]
    assert one("They dated an about 9,000 year-old hearth.", "quantity").normalized["qualifier"] == "about"
