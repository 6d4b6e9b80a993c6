"""Setting up two-step sign-in through the real pages, and codes from an authenticator app, for the tests."""

from __future__ import annotations

import time

import pyotp
from sqlalchemy import select

from consult.extensions import db
from consult.models import StaffUser
from tests.auth.support import PASSWORD
from tests.helpers import Resident


def set_up(person: Resident) -> tuple[str, list[str]]:
    """Turn two-step sign-in on for the signed-in ``person``: (the secret, the recovery codes shown)."""
    page = person.submit(person.get("/staff/account/two-step"))
    assert page.path == "/staff/account/two-step/set-up", page.text()[:300]
    secret = shown_secret(page)
    page = person.submit(page, {"code": pyotp.TOTP(secret).now()})
    assert page.status == 200 and page.h1 == "Save your recovery codes", page.text()[:300]
    return secret, recovery_codes(page)


def shown_secret(page) -> str:
    return "".join(group.get_text() for group in page.soup.select(".secret-key__group"))


def recovery_codes(page) -> list[str]:
    return [code.get_text() for code in page.soup.select(".recovery-codes code")]


def next_code(app, email: str, secret: str) -> str:
    """A code the app would show that has not been used yet: now's, or the next step's (still accepted)."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(time.time())
    with app.app_context():
        last = db.session.scalar(select(StaffUser.totp_last_step).where(StaffUser.email == email))
    step = current if last is None or last < current else last + 1
    assert step <= current + 1, "every code of this window has been used: the test used too many"
    return totp.generate_otp(step)


def password_step(app, email: str, password: str = PASSWORD, path: str = "/staff/sign-in") -> Resident:
    """A new browser that typed the right password: it is now asked for a code."""
    person = Resident(app.test_client())
    page = person.submit(person.get(path), {"email": email, "password": password})
    assert page.status == 200 and page.path == "/staff/sign-in/code", (page.status, page.path)
    return person


def is_signed_in(person: Resident) -> bool:
    return person.client.get("/staff/").status_code == 200
