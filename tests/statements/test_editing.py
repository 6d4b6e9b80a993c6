"""Admins edit the statements, one language at a time; nobody else can, and nothing typed becomes markup."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import AuditEntry, StatementText
from tests.auth.support import EMAILS, csrf_token, notice
from tests.html_checks import assert_well_formed
from tests.statements.conftest import section

REPORTING = "Email access@northshire.example.gov.uk or phone 01234 567 890."


def _field(page, name: str) -> str:
    control = page.soup.find(attrs={"name": name})
    return control.get_text() if control.name == "textarea" else control.get("value", "")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_admin_edits_the_english_statement_and_it_is_published(app, admin, resident, edit_form):
    overview = admin.get("/staff/statements/")
    assert overview.status == 200 and overview.h1 == "Statements"
    assert "Consult’s own words, not reviewed yet" in overview.text()
    assert_well_formed(overview)
    page = admin.get(edit_form("accessibility"))
    assert page.status == 200 and page.h1 == "Accessibility statement in English"
    assert "partially compliant" in _field(page, "compliance")  # Consult's words to start from
    assert _field(page, "reviewed_on") == ""
    assert_well_formed(page)

    saved = admin.submit(page, {"reporting": REPORTING, "reviewed_on": "01/12/2026"})
    assert saved.path == "/staff/statements/" and saved.status == 200
    assert notice(saved) == "The accessibility statement in English has been saved."
    assert "Your words, last reviewed on 1 December 2026" in saved.text()

    public = resident.get("/accessibility")
    assert section(public, "reporting").get_text(strip=True) == REPORTING
    assert "partially compliant" in section(public, "compliance").get_text()  # the rest kept
    assert "This statement was last reviewed on 1 December 2026." in public.text()
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "statement.changed")).one()
        assert entry.staff_email == EMAILS["admin"] and entry.detail == "accessibility (en)"
    assert "Accessibility statement or privacy notice changed" in admin.get("/staff/audit").text()


@pytest.mark.parametrize("mode", ["plain", "htmx"])
def test_saving_with_htmx_or_without_lands_on_the_overview(app, signed_in, staff, edit_form, mode):
    admin = signed_in("admin", htmx=mode == "htmx")
    page = admin.get(edit_form("privacy"))
    saved = admin.submit(page, {"reviewed_on": "2026-11-30"})
    assert saved.path == "/staff/statements/" and saved.status == 200
    assert notice(saved) == "The privacy notice in English has been saved."


def test_english_needs_every_section_and_a_review_date(app, admin, resident, edit_form):
    page = admin.get(edit_form("privacy"))
    refused = admin.submit(page, {"why": "  \n ", "reviewed_on": ""})
    assert refused.status == 422
    assert refused.title.startswith("Error:")
    summary = [a.get_text(strip=True) for a in refused.soup.select(".error-summary a")]
    assert summary == ["Enter the words for “Why we use it, and our lawful basis”",
                       "Enter the date you last reviewed this statement"]
    assert_well_formed(refused)
    # What the admin typed elsewhere is kept in the boxes.
    assert "UK GDPR Article 6(1)(e)" not in _field(refused, "why")
    assert "Information Commissioner" in _field(refused, "complain")
    for typed, message in (("31/02/2026", "Enter the date as a day, month and year, like 25/03/2027"),
                           ("01/01/2999", "The date cannot be in the future")):
        again = admin.submit(refused, {"why": "Public task.", "reviewed_on": typed})
        assert again.status == 422
        assert again.soup.select_one(".error-summary a").get_text(strip=True) == message
    too_long = admin.submit(refused, {"why": "x" * 10_001, "reviewed_on": "01/12/2026"})
    assert too_long.status == 422
    assert "must be 10,000 characters or fewer" in too_long.soup.select_one(".error-summary").get_text()
    with app.app_context():
        assert _count(StatementText) == 0
    assert "Our lawful basis is public task" in resident.get("/privacy").text()


def test_welsh_shows_english_where_the_english_has_changed_until_it_is_translated(app, admin, resident, edit_form):
    admin.submit(admin.get(edit_form("accessibility")), {"reporting": REPORTING, "reviewed_on": "01/12/2026"})
    welsh = resident.get("/accessibility?lang=cy")
    reporting = section(welsh, "reporting")
    assert (reporting.get("lang"), reporting.get_text(strip=True)) == ("en", REPORTING)
    assert section(welsh, "compliance").get("lang") is None  # unchanged in English: Consult's Welsh words
    assert "2026" in welsh.soup.select("main p")[-1].get_text()  # the English review date, in Welsh

    # The translator sees the new English words beside an empty box, and Consult's Welsh for the rest.
    page = admin.get(edit_form("accessibility", "cy"))
    assert page.h1 == "Accessibility statement in Welsh"
    assert _field(page, "reporting").strip() == ""
    assert "cydymffurfio’n rhannol" in _field(page, "compliance")
    english = page.soup.find(id="reporting").find_parent(class_="form-group").select_one("details")
    assert english.select_one("[lang=en]").get_text(strip=True) == REPORTING
    assert page.soup.find(id="reporting")["lang"] == "cy"
    assert_well_formed(page)

    welsh_words = "E-bostiwch access@northshire.example.gov.uk neu ffoniwch 01234 567 890."
    admin.submit(page, {"reporting": welsh_words})
    welsh = resident.get("/accessibility?lang=cy")
    reporting = section(welsh, "reporting")
    assert (reporting.get("lang"), reporting.get_text(strip=True)) == (None, welsh_words)


def test_arabic_shows_what_staff_wrote_in_arabic_and_english_elsewhere(admin, resident, edit_form):
    page = admin.get(edit_form("privacy", "ar"))
    assert all(_field(page, name).strip() == "" for name in ("who", "collect", "rights"))
    assert (page.soup.find(id="who")["lang"], page.soup.find(id="who")["dir"]) == ("ar", "rtl")
    arabic = "يدير هذا الموقع مجلس نورثشاير."
    admin.submit(page, {"who": arabic})
    shown = resident.get("/privacy?lang=ar")
    who = section(shown, "who")
    assert (who.get("lang"), who.get_text(strip=True)) == (None, arabic)
    assert section(shown, "collect").get("lang") == "en"
    assert_well_formed(shown)


def test_staff_text_is_shown_as_text_never_as_markup(admin, resident, edit_form):
    typed = '<script>alert("x")</script>\n\n<a href="javascript:alert(1)">Click</a> <img src=x onerror=alert(1)>'
    admin.submit(admin.get(edit_form("privacy")), {"who": typed, "reviewed_on": "01/12/2026"})
    page = resident.get("/privacy")
    who = section(page, "who")
    assert who.find("script") is None and who.find("a") is None and who.find("img") is None
    assert [p.get_text() for p in who.find_all("p")] == ['<script>alert("x")</script>',
                                                         '<a href="javascript:alert(1)">Click</a> <img src=x onerror=alert(1)>']
    assert "&lt;script&gt;" in page.html


@pytest.mark.parametrize("role", ["editor", "analyst"])
def test_only_admins_may_edit(app, signed_in, staff, edit_form, role):
    person = signed_in(role)
    token = csrf_token(person.get("/staff/account"))
    for path in ("/staff/statements/", edit_form("accessibility"), edit_form("privacy", "cy")):
        page = person.get(path)
        assert page.status == 403 and page.h1 == "You do not have access to this page", path
    response = person.client.post(edit_form("privacy"), data={"csrf_token": token, "who": "Not an admin",
                                                              "reviewed_on": "01/12/2026"})
    assert response.status_code == 403
    assert "Statements" not in [a.get_text(strip=True) for a in person.get("/staff/").soup.select("nav.staff-nav a")]
    with app.app_context():
        assert _count(StatementText) == 0


def test_signed_out_visitors_are_sent_to_sign_in(client_for_anonymous, edit_form):
    response = client_for_anonymous.get(edit_form("accessibility"))
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


@pytest.fixture
def client_for_anonymous(app):
    return app.test_client()


def test_a_post_without_its_csrf_token_is_refused(app, admin, edit_form):
    page = admin.get(edit_form("privacy"))
    data = admin._current_values(page.form())
    data.pop("csrf_token")
    response = admin.client.post(edit_form("privacy"), data={**data, "reviewed_on": "01/12/2026"})
    assert response.status_code == 400
    with app.app_context():
        assert _count(StatementText) == 0


@pytest.mark.parametrize("path", ["/staff/statements/privacy/xx", "/staff/statements/privacy/pl",
                                  "/staff/statements/cookies/en", "/staff/statements/privacy/"])
def test_unknown_statements_and_languages_are_not_found(admin, path):
    assert admin.get(path).status == 404
