"""The question editor's fields for the date, decimal number and money types' own settings.

QuestionForm (consult.build.forms) declares them and mixes in the checks below. Every field is
optional, so the form still validates for every other type (whose editor does not show them); each type
reads only its own (consult.questions.date, consult.questions._amount).
"""

from __future__ import annotations

from wtforms import DateField, Field
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import TextInput

from consult import numbers
from consult.questions._amount import LARGEST, SMALLEST, read_amount
from consult.translating import lazy_gettext as _l

NOT_A_DATE = _l("Enter a real date, like 2027-03-27")
NOT_AN_AMOUNT = _l("Enter a number, like 12.5")
TOO_PRECISE = _l("Enter a number with up to 3 decimal places, like 12.125")


class EditorDateField(DateField):
    """A date box (``type="date"``: a date picker where the browser has one, else "YYYY-MM-DD")
    whose message is ours, in the staff member's language."""

    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                super().process_formdata([valuelist[0].strip()])
            except ValueError:
                self.data = None
                raise ValueError(str(NOT_A_DATE)) from None
        else:
            self.data = None


class AmountField(Field):
    """A number with up to 3 decimal places, read the way a decimal or money answer is."""

    widget = TextInput()

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else format(self.data, "f")

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").replace("£", "").strip()
        if not text:
            return
        found = read_amount(text)
        if found is None:
            raise ValueError(str(NOT_AN_AMOUNT))
        value, places = found
        if places > 3:
            raise ValueError(str(TOO_PRECISE))
        if not SMALLEST <= value <= LARGEST:
            raise ValueError(numbers.range_message())
        self.data = value


DATE_RULES = [
    SelectChoice("any", _l("Any date")),
    SelectChoice("past", _l("Today or in the past")),
    SelectChoice("future", _l("Today or in the future")),
    SelectChoice("range", _l("Between 2 dates")),
]


class DateSettingsChecks:
    """QuestionForm's checks of the date settings (the fields are declared on QuestionForm, in page order).

    Checked after the fields' own validation, not as ``validate_date_latest``: an empty optional field
    stops its validators before an inline one runs, and "a range with no dates" is exactly two empty fields.
    """

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.date_rule.data != "range" or self.date_earliest.errors or self.date_latest.errors:
            return valid
        earliest, latest = self.date_earliest.data, self.date_latest.data
        if earliest is None and latest is None:
            self.date_earliest.errors.append(str(_l("Enter the earliest date, the latest date, or both")))
            return False
        if earliest is not None and latest is not None and latest < earliest:
            self.date_latest.errors.append(str(_l("The latest date must be the same as or after the earliest date")))
            return False
        return valid


class AmountSettingsChecks:
    """QuestionForm's check of the decimal and money limits."""

    def validate_amount_maximum(self, field):
        low = self.amount_minimum.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(_l("The largest number must be the same as or more than the smallest"))
