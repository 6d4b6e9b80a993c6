"""Single choice: radios; one answer from the question's options."""

from flask_babel import lazy_gettext as _l

from consult.questions.base import OptionType


class SingleChoice(OptionType):
    key = "single_choice"
    name = _l("Single choice")
    template = "questions/single_choice.html"


TYPE = SingleChoice()
