"""Who is missing, in a real browser: the About you questions added from the builder, the
expected-shares page (and its error state) and the reach view (and a bad cut-off), in English and
Welsh (the reach view in Arabic too), axe-core at 1280 and 320 px, JavaScript on and off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.support import (
    BrowserSession,
    TwoWidths,
    button,
    expect_error_state,
    h1_text,
    path_of,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "reach-in-the-browser"
DRAFT = "reach-draft-in-the-browser"
REACH = f"/staff/results/{SLUG}/reach"
EXPECTED = f"{REACH}/expected"


def _remove(db, slug: str) -> None:
    from consult.build.services import delete_consultation
    from consult.models import Consultation

    old = db.session.scalar(db.select(Consultation).where(Consultation.slug == slug))
    if old is not None:
        delete_consultation(old)


@pytest.fixture
def reach_data(live_server, staff_accounts):
    """The hand-worked example (tests/reach/example.py) as a published consultation, and a draft."""
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.models import ReachTarget
    from consult.reach.services import about_you_questions, add_about_you
    from tests.reach.conftest import add_answers, example_rows, make_draft
    from tests.reach.example import expected_shares

    app = live_server.app
    with app.app_context():
        for slug in (SLUG, DRAFT):
            _remove(db, slug)
        consultation = make_draft(SLUG)
        add_about_you(consultation)
        consultation.status = "published"
        db.session.flush()
        age = about_you_questions(load_consultation(SLUG))[0]
        add_answers(consultation, example_rows(age))
        groups = [option for option in age.options if option.kind == "answer"]
        for option, share in zip(groups, expected_shares()):
            db.session.add(ReachTarget(consultation_id=consultation.id, option_id=option.id,
                                       expected_percent=float(share)))
        draft = make_draft(DRAFT)
        made = {"draft": draft.id, "age": age.id}
        db.session.commit()
        db.session.remove()
    yield made
    with app.app_context():
        for slug in (SLUG, DRAFT):
            _remove(db, slug)
        db.session.commit()
        db.session.remove()


def reach_pages(session: BrowserSession, js: bool, data: dict) -> Iterator[tuple[str, object, str]]:
    session.allow_http_error(404, r"/favicon\.ico")
    session.allow_http_error(422, rf"/staff/results/{SLUG}/reach/expected")
    page = sign_in(session, "editor", js=js)

    # One step from the builder (not scanned here: the builder page has its own scans).
    page.goto(f"/staff/consultations/{data['draft']}")
    submit(page, button(page, "Add the About you questions"), js)
    assert "Added 5 About you questions at the end" in page.locator("main").inner_text()

    page.goto(EXPECTED)
    assert h1_text(page) == "Who do you want to hear from?"
    yield "expected shares", page, "en"

    page.locator("main").get_by_label("Under 18 (per cent)").fill("lots")
    submit(page, button(page, "Save expected shares"), js)
    expect_error_state(page, "expected shares, a share that is not a number")
    yield "expected shares, a mistake", page, "en"

    page.locator("main").get_by_label("Under 18 (per cent)").fill("2,0")
    submit(page, button(page, "Save expected shares"), js)
    assert path_of(page) == REACH, page.url
    assert "Expected shares saved." in page.locator("main").inner_text()
    assert page.locator("main svg[role=img]").count() == 1
    assert "Under-represented: 50% of the share we expected" in page.locator("main").inner_text()
    yield "who is missing", page, "en"

    page.locator("#below").fill("eighty")
    submit(page, button(page, "Show"), js)
    expect_error_state(page, "who is missing, a bad cut-off")
    yield "who is missing, a bad cut-off", page, "en"

    page.goto(with_language(REACH, "cy"))
    yield "who is missing", page, "cy"
    page.goto(EXPECTED)
    yield "expected shares", page, "cy"
    page.goto(with_language(REACH, "ar"))
    assert page.locator("main svg[direction=rtl]").count() == 1
    yield "who is missing", page, "ar"
    page.goto(f"{REACH}?lang=en")


PAGES = 7


@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_reach_pages_pass_axe(browser_session, reach_data, js):
    checker = TwoWidths(browser_session, js)
    for name, page, language in reach_pages(browser_session, js, reach_data):
        checker.check(name, page, language)
    assert len(checker.scanned) == PAGES, f"the walk stopped early: {checker.scanned}"
    checker.assert_clean()
    browser_session.assert_clean()
