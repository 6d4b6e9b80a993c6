"""The demo consultation answered from start to confirmation in a real browser, with and without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.browser.support import (
    CHECK,
    REFERENCE,
    SLUG,
    START,
    active_element,
    answer,
    button,
    focus_is_on,
    h1_text,
    path_of,
    submit,
    swaps,
    text_control,
)
from tests.demo_answers import DEMO_ANSWERS

pytestmark = pytest.mark.browser

SUFFIX = " – Consult"
NUMBER_QUESTION = 5


def _prompt(page) -> str:
    """The question as the page's h1 says it, without the "(optional)" marker."""
    return re.sub(r"\s*\(optional\)$", "", h1_text(page))


def _assert_focus_on_h1(page, where: str) -> None:
    assert focus_is_on(page, "main h1"), f"{where}: after the swap focus is on {active_element(page)}, not the h1"


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_complete_the_demo_consultation(browser_session, js):
    session = browser_session
    # Question 5 is answered wrongly once, on purpose: the error state answers 422.
    session.allow_http_error(422, f"/c/{SLUG}/q/{NUMBER_QUESTION}")
    page = session.new_page(js=js)
    page.goto(START)
    assert h1_text(page) == "Your equipment, your say"
    full_loads = []
    if js:
        page.evaluate("window.__marker = 1")
        page.on("request", lambda r: full_loads.append(r.url) if r.resource_type == "document" else None)

    submit(page, button(page, "Start now"), js)
    titles = []
    total = len(DEMO_ANSWERS)
    for number in range(1, total + 1):
        where = f"question {number}"
        assert path_of(page) == f"/c/{SLUG}/q/{number}", f"{where}: the address is {page.url}"
        assert f"Question {number} of {total}" in page.locator("main").inner_text()
        prompt = _prompt(page)
        assert page.title() == prompt + SUFFIX, f"{where}: title {page.title()!r} does not name the question"
        assert page.title() not in titles, f"{where}: the title did not change"
        titles.append(page.title())
        if js:
            _assert_focus_on_h1(page, where)

        if number == NUMBER_QUESTION:
            text_control(page).fill("abc")
            submit(page, button(page, "Continue"), js)
            assert path_of(page) == f"/c/{SLUG}/q/{number}"
            assert page.title() == f"Error: {prompt}{SUFFIX}"
            summary = page.locator("main .error-summary")
            assert summary.get_by_role("link").inner_text() == "Enter a whole number, like 12"
            assert text_control(page).input_value() == "abc", "what the resident typed was lost"
            if js:
                assert focus_is_on(page, "main .error-summary"), (
                    f"after an error focus is on {active_element(page)}, not the error summary")

        answer(page, number)
        submit(page, button(page, "Continue"), js)

    assert path_of(page) == CHECK
    assert h1_text(page) == "Check your answers before sending them"
    assert page.title() == "Check your answers before sending them" + SUFFIX
    if js:
        _assert_focus_on_h1(page, "check page")
    summary = page.locator("main .summary-list").inner_text()
    for label in ("A wheelchair", "A bed, mattress or bed rails", "1 to 2 weeks", "Agree", "Llanfair",
                  "Please phone before you deliver.", "Prefer not to say"):
        assert label in summary, f"the check page does not show {label!r}"

    submit(page, button(page, "Send my answers"), js)
    assert path_of(page) == f"/c/{SLUG}/confirmation"
    assert h1_text(page) == "Thank you, we have your answers"
    assert page.title() == "Thank you, we have your answers" + SUFFIX
    assert REFERENCE.search(page.locator("main").inner_text()), "no reference like K7P-4RW-9XT on the confirmation"
    if js:
        _assert_focus_on_h1(page, "confirmation")
        # Every step was an htmx swap: the page that set the marker is still the one showing.
        assert page.evaluate("window.__marker") == 1, "a full page load happened during the journey"
        assert full_loads == [], f"full page loads during the journey: {full_loads}"
    session.assert_clean()


def test_none_of_these_unticks_the_other_answers(browser_session):
    page = browser_session.new_page(js=True)
    page.goto(START)
    submit(page, button(page, "Start now"), True)
    assert path_of(page) == f"/c/{SLUG}/q/1"

    def boxes():
        main = page.locator("main")
        return {label: main.get_by_label(label, exact=True)
                for label in ("A wheelchair", "A bed, mattress or bed rails", "None of these")}

    # First on the page htmx swapped in, then on the same page loaded in full.
    for how in ("after an htmx swap", "after a full page load"):
        box = boxes()
        box["A wheelchair"].check()
        box["A bed, mattress or bed rails"].check()
        box["None of these"].check()
        assert box["None of these"].is_checked()
        assert not box["A wheelchair"].is_checked(), f"{how}: 'None of these' left 'A wheelchair' ticked"
        assert not box["A bed, mattress or bed rails"].is_checked(), f"{how}: 'None of these' left a box ticked"
        # And the other way round: choosing an answer unticks "None of these".
        box["A wheelchair"].check()
        assert box["A wheelchair"].is_checked()
        assert not box["None of these"].is_checked(), f"{how}: an answer left 'None of these' ticked"
        box["A wheelchair"].uncheck()
        page.reload()
    browser_session.assert_clean()


def test_character_count_on_the_long_answer(browser_session):
    page = browser_session.new_page(js=True)
    page.goto(START)
    submit(page, button(page, "Start now"), True)
    for number in range(1, 7):
        answer(page, number)
        submit(page, button(page, "Continue"), True)
    assert path_of(page) == f"/c/{SLUG}/q/7"
    textarea = page.locator("main textarea")
    count = page.locator("main .character-count")
    announcer = page.locator("#announcer")
    assert announcer.get_attribute("role") == "status"
    assert count.inner_text() == "Characters left: 1,200"

    textarea.click()
    page.keyboard.type("Hello there")
    assert count.inner_text() == "Characters left: 1,189"
    # Screen readers hear the count once the typing pauses, not at every key.
    assert announcer.text_content().strip() != "Characters left: 1,189", (
        "the count was announced while still typing")
    page.wait_for_function(
        "t => document.getElementById('announcer').textContent.trim() === t", arg="Characters left: 1,189",
        timeout=3000,
    )

    textarea.fill("x" * 1210)
    assert count.inner_text() == "Characters over the limit: 10"
    assert "character-count--over" in (count.get_attribute("class") or "")
    page.wait_for_function(
        "t => document.getElementById('announcer').textContent.trim() === t",
        arg="Characters over the limit: 10", timeout=3000,
    )
    browser_session.assert_clean()


def test_back_button_brings_back_a_working_question_page(browser_session):
    """htmx restores a page from history by swapping the whole body: it must behave like any other swap."""
    page = browser_session.new_page(js=True)
    page.goto(START)
    submit(page, button(page, "Start now"), True)
    answer(page, 1)
    submit(page, button(page, "Continue"), True)
    assert path_of(page) == f"/c/{SLUG}/q/2"

    before = swaps(page)
    page.go_back()
    page.wait_for_function("n => window.__consultSwaps > n", arg=before)
    assert path_of(page) == f"/c/{SLUG}/q/1"
    assert page.title() == "Which equipment do you have from us?" + SUFFIX
    _assert_focus_on_h1(page, "back to question 1")
    main = page.locator("main")
    assert main.get_by_label("A wheelchair", exact=True).is_checked(), "the saved answer is not shown"
    main.get_by_label("None of these", exact=True).check()
    assert not main.get_by_label("A wheelchair", exact=True).is_checked(), (
        "after Back, 'None of these' no longer unticks the other answers")
    browser_session.assert_clean()
