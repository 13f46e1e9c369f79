"""The engine stays pure: no workbench, Flask or SQLAlchemy imports anywhere in claims/."""
from __future__ import annotations

import ast
from pathlib import Path

CLAIMS = Path(__file__).resolve().parents[2] / "claims"
FORBIDDEN = ("workbench", "flask", "flask_sqlalchemy", "sqlalchemy", "flask_migrate", "flask_login")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_claims_imports_nothing_of_the_app() -> None:
    files = sorted(CLAIMS.rglob("*.py"))
    assert files, "claims/ has source files"
    bad = {
        f"{path.name}: {mod}"
        for path in files
        for mod in _imported_modules(path)
        if mod.split(".")[0].lower() in FORBIDDEN
    }
    assert not bad


def test_click_only_in_cli() -> None:
    users = {p.name for p in CLAIMS.rglob("*.py") if "click" in {m.split(".")[0] for m in _imported_modules(p)}}
    assert users <= {"cli.py"}


def test_scanner_sees_forbidden_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import flask\nfrom sqlalchemy.orm import Session\nfrom workbench import app\n")
    assert {"flask", "sqlalchemy.orm", "workbench"} <= _imported_modules(probe)
