"""Error messages staff write per question: the editor, translation, the checker, and residents."""

from __future__ import annotations

import io
from datetime import timedelta

from babel.messages.pofile import read_po

from consult.build.checklist import missing_message_warnings, plain_language_warnings, publishing_problems
from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.loading import consultation_or_404, staff_texts
from consult.models import Question, TextBlock
from consult.models._time import utcnow
from consult.questions import get_type
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

MESSAGE = "Select how long you waited"
WELSH = "Dewiswch pa mor hir y buoch chi’n aros"


def _consultation(app, status="draft", slug="waiting"):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation(
            slug, title="Waiting times", summary="Tell us how long you waited.", status=status,
            opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30), other_languages=("cy",))
        question = add_question(consultation, "single_choice", {"en": "How long did you wait?", "cy": "Pa mor hir?"},
                                options=[{"en": "Under an hour", "cy": "Llai nag awr"},
                                         {"en": "Longer", "cy": "Mwy"}])
        optional = add_question(consultation, "short_text", "Anything else?", required=False)
        db.session.commit()
        return consultation.id, question.id, optional.id


def _post_form(person, page, action_ending, data=None):
    forms = [f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"]
    index = next(i for i, f in enumerate(forms) if f["action"].endswith(action_ending))
    return person.submit(page, data or {}, form_index=index)


def _write_message(editor, consultation_id, question_id, message=MESSAGE):
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    return _post_form(editor, page, f"/questions/{question_id}", {"missing_message": message})


def test_the_type_message_is_the_default_and_a_written_one_replaces_it(app):
    with app.test_request_context():
        qtype = get_type("single_choice")
        question = Question(id=1, kind="single_choice", required=True, options=[])
        assert qtype.check(question, []).error == "Select an answer"
        assert qtype.check(question, [], MESSAGE).error == MESSAGE
        # Only for a question left empty: other problems keep their own words.
        assert qtype.check(question, ["999"], MESSAGE).error == "Select one of the answers shown"
        question.required = False
        assert qtype.check(question, [], MESSAGE).error is None


def test_staff_write_a_message_in_the_editor_and_it_is_kept_per_language(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app)
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}")
    assert_well_formed(page)
    field = page.soup.find("textarea", id="missing_message")
    label = page.soup.find("label", attrs={"for": "missing_message"})
    assert field is not None and label.get_text(strip=True) == "Error message if it is left empty (optional)"
    hint = page.soup.find(id="missing_message-hint")
    assert "Select an answer" in hint.get_text() and "missing_message-hint" in field["aria-describedby"]

    saved = _write_message(editor, consultation_id, question_id)
    assert saved.status == 200 and "Question saved" in saved.text()
    assert saved.soup.find("textarea", id="missing_message").get_text().lstrip("\r\n") == MESSAGE
    with app.app_context():
        block = db.session.get(Question, question_id).missing_message
        assert [(v.language, v.register, v.body) for v in block.variants] == [("en", "standard", MESSAGE)]

    # Too long: refused with a message, and what was typed stays.
    long = "Select " + "a very long message " * 20
    refused = _write_message(editor, consultation_id, question_id, long)
    assert refused.status == 422
    assert refused.soup.select_one(".error-summary a[href='#missing_message']") is not None
    assert refused.soup.find("textarea", id="missing_message").get_text().lstrip("\r\n") == long

    # Blank takes it away again: people see the type's own message.
    cleared = _write_message(editor, consultation_id, question_id, "  ")
    assert cleared.status == 200
    with app.app_context():
        question = db.session.get(Question, question_id)
        assert question.missing_message_id is None


def test_htmx_save_swaps_the_editor_with_the_message(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app)
    editor = signed_in("editor", htmx=True)
    saved = _write_message(editor, consultation_id, question_id)
    assert saved.status == 200 and "<html" not in saved.html
    assert saved.soup.find("textarea", id="missing_message").get_text().lstrip("\r\n") == MESSAGE
    assert "Question saved" in saved.headers.get("HX-Trigger", "")


def test_message_is_translated_like_other_texts_and_goes_through_po_files(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app)
    editor = signed_in("editor")
    _write_message(editor, consultation_id, question_id)
    key = f"question.{question_id}.missing_message"
    page = editor.get(f"/staff/consultations/{consultation_id}/translate/cy")
    assert_well_formed(page)
    row = page.soup.find(id=f"row-question-{question_id}-missing-message")
    assert row is not None and MESSAGE in row.get_text()
    saved = editor.submit(page, {f"text-{key}": WELSH}, form_index=[
        f for f in page.soup.find_all("form") if f.get("method", "").lower() == "post"].index(
        page.soup.find("form", id="translations-form")))
    assert saved.status == 200

    exported = editor.client.get(f"/staff/consultations/{consultation_id}/translate/cy/export")
    catalog = read_po(io.BytesIO(exported.data))
    entry = next(message for message in catalog if message.context == key)
    assert entry.id == MESSAGE and entry.string == WELSH

    # The easy-read editor offers it too (it is a text residents read).
    easy = editor.get(f"/staff/consultations/{consultation_id}/translate/en?register=easy")
    assert easy.soup.find(id=f"row-question-{question_id}-missing-message") is not None


def test_checklist_advises_on_required_questions_without_a_message(app, signed_in):
    consultation_id, question_id, optional_id = _consultation(app)
    with app.test_request_context():
        consultation = consultation_or_404(consultation_id)
        warnings = missing_message_warnings(consultation, staff_texts(consultation))
        assert [w.fix[1]["question_id"] for w in warnings] == [question_id]  # not the optional question
        assert "Select an answer" in warnings[0].advice[0]
    editor = signed_in("editor")
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    gaps = overview.soup.find(id="message-gaps")
    assert gaps is not None and "Question 1" in gaps.get_text()
    assert gaps.find("a")["href"].endswith(f"/questions/{question_id}#missing_message")
    # Advice, not a stop: the problems that stop publishing do not include it.
    with app.test_request_context():
        consultation = consultation_or_404(consultation_id)
        problems = publishing_problems(consultation, staff_texts(consultation), utcnow())
        assert problems and not any("error message" in problem.message for problem in problems)

    _write_message(editor, consultation_id, question_id)
    with app.test_request_context():
        consultation = consultation_or_404(consultation_id)
        assert missing_message_warnings(consultation, staff_texts(consultation)) == []
    assert editor.get(f"/staff/consultations/{consultation_id}").soup.find(id="message-gaps") is None


def test_plain_language_checker_checks_the_message(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app)
    editor = signed_in("editor")
    wordy = ("You must make sure that you select one of the answers shown above before you are able to "
             "continue on to the next question in this consultation about waiting")
    page = _write_message(editor, consultation_id, question_id, wordy)
    # Beside the field in the editor ...
    assert page.soup.find(id="missing_message-check").get_text(strip=True) != ""
    # ... and in the overview's plain-language advice.
    with app.test_request_context():
        consultation = consultation_or_404(consultation_id)
        places = [w.where for w in plain_language_warnings(consultation, staff_texts(consultation))]
        assert "Error message for question 1" in places


def _answer_nothing(resident, slug, language=None):
    start = resident.get(f"/c/{slug}" + (f"?lang={language}" if language else ""))
    question = resident.submit(start)
    assert question.status == 200, question.text()[:300]
    return resident.submit(question)


def test_residents_see_the_message_in_english_and_welsh(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app, status="published")
    editor = signed_in("editor")
    _write_message(editor, consultation_id, question_id)

    # Welsh not written yet: a Welsh page says the type's own message, in Welsh, not English words.
    welsh_page = _answer_nothing(Resident(app.test_client()), "waiting", "cy")
    assert welsh_page.status == 422
    assert MESSAGE not in welsh_page.text()

    page = _answer_nothing(Resident(app.test_client()), "waiting")
    assert page.status == 422
    summary = page.soup.select_one(".error-summary")
    assert summary.find("a").get_text(strip=True) == MESSAGE
    assert MESSAGE in page.soup.select_one(".field-error, .error-message").get_text()
    assert page.title.startswith("Error:")

    with app.app_context():
        block = db.session.get(Question, question_id).missing_message
        block.set("cy", WELSH)
        db.session.commit()
    welsh_page = _answer_nothing(Resident(app.test_client()), "waiting", "cy")
    assert welsh_page.status == 422
    assert welsh_page.soup.find("html")["lang"] == "cy"
    assert welsh_page.soup.select_one(".error-summary").find("a").get_text(strip=True) == WELSH

    # Easy read with no easy-read message: the standard one.
    easy = Resident(app.test_client())
    easy.get("/c/waiting?register=easy")
    assert _answer_nothing(easy, "waiting").soup.select_one(".error-summary a").get_text(strip=True) == MESSAGE


def test_check_page_lists_the_message_for_an_unanswered_question(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app, status="published")
    _write_message(signed_in("editor"), consultation_id, question_id)
    resident = Resident(app.test_client())
    resident.submit(resident.get("/c/waiting"))
    check = resident.get("/c/waiting/check")
    sent = resident.submit(check)
    assert sent.status == 422
    assert f"Question 1: {MESSAGE}" in sent.soup.select_one(".error-summary").get_text(" ", strip=True)


def test_preview_shows_the_message(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app)
    editor = signed_in("editor")
    _write_message(editor, consultation_id, question_id)
    preview = editor.get(f"/staff/consultations/{consultation_id}/questions/{question_id}/preview")
    shown = editor.submit(preview, {})
    assert shown.status == 422 and shown.soup.select_one(".error-summary a").get_text(strip=True) == MESSAGE


def test_deleting_a_draft_takes_the_message_with_it(app, signed_in):
    consultation_id, question_id, _optional = _consultation(app)
    editor = signed_in("editor")
    _write_message(editor, consultation_id, question_id)
    with app.app_context():
        block_id = db.session.get(Question, question_id).missing_message_id
    page = editor.get(f"/staff/consultations/{consultation_id}/delete")
    editor.submit(page)
    with app.app_context():
        assert db.session.get(TextBlock, block_id) is None
