"""Signing staff in through the real sign-in form, and small readers of pages, for the auth tests."""

from __future__ import annotations

from tests.helpers import Resident
from tests.html_checks import assert_well_formed

PASSWORD = "a long enough password"  # tests/conftest.py STAFF_PASSWORD: `signed_in` signs these accounts in
EMAILS = {"admin": "admin@example.org", "editor": "editor@example.org", "analyst": "analyst@example.org"}


def sign_in(app, email: str, password: str = PASSWORD, htmx: bool = False) -> Resident:
    """A new browser, signed in; fails the test if the sign-in did not work."""
    person = Resident(app.test_client(), htmx=htmx)
    page = person.submit(person.get("/staff/sign-in"), {"email": email, "password": password})
    assert page.status == 200 and page.path == "/staff/" and page.soup.select_one("nav.staff-nav"), page.text()[:300]
    assert_well_formed(page)
    return person


def try_sign_in(app, email: str, password: str):
    person = Resident(app.test_client())
    return person.submit(person.get("/staff/sign-in"), {"email": email, "password": password})


def copy_of_cookie(app, person: Resident):
    """Another browser holding a copy of this person's session cookie, as taken now."""
    thief = app.test_client()
    thief.set_cookie("session", person.client.get_cookie("session").value)
    return thief


def is_sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def csrf_token(page) -> str:
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def notice(page) -> str:
    box = page.soup.select_one('.notice[role="status"]')
    return box.get_text(" ", strip=True) if box else ""
