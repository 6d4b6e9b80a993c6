"""Number: a whole number between an optional minimum and maximum."""

import re

from flask_babel import format_number, lazy_gettext as _l

from consult.questions.base import AnswerRow, Parsed, QuestionType, settings_value

# Digits with optional thousands separators ("1,200" or "1 200"), and an optional minus sign.
_WHOLE_NUMBER = re.compile(r"^-?\d{1,3}(?:[,\s]\d{3})*$|^-?\d+$")


class Number(QuestionType):
    key = "number"
    name = _l("Number")
    template = "questions/number.html"
    missing_message = _l("Enter a number")

    def settings_defaults(self):
        return {"min": None, "max": None, "suffix": None}

    def parse(self, question, raw):
        text = (raw[0] if raw else "").strip()
        if not text:
            return Parsed()
        if not _WHOLE_NUMBER.match(text):
            return Parsed(error=str(_l("Enter a whole number, like 12")))
        number = int(re.sub(r"[,\s]", "", text))
        low = settings_value(question, "min", self)
        high = settings_value(question, "max", self)
        if low is not None and high is not None and not low <= number <= high:
            return Parsed(error=str(_l("Enter a number from %(low)s to %(high)s", low=low, high=high)))
        if low is not None and number < low:
            return Parsed(error=str(_l("Enter a number that is %(low)s or more", low=low)))
        if high is not None and number > high:
            return Parsed(error=str(_l("Enter a number that is %(high)s or less", high=high)))
        return Parsed(value=number)

    def display(self, question, value, texts):
        return [format_number(value)]

    def rows(self, question, value):
        return [AnswerRow(number=value)]

    def value_from_rows(self, question, rows):
        return rows[0].number if rows else None


TYPE = Number()
