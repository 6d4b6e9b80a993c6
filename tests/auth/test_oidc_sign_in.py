"""Signing in through the organisation's identity provider (a real OpenID provider the tests start).

What goes right: each role from the claims, the account made at the first sign-in and its role kept
in step at the next, the audit log, the way back to the page asked for, and a session that behaves
exactly like one started with a password (idle timeout, sign-out, no two-step code).
"""

from __future__ import annotations

from sqlalchemy import select

from consult.auth.services import create_staff, find_staff
from consult.extensions import db
from consult.models import AuditEntry
from tests.auth.oidc_provider import CLIENT_ID, person
from tests.auth.oidc_support import (  # noqa: F401  (fixtures)
    at_provider,
    come_back,
    identity_provider,
    provider,
    provider_app,
    query,
    sign_in_with_provider,
    start,
)
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

ROLE_CLAIMS = {"admin": "Consult.Admin", "editor": "Consult.Editor", "analyst": "Consult.Analyst"}


def _account(app, email: str):
    with app.app_context():
        staff = find_staff(email)
        return None if staff is None else {"id": staff.id, "role": staff.role, "active": staff.active,
                                           "subject": staff.oidc_subject}


def _audit(app) -> list[tuple[str, str | None, str]]:
    with app.app_context():
        entries = db.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
        return [(entry.action, entry.staff_email, entry.detail) for entry in entries]


def _assert_signed_in(page, path: str = "/staff/") -> None:
    assert page.status == 200 and page.path == path, (page.status, page.path, page.text()[:300])
    assert page.soup.select_one("nav.staff-nav"), page.text()[:300]


def test_each_role_comes_from_the_claims(provider_app, provider):
    browsers = {}
    for number, (role, value) in enumerate(ROLE_CLAIMS.items()):
        email = f"{role}-person@council.example"
        provider.user = person(sub=f"sub-{number}", email=email, roles=[value, "Some.Other.Role"])
        browsers[role] = Resident(provider_app.test_client())
        page = sign_in_with_provider(provider_app, browsers[role])
        _assert_signed_in(page)
        assert_well_formed(page)
        account = _account(provider_app, email)
        assert account["role"] == role and account["subject"] == f"{provider.issuer} sub-{number}"
    # The role is the one the app checks: only the admin reaches the people page.
    assert browsers["admin"].get("/staff/people").status == 200
    assert browsers["editor"].get("/staff/people").status == 403
    assert browsers["analyst"].get("/staff/people").status == 403


def test_several_values_give_the_strongest_role(provider_app, provider):
    provider.user = person(roles=["Consult.Analyst", "Consult.Admin", "Consult.Editor"])
    _assert_signed_in(sign_in_with_provider(provider_app))
    assert _account(provider_app, "person@council.example")["role"] == "admin"


def test_groups_claim_with_a_single_string_value(provider_app, provider):
    # Google Workspace has no groups in its ID token: its hosted domain (hd) can give everyone one role.
    provider_app.config.update(OIDC_ROLES_CLAIM="hd", OIDC_ROLE_VALUES={"analyst": ("council.example",)})
    provider.user = person(roles=[], hd="council.example")
    _assert_signed_in(sign_in_with_provider(provider_app))
    assert _account(provider_app, "person@council.example")["role"] == "analyst"


def test_the_request_to_the_provider_carries_state_nonce_and_pkce(provider_app, provider):
    browser = Resident(provider_app.test_client())
    to_provider = start(browser)
    asked = query(to_provider)
    assert to_provider.startswith(f"{provider.issuer}/authorize?")
    assert asked["client_id"] == CLIENT_ID and asked["response_type"] == "code"
    assert asked["scope"].split() == ["openid", "email", "profile"]
    assert asked["redirect_uri"] == "http://localhost/staff/sign-in/provider/return"
    assert len(asked["state"]) >= 20 and len(asked["nonce"]) >= 20
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) == 43
    # A second start makes new ones: nothing is reused between attempts.
    again = query(start(Resident(provider_app.test_client())))
    assert (again["state"], again["nonce"], again["code_challenge"]) != (
        asked["state"], asked["nonce"], asked["code_challenge"])
    _assert_signed_in(come_back(browser, at_provider(to_provider)))
    # The provider checked the verifier against the challenge (it refuses a wrong one).
    assert provider.token_requests[-1]["code_verifier"]


def test_first_sign_in_creates_the_account_and_audits_it(provider_app, provider):
    provider.user = person(email="New.Person@Council.Example", roles=["Consult.Editor"])
    _assert_signed_in(sign_in_with_provider(provider_app))
    account = _account(provider_app, "new.person@council.example")
    assert account == {"id": account["id"], "role": "editor", "active": True,
                       "subject": f"{provider.issuer} user-1"}
    assert _audit(provider_app) == [("staff.created_by_provider", "new.person@council.example",
                                     "new.person@council.example (editor)")]
    # The account cannot be signed in to with a password: nobody was ever told one.
    browser = Resident(provider_app.test_client())
    page = browser.submit(browser.get("/staff/sign-in"), {"email": "new.person@council.example", "password": ""})
    assert page.status == 422 and page.path == "/staff/sign-in"


def test_later_sign_ins_update_the_role_from_the_claims(provider_app, provider):
    provider.user = person(roles=["Consult.Analyst"])
    _assert_signed_in(sign_in_with_provider(provider_app))
    provider.user = person(roles=["Consult.Editor"], email="renamed@council.example")
    _assert_signed_in(sign_in_with_provider(provider_app))
    account = _account(provider_app, "person@council.example")
    assert account["role"] == "editor"
    assert _account(provider_app, "renamed@council.example") is None  # known by subject, not by email
    provider.user = person(roles=["Consult.Editor"])
    _assert_signed_in(sign_in_with_provider(provider_app))  # the same role: nothing to record
    assert [action for action, _, _ in _audit(provider_app)] == ["staff.created_by_provider", "staff.role_from_provider"]
    assert _audit(provider_app)[1] == ("staff.role_from_provider", "person@council.example",
                                       "person@council.example: analyst → editor")


def test_an_existing_password_account_is_linked_on_first_sign_in(provider_app, provider):
    with provider_app.app_context():
        create_staff("person@council.example", "a long enough password", "analyst")
        db.session.commit()
    provider.user = person(roles=["Consult.Admin"])
    _assert_signed_in(sign_in_with_provider(provider_app))
    account = _account(provider_app, "person@council.example")
    assert account["role"] == "admin" and account["subject"] == f"{provider.issuer} user-1"
    assert [action for action, _, _ in _audit(provider_app)] == ["staff.provider_linked", "staff.role_from_provider"]
    # The password still works: both ways of signing in stay on.
    browser = Resident(provider_app.test_client())
    page = browser.submit(browser.get("/staff/sign-in"),
                          {"email": "person@council.example", "password": "a long enough password"})
    _assert_signed_in(page)


def test_audit_log_names_the_provider_entries(provider_app, provider):
    provider.user = person(roles=["Consult.Admin"])
    browser = Resident(provider_app.test_client())
    sign_in_with_provider(provider_app, browser)
    page = browser.get("/staff/audit")
    assert page.status == 200
    assert "Staff member added at their first sign-in with the organisation’s account" in page.text()


def test_the_page_asked_for_comes_after_signing_in(provider_app, provider):
    page = sign_in_with_provider(provider_app, path="/staff/sign-in/provider?next=/staff/account")
    _assert_signed_in(page, "/staff/account")
    # Never another site.
    page = sign_in_with_provider(provider_app, path="/staff/sign-in/provider?next=//evil.example/")
    _assert_signed_in(page, "/staff/")


def test_the_session_is_the_same_as_after_a_password(provider_app, provider):
    browser = Resident(provider_app.test_client())
    browser.get("/staff/sign-in?lang=cy")  # a language chosen before signing in is kept, as with a password
    page = sign_in_with_provider(provider_app, browser)
    _assert_signed_in(page)
    assert '<html lang="cy"' in page.html
    with browser.client.session_transaction() as session:
        # The idle timeout's clock started (consult/auth/idle.py), nothing of the journey is left.
        assert isinstance(session.get("staff_seen"), int)
        assert not [key for key in session if key.startswith("_state_")]
    # A copy of the cookie stops working at sign-out, as for a password session.
    stolen = provider_app.test_client()
    stolen.set_cookie("session", browser.client.get_cookie("session").value)
    signed_out = browser.submit(page)  # the sign-out button
    assert signed_out.path == "/staff/signed-out"
    assert stolen.get("/staff/").status_code == 302


def test_idle_timeout_ends_a_provider_session(provider_app, provider):
    browser = Resident(provider_app.test_client())
    _assert_signed_in(sign_in_with_provider(provider_app, browser))
    with browser.client.session_transaction() as session:
        session["staff_seen"] -= provider_app.config["STAFF_IDLE_MINUTES"] * 60 + 5
    response = browser.client.get("/staff/account")
    assert response.status_code == 303 and "/staff/sign-in" in response.headers["Location"]
    # The sign-in page says why, and its provider button leads back to the page that was asked for.
    page = browser.get(response.headers["Location"])
    assert page.soup.select_one("#idle-notice") is not None
    again = sign_in_with_provider(provider_app, browser, page.soup.select_one("a.provider-sign-in__button")["href"])
    _assert_signed_in(again, "/staff/account")


def test_no_two_step_code_is_asked_after_the_provider(provider_app, provider):
    from consult.auth import two_step

    with provider_app.app_context():
        staff = create_staff("person@council.example", "a long enough password", "admin")
        two_step.start_setup(staff)
        staff.totp_enabled_at = staff.created_at  # two-step sign-in on for the password
        db.session.commit()
    provider_app.config["TWO_FACTOR_REQUIRED"] = True
    provider.user = person(roles=["Consult.Admin"])
    browser = Resident(provider_app.test_client())
    _assert_signed_in(sign_in_with_provider(provider_app, browser))
    # An admin without two-step sign-in is not sent to set it up either: the provider does that part.
    provider.user = person(sub="user-2", email="other-admin@council.example", roles=["Consult.Admin"])
    other = Resident(provider_app.test_client())
    _assert_signed_in(sign_in_with_provider(provider_app, other))
    assert other.get("/staff/people").path == "/staff/people"
    # With the password, the same rule as ever: the code comes first.
    password = Resident(provider_app.test_client())
    page = password.submit(password.get("/staff/sign-in"),
                           {"email": "person@council.example", "password": "a long enough password"})
    assert page.path == "/staff/sign-in/code"


def test_the_button_shows_only_when_configured(app, provider):
    browser = Resident(app.test_client())
    page = browser.get("/staff/sign-in")
    assert page.soup.select(".provider-sign-in") == []
    assert browser.client.get("/staff/sign-in/provider").status_code == 404
    assert browser.client.get("/staff/sign-in/provider/return?code=x&state=y").status_code == 404

    app.config.update(provider.consult_config())
    page = browser.get("/staff/sign-in?next=/staff/account")
    assert_well_formed(page)
    link = page.soup.select_one("a.provider-sign-in__button")
    assert link.get_text(strip=True) == "Sign in with Contoso"
    assert link["href"] == "/staff/sign-in/provider?next=/staff/account"
    # The password form is still there, after the button, under its own heading.
    assert page.soup.select_one("form input[name=password]") is not None
    assert page.soup.find("h2").get_text(strip=True) == "Or sign in with your email address and password"

    app.config.update(OIDC_BUTTON_LABEL="Sign in with your Contoso account (staff)")
    label = browser.get("/staff/sign-in").soup.select_one("a.provider-sign-in__button").get_text(strip=True)
    assert label == "Sign in with your Contoso account (staff)"
    app.config.update(OIDC_BUTTON_LABEL="", OIDC_PROVIDER_NAME="")
    label = browser.get("/staff/sign-in").soup.select_one("a.provider-sign-in__button").get_text(strip=True)
    assert label == "Sign in with your organisation’s account"


def test_claim_values_read_lists_strings_and_nested_claims():
    from consult.auth.oidc import claim_values

    assert claim_values({"roles": ["a", "b", 3]}, "roles") == ["a", "b"]
    assert claim_values({"hd": "council.example"}, "hd") == ["council.example"]
    assert claim_values({"realm_access": {"roles": ["consult-admin"]}}, "realm_access.roles") == ["consult-admin"]
    assert claim_values({"roles": {"not": "a list"}}, "roles") == []
    assert claim_values({}, "groups") == []
