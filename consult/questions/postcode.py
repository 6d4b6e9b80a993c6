"""UK postcode: checked against the format Royal Mail uses, and kept in capitals with one space.

"sw1a1aa", " SW1A  1AA " and "Sw1a 1aa" are all kept as "SW1A 1AA". Only the shape is checked: the
postcode is never looked up, so nothing about the person leaves the service.
"""

from __future__ import annotations

import re

from consult.questions._personal import PersonalDetail, ascii_digits
from consult.questions.base import Example, Parsed, PrintField
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

# The outward code (area and district: "SW1A", "M1", "CF10") and the inward code (sector and unit:
# "1AA"), without the space, with the letters each place may hold; GIR 0AA is the one exception.
_POSTCODE = re.compile(
    r"(?:[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)|GIR)"
    r"[0-9][ABD-HJLNP-UW-Z]{2}"
)
_LETTERS_AND_DIGITS = re.compile(r"[A-Z0-9]*")
LONGEST = 16

CHARACTERS_MESSAGE = _l("Postcode must only include letters a to z, numbers and spaces")
FORMAT_MESSAGE = _l("Enter a full UK postcode, like SW1A 1AA")
MISSING_MESSAGE = _l("Enter a postcode")


class PostcodeProblem(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def read_postcode(text: str) -> str:
    """The postcode in capitals with one space before its last 3 characters; PostcodeProblem otherwise."""
    compact = "".join(ascii_digits(text).split()).upper()
    if not _LETTERS_AND_DIGITS.fullmatch(compact):
        raise PostcodeProblem(CHARACTERS_MESSAGE)
    if not _POSTCODE.fullmatch(compact):
        raise PostcodeProblem(FORMAT_MESSAGE)
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_instructions(easy: bool) -> list[str]:
    if easy:
        return [_("Write the postcode in the boxes."), _("Put 1 letter or number in each box.")]
    return [_("Write the postcode in the boxes, one letter or number in each box.")]


# Boxes for the longest postcode ("SW1A 1AA"): 4 for the outward code, a gap, 3 for the inward code.
POSTCODE_BOXES = (4, 3)


class Postcode(PersonalDetail):
    key = "postcode"
    name = _l("Postcode")
    template = "questions/postcode.html"
    missing_message = MISSING_MESSAGE
    longest = LONGEST
    too_long_message = FORMAT_MESSAGE

    def read_value(self, question, text):
        try:
            return Parsed(value=read_postcode(text))
        except PostcodeProblem as problem:
            return Parsed(error=str(problem.message))

    def example(self, question):
        return Example({self.field_name(question): "sw1a1aa"}, "SW1A 1AA", "SW1A 1AA")

    def print_instructions(self, question, easy):
        return postcode_instructions(easy)

    def print_fields(self, question, easy):
        return [PrintField(boxes=POSTCODE_BOXES)]


TYPE = Postcode()
