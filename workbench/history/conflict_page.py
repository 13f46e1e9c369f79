"""The 409 conflict page: a stale edit refused, shown with who saved in between and both versions."""
from __future__ import annotations

from typing import Any

from flask import render_template

from workbench.core.concurrency import StaleEdit
from workbench.core.forms import set_hidden
from workbench.history.queries import latest_revision


def _shown(field: Any, value: Any) -> Any:
    """`value` as the form shows it: a choice's label for select fields (None is the empty choice)."""
    choices = getattr(field, "choices", None)
    if not choices:
        return value
    for choice in choices:
        choice_value, label = (choice.value, choice.label) if hasattr(choice, "label") else choice[:2]
        if choice_value == value or (value is None and choice_value in (0, "")):
            return label
    return value


def render_conflict(error: StaleEdit, current: Any, form: Any, fields: dict[str, str], action: str, *,
                    saved: Any = None, other: Any = None, compared: list[tuple[str, Any, Any]] = ()):
    """The 409 conflict page: who saved in between, both versions side by side, the user's input kept.

    `fields` maps form field names to labels; the saved values are read from `saved` (by
    default `current`, the entity whose version the form carries) under the same names, and
    `other` (by default the entity's newest revision) says who saved and when. The re-shown form
    carries the current version so the user can resubmit their input deliberately after
    reading the other change. `compared` adds rows (label, saved now, what the user's action
    would write) for actions whose effect is not typed into the form, such as a revert.
    """
    shown = current if saved is None else saved
    rows = [*compared] + [
        (label, _shown(getattr(form, name), getattr(shown, name, None) if shown is not None else None),
         _shown(getattr(form, name), getattr(form, name).data))
        for name, label in fields.items()
    ]
    if current is not None:
        set_hidden(form.version, current.version)
    if other is None:
        other = latest_revision(error.entity_type, error.entity_id)
    return render_template("conflict.html", error=error, rows=rows, form=form, other=other, action=action), 409
