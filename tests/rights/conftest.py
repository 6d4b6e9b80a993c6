"""Responses to ask about: made in the database with real references (K7P-4RW-9XT), or sent through
the resident's pages when a test needs the confirmation page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from consult.codes import readable_code
from consult.extensions import db
from consult.models import Response
from consult.models._time import utcnow
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

FORM = "/your-answers"
WORDS = "The 42 bus is always late"


@pytest.fixture
def answered(app) -> dict:
    """An open consultation with a written answer and a choice, answered twice; {slug, references}."""
    with app.app_context():
        consultation = make_consultation([
            QuestionSpec("long_text", prompt="What should change?"),
            QuestionSpec("single_choice", answers=["Buses", "Trains"], prompt="How do you travel?"),
        ], slug="bus-routes", title="Bus routes")
        consultation.opens_at, consultation.closes_at = utcnow() - timedelta(days=5), utcnow() + timedelta(days=30)
        ids = add_responses(consultation, [
            ResponseSpec(datetime(2026, 11, 30, 10), {0: WORDS, 1: [0]}),
            ResponseSpec(datetime(2026, 11, 30, 11), {0: "More trains on Sundays", 1: [1]}),
        ])
        references = []
        for response_id in ids:
            response = db.session.get(Response, response_id)
            response.reference = readable_code()
            references.append(response.reference)
        db.session.commit()
        return {"slug": consultation.slug, "id": consultation.id, "references": references,
                "question_id": consultation.questions[0].id}


def ask(resident, reference: str, kind: str = "copy", reply_to: str = "ann@example.org"):
    page = resident.get(FORM)
    return resident.submit(page, {"reference": reference, "kind": kind, "reply_to": reply_to})
