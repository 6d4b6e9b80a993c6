"""The staff page for API tokens: admins only, CSRF on every post, the token shown once, revoking
works at once, and everything is in the audit log."""

from __future__ import annotations

from sqlalchemy import select

from consult.extensions import db
from consult.models import ApiToken, AuditEntry
from tests.html_checks import assert_well_formed

PAGE = "/staff/api-tokens/"


def _made_secret(page) -> str:
    field = page.soup.find(id="new-token-value")
    return field["value"] if field else ""


def make(admin, demo, **answers):
    page = admin.get(PAGE)
    choices = {"name": "Council dashboard", "access": "reader", "consultations": [str(demo["id"])], "days": "30"}
    return admin.submit(page, {**choices, **answers})


def test_only_admins_open_it(app, signed_in, demo):
    assert signed_in("editor").client.get(PAGE).status_code == 403
    assert signed_in("analyst").client.get(PAGE).status_code == 403
    page = signed_in("admin").get(PAGE)
    assert page.status == 200 and page.h1 == "API tokens"
    assert_well_formed(page)
    assert page.soup.select_one('nav.staff-nav a[aria-current="page"]').get_text(strip=True) == "API tokens"


def test_a_new_token_is_shown_once_and_works(app, signed_in, demo):
    admin = signed_in("admin")
    page = make(admin, demo)
    assert page.status == 200
    secret = _made_secret(page)
    assert secret.startswith("cst_")
    reply = app.test_client().get("/api/v1/consultations", headers={"Authorization": f"Bearer {secret}"})
    assert [item["slug"] for item in reply.get_json()["data"]] == [demo["slug"]]
    again = admin.get(PAGE)
    assert secret not in again.html and _made_secret(again) == ""
    assert "Council dashboard" in again.text() and secret[:10] in again.text()
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api_token.created"))
        assert entry.staff_email == "admin@example.org" and secret not in entry.detail


def test_mistakes_are_named_and_nothing_is_made(app, signed_in, demo):
    admin = signed_in("admin")
    page = make(admin, demo, name="  ", consultations=[])
    assert page.status == 422
    summary = page.soup.select_one(".error-summary")
    links = {link["href"]: link.get_text(strip=True) for link in summary.select("a")}
    assert links == {"#name": "Enter a name for the token", "#consultations-0": "Choose at least one consultation"}
    assert page.soup.find(id="consultations-0") is not None
    assert page.title.startswith("Error:")
    with app.app_context():
        assert db.session.scalar(select(ApiToken)) is None


def test_a_consultation_that_is_not_offered_is_refused(app, signed_in, demo):
    page = make(signed_in("admin"), demo, consultations=["999999"])
    assert page.status == 422


def test_posts_need_the_csrf_token(app, signed_in, demo):
    admin = signed_in("admin")
    response = admin.client.post(PAGE, data={"name": "x", "access": "reader", "consultations": [str(demo["id"])],
                                             "days": "30"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(ApiToken)) is None


def test_revoking_stops_the_token_at_once(app, signed_in, demo):
    admin = signed_in("admin")
    secret = _made_secret(make(admin, demo))
    page = admin.get(PAGE)
    posts = [form for form in page.soup.find_all("form") if form.get("method") == "post"]
    index = next(n for n, form in enumerate(posts) if form["action"].endswith("/revoke"))
    page = admin.submit(page, form_index=index)
    assert page.status == 200 and "was revoked" in page.text() and "Revoked on" in page.text()
    reply = app.test_client().get("/api/v1/consultations", headers={"Authorization": f"Bearer {secret}"})
    assert reply.status_code == 401 and reply.get_json()["error"]["code"] == "token_revoked"
    with app.app_context():
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api_token.revoked")) is not None


def test_the_page_is_in_welsh_too(app, signed_in, demo):
    admin = signed_in("admin")
    page = admin.get(PAGE + "?lang=cy")
    assert page.status == 200 and page.soup.html["lang"] == "cy"
    assert_well_formed(page)
