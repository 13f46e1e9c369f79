"""Story keys, the same-story score and candidate pairs from the inverted index."""
from __future__ import annotations

from datetime import date

from claims.conflicts import Document
from claims.stories import (
    SAME_STORY_THRESHOLD,
    candidate_pairs,
    is_hard_key,
    name_tokens,
    same_story,
    score_shared,
    story_keys,
)
from tests.claims.documents import build, count, day, english_003, german_002, week_doc


def test_keys_survive_translation() -> None:
    en, de = story_keys(english_003()), story_keys(german_002())
    shared = en & de
    for key in ("d:2023-11-26", "n:168", "a:CCAE", "a:BYD", "a:CATL", "w:shenzhen", "w:huawei", "w:siemens",
                "y:2013"):
        assert key in shared, key
    assert "d:2023-11-28" in en and "d:2023-11-30" in de


def test_german_common_nouns_and_generic_words_are_not_names() -> None:
    keys = name_tokens(
        "Insgesamt 168 namhafte Unternehmen der Branche präsentieren ihre Errungenschaften in der "
        "Entwicklung, darunter Huawei und das International Low Carbon City Forum.",
        "de",
    )
    assert "w:huawei" in keys
    for noise in ("w:unternehmen", "w:errungenschaften", "w:entwicklung", "w:international", "w:carbon",
                  "w:forum", "w:insgesamt"):
        assert noise not in keys, noise


def test_small_counts_are_not_story_evidence_but_large_ones_are() -> None:
    doc = build("x", [("Three parks and 300,000 tons and 40 countries.",
                       [("quantity", "Three parks", count(3, "parks")),
                        ("quantity", "300,000 tons", count(300000, "tons", "t")),
                        ("quantity", "40 countries", count(40, "countries", "country"))])])
    keys = story_keys(doc)
    assert "n~:300000" in keys and "n~:40" in keys
    assert not any(k.endswith(":3") for k in keys)


def test_translation_is_the_same_story_and_unrelated_articles_are_not() -> None:
    en, de, week = english_003(), german_002(), week_doc()
    assert same_story(en, de) >= 0.9
    assert same_story(en, week) < SAME_STORY_THRESHOLD
    assert same_story(de, week) < SAME_STORY_THRESHOLD
    assert same_story(en, en) == 1.0


def test_names_alone_do_not_make_a_story() -> None:
    a = build("a", [("Huawei and BYD met Siemens in Shenzhen on the CATL stand.", [])])
    b = build("b", [("Huawei, BYD, Siemens and CATL opened offices in Shenzhen.", [])])
    assert same_story(a, b) < SAME_STORY_THRESHOLD


def test_one_shared_date_needs_many_names() -> None:
    def doc(doc_id: str, text: str) -> Document:
        return build(doc_id, [(text, [("date", "May 3", day("2024-05-03"))])])

    few = doc("a", "Officials met in Shenzhen on May 3."), doc("b", "A fair opened in Shenzhen on May 3.")
    assert same_story(*few) < SAME_STORY_THRESHOLD
    many = (doc("c", "Bosch, Huawei and BYD met Siemens and Sika in Shenzhen on the CATL stand on May 3."),
            doc("d", "Bosch, Huawei, BYD, Sika, Siemens and CATL opened offices in Shenzhen on May 3."))
    assert same_story(*many) >= SAME_STORY_THRESHOLD


def test_round_and_two_digit_figures_are_weak_evidence() -> None:
    doc = build("x", [("About 60 countries, 300,000 tons, 168 firms and 1,250,000 visitors.",
                       [("quantity", "60 countries", count(60, "countries", "country")),
                        ("quantity", "300,000 tons", count(300000, "tons", "t")),
                        ("quantity", "168 firms", count(168, "firms", "company")),
                        ("quantity", "1,250,000 visitors", count(1250000, "visitors"))])])
    keys = {k for k in story_keys(doc) if k.startswith("n")}
    assert keys == {"n~:60", "n~:300000", "n:168", "n:1250000"}


def test_publication_gap_lowers_the_score() -> None:
    shared = ["d:2023-11-26", "n:168", "a:CCAE"]
    near = score_shared(shared, date(2023, 11, 28), date(2023, 11, 29))
    far = score_shared(shared, date(2023, 11, 28), date(2024, 11, 28))
    assert near >= SAME_STORY_THRESHOLD > far


def test_candidate_pairs_skip_common_keys() -> None:
    keys = [frozenset({"w:shanghai", f"d:2024-01-{i + 1:02d}", f"n:{1000 + i}"}) for i in range(30)]
    keys.append(frozenset({"w:shanghai", "d:2024-01-05", "n:1004"}))  # the twin of document 4
    pairs, df = candidate_pairs(keys, df_cap=10)
    assert df["w:shanghai"] == 31
    assert pairs == {(4, 30)}


def test_a_common_date_meets_its_twin_through_an_uncommon_name() -> None:
    # twenty articles of one day; two of them name the same forum
    keys = [frozenset({"d:2024-01-05", f"w:town{i}"}) for i in range(20)]
    keys[3] = keys[3] | {"w:kalozen", "a:CCAE"}
    keys[17] = keys[17] | {"w:kalozen", "a:CCAE"}
    pairs, df = candidate_pairs(keys, df_cap=10)
    assert pairs == {(3, 17)}
    shared = keys[3] & keys[17]
    # the common date counts in full beside the rare names; without them it is near worthless
    assert score_shared(shared, None, None, df=df, df_cap=10) > score_shared(
        {"d:2024-01-05", "w:town1"}, None, None, df={"d:2024-01-05": 20, "w:town1": 2}, df_cap=10)


def test_common_keys_weigh_little() -> None:
    shared = {"d:2023-11-26", "n:168", "w:shanghai", "w:pudong", "a:CCAE"}
    rare = score_shared(shared, None, None, df={k: 2 for k in shared}, df_cap=10)
    common = score_shared(shared, None, None, df={**{k: 2 for k in shared}, "w:shanghai": 5000,
                                                   "w:pudong": 900, "a:CCAE": 400}, df_cap=10)
    assert rare >= SAME_STORY_THRESHOLD > common


def test_names_and_years_alone_do_not_make_candidates() -> None:
    keys = [frozenset({"y:2023", "w:pudong", "a:CCAE"}), frozenset({"y:2023", "w:pudong", "a:CCAE"})]
    pairs, _ = candidate_pairs(keys)
    assert pairs == set()
    # which is safe: the best names-only score stays below the threshold
    assert score_shared([f"a:X{i}" for i in range(100)], None, None) < SAME_STORY_THRESHOLD


def test_documents_without_claims_have_no_keys() -> None:
    assert story_keys(Document("e", None, "en", ())) == frozenset()


def test_seed_press_release_and_translation_are_one_story(seeds: dict[str, str]) -> None:
    from claims.analysis import analyse

    docs = {n: Document.from_analysis(n, analyse(text)) for n, text in seeds.items()}
    keys = story_keys(docs["002"]) & story_keys(docs["003"])
    assert {"d:2023-11-26", "n:168", "a:CCAE", "a:BYD", "w:shenzhen", "w:huawei"} <= keys
    assert same_story(docs["002"], docs["003"]) >= SAME_STORY_THRESHOLD
    numbers = sorted(docs)
    for x, a in enumerate(numbers):
        for b in numbers[x + 1 :]:
            if {a, b} != {"002", "003"}:
                assert same_story(docs[a], docs[b]) < SAME_STORY_THRESHOLD / 2, (a, b)


def test_acronyms_and_possessives() -> None:
    keys = name_tokens("China's CN100 alliance, BYD's cars, the UN’s office and (CCAE) in Shenzhen’s Expo.", "en")
    assert keys == {"a:CN100", "a:BYD", "a:UN", "a:CCAE", "w:shenzhen"}


def test_dates_and_numbers_without_a_shared_name_are_a_coincidence() -> None:
    shared = ["d:2021-03-08", "d:2021-03-14", "n:117", "n:352"]
    assert score_shared(shared, None, None) < SAME_STORY_THRESHOLD
    assert score_shared([*shared, "w:dukedumi"], None, None) >= SAME_STORY_THRESHOLD


def test_hard_keys_are_dates_numbers_and_rankings() -> None:
    assert [is_hard_key(k) for k in ("d:2023-11-26", "n:168", "r:5/197", "n~:60", "y:2013", "w:shenzhen",
                                     "a:CCAE", "m:2024-06")] == [True, True, True, False, False, False, False, False]


def test_a_loner_joins_the_story_of_its_best_weaker_match_without_merging_stories() -> None:
    from claims.stories import attach_loners, group_stories

    strong = {(0, 1): 0.9, (2, 3): 0.8}
    weak = {(1, 4): 0.4, (3, 4): 0.36, (1, 2): 0.45, (4, 5): 0.2}
    pairs = attach_loners(strong, weak)
    # 4 joins the story of 1 (its best weak match); 1-2 links two stories and is ignored; 5 stays out
    assert pairs == {(0, 1): 0.9, (2, 3): 0.8, (1, 4): 0.4}
    assert group_stories(6, pairs) == [[0, 1, 4], [2, 3]]
