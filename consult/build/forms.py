"""Builder forms. Messages say what to do, in plain words."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from consult.build.settings_fields import (
    DATE_RULES,
    AmountField,
    AmountSettingsChecks,
    DateSettingsChecks,
    EditorDateField,
)
from consult.forms import ConfirmForm, email_address  # noqa: F401  (ConfirmForm: the builder's routes take it from here)
from consult.numbers import WholeNumberField
from consult.translating import lazy_gettext as _l

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
class SettingsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter a title")), Length(max=200)])
    summary = TextAreaField(_l("One-line summary"), validators=[DataRequired(_l("Enter a one-line summary")),
                                                                Length(max=300)])
    purpose = TextAreaField(_l("Why we are asking"), validators=[Optional(), Length(max=2000)])
    organiser = TextAreaField(_l("Who is asking"), validators=[Optional(), Length(max=1000)])
    data_use = TextAreaField(_l("What happens to the answers, and who sees them"),
                             validators=[Optional(), Length(max=2000)])
    contact = TextAreaField(_l("How to contact you"), validators=[Optional(), Length(max=1000)])
    contact_email = StringField(_l("Contact email address (optional)"), validators=[Optional(), email_address])
    # Printed at the end of every paper questionnaire (consult/printing/return_address.py).
    postal_address = TextAreaField(_l("Return address for paper questionnaires (optional)"),
                                   validators=[Optional(), Length(max=500)])
    freepost = StringField(_l("Freepost line (optional)"), validators=[Optional(), Length(max=200)])
    contact_phone = StringField(_l("Phone number for answering by phone (optional)"),
                                validators=[Optional(), Length(max=40)])
    slug = StringField(_l("Web address"), validators=[
        DataRequired(_l("Enter a web address")),
        Regexp(SLUG, message=_l("Use only small letters, numbers and single hyphens, like bus-routes-2027")),
        Length(min=3, max=80, message=_l("Use 3 to 80 characters")),
    ])
    opens_date = DateField(_l("Opening date"), validators=[InputRequired(_l("Enter the opening date"))])
    opens_time = TimeField(_l("Opening time"), validators=[InputRequired(_l("Enter the opening time"))])
    closes_date = DateField(_l("Closing date"), validators=[InputRequired(_l("Enter the closing date"))])
    closes_time = TimeField(_l("Closing time"), validators=[InputRequired(_l("Enter the closing time"))])
    anonymous = BooleanField(_l("Do not ask for names or contact details (anonymous)"))
    estimated_minutes = IntegerField(_l("About how many minutes it takes"), validators=[
        InputRequired(_l("Enter how many minutes it takes")),
        NumberRange(min=1, max=120, message=_l("Enter a number of minutes from 1 to 120")),
    ], invalid_value_message=_l("Enter a number of minutes from 1 to 120"))
    # Data retention (consult/retention): the start page tells residents these, and the daily command applies them.
    retention_free_text_months = IntegerField(_l("Remove the words people wrote, after this many months"), validators=[
        Optional(), NumberRange(min=1, max=120, message=_l("Enter a number of months from 1 to 120")),
    ], invalid_value_message=_l("Enter a number of months from 1 to 120"))
    retention_contact_months = IntegerField(_l("Delete contact details, after this many months"), validators=[
        Optional(), NumberRange(min=1, max=120, message=_l("Enter a number of months from 1 to 120")),
    ], invalid_value_message=_l("Enter a number of months from 1 to 120"))


class NewConsultationForm(SettingsForm):
    """Creating a consultation also fixes the language its texts are written in."""

    language = SelectField(_l("Language it is written in"))


class AddQuestionForm(FlaskForm):
    kind = RadioField(_l("Type of question"), validators=[InputRequired(_l("Choose a type of question"))])
    position = SelectField(_l("Where"), coerce=int)


class QuestionForm(DateSettingsChecks, AmountSettingsChecks, FlaskForm):
    prompt = TextAreaField(_l("Question"), validators=[DataRequired(_l("Enter the question")), Length(max=500)])
    hint = TextAreaField(_l("Hint (optional)"), validators=[Optional(), Length(max=1000)])
    optional = BooleanField(_l("People can skip this question (optional)"))
    # Stored per language and register like the question's other words (Question.missing_message).
    missing_message = TextAreaField(_l("Error message if it is left empty (optional)"),
                                    validators=[Optional(), Length(max=300)])
    max_length = IntegerField(_l("Most characters allowed"), validators=[
        Optional(), NumberRange(min=1, max=10000, message=_l("Enter a number from 1 to 10,000"))],
        invalid_value_message=_l("Enter a number from 1 to 10,000"))
    # Bounded to what the answer column stores, so no answer inside them can fail to save.
    minimum = WholeNumberField(_l("Smallest number allowed (optional)"), validators=[Optional()])
    maximum = WholeNumberField(_l("Largest number allowed (optional)"), validators=[Optional()])
    # Decimal numbers and money (consult.questions._amount); dates (consult.questions.date).
    amount_minimum = AmountField(_l("Smallest number allowed (optional)"), validators=[Optional()])
    amount_maximum = AmountField(_l("Largest number allowed (optional)"), validators=[Optional()])
    date_rule = RadioField(_l("Which dates people can give"), choices=DATE_RULES, default="any",
                           validators=[Optional()])
    date_earliest = EditorDateField(_l("Earliest date (optional)"), validators=[Optional()])
    date_latest = EditorDateField(_l("Latest date (optional)"), validators=[Optional()])
    date_birthday = BooleanField(_l("This asks for the person’s own date of birth"))
    # Ranking (consult.questions.ranking): "rank your top N"; empty: every answer is ranked.
    rank_top = IntegerField(_l("How many answers people put in order (optional)"), validators=[
        Optional(), NumberRange(min=1, max=50, message=_l("Enter a number from 1 to 50"))],
        invalid_value_message=_l("Enter a number from 1 to 50"))

    def validate_maximum(self, field):
        if field.data is not None and self.minimum.data is not None and field.data < self.minimum.data:
            raise ValidationError(_l("The largest number must be the same as or more than the smallest"))


class OptionForm(FlaskForm):
    label = StringField(_l("Answer"), validators=[DataRequired(_l("Enter the words for this answer")),
                                                  Length(max=300)])


class ReopenForm(FlaskForm):
    closes_date = DateField(_l("New closing date"), validators=[InputRequired(_l("Enter the new closing date"))])
    closes_time = TimeField(_l("New closing time"), validators=[InputRequired(_l("Enter the new closing time"))])


class PasteAnswersForm(FlaskForm):
    """Several answers at once, one on each line (consult.build.answer_lists reads them)."""

    answers = TextAreaField(_l("Paste a list of answers"),
                            validators=[DataRequired(_l("Paste or type the answers, one on each line"))])
