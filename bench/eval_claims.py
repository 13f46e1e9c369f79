"""Smoke check on the demo articles: claims and values still come out of the hand-labelled seeds.

NOT an accuracy figure: the engine's old rules were written from these very sentences, so what
this prints says nothing about real reporting; never quote it as accuracy. Quality figures come
from bench/corpus_claims.py (real news the engine was not written against) and
bench/checkworthiness.py (public benchmarks).

Usage: python bench/eval_claims.py [--labels bench/data/labels.json] [--seeds DIR] [--verbose]

Claims: a predicted claim is right when its sentence holds the key of a sentence labelled a claim.
Values: compared sentence by sentence as (type, surface text); "strict" needs the same text,
"lenient" the same type and overlapping text (one contains the other), since where a value's
surface starts ("from July 10th to 16th" or "July 10th to 16th") is a convention.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.analysis import analyse  # noqa: E402  (the path above makes the repo importable)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Accumulate another count into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall and F1."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _match(gold: list[tuple[str, str]], pred: list[tuple[str, str]], *, strict: bool) -> Counts:
    left = list(gold)
    c = Counts()
    for ptype, ptext in pred:
        hit = None
        for i, (gtype, gtext) in enumerate(left):
            if gtype != ptype:
                continue
            a, b = gtext.lower(), ptext.lower()
            if (a == b) if strict else (a in b or b in a):
                hit = i
                break
        if hit is None:
            c.fp += 1
        else:
            c.tp += 1
            left.pop(hit)
    c.fn += len(left)
    return c


def evaluate(labels: dict, seed_dir: Path, verbose: bool = False) -> dict[str, dict[str, Counts]]:
    """Counts per seed for claims and values (strict and lenient)."""
    results: dict[str, dict[str, Counts]] = {}
    for seed, spec in sorted(labels["seeds"].items()):
        raw = (seed_dir / spec["file"]).read_text(encoding="utf-8")
        analysis = analyse(raw)
        entries = spec["sentences"]
        found: set[int] = set()
        claims, strict, lenient = Counts(), Counts(), Counts()
        for sentence in analysis.sentences:
            idx = next((i for i, e in enumerate(entries) if e["key"] in sentence.text), None)
            entry = entries[idx] if idx is not None else {"claim": False, "values": []}
            if idx is not None:
                found.add(idx)
            if sentence.is_claim and entry["claim"]:
                claims.tp += 1
            elif sentence.is_claim:
                claims.fp += 1
                if verbose:
                    print(f"  [{seed}] false claim: {sentence.text[:90]}")
            elif entry["claim"]:
                claims.fn += 1
                if verbose:
                    print(f"  [{seed}] missed claim ({sentence.score:.2f}): {sentence.text[:90]}")
            gold = [tuple(v) for v in entry["values"]]
            pred = [(v.type, v.text) for v in sentence.values]
            strict.add(_match(gold, pred, strict=True))
            s = _match(gold, pred, strict=False)
            lenient.add(s)
            if verbose and (s.fp or s.fn):
                print(f"  [{seed}] values gold={gold} pred={pred}")
        for i, e in enumerate(entries):
            if i not in found:
                # The labelled sentence was lost (cleaned away or merged): all of it counts as missed.
                claims.fn += int(e["claim"])
                strict.fn += len(e["values"])
                lenient.fn += len(e["values"])
                if verbose:
                    print(f"  [{seed}] labelled sentence not found: {e['key']!r}")
        results[seed] = {"claims": claims, "values strict": strict, "values lenient": lenient}
    return results


def main() -> None:
    """Print the evaluation table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "bench" / "data" / "labels.json")
    parser.add_argument("--seeds", type=Path, default=None, help="folder of the seed .txt files")
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    seed_dir = args.seeds
    if seed_dir is None:
        seed_dir = next(
            (d for d in (ROOT / "seeds", Path("/work/shared/seeds")) if any(d.glob("000_*.txt"))),
            ROOT / "seeds",
        )
    results = evaluate(labels, seed_dir, args.verbose)
    measures = ("claims", "values strict", "values lenient")
    totals = {m: Counts() for m in measures}
    print("smoke check on the demo seeds (the rules were grown from them: not an accuracy figure)")
    print(f"{'seed':<6}" + "".join(f"{m:>26}" for m in measures))
    for seed, by_measure in results.items():
        row = f"{seed:<6}"
        for m in measures:
            c = by_measure[m]
            totals[m].add(c)
            p, r, f = c.prf()
            row += f"{f'P {p:.2f} R {r:.2f} F1 {f:.2f}':>26}"
        print(row)
    row = f"{'all':<6}"
    for m in measures:
        p, r, f = totals[m].prf()
        row += f"{f'P {p:.2f} R {r:.2f} F1 {f:.2f}':>26}"
    print(row)
    print("counts: " + "; ".join(f"{m} tp={c.tp} fp={c.fp} fn={c.fn}" for m, c in totals.items()))


if __name__ == "__main__":
    main()
