"""The data-entry page's own fields: how the answers reached us, who helped, and the date on the form.

The answers themselves are read by each question type (``QuestionType.read``), not by WTForms, so
the page checks them exactly as the online journey does.
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

from consult.entry.services import HELPED_BY_LIMIT, STAFF_CHANNELS
from consult.request_values import positive_int
from consult.results.present import CHANNEL_NAMES
from consult.translating import lazy_gettext as _l

# What each way of answering means, so two members of staff choose the same one for the same form.
CHANNEL_HINTS = {
    "paper": _l("A printed questionnaire that came back by post or by hand."),
    "phone": _l("The person gave their answers on the phone."),
    "event": _l("Answers collected at a meeting, a drop-in or another event."),
    "assisted": _l("A member of staff sat with the person and helped them answer."),
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class EntryForm(FlaskForm):
    channel = RadioField(
        _l("How did these answers reach you?"),
        choices=[SelectChoice(key, CHANNEL_NAMES[key]) for key in STAFF_CHANNELS],
        validators=[InputRequired(_l("Choose how these answers reached you"))],
    )
    helped_by = StringField(
        _l("Who helped the person answer (optional)"), filters=[_strip],
        validators=[Optional(), Length(max=HELPED_BY_LIMIT, message=_l(
            "Who helped must be %(limit)s characters or fewer", limit=HELPED_BY_LIMIT))],
    )
    # A text box, not <input type="date">: typed straight through ("25/03/2027") like the rest of
    # the page, and Chromium draws no focus indicator on a date input's inner fields.
    filled_on = DateField(
        _l("Date the answers were given (optional)"), validators=[Optional()], widget=TextInput(),
        format=["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"],
        invalid_value_message=_l("Enter the date as a day, month and year, like 25/03/2027"),
    )
    # Kept in the page, not in the session: the idempotency key of this one form, the form's
    # language, and how many forms this person has saved since they started this stack.
    token = HiddenField()
    language = HiddenField()
    sitting = HiddenField()

    def __init__(self, *args, earliest: date, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.earliest = earliest
        self.today = today

    def validate_filled_on(self, field):
        if field.data is None:
            return
        if field.data > self.today:
            raise ValidationError(_l("The date cannot be in the future"))
        if field.data < self.earliest:
            raise ValidationError(_l("The consultation opened on %(date)s. Enter that date or a later one",
                                     date=format_date(self.earliest, format="long")))

    def sitting_count(self) -> int:
        """Forms saved earlier in this sitting (0 when the number is missing or was altered)."""
        return positive_int((self.sitting.data or "").strip(), maximum=999_999) or 0
