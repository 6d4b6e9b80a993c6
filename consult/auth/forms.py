"""Staff forms: sign in, managing staff, and each person's own account.

Every message is translated (lazy, so it is looked up in the language of the request).
"""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Regexp, ValidationError

from consult.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from consult.auth.two_step import read_code
from consult.forms import ConfirmForm  # noqa: F401  (the auth pages take it from here)
from consult.translating import lazy_gettext as _l

# The roles, in the order people see them, with what each may do.
ROLE_LABELS = {
    "admin": _l("Admin"),
    "editor": _l("Editor"),
    "analyst": _l("Analyst"),
}
ROLE_HINTS = {
    "admin": _l("Can do everything, including adding staff, changing roles and reading the audit log."),
    "editor": _l("Can build, translate and publish consultations, and enter paper answers."),
    "analyst": _l("Can see and export results."),
}

# Something@something.something; the account is checked by the person signing in with it.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SignInForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(_l("Enter your email address"))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])


def _role_field(message):
    return RadioField(
        _l("Role"),
        choices=[SelectChoice(role, label) for role, label in ROLE_LABELS.items()],
        validators=[InputRequired(message)],
        invalid_choice_message=message,
    )


def _new_password_validators():
    return [
        DataRequired(_l("Enter a new password")),
        Length(min=MIN_PASSWORD_LENGTH,
               message=_l("The password must be at least %(num)s characters", num=MIN_PASSWORD_LENGTH)),
        Length(max=MAX_PASSWORD_LENGTH,
               message=_l("The password must be %(num)s characters or fewer", num=MAX_PASSWORD_LENGTH)),
    ]


class AddStaffForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter their email address")),
            Length(max=255, message=_l("The email address must be 255 characters or fewer")),
            Regexp(EMAIL_PATTERN, message=_l("Enter an email address in the right format, like name@example.org")),
        ],
    )
    role = _role_field(_l("Choose a role"))
    password = PasswordField(_l("First password"), validators=_new_password_validators())


class ChangeRoleForm(FlaskForm):
    role = _role_field(_l("Choose a role"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password"))]
    )
    new_password = PasswordField(_l("New password"), validators=_new_password_validators())
    confirm_password = PasswordField(
        _l("Confirm new password"),
        validators=[
            DataRequired(_l("Enter your new password again")),
            EqualTo("new_password", message=_l("The new passwords do not match")),
        ],
    )


class LanguageForm(FlaskForm):
    locale = RadioField(
        _l("Interface language"),
        # Filled in by the view: each language named in itself ("Cymraeg").
        choices=[],
        validators=[InputRequired(_l("Choose a language"))],
        invalid_choice_message=_l("Choose a language"),
    )


# Two-step sign-in (consult/auth/two_step.py) -----------------------------------------------------


def _six_digits(form, field):
    # Spaces, dashes and Arabic-Indic digits are fine; anything else is a typing slip, told apart from a
    # wrong code (and not counted as a guess).
    if read_code(field.data) is None:
        raise ValidationError(_l("The code must be 6 numbers"))


class CodeForm(FlaskForm):
    """The code an authenticator app shows: when signing in, and the first one when setting up."""

    code = StringField(_l("Code"), validators=[DataRequired(_l("Enter the 6-digit code from your app")), _six_digits])


class RecoveryCodeForm(FlaskForm):
    code = StringField(_l("Recovery code"), validators=[DataRequired(_l("Enter one of your recovery codes"))])


class TurnOffTwoStepForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password"))])
