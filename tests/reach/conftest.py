"""Fixtures for the reach tests: signed-in staff, a consultation with the About you questions, and
the hand-worked example's responses (tests/reach/example.py) stored as real answers."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from consult.extensions import db
from tests.reach.example import NOT_CHOSEN, ONLINE, PAPER

SLUG = "day-centre"


@pytest.fixture
def editor(signed_in):
    return signed_in("editor")


@pytest.fixture
def analyst(signed_in):
    return signed_in("analyst")


def make_draft(slug: str = SLUG, languages=("cy", "ar"), default: str = "en", questions=1):
    """A draft consultation with ``questions`` ordinary questions; returns it."""
    from consult.build.questions import add_question
    from consult.build.services import create_consultation

    now = datetime(2027, 3, 1, 9)
    consultation = create_consultation(slug, title="The day centre", summary="Tell us what you think.",
                                       opens_at=now, closes_at=now + timedelta(days=60), language=default,
                                       other_languages=languages)
    for number in range(questions):
        add_question(consultation, "long_text", f"What do you think, {number + 1}?")
    db.session.flush()
    return consultation


def add_answers(consultation, rows) -> None:
    """rows: (channel, {question: option or None}) per response; stored as submitted responses."""
    from consult.models import Answer, Response

    for serial, (channel, answers) in enumerate(rows):
        response = Response(consultation_id=consultation.id, reference=f"R{serial:06d}",
                            idempotency_key=f"reach-{consultation.id}-{serial}", channel=channel, language="en",
                            started_at=datetime(2027, 3, 2, 9), submitted_at=datetime(2027, 3, 2, 10))
        for question, option in answers.items():
            if option is not None:
                response.answers.append(Answer(question_id=question.id, option_id=option.id))
        db.session.add(response)
    db.session.flush()


def example_rows(age_question) -> list:
    """The hand-worked example as responses to the age question."""
    groups = [option for option in age_question.options if option.kind == "answer"]
    prefer_not = next(option for option in age_question.options if option.kind == "prefer_not")
    rows = []
    for channel, counts in (("online", ONLINE), ("paper", PAPER)):
        for option, count in zip(groups, counts):
            rows += [(channel, {age_question: option})] * count
    for channel, kind, count in NOT_CHOSEN:
        rows += [(channel, {age_question: prefer_not if kind == "prefer_not" else None})] * count
    return rows


@pytest.fixture
def survey(app):
    """The example: a consultation with the About you questions and 213 responses, with expected shares."""
    from consult.loading import load_consultation
    from consult.models import ReachTarget
    from consult.reach.services import about_you_questions, add_about_you
    from tests.reach.example import expected_shares

    with app.app_context():
        consultation = make_draft()
        add_about_you(consultation)
        consultation.status = "published"
        db.session.flush()
        consultation = load_consultation(SLUG)
        age = about_you_questions(consultation)[0]
        add_answers(consultation, example_rows(age))
        groups = [option for option in age.options if option.kind == "answer"]
        for option, share in zip(groups, expected_shares()):
            db.session.add(ReachTarget(consultation_id=consultation.id, option_id=option.id,
                                       expected_percent=float(share)))
        db.session.commit()
        return {"id": consultation.id, "age": age.id, "groups": [option.id for option in groups],
                "questions": [question.id for question in about_you_questions(consultation)]}
