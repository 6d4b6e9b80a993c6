"""A section's "Only show this page if ..." in the resident journey, and a question that depends on
another on the same section page: without JavaScript (Continue shows the page again with the question
the answers brought in) and with htmx (the page's questions are redrawn when the deciding answer changes)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Draft
from tests.helpers import Resident
from tests.section_condition_helpers import SLUG, field, make_carers


@pytest.fixture
def carers(app):
    with app.app_context():
        return make_carers()


def _start(resident):
    page = resident.submit(resident.get(f"/c/{SLUG}"))
    assert page.path == f"/c/{SLUG}/q/1"
    return page


def _draft(app) -> dict:
    with app.app_context():
        return db.session.scalars(select(Draft)).one().answers


@pytest.mark.parametrize("htmx", [False, True])
def test_the_page_is_skipped_when_its_condition_does_not_hold(app, carers, htmx):
    resident = Resident(app.test_client(), htmx=htmx)
    page = resident.submit(_start(resident), {field(carers["carer"]): str(carers["no"])})
    # Straight past the page "The person you look after" (questions 2 and 3) to "Travel".
    assert page.path == f"/c/{SLUG}/q/4" and page.h1 == "Travel"
    assert "Question 2 of" in page.text()  # the skipped page's questions are not counted
    # Its address sends people on too.
    assert resident.get(f"/c/{SLUG}/q/2").path == f"/c/{SLUG}/q/4"
    # Back from Travel goes to question 1, not to the page that was skipped.
    assert page.soup.select_one("a.back-link")["href"] == f"/c/{SLUG}/q/1"


@pytest.mark.parametrize("htmx", [False, True])
def test_the_page_is_shown_when_its_condition_holds(app, carers, htmx):
    resident = Resident(app.test_client(), htmx=htmx)
    page = resident.submit(_start(resident), {field(carers["carer"]): str(carers["yes"])})
    assert page.path == f"/c/{SLUG}/q/2" and page.h1 == "The person you look after"
    page = resident.submit(page, {field(carers["name"]): "Ann", field(carers["often"]): str(carers["daily"])})
    assert page.path == f"/c/{SLUG}/q/4"


def _travel(app, carers, htmx=False):
    resident = Resident(app.test_client(), htmx=htmx)
    page = resident.submit(_start(resident), {field(carers["carer"]): str(carers["no"])})
    assert page.path == f"/c/{SLUG}/q/4"
    return resident, page


def test_without_javascript_continue_shows_the_question_the_answer_brings_in(app, carers):
    resident, page = _travel(app, carers)
    # Only "Do you drive?" at first: "What car?" depends on it.
    assert page.soup.find(id=field(carers["car"])) is None
    shown = [tag["value"] for tag in page.form().find_all("input", attrs={"name": "shown"})]
    assert shown == [str(carers["drive"])]
    page = resident.submit(page, {field(carers["drive"]): str(carers["drive_yes"])})
    # The page again, with the new question, no "required" error for it, the Yes kept, and a notice.
    assert page.status == 200 and page.path.startswith(f"/c/{SLUG}/q/4")
    assert page.soup.find(id=field(carers["car"])) is not None
    assert page.soup.select_one(".error-summary") is None and not page.title.startswith("Error")
    assert "more questions on this page" in page.text()
    kept = page.soup.find("input", attrs={"name": field(carers["drive"]), "checked": True})
    assert kept is not None and kept["value"] == str(carers["drive_yes"])
    assert _draft(app)[str(carers["drive"])] == [str(carers["drive_yes"])]
    # Now answering it goes on; leaving it empty is an error (it applies now).
    refused = resident.submit(page, {field(carers["car"]): ""})
    assert refused.status == 422 and refused.soup.select_one(".error-summary") is not None
    page = resident.submit(refused, {field(carers["car"]): "A red van"})
    assert page.path == f"/c/{SLUG}/q/6"
    assert _draft(app)[str(carers["car"])] == ["A red van"]


def test_an_answer_to_a_question_that_became_hidden_is_not_stored(app, carers):
    resident, page = _travel(app, carers)
    page = resident.submit(page, {field(carers["drive"]): str(carers["drive_yes"])})
    # Both shown; now the resident changes to No and leaves a car typed: it is not kept, and no error.
    page = resident.submit(page, {field(carers["drive"]): str(carers["drive_no"]), field(carers["car"]): "A red van"})
    assert page.path == f"/c/{SLUG}/q/6"
    answers = _draft(app)
    assert answers[str(carers["drive"])] == [str(carers["drive_no"])]
    assert str(carers["car"]) not in answers


def test_a_hidden_required_question_never_gives_an_error(app, carers):
    resident, page = _travel(app, carers)
    # "No": the required "What car?" is not asked, so Continue goes on.
    page = resident.submit(page, {field(carers["drive"]): str(carers["drive_no"])})
    assert page.path == f"/c/{SLUG}/q/6"


def _refresh(resident, page, answers: dict, shown: list[int]):
    form = page.form()
    data = {"csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"], "shown": [str(s) for s in shown]}
    data.update(answers)
    wrapper = page.soup.find(attrs={"hx-post": True, "hx-target": "#section-questions"})
    headers = {"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "div#section-questions"}
    return resident.client.post(wrapper["hx-post"], data=data, headers=headers), wrapper


def test_with_htmx_the_questions_are_redrawn_when_the_deciding_answer_changes(app, carers):
    resident, page = _travel(app, carers, htmx=True)
    before = _draft(app)
    response, wrapper = _refresh(resident, page, {field(carers["drive"]): str(carers["drive_yes"])}, [carers["drive"]])
    # The deciding question (and only it) posts on change and swaps the page's list of questions.
    assert wrapper["hx-trigger"] == "change" and wrapper["hx-swap"] == "outerHTML"
    assert wrapper.find(attrs={"name": field(carers["drive"])}) is not None
    assert len(page.soup.find_all(attrs={"hx-target": "#section-questions"})) == 1
    assert response.status_code == 200 and "HX-Request" in response.headers.get("Vary", "")
    from bs4 import BeautifulSoup

    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    root = fragment.find(id="section-questions")
    assert root is not None and fragment.find("html") is None
    assert fragment.find(id=field(carers["car"])) is not None
    checked = fragment.find("input", attrs={"name": field(carers["drive"]), "checked": True})
    assert checked["value"] == str(carers["drive_yes"])
    assert [tag["value"] for tag in fragment.find_all("input", attrs={"name": "shown"})] == \
        [str(carers["drive"]), str(carers["car"])]
    assert fragment.select_one(".error-message") is None
    # The page's caption, out of band: the new question is counted.
    caption = fragment.find(id="section-caption")
    assert caption["hx-swap-oob"] == "true" and caption.get_text(strip=True) == "Questions 2 to 3 of 4"
    said = json.loads(response.headers["HX-Trigger"])["consult:announce"]["message"]
    assert said == "New question on this page: What car do you drive?"
    # Nothing was stored.
    assert _draft(app) == before
    # Back to No: the question goes, so its box (and anything typed in it) is not sent.
    response, _wrapper = _refresh(resident, page, {field(carers["drive"]): str(carers["drive_no"]),
                                                   field(carers["car"]): "A van"}, [carers["drive"], carers["car"]])
    fragment = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert fragment.find(id=field(carers["car"])) is None
    assert "no longer on the page" in json.loads(response.headers["HX-Trigger"])["consult:announce"]["message"]


def test_with_htmx_continue_after_a_live_update_goes_on(app, carers):
    resident, page = _travel(app, carers, htmx=True)
    # As the browser sends it after the live update: both questions shown, both answered.
    page = resident.post(page.form()["action"], {
        "csrf_token": page.form().find("input", attrs={"name": "csrf_token"})["value"],
        "shown": [str(carers["drive"]), str(carers["car"])], "action": "continue",
        field(carers["drive"]): str(carers["drive_yes"]), field(carers["car"]): "A red van"}, target="main#main")
    assert page.path == f"/c/{SLUG}/q/6"
    assert _draft(app)[str(carers["car"])] == ["A red van"]


def test_refresh_is_only_for_section_pages(app, carers):
    resident, page = _travel(app, carers, htmx=True)
    token = page.form().find("input", attrs={"name": "csrf_token"})["value"]
    response = resident.client.post(f"/c/{SLUG}/q/1/questions", data={"csrf_token": token},
                                     headers={"HX-Request": "true"})
    assert response.status_code == 404
