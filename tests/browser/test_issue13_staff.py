"""Issue 13, items 13 to 15 in a real browser, signed in as an editor: "Close it now" asks first
(saying how many people are part-way through), the question editor's one Save keeps an edited answer,
and the translation editor saves every changed text with one button.

axe-core at 1280 and 320 px (and no sideways scrolling at 320 px), JavaScript on and off, English
and Welsh. Screenshots go to the run's shots folder (issue13/) for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    TwoWidths,
    expect_error_state,
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
SLUG = "issue-13-staff-in-the-browser"
ERROR_PATHS = r"/staff/consultations/\d+/questions/\d+"


def _remove(app, consultation_id):
    from sqlalchemy import delete

    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation, Draft

    with app.app_context():
        old = db.session.get(Consultation, consultation_id)
        if old is not None:
            db.session.execute(delete(Draft).where(Draft.consultation_id == consultation_id))
            delete_consultation(old)
            db.session.commit()
        db.session.remove()


@pytest.fixture
def made(live_server, staff_accounts):
    """An open consultation in English and Welsh with one single-choice question and two people
    part-way through answering; removed afterwards."""
    from consult.extensions import db
    from consult.models import Consultation
    from consult.respond.services import start_draft

    app = live_server.app
    made = make_draft(app, SLUG, "Bus routes", other_languages=("cy",), status="published",
                      questions=[("single_choice", "Which bus do you use?", ["Number 7", "Number 12"], None)])
    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        for _ in range(2):
            start_draft(consultation, "en", "standard", keep_days=30)
        db.session.commit()
        db.session.remove()
    yield made
    _remove(app, made["id"])


def _shoot(page, name: str) -> None:
    shoot(page, name, folder=shots_folder("issue13"))


def _closed(app, consultation_id) -> bool:
    from consult.extensions import db
    from consult.models import Consultation

    with app.app_context():
        closed = db.session.get(Consultation, consultation_id).closed_at is not None
        db.session.remove()
    return closed


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_close_now_asks_first(browser_session, live_server, made, js, language):
    page = sign_in(browser_session, "editor", js=js)
    scan = TwoWidths(browser_session, js)
    overview = f"/staff/consultations/{made['id']}"
    page.goto(with_language(overview, language))
    close = page.locator(f"main a[href$='{overview}/close']")
    assert close.count() == 1
    submit(page, close)
    assert path_of(page) == f"{overview}/close"
    said = page.locator("#part-way").inner_text()
    assert "2" in said, said
    if language == "en":
        assert "2 people are part-way through answering." in said
    assert not _closed(live_server.app, made["id"]), "following the link closed it"
    scan.check("close: confirmation", page, language)
    _shoot(page, f"close-confirm-{language}-{'js' if js else 'nojs'}")

    # "No, keep it open" goes back without closing.
    submit(page, page.locator(f"main a.button--secondary[href$='{overview}']"))
    assert path_of(page) == overview and not _closed(live_server.app, made["id"])

    page.goto(f"{overview}/close")
    submit(page, page.locator("main form button.button--warning"))
    assert path_of(page) == overview
    assert _closed(live_server.app, made["id"])
    scan.check("close: closed", page, language)
    scan.assert_clean()
    browser_session.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_question_editor_keeps_an_edited_answer(browser_session, live_server, made, js, language):
    from consult.extensions import db
    from consult.models import Consultation

    with live_server.app.app_context():  # the builder edits drafts and live questions alike; a draft here
        db.session.get(Consultation, made["id"]).status = "draft"
        db.session.commit()
        db.session.remove()
    browser_session.allow_http_error(422, ERROR_PATHS)
    page = sign_in(browser_session, "editor", js=js)
    scan = TwoWidths(browser_session, js)
    editor = f"/staff/consultations/{made['id']}/questions/{made['questions'][0]}"
    page.goto(with_language(editor, language))
    scan.check("question editor", page, language)
    answers = page.locator("main .option-list input.input")
    assert answers.count() == 2
    assert page.locator("main .option-list button", has_text="Save").count() == 0, "a Save per answer again"
    page.locator("#prompt").fill("Which buses do you use?")
    answers.nth(0).fill("The number 7")
    page.locator("#option-new").fill("Number 40")
    submit(page, page.locator("#save-question"), js)
    page.goto(editor)
    values = [answers.nth(i).input_value() for i in range(answers.count())]
    assert values[:3] == ["The number 7", "Number 12", "Number 40"], values
    assert page.locator("#prompt").input_value() == "Which buses do you use?"
    scan.check("question editor, after one Save", page, language)

    # An answer left empty: nothing is saved, and everything typed comes back.
    page.goto(with_language(editor, language))
    answers.nth(1).fill("")
    answers.nth(2).fill("Number 41")
    submit(page, page.locator("#save-question"), js)
    if language == "en":
        expect_error_state(page, "question editor, an empty answer")
    assert page.locator("main .error-summary").is_visible()
    assert answers.nth(2).input_value() == "Number 41"
    scan.check("question editor, an empty answer", page, language)
    _shoot(page, f"question-editor-error-{language}-{'js' if js else 'nojs'}")
    scan.assert_clean()
    browser_session.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_translation_editor_one_save(browser_session, live_server, made, js, language):
    page = sign_in(browser_session, "editor", js=js)
    scan = TwoWidths(browser_session, js)
    path = f"/staff/consultations/{made['id']}/translate/cy"
    page.goto(with_language(path, language))
    assert page.locator("#translations-form button[type=submit]").count() == 1
    scan.check("translation editor", page, language)
    _shoot(page, f"translate-{language}-{'js' if js else 'nojs'}")
    page.locator("#text-row-consultation-title").fill("Llwybrau bysiau")
    page.locator("#text-row-consultation-summary").fill("Dywedwch wrthym beth rydych chi’n ei feddwl.")
    submit(page, page.locator("#save-translations"), js)
    assert page.locator("#text-row-consultation-title").input_value() == "Llwybrau bysiau"
    assert page.locator("#text-row-consultation-summary").input_value() == "Dywedwch wrthym beth rydych chi’n ei feddwl."
    scan.check("translation editor, saved", page, language)
    scan.assert_clean()
    browser_session.assert_clean()
