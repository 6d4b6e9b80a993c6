"""Every response as one spreadsheet row, in CSV or XLSX, with formula injection neutralised.

A row holds the response's reference, when it was sent (the date only for an anonymous
consultation, so the time cannot help pick a person out), its channel, language, version (easy
read or standard), whether staff typed it in and who helped, then one cell per question: option
labels for choice questions (several joined with "; "), whole numbers as numbers, free text as typed.

A question the branching did not ask this person is left empty, as is a question they skipped.
To tell the two apart, the last column, "Questions not asked", lists the numbers of the questions
the branching skipped for that response (question 1 is the first question column).

Rows are read in batches by keyset paging on the response id, so an export of any size holds one
batch in memory at a time; CSV is written batch by batch as it streams, XLSX row by row into
a temporary file (consult.streamed_xlsx).
"""

from __future__ import annotations

import csv
import gc
import io
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import NamedTuple
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from consult import branching
from consult.events import prefill
from consult.extensions import db
from consult.i18n import ContentCatalogue, language_name_for_staff, text_direction
from consult.models import Answer, Consultation, Question, Response
from consult.respond.journey import stored_answer_facts
from consult.spreadsheets import FORMULA_STARTS, neutralise
from consult.streamed_xlsx import TEXT_MEMORY, StreamedWorkbook
from consult.times import local_zone, to_local
from consult.translating import gettext as _

BATCH_SIZE = 1000
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
    zone: ZoneInfo | None = None  # local times' zone, looked up once for every row's "Date sent"
    _option_position: dict[int, int] = field(default_factory=dict)
    _widths: dict[int, int] = field(default_factory=dict)  # question id -> how many columns it has
    _branching: branching.Plan | None = None
    # (question id, its type's export_writer, its empty cells), worked out on the first row
    _layout: list[tuple] | None = None
    _not_asked: NotAsked | None = None
    # Pre-filled link fields (consult/events/prefill.py): (field id, header), one column each, just
    # before "Questions not asked".
    prefill_columns: list[tuple[int, str]] = field(default_factory=list)

    def row(self, response, by_question: dict[int, list]) -> list:
        """One response's cells (not yet neutralised); ``by_question``: its answer rows by question id."""
        asked, not_asked = self.skipped().of(by_question)
        words = self.words
        cells = [
            response.reference,
            _submitted(response.submitted_at, self.anonymous, self.zone),
            words["channel"].get(response.channel, response.channel),
            words["language"].get(response.language, response.language),
            words["register"].get(response.register, response.register),
            words["yes_no"][response.entered_by_id is not None],
            response.helped_by or None,
        ]
        get = by_question.get
        if asked is None:
            for question_id, cells_of, empty in self._writers():
                found = get(question_id)
                cells += empty if found is None else cells_of(found)
        else:
            for question_id, cells_of, empty in self._writers():
                found = get(question_id)
                cells += empty if found is None or question_id not in asked else cells_of(found)
        cells.append(not_asked)
        return cells

    def width(self, question_id: int) -> int:
        """How many columns the question has (a grid one per statement)."""
        return self._widths[question_id]

    def option_rows(self) -> list[tuple[int, str, int]]:
        """(id, words in the export's language, place among its question's options) of every option."""
        return [(option_id, words, self._option_position[option_id]) for option_id, words in self.option_labels.items()]

    def _writers(self) -> list[tuple]:
        """Each question's column maker, built once per export: looked up from the ORM objects for
        every question of every row, they were a tenth of a million-row export's time."""
        if self._layout is None:
            self._layout = [
                (question.id, question.type.export_writer(question, self.option_labels, self._option_position),
                 [None] * self._widths[question.id])
                for question in self.questions]
        return self._layout

    def skipped(self) -> NotAsked:
        """Which questions the branching left out of a response (worked out once per export)."""
        if self._not_asked is None:
            self._not_asked = NotAsked(self._plan(), self.questions)
        return self._not_asked

    def _plan(self) -> branching.Plan:
        """Journey's branching rule, worked out once for every row (prepare_sheet gives it)."""
        if self._branching is None:
            self._branching = branching.plan_of(self.questions)
        return self._branching


class NotAsked:
    """Which questions the branching left out of one response, and its "Questions not asked" cell.

    The walk depends only on the answers to the questions that conditions look at, and those take
    few distinct values (options chosen, mostly), so each distinct set of them is walked once and
    remembered: walking every row was a quarter of an export's time. The memory is capped, so an
    export whose conditions compare free numbers still holds a bounded amount.
    """

    LIMIT = 10_000

    def __init__(self, plan: branching.Plan, questions: list):
        self.plan = plan
        self.by_id = {question.id: question for question in questions}
        self.numbers = [(question.id, str(number)) for number, question in enumerate(questions, start=1)]
        self.sources = sorted({condition.source_id for rules in plan.rules.values() for rule in rules
                               for condition in rule.conditions if condition.source_id in self.by_id})
        self.known: dict[tuple, tuple] = {}

    def of(self, by_question: dict[int, list]) -> tuple[frozenset | None, str | None]:
        """(the question ids asked, None when every one was; the cell listing the numbers not asked)."""
        if not self.plan.rules:
            return None, None
        facts = tuple(stored_answer_facts(self.by_id[source], by_question.get(source, [])) for source in self.sources)
        try:
            found = self.known.get(facts)
        except TypeError:  # a comparable value that cannot be a key: walk this one without remembering
            return self._walk(facts)
        if found is None:
            if len(self.known) >= self.LIMIT:
                self.known.clear()
            found = self.known[facts] = self._walk(facts)
        return found

    def _walk(self, facts: tuple) -> tuple[frozenset, str | None]:
        of_source = dict(zip(self.sources, facts))
        asked = self.plan.walk(lambda question_id: of_source.get(question_id, branching.NO_ANSWER)).asked
        return asked, "; ".join(number for question_id, number in self.numbers if question_id not in asked) or None


def _submitted(moment: datetime, anonymous: bool, zone: ZoneInfo | None = None) -> date | datetime:
    local = to_local(moment, zone).replace(tzinfo=None)
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
        zone=local_zone(),
        _option_position={option.id: option.position for option in options},
        _widths={question_id: len(headers) for question_id, headers in columns.items()},
        # Worked out now, while the session is open: the rows stream after it has ended.
        _branching=branching.plan_of(questions),
    )


def response_batches(consultation_id: int, size: int = BATCH_SIZE, only_response: int | None = None,
                     question_ids: list[int] | None = None) -> Iterator[list[tuple]]:
    """(response, {question id: its answer rows}) pairs, ``size`` responses at a time, oldest first
    (keyset paging on id).

    Two queries a batch (the ORM's per-row bookkeeping was a quarter of the time): the responses, then
    their answers as one range of response ids, which the answer index reads in one sweep (a join or
    an IN list made PostgreSQL look each response up on its own), sorted by response and question so
    that they are grouped in one pass. Answers in that range to another consultation are left out by
    their questions (``question_ids``: the consultation's, found when not given). A question's answer
    rows keep the order they were saved in. ``only_response``: that one response alone (a resident's
    copy of their answers, consult/rights).

    On PostgreSQL a whole export reads ahead (_read_ahead): the next batch is fetched while this one
    is written.
    """
    if question_ids is None:
        question_ids = list(db.session.scalars(select(Question.id).where(Question.consultation_id == consultation_id)))
    engine = db.session.get_bind()
    if engine.dialect.name == "postgresql" and only_response is None:
        yield from _read_ahead(engine, consultation_id, size, question_ids)
        return
    responses, answers = Response.__table__.c, Answer.__table__.c
    one = () if only_response is None else (responses.id == only_response,)
    connection = db.session.connection()
    after = 0
    while True:
        batch = connection.execute(
            select(responses.id, responses.reference, responses.submitted_at, responses.channel, responses.language,
                   responses.register, responses.entered_by_id, responses.helped_by)
            .where(responses.consultation_id == consultation_id, responses.id > after, *one)
            .order_by(responses.id).limit(size)
        ).all()
        if not batch:
            return
        first, last = batch[0].id, batch[-1].id
        rows = connection.execute(
            select(answers.response_id, answers.question_id, answers.option_id, answers.text, answers.number,
                   answers.amount, answers.date, answers.statement_option_id)
            .where(answers.response_id >= first, answers.response_id <= last, answers.question_id.in_(question_ids))
            .order_by(answers.response_id, answers.question_id, answers.id)
        ).all()  # all at once: psycopg's row-by-row fetch costs more than the row
        yield _paired(batch, rows)
        after = last


def _paired(batch: list, rows: list) -> list[tuple]:
    """Each response of ``batch`` with its answer ``rows`` (sorted by response, then question) by question id.

    A plain loop, not itertools.groupby: its key tuples and sub-iterators took twice as long."""
    by_response: dict[int, dict[int, list]] = {}
    response_id = question_id = of_response = found = None
    for row in rows:
        if row[0] != response_id:
            response_id, question_id = row[0], row[1]
            of_response = by_response[response_id] = {question_id: (found := [row])}
        elif row[1] != question_id:
            question_id = row[1]
            of_response[question_id] = found = [row]
        else:
            found.append(row)
    return [(response, by_response.get(response.id, {})) for response in batch]


class ResponseRow(NamedTuple):
    """A response's columns as _read_ahead reads them (the Core path's rows have the same names)."""

    id: int
    reference: str
    submitted_at: datetime
    channel: str
    language: str
    register: str
    entered_by_id: int | None
    helped_by: str | None


class AnswerRow(NamedTuple):
    """An answer's columns as _read_ahead reads them: what a question type's export writer reads."""

    response_id: int
    question_id: int
    option_id: int | None
    text: str | None
    number: int | None
    amount: Decimal | None
    date: date | None
    statement_option_id: int | None


# The Core path's queries as psycopg takes them, column for column (ResponseRow, AnswerRow).
_RESPONSES_SQL = (
    "SELECT id, reference, submitted_at, channel, language, register, entered_by_id, helped_by FROM response"
    " WHERE consultation_id = %s AND id > %s ORDER BY id LIMIT %s")
_ANSWERS_SQL = (
    "SELECT response_id, question_id, option_id, text, number, amount, date, statement_option_id FROM answer"
    " WHERE response_id >= %s AND response_id <= %s AND question_id = ANY(%s) ORDER BY response_id, question_id, id")
READ_AHEAD = 2  # batches waiting for the writer: enough to keep PostgreSQL busy, and a bounded memory


def _read_ahead(engine, consultation_id: int, size: int, question_ids: list[int]) -> Iterator[list[tuple]]:
    """response_batches on PostgreSQL: a thread with a connection of its own reads the batches ahead.

    An export spent a third of its time (more for XLSX) waiting for PostgreSQL to send each batch;
    reading ahead, that wait overlaps the writing (the driver lets go of Python's lock while it
    waits). The rows come straight from psycopg as tuples: SQLAlchemy's rows and their type
    processing cost four times what psycopg's own reading does. psycopg gives the values as the Core
    path's rows hold them (numeric as Decimal to three places, date as date, timestamps naive UTC).
    """
    ready: queue.Queue = queue.Queue(maxsize=READ_AHEAD)
    stop = threading.Event()
    done = object()

    def hand_over(item) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            connection = engine.raw_connection()
            try:
                cursor = connection.cursor()
                make_response, make_answer = partial(tuple.__new__, ResponseRow), partial(tuple.__new__, AnswerRow)
                after = 0
                while not stop.is_set():
                    with _collector_paused():
                        cursor.execute(_RESPONSES_SQL, (consultation_id, after, size))
                        batch = list(map(make_response, cursor.fetchall()))
                        if not batch:
                            break
                        cursor.execute(_ANSWERS_SQL, (batch[0].id, batch[-1].id, question_ids))
                        paired = _paired(batch, list(map(make_answer, cursor.fetchall())))
                    if not hand_over(paired):
                        return
                    after = batch[-1].id
                cursor.close()
            finally:
                connection.close()  # back to the pool, its transaction ended
            hand_over(done)
        except BaseException as error:  # noqa: BLE001 - handed to the writer, which raises it
            hand_over(error)

    reader = threading.Thread(target=read, name="export-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item = ready.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()  # the writer stopped (finished, failed, or the download was cancelled)
        reader.join()


# How many readers and writers of a batch have it off, and whether it was on before the first did.
_pauses = 0
_was_on = True
_pauses_lock = threading.Lock()


@contextmanager
def _collector_paused():
    """Python's cycle collector held off while one batch is read and laid out.

    A batch makes tens of thousands of row objects, and each few hundred set off a collection that
    walks every object the app holds: with it running, reading the answers took three times as long
    (tests/bench_scale.py). The rows make no cycles; the collector runs again between batches, so
    other requests' garbage waits a few tens of milliseconds at most. Counted, because an export's
    read-ahead thread pauses it too: it comes back on only when neither is at work.
    """
    global _pauses, _was_on
    with _pauses_lock:
        if _pauses == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _was_on:
                gc.enable()


def sheet_rows(sheet: ExportSheet, batch_size: int = BATCH_SIZE, only_response: int | None = None) -> Iterator[list[list]]:
    """The header row, then the responses' rows, in lists of up to ``batch_size`` rows."""
    yield [sheet.headers]
    question_ids = [question.id for question in sheet.questions]
    batches = response_batches(sheet.consultation_id, batch_size, only_response, question_ids)
    while True:
        with _collector_paused():
            batch = next(batches, None)
            if batch is None:
                return
            rows = [sheet.row(response, by_question) for response, by_question in batch]
            if sheet.prefill_columns:
                labels = prefill.labels_for([response.id for response, _answers in batch])
                rows = [row[:-1] + [labels.get(response.id, {}).get(field_id) for field_id, _header in sheet.prefill_columns]
                        + row[-1:] for row, (response, _answers) in zip(rows, batch)]
        yield rows


def csv_cells(row: list) -> list:
    """A row's CSV cells: text neutralised, a date and time to the minute. Everything else goes to the
    csv writer as it is: it writes None as nothing and a number or a date (YYYY-MM-DD) as str() does.
    Only text that starts as a formula can change, so only that goes through ``neutralise``: called
    for every cell, it was a tenth of the export's time."""
    return [(neutralise(value) if value.startswith(FORMULA_STARTS) else value) if isinstance(value, str)
            else value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value for value in row]


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
        writer.writerows([csv_cells(row) for row in rows])
        yield buffer.getvalue()


def _xlsx_text(value: str) -> str:
    # XLSX cannot hold most control characters; drop them first, so that removing one
    # cannot uncover a formula character after the check.
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))


def write_xlsx(sheet: ExportSheet, target, batch_size: int = BATCH_SIZE) -> None:
    """Write the workbook to ``target`` (a path or a binary file) without holding it in memory."""
    # Option labels come back on every row: each distinct text is made safe once (a bounded memory).
    safe: dict[str, str] = {}

    def safe_text(value: str) -> str:
        found = safe.get(value)
        if found is None:
            found = _xlsx_text(value)
            if len(safe) < TEXT_MEMORY:
                safe[value] = found
        return found

    with StreamedWorkbook(target, sheet.sheet_title, right_to_left=sheet.direction == "rtl",
                          date_time_format="yyyy-mm-dd" if sheet.anonymous else "yyyy-mm-dd hh:mm") as workbook:
        for index, rows in enumerate(sheet_rows(sheet, batch_size)):
            workbook.write_rows([[safe_text(value) if isinstance(value, str) else value for value in row]
                                 for row in rows], header=index == 0)


def file_name(slug: str, language: str, extension: str, today: date) -> str:
    """equipment-service-2027-03-05-cy.csv: what, when and in which language, in a safe name."""
    return f"{slug}-{today.isoformat()}-{language}.{extension}"
