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


# -- Duplicate this question, and the headings over answers: the same buttons of the one form ------

def _grouped(app) -> tuple[int, int, list[int], int]:
    """The bus question with one heading ("Town buses") over its first answer."""
    from consult.build.option_groups import add_group, place_options

    consultation_id, question_id, options = _question(app)
    with app.app_context():
        question = db.session.get(Question, question_id)
        group = add_group(question, "Town buses", "en")
        place_options(question, {options[0]: group.id})
        db.session.commit()
        return consultation_id, question_id, options, group.id


def _headings(app, question_id) -> list[tuple[str, list[str]]]:
    """Each stored heading with the words of the answers under it."""
    with app.app_context():
        question = db.session.get(Question, question_id)
        return [(group.heading.variants[0].body,
                 [option.label.variants[0].body for option in question.options if option.group_id == group.id])
                for group in question.option_groups]


def test_duplicate_and_the_headings_buttons_belong_to_the_editors_form(app, signed_in):
    consultation_id, question_id, options, group_id = _grouped(app)
    base = f"/staff/consultations/{consultation_id}/questions/{question_id}"
    page = signed_in("editor").get(base)
    for button_id, action in (("duplicate-question", f"{base}/copy"), ("add-group", f"{base}/groups"),
                              (f"save-group-{group_id}", f"{base}/groups/{group_id}"),
                              (f"remove-group-{group_id}", f"{base}/groups/{group_id}/delete"),
                              ("save-placing", f"{base}/groups/place")):
        button = page.soup.find("button", id=button_id)
        assert button["form"] == "question-form" and button["hx-post"] == action, button_id
        assert button["formaction"].split("#")[0] == action and button.has_attr("formnovalidate")
    for control in ("option-group-new", f"option-group-{group_id}", f"group-{options[0]}"):
        assert page.soup.find(id=control)["form"] == "question-form"
    # Still one form on the editor (and one CSRF token).
    assert [form["id"] for form in page.soup.select("#question-editor form")] == ["question-form"]


@pytest.mark.parametrize("htmx", [False, True])
def test_duplicate_keeps_what_was_typed(app, signed_in, htmx):
    consultation_id, question_id, options = _question(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    copied = editor.press(page, "duplicate-question", _typing(options[0]))
    assert copied.status == 200
    # Still this question's editor, as typed, saying where the copy is and that it has the saved words.
    assert copied.soup.find("h1").get_text(strip=True) == "Question 1"
    _shows_the_typing(copied, options[0])
    message = _message(copied, htmx)
    assert "The copy is question 2, just after it" in message
    assert "The copy has this question’s saved words, not what you typed. " + REMINDER in message
    with app.app_context():
        copy = db.session.scalar(db.select(Question).where(Question.consultation_id == consultation_id,
                                                            Question.position == 2))
        assert copy.prompt.variants[0].body == "Copy: Which bus?"
    assert _stored(app, question_id) == ("Which bus?", ["Number 7", "Number 12", "Number 40"])


@pytest.mark.parametrize("htmx", [False, True])
def test_adding_a_heading_keeps_what_was_typed(app, signed_in, htmx):
    consultation_id, question_id, options, group_id = _grouped(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    added = editor.press(page, "add-group", {**_typing(options[0]), "heading": "Country buses"})
    assert added.status == 200
    _shows_the_typing(added, options[0])
    assert "Heading added. Now choose which answers go under it. " + REMINDER in _message(added, htmx)
    assert _headings(app, question_id) == [("Town buses", ["Number 7"]), ("Country buses", [])]
    # The new heading has its own box now; the box to add one is empty again.
    assert added.soup.find(id="option-group-new")["value"] == ""
    assert [box["value"] for box in added.soup.select("input[name^=heading-]")] == ["Town buses", "Country buses"]

    # A heading that cannot be added comes back as typed, with the rest of the page as typed too.
    refused = editor.press(added, "add-group", {**_typing(options[0]), "heading": "x" * 301})
    assert refused.status == 422
    _shows_the_typing(refused, options[0])
    assert refused.soup.find(id="option-group-new")["value"] == "x" * 301
    assert refused.soup.select_one(".error-summary a")["href"] == "#option-group-new"
    assert len(_headings(app, question_id)) == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_the_other_heading_buttons_keep_what_was_typed(app, signed_in, htmx):
    consultation_id, question_id, options, group_id = _grouped(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    # Renaming a heading keeps the rest as typed, and a new heading typed but not added.
    saved = editor.press(page, f"save-group-{group_id}", {**_typing(options[0]), f"heading-{group_id}": "City buses",
                                                         "heading": "Night buses"})
    assert saved.status == 200
    _shows_the_typing(saved, options[0])
    assert "Heading saved. " + REMINDER in _message(saved, htmx)
    assert _headings(app, question_id) == [("City buses", ["Number 7"])]
    assert saved.soup.find(id="option-group-new")["value"] == "Night buses"

    placed = editor.press(saved, "save-placing", {**_typing(options[0]), f"group-{options[1]}": str(group_id)})
    assert placed.status == 200
    _shows_the_typing(placed, options[0])
    assert "Answers put under their headings. " + REMINDER in _message(placed, htmx)
    # (Answers under a heading come after those without one, in the order they had.)
    assert _headings(app, question_id) == [("City buses", ["Number 12", "Number 7"])]

    removed = editor.press(placed, f"remove-group-{group_id}", _typing(options[0]))
    assert removed.status == 200
    _shows_the_typing(removed, options[0])
    assert "Heading removed. Its answers are still there. " + REMINDER in _message(removed, htmx)
    assert _headings(app, question_id) == []
    assert _stored(app, question_id)[0] == "Which bus?"


@pytest.mark.parametrize("htmx", [False, True])
def test_save_keeps_the_headings_typed(app, signed_in, htmx):
    consultation_id, question_id, options, group_id = _grouped(app)
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    # A heading's words changed, an answer moved under it and a new heading typed: only a reminder, after a Move.
    typed = {f"heading-{group_id}": "City buses", f"group-{options[2]}": str(group_id), "heading": "Night buses"}
    moved = editor.press(page, f"move-down-option-{options[1]}", typed)
    assert REMINDER in _message(moved, htmx)
    assert _headings(app, question_id) == [("Town buses", ["Number 7"])]
    assert moved.soup.find(id=f"option-group-{group_id}")["value"] == "City buses"
    assert moved.soup.find(id=f"group-{options[2]}").find("option", selected=True)["value"] == str(group_id)
    # Save keeps all of it.
    saved = editor.press(moved, "save-question")
    assert saved.status == 200
    assert [(heading, sorted(words)) for heading, words in _headings(app, question_id)] == [
        ("City buses", ["Number 40", "Number 7"]), ("Night buses", [])]
    # An empty heading is refused by Save like an empty answer, and nothing is saved.
    refused = editor.press(saved, "save-question", {f"heading-{group_id}": " ", "prompt": "Changed"})
    assert refused.status == 422
    assert refused.soup.select_one(".error-summary a")["href"] == f"#option-group-{group_id}"
    assert _stored(app, question_id)[0] == "Which bus?"
