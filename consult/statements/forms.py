"""The edit form of a statement in one language: a box per section, and the date it was last reviewed.

Built per statement (its sections differ) and per language: in English every section must be filled
in, since a statement with a part missing does not meet the regulations; in other languages an empty
box shows the English words there.
"""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

from consult.statements.sections import DEFAULT_LANGUAGE, STATEMENTS
from consult.statements.text import clean
from consult.translating import lazy_gettext as _l

MAX_SECTION_LENGTH = 10_000
MAX_SECTION_LENGTH_SHOWN = f"{MAX_SECTION_LENGTH:,}"  # "10,000"
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class _StatementForm(FlaskForm):
    """The shared part; ``statement_form`` adds the statement, a field per section and the date."""

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_reviewed_on(self, field):
        if field.data is not None and field.data > self.today:
            raise ValidationError(_l("The date cannot be in the future"))

    def section_fields(self):
        return [self[section.key] for section in self.statement.sections]

    def texts(self) -> dict[str, str]:
        return {field.name: clean(field.data) for field in self.section_fields()}


def statement_form(kind: str, language: str) -> type[_StatementForm]:
    """A form class for this statement in this language."""
    statement = STATEMENTS[kind]
    required = language == DEFAULT_LANGUAGE
    fields = {"statement": statement}
    for section in statement.sections:
        checks = [DataRequired(_l("Enter the words for “%(section)s”", section=section.heading))] if required \
            else [Optional()]
        checks.append(Length(max=MAX_SECTION_LENGTH, message=_l(
            "“%(section)s” must be %(num)s characters or fewer", section=section.heading,
            num=MAX_SECTION_LENGTH_SHOWN)))
        fields[section.key] = TextAreaField(section.heading, validators=checks)
    # A text box, not <input type="date">: typed like the rest of the page, as on the data-entry page.
    date_checks = [InputRequired(_l("Enter the date you last reviewed this statement"))] if required else [Optional()]
    fields["reviewed_on"] = DateField(
        _l("Last reviewed"), widget=TextInput(), format=DATE_FORMATS, validators=date_checks,
        invalid_value_message=_l("Enter the date as a day, month and year, like 25/03/2027"),
    )
    return type(f"{kind.title()}StatementForm", (_StatementForm,), fields)
