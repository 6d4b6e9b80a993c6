"""The builder's section pages in a real browser, signed in as an editor: make a section (and its
error), add the next question, take one out, delete it. axe-core at 1280 and 320 px, JavaScript on
and off, English and Welsh."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    TwoWidths,
    expect_error_state,
    h1_text,
    interface_text,
    make_draft,
    path_of,
    shoot,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "sections-in-the-builder"
ERROR_PATHS = r"/staff/consultations/\d+/sections"


@pytest.fixture
def draft(live_server, staff_accounts):
    made = make_draft(live_server.app, SLUG, "About you and your home", other_languages=("cy",), questions=[
        ("short_text", "Your name", [], None),
        ("single_choice", "Your age group", ["Under 18", "18 or over"], None),
        ("short_text", "Your town", [], None),
    ])
    yield made
    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation

    with live_server.app.app_context():
        old = db.session.get(Consultation, made["id"])
        if old is not None:
            delete_consultation(old)
            db.session.commit()


def _shoot(page, name: str) -> None:
    shoot(page, name, folder=shots_folder("sections-builder"))


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_make_change_and_delete_a_section(browser_session, draft, js, language):
    def _(message: str) -> str:
        return interface_text(language, message)

    browser_session.allow_http_error(422, ERROR_PATHS)
    page = sign_in(browser_session, "editor", js=js)
    scan = TwoWidths(browser_session, js)
    consultation_id = draft["id"]
    name_id, age_id, town_id = draft["questions"]
    page.goto(with_language(f"/staff/consultations/{consultation_id}", language))
    link = page.locator("main").get_by_role("link", name=_("Put questions on one page (sections)"))
    page.goto(link.get_attribute("href"))
    assert path_of(page) == f"/staff/consultations/{consultation_id}/sections"
    scan.check("sections, none yet", page, language)

    # No title: an error that says what to do.
    submit(page, page.locator("main").get_by_role("button", name=_("Make section")), js)
    if language == "en":
        expect_error_state(page, "a section without a title")
    assert page.locator("main .error-summary").count() == 1
    scan.check("sections, title missing", page, language)
    _shoot(page, f"sections-error-{language}-{'js' if js else 'nojs'}")

    page.locator("main").get_by_label(_("Section title"), exact=True).fill("About you")
    submit(page, page.locator("main").get_by_role("button", name=_("Make section")), js)
    assert path_of(page).startswith(f"/staff/consultations/{consultation_id}/sections/"), page.url
    assert h1_text(page) == "About you"
    scan.check("a new section", page, language)

    # Add the next question, then take the first one out.
    submit(page, page.locator(f"#add-{age_id}"), js)
    assert page.locator(f"#remove-{age_id}").count() == 1
    scan.check("a section of two", page, language)
    _shoot(page, f"section-{language}-{'js' if js else 'nojs'}")
    submit(page, page.locator(f"#remove-{name_id}"), js)
    assert page.locator(f"#remove-{name_id}").count() == 0 and page.locator(f"#add-{name_id}").count() == 1

    # Delete it: back to the list, where there are none.
    submit(page, page.locator("main").get_by_role("button", name=_("Delete section")), js)
    assert path_of(page) == f"/staff/consultations/{consultation_id}/sections", page.url
    assert _("There are no sections yet.") in page.locator("main").inner_text()
    scan.check("sections after deleting", page, language)
    scan.assert_clean()
