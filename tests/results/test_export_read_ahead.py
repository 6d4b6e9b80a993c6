"""Exports on PostgreSQL read ahead (consult.results.exports._read_ahead): a thread with a connection of its
own fetches the next batch while the current one is written. The batches must be the ones the plain path
gives, the thread and its connection must go when the writer stops early (a cancelled download), and an
error in the thread must reach the writer. PostgreSQL only (TEST_DATABASE_URL); skipped on SQLite, where
exports read on the request's own connection (tests/results/test_exports.py covers both)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Answer, Response
from consult.results import exports
from tests.results.test_exports_data import add_response, build_survey

ANSWERS = [{"bus": "walk", "days": ["monday", "tuesday"], "why_walk": "Fresh air", "trips": 3},
           {"bus": "one", "days": ["friday"], "trips": 12, "town": "Cardiff"},
           {"bus": "sum", "days": ["no_day"], "trips": 0},
           {"bus": "walk", "days": ["monday"], "why_walk": "Cheaper"},
           {"bus": "one", "trips": 7}]


@pytest.fixture
def made(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("exports read ahead on PostgreSQL only: run with TEST_DATABASE_URL")
        survey = build_survey()
        for answers in ANSWERS:
            add_response(survey, answers)
        db.session.commit()
        return survey


def _readers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "export-read-ahead" and thread.is_alive()]


def _expected(consultation_id: int) -> list[tuple[int, dict[int, list[tuple]]]]:
    """Each response id with its answers' (option, text, number) by question, read through the ORM."""
    found = []
    for response in db.session.scalars(select(Response).where(Response.consultation_id == consultation_id)
                                       .order_by(Response.id)):
        by_question: dict[int, list[tuple]] = {}
        for answer in db.session.scalars(select(Answer).where(Answer.response_id == response.id)
                                         .order_by(Answer.question_id, Answer.id)):
            by_question.setdefault(answer.question_id, []).append((answer.option_id, answer.text, answer.number))
        found.append((response.id, by_question))
    return found


def test_batches_read_ahead_are_every_response_with_its_answers(app, made):
    with app.app_context():
        batches = list(exports.response_batches(made.id, size=2))
        assert [len(batch) for batch in batches] == [2, 2, 1]
        got = [(response.id, {question_id: [(row.option_id, row.text, row.number) for row in rows]
                              for question_id, rows in answers.items()})
               for batch in batches for response, answers in batch]
        assert got == _expected(made.id)
        first = batches[0][0][0]
        assert first.reference.endswith("-TST") and first.channel == "online" and first.submitted_at.tzinfo is None
    assert not _readers()


def test_a_download_stopped_early_ends_the_reader_and_gives_its_connection_back(app, made):
    with app.app_context():
        pool = db.engine.pool
        db.session.connection()  # the request's own connection, which the export also reads on
        before = pool.checkedout()
        batches = exports.response_batches(made.id, size=1)
        assert len(next(batches)) == 1
        assert _readers()  # reading ahead while the first batch is written
        batches.close()  # what the server does when the person cancels the download
        assert not _readers()
        assert pool.checkedout() == before


def test_an_error_while_reading_ahead_reaches_the_writer(app, made, monkeypatch):
    monkeypatch.setattr(exports, "_ANSWERS_SQL", "SELECT no_such_column FROM answer WHERE %s < %s AND %s IS NOT NULL")
    with app.app_context():
        with pytest.raises(Exception, match="no_such_column"):
            list(exports.response_batches(made.id, size=2))
    assert not _readers()
