"""Whole journeys through the demo consultation with the Flask test client."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Answer, Draft, Response
from tests.demo_answers import DEMO_ANSWERS, answer_for

REFERENCE = re.compile(r"\b[2-9A-HJKMNP-TW-Z]{3}-[2-9A-HJKMNP-TW-Z]{3}-[2-9A-HJKMNP-TW-Z]{3}\b")


def complete_demo(resident, slug):
    start = resident.get(f"/c/{slug}")
    assert start.status == 200
    page = resident.submit(start)
    for number in range(1, len(DEMO_ANSWERS) + 1):
        assert page.status == 200, page.text()
        assert f"Question {number} of 8" in page.text()
        assert page.path == f"/c/{slug}/q/{number}"
        page = resident.submit(page, answer_for(page, number))
    assert page.path == f"/c/{slug}/check"
    assert page.h1 == "Check your answers before sending them"
    check_page = page
    done = resident.submit(check_page)
    assert done.path == f"/c/{slug}/confirmation"
    return check_page, done


@pytest.mark.parametrize("mode", ["resident", "htmx_resident"])
def test_complete_demo_consultation(request, app, demo, mode):
    resident = request.getfixturevalue(mode)
    check_page, done = complete_demo(resident, demo["slug"])
    summary = check_page.text()
    assert "A wheelchair" in summary and "A bed, mattress or bed rails" in summary
    assert "Please phone before you deliver." in summary
    assert "Prefer not to say" in summary
    assert done.h1 == "Thank you, we have your answers"
    reference = REFERENCE.search(done.text()).group(0)
    with app.app_context():
        response = db.session.execute(select(Response)).scalar_one()
        assert response.reference == reference
        assert response.channel == "online" and response.language == "en"
        rows = db.session.execute(select(Answer).where(Answer.response_id == response.id)).scalars().all()
        # Two options for question 1, one row for each of the other seven questions.
        assert len(rows) == 9
        numbers = [row.number for row in rows if row.number is not None]
        assert numbers == [3]


def test_htmx_pages_are_fragments_with_a_title(htmx_resident, demo):
    page = htmx_resident.get(f"/c/{demo['slug']}")
    assert "<html" not in page.html
    assert page.title.startswith("Your equipment, your say")
    assert page.headers.get("Vary") and "HX-Request" in page.headers["Vary"]
    question = htmx_resident.submit(page)
    assert question.path == f"/c/{demo['slug']}/q/1"
    assert "<html" not in question.html


def test_without_htmx_a_post_redirects_with_303(app, resident, demo):
    start = resident.get(f"/c/{demo['slug']}")
    form = start.form()
    response = resident.client.post(form["action"], data={"csrf_token": form.find("input")["value"]})
    assert response.status_code == 303


def test_an_error_keeps_what_was_typed_and_links_to_the_field(resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    for number in range(1, 5):
        page = resident.submit(page, answer_for(page, number))
    assert "Question 5 of 8" in page.text()
    name = page.field_name()
    error = resident.submit(page, {name: "three"})
    assert error.status == 422
    assert error.title.startswith("Error: ")
    summary = error.soup.select_one(".error-summary")
    link = summary.find("a")
    assert link.get_text(strip=True) == "Enter a whole number, like 12"
    assert error.soup.find(id=link["href"][1:]) is not None
    assert error.soup.find(id=name)["value"] == "three"
    assert error.soup.find(id=f"{name}-error") is not None


def test_required_question_cannot_be_skipped_but_optional_can(resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    error = resident.submit(page, {})
    assert error.status == 422
    assert "Select at least one answer" in error.text()
    for number in range(1, 7):
        page = resident.submit(page, answer_for(page, number))
    assert "Question 7 of 8" in page.text() and "(optional)" in page.h1
    page = resident.submit(page, {})
    assert "Question 8 of 8" in page.text()


def test_none_of_these_cannot_be_chosen_with_another_answer(resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    name = page.field_name()
    error = resident.submit(page, {name: [page.option_value("A wheelchair"), page.option_value("None of these")]})
    assert error.status == 422
    assert "on its own" in error.soup.select_one(".error-summary").get_text()


def test_change_link_returns_to_the_check_page(resident, demo):
    check_page, _ = _to_check_page(resident, demo["slug"])
    change = check_page.soup.find("a", id="change-2")
    assert "How long did you wait" in change.get_text(" ", strip=True)
    question = resident.get(change["href"])
    assert question.soup.select_one(".back-link")["href"] == f"/c/{demo['slug']}/check"
    back_on_check = resident.submit(question, {question.field_name(): question.option_value("3 to 4 weeks")})
    assert back_on_check.path == f"/c/{demo['slug']}/check"
    assert "3 to 4 weeks" in back_on_check.text()


def _to_check_page(resident, slug):
    page = resident.submit(resident.get(f"/c/{slug}"))
    for number in range(1, 9):
        page = resident.submit(page, answer_for(page, number))
    return page, None


def test_check_page_lists_unanswered_questions_and_will_not_submit(app, resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    page = resident.submit(page, answer_for(page, 1))
    check_page = resident.get(f"/c/{demo['slug']}/check")
    assert "Not answered yet" in check_page.text()
    refused = resident.submit(check_page)
    assert refused.status == 422
    links = refused.soup.select(".error-summary a")
    assert len(links) == 6  # questions 2 to 6 and 8 are required and unanswered
    for link in links:
        assert refused.soup.find(id=link["href"][1:]) is not None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0


@pytest.mark.parametrize("mode", ["resident", "htmx_resident"])
def test_submitting_twice_stores_one_response(request, app, demo, mode):
    resident = request.getfixturevalue(mode)
    check_page, _ = _to_check_page(resident, demo["slug"])
    first = resident.submit(check_page)
    again = resident.submit(check_page)  # a double click, or back then submit
    assert first.path == again.path == f"/c/{demo['slug']}/confirmation"
    assert REFERENCE.search(first.text()).group(0) == REFERENCE.search(again.text()).group(0)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_after_submitting_question_pages_lead_to_the_confirmation(resident, demo):
    check_page, _ = _to_check_page(resident, demo["slug"])
    resident.submit(check_page)
    page = resident.get(f"/c/{demo['slug']}/q/3")
    assert page.path == f"/c/{demo['slug']}/confirmation"


def test_question_pages_need_a_started_draft(resident, demo):
    page = resident.get(f"/c/{demo['slug']}/q/1")
    assert page.path == f"/c/{demo['slug']}"


def test_unknown_question_number_is_not_found(resident, demo):
    resident.submit(resident.get(f"/c/{demo['slug']}"))
    assert resident.get(f"/c/{demo['slug']}/q/99").status == 404


def test_answers_are_kept_on_the_server_not_in_the_cookie(app, resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    for number in range(1, 8):
        page = resident.submit(page, answer_for(page, number))
    cookie = resident.client.get_cookie("session")
    assert "Please phone" not in cookie.value and "Llanfair" not in cookie.value
    with app.app_context():
        draft = db.session.execute(select(Draft)).scalar_one()
        assert "Llanfair" in str(draft.answers)


@pytest.mark.parametrize("language", ["cy", "ar"])
@pytest.mark.parametrize("mode", ["resident", "htmx_resident"])
def test_complete_demo_in_welsh_and_arabic(request, app, demo, mode, language):
    """The whole journey in another language: every page in it, and the response records it."""
    resident = request.getfixturevalue(mode)
    # The first visit is a whole page, as in a browser; it sets the language.
    first = resident.client.get(f"/c/{demo['slug']}?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}"' in first
    start = resident.get(f"/c/{demo['slug']}")
    page = resident.submit(start)
    for number in range(1, 9):
        assert page.status == 200, page.text()
        assert page.path == f"/c/{demo['slug']}/q/{number}"
        # The question is in the resident's language: no fallback marked on it.
        assert page.soup.find("h1").find(attrs={"lang": True}) is None
        page = resident.submit(page, answer_for(page, number))
    assert page.path == f"/c/{demo['slug']}/check"
    done = resident.submit(page)
    assert done.path == f"/c/{demo['slug']}/confirmation"
    assert REFERENCE.search(done.text())
    with app.app_context():
        assert db.session.execute(select(Response.language)).scalar_one() == language


def test_listen_button_needs_javascript_and_submits_nothing(resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    listen = page.soup.select_one(".listen")
    # Hidden until app.js finds the browser can speak, so without JavaScript nobody meets a dead button.
    assert listen.has_attr("hidden")
    assert listen.find("button")["type"] == "button"
