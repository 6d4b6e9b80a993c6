"""The scale bench's seed (tests/bench_scale.py) makes answers the app could have stored.

Its answers are written by PostgreSQL (INSERT ... SELECT), not by the app, so nothing else checks
them: here the dashboard's SQL and the plain reference (consult.results.reference) agree on them,
with and without the cross-tab filter the bench times, and question 2 holds answers only from the
people its branching rule asks. PostgreSQL only (TEST_DATABASE_URL); skipped on SQLite.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Answer
from consult.models._time import utcnow
from consult.results import analysis, reference
from consult.results.plain import ResponseFilter, shape_of
from tests.bench_results import make_consultation
from tests.bench_scale import SLUG, fill
from tests.results.analysis_data import plain_responses

RESPONSES = 400


def test_the_scale_seed_agrees_with_the_reference(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the scale seed is PostgreSQL's own SQL: run with TEST_DATABASE_URL")
        try:
            now = utcnow().replace(microsecond=0)
            made, _questions = make_consultation(SLUG, now)
            filled = fill(made, _questions, RESPONSES, now)
            consultation = load_consultation(SLUG)
            shapes = shape_of(consultation)
            first, second = consultation.questions[0], consultation.questions[1]
            plain = plain_responses(consultation.id)
            for where in (ResponseFilter(), ResponseFilter(option_id=first.options[0].id)):
                got = analysis.summarise(consultation.id, shapes, where)
                assert got == reference.summarise(shapes, plain, where)
            results = analysis.summarise(consultation.id, shapes)
            chose_first = db.session.scalar(select(func.count()).select_from(Answer).where(
                Answer.question_id == first.id, Answer.option_id == first.options[0].id))
            asked_second = db.session.scalar(select(func.count(Answer.response_id.distinct())).where(
                Answer.question_id == second.id))
        finally:
            db.session.rollback()
    assert results.overview.total == RESPONSES == len(plain)
    assert filled["answers"] == sum(len(response.answers) for response in plain)
    assert 0 < asked_second == chose_first == results.questions[second.id].asked < RESPONSES
    assert sum(results.overview.by_channel.values()) == RESPONSES and len(results.overview.by_channel) > 1
