"""Whole numbers that people type, kept to what an integer column can store.

Every number a resident or member of staff types that ends in an integer column (a number answer,
the smallest and largest a number question allows) stays within SMALLEST to LARGEST. The column
stops at 2,147,483,647 (``request_values.MAX_ID``, PostgreSQL's ``integer``); a round
2,000,000,000 fits inside it and reads plainly in a message. (Ids and page numbers in addresses are
``request_values.positive_int``'s business.)

Python's int() refuses text of more than 4,300 digits with a ValueError, so digits are counted
before anything is converted: nothing here calls int() on a long string.
"""

from __future__ import annotations

import re
import unicodedata

from flask_babel import format_number
from wtforms import IntegerField
from wtforms.validators import ValidationError

from consult.request_values import MAX_ID
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

LARGEST = 2_000_000_000
SMALLEST = -LARGEST
if LARGEST > MAX_ID:  # pragma: no cover - a guard for whoever changes either number
    raise RuntimeError("typed numbers must fit the integer columns")
_MOST_DIGITS = len(str(LARGEST))

# Digits with optional thousands separators ("1,200" or "1 200"), and an optional minus sign.
# \d is any script's decimal digit ("١٢" from an Arabic keyboard); int() reads them all.
_WHOLE_NUMBER = re.compile(r"-?\d{1,3}(?:[,\s]\d{3})*|-?\d+")
_SEPARATORS = re.compile(r"[,\s]")

NOT_A_WHOLE_NUMBER = _l("Enter a whole number, like 12")


def read_whole_number(text: str | None) -> int | None:
    """The whole number in ``text`` as people write it ("12", "-3", "1,200", "1 200"), or None.

    A number with more digits than any storable one comes back as LARGEST + 1 (or SMALLEST - 1):
    past the bound, so a range check says so in words, without converting thousands of digits.
    """
    text = (text or "").strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    negative = text.startswith("-")
    digits = "".join(str(unicodedata.decimal(char)) for char in _SEPARATORS.sub("", text).lstrip("-"))
    digits = digits.lstrip("0") or "0"
    if len(digits) > _MOST_DIGITS:
        return SMALLEST - 1 if negative else LARGEST + 1
    return -int(digits) if negative else int(digits)


def storable(number: int) -> int:
    """``number`` moved inside SMALLEST to LARGEST (for limits saved before they were bounded)."""
    return min(max(number, SMALLEST), LARGEST)


def range_message(low: int = SMALLEST, high: int = LARGEST) -> str:
    """ "Enter a number from -2,000,000,000 to 2,000,000,000", numbers in the interface language's way."""
    return _("Enter a number from %(low)s to %(high)s", low=format_number(low), high=format_number(high))


class WholeNumberField(IntegerField):
    """A text box for a whole number that goes into an integer column (an IntegerField reads "1,200"
    as a mistake and 10**24 as fine): read like a number answer, kept within SMALLEST to LARGEST."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = read_whole_number(valuelist[0])
        if self.data is None:
            raise ValueError(str(NOT_A_WHOLE_NUMBER))

    def pre_validate(self, form):
        if self.data is not None and not SMALLEST <= self.data <= LARGEST:
            raise ValidationError(range_message())
