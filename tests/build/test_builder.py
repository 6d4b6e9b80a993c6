"""Building a consultation from nothing through the test client, with and without htmx headers."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import AuditEntry, Consultation, Question, Response
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

TYPES = ["single_choice", "multiple_choice", "short_text", "long_text", "yes_no", "agree_scale", "number"]


def _create(editor, slug="bus-routes"):
    form = editor.get("/staff/consultations/new")
    assert_well_formed(form)
    page = editor.submit(form, {
        "title": "Bus routes", "summary": "Tell us which buses you use.", "slug": slug,
        "opens_date": "2026-01-01", "opens_time": "09:00", "closes_date": "2099-03-01", "closes_time": "23:59",
        "estimated_minutes": "4", "anonymous": "y", "purpose": "", "organiser": "Northshire Council",
        "data_use": "", "contact": "", "contact_email": "",
    })
    assert page.status == 200, page.text()
    assert page.h1.endswith("Bus routes")
    return page


def _consultation_id(page) -> int:
    return int(re.search(r"/staff/consultations/(\d+)", page.path).group(1))


def _add(editor, overview, kind, position=0):
    page = editor.submit(overview, {"kind": kind, "position": str(position)}, form_index=_form_index(overview, "/questions"))
    assert page.status == 200, page.text()
    assert "/questions/" in page.path
    return page


def _form_index(page, action_ending):
    forms = [form for form in page.soup.find_all("form") if form.get("method", "get").lower() == "post"]
    for index, form in enumerate(forms):
        if form["action"].endswith(action_ending):
            return index
    raise AssertionError(f"no form posting to …{action_ending} on {page.path}")


def _save_question(editor, page, prompt, **extra):
    data = {"prompt": prompt, "hint": extra.pop("hint", ""), **extra}
    saved = editor.submit(page, data, form_index=_form_index(page, page.path))
    assert saved.status == 200, saved.text()
    return saved


def _add_answers(editor, page, *labels):
    for label in labels:
        # "Add answer" belongs to the question's one form (issue 13, item 14), which posts to the editor.
        page = editor.submit(page, {"label": label}, form_index=_form_index(page, page.path.split("#")[0]))
        assert page.status == 200
    return page


@pytest.mark.parametrize("htmx", [False, True])
def test_build_publish_and_answer_from_nothing(app, signed_in, htmx):
    editor = signed_in("editor", htmx=htmx)
    overview = _create(editor)
    consultation_id = _consultation_id(overview)
    base = f"/staff/consultations/{consultation_id}"

    # Publishing an empty consultation is refused, with the reason.
    refused = editor.submit(overview, form_index=_form_index(overview, "/publish"))
    assert refused.status == 422 and "Add at least one question" in refused.text()
    assert_well_formed(refused)

    for kind in TYPES:
        page = _add(editor, editor.get(base), kind)
        assert_well_formed(page)
        prompt = {"single_choice": "Which bus do you use most?", "multiple_choice": "When do you travel?",
                  "short_text": "Where do you get on?", "long_text": "What would make buses better?",
                  "yes_no": "Do you have a bus pass?", "agree_scale": "Buses come on time.",
                  "number": "How many trips a week?"}[kind]
        extra = {"optional": "y"} if kind == "long_text" else {}
        if kind == "number":
            extra.update(minimum="0", maximum="50")
        page = _save_question(editor, page, prompt, **extra)
        if kind == "single_choice":
            page = _add_answers(editor, page, "Number 7", "Number 12", "Number 40")
        if kind == "multiple_choice":
            page = _add_answers(editor, page, "Mornings", "Evenings")
            # The extra answers belong to the question's one form (issue 13, item 14).
            page = editor.submit(page, {"special": ["none", "prefer_not"]},
                                 form_index=_form_index(page, page.path.split("#")[0]))
        if htmx:  # an htmx answer swaps only the editor region
            assert page.soup.find(id="question-editor") is not None and "<html" not in page.html
        else:
            assert_well_formed(page)

    with app.app_context():
        kinds = db.session.scalars(select(Question.kind).where(Question.consultation_id == consultation_id)
                                   .order_by(Question.position)).all()
        assert kinds == TYPES

    published = editor.submit(editor.get(base), form_index=_form_index(editor.get(base), "/publish"))
    assert published.status == 200 and "Published" in published.text()

    resident = Resident(app.test_client())
    page = resident.submit(resident.get("/c/bus-routes"))
    answers = {
        1: lambda p: {p.field_name(): p.option_value("Number 12")},
        2: lambda p: {p.field_name(): [p.option_value("Evenings")]},
        3: lambda p: {p.field_name(): "High Street"},
        4: lambda p: {},
        5: lambda p: {p.field_name(): p.option_value("Yes")},
        6: lambda p: {p.field_name(): p.option_value("Strongly agree")},
        7: lambda p: {p.field_name(): "4"},
    }
    for number in range(1, 8):
        assert f"Question {number} of 7" in page.text(), page.text()
        page = resident.submit(page, answers[number](page))
    assert "Check your answers" in page.h1
    assert "Number 12" in page.text() and "Evenings" in page.text()
    done = resident.submit(page)
    assert done.path.endswith("/confirmation")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1
        actions = set(db.session.scalars(select(AuditEntry.action)))
        assert {"consultation.created", "question.created", "question.changed", "consultation.published"} <= actions


@pytest.mark.parametrize("htmx", [False, True])
def test_reorder_delete_and_undo(app, signed_in, htmx):
    editor = signed_in("editor", htmx=htmx)
    consultation_id = _consultation_id(_create(editor))
    base = f"/staff/consultations/{consultation_id}"
    for prompt in ("First", "Second", "Third"):
        _save_question(editor, _add(editor, editor.get(base), "short_text"), prompt)

    def order():
        with app.app_context():
            return db.session.scalars(
                select(Question.id).where(Question.consultation_id == consultation_id, Question.deleted_at.is_(None))
                .order_by(Question.position)).all()

    first, second, third = order()
    overview = editor.get(base)
    moved = editor.submit(overview, form_index=_form_index_with(overview, f"/questions/{third}/move", "up"))
    assert order() == [first, third, second]
    if htmx:
        trigger = json.loads(moved.headers["HX-Trigger"])["consult:announce"]
        assert trigger["message"] == "Question moved to position 2 of 3"
        assert trigger["focus"] == f"move-up-{third}"
        assert moved.soup.find(id="question-list") is not None and "<html" not in moved.html
    else:
        assert "Question moved to position 2 of 3" in moved.text()

    overview = editor.get(base)
    deleted = editor.submit(overview, form_index=_form_index(overview, f"/questions/{first}/delete"))
    assert order() == [third, second]
    assert deleted.soup.find(id=f"restore-{first}") is not None
    restored = editor.submit(deleted, form_index=_form_index(deleted, f"/questions/{first}/restore"))
    assert order() == [first, third, second]
    assert restored.status == 200


def _form_index_with(page, action_ending, direction):
    forms = [form for form in page.soup.find_all("form") if form.get("method", "get").lower() == "post"]
    for index, form in enumerate(forms):
        hidden = form.find("input", attrs={"name": "direction"})
        if form["action"].endswith(action_ending) and hidden and hidden["value"] == direction:
            return index
    raise AssertionError(f"no {direction} form for {action_ending}")


def test_branching_from_the_builder(app, signed_in):
    editor = signed_in("editor")
    consultation_id = _consultation_id(_create(editor, slug="branch"))
    base = f"/staff/consultations/{consultation_id}"
    _save_question(editor, _add(editor, editor.get(base), "yes_no"), "Do you drive?")
    second = _save_question(editor, _add(editor, editor.get(base), "short_text"), "What car do you drive?")
    rules = editor.get(second.soup.find(id="change-branching")["href"])
    page = editor.get(rules.soup.find(id="add-rule-ask")["href"])
    page = editor.submit(page, button="add", form_index=_form_index(page, "/branching/new"))
    yes = page.soup.find("label", string=re.compile("^Yes$"))
    assert yes is not None, "the first question's answers are offered for branching"
    saved = editor.submit(page, {"cond-0-option": page.soup.find(id=yes["for"])["value"]},
                          form_index=_form_index(page, "/branching/new"))
    assert "Branching rule saved" in saved.text()
    assert_well_formed(saved)
    editor.submit(editor.get(base), form_index=_form_index(editor.get(base), "/publish"))

    resident = Resident(app.test_client())
    page = resident.submit(resident.get("/c/branch"))
    page = resident.submit(page, {page.field_name(): page.option_value("No")})
    assert "Check your answers" in page.h1 and "What car" not in page.text()


def test_checker_advises_while_typing_and_on_save(app, signed_in):
    editor = signed_in("editor", htmx=True)
    consultation_id = _consultation_id(_create(editor, slug="checked"))
    page = _add(editor, editor.get(f"/staff/consultations/{consultation_id}"), "short_text")
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    wordy = "We will utilise the facility in order to commence the service."
    response = editor.client.post("/staff/consultations/check-text", data={
        "field": "prompt", "prompt": wordy, "language": "en", "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "“utilise”: try “use”" in html and "“commence”: try “start”" in html
    saved = _save_question(editor, page, wordy)
    assert "try “use”" in saved.text()  # shown on saving too, and saving was not blocked
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Question)) == 1


def test_publish_checklist_lists_every_problem(app, signed_in):
    editor = signed_in("editor")
    consultation_id = _consultation_id(_create(editor, slug="problems"))
    base = f"/staff/consultations/{consultation_id}"
    _add(editor, editor.get(base), "single_choice")  # no words, no answers
    overview = editor.get(base)
    refused = editor.submit(overview, form_index=_form_index(overview, "/publish"))
    text = refused.text()
    assert "Question 1 has no words" in text
    assert "Question 1 needs at least 2 answers to choose from" in text
    with app.app_context():
        assert db.session.get(Consultation, consultation_id).status == "draft"


def test_duplicate_close_reopen_and_delete(app, signed_in, demo):
    editor = signed_in("editor")
    base = f"/staff/consultations/{demo['id']}"
    copy = editor.submit(editor.get(base), form_index=_form_index(editor.get(base), "/duplicate"))
    assert copy.h1 == "Copy of Your equipment, your say"
    copy_id = _consultation_id(copy)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Question)
                                 .where(Question.consultation_id == copy_id)) == 8
    closed = editor.submit(editor.get(f"{base}/close"), form_index=_form_index(editor.get(f"{base}/close"), "/close"))
    assert "Closed" in closed.text()
    assert "has closed" in Resident(app.test_client()).get(f"/c/{demo['slug']}").text()
    reopen = editor.get(f"{base}/reopen")
    assert_well_formed(reopen)
    reopened = editor.submit(reopen)
    assert "Open again" in reopened.text()
    confirm = editor.get(f"/staff/consultations/{copy_id}/delete")
    assert_well_formed(confirm)
    gone = editor.submit(confirm, form_index=_form_index(confirm, "/delete"))
    assert gone.path == "/staff/consultations/"
    with app.app_context():
        assert db.session.get(Consultation, copy_id) is None


def test_settings_errors_are_clear_and_keep_what_was_typed(app, signed_in, demo):
    editor = signed_in("editor")
    page = editor.submit(editor.get("/staff/consultations/new"), {
        "title": "Parks", "summary": "", "slug": "Not A Slug", "opens_date": "2027-05-01", "opens_time": "09:00",
        "closes_date": "2027-04-01", "closes_time": "09:00", "estimated_minutes": "0"})
    assert page.status == 422
    assert_well_formed(page)
    summary = page.soup.select_one(".error-summary").get_text(" ", strip=True)
    assert "Enter a one-line summary" in summary
    assert "Use only small letters" in summary
    assert page.soup.find(id="title")["value"] == "Parks"
    taken = editor.submit(editor.get("/staff/consultations/new"), {
        "title": "Again", "summary": "x", "slug": demo["slug"], "opens_date": "2027-05-01", "opens_time": "09:00",
        "closes_date": "2027-06-01", "closes_time": "09:00", "estimated_minutes": "3"})
    assert "Another consultation uses this web address" in taken.text()


def test_staff_preview_of_a_draft_stores_nothing(app, signed_in):
    editor = signed_in("editor")
    consultation_id = _consultation_id(_create(editor, slug="draft-preview"))
    _save_question(editor, _add(editor, editor.get(f"/staff/consultations/{consultation_id}"), "short_text"), "Name a park")
    assert Resident(app.test_client()).get("/c/draft-preview").status == 404
    page = editor.submit(editor.get("/c/draft-preview"))
    assert "Preview for staff" in page.text()
    page = editor.submit(page, {page.field_name(): "Central Park"})
    sent = editor.submit(page)
    assert "This is a preview" in sent.text()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_analysts_cannot_build(app, signed_in, demo):
    analyst = signed_in("analyst")
    assert analyst.get("/staff/consultations/").status == 200
    assert analyst.client.get(f"/staff/consultations/{demo['id']}").status_code == 403
    assert analyst.client.get("/staff/consultations/new").status_code == 403


def test_publishing_lists_the_checkers_warnings_but_allows_publishing(app, signed_in):
    editor = signed_in("editor")
    consultation_id = _consultation_id(_create(editor, slug="wordy"))
    base = f"/staff/consultations/{consultation_id}"
    _save_question(editor, _add(editor, editor.get(base), "short_text"),
                   "Please indicate the location at which you would prefer to commence your journey.")
    overview = editor.get(base)
    assert "Plain language: worth another look" in overview.text()
    plain = overview.soup.find("h3", string="Plain language: worth another look")
    assert "Question 1" in plain.find_next("ul", class_="checklist").get_text()
    published = editor.submit(overview, form_index=_form_index(overview, "/publish"))
    assert "Published" in published.text()


def test_staff_extend_the_hard_words_list(app, signed_in):
    editor = signed_in("editor")
    page = editor.get("/staff/consultations/plain-words")
    assert_well_formed(page)
    refused = editor.submit(page, {"language": "en", "word": "", "plain": ""}, form_index=_form_index(page, "/plain-words"))
    assert refused.status == 422
    assert_well_formed(refused)
    added = editor.submit(page, {"language": "en", "word": "Reablement", "plain": "help to get back on your feet"},
                          form_index=_form_index(page, "/plain-words"))
    assert "“reablement” added" in added.text()
    token = added.soup.find("input", attrs={"name": "csrf_token"})["value"]
    response = editor.client.post("/staff/consultations/check-text", data={
        "field": "prompt", "prompt": "Tell us about your reablement support.", "language": "en", "csrf_token": token})
    assert "try “help to get back on your feet”" in response.get_data(as_text=True)
    # Words belong to their language: a Welsh text is not checked against the English word.
    response = editor.client.post("/staff/consultations/check-text", data={
        "field": "prompt", "prompt": "Reablement.", "language": "cy", "csrf_token": token})
    assert "help to get back" not in response.get_data(as_text=True)
    removed = editor.submit(added, form_index=_form_index(added, "/delete"))
    assert "“reablement” removed" in removed.text()
