"""Revision history pages: global audit log, claim and article timelines, revert."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("audit", __name__)
