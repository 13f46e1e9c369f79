"""Exports that are pasted elsewhere stay inert: CSV cells never start a formula, JSON-LD never
ends the <script> element it is embedded in."""
from __future__ import annotations

import json

import pytest

from workbench.exports.claimreview import json_ld
from workbench.exports.tabular import cell
from workbench.extensions import db


@pytest.mark.parametrize("text", [" =1+1", "\n=1+1", "\u3000=1", "＝1+1", "＠SUM(A1)", "＋1", "－1", "=1", "@x"])
def test_cells_a_spreadsheet_could_run_are_defused(text):
    assert cell(text) == "'" + text


def test_ordinary_cells_are_written_as_they_are():
    assert cell("China ranks fifth.") == "China ranks fifth." and cell(5) == "5" and cell(None) == ""


def test_json_ld_escapes_what_could_end_a_script_element():
    text = json_ld({"claimReviewed": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == {"claimReviewed": "</script><script>alert(1)</script> & more"}


def test_the_claimreview_export_holds_no_raw_script_end(runner, desk, tmp_path, app):
    claim = desk["verified"]
    claim.text = "Held on June 5</script><script>alert(1)</script>"
    db.session.commit()
    out = tmp_path / "r.jsonld"
    result = runner.invoke(args=["export", "--format", "claimreview", "--status", "all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_text()
    assert "</script>" not in raw and "<" not in raw
    assert json.loads(raw)["dataFeedElement"][0]["claimReviewed"] == claim.text
