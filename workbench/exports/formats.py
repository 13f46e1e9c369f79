"""The export formats, and writing a report in one of them."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask import current_app

from workbench.core.validation import web_link
from workbench.exports.claimreview import Publisher, write_claimreview
from workbench.exports.documents import write_html, write_pdf
from workbench.exports.records import write_json, write_jsonl
from workbench.exports.report import ExportError, Report
from workbench.exports.tabular import write_csv


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    label: str
    media_type: str
    extension: str


FORMATS = {f.name: f for f in (
    ExportFormat("csv", "CSV (spreadsheet)", "text/csv; charset=utf-8", "csv"),
    ExportFormat("json", "JSON", "application/json", "json"),
    ExportFormat("jsonl", "JSON Lines", "application/x-ndjson", "jsonl"),
    ExportFormat("claimreview", "schema.org ClaimReview (JSON-LD)", "application/ld+json", "claimreview.jsonld"),
    ExportFormat("html", "HTML report", "text/html; charset=utf-8", "html"),
    ExportFormat("pdf", "PDF report", "application/pdf", "pdf"),
)}


def export_format(name: str) -> ExportFormat:
    """The format called `name`; ExportError naming the choices otherwise."""
    found = FORMATS.get(name.strip().lower())
    if found is None:
        raise ExportError(f"unknown format {name!r}: use one of {', '.join(FORMATS)}")
    return found


def publisher() -> Publisher:
    """The ClaimReview author and rating scale from the app's settings."""
    config = current_app.config
    for key in ("PUBLISHER_URL", "CLAIMREVIEW_URL"):
        if config[key] and not web_link(config[key]):
            raise ExportError(f"setting WORKBENCH_{key} must be an http:// or https:// URL, got {config[key]!r}")
    if config["CLAIMREVIEW_URL"] and "{claim_id}" not in config["CLAIMREVIEW_URL"]:
        raise ExportError("setting WORKBENCH_CLAIMREVIEW_URL must contain {claim_id}, where each claim's id goes")
    return Publisher(name=config["PUBLISHER_NAME"], url=config["PUBLISHER_URL"],
                     review_url=config["CLAIMREVIEW_URL"],
                     scale=tuple((int(v), str(label)) for v, label in config["RATING_SCALE"]))


def write(fmt: ExportFormat, report: Report, skipped: list[int]) -> Iterator[bytes]:
    """The report in `fmt`, in chunks; ids of claims a format cannot carry are appended to `skipped`."""
    if fmt.name == "csv":
        return write_csv(report)
    if fmt.name == "json":
        return write_json(report)
    if fmt.name == "jsonl":
        return write_jsonl(report)
    if fmt.name == "claimreview":
        return write_claimreview(report, publisher(), skipped)
    if fmt.name == "html":
        return write_html(report)
    return write_pdf(report)
