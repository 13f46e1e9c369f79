"""`workbench detect` command."""
from __future__ import annotations

import click


@click.group("flags")
def flags_group() -> None:
    """Inconsistency detection over the stored articles."""
