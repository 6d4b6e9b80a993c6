"""Two-step sign-in in a real browser: setting it up, then signing in with a code and with a recovery code.

In English, Welsh and Arabic, with JavaScript on and off; axe-core at 1280 and 320 px (and no sideways
scrolling at 320 px) on every page of the way and its error states: the start page, the set-up page
with its QR code and key, a wrong code, the recovery codes, the code page at sign-in and its error,
the recovery-code page, the account page with two-step sign-in on, and turning it off.

The account is one of its own: the shared STAFF accounts go on signing in with a password alone.
"""

from __future__ import annotations

import time

import pyotp
import pytest

from tests.browser.support import (
    BrowserSession,
    TwoWidths,
    button,
    h1_text,
    interface_text,
    path_of,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

EMAIL = "browser-two-step@example.org"
PASSWORD = "browser tests two-step password"
# Pages answering 422 on purpose: a form sent with a wrong or missing code.
CODE_ERROR_PATHS = r"/staff/(account/two-step/set-up|sign-in/code|sign-in/recovery-code)"


@pytest.fixture
def account(live_server):
    """The test's own editor, with two-step sign-in off; turned off again afterwards."""
    from consult.auth import two_step
    from consult.auth.services import create_staff, find_staff
    from consult.extensions import db

    app = live_server.app

    def reset():
        with app.app_context():
            staff = find_staff(EMAIL) or create_staff(EMAIL, PASSWORD, "editor")
            two_step.turn_off(staff, by=staff)
            staff.active = True
            db.session.commit()
            db.session.remove()

    reset()
    yield
    reset()


def _t(language: str, text: str) -> str:
    return interface_text(language, text)


def _last_step() -> int | None:
    from sqlalchemy import select

    from consult.extensions import db
    from consult.models import StaffUser

    return db.session.scalar(select(StaffUser.totp_last_step).where(StaffUser.email == EMAIL))


def _unused_code(app, secret: str) -> str:
    """What the app shows that has not been used yet: now's code, or the next one (both accepted)."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(time.time())
    with app.app_context():
        last = _last_step()
    step = current if last is None or last < current else last + 1
    return totp.generate_otp(step)


def _wrong_code(secret: str) -> str:
    totp = pyotp.TOTP(secret)
    current = totp.timecode(time.time())
    right = {totp.generate_otp(step) for step in range(current - 2, current + 3)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444") if code not in right)


def _expect_error(page, language: str, name: str) -> None:
    """An error summary, and the title starting "Error: " in the page's language."""
    summary = page.locator("main .error-summary")
    assert summary.count() == 1 and summary.is_visible(), f"{name}: no error summary on {page.url}"
    assert page.title().startswith(_t(language, "Error:") + " "), f"{name}: the title is {page.title()!r}"


def _password_step(page, language: str) -> None:
    page.goto(with_language("/staff/sign-in", language))
    main = page.locator("main")
    main.get_by_label(_t(language, "Email address"), exact=True).fill(EMAIL)
    main.get_by_label(_t(language, "Password"), exact=True).fill(PASSWORD)
    submit(page, button(page, _t(language, "Sign in")), js=False)  # a full page load (hx-boost="false")


def _sign_out(page) -> None:
    submit(page, page.locator("form.staff-nav__form button"), js=False)


def _set_up(page, language: str, widths: TwoWidths, app) -> tuple[str, list[str]]:
    """From the account page to the recovery codes: (the key shown, the codes shown)."""
    page.goto("/staff/account")
    submit(page, page.locator("main").get_by_role("link", name=_t(language, "Set up two-step sign-in")))
    assert path_of(page) == "/staff/account/two-step"
    widths.check("two-step sign-in, off", page, language)
    submit(page, button(page, _t(language, "Set up two-step sign-in")))
    assert path_of(page) == "/staff/account/two-step/set-up", page.url
    widths.check("set up: QR code and key", page, language)

    # The QR code is showing, and the key copies as one word, whatever the groups look like.
    assert page.locator("img.qr-code").evaluate("image => image.complete && image.naturalWidth > 0")
    copied = page.locator(".secret-key").evaluate(
        """key => { const range = document.createRange(); range.selectNodeContents(key);
                    const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
                    return selection.toString(); }""")
    secret = copied.strip()
    assert len(secret) == 32 and " " not in secret, copied

    code = page.locator("main").get_by_label(_t(language, "Code from your app"), exact=True)
    submit(page, button(page, _t(language, "Turn on two-step sign-in")))
    _expect_error(page, language, "set up, no code")
    widths.check("set up: no code", page, language)
    code.fill(_wrong_code(secret))
    submit(page, button(page, _t(language, "Turn on two-step sign-in")))
    _expect_error(page, language, "set up, a wrong code")

    code.fill(_unused_code(app, secret))
    submit(page, button(page, _t(language, "Turn on two-step sign-in")))
    assert h1_text(page) == _t(language, "Save your recovery codes"), h1_text(page)
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(set(codes)) == 10
    widths.check("recovery codes", page, language)
    submit(page, page.locator("main").get_by_role("link", name=_t(language, "I have saved my recovery codes")))
    assert path_of(page) == "/staff/account"
    return secret, codes


def _walk(session: BrowserSession, app, js: bool, language: str) -> None:
    widths = TwoWidths(session, js)
    page = session.new_page(js=js)
    _password_step(page, language)
    assert path_of(page) == "/staff/", page.url  # no two-step sign-in yet: the password is enough
    secret, codes = _set_up(page, language, widths, app)
    widths.check("account, two-step sign-in on", page, language)
    _sign_out(page)

    # Signing in: the password, then the code page.
    _password_step(page, language)
    assert path_of(page) == "/staff/sign-in/code", page.url
    widths.check("sign in: code", page, language)
    code = page.locator("main").get_by_label(_t(language, "Enter the code from your app"), exact=True)
    assert code.get_attribute("autocomplete") == "one-time-code" and code.get_attribute("inputmode") == "numeric"
    code.fill(_wrong_code(secret))
    submit(page, button(page, _t(language, "Continue")), js=False)
    _expect_error(page, language, "sign in, a wrong code")
    assert page.locator("main .error-summary a").inner_text() == _t(
        language, "The code is not right. Enter the code your app shows now")
    widths.check("sign in: a wrong code", page, language)
    page.locator("main").get_by_label(_t(language, "Enter the code from your app"), exact=True).fill(
        _unused_code(app, secret))
    submit(page, button(page, _t(language, "Continue")), js=False)
    assert path_of(page) == "/staff/", page.url
    _sign_out(page)

    # Signing in with a recovery code instead.
    _password_step(page, language)
    submit(page, page.locator("main").get_by_role("link", name=_t(language, "Use a recovery code instead")),
           js=False)
    assert path_of(page) == "/staff/sign-in/recovery-code", page.url
    widths.check("sign in: recovery code", page, language)
    recovery = page.locator("main").get_by_label(_t(language, "Enter a recovery code"), exact=True)
    recovery.fill("ABCDE-FGHJK")
    submit(page, button(page, _t(language, "Continue")), js=False)
    _expect_error(page, language, "sign in, a wrong recovery code")
    widths.check("sign in: a wrong recovery code", page, language)
    page.locator("main").get_by_label(_t(language, "Enter a recovery code"), exact=True).fill(codes[0].lower())
    submit(page, button(page, _t(language, "Continue")), js=False)
    assert path_of(page) == "/staff/", page.url
    assert page.locator("main .notice").count() == 1

    # Turning it off, with the password.
    page.goto("/staff/account/two-step")
    widths.check("two-step sign-in, on", page, language)
    submit(page, page.locator("main").get_by_role("link", name=_t(language, "Turn off two-step sign-in")))
    assert path_of(page) == "/staff/account/two-step/turn-off"
    widths.check("turn off", page, language)
    page.locator("main").get_by_label(_t(language, "Your password"), exact=True).fill(PASSWORD)
    submit(page, button(page, _t(language, "Turn off two-step sign-in")))
    assert path_of(page) == "/staff/account"
    widths.assert_clean()


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_setting_up_and_signing_in_with_a_code(browser_session, live_server, account, js, language):
    browser_session.allow_http_error(422, CODE_ERROR_PATHS)
    _walk(browser_session, live_server.app, js, language)
