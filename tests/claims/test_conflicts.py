"""Conflict detection on hand-built claims: every kind, its agreeing twins, fingerprints."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.conflicts import (
    Document,
    Inconsistency,
    Member,
    agree,
    align,
    compare,
    find_across,
    find_inconsistencies,
    find_inside,
)
from claims.detect import Claim
from claims.values import Value
from tests.claims.documents import build, count, day, english_003, german_002, week_doc


def kinds(found: list[Inconsistency]) -> list[str]:
    return [f.kind for f in found]


def test_key_is_stable_order_free_and_specific() -> None:
    m1 = Member("a", 10, 20, "x", {}, 0, 30)
    m2 = Member("b", 5, 9, "y", {}, 0, 30)
    one = Inconsistency("value_mismatch", "medium", 0.5, "first wording", (m1, m2))
    same = Inconsistency("value_mismatch", "high", 0.9, "other wording", (m2, m1))
    other_kind = Inconsistency("total_mismatch", "medium", 0.5, "first wording", (m1, m2))
    m3 = Member("b", 5, 10, "y", {}, 0, 30)
    other_span = Inconsistency("value_mismatch", "medium", 0.5, "first wording", (m1, m3))
    assert one.key == same.key
    assert len(one.key) == 40 and int(one.key, 16) >= 0
    assert len({one.key, other_kind.key, other_span.key}) == 3


def test_from_analysis_keeps_claims_only() -> None:
    kept = Claim("A total of 5 units.", 0, 18, True, "statistic", 0.8)
    dropped = Claim("Nice weather.", 19, 32, False, "other", 0.1)
    analysis = SimpleNamespace(
        body="A total of 5 units. Nice weather.", language="en", published=date(2024, 1, 2),
        title="T", sentences=(kept, dropped),
    )
    doc = Document.from_analysis("x", analysis)
    assert doc.claims == (kept,)
    assert doc.names == frozenset()  # "Nice weather." names nothing; "T" is too short to be a name
    assert (doc.id, doc.language, doc.published, doc.title, doc.length) == ("x", "en", date(2024, 1, 2), "T", 33)


# --- date_outside_span --------------------------------------------------------------------------


def test_opening_ceremony_a_month_before_its_week_is_flagged() -> None:
    doc = week_doc()
    found = [f for f in find_inside(doc) if f.kind == "date_outside_span"]
    assert len(found) == 1
    flag = found[0]
    assert flag.severity == "high"
    assert "one-month slip" in flag.explanation
    assert "2023-07-10" in flag.explanation and "2023-06-10" in flag.explanation
    assert [m.text for m in flag.members] == ["from July 10th to 16th", "June 10th"]
    body_claim = doc.claims[1]
    assert flag.members[1].claim_start == body_claim.start and flag.members[1].claim_end == body_claim.end


def test_opening_ceremony_inside_its_week_is_not_flagged() -> None:
    assert find_inside(week_doc("July 10th", "2023-07-10")) == []


def test_day_digit_slip_is_named() -> None:
    found = find_inside(week_doc("July 19th", "2023-07-19"))
    # published July 11, "were held" on July 19 is also a past report of a later date
    assert sorted(kinds(found)) == ["date_outside_span", "tense_mismatch"]
    assert "day's digits" in next(f for f in found if f.kind == "date_outside_span").explanation


def test_month_inside_range_agrees() -> None:
    # seed 000: "an expo in June" beside "from June 5 to 8" is month precision around the range
    doc = build(
        "000",
        [
            ("Green supply chains gain attention, with an expo in June bringing over 600 enterprises together.",
             [("date", "in June", {"date": "2024-06", "precision": "month", "year_inferred": True}),
              ("quantity", "over 600 enterprises", count(600, "enterprises", "company", qualifier="more_than"))]),
            ("The Expo will be held from June 5 to 8, with an opening ceremony and forums.",
             [("date_range", "from June 5 to 8",
               {"start": "2024-06-05", "end": "2024-06-08", "precision": "day", "year_inferred": True})]),
            ("The opening ceremony of the expo is in June.",
             [("date", "in June", {"date": "2024-06", "precision": "month", "year_inferred": True})]),
        ],
        published=date(2024, 5, 21),
    )
    assert find_inside(doc) == []


def test_unrelated_date_is_not_a_sub_event() -> None:
    doc = build(
        "000",
        [
            ("The Expo will be held from June 5 to 8.",
             [("date_range", "from June 5 to 8", {"start": "2024-06-05", "end": "2024-06-08", "precision": "day"})]),
            ("The city has many parks.", []),
            ("The park hosts concerts.", []),
            ("China's first zero-carbon data center was put into operation on July 12, 2022.",
             [("date", "July 12, 2022", day("2022-07-12"))]),
        ],
        published=date(2024, 5, 21),
    )
    assert find_inside(doc) == []


# --- value_mismatch -----------------------------------------------------------------------------


def restated(first: dict, second: dict, text2: str = "650") -> Document:
    return build(
        "v",
        [
            ("Pudong has certified 600 green factories in the new area under the city programme.",
             [("quantity", "600 green factories", first)]),
            ("The weather was fine.", []),
            (f"Under the city programme, the new area Pudong has certified {text2} green factories.",
             [("quantity", f"{text2} green factories", second)]),
        ],
    )


def test_same_fact_with_two_values_is_flagged() -> None:
    found = find_inside(restated(count(600, "green factories"), count(650, "green factories")))
    assert kinds(found) == ["value_mismatch"]
    assert "600" in found[0].explanation and "650" in found[0].explanation


def test_qualified_restatement_agrees() -> None:
    more_than = count(600, "green factories", qualifier="more_than")
    assert find_inside(restated(more_than, count(650, "green factories"))) == []
    about = count(600, "green factories", qualifier="about")
    assert find_inside(restated(about, count(640, "green factories"), "640")) == []


def test_numbers_agree_within_qualifiers_and_rounding() -> None:
    def q(text: str, value: float, **extra: object) -> Value:
        return Value("quantity", text, 0, len(text), count(value, "people", **extra))

    assert agree(q("1.5 million", 1.5e6), q("1,523,000", 1523000))
    assert not agree(q("1.5 million", 1.5e6), q("1,580,000", 1580000))
    assert agree(q("2,5 Millionen", 2.5e6), q("2.46 million", 2.46e6))
    tens_of_thousands = q("tens of thousands", 10000, qualifier="at_least", approximate=True)
    assert agree(tens_of_thousands, q("40,000", 40000))
    assert not agree(tens_of_thousands, q("5,000", 5000))
    assert agree(q("more than 60", 60, qualifier="more_than"), q("75", 75))
    assert not agree(q("more than 60", 60, qualifier="more_than"), q("50", 50))
    assert agree(q("nearly 100", 100, qualifier="nearly"), q("95", 95))
    assert not agree(q("nearly 100", 100, qualifier="nearly"), q("105", 105))
    assert not agree(q("168", 168), q("186", 186))


def test_different_subjects_are_not_compared() -> None:
    doc = build(
        "001",
        [
            ("Notably, Pudong has established an impressive total of 39 green factories, eight green supply "
             "chains and three green parks.",
             [("quantity", "39 green factories", count(39, "green factories")),
              ("quantity", "eight green supply chains", count(8, "green supply chains")),
              ("quantity", "three green parks", count(3, "green parks"))]),
            ("Moreover, the area has achieved significant milestones with the establishment of four "
             "zero-carbon factories and two zero-carbon parks.",
             [("quantity", "four zero-carbon factories", count(4, "zero-carbon factories")),
              ("quantity", "two zero-carbon parks", count(2, "zero-carbon parks"))]),
        ],
    )
    assert find_inside(doc) == []


def test_different_named_subjects_are_not_compared() -> None:
    doc = build(
        "v",
        [
            ("Last quarter Huawei sold 300 phones in Shanghai stores, the city bureau said.",
             [("quantity", "300 phones", count(300, "phones"))]),
            ("Last quarter Xiaomi sold 350 phones in Shanghai stores, the city bureau said.",
             [("quantity", "350 phones", count(350, "phones"))]),
        ],
    )
    assert find_inside(doc) == []


def test_change_over_time_is_not_a_mismatch() -> None:
    doc = build(
        "v",
        [
            ("Pudong has certified 600 green factories in the new area under the city programme.",
             [("quantity", "600 green factories", count(600, "green factories"))]),
            ("Under the city programme, the new area Pudong increased its certified green factories to 650.",
             [("quantity", "650", count(650, "green factories"))]),
        ],
    )
    assert find_inside(doc) == []


def test_year_target_restated_with_another_year() -> None:
    doc = build(
        "t",
        [
            ("China set the goals of achieving a carbon peak by 2030 under the national plan.",
             [("year_target", "a carbon peak by 2030", {"year": 2030, "target": "carbon peak"})]),
            ("Under the national plan, China set the goals of achieving a carbon peak by 2035.",
             [("year_target", "a carbon peak by 2035", {"year": 2035, "target": "carbon peak"})]),
        ],
    )
    found = find_inside(doc)
    assert kinds(found) == ["value_mismatch"]
    assert "2030" in found[0].explanation and "2035" in found[0].explanation


# --- total_mismatch -----------------------------------------------------------------------------


def test_parts_exceeding_their_total_are_flagged() -> None:
    doc = build(
        "t",
        [("A total of 39 factories were certified, of which 20 are in Pudong and 25 in Minhang.",
          [("quantity", "39 factories", count(39, "factories"))])],
    )
    found = find_inside(doc)
    assert kinds(found) == ["total_mismatch"]
    assert "45" in found[0].explanation and "39" in found[0].explanation
    assert [m.text for m in found[0].members] == ["39 factories", "20", "25"]


def test_german_parts_exceeding_total() -> None:
    doc = build(
        "t",
        [("Insgesamt 168 Unternehmen stellen aus, davon 100 aus China und 80 aus dem Ausland.",
          [("quantity", "168 Unternehmen", count(168, "Unternehmen", "company")),
           ("quantity", "100", count(100, "")), ("quantity", "80", count(80, ""))])],
        language="de",
    )
    assert kinds(find_inside(doc)) == ["total_mismatch"]


def test_a_list_after_a_total_and_partial_parts_are_not_flagged() -> None:
    doc = build(
        "001",
        [
            ("Pudong has established an impressive total of 39 green factories, eight green supply chains, "
             "22 green products, and three green parks.",
             [("quantity", "39 green factories", count(39, "green factories")),
              ("quantity", "eight green supply chains", count(8, "green supply chains")),
              ("quantity", "22 green products", count(22, "green products")),
              ("quantity", "three green parks", count(3, "green parks"))]),
            ("A total of 168 enterprises take part, including 20 from Germany and 25 from Denmark.",
             [("quantity", "168 enterprises", count(168, "enterprises", "company"))]),
        ],
    )
    assert find_inside(doc) == []


# --- duration_mismatch --------------------------------------------------------------------------


def forum_since(years_text: str, years: int, published: date, language: str = "en") -> Document:
    if language == "en":
        text = (f"Since its inception in 2013, the forum has been successfully held for {years_text}, attracting "
                "guests from more than 60 countries.")
        specs = [("date", "in 2013", {"date": "2013", "precision": "year"}),
                 ("duration", f"for {years_text}", {"value": years, "unit": "year"})]
    else:
        text = f"Seit seiner Gründung im Jahr 2013 hat das Forum {years_text} lang erfolgreich stattgefunden."
        specs = [("date", "im Jahr 2013", {"date": "2013", "precision": "year"}),
                 ("duration", f"{years_text} lang", {"value": years, "unit": "year"})]
    return build("f", [(text, specs)], published=published, language=language)


def test_since_and_duration_agreeing_with_publication_are_not_flagged() -> None:
    assert find_inside(forum_since("ten years", 10, date(2023, 11, 28))) == []
    assert find_inside(forum_since("zehn Jahre", 10, date(2023, 11, 28), "de")) == []


def test_since_and_duration_disagreeing_with_publication_are_flagged() -> None:
    found = find_inside(forum_since("seven years", 7, date(2023, 11, 28)))
    assert kinds(found) == ["duration_mismatch"]
    assert "10 years" in found[0].explanation
    assert kinds(find_inside(forum_since("sieben Jahre", 7, date(2023, 11, 28), "de"))) == ["duration_mismatch"]


def test_duration_without_publication_date_is_not_checked() -> None:
    assert find_inside(forum_since("seven years", 7, None)) == []  # type: ignore[arg-type]


# --- tense_mismatch -----------------------------------------------------------------------------


def tense_doc(sentence: str, surface: str, norm: dict, published: date = date(2023, 11, 28)) -> Document:
    return build("t", [(sentence, [("date", surface, norm)])], published=published)


def test_past_tense_after_publication_is_flagged() -> None:
    found = find_inside(tense_doc("The award ceremony was held on December 5.", "December 5",
                                  day("2023-12-05", year_inferred=True)))
    assert kinds(found) == ["tense_mismatch"]
    assert "past tense" in found[0].explanation and "inferred" in found[0].explanation
    explicit = find_inside(tense_doc("The summit was held on December 5, 2023.", "December 5, 2023",
                                     day("2023-12-05")))
    assert kinds(explicit) == ["tense_mismatch"] and explicit[0].severity == "high"


def test_future_tense_before_publication_is_flagged() -> None:
    found = find_inside(tense_doc("The summit will be held on November 20.", "November 20",
                                  day("2023-11-20", year_inferred=True)))
    assert kinds(found) == ["tense_mismatch"]
    assert "future tense" in found[0].explanation


def test_tense_agreeing_with_publication_is_not_flagged() -> None:
    cases = [
        ("It will continue until November 28.", "until November 28",
         day("2023-11-28", year_inferred=True, relation="until")),
        ("On November 26, the forum kicked off in Shenzhen.", "November 26", day("2023-11-26", year_inferred=True)),
        ("The expo will be held on December 5.", "December 5", day("2023-12-05", year_inferred=True)),
        ("The summit is held on December 5.", "December 5", day("2023-12-05", year_inferred=True)),
        # a past report of an inferred date far ahead most likely means last year's date
        ("The plant was opened on March 3.", "March 3", day("2024-03-03", year_inferred=True)),
    ]
    for sentence, surface, norm in cases:
        assert find_inside(tense_doc(sentence, surface, norm)) == [], sentence


def test_past_tense_of_a_running_week_is_not_flagged() -> None:
    # seed 004: published July 11 about a week held July 10 to 16, reported in the past tense
    assert [f for f in find_inside(week_doc("July 10th", "2023-07-10")) if f.kind == "tense_mismatch"] == []


# --- across articles ----------------------------------------------------------------------------


def test_translation_disagreeing_on_the_end_date_is_flagged_once() -> None:
    en, de = english_003(), german_002()
    found = compare(en, de)
    assert kinds(found) == ["cross_article_mismatch"]
    flag = found[0]
    assert [m.text for m in flag.members] == ["until November 28", "bis zum 30. November"]
    assert [m.document for m in flag.members] == ["003", "002"]
    assert "2023-11-28" in flag.explanation and "2023-11-30" in flag.explanation
    assert flag.severity == "high" and flag.confidence >= 0.6


def test_translation_agreeing_everywhere_is_not_flagged() -> None:
    assert compare(english_003(), german_002("28. November", "2023-11-28")) == []


def test_alignment_follows_the_translation() -> None:
    pairs = {(i, j) for i, j, _ in align(english_003(), german_002())}
    assert {(0, 0), (2, 2), (5, 5), (6, 6)} <= pairs
    assert all(i == j for i, j in pairs)


def test_find_across_flags_the_twin_and_nothing_else() -> None:
    stats: dict = {}
    docs = [english_003(), german_002(), week_doc()]
    found = find_across(docs, stats=stats)
    assert kinds(found) == ["cross_article_mismatch"]
    assert stats["same_story_pairs"] == 1
    assert stats["candidate_pairs"] <= 3


def test_find_inconsistencies_combines_inside_and_across() -> None:
    found = find_inconsistencies([english_003(), german_002(), week_doc()])
    assert sorted(kinds(found)) == ["cross_article_mismatch", "date_outside_span"]
    assert len({f.key for f in found}) == len(found)
    # deterministic: the same input gives the same findings in the same order
    again = find_inconsistencies([english_003(), german_002(), week_doc()])
    assert [f.key for f in again] == [f.key for f in found]


def test_a_year_apart_edition_is_not_compared() -> None:
    later = english_003()
    later = Document("003-2024", date(2024, 11, 28), later.language, later.claims, length=later.length)
    assert find_across([later, german_002()]) == []


# --- the real seeds, through the whole engine ---------------------------------------------------


def seed_documents(seeds: dict[str, str]) -> dict[str, Document]:
    from claims.analysis import analyse

    return {number: Document.from_analysis(number, analyse(text)) for number, text in seeds.items()}


def test_seeds_inside_flags_only_the_opening_ceremony(seeds: dict[str, str]) -> None:
    docs = seed_documents(seeds)
    for number in ("000", "001", "002", "003"):
        assert find_inside(docs[number]) == [], number
    found = find_inside(docs["004"])
    assert kinds(found) == ["date_outside_span"]
    assert {m.text for m in found[0].members} == {"from July 10th to 16th", "June 10th"}
    assert "one-month slip" in found[0].explanation


@pytest.mark.xfail(
    strict=False,
    reason="needs the short seed sentences 'It will continue until November 28.' / 'Es wird bis zum 30. "
    "November fortgesetzt.' to be claims; the learned check-worthiness score (issue 10) puts them below "
    "the 0.3 threshold chosen on real news (conflicts helper: compare value sentences below threshold?)",
)
def test_seed_translation_pair_flags_only_the_end_date(seeds: dict[str, str]) -> None:
    docs = seed_documents(seeds)
    found = compare(docs["003"], docs["002"])
    assert kinds(found) == ["cross_article_mismatch"]
    members = {m.document: m for m in found[0].members}
    assert members["003"].value["normalized"]["date"].endswith("-11-28")
    assert members["002"].value["normalized"]["date"].endswith("-11-30")
    assert "November 28" in members["003"].text and "30. November" in members["002"].text


@pytest.mark.xfail(
    strict=False,
    reason="needs the short seed sentences 'It will continue until November 28.' / 'Es wird bis zum 30. "
    "November fortgesetzt.' to be claims; the learned check-worthiness score (issue 10) puts them below "
    "the 0.3 threshold chosen on real news (conflicts helper: compare value sentences below threshold?)",
)
def test_seeds_together(seeds: dict[str, str]) -> None:
    docs = list(seed_documents(seeds).values())
    stats: dict = {}
    across = find_across(docs, stats=stats)
    assert stats["same_story_pairs"] == 1
    assert kinds(across) == ["cross_article_mismatch"]
    assert sorted(kinds(find_inconsistencies(docs))) == ["cross_article_mismatch", "date_outside_span"]


# --- properties ---------------------------------------------------------------------------------

_WORDS = ["the", "week", "opening", "ceremony", "was", "held", "will", "forum", "total", "of", "which", "since",
          "Shenzhen", "CCAE", "years", "factories", "green", "expo", "until", "Am", "wurde", "seit", "Jahre"]
_norms = st.one_of(
    st.builds(lambda d, p, i: {"date": d, "precision": p, **({"year_inferred": True} if i else {})},
              st.sampled_from(["2023-06-10", "2023-07", "2023", None, "2023-02-30", "garbage"]),
              st.sampled_from(["day", "month", "year"]), st.booleans()),
    st.builds(lambda s, e: {"start": s, "end": e, "precision": "day"},
              st.sampled_from(["2023-07-10", "2023-07-16", None]), st.sampled_from(["2023-07-16", "2023-07-01", "x"])),
    st.builds(lambda v, q: {"value": v, "unit": "factories", **({"qualifier": q} if q else {})},
              st.one_of(st.integers(-5, 10**7), st.floats(allow_nan=False, allow_infinity=False), st.none()),
              st.sampled_from([None, "about", "more_than", "less_than", "at_least", "at_most", "nearly"])),
    st.fixed_dictionaries({"value": st.integers(0, 50), "unit": st.sampled_from(["year", "month"])}),
    st.fixed_dictionaries({"rank": st.integers(1, 9), "of": st.integers(10, 200)}),
    st.fixed_dictionaries({"year": st.integers(2020, 2070), "target": st.sampled_from(["carbon peak", ""])}),
    st.just({}),
)
_TYPES = ["date", "date_range", "quantity", "duration", "rank", "year_target", "percent", "money"]


@st.composite
def documents(draw: st.DrawFn, doc_id: str) -> Document:
    sentences = []
    for _ in range(draw(st.integers(0, 5))):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))
        specs = []
        for k in range(draw(st.integers(0, 3))):
            norm = draw(_norms)
            kind = draw(st.sampled_from(_TYPES))  # any type with any form: nothing may raise
            words.append(f"V{k}x")
            specs.append((kind, f"V{k}x", norm))
        sentences.append((" ".join(words) + ".", specs))
    published = draw(st.one_of(st.none(), st.dates()))
    return build(doc_id, sentences, published=published, language=draw(st.sampled_from(["en", "de"])))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=4).flatmap(
    lambda ids: st.tuples(*(documents(f"d{i}") for i in range(len(ids))))))
def test_any_documents_give_well_formed_findings(docs: tuple[Document, ...]) -> None:
    found = find_inconsistencies(list(docs))
    by_id = {d.id: d for d in docs}
    assert len({f.key for f in found}) == len(found)
    for flag in found:
        assert flag.severity in ("low", "medium", "high")
        assert 0.0 <= flag.confidence <= 1.0
        assert flag.explanation and flag.members
        for member in flag.members:
            doc = by_id[member.document]
            assert any(c.start == member.claim_start and c.end == member.claim_end for c in doc.claims)
            assert member.claim_start <= member.start <= member.end <= member.claim_end
    assert [f.key for f in find_inconsistencies(list(docs))] == [f.key for f in found]


def test_seed_twins_through_the_engine(seeds: dict[str, str]) -> None:
    from claims.analysis import analyse

    def inside(text: str) -> list[str]:
        return kinds(find_inside(Document.from_analysis("x", analyse(text))))

    assert "for ten years" in seeds["003"] and "zehn Jahre lang" in seeds["002"]
    assert inside(seeds["003"].replace("for ten years", "for seven years")) == ["duration_mismatch"]
    assert inside(seeds["002"].replace("zehn Jahre lang", "sieben Jahre lang")) == ["duration_mismatch"]
    assert inside(seeds["004"].replace("On June 10th", "On July 10th")) == []
    # once the English says November 30 too, the pair agrees everywhere
    english = Document.from_analysis("003", analyse(seeds["003"].replace("until November 28", "until November 30")))
    german = Document.from_analysis("002", analyse(seeds["002"]))
    assert compare(english, german) == []


# --- one fact stated twice, matched by what it measures (facts.restated_facts) -------------------


def _analysed(text: str, language: str, published: date) -> Document:
    from claims.analysis import analyse

    return Document.from_analysis("a", analyse(text, published=published, language=language))


def test_a_months_rate_stated_twice_with_two_values_is_flagged_in_german() -> None:
    doc = _analysed(
        "Die Inflationsrate lag im Dezember 2023 bei 3,7 Prozent, teilte das Amt mit. "
        "Die Energiepreise stiegen kräftig. "
        "Im Dezember 2023 betrug die Inflationsrate 4,1 Prozent.",
        "de", date(2024, 1, 16))
    found = [f for f in find_inside(doc) if f.kind == "value_mismatch"]
    assert len(found) == 1
    assert "3.7%" in found[0].explanation and "4.1%" in found[0].explanation


def test_a_party_result_stated_twice_is_flagged_and_other_parties_are_not() -> None:
    doc = _analysed(
        "The Greens got 14.8 percent. The SPD got 8.4 percent. "
        "A second institute sees the SPD at 8.4, the Greens at 15.4 and the FDP at 2.9 percent.",
        "en", date(2023, 10, 9))
    found = [f for f in find_inside(doc) if f.kind == "value_mismatch"]
    assert [("14.8" in f.explanation, "15.4" in f.explanation) for f in found] == [(True, True)]


def test_months_of_one_change_and_a_running_toll_are_not_restatements() -> None:
    doc = _analysed(
        "Inflation stood at 3.2 percent in November. "
        "Inflation rose to 3.7 percent in December. "
        "The death toll climbed to 2,012 on Saturday. "
        "By Sunday the death toll had climbed to 2,122.",
        "en", date(2024, 1, 4))
    assert [f for f in find_inside(doc) if f.kind == "value_mismatch"] == []


def test_future_tense_for_a_period_just_ended_or_a_compared_date_is_not_flagged() -> None:
    english = _analysed(
        "Inflation is expected to reach 5.9 percent in 2023. "
        "Prices will rise faster than those recorded in December 2021, the institute said.",
        "en", date(2024, 1, 4))
    german = _analysed("Die Inflation soll im Dezember 2023 bei 3,7 Prozent liegen.", "de", date(2024, 1, 4))
    assert [f for f in find_inside(english) + find_inside(german) if f.kind == "tense_mismatch"] == []
    older = _analysed("The new bridge will open in March 2023, the city said.", "en", date(2024, 1, 4))
    assert [f.kind for f in find_inside(older)] == ["tense_mismatch"]
