"""The audit log as a file: the revisions matching the log's filters, oldest first, with the chain head.

Every line or row carries each field a revision's hash covers, and the hash, so someone holding
the file can check it without the workbench. A revision's hash is the SHA-256 (hex) of the UTF-8
JSON of all its fields but "hash": keys sorted, separators "," and ":", non-ASCII characters as
they are, created_at in UTC ISO 8601. Each prev_hash is the hash of the revision before it. The
file is read in one snapshot, like every export. JSON Lines keeps every value exactly; CSV
defuses cells a spreadsheet would run as formulas (see tabular.cell), so check hashes on JSON Lines.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from workbench.audit.queries import LogFilter, filtered
from workbench.core.concurrency import consistent_read
from workbench.core.models import utc_now
from workbench.exports.report import ChainHeadStamp, current_head
from workbench.exports.tabular import cell
from workbench.extensions import db
from workbench.history.models import Revision

BATCH = 2000
FIELDS = ("id", "created_at", "actor_id", "actor_label", "action", "entity_type", "entity_id", "claim_id",
          "article_id", "changes", "reason", "prev_hash", "hash")
LOG_FORMATS = ("jsonl", "csv")


@dataclass(frozen=True, slots=True)
class AuditLog:
    generated_at: datetime
    generated_by: str
    filters: dict[str, Any]
    chain_head: ChainHeadStamp
    revisions: Iterator[dict[str, Any]]  # read lazily, inside the snapshot


def _filters(where: LogFilter) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in asdict(where).items()
            if v not in (None, False)}


def _revisions(where: LogFilter, upto: int) -> Iterator[dict[str, Any]]:
    # Keyset batches of plain rows: memory stays flat however long the history is.
    columns = [Revision.__table__.c[name] for name in FIELDS]
    after = 0
    while True:
        query = filtered(select(*columns), where).where(Revision.id > after, Revision.id <= upto)
        rows = db.session.execute(query.order_by(Revision.id).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            record = row._asdict()
            record["created_at"] = record["created_at"].astimezone(UTC).isoformat()
            yield record
        after = rows[-1].id


@contextmanager
def open_audit_log(where: LogFilter, generated_by: str) -> Iterator[AuditLog]:
    """The filtered audit log up to the current chain head, read in one snapshot for the block."""
    with consistent_read():
        stamp = current_head()
        yield AuditLog(utc_now(), generated_by, _filters(where), stamp, _revisions(where, stamp.revision_id))


def _header(log: AuditLog) -> dict[str, Any]:
    head = log.chain_head
    return {"type": "audit_log", "generated_at": log.generated_at.isoformat(), "generated_by": log.generated_by,
            "filters": log.filters,
            "chain_head": {"revision_id": head.revision_id, "hash": head.hash,
                           "verify": f"workbench audit verify --anchor {head.anchor}"}}


def write_log_jsonl(log: AuditLog) -> Iterator[bytes]:
    """A header line {"type": "audit_log", ...}, then one {"type": "revision", ...} per line."""
    yield (json.dumps(_header(log), ensure_ascii=False) + "\n").encode()
    for rev in log.revisions:
        yield (json.dumps({"type": "revision", **rev}, ensure_ascii=False) + "\n").encode()


def write_log_csv(log: AuditLog) -> Iterator[bytes]:
    """One row per revision (changes as JSON), with the chain head on every row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*FIELDS, "chain_head_revision", "chain_head_hash"))
    yield ("\ufeff" + buffer.getvalue()).encode()
    head = log.chain_head
    for rev in log.revisions:
        buffer.seek(0)
        buffer.truncate()
        values = [json.dumps(rev["changes"], ensure_ascii=False) if k == "changes" else rev[k] for k in FIELDS]
        writer.writerow([cell(v) for v in (*values, head.revision_id, head.hash)])
        yield buffer.getvalue().encode()


def write_log(fmt: str, log: AuditLog) -> Iterator[bytes]:
    """The log in `fmt` (one of LOG_FORMATS)."""
    return write_log_csv(log) if fmt == "csv" else write_log_jsonl(log)
