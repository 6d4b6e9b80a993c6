"""The residents' form: which answers (the reference), what to do with them, and how to reply."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from consult.codes import normalise_code
from consult.models.rights import COPY, DELETE
from consult.translating import lazy_gettext as _l

# Three groups of three letters or numbers, as the confirmation page shows it (K7P-4RW-9XT). Any
# letters and digits pass here: which exist is never told, only whether it looks like a reference.
REFERENCE_SHAPE = re.compile(r"^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$")


class RightsRequestForm(FlaskForm):
    reference = StringField(_l("Your reference"), validators=[
        DataRequired(_l("Enter the reference you were given when you sent your answers")),
        Length(max=40, message=_l("Enter the reference as it was shown to you, like K7P-4RW-9XT")),
    ])
    kind = RadioField(_l("What do you want us to do?"), choices=[
        SelectChoice(COPY, _l("Send me a copy of my answers")),
        SelectChoice(DELETE, _l("Delete my answers")),
    ], validators=[InputRequired(_l("Choose what you want us to do"))])
    reply_to = TextAreaField(_l("How should we reply to you?"), validators=[
        Optional(), Length(max=500, message=_l("Use 500 characters or fewer")),
    ])

    def validate_reference(self, field):
        if field.data and not REFERENCE_SHAPE.match(normalise_code(field.data)):
            raise ValidationError(_l("Enter the reference as it was shown to you, like K7P-4RW-9XT"))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        # A copy has to go somewhere; a deletion can be done without telling anyone.
        if self.kind.data == COPY and not (self.reply_to.data or "").strip() and not self.reply_to.errors:
            self.reply_to.errors = [str(_l("Tell us an email address or a postal address to send your copy to"))]
            return False
        return valid
