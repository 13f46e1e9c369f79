"""The learned check-worthiness model: a logistic regression read from a small shipped file.

Inference is a dot product: the weights of the sentence's named features (claims.features) plus,
for English, the weights of its hashed word unigrams and bigrams, squashed to a 0..1 probability.
The weights are trained by bench/train_checkworthiness.py on public labelled data (ClaimBuster
crowdsourced sentences and the CLEF 2019 CheckThat! training debates) and written to
claims/data/checkworthiness.json. Sentences in other languages (German) are scored by the "core"
model, trained on the same data with the named features only, which do not depend on English words.

Two fixed offsets are not learned, because debate transcripts have neither: a headline (it restates
a body sentence) and page furniture (a credit, a menu line) lower the logit by the file's amounts.
"""
from __future__ import annotations

import base64
import json
import math
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from claims.features import SentenceFeatures

WEIGHTS_PATH = Path(__file__).with_name("data") / "checkworthiness.json"
# Word n-grams reported per sentence at most (before the caller's own cut).
WORD_CANDIDATES = 2


def bucket(gram: str, mask: int) -> int:
    """Stable hash bucket of an n-gram (crc32: the same in every process, unlike hash())."""
    return zlib.crc32(gram.encode("utf-8")) & mask


class _GramWeights(dict):
    """n-gram -> its bucket's weight, filled on first use (a dict hit is cheaper than hashing)."""

    LIMIT = 200_000  # distinct n-grams remembered; beyond it new ones are hashed every time

    def __init__(self, hashed: array, mask: int) -> None:
        super().__init__()
        self.hashed = hashed
        self.mask = mask

    def __missing__(self, gram: str) -> float:
        w = self.hashed[zlib.crc32(gram.encode("utf-8")) & self.mask]
        if len(self) < self.LIMIT:
            self[gram] = w
        return w


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Bias, named-feature weights and (optionally) hashed n-gram weights."""

    bias: float
    named: dict[str, float]
    hashed: array | None = None  # float weights, one per bucket
    mask: int = 0
    grams: _GramWeights | None = None


@dataclass(frozen=True, slots=True)
class Prediction:
    """Probability and each feature's contribution to the logit, largest effect first."""

    probability: float
    contributions: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Weights:
    """The shipped models and the fixed offsets."""

    en: LinearModel
    core: LinearModel
    offsets: dict[str, float]
    info: dict


def encode_hashed(weights: list[float]) -> tuple[str, float]:
    """Weights as base64 of zlib-compressed int16s and the scale to undo the quantisation."""
    top = max((abs(w) for w in weights), default=0.0) or 1.0
    scale = top / 32767
    q = array("h", (round(w / scale) for w in weights))
    return base64.b64encode(zlib.compress(q.tobytes(), 9)).decode("ascii"), scale


def decode_hashed(data: str, scale: float) -> array:
    """The inverse of encode_hashed."""
    q = array("h")
    q.frombytes(zlib.decompress(base64.b64decode(data)))
    return array("f", (v * scale for v in q))


def _model(obj: dict) -> LinearModel:
    hashed = None
    mask = 0
    if obj.get("hashed"):
        hashed = decode_hashed(obj["hashed"], obj["hashed_scale"])
        mask = len(hashed) - 1
    grams = _GramWeights(hashed, mask) if hashed is not None else None
    return LinearModel(float(obj["bias"]), {k: float(v) for k, v in obj["named"].items()}, hashed, mask, grams)


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_PATH) -> Weights:
    """Read the weights file once per process."""
    obj = json.loads(path.read_text(encoding="utf-8"))
    return Weights(_model(obj["models"]["en"]), _model(obj["models"]["core"]), obj["offsets"], obj.get("info", {}))


def logit(model: LinearModel, features: SentenceFeatures) -> float:
    """The raw linear score (no reasons): what training and benches need."""
    z = model.bias
    named = model.named
    for name in features.named:
        z += named.get(name, 0.0)
    if model.hashed is not None and features.grams:
        hashed, mask = model.hashed, model.mask
        zh = 0.0
        for g in features.grams:
            zh += hashed[zlib.crc32(g.encode("utf-8")) & mask]
        z += zh * gram_scale(len(features.grams))
    return z


def gram_scale(count: int) -> float:
    """Weight of each n-gram: 1/sqrt(count), so long sentences do not add up many small weights."""
    return 1.0 / math.sqrt(count) if count else 0.0


def sigmoid(z: float) -> float:
    """Logistic function, safe for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def predict(
    features: SentenceFeatures, language: str, *, headline: bool = False, furniture: bool = False,
    weights: Weights | None = None,
) -> Prediction:
    """Probability that the sentence is check-worthy, with each feature's contribution."""
    w = weights or load_weights()
    model = w.en if language == "en" and features.grams else w.core
    z = model.bias
    parts: list[tuple[str, float]] = []
    for name, reason in features.named.items():
        c = model.named.get(name, 0.0)
        if c:
            z += c
            parts.append((reason, c))
    grams = features.grams
    if model.hashed is not None and grams:
        cache = model.grams if model.grams is not None else _GramWeights(model.hashed, model.mask)
        lookup = cache.__getitem__
        raw = list(map(lookup, grams))
        scale = gram_scale(len(grams))
        z += sum(raw) * scale
        # Only the few strongest words can become reasons: pick them without a Python-level loop
        # over every n-gram (this runs for every sentence of every article).
        strength = list(map(abs, raw))
        key = strength.__getitem__
        span = range(len(grams))
        shown: set[str] = set()
        for _ in range(WORD_CANDIDATES):
            i = max(span, key=key)
            if strength[i] < 0:
                break
            strength[i] = -1.0  # taken
            if grams[i] not in shown:
                shown.add(grams[i])
                parts.append((f"words '{grams[i]}'", raw[i] * scale))
    if headline:
        z += w.offsets["headline"]
        parts.append(("headline", w.offsets["headline"]))
    if furniture:
        z += w.offsets["furniture"]
        parts.append(("page furniture", w.offsets["furniture"]))
    parts.sort(key=lambda p: -abs(p[1]))
    return Prediction(sigmoid(z), tuple(parts))
