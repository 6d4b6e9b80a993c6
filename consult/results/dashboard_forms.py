"""The dashboard's one form: the smallest group the results may show."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from consult.translating import lazy_gettext as _l

# A threshold above this would hide nearly everything in most consultations.
MAX_THRESHOLD = 100
WHOLE_NUMBER = _l("Enter the smallest group to show, as a whole number like 5")


class SmallGroupsForm(FlaskForm):
    threshold = IntegerField(_l("Smallest group to show"), invalid_value_message=WHOLE_NUMBER, validators=[
        InputRequired(WHOLE_NUMBER),
        NumberRange(min=1, max=MAX_THRESHOLD, message=_l("Enter a whole number from 1 to %(most)s", most=MAX_THRESHOLD)),
    ])
