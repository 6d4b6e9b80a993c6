"""Multiple choice: checkboxes; an exclusive "None of these" can be enabled by staff."""

from consult.questions.base import MULTIPLE, OptionType
from consult.questions.single_choice import MIN_CHOICES
from consult.translating import lazy_gettext as _l


class MultipleChoice(OptionType):
    key = "multiple_choice"
    name = _l("Multiple choice")
    template = "questions/multiple_choice.html"
    multiple = True
    missing_message = _l("Select at least one answer")
    min_choices = MIN_CHOICES
    offers_other = True
    extra_answers = ("none", "prefer_not")
    results_shape = MULTIPLE
    xlsform_types = ("select_multiple",)


TYPE = MultipleChoice()
