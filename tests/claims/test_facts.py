"""Same-fact matching across articles (claims.conflicts.facts): order-free, bilingual, tolerant."""
from __future__ import annotations

from datetime import date

from claims.conflicts.facts import compare_facts, tolerance
from claims.conflicts.terms import concepts
from claims.stories import group_stories
from claims.values import Value
from tests.claims.documents import build


def pct(value: float, **extra: object) -> dict:
    return {"value": value, "unit": "%", **extra}


def test_lexicon_meets_german_compounds_and_english_words() -> None:
    assert "turnout" in concepts("Wahlbeteiligung", "de")
    assert {"electricity", "generation"} <= concepts("Stromerzeugung", "de")  # split compound
    assert "death" in concepts("Todesopfer", "de")  # Tod + Opfer, beside the listed "fatality"
    assert concepts("fatalities", "en") == frozenset({"fatality", "death", "dead", "killed"})
    assert concepts("died", "en") & concepts("Todesopfer", "de") & concepts("starben", "de")
    assert concepts("factories", "en") == frozenset({"factory"})


def test_turnout_in_two_languages_and_orders_is_flagged_as_revision() -> None:
    de = build("de", [
        ("Die CSU bleibt stärkste Kraft.", []),
        ("Die Wahlbeteiligung stieg auf 73,3 Prozent.", [("percent", "73,3 Prozent", pct(73.3))]),
    ], language="de", published=date(2023, 10, 9))
    en = build("en", [
        ("Voter turnout was 73.1 percent, the final result shows.", [("percent", "73.1 percent", pct(73.1))]),
        ("The CSU stays the strongest party.", []),
    ], published=date(2023, 10, 24))
    found = compare_facts(de, en)
    assert [f.kind for f in found] == ["cross_revision"]
    text = found[0].explanation
    assert "73.3%" in text and "73.1%" in text and "2023-10-24" in text and "2023-10-09" in text


def test_rounding_and_qualifiers_within_tolerance_are_not_flagged() -> None:
    a = build("a", [
        ("The share of renewables reached almost 52 percent.",
         [("percent", "almost 52 percent", pct(52, qualifier="nearly"))]),
        ("Deliveries in China were 3.24 million vehicles.",
         [("quantity", "3.24 million vehicles", {"value": 3240000, "unit": "vehicles", "unit_key": "vehicle"})]),
    ])
    b = build("b", [
        ("Die Auslieferungen in China lagen bei rund 3,2 Millionen Fahrzeugen.",
         [("quantity", "rund 3,2 Millionen Fahrzeugen",
           {"value": 3200000, "unit": "Fahrzeuge", "unit_key": "vehicle", "qualifier": "about"})]),
        ("Der Anteil der erneuerbaren Energien lag bei 51,8 Prozent.", [("percent", "51,8 Prozent", pct(51.8))]),
    ], language="de")
    assert compare_facts(a, b) == []


def test_a_list_of_party_results_compares_each_party_with_itself() -> None:
    official = build("o", [(
        "Die CSU kommt auf 37,0 Prozent, die AfD auf 14,6 Prozent, die SPD auf 8,4 Prozent.",
        [("percent", "37,0 Prozent", pct(37.0)), ("percent", "14,6 Prozent", pct(14.6)),
         ("percent", "8,4 Prozent", pct(8.4))],
    )], language="de")
    wire = build("w", [
        ("Die SPD erreicht 8,4 Prozent.", [("percent", "8,4 Prozent", pct(8.4))]),
        ("Die AfD erreicht 14,7 Prozent der Stimmen.", [("percent", "14,7 Prozent", pct(14.7))]),
        ("Die CSU erreicht 37 Prozent.", [("percent", "37 Prozent", pct(37))]),
    ], language="de")
    found = compare_facts(official, wire)
    assert len(found) == 1
    assert [m.text for m in found[0].members] == ["14,6 Prozent", "14,7 Prozent"]
    assert found[0].kind == "cross_contradiction"


def test_hicp_against_cpi_is_a_different_basis() -> None:
    a = build("a", [("Inflation measured by the HICP was 3.8 percent in December.",
                     [("percent", "3.8 percent", pct(3.8))])])
    b = build("b", [("Inflation measured by the consumer price index (CPI) was 3.7 percent in December.",
                     [("percent", "3.7 percent", pct(3.7))])])
    found = compare_facts(a, b)
    assert [f.kind for f in found] == ["cross_different_basis"]
    assert "HICP" in found[0].explanation and "CPI" in found[0].explanation


def test_an_earlier_years_result_is_not_compared_with_todays() -> None:
    a = build("a", [("Die CSU kommt auf 37,0 Prozent.", [("percent", "37,0 Prozent", pct(37.0))])],
              language="de", published=date(2023, 10, 24))
    b = build("b", [("Die CSU kommt auf 37,0 (2018: 37,2 Prozent).", [("percent", "37,2 Prozent", pct(37.2))])],
              language="de", published=date(2023, 10, 24))
    assert compare_facts(a, b) == []


def test_tolerance_reads_the_figures_own_rounding() -> None:
    v = Value("percent", "14,6 Prozent", 0, 12, pct(14.6))
    lo, hi = tolerance(v, 14.6)
    assert round(lo, 2) == 14.55 and round(hi, 2) == 14.65
    big = Value("quantity", "2.012", 0, 5, {"value": 2012})
    assert tolerance(big, 2012) == (2011.5, 2012.5)  # a thousands separator, not decimals


def test_stories_are_groups_not_pairs() -> None:
    groups = group_stories(5, {(0, 1): 0.9, (1, 3): 0.7})
    assert groups == [[0, 1, 3]]


def test_number_words_in_two_languages_agree() -> None:
    a = build("a", [("The forum covers eight thematic conferences.",
                     [("quantity", "eight thematic conferences", {"value": 8, "unit": "conferences",
                                                                  "unit_key": "conference"})])])
    b = build("b", [("Das Forum umfasst acht thematische Konferenzen.",
                     [("quantity", "acht thematische Konferenzen", {"value": 8, "unit": "Konferenzen",
                                                                    "unit_key": "conference"})])], language="de")
    assert compare_facts(a, b) == []


def test_two_price_groups_are_two_subjects() -> None:
    a = build("a", [
        ("Die Preise für Waren stiegen um 7,3 Prozent.", [("percent", "7,3 Prozent", pct(7.3))]),
        ("Die Preise für Dienstleistungen stiegen um 3,4 Prozent.", [("percent", "3,4 Prozent", pct(3.4))]),
    ], language="de")
    b = build("b", [
        ("Die Preise für Nahrungsmittel stiegen um 12,4 %.", [("percent", "12,4 %", pct(12.4))]),
        ("Die Preise für Energie stiegen um 5,3 %.", [("percent", "5,3 %", pct(5.3))]),
    ], language="de")
    assert compare_facts(a, b) == []


def test_figures_attributed_to_different_bodies_are_a_different_source() -> None:
    a = build("a", [("The 1960 Agadir earthquake killed about 15,000 people, according to Reuters.",
                     [("quantity", "about 15,000 people",
                       {"value": 15000, "unit": "people", "unit_key": "person", "qualifier": "about"})])])
    b = build("b", [("The 1960 Agadir earthquake killed 12,000 people, the USGS says.",
                     [("quantity", "12,000 people", {"value": 12000, "unit": "people", "unit_key": "person"})])])
    found = compare_facts(a, b)
    assert [f.kind for f in found] == ["cross_different_source"]
    assert "reuters" in found[0].explanation and "usgs" in found[0].explanation


def test_a_projection_against_the_result_is_a_likely_revision() -> None:
    a = build("a", [("According to projections, the CSU comes to 36.7 percent.",
                     [("percent", "36.7 percent", pct(36.7))])], published=date(2023, 10, 8))
    b = build("b", [("Die CSU kommt auf 37,0 Prozent.", [("percent", "37,0 Prozent", pct(37.0))])],
              language="de", published=date(2023, 10, 8))
    found = compare_facts(a, b)
    assert [f.kind for f in found] == ["cross_revision"]
    assert "provisional" in found[0].explanation


def test_a_years_rate_is_not_a_months_rate() -> None:
    # English annual figure against a German December figure: two measures, never one fact.
    annual = build("a", [(
        "Consumer prices rose by 5.9 percent in 2023 as a whole.",
        [("percent", "5.9 percent", pct(5.9)), ("date", "2023", {"date": "2023"})],
    )], published=date(2024, 1, 16))
    december = build("b", [(
        "Im Dezember 2023 lag die Inflationsrate bei 3,7 Prozent.",
        [("date", "Dezember 2023", {"date": "2023-12"}), ("percent", "3,7 Prozent", pct(3.7))],
    )], language="de", published=date(2024, 1, 16))
    assert compare_facts(annual, december) == []


def test_the_date_a_figure_is_compared_with_is_not_its_own_period() -> None:
    # "höher als im Dezember 2022": the 3.7% is December 2023's, so it never meets 2022's 8.6%.
    de = build("de", [(
        "Im Dezember 2023 war die Inflationsrate um 3,7 Prozent höher als im Dezember 2022.",
        [("date", "Dezember 2023", {"date": "2023-12"}), ("percent", "3,7 Prozent", pct(3.7)),
         ("date", "Dezember 2022", {"date": "2022-12"})],
    )], language="de", published=date(2024, 1, 16))
    en = build("en", [(
        "Inflation fell to 8.6 percent in December 2022.",
        [("percent", "8.6 percent", pct(8.6)), ("date", "December 2022", {"date": "2022-12"})],
    )], published=date(2023, 1, 3))
    assert compare_facts(de, en) == []


def test_a_bracketed_earlier_result_dates_only_its_own_figure() -> None:
    # "(2018: 72,3)" labels a figure the grammar does not read; 73.3 stays this election's turnout
    # and meets the other outlet's 73.1, while the 2018 figure never meets this year's.
    a = build("a", [(
        "Die Wahlbeteiligung stieg auf 73,3 Prozent (2018: 72,3).",
        [("percent", "73,3 Prozent", pct(73.3)), ("date", "2018", {"date": "2018"})],
    )], language="de", published=date(2023, 10, 9))
    b = build("b", [("Turnout was 73.1 percent.", [("percent", "73.1 percent", pct(73.1))])],
              published=date(2023, 10, 24))
    found = compare_facts(a, b)
    assert len(found) == 1 and "73.3%" in found[0].explanation and "73.1%" in found[0].explanation
    earlier = build("c", [(
        "Die CSU kommt auf 37,0 (2018: 37,2 Prozent).",
        [("date", "2018", {"date": "2018"}), ("percent", "37,2 Prozent", pct(37.2))],
    )], language="de", published=date(2023, 10, 24))
    now = build("d", [("The CSU won 37.0 percent.", [("percent", "37.0 percent", pct(37.0))])],
                published=date(2023, 10, 24))
    assert compare_facts(earlier, now) == []


def test_the_source_named_is_not_what_is_measured() -> None:
    # The attribution phrase would otherwise outweigh the one shared word and hide the mismatch.
    a = build("a", [(
        "According to the Federal Statistical Office, inflation rose again in December to 3.7 percent.",
        [("date", "December", {"date": "2023-12"}), ("percent", "3.7 percent", pct(3.7))],
    )], published=date(2024, 1, 4))
    b = build("b", [(
        "With an increase of 3.8 percent, inflation in December was higher than in November.",
        [("percent", "3.8 percent", pct(3.8)), ("date", "December", {"date": "2023-12"})],
    )], published=date(2024, 1, 4))
    found = compare_facts(a, b)
    assert len(found) == 1
    assert "3.7%" in found[0].explanation and "3.8%" in found[0].explanation


def test_a_shared_party_acronym_matches_despite_other_wording() -> None:
    projection = build("p", [(
        "The SPD, on the other hand, only achieved 7.9 percent in the projection.",
        [("percent", "7.9 percent", pct(7.9))],
    )], published=date(2023, 10, 8))
    result = build("r", [(
        "Die SPD rutscht unterdessen auf einen historischen Tiefstand mit 8,4 Prozent.",
        [("percent", "8,4 Prozent", pct(8.4))],
    )], language="de", published=date(2023, 10, 24))
    found = compare_facts(projection, result)
    assert [f.kind for f in found] == ["cross_revision"]
    assert "provisional" in found[0].explanation


def test_general_word_list_gives_everyday_senses() -> None:
    assert "free" in concepts("Freien", "de")  # the dictionary lists only "ad lib", "unbound"
    assert "voter" in concepts("Wähler", "de")
    assert "turnout" in concepts("Wahlbeteiligung", "de")
    assert "dead" in concepts("Toten", "de")


def test_clock_durations_compare_in_seconds() -> None:
    a = build("a", [(
        "She shaved almost a minute off her marathon time.",
        [("duration", "almost a minute", {"value": 1, "unit": "minute", "qualifier": "nearly"})],
    )])
    b = build("b", [(
        "Sie verbesserte ihre Marathonzeit um 34 Sekunden.",
        [("duration", "34 Sekunden", {"value": 34, "unit": "second"})],
    )], language="de")
    c = build("c", [(
        "She took 58 seconds off her marathon time.",
        [("duration", "58 seconds", {"value": 58, "unit": "second"})],
    )])
    found = compare_facts(a, b)
    assert len(found) == 1 and "60" in found[0].explanation and "34" in found[0].explanation
    assert compare_facts(a, c) == []  # "almost a minute" allows 58 seconds


def test_percent_where_points_are_meant_is_a_terminology_flag() -> None:
    pct_side = build("a", [(
        "Das Minus der Partei fiel mit 0,2 Prozent geringer aus als erwartet.",
        [("percent", "0,2 Prozent", pct(0.2))],
    )], language="de")
    pp_side = build("b", [(
        "The party lost 0.2 percentage points.",
        [("percent", "0.2 percentage points", {"value": 0.2, "unit": "pp", "change": "down"})],
    )])
    found = compare_facts(pct_side, pp_side)
    assert [f.kind for f in found] == ["cross_terminology"]
    assert "percentage points" in found[0].explanation
    level = build("c", [("Die Partei kam auf 0,2 Prozent.", [("percent", "0,2 Prozent", pct(0.2))])],
                  language="de")
    assert compare_facts(level, pp_side) == []  # a level, not a change


def test_the_same_figure_called_production_and_deliveries_is_flagged() -> None:
    def vehicles(text: str, value: float) -> dict:
        return {"value": value, "unit": "vehicles", "unit_key": "vehicle"}

    produced = build("a", [(
        "The group produced 8.3 million vehicles in 2022.",
        [("quantity", "8.3 million vehicles", vehicles("", 8300000)), ("date", "2022", {"date": "2022"})],
    )])
    delivered = build("b", [(
        "2022 hatte der Konzern 8,3 Millionen Fahrzeuge ausgeliefert.",
        [("date", "2022", {"date": "2022"}), ("quantity", "8,3 Millionen Fahrzeuge", vehicles("", 8300000))],
    )], language="de")
    found = compare_facts(produced, delivered)
    assert [f.kind for f in found] == ["cross_terminology"]
    assert "production" in found[0].explanation and "deliveries" in found[0].explanation
    also_delivered = build("c", [(
        "It delivered 8.3 million vehicles in 2022.",
        [("quantity", "8.3 million vehicles", vehicles("", 8300000)), ("date", "2022", {"date": "2022"})],
    )])
    assert compare_facts(also_delivered, delivered) == []


def test_the_base_of_a_change_is_not_the_subject() -> None:
    # Both German sentences end in "im Vergleich zum Vorjahresmonat": that says what the change is
    # measured against, not what changes (prices of goods against the overall rate).
    goods = build("a", [(
        "Die Warenpreise für langlebige Konsumgüter stiegen im Dezember 2023 im Vergleich zum "
        "Vorjahresmonat um 4,1 Prozent.",
        [("date", "Dezember 2023", {"date": "2023-12"}), ("percent", "4,1 Prozent", pct(4.1))],
    )], language="de")
    overall = build("b", [(
        "Im Dezember 2023 verstärkte sich die Inflationsrate in Deutschland nach vorläufigen Daten "
        "auf 3,7 % im Vergleich zum Vorjahresmonat.",
        [("date", "Dezember 2023", {"date": "2023-12"}), ("percent", "3,7 %", pct(3.7))],
    )], language="de")
    assert compare_facts(goods, overall) == []


def test_a_pronoun_sentence_takes_the_previous_sentences_subject_and_year() -> None:
    # "It killed at least 12,000 people." is about the 1960 quake of the sentence before; the
    # German outlet's "kamen ums Leben" is a death toll too.
    en = build("en", [
        ("The last big earthquake hit Agadir in 1960.", [("date", "1960", {"date": "1960"})]),
        ("It killed at least 12,000 people.",
         [("quantity", "at least 12,000 people",
           {"value": 12000, "unit": "people", "unit_key": "person", "qualifier": "at_least"})]),
    ], published=date(2023, 9, 11))
    de = build("de", [(
        "Beim Erdbeben von Agadir 1960 kamen rund 15.000 Menschen ums Leben.",
        [("date", "1960", {"date": "1960"}),
         ("quantity", "rund 15.000 Menschen",
          {"value": 15000, "unit": "Menschen", "unit_key": "person", "qualifier": "about"})],
    )], language="de", published=date(2023, 9, 9))
    found = compare_facts(en, de)
    assert len(found) == 1
    assert "12,000" in found[0].explanation and "15,000" in found[0].explanation
    # without the pronoun the undated sentence is this year's count: never the 1960 one
    plain = build("p", [
        ("The last big earthquake hit Agadir in 1960.", [("date", "1960", {"date": "1960"})]),
        ("Officials said at least 12,000 people were affected.",
         [("quantity", "at least 12,000 people",
           {"value": 12000, "unit": "people", "unit_key": "person", "qualifier": "at_least"})]),
    ], published=date(2023, 9, 11))
    assert compare_facts(plain, de) == []


def test_the_same_distance_in_opposite_directions_is_a_contradiction() -> None:
    def km(value: float, **extra: object) -> dict:
        return {"value": value, "unit": "km", "base_unit": "km", **extra}

    sw = build("a", [("The epicentre was 72 km (45 miles) southwest of the city.",
                      [("quantity", "72 km", km(72))])])
    se = build("b", [("The quake struck at 11 pm local time; the epicentre was about 75 km southeast of the city.",
                      [("quantity", "about 75 km", km(75, qualifier="about"))])])
    south = build("c", [("Das Epizentrum lag rund 75 Kilometer südlich der Stadt.",
                         [("quantity", "rund 75 Kilometer", km(75, qualifier="about"))])], language="de")
    found = compare_facts(sw, se)
    assert [f.kind for f in found] == ["cross_contradiction"]
    assert "southwest against southeast" in found[0].explanation
    assert compare_facts(sw, south) == []  # "south" is a coarser "southwest"


def test_a_running_count_reported_the_same_day_is_a_revision() -> None:
    day = date(2023, 9, 11)
    a = build("a", [("The death toll climbed to 2,497 people, the ministry said.",
                     [("quantity", "2,497 people", {"value": 2497, "unit": "people", "unit_key": "person"})])],
              published=day)
    b = build("b", [("Die Zahl der Toten stieg auf 2862 Menschen.",
                     [("quantity", "2862 Menschen", {"value": 2862, "unit": "Menschen", "unit_key": "person"})])],
              language="de", published=day)
    found = compare_facts(a, b)
    assert [f.kind for f in found] == ["cross_revision"]
    assert "running figure" in found[0].explanation


# --- numbers stated without a unit (the value grammar reads "37,0" and "16.2" as bare numbers) ---


def _doc(doc_id: str, text: str, language: str, published: date):
    from claims.analysis import analyse
    from claims.conflicts import Document

    return Document.from_analysis(doc_id, analyse(text, published=published, language=language))


def test_a_labelled_earlier_result_keeps_its_year_beside_a_bare_figure() -> None:
    # "(2018: 37,2 Prozent)" is the 2018 result even though the bare "37,0" stands nearer the date
    de = _doc("de", "Die CSU kommt auf 37,0 (2018: 37,2 Prozent) und verlor 0,2 Prozentpunkte.",
              "de", date(2023, 10, 24))
    en = _doc("en", "The CSU won 37.0 percent of the vote, the official result shows.", "en",
              date(2023, 10, 24))
    assert not [f for f in compare_facts(de, en) if "37.2" in f.explanation]


def test_a_bare_figure_takes_the_unit_of_its_bracketed_aside() -> None:
    de = _doc("de", "Die CSU kommt auf 36,0 (2018: 37,2 Prozent) und verlor Stimmen.", "de",
              date(2023, 10, 24))
    en = _doc("en", "The CSU won 37.0 percent of the vote, the official result shows.", "en",
              date(2023, 10, 24))
    found = compare_facts(de, en)
    assert [f.kind for f in found] == ["cross_contradiction"]
    assert "36%" in found[0].explanation and "37%" in found[0].explanation


def test_an_undated_bracketed_earlier_value_is_never_compared() -> None:
    # "(10,2)" is the party's previous result: what period it is for is not said
    de = _doc("de", "Zweiter großer Wahlgewinner ist die AfD mit einem Ergebnis von 14,6 Prozent (10,2).",
              "de", date(2023, 10, 24))
    en = _doc("en", "Pollsters see the CSU at 36.6, the AfD at 10.9 and the FDP at 2.9 percent.", "en",
              date(2023, 10, 24))
    assert not [f for f in compare_facts(de, en) if "10.2" in f.explanation]


def test_bare_numbers_listed_before_a_unit_share_it() -> None:
    en = _doc("en", "Pollsters see the CSU at 36.6, the Greens at 15.4 and the FDP at 2.9 percent.", "en",
              date(2023, 10, 8))
    de = _doc("de", "Die CSU kommt auf 37,0 Prozent, die Grünen auf 14,4 Prozent.", "de", date(2023, 10, 24))
    found = compare_facts(en, de)
    shown = sorted(f.explanation.split(":")[0] for f in found)
    assert shown == ["en says 15.4% (“15.4”), de says 14.4% (“14,4 Prozent”)",
                     "en says 36.6% (“36.6”), de says 37% (“37,0 Prozent”)"]


def test_a_bare_decimal_is_not_a_count() -> None:
    a = _doc("a", "The death toll rose to 16.2 after the quake, officials said.", "en", date(2023, 9, 9))
    b = _doc("b", "The quake killed 2,100 people, officials said.", "en", date(2023, 9, 10))
    assert compare_facts(a, b) == []


def test_one_disagreement_stated_twice_is_one_finding_with_every_statement() -> None:
    a = build("a", [
        ("Turnout rose to 73.3 percent.", [("percent", "73.3 percent", pct(73.3))]),
        ("In the end turnout stood at 73.3 percent.", [("percent", "73.3 percent", pct(73.3))]),
    ], published=date(2023, 10, 9))
    b = build("b", [("Turnout was 73.1 percent.", [("percent", "73.1 percent", pct(73.1))])],
              published=date(2023, 10, 24))
    found = compare_facts(a, b)
    assert len(found) == 1
    assert len(found[0].members) == 3 and "Stated 2 times" in found[0].explanation


def test_a_decimal_number_after_a_month_is_no_day_of_it() -> None:
    from claims.analysis import analyse

    found = [(v.type, v.text) for s in analyse("Die Inflationsrate betrug im Dezember 4,1 Prozent.",
                                               language="de").sentences for v in s.values]
    assert found == [("date", "Dezember"), ("percent", "4,1 Prozent")]
    english = [(v.type, v.text) for s in analyse("Talks were held on May 5 and 6 and on December 4, 2023.",
                                                 language="en").sentences for v in s.values]
    assert ("date", "December 4, 2023") in english and ("date", "May 5") in english
