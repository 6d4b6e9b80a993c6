"""The accessibility statement, the privacy notice and the admins' edit pages in a real browser.

axe-core at 1280 and 320 px (and no sideways scrolling at 320 px), with JavaScript on and off: both
public pages in English, Welsh and Arabic, and in easy read (which says it has standard words only);
the overview and the edit page in English and in Welsh, with an error state, then a save that the
public page shows.
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    TwoWidths,
    button,
    expect_error_state,
    h1_text,
    interface_text,
    path_of,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
REPORTING = "Email access@northshire.example.gov.uk or phone 01234 567 890."
EDIT_ERRORS = r"/staff/statements/(accessibility|privacy)/(en|cy|ar)"


def _forget_statements(app) -> None:
    """Consult's own words again, as a new site starts."""
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models import StatementText

    with app.app_context():
        db.session.execute(delete(StatementText))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def fresh_statements(live_server, staff_accounts):
    _forget_statements(live_server.app)
    yield
    _forget_statements(live_server.app)


@pytest.mark.parametrize("js", MODES)
def test_the_public_statements_pass_axe_in_every_language(browser_session, fresh_statements, js):
    checker = TwoWidths(browser_session, js)
    for language in ("en", "cy", "ar"):
        page = browser_session.new_page(js=js)
        for path, title in (("/accessibility", "Accessibility statement"), ("/privacy", "Privacy notice")):
            page.goto(with_language(path, language))
            assert h1_text(page) == interface_text(language, title)
            checker.check(f"{title} [{language}]", page, language)
    easy = browser_session.new_page(js=js)
    easy.goto("/privacy?register=easy")
    assert "There is no easy read version of this page yet." in easy.locator("main .notice").inner_text()
    checker.check("privacy notice, easy read", easy, "en")
    assert len(checker.scanned) == 7
    checker.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_an_admin_edits_a_statement(browser_session, fresh_statements, js):
    browser_session.allow_http_error(422, EDIT_ERRORS)
    checker = TwoWidths(browser_session, js)
    page = sign_in(browser_session, "admin", js=js)
    page.locator("nav.staff-nav").get_by_role("link", name="Statements", exact=True).click()
    page.wait_for_url("**/staff/statements/")
    checker.check("statements overview", page, "en")

    page.locator("main").get_by_role("link", name="Edit Accessibility statement in English").click()
    page.wait_for_url("**/staff/statements/accessibility/en")
    assert h1_text(page) == "Accessibility statement in English"
    checker.check("edit statement", page, "en")

    main = page.locator("main")
    main.get_by_label("Compliance status", exact=True).fill("")
    submit(page, button(page, "Save and publish"))
    expect_error_state(page, "edit statement, a section empty")
    checker.check("edit statement, a section empty and no date", page, "en")

    main.get_by_label("Compliance status", exact=True).fill("This website is partially compliant with WCAG 2.2 AA.")
    main.get_by_label("Reporting accessibility problems", exact=True).fill(REPORTING)
    main.get_by_label("Last reviewed", exact=True).fill("01/12/2026")
    submit(page, button(page, "Save and publish"))
    assert path_of(page) == "/staff/statements/"
    assert "has been saved" in page.locator("main .notice").inner_text()

    public = browser_session.new_page(js=js)
    public.goto("/accessibility")
    assert REPORTING in public.locator("#reporting + .statement-section").inner_text()

    # The Welsh version, edited from a Welsh interface: English words shown beside the boxes.
    page.goto("/staff/statements/privacy/cy?lang=cy")
    assert page.locator("main details").count() == 8
    checker.check("edit privacy notice in Welsh", page, "cy")
    page.locator("main details").first.locator("summary").click()
    assert "data controller" in page.locator("main details").first.inner_text()
    page.locator("main").get_by_label(interface_text("cy", "Last reviewed"), exact=True).fill("31/02/2026")
    submit(page, button(page, interface_text("cy", "Save and publish")))
    assert page.locator("main .error-summary").is_visible()
    assert page.title().startswith(interface_text("cy", "Error:") + " "), page.title()
    checker.check("edit privacy notice in Welsh, a wrong date", page, "cy")
    checker.assert_clean()
