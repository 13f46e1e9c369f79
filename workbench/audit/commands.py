"""`workbench audit ...` commands."""
from __future__ import annotations

import click


@click.group("audit")
def audit_group() -> None:
    """Check the revision history."""
