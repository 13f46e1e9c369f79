"""`workbench --help` shows the workbench's own commands before Flask's development ones."""
from __future__ import annotations

from click.testing import CliRunner

from workbench.cli import build_group


def test_help_lists_workbench_commands_first_and_flask_ones_apart():
    result = CliRunner().invoke(build_group(), ["--help"], prog_name="workbench")
    assert result.exit_code == 0, result.output
    own = result.output.index("Workbench commands:")
    development = result.output.index("Flask development commands:")
    assert own < development
    own_section = result.output[own:development]
    for name in ("import", "seed", "export", "users", "serve", "audit", "flags"):
        assert f"\n  {name} " in own_section
    for name in ("run", "shell", "routes"):
        assert f"\n  {name} " not in own_section
        assert f"\n  {name} " in result.output[development:]
