"""The export page and downloads."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from flask_login import current_user

from workbench.audit.forms import LogFilterForm
from workbench.audit.queries import users_for_filter
from workbench.auth.roles import role_required
from workbench.exports.audit_log import LOG_FORMATS, open_audit_log, write_log
from workbench.exports.documents import PdfUnavailable
from workbench.exports.formats import export_format, write
from workbench.exports.forms import ExportForm
from workbench.exports.report import (
    ChainHeadStamp,
    ExportError,
    ReportHeader,
    claim_counts_by_status,
    open_report,
    parse_statuses,
    user_label,
)

bp = Blueprint("exports", __name__)

# Verified claims are the desk's published work; anything else is work in progress, which
# editors decide to let out of the workbench.
OPEN_TO_REVIEWERS = ("verified",)


def _page(form: ExportForm, status: int = 200, error: str | None = None, *, offer_job: bool = False):
    return render_template("exports/index.html", form=form, counts=claim_counts_by_status(), error=error,
                           offer_job=offer_job), status


def _attachment(body: bytes, mimetype: str, filename: str, head: ChainHeadStamp) -> Response:
    """A download of `body`, naming the chain head it was read at in a header too."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Revision-Chain-Head"] = head.anchor
    return response


def _filename(header: ReportHeader, extension: str) -> str:
    scope = "all" if len(header.statuses) > 1 else header.statuses[0]
    if len(header.article_ids) == 1:
        scope = f"article{header.article_ids[0]}-{scope}"
    stamp = header.generated_at.strftime("%Y%m%dT%H%MZ")
    return f"claims-{scope}-{stamp}-r{header.chain_head.revision_id}.{extension}"


@bp.route("/exports")
@role_required("reviewer")
def export_page():
    """Choose a format and the claims to export."""
    return _page(ExportForm(request.args))


@bp.route("/exports/download")
@role_required("reviewer")
def download():
    """The report as a file, with its revision chain head in the file and in a response header."""
    form = ExportForm(request.args)
    if not form.validate():
        return _page(form, 400, "Choose one of the listed formats and statuses.")
    fmt = export_format(form.format.data)
    statuses = parse_statuses(form.status.data)
    if not current_user.has_role("editor") and any(s not in OPEN_TO_REVIEWERS for s in statuses):
        return _page(form, 403, "Reviewers can export verified claims; other statuses are for editors and admins.")
    skipped: list[int] = []
    try:
        articles = (form.article.data,) if form.article.data else ()
        with open_report(statuses, user_label(current_user), articles) as report:
            limit = current_app.config["PDF_MAX_CLAIMS"]
            if fmt.name == "pdf" and report.header.claim_count > limit:
                return _page(form, 400, f"A PDF from the browser holds at most {limit:,} claims and this one would "
                                        f"hold {report.header.claim_count:,}: choose fewer statuses, download HTML, "
                                        "run it as a background job, or run `workbench export --format pdf`.",
                             offer_job=True)
            body = b"".join(write(fmt, report, skipped))
    except ExportError as exc:
        return _page(form, 400, str(exc))
    except PdfUnavailable as exc:
        return _page(form, 503, str(exc))
    header = report.header
    response = _attachment(body, fmt.media_type, _filename(header, fmt.extension), header.chain_head)
    if skipped:
        response.headers["X-Claims-Left-Out"] = str(len(skipped))
    return response


@bp.route("/audit/export")
@role_required("editor")
def download_audit_log():
    """The audit log, filtered as on the audit page, as JSON Lines or CSV with the chain head."""
    fmt = request.args.get("format", "jsonl")
    form = LogFilterForm(request.args, users=users_for_filter())
    if fmt not in LOG_FORMATS or not form.validate():
        return render_template("error.html", code=400,
                               message="Choose JSON Lines or CSV, and filters as on the audit page."), 400
    where = form.log_filter()
    with open_audit_log(where, user_label(current_user)) as log:
        body = b"".join(write_log(fmt, log))
    head = log.chain_head
    stamp = log.generated_at.strftime("%Y%m%dT%H%MZ")
    return _attachment(body, "text/csv" if fmt == "csv" else "application/x-ndjson",
                       f"audit-log-{stamp}-r{head.revision_id}.{fmt}", head)
