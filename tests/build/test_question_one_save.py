"""Issue 13, item 14: the question editor's one Save keeps everything typed on the page: the
question's own fields, an edited answer, a new answer, the extra answers and the branching.

The forms are sent as a browser sends them (tests.helpers.Resident.submit gathers the controls that
join the form with form="question-form"), with and without htmx."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Question, Response
from consult.models._time import utcnow


@pytest.fixture
def made(app):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation("one-save", title="One save", summary="Saving everything.",
                                           opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
        first = add_question(consultation, "single_choice", "Do you drive?", options=["Yes", "No"])
        question = add_question(consultation, "single_choice", "Which fruit?", options=["Apple", "Lemon"])
        db.session.commit()
        return {"id": consultation.id, "question": question.id, "first": first.id,
                "first_options": [o.id for o in first.options], "options": [o.id for o in question.options],
                "editor": f"/staff/consultations/{consultation.id}/questions/{question.id}"}


def _question(app, question_id):
    with app.app_context():
        question = db.session.get(Question, question_id)
        return {"prompt": question.prompt.variants[0].body,
                "hint": question.hint.variants[0].body if question.hint else None,
                "labels": [(o.kind, o.label.variants[0].body) for o in question.options]}


def _save_button(page):
    return page.soup.find("button", id="save-question")


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_save_question_keeps_an_edited_answer_and_the_other_fields(app, made, signed_in, htmx):
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(made["editor"])
    apple, _lemon = made["options"]
    # The answer's words belong to the question's form: no separate Save per answer.
    assert page.soup.find(id=f"option-{apple}")["form"] == "question-form"
    assert page.soup.find(id=f"save-option-{apple}") is None
    form_index = [f for f in page.soup.find_all("form", method="post")].index(_save_button(page).find_parent("form"))
    saved = editor.submit(page, {"prompt": "Which fruit do you like?", "hint": "Pick one.",
                                 f"option-{apple}": "Green apple", "special": ["prefer_not"]},
                                form_index=form_index)
    assert saved.status == 200, saved.text()
    # Without htmx a notice on the page; with htmx the status region's words travel in a header.
    assert "Question saved" in saved.text() + str(saved.headers)
    stored = _question(app, made["question"])
    assert stored["prompt"] == "Which fruit do you like?"
    assert stored["hint"] == "Pick one."
    assert ("answer", "Green apple") in stored["labels"]
    assert ("prefer_not", "Prefer not to say") in stored["labels"]


def test_a_typed_new_answer_is_added_by_save_question_and_by_add_answer(app, made, signed_in):
    editor = signed_in("editor")
    page = editor.get(made["editor"])
    index = page.soup.find_all("form", method="post").index(_save_button(page).find_parent("form"))
    editor.submit(page, {"label": "Pear"}, form_index=index)
    assert ("answer", "Pear") in _question(app, made["question"])["labels"]
    page = editor.get(made["editor"])
    # "Add answer" is a button of the same form: the typed question words are kept too.
    assert page.soup.find(id="add-option")["form"] == "question-form"
    editor.submit(page, {"label": "Plum", "prompt": "Fruit you like?"}, form_index=index)
    stored = _question(app, made["question"])
    assert ("answer", "Plum") in stored["labels"] and stored["prompt"] == "Fruit you like?"


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_with_a_problem_nothing_is_saved_and_everything_typed_comes_back(app, made, signed_in, htmx):
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(made["editor"])
    apple, lemon = made["options"]
    index = page.soup.find_all("form", method="post").index(_save_button(page).find_parent("form"))
    back = editor.submit(page, {"prompt": "Fruit, typed", "hint": "A hint, typed", f"option-{apple}": "",
                                f"option-{lemon}": "Yellow lemon", "label": "Kiwi", "special": ["prefer_not"]},
                         form_index=index)
    assert back.status == 422
    assert "Enter the words for this answer" in back.text()
    assert back.soup.find(id=f"option-{lemon}")["value"] == "Yellow lemon"
    assert back.soup.find(id="option-new")["value"] == "Kiwi"
    assert back.soup.find(id="prompt").get_text().strip() == "Fruit, typed"
    assert back.soup.find(id="special-prefer-not").has_attr("checked")
    stored = _question(app, made["question"])
    assert stored["prompt"] == "Which fruit?" and ("answer", "Lemon") in stored["labels"]


def test_once_people_have_answered_words_still_save_but_the_shape_does_not_change(app, made, signed_in):
    with app.app_context():
        db.session.add(Response(consultation_id=made["id"], reference="R1", idempotency_key="k1", language="en",
                                started_at=utcnow()))
        db.session.commit()
    editor = signed_in("editor")
    page = editor.get(made["editor"])
    apple, _lemon = made["options"]
    index = page.soup.find_all("form", method="post").index(_save_button(page).find_parent("form"))
    editor.submit(page, {f"option-{apple}": "Red apple", "special-shown": "1", "special": ["prefer_not"]},
                  form_index=index)
    stored = _question(app, made["question"])
    assert ("answer", "Red apple") in stored["labels"]
    assert all(kind == "answer" for kind, _words in stored["labels"])
