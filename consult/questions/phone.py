"""UK phone number: typed any usual way, stored in one form.

People write "07700 900982", "(01632) 960 001", "+44 (0)20 7946 0000", "0044 7700 900982" or
"07700-900-982"; all are kept as the international form ("+447700900982"), so the same number is the
same text, and shown back the way people in the UK write it ("07700 900982"). Only UK numbers are
taken: 10 or 11 digits starting with 0 (9 or 10 after +44). Nothing is looked up or dialled.
"""

from __future__ import annotations

import re

from consult.questions._personal import PersonalDetail, ascii_digits
from consult.questions.base import Example, Parsed, PrintField
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

# What people put between the digits: spaces, brackets, dashes, dots and slashes.
_ALLOWED = re.compile(r"\+?[0-9 ()./-]+")
_SEPARATORS = re.compile(r"[ ()./-]")
# The first digit after the 0 that UK numbers can have (04 and 06 are not used).
_FIRST_DIGITS = "1235789"
# Geographic (01) and freephone (08) numbers may be one digit shorter: "016977 2345", "0800 123456".
_MAY_BE_SHORTER = "18"

CHARACTERS_MESSAGE = _l("Enter a phone number using only numbers, spaces, brackets and +44, like 01632 960 001")
NOT_UK_MESSAGE = _l("Enter a UK phone number, starting with 0 or +44")
TOO_SHORT_MESSAGE = _l("Phone number is too short. Enter the full number with the area code, like 01632 960 001")
TOO_LONG_MESSAGE = _l("Phone number is too long. Enter a UK phone number, like 01632 960 001 or 07700 900 982")
NOT_A_NUMBER_MESSAGE = _l("Enter a real UK phone number, like 01632 960 001 or 07700 900 982")
# Longer than any number written with spaces and brackets.
LONGEST = 40


class PhoneProblem(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def read_uk_phone(text: str) -> str:
    """The number as "+44" and its 9 or 10 national digits; PhoneProblem (with its message) otherwise."""
    text = ascii_digits(text).strip()
    if not _ALLOWED.fullmatch(text):
        raise PhoneProblem(CHARACTERS_MESSAGE)
    compact = _SEPARATORS.sub("", text)
    for prefix in ("+44", "0044", "44"):
        if compact.startswith(prefix) and (prefix != "44" or len(compact) in (11, 12)):
            # "+44 (0)20 ...": the 0 that is dropped after +44, written all the same.
            national = compact[len(prefix):].removeprefix("0")
            break
    else:
        if compact.startswith(("+", "00")) or not compact.startswith("0"):
            raise PhoneProblem(NOT_UK_MESSAGE)
        national = compact[1:]
    shortest = 9 if national[:1] in _MAY_BE_SHORTER else 10
    if len(national) < shortest:
        raise PhoneProblem(TOO_SHORT_MESSAGE)
    if len(national) > 10:
        raise PhoneProblem(TOO_LONG_MESSAGE)
    if national[0] not in _FIRST_DIGITS:
        raise PhoneProblem(NOT_A_NUMBER_MESSAGE)
    return f"+44{national}"


def uk_written(stored: str) -> str:
    """"+447700900982" as people in the UK write it: "07700 900982", "020 7946 0000", "0121 496 0000"."""
    if not stored.startswith("+44"):
        return stored  # not one of ours: shown as it is
    number = "0" + stored[3:]
    if number.startswith("02"):
        groups = (3, 4)
    elif number.startswith("011") or (number.startswith("01") and number[3:4] == "1"):
        groups = (4, 3)
    elif number.startswith(("01", "07")):
        groups = (5,)
    elif len(number) == 11:
        groups = (4, 3)  # 03, 05, 08, 09: "0300 123 4567"
    else:
        groups = (4,)  # "0800 123456"
    parts, start = [], 0
    for size in groups:
        parts.append(number[start:start + size])
        start += size
    parts.append(number[start:])
    return " ".join(part for part in parts if part)


class Phone(PersonalDetail):
    key = "phone"
    name = _l("UK phone number")
    template = "questions/phone.html"
    missing_message = _l("Enter a phone number")
    longest = LONGEST
    too_long_message = TOO_LONG_MESSAGE

    def read_value(self, question, text):
        try:
            return Parsed(value=read_uk_phone(text))
        except PhoneProblem as problem:
            return Parsed(error=str(problem.message))

    def shown(self, value):
        return uk_written(value)

    def export_sql(self, question, cells):
        return None  # the number's spaces are put back in Python (uk_written)

    def example(self, question):
        return Example({self.field_name(question): "+44 (0)7700-900 982"}, "07700 900982", "07700 900982")

    def print_instructions(self, question, easy):
        if easy:
            return [_("Write the phone number in the boxes."), _("Put 1 number in each box.")]
        return [_("Write the phone number in the boxes, one digit in each box.")]

    def print_fields(self, question, easy):
        return [PrintField(boxes=(5, 6))]


TYPE = Phone()
