"""The admins' API token page in a real browser: axe-core at 1280 and 320 px (and no sideways
scrolling at 320 px), with JavaScript on and off, in English and Welsh: the page with no tokens, a form
with mistakes, the new token shown once, the list after revoking it."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    TwoWidths,
    button,
    expect_error_state,
    h1_text,
    interface_text,
    path_of,
    shoot,
    shots_folder,
    sign_in,
    submit,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
PAGE = "/staff/api-tokens/"


def _forget_tokens(app) -> None:
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models import ApiToken

    with app.app_context():
        db.session.execute(delete(ApiToken))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def no_tokens(live_server, staff_accounts):
    _forget_tokens(live_server.app)
    yield
    _forget_tokens(live_server.app)


def _shoot(page, name: str) -> None:
    shoot(page, name, folder=shots_folder("api-tokens"))


@pytest.mark.parametrize("js", MODES)
def test_an_admin_makes_and_revokes_a_token(browser_session, no_tokens, js):
    browser_session.allow_http_error(422, r"/staff/api-tokens/")
    checker = TwoWidths(browser_session, js)
    mode = "js" if js else "nojs"
    page = sign_in(browser_session, "admin", js=js)
    page.locator("nav.staff-nav").get_by_role("link", name="API tokens", exact=True).click()
    page.wait_for_url(f"**{PAGE}")
    assert h1_text(page) == "API tokens"
    checker.check("no tokens yet", page, "en")

    submit(page, button(page, "Make the token"))
    expect_error_state(page, "no name, no consultation")
    checker.check("a token with mistakes", page, "en")
    _shoot(page, f"errors-{mode}")

    main = page.locator("main")
    main.get_by_label("Name", exact=True).fill("Council dashboard")
    main.locator("input[name=consultations]").first.check()
    main.get_by_label("All of that, and each response (for analysts)", exact=True).check()
    submit(page, button(page, "Make the token"))
    token = main.get_by_label("Token", exact=True)
    assert token.input_value().startswith("cst_")
    checker.check("the new token", page, "en")
    _shoot(page, f"made-{mode}")

    submit(page, button(page, "Revoke Council dashboard"))
    assert path_of(page) == PAGE
    assert "was revoked" in main.locator(".notice").first.inner_text()
    assert main.get_by_label("Token", exact=True).count() == 0
    checker.check("after revoking", page, "en")

    page.goto(PAGE + "?lang=cy")
    assert h1_text(page) == interface_text("cy", "API tokens")
    checker.check("the list in Welsh", page, "cy")
    submit(page, button(page, interface_text("cy", "Make the token")))
    assert page.locator("main .error-summary").is_visible()
    assert page.title().startswith(interface_text("cy", "Error:") + " "), page.title()
    checker.check("mistakes in Welsh", page, "cy")
    _shoot(page, f"welsh-{mode}")
    checker.assert_clean()
