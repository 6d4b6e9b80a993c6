"""The residents' form: how they want to hear back, and how to reach them. Messages say what to do."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from consult.forms import EMAIL
from consult.models.contact import FORMATS
from consult.translating import lazy_gettext as _l

# Digits, spaces, brackets, hyphens and a leading plus; at least 6 digits (a textphone number too).
PHONE = re.compile(r"^\+?[\d\s()\-]+$")
PHONE_DIGITS = 6

# The most characters kept for each detail (the columns of contact_request allow at least this).
MOST = {"language": 60, "name": 200, "email": 255, "phone": 60, "address": 1000, "other_needs": 2000}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _too_long(most: int):
    return Length(max=most, message=_l("Use %(most)s characters or fewer", most=most))


class ContactRequestForm(FlaskForm):
    # The id is the first checkbox's, so the error summary's link lands on it.
    formats = SelectMultipleField(_l("How do you want to get the results?"), id="format-easy_read",
                                  choices=list(FORMATS), validate_choice=False)
    language = StringField(_l("Which language?"), filters=[_strip],
                           validators=[Optional(), _too_long(MOST["language"])])
    name = StringField(_l("Your name (optional)"), filters=[_strip], validators=[Optional(), _too_long(MOST["name"])])
    email = StringField(_l("Email address"), filters=[_strip], validators=[Optional(), _too_long(MOST["email"])])
    phone = StringField(_l("Phone number"), filters=[_strip], validators=[Optional(), _too_long(MOST["phone"])])
    address = TextAreaField(_l("Postal address"), filters=[_strip],
                            validators=[Optional(), _too_long(MOST["address"])])
    other_needs = TextAreaField(_l("Anything else we should know? (optional)"), filters=[_strip],
                                validators=[Optional(), _too_long(MOST["other_needs"])])
    # "answers" when the person came from the confirmation page, straight after sending answers.
    after = HiddenField()

    def chosen_formats(self) -> list[str]:
        """The formats ticked, in the model's order; typing a language counts as choosing one."""
        chosen = set(self.formats.data or ())
        if self.language.data:
            chosen.add("language")
        return [value for value in FORMATS if value in chosen]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        chosen = self.chosen_formats()
        problems = []
        if not chosen and not self.other_needs.data:
            problems.append((self.formats, _l("Choose how you want to get the results, or tell us what you need")))
        if "language" in (self.formats.data or ()) and not self.language.data:
            problems.append((self.language, _l("Enter the language you want, like Welsh or Polish")))
        if self.email.data and not self.email.errors and not EMAIL.match(self.email.data):
            problems.append((self.email, _l("Enter an email address like name@example.org")))
        if self.phone.data and not self.phone.errors and not _phone_ok(self.phone.data):
            problems.append((self.phone, _l("Enter a phone number using numbers, like 01234 567 890")))
        # The details a chosen way needs, then (if none of those is missing) any way to reach the person.
        if "email" in chosen and not self.email.data:
            problems.append((self.email, _l("Enter your email address, so that we can email you the results")))
        if "post" in chosen and not self.address.data:
            problems.append((self.address, _l("Enter your postal address, so that we can post you the results")))
        if not (self.email.data or self.phone.data or self.address.data) and not any(
                field in (self.email, self.address) for field, _message in problems):
            problems.append((self.email, _l("Enter an email address, a phone number or a postal address, "
                                            "so that we can send you the results")))
        for field, message in problems:
            if not field.errors:
                field.errors = [*field.errors, message]
        return valid and not problems

    def details(self) -> dict:
        """What to store, as keyword arguments for ``services.create_contact_request``."""
        return {"formats": self.chosen_formats(), "language": self.language.data or None,
                "name": self.name.data or None, "email": self.email.data or None, "phone": self.phone.data or None,
                "address": self.address.data or None, "other_needs": self.other_needs.data or None}


def _phone_ok(value: str) -> bool:
    return bool(PHONE.match(value)) and sum(char.isdigit() for char in value) >= PHONE_DIGITS
