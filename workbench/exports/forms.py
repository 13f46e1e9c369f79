"""The export page's form (GET: an export changes nothing, so it carries no CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from workbench.exports.formats import FORMATS
from workbench.review.models import CLAIM_STATUSES


class ExportForm(FlaskForm):
    class Meta:
        csrf = False

    format = SelectField("Format", choices=[SelectChoice(f.name, f.label) for f in FORMATS.values()], default="csv")
    status = SelectField("Claims", default="verified",
                         choices=[*[SelectChoice(s, s.replace("_", " ")) for s in CLAIM_STATUSES],
                                  SelectChoice("all", "all statuses")])
    article = IntegerField("Article id (empty: all)", validators=[Optional(), NumberRange(min=1)])
