"""A section's page in a real browser: several questions under one h1, axe at 1280 and 320 px,
JavaScript on and off, in English, Welsh and Arabic, and its error state with two questions in error."""

from __future__ import annotations

import pytest

from tests.browser.pages import _expect_error_state
from tests.browser.support import (
    DESKTOP,
    MOBILE,
    SnapshotScanner,
    axe_violations,
    button,
    format_violations,
    h1_text,
    horizontal_overflow,
    interface_text,
    path_of,
    shots_folder,
    submit,
    wider_than_viewport,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "section-page"
TITLES = {"en": "About you", "cy": "Amdanoch chi", "ar": "عنك"}
NAME = {"en": "Your name", "cy": "Eich enw", "ar": "اسمك"}
AGE = {"en": "Your age group", "cy": "Eich grŵp oedran", "ar": "فئتك العمرية"}
AGES = [{"en": "Under 18", "cy": "O dan 18", "ar": "أقل من 18"}, {"en": "18 or over", "cy": "18 neu hŷn", "ar": "18 أو أكثر"}]
EMAIL = {"en": "Your email address", "cy": "Eich cyfeiriad e-bost", "ar": "بريدك الإلكتروني"}


@pytest.fixture
def made(live_server):
    """A published consultation in English, Welsh and Arabic: one question, then a section of three."""
    from datetime import timedelta

    from sqlalchemy import select

    from consult.build import sections
    from consult.build.questions import add_question
    from consult.build.services import create_consultation, delete_consultation
    from consult.extensions import db
    from consult.models import Consultation
    from consult.models._time import utcnow

    with live_server.app.app_context():
        old = db.session.scalar(select(Consultation).where(Consultation.slug == SLUG))
        if old is not None:
            for section in sections.sections_of(old):
                sections.delete_section(section)
            delete_consultation(old)
        now = utcnow().replace(microsecond=0)
        consultation = create_consultation(SLUG, title={"en": "Your town", "cy": "Eich tref", "ar": "مدينتك"},
                                           summary={"en": "Four questions.", "cy": "Pedwar cwestiwn.", "ar": "أربعة أسئلة."},
                                           status="published", opens_at=now - timedelta(days=1),
                                           closes_at=now + timedelta(days=30), other_languages=["cy", "ar"])
        add_question(consultation, "short_text", {"en": "Your town", "cy": "Eich tref", "ar": "مدينتك"})
        name = add_question(consultation, "short_text", NAME)
        age = add_question(consultation, "single_choice", AGE, options=AGES)
        email = add_question(consultation, "email", EMAIL, required=False)
        db.session.flush()
        db.session.expire(consultation, ["questions"])
        section = sections.make_section(consultation, name, TITLES["en"])
        section.title.set("cy", TITLES["cy"])
        section.title.set("ar", TITLES["ar"])
        db.session.expire(consultation, ["questions"])
        sections.add_to_section(consultation, section, age)
        sections.add_to_section(consultation, section, email)
        db.session.commit()
        db.session.remove()


def _clean(page, name: str, scanner: SnapshotScanner | None) -> None:
    if scanner is None:
        violations, shown = axe_violations(page), page
    else:
        violations, shown = scanner.violations(page), scanner.page
    assert not violations, f"{name}: axe found:\n{format_violations(violations)}"
    scroll, width = horizontal_overflow(shown)
    assert scroll <= width, f"{name}: the page scrolls sideways at {width} px: {wider_than_viewport(shown)}"


def _shot(page, name: str, js: bool, viewport: dict, language: str) -> None:
    folder = shots_folder("sections")
    page.screenshot(path=str(folder / f"{name}-{language}-{viewport['width']}-{'js' if js else 'nojs'}.png"),
                    full_page=True, caret="initial")


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "320"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_section_page_and_its_errors(browser_session, made, js, viewport, language):
    def _(message: str) -> str:
        return interface_text(language, message)

    browser_session.allow_http_error(422, rf"/c/{SLUG}/q/\d+")
    page = browser_session.new_page(js=js, viewport=viewport)
    scanner = None if js else SnapshotScanner(browser_session, viewport)
    page.goto(with_language(f"/c/{SLUG}", language))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    submit(page, button(page, _("Start now")))
    page.locator("main input[type=text]").fill("Leeds")
    submit(page, button(page, _("Continue")))

    # The section: its title the only h1, each question an h2 in its label or legend.
    assert path_of(page) == f"/c/{SLUG}/q/2", page.url
    assert page.locator("h1").count() == 1 and h1_text(page) == TITLES[language]
    headings = page.locator("main form h2").all_inner_texts()
    assert [h.split(" (")[0].strip() for h in headings] == [NAME[language], AGE[language], EMAIL[language]]
    assert page.locator("main fieldset legend h2").inner_text() == AGE[language]
    _clean(page, "the section page", scanner)
    _shot(page, "section", js, viewport, language)

    # Two questions in error (no name, an email address that is not one); the age group chosen stays.
    page.locator("main").get_by_label(AGES[1][language], exact=True).check()
    page.locator("main input[type=email]").fill("not an email")
    submit(page, button(page, _("Continue")))
    _expect_error_state(page, "a section with two questions in error", language)
    links = page.locator("main .error-summary a")
    assert links.count() == 2
    targets = [links.nth(i).get_attribute("href") for i in range(2)]
    for target in targets:
        assert page.locator(target).count() == 1, f"{target} is not on the page"
    assert page.locator("main .field-error").count() == 2
    assert page.locator("main").get_by_label(AGES[1][language], exact=True).is_checked()
    assert page.locator("main input[type=email]").input_value() == "not an email"
    _clean(page, "the section page with errors", scanner)
    _shot(page, "section-errors", js, viewport, language)
    if js:
        # The summary's link takes focus to the question it names.
        links.nth(0).click()
        assert page.evaluate("() => document.activeElement.id") == targets[0][1:]

    page.locator("main input[type=text]").first.fill("Sam")
    page.locator("main input[type=email]").fill("sam@example.org")
    submit(page, button(page, _("Continue")))
    assert path_of(page).endswith("/check"), page.url
    assert "sam@example.org" in page.locator("main").inner_text()
