"""Shared rules for the types whose answers are personal data: an email address, a phone number, a
postcode and an address.

Their answers say who someone is or how to reach them, so results never show them (``personal_data``),
they are never read as opinions (not ``free_text``: no themes, no search) and on paper each is written
in its own labelled space (PRINT_FIELDS). Each is one line, cleaned by the type, and stored as the
cleaned text in one answer row.
"""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from consult.questions.base import PRINT_FIELDS, TEXT, AnswerRow, Parsed, QuestionType, SqlCell

# Any run of spaces, tabs or line breaks (a paste from an email signature) becomes one space.
_SPACES = re.compile(r"\s+")


def clean_line(text: str | None, keep_format_marks: bool = False) -> str:
    """``text`` on one line: control characters gone (PostgreSQL refuses NUL), spaces squeezed, ends trimmed.

    ``keep_format_marks``: keep invisible format characters (right-to-left marks in an address typed in
    Arabic); codes such as email addresses and postcodes drop them, as they only hide a mistake.
    """
    dropped = ("Cc",) if keep_format_marks else ("Cc", "Cf")
    kept = "".join(" " if char.isspace() else char for char in (text or "")
                   if char.isspace() or unicodedata.category(char) not in dropped)
    return _SPACES.sub(" ", kept).strip()


def ascii_digits(text: str) -> str:
    """Every decimal digit as 0-9, whatever the keyboard ("٠٧٧٠٠" from an Arabic one, full-width ones)."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


class PersonalDetail(QuestionType):
    """One line that a type reads into a clean value (``read_value``) and shows back (``shown``)."""

    personal_data = True
    results_shape = TEXT
    print_area = PRINT_FIELDS
    # Refused before any rule reads it: no real answer of these types is longer.
    longest: ClassVar[int] = 254
    too_long_message: ClassVar[object] = None

    def read_value(self, question, text: str) -> Parsed:
        raise NotImplementedError

    def shown(self, value: str) -> str:
        """The stored value as people read it (a phone number with its spaces back)."""
        return value

    def parse(self, question, raw):
        text = clean_line(raw[0] if raw else "")
        if not text:
            return Parsed()
        if len(text) > self.longest:
            return Parsed(error=str(self.too_long_message))
        return self.read_value(question, text)

    def rows(self, question, value):
        return [AnswerRow(text=value)]

    def value_from_rows(self, question, rows):
        return rows[0].text if rows else None

    def display(self, question, value, texts):
        return [self.shown(value)]

    def export_cell(self, question, answers, option_label, option_position):
        found = [answer.text for answer in answers if answer.text]
        return self.shown(found[0]) if found else None

    def export_sql(self, question, cells):
        # The first value written, as stored: a type whose ``shown`` changes it says None here.
        return [SqlCell(cells.first("a.text", question, "a.text <> ''"))]

    def shown_values(self, question, answers, texts):
        return [self.shown(answer.text) for answer in answers if answer.text] or None
