"""Every response as one spreadsheet row, in CSV or XLSX, with formula injection neutralised.

A row holds the response's reference, when it was sent (the date only for an anonymous
consultation, so the time cannot help pick a person out), its channel, language, version (easy
read or standard), whether staff typed it in and who helped, then one cell per question: option
labels for choice questions (several joined with "; "), whole numbers as numbers, free text as typed.

A question the branching did not ask this person is left empty, as is a question they skipped.
To tell the two apart, the last column, "Questions not asked", lists the numbers of the questions
the branching skipped for that response (question 1 is the first question column).

Rows are read in batches by keyset paging on the response id, so an export of any size holds one
batch in memory at a time; CSV is written batch by batch as it streams, XLSX goes through
openpyxl's write-only mode into a temporary file.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from sqlalchemy import select

from consult import branching
from consult.events import prefill
from consult.extensions import db
from consult.i18n import ContentCatalogue, language_name_for_staff, text_direction
from consult.models import Answer, Consultation, Response
from consult.respond.journey import stored_answer_facts
from consult.spreadsheets import neutralise
from consult.times import to_local

BATCH_SIZE = 500
FORMATS = ("csv", "xlsx")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _channel_names() -> dict[str, str]:
    return {
        "online": _("Online"),
        "paper": _("Paper form"),
        "phone": _("Phone"),
        "event": _("Event"),
        "assisted": _("Helped by staff"),
    }


@dataclass
class ExportSheet:
    """What turning stored answers into rows needs, loaded once before the rows stream."""

    consultation_id: int
    anonymous: bool
    questions: list
    headers: list[str]
    option_labels: dict[int, str]
    words: dict[str, dict[str, str]]
    language: str
    direction: str
    sheet_title: str
    _option_position: dict[int, int] = field(default_factory=dict)
    _widths: dict[int, int] = field(default_factory=dict)  # question id -> how many columns it has
    _branching: branching.Plan | None = None
    # (number, question id, question, its type, how many columns), worked out on the first row
    _layout: list[tuple] | None = None
    _by_id: dict[int, object] = field(default_factory=dict)
    # Pre-filled link fields (consult/events/prefill.py): (field id, header), one column each, just
    # before "Questions not asked".
    prefill_columns: list[tuple[int, str]] = field(default_factory=list)

    def row(self, response, answers) -> list:
        """One response's cells (not yet neutralised); ``answers`` are its answer rows."""
        by_question: dict[int, list] = defaultdict(list)
        for answer in answers:
            by_question[answer.question_id].append(answer)
        layout, by_id = self._laid_out(), self._by_id
        asked = self._plan().walk(lambda question_id: stored_answer_facts(
            by_id[question_id], by_question.get(question_id, []))).asked
        cells = [
            response.reference,
            _submitted(response.submitted_at, self.anonymous),
            self.words["channel"].get(response.channel, response.channel),
            self.words["language"].get(response.language, response.language),
            self.words["register"].get(response.register, response.register),
            self.words["yes_no"][response.entered_by_id is not None],
            response.helped_by or None,
        ]
        not_asked = []
        for number, question_id, question, question_type, width in layout:
            if question_id not in asked:
                not_asked.append(str(number))
                cells.extend([None] * width)
            elif question_id in by_question:
                cells.extend(question_type.export_cells(question, by_question[question_id], self.option_labels,
                                                        self._option_position))
            else:
                cells.extend([None] * width)
        cells.append("; ".join(not_asked) or None)
        return cells

    def _laid_out(self) -> list[tuple]:
        """What each row needs of each question, read once per export: read from the ORM objects for
        every question of every row, it was a tenth of a million-row export's time (tests/bench_scale.py)."""
        if self._layout is None:
            self._layout = [(number, question.id, question, question.type, self._widths[question.id])
                            for number, question in enumerate(self.questions, start=1)]
            self._by_id = {question.id: question for question in self.questions}
        return self._layout

    def _plan(self) -> branching.Plan:
        """Journey's branching rule, worked out once for every row (prepare_sheet gives it)."""
        if self._branching is None:
            self._branching = branching.plan_of(self.questions)
        return self._branching

    def _answer_cells(self, question, answers) -> list:
        """The question's cells: one for most types, one per statement or item for a grid or ranking."""
        if not answers:
            return [None] * self._widths[question.id]
        return question.type.export_cells(question, answers, self.option_labels, self._option_position)


def _submitted(moment: datetime, anonymous: bool) -> date | datetime:
    local = to_local(moment).replace(tzinfo=None)
    return local.date() if anonymous else local.replace(second=0, microsecond=0)


def export_language(consultation: Consultation, asked: str | None, interface_language: str) -> str | None:
    """The language for headers and labels: the one asked for, else the staff member's interface
    language when the consultation is offered in it, else the consultation's own. None: not offered."""
    offered = consultation.offered_languages
    if asked:
        return asked if asked in offered else None
    return interface_language if interface_language in offered else consultation.default_language


def prepare_sheet(consultation: Consultation, language: str, interface_language: str) -> ExportSheet:
    """Headers and labels in ``language``; fixed columns in that language when the interface has it.

    ``consultation`` must have its questions, options and conditions loaded (consult.loading.load_consultation).
    """
    questions = list(consultation.questions)
    block_ids = [q.prompt_id for q in questions] + [o.label_id for q in questions for o in q.options]
    texts = ContentCatalogue.load(block_ids, language=language, default_language=consultation.default_language)

    def words(block_id) -> str:
        localised = texts(block_id)
        return localised.text if localised else ""

    words_language = language if language in current_app.config["LANGUAGES"] else interface_language
    with force_locale(words_language):
        fixed = [_("Reference"), _("Date sent") if consultation.anonymous else _("Date and time sent"),
                 _("Channel"), _("Language"), _("Version"), _("Typed in by staff"), _("Helped by")]
        labels = {
            "channel": _channel_names(),
            "language": {code: language_name_for_staff(code) for code in consultation.offered_languages},
            "register": {"standard": _("Standard"), "easy": _("Easy read")},
            "yes_no": {True: _("Yes"), False: _("No")},
        }
        not_asked = _("Questions not asked (by number)")
        title = _("Responses")
    options = [option for question in questions for option in question.options]
    prefill_columns = prefill.export_columns(consultation.id)
    # Each question's columns, as the question's type lays them out (several for a grid or a ranking).
    with force_locale(words_language):
        columns = {question.id: question.type.export_columns(question, words) for question in questions}
    return ExportSheet(
        consultation_id=consultation.id,
        anonymous=consultation.anonymous,
        questions=questions,
        headers=[*fixed, *(header for q in questions for header in columns[q.id]),
                 *(header for _field_id, header in prefill_columns), not_asked],
        prefill_columns=prefill_columns,
        option_labels={option.id: words(option.label_id) for option in options},
        words=labels,
        language=language,
        direction=text_direction(language),
        sheet_title=title[:31],
        _option_position={option.id: option.position for option in options},
        _widths={question_id: len(headers) for question_id, headers in columns.items()},
        # Worked out now, while the session is open: the rows stream after it has ended.
        _branching=branching.plan_of(questions),
    )


def response_batches(consultation_id: int, size: int = BATCH_SIZE,
                     only_response: int | None = None) -> Iterator[list[tuple]]:
    """(response, its answers) pairs, ``size`` responses at a time, oldest first (keyset paging on id).

    ``only_response``: that one response alone (a resident's copy of their answers, consult/rights).
    """
    after = 0
    while True:
        one = () if only_response is None else (Response.id == only_response,)
        responses = db.session.execute(
            select(Response.id, Response.reference, Response.submitted_at, Response.channel, Response.language,
                   Response.register, Response.entered_by_id, Response.helped_by)
            .where(Response.consultation_id == consultation_id, Response.id > after, *one)
            .order_by(Response.id).limit(size)
        ).all()
        if not responses:
            return
        ids = [response.id for response in responses]
        answers: dict[int, list] = defaultdict(list)
        for answer in db.session.execute(
            select(Answer.response_id, Answer.question_id, Answer.option_id, Answer.text, Answer.number,
                   Answer.amount, Answer.date, Answer.statement_option_id)
            .where(Answer.response_id.in_(ids)).order_by(Answer.id)
        ):
            answers[answer.response_id].append(answer)
        yield [(response, answers[response.id]) for response in responses]
        after = ids[-1]


def sheet_rows(sheet: ExportSheet, batch_size: int = BATCH_SIZE, only_response: int | None = None) -> Iterator[list[list]]:
    """The header row, then the responses' rows, in lists of up to ``batch_size`` rows."""
    yield [sheet.headers]
    for batch in response_batches(sheet.consultation_id, batch_size, only_response):
        rows = [sheet.row(response, answers) for response, answers in batch]
        if sheet.prefill_columns:
            labels = prefill.labels_for([response.id for response, _answers in batch])
            rows = [row[:-1] + [labels.get(response.id, {}).get(field_id) for field_id, _header in sheet.prefill_columns]
                    + row[-1:] for row, (response, _answers) in zip(rows, batch)]
        yield rows


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


def csv_chunks(sheet: ExportSheet, batch_size: int = BATCH_SIZE, only_response: int | None = None) -> Iterator[str]:
    """The CSV text, one chunk per batch. It starts with a byte-order mark so that Excel reads
    Welsh and Arabic letters as UTF-8."""
    first = True
    for rows in sheet_rows(sheet, batch_size, only_response):
        buffer = io.StringIO()
        if first:
            buffer.write("\ufeff")
            first = False
        writer = csv.writer(buffer)
        writer.writerows([[_csv_value(value) for value in row] for row in rows])
        yield buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, str):
        # XLSX cannot hold most control characters; drop them first, so that removing one
        # cannot uncover a formula character after the check.
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def write_xlsx(sheet: ExportSheet, target, batch_size: int = BATCH_SIZE) -> None:
    """Write the workbook to ``target`` (a path or a binary file) without holding it in memory."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet.sheet_title)
    worksheet.freeze_panes = "A2"
    if sheet.direction == "rtl":
        worksheet.sheet_view.rightToLeft = True
    bold = Font(bold=True)
    date_format = "yyyy-mm-dd" if sheet.anonymous else "yyyy-mm-dd hh:mm"
    for index, rows in enumerate(sheet_rows(sheet, batch_size)):
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(worksheet, value=_xlsx_value(value))
                if index == 0:
                    cell.font = bold
                elif isinstance(value, datetime):
                    cell.number_format = date_format
                elif isinstance(value, date):  # a date with no time: the date sent, a date answer
                    cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            worksheet.append(cells)
    workbook.save(target)


def file_name(slug: str, language: str, extension: str, today: date) -> str:
    """equipment-service-2027-03-05-cy.csv: what, when and in which language, in a safe name."""
    return f"{slug}-{today.isoformat()}-{language}.{extension}"
