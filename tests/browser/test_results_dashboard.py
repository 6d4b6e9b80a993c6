"""The results dashboard and responses one by one in a real browser, signed in as an admin.

axe-core at 1280 and 320 px, with JavaScript on and off, in English and Welsh (and the dashboard in
Arabic, right to left): the dashboard, filtered through its form (htmx swaps <main> and pushes the
address with JavaScript; a plain GET without), with a bad filter, after saving the threshold; the
list of responses, one response in full, and the confirmation before deleting one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

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

SLUG = "results-in-the-browser"
DASHBOARD = f"/staff/results/{SLUG}"


@pytest.fixture
def survey(live_server, staff_accounts):
    """A published consultation with 30 responses over a week, made straight in the database."""
    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation, Response
    from consult.models._time import utcnow
    from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

    app = live_server.app
    questions = [
        QuestionSpec("single_choice", ["Bus", "Car", "On foot"], prefer_not=True, prompt="How do you get to the day centre?"),
        QuestionSpec("yes_no", condition=(0, [0]), prompt="Is the bus on time?"),
        QuestionSpec("agree_scale", prompt="The day centre is easy to reach."),
        QuestionSpec("multiple_choice", ["Monday", "Wednesday", "Friday"], none=True, prompt="Which days could you come?"),
        QuestionSpec("number", prompt="How many times did you visit last month?"),
        QuestionSpec("long_text", required=False, prompt="What would make the day centre better?"),
    ]
    start = utcnow().replace(microsecond=0) - timedelta(days=8)
    made = []
    for n in range(30):
        answers = {0: [0 if n < 18 else (1 if n < 27 else 3)], 2: [n % 3], 3: [0, 2] if n % 2 else [1], 4: n % 9}
        if n < 18:
            answers[1] = [0 if n < 12 else 1]
        if n % 4 == 0:
            answers[5] = "Later opening hours, please."
        made.append(ResponseSpec(start + timedelta(days=n // 4, hours=n), answers,
                                 channel="paper" if n % 5 == 0 else "online", language="cy" if n % 3 == 0 else "en"))
    with app.app_context():
        old = db.session.scalar(db.select(Consultation).where(Consultation.slug == SLUG))
        if old is not None:
            delete_consultation(old)
        consultation = make_consultation(questions, slug=SLUG, title="Getting to the day centre")
        ids = add_responses(consultation, made)
        references = [db.session.get(Response, i).reference for i in ids]
        db.session.commit()
        consultation_id = consultation.id
        db.session.remove()
    yield {"id": consultation_id, "references": references}
    with app.app_context():
        old = db.session.get(Consultation, consultation_id)
        if old is not None:
            delete_consultation(old)
            db.session.commit()
        db.session.remove()


def results_pages(session: BrowserSession, js: bool, survey: dict) -> Iterator[tuple[str, object, str]]:
    """Yield (name, page, language) for each state in turn; the caller checks it before going on."""
    session.allow_http_error(404, r"/favicon\.ico")
    page = sign_in(session, "admin", js=js)

    page.goto(DASHBOARD)
    assert h1_text(page) == "Results"
    assert page.locator("main svg[role=img]").count() >= 8
    yield "dashboard", page, "en"

    # Filters through the form: a GET whose address carries them.
    page.locator("#filter-language").select_option("cy")
    submit(page, button(page, "Show results"), js)
    assert urlsplit(page.url).query == "language=cy", page.url  # only what was chosen
    assert "Welsh" in page.locator("main .lead").inner_text()
    assert page.locator("#filter-language").input_value() == "cy"
    yield "dashboard, filtered by language", page, "en"

    page.locator("#filter-answer").select_option(label="Bus")
    submit(page, button(page, "Show results"), js)
    assert "people who answered “Bus” to question 1" in page.locator("main .lead").inner_text()
    yield "dashboard, cross-tab", page, "en"

    page.goto(f"{DASHBOARD}?from=31/2/2027&channel=paper")
    expect_error_state(page, "dashboard, a date that does not exist")
    yield "dashboard, a bad filter", page, "en"

    page.goto(f"{DASHBOARD}?channel=online")
    page.locator("#threshold").fill("6")
    submit(page, button(page, "Save"), js)
    assert path_of(page) == DASHBOARD and "channel=online" in page.url
    assert "fewer than 6" in page.locator("main").inner_text()
    yield "dashboard, after saving the threshold", page, "en"

    page.goto(with_language(DASHBOARD, "cy"))
    yield "dashboard", page, "cy"
    page.goto(with_language(DASHBOARD, "ar"))
    assert page.locator("main svg[direction=rtl]").count() >= 8
    yield "dashboard", page, "ar"
    page.goto(f"{DASHBOARD}?lang=en")  # back to English for the next pages

    page.goto(f"{DASHBOARD}/responses")
    assert page.locator("main table a").count() == 30
    yield "responses", page, "en"
    reference = survey["references"][0]
    page.goto(f"{DASHBOARD}/responses/{reference}")
    assert h1_text(page) == f"Response {reference}"
    yield "one response", page, "en"
    page.goto(f"{DASHBOARD}/responses/{reference}/delete")
    assert h1_text(page) == f"Delete response {reference}?"
    yield "delete a response?", page, "en"

    page.goto(with_language(f"{DASHBOARD}/responses", "cy"))
    yield "responses", page, "cy"
    page.goto(f"{DASHBOARD}/responses/{reference}")
    yield "one response", page, "cy"
    page.goto(f"{DASHBOARD}/responses/{reference}?lang=en")


PAGES = 12


@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_results_pages_pass_axe(browser_session, survey, js):
    checker = TwoWidths(browser_session, js)
    for name, page, language in results_pages(browser_session, js, survey):
        checker.check(name, page, language)
    assert len(checker.scanned) == PAGES, f"the walk stopped early: {checker.scanned}"
    checker.assert_clean()
    browser_session.assert_clean()


def test_filtering_with_javascript_swaps_the_main_region_and_keeps_the_address(browser_session, survey):
    page = sign_in(browser_session, "analyst", js=True)
    page.goto(DASHBOARD)
    page.evaluate("window.__marker = 1")
    page.locator("#filter-channel").select_option("paper")
    submit(page, button(page, "Show results"), js=True)
    assert page.evaluate("window.__marker") == 1, "filtering loaded the whole page again"
    assert urlsplit(page.url).query == "channel=paper", page.url
    assert page.evaluate("document.activeElement === document.querySelector('main h1')")
    # The address can be shared: opened afresh, it shows the same filtered view.
    other = sign_in(browser_session, "analyst", js=False)
    other.goto(page.url)
    assert other.locator("#filter-channel").input_value() == "paper"
    assert other.locator("main .lead").inner_text() == page.locator("main .lead").inner_text()
    browser_session.assert_clean()
