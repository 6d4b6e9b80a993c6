"""Decimal number: a number that may have up to 3 decimal places (a weight, a distance, hours worked),
between an optional minimum and maximum.

Why 3 places: the measures people give in a consultation are metric, and 3 places reach the next unit
down (kilograms to the gram, kilometres to the metre, litres to the millilitre) and cover every
money-like figure too. More than that is a false precision nobody types on purpose, and a fixed scale
keeps the column exact (consult.models._decimal).
"""

from decimal import Decimal

from flask_babel import format_decimal

from consult.questions._amount import AmountType, SettingsWords
from consult.questions.base import Example
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l


class DecimalNumber(AmountType):
    key = "decimal"
    xlsform_types = ("decimal",)
    name = _l("Decimal number")
    template = "questions/number.html"
    input_mode = "decimal"  # the keyboard with a decimal point
    missing_message = _l("Enter a number")
    settings_template = "build/settings/amount.html"
    places = 3

    def format_value(self, value):
        return format_decimal(value, format="#,##0.###")

    def not_a_number_message(self):
        return _("Enter a number, like 12.5")

    def too_precise_message(self):
        return _("Enter a number with up to 3 decimal places, like 12.125")

    # The same words as whole numbers (consult.numbers), so they read alike.
    def range_message(self, low, high):
        return _("Enter a number from %(low)s to %(high)s", low=low, high=high)

    def at_least_message(self, low):
        return _("Enter a number that is %(low)s or more", low=low)

    def at_most_message(self, high):
        return _("Enter a number that is %(high)s or less", high=high)

    def settings_words(self):
        return SettingsWords(_("Smallest number allowed (optional)"), _("Largest number allowed (optional)"),
                             hint=_("You can use up to 3 decimal places, like 0.5 or 2.125."))

    def example(self, question):
        return Example({self.field_name(question): "1,234.5"}, "1,234.5", "1234.5", xlsx=Decimal("1234.5"))

    def print_instructions(self, question, easy):
        if easy:
            lines = [_("Write a number in the box."), _("You can use a dot for parts of a number, like 2.5")]
        else:
            lines = [_("Write a number in the box. You can use a decimal point, like 2.5.")]
        limits = self.range_instruction(question)
        return lines + ([limits] if limits else [])


TYPE = DecimalNumber()
