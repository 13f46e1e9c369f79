"""Shared fixtures of the engine tests: the demo articles."""
from __future__ import annotations

from pathlib import Path

import pytest

_CANDIDATES = (Path(__file__).resolve().parents[2] / "seeds", Path("/work/shared/seeds"))


def _seed_dir() -> Path | None:
    for d in _CANDIDATES:
        if d.is_dir() and any(d.glob("00[0-4]_*.txt")):
            return d
    return None


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    """The five demo articles by number ("000" .. "004"), decoded as UTF-8."""
    d = _seed_dir()
    if d is None:
        pytest.skip("demo articles not found")
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(d.glob("00[0-4]_*.txt"))}


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    """Paths of the five demo articles by number."""
    d = _seed_dir()
    if d is None:
        pytest.skip("demo articles not found")
    return {p.name[:3]: p for p in sorted(d.glob("00[0-4]_*.txt"))}
