"""Free-text answers and themes in a real browser, signed in as an analyst.

axe-core at 1280 and 320 px, with JavaScript on and off, in English and Welsh, on: the answers
page (first and second page, a search, after tagging an answer), the themes page and its error
state, renaming, the delete confirmation and the export page. With JavaScript on, saving an
answer's themes swaps only that answer, says so in the status region and leaves focus on its
Save button; without, the page comes back at that answer with a notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from tests.browser.support import (
    DESKTOP,
    BrowserSession,
    TwoWidths,
    active_element,
    announced,
    button,
    expect_error_state,
    focus_is_on,
    h1_text,
    path_of,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "themes-in-the-browser"
THEMES_ERROR_PATHS = rf"/staff/results/{SLUG}/themes"


@dataclass
class Survey:
    answers: str  # the answers page of the long-text question
    themes: str
    answer_ids: list[int]  # oldest first
    theme_ids: dict[str, int]


@pytest.fixture
def survey(live_server, staff_accounts) -> Iterator[Survey]:
    """30 answers to "Why do you walk?" (some in Welsh), two themes, one answer already tagged."""
    from sqlalchemy import select

    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Answer, AnswerTheme, Consultation, Theme
    from tests.results.test_exports_data import add_response, build_survey

    app = live_server.app

    def remove():
        old = db.session.scalar(select(Consultation).where(Consultation.slug == SLUG))
        if old is not None:
            delete_consultation(old)
        db.session.commit()

    with app.app_context():
        remove()
        made = build_survey(SLUG)
        start = datetime(2027, 3, 5, 9, 0)
        for number in range(30):
            welsh = number % 3 == 0
            words = (f"Mae’r bws yn hwyr, rhif {number}" if welsh
                     else f"The bus is late and the fare went up, number {number}")
            add_response(made, {"bus": "walk", "days": ["monday"], "why_walk": words, "trips": 2},
                         submitted_at=start + timedelta(hours=number), language="cy" if welsh else "en",
                         reference=f"W{number:02d}-BRW-SRT")
        themes = {name: Theme(consultation_id=made.id, name=name) for name in ("Cost", "Lateness")}
        db.session.add_all(themes.values())
        db.session.flush()
        ids = list(db.session.scalars(select(Answer.id).where(Answer.question_id == made.questions["why_walk"])
                                      .order_by(Answer.id)))
        db.session.add(AnswerTheme(answer_id=ids[0], theme_id=themes["Lateness"].id))
        db.session.commit()
        data = Survey(answers=f"/staff/results/{SLUG}/questions/{made.questions['why_walk']}/answers",
                      themes=f"/staff/results/{SLUG}/themes", answer_ids=ids,
                      theme_ids={name: theme.id for name, theme in themes.items()})
        db.session.remove()
    try:
        yield data
    finally:
        with app.app_context():
            remove()
            db.session.remove()


def _notice(page) -> str:
    return " ".join(page.locator("main .notice").all_inner_texts())


def _shoot(page, name: str) -> None:
    # caret="initial": hiding the caret means injecting a <style>, which our CSP (rightly) blocks.
    page.screenshot(path=str(shots_folder() / f"{name}.png"), full_page=True, caret="initial")


def theme_pages(session: BrowserSession, js: bool, survey: Survey) -> Iterator[tuple[str, object, str]]:
    """Yield (name, page, language) for each state in turn; the caller checks it before the walk goes on."""
    session.allow_http_error(422, THEMES_ERROR_PATHS)
    page = sign_in(session, "analyst", js=js, viewport=DESKTOP)

    page.goto(survey.answers)
    assert h1_text(page) == "Why do you walk?"
    assert "Showing 1 to 25 of 30" in page.locator("main").inner_text()
    lateness = page.locator(f"#answer-{survey.answer_ids[0]}-theme-{survey.theme_ids['Lateness']}")
    assert lateness.is_checked(), "the tagged answer does not show its theme"
    _shoot(page, f"results-answers-{'js' if js else 'nojs'}")
    yield "answers, first page", page, "en"

    submit(page, page.locator("main nav.pagination a[rel=next]"), js)
    assert "Showing 26 to 30 of 30" in page.locator("main").inner_text(), page.url
    yield "answers, second page", page, "en"

    page.locator("#search-words").fill("HWYR")
    submit(page, button(page, "Show answers"), js)
    assert "Showing 1 to 10 of 10" in page.locator("main").inner_text(), page.url
    assert "q=HWYR" in page.url
    yield "answers, a search", page, "en"

    # --- Tagging one answer with two themes -----------------------------------------------------
    answer = survey.answer_ids[3]  # the second Welsh answer: on the search's first page
    for name in ("Cost", "Lateness"):
        page.locator(f"#answer-{answer}-theme-{survey.theme_ids[name]}").check()
    message = "Themes saved for answer W03-BRW-SRT: Cost, Lateness"
    if js:
        page.evaluate("window.__marker = 1; document.getElementById('announcer').textContent = ''")
    submit(page, page.locator(f"#save-themes-{answer}"), js)
    if js:
        announced(page, message)
        assert focus_is_on(page, f"#save-themes-{answer}"), f"focus is on {active_element(page)}, not Save"
        assert page.evaluate("window.__marker") == 1, "saving the themes loaded the whole page again"
    else:
        assert message in _notice(page), _notice(page)
        assert page.url.endswith(f"#answer-{answer}"), page.url
    assert "q=HWYR" in page.url
    counts = page.locator("#theme-counts tbody").inner_text()
    assert "Cost\t1" in counts and "Lateness\t2" in counts, counts
    assert page.locator(f"#answer-{answer}").get_by_text("Saved", exact=True).is_visible()
    _shoot(page, f"results-tagged-{'js' if js else 'nojs'}")
    yield "answers, after tagging", page, "en"

    # --- The themes page ----------------------------------------------------------------------
    page.goto(survey.themes)
    assert h1_text(page) == "Free-text answers and themes"
    _shoot(page, f"results-themes-{'js' if js else 'nojs'}")
    yield "themes", page, "en"

    submit(page, button(page, "Add theme"), js)
    expect_error_state(page, "themes, no name")
    yield "themes, no name", page, "en"

    page.locator("main").get_by_label("Theme name", exact=True).fill("Comfort")
    submit(page, button(page, "Add theme"), js)
    assert "Theme “Comfort” added." in _notice(page)
    submit(page, page.locator("main a", has_text="Rename").first, js)
    assert h1_text(page) == "Rename the theme “Comfort”"
    yield "rename a theme", page, "en"

    page.goto(survey.themes)
    submit(page, page.locator("main a", has_text="Delete").first, js)
    assert h1_text(page) == "Delete the theme “Comfort”?"
    yield "delete a theme: are you sure?", page, "en"
    submit(page, button(page, "Yes, delete this theme"), js)
    assert "Theme “Comfort” deleted." in _notice(page)

    page.goto(f"/staff/results/{SLUG}/export")
    assert h1_text(page) == "Download the answers"
    yield "export", page, "en"

    # --- The same pages in Welsh --------------------------------------------------------------
    page.goto(with_language(survey.answers, "cy"))
    yield "answers, first page", page, "cy"
    page.goto(survey.themes)
    yield "themes", page, "cy"
    page.goto(f"/staff/results/{SLUG}/export")
    yield "export", page, "cy"


EXPECTED_PAGES = 12


@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_free_text_and_theme_pages_pass_axe(browser_session, survey, js):
    checker = TwoWidths(browser_session, js)
    for name, page, language in theme_pages(browser_session, js, survey):
        checker.check(name, page, language)
    assert len(checker.scanned) == EXPECTED_PAGES, f"the walk stopped early: {checker.scanned}"
    checker.assert_clean()
    browser_session.assert_clean()


def test_a_download_is_not_swapped_into_the_page(browser_session, survey):
    """With JavaScript on, the CSV link downloads a file; htmx does not fetch it into <main>."""
    page = sign_in(browser_session, "analyst", js=True)
    page.goto(f"/staff/results/{SLUG}/export")
    with page.expect_download() as download:
        page.locator("main a[href$='export.csv?language=en']").click()
    assert download.value.suggested_filename.startswith(f"{SLUG}-")
    assert download.value.suggested_filename.endswith("-en.csv")
    assert h1_text(page) == "Download the answers" and path_of(page) == f"/staff/results/{SLUG}/export"
    browser_session.assert_clean()
