"""Claim detection on the real-article development corpus (../shared/corpus), by language.

Usage: python bench/corpus_claims.py [--corpus DIR] [--threshold T] [--verbose]

The corpus README's scoring: a gold claim sentence is found when an extracted claim's span
overlaps it (unsure claims skipped); claim precision is the share of extracted claims that
overlap some gold claim sentence. Headline claims are counted (the engine may find or skip them);
the figures without headlines are printed too. The texts are read from ../shared and never copied
into the project. The engine was not written against these articles; they are the yardstick.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.analysis import analyse  # noqa: E402  (the path above makes the repo importable)
from claims.dates import parse_iso_date  # noqa: E402
from claims.detect import DEFAULT_THRESHOLD  # noqa: E402


@dataclass
class Tally:
    """Counts for one language (or all)."""

    gold: int = 0
    found: int = 0
    gold_nohead: int = 0
    found_nohead: int = 0
    extracted: int = 0
    on_gold: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Accumulate another tally."""
        for name in ("gold", "found", "gold_nohead", "found_nohead", "extracted", "on_gold"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def corpus_dir(given: Path | None) -> Path:
    """The corpus articles folder: given, or ../shared/corpus/articles beside the project."""
    for d in (given, ROOT.parent / "shared" / "corpus" / "articles", Path("/work/shared/corpus/articles")):
        if d is not None and any(d.glob("*.gold.json")):
            return d
    raise SystemExit("corpus not found; pass --corpus DIR (the folder with NNN_*.txt and .gold.json)")


def load_article(gold_path: Path) -> tuple[str, dict]:
    """The article text (without the SOURCE line) and its gold record."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["file"]).read_text(encoding="utf-8")
    if text.startswith("SOURCE:"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text, gold


def _spans(text: str, sentence: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(sentence)
    while pos >= 0:
        out.append((pos, pos + len(sentence)))
        pos = text.find(sentence, pos + 1)
    return out


def score_article(text: str, gold: dict, threshold: float) -> Tally:
    """Recall of gold claim sentences and precision of extracted claims for one article."""
    published = parse_iso_date(gold["published"]) if gold.get("published") else None
    analysis = analyse(text, published=published, threshold=threshold)
    claims = [(analysis.to_raw(c.start), analysis.to_raw(c.end), c.text) for c in analysis.claims]
    t = Tally(extracted=len(claims))
    gold_spans: list[tuple[int, int]] = []
    for g in gold["claims"]:
        spans = _spans(text, g["sentence"])
        gold_spans.extend(spans)
        if g.get("unsure"):
            continue
        hit = any(s < ge and gs < e for s, e, _ in claims for gs, ge in spans)
        t.gold += 1
        t.found += hit
        if not g.get("headline"):
            t.gold_nohead += 1
            t.found_nohead += hit
        if not hit:
            t.missed.append(g["sentence"])
    for s, e, ctext in claims:
        if any(s < ge and gs < e for gs, ge in gold_spans):
            t.on_gold += 1
        else:
            t.wrong.append(ctext)
    return t


def main() -> None:
    """Print recall and precision per language and overall."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--verbose", action="store_true", help="list missed gold sentences and wrong claims")
    args = ap.parse_args()
    folder = corpus_dir(args.corpus)
    by_lang: dict[str, Tally] = {}
    for gold_path in sorted(folder.glob("*.gold.json")):
        text, gold = load_article(gold_path)
        t = score_article(text, gold, args.threshold)
        by_lang.setdefault(gold["language"], Tally()).add(t)
        if args.verbose:
            for s in t.missed:
                print(f"  MISSED {gold['article_id']}: {s[:110]}")
            for s in t.wrong:
                print(f"  WRONG  {gold['article_id']}: {s[:110]}")
    total = Tally()
    print(f"claims on {folder} (threshold {args.threshold})")
    print(f"{'lang':<5} {'recall':>14} {'recall w/o headl.':>18} {'precision':>16}")
    for lang, t in [*sorted(by_lang.items()), ("all", total)]:
        if lang != "all":
            total.add(t)
        r = t.found / t.gold if t.gold else 0.0
        rn = t.found_nohead / t.gold_nohead if t.gold_nohead else 0.0
        p = t.on_gold / t.extracted if t.extracted else 0.0
        print(f"{lang:<5} {r:>6.1%} {t.found:>3}/{t.gold:<3} {rn:>9.1%} {t.found_nohead:>3}/{t.gold_nohead:<3}"
              f" {p:>7.1%} {t.on_gold:>3}/{t.extracted:<3}")


if __name__ == "__main__":
    main()
