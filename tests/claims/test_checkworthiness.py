"""The learned model's arithmetic: quantisation round trip, logit and predict agree, offsets apply."""
from __future__ import annotations

import math
from array import array

from claims.checkworthiness import (
    LinearModel,
    Weights,
    bucket,
    decode_hashed,
    encode_hashed,
    gram_scale,
    logit,
    predict,
    sigmoid,
)
from claims.features import SentenceFeatures


def _features(named: dict[str, str], grams: tuple[str, ...] = ()) -> SentenceFeatures:
    return SentenceFeatures(named, grams, None, None, None, False)


def test_hashed_weights_round_trip() -> None:
    weights = [0.0, 1.5, -0.75, 0.001, 0.0, -3.0, 2.0, 0.25]
    data, scale = encode_hashed(weights)
    back = decode_hashed(data, scale)
    assert all(abs(a - b) < 1e-3 for a, b in zip(weights, back, strict=True))


def test_predict_is_the_sigmoid_of_the_dot_product() -> None:
    hashed = array("f", [0.0] * 16)
    hashed[bucket("rose", 15)] = 0.8
    en = LinearModel(-0.5, {"value:percent": 1.2, "question": -2.0}, hashed, 15)
    w = Weights(en, LinearModel(0.1, {"value:percent": 2.0}), {"headline": -1.0, "furniture": -4.0}, {})
    f = _features({"value:percent": "has percent value"}, ("rose", "exports"))
    expected = -0.5 + 1.2 + 0.8 * gram_scale(2)
    assert math.isclose(logit(en, f), expected, rel_tol=1e-6)
    p = predict(f, "en", weights=w)
    assert math.isclose(p.probability, sigmoid(expected), rel_tol=1e-6)
    assert p.contributions[0] == ("has percent value", 1.2)
    # German: the core model, no n-grams.
    assert math.isclose(predict(f, "de", weights=w).probability, sigmoid(2.1), rel_tol=1e-6)
    headline = predict(f, "en", headline=True, weights=w)
    assert math.isclose(headline.probability, sigmoid(expected - 1.0), rel_tol=1e-6)
    assert 0.0 < predict(f, "en", furniture=True, weights=w).probability < 0.1


def test_bucket_is_stable() -> None:
    import zlib

    assert bucket("percent", (1 << 18) - 1) == zlib.crc32(b"percent") & ((1 << 18) - 1)
    assert bucket("a b", 1023) == bucket("a b", 1023)
    assert sigmoid(1000) == 1.0 and sigmoid(-1000) == 0.0
