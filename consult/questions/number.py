"""Number: a whole number between an optional minimum and maximum, and always one the answer
column can store (consult.numbers)."""

import math

from flask_babel import format_number

from consult import numbers
from consult.questions.base import (
    NUMBER,
    PRINT_NUMBER_BOX,
    AnswerRow,
    Example,
    Parsed,
    QuestionType,
    SqlCell,
    settings_value,
    xlsform_range,
)
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l


class Number(QuestionType):
    key = "number"
    name = _l("Number")
    template = "questions/number.html"
    # The phone keyboard the box asks for: digits only.
    input_mode = "numeric"
    missing_message = _l("Enter a number")
    settings_template = "build/settings/number.html"
    results_shape = NUMBER
    results_figures = "number"  # its figures in the API's results (consult.results.figures.FIGURES)
    print_area = PRINT_NUMBER_BOX
    xlsform_types = ("integer",)

    def settings_defaults(self):
        return {"min": None, "max": None, "suffix": None}

    def settings_from_form(self, form):
        return {"min": form.minimum.data, "max": form.maximum.data}

    def xlsform_constraint(self, question):
        return xlsform_range(settings_value(question, "min", self), settings_value(question, "max", self))

    def range_settings(self, low, high):
        """Whole-number limits from an XLSForm constraint: ``. > 0`` keeps 1 or more. None when a limit
        is beyond what the answer column stores, or the range holds no whole number."""
        smallest = None if low is None else (math.ceil(low.value) if low.inclusive else math.floor(low.value) + 1)
        largest = None if high is None else (math.floor(high.value) if high.inclusive else math.ceil(high.value) - 1)
        for limit in (smallest, largest):
            if limit is not None and not numbers.SMALLEST <= limit <= numbers.LARGEST:
                return None
        if smallest is not None and largest is not None and smallest > largest:
            return None
        return {"min": smallest, "max": largest}

    def parse(self, question, raw):
        text = (raw[0] if raw else "").strip()
        if not text:
            return Parsed()
        number = numbers.read_whole_number(text)
        if number is None:
            return Parsed(error=str(numbers.NOT_A_WHOLE_NUMBER))
        staff_low = settings_value(question, "min", self)
        staff_high = settings_value(question, "max", self)
        # Limits staff set are kept within what the column stores; with none, the column's own apply.
        low = numbers.SMALLEST if staff_low is None else numbers.storable(staff_low)
        high = numbers.LARGEST if staff_high is None else numbers.storable(staff_high)
        if low <= number <= high:
            return Parsed(value=number)
        if staff_low is not None and staff_high is not None:
            return Parsed(error=numbers.range_message(low, high))
        # One side only: name the side that was passed ("2,000,000,000 or less" for a phone number).
        if number < low:
            return Parsed(error=_("Enter a number that is %(low)s or more", low=format_number(low)))
        return Parsed(error=_("Enter a number that is %(high)s or less", high=format_number(high)))

    def example(self, question):
        return Example({self.field_name(question): "1,234"}, "1,234", "1234", xlsx=1234)

    def display(self, question, value, texts):
        return [format_number(value)]

    def rows(self, question, value):
        return [AnswerRow(number=value)]

    def export_cell(self, question, answers, option_label, option_position):
        return answers[0].number

    def export_sql(self, question, cells):
        return [SqlCell(cells.first("a.number", question), text=False)]

    def shown_values(self, question, answers, texts):
        return [format_number(answer.number) for answer in answers if answer.number is not None] or None

    def print_instructions(self, question, easy):
        low = settings_value(question, "min", self)
        high = settings_value(question, "max", self)
        low = format_number(low) if low is not None else None
        high = format_number(high) if high is not None else None
        if low is not None and high is not None:
            return [_("Write a number from %(low)s to %(high)s in the box.", low=low, high=high)]
        if low is not None:
            return [_("Write a number in the box. It must be %(low)s or more.", low=low)]
        if high is not None:
            return [_("Write a number in the box. It must be %(high)s or less.", high=high)]
        return [_("Write a number in the box.")]

    def print_suffix(self, question):
        return settings_value(question, "suffix", self)

    def value_from_rows(self, question, rows):
        return rows[0].number if rows else None

    compares = True

    def comparable(self, question, value):
        return value

    def read_threshold(self, question, text):
        return numbers.read_whole_number(text)

    def threshold_words(self, question, value):
        return format_number(value)


TYPE = Number()
