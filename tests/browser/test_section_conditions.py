"""Section pages in a real browser: a question that depends on another on the same page (live with
htmx, after Continue without JavaScript), Listen reading the page's questions (the error first), and
the builder's "Only show this page if ...". axe at 1280 and 320 px; screenshots of each page."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    DESKTOP,
    MOBILE,
    SnapshotScanner,
    TwoWidths,
    axe_violations,
    button,
    format_violations,
    h1_text,
    horizontal_overflow,
    path_of,
    shoot,
    shots_folder,
    sign_in,
    submit,
)
from tests.browser.test_listen_behaviour import _page_with_voices

pytestmark = pytest.mark.browser

SLUG = "carers-in-a-browser"
DRIVE, CAR = "Do you drive?", "What car do you drive?"


@pytest.fixture
def carers(live_server, staff_accounts):
    from sqlalchemy import select

    from consult.build import sections
    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation
    from tests.section_condition_helpers import make_carers

    with live_server.app.app_context():
        old = db.session.scalar(select(Consultation).where(Consultation.slug == SLUG))
        if old is not None:
            for section in sections.sections_of(old):
                sections.delete_section(section)
            delete_consultation(old)
            db.session.commit()
        made = make_carers(slug=SLUG)
        db.session.remove()
    return made


def _clean(page, name: str, scanner: SnapshotScanner | None) -> None:
    for viewport in (DESKTOP, MOBILE):
        page.set_viewport_size(viewport)
        if scanner is None:
            violations, shown = axe_violations(page), page
        else:
            scanner.context.pages[0].set_viewport_size(viewport)
            violations, shown = scanner.violations(page), scanner.page
        assert not violations, f"{name} at {viewport['width']} px: axe found:\n{format_violations(violations)}"
        scroll, width = horizontal_overflow(shown)
        assert scroll <= width, f"{name}: the page scrolls sideways at {width} px"
    page.set_viewport_size(DESKTOP)


def _to_travel(page):
    page.goto(f"/c/{SLUG}")
    submit(page, button(page, "Start now"))
    page.locator("main").get_by_label("No", exact=True).check()
    submit(page, button(page, "Continue"))
    assert path_of(page) == f"/c/{SLUG}/q/4" and h1_text(page) == "Travel", page.url


def _drive(page, answer: str):
    return page.locator("main fieldset", has_text=DRIVE).get_by_label(answer, exact=True)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_question_that_depends_on_one_on_the_same_page(browser_session, carers, js):
    browser_session.allow_http_error(422, rf"/c/{SLUG}/q/\d+")
    page = browser_session.new_page(js=js)
    scanner = None if js else SnapshotScanner(browser_session, DESKTOP)
    _to_travel(page)
    assert page.locator("main").get_by_label(CAR).count() == 0
    _clean(page, "Travel, one question", scanner)
    folder = shots_folder("section-conditions")
    shoot(page, "travel-before", js, folder)
    if js:
        # Choosing Yes brings the question in at once; focus stays on Yes; the change is announced.
        _drive(page, "Yes").check()
        page.locator("main").get_by_label(CAR).wait_for()
        assert page.evaluate("() => document.activeElement.id") == _drive(page, "Yes").get_attribute("id")
        page.wait_for_function("() => document.getElementById('announcer').textContent.includes('New question')")
        assert _drive(page, "Yes").is_checked()
        # The caption counts the new question too (it sits above the h1, outside the swapped list).
        page.wait_for_function("() => document.getElementById('section-caption').textContent.includes('to 3 of 4')")
        assert page.locator("main .caption").count() == 1
        _clean(page, "Travel, the new question shown live", None)
        shoot(page, "travel-live", js, folder)
        # No again: it goes.
        _drive(page, "No").check()
        page.locator("main").get_by_label(CAR).wait_for(state="detached")
        _drive(page, "Yes").check()
        page.locator("main").get_by_label(CAR).fill("A red van")
        submit(page, button(page, "Continue"))
    else:
        _drive(page, "Yes").check()
        submit(page, button(page, "Continue"))
        # The page again, with the question the answer brought in, no error, Yes kept.
        assert path_of(page) == f"/c/{SLUG}/q/4"
        assert page.locator("main .error-summary").count() == 0
        assert "more questions on this page" in page.locator("main").inner_text()
        assert _drive(page, "Yes").is_checked()
        _clean(page, "Travel after Continue, the new question shown", scanner)
        shoot(page, "travel-after-continue", js, folder)
        page.locator("main").get_by_label(CAR).fill("A red van")
        submit(page, button(page, "Continue"))
    assert path_of(page) == f"/c/{SLUG}/q/6", page.url
    browser_session.assert_clean()


def test_listen_on_a_section_page_reads_each_question_and_the_error_first(browser_session, carers):
    browser_session.allow_http_error(422, rf"/c/{SLUG}/q/\d+")
    page = _page_with_voices(browser_session, ["en-GB"])
    page.goto(f"/c/{SLUG}")
    submit(page, button(page, "Start now"))
    page.locator("main").get_by_label("Yes", exact=True).check()
    submit(page, button(page, "Continue"))
    assert h1_text(page) == "The person you look after"
    listen = page.locator(".listen__button")
    assert listen.is_visible()
    listen.click()
    spoken = [item["text"] for item in page.evaluate("window.__spoken")]
    assert spoken[0] == "The person you look after"
    assert "Their first name" in spoken and "How often do you help?" in spoken
    assert "Every day" in spoken and "Every week" in spoken
    assert page.locator(".listen__label").inner_text() == "Stop"
    listen.click()
    _clean(page, "a section page with Listen", None)
    shoot(page, "section-listen", True, shots_folder("section-conditions"))
    # An error: it is read first.
    submit(page, button(page, "Continue"))
    assert page.locator("main .error-summary").is_visible()
    page.evaluate("window.__spoken = []")
    page.locator(".listen__button").click()
    spoken = [item["text"] for item in page.evaluate("window.__spoken")]
    assert "There is a problem" in spoken[0]
    assert "Their first name" in spoken
    browser_session.assert_clean()


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_staff_say_only_show_this_page_if(browser_session, live_server, carers, js):
    from consult.extensions import db
    from consult.models import Section

    browser_session.allow_http_error(422, r"/staff/consultations/\d+/sections/\d+/condition")
    # The fixture's consultation is published with no responses: the condition can still change.
    page = sign_in(browser_session, "editor", js=js)
    scan = TwoWidths(browser_session, js)
    page.goto(f"/staff/consultations/{carers['id']}/sections/{carers['person']}")
    assert "Asked only of people who answered “Yes” to question 1." in page.locator("main").inner_text()
    scan.check("section with a condition", page)
    shoot(page, "builder-section-condition", js, shots_folder("section-conditions"))
    submit(page, page.locator("#change-condition"), js)
    assert h1_text(page) == "Only show this page if"
    scan.check("the section's condition editor", page)
    shoot(page, "builder-condition-editor", js, shots_folder("section-conditions"))
    page.locator("#cond-0-test-answered").check()
    submit(page, page.locator("#save-rule"), js)
    assert path_of(page) == f"/staff/consultations/{carers['id']}/sections/{carers['person']}"
    assert "Asked only of people who answered question 1." in page.locator("main").inner_text()
    with live_server.app.app_context():
        assert db.session.get(Section, carers["person"]).rules[0].conditions[0].test == "answered"
        db.session.remove()
    scan.assert_clean()
    browser_session.assert_clean()


def test_data_entry_says_the_page_condition_under_the_section_title(browser_session, carers):
    page = sign_in(browser_session, "editor", js=True)
    scan = TwoWidths(browser_session, True)
    page.goto(f"/staff/entry/{SLUG}")
    heading = page.locator("main h2.section-heading", has_text="The person you look after")
    assert heading.count() == 1
    condition = page.locator("main p.section-condition")
    assert condition.inner_text() == "Only answer this page if you ticked “Yes” at question 1."
    scan.check("data entry with a section's condition", page)
    heading.scroll_into_view_if_needed()
    shoot(page, "entry-section-condition", True, shots_folder("section-conditions"))
    scan.assert_clean()
    browser_session.assert_clean()
