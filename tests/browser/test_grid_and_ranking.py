"""A grid and a ranking in a real browser: axe at 1280 and 320 px, JavaScript on and off, in English,
Welsh and Arabic, with their error states; and both answered with the keyboard alone."""

from __future__ import annotations

import pytest

from tests.browser.pages import _expect_error_state
from tests.browser.support import (
    DESKTOP,
    MOBILE,
    SnapshotScanner,
    active_element,
    axe_violations,
    button,
    format_violations,
    h1_text,
    horizontal_overflow,
    interface_text,
    path_of,
    press_and_wait,
    shots_folder,
    submit,
    wider_than_viewport,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "grid-and-ranking"
GRID_PROMPT = "How much do you agree with each idea?"
STATEMENTS = ["Longer opening hours", "A new car park", "More benches"]
RANK_PROMPT = "Put these in order"
ITEMS = ["Buses", "Trains", "Cycle lanes"]
QUESTION_ERRORS = r"/c/grid-and-ranking/q/\d+"


@pytest.fixture
def made(live_server):
    """A published consultation in English, Welsh and Arabic: a grid, then a ranking."""
    from datetime import timedelta

    from sqlalchemy import select

    from consult.build.questions import add_question
    from consult.build.services import create_consultation, delete_consultation
    from consult.extensions import db
    from consult.models import Consultation
    from consult.models._time import utcnow

    with live_server.app.app_context():
        old = db.session.scalar(select(Consultation).where(Consultation.slug == SLUG))
        if old is not None:
            delete_consultation(old)
        now = utcnow().replace(microsecond=0)
        consultation = create_consultation(SLUG, title={"en": "Buses and benches"}, summary="Two questions.",
                                           status="published", opens_at=now - timedelta(days=1),
                                           closes_at=now + timedelta(days=30), other_languages=["cy", "ar"])
        add_question(consultation, "grid", GRID_PROMPT, options=STATEMENTS)
        add_question(consultation, "ranking", RANK_PROMPT, options=ITEMS)
        db.session.commit()
        db.session.remove()


def _clean(page, name: str, scanner: SnapshotScanner | None) -> None:
    """axe-core finds nothing and nothing is wider than the window. Without JavaScript axe cannot run in
    the page itself: the scanner shows the same DOM at the same size in a page where it can."""
    if scanner is None:
        violations, shown = axe_violations(page), page
    else:
        violations, shown = scanner.violations(page), scanner.page
    assert not violations, f"{name}: axe found:\n{format_violations(violations)}"
    scroll, width = horizontal_overflow(shown)
    assert scroll <= width, f"{name}: the page scrolls sideways at {width} px: {wider_than_viewport(shown)}"


def _shot(page, name: str, js: bool, viewport: dict, language: str) -> None:
    folder = shots_folder("grid-and-ranking")
    page.screenshot(path=str(folder / f"{name}-{language}-{viewport['width']}-{'js' if js else 'nojs'}.png"),
                    full_page=True, caret="initial")


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "320"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_grid_and_ranking_pages_and_their_errors(browser_session, made, js, viewport, language):
    def _(message: str) -> str:
        return interface_text(language, message)

    browser_session.allow_http_error(422, QUESTION_ERRORS)
    page = browser_session.new_page(js=js, viewport=viewport)
    scanner = None if js else SnapshotScanner(browser_session, viewport)
    page.goto(with_language(f"/c/{SLUG}", language))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    submit(page, button(page, _("Start now")))

    # The grid: the question is the h1, each statement a fieldset whose legend is the statement.
    assert path_of(page) == f"/c/{SLUG}/q/1"
    assert GRID_PROMPT in h1_text(page)
    assert page.locator("main fieldset legend").all_inner_texts() == STATEMENTS
    _clean(page, "the grid", scanner)
    _shot(page, "grid", js, viewport, language)
    main = page.locator("main")
    main.locator("fieldset").nth(0).get_by_role("radio").nth(0).check()
    submit(page, button(page, _("Continue")))
    _expect_error_state(page, "a grid with two statements left out", language)
    errors = page.locator("main .grid-question__statement .field-error")
    assert errors.count() == 2, "each statement left out says so"
    _clean(page, "the grid with errors", scanner)
    _shot(page, "grid-errors", js, viewport, language)
    # The summary's link goes to the first statement left out.
    first_gap = page.locator("main fieldset").nth(1).get_by_role("radio").nth(0).get_attribute("id")
    assert page.locator("main .error-summary a").get_attribute("href") == f"#{first_gap}"
    for index in range(len(STATEMENTS)):
        page.locator("main fieldset").nth(index).get_by_role("radio").nth(index).check()
    submit(page, button(page, _("Continue")))

    # The ranking: a position list for each answer, labelled by the answer.
    assert path_of(page) == f"/c/{SLUG}/q/2", page.url
    assert RANK_PROMPT in h1_text(page)
    _clean(page, "the ranking", scanner)
    _shot(page, "ranking", js, viewport, language)
    main = page.locator("main")
    for item in ITEMS:
        main.get_by_label(item, exact=True).select_option("1")
    submit(page, button(page, _("Continue")))
    _expect_error_state(page, "a ranking with one position given three times", language)
    assert page.locator("main .error-summary").inner_text().count(interface_text(language, "1st")) >= 1
    _clean(page, "the ranking with errors", scanner)
    _shot(page, "ranking-errors", js, viewport, language)
    for position, item in enumerate(ITEMS, start=1):
        page.locator("main").get_by_label(item, exact=True).select_option(str(position))
    submit(page, button(page, _("Continue")))
    assert path_of(page).endswith("/check"), page.url
    text = page.locator("main").inner_text()
    assert STATEMENTS[0] in text and ITEMS[0] in text


def _tab_to(page, selector: str, nth: int | None = None, limit: int = 40) -> None:
    """Press Tab until focus is on an element matching ``selector`` (inside the nth ``.grid-question__
    statement`` or ``.ranking__item`` when ``nth`` is given)."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("""([s, nth]) => { const e = document.activeElement;
                 if (!e || !e.matches(s)) return false;
                 if (nth === null) return true;
                 const row = e.closest('.grid-question__statement, .ranking__item');
                 return !!row && [...row.parentElement.children].filter(c => c.matches('.grid-question__statement, .ranking__item')).indexOf(row) === nth; }""",
                         [selector, nth]):
            return
    raise AssertionError(f"Tab never reached {selector} ({nth}); focus is on {active_element(page)}")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_grid_and_a_ranking_by_keyboard_alone(browser_session, made, js):
    page = browser_session.new_page(js=js)
    page.goto(f"/c/{SLUG}")
    _tab_to(page, "main button, main a.button")
    press_and_wait(page, "Enter", js=js)
    assert path_of(page) == f"/c/{SLUG}/q/1"

    # Each statement: Tab into its radios, Space ticks the first point, an arrow key moves along.
    for index in range(len(STATEMENTS)):
        _tab_to(page, "input[type=radio]", nth=index)
        group = page.evaluate("() => document.activeElement.name")
        page.keyboard.press("Space")
        for _step in range(index):
            page.keyboard.press("ArrowDown")
        chosen = page.evaluate("n => [...document.getElementsByName(n)].findIndex(r => r.checked)", group)
        assert chosen == index, f"statement {index + 1}: point {chosen + 1} is ticked"
    _tab_to(page, "main button[value=continue]")
    press_and_wait(page, "Enter", js=js)
    assert path_of(page) == f"/c/{SLUG}/q/2", f"the grid was not accepted: {page.locator('main').inner_text()[:300]}"

    # Each answer's position list: Tab to it, the arrow keys choose the position (last item first).
    for index, _item in enumerate(ITEMS):
        _tab_to(page, "select", nth=index)
        for _step in range(len(ITEMS) - index):
            page.keyboard.press("ArrowDown")
    values = page.eval_on_selector_all("main select", "all => all.map(s => s.value)")
    assert values == ["3", "2", "1"], values
    _tab_to(page, "main button[value=continue]")
    press_and_wait(page, "Enter", js=js)
    assert path_of(page).endswith("/check"), f"the ranking was not accepted: {page.locator('main').inner_text()[:300]}"
    text = page.locator("main").inner_text()
    assert f"{STATEMENTS[1]}: " in text and "1st: Cycle lanes" in text
