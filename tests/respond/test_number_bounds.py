"""A number answer the answer.number column cannot store (a phone number, 10**24, 5,000 digits) gets
a plain message on the question page, the check page and at submission, never a server error; the
largest number it can store goes in and comes back out unchanged (security review, finding 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Answer, Draft, Question, Response
from consult.models._time import utcnow

SLUG = "household"
TOO_BIG = "Enter a number that is 2,000,000,000 or less"


@pytest.fixture
def household(app):
    """One required number question with no limits set by staff, then a short text question."""
    with app.app_context():
        now = utcnow()
        c = create_consultation(SLUG, title="Household", summary="Who lives with you", status="published",
                                opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
        add_question(c, "number", "How many people live in your home?")
        add_question(c, "short_text", "Your town")
        db.session.commit()


def _first_question(resident):
    page = resident.submit(resident.get(f"/c/{SLUG}"))
    assert page.path == f"/c/{SLUG}/q/1", page.text()
    return page


@pytest.mark.parametrize("mode", ["resident", "htmx_resident"])
@pytest.mark.parametrize("typed", ["2147483648", str(10**24), "9" * 5000])
def test_question_page_refuses_numbers_the_column_cannot_store(request, household, mode, typed):
    resident = request.getfixturevalue(mode)
    page = _first_question(resident)
    name = page.field_name()
    error = resident.submit(page, {name: typed})
    assert error.status == 422, error.text()[:300]
    assert error.soup.select_one(".error-summary a").get_text(strip=True) == TOO_BIG
    assert error.soup.find(id=f"{name}-error") is not None
    assert error.soup.find(id=name)["value"] == typed  # kept as typed, to correct


@pytest.mark.parametrize("mode", ["resident", "htmx_resident"])
@pytest.mark.parametrize("typed", ["2147483648", "9" * 5000])
def test_a_stored_number_too_big_is_a_problem_on_the_check_page_not_an_error(app, request, household, mode, typed):
    resident = request.getfixturevalue(mode)
    page = _first_question(resident)
    # A draft keeps answers as typed; one saved before numbers were bounded still holds this.
    with app.app_context():
        draft = db.session.execute(select(Draft)).scalar_one()
        question_id = db.session.scalars(select(Question.id).where(Question.kind == "number")).one()
        draft.answers = {str(question_id): [typed]}
        db.session.commit()
    check = resident.get(f"/c/{SLUG}/check")
    assert check.status == 200, check.text()[:300]
    assert TOO_BIG in check.text()
    again = resident.get(f"/c/{SLUG}/q/1")
    assert again.status == 200 and again.soup.find(id=page.field_name())["value"] == typed
    refused = resident.submit(check)
    assert refused.status == 422, refused.text()[:300]
    assert refused.soup.select_one(".error-summary a").get_text(" ", strip=True) == f"Question 1: {TOO_BIG}"
    with app.app_context():
        assert db.session.execute(select(Response)).first() is None
        assert db.session.execute(select(Answer)).first() is None


@pytest.mark.parametrize("typed", ["2,000,000,000", "-2000000000"])
def test_the_largest_storable_numbers_are_stored_and_read_back(app, resident, household, typed):
    page = _first_question(resident)
    page = resident.submit(page, {page.field_name(): typed})
    page = resident.submit(page, {page.field_name(): "Leeds"})
    assert page.path == f"/c/{SLUG}/check"
    assert f"{int(typed.replace(',', '')):,}" in page.text()
    done = resident.submit(page)
    assert done.path == f"/c/{SLUG}/confirmation", done.text()[:300]
    with app.app_context():
        stored = db.session.scalars(select(Answer.number).where(Answer.number.is_not(None))).all()
    assert stored == [int(typed.replace(",", ""))]
