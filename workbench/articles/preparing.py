"""Preparing files for import: reading and the claim engine, before any write transaction.

Nothing here touches the database, so the work can run in worker processes (many files) while
the importing process writes earlier files. A `Prepared` is what the write path needs: the
decoded file and the engine's analysis, or the one-line reason the file is refused.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from claims.analysis import Analysis, analyse
from claims.limits import EngineLimit
from workbench.articles.reading import ArticleFile, ImportRefused, read_article, sidecar_metadata

# From this many files an import prepares them in worker processes.
PARALLEL_FROM = 16


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read and analysed (file and analysis set) or refused (failure set)."""

    name: str
    file: ArticleFile | None = None
    analysis: Analysis | None = None
    failure: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None


def analyse_file(file: ArticleFile, *, threshold: float) -> Prepared:
    """Run the engine over a decoded file; a file with only page furniture or over an engine limit is refused."""
    try:
        analysis = analyse(file.text, published=file.metadata.get("published"),
                           language=file.metadata.get("language"), threshold=threshold)
    except EngineLimit as exc:
        return Prepared(file.name, failure=str(exc))
    if not analysis.body.strip():
        # Only page furniture (a menu, a footer) was found: refused like an empty file.
        kind = "HTML page" if file.format == "html" else "file"
        return Prepared(file.name, failure=f"no article text found in this {kind} (only menus, "
                                           "footers or similar page furniture)")
    return Prepared(file.name, file=file, analysis=analysis)


def read_upload(name: str, data: bytes, *, max_bytes: int, metadata: dict | None = None) -> ArticleFile:
    """An uploaded or read file decoded, within the size limit; ImportRefused says why not."""
    if len(data) > max_bytes:
        raise ImportRefused(f"file is larger than the {max_bytes // (1024 * 1024)} MB limit")
    return read_article(name, data, metadata)


def read_from_disk(path: Path, *, max_bytes: int) -> tuple[bytes, dict]:
    """A file's bytes and its sidecar or manifest metadata; ImportRefused says why not."""
    try:
        if path.stat().st_size > max_bytes:
            raise ImportRefused(f"file is larger than the {max_bytes // (1024 * 1024)} MB limit")
        metadata = sidecar_metadata(path)  # a bad sidecar is named before the file is read
        return path.read_bytes(), metadata
    except OSError as exc:
        raise ImportRefused(f"cannot read file: {exc.strerror or exc}") from None


def prepare_bytes(name: str, data: bytes, *, threshold: float, max_bytes: int,
                  metadata: dict | None = None) -> Prepared:
    """Read and analyse an uploaded or read file."""
    try:
        file = read_upload(name, data, max_bytes=max_bytes, metadata=metadata)
    except ImportRefused as exc:
        return Prepared(name, failure=str(exc))
    return analyse_file(file, threshold=threshold)


def prepare_path(path: Path, *, threshold: float, max_bytes: int) -> Prepared:
    """Read one file from disk (with its sidecar or manifest metadata) and analyse it."""
    try:
        data, metadata = read_from_disk(path, max_bytes=max_bytes)
    except ImportRefused as exc:
        return Prepared(str(path), failure=str(exc))
    return prepare_bytes(str(path), data, threshold=threshold, max_bytes=max_bytes, metadata=metadata)


def _prepare_one(job: tuple[Path, float, int]) -> Prepared:
    path, threshold, max_bytes = job
    return prepare_path(path, threshold=threshold, max_bytes=max_bytes)


def prepare_paths(paths: Iterable[Path], *, threshold: float, max_bytes: int,
                  workers: int | None = None) -> Iterator[Prepared]:
    """Prepared files in the order given; from PARALLEL_FROM files in `workers` processes (default: the CPUs)."""
    paths = list(paths)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if len(paths) < PARALLEL_FROM or workers <= 1:
        for path in paths:
            yield prepare_path(path, threshold=threshold, max_bytes=max_bytes)
        return
    jobs = [(p, threshold, max_bytes) for p in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # map keeps the order and reads ahead, so the writer rarely waits.
        yield from pool.map(_prepare_one, jobs, chunksize=8)
