"""Exports: every format names the revision chain head it was read at; content, roles and bad input."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re

import pypdf
import pytest
from sqlalchemy import create_engine, select, text

from tests.conftest import TEST_ACTOR, login
from tests.factories import do_import, forge_revision_beyond_the_head
from workbench.articles.models import Article
from workbench.exports import formats as formats_module
from workbench.exports.formats import FORMATS
from workbench.exports.report import open_report
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.history.queries import chain_head
from workbench.review.models import CLAIM_STATUSES, Claim
from workbench.review.operations import delete_claim, update_claim


def head_anchor() -> str:
    head = chain_head()
    return f"{head[0]}:{head[1]}"


def anchors_in(fmt: str, data: bytes) -> set[str]:
    """The chain head anchors a file states, read the way a user of that format would read them."""
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        return {f"{r['chain_head_revision']}:{r['chain_head_hash']}" for r in rows}
    if fmt == "json":
        head = json.loads(data)["export"]["chain_head"]
        return {f"{head['revision_id']}:{head['hash']}"}
    if fmt == "jsonl":
        first = json.loads(data.decode().splitlines()[0])
        assert first["type"] == "export"
        return {f"{first['chain_head']['revision_id']}:{first['chain_head']['hash']}"}
    if fmt == "claimreview":
        return {json.loads(data)["identifier"]["value"]}
    if fmt == "html":
        return set(re.findall(r"--anchor (\d+:[0-9a-f]{64})", data.decode()))
    pdf = pypdf.PdfReader(io.BytesIO(data))
    visible = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    found = set(re.findall(r"--anchor(\d+:[0-9a-f]{64})", visible))
    found |= set(re.findall(r"chain-head:(\d+:[0-9a-f]{64})", pdf.metadata.get("/Keywords", "")))
    return found


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_format_names_the_chain_head_it_was_read_at(runner, desk, tmp_path, fmt):
    anchor = head_anchor()
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(args=["export", "--format", fmt, "--status", "all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert anchors_in(fmt, out.read_bytes()) == {anchor}
    assert f"revision chain head {anchor}" in result.output
    # The anchor is what `audit verify` checks the history against later.
    verified = runner.invoke(args=["audit", "verify", "--anchor", anchor])
    assert verified.exit_code == 0 and "1 anchor(s) match" in verified.output


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_download_names_the_chain_head_in_file_and_header(client, desk, fmt):
    login(client, desk["editor"])
    anchor = head_anchor()
    response = client.get(f"/exports/download?format={fmt}&status=all")
    assert response.status_code == 200, response.data[:300]
    assert response.headers["X-Revision-Chain-Head"] == anchor
    assert response.mimetype == FORMATS[fmt].media_type.split(";")[0]
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="claims-all-') and disposition.endswith(
        f'-r{anchor.split(":")[0]}.{FORMATS[fmt].extension}"')
    assert anchors_in(fmt, response.data) == {anchor}


def test_export_head_moves_with_the_history(runner, desk, tmp_path):
    out = tmp_path / "r.json"
    runner.invoke(args=["export", "--format", "json", "-o", str(out)])
    before = json.loads(out.read_text())["export"]["chain_head"]["revision_id"]
    claim = db.session.get(Claim, desk["unreviewed"].id)
    update_claim(claim, {"text": "Edited after the export."}, claim.version, TEST_ACTOR)
    runner.invoke(args=["export", "--format", "json", "-o", str(out)])
    after = json.loads(out.read_text())["export"]["chain_head"]
    assert after["revision_id"] == before + 1 and f"{after['revision_id']}:{after['hash']}" == head_anchor()


def test_json_holds_claims_with_values_verdict_evidence_and_flags(runner, desk, tmp_path):
    out = tmp_path / "r.json"
    assert runner.invoke(args=["export", "--format", "json", "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text())
    assert data["export"]["statuses"] == ["verified"] and data["export"]["claim_count"] == 1
    [claim] = data["claims"]
    assert claim["id"] == desk["verified"].id and claim["status"] == "verified"
    assert claim["article"]["title"] == "Expo to open in June" and claim["article"]["language"] == "en"
    # The export carries the claim's values; which ones the engine finds besides the range is the engine's business.
    assert any({"type": "date_range", "text": "from June 5 to 8"}.items() <= v.items() for v in claim["values"])
    verdict = claim["verdict"]
    assert (verdict["rating_value"], verdict["rating_label"], verdict["state"]) == (5, "True", "approved")
    assert verdict["reviewer"] == desk["reviewer"].name and verdict["approved_by"] == desk["editor"].name
    assert claim["evidence"] == [{"url": "https://example.org/expo", "title": "Expo programme",
                                  "publisher": "Expo office", "published": None, "stance": "supports",
                                  "quote": "June 5 to 8"}]
    assert [(f["kind"], f["status"]) for f in claim["flags"]] == [("value_mismatch", "open")]
    assert data["export"]["generated_by"].startswith("command: workbench export")


def test_status_choice_and_removed_claims(runner, desk, tmp_path):
    out = tmp_path / "r.jsonl"
    gone = db.session.get(Claim, desk["unreviewed"].id)
    delete_claim(gone, gone.version, TEST_ACTOR, reason="duplicate")
    live = db.session.scalar(select(db.func.count()).select_from(Claim).where(Claim.deleted_at.is_(None)))

    def exported(status: str) -> list[dict]:
        result = runner.invoke(args=["export", "--format", "jsonl", "--status", status, "-o", str(out)])
        assert result.exit_code == 0, result.output
        header, *claims = (json.loads(line) for line in out.read_text().splitlines())
        assert header["claim_count"] == len(claims) and all(c["type"] == "claim" for c in claims)
        return claims

    assert [c["id"] for c in exported("verified")] == [desk["verified"].id]
    assert [c["status"] for c in exported("proposed")] == ["proposed"]
    both = exported("verified, proposed")
    assert {c["status"] for c in both} == {"verified", "proposed"}
    everything = exported("all")
    assert len(everything) == live and gone.id not in {c["id"] for c in everything}
    assert [c["id"] for c in everything] == sorted(c["id"] for c in everything)  # article order, then text order


def test_claimreview_carries_approved_verdicts_only(runner, desk, tmp_path, app):
    app.config.update(PUBLISHER_NAME="Example Fact Desk", PUBLISHER_URL="https://desk.example.org",
                      CLAIMREVIEW_URL="https://desk.example.org/checks/{claim_id}")
    article = db.session.get(Article, desk["verified"].article_id)
    article.url = "https://news.example.com/expo"
    db.session.commit()
    out = tmp_path / "r.jsonld"
    result = runner.invoke(args=["export", "--format", "claimreview", "--status", "all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    feed = json.loads(out.read_text())
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    [review] = feed["dataFeedElement"]
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == desk["verified"].text
    assert review["url"] == f"https://desk.example.org/checks/{desk['verified'].id}"
    assert review["author"] == {"@type": "Organization", "name": "Example Fact Desk",
                                "url": "https://desk.example.org"}
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
                                      "alternateName": "True"}
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example.com/expo"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", review["datePublished"])
    assert "left out" in result.output and str(desk["proposed"].id) in result.output


def test_claimreview_refuses_a_bad_review_url_setting(runner, desk, app, tmp_path):
    app.config.update(CLAIMREVIEW_URL="javascript:alert(1)//{claim_id}")
    out = tmp_path / "r.jsonld"
    result = runner.invoke(args=["export", "--format", "claimreview", "-o", str(out)])
    assert result.exit_code == 1 and "WORKBENCH_CLAIMREVIEW_URL must be an http:// or https:// URL" in result.output
    assert not out.exists()


def test_csv_is_spreadsheet_safe_and_keeps_umlauts(runner, desk, tmp_path):
    claim = db.session.get(Claim, desk["verified"].id)
    update_claim(claim, {"text": "=HYPERLINK(\"http://evil.example\") Größe über 600"}, claim.version, TEST_ACTOR)
    out = tmp_path / "r.csv"
    assert runner.invoke(args=["export", "--format", "csv", "-o", str(out)]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    [row] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["claim_text"] == "'=HYPERLINK(\"http://evil.example\") Größe über 600"
    assert row["rating_label"] == "True" and row["approved_by"] == desk["editor"].name
    assert row["evidence"] == 'supports: https://example.org/expo "June 5 to 8"'


def test_html_escapes_text_and_links_only_web_urls(client, desk):
    claim = db.session.get(Claim, desk["verified"].id)
    update_claim(claim, {"text": "<script>alert('x')</script> Expo"}, claim.version, TEST_ACTOR)
    article = db.session.get(Article, claim.article_id)
    article.url = "javascript:alert(1)"
    db.session.commit()
    login(client, desk["editor"])
    page = client.get("/exports/download?format=html&status=verified").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Expo" in page
    assert "javascript:" not in page
    assert '<a href="https://example.org/expo">Expo programme</a>' in page


def test_reviewers_export_verified_claims_only(client, desk):
    login(client, desk["reviewer"])
    page = client.get("/exports")
    assert page.status_code == 200 and "Reviewers export verified claims" in page.get_data(as_text=True)
    assert client.get("/exports/download?format=csv&status=verified").status_code == 200
    for status in ("all", "proposed", "unreviewed"):
        refused = client.get(f"/exports/download?format=json&status={status}")
        assert refused.status_code == 403 and b"other statuses are for editors" in refused.data


def test_export_needs_a_login(client, desk):
    for url in ("/exports", "/exports/download?format=json&status=verified"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("query", ["format=xml&status=verified", "format=csv&status=published", "format=csv&status="])
def test_bad_export_requests_get_400_with_the_form(client, desk, query):
    login(client, desk["editor"])
    response = client.get(f"/exports/download?{query}")
    assert response.status_code == 400 and b"Choose one of the listed formats" in response.data


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xml"], "unknown format 'xml': use one of csv, json, jsonl, claimreview, html, pdf"),
    (["--format", "csv", "--status", "published"], "unknown status published: use all, or one or more of"),
    (["--format", "csv", "--status", " , "], "unknown status ' , '"),
    (["--format", "csv", "-o", "/no/such/folder/r.csv"], "/no/such/folder: no such folder"),
])
def test_bad_export_commands_exit_1_with_one_line(runner, desk, args, message):
    result = runner.invoke(args=["export", *args])
    assert result.exit_code == 1
    assert result.output.startswith("workbench export: ") and message in result.output
    assert result.output.count("\n") == 1


def test_a_failed_export_leaves_the_previous_file_untouched(runner, desk, tmp_path, monkeypatch):
    out = tmp_path / "r.json"
    assert runner.invoke(args=["export", "--format", "json", "-o", str(out)]).exit_code == 0
    good = out.read_bytes()

    def broken(report):
        yield b'{"export": '
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(formats_module, "write_json", broken)
    result = runner.invoke(args=["export", "--format", "json", "-o", str(out)])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind


def test_export_reads_one_snapshot_without_holding_up_editors(app, desk, database_url):
    """A change committed while an export is being read is not in it, and its head is the one before."""
    anchor, claim_id = head_anchor(), desk["verified"].id
    with open_report(CLAIM_STATUSES, "tests") as report:
        other = create_engine(database_url)
        with other.begin() as conn:
            conn.execute(text("UPDATE claims SET text = 'changed meanwhile' WHERE id = :id"), {"id": claim_id})
        other.dispose()
        texts = {c.id: c.text for c in report.claims}
    assert report.header.chain_head.anchor == anchor
    assert texts[claim_id] != "changed meanwhile"


def test_browser_pdf_has_a_size_limit(client, desk, app):
    app.config.update(PDF_MAX_CLAIMS=1)
    login(client, desk["editor"])
    response = client.get("/exports/download?format=pdf&status=all")
    assert response.status_code == 400 and b"holds at most 1 claims" in response.data
    assert client.get("/exports/download?format=pdf&status=verified").status_code == 200


def test_article_page_links_only_web_urls(client, desk):
    article = db.session.get(Article, desk["verified"].article_id)
    login(client, desk["reviewer"])
    article.url = "https://news.example.com/expo"
    db.session.commit()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert '<a href="https://news.example.com/expo" rel="noopener noreferrer nofollow">original</a>' in page
    article = db.session.get(Article, article.id)
    article.url = "javascript:alert(1)"  # imports refuse this; the page must not trust the database either
    db.session.commit()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "javascript:" not in page and ">original</a>" not in page


def test_export_of_one_article(runner, client, desk, tmp_path):
    other = do_import("other.txt", b"Second story\n\nThe forum drew 450 delegates from 30 countries on May 3, 2024.\n")
    out = tmp_path / "r.jsonl"
    article_id = desk["verified"].article_id
    result = runner.invoke(args=["export", "--format", "jsonl", "--status", "all", "--article", str(article_id),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    header, *claims = (json.loads(line) for line in out.read_text().splitlines())
    assert header["articles"] == [article_id] and claims
    assert {c["article"]["id"] for c in claims} == {article_id}
    result = runner.invoke(args=["export", "--format", "jsonl", "--status", "all", "-o", str(out)])
    header, *claims = (json.loads(line) for line in out.read_text().splitlines())
    assert header["articles"] == "all" and {c["article"]["id"] for c in claims} == {article_id, other.article_id}

    result = runner.invoke(args=["export", "--format", "csv", "--article", "99999"])
    assert result.exit_code == 1 and result.output == (
        "workbench export: no such article: 99999 (removed, or never imported)\n")

    login(client, desk["editor"])
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert f"/exports?article={article_id}" in page
    response = client.get(f"/exports/download?format=csv&status=all&article={article_id}")
    assert response.status_code == 200
    assert f'filename="claims-article{article_id}-all-' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows and {r["article_id"] for r in rows} == {str(article_id)}
    missing = client.get("/exports/download?format=csv&status=all&article=99999")
    assert missing.status_code == 400 and b"no such article: 99999" in missing.data


@pytest.mark.parametrize("article", ["2147483648", "99999999999999999999"])
def test_an_article_id_beyond_the_integer_range_is_an_unknown_article(runner, client, desk, article):
    result = runner.invoke(args=["export", "--format", "json", "--article", article])
    assert result.exit_code == 1 and result.output == (
        f"workbench export: no such article: {article} (removed, or never imported)\n")
    login(client, desk["editor"])
    response = client.get(f"/exports/download?format=json&article={article}")
    assert response.status_code == 400 and f"no such article: {article}".encode() in response.data
    assert b'name="article"' in response.data  # the form, to correct the request


def independent_hash(line: dict) -> str:
    """A revision's hash as documented for outside readers (workbench/exports/audit_log.py), from scratch."""
    content = {k: v for k, v in line.items() if k not in ("type", "hash")}
    return hashlib.sha256(json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                          .encode()).hexdigest()


def test_audit_log_export_can_be_checked_without_the_workbench(runner, desk, tmp_path):
    out = tmp_path / "log.jsonl"
    result = runner.invoke(args=["audit", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    header, *revisions = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert header["type"] == "audit_log" and header["filters"] == {}
    assert f"{header['chain_head']['revision_id']}:{header['chain_head']['hash']}" == head_anchor()
    assert [r["id"] for r in revisions] == list(range(1, header["chain_head"]["revision_id"] + 1))
    previous = "0" * 64
    for rev in revisions:
        assert rev["prev_hash"] == previous and independent_hash(rev) == rev["hash"]
        previous = rev["hash"]
    assert previous == header["chain_head"]["hash"]


def test_audit_log_export_follows_the_filters(runner, client, desk, tmp_path):
    out = tmp_path / "log.jsonl"
    args = ["audit", "export", "--entity", "review", "--user", desk["editor"].email, "-o", str(out)]
    assert runner.invoke(args=args).exit_code == 0
    header, *revisions = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert header["filters"] == {"actor_id": desk["editor"].id, "entity_type": "review"}
    assert [(r["entity_type"], r["action"], r["actor_id"]) for r in revisions] == [
        ("review", "update", desk["editor"].id)]  # the approval
    assert all(independent_hash(r) == r["hash"] for r in revisions)
    bad = runner.invoke(args=["audit", "export", "--user", "nobody@example.org"])
    assert bad.exit_code == 1 and bad.output == "workbench audit export: no user nobody@example.org\n"

    login(client, desk["editor"])
    assert "/audit/export?format=jsonl&amp;entity_type=review" in client.get(
        "/audit?entity_type=review").get_data(as_text=True)
    response = client.get("/audit/export?format=csv&entity_type=review")
    assert response.status_code == 200 and response.headers["X-Revision-Chain-Head"] == head_anchor()
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows and {r["entity_type"] for r in rows} == {"review"}
    assert {f"{r['chain_head_revision']}:{r['chain_head_hash']}" for r in rows} == {head_anchor()}
    assert client.get("/audit/export?format=xml").status_code == 400
    assert client.get("/audit/export?format=jsonl&date_from=2026-02-30").status_code == 400


def test_only_editors_export_the_audit_log(client, desk):
    login(client, desk["reviewer"])
    assert client.get("/audit/export?format=jsonl").status_code == 403


def revision_ids_in(jsonl: str) -> list[int]:
    return [json.loads(line)["id"] for line in jsonl.splitlines()[1:]]


def test_audit_log_export_dates_cover_the_whole_calendar(runner, client, desk, tmp_path):
    every = list(range(1, chain_head()[0] + 1))
    out = tmp_path / "log.jsonl"
    for args, expected in ((["--to", "9999-12-31"], every), (["--from", "0001-01-01"], every),
                           (["--from", "9999-12-31"], []), (["--to", "0001-01-01"], [])):
        result = runner.invoke(args=["audit", "export", *args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert revision_ids_in(out.read_text(encoding="utf-8")) == expected, args
    login(client, desk["editor"])
    response = client.get("/audit/export?format=jsonl&date_from=0001-01-01&date_to=9999-12-31")
    assert response.status_code == 200 and revision_ids_in(response.get_data(as_text=True)) == every


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_exports_name_the_head_row_not_a_row_forged_beyond_it(runner, desk, tmp_path, fmt):
    anchor = head_anchor()
    forge_revision_beyond_the_head(db.session.get(Revision, chain_head()[0]))
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(args=["export", "--format", fmt, "--status", "all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert anchors_in(fmt, out.read_bytes()) == {anchor}


def test_audit_log_export_stops_at_the_head_row(runner, client, desk, tmp_path):
    head_id, head_hash = chain_head()
    forge_revision_beyond_the_head(db.session.get(Revision, head_id))
    out = tmp_path / "log.jsonl"
    assert runner.invoke(args=["audit", "export", "-o", str(out)]).exit_code == 0
    header = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert header["chain_head"]["revision_id"] == head_id and header["chain_head"]["hash"] == head_hash
    assert revision_ids_in(out.read_text(encoding="utf-8")) == list(range(1, head_id + 1))
    login(client, desk["editor"])
    response = client.get("/audit/export?format=csv")
    assert response.headers["X-Revision-Chain-Head"] == f"{head_id}:{head_hash}"
    assert "f" * 64 not in response.get_data(as_text=True)
