"""Pages with several forms: each form is bound only to its own submission.

Flask-WTF binds every form it builds during a POST to `request.form`. On a page with several
forms that redraws each of them, after one refused save, with the refused form's values
wherever the field names match (a source's "kind" became the claim's "kind"; every row of the
users page took the submitted row's role), and the next save of another form silently writes
them. So a form on such a page is built with `page_form`: it is bound to the request only when
the request is the POST to this form's own action; otherwise it shows the stored values passed
in, whatever was posted.

Each form also gets its own element ids (`<name>-<field>`), so that labels, ids and the
browser's notion of "this field" never mix the forms up; the posted field names stay the same.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from flask import request
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

FormT = TypeVar("FormT", bound=FlaskForm)


def submitted_to(actions: str | Iterable[str]) -> bool:
    """Whether this request is the POST of a form whose action URL is one of `actions`."""
    if request.method != "POST":
        return False
    posted = request.script_root + request.path
    return posted in ((actions,) if isinstance(actions, str) else tuple(actions))


def with_ids(form: FormT, name: str) -> FormT:
    """`form` with element ids `<name>-<field>` (labels follow), unique among the page's forms."""
    for field in form:
        field.id = f"{name}-{field.short_name}"
        field.label.field_id = field.id
    return form


def page_form(form_class: type[FormT], actions: str | Iterable[str], stored: Mapping[str, Any], *, name: str,
              **kwargs: Any) -> FormT:
    """The form posting to `actions`: bound to the request if it was the one submitted, else showing `stored`.

    A submitted form is bound to the posted data alone: falling back to the stored values for a
    field that was not posted would, for the hidden version, let a save skip its stale check.
    """
    bound = submitted_to(actions)
    form = form_class(**kwargs) if bound else form_class(formdata=None, data=dict(stored), **kwargs)
    return with_ids(form, name)


def set_hidden(field: Any, value: Any) -> None:
    """Set a (hidden) field so that it renders `value`, not what was posted into it.

    WTForms redraws a field from its raw posted data when there is any; the conflict page must
    instead carry the version the user has now seen.
    """
    field.data = value
    field.raw_data = None if value is None else [str(value)]


class VersionedForm(FlaskForm):
    """A form that edits a row from the version the person saw (posted back for the stale check)."""

    version = IntegerField(widget=HiddenField.widget, validators=[InputRequired()])


def word_choices(values: Iterable[str]) -> list[SelectChoice]:
    """Select choices for stored codes, shown with spaces for underscores."""
    return [SelectChoice(v, v.replace("_", " ")) for v in values]
