"""Grid: several statements answered on one scale ("How much do you agree with each proposal?").

Staff write the statements (options of kind "statement") and the scale's points (ordinary "answer"
options; a new grid starts with the agree scale's five points). On screen each statement is its own
fieldset of radios, stacked one under the other, never a wide table, so it works at 320 px. On paper
it is a table of tick boxes: the statements as rows, the points as columns.

What a browser sends: one field per statement, ``q<question>-s<statement>`` = the point's id. Raw values
keep the pairs as ``"<statement id>:<what was sent>"``, one per statement answered, so a draft holds
them and nothing typed is lost. The clean value is ``{statement id: point id}``. Stored as one answer
row per statement: ``option_id`` the point, ``statement_option_id`` the statement.
"""

from __future__ import annotations

from consult.i18n import Localised
from consult.questions import _choices
from consult.questions.base import (
    GRID,
    PRINT_GRID,
    AnswerRow,
    DefaultOption,
    Example,
    OptionType,
    Parsed,
    SqlCell,
)
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

STATEMENT = "statement"
UNKNOWN_ANSWER = _l("Select one of the answers shown")
EVERY_STATEMENT = _l("Select an answer for every statement")
THIS_STATEMENT = _l("Select an answer for this statement")


def default_words(block, language: str) -> str:
    """A text block's standard words in ``language`` (the consultation's own), for examples and tests."""
    for variant in block.variants if block is not None else ():
        if variant.language == language and variant.register == "standard":
            return variant.body
    return ""


class Grid(OptionType):
    key = "grid"
    name = _l("Grid: several statements on one scale")
    template = "questions/grid.html"
    missing_message = EVERY_STATEMENT
    # Statements and points are both written by staff; "Prefer not to say" would be one more point.
    extra_answers = ()
    # Points on the scale a grid needs before it can be published.
    min_choices = 2
    option_roles = ((STATEMENT, _l("Statement")), ("answer", _l("Point on the scale")))
    results_shape = GRID
    results_figures = "grid"  # its figures in the API's results (consult.results.figures.FIGURES)
    print_area = PRINT_GRID
    xlsform_group_appearances = ("table-list",)  # its statements are the group's rows (consult.build.xlsform.groups)

    # -- the question's parts -------------------------------------------------------------------

    def statements(self, question) -> list:
        return [option for option in question.options if option.kind == STATEMENT]

    def points(self, question) -> list:
        return [option for option in question.options if option.kind != STATEMENT]

    def default_options(self):
        return [
            DefaultOption("agree_strongly", _l("Strongly agree")),
            DefaultOption("agree", _l("Agree")),
            DefaultOption("neutral", _l("Neither agree nor disagree")),
            DefaultOption("disagree", _l("Disagree")),
            DefaultOption("disagree_strongly", _l("Strongly disagree")),
        ]

    def statement_field(self, question, statement) -> str:
        return f"{self.field_name(question)}-s{statement.id}"

    def radio_id(self, question, statement, point) -> str:
        return f"{self.statement_field(question, statement)}-{point.id}"

    def input_id(self, question) -> str:
        statements, points = self.statements(question), self.points(question)
        if not statements or not points:
            return self.field_name(question)
        return self.radio_id(question, statements[0], points[0])

    # -- reading what was sent ------------------------------------------------------------------

    def read(self, question, formdata) -> list[str]:
        raw = []
        for statement in self.statements(question):
            for value in formdata.getlist(self.statement_field(question, statement)):
                if value != "":
                    raw.append(f"{statement.id}:{value}")
        return raw

    def chosen(self, raw) -> dict[str, str]:
        """Statement id -> what was sent for it, both as text (for the template to tick the radios)."""
        found = {}
        for entry in raw or ():
            statement_id, _colon, value = str(entry).partition(":")
            found.setdefault(statement_id, value)
        return found

    def _known(self, question) -> tuple[dict[str, int], dict[str, int]]:
        return ({str(option.id): option.id for option in self.statements(question)},
                {str(option.id): option.id for option in self.points(question)})

    def _problem(self, question, raw) -> tuple[str | None, object]:
        """(the message, the statement it is about) for the first statement that needs fixing."""
        statements, points = self._known(question)
        chosen = self.chosen(raw)
        if any(statement_id not in statements for statement_id in chosen):
            return str(UNKNOWN_ANSWER), None
        for statement in self.statements(question):
            value = chosen.get(str(statement.id))
            if value is None:
                if question.required and chosen:
                    return str(EVERY_STATEMENT), statement
            elif value not in points:
                return str(UNKNOWN_ANSWER), statement
        return None, None

    def parse(self, question, raw) -> Parsed:
        if not raw:
            return Parsed()
        message, _statement = self._problem(question, raw)
        if message:
            return Parsed(error=message)
        statements, points = self._known(question)
        chosen = self.chosen(raw)
        return Parsed(value={statements[key]: points[value] for key, value in chosen.items()})

    def statement_error(self, question, raw, error, statement) -> str | None:
        """The message under one statement when the page comes back with an error, or None."""
        if not error:
            return None
        value = self.chosen(raw).get(str(statement.id))
        if value is None:
            return str(THIS_STATEMENT) if question.required else None
        if value not in self._known(question)[1]:
            return str(UNKNOWN_ANSWER)
        return None

    def error_input_id(self, question, raw) -> str:
        points = self.points(question)
        for statement in self.statements(question):
            if points and self.statement_error(question, raw, True, statement):
                return self.radio_id(question, statement, points[0])
        return self.input_id(question)

    def selected(self, value) -> set[int]:
        """The points chosen, for branching on an earlier question's answers."""
        return set(value.values()) if value else set()

    # -- storage ----------------------------------------------------------------------------------

    def rows(self, question, value) -> list[AnswerRow]:
        order = {statement.id: index for index, statement in enumerate(self.statements(question))}
        return [AnswerRow(option_id=point_id, statement_option_id=statement_id)
                for statement_id, point_id in sorted(value.items(), key=lambda pair: order.get(pair[0], 0))]

    def value_from_rows(self, question, rows):
        return {row.statement_option_id: row.option_id for row in rows if row.statement_option_id is not None}

    # -- showing the answer -----------------------------------------------------------------------

    def _pairs(self, question, value):
        points = {point.id: point for point in self.points(question)}
        for statement in self.statements(question):
            point = points.get((value or {}).get(statement.id))
            if point is not None:
                yield statement, point

    def display(self, question, value, texts) -> list[str]:
        return [_("%(statement)s: %(answer)s", statement=texts(statement.label_id).text,
                  answer=texts(point.label_id).text) for statement, point in self._pairs(question, value)]

    def shown_values(self, question, answers, texts):
        shown = []
        for statement, point in self._pairs(question, self.value_from_rows(question, answers)):
            words = texts(statement.label_id)
            shown.append(Localised(_("%(statement)s: %(answer)s", statement=words.text,
                                     answer=texts(point.label_id).text), words.lang, words.register))
        return shown or None

    def example(self, question):
        points = self.points(question)
        formdata = {self.statement_field(question, statement): str(points[index % len(points)].id)
                    for index, statement in enumerate(self.statements(question))}
        first = default_words(points[0].label, question.consultation.default_language)
        return Example(formdata, "", first)

    def xlsform_rows(self, question) -> list:
        return self.statements(question)

    # -- exports: one column per statement --------------------------------------------------------

    def export_columns(self, question, words) -> list[str]:
        prompt = words(question.prompt_id)
        return [_("%(question)s: %(statement)s", question=prompt, statement=words(statement.label_id))
                for statement in self.statements(question)] or [prompt]

    def export_cells(self, question, answers, option_label, option_position) -> list:
        by_statement = {answer.statement_option_id: answer.option_id for answer in answers}
        statements = self.statements(question) or [None]
        return [option_label.get(by_statement.get(statement.id)) if statement else None for statement in statements]

    def export_sql(self, question, cells):
        # Per statement, the label of the point chosen last for it (export_cells' dict keeps the last).
        return [SqlCell(cells.last(cells.words, question, f"a.statement_option_id = {int(statement.id)}"))
                for statement in self.statements(question)] or [SqlCell("NULL")]

    # -- paper ------------------------------------------------------------------------------------

    def option_sections(self, question, texts=None):
        """The scale's points: the columns of the printed table (the statements are its rows)."""
        return [_choices.Section(self.points(question))]

    def print_rows(self, question, words):
        return [words(statement.label_id) for statement in self.statements(question)]

    def print_instructions(self, question, easy):
        if easy:
            return [_("Tick 1 box on each line.")]
        return [_("Tick one box in each row.")]


TYPE = Grid()
