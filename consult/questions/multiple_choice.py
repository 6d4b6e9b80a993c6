"""Multiple choice: checkboxes; an exclusive "None of these" can be enabled by staff."""

from flask_babel import lazy_gettext as _l

from consult.questions.base import OptionType


class MultipleChoice(OptionType):
    key = "multiple_choice"
    name = _l("Multiple choice")
    template = "questions/multiple_choice.html"
    multiple = True
    missing_message = _l("Select at least one answer")


TYPE = MultipleChoice()
