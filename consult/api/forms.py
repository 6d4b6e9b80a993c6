"""The token page's form (Flask-WTF: CSRF on every post)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from consult.api.tokens import ANALYST, LIFETIMES, READER
from consult.translating import lazy_gettext as _l


class _Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class NewTokenForm(FlaskForm):
    name = StringField(_l("Name"), filters=[lambda value: value.strip() if value else value], validators=[
        DataRequired(_l("Enter a name for the token")),
        Length(max=100, message=_l("The name must be 100 characters or fewer")),
    ])
    access = RadioField(_l("What it may read"), choices=[
        SelectChoice(READER, _l("Consultations, questions and results with small groups protected")),
        SelectChoice(ANALYST, _l("All of that, and each response (for analysts)")),
    ], default=READER, validators=[DataRequired(_l("Choose what the token may read"))])
    consultations = _Checkboxes(_l("Consultations it may read"), coerce=int, validate_choice=True,
                                validators=[DataRequired(_l("Choose at least one consultation"))])
    days = RadioField(_l("How long it works"), coerce=int, default=90,
                      choices=[SelectChoice(days, str(days)) for days in LIFETIMES],
                      validators=[DataRequired(_l("Choose how long the token works"))])


class RevokeTokenForm(FlaskForm):
    """Only the CSRF token: which token is in the address."""
