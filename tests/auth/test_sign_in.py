"""Signing in: rate limited, and anonymous visitors to staff pages are sent to it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.auth.support import EMAILS, PASSWORD, is_sent_to_sign_in, sign_in
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

NEW_STAFF_PAGES = [
    "/staff/people", "/staff/people/new", "/staff/people/1/role", "/staff/people/1/deactivate",
    "/staff/people/1/reactivate", "/staff/account", "/staff/account/password", "/staff/account/language",
    "/staff/audit", "/staff/audit?page=2",
]


def test_the_eleventh_sign_in_attempt_in_a_minute_is_refused(app, staff):
    visitor = Resident(app.test_client())
    form_page = visitor.get("/staff/sign-in")
    for attempt in range(10):
        page = visitor.submit(form_page, {"email": EMAILS["editor"], "password": f"guess {attempt}"})
        assert page.status == 422, f"attempt {attempt + 1}"
    # The eleventh, even with the right password, gets a plain page saying to wait.
    refused = visitor.submit(form_page, {"email": EMAILS["editor"], "password": PASSWORD})
    assert refused.status == 429
    assert refused.h1 == "Too many tries"
    assert "Wait a few minutes" in refused.text()
    assert not refused.soup.select("main form")
    assert_well_formed(refused)
    assert is_sent_to_sign_in(visitor.client.get("/staff/"))  # not signed in
    # Reading the form is not limited.
    assert visitor.get("/staff/sign-in").status == 200


def test_the_rate_limit_page_is_translated(app, staff):
    visitor = Resident(app.test_client())
    form_page = visitor.get("/staff/sign-in?lang=cy")
    for attempt in range(11):
        page = visitor.submit(form_page, {"email": EMAILS["editor"], "password": f"guess {attempt}"})
    assert page.status == 429
    assert '<html lang="cy"' in page.html
    assert_well_formed(page)


@pytest.mark.parametrize("path", NEW_STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(app, staff, path):
    response = app.test_client().get(path)
    assert is_sent_to_sign_in(response)


def test_after_signing_in_you_go_where_you_were_going(app, staff):
    visitor = Resident(app.test_client())
    response = visitor.client.get("/staff/account")
    assert is_sent_to_sign_in(response)
    start = visitor.get(urlsplit(response.headers["Location"])._replace(scheme="", netloc="").geturl())
    assert start.h1 == "Staff sign in"
    assert start.form()["action"] == "/staff/sign-in?next=/staff/account"
    assert_well_formed(start)
    # The sign-in form keeps ?next=, and signing in goes there.
    page = visitor.submit(start, {"email": EMAILS["analyst"], "password": PASSWORD})
    assert page.path == "/staff/account" and page.h1 == "Your account"


def test_the_staff_navigation_matches_the_role(app, staff):
    expected_for = {
        "admin": ["Consultations", "People", "Audit log", "Statements", "Organisation", "API tokens",
                  "Requests about answers", "Messages", "Your account"],
        # Editors deal with residents' requests to see or delete their answers, and the messages that go
        # out to them; analysts do neither.
        "editor": ["Consultations", "Requests about answers", "Messages", "Your account"],
        "analyst": ["Consultations", "Your account"],
    }
    for role, expected in expected_for.items():
        person = sign_in(app, EMAILS[role])
        page = person.get("/staff/account")
        nav = page.soup.select_one("nav.staff-nav")
        labels = [a.get_text(strip=True) for a in nav.find_all("a")]
        assert labels == expected, role
        assert nav.find("a", attrs={"aria-current": "page"}).get_text(strip=True) == "Your account"
        assert nav.find("button").get_text(strip=True) == "Sign out"
        assert_well_formed(page)


def test_a_language_chosen_before_signing_in_is_kept(app, staff):
    visitor = Resident(app.test_client())
    form_page = visitor.get("/staff/sign-in?lang=cy")
    assert '<html lang="cy"' in form_page.html
    page = visitor.submit(form_page, {"email": EMAILS["editor"], "password": PASSWORD})
    assert page.path == "/staff/" and '<html lang="cy"' in page.html
    assert_well_formed(page)
    signed_out = visitor.submit(page)  # the sign-out button
    assert signed_out.path == "/staff/signed-out" and '<html lang="cy"' in signed_out.html
    assert is_sent_to_sign_in(visitor.client.get("/staff/"))
