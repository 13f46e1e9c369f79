"""Value recall and precision on the real-article development corpus (../shared/corpus).

For every gold claim sentence of every article, the sentence is run through
`claims.values.extract_values` (language and publication date from the gold file; where the store had
no date, the first ISO date of `published_note`, which is what the gold resolved relative dates
against). This measures the value grammar alone, independent of which sentences the claim detector
picks.

A gold value counts as found (the corpus README's rule) when an engine value of its sentence has the
same surface text, or overlaps it, is of a compatible type family (time: date, date_range, duration,
year_target / percent / quantity and money / rank) and carries every non-zero number of the gold
normalised form (signs ignored; dates compare as their numbers, durations through their ISO form).
`unsure` claims and values are skipped. Precision: engine values on gold sentences that match some
gold value of that sentence by the same rule.

Run: .venv/bin/python bench/corpus_values.py [--errors] [--type TYPE]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.values import extract_values  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
FAMILY = {"date": "time", "date_range": "time", "duration": "time", "year_target": "time", "percent": "percent",
          "quantity": "amount", "money": "amount", "rank": "rank"}
_NUM = re.compile(r"\d+(?:\.\d+)?")


def _numbers(obj) -> set[float]:
    """Every number in a normalised form (dict leaves, numbers inside strings), signs dropped."""
    out: set[float] = set()
    if isinstance(obj, bool) or obj is None:
        return out
    if isinstance(obj, int | float):
        out.add(abs(float(obj)))
    elif isinstance(obj, str):
        out.update(float(x) for x in _NUM.findall(obj))
        if obj.lower() in ("last", "worst", "lowest"):
            out.add(-1.0)
    elif isinstance(obj, dict):
        for key, v in obj.items():
            if key in ("weekday", "unit", "unit_key", "currency", "target", "target_key", "relation", "qualifier"):
                continue
            out |= _numbers(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            out |= _numbers(v)
    return out


def _gold_numbers(norm: str) -> set[float]:
    nums = {n for n in _numbers(norm) if n != 0}
    if norm.strip().lower() == "last":
        nums = {-1.0}
    return nums


def _published(gold: dict) -> date | None:
    raw = gold.get("published") or ""
    m = re.search(r"\d{4}-\d{2}-\d{2}", raw) or re.search(r"\d{4}-\d{2}-\d{2}", gold.get("published_note") or "")
    return date.fromisoformat(m.group()) if m else None


def _gold_span(sentence: str, value: dict) -> tuple[int, int]:
    pos = -1
    for _ in range(value.get("occurrence", 1)):
        pos = sentence.find(value["text"], pos + 1)
    return pos, pos + len(value["text"])


def _matches(engine, gold: dict, span: tuple[int, int]) -> bool:
    if engine.text == gold["text"]:
        return True
    if engine.end <= span[0] or engine.start >= span[1]:
        return False
    if FAMILY.get(engine.type) != FAMILY.get(gold["type"]):
        return False
    want = _gold_numbers(gold["normalized"])
    have = _numbers(engine.normalized)
    if engine.type == "rank" and engine.normalized.get("rank") == "last":
        have.add(-1.0)
    return bool(want) and want <= have


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print missed gold values and unmatched extras")
    parser.add_argument("--type", help="with --errors: only this gold type")
    args = parser.parse_args()
    files = sorted(CORPUS.glob("*.gold.json"))
    if not files:
        print(f"error: no gold files in {CORPUS}", file=sys.stderr)
        return 2
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_lang: Counter[tuple[str, bool]] = Counter()
    n_engine = n_engine_ok = 0
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        lang, published = gold["language"], _published(gold)
        for claim in gold["claims"]:
            if claim.get("unsure"):
                continue
            sentence = claim["sentence"]
            engine = extract_values(sentence, language=lang, published=published)
            golds = [(g, _gold_span(sentence, g)) for g in claim["values"] if not g.get("unsure")]
            for g, span in golds:
                ok = any(_matches(e, g, span) for e in engine)
                total[g["type"]] += 1
                found[g["type"]] += ok
                by_lang[(lang, ok)] += 1
                if args.errors and not ok and (not args.type or args.type == g["type"]):
                    got = [(e.type, e.text, e.normalized) for e in engine if e.end > span[0] and e.start < span[1]]
                    print(f"MISS {gold['article_id']} {g['type']:<10} {g['text']!r} -> {g['normalized']!r}  "
                          f"engine {got} | {sentence[:120]}")
            all_golds = [(g, s) for g, s in ((g, _gold_span(sentence, g)) for g in claim["values"])]
            for e in engine:
                n_engine += 1
                ok = any(_matches(e, g, s) for g, s in all_golds)
                n_engine_ok += ok
                if args.errors and not ok and not args.type:
                    print(f"EXTRA {gold['article_id']} {e.type:<10} {e.text!r} {e.normalized} | {sentence[:100]}")
    n, f = sum(total.values()), sum(found.values())
    print(f"corpus values: {len(files)} articles, {n} gold values (unsure skipped)")
    print(f"  value recall {f / n:.1%} ({f}/{n}); value precision {n_engine_ok / max(1, n_engine):.1%} "
          f"({n_engine_ok}/{n_engine} engine values on gold sentences)")
    for lang in ("en", "de"):
        ok, miss = by_lang[(lang, True)], by_lang[(lang, False)]
        print(f"  {lang}: recall {ok / max(1, ok + miss):.1%} ({ok}/{ok + miss})")
    for t, c in total.most_common():
        print(f"  {t:<12} {found[t] / c:6.1%} ({found[t]}/{c})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
