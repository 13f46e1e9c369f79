"""Check-worthiness quality on public benchmarks, with the model trained as it is shipped.

Usage: python bench/checkworthiness.py [--data DIR] [--folds 5] [--epochs N] [--skip-clef]

ClaimBuster: train on crowdsourced.csv folds, report F1 of the check-worthy class (Verdict 1) by
k-fold cross-validation at the engine's probability 0.5 (the published protocol scores a separate
ground-truth set, not available here). CLEF 2019: mean average precision by leave-one-debate-out
over the 19 training debates (train on ClaimBuster + the other 18 debates, rank the held-out
debate's lines; ClaimBuster's sentences of the held-out debate, within a day of its date, are left
out). Both for the English model (named + hashed n-grams) and the core model (named
features only: what German sentences are scored with).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_checkworthiness as tc


def f1(scores: list[float], labels: list[int], threshold: float = 0.5) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def average_precision(scores: list[float], labels: list[int]) -> float:
    """AP of one ranked debate (ties broken by line order, as a stable sort keeps it)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits = 0
    total = 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    positives = sum(labels)
    return total / positives if positives else 0.0


def claimbuster_cv(examples: list[tc.Example], folds: int, hashed: bool, epochs: int) -> tuple[float, float, float]:
    """k-fold CV on ClaimBuster crowdsourced; P/R/F1 of the check-worthy class over all folds."""
    order = list(range(len(examples)))
    random.Random(13).shuffle(order)
    scores = [0.0] * len(examples)
    for k in range(folds):
        test = set(order[k::folds])
        model = tc.train((examples[i] for i in order if i not in test), hashed=hashed, epochs=epochs,
                         pos_weight=tc.POS_WEIGHT)
        for i in test:
            scores[i] = tc.score(model, examples[i], hashed=hashed)
    return f1(scores, [e.label for e in examples])


def _days_around(debate: str) -> set[str]:
    """ISO dates within a day of a CLEF debate file's date ("20161010_2pres")."""
    try:
        day = date(int(debate[:4]), int(debate[4:6]), int(debate[6:8]))
    except ValueError:  # "20182601_trump_world": not a date as written
        return set()
    return {(day + timedelta(days=k)).isoformat() for k in (-1, 0, 1)}


def clef_map(cb: list[tc.Example], clef: list[tc.Example], hashed: bool, epochs: int) -> tuple[float, dict[str, float]]:
    """Leave-one-debate-out MAP over the CLEF 2019 training debates."""
    debates = sorted({e.group for e in clef})
    aps: dict[str, float] = {}
    for d in debates:
        # ClaimBuster holds the 2016 debates too (dated a day apart in the two sets): leave out its
        # sentences of the held-out debate, or its lines would be in the training data.
        near = _days_around(d)
        train = [e for e in cb if e.group[:10] not in near] + [e for e in clef if e.group != d]
        model = tc.train(train, hashed=hashed, epochs=epochs, pos_weight=tc.POS_WEIGHT)
        test = [e for e in clef if e.group == d]
        aps[d] = average_precision([tc.score(model, e, hashed=hashed) for e in test], [e.label for e in test])
    return sum(aps.values()) / len(aps), aps


def main() -> None:
    """Print ClaimBuster CV F1 and CLEF 2019 leave-one-debate-out MAP."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=tc.EPOCHS)
    ap.add_argument("--skip-clef", action="store_true")
    ap.add_argument("--only", choices=["en", "core"], default=None)
    args = ap.parse_args()
    folder = tc.data_dir(args.data)
    t0 = time.perf_counter()
    cb, clef = tc.claimbuster(folder), tc.clef(folder)
    print(f"features of {len(cb)} ClaimBuster + {len(clef)} CLEF sentences in {time.perf_counter() - t0:.1f} s")
    for name, hashed in (("en", True), ("core", False)):
        if args.only and args.only != name:
            continue
        p, r, f = claimbuster_cv(cb, args.folds, hashed, args.epochs)
        print(f"{name:<4} ClaimBuster {args.folds}-fold CV, check-worthy class: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        if not args.skip_clef:
            m, aps = clef_map(cb, clef, hashed, args.epochs)
            print(f"{name:<4} CLEF 2019 leave-one-debate-out MAP {m:.3f} over {len(aps)} debates"
                  f" (min {min(aps.values()):.3f}, max {max(aps.values()):.3f})")
    print(f"total {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
