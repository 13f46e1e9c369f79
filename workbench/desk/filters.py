"""Queue filters read from the URL, so a filtered queue can be bookmarked and shared."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from workbench.review.models import VALUE_TYPES
from workbench.review.states import state_code


class FilterError(ValueError):
    """A filter value in the URL that cannot be used, with a message for the page."""


@dataclass(frozen=True, slots=True)
class ClaimFilters:
    article: int | None = None
    story: int | None = None  # an article id: claims of the articles on that article's story
    status: str | None = None
    verdict: str | None = None
    kind: str | None = None
    value_type: str | None = None
    assignee: int | None = None  # 0 means "nobody"
    since: date | None = None
    until: date | None = None

    def as_args(self) -> dict[str, str]:
        """The filters as URL arguments (what the page links carry along)."""
        args = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            args[f.name] = value.isoformat() if isinstance(value, date) else str(value)
        return args

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))


def _int(args, name: str) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise FilterError(f"{name} must be a number (got {raw[:40]!r})")
    return int(raw)


def _date(args, name: str) -> date | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FilterError(f"{name} must be a date as YYYY-MM-DD (got {raw[:40]!r})") from None


def parse_filters(args) -> ClaimFilters:
    """Filters from request arguments; FilterError on a value that cannot mean anything."""
    status = (args.get("status") or "").strip() or None
    if status is not None:
        code = state_code(status)
        if code is None:
            raise FilterError(f"unknown state {status[:40]!r}")
        status = code
    value_type = (args.get("value_type") or "").strip() or None
    if value_type is not None and value_type not in VALUE_TYPES:
        raise FilterError(f"unknown value type {value_type[:40]!r}")
    return ClaimFilters(
        article=_int(args, "article"), story=_int(args, "story"), status=status,
        verdict=(args.get("verdict") or "").strip()[:100] or None,
        kind=(args.get("kind") or "").strip()[:40] or None,
        value_type=value_type, assignee=_int(args, "assignee"),
        since=_date(args, "since"), until=_date(args, "until"),
    )
