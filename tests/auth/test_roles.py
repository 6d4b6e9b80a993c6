"""Roles: admins manage staff and read the audit log; editors and analysts get a plain 403 page."""

from __future__ import annotations

import pytest

from tests.auth.support import EMAILS, csrf_token, sign_in
from tests.html_checks import assert_well_formed

ADMIN_ONLY = ["/staff/people", "/staff/people/new", "/staff/people/{admin}/role", "/staff/people/{admin}/deactivate",
              "/staff/people/{admin}/reactivate", "/staff/audit", "/staff/statements/", "/staff/statements/privacy/cy"]
EVERYONE = ["/staff/", "/staff/account", "/staff/account/password", "/staff/account/language"]


@pytest.mark.parametrize("role", ["editor", "analyst"])
def test_editors_and_analysts_cannot_reach_admin_pages(app, staff, role):
    person = sign_in(app, EMAILS[role])
    for path in ADMIN_ONLY:
        page = person.get(path.format(**staff))
        assert page.status == 403, path
        assert page.h1 == "You do not have access to this page"
        assert "ask an admin" in page.text()
        assert not page.soup.select("main form:not(.staff-nav__form)")
        assert_well_formed(page)
    for path in EVERYONE:
        assert person.get(path).status == 200, path


@pytest.mark.parametrize("role", ["editor", "analyst"])
def test_editors_and_analysts_cannot_change_staff(app, staff, role):
    person = sign_in(app, EMAILS[role])
    token = csrf_token(person.get("/staff/account"))
    posts = {
        "/staff/people/new": {"email": "sneaky@example.org", "role": "admin", "password": "a long enough password"},
        f"/staff/people/{staff['admin']}/role": {"role": "analyst"},
        f"/staff/people/{staff['admin']}/deactivate": {},
        f"/staff/people/{staff['admin']}/reactivate": {},
    }
    for path, data in posts.items():
        assert person.client.post(path, data={"csrf_token": token, **data}).status_code == 403, path
    admin = sign_in(app, EMAILS["admin"])
    text = admin.get("/staff/people").text()
    assert "sneaky@example.org" not in text and "Deactivated" not in text
    assert admin.get("/staff/audit").soup.select("tbody tr") == []


def test_the_403_page_is_in_the_chosen_language(app, staff):
    analyst = sign_in(app, EMAILS["analyst"])
    analyst.get("/staff/account?lang=cy")
    page = analyst.get("/staff/audit")
    assert page.status == 403
    assert '<html lang="cy"' in page.html
    assert_well_formed(page)


def test_the_403_page_as_an_htmx_fragment(app, staff):
    editor = sign_in(app, EMAILS["editor"], htmx=True)
    page = editor.get("/staff/people")
    assert page.status == 403 and "<html" not in page.html
    assert page.h1 == "You do not have access to this page"
    assert_well_formed(page)


def test_the_403_page_carries_the_security_headers(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    response = editor.client.get("/staff/people")
    assert response.status_code == 403
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
