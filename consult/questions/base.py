"""What every question type provides, and the shared behaviour of option-based types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# How results see a type's answers (consult.results.plain uses these names).
SINGLE = "single"  # one option per answer
MULTIPLE = "multiple"  # several options per answer
NUMBER = "number"
TEXT = "text"

# What the printed questionnaire leaves for the answer (templates/pdf/questionnaire.html).
PRINT_TICK_BOXES = "tick_boxes"
PRINT_NUMBER_BOX = "number_box"
PRINT_LINES = "lines"


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
class Example:
    """A valid answer to one question of a type, as a browser sends it, and how it comes out.

    The conformance suite (tests/questions/test_conformance.py) drives every type through every
    channel with it, so a new type says once what a good answer looks like.
    """

    formdata: dict  # field name -> the value, or a list of values
    shown: str  # words the check and response pages show ("" where the option's label is shown)
    csv: str  # the CSV cell ("" where the option's label is the cell)
    xlsx: Any = None  # the typed XLSX cell where it is not the CSV text (a number, a date)


@dataclass(frozen=True)
class DefaultOption:
    """An option a type creates by itself, such as the points of the agree scale."""

    value: str
    label: Any
    kind: str = "answer"


class QuestionType:
    """One kind of question, and everything each channel needs to know about it.

    Nothing outside consult/questions/ decides by a type's name: pages, paper, printing, results and
    exports ask the type through the attributes and methods below.
    """

    key: ClassVar[str]
    name: ClassVar[Any]
    # The resident's page (templates/questions/); the same in standard and easy read.
    template: ClassVar[str]
    has_options: ClassVar[bool] = False
    # The type makes its own answers (yes/no, the agree scale): staff change their words, not their number.
    fixed_options: ClassVar[bool] = False
    # Message when a required question is left empty.
    missing_message: ClassVar[Any] = _l("Answer this question")

    # -- easy read --------------------------------------------------------------------------------
    # Faces beside the answers (the agree scale): OpenMoji symbols drawn by CSS, on screen and paper.
    shows_faces: ClassVar[bool] = False
    # Staff write an easy-read version of each answer's words. Not where the faces and the type's own
    # words already are the easy read.
    easy_read_answers: ClassVar[bool] = True

    # -- the builder ------------------------------------------------------------------------------
    # The type's own settings on the question editor (templates/build/settings/), or None.
    settings_template: ClassVar[str | None] = None
    # Extra answers staff may switch on ("none": "None of these"; "prefer_not": "Prefer not to say").
    extra_answers: ClassVar[tuple[str, ...]] = ()
    # Ordinary answers staff must write before the consultation can be published.
    min_choices: ClassVar[int] = 0

    # -- results ----------------------------------------------------------------------------------
    # SINGLE, MULTIPLE, NUMBER or TEXT.
    results_shape: ClassVar[str] = TEXT
    # Answers are words people wrote: searched, read one by one and tagged with themes.
    free_text: ClassVar[bool] = False
    # An agree scale: results count how many agree.
    is_scale: ClassVar[bool] = False

    # -- paper ------------------------------------------------------------------------------------
    # What the printed questionnaire leaves for the answer.
    print_area: ClassVar[str] = PRINT_LINES
    # Lines to write on, by register ("standard", "easy"): easy read writes bigger.
    writing_lines: ClassVar[dict[str, int]] = {}

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

    def example(self, question) -> Example:
        """A good answer to ``question`` (see Example)."""
        return Example({self.field_name(question): "Near the shop"}, "Near the shop", "Near the shop")

    def settings_defaults(self) -> dict:
        return {}

    def settings_from_form(self, form) -> dict:
        """The settings staff chose on the question editor (``form``: consult.build.forms.QuestionForm)."""
        return {}

    def print_instructions(self, question, easy: bool) -> list[str]:
        """How to answer on paper, in the register's words (easy read: digits, short sentences)."""
        return [_("Write your answer on the lines.")]

    def print_suffix(self, question) -> str | None:
        """Words printed after the answer box ("minutes"), or None."""
        return None

    def export_cell(self, question, answers, option_label, option_position):
        """One response's answer as a spreadsheet cell: text, or a number for numbers.

        ``answers``: its Answer rows (never empty); ``option_label`` and ``option_position``: option
        id -> its words, and its place among its question's options (worked out once per export).
        """
        return answers[0].text

    def shown_values(self, question, answers, texts) -> list | None:
        """One response's answer for the response page: words, Localised labels, or None."""
        return [answer.text for answer in answers if answer.text] or None


EXCLUSIVE_MESSAGE = _l(
    "One of your answers, such as \u201cNone of these\u201d, must be chosen on its own. Untick it or untick the others"
)


class OptionType(QuestionType):
    """Types whose answers are chosen from the question's options."""

    has_options: ClassVar[bool] = True
    multiple: ClassVar[bool] = False
    missing_message = _l("Select an answer")
    extra_answers = ("prefer_not",)
    results_shape = SINGLE
    print_area = PRINT_TICK_BOXES

    def print_instructions(self, question, easy):
        if self.multiple:
            return [_("You can tick more than 1 box.") if easy else _("Tick all the boxes that apply.")]
        return [_("Tick 1 box.") if easy else _("Tick one box.")]

    def export_cell(self, question, answers, option_label, option_position):
        chosen = sorted((answer.option_id for answer in answers if answer.option_id is not None),
                        key=lambda option_id: option_position.get(option_id, 0))
        return "; ".join(option_label.get(option_id, "") for option_id in chosen) or None

    def example(self, question):
        return Example({self.field_name(question): str(question.options[0].id)}, "", "")

    def shown_values(self, question, answers, texts):
        ids = {answer.option_id for answer in answers}
        return [texts(option.label_id) for option in question.options if option.id in ids] or None

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


__all__ = ["AnswerRow", "DefaultOption", "Example", "OptionType", "Parsed", "QuestionType", "settings_value",
           "SINGLE", "MULTIPLE", "NUMBER", "TEXT", "PRINT_TICK_BOXES", "PRINT_NUMBER_BOX", "PRINT_LINES"]
