"""Signing in through the identity provider: everything that must be refused, and refused plainly.

Each case goes through the real provider (tests/auth/oidc_provider.py) with one thing wrong. A refusal
signs nobody in, creates and changes nothing, and says why in plain words on a page of its own.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from consult.auth.services import create_staff, deactivate_staff, find_staff
from consult.extensions import db
from consult.models import AuditEntry, StaffUser
from tests.auth.oidc_provider import CLIENT_ID, person
from tests.auth.oidc_support import (  # noqa: F401  (fixtures)
    at_provider,
    come_back,
    identity_provider,
    provider,
    provider_app,
    sign_in_with_provider,
    start,
)
from tests.helpers import Resident
from tests.html_checks import assert_well_formed

FAILED = "Signing in with your organisation’s account did not work."
NO_ROLE = "Your organisation’s account does not give you a role in Consult"
DEACTIVATED = "Your Consult account has been deactivated."
EMAIL_TAKEN = "Another Consult account already uses your email address"
NO_EMAIL = "Your organisation’s account did not tell Consult your email address"
UNREACHABLE = "Consult could not reach your organisation’s sign-in service."


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(StaffUser)),
                db.session.scalar(select(func.count()).select_from(AuditEntry)))


def _assert_refused(page, message: str, browser: Resident, status: int = 403) -> None:
    assert page.status == status, (page.status, page.path, page.text()[:300])
    assert page.h1 == "You cannot sign in"
    assert message in page.text(), page.text()[:500]
    assert page.soup.find("a", href="/staff/sign-in") is not None
    assert page.soup.select_one("nav.staff-nav") is None
    assert_well_formed(page)
    # Not signed in: a staff page still sends this browser to sign in.
    response = browser.client.get("/staff/")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def _refused_with(app, message: str, status: int = 403, path: str = "/staff/sign-in/provider") -> None:
    before = _counts(app)
    browser = Resident(app.test_client())
    _assert_refused(sign_in_with_provider(app, browser, path), message, browser, status)
    assert _counts(app) == before, "a refused sign-in created or recorded something"


def test_claims_that_give_no_role_are_refused_and_nothing_is_made(provider_app, provider):
    provider.user = person(roles=["Some.Other.App", "consult.admin"])  # values are matched exactly
    _refused_with(provider_app, NO_ROLE)
    provider.user = person(roles=[])
    _refused_with(provider_app, NO_ROLE)
    provider.user = {key: value for key, value in person().items() if key != "roles"}
    _refused_with(provider_app, NO_ROLE)
    with provider_app.app_context():
        assert find_staff("person@council.example") is None


def test_no_role_leaves_an_existing_account_as_it_was(provider_app, provider):
    provider.user = person(roles=["Consult.Editor"])
    sign_in_with_provider(provider_app)
    provider.user = person(roles=[])
    _refused_with(provider_app, NO_ROLE)
    with provider_app.app_context():
        assert find_staff("person@council.example").role == "editor"


def test_a_state_this_browser_did_not_start_is_refused(provider_app, provider):
    browser = Resident(provider_app.test_client())
    back = at_provider(start(browser))
    tampered = back.replace("state=", "state=x", 1)
    _assert_refused(come_back(browser, tampered), FAILED, browser)
    # No state at all.
    _assert_refused(come_back(browser, back.split("&state=")[0]), FAILED, browser)
    assert _counts(provider_app) == (0, 0)


def test_a_code_and_state_from_another_browser_are_refused(provider_app, provider):
    # Login CSRF: someone starts a sign-in as themselves and gets another person's browser to
    # finish it. The state belongs to the first browser's session, so the second is refused.
    attacker = Resident(provider_app.test_client())
    back = at_provider(start(attacker))
    victim = Resident(provider_app.test_client())
    _assert_refused(come_back(victim, back), FAILED, victim)
    assert _counts(provider_app) == (0, 0)


def test_the_return_address_works_once(provider_app, provider):
    browser = Resident(provider_app.test_client())
    back = at_provider(start(browser))
    signed_in = come_back(browser, back)
    assert signed_in.path == "/staff/"
    browser.submit(signed_in)  # the sign-out button
    # The same address again (from the history, or copied): its state was used up.
    _assert_refused(come_back(browser, back), FAILED, browser)


@pytest.mark.parametrize("changes", [
    pytest.param({"nonce": "a-nonce-from-another-sign-in"}, id="wrong nonce"),
    pytest.param({"nonce": None}, id="no nonce"),
    pytest.param({"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}, id="expired"),
    pytest.param({"aud": "another-application"}, id="wrong audience"),
    # Authlib on its own would accept this one (azp names us); the audience check must not.
    pytest.param({"aud": ["another-application"], "azp": CLIENT_ID}, id="audience list without us"),
    pytest.param({"iss": "https://login.example.net/someone-else"}, id="wrong issuer"),
    pytest.param({"iat": None}, id="no issued-at time"),
])
def test_an_id_token_that_fails_a_check_is_refused(provider_app, provider, changes):
    provider.id_token_changes = changes
    _refused_with(provider_app, FAILED)


def test_an_id_token_signed_with_another_key_is_refused(provider_app, provider):
    provider.sign_with_other_key = True
    _refused_with(provider_app, FAILED)


def test_an_id_token_for_us_among_others_is_accepted(provider_app, provider):
    # The other side of the audience check: several audiences are fine when we are one of them.
    provider.id_token_changes = {"aud": [CLIENT_ID, "another-application"], "azp": CLIENT_ID}
    page = sign_in_with_provider(provider_app)
    assert page.path == "/staff/" and page.status == 200


def test_cancelling_at_the_provider_is_refused_plainly(provider_app, provider):
    browser = Resident(provider_app.test_client())
    back = at_provider(start(browser))
    state = back.split("state=")[1]
    page = browser.get(f"/staff/sign-in/provider/return?error=access_denied&state={state}")
    _assert_refused(page, FAILED, browser)


def test_a_deactivated_account_stays_refused(provider_app, provider):
    provider.user = person(roles=["Consult.Editor"])
    sign_in_with_provider(provider_app)
    with provider_app.app_context():
        admin = create_staff("admin@example.org", "a long enough password", "admin")
        deactivate_staff(find_staff("person@council.example"), by=admin)
        db.session.commit()
    provider.user = person(roles=["Consult.Admin"])  # not even a new role lets them back in
    _refused_with(provider_app, DEACTIVATED)
    with provider_app.app_context():
        staff = find_staff("person@council.example")
        assert (staff.active, staff.role) == (False, "editor")


def test_a_deactivated_password_account_is_not_linked(provider_app, provider):
    with provider_app.app_context():
        admin = create_staff("admin@example.org", "a long enough password", "admin")
        deactivate_staff(create_staff("person@council.example", "a long enough password", "analyst"), by=admin)
        db.session.commit()
    _refused_with(provider_app, DEACTIVATED)
    with provider_app.app_context():
        assert find_staff("person@council.example").oidc_subject is None


def test_an_email_that_belongs_to_someone_else_at_the_provider_is_refused(provider_app, provider):
    provider.user = person(sub="first-person")
    sign_in_with_provider(provider_app)
    provider.user = person(sub="second-person")  # the same email address, another person there
    _refused_with(provider_app, EMAIL_TAKEN)


def test_an_unverified_email_does_not_take_over_a_password_account(provider_app, provider):
    with provider_app.app_context():
        create_staff("person@council.example", "a long enough password", "admin")
        db.session.commit()
    provider.user = person(email_verified=False)
    _refused_with(provider_app, EMAIL_TAKEN)


def test_claims_without_an_email_address_make_no_account(provider_app, provider):
    provider.user = person(email=None, preferred_username="not an email address")
    _refused_with(provider_app, NO_EMAIL)
    # Entra sends the sign-in name instead when there is no email claim: that is used.
    provider.user = person(email=None, preferred_username="Person@Council.Example")
    assert sign_in_with_provider(provider_app).path == "/staff/"
    with provider_app.app_context():
        assert find_staff("person@council.example").role == "editor"


def test_a_provider_that_cannot_be_reached_is_said_plainly(app, provider):
    app.config.update(provider.consult_config(OIDC_DISCOVERY_URL="http://127.0.0.1:9/.well-known/openid-configuration"))
    browser = Resident(app.test_client())
    page = browser.get("/staff/sign-in/provider")
    _assert_refused(page, UNREACHABLE, browser, status=503)


def test_a_discovery_document_for_another_issuer_is_refused(provider_app, provider):
    provider.discovery_issuer = "https://login.example.net/someone-else"
    browser = Resident(provider_app.test_client())
    page = browser.get("/staff/sign-in/provider")
    _assert_refused(page, UNREACHABLE, browser, status=503)
