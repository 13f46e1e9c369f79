"""Value extraction on NewsQuant (development half): value F1 and value+unit F1.

Reads ../shared/datasets/values/newsquant_dev.json (never committed; see its README). Each sentence
is run through `claims.values.extract_values`; quantities, percentages, money and durations are the
engine's quantities (dates, ranks and year targets are not, and NewsQuant does not annotate dates).

Matching, per sentence, greedy one-to-one:
- value: the engine's number (and `value_max` for a range) equals the gold value (or both ends of a
  gold range "a-b"), relative tolerance 1e-6;
- an engine "from X to Y" pair (change_role from/to) counts as the range X-Y, which is how NewsQuant
  annotates it;
- value+unit: as above, and the unit agrees: the engine's canonical unit (currency code, unit key,
  percent, time unit) names the gold `normalized_unit`, or the engine's surface unit, singularised,
  is the gold unit or its last word is the last word of the gold normalised unit ("heart transplants"
  ~ "heart transplant"); a gold unit "-" matches an engine value without unit.

Run: .venv/bin/python bench/newsquant.py [--errors]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.values import extract_values  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "values" / "newsquant_dev.json"
PUBLISHED = {  # on the whole NewsQuant set (CQE paper, EMNLP 2023): value F1, value+unit F1
    "CQE": (0.920, 0.856), "quantulum3": (0.730, 0.472), "Recognizers-Text": (0.691, 0.342),
    "GPT-3": (0.706, 0.591),
}
QUANTITY_TYPES = ("quantity", "percent", "money", "duration")

# Engine canonical units -> NewsQuant normalised unit names (the bench's translation table).
CANONICAL = {
    "USD": "dollar", "AUD": "australian dollar", "JPY": "japanese yen", "GBP": "pound sterling", "EUR": "euro",
    "HKD": "hong kong dollar", "ILS": "shekel", "MYR": "malaysian ringgit", "CAD": "canadian dollar",
    "CNY": "renminbi", "INR": "indian rupee", "CHF": "swiss franc", "NZD": "new zealand dollar",
    "SGD": "singapore dollar", "GBp": "penny", "USc": "cent", "%": "percentage", "pp": "percentage point",
    "bp": "basis point", "year": "year", "month": "month", "week": "week", "day": "day", "hour": "hour",
    "minute": "minute", "second": "second", "decade": "decade", "century": "century",
    "km": "kilometre", "m": "metre", "mile": "mile", "ft": "foot", "in": "inch", "yd": "yard",
    "km/h": "kilometre per hour", "mph": "mile per hour", "hp": "horsepower", "kg": "kilogram",
    "t": "tonne", "lb": "pound-mass", "l": "litre", "°C": "celsius", "°F": "fahrenheit", "kW": "kilowatt",
    "MW": "megawatt", "GW": "gigawatt", "W": "watt", "GB": "gigabyte", "TB": "terabyte", "MB": "megabyte",
    "mAh": "milliampere-hour", "Hz": "hertz", "GHz": "gigahertz", "mpg": "mile per gallon",
    "rpm": "revolutions per minute", "ppb": "parts-per-billion", "ppm": "parts-per-million", "age": "year of age",
    "point": "point", "person": "people", "cm": "centimetre", "mm": "millimetre", "m2": "square metre",
    "km2": "square kilometre", "ha": "hectare", "kWh": "kilowatt hour", "TWh": "terawatt hour",
    "degree": "degree", "cent": "cent", "penny": "penny",
    "DKK": "danish krone", "SEK": "swedish krona", "NOK": "norwegian krone", "KRW": "south korean won",
    "HRK": "croatian kuna", "ZAR": "south african rand", "RUB": "russian ruble", "TWD": "new taiwan dollar",
    "ft3": "cubic foot", "ft2": "square foot", "m3": "cubic metre", "gal": "gallon", "oz": "ounce", "bbl": "barrel",
    "g": "gram",
    "mg": "milligram", "nm": "nanometre", "GPa": "gigapascal", "Nm": "newton metre", "pint": "pint",
    "quart": "quart",
}


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _engine_number(value) -> tuple[float, float | None] | tuple[float, float | None, float] | None:
    n = value.normalized
    v = n.get("value")
    if not isinstance(v, int | float):
        return None
    vmax = n.get("value_max")
    num = float(v), (float(vmax) if isinstance(vmax, int | float) else None)
    if isinstance(n.get("ratio"), str):
        # The engine normalises a share to percent and keeps the ratio ("2/3"); NewsQuant writes the fraction.
        part, whole = n["ratio"].split("/")
        return (*num, int(part) / int(whole))
    return num


def _gold_number(raw: str) -> tuple[float, float | None]:
    body = raw.replace(" ", "")
    # "252.0-287.0" is a range; "1.99E-5" is one number.
    m = re.fullmatch(r"(-?[\d.]+(?:[eE][-+]?\d+)?)-([\d.]+(?:[eE][-+]?\d+)?)", body)
    if m:
        return float(m.group(1)), float(m.group(2))
    return float(body), None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _value_match(eng: tuple, gold: tuple[float, float | None]) -> bool:
    if len(eng) == 3 and gold[1] is None and _close(eng[2], gold[0]):
        return True
    if gold[1] is None:
        return eng[1] is None and _close(eng[0], gold[0])
    return eng[1] is not None and _close(eng[0], gold[0]) and _close(eng[1], gold[1])


def _engine_units(value) -> tuple[set[str], set[str]]:
    """(canonical names, surface words singularised) of an engine value's unit."""
    n = value.normalized
    canon: set[str] = set()
    surface: set[str] = set()
    for key in (n.get("currency"), n.get("unit_key"), n.get("unit") if value.type != "quantity" else None):
        if key and key in CANONICAL:
            canon.add(CANONICAL[key])
    per = n.get("per")
    if per:  # "$58 a barrel": the gold names the rate "dollar per barrel"
        per_name = CANONICAL.get(per, per)
        canon |= {f"{c} per {per_name}" for c in canon}
    if value.type == "quantity" and n.get("unit"):
        words = [_singular(w) for w in n["unit"].replace("-", " ").split()]
        surface.add(" ".join(words))
        surface.add(words[-1])
    return canon, surface


def _unit_match(value, gold: dict) -> bool:
    norm = gold["normalized_unit"].lower()
    canon, surface = _engine_units(value)
    if norm == "-":
        return not canon and not surface
    if norm in canon:
        return True
    if not surface:
        return False
    gold_words = {_singular(w) for w in gold["unit"].lower().replace("-", " ").split()}
    norm_last = norm.split()[-1]
    return bool(surface & ({norm, norm_last} | gold_words))


def _join_from_to(preds: list) -> list:
    """NewsQuant annotates "from X to Y" as one range "X-Y"; the engine gives two amounts marked
    change_role from/to. The pair is scored as the one range it stands for (a translation of conventions)."""
    out = []
    i = 0
    while i < len(preds):
        v, num = preds[i]
        if v.normalized.get("change_role") == "from" and i + 1 < len(preds) \
                and preds[i + 1][0].normalized.get("change_role") == "to":
            out.append((preds[i + 1][0], (num[0], preds[i + 1][1][0])))
            i += 2
            continue
        out.append((v, num))
        i += 1
    return out


def score(items: list[dict], show_errors: bool = False) -> dict[str, float]:
    tp_v = tp_vu = n_pred = n_gold = 0
    for item in items:
        preds = [v for v in extract_values(item["text"], language="en") if v.type in QUANTITY_TYPES]
        preds = [(v, num) for v in preds if (num := _engine_number(v)) is not None]
        preds = _join_from_to(preds)
        golds = [(g, _gold_number(g["value"])) for g in item["quantities"]]
        n_pred += len(preds)
        n_gold += len(golds)
        used: set[int] = set()
        missed = []
        for g, gnum in golds:
            # Prefer a prediction that also gets the unit right.
            cands = [i for i, (_, num) in enumerate(preds) if i not in used and _value_match(num, gnum)]
            best = next((i for i in cands if _unit_match(preds[i][0], g)), cands[0] if cands else None)
            if best is None:
                missed.append(g)
                continue
            used.add(best)
            tp_v += 1
            if _unit_match(preds[best][0], g):
                tp_vu += 1
            elif show_errors:
                print(f"UNIT  {preds[best][0].text!r} {preds[best][0].normalized} gold {g['unit']!r}/"
                      f"{g['normalized_unit']!r}")
        if show_errors:
            for g in missed:
                print(f"MISS  {g['value']} {g['unit']!r} | {item['text'][:160]}")
            for i, (v, _) in enumerate(preds):
                if i not in used:
                    print(f"EXTRA {v.text!r} {v.normalized} | {item['text'][:160]}")
    def f1(tp: int) -> float:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0
    return {"value_f1": f1(tp_v), "value_unit_f1": f1(tp_vu), "precision": tp_v / max(1, n_pred),
            "recall": tp_v / max(1, n_gold), "gold": n_gold, "predicted": n_pred}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print misses, extras and unit mismatches")
    parser.add_argument("--half", choices=["even", "odd"], help="score only the even or the odd items (the odd "
                        "half is kept for checking that a change to the grammar is general)")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"error: {DATA} not found (the NewsQuant development half lives in ../shared)", file=sys.stderr)
        return 2
    items = json.loads(DATA.read_text(encoding="utf-8"))
    halves = {"even": items[0::2], "odd": items[1::2]}
    if args.half:
        items = halves[args.half]
    s = score(items, args.errors)
    print(f"NewsQuant dev: {len(items)} sentences, {s['gold']} gold quantities, {s['predicted']} extracted")
    print(f"  engine             value F1 {s['value_f1']:.3f}  value+unit F1 {s['value_unit_f1']:.3f}  "
          f"(value P {s['precision']:.3f} R {s['recall']:.3f})")
    if not args.half:
        for name, part in halves.items():
            h = score(part)
            print(f"  {name + ' half':<18} value F1 {h['value_f1']:.3f}  value+unit F1 {h['value_unit_f1']:.3f}  "
                  f"({len(part)} sentences, {h['gold']} gold)")
    for name, (v, vu) in PUBLISHED.items():
        print(f"  {name:<18} value F1 {v:.3f}  value+unit F1 {vu:.3f}  (published, whole set)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
