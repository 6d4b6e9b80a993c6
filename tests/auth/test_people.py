"""Admins manage staff: list, add, change role, deactivate (with a confirmation step), reactivate."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry, StaffUser
from tests.auth.support import (
    EMAILS,
    PASSWORD,
    copy_of_cookie,
    csrf_token,
    is_sent_to_sign_in,
    notice,
    sign_in,
    try_sign_in,
)
from tests.helpers import Page
from tests.html_checks import assert_well_formed

NEW_PASSWORD = "correct horse battery staple"


def _audit(app, action):
    with app.app_context():
        return [(e.staff_email, e.subject_type, e.subject_id, e.detail)
                for e in db.session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars()]


def _person(app, email):
    with app.app_context():
        person = db.session.execute(select(StaffUser).where(StaffUser.email == email)).scalar_one()
        db.session.expunge(person)
        return person


def _errors(page):
    return [a.get_text(strip=True) for a in page.soup.select(".error-summary a")]


def test_the_list_shows_everyone_with_role_and_status(admin, staff):
    page = admin.get("/staff/people")
    assert page.status == 200 and page.h1 == "People"
    assert_well_formed(page)
    rows = {row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
            for row in page.soup.select("tbody tr")}
    assert rows[EMAILS["admin"]][:2] == ["Admin", "Active"]
    assert "This is you" in rows[EMAILS["admin"]][2]
    assert rows[EMAILS["editor"]][:2] == ["Editor", "Active"]
    assert rows[EMAILS["analyst"]][:2] == ["Analyst", "Active"]
    # Action links name the person for screen readers.
    assert "Change role for editor@example.org" in rows[EMAILS["editor"]][2]
    assert page.soup.find("a", string="Add a staff member")["href"] == "/staff/people/new"


@pytest.mark.parametrize("mode", ["plain", "htmx"])
def test_adding_a_staff_member(app, staff, mode):
    admin = sign_in(app, EMAILS["admin"], htmx=mode == "htmx")
    form = admin.get("/staff/people/new")
    assert form.h1 == "Add a staff member"
    assert_well_formed(form)
    roles = form.soup.find("fieldset")
    assert roles.legend.get_text(strip=True) == "Role"
    assert [i["value"] for i in roles.find_all("input", attrs={"type": "radio"})] == ["admin", "editor", "analyst"]
    password = form.soup.find("input", attrs={"name": "password"})
    assert password["type"] == "password" and password["autocomplete"] == "new-password"

    empty = admin.submit(form, {"email": "", "password": ""})
    assert empty.status == 422
    assert empty.title.startswith("Error: ")
    assert _errors(empty) == ["Enter their email address", "Choose a role", "Enter a new password"]
    assert empty.soup.select_one('.error-summary a[href="#role-0"]')
    assert_well_formed(empty)

    bad = admin.submit(form, {"email": "not an email", "role": "editor", "password": "too short"})
    assert bad.status == 422
    assert _errors(bad) == ["Enter an email address in the right format, like name@example.org",
                            "The password must be at least 12 characters"]
    # What was typed comes back, except the password; the chosen role stays chosen.
    assert bad.soup.find("input", attrs={"name": "email"})["value"] == "not an email"
    assert not bad.soup.find("input", attrs={"name": "password"}).get("value")
    assert bad.soup.find("input", attrs={"id": "role-1"}).has_attr("checked")
    assert_well_formed(bad)

    taken = admin.submit(form, {"email": " Editor@Example.org", "role": "editor", "password": NEW_PASSWORD})
    assert taken.status == 422
    assert _errors(taken) == ["There is already an account with this email address"]
    assert_well_formed(taken)

    not_a_role = admin.submit(form, {"email": "x@example.org", "role": "owner", "password": NEW_PASSWORD})
    assert not_a_role.status == 422 and _errors(not_a_role) == ["Choose a role"]

    done = admin.submit(form, {"email": "New.Person@example.org", "role": "analyst", "password": NEW_PASSWORD})
    assert done.status == 200 and done.path == "/staff/people"
    assert "new.person@example.org can now sign in as Analyst" in notice(done)
    assert_well_formed(done)
    # The notice is shown once.
    assert notice(admin.get("/staff/people")) == ""

    new_id = _person(app, "new.person@example.org").id
    assert _audit(app, "staff.created") == [
        (EMAILS["admin"], "staff", new_id, "new.person@example.org (analyst)")]
    assert "Staff member added" in admin.get("/staff/audit").text()
    sign_in(app, "new.person@example.org", NEW_PASSWORD)


def test_success_is_a_303_to_the_list(app, admin):
    form = admin.get("/staff/people/new")
    response = admin.client.post("/staff/people/new", data={
        "csrf_token": csrf_token(form), "email": "a@example.org", "role": "editor", "password": NEW_PASSWORD})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/people")


def test_changing_a_role(app, staff, admin):
    form = admin.get(f"/staff/people/{staff['editor']}/role")
    assert form.h1 == "Role for editor@example.org"
    # One question on the page: its legend is the h1.
    assert form.soup.find("legend").find("h1")
    assert form.soup.find("input", attrs={"value": "editor"}).has_attr("checked")
    assert_well_formed(form)

    editor = sign_in(app, EMAILS["editor"])
    assert editor.client.get("/staff/people").status_code == 403

    done = admin.submit(form, {"role": "admin"})
    assert done.path == "/staff/people"
    assert "The role of editor@example.org is now: Admin." in notice(done)
    assert_well_formed(done)
    assert _person(app, EMAILS["editor"]).role == "admin"
    assert _audit(app, "staff.role_changed") == [
        (EMAILS["admin"], "staff", staff["editor"], "editor@example.org: editor → admin")]
    # The change applies at once, without signing in again.
    assert editor.get("/staff/people").h1 == "People"

    # Choosing the same role again records nothing.
    admin.submit(admin.get(f"/staff/people/{staff['editor']}/role"), {"role": "admin"})
    assert len(_audit(app, "staff.role_changed")) == 1


def test_a_role_must_be_chosen(app, staff, admin):
    form = admin.get(f"/staff/people/{staff['analyst']}/role")
    response = admin.client.post(form.form()["action"], data={"csrf_token": csrf_token(form)})
    assert response.status_code == 422
    page = Page(422, form.path, response.get_data(as_text=True), dict(response.headers))
    assert _errors(page) == ["Choose a role"]
    assert page.title.startswith("Error: ")
    assert_well_formed(page)
    assert _person(app, EMAILS["analyst"]).role == "analyst"


def test_an_admin_cannot_demote_or_deactivate_themselves(app, staff, admin):
    me = staff["admin"]
    token = csrf_token(admin.get("/staff/people"))
    for path, message in ((f"/staff/people/{me}/role", "You cannot change your own role"),
                          (f"/staff/people/{me}/deactivate", "You cannot deactivate your own account")):
        page = admin.get(path)
        assert page.status == 403
        assert message in page.text() and "Ask another admin" in page.text()
        assert_well_formed(page)
        response = admin.client.post(path, data={"csrf_token": token, "role": "analyst"})
        assert response.status_code == 403
        assert message in response.get_data(as_text=True)
    person = _person(app, EMAILS["admin"])
    assert person.role == "admin" and person.active
    assert _audit(app, "staff.role_changed") == _audit(app, "staff.deactivated") == []
    # Still signed in and still an admin.
    assert admin.get("/staff/people").status == 200


def test_deactivating_asks_first_then_ends_their_sessions(app, staff, admin):
    editor = sign_in(app, EMAILS["editor"])
    stolen = copy_of_cookie(app, editor)
    assert stolen.get("/staff/").status_code == 200

    people = admin.get("/staff/people")
    link = people.soup.find("a", href=f"/staff/people/{staff['editor']}/deactivate")
    assert link is not None
    confirm = admin.get(link["href"])
    assert confirm.h1 == "Deactivate editor@example.org?"
    assert "signed out straight away" in confirm.text()
    assert_well_formed(confirm)
    # Looking at the confirmation page changes nothing.
    assert _person(app, EMAILS["editor"]).active
    assert editor.client.get("/staff/").status_code == 200

    done = admin.submit(confirm)
    assert done.path == "/staff/people"
    assert "editor@example.org has been deactivated and signed out." in notice(done)
    assert_well_formed(done)
    row = done.soup.find("th", string=EMAILS["editor"]).parent
    assert "Deactivated" in row.get_text()
    assert row.find("a", href=f"/staff/people/{staff['editor']}/reactivate")

    assert _audit(app, "staff.deactivated") == [
        (EMAILS["admin"], "staff", staff["editor"], "editor@example.org (editor)")]
    # Their browser and the copied cookie stop working; signing in again is refused, with the usual message.
    assert is_sent_to_sign_in(editor.client.get("/staff/"))
    assert is_sent_to_sign_in(stolen.get("/staff/"))
    refused = try_sign_in(app, EMAILS["editor"], PASSWORD)
    assert refused.status == 422
    assert "The email address or password is not right" in refused.text()
    # Deactivating someone already deactivated just goes back to the list.
    assert admin.get(f"/staff/people/{staff['editor']}/deactivate").path == "/staff/people"


def test_reactivating(app, staff, admin):
    editor = sign_in(app, EMAILS["editor"])
    stolen = copy_of_cookie(app, editor)
    admin.submit(admin.get(f"/staff/people/{staff['editor']}/deactivate"))

    confirm = admin.get(f"/staff/people/{staff['editor']}/reactivate")
    assert confirm.h1 == "Reactivate editor@example.org?"
    assert "as Editor" in confirm.text()
    assert_well_formed(confirm)
    done = admin.submit(confirm)
    assert "editor@example.org has been reactivated" in notice(done)
    assert _person(app, EMAILS["editor"]).active
    assert _audit(app, "staff.reactivated") == [
        (EMAILS["admin"], "staff", staff["editor"], "editor@example.org (editor)")]
    # Old sessions stay ended; they sign in again.
    assert is_sent_to_sign_in(stolen.get("/staff/"))
    sign_in(app, EMAILS["editor"])
    # Reactivating someone active just goes back to the list.
    assert admin.get(f"/staff/people/{staff['editor']}/reactivate").path == "/staff/people"


def test_an_unknown_person_is_not_found(admin):
    assert admin.get("/staff/people/999/role").status == 404
    assert admin.get("/staff/people/999/deactivate").status == 404
