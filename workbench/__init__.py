"""The claim workbench web application.

`create_app` is resolved lazily so that `workbench extract` (engine only) starts without
importing Flask and SQLAlchemy.
"""
from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from workbench.app import create_app

        return create_app
    raise AttributeError(name)
