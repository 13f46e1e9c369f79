"""Typed values as a reader would say them: "10 July 2023, year inferred" rather than JSON."""
from __future__ import annotations

from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def _date(raw) -> str:
    parts = str(raw).split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"  # a month without a day
    try:
        d = date.fromisoformat(str(raw))
    except ValueError:
        return str(raw)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def readable_value(value_type: str, normalized: dict) -> str:
    """One line for a claim value's normalised form; unknown shapes fall back to key: value pairs."""
    n = normalized or {}
    if "date" in n and n["date"] is None:  # a time of day or a weekday the text does not date
        parts = [str(n["weekday"]).capitalize()] if n.get("weekday") else []
        parts += [f"at {n['time']}"] if n.get("time") else []
        main = " ".join(parts) or "a date the text does not give"
        inferred = ", date not given" if n.get("time") else ""
        return main + inferred
    if "date" in n:
        main = _date(n["date"])
        if n.get("time"):
            main += f", {n['time']}"
    elif "start" in n and "end" in n:
        main = f"{_date(n['start'])} to {_date(n['end'])}"
    elif "rank" in n:
        main = f"rank {n['rank']}" + (f" of {_number(n['of'])}" if n.get("of") else "")
    elif "year" in n and value_type == "year_target":
        main = f"by {n['year']}"
    elif "value" in n:
        unit = str(n.get("unit") or n.get("currency") or "")
        sep = "" if unit in ("%", "") else " "
        main = f"{_number(n['value'])}{sep}{unit}"
    else:
        shown = {k: v for k, v in n.items() if k not in ("year_inferred", "qualifier")}
        main = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in shown.items()) or "—"
    if n.get("qualifier"):
        main = f"{str(n['qualifier']).replace('_', ' ')} {main}"
    return main + (", year inferred" if n.get("year_inferred") else "")
