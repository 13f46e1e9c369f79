"""The written guides stay true to the tree: every package is described, every file they name exists."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_architecture_guide_describes_every_package_of_the_app():
    guide = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(p.parent.name for p in (ROOT / "workbench").glob("*/__init__.py"))
    assert packages
    missing = [name for name in packages if f"\n      {name}/" not in guide]
    assert not missing, f"docs/architecture.md does not describe: {missing}"


def test_every_project_file_the_readme_and_guides_name_exists():
    named: set[str] = set()
    for doc in ("README.md", "docs/architecture.md", "bench/README.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        named.update(re.findall(r"`((?:workbench|claims|bench|scripts|docs|tests|templates)/[\w./-]+\.(?:py|md|html|png|conf))`",
                                text))
        named.update(re.findall(r"\]\(((?:docs|bench)/[\w./-]+)\)", text))
    assert named
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert not missing, f"named but not in the project: {missing}"
