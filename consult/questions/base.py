"""What every question type provides, and the shared behaviour of option-based types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Parsed:
    """The result of reading what a person sent: a clean value, or a message saying what to fix."""

    value: Any = None
    error: str | None = None

    @property
    def empty(self) -> bool:
        return self.value is None and self.error is None


@dataclass(frozen=True)
class AnswerRow:
    """One row of the normalised ``answer`` table, before it has a response."""

    option_id: int | None = None
    text: str | None = None
    number: int | None = None


@dataclass(frozen=True)
class DefaultOption:
    """An option a type creates by itself, such as the points of the agree scale."""

    value: str
    label: Any
    kind: str = "answer"


class QuestionType:
    key: ClassVar[str]
    name: ClassVar[Any]
    template: ClassVar[str]
    has_options: ClassVar[bool] = False
    # The type makes its own answers (yes/no, the agree scale): staff change their words, not their number.
    fixed_options: ClassVar[bool] = False
    # Message when a required question is left empty.
    missing_message: ClassVar[Any] = _l("Answer this question")

    def field_name(self, question) -> str:
        return f"q{question.id}"

    def input_id(self, question) -> str:
        """The id of the control an error summary link should focus."""
        return self.field_name(question)

    def read(self, question, formdata) -> list[str]:
        """The raw values as sent, kept as typed so nothing is lost on an error."""
        return [value for value in formdata.getlist(self.field_name(question))]

    def parse(self, question, raw: list[str]) -> Parsed:
        raise NotImplementedError

    def check(self, question, raw: list[str]) -> Parsed:
        """Parse, then apply "required": the one rule every type shares."""
        parsed = self.parse(question, raw)
        if parsed.empty and question.required:
            return Parsed(error=str(self.missing_message))
        return parsed

    def rows(self, question, value) -> list[AnswerRow]:
        raise NotImplementedError

    def value_from_rows(self, question, rows: list[AnswerRow]):
        raise NotImplementedError

    def display(self, question, value, texts) -> list[str]:
        """The answer in words, for the check page and exports; ``texts`` is a ContentCatalogue."""
        raise NotImplementedError

    def default_options(self) -> list[DefaultOption]:
        return []

    def settings_defaults(self) -> dict:
        return {}


EXCLUSIVE_MESSAGE = _l(
    "One of your answers, such as \u201cNone of these\u201d, must be chosen on its own. Untick it or untick the others"
)


class OptionType(QuestionType):
    """Types whose answers are chosen from the question's options."""

    has_options: ClassVar[bool] = True
    multiple: ClassVar[bool] = False
    missing_message = _l("Select an answer")

    def input_id(self, question) -> str:
        first = question.options[0].id if question.options else "none"
        return f"{self.field_name(question)}-{first}"

    def _option_ids(self, question, raw: list[str]) -> list[int] | None:
        known = {str(option.id): option.id for option in question.options}
        chosen = []
        for value in raw:
            if value not in known:
                return None
            if known[value] not in chosen:
                chosen.append(known[value])
        return chosen

    def parse(self, question, raw: list[str]) -> Parsed:
        raw = [value for value in raw if value != ""]
        if not raw:
            return Parsed()
        chosen = self._option_ids(question, raw)
        if chosen is None:
            return Parsed(error=str(_l("Select one of the answers shown")))
        if not self.multiple:
            if len(chosen) > 1:
                return Parsed(error=str(_l("Select only one answer")))
            return Parsed(value=chosen[0])
        if len(chosen) > 1 and any(question.option_by_id(option_id).is_exclusive for option_id in chosen):
            return Parsed(error=str(EXCLUSIVE_MESSAGE))
        return Parsed(value=chosen)

    def rows(self, question, value) -> list[AnswerRow]:
        ids = value if self.multiple else [value]
        return [AnswerRow(option_id=option_id) for option_id in ids]

    def value_from_rows(self, question, rows: list[AnswerRow]):
        ids = [row.option_id for row in rows]
        if self.multiple:
            order = {option.id: option.position for option in question.options}
            return sorted(ids, key=order.get)
        return ids[0] if ids else None

    def display(self, question, value, texts) -> list[str]:
        chosen = self.selected(value)
        return [texts(option.label_id).text for option in question.options if option.id in chosen]

    def selected(self, value) -> set[int]:
        if value is None:
            return set()
        return set(value) if self.multiple else {value}


def settings_value(question, name: str, type_: QuestionType):
    return (question.settings or {}).get(name, type_.settings_defaults().get(name))


__all__ = ["AnswerRow", "DefaultOption", "OptionType", "Parsed", "QuestionType", "settings_value"]
