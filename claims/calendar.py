"""Month names (English and German) and calendar arithmetic for resolving partial dates."""
from __future__ import annotations

from datetime import date, timedelta

MONTH_NUMBERS: dict[str, int] = {
    "january": 1, "jan": 1, "januar": 1, "jänner": 1, "jän": 1,
    "february": 2, "feb": 2, "februar": 2, "febr": 2,
    "march": 3, "mar": 3, "märz": 3, "mär": 3, "maerz": 3,
    "april": 4, "apr": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juni": 6,
    "july": 7, "jul": 7, "juli": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12, "dezember": 12, "dez": 12,
}

# Capitalised month names as they are written; abbreviations may carry a full stop.
# Case-sensitive on purpose: "may" the verb and "march" the verb must not become months.
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember"
    r"|(?:Jan|Feb|Febr|Mar|Mär|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Okt|Nov|Dec|Dez)\.?"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
    r"(?![^\W\d_])"
)

# How far after publication a year-less date may fall before we assume it meant the previous
# year: about eight months (articles announce upcoming events, but rarely that far ahead).
FUTURE_WINDOW = timedelta(days=243)


def month_number(name: str) -> int | None:
    """Month number of an English or German month name or abbreviation."""
    return MONTH_NUMBERS.get(name.lower().rstrip("."))


def valid_date(year: int, month: int, day: int) -> date | None:
    """The date if it exists in the calendar, else None."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, published: date) -> int:
    """Year of a year-less day/month, read against the publication date."""
    year = published.year
    # 29 February is checked against a leap year so that it does not vanish.
    candidate = valid_date(year, month, day) or valid_date(year, month, min(day, 28))
    # Subtracting (not adding to `published`) cannot overflow at the ends of the calendar.
    if candidate is not None and candidate - published > FUTURE_WINDOW and year > 1:
        year -= 1
    return year
