"""Money: an amount in pounds, with pence if people want ("12", "12.5", "12.50", "£1,200" all read),
between an optional minimum and maximum (none below £0 unless staff allow it).

The "£" sits beside the box on screen and on paper, and the hint says "in pounds" for screen readers
(templates/questions/money.html); people who type a "£" anyway are not told off for it.
"""

from decimal import Decimal

from flask_babel import format_currency

from consult.questions._amount import AmountType, SettingsWords
from consult.questions.base import PRINT_MONEY_BOX, Example
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

CURRENCY = "GBP"
# Signs people type with the amount: the pound sign (and its full-width form), and "GBP".
_POUND_SIGNS = ("£", "\uffe1", "GBP", "gbp")


class Money(AmountType):
    key = "money"
    name = _l("Amount of money")
    template = "questions/money.html"
    missing_message = _l("Enter an amount of money")
    settings_template = "build/settings/amount.html"
    print_area = PRINT_MONEY_BOX
    places = 2
    default_low = Decimal(0)

    def clean(self, text):
        for sign in _POUND_SIGNS:
            text = text.replace(sign, "", 1) if sign in text else text
        return text.strip()

    def format_value(self, value):
        return format_currency(value, CURRENCY)

    def not_a_number_message(self):
        return _("Enter an amount of money in numbers, like 12.50")

    def too_precise_message(self):
        return _("Enter pence as 2 numbers after the point, like 12.50")

    def range_message(self, low, high):
        return _("Enter an amount from %(low)s to %(high)s", low=low, high=high)

    def at_least_message(self, low):
        return _("Enter an amount that is %(low)s or more", low=low)

    def at_most_message(self, high):
        return _("Enter an amount that is %(high)s or less", high=high)

    def cell_value(self, amount):
        # Always pounds and pence ("12.50"): the way money is written, and what a spreadsheet expects.
        return self.exact(amount)

    def cell_sql(self, amount):
        # The stored amount has at most ``places`` decimals (parse makes it exact), so rounding only pads.
        return f"round({amount}, {int(self.places)})"

    def settings_words(self):
        return SettingsWords(_("Smallest amount allowed (optional)"), _("Largest amount allowed (optional)"),
                             hint=_("In pounds. With no smallest amount, it is £0."), prefix="£")

    def example(self, question):
        return Example({self.field_name(question): "£1,200.5"}, "£1,200.50", "1200.50", xlsx=Decimal("1200.50"))

    def print_instructions(self, question, easy):
        if easy:
            lines = [_("Write how much money in the box."), _("Write pence after a dot, like 12.50")]
        else:
            lines = [_("Write the amount in pounds in the box. Write pence after a point, like 12.50.")]
        limits = self.range_instruction(question)
        return lines + ([limits] if limits else [])


TYPE = Money()
