"""What the results SQL asks of the database: a fixed number of statements, and the index that keeps
its branching and cross-tab checks to one lookup each (on SQLite and PostgreSQL).

How long they take is measured by the bench (``make bench``, with BENCH_DATABASE_URL for
PostgreSQL), not here: no timings in tests.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import event, inspect

from consult.extensions import db
from consult.results import analysis, counts
from consult.results.plain import ResponseFilter, shape_of
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

SPECS = [
    QuestionSpec("single_choice", ["Bus", "Car"], prefer_not=True),
    QuestionSpec("yes_no", condition=(0, [0])),  # asked only after "Bus"
    QuestionSpec("multiple_choice", ["Monday", "Friday"], none=True, condition=(1, [0])),
    QuestionSpec("number"),
    QuestionSpec("short_text", required=False),
    QuestionSpec("agree_scale"),
]


def _statements(where_for, summarise=analysis.summarise_answers, counted: bool = False) -> list[str]:
    """The statements ``summarise`` sends for the filter ``where_for(consultation)`` gives (by default
    counting from the answers; ``counted``: with the counts kept ahead built first)."""
    consultation = make_consultation(SPECS)
    when = datetime(2027, 3, 10, 12)
    add_responses(consultation, [
        ResponseSpec(when + timedelta(minutes=n), {0: [n % 3], 1: [n % 2], 2: [0, 1] if n % 2 else [2], 3: n,
                                                   4: "More buses", 5: [n % 6]})
        for n in range(12)
    ])
    if counted:
        segment = counts.segment_of(where_for(consultation))
        counts.rebuild(consultation.id, shape_of(consultation), segment)
    sent: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        summarise(consultation.id, shape_of(consultation), where_for(consultation))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return sent


def test_the_dashboard_and_a_cross_tab_take_seven_statements_at_most(app):
    """Every kind of question, branching two deep, multiple choice and numbers: all the statements
    summarise can need. The option counts and "answered" come from one pass over the answers."""
    with app.app_context():
        try:
            everyone = _statements(lambda consultation: ResponseFilter())
            cross_tab = _statements(lambda consultation: ResponseFilter(
                option_id=consultation.questions[0].options[0].id, channel="online"))
        finally:
            db.session.rollback()
    assert len(everyone) <= 7, everyone
    assert len(cross_tab) <= 7, cross_tab


def test_counted_results_take_four_statements_at_most(app):
    """With the counts kept ahead (consult/results/counts.py), everyone's results and a cross-tab by one
    answer are read, not counted: whether they are current, then the response and answer counts."""
    with app.app_context():
        try:
            everyone = _statements(lambda consultation: ResponseFilter(), analysis.summarise, counted=True)
            cross_tab = _statements(lambda consultation: ResponseFilter(
                option_id=consultation.questions[0].options[0].id), analysis.summarise, counted=True)
        finally:
            db.session.rollback()
    assert len(everyone) <= 4, everyone
    assert len(cross_tab) <= 4, cross_tab
    assert all("answer_count" in statement or "response_count" in statement or "count_state" in statement
               for statement in everyone + cross_tab)


def test_answers_are_indexed_by_response_question_and_option(app):
    """"Did this response choose one of these options for that question?" is one index lookup: built by
    the migrations on every engine, and it stands in for the index on the response alone."""
    with app.app_context():
        indexes = inspect(db.engine).get_indexes("answer")
    by_response = [index["column_names"] for index in indexes if index["column_names"][0] == "response_id"]
    assert by_response == [["response_id", "question_id", "option_id"]]
