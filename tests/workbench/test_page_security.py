"""Pages carry no inline style or script, so the Content-Security-Policy can forbid them."""
from __future__ import annotations

import re
from pathlib import Path

from workbench.app import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "templates"
# The downloadable HTML report is a standalone file (also printed to PDF by WeasyPrint, which
# fetches nothing): its style is embedded on purpose. It is not an app page.
STANDALONE_DOCUMENTS = {TEMPLATES / "exports" / "report.html"}
INLINE = re.compile(r"<style|<script(?![^>]*\bsrc=)|\sstyle\s*=|\son[a-z]+\s*=", re.IGNORECASE)


def app_templates() -> list[Path]:
    return [p for p in sorted(TEMPLATES.rglob("*.html")) if p not in STANDALONE_DOCUMENTS]


def test_no_template_has_inline_style_or_script():
    offenders = [f"{path.relative_to(PROJECT_ROOT)}: {match.group(0).strip()}"
                 for path in app_templates() for match in INLINE.finditer(path.read_text())]
    assert offenders == []


def test_the_stylesheet_is_served_and_linked(client):
    with client.get("/static/css/workbench.css") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/css"
        assert b".flag-member" in response.data
    login_page = client.get("/login").get_data(as_text=True)
    assert '<link rel="stylesheet" href="/static/css/workbench.css">' in login_page
