"""The builder's extras in a real browser, signed in as an editor: a question's own error message,
pasting a list of answers, duplicating a question (from the editor and from the list), and adding an
answer to a consultation people have already answered.

axe-core at 1280 and 320 px (and no sideways scrolling at 320 px), JavaScript on and off, English and
Welsh, on every state these controls make: the editor with the new fields, a paste and its error, the
copy, the list after a copy, the live question's editor, and a resident's page showing the message.
With JavaScript, focus stays where the editor was working and the status region says what happened.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.support import (
    TwoWidths,
    active_element,
    announced,
    expect_error_state,
    focus_is_on,
    h1_text,
    make_draft,
    path_of,
    shoot,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
LANGUAGES = [pytest.param("en", id="en"), pytest.param("cy", id="cy")]
SLUG = "builder-extras-in-the-browser"
PROMPT = "How long did you wait?"
MESSAGE = "Select how long you waited"
WELSH_MESSAGE = "Dewiswch pa mor hir y buoch chi’n aros"
WELSH_ERROR = "Gwall: "  # the "Error: " in front of a page title with errors, in Welsh
ERROR_PATHS = r"/staff/consultations/\d+/questions/\d+(/options/paste|/preview)?|/c/[a-z-]+/q/\d+"


@pytest.fixture
def draft(live_server, staff_accounts):
    """A draft in English and Welsh with one single-choice question; removed afterwards."""
    made = make_draft(live_server.app, SLUG, "Waiting times", other_languages=("cy",),
                      questions=[("single_choice", PROMPT, ["Under an hour", "An hour or more"], None)])
    yield made
    _remove(live_server.app, made["id"])


def _remove(app, consultation_id):
    from sqlalchemy import delete

    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Answer, Consultation, Draft, Response

    with app.app_context():
        old = db.session.get(Consultation, consultation_id)
        if old is not None:
            # The live test's response and answers go first: a consultation with responses is never
            # deleted by the builder.
            db.session.execute(delete(Draft).where(Draft.consultation_id == consultation_id))
            db.session.execute(delete(Answer).where(Answer.response_id.in_(
                db.select(Response.id).where(Response.consultation_id == consultation_id))))
            db.session.execute(delete(Response).where(Response.consultation_id == consultation_id))
            delete_consultation(old)
            db.session.commit()
        db.session.remove()


def _editor_path(draft, index=0) -> str:
    return f"/staff/consultations/{draft['id']}/questions/{draft['questions'][index]}"


def _shoot(page, name: str) -> None:
    shoot(page, name, folder=shots_folder("builder-extras"))


def _expect_error_state(page, name: str, language: str) -> None:
    """An error summary, and the title starts with "Error: " in the page's language."""
    if language == "en":
        expect_error_state(page, name)
        return
    assert page.locator("main .error-summary").is_visible(), f"{name}: no error summary on {page.url}"
    assert page.title().startswith(WELSH_ERROR), f"{name}: the title {page.title()!r}"


def _said(page, js: bool, english: str, language: str) -> None:
    """The page said what happened: the status region with JavaScript, the notice without. The words are
    checked in English; in Welsh, that something was said (the Welsh words come from the catalogue)."""
    if js:
        if language == "en":
            announced(page, english)
        else:
            page.wait_for_function("() => document.getElementById('announcer').textContent.trim() !== ''")
    else:
        notice = " ".join(page.locator("main .notice").all_inner_texts())
        assert (english in notice) if language == "en" else notice.strip(), f"no notice on {page.url}: {notice!r}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_message_paste_and_duplicate(browser_session, draft, js, language):
    browser_session.allow_http_error(422, ERROR_PATHS)
    page = sign_in(browser_session, "editor", js=js)
    scan = TwoWidths(browser_session, js)
    # The overview advises on the required question with no message of its own; its link goes to the field.
    page.goto(with_language(f"/staff/consultations/{draft['id']}", language))
    advice = page.locator("#message-gaps a")
    assert advice.count() == 1 and advice.get_attribute("href").endswith("#missing_message")
    scan.check("overview with error-message advice", page, language)
    _shoot(page, f"overview-advice-{language}-{'js' if js else 'nojs'}")
    editor = _editor_path(draft)
    page.goto(with_language(editor, language))
    assert page.locator("html").get_attribute("lang") == language
    scan.check("question editor", page, language)

    # The question's own error message, saved with the question.
    page.locator("#missing_message").fill(MESSAGE)
    submit(page, page.locator("#save-question"), js)
    _said(page, js, "Question saved", language)
    assert page.locator("#missing_message").input_value() == MESSAGE
    if js:
        assert focus_is_on(page, "#save-question"), f"focus went to {active_element(page)}"

    # Paste a list: without JavaScript the box is in a <details> to open first, as with it.
    page.locator("#paste-answers summary").click()
    page.locator("#option-paste").fill("Under an hour\n\nMore than a day\nA few hours\n")
    submit(page, page.locator("#paste-options"), js)
    _said(page, js, "2 answers added. 1 empty line was left out. 1 answer was already in the list, so it was "
                    "left out.", language)
    labels = [page.locator(f"#{box.get_attribute('id')}").input_value()
              for box in page.locator("main .option-list input[id^=option-]").all()]
    assert labels[-2:] == ["More than a day", "A few hours"], labels
    if js:
        assert focus_is_on(page, "#paste-options"), f"focus went to {active_element(page)}"
    assert page.locator("#prompt").input_value() == PROMPT  # the question's words are still there
    assert page.locator("#missing_message").input_value() == MESSAGE
    scan.check("question editor after a paste", page, language)
    _shoot(page, f"paste-done-{language}-{'js' if js else 'nojs'}")

    # A paste with nothing in it: an error, linked from the summary, and nothing lost.
    if page.locator("#paste-answers").get_attribute("open") is None:  # closed after a full page load
        page.locator("#paste-answers summary").click()
    page.locator("#option-paste").fill("\n \n")
    submit(page, page.locator("#paste-options"), js)
    _expect_error_state(page, "empty paste", language)
    assert page.locator("#option-paste-error").is_visible()
    if js:
        assert focus_is_on(page, "#question-editor .error-summary"), f"focus went to {active_element(page)}"
    scan.check("question editor, paste error", page, language)
    _shoot(page, f"paste-error-{language}-{'js' if js else 'nojs'}")

    # Duplicate from the editor: the copy opens, just after the original, titled so staff can tell.
    submit(page, page.locator("#duplicate-question"), js)
    assert h1_text(page).endswith("2"), h1_text(page)
    assert page.locator("#prompt").input_value().endswith(PROMPT)
    assert page.locator("#prompt").input_value() != PROMPT
    assert page.locator("#missing_message").input_value() == MESSAGE
    if js:
        assert focus_is_on(page, "main h1"), f"focus went to {active_element(page)}"
    scan.check("the copy's editor", page, language)

    # Duplicate from the list: the list swaps, focus on the new copy's link.
    page.goto(with_language(f"/staff/consultations/{draft['id']}", language))
    first = draft["questions"][0]
    submit(page, page.locator(f"#duplicate-{first}"), js)
    links = page.locator("#question-list ol a[id^=edit-]")
    assert links.count() == 3
    copy_link = links.nth(1)
    if js:
        assert focus_is_on(page, f"#{copy_link.get_attribute('id')}"), f"focus went to {active_element(page)}"
        if language == "en":
            announced(page, "Question 1 copied. The copy is question 2, just after it: change what you need. "
                            "To take the copy away, delete it.")
    scan.check("question list after a copy", page, language)
    _shoot(page, f"list-after-copy-{language}-{'js' if js else 'nojs'}")
    scan.assert_clean()


def _publish_with_a_response(app, consultation_id, question_id):
    """Published, with one response that chose the first answer: a live consultation."""
    from consult.extensions import db
    from consult.loading import consultation_or_404
    from consult.models import Question
    from consult.models._time import utcnow
    from consult.respond.services import store_response

    with app.test_request_context():
        consultation = consultation_or_404(consultation_id)
        consultation.status = "published"
        question = db.session.get(Question, question_id)
        store_response(consultation, consultation.questions, {question.id: question.options[0].id},
                       key="builder-extras-live", channel="online", language="en", register="standard",
                       started_at=utcnow() - timedelta(minutes=5))
        question.missing_message = question.prompt.__class__.of(MESSAGE)
        question.missing_message.set("cy", WELSH_MESSAGE)
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_live_question_and_the_message_residents_see(browser_session, live_server, draft, js, language):
    browser_session.allow_http_error(422, ERROR_PATHS)
    _publish_with_a_response(live_server.app, draft["id"], draft["questions"][0])
    page = sign_in(browser_session, "editor", js=js)
    scan = TwoWidths(browser_session, js)
    page.goto(with_language(_editor_path(draft), language))
    assert page.locator("#live-answers-note").is_visible()
    assert page.locator("main button[id^=remove-option-]").count() == 0
    assert page.locator("#duplicate-question").count() == 0
    page.locator("#option-new").fill("More than a day")
    submit(page, page.locator("#add-option"), js)
    _said(page, js, "Answer added", language)
    assert page.locator("main .option-list input[id^=option-]").count() == 3
    scan.check("live question editor", page, language)
    _shoot(page, f"live-editor-{language}-{'js' if js else 'nojs'}")

    # A resident who leaves the question empty reads the message staff wrote, in their language.
    resident = browser_session.new_page(js=js)
    resident.goto(with_language(f"/c/{SLUG}", language))
    submit(resident, resident.locator("main form button[type=submit]").first, js)
    assert path_of(resident).endswith("/q/1"), resident.url
    submit(resident, resident.locator("main form button[value=continue]"), js)
    _expect_error_state(resident, "question left empty", language)
    wanted = MESSAGE if language == "en" else WELSH_MESSAGE
    assert resident.locator("main .error-summary a").inner_text().strip() == wanted
    assert wanted in resident.locator("main .field-error").first.inner_text()
    scan.check("resident's page with the question's own message", resident, language)
    _shoot(resident, f"resident-message-{language}-{'js' if js else 'nojs'}")
    scan.assert_clean()
