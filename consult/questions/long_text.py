"""Long text: a paragraph or more, with a limit and a character count."""

from consult.questions._text import TextType
from consult.translating import lazy_gettext as _l


class LongText(TextType):
    key = "long_text"
    name = _l("Long text")
    template = "questions/long_text.html"
    writing_lines = {"standard": 8, "easy": 6}
    xlsform_types = ("text",)
    xlsform_appearances = ("multiline",)

    def settings_defaults(self):
        return {"max_length": 1200}


TYPE = LongText()
