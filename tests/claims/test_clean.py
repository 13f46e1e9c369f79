"""Furniture removal on the demo articles and on small constructed pages."""
from __future__ import annotations

import pytest

from claims.clean import clean, furniture_reason, site_furniture, strip_dateline

FURNITURE_000 = [
    "Biz / Economy",
    "Shen Mengdan",
    "21:24 UTC+8",
    "CFP",
    "Source: SHINE",
    "Editor: Yang Meiping",
    "EXPLORE SHINE",
    "Special Reports",
    "Art & Culture",
    "Follow Us",
    "About Us",
    "Privacy Policy",
    "沪ICP证",
    "Copyright 2020",
    "Hotline",
    "沪公网安备",
    "breaking news in China",
]


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_seed_000_furniture_is_gone_and_article_kept(seeds: dict[str, str]) -> None:
    cleaned = clean(seeds["000"])
    body = _norm(cleaned.body)
    for junk in FURNITURE_000:
        assert _norm(junk) not in body, junk
    assert "Gree" not in cleaned.body.split()
    assert "Opinion" not in cleaned.body.split()
    assert "carbon peak by 2030 and carbon neutrality by 2060" in cleaned.body
    assert cleaned.body.rstrip().endswith("in March 2024.")
    # The repeated headline (photo caption) and repeated byline survive only once.
    assert cleaned.body.count("Carbon neutrality expo to showcase related topics and products") == 1
    assert cleaned.title == "Carbon neutrality expo to showcase related topics and products"


def test_seed_004_updated_line_removed(seeds: dict[str, str]) -> None:
    cleaned = clean(seeds["004"])
    assert "Updated:" not in cleaned.body
    assert "english.sheitc.gov.cn" not in cleaned.body
    assert cleaned.title is not None and cleaned.title.startswith('"You and I Work Together')
    assert "from July 10th to 16th" in cleaned.body


def test_seed_001_inline_photo_credit_cut(seeds: dict[str, str]) -> None:
    cleaned = clean(seeds["001"])
    assert "[Photo/WeChat account: pdnews]" not in cleaned.body
    assert cleaned.body.endswith("on July 19.")
    assert cleaned.title == "Inaugural green low-carbon industry development conference unveils in Pudong"


@pytest.mark.parametrize(
    ("seed", "dateline"),
    [("002", "SHENZHEN, China, 28. November 2023 /PRNewswire/ --"), ("003", "(GLOBE NEWSWIRE) --")],
)
def test_datelines_cut_from_body(seeds: dict[str, str], seed: str, dateline: str) -> None:
    cleaned = clean(seeds[seed])
    assert dateline not in cleaned.body
    assert "date 2023-11-28" not in cleaned.body
    first_paragraph = cleaned.body.split("\n\n")[1 if seed == "002" else 0]
    assert first_paragraph.startswith(("Am 26. November", "On November 26"))


def test_runs_slice_body_from_raw(seeds: dict[str, str]) -> None:
    for raw in seeds.values():
        cleaned = clean(raw)
        assert cleaned.runs, "a non-empty article keeps text"
        last = -1
        for body_start, raw_start, length in cleaned.runs:
            assert cleaned.body[body_start : body_start + length] == raw[raw_start : raw_start + length]
            assert raw_start > last
            last = raw_start


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Copyright 2019 © Shanghai Daily All Rights Reserved.", "copyright"),
        ("沪公网安备 31010602001940号", "licence"),
        ("Hotline: 8621-52920043", "hotline"),
        ("21:24 UTC+8, 2024-05-21       0", "timestamp"),
        ("Updated: Jul 11,2023 10:52 AM english.sheitc.gov.cn", "timestamp"),
        ("Source: SHINE   Editor: Yang Meiping", "credit"),
        ("[Photo/WeChat account: pdnews]", "credit"),
        ("CFP", "credit"),
        ("News / Biz / Video / Opinion", "navigation"),
        ("About Us  |  Contact Us  |  Feedback", "navigation"),
        ("Follow Us", "navigation"),
        ("www.example.com/news", "url"),
        ("By Zhang San and Li Si", "byline"),
        ("Von Max Mustermann", "byline"),
        ("Published on 11 July 2023", "timestamp"),
        ("Tags: carbon, expo, Shanghai", "credit"),
    ],
)
def test_furniture_reasons(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "China ranks fifth globally among 197 countries.",
        "The forum will continue until November 28.",
        "Source of growth: exports rose 5 percent in 2023, the ministry said in a long statement today.",
        "By 2030 China aims to peak its carbon emissions.",
        "Published figures show 300 companies took part.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


def test_dateline_forms() -> None:
    text = "BEIJING, Nov 28 (Xinhua) -- China said on Tuesday that exports rose."
    cut = strip_dateline(text)
    assert text[cut:] == "China said on Tuesday that exports rose."
    assert strip_dateline("The (UN) report -- released today -- says so.") == 0


def test_menu_run_in_middle_removed_but_subheading_kept() -> None:
    raw = (
        "Expo draws record crowds in Shanghai this week\n\n"
        "More than 600 companies attended the expo, organisers said on Monday.\n\n"
        "Background\n\n"
        "The first edition was held in 2021 with 200 exhibitors in total.\n\n"
        "News\nSport\nVideo\nOpinion\n\n"
        "The second edition doubled that number, according to the organisers.\n"
    )
    cleaned = clean(raw)
    assert "Background" in cleaned.body
    for item in ("Sport", "Video", "Opinion"):
        assert item not in cleaned.body
    assert cleaned.title == "Expo draws record crowds in Shanghai this week"


def test_empty_and_blank_inputs() -> None:
    assert clean("").body == ""
    assert clean("\n \n\t\n").body == ""
    assert clean("").runs == ()


def test_dateline_alone_on_its_line() -> None:
    raw = (
        "Forum opens in Shenzhen with guests from 60 countries\n\n"
        "SHENZHEN, China, 28. November 2023 /PRNewswire/ --\n"
        "Am 26. November wurde das Forum eröffnet."
    )
    cleaned = clean(raw)
    assert "PRNewswire" not in cleaned.body
    assert cleaned.body.endswith("\n\nAm 26. November wurde das Forum eröffnet.")


# --- general furniture forms (issue 10: no outlet-specific rules) --------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("dpa", "credit"),
        ("Max Muster/AFP", "credit"),
        ("Example Images", "credit"),
        ("Courtesy of the city museum", "credit"),
        ("Read also: Prices fall for the third month", "link list"),
        ("Lesen Sie auch: Die Preise sinken weiter", "link list"),
        ("Mehr zum Thema", "link list"),
        ("Skip to main content", "navigation"),
    ],
)
def test_general_furniture_forms(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


def test_lines_repeating_across_a_sites_pages_are_dropped() -> None:
    footer = "Our newsroom works independently of any party or company since the year of its founding"
    pages = [f"Headline number {i}\n\nThe council approved a budget of {i} million euros on Monday.\n\n{footer}"
             for i in range(3)]
    site = site_furniture(pages)
    assert footer in site and not any("council" in line for line in site)
    cleaned = clean(pages[0], site_lines=site)
    assert footer not in cleaned.body and "budget of 0 million" in cleaned.body
    assert any(r.reason == "repeated on the site" for r in cleaned.removed)
    assert footer in clean(pages[0]).body  # one page alone keeps it: it reads like prose
