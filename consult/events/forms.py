"""The staff form for one event. Messages say what to do, in plain words."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NoneOf, Optional, Regexp, ValidationError

from consult.events import prefill
from consult.events.access import WORDS
from consult.models.event import ACCESS_FLAGS
from consult.translating import lazy_gettext as _l


class EventDateField(DateField):
    """A date box whose message for a date that is not real is ours, in the staff member's language
    (WTForms' own is English only). Its own, not the builder's: the builder imports results, which
    import this package, so importing the builder here would close a loop."""

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if text:
            try:
                super().process_formdata([text])
            except ValueError:
                self.data = None
                raise ValueError(str(_l("Enter a real date, like 2027-03-27"))) from None


class EventForm(FlaskForm):
    kind = RadioField(_l("Kind of event"), choices=[SelectChoice("drop_in", _l("Drop-in")), SelectChoice("meeting", _l("Meeting"))],
                      default="drop_in", validators=[InputRequired(_l("Choose drop-in or meeting"))],
                      invalid_choice_message=_l("Choose drop-in or meeting"))
    day = EventDateField(_l("Date"), validators=[InputRequired(_l("Enter the date of the event"))])
    starts = TimeField(_l("Starts at"), validators=[InputRequired(_l("Enter the time it starts, like 10:00"))])
    ends = TimeField(_l("Ends at"), validators=[InputRequired(_l("Enter the time it ends, like 12:30"))])
    place = TextAreaField(_l("Place"), validators=[DataRequired(_l("Enter where the event is")), Length(max=300)])
    description = TextAreaField(_l("What happens there (optional)"), validators=[Optional(), Length(max=1000)])
    step_free = BooleanField(WORDS["step_free"])
    hearing_loop = BooleanField(WORDS["hearing_loop"])
    bsl_interpreter = BooleanField(WORDS["bsl_interpreter"])
    parking = BooleanField(WORDS["parking"])
    accessible_toilet = BooleanField(WORDS["accessible_toilet"])

    def validate_ends(self, field):
        if self.starts.data and field.data and field.data <= self.starts.data:
            raise ValidationError(_l("The end time must be after the start time"))

    def access_fields(self):
        return [getattr(self, flag) for flag in ACCESS_FLAGS]

    def chosen_access(self) -> frozenset[str]:
        return frozenset(flag for flag in ACCESS_FLAGS if getattr(self, flag).data)


class DeleteEventForm(FlaskForm):
    """Only the CSRF token: the event is named by the address."""


class PrefillFieldForm(FlaskForm):
    """A hidden field that arrives with the link (?ward=north), and the values it may take."""

    name = StringField(_l("Name in the link"), validators=[
        DataRequired(_l("Enter the name used in the link, like ward")),
        Regexp(prefill.NAME, message=_l("Use only small letters, numbers and underscores, like ward or clinic_2")),
        NoneOf(sorted(prefill.RESERVED), message=_l("That name is used by the service itself: choose another")),
    ])
    label = StringField(_l("What staff call it in the results"), validators=[
        DataRequired(_l("Enter what to call it in the results, like Ward")), Length(max=200)])
    values = TextAreaField(_l("Values it may take"), validators=[
        DataRequired(_l("Enter at least one value, like north = North ward"))])

    parsed_values: list = []

    def validate_values(self, field):
        try:
            self.parsed_values = prefill.parse_values(field.data or "")
        except prefill.BadValues as problem:
            messages = {
                "format": _l("Line %(line)s: start with the value in small letters, numbers, hyphens or underscores, "
                             "like north = North ward", line=problem.line),
                "repeated": _l("Line %(line)s: that value is already on an earlier line", line=problem.line),
                "long": _l("Line %(line)s: the words after = must be 200 characters or fewer", line=problem.line),
                "many": _l("Enter 100 values or fewer"),
            }
            raise ValidationError(messages[problem.reason]) from None
        if not self.parsed_values:
            raise ValidationError(_l("Enter at least one value, like north = North ward"))
