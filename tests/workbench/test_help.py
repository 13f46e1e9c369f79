"""The help page explains every state, kind and role the app has, and is linked from every page."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.factories import ENGLISH, do_import
from workbench.auth.models import ROLES
from workbench.extensions import db
from workbench.flags.models import FLAG_STATUSES
from workbench.flags.operations import ENGINE_KINDS, MANUAL_KINDS
from workbench.help.glossary import CLAIM_STATE_HELP, FLAG_KIND_HELP, FLAG_STATUS_HELP, ROLE_HELP
from workbench.review.models import CLAIM_STATUSES, Claim, ClaimValue


def test_every_state_kind_and_role_has_an_explanation():
    assert set(CLAIM_STATE_HELP) == set(CLAIM_STATUSES)
    assert set(FLAG_KIND_HELP) == set(MANUAL_KINDS)
    assert set(FLAG_STATUS_HELP) == set(FLAG_STATUSES)
    assert [role for role, _ in ROLE_HELP] == list(ROLES)


def test_every_kind_the_engine_raises_is_a_known_and_explained_kind():
    """The kinds written in the engine (literal kinds and the cross-article classes) are all explained."""
    engine = Path(__file__).resolve().parents[2] / "claims"
    source = "\n".join(p.read_text(encoding="utf-8") for p in engine.rglob("*.py"))
    literal = set(re.findall(r'kind="([a-z_]+)"', source))
    classes = {f"cross_{c}" for c in re.findall(r'return "([a-z_]+)", ', source)} & {
        f"cross_{c}" for c in ("contradiction", "different_basis", "different_source", "revision")}
    assert literal and classes
    assert literal | classes <= set(ENGINE_KINDS) <= set(FLAG_KIND_HELP)


def test_help_is_readable_before_logging_in_and_shows_the_settings(app, client):
    app.config["CLAIM_THRESHOLD"] = 0.42
    page = client.get("/help")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "0.42" in html
    for _, label in app.config["RATING_SCALE"]:
        assert label in html
    assert "cross contradiction" in html and "Articles on the same story give values for the same fact" in html
    assert "Keyboard shortcuts" in html and "awaiting approval" in html and "returned" in html


@pytest.mark.parametrize("role", ["reviewer", "editor", "admin"])
def test_every_page_links_to_help(client, login_as, role):
    login_as(role)
    for path in ("/", "/flags", "/exports"):
        assert 'href="/help"' in client.get(path).get_data(as_text=True), path


def test_the_login_page_links_to_help(client):
    assert 'href="/help"' in client.get("/login").get_data(as_text=True)


def test_a_claim_page_reads_its_values_out_and_explains_an_inferred_year(client, login_as):
    result = do_import("week.txt", b"Energy week\n\nThe energy week runs from July 10th to 16th in Shanghai.\n",
                       {"published": date(2023, 7, 1)})
    value = db.session.scalars(select(ClaimValue).join(Claim).where(Claim.article_id == result.article_id)).first()
    assert value is not None and value.normalized.get("year_inferred")
    login_as("reviewer")
    html = client.get(f"/claims/{value.claim_id}").get_data(as_text=True)
    assert "10 July 2023 to 16 July 2023, year inferred" in html
    assert 'href="/help#values"' in html


def test_the_article_page_links_to_its_flags_story_and_workspace(client, login_as):
    article_id = do_import("expo.txt", ENGLISH.encode()).article_id
    login_as("reviewer")
    html = client.get(f"/articles/{article_id}").get_data(as_text=True)
    for path in (f"/articles/{article_id}/flags", f"/articles/{article_id}/story", f"/desk/articles/{article_id}"):
        assert f'href="{path}"' in html, path
        assert client.get(path).status_code == 200, path
