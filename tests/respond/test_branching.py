"""Branching: a question asked only after certain answers is skipped otherwise, and never required."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.build.questions import ConditionError, add_question, set_condition
from consult.build.services import create_consultation
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Answer, Response
from consult.models._time import utcnow
from consult.respond.journey import Journey
from tests.branching_helpers import condition_options
from tests.helpers import Resident


@pytest.fixture
def branching(app):
    """1: Do you use a wheelchair? (yes/no) -> 2: only if yes -> 3: only if 2 is "Often" -> 4: always."""
    with app.app_context():
        now = utcnow()
        c = create_consultation("branching", title="Branching", summary="Skips", status="published",
                                opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
        uses = add_question(c, "yes_no", "Do you use a wheelchair?")
        how_often = add_question(c, "single_choice", "How often does it need a repair?", options=["Often", "Rarely"])
        what = add_question(c, "long_text", "What goes wrong?")
        last = add_question(c, "short_text", "Your town")
        set_condition(how_often, [uses.options[0]])
        set_condition(what, [how_often.options[0]])
        db.session.commit()
        return {"slug": c.slug, "yes": uses.options[0].id, "no": uses.options[1].id,
                "often": how_often.options[0].id, "rarely": how_often.options[1].id,
                "ids": [uses.id, how_often.id, what.id, last.id]}


def _journey(app, raw):
    with app.app_context():
        consultation = load_consultation("branching")
        journey = Journey(consultation, raw)
        return journey.asked_numbers(), [step.place for step in journey.steps()], \
            [step.number for step in journey.problems()]


def test_journey_follows_the_answers(app, branching):
    q1, q2, q3, q4 = (str(i) for i in branching["ids"])
    assert _journey(app, {})[0] == [1, 4]
    assert _journey(app, {q1: [str(branching["no"])]})[0] == [1, 4]
    assert _journey(app, {q1: [str(branching["yes"])]})[0] == [1, 2, 4]
    asked, places, _ = _journey(app, {q1: [str(branching["yes"])], q2: [str(branching["often"])]})
    assert asked == [1, 2, 3, 4] and places == [1, 2, 3, 4]
    # Changing the first answer takes away the questions that hung on it, however deep.
    asked, _, problems = _journey(app, {q1: [str(branching["no"])], q2: [str(branching["often"])], q4: ["Leeds"]})
    assert asked == [1, 4] and problems == []


def test_questions_not_asked_are_not_required(app, branching):
    q1 = str(branching["ids"][0])
    _, _, problems = _journey(app, {q1: [str(branching["no"])]})
    assert problems == [4]


def test_resident_skips_and_stored_answers_follow_the_path(app, branching):
    resident = Resident(app.test_client())
    page = resident.submit(resident.get("/c/branching"))
    assert "Question 1 of 2" in page.text()
    page = resident.submit(page, {page.field_name(): str(branching["yes"])})
    assert page.path == "/c/branching/q/2" and "Question 2 of 3" in page.text()
    page = resident.submit(page, {page.field_name(): str(branching["often"])})
    assert page.path == "/c/branching/q/3" and "Question 3 of 4" in page.text()
    page = resident.submit(page, {page.field_name(): "The brakes"})
    page = resident.submit(page, {page.field_name(): "Leeds"})
    assert "Check your answers" in page.h1 and "The brakes" in page.text()
    # Change the first answer to No: questions 2 and 3 disappear from the check page.
    change = resident.get(page.soup.find("a", id="change-1")["href"])
    page = resident.submit(change, {change.field_name(): str(branching["no"])})
    assert page.path == "/c/branching/check"
    assert "The brakes" not in page.text() and "How often" not in page.text()
    # The back link of a skipped question's neighbour jumps over it.
    four = resident.get("/c/branching/q/4")
    assert four.soup.select_one(".back-link")["href"] == "/c/branching/q/1"
    # Opening a question that is not asked moves on to the next one that is.
    assert resident.get("/c/branching/q/3").path == "/c/branching/q/4"
    done = resident.submit(resident.get("/c/branching/check"))
    assert done.path.endswith("/confirmation")
    with app.app_context():
        response = db.session.execute(select(Response)).scalar_one()
        stored = db.session.execute(select(Answer.question_id).where(Answer.response_id == response.id)).scalars().all()
        assert sorted(stored) == sorted([branching["ids"][0], branching["ids"][3]])


def test_conditions_must_come_from_one_earlier_question(app, branching):
    with app.app_context():
        consultation = load_consultation("branching")
        first, second, third, fourth = consultation.questions
        with pytest.raises(ConditionError):
            set_condition(first, [second.options[0]])  # later question
        with pytest.raises(ConditionError):
            set_condition(fourth, [first.options[0], second.options[0]])  # two questions
        set_condition(third, [])
        db.session.commit()
        assert condition_options(load_consultation("branching").questions[2]) == []
