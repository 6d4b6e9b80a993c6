"""Staff typing a paper form in get the same plain message as residents for a number the answer
column cannot store, never a server error (security review, finding 2)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.build.questions import add_question
from consult.extensions import db
from consult.models import Answer, Consultation
from tests.entry.conftest import PAGE, full_answers


@pytest.mark.parametrize("typed", ["9" * 5000, str(10**24)])
def test_a_number_too_big_to_store_is_an_error_on_its_question(app, editor, repairs, typed):
    name = f"q{repairs['q'][4]}"  # question 5 allows 0 to 50
    refused = editor.submit(editor.get(PAGE), {"channel": "paper", **full_answers(repairs, **{name: typed})})
    assert refused.status == 422, refused.text()[:300]
    assert "Enter a number from 0 to 50" in refused.soup.find(id=f"{name}-error").get_text()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_a_number_question_without_limits_stops_at_what_the_column_stores(app, editor, repairs):
    with app.app_context():
        consultation = db.session.get(Consultation, repairs["id"])
        unbounded = add_question(consultation, "number", "How many people live with you?", required=False)
        db.session.commit()
        name = f"q{unbounded.id}"
    refused = editor.submit(editor.get(PAGE), {"channel": "paper", **full_answers(repairs), name: "2147483648"})
    assert refused.status == 422, refused.text()[:300]
    assert "Enter a number that is 2,000,000,000 or less" in refused.soup.find(id=f"{name}-error").get_text()
    saved = editor.submit(editor.get(PAGE), {"channel": "paper", **full_answers(repairs), name: "2,000,000,000"})
    assert saved.status == 200, saved.text()[:300]
    with app.app_context():
        assert db.session.scalar(select(Answer.number).where(Answer.question_id == unbounded.id)) == 2_000_000_000
