"""Shared rules for the two types whose answer is a number that may have decimals: a decimal number
(consult.questions.decimal_number) and an amount of money (consult.questions.money).

Answers go into ``answer.amount`` (consult.models._decimal.ExactDecimal: 3 places, 13 digits), so every
answer is kept within SMALLEST to LARGEST, the same round bound whole numbers have (consult.numbers):
10 digits before the point and 3 after fit the column exactly on both databases.

People write numbers the way they write them: "1,200.5", "1 200.5", ".5", "١٢٫٥" from an Arabic keyboard
(Arabic-Indic digits, the Arabic decimal and thousands marks). Digits are counted before anything is
converted, so a 5,000-digit answer is "too big", not a slow conversion.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from consult.models._decimal import SCALE
from consult.questions.base import (
    DECIMAL,
    PRINT_NUMBER_BOX,
    AnswerRow,
    Parsed,
    QuestionType,
    SqlCell,
    settings_value,
    xlsform_range,
)
from consult.translating import gettext as _

LARGEST = Decimal(2_000_000_000)
SMALLEST = -LARGEST
_MOST_WHOLE_DIGITS = len(str(int(LARGEST)))

# An optional sign; whole digits, plain or grouped in threes by commas or spaces; an optional fraction
# after a point. "\d" is any script's digit; U+066B and U+066C are the Arabic decimal and thousands marks.
_AMOUNT = re.compile(
    r"(?P<sign>[-\u2212]?)\s*"
    r"(?P<whole>\d{1,3}(?:[,\u066c\s]\d{3})+|\d+)?"
    r"(?:[.\u066b](?P<fraction>\d+))?"
)
_SEPARATORS = re.compile(r"[,\u066c\s]")


def _digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(char)) for char in text)


def read_amount(text: str | None) -> tuple[Decimal, int] | None:
    """The number in ``text`` and how many decimal places it really has (trailing zeros do not count:
    "12.50" has 1), or None when it is not a number. A number with more whole digits than any storable
    one comes back as just past LARGEST (or SMALLEST), so a range check names the bound."""
    text = (text or "").strip()
    found = _AMOUNT.fullmatch(text)
    if not found or not (found["whole"] or found["fraction"]):
        return None
    negative = bool(found["sign"])
    whole = _digits(_SEPARATORS.sub("", found["whole"] or "")).lstrip("0") or "0"
    fraction = _digits(found["fraction"] or "").rstrip("0")
    if len(whole) > _MOST_WHOLE_DIGITS:
        return (SMALLEST - 1 if negative else LARGEST + 1), 0
    # Only the places that can be kept are converted: a long fraction is already too precise.
    value = Decimal(f"{whole}.{fraction[:SCALE + 1] or '0'}")
    return (-value if negative else value), len(fraction)


def setting_amount(value) -> Decimal | None:
    """A limit kept in a question's settings (as text, since JSON has no decimals), or None."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (Decimal("1.2E+3") is "1200")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


@dataclass(frozen=True)
class SettingsWords:
    smallest: str
    largest: str
    hint: str | None = None
    prefix: str | None = None  # shown beside the boxes, for the eye only ("£")


class AmountType(QuestionType):
    """A number with up to ``places`` decimal places between optional limits."""

    results_shape = DECIMAL
    results_figures = "amount"  # its figures in the API's results (consult.results.figures.FIGURES)
    print_area = PRINT_NUMBER_BOX
    # Decimal places kept. Answers with more are sent back with a message, never rounded silently.
    places: ClassVar[int]
    # The limit that applies when staff set none (money: no amount below nothing).
    default_low: ClassVar[Decimal] = SMALLEST

    # -- messages and words (each type words them its own way) -------------------------------------
    def format_value(self, value) -> str:
        """A value in the interface language's way of writing it (also used by results)."""
        raise NotImplementedError

    def not_a_number_message(self) -> str:
        raise NotImplementedError

    def too_precise_message(self) -> str:
        raise NotImplementedError

    def range_message(self, low: str, high: str) -> str:
        raise NotImplementedError

    def at_least_message(self, low: str) -> str:
        raise NotImplementedError

    def at_most_message(self, high: str) -> str:
        raise NotImplementedError

    def clean(self, text: str) -> str:
        """The typed text before it is read (money takes a "£" off)."""
        return text

    # -- settings ----------------------------------------------------------------------------------
    def settings_defaults(self):
        return {"min": None, "max": None}

    def settings_from_form(self, form):
        low, high = form.amount_minimum.data, form.amount_maximum.data
        return {"min": None if low is None else str(low), "max": None if high is None else str(high)}

    def range_settings(self, low, high):
        """Limits from an XLSForm constraint (``. >= 0.5 and . <= 10``). Only limits that include their
        value can be kept exactly ("more than 0" has no smallest number), and only ones the column stores."""
        limits = []
        for bound in (low, high):
            if bound is None:
                limits.append(None)
                continue
            if not bound.inclusive or not SMALLEST <= bound.value <= LARGEST:
                return None
            if bound.value != bound.value.quantize(Decimal(1).scaleb(-self.places)):
                return None
            limits.append(str(bound.value))
        if limits[0] is not None and limits[1] is not None and Decimal(limits[0]) > Decimal(limits[1]):
            return None
        return {"min": limits[0], "max": limits[1]}

    def settings_form_data(self, question):
        return {"amount_minimum": self.staff_low(question), "amount_maximum": self.staff_high(question)}

    def settings_words(self) -> SettingsWords:
        """The words of the limits on the question editor (templates/build/settings/amount.html)."""
        raise NotImplementedError

    def xlsform_type(self, question):
        # Money too: an XLSForm has no currency, and its answers are decimals all the same.
        return "decimal", ""

    def xlsform_constraint(self, question):
        return xlsform_range(self.staff_low(question), self.staff_high(question))

    def staff_low(self, question) -> Decimal | None:
        return setting_amount(settings_value(question, "min", self))

    def staff_high(self, question) -> Decimal | None:
        return setting_amount(settings_value(question, "max", self))

    def bounds(self, question) -> tuple[Decimal, Decimal]:
        """The smallest and largest answers allowed: staff's limits kept within what the column stores."""
        low, high = self.staff_low(question), self.staff_high(question)
        low = self.default_low if low is None else min(max(low, SMALLEST), LARGEST)
        high = LARGEST if high is None else min(max(high, SMALLEST), LARGEST)
        return low, high

    # -- reading an answer -------------------------------------------------------------------------
    def parse(self, question, raw):
        text = self.clean((raw[0] if raw else "").strip())
        if not text:
            return Parsed()
        found = read_amount(text)
        if found is None:
            return Parsed(error=self.not_a_number_message())
        value, places = found
        if places > self.places:
            return Parsed(error=self.too_precise_message())
        low, high = self.bounds(question)
        if low <= value <= high:
            return Parsed(value=self.exact(value))
        staff_low, staff_high = self.staff_low(question), self.staff_high(question)
        if staff_low is not None and staff_high is not None:
            return Parsed(error=self.range_message(self.format_value(low), self.format_value(high)))
        # One side only, or none: name the side that was passed.
        if value < low:
            return Parsed(error=self.at_least_message(self.format_value(low)))
        return Parsed(error=self.at_most_message(self.format_value(high)))

    def exact(self, value: Decimal) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-self.places))

    # -- storing and showing -----------------------------------------------------------------------
    def rows(self, question, value):
        return [AnswerRow(amount=value)]

    def value_from_rows(self, question, rows):
        return self.exact(rows[0].amount) if rows and rows[0].amount is not None else None

    compares = True

    def comparable(self, question, value):
        return value

    def read_threshold(self, question, text):
        found = read_amount(self.clean(text or ""))
        return None if found is None else found[0]

    def threshold_text(self, question, value):
        return str(plain(value))

    def threshold_words(self, question, value):
        return self.format_value(value)

    def display(self, question, value, texts):
        return [self.format_value(value)]

    def shown_values(self, question, answers, texts):
        return [self.format_value(answer.amount) for answer in answers if answer.amount is not None] or None

    def export_cell(self, question, answers, option_label, option_position):
        amount = answers[0].amount
        return None if amount is None else self.cell_value(amount)

    def cell_value(self, amount: Decimal) -> Decimal:
        """The spreadsheet cell: a number (CSV writes its digits, XLSX keeps it a number)."""
        return plain(amount)

    def export_sql(self, question, cells):
        return [SqlCell(self.cell_sql(cells.first("a.amount", question)), text=False)]

    def cell_sql(self, amount: str) -> str:
        """``cell_value`` in SQL: numeric's text never has an exponent, and trim_scale drops trailing zeros."""
        return f"trim_scale({amount})"

    # -- paper ---------------------------------------------------------------------------------------
    def range_instruction(self, question) -> str | None:
        """The printed limits in words, or None when staff set none."""
        low, high = self.staff_low(question), self.staff_high(question)
        if low is None and high is None:
            return None
        low_text = self.format_value(low) if low is not None else None
        high_text = self.format_value(high) if high is not None else None
        if low is not None and high is not None:
            return _("It must be from %(low)s to %(high)s.", low=low_text, high=high_text)
        if low is not None:
            return _("It must be %(low)s or more.", low=low_text)
        return _("It must be %(high)s or less.", high=high_text)
