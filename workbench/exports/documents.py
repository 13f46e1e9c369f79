"""HTML and PDF reports: one self-contained page (inline style, no outside resources), printed to PDF by WeasyPrint."""
from __future__ import annotations

from collections.abc import Iterator

from flask import render_template

from workbench.exports.report import Report


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the Pango library it needs is missing on this machine."""


def render_html(report: Report) -> str:
    """The report as one HTML page."""
    return render_template("exports/report.html", header=report.header, claims=report.claims)


def write_html(report: Report) -> Iterator[bytes]:
    yield render_html(report).encode()


def _refuse_fetch(url: str, *args, **kwargs):
    # The page is self-contained; nothing in a report may make the server fetch a URL.
    raise ValueError(f"reports load no outside resources ({url})")


def write_pdf(report: Report) -> Iterator[bytes]:
    """The HTML report printed to PDF (A4), the chain head in its text and metadata."""
    try:
        from weasyprint import HTML  # imported here: loading Pango costs time every other export saves
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            "PDF export needs WeasyPrint and Pango (Debian packages libpango-1.0-0 and libpangoft2-1.0-0): "
            f"{exc}") from exc
    yield HTML(string=render_html(report), url_fetcher=_refuse_fetch).write_pdf()
