"""CSV: one row per claim, readable in a spreadsheet, with the chain head on every row."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from workbench.exports.records import iso
from workbench.exports.report import Report, ReportClaim

COLUMNS = (
    "claim_id", "claim_text", "kind", "status", "claim_updated_at",
    "article_id", "article_title", "outlet", "article_url", "article_language", "article_published",
    "values", "rating_value", "rating_label", "rationale", "verdict_state", "reviewer", "reviewed_at",
    "approved_by", "approved_at", "evidence", "flags",
    # On every row, so a row copied out of the file still names the history it came from.
    "chain_head_revision", "chain_head_hash", "generated_at",
)

# Spreadsheets run a cell starting with one of these as a formula (CSV injection): such text
# from an article or a reviewer is written with a leading apostrophe, which spreadsheets hide.
# Leading blanks and line breaks are skipped by some spreadsheets before they look for "=",
# and some take the full-width forms (as typed with CJK input methods) as the ASCII ones.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", " ", "\u3000", "＝", "＋", "－", "＠")


def cell(value: object) -> str:
    """A value as CSV cell text, defused if a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _values(claim: ReportClaim) -> str:
    return "; ".join(f"{v.type} {v.text!r} {json.dumps(v.normalized, ensure_ascii=False, sort_keys=True)}"
                     for v in claim.values)


def _evidence(claim: ReportClaim) -> str:
    return "; ".join(f"{e.stance}: {e.url}" + (f' "{e.quote}"' if e.quote else "") for e in claim.evidence)


def _flags(claim: ReportClaim) -> str:
    return "; ".join(f"#{f.id} {f.kind} ({f.severity}, {f.status}): {f.explanation}" for f in claim.flags)


def _row(claim: ReportClaim, report: Report) -> list[str]:
    art, verdict, head = claim.article, claim.verdict, report.header.chain_head
    fields = [
        claim.id, claim.text, claim.kind, claim.status, iso(claim.updated_at),
        art.id, art.title, art.outlet, art.url, art.language, iso(art.published),
        _values(claim),
        verdict and verdict.rating_value, verdict and verdict.rating_label, verdict and verdict.rationale,
        verdict and verdict.state, verdict and verdict.reviewer, verdict and iso(verdict.reviewed_at),
        verdict and verdict.approved_by, verdict and iso(verdict.approved_at),
        _evidence(claim), _flags(claim),
        head.revision_id, head.hash, iso(report.header.generated_at),
    ]
    return [cell(f) for f in fields]


def write_csv(report: Report) -> Iterator[bytes]:
    """The report as UTF-8 CSV with a byte order mark (so spreadsheets read the umlauts right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield ("\ufeff" + buffer.getvalue()).encode()
    for claim in report.claims:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(_row(claim, report))
        yield buffer.getvalue().encode()
