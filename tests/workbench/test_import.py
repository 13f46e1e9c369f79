"""Importing articles: formats, metadata, de-duplication and every kind of bad input."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import TEST_ACTOR, login
from tests.factories import ENGLISH, MB, do_import
from workbench.articles import operations
from workbench.articles.models import Article
from workbench.articles.operations import import_path
from workbench.extensions import db
from workbench.history.models import Revision
from workbench.review.models import Claim, ClaimValue

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_text_article_is_imported_with_claims_values_and_revisions(app):
    result = do_import("expo.txt", ENGLISH.encode(), {"published": __import__("datetime").date(2024, 5, 21)})
    assert result.status == "imported", result.message
    article = db.session.get(Article, result.article_id)
    assert article.language == "en"
    assert article.raw_text == ENGLISH
    assert count(Claim) >= 1
    for claim in db.session.scalars(select(Claim)):
        assert article.body[claim.start_offset:claim.end_offset] == claim.text
        for value in claim.values:
            assert article.body[value.start_offset:value.end_offset] == value.text
    revisions = count(Revision)
    assert revisions == 1 + count(Claim) + count(ClaimValue)


def test_reimport_creates_nothing_and_says_so(app):
    first = do_import("expo.txt", ENGLISH.encode())
    before = (count(Article), count(Claim), count(Revision))
    again = do_import("copy-of-expo.txt", ENGLISH.replace("\n", "\r\n").encode())
    assert again.status == "present"
    assert again.article_id == first.article_id
    assert f"already imported as article {first.article_id}" in again.message
    assert (count(Article), count(Claim), count(Revision)) == before


def test_markdown_is_reduced_to_text(app):
    md = "# Expo news\n\nThe expo is held **from June 5 to 8** with [more than 600 enterprises](https://x.org).\n"
    result = do_import("expo.md", md.encode())
    article = db.session.get(Article, result.article_id)
    assert "**" not in article.body and "https://x.org" not in article.body
    assert "more than 600 enterprises" in article.body
    assert article.raw_text == md


def test_html_main_text_and_metadata(app):
    html = (
        "<html><head><title>Expo page</title><meta property='og:site_name' content='Daily Paper'>"
        "<meta name='date' content='2024-05-21'></head><body><nav><a href='/'>Home</a> <a href='/biz'>Biz</a></nav>"
        f"<article><h1>Expo to open in June</h1><p>{ENGLISH}</p></article>"
        "<footer>Copyright 2024 Daily Paper. All rights reserved.</footer></body></html>"
    )
    result = do_import("expo.html", html.encode())
    assert result.status == "imported", result.message
    article = db.session.get(Article, result.article_id)
    assert "Copyright" not in article.body and "Home" not in article.body
    assert "ranks fifth among 197 countries" in article.body
    assert article.outlet == "Daily Paper"
    assert article.published.isoformat() == "2024-05-21"


def test_legacy_encoding_is_detected(app):
    german = ("Mehr als 60 Länder und Regionen nahmen teil. Die Veranstaltung läuft vom 26. bis 30. November "
              "und zieht Zehntausende Gäste an. Die Größe der Messe übertrifft alle Erwartungen.\n")
    result = do_import("alt.txt", german.encode("cp1252"))
    assert result.status == "imported", result.message
    assert "Länder" in db.session.get(Article, result.article_id).raw_text


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        ("noise.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40 + b"\x01\x02\x03\x04" * 50, "not valid UTF-8"),
        ("notes.pdf", b"%PDF-1.4 something", "unsupported file type .pdf"),
    ],
)
def test_bad_input_is_refused_with_one_clear_line(app, name, data, message):
    result = do_import(name, data)
    assert result.status == "failed"
    assert message in result.message
    assert "\n" not in result.message
    assert count(Article) == 0 and count(Revision) == 0


def test_file_over_the_size_limit_is_refused(app):
    result = do_import("big.txt", b"a" * (MB + 1), max_bytes=MB)
    assert result.status == "failed"
    assert "larger than the 1 MB limit" in result.message


def test_missing_path_is_reported(app, tmp_path):
    result = import_path(tmp_path / "nope.txt", TEST_ACTOR, threshold=0.0, max_bytes=MB)
    assert result.status == "failed"
    assert count(Article) == 0


def test_failure_half_way_leaves_nothing_written(app, monkeypatch):
    calls = []
    real = operations.record

    def fail_on_third(*args, **kwargs):
        calls.append(args[:3])
        if len(calls) == 3:  # the article's and the first claim's revisions taken, rows inserted
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(operations, "record", fail_on_third)
    with pytest.raises(RuntimeError):
        do_import("expo.txt", ENGLISH.encode())
    assert [c[1] for c in calls] == ["article", "claim", "claim_value"]
    assert (count(Article), count(Claim), count(ClaimValue), count(Revision)) == (0, 0, 0, 0)


def test_cli_import_reports_each_file_and_exits_nonzero_on_failure(runner, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "sub" / "empty.md").write_bytes(b"")
    (folder / "ignored.csv").write_text("a,b\n")
    result = runner.invoke(args=["import", str(folder), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "empty file" in result.output
    assert "no such file or folder" in result.output
    assert "imported 1, already present 0, failed 2" in result.output
    assert count(Article) == 1
    again = runner.invoke(args=["import", str(folder / "good.txt")])
    assert again.exit_code == 0
    assert "imported 0, already present 1, failed 0" in again.output


def test_manifest_and_sidecar_metadata(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps(
        [{"file": "a.txt", "title": "From manifest", "outlet": "Wire", "published": "2024-05-21", "language": "en"}]))
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"title": "From sidecar"}))
    result = runner.invoke(args=["import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    article = db.session.scalars(select(Article)).one()
    assert (article.title, article.outlet, article.published.isoformat()) == ("From sidecar", "Wire", "2024-05-21")


def test_bad_manifest_date_is_refused(runner, tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"published": "21/05/2024"}))
    result = runner.invoke(args=["import", str(tmp_path / "a.txt")])
    assert result.exit_code == 1
    assert "published must be a date like 2023-07-11" in result.output
    assert count(Article) == 0


def test_seed_loads_the_demo_and_is_harmless_twice(runner):
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert "reviewer@example.org (reviewer) password:" in first.output
    assert "imported 5, already present 0, failed 0" in first.output
    articles = {a.source_name.rsplit("/", 1)[-1]: a for a in db.session.scalars(select(Article))}
    assert articles["002_3a4f99f67490bcec.txt"].language == "de"
    assert articles["004_4d7836fb6e9d3cbd.txt"].published.isoformat() == "2023-07-11"
    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0
    assert "exists; password unchanged" in second.output
    assert "imported 0, already present 5, failed 0" in second.output


def test_seed_reset_passwords_prints_new_ones_that_log_in(runner, client):
    assert runner.invoke(args=["seed"]).exit_code == 0
    reset = runner.invoke(args=["seed", "--reset-passwords"])
    assert reset.exit_code == 0, reset.output
    new = dict(re.findall(r"user\s+(\S+) \(\w+\) new password: (\S+)", reset.output))
    assert set(new) == {"reviewer@example.org", "editor@example.org", "admin@example.org"}
    response = client.post("/login", data={"email": "editor@example.org", "password": new["editor@example.org"]})
    assert response.status_code == 302 and "/login" not in response.headers["Location"]
    assert "imported 0, already present 5, failed 0" in reset.output


def test_upload_form_imports_and_refuses_bad_files(client, login_as):
    login_as("editor")
    response = client.post("/articles/import", data={"file": (io.BytesIO(ENGLISH.encode()), "expo.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert b"ranks fifth among 197 countries" in page.data
    bad = client.post("/articles/import", data={"file": (io.BytesIO(b""), "empty.txt")},
                      content_type="multipart/form-data")
    assert bad.status_code in (400, 422)
    assert b"empty" in bad.data
    bad_url = client.post("/articles/import", data={"file": (io.BytesIO(b"x"), "x.txt"), "url": "javascript:alert(1)"},
                          content_type="multipart/form-data")
    assert bad_url.status_code == 400
    assert count(Article) == 1


def test_upload_over_the_limit_is_a_413(app, client, login_as):
    login_as("editor")
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/articles/import", data={"file": (io.BytesIO(b"a" * 4096), "big.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert b"larger than" in response.data


def test_reviewer_cannot_upload(client, login_as):
    login_as("reviewer")
    response = client.post("/articles/import", data={"file": (io.BytesIO(ENGLISH.encode()), "expo.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 403
    assert count(Article) == 0


def test_article_list_and_page_show_claims(client, login_as, runner):
    runner.invoke(args=["seed"])
    login_as("reviewer")
    listing = client.get("/").get_data(as_text=True)
    assert "Carbon neutrality expo to showcase related topics and products" in listing
    article = db.session.scalars(select(Article).where(Article.language == "de")).one()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "168 namhafte Unternehmen" in page
    assert 'class="claim"' in page


def test_article_text_is_escaped(client, login_as):
    do_import("x.txt", b"<script>alert(1)</script> The expo had more than 600 enterprises in 2023.\n")
    login_as("reviewer")
    article = db.session.scalars(select(Article)).one()
    page = client.get(f"/articles/{article.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_seed_folder_matches_the_shared_seeds():
    shared = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared seeds not beside this checkout")
    shared_files = sorted(shared.glob("*.txt"))
    assert shared_files, "the shared seeds folder holds no articles"
    for path in shared_files:
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()
    # The manifest names every seed file, and no other.
    manifest = json.loads((SEEDS / "manifest.json").read_text())
    assert sorted(e["file"] for e in manifest) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_editor_removes_an_article_with_a_reason(client, make_user):
    result = do_import("expo.txt", ENGLISH.encode())
    article = db.session.get(Article, result.article_id)
    reviewer, editor = make_user("reviewer"), make_user("editor")
    login(client, reviewer)
    assert client.post(f"/articles/{article.id}/delete", data={"reason": "dup", "version": 1}).status_code == 403
    client.post("/logout")
    login(client, editor)
    assert client.post(f"/articles/{article.id}/delete", data={"version": 1}).status_code == 400
    response = client.post(f"/articles/{article.id}/delete", data={"reason": "duplicate of a wire copy",
                                                                  "version": article.version})
    assert response.status_code == 302
    assert client.get(f"/articles/{article.id}").status_code == 404
    assert "Expo to open in June" not in client.get("/").get_data(as_text=True)
    newest_first = select(Revision).where(Revision.entity_type == "article").order_by(Revision.id.desc())
    rev = db.session.scalars(newest_first).first()
    assert (rev.action, rev.reason, rev.actor_id) == ("delete", "duplicate of a wire copy", editor.id)


def test_seed_demo_work_stages_each_review_step_once(runner):
    from workbench.flags.models import Flag
    from workbench.review.models import Claim, Verdict

    first = runner.invoke(args=["seed", "--demo-work"])
    assert first.exit_code == 0, first.output
    assert "approved" in first.output and "returned" in first.output
    states = {r.state for r in db.session.scalars(select(Verdict))}
    assert {"proposed", "approved", "rejected"} <= states
    assert db.session.scalar(select(func.count()).select_from(Claim).where(Claim.status == "in_review")) == 1
    assert db.session.scalars(select(Claim).where(Claim.status == "in_review")).one().assignee is not None
    assert "dismissed" in {f.status for f in db.session.scalars(select(Flag))}
    assert "open" in {f.status for f in db.session.scalars(select(Flag))}
    reviews = db.session.scalar(select(func.count()).select_from(Verdict))
    second = runner.invoke(args=["seed", "--demo-work"])
    assert second.exit_code == 0, second.output
    assert "nothing staged" in second.output
    assert db.session.scalar(select(func.count()).select_from(Verdict)) == reviews
