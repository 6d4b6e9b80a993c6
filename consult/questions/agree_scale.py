"""Agree scale: five points from "Strongly agree" to "Strongly disagree", plus "Don't know"."""

from consult.questions.base import DefaultOption, OptionType
from consult.translating import lazy_gettext as _l


class AgreeScale(OptionType):
    key = "agree_scale"
    name = _l("Agree scale")
    fixed_options = True
    template = "questions/agree_scale.html"
    shows_faces = True
    # The faces and the scale's own words are its easy read.
    easy_read_answers = False
    is_scale = True
    results_figures = "scale_choices"  # its figures in the API's results (consult.results.figures.FIGURES)
    missing_message = _l("Select how much you agree, or \u201cDon\u2019t know\u201d")

    def default_options(self):
        return [
            DefaultOption("agree_strongly", _l("Strongly agree")),
            DefaultOption("agree", _l("Agree")),
            DefaultOption("neutral", _l("Neither agree nor disagree")),
            DefaultOption("disagree", _l("Disagree")),
            DefaultOption("disagree_strongly", _l("Strongly disagree")),
            DefaultOption("dont_know", _l("Don\u2019t know"), kind="dont_know"),
        ]


TYPE = AgreeScale()
