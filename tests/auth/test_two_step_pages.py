"""Two-step sign-in through the pages: setting it up, signing in with a code or a recovery code, limits,
turning it off, an admin's reset, and TWO_FACTOR_REQUIRED for admins."""

from __future__ import annotations

import time

import pyotp
import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry, StaffRecoveryCode, StaffUser
from tests.auth.support import EMAILS, PASSWORD, csrf_token, is_sent_to_sign_in, notice, sign_in
from tests.auth.test_sign_in_limits import app_like
from tests.auth.two_step_support import (
    is_signed_in,
    next_code,
    password_step,
    recovery_codes,
    set_up,
    shown_secret,
)
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

EDITOR = EMAILS["editor"]


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _staff(app, email: str) -> StaffUser:
    with app.app_context():
        staff = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
        db.session.expunge(staff)
        return staff


def _error(page) -> str:
    summary = page.soup.select_one(".error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


def _wrong(secret: str) -> str:
    totp = pyotp.TOTP(secret)
    now = totp.timecode(time.time())
    right = {totp.generate_otp(step) for step in range(now - 2, now + 3)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444") if code not in right)


@pytest.fixture
def editor_with_two_step(app, staff):
    """The editor, with two-step sign-in on: (secret, recovery codes)."""
    return set_up(sign_in(app, EDITOR))


# Setting it up ----------------------------------------------------------------------------------


def test_the_account_page_offers_it(app, staff):
    person = sign_in(app, EDITOR)
    page = person.get("/staff/account")
    row = [row for row in page.soup.select(".summary-list__row") if "Two-step sign-in" in row.get_text()]
    assert row and "Off" in row[0].get_text() and row[0].find("a", string="Set up two-step sign-in")
    page = person.get("/staff/account/two-step")
    assert page.h1 == "Two-step sign-in" and "authenticator app" in page.text()
    assert_well_formed(page)


@pytest.mark.parametrize("htmx", [False, True])
def test_setting_it_up(app, staff, htmx):
    person = sign_in(app, EDITOR, htmx=htmx)
    elsewhere = sign_in(app, EDITOR)
    page = person.submit(person.get("/staff/account/two-step"))
    assert page.path == "/staff/account/two-step/set-up" and page.h1 == "Set up two-step sign-in"
    assert_well_formed(page)
    secret = shown_secret(page)
    assert len(secret) == 32 and _staff(app, EDITOR).totp_secret == secret
    assert [group.get_text() for group in page.soup.select(".secret-key__group")] == [
        secret[i:i + 4] for i in range(0, 32, 4)]
    image = page.soup.select_one("img.qr-code")
    assert image["src"].startswith("data:image/png;base64,") and "QR code" in image["alt"]
    code = page.soup.find("input", attrs={"name": "code"})
    assert code["autocomplete"] == "one-time-code" and code["inputmode"] == "numeric"
    assert code["aria-describedby"] == "code-hint"
    # Reloading the page keeps the same key, so a code already scanned stays right.
    assert shown_secret(person.get("/staff/account/two-step/set-up")) == secret

    empty = person.submit(page, {"code": ""})
    assert empty.status == 422 and empty.title.startswith("Error:")
    assert "Enter the 6-digit code from your app" in _error(empty)
    assert empty.soup.select_one(".error-summary a")["href"] == "#code"
    assert "code-error" in empty.soup.find("input", attrs={"name": "code"})["aria-describedby"]
    short = person.submit(page, {"code": "12345"})
    assert short.status == 422 and "The code must be 6 numbers" in _error(short)
    wrong = person.submit(page, {"code": _wrong(secret)})
    assert wrong.status == 422 and "The code is not right" in _error(wrong)
    assert_well_formed(wrong)
    assert not _staff(app, EDITOR).two_step_on

    done = person.submit(page, {"code": pyotp.TOTP(secret).now()})
    assert done.status == 200 and done.h1 == "Save your recovery codes"
    assert_well_formed(done)
    codes = recovery_codes(done)
    assert len(set(codes)) == 10
    assert _staff(app, EDITOR).two_step_on
    assert _actions(app)[-1] == "staff.two_step_on"
    # This browser stays signed in; the other session ends (it began with the password alone).
    assert is_signed_in(person)
    assert is_sent_to_sign_in(elsewhere.client.get("/staff/"))
    # The codes are never shown again, and the set-up pages are done.
    page = person.get("/staff/account/two-step")
    assert "You have 10 unused recovery codes." in page.text() and not set(codes) & set(page.text().split())
    assert person.get("/staff/account/two-step/set-up").path == "/staff/account/two-step"
    assert not any(code in person.get("/staff/account").text() for code in codes)


def test_set_up_cannot_be_finished_without_starting_it(app, staff):
    person = sign_in(app, EMAILS["analyst"])
    assert person.get("/staff/account/two-step/set-up").path == "/staff/account/two-step"
    token = csrf_token(person.get("/staff/account"))
    response = person.client.post("/staff/account/two-step/set-up", data={"csrf_token": token, "code": "123456"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/account/two-step")
    assert not _staff(app, EMAILS["analyst"]).two_step_on


# Signing in ---------------------------------------------------------------------------------------


def test_the_password_alone_does_not_sign_in(app, editor_with_two_step):
    person = password_step(app, EDITOR)
    assert not is_signed_in(person)
    assert is_sent_to_sign_in(person.client.get("/staff/account"))
    page = person.get("/staff/sign-in/code")
    assert page.h1 == "Enter the code from your app"
    label = page.soup.select_one("h1 label")
    assert label["for"] == "code"
    assert_well_formed(page)


def test_signing_in_with_a_code(app, editor_with_two_step):
    secret, _ = editor_with_two_step
    person = password_step(app, EDITOR, path="/staff/sign-in?next=/staff/account")
    page = person.get("/staff/sign-in/code")
    wrong = person.submit(page, {"code": _wrong(secret)})
    assert wrong.status == 422 and wrong.title.startswith("Error:")
    assert "The code is not right" in _error(wrong)
    assert not is_signed_in(person)
    letters = person.submit(page, {"code": "abcdef"})
    assert letters.status == 422 and "The code must be 6 numbers" in _error(letters)
    # A wrong code after the right password is worth an admin's notice; a typing slip is not.
    assert _actions(app)[-1] == "staff.sign_in_code_refused" and _actions(app).count("staff.sign_in_code_refused") == 1
    done = person.submit(page, {"code": next_code(app, EDITOR, secret)})
    assert done.status == 200 and done.path == "/staff/account"  # where they were going
    assert is_signed_in(person)
    # Nothing of the half-way step is left in the session.
    with person.client.session_transaction() as session:
        assert "two_step_pending" not in session


def test_only_a_full_sign_in_makes_a_browser_one_of_the_owners(app, editor_with_two_step):
    # A browser the owner signed in from counts its password and code tries apart (consult/auth/attempts.py):
    # someone with the password alone must not get that, or each new browser would bring a fresh count.
    from consult.auth.attempts import COOKIE

    secret, _ = editor_with_two_step
    person = password_step(app, EDITOR)
    assert person.client.get_cookie(COOKIE) is None
    person.submit(person.get("/staff/sign-in/code"), {"code": next_code(app, EDITOR, secret)})
    assert person.client.get_cookie(COOKIE) is not None


def test_a_code_cannot_be_used_twice(app, editor_with_two_step):
    secret, _ = editor_with_two_step
    code = next_code(app, EDITOR, secret)
    first = password_step(app, EDITOR)
    assert first.submit(first.get("/staff/sign-in/code"), {"code": code}).path == "/staff/"
    # Someone who saw the code over their shoulder, with the password too, in another browser.
    second = password_step(app, EDITOR)
    page = second.submit(second.get("/staff/sign-in/code"), {"code": code})
    assert page.status == 422 and "This code has already been used" in _error(page)
    assert not is_signed_in(second)


def test_arabic_digits_are_fine(app, editor_with_two_step):
    secret, _ = editor_with_two_step
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    person = password_step(app, EDITOR)
    page = person.submit(person.get("/staff/sign-in/code"), {"code": next_code(app, EDITOR, secret).translate(arabic)})
    assert page.path == "/staff/"


def test_signing_in_with_a_recovery_code_once(app, editor_with_two_step):
    _, codes = editor_with_two_step
    person = password_step(app, EDITOR)
    page = person.get("/staff/sign-in/code")
    page = person.get(page.soup.find("a", string="Use a recovery code instead")["href"])
    assert page.h1 == "Enter a recovery code"
    assert_well_formed(page)
    empty = person.submit(page, {"code": ""})
    assert empty.status == 422 and "Enter one of your recovery codes" in _error(empty)
    wrong = person.submit(page, {"code": "ABCDE-FGHJK"})
    assert wrong.status == 422 and "This recovery code is not right" in _error(wrong)
    assert _actions(app)[-1] == "staff.sign_in_code_refused"
    done = person.submit(page, {"code": codes[0].lower()})
    assert done.path == "/staff/" and is_signed_in(person)
    assert "You have 9 recovery codes left" in notice(done)
    assert _actions(app)[-1] == "staff.recovery_code_used"
    again = password_step(app, EDITOR)
    page = again.submit(again.get("/staff/sign-in/recovery-code"), {"code": codes[0]})
    assert page.status == 422 and not is_signed_in(again)


def test_few_recovery_codes_left_says_how_to_get_more(app, editor_with_two_step):
    from consult.auth import two_step

    _, codes = editor_with_two_step
    with app.app_context():
        staff = db.session.scalar(select(StaffUser).where(StaffUser.email == EDITOR))
        assert all(two_step.use_recovery_code(staff, code) for code in codes[:6])
        db.session.commit()
    person = password_step(app, EDITOR)
    page = person.submit(person.get("/staff/sign-in/recovery-code"), {"code": codes[6]})
    assert "You have 3 recovery codes left" in notice(page)
    assert "set it up again" in notice(page)


def test_without_a_waiting_sign_in_the_code_pages_go_back_to_the_start(app, editor_with_two_step):
    person = Resident(app.test_client())
    for path in ("/staff/sign-in/code", "/staff/sign-in/recovery-code"):
        assert person.get(path).path == "/staff/sign-in"
    token = csrf_token(person.get("/staff/sign-in"))
    response = person.client.post("/staff/sign-in/code", data={"csrf_token": token, "code": "123456"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/sign-in")


def test_a_waiting_sign_in_runs_out(app, editor_with_two_step):
    secret, _ = editor_with_two_step
    person = password_step(app, EDITOR)
    with person.client.session_transaction() as session:
        waiting = session["two_step_pending"]
        session["two_step_pending"] = {**waiting, "since": waiting["since"] - 11 * 60}
    assert person.get("/staff/sign-in/code").path == "/staff/sign-in"
    token = csrf_token(person.get("/staff/sign-in"))
    response = person.client.post("/staff/sign-in/code",
                                  data={"csrf_token": token, "code": next_code(app, EDITOR, secret)})
    assert response.status_code == 303 and not is_signed_in(person)


def test_a_password_change_voids_a_waiting_sign_in(app, editor_with_two_step):
    secret, _ = editor_with_two_step
    waiting = password_step(app, EDITOR)
    owner = password_step(app, EDITOR)
    owner.submit(owner.get("/staff/sign-in/code"), {"code": next_code(app, EDITOR, secret)})
    owner.submit(owner.get("/staff/account/password"), {
        "current_password": PASSWORD, "new_password": "another long password", "confirm_password": "another long password"})
    page = waiting.get("/staff/sign-in/code")
    assert page.path == "/staff/sign-in"


def test_codes_are_limited_per_account_from_any_address(app, editor_with_two_step):
    secret, _ = editor_with_two_step
    wrong = _wrong(secret)
    for number in range(5):
        person = password_step(app, EDITOR)
        person.client.environ_base["REMOTE_ADDR"] = f"192.0.2.{number + 1}"
        assert person.submit(person.get("/staff/sign-in/code"), {"code": wrong}).status == 422
    person = password_step(app, EDITOR)
    person.client.environ_base["REMOTE_ADDR"] = "192.0.2.99"
    held = person.submit(person.get("/staff/sign-in/code"), {"code": next_code(app, EDITOR, secret)})
    assert held.status == 429 and "Too many codes tried. Try again in 1 minute." in _error(held)
    assert_well_formed(held)
    assert not is_signed_in(person)
    # Recovery codes share the count: no way round it.
    _, codes = editor_with_two_step
    page = person.submit(person.get("/staff/sign-in/recovery-code"), {"code": codes[0]})
    assert page.status == 429 and not is_signed_in(person)


def test_codes_are_limited_per_address(app, staff, editor_with_two_step):
    from consult.auth.services import create_staff
    from tests.auth.two_step_support import set_up as set_up_again

    # Five accounts, each with two-step sign-in: one address guessing at all of them.
    emails = [f"person{number}@example.org" for number in range(6)]
    with app.app_context():
        for email in emails:
            create_staff(email, PASSWORD, "editor")
        db.session.commit()
    for email in emails:
        set_up_again(sign_in(app, email))
    from consult.extensions import limiter

    limiter.reset()
    for email in emails[:5]:
        person = password_step(app, email)
        secret = _staff(app, email).totp_secret
        assert person.submit(person.get("/staff/sign-in/code"), {"code": _wrong(secret)}).status == 422
    person = password_step(app, emails[5])
    assert person.submit(person.get("/staff/sign-in/code"), {"code": "123456"}).status == 429


def test_every_code_form_needs_a_csrf_token(app, editor_with_two_step):
    person = password_step(app, EDITOR)
    for path in ("/staff/sign-in/code", "/staff/sign-in/recovery-code"):
        assert person.client.post(path, data={"code": "123456"}).status_code == 400
    signed_in = sign_in(app, EMAILS["analyst"])
    for path in ("/staff/account/two-step", "/staff/account/two-step/set-up", "/staff/account/two-step/turn-off"):
        assert signed_in.client.post(path, data={"code": "123456", "password": PASSWORD}).status_code == 400
    admin = sign_in(app, EMAILS["admin"])
    editor_id = _staff(app, EDITOR).id
    assert admin.client.post(f"/staff/people/{editor_id}/two-step", data={}).status_code == 400
    assert _staff(app, EDITOR).two_step_on and not _staff(app, EMAILS["analyst"]).totp_secret


# Turning it off, and an admin's reset ------------------------------------------------------------


def test_turning_it_off_needs_the_password(app, editor_with_two_step):
    secret, _ = editor_with_two_step
    person = password_step(app, EDITOR)
    person.submit(person.get("/staff/sign-in/code"), {"code": next_code(app, EDITOR, secret)})
    overview = person.get("/staff/account/two-step")
    page = person.get(overview.soup.find("a", string="Turn off two-step sign-in")["href"])
    assert page.h1 == "Turn off two-step sign-in"
    assert_well_formed(page)
    empty = person.submit(page, {"password": ""})
    assert empty.status == 422 and "Enter your password" in _error(empty)
    wrong = person.submit(page, {"password": "not the password at all"})
    assert wrong.status == 422 and "Your password is not right" in _error(wrong)
    assert _staff(app, EDITOR).two_step_on
    done = person.submit(page, {"password": PASSWORD})
    assert done.path == "/staff/account" and "Two-step sign-in is off" in notice(done)
    assert not _staff(app, EDITOR).two_step_on and _staff(app, EDITOR).totp_secret is None
    with app.app_context():
        assert db.session.scalar(select(StaffRecoveryCode.id)) is None
    assert _actions(app)[-1] == "staff.two_step_off"
    assert is_signed_in(person)
    sign_in(app, EDITOR)  # the password alone again
    assert person.get("/staff/account/two-step/turn-off").path == "/staff/account/two-step"


def test_an_admin_resets_it_for_someone_who_lost_their_phone(app, staff, editor_with_two_step):
    secret, _ = editor_with_two_step
    editor = password_step(app, EDITOR)
    editor.submit(editor.get("/staff/sign-in/code"), {"code": next_code(app, EDITOR, secret)})
    admin = sign_in(app, EMAILS["admin"])
    people = admin.get("/staff/people")
    row = next(row for row in people.soup.select("tbody tr") if EDITOR in row.get_text())
    assert "Two-step sign-in on" in row.get_text()
    link = row.find("a", href=f"/staff/people/{staff['editor']}/two-step")
    page = admin.get(link["href"])
    assert page.h1 == f"Reset two-step sign-in for {EDITOR}?"
    assert_well_formed(page)
    done = admin.submit(page)
    assert done.path == "/staff/people" and "has been reset" in notice(done)
    assert not _staff(app, EDITOR).two_step_on
    assert _actions(app)[-1] == "staff.two_step_reset"
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
        assert entry.staff_email == EMAILS["admin"] and entry.subject_id == staff["editor"]
    # They are signed out, and sign in with the password alone.
    assert is_sent_to_sign_in(editor.client.get("/staff/"))
    sign_in(app, EDITOR)
    # Nothing to reset now: back to the list.
    assert admin.get(f"/staff/people/{staff['editor']}/two-step").path == "/staff/people"


def test_an_admin_turns_their_own_off_with_their_password_like_everyone(app, staff):
    admin = sign_in(app, EMAILS["admin"])
    set_up(admin)
    page = admin.get(f"/staff/people/{staff['admin']}/two-step")
    assert page.path == "/staff/account/two-step/turn-off"


def test_editors_cannot_reset_anyone(app, staff, editor_with_two_step):
    analyst = sign_in(app, EMAILS["analyst"])
    token = csrf_token(analyst.get("/staff/account"))
    response = analyst.client.post(f"/staff/people/{staff['editor']}/two-step", data={"csrf_token": token})
    assert response.status_code == 403
    assert _staff(app, EDITOR).two_step_on


# Required for admins ------------------------------------------------------------------------------


def _staff_get_routes(app):
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if hasattr(view, "required_roles") and "GET" in rule.methods and not rule.arguments:
            yield rule


def test_admins_must_set_it_up_before_anything_else(app, staff):
    required = app_like(app, TWO_FACTOR_REQUIRED=True)
    admin = Resident(required.test_client())
    page = admin.submit(admin.get("/staff/sign-in"), {"email": EMAILS["admin"], "password": PASSWORD})
    assert page.path == "/staff/account/two-step" and page.h1 == "Two-step sign-in"
    checked = 0
    for rule in _staff_get_routes(required):
        response = admin.client.get(rule.rule)
        if rule.endpoint in ("auth.two_step_page", "auth.two_step_set_up"):
            assert response.status_code in (200, 303), rule.rule
        else:
            assert response.status_code == 303, rule.rule
            assert response.headers["Location"].endswith("/staff/account/two-step"), rule.rule
            checked += 1
    assert checked > 10
    token = csrf_token(admin.get("/staff/account/two-step"))
    response = admin.client.post(f"/staff/people/{staff['editor']}/deactivate", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/account/two-step")
    assert _staff(required, EDITOR).active
    page = admin.get("/staff/account/two-step")
    assert "Admins must use two-step sign-in here" in page.text()
    assert not page.soup.select("a.back-link")
    # With htmx, the same, said the htmx way.
    response = admin.client.get("/staff/people", headers={"HX-Request": "true"})
    assert response.headers["HX-Location"] and "/staff/account/two-step" in response.headers["HX-Location"]
    # Signing out still works.
    assert admin.client.post("/staff/sign-out", data={"csrf_token": token}).status_code == 303
    assert is_sent_to_sign_in(admin.client.get("/staff/"))


def test_admins_with_two_step_and_other_roles_go_anywhere(app, staff):
    required = app_like(app, TWO_FACTOR_REQUIRED=True)
    editor = sign_in(required, EDITOR)  # editors are not asked
    assert editor.get("/staff/account").status == 200
    admin = Resident(required.test_client())
    page = admin.submit(admin.get("/staff/sign-in"), {"email": EMAILS["admin"], "password": PASSWORD})
    assert page.path == "/staff/account/two-step"
    set_up(admin)
    for rule in _staff_get_routes(required):
        response = admin.client.get(rule.rule)
        assert not response.headers.get("Location", "").endswith("/staff/account/two-step") or (
            rule.endpoint == "auth.two_step_set_up"), rule.rule
        assert response.status_code in (200, 303), rule.rule
    # Turning it off sends them straight back to setting it up.
    overview = admin.get("/staff/account/two-step")
    assert "you will be asked to set it up again straight away" in overview.text()
    page = admin.submit(admin.get("/staff/account/two-step/turn-off"), {"password": PASSWORD})
    assert page.path == "/staff/account/two-step"


def test_off_by_default(app, staff):
    assert app.config["TWO_FACTOR_REQUIRED"] is False
    admin = sign_in(app, EMAILS["admin"])
    assert admin.get("/staff/people").status == 200
