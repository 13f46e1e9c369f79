"""Direction of a change, kept in the normalised form: "up 12 percent", "fell 4.9%", "+5,9 %", "stieg um 3 %".

A value right after a verb or word of change gets "change": "up" | "down"; in "from X to Y" / "von X auf Y"
X gets "change_role": "from" and Y gets "change_role": "to" with "from": X (ranges are left alone).
The word lists are plain English and German verbs of rising and falling (no source beyond the grammar).
"""
from __future__ import annotations

import re

_UP = (r"up|rose|rise|rises|risen|rising|increased|increase|increases|grew|grow|grows|gained|gains|gain|climbed"
       r"|climbs|jumped|jumps|surged|surges|soared|soars|added|adds|higher|plus|stieg|stiegen|steigt|gestiegen"
       r"|erhöhten|erhöhte|erhöht|legte|legten|gewann|gewannen|gewinnt|Plus|Zuwachs|Anstieg")
_DOWN = (r"down|fell|fall|falls|fallen|falling|dropped|drops|drop|declined|declines|decline|decreased|decrease"
         r"|decreases|lost|loses|lose|slid|slides|plunged|plunges|plummeted|sank|sink|shed|sheds|lower|minus"
         r"|sank|sanken|sinkt|gesunken|fiel|fielen|verlor|verloren|verliert|Minus|Rückgang")
_CHANGE_BEFORE = re.compile(
    rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\s+(?:(?i:by|um|of|von|nearly|almost|about|some|rund|fast|knapp|etwa"
    rf"|more\s+than|über)\s+){{0,2}}$"
)
# German puts the verb last: "um 2 Prozentpunkte gestiegen", "um 3 % zurückgegangen".
_UM_BEFORE = re.compile(r"(?i:\bum\s+(?:(?:rund|knapp|fast|etwa|gut|mehr\s+als)\s+)?)$")
_DE_VERB_AFTER = re.compile(r"\s+(?:[a-zäöüß]+\s+){0,2}?(?:(?P<up>gestiegen|angestiegen|gewachsen|zugelegt|erhöht)"
                            r"|(?P<down>gesunken|gefallen|zurückgegangen|verloren|gesenkt))\b")
_FROM_BEFORE = re.compile(r"(?i:\b(?:from|von)\s+)$")
_TO_BEFORE = re.compile(r"(?i:\b(?:to|auf)\s+(?:(?:just|only|nur|about|around|rund|knapp|fast)\s+)?)$")
_CHANGE_TYPES = frozenset({"percent", "quantity", "money"})


def mark_changes(text: str, chosen: list[tuple[int, int, int, str, dict]]) -> None:
    """Add change keys to the chosen amounts (in position order), in place."""
    pending: dict | None = None  # an amount after "from"/"von", waiting for its "to"/"auf" partner
    for _, start, end, vtype, norm in chosen:
        if vtype == "date" and norm.get("precision") == "time":
            continue  # "from $36,040 at 10.45pm to $34,935 at 5am": a time of day does not break the pair
        if vtype not in _CHANGE_TYPES or "value_max" in norm:
            pending = None
            continue
        before = text[max(0, start - 40):start]
        m = _CHANGE_BEFORE.search(before)
        if m and "change" not in norm:
            norm["change"] = "up" if m.group("up") else "down"
        elif "change" not in norm and _UM_BEFORE.search(before):
            after = _DE_VERB_AFTER.match(text, end, min(len(text), end + 40))
            if after:
                norm["change"] = "up" if after.group("up") else "down"
        if pending is not None and _TO_BEFORE.search(before):
            pending["change_role"] = "from"
            norm["change_role"] = "to"
            if "value" in pending:
                norm["from"] = pending["value"]
            pending = None
        elif _FROM_BEFORE.search(before):
            pending = norm
        else:
            pending = None


# "increased by $43.6 billion to $419.2 billion": the change and the new level, not a range.
_BY_BEFORE = re.compile(r"(?i:\b(?:by|um)\s+(?:(?:about|around|some|nearly|almost|rund|etwa|knapp)\s+)?)$")
_RANGE_JOIN = re.compile(r"\s*(?:to|bis|[-–])\s*$")


def join_ranges(text: str, chosen: list[tuple[int, int, int, str, dict]]) -> list[tuple[int, int, int, str, dict]]:
    """"$3 billion to $5 billion", "1 per cent to 1.5 per cent": two amounts of one kind joined by "to" (not
    after "from", which is a change) are one range {"value", "value_max"}."""
    out: list[tuple[int, int, int, str, dict]] = []
    for cand in chosen:
        if out:
            prio, s1, e1, t1, n1 = out[-1]
            _, s2, e2, t2, n2 = cand
            if (t1 == t2 and t1 in _CHANGE_TYPES and "value_max" not in n1 and "value_max" not in n2
                    and n1.get("currency") == n2.get("currency") and n1.get("unit") == n2.get("unit")
                    and isinstance(n1.get("value"), int | float) and isinstance(n2.get("value"), int | float)
                    and n1["value"] < n2["value"] and _RANGE_JOIN.fullmatch(text[e1:s2])
                    and not _FROM_BEFORE.search(text[max(0, s1 - 12):s1])
                    and not _BY_BEFORE.search(text[max(0, s1 - 12):s1])
                    and "change_role" not in n1):
                merged = {**n1, "value_max": n2["value"]}
                out[-1] = (prio, s1, e2, t1, merged)
                continue
        out.append(cand)
    return out
