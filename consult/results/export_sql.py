"""CSV exports written by PostgreSQL itself (COPY ... TO STDOUT), for a national consultation's million rows.

consult/results/exports.py makes every cell of every row in Python: about 20,000 rows a second
(tests/bench_scale.py). On PostgreSQL the database makes them instead. Each question type gives its
cells as SQL aggregates over one response's answer rows (QuestionType.export_sql); the fixed columns,
the option labels in the export's language and the guard against formulas are SQL too; PostgreSQL
writes the CSV and Python passes the bytes on. The responses are cut into batches by id, and two
connections make batches at once (the second CPU), handed on in order, so memory holds a few batches.

Branching: a question the branching did not ask is left empty, and the last column lists it. Whether
a question was asked depends only on the answers to the questions that conditions read. PostgreSQL
lists the distinct sets of those answers (few: options chosen, mostly), Python walks each set once
with the journey's own rule (exports.NotAsked), and every response is joined to its set's verdict.

The Python writer stays the reference, and writes the export whenever this cannot: on SQLite, for a
type whose cells are made in Python only (an address, a phone number), with pre-filled link fields,
or when the answers that branching reads take more than SIGNATURES distinct values. The two give the
same cells (tests/results/test_export_sql.py), though not the same bytes: PostgreSQL ends lines with
LF where Python's csv module writes CRLF (so the header here does too), and quotes an empty text.
"""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from consult.extensions import db
from consult.results import exports
from consult.spreadsheets import FORMULA_STARTS

BATCH = 10_000  # responses per COPY: about 3 MB of CSV each, a few held at a time (20,000 was no faster)
AT_ONCE = 2  # COPYs running together, each on a connection of its own
# Option ids looked up as array slots when they span at most DENSE_SPREAD slots an option (and DENSE_SLACK
# more): PostgreSQL finds an array's n-th text by walking the n before it, so a sparse array is slow.
DENSE_SPREAD, DENSE_SLACK = 4, 64
SIGNATURES = 10_000  # distinct sets of the answers branching reads, beyond which Python writes the export

# For each COPY's transaction. The planner, misled by an unnest's row count (it guesses 100), joined
# each response's answers on their own (nested loops: twice the time), and spread one batch over
# parallel workers (which read the whole answer table); batches already run side by side. Sorting
# stays in memory rather than on disk.
_SETTINGS = ("SET LOCAL enable_nestloop = off", "SET LOCAL max_parallel_workers_per_gather = 0",
             "SET LOCAL work_mem = '64MB'")

# One response's answers to the questions branching reads, as one text PostgreSQL can compare and group.
# Only what conditions can read: the options chosen, and the value itself only for a type that compares
# values (a number's "more than 16"); of free text, that it was answered (so texts do not make sets).
_SIGNATURE = ("coalesce(array_agg(ROW(a.question_id, a.option_id, CASE WHEN a.question_id = ANY(%(comparing)s) "
              "THEN ROW(a.text, a.number, a.amount, a.date, a.statement_option_id)::text END)::text "
              "ORDER BY a.question_id, a.id) FILTER (WHERE a.question_id = ANY(%(sources)s)), '{}')::text")


class SqlCells:
    """The pieces a question type makes its ``export_sql`` from.

    In the query, ``a`` is one of the response's answer rows; ``words`` is the expression for its option's
    words in the export's language, ``position`` for the option's place among its question's options
    (both NULL when the row has no option). Values go in as parameters, never as text.
    """

    def __init__(self, options: list[tuple[int, str, int]]) -> None:
        """``options``: (id, words, place) of every option of the consultation."""
        self.params: dict[str, object] = {}
        ids = [option_id for option_id, _words, _place in options]
        low, high = (min(ids), max(ids)) if ids else (0, 0)
        # The option's words and place, looked up by id. When the ids are close together (a consultation's
        # options are made together) they are slots of two arrays: a lookup in the row itself leaves the
        # answers in the index's order, so PostgreSQL groups them without sorting. Otherwise a join.
        self.joined = ""
        if not ids:
            self.words, self.position = "NULL::text", "NULL::int"
        elif high - low < DENSE_SPREAD * len(ids) + DENSE_SLACK:
            words: list[str | None] = [None] * (high - low + 1)
            places: list[int | None] = [None] * (high - low + 1)
            for option_id, text, place in options:
                words[option_id - low], places[option_id - low] = text, place
            slot = f"a.option_id - {int(low) - 1}"
            self.words = f"({self.value(words)}::text[])[{slot}]"
            self.position = f"({self.value(places)}::int[])[{slot}]"
        else:
            self.words, self.position = "label.words", "label.position"
            self.joined = (f" LEFT JOIN unnest({self.value(ids)}::int[], {self.value([row[1] for row in options])}::text[], "
                           f"{self.value([row[2] for row in options])}::int[]) AS label(id, words, position) "
                           "ON label.id = a.option_id")

    def value(self, value) -> str:
        """A placeholder for ``value``."""
        name = f"v{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"

    def of(self, question, *more: str) -> str:
        """The condition for ``question``'s answer rows (and ``more`` conditions)."""
        return " AND ".join((f"a.question_id = {int(question.id)}", *more))

    def first(self, expression: str, question, *more: str) -> str:
        """``expression`` of the question's first answer row, in the order they were saved."""
        return f"(array_agg({expression} ORDER BY a.id) FILTER (WHERE {self.of(question, *more)}))[1]"

    def last(self, expression: str, question, *more: str) -> str:
        """``expression`` of the question's last answer row."""
        return f"(array_agg({expression} ORDER BY a.id DESC) FILTER (WHERE {self.of(question, *more)}))[1]"

    def answer_words(self, make: Callable[[str, str | None], str]) -> str:
        """``make(label, written)`` in SQL for the row's option and its written words ("Other: my words").

        ``make``'s pattern (translated) is found by calling it with two markers in place of the words.
        """
        parts = []
        for piece in re.split("(\x00|\x01)", make("\x00", "\x01")):
            if piece == "\x00":
                parts.append(f"coalesce({self.words}, '')")
            elif piece == "\x01":
                parts.append("a.text")
            elif piece:
                parts.append(self.value(piece))
        return (f"CASE WHEN a.text IS NULL OR a.text = '' THEN coalesce({self.words}, '') "
                f"ELSE {' || '.join(parts)} END")


def csv_chunks(sheet: exports.ExportSheet) -> Iterator[str]:
    """The whole export's CSV: written by PostgreSQL when it can, else by exports.csv_chunks."""
    written = copied_chunks(sheet)
    return exports.csv_chunks(sheet) if written is None else written


def copied_chunks(sheet: exports.ExportSheet) -> Iterator[str] | None:
    """The CSV as PostgreSQL writes it, or None when this export must be written in Python.

    The planning (which responses, the branching verdicts) is done now, so that the rows are the
    responses there were when the export was asked for; the rows are made as they are read.
    """
    engine = db.session.get_bind()
    if engine.dialect.name != "postgresql" or sheet.prefill_columns:
        return None
    cells = SqlCells(sheet.option_rows())
    columns = []
    for question in sheet.questions:
        made = question.type.export_sql(question, cells)
        if made is None:
            return None
        if len(made) != sheet.width(question.id):
            raise ValueError(f"{question.type.key}: export_sql gives {len(made)} cells for {sheet.width(question.id)} columns")
        columns.append((question, made))
    connection = db.session.connection()
    last = connection.exec_driver_sql(
        "SELECT max(id) FROM response WHERE consultation_id = %(consultation)s",
        {"consultation": sheet.consultation_id}).scalar()
    params = {"consultation": sheet.consultation_id, "last": last or 0,
              "formula": list(FORMULA_STARTS), "zone": sheet.zone.key if sheet.zone else "UTC"}
    not_asked = sheet.skipped()
    branching = bool(not_asked.plan.rules)  # (with rules but no sources, everyone has the one empty set)
    if branching:
        params["sources"] = not_asked.sources
        params["comparing"] = [source for source in not_asked.sources if not_asked.by_id[source].type.compares]
        verdicts = _verdicts(connection, sheet, not_asked, params)
        if verdicts is None:
            return None
        params.update(zip(("signatures", "skipped", "not_asked"), verdicts))
    statement = f"COPY ({_select(sheet, columns, branching, cells)}) TO STDOUT WITH (FORMAT csv)"
    params.update(cells.params)  # the types' values, and those _select put in
    starts = [] if last is None else [row[0] for row in connection.exec_driver_sql(
        "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM response "
        "WHERE consultation_id = %(consultation)s AND id <= %(last)s) AS numbered "
        "WHERE mod(n - 1, %(batch)s) = 0 ORDER BY id", {**params, "batch": BATCH})]
    ranges = [(low, (starts[index + 1] - 1) if index + 1 < len(starts) else last) for index, low in enumerate(starts)]
    return _streamed(engine, sheet, statement, params, ranges)


def _verdicts(connection, sheet, not_asked, params) -> tuple[list, list, list] | None:
    """For each distinct set of answers that branching reads: its signature, the ids of the questions
    it leaves unasked (as "|3|7|"), and the "Questions not asked" cell. None: too many sets."""
    # Read from the sources' answers alone (a response with none of them has the empty set, '{}').
    found = connection.exec_driver_sql(
        f"SELECT signature, min(response_id) FROM (SELECT a.response_id, {_SIGNATURE} AS signature FROM answer AS a "
        "WHERE a.question_id = ANY(%(sources)s) AND a.response_id <= %(last)s GROUP BY a.response_id) AS signed "
        f"GROUP BY signature LIMIT {SIGNATURES}", params).all()
    if len(found) >= SIGNATURES:
        return None
    found.append(("{}", None))
    # One response with each set stands for all: its answers to the sources, walked as the journey does.
    answers: dict[int | None, dict[int, list]] = {response_id: {} for _signature, response_id in found}
    rows = connection.exec_driver_sql(
        "SELECT response_id, question_id, option_id, text, number, amount, date, statement_option_id FROM answer "
        "WHERE response_id = ANY(%(responses)s) AND question_id = ANY(%(sources)s) ORDER BY response_id, question_id, id",
        {"responses": [response_id for response_id in answers if response_id is not None], "sources": params["sources"]})
    # (A set's answers are walked as they are: what differs between its responses, a text, no condition reads.)
    for row in rows:
        answers[row.response_id].setdefault(row.question_id, []).append(row)
    signatures, skipped, words = [], [], []
    for signature, response_id in found:
        asked, cell = not_asked.of(answers[response_id])
        left_out = [] if asked is None else [question.id for question in sheet.questions if question.id not in asked]
        signatures.append(signature)
        skipped.append("|" + "".join(f"{question_id}|" for question_id in left_out))
        words.append(cell)
    return signatures, skipped, words


def _select(sheet, columns: list[tuple], branching: bool, cells: SqlCells) -> str:
    """The SELECT whose rows are the CSV's rows (for the responses with ids %(low)s to %(high)s)."""

    def safe(text: str) -> str:  # consult.spreadsheets.neutralise
        return f"CASE WHEN left({text}, 1) = ANY(%(formula)s) THEN '''' || {text} ELSE {text} END"

    def named(column: str, words: dict) -> str:
        choices = " ".join(f"WHEN {cells.value(key)} THEN {cells.value(value)}"
                           for key, value in words.items())
        return safe(f"CASE {column} {choices} ELSE {column} END") if choices else safe(column)

    words = sheet.words
    when = "YYYY-MM-DD" if sheet.anonymous else "YYYY-MM-DD HH24:MI"
    outer = [
        safe("c.reference"),
        f"to_char((c.submitted_at AT TIME ZONE 'UTC') AT TIME ZONE %(zone)s, '{when}')",
        named("c.channel", words["channel"]),
        named("c.language", words["language"]),
        named("c.register", words["register"]),
        safe(f"CASE WHEN c.entered_by_id IS NULL THEN {cells.value(words['yes_no'][False])} "
             f"ELSE {cells.value(words['yes_no'][True])} END"),
        safe("NULLIF(c.helped_by, '')"),
    ]
    inner = []
    for question, made in columns:
        for cell in made:
            name = f"c{len(inner)}"
            inner.append(f"{cell.expression} AS {name}")
            shown = safe(f"c.{name}") if cell.text else f"c.{name}"
            if branching:
                shown = f"CASE WHEN strpos(m.skipped, '|{int(question.id)}|') > 0 THEN NULL ELSE {shown} END"
            outer.append(shown)
    outer.append("m.words" if branching else "NULL")
    if branching:
        inner.append(f"{_SIGNATURE} AS signature")
    verdicts = (" LEFT JOIN unnest(%(signatures)s::text[], %(skipped)s::text[], %(not_asked)s::text[]) "
                "AS m(signature, skipped, words) ON m.signature = coalesce(c.signature, '{}')") if branching else ""
    # The answers are grouped by response first, then joined to their responses: joining first made
    # PostgreSQL hash and sort every answer row by its response, a third of the time.
    return (
        f"SELECT {', '.join(outer)} FROM (SELECT r.id, r.reference, r.submitted_at, r.channel, r.language, "
        "r.register, r.entered_by_id, r.helped_by, g.* FROM response AS r LEFT JOIN ("
        f"SELECT a.response_id{''.join(', ' + column for column in inner)} FROM answer AS a{cells.joined} "
        "WHERE a.response_id BETWEEN %(low)s AND %(high)s GROUP BY a.response_id) AS g ON g.response_id = r.id "
        "WHERE r.consultation_id = %(consultation)s AND r.id BETWEEN %(low)s AND %(high)s) AS c"
        f"{verdicts} ORDER BY c.id")


def _header(sheet) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads Welsh and Arabic letters as UTF-8 after a byte-order mark
    csv.writer(buffer, lineterminator="\n").writerow(exports.csv_cells(sheet.headers))
    return buffer.getvalue()


def _streamed(engine, sheet, statement: str, params: dict, ranges: list[tuple[int, int]]) -> Iterator[str]:
    """The header, then each batch's rows in order; AT_ONCE batches are made at a time."""

    def batch(low: int, high: int) -> str:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            for setting in _SETTINGS:
                cursor.execute(setting)
            with cursor.copy(statement, {**params, "low": low, "high": high}) as copy:
                made = b"".join(copy)
            connection.rollback()  # it only read
            return made.decode("utf-8")
        finally:
            connection.close()

    yield _header(sheet)
    waiting: deque = deque()
    with ThreadPoolExecutor(max_workers=AT_ONCE, thread_name_prefix="export-copy") as pool:
        try:
            for low, high in ranges:
                waiting.append(pool.submit(batch, low, high))
                if len(waiting) > AT_ONCE:
                    yield waiting.popleft().result()
            while waiting:
                yield waiting.popleft().result()
        finally:
            for future in waiting:  # the download was stopped: make no more batches
                future.cancel()
