"""Inconsistency flags: lists, flag pages, confirm / dismiss / resolve, manual flags."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("flags", __name__)
