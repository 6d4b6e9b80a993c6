"""Form pieces every package uses: the bare confirm button, the email address check, the error list."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from consult.translating import lazy_gettext as _l

# Something, an @, something with a dot: enough to catch a typing slip without refusing real addresses.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_address(_form, field):
    """A WTForms validator: blank passes (pair it with Optional or DataRequired), else it must look like one."""
    if field.data and not EMAIL.match(field.data.strip()):
        raise ValidationError(_l("Enter an email address like name@example.org"))


def form_error_list(*forms) -> list[tuple[str, str]]:
    """(message, field id) for the first error of every field, for the error summary."""
    return [(str(field.errors[0]), field.id) for form in forms if form for field in form if field.errors]


class ConfirmForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change something."""
