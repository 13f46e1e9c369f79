"""The json and jsonl exports: report rows as plain JSON-ready dicts."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from workbench.exports.report import Report, ReportClaim, ReportHeader


def iso(value: date | datetime | None) -> str | None:
    """ISO 8601 text, or None."""
    return value.isoformat() if value is not None else None


def header_record(header: ReportHeader) -> dict[str, Any]:
    """What the export is, with the chain head and how to check the history against it."""
    head = header.chain_head
    return {
        "generated_at": iso(header.generated_at),
        "generated_by": header.generated_by,
        "statuses": list(header.statuses),
        "articles": list(header.article_ids) or "all",
        "claim_count": header.claim_count,
        "chain_head": {
            "revision_id": head.revision_id,
            "hash": head.hash,
            "verify": f"workbench audit verify --anchor {head.anchor}",
        },
    }


def claim_record(claim: ReportClaim) -> dict[str, Any]:
    """One claim with its article, values, current verdict, evidence and flags."""
    art = claim.article
    verdict = claim.verdict
    return {
        "id": claim.id,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "updated_at": iso(claim.updated_at),
        "article": {"id": art.id, "title": art.title, "outlet": art.outlet, "url": art.url,
                    "language": art.language, "published": iso(art.published)},
        "values": [{"type": v.type, "text": v.text, "normalized": v.normalized} for v in claim.values],
        "verdict": None if verdict is None else {
            "rating_value": verdict.rating_value, "rating_label": verdict.rating_label,
            "rationale": verdict.rationale, "state": verdict.state, "reviewer": verdict.reviewer,
            "reviewed_at": iso(verdict.reviewed_at), "approved_by": verdict.approved_by,
            "approved_at": iso(verdict.approved_at),
        },
        "evidence": [{"url": e.url, "title": e.title, "publisher": e.publisher, "published": iso(e.published),
                      "stance": e.stance, "quote": e.quote} for e in claim.evidence],
        "flags": [{"id": f.id, "kind": f.kind, "severity": f.severity, "status": f.status,
                   "explanation": f.explanation} for f in claim.flags],
    }


def _dumps(obj: object, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=indent)


def write_json(report: Report) -> Iterator[bytes]:
    """One JSON document: {"export": header, "claims": [...]}, written claim by claim."""
    yield ('{"export": ' + _dumps(header_record(report.header)) + ',\n"claims": [').encode()
    separator = "\n"
    for claim in report.claims:
        yield (separator + _dumps(claim_record(claim))).encode()
        separator = ",\n"
    yield b"\n]}\n"


def write_jsonl(report: Report) -> Iterator[bytes]:
    """JSON Lines: first {"type": "export", ...header}, then one {"type": "claim", ...} per line."""
    yield (_dumps({"type": "export", **header_record(report.header)}) + "\n").encode()
    for claim in report.claims:
        yield (_dumps({"type": "claim", **claim_record(claim)}) + "\n").encode()
