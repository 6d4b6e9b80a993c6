"""Signing in through the organisation's identity provider in a real browser.

Chromium goes from Consult's sign-in page to the test OpenID provider (tests/auth/oidc_provider.py, on
a port of its own) and back, and lands on the staff home, in English, Welsh and Arabic, with
JavaScript on and off; axe-core at 1280 and 320 px (and no sideways scrolling at 320 px) on the
sign-in page with the provider's button, the staff home after it, and the page that refuses someone
whose claims give no role.
"""

from __future__ import annotations

import pytest

from tests.auth.oidc_provider import CALLBACK_PATH, person
from tests.auth.oidc_support import identity_provider  # noqa: F401  (fixture)
from tests.browser.support import TwoWidths, h1_text, interface_text, path_of, submit, with_language

pytestmark = pytest.mark.browser

EMAIL = "browser-oidc@council.example"


@pytest.fixture
def provider_on(live_server, identity_provider):
    """Sign-in with the test provider switched on for the live server, and off again afterwards."""
    app = live_server.app
    identity_provider.reset()
    identity_provider.redirect_uris.add(f"{live_server.base_url}{CALLBACK_PATH}")
    app.config.update(identity_provider.consult_config())
    yield identity_provider
    app.config.update(OIDC_ISSUER="")
    identity_provider.reset()


def _t(language: str, text: str) -> str:
    return interface_text(language, text)


def _provider_button(page, language: str):
    return page.locator("main").get_by_role("link", name=_t(language, "Sign in with %(provider)s") % {
        "provider": "Contoso"}, exact=True)


def _walk(session, provider, js: bool, language: str) -> None:
    widths = TwoWidths(session, js)
    page = session.new_page(js=js)

    provider.user = person(email=EMAIL, roles=["Consult.Editor"])
    page.goto(with_language("/staff/sign-in", language))
    widths.check("sign in, with the provider's button", page, language)
    assert page.locator("main form input[type=password]").count() == 1  # passwords stay on
    submit(page, _provider_button(page, language), js=False)  # off to the provider and back: whole pages
    assert path_of(page) == "/staff/", page.url
    assert page.locator("nav.staff-nav").count() == 1
    widths.check("staff home, signed in through the provider", page, language)
    submit(page, page.locator("form.staff-nav__form button"), js=False)  # sign out

    # Someone the provider knows, but whose claims give no role in Consult.
    provider.user = person(sub="no-role", email="no-role@council.example", roles=["Payroll.Reader"])
    page.goto(with_language("/staff/sign-in", language))
    submit(page, _provider_button(page, language), js=False)
    assert path_of(page) == CALLBACK_PATH, page.url
    assert h1_text(page) == _t(language, "You cannot sign in")
    widths.check("refused: no role", page, language)
    widths.assert_clean()


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_signing_in_through_the_identity_provider(browser_session, provider_on, js, language):
    browser_session.allow_http_error(403, CALLBACK_PATH)
    _walk(browser_session, provider_on, js, language)
