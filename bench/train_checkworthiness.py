"""Train the check-worthiness weights shipped in claims/data/checkworthiness.json.

Usage: python bench/train_checkworthiness.py [--data DIR] [--out FILE] [--epochs N]

Reads ../shared/datasets/checkworthiness (never copied into the project): ClaimBuster
crowdsourced.csv (Verdict 1 = check-worthy factual sentence is the positive class; non-factual and
unimportant factual sentences are negatives) and the CLEF 2019 CheckThat! task 1 training debates
(label 1 = should be checked). Two logistic regressions are trained by AdaGrad on the union:
  en   named features + hashed word unigrams/bigrams (2**18 buckets), for English;
  core named features only (values, patterns, word classes of claims.lexicon in EN and DE),
       for every other language.
Pure Python (no numpy at run time or here); about a minute on one core.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.checkworthiness import WEIGHTS_PATH, bucket, encode_hashed, sigmoid  # noqa: E402
from claims.features import sentence_features  # noqa: E402
from claims.values import extract_values  # noqa: E402

BUCKETS = 1 << 18
OFFSETS = {"headline": -1.5, "furniture": -4.0}
EPOCHS = 4
# Check-worthy sentences are a quarter of ClaimBuster: weighting them up puts the F1 optimum near 0.5.
POS_WEIGHT = 2.5


@dataclass(slots=True)
class Example:
    """One labelled sentence as feature indices: named feature names and hashed n-gram buckets."""

    named: tuple[str, ...]
    hashed: tuple[int, ...]
    label: int
    group: str  # the debate (CLEF file or ClaimBuster file id)
    source: str  # "claimbuster" or "clef"


def data_dir(given: Path | None) -> Path:
    """The checkworthiness datasets folder, by default ../shared/datasets/checkworthiness."""
    for d in (given, ROOT.parent / "shared" / "datasets" / "checkworthiness",
              Path("/work/shared/datasets/checkworthiness")):
        if d is not None and (d / "claimbuster" / "crowdsourced.csv").is_file():
            return d
    raise SystemExit("datasets not found; pass --data DIR (the folder with claimbuster/ and clef2019_task1_train/)")


def featurize(text: str, label: int, group: str, source: str) -> Example:
    """Features of one training sentence, computed as the engine computes them."""
    try:
        values = tuple(extract_values(text, language="en", published=date(2016, 1, 1)))
    except NotImplementedError:
        values = ()
    f = sentence_features(text, values, "en")
    return Example(tuple(f.named), tuple(bucket(g, BUCKETS - 1) for g in f.grams), label, group, source)


def claimbuster(folder: Path) -> list[Example]:
    """ClaimBuster crowdsourced: Verdict 1 positive, 0 and -1 negative."""
    with (folder / "claimbuster" / "crowdsourced.csv").open(encoding="utf-8", newline="") as fh:
        return [featurize(r["Text"], int(r["Verdict"] == "1"), r["File_id"], "claimbuster") for r in csv.DictReader(fh)]


def clef(folder: Path) -> list[Example]:
    """CLEF 2019 task 1 training debates, one group per file, in line order."""
    out = []
    for path in sorted((folder / "clef2019_task1_train").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                out.append(featurize(parts[2], int(parts[3].strip() == "1"), path.stem, "clef"))
    return out


def train(
    examples: Iterable[Example], *, hashed: bool, epochs: int = EPOCHS, lr: float = 0.2, l2: float = 1e-6,
    pos_weight: float = 1.0, seed: int = 7,
) -> tuple[float, dict[str, float], list[float]]:
    """AdaGrad logistic regression; returns bias, named weights and hashed weights."""
    data = list(examples)
    names = sorted({n for e in data for n in e.named})
    index = {n: BUCKETS + i for i, n in enumerate(names)}
    bias_i = BUCKETS + len(names)
    w = [0.0] * (bias_i + 1)
    g2 = [1e-8] * (bias_i + 1)
    # Hashed n-grams enter with weight 1/sqrt(count), so a long sentence's many small (and
    # colliding) n-gram weights do not swamp its named features; the engine scores the same way.
    rows = [([*(index[n] for n in e.named), bias_i], list(e.hashed) if hashed else [], _gram_scale(e.hashed),
             e.label) for e in data]
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(rows)
        for idx, hidx, s, y in rows:
            z = 0.0
            for i in idx:
                z += w[i]
            zh = 0.0
            for i in hidx:
                zh += w[i]
            g = sigmoid(z + s * zh) - y
            if y:
                g *= pos_weight
            for i in idx:
                gi = g + l2 * w[i]
                g2[i] += gi * gi
                w[i] -= lr * gi / g2[i] ** 0.5
            gs = g * s
            for i in hidx:
                gi = gs + l2 * w[i]
                g2[i] += gi * gi
                w[i] -= lr * gi / g2[i] ** 0.5
    named = {n: w[index[n]] for n in names}
    return w[bias_i], named, w[:BUCKETS]


def _gram_scale(grams: tuple[int, ...]) -> float:
    return 1.0 / len(grams) ** 0.5 if grams else 0.0


def score(model: tuple[float, dict[str, float], list[float]], e: Example, *, hashed: bool) -> float:
    """Probability of one example under a trained model (the same sum the engine does)."""
    bias, named, hw = model
    z = bias + sum(named.get(n, 0.0) for n in e.named)
    if hashed:
        z += _gram_scale(e.hashed) * sum(hw[i] for i in e.hashed)
    return sigmoid(z)


def main() -> None:
    """Train both models on all the data and write the weights file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path)
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args()
    folder = data_dir(args.data)
    examples = claimbuster(folder) + clef(folder)
    en = train(examples, hashed=True, epochs=args.epochs, pos_weight=POS_WEIGHT)
    core = train(examples, hashed=False, epochs=args.epochs, pos_weight=POS_WEIGHT)
    data, scale = encode_hashed(en[2])
    obj = {
        "info": {
            "trained_on": "ClaimBuster crowdsourced.csv (22,501) + CLEF 2019 CheckThat! task 1 training (19 debates)",
            "script": "bench/train_checkworthiness.py", "epochs": args.epochs, "buckets": BUCKETS,
            "examples": len(examples), "positives": sum(e.label for e in examples),
        },
        "offsets": OFFSETS,
        "models": {
            "en": {"bias": round(en[0], 5), "named": {k: round(v, 5) for k, v in en[1].items()},
                   "hashed": data, "hashed_scale": scale},
            "core": {"bias": round(core[0], 5), "named": {k: round(v, 5) for k, v in core[1].items()}},
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(obj, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) from {len(examples)} sentences")
    for name, model in (("en", en), ("core", core)):
        top = sorted(model[1].items(), key=lambda kv: -abs(kv[1]))[:8]
        print(f"  {name} bias {model[0]:+.2f}; strongest named: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))


if __name__ == "__main__":
    main()
