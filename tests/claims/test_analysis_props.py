"""Property tests of analyse(): never raises, offsets always slice exactly, output deterministic."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.analysis import analyse

# Text built from pieces that stress the engine (furniture, datelines, abbreviations, numbers,
# quotes, line breaks) mixed with arbitrary Unicode.
PIECES = st.sampled_from(
    [
        "On June 10th, the ceremony was held. ",
        "Am 26. November wurde es eröffnet. ",
        "SHENZHEN, China, 28. November 2023 /PRNewswire/ -- ",
        "Updated: Jul 11,2023 10:52 AM\n",
        "Copyright 2020 © Shanghai Daily.\n",
        "CFP\n",
        "Co., Ltd. ",
        "about 60 percent ",
        "\n\n",
        "\r\n",
        "“Quoted,” he said. ",
        "3.5 ",
        "300,000 tons. ",
        "News\nBiz\nVideo\n",
        "?",
        "\u2028",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=25).map("".join)


def _check(raw: str, **kw: object) -> None:
    a = analyse(raw, **kw)  # type: ignore[arg-type]
    for c in a.sentences:
        assert a.body[c.start : c.end] == c.text
        assert raw[a.to_raw(c.start) : a.to_raw(c.end)] == c.text
        assert 0.0 <= c.score <= 1.0
        for v in c.values:
            assert a.body[v.start : v.end] == v.text
            assert raw[a.to_raw(v.start) : a.to_raw(v.end)] == v.text
            assert c.start <= v.start <= v.end <= c.end


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_offsets_slice_exactly(raw: str) -> None:
    _check(raw)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_lines_mode_offsets(raw: str) -> None:
    _check(raw, lines=True)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(raw: str) -> None:
    _check(raw, published=date(2023, 7, 11))


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_deterministic(raw: str) -> None:
    assert analyse(raw) == analyse(raw)
