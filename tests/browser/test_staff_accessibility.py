"""axe-core on every staff page and its error states, and no sideways scrolling at 320 px.

Every page is reached the way staff reach it (signed in through the form; forms sent with their
buttons, through htmx when JavaScript is on), at 1280 and 320 px, with JavaScript on and off.
One walk per variant scans many pages, so the whole file stays quick on a small machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.browser.support import (
    AXE_TAGS,
    DESKTOP,
    MOBILE,
    STAFF,
    STAFF_FORM_ERROR_PATHS,
    BrowserSession,
    SnapshotScanner,
    button,
    expect_error_state,
    format_violations,
    h1_text,
    horizontal_overflow,
    make_draft,
    path_of,
    scan,
    shots_folder,
    sign_in,
    submit,
    wider_than_viewport,
)

pytestmark = pytest.mark.browser

HARD_SENTENCE = "We will utilise the facility in order to commence."
# One question of each type. The agree-scale hint is hard to read on purpose, so the checker's
# advice shows on that editor page as it loads, with or without JavaScript.
QUESTIONS = [
    ("single_choice", "How do you get to the day centre?", ["By bus", "By car", "On foot"], None),
    ("multiple_choice", "Which days could you come?", ["Monday", "Wednesday", "Friday"], None),
    ("short_text", "Which town or village do you live in?", [], "Do not write your address."),
    ("long_text", "What would make the day centre better?", [], None),
    ("yes_no", "Do you use the day centre now?", [], None),
    ("agree_scale", "The day centre is easy to reach.", [], HARD_SENTENCE),
    ("number", "How many times did you visit last month?", [], None),
]
TYPE_NAMES = {
    "single_choice": "Single choice", "multiple_choice": "Multiple choice", "short_text": "Short text",
    "long_text": "Long text", "yes_no": "Yes, no or not sure", "agree_scale": "Agree scale", "number": "Number",
}
AUDIT_DETAIL = ("Thinking about the last 12 months, how many times did you or someone who looks after you "
                "visit the day centre on Northshire Road?")
SCREENSHOTS = {
    "consultation overview": "staff-overview",
    "question editor: Single choice": "staff-question-editor",
    "question editor, checker advice while typing": "staff-checker",
    "people": "staff-people",
}
# A page that refuses (403): an analyst creating a consultation, an admin changing their own role.
REFUSED_PATHS = r"/staff/(consultations/new|people/\d+/role)"
MIN_PAGES = 40


@dataclass
class Shown:
    name: str
    page: object


@dataclass
class Data:
    draft: dict  # every question type
    empty: dict  # no questions: publishing is refused
    closed_id: int  # the demo's closed consultation
    staff: dict  # STAFF key -> staff id


def _data(app, staff: dict) -> Data:
    from consult.audit import record
    from consult.auth.services import get_staff
    from consult.demo import CLOSED_SLUG
    from consult.extensions import db
    from consult.loading import load_consultation

    draft = make_draft(app, "staff-pages-all-types", "Getting to the day centre", QUESTIONS)
    empty = make_draft(app, "staff-pages-empty", "Library opening hours")
    with app.app_context():
        closed_id = load_consultation(CLOSED_SLUG).id
        # A long entry, as saving a long question makes, so the audit table is wider than a phone.
        record("question.changed", "question", draft["questions"][0], AUDIT_DETAIL, staff=get_staff(staff["editor"]))
        db.session.commit()
        db.session.remove()
    return Data(draft=draft, empty=empty, closed_id=closed_id, staff=staff)


def _press(page, name: str, js: bool) -> None:
    submit(page, button(page, name), js)


def _fill(page, fields: dict[str, str]) -> None:
    for selector, value in fields.items():
        page.locator(f"main {selector}").fill(value)


def staff_pages(session: BrowserSession, js: bool, viewport: dict, data: Data) -> Iterator[Shown]:
    """Yield each staff page state in turn; the caller checks it before the walk goes on."""
    session.allow_http_error(422, STAFF_FORM_ERROR_PATHS)
    session.allow_http_error(403, REFUSED_PATHS)
    base = f"/staff/consultations/{data.draft['id']}"
    questions = dict(zip([kind for kind, *_rest in QUESTIONS], data.draft["questions"]))

    # --- Signing in ----------------------------------------------------------------------------
    page = session.new_page(js=js, viewport=viewport)
    page.goto("/staff/sign-in")
    yield Shown("sign in", page)
    _fill(page, {"#email": STAFF["editor"], "#password": "not the right password"})
    submit(page, button(page, "Sign in"), js=False)  # always a full page load (hx-boost="false")
    expect_error_state(page, "sign in, wrong password")
    yield Shown("sign in, wrong password", page)

    # --- The builder, as an editor ---------------------------------------------------------------
    page = sign_in(session, "editor", js=js, viewport=viewport)
    assert h1_text(page) == "Consultations"
    yield Shown("consultations list", page)

    page.goto("/staff/consultations/new")
    yield Shown("new consultation", page)
    _press(page, "Create consultation", js)
    expect_error_state(page, "new consultation, nothing typed")
    assert "Enter a title" in page.locator("main .error-summary").inner_text()
    yield Shown("new consultation, empty title and summary", page)
    _fill(page, {"#title": "Bus routes", "#summary": "Tell us which buses you use.", "#slug": "Bus Routes!"})
    _press(page, "Create consultation", js)
    expect_error_state(page, "new consultation, bad web address")
    assert "Use only small letters" in page.locator("main .error-summary").inner_text()
    yield Shown("new consultation, bad web address", page)

    page.goto(base)
    assert "Plain language: worth another look" in page.locator("main").inner_text()
    yield Shown("consultation overview", page)

    page.goto(f"/staff/consultations/{data.empty['id']}")
    yield Shown("consultation overview, no questions", page)
    submit(page, button(page, "Publish"), js=False)  # a full page load (hx-boost="false")
    expect_error_state(page, "publishing refused")
    assert "Add at least one question" in page.locator("main .error-summary").inner_text()
    yield Shown("consultation overview, publishing refused", page)

    page.goto(f"{base}/settings")
    yield Shown("settings", page)

    for kind, question_id in questions.items():
        page.goto(f"{base}/questions/{question_id}")
        assert page.locator("main .caption").first.inner_text() == TYPE_NAMES[kind]
        if kind == "agree_scale":
            assert "try “use”" in page.locator("#hint-check").inner_text(), "no checker advice for the hint"
        yield Shown(f"question editor: {TYPE_NAMES[kind]}", page)

    page.goto(f"{base}/questions/{questions['single_choice']}")
    page.locator("#prompt").fill("")
    submit(page, page.locator("#save-question"), js)
    _expect_editor_error(page, js, "Enter the question")
    yield Shown("question editor, empty question", page)

    page.goto(f"{base}/questions/{questions['single_choice']}")
    first_answer = page.locator("main .option-list input.input").first
    first_answer.fill("")
    submit(page, page.locator("#save-question"), js)
    _expect_editor_error(page, js, "Enter the words for this answer")
    yield Shown("question editor, an answer with no words", page)

    if js:
        page.goto(f"{base}/questions/{questions['long_text']}")
        page.locator("#prompt").fill(HARD_SENTENCE)
        page.locator("#prompt-check").get_by_text("try “use”").wait_for()
        yield Shown("question editor, checker advice while typing", page)

    page.goto(f"{base}/questions/{questions['single_choice']}/preview")
    assert h1_text(page) == QUESTIONS[0][1]
    yield Shown("question preview", page)
    _press(page, "Continue", js)
    expect_error_state(page, "question preview, nothing chosen")
    yield Shown("question preview, nothing chosen", page)

    page.goto(f"/staff/consultations/{data.closed_id}/reopen")
    yield Shown("reopen", page)
    _fill(page, {"#closes_date": "2020-01-31", "#closes_time": "12:00"})
    _press(page, "Open it again", js)
    expect_error_state(page, "reopen, a date in the past")
    assert "must be in the future" in page.locator("main .error-summary").inner_text()
    yield Shown("reopen, a date in the past", page)

    page.goto(f"/staff/consultations/{data.empty['id']}/delete")
    assert h1_text(page) == "Delete this draft?"
    yield Shown("delete confirmation", page)

    page.goto("/staff/consultations/plain-words")
    yield Shown("words to avoid", page)
    _press(page, "Add word", js)
    expect_error_state(page, "words to avoid, nothing typed")
    yield Shown("words to avoid, nothing typed", page)
    _fill(page, {"#word": "Reablement", "#plain": "help to get back on your feet"})
    _press(page, "Add word", js)
    assert "reablement" in page.locator("main table").inner_text()
    yield Shown("words to avoid, with a word", page)

    # --- Admin pages ------------------------------------------------------------------------------
    page = sign_in(session, "admin", js=js, viewport=viewport)
    page.goto("/staff/people")
    yield Shown("people", page)

    page.goto("/staff/people/new")
    yield Shown("add a staff member", page)
    _press(page, "Add staff member", js)
    expect_error_state(page, "add a staff member, nothing typed")
    yield Shown("add a staff member, nothing typed", page)
    _fill(page, {"#email": "not an email address", "#password": "too short"})
    _press(page, "Add staff member", js)
    expect_error_state(page, "add a staff member, bad email and short password")
    yield Shown("add a staff member, bad email and short password", page)

    page.goto(f"/staff/people/{data.staff['spare']}/role")
    yield Shown("change role", page)
    page.goto(f"/staff/people/{data.staff['admin']}/role")
    assert h1_text(page) == "You cannot change your own account here"
    yield Shown("change role, refused for yourself", page)
    page.goto(f"/staff/people/{data.staff['spare']}/deactivate")
    yield Shown("deactivate confirmation", page)

    page.goto("/staff/audit")
    assert AUDIT_DETAIL in page.locator("main table").inner_text()
    yield Shown("audit log", page)

    page.goto("/staff/account")
    yield Shown("your account", page)
    page.goto("/staff/account/password")
    yield Shown("change password", page)
    _press(page, "Change password", js)
    expect_error_state(page, "change password, nothing typed")
    yield Shown("change password, nothing typed", page)
    _fill(page, {"#current_password": "not my password at all", "#new_password": "a new long password",
                 "#confirm_password": "a different long password"})
    _press(page, "Change password", js)
    expect_error_state(page, "change password, wrong and not matching")
    yield Shown("change password, wrong and not matching", page)
    page.goto("/staff/account/language")
    yield Shown("interface language", page)

    # --- An analyst may not build ---------------------------------------------------------------
    page = sign_in(session, "analyst", js=js, viewport=viewport)
    yield Shown("consultations list (analyst)", page)
    response = page.goto("/staff/consultations/new")
    assert response.status == 403
    assert h1_text(page) == "You do not have access to this page"
    yield Shown("403: an analyst opening a new consultation", page)


def _expect_editor_error(page, js: bool, message: str) -> None:
    """An error in the question editor (with JavaScript, a swap of the editor region alone)."""
    expect_error_state(page, f"question editor, {message!r}")
    assert message in page.locator("main .error-summary").inner_text()
    assert path_of(page).startswith("/staff/consultations/")


MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
SIZES = [pytest.param(DESKTOP, id="1280"), pytest.param(MOBILE, id="320")]


@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("js", MODES)
def test_every_staff_page_passes_axe(browser_session, staff_accounts, live_server, js, viewport):
    """At 320 px the same walk also checks that no page scrolls sideways."""
    data = _data(live_server.app, staff_accounts)
    scanner = None if js else SnapshotScanner(browser_session, viewport)
    failures, overflowing, scanned = [], [], []
    for shown in staff_pages(browser_session, js, viewport, data):
        page = shown.page
        violations = scan(page, reuse=False).violations if js else scanner.violations(page)
        scanned.append(shown.name)
        if violations:
            failures.append(f"{shown.name} ({page.url}):\n{format_violations(violations)}")
        if viewport == MOBILE:
            scroll_width, inner_width = horizontal_overflow(page)
            if scroll_width > inner_width:
                overflowing.append(f"{shown.name} ({page.url}): scrollWidth {scroll_width} > {inner_width}. "
                                   + "; ".join(wider_than_viewport(page)))
        if js and shown.name in SCREENSHOTS:
            page.screenshot(path=str(shots_folder() / f"{SCREENSHOTS[shown.name]}-{viewport['width']}.png"),
                            full_page=True, caret="initial")
    assert len(scanned) >= MIN_PAGES - (0 if js else 1), f"the walk stopped early: {scanned}"
    problems = []
    if failures:
        problems.append(f"axe-core ({', '.join(AXE_TAGS)}) found violations on {len(failures)} of "
                        f"{len(scanned)} pages:\n\n" + "\n\n".join(failures))
    if overflowing:
        problems.append("Pages that scroll sideways at 320 px:\n" + "\n".join(overflowing))
    assert not problems, "\n\n".join(problems)
    browser_session.assert_clean()
