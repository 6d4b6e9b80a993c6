"""Kiosk forms: starting one (staff), ending one on the device (a staff email and password)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from consult.kiosk.services import DEFAULT_IDLE_SECONDS, IDLE_CHOICES
from consult.translating import lazy_gettext as _l
from consult.translating import ngettext


def idle_label(seconds: int) -> str:
    """ "30 seconds", "1 minute", "3 minutes" (request time: the words follow the interface language)."""
    if seconds % 60:
        return ngettext("%(num)s second", "%(num)s seconds", seconds)
    return ngettext("%(num)s minute", "%(num)s minutes", seconds // 60)


class StartKioskForm(FlaskForm):
    idle_seconds = SelectField(
        _l("Clear the answers when nobody has touched the screen for"),
        coerce=int,
        default=DEFAULT_IDLE_SECONDS,
        # Labels are filled in by the view (idle_label), in the staff member's language.
        choices=[SelectChoice(seconds, str(seconds)) for seconds in IDLE_CHOICES],
        validators=[InputRequired(_l("Choose how long the screen can wait"))],
        validate_choice=True,
    )
    language = RadioField(
        _l("Language the kiosk starts in"),
        # Filled in by the view: the languages the consultation is offered in.
        choices=[],
        validators=[InputRequired(_l("Choose the language the kiosk starts in"))],
        invalid_choice_message=_l("Choose the language the kiosk starts in"),
    )
    # Events in the room (consult/events): answers sent on this kiosk record the event. Choices are
    # filled in by the view; "" (not at a listed event) is always one of them.
    event = SelectField(_l("Event it is running at"), choices=[], default="", validate_choice=True,
                        invalid_choice_message=_l("Choose an event from the list"))


class StopKioskForm(FlaskForm):
    """Ending a kiosk from another device (a lost tablet, a forgotten laptop)."""

    kiosk = HiddenField(validators=[DataRequired()])


class EndKioskForm(FlaskForm):
    email = EmailField(_l("Staff email address"), validators=[DataRequired(_l("Enter your email address"))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])
