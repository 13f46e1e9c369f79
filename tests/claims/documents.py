"""Hand-built engine documents for the conflict tests: claims with typed values, without running
the extractor, so a test states exactly what the engine is given (shared by the claims tests)."""
from __future__ import annotations

from datetime import date

from claims.conflicts import Document
from claims.detect import Claim
from claims.values import Value

# A value spec: (type, surface text found in the sentence, normalized dict)
ValueSpec = tuple[str, str, dict]


def build(
    doc_id: str,
    sentences: list[tuple[str, list[ValueSpec]]],
    *,
    published: date | None = None,
    language: str = "en",
) -> Document:
    """A Document whose body is the sentences joined by spaces, every offset consistent."""
    claims = []
    offset = 0
    for text, specs in sentences:
        values = []
        cursor = 0
        for value_type, surface, normalized in specs:
            at = text.index(surface, cursor)
            cursor = at + len(surface)
            values.append(Value(value_type, surface, offset + at, offset + at + len(surface), normalized))
        claims.append(Claim(text, offset, offset + len(text), True, "statistic", 0.9, (), tuple(values)))
        offset += len(text) + 1
    return Document(doc_id, published, language, tuple(claims), length=max(offset - 1, 0))


def day(iso: str, **extra: object) -> dict:
    return {"date": iso, "precision": "day", **extra}


def count(value: float, unit: str, unit_key: str | None = None, **extra: object) -> dict:
    norm: dict = {"value": value, "unit": unit, **extra}
    if unit_key:
        norm["unit_key"] = unit_key
    return norm


# --- seed-shaped documents ----------------------------------------------------------------------

PUBLISHED_004 = date(2023, 7, 11)


def week_doc(opening: str = "June 10th", opening_iso: str = "2023-06-10") -> Document:
    return build(
        "004",
        [
            (
                "Shanghai held the Energy Conservation Publicity Week in 2023 with the theme of "
                '"You and I Work Together" from July 10th to 16th.',
                [
                    ("date", "2023", {"date": "2023", "precision": "year"}),
                    ("date_range", "from July 10th to 16th",
                     {"start": "2023-07-10", "end": "2023-07-16", "precision": "day", "year_inferred": True}),
                ],
            ),
            (
                f"On {opening}, the opening ceremony of Publicity Week and the Green and Low Carbon "
                "Industry Promotion Conference were held in Aimujia Yiyuan.",
                [("date", opening, day(opening_iso, year_inferred=True))],
            ),
            (
                "Shanghai Municipal Commission of Economy and Informatization released a list of 35 carbon "
                "management pilot projects.",
                [("quantity", "35 carbon management pilot projects", count(35, "projects"))],
            ),
        ],
        published=PUBLISHED_004,
    )


def english_003(until: str = "November 28", until_iso: str = "2023-11-28") -> Document:
    published = date(2023, 11, 28)
    return build(
        "003",
        [
            (
                "On November 26, the 2023 Carbon Peak and Carbon Neutrality Forum and Shenzhen International "
                "Low Carbon City Forum kicked off in Shenzhen.",
                [("date", "November 26", day("2023-11-26", year_inferred=True))],
            ),
            (
                "The forum is sponsored by the Shenzhen Municipal People's Government and co-organized by the "
                "Development and Reform Commission of Shenzhen Municipality and the Longgang District "
                "People's Government.",
                [],
            ),
            (
                f"It will continue until {until}.",
                [("date", f"until {until}", day(until_iso, year_inferred=True, relation="until"))],
            ),
            (
                "The opening ceremony features the release of Shenzhen's 2023 Annual Report on Green and "
                "Low-Carbon Development, covering eight areas.",
                [("quantity", "eight areas", count(8, "areas"))],
            ),
            (
                "Concurrently, the 2023 China International Green and Low-carbon Industrial Expo (CCAE 2023) "
                "is held.",
                [],
            ),
            (
                "A total of 168 well-known enterprises in the industry at home and abroad, including Huawei, "
                "BYD, Contemporary Amperex Technology Co., Limited (CATL), Sika (China) Ltd. and Siemens "
                "China, showcase their innovative achievements.",
                [("quantity", "168 well-known enterprises", count(168, "enterprises", "company"))],
            ),
            (
                "Since its inception in 2013, the Shenzhen International Low Carbon City Forum has been "
                "successfully held for ten years, attracting tens of thousands of guests from more than 60 "
                "countries and regions worldwide.",
                [
                    ("date", "in 2013", {"date": "2013", "precision": "year"}),
                    ("duration", "for ten years", {"value": 10, "unit": "year"}),
                    ("quantity", "tens of thousands of guests",
                     count(10000, "guests", "guest", qualifier="at_least", approximate=True)),
                    ("quantity", "more than 60 countries", count(60, "countries", "country", qualifier="more_than")),
                ],
            ),
        ],
        published=published,
    )


def german_002(until: str = "30. November", until_iso: str = "2023-11-30") -> Document:
    published = date(2023, 11, 28)
    return build(
        "002",
        [
            (
                "Am 26. November wurden das Carbon Peak and Carbon Neutrality Forum 2023 und das Shenzhen "
                "International Low Carbon City Forum in Shenzhen eröffnet.",
                [("date", "Am 26. November", day("2023-11-26", year_inferred=True))],
            ),
            (
                "Das Forum wird von der Volksregierung der Stadt Shenzhen gesponsert und von der Entwicklungs- "
                "und Reformkommission der Stadt Shenzhen gemeinsam organisiert.",
                [],
            ),
            (
                f"Es wird bis zum {until} fortgesetzt.",
                [("date", f"bis zum {until}", day(until_iso, year_inferred=True, relation="until"))],
            ),
            (
                "Die Eröffnungszeremonie umfasst die Veröffentlichung des Jahresberichts 2023 von Shenzhen "
                "zur grünen und kohlenstoffarmen Entwicklung in acht Bereichen.",
                [("quantity", "acht Bereichen", count(8, "Bereichen"))],
            ),
            (
                "Parallel dazu findet die 2023 China International Green and Low-carbon Industrial Expo "
                "(CCAE 2023) statt.",
                [],
            ),
            (
                "Insgesamt 168 namhafte Unternehmen der Branche aus dem In- und Ausland, darunter Huawei, BYD, "
                "Contemporary Amperex Technology Co., Limited (CATL), Sika (China) Ltd. und Siemens China, "
                "präsentieren ihre innovativen Errungenschaften.",
                [("quantity", "168 namhafte Unternehmen", count(168, "Unternehmen", "company"))],
            ),
            (
                "Seit seiner Gründung im Jahr 2013 hat das Shenzhen International Low Carbon City Forum zehn "
                "Jahre lang erfolgreich stattgefunden und Zehntausende von Gästen aus mehr als 60 Ländern "
                "und Regionen weltweit angezogen.",
                [
                    ("date", "im Jahr 2013", {"date": "2013", "precision": "year"}),
                    ("duration", "zehn Jahre lang", {"value": 10, "unit": "year"}),
                    ("quantity", "Zehntausende von Gästen",
                     count(10000, "Gästen", "guest", qualifier="at_least", approximate=True)),
                    ("quantity", "mehr als 60 Ländern", count(60, "Ländern", "country", qualifier="more_than")),
                ],
            ),
        ],
        published=published,
        language="de",
    )


# --- data model ---------------------------------------------------------------------------------
