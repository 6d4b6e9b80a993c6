"""Single choice: radios; one answer from the question's options."""

from consult.questions.base import OptionType
from consult.translating import lazy_gettext as _l

# Staff write at least this many answers to a choice question they make themselves.
MIN_CHOICES = 2


class SingleChoice(OptionType):
    key = "single_choice"
    name = _l("Single choice")
    template = "questions/single_choice.html"
    min_choices = MIN_CHOICES
    offers_other = True
    xlsform_types = ("select_one",)


TYPE = SingleChoice()
