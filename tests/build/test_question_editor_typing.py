"""The question editor's Move, Remove and paste buttons keep what staff typed and have not saved yet.

They are buttons of the editor's one form (``formaction``; with htmx ``hx-post`` on the button), so the
whole form travels with them: the answers change at once, as before, and everything else comes back as
typed, not saved until Save. With and without htmx (HX-Request), for each button.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Question
from consult.models._time import utcnow
from tests.html_checks import assert_well_formed

REMINDER = "What you typed is not saved yet. Select “Save question” to keep it."


def _question(app) -> tuple[int, int, list[int]]:
    with app.app_context():
        now = utcnow()
        consultation = create_consultation("typing", title="Typing", summary="Words typed, not yet saved.",
                                           opens_at=now, closes_at=now + timedelta(days=30))
        question = add_question(consultation, "single_choice", "Which bus?", hint="The one you take most.",
                                options=["Number 7", "Number 12", "Number 40"])
        db.session.commit()
        return consultation.id, question.id, [option.id for option in question.options if option.kind == "answer"]


def _stored(app, question_id) -> tuple[str, list[str]]:
    """The question's stored words and its answers' words, in order."""
    with app.app_context():
        question = db.session.get(Question, question_id)
        return (question.prompt.variants[0].body,
                [option.label.variants[0].body for option in question.options if option.kind == "answer"])


def _typing(first_option: int) -> dict:
    return {"prompt": "Which bus do you take?", "hint": "Typed, not saved", f"option-{first_option}": "The number 7",
            "label": "Number 99"}


def _shows_the_typing(page, first_option: int) -> None:
    assert page.soup.find("textarea", id="prompt").get_text().strip() == "Which bus do you take?"
    assert page.soup.find("textarea", id="hint").get_text().strip() == "Typed, not saved"
    assert page.soup.find("input", id=f"option-{first_option}")["value"] == "The number 7"
    assert page.soup.find("input", id="option-new")["value"] == "Number 99"


def _message(page, htmx: bool) -> str:
    if htmx:
        assert "<html" not in page.html and page.soup.find(id="question-editor") is not None
        return json.loads(page.headers["HX-Trigger"])["consult:announce"]["message"]
    assert_well_formed(page)
    return page.text()


def test_the_buttons_belong_to_the_editors_form(app, signed_in):
    consultation_id, question_id, options = _question(app)
    page = signed_in("editor").get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    base = f"/staff/consultations/{consultation_id}/questions/{question_id}"
    for button_id, action in ((f"move-down-option-{options[0]}", f"{base}/options/{options[0]}/move"),
                              (f"remove-option-{options[1]}", f"{base}/options/{options[1]}/delete"),
                              ("paste-options", f"{base}/options/paste")):
        button = page.soup.find("button", id=button_id)
        assert button["form"] == "question-form" and button["hx-post"] == action
        assert button["formaction"].split("#")[0] == action and button.has_attr("formnovalidate")
    assert page.soup.find("textarea", id="option-paste")["form"] == "question-form"
    # No form inside the list of answers: one form, one CSRF token.
    assert not page.soup.select("#question-editor .option-list form, #paste-answers form")


@pytest.mark.parametrize("htmx", [False, True])
def test_move_keeps_what_was_typed(app, signed_in, htmx):
    consultation_id, question_id, options = _question(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    moved = editor.press(page, f"move-down-option-{options[0]}", _typing(options[0]))
    assert moved.status == 200
    _shows_the_typing(moved, options[0])
    message = _message(moved, htmx)
    assert "Answer moved to position 2. " + REMINDER in message
    # The move is stored, as it always was; the words typed are not, until Save.
    assert _stored(app, question_id) == ("Which bus?", ["Number 12", "Number 7", "Number 40"])
    # The editor shown is the moved one: the first answer's box is now second, still as typed.
    boxes = [box["id"] for box in moved.soup.select("ol.option-list input[id^=option-]")]
    assert boxes[:2] == [f"option-{options[1]}", f"option-{options[0]}"]


@pytest.mark.parametrize("htmx", [False, True])
def test_remove_keeps_what_was_typed(app, signed_in, htmx):
    consultation_id, question_id, options = _question(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    removed = editor.press(page, f"remove-option-{options[2]}", _typing(options[0]))
    assert removed.status == 200
    _shows_the_typing(removed, options[0])
    message = _message(removed, htmx)
    assert "Answer removed. " + REMINDER in message
    assert _stored(app, question_id) == ("Which bus?", ["Number 7", "Number 12"])
    assert removed.soup.find(id=f"option-{options[2]}") is None


@pytest.mark.parametrize("htmx", [False, True])
def test_paste_keeps_what_was_typed(app, signed_in, htmx):
    consultation_id, question_id, options = _question(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    pasted = editor.press(page, "paste-options", {**_typing(options[0]), "answers": "Tram\nNumber 12\n"})
    assert pasted.status == 200
    _shows_the_typing(pasted, options[0])
    message = _message(pasted, htmx)
    assert "1 answer added." in message and REMINDER in message
    assert _stored(app, question_id) == ("Which bus?", ["Number 7", "Number 12", "Number 40", "Tram"])
    # The list was used, so its box is empty again (and still open).
    assert pasted.soup.find("textarea", id="option-paste").get_text() == ""
    assert pasted.soup.find("details", id="paste-answers").has_attr("open")

    # A list that cannot be used comes back as typed, with the rest of the page as typed too.
    refused = editor.press(pasted, "paste-options", {**_typing(options[0]), "answers": "x" * 301})
    assert refused.status == 422
    _shows_the_typing(refused, options[0])
    assert refused.soup.find("textarea", id="option-paste").get_text() == "x" * 301
    assert _stored(app, question_id)[0] == "Which bus?"


@pytest.mark.parametrize("htmx", [False, True])
def test_no_reminder_when_nothing_was_typed_and_save_keeps_the_typing(app, signed_in, htmx):
    consultation_id, question_id, options = _question(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    moved = editor.press(page, f"move-up-option-{options[2]}")
    assert moved.status == 200
    message = _message(moved, htmx)
    assert "Answer moved to position 2" in message and REMINDER not in message
    # Typing after a move, then Save: everything typed is stored, in the moved order.
    moved = editor.press(moved, f"move-down-option-{options[0]}", _typing(options[0]))
    saved = editor.press(moved, "save-question")
    assert saved.status == 200
    assert _stored(app, question_id) == ("Which bus do you take?", ["Number 40", "The number 7", "Number 12", "Number 99"])
