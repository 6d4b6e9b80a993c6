"""Short text: one line, for a name of a place, a product, a few words."""

from consult.questions._text import TextType
from consult.translating import lazy_gettext as _l


class ShortText(TextType):
    key = "short_text"
    name = _l("Short text")
    template = "questions/short_text.html"
    writing_lines = {"standard": 2, "easy": 2}
    xlsform_types = ("text",)

    def settings_defaults(self):
        return {"max_length": 200}


TYPE = ShortText()
