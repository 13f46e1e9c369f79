"""Claim pages: edit, verdicts, approval, evidence."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("review", __name__)
