"""The staff idle timeout in a real browser: GOV.UK's timeout warning, and the server's rule without it.

Time is moved, never waited for: the page's clock by Playwright (page.clock) and the server's idle
clock (consult.auth.idle._now; the live server runs in this process) by the same amount.
With JavaScript: the dialog appears two minutes before the end, focus is in it, it is announced as
an alertdialog, "Stay signed in" (and Escape) keep the session on the server, "Sign out" signs out,
and when the time runs out the page stays with what was typed, which is then kept when sent.
axe-core at 1280 and 320 px in English, Welsh and Arabic. Without JavaScript: no dialog, and the
server still ends the session and keeps the form.
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    STAFF,
    STAFF_PASSWORD,
    TwoWidths,
    button,
    h1_text,
    interface_text,
    path_of,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

WARNING = "You are about to be signed out"
ENDED = "You have been signed out"
KEPT_PAGE = "What you typed before you were signed out"
# The default limit (30 minutes) less the warning (2 minutes), and one second more.
UNTIL_WARNING_MS = (30 * 60 - 120 + 1) * 1000
TYPED_TITLE = "Opening hours of the library in Llanfair"


@pytest.fixture
def server_clock(monkeypatch):
    """The server's idle clock, moved forward by ``advance(seconds)``."""
    from consult.auth import idle

    real = idle._now
    offset = {"seconds": 0.0}
    monkeypatch.setattr(idle, "_now", lambda: real() + offset["seconds"])

    def advance(seconds: float) -> None:
        offset["seconds"] += seconds

    return advance


@pytest.fixture
def no_new_consultation(live_server):
    """Nothing this test might create stays behind for the other browser tests."""
    yield
    from sqlalchemy import select

    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation

    with live_server.app.app_context():
        for consultation in db.session.scalars(select(Consultation).where(Consultation.slug == "library-hours")):
            delete_consultation(consultation)
        db.session.commit()
        db.session.remove()


def _pause(page) -> None:
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 0.5)


def _scan(scan: TwoWidths, name: str, page, language: str) -> None:
    """axe-core needs the page's timers, so time flows during a scan; then it stops again."""
    page.clock.resume()
    scan.check(name, page, language)
    _pause(page)


def _open_staff_page(session, language: str, path: str = "/staff/account"):
    page = sign_in(session, "editor")
    # From here on the page's clock moves only when the test says so.
    page.clock.install()
    page.goto(with_language(path, language))
    _pause(page)
    return page


def _until_the_warning(page, server_clock) -> None:
    """28 minutes and a second without a request, on both clocks: the dialog opens."""
    dialog = page.locator("#idle-warning")
    assert not dialog.is_visible()
    server_clock(UNTIL_WARNING_MS / 1000)
    page.clock.run_for(UNTIL_WARNING_MS)
    dialog.wait_for(state="visible")


def _dialog(page, language: str, title: str = WARNING):
    found = page.get_by_role("alertdialog", name=interface_text(language, title))
    assert found.is_visible(), f"no dialog named {title!r} in {language}"
    return found


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_the_warning_dialog(browser_session, live_server, staff_accounts, server_clock, language):
    session = browser_session
    scan = TwoWidths(session, js=True)
    page = _open_staff_page(session, language)
    _until_the_warning(page, server_clock)
    dialog = _dialog(page, language)
    assert page.evaluate("document.activeElement.id") == "idle-stay-button", "focus did not move into the dialog"
    words = page.locator("#idle-warning-text").inner_text()
    # "2 minutes" in the page's language (in Arabic one word, the dual: no digit).
    assert "{time}" not in words and words.strip(), words
    if language == "en":
        assert words == "For your security, we will sign you out in 2 minutes."
    _scan(scan, "idle warning", page, language)

    # "Stay signed in" (Enter on the focused button) closes the dialog and refreshes the session.
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    # 29 minutes later (57 after the page was loaded) the server still knows this person.
    server_clock(29 * 60)
    page.goto("/staff/account")
    assert path_of(page) == "/staff/account", f"signed out although 'Stay signed in' was pressed ({page.url})"
    scan.assert_clean()


def test_escape_sign_out_and_running_out_of_time(browser_session, live_server, staff_accounts, server_clock,
                                                no_new_consultation):
    session = browser_session
    scan = TwoWidths(session, js=True)
    page = _open_staff_page(session, "en", "/staff/consultations/new")

    # --- Escape keeps the session too --------------------------------------------------------------
    _until_the_warning(page, server_clock)
    page.keyboard.press("Escape")
    page.locator("#idle-warning").wait_for(state="hidden")
    # Both counts started again: 28 minutes later it is the warning once more, not "signed out".
    _until_the_warning(page, server_clock)
    _dialog(page, "en")
    page.keyboard.press("Escape")
    page.locator("#idle-warning").wait_for(state="hidden")

    # --- Time runs out: the page stays, with what was typed ---------------------------------------
    page.reload()
    _pause(page)
    page.locator("main").get_by_label("Title", exact=True).fill(TYPED_TITLE)
    _until_the_warning(page, server_clock)
    server_clock(120)
    page.clock.run_for(121_000)
    ended = page.get_by_role("alertdialog", name=ENDED)
    ended.wait_for(state="visible")
    assert "had not done anything for 30 minutes" in ended.inner_text()
    assert page.evaluate("document.activeElement.id") == "idle-close"
    assert page.locator("#idle-sign-in").get_attribute("href") == "/staff/sign-in?next=%2Fstaff%2Fconsultations%2Fnew"
    _scan(scan, "idle warning, signed out", page, "en")
    page.keyboard.press("Escape")
    ended.wait_for(state="hidden")
    assert page.locator("main").get_by_label("Title", exact=True).input_value() == TYPED_TITLE
    page.clock.resume()

    # Sending the form now: sign in, and what was typed comes back.
    with page.expect_navigation(url="**/staff/sign-in**"):
        button(page, "Create consultation").click()
    assert "You were signed out because you had not done anything for 30 minutes." in page.locator(
        "#idle-notice").inner_text()
    scan.check("sign in after the time-out", page, "en")
    main = page.locator("main")
    main.get_by_label("Email address", exact=True).fill(STAFF["editor"])
    main.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    submit(page, button(page, "Sign in"), js=False)
    assert path_of(page) == "/staff/kept-work" and h1_text(page) == KEPT_PAGE
    assert TYPED_TITLE in page.locator("main .summary-list").inner_text()
    scan.check("kept work", page, "en")
    submit(page, button(page, "Go back without saving"))
    assert path_of(page) == "/staff/consultations/new"

    # --- "Sign out" in the dialog signs out -------------------------------------------------------
    page.reload()
    _pause(page)
    _until_the_warning(page, server_clock)
    with page.expect_navigation():
        page.get_by_role("alertdialog", name=WARNING).get_by_role("button", name="Sign out").click()
    assert h1_text(page) == "You have signed out"
    page.goto("/staff/")
    assert path_of(page) == "/staff/sign-in"
    scan.assert_clean()


def test_without_javascript(browser_session, live_server, staff_accounts, server_clock, no_new_consultation):
    session = browser_session
    session.allow_http_error(422, r"/staff/consultations/new")
    scan = TwoWidths(session, js=False)
    page = sign_in(session, "editor", js=False)
    page.goto("/staff/consultations/new")
    assert not page.locator("#idle-warning").is_visible()
    main = page.locator("main")
    main.get_by_label("Title", exact=True).fill(TYPED_TITLE)
    server_clock(31 * 60)
    assert not page.locator("#idle-warning").is_visible()
    submit(page, button(page, "Create consultation"), js=False)
    assert path_of(page) == "/staff/sign-in"
    assert page.locator("#idle-notice").inner_text().split("\n")[0].startswith(
        "You were signed out because you had not done anything for 30 minutes.")
    scan.check("sign in after the time-out, no JavaScript", page, "en")
    main.get_by_label("Email address", exact=True).fill(STAFF["editor"])
    main.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    submit(page, button(page, "Sign in"), js=False)
    assert path_of(page) == "/staff/kept-work" and h1_text(page) == KEPT_PAGE
    scan.check("kept work, no JavaScript", page, "en")
    submit(page, button(page, "Save what you typed"), js=False)
    # The builder's own form, with what was typed, and its errors (the other fields were left empty).
    assert path_of(page) == "/staff/consultations/new"
    assert main.get_by_label("Title", exact=True).input_value() == TYPED_TITLE
    scan.assert_clean()
