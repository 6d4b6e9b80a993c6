"""What every question type provides, and the shared behaviour of option-based types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any, ClassVar

from consult.questions import _choices
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

# How results see a type's answers (consult.results.plain uses these names).
SINGLE = "single"  # one option per answer
MULTIPLE = "multiple"  # several options per answer
NUMBER = "number"
TEXT = "text"
# Several statements on one scale: per statement, like SINGLE (answer.statement_option_id says which).
GRID = "grid"
# Items put in order: per item, its position (answer.number).
RANKING = "ranking"
DECIMAL = "decimal"  # a number with decimals (or an amount of money) in answer.amount
DATE = "date"  # a calendar date in answer.date

# What the printed questionnaire leaves for the answer (templates/pdf/questionnaire.html).
PRINT_TICK_BOXES = "tick_boxes"
PRINT_NUMBER_BOX = "number_box"
PRINT_LINES = "lines"
PRINT_GRID = "grid_table"  # a table of tick boxes: the statements as rows, the scale's points as columns
PRINT_RANK_BOXES = "rank_boxes"  # a box beside each item to write its position in
PRINT_DATE_BOXES = "date_boxes"  # boxes for the day, month and year (DD MM YYYY)
PRINT_MONEY_BOX = "money_box"  # a box with "£" before it
# Labelled answer spaces, each a line or a row of letter boxes (an address, a postcode, a phone number):
# the type lists them in ``print_fields``.
PRINT_FIELDS = "fields"


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
    statement_option_id: int | None = None  # a grid's answers: the statement the row answers
    amount: Decimal | None = None  # decimals and money, to 3 places
    date: date | None = None


@dataclass(frozen=True)
class SqlCell:
    """One export column made by PostgreSQL (consult/results/export_sql.py): an aggregate over one
    response's answer rows, and whether it is text (text is neutralised against formulas; numbers are not)."""

    expression: str
    text: bool = True


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
class PrintField:
    """One space to write in on paper, for PRINT_FIELDS: a line, or boxes for one letter or digit each."""

    label: Any = None  # words printed beside it ("Postcode"), or None when the question says it all
    # Groups of letter boxes with a gap between groups ((4, 3) for a postcode); () for a writing line.
    boxes: tuple[int, ...] = ()
    optional: bool = False  # printed "(optional)" beside the label


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
    # The kinds of option staff write themselves, with the words of the editor's "Add" choice: a grid
    # adds statements ("statement") and points on its scale ("answer"). Empty: the usual answers.
    option_roles: ClassVar[tuple[tuple[str, Any], ...]] = ()

    # -- XLSForm import (consult/build/xlsform/) ----------------------------------------------------
    # The XLSForm types this type reads, as a survey sheet spells them ("integer", "select_one").
    xlsform_types: ClassVar[tuple[str, ...]] = ()
    # Appearances that choose this type over another reading the same XLSForm type ("multiline").
    xlsform_appearances: ClassVar[tuple[str, ...]] = ()
    # Group appearances whose whole group becomes one question of this type ("table-list": a grid).
    xlsform_group_appearances: ClassVar[tuple[str, ...]] = ()

    # -- results ----------------------------------------------------------------------------------
    # SINGLE, MULTIPLE, NUMBER or TEXT.
    results_shape: ClassVar[str] = TEXT
    # Answers are words people wrote: searched, read one by one and tagged with themes.
    free_text: ClassVar[bool] = False
    # An agree scale: results count how many agree.
    is_scale: ClassVar[bool] = False
    # Answers say who someone is or how to reach them (an email address, a phone number, a postcode, a
    # home address). Results never show them: the dashboard says how many answered and nothing more, the
    # public results leave the question out, and they are never read or tagged with themes. Staff exports
    # and the response page keep them, and data retention anonymises them by this flag.
    personal_data: ClassVar[bool] = False

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

    def error_input_id(self, question, raw: list[str]) -> str:
        """The control an error summary link should focus, given what was sent: the field at fault
        where a question has several (an address), else ``input_id``."""
        return self.input_id(question)

    def read(self, question, formdata) -> list[str]:
        """The raw values as sent, kept as typed so nothing is lost on an error."""
        return [value for value in formdata.getlist(self.field_name(question))]

    def parse(self, question, raw: list[str]) -> Parsed:
        raise NotImplementedError

    def check(self, question, raw: list[str], missing_message: str | None = None) -> Parsed:
        """Parse, then apply "required": the one rule every type shares.

        ``missing_message``: the words staff wrote for this question ("Select how long you waited"),
        in the page's language; without them, the type's own ``missing_message``.
        """
        parsed = self.parse(question, raw)
        if parsed.empty and question.required:
            return Parsed(error=missing_message or str(self.missing_message))
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

    def settings_form_data(self, question) -> dict:
        """The question editor's fields for the type's own settings, filled in from ``question.settings``
        (the reverse of settings_from_form) for types whose fields are not the shared ones."""
        return {}

    # -- branching (consult.branching): comparing answers with values staff set ---------------------
    # "More than", "less than" and "between" are offered on this type's answers.
    compares: ClassVar[bool] = False

    def comparable(self, question, value):
        """The answer ``value`` as branching compares it (a number, a Decimal, a date), or None."""
        return None

    def read_threshold(self, question, text: str | None):
        """A value staff typed (or stored) for a comparison, as ``comparable`` gives it; None if unreadable."""
        return None

    def threshold_text(self, question, value) -> str:
        """How a comparison's value is stored, so ``read_threshold`` reads it back unchanged."""
        return str(value)

    def threshold_words(self, question, value) -> str:
        """A comparison's value in the reader's words ("1,200", "£12.50", "27 March 2026")."""
        return str(value)

    def range_settings(self, low, high) -> dict | None:
        """Settings for a range an XLSForm constraint sets (``. >= 1 and . <= 10``), or None when the
        type cannot keep it. ``low``/``high``: consult.build.xlsform.expressions.Bound, or None."""
        return None

    def xlsform_type(self, question) -> tuple[str, str]:
        """How an XLSForm survey sheet writes this question: its type ("integer") and appearance
        ("multiline", or ""). A type import cannot read back is written as the nearest type people can
        answer in every form tool: a box for words."""
        if self.xlsform_types:
            return self.xlsform_types[0], (self.xlsform_appearances[0] if self.xlsform_appearances else "")
        return "text", ""

    def xlsform_value(self, question, value) -> str:
        """A branching comparison's value (``comparable``'s kind) as an XLSForm expression writes it."""
        return self.threshold_text(question, value)

    def xlsform_constraint(self, question) -> str:
        """The XLSForm ``constraint`` for the type's own rule (a range of numbers), or ""."""
        return ""

    def xlsform_choices(self, question) -> list:
        """The options written on the choices sheet for this question (none for a type without)."""
        return []

    def xlsform_rows(self, question) -> list:
        """The options a question asks one by one on its shared list (a grid's statements): written as a
        ``table-list`` group with one select per row, the way XLSForm users write a grid. Empty for a
        question written as one row."""
        return []

    def print_instructions(self, question, easy: bool) -> list[str]:
        """How to answer on paper, in the register's words (easy read: digits, short sentences)."""
        return [_("Write your answer on the lines.")]

    def print_fields(self, question, easy: bool) -> list[PrintField]:
        """The spaces to write in, for a type whose ``print_area`` is PRINT_FIELDS."""
        return []

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

    def print_rows(self, question, words) -> list[str]:
        """PRINT_GRID: the rows of the printed table (a grid's statements); ``words``: block id -> words."""
        return []

    def export_columns(self, question, words) -> list[str]:
        """The spreadsheet column headers for this question; ``words``: text block id -> its words.
        Most types have one column; a grid has one per statement, a ranking one per item."""
        return [words(question.prompt_id)]

    def export_cells(self, question, answers, option_label, option_position) -> list:
        """One response's cells, one per export column (see export_cell for the arguments)."""
        return [self.export_cell(question, answers, option_label, option_position)]

    def export_sql(self, question, cells) -> list[SqlCell] | None:
        """``export_cells`` as PostgreSQL aggregates, for an export written by PostgreSQL itself; None:
        this type's cells are made in Python only (the whole export is then written in Python).

        ``cells`` (consult.results.export_sql.SqlCells) gives the pieces: the answer rows of one
        response (``a``), the filter for this question's rows, parameters. Each expression must give
        what ``export_cells`` gives, cell for cell (tests/results/test_export_sql.py compares them).
        Here: the first answer row's text, as ``export_cell``."""
        return [SqlCell(cells.first("a.text", question))]

    def export_writer(self, question, option_label, option_position) -> Callable[[list], list]:
        """``export_cells`` for ``question`` with this export's labels bound: made once per export and
        called for every response, so it may do once what needs doing once (consult.results.exports)."""
        if type(self).export_cells is not QuestionType.export_cells:
            return partial(self.export_cells, question, option_label=option_label, option_position=option_position)
        cell = self.export_cell
        return lambda answers: [cell(question, answers, option_label, option_position)]

    def has_written_answers(self, question) -> bool:
        """Some answers to ``question`` are words people wrote, to read and tag with themes: a free-text
        type, or an option type with a box such as "Other, please specify"."""
        return self.free_text

    # The figures the API gives of its results, named from consult.results.figures.FIGURES: protected
    # by the rules the dashboard and the public results use. Here: how many were asked and answered,
    # never what they wrote.
    results_figures: ClassVar[str] = "counted"


EXCLUSIVE_MESSAGE = _l(
    "One of your answers, such as \u201cNone of these\u201d, must be chosen on its own. Untick it or untick the others"
)


class OptionType(QuestionType):
    """Types whose answers are chosen from the question's options."""

    EXPORT_MEMORY: ClassVar[int] = 1_000  # sets of options an export remembers the cell of, per question

    has_options: ClassVar[bool] = True
    multiple: ClassVar[bool] = False
    missing_message = _l("Select an answer")
    extra_answers = ("prefer_not",)
    results_shape = SINGLE
    print_area = PRINT_TICK_BOXES
    # Staff may add an "Other" answer that asks for words (consult.questions._choices).
    offers_other: ClassVar[bool] = False

    def has_written_answers(self, question) -> bool:
        return any(option.write_in for option in question.options)

    # Each answer's count and percentage of the people asked (consult.results.figures); the words of
    # an "Other" box are not among them.
    results_figures: ClassVar[str] = "choices"

    def read(self, question, formdata) -> list[str]:
        name = self.field_name(question)
        return [*formdata.getlist(name), *_choices.read_written(name, question, formdata)]

    def option_sections(self, question, texts=None) -> list[_choices.Section]:
        """The answers as people see them: without a group, each headed group, then the special ones."""
        return _choices.sections(question, texts)

    def group_heading(self, group, texts):
        """A group's heading (Localised) through ``texts``, even where the page did not load it."""
        return _choices.group_heading(group, texts)

    def written_boxes(self, question, raw: list[str]) -> dict[str, str]:
        """{option id as text: the words in its box as typed}, for the page to show them back."""
        return _choices.split_raw(raw)[1]

    def written_error(self, question, raw: list[str]) -> tuple[int, str] | None:
        """(option id, message) when the fault is in a write-in box, so the page puts it there."""
        chosen, written = _choices.split_raw(raw)
        ids = self._option_ids(question, [value for value in chosen if value != ""]) or []
        problem = _choices.written_problem(question, ids, written)
        return (problem[0].id, problem[1]) if problem else None

    def error_input_id(self, question, raw: list[str]) -> str:
        problem = self.written_error(question, raw)
        if problem:
            return _choices.box_name(self.field_name(question), question.option_by_id(problem[0]))
        return self.input_id(question)

    def xlsform_type(self, question) -> tuple[str, str]:
        if self.xlsform_types:
            return super().xlsform_type(question)
        # Yes/no, the agree scale, a grid's scale: written as the plain choice they are asked as.
        return ("select_multiple" if self.multiple else "select_one"), ""

    def xlsform_choices(self, question) -> list:
        # A grid's statements are rows of the question, not answers to choose.
        return [option for option in question.options if option.kind != "statement"]

    def print_instructions(self, question, easy):
        if self.multiple:
            return [_("You can tick more than 1 box.") if easy else _("Tick all the boxes that apply.")]
        return [_("Tick 1 box.") if easy else _("Tick one box.")]

    def export_writer(self, question, option_label, option_position):
        general = super().export_writer(question, option_label, option_position)
        if type(self).export_cells is not QuestionType.export_cells or type(self).export_cell is not OptionType.export_cell:
            return general

        # Options chosen with no words written, as most answers are, make the same cell every time:
        # worked out once per set of options (at most EXPORT_MEMORY sets) rather than for every
        # response. The remembered list is shared: callers copy its cells, never change it.
        made: dict[tuple, list] = {}

        def cells(answers):
            if len(answers) == 1 and not answers[0].text:
                return [option_label.get(answers[0].option_id) or None]
            if any(answer.text for answer in answers):
                return general(answers)
            chosen = tuple([answer.option_id for answer in answers])
            found = made.get(chosen)
            if found is None:
                found = general(answers)
                if len(made) < self.EXPORT_MEMORY:
                    made[chosen] = found
            return found
        return cells

    def export_sql(self, question, cells):
        # export_cell: each option chosen, in the options' order, as answer_words makes it, joined by "; ".
        words = cells.answer_words(_choices.answer_words)
        chosen = cells.of(question, "a.option_id IS NOT NULL")
        if self.results_shape == SINGLE:
            # One option per answer (parse never makes two rows): no ordering, which costs a sort per response.
            return [SqlCell(f"NULLIF(max({words}) FILTER (WHERE {chosen}), '')")]
        return [SqlCell(f"NULLIF(string_agg({words}, '; ' ORDER BY coalesce({cells.position}, 0), a.id) "
                        f"FILTER (WHERE {chosen}), '')")]

    def export_cell(self, question, answers, option_label, option_position):
        chosen = sorted((answer for answer in answers if answer.option_id is not None),
                        key=lambda answer: option_position.get(answer.option_id, 0))
        return "; ".join(_choices.answer_words(option_label.get(answer.option_id, ""), answer.text)
                         for answer in chosen) or None

    def example(self, question):
        return Example({self.field_name(question): str(question.options[0].id)}, "", "")

    def shown_values(self, question, answers, texts):
        written = {answer.option_id: answer.text for answer in answers}
        shown = []
        for option in question.options:
            if option.id in written:
                label = texts(option.label_id)
                # Words someone wrote beside the answer: "Other: my words" (plain text, not a label).
                shown.append(_choices.answer_words(label.text if label else "", written[option.id])
                             if written[option.id] else label)
        return shown or None

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
        raw, written = _choices.split_raw(raw)
        raw = [value for value in raw if value != ""]
        if not raw:
            return Parsed()
        chosen = self._option_ids(question, raw)
        if chosen is None:
            return Parsed(error=str(_l("Select one of the answers shown")))
        if not self.multiple and len(chosen) > 1:
            return Parsed(error=str(_l("Select only one answer")))
        if len(chosen) > 1 and any(question.option_by_id(option_id).is_exclusive for option_id in chosen):
            return Parsed(error=str(EXCLUSIVE_MESSAGE))
        problem = _choices.written_problem(question, chosen, written)
        if problem:
            return Parsed(error=problem[1])
        # Words in the box of an answer not chosen are left out.
        chosen = _choices.with_words(question, chosen, written)
        return Parsed(value=chosen if self.multiple else chosen[0])

    def rows(self, question, value) -> list[AnswerRow]:
        ids = value if self.multiple else [value]
        return [AnswerRow(option_id=option_id, text=getattr(option_id, "written", None)) for option_id in ids]

    def value_from_rows(self, question, rows: list[AnswerRow]):
        ids = [_choices.Chosen(row.option_id, row.text) if row.text else row.option_id for row in rows]
        if self.multiple:
            order = {option.id: option.position for option in question.options}
            return sorted(ids, key=order.get)
        return ids[0] if ids else None

    def display(self, question, value, texts) -> list[str]:
        written = {int(option_id): getattr(option_id, "written", None)
                   for option_id in (value if self.multiple else [value])}
        return [_choices.answer_words(texts(option.label_id).text, written[option.id])
                for option in question.options if option.id in written]

    def selected(self, value) -> set[int]:
        if value is None:
            return set()
        return set(value) if self.multiple else {value}


def xlsform_range(low, high) -> str:
    """An XLSForm constraint keeping a number between ``low`` and ``high`` (either may be None), the
    shape the import reads back (consult.build.xlsform.expressions.read_range)."""
    parts = [f". >= {low}" if low is not None else "", f". <= {high}" if high is not None else ""]
    return " and ".join(part for part in parts if part)


def settings_value(question, name: str, type_: QuestionType):
    return (question.settings or {}).get(name, type_.settings_defaults().get(name))


__all__ = ["AnswerRow", "DefaultOption", "Example", "OptionType", "Parsed", "PrintField", "QuestionType",
           "settings_value", "SINGLE", "MULTIPLE", "NUMBER", "TEXT", "PRINT_TICK_BOXES", "PRINT_NUMBER_BOX",
           "PRINT_LINES", "PRINT_FIELDS"]
