"""Moving an answer in the question editor keeps the words typed and not yet saved, in a real browser,
JavaScript on (htmx posts the button's form and swaps the editor) and off (the browser posts the form to
the button's formaction). axe at 1280 and 320 px on the editor as it comes back."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    TwoWidths,
    active_element,
    announced,
    focus_is_on,
    make_draft,
    shoot,
    shots_folder,
    sign_in,
    submit,
)

pytestmark = pytest.mark.browser

SLUG = "editor-typing-in-the-browser"
TYPED = "How long did you wait at the clinic?"


@pytest.fixture
def draft(live_server, staff_accounts):
    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation

    made = make_draft(live_server.app, SLUG, "Waiting", questions=[
        ("single_choice", "How long did you wait?", ["Under an hour", "An hour or more", "All day"], None)])
    yield made
    with live_server.app.app_context():
        old = db.session.get(Consultation, made["id"])
        if old is not None:
            delete_consultation(old)
            db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_moving_an_answer_keeps_the_question_text_typed(browser_session, draft, js):
    page = sign_in(browser_session, "editor", js=js)
    page.goto(f"/staff/consultations/{draft['id']}/questions/{draft['questions'][0]}")
    first = page.locator("main .option-list input[id^=option-]").first.get_attribute("id")
    page.locator("#prompt").fill(TYPED)
    submit(page, page.locator(f"#move-down-{first}"), js)

    assert page.locator("#prompt").input_value() == TYPED
    boxes = [box.input_value() for box in page.locator("main .option-list input[id^=option-]").all()]
    assert boxes[:3] == ["An hour or more", "Under an hour", "All day"], boxes
    reminder = "What you typed is not saved yet. Select “Save question” to keep it."
    if js:
        announced(page, f"Answer moved to position 2. {reminder}")
        assert focus_is_on(page, f"#move-down-{first}"), f"focus went to {active_element(page)}"
    else:
        assert reminder in " ".join(page.locator("main .notice").all_inner_texts())
    scan = TwoWidths(browser_session, js)
    scan.check("question editor after a move, typing kept", page, "en")
    shoot(page, "moved-with-typing", js=js, folder=shots_folder("editor-typing"))
    scan.assert_clean()

    # Save keeps the words typed before the move.
    submit(page, page.locator("#save-question"), js)
    page.goto(f"/staff/consultations/{draft['id']}/questions/{draft['questions'][0]}")
    assert page.locator("#prompt").input_value() == TYPED


@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_adding_a_heading_keeps_the_question_text_typed(browser_session, draft, js):
    page = sign_in(browser_session, "editor", js=js)
    page.goto(f"/staff/consultations/{draft['id']}/questions/{draft['questions'][0]}")
    page.locator("#prompt").fill(TYPED)
    page.locator("#option-group-new").fill("Short waits")
    submit(page, page.locator("#add-group"), js)

    assert page.locator("#prompt").input_value() == TYPED
    assert page.locator("#option-group-new").input_value() == ""
    assert page.locator("main input[name^=heading-]").first.input_value() == "Short waits"
    message = ("Heading added. Now choose which answers go under it. "
               "What you typed is not saved yet. Select “Save question” to keep it.")
    if js:
        announced(page, message)
        assert focus_is_on(page, "#add-group"), f"focus went to {active_element(page)}"
    else:
        assert message in " ".join(page.locator("main .notice").all_inner_texts())
    scan = TwoWidths(browser_session, js)
    scan.check("question editor after adding a heading, typing kept", page, "en")
    shoot(page, "heading-added-with-typing", js=js, folder=shots_folder("editor-typing"))
    scan.assert_clean()
