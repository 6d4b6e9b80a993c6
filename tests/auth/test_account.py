"""Your account: change your own password (ending your other sessions), choose your language."""

from __future__ import annotations

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


def _errors(page):
    return [a.get_text(strip=True) for a in page.soup.select(".error-summary a")]


def test_the_account_page(app, staff):
    analyst = sign_in(app, EMAILS["analyst"])
    page = analyst.get("/staff/account")
    assert page.h1 == "Your account"
    assert EMAILS["analyst"] in page.text() and "Analyst" in page.text()
    assert page.soup.find("a", href="/staff/account/password")
    assert page.soup.find("a", href="/staff/account/language")
    assert_well_formed(page)


def test_the_password_form_helps_password_managers_and_allows_paste(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    page = editor.get("/staff/account/password")
    assert page.h1 == "Change your password"
    assert_well_formed(page)
    fields = {i["name"]: i for i in page.form().find_all("input", attrs={"type": "password"})}
    assert fields["current_password"]["autocomplete"] == "current-password"
    assert fields["new_password"]["autocomplete"] == "new-password"
    assert fields["confirm_password"]["autocomplete"] == "new-password"
    for field in fields.values():
        assert not [name for name in field.attrs if name.startswith("on")]
        assert "maxlength" not in field.attrs or int(field["maxlength"]) >= 64
    assert "At least 12 characters" in page.soup.find(id="new_password-hint").get_text()
    assert "new_password-hint" in fields["new_password"]["aria-describedby"]


def test_password_change_mistakes(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    form = editor.get("/staff/account/password")

    empty = editor.submit(form, {})
    assert empty.status == 422 and empty.title.startswith("Error: ")
    assert _errors(empty) == ["Enter your current password", "Enter a new password", "Enter your new password again"]
    assert_well_formed(empty)

    cases = [
        ({"current_password": "wrong", "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
         ["Your current password is not right"]),
        ({"current_password": PASSWORD, "new_password": "short", "confirm_password": "short"},
         ["The password must be at least 12 characters"]),
        ({"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD + "!"},
         ["The new passwords do not match"]),
        ({"current_password": PASSWORD, "new_password": "x" * 201, "confirm_password": "x" * 201},
         ["The password must be 200 characters or fewer"]),
    ]
    for answers, expected in cases:
        page = editor.submit(form, answers)
        assert page.status == 422, answers
        assert _errors(page) == expected
        # Passwords are never sent back into the page.
        assert not [i for i in page.form().find_all("input", attrs={"type": "password"}) if i.get("value")]
        assert_well_formed(page)
    with app.app_context():
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "staff.password_changed")) is None
    sign_in(app, EMAILS["editor"], PASSWORD)  # unchanged


def test_changing_your_password_ends_your_other_sessions_but_not_this_one(app, staff):
    laptop = sign_in(app, EMAILS["editor"])
    phone = sign_in(app, EMAILS["editor"])
    copied = copy_of_cookie(app, laptop)  # a copy of the laptop's cookie from before the change

    done = laptop.submit(laptop.get("/staff/account/password"), {
        "current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert done.status == 200 and done.path == "/staff/account"
    assert "Your password has been changed" in notice(done)
    assert_well_formed(done)

    # This browser carries on; the other one and the old copy of this one's cookie do not.
    assert laptop.client.get("/staff/").status_code == 200
    assert is_sent_to_sign_in(phone.client.get("/staff/"))
    assert is_sent_to_sign_in(copied.get("/staff/"))

    assert try_sign_in(app, EMAILS["editor"], PASSWORD).status == 422
    sign_in(app, EMAILS["editor"], NEW_PASSWORD)
    with app.app_context():
        entries = db.session.execute(
            select(AuditEntry).where(AuditEntry.action == "staff.password_changed")).scalars().all()
        assert [(e.staff_email, e.subject_id, e.detail) for e in entries] == [
            (EMAILS["editor"], staff["editor"], EMAILS["editor"])]


def test_password_change_with_htmx(app, staff):
    person = sign_in(app, EMAILS["analyst"], htmx=True)
    form = person.get("/staff/account/password")
    assert "<html" not in form.html  # a fragment
    wrong = person.submit(form, {"current_password": "nope", "new_password": NEW_PASSWORD,
                                 "confirm_password": NEW_PASSWORD})
    assert wrong.status == 422 and _errors(wrong) == ["Your current password is not right"]
    assert_well_formed(wrong)
    done = person.submit(form, {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                "confirm_password": NEW_PASSWORD})
    assert done.path == "/staff/account" and "Your password has been changed" in notice(done)
    assert person.client.get("/staff/").status_code == 200


def test_choosing_welsh_switches_the_staff_pages(app, staff):
    editor = sign_in(app, EMAILS["editor"])
    form = editor.get("/staff/account/language")
    assert form.h1 == "Which language do you want to use Consult in?"
    assert form.soup.find("legend").find("h1")
    assert form.form().get("hx-boost") == "false"  # a full page load, so <html lang> changes
    welsh_label = form.soup.find("label", attrs={"for": form.soup.find("input", attrs={"value": "cy"})["id"]})
    assert welsh_label["lang"] == "cy" and welsh_label.get_text(strip=True) == "Cymraeg"
    assert_well_formed(form)

    # The current language is already chosen; a form sent without any choice says what to do.
    assert form.soup.find("input", attrs={"value": "en"}).has_attr("checked")
    response = editor.client.post(form.form()["action"], data={"csrf_token": csrf_token(form)})
    missing = Page(response.status_code, form.path, response.get_data(as_text=True), dict(response.headers))
    assert missing.status == 422 and _errors(missing) == ["Choose a language"]
    assert missing.soup.select_one('.error-summary a[href="#locale-0"]')
    assert_well_formed(missing)

    done = editor.submit(form, {"locale": "cy"})
    assert done.path == "/staff/account"
    assert '<html lang="cy"' in done.html
    assert notice(done)
    assert_well_formed(done)
    assert '<html lang="cy"' in editor.get("/staff/").html
    with app.app_context():
        assert db.session.get(StaffUser, staff["editor"]).locale == "cy"

    # The saved choice follows them to a new browser.
    elsewhere = sign_in(app, EMAILS["editor"])
    assert '<html lang="cy"' in elsewhere.get("/staff/account").html
    # ... and choosing English again wins over a Welsh choice remembered in this session.
    back = editor.submit(editor.get("/staff/account/language"), {"locale": "en"})
    assert '<html lang="en"' in back.html
    assert back.soup.find("input", attrs={"value": "en"}) is None  # the account page, not the form
    assert editor.get("/staff/account/language").soup.find("input", attrs={"value": "en"}).has_attr("checked")


def test_password_change_is_rate_limited(app, staff):
    """Someone at an unlocked computer cannot try current passwords for ever."""
    editor = sign_in(app, EMAILS["editor"])
    form = editor.get("/staff/account/password")
    for attempt in range(10):
        page = editor.submit(form, {"current_password": f"guess {attempt}", "new_password": NEW_PASSWORD,
                                    "confirm_password": NEW_PASSWORD})
        assert page.status == 422
    refused = editor.submit(form, {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                   "confirm_password": NEW_PASSWORD})
    assert refused.status == 429 and refused.h1 == "Too many tries"
    assert_well_formed(refused)
    sign_in(app, EMAILS["editor"], PASSWORD)  # unchanged
