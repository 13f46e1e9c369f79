"""Publication date of an article, read from its header, timestamp or dateline forms."""
from __future__ import annotations

import re
from datetime import date

from claims.calendar import MONTH_NUMBERS

# Month names of the languages we meet in datelines (one table for the whole engine).
MONTHS = MONTH_NUMBERS
MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# Only the head of the raw text is searched: publication dates live in headers and datelines,
# and a date deep in the body is an event date, not the publication date.
HEAD_CHARS = 3000

_ISO = r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
_MDY = rf"(?P<mon>{MONTH_ALT})\.?\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*,\s*(?P<y>(?:19|20)\d\d)"
_DMY = rf"(?P<d>[0-3]?\d)\.?\s+(?P<mon>{MONTH_ALT})\.?,?\s+(?P<y>(?:19|20)\d\d)"
_DOTTED = r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)"

_LABEL = (
    r"(?:updated|published|posted|last\s+updated|date|dated|released|"
    r"aktualisiert|veröffentlicht|datum|stand)"
)
_WIRE = r"(?:/\s*[A-Z][\w\- ]{1,30}/|\(\s*[A-Z][A-Za-z&.\- ]{1,30}\))\s*(?:--|—|–)"

# Ordered by how much each form can be trusted to be the publication date.
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE | re.MULTILINE)
    for p in (
        rf"^\W*{_LABEL}\s*:?\s*{_ISO}",
        rf"^\W*{_LABEL}\s*:?\s*{_MDY}",
        rf"^\W*{_LABEL}\s*:?\s*{_DMY}",
        rf"^\W*{_LABEL}\s*:?\s*{_DOTTED}",
        rf"^\s*\d{{1,2}}:\d\d(?:\s*(?:UTC|GMT)\s*[+-]?\d{{0,2}})?\s*,?\s*{_ISO}",
        rf"^\s*{_ISO}[ T]\d{{1,2}}:\d\d",
    )
)
# Wire datelines are found by their marker first ("/Wire Service/ --", "(NEWS AGENCY) --"); the
# date patterns then only look at the few characters before it, which keeps this cheap.
_WIRE_MARK = re.compile(_WIRE)
_WIRE_DATES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rf"{p}\s*$", re.IGNORECASE) for p in (_MDY, _DMY)
)


def _to_date(m: re.Match[str]) -> date | None:
    groups = m.groupdict()
    try:
        year = int(groups["y"])
        month = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
        return date(year, month, int(groups["d"]))
    except (ValueError, KeyError):
        return None


def detect_published(raw: str) -> date | None:
    """The publication date stated in the header or dateline of `raw`, or None."""
    head = raw[:HEAD_CHARS]
    for pattern in _PATTERNS:
        for m in pattern.finditer(head):
            found = _to_date(m)
            if found is not None:
                return found
    for mark in _WIRE_MARK.finditer(head):
        before = head[max(0, mark.start() - 60) : mark.start()]
        for pattern in _WIRE_DATES:
            m = pattern.search(before)
            if m and (found := _to_date(m)) is not None:
                return found
    return None


def parse_iso_date(text: str) -> date:
    """Parse a strict YYYY-MM-DD date; raise ValueError with a readable message otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {text!r}")
    return date.fromisoformat(text.strip())
