"""Yes / no / not sure: a single choice whose options the type creates itself."""

from consult.questions.base import DefaultOption, OptionType
from consult.translating import lazy_gettext as _l


class YesNo(OptionType):
    key = "yes_no"
    name = _l("Yes, no or not sure")
    fixed_options = True
    template = "questions/single_choice.html"
    missing_message = _l("Select yes, no or not sure")

    def default_options(self):
        return [
            DefaultOption("yes", _l("Yes")),
            DefaultOption("no", _l("No")),
            DefaultOption("not_sure", _l("Not sure")),
        ]


TYPE = YesNo()
