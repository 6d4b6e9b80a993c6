"""Kiosk mode in a real browser: one device, one person after another, nothing left for the next.

With JavaScript the idle warning is driven by Playwright's clock (page.clock), never by waiting.
Every kiosk page is scanned with axe-core at 1280 and 320 px: the start page, a question, the
warning dialog open, the thank-you page and the staff's end-kiosk page (and its error state).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.browser.support import (
    SLUG,
    STAFF,
    STAFF_PASSWORD,
    START,
    TwoWidths,
    answer,
    button,
    expect_error_state,
    h1_text,
    path_of,
    sign_in,
    submit,
    text_control,
)
from tests.demo_answers import DEMO_ANSWERS

pytestmark = pytest.mark.browser

# What only the first person typed or chose (tests/demo_answers.py), looked for after they have gone.
TYPED = ("Llanfair", "Please phone before you deliver.")
WARNING = "Are you still there?"


def _consultation_id(app) -> int:
    from consult.extensions import db
    from consult.models import Consultation

    with app.app_context():
        found = db.session.execute(select(Consultation.id).where(Consultation.slug == SLUG)).scalar_one()
        db.session.remove()
    return found


def _kiosk_drafts(app) -> int:
    from sqlalchemy import func

    from consult.extensions import db
    from consult.models import Draft

    with app.app_context():
        found = db.session.scalar(select(func.count()).select_from(Draft).where(Draft.kiosk_session_id.is_not(None)))
        db.session.remove()
    return found


def _start_kiosk(session, app, js: bool, idle: str):
    """Sign in as an editor, start a kiosk on this "device" and land on the consultation's start page."""
    page = sign_in(session, "editor", js=js)
    page.goto(f"/staff/kiosk/{_consultation_id(app)}")
    assert h1_text(page) == "Start a kiosk for an event"
    page.locator("main select[name=idle_seconds]").select_option(label=idle)
    submit(page, button(page, "Start the kiosk on this device"), js=False)  # a full page load
    assert path_of(page) == START, page.url
    assert page.locator("footer").get_by_role("link", name="Staff: end kiosk").is_visible()
    assert page.locator("footer").get_by_role("link", name="Staff sign in").count() == 0
    return page


def _pause(page) -> None:
    """Stop the page's clock a moment from now (pause_at takes seconds since 1970)."""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 0.5)


def _scan(scan: TwoWidths, name: str, page) -> None:
    """axe-core needs the page's timers, so time flows during a scan; then it stops again."""
    page.clock.resume()
    scan.check(name, page)
    _pause(page)


def _press(page, name: str) -> None:
    """Every kiosk page is a full page load (no htmx boost)."""
    submit(page, button(page, name), js=False)


def _answer_everything(page) -> None:
    _press(page, "Start now")
    for number in range(1, len(DEMO_ANSWERS) + 1):
        assert path_of(page) == f"/c/{SLUG}/q/{number}", page.url
        answer(page, number)
        _press(page, "Continue")
    assert h1_text(page) == "Check your answers before sending them"
    _press(page, "Send my answers")
    assert h1_text(page) == "Thank you, we have your answers"


def _shows_nothing_of_the_last_person(page, where: str) -> None:
    html = page.content()
    for typed in TYPED:
        assert typed not in html, f"{where}: {typed!r} is on {page.url}"
    checked = page.evaluate("() => document.querySelectorAll('input:checked').length")
    filled = page.evaluate(
        "() => [...document.querySelectorAll('main input.input, main textarea')].filter(e => e.value).length")
    assert (checked, filled) == (0, 0), f"{where}: {checked} checked, {filled} filled on {page.url}"
    assert page.locator("nav.staff-nav").count() == 0, f"{where}: a staff page came back: {page.url}"


def _back_through_history(page, where: str) -> int:
    """Press Back as far as the browser goes; nothing of the last person (or the staff) may show."""
    steps = 0
    while steps < 25 and page.go_back(wait_until="load") is not None:
        steps += 1
        _shows_nothing_of_the_last_person(page, f"{where}, Back x{steps}")
    return steps


def _end_kiosk(page, scan: TwoWidths, session) -> None:
    session.allow_http_error(422, r"/kiosk/end")
    page.locator("footer").get_by_role("link", name="Staff: end kiosk").click()
    page.wait_for_load_state("load")
    assert h1_text(page) == "End kiosk mode"
    scan.check("end kiosk", page)
    page.locator("main").get_by_label("Staff email address", exact=True).fill(STAFF["editor"])
    page.locator("main").get_by_label("Password", exact=True).fill("not the password")
    _press(page, "End kiosk mode")
    expect_error_state(page, "end kiosk, wrong password")
    scan.check("end kiosk, wrong password", page)
    page.locator("main").get_by_label("Staff email address", exact=True).fill(STAFF["editor"])
    page.locator("main").get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    _press(page, "End kiosk mode")
    assert h1_text(page) == "Kiosk mode has ended"
    scan.check("kiosk ended", page)
    page.goto("/staff/")
    assert path_of(page) == "/staff/sign-in", "after the kiosk nobody is signed in on the device"


def test_kiosk_with_javascript(browser_session, live_server, staff_accounts):
    session, app = browser_session, live_server.app
    scan = TwoWidths(session, js=True)
    page = _start_kiosk(session, app, js=True, idle="30 seconds")
    # From here on the page's clock moves only when the test says so.
    page.clock.install()
    page.reload()
    _pause(page)
    _scan(scan, "kiosk start", page)
    # The untouched start page does not count down.
    page.clock.run_for(120_000)
    assert not page.locator("#kiosk-warning").is_visible()

    _press(page, "Start now")
    answer(page, 1)
    _press(page, "Continue")
    assert path_of(page) == f"/c/{SLUG}/q/2"
    _scan(scan, "kiosk question", page)
    answer(page, 2)  # chosen, not yet sent

    # --- The warning: after the idle time, not before ------------------------------------------
    page.clock.run_for(29_000)
    assert not page.locator("#kiosk-warning").is_visible()
    page.clock.run_for(2_000)
    dialog = page.get_by_role("alertdialog", name=WARNING)
    assert dialog.is_visible()
    assert "Your answers will be cleared in 30 seconds." in dialog.inner_text()
    assert page.evaluate("document.activeElement.id") == "kiosk-more-time", "focus did not move into the dialog"
    _scan(scan, "kiosk warning dialog", page)

    # --- "I need more time" keeps everything ---------------------------------------------------
    page.keyboard.press("Enter")
    assert not dialog.is_visible()
    assert page.locator("main").get_by_label("1 to 2 weeks", exact=True).is_checked()
    page.clock.run_for(29_000)
    assert not dialog.is_visible(), "the timer did not start again after 'I need more time'"
    assert path_of(page) == f"/c/{SLUG}/q/2"
    assert _kiosk_drafts(app) == 1

    # --- Letting it run clears the answers, on the server too -----------------------------------
    page.clock.run_for(2_000)
    assert dialog.is_visible()
    with page.expect_navigation(wait_until="load"):
        page.clock.run_for(30_000)
    assert path_of(page) == START
    assert "we cleared the answers" in page.locator("main .notice").inner_text()
    assert _kiosk_drafts(app) == 0
    _shows_nothing_of_the_last_person(page, "after the time-out")
    assert _back_through_history(page, "after the time-out") >= 3
    page.goto(START)
    _press(page, "Start now")
    _shows_nothing_of_the_last_person(page, "after the time-out, starting again")

    # --- A whole person, the thank-you page, "Next person", then Back ---------------------------
    page.goto(START)
    _answer_everything(page)
    _scan(scan, "kiosk thank you", page)
    _shows_nothing_of_the_last_person(page, "thank-you page")
    assert page.locator("#kiosk-return-note").is_visible()
    _press(page, "Next person")
    assert path_of(page) == START and h1_text(page) == "Your equipment, your say"
    assert _back_through_history(page, "after Next person") >= 10

    # --- The thank-you page goes back to the start by itself ------------------------------------
    page.goto(START)
    _answer_everything(page)
    page.clock.run_for(59_000)
    assert h1_text(page) == "Thank you, we have your answers"
    with page.expect_navigation(wait_until="load"):
        page.clock.run_for(2_000)
    assert path_of(page) == START
    assert page.locator("main").get_by_role("button", name="Start now").is_visible()
    _shows_nothing_of_the_last_person(page, "after the automatic return")

    page.clock.resume()  # axe-core needs the page's timers on the pages that follow
    _end_kiosk(page, scan, session)
    scan.assert_clean()


def test_kiosk_without_javascript(browser_session, live_server, staff_accounts):
    session, app = browser_session, live_server.app
    scan = TwoWidths(session, js=False)
    page = _start_kiosk(session, app, js=False, idle="3 minutes")
    scan.check("kiosk start", page)
    _press(page, "Start now")
    scan.check("kiosk question", page)
    page.goto(START)
    _answer_everything(page)
    scan.check("kiosk thank you", page)
    # Without the script nothing promises a return by itself; the button is there.
    assert not page.locator("#kiosk-return-note").is_visible()
    assert not page.locator("#kiosk-warning").is_visible()
    _press(page, "Next person")
    assert path_of(page) == START
    assert page.locator("main").get_by_role("button", name="Start now").is_visible()
    assert _back_through_history(page, "after Next person, no JavaScript") >= 10

    page.goto(START)
    _press(page, "Start now")
    answer(page, 1)
    _press(page, "Continue")
    assert text_control(page).count() == 0
    _end_kiosk(page, scan, session)
    scan.assert_clean()
