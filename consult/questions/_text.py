"""Shared rules for the two free-text types."""

from consult.questions.base import AnswerRow, Parsed, QuestionType, settings_value
from consult.translating import lazy_gettext as _l


class TextType(QuestionType):
    missing_message = _l("Enter your answer")
    free_text = True
    settings_template = "build/settings/text.html"

    def settings_from_form(self, form):
        return {"max_length": form.max_length.data} if form.max_length.data else {}

    def parse(self, question, raw):
        text = (raw[0] if raw else "").replace("\r\n", "\n").strip()
        if not text:
            return Parsed()
        limit = self.limit(question)
        if len(text) > limit:
            return Parsed(error=str(_l("Your answer must be %(limit)s characters or fewer", limit=limit)))
        return Parsed(value=text)

    def limit(self, question) -> int:
        return int(settings_value(question, "max_length", self))

    def display(self, question, value, texts):
        return [value]

    def rows(self, question, value):
        return [AnswerRow(text=value)]

    def value_from_rows(self, question, rows):
        return rows[0].text if rows else None
