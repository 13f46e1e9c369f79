"""Bad input: control characters and bad URLs are refused with a clear message, alike on SQLite
and PostgreSQL; a bad file in a folder import is one line and the import goes on."""
from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.factories import ENGLISH, do_import
from workbench.articles.models import Article
from workbench.core.validation import InvalidURL, check_url, strip_controls
from workbench.extensions import db
from workbench.review.models import Claim
from workbench.sources.models import Source


@pytest.fixture
def claim(app):
    do_import("expo.txt", ENGLISH.encode())
    return db.session.scalars(select(Claim).order_by(Claim.id)).first()


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_nul_in_the_login_email_is_a_400_naming_the_field(client, make_user):
    user = make_user("reviewer")
    response = client.post("/login", data={"email": user.email + "\x00", "password": PASSWORD})
    assert response.status_code == 400
    assert "The field “email” contains a control character (U+0000)" in page_text(response)


@pytest.mark.parametrize("query", ["kind=date%00", "status=open%1b", "page=1%00"])
def test_control_characters_in_filters_are_a_400(client, login_as, query):
    login_as("reviewer")
    response = client.get(f"/flags?{query}")
    assert response.status_code == 400
    assert "contains a control character" in page_text(response)


def test_control_characters_in_claim_text_rationale_and_quote_are_refused(client, login_as, claim):
    login_as("reviewer")
    edit = client.post(f"/claims/{claim.id}/edit", data={"text": "A\x00B", "kind": claim.kind,
                                                        "status": "in_review", "assignee_id": 0, "version": 1})
    verdict = client.post(f"/claims/{claim.id}/reviews", data={"rating": 1, "rationale": "x\x07", "version": 1})
    evidence = client.post(f"/claims/{claim.id}/evidence", data={
        "url": "https://example.org/", "stance": "supports", "kind": "other", "quote": "q\x00"})
    assert [r.status_code for r in (edit, verdict, evidence)] == [400, 400, 400]
    assert "The field “quote” contains a control character (U+0000)" in page_text(evidence)
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).version == 1 and count(Source) == 0


def test_tab_and_line_breaks_are_kept_in_text(client, login_as, claim):
    login_as("reviewer")
    response = client.post(f"/claims/{claim.id}/edit", data={"text": "Line one\r\n\tline two.", "kind": claim.kind,
                                                            "status": "in_review", "assignee_id": 0, "version": 1})
    assert response.status_code == 302
    assert strip_controls("a\x00b\tc\n\x1bd") == "ab\tc\nd"


def test_a_file_with_a_nul_after_its_first_8_kb_is_refused(app):
    data = ENGLISH.encode() + b"x" * 9000 + b"\x00 more text."
    result = do_import("late-nul.txt", data)
    assert result.status == "failed"
    assert "NUL character at character" in result.message
    assert count(Article) == 0


def test_stray_control_characters_in_a_file_are_dropped(app):
    result = do_import("escape.txt", ENGLISH.replace("Expo to", "Expo\x1b to").encode())
    assert result.status == "imported", result.message
    article = db.session.get(Article, result.article_id)
    assert "\x1b" not in article.raw_text and "\x1b" not in article.body


def test_folder_import_goes_on_past_a_bad_file_with_one_line(app, runner, tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_bytes(b"Some text. " * 1000 + b"\x00")
    (tmp_path / "c.txt").write_text("The plant produced 5 tonnes of steel in 2023. It employs 400 people.\n")
    (tmp_path / "d.txt.meta.json").write_text("{}")
    (tmp_path / "d.txt").write_text("Exports rose 4 percent in 2022, the ministry said.\n")
    (tmp_path / "d.txt.meta.json").write_text(json.dumps({"title": "Bad\x00title"}))
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert len(failed) == 2, result.output
    assert "b.txt: binary file (a NUL character" in failed[0]
    assert "d.txt" in failed[1] and "title contains a control character (U+0000)" in failed[1]
    assert "imported 2, already present 0, failed 2" in result.output
    assert count(Article) == 2


@pytest.mark.parametrize(("url", "message"), [
    ("https://exa mple.org/", "space or line break"),
    ("https://example.org/\nx", "space or line break"),
    ("https://example.org/\x00", "invisible control character (U+0000)"),
    ("https://example.org/\u202egnp.exe", "invisible control character (U+202E)"),
    ("https://exa\u200bmple.org/", "invisible control character (U+200B)"),
    ("javascript:alert(1)", "Only http:// and https://"),
    ("ftp://example.org/x", "Only http:// and https://"),
    ("https:///path", "no host name"),
    ("https://example.org:port/", "not a valid URL"),
    ("example.org/report", "Only http:// and https://"),
    ("", "Enter an address"),
])
def test_the_url_check_refuses_what_a_link_must_not_hold(url, message):
    with pytest.raises(InvalidURL, match=re.escape(message)):
        check_url(url)


def test_the_url_check_normalises_a_bare_domain_only_when_asked():
    assert check_url("  https://example.org/a?b=c  ") == "https://example.org/a?b=c"
    assert check_url("example.org/report", assume_https=True) == "https://example.org/report"
    assert check_url("http://example.org/", assume_https=True) == "http://example.org/"


@pytest.mark.parametrize("url", ["https://exa mple.org/", "https://example.org/\u202egnp", "https:///x"])
def test_every_place_a_url_enters_uses_the_one_check(client, login_as, claim, tmp_path, url):
    login_as("editor")
    evidence = client.post(f"/claims/{claim.id}/evidence", data={"url": url, "stance": "supports", "kind": "other"})
    assert evidence.status_code == 400
    import io
    upload = client.post("/articles/import", content_type="multipart/form-data",
                         data={"file": (io.BytesIO(b"Exports rose 4 percent in 2022."), "x.txt"), "url": url})
    assert upload.status_code == 400
    from workbench.articles.reading import ImportRefused, parse_metadata
    with pytest.raises(ImportRefused, match="url refused"):
        parse_metadata({"url": url}, "x.meta.json")
    from workbench.sources.operations import SourceError, find_or_create_source
    with pytest.raises(SourceError, match="source link refused"):
        find_or_create_source({"url": url}, None)
    assert count(Source) == 0
