"""The demo consultation answered in Welsh and in Arabic, from start to confirmation, with and without JavaScript.

On every page <html lang dir> are the language's (Arabic pages are right to left), the question headings
carry no lang attribute of their own (the content is in the page's language, not a fallback), and with
JavaScript each step is an htmx swap after which focus is on the new h1.
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    CHECK,
    DIRECTIONS,
    REFERENCE,
    SLUG,
    START,
    active_element,
    answer,
    button,
    demo_label,
    focus_is_on,
    h1_text,
    interface_text,
    path_of,
    submit,
    with_language,
)
from tests.demo_answers import DEMO_ANSWERS

pytestmark = pytest.mark.browser

SUFFIX = " – Consult"
# The demo's title and first question, as consult/demo.py writes them.
TITLES = {"cy": "Eich offer, eich barn", "ar": "أجهزتك ورأيك فيها"}
FIRST_QUESTIONS = {"cy": "Pa offer ydych chi wedi’u cael gennym ni?", "ar": "ما الأجهزة التي أخذتها منّا؟"}


def _check_page(page, language: str, where: str, js: bool) -> None:
    html = page.locator("html")
    lang, direction = html.get_attribute("lang"), html.get_attribute("dir")
    assert (lang, direction) == (language, DIRECTIONS[language]), (
        f"{where}: <html lang={lang!r} dir={direction!r}>, expected lang={language!r} dir={DIRECTIONS[language]!r}")
    heading = page.locator("main h1")
    assert heading.count() == 1, f"{where}: {heading.count()} h1 elements"
    assert heading.get_attribute("lang") is None and heading.locator("[lang]").count() == 0, (
        f"{where}: the heading is marked as another language: {heading.evaluate('e => e.outerHTML')}")
    if js:
        assert focus_is_on(page, "main h1"), f"{where}: after the swap focus is on {active_element(page)}, not the h1"


@pytest.mark.parametrize("language", [pytest.param("cy", id="welsh"), pytest.param("ar", id="arabic")])
@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_complete_the_demo_consultation_in_languages(browser_session, js, language):
    def _(message: str) -> str:
        return interface_text(language, message)

    session = browser_session
    page = session.new_page(js=js)
    page.goto(with_language(START, language))
    assert h1_text(page) == TITLES[language]
    _check_page(page, language, "start", js=False)  # a full page load: focus starts at the top
    full_loads = []
    if js:
        page.evaluate("window.__marker = 1")
        page.on("request", lambda r: full_loads.append(r.url) if r.resource_type == "document" else None)

    submit(page, button(page, _("Start now")), js)
    total = len(DEMO_ANSWERS)
    optional = " " + _("(optional)")
    for number in range(1, total + 1):
        where = f"question {number}"
        assert path_of(page) == f"/c/{SLUG}/q/{number}", f"{where}: the address is {page.url}"
        _check_page(page, language, where, js)
        if number == 1:
            assert h1_text(page) == FIRST_QUESTIONS[language], f"question 1 is not in the language: {h1_text(page)!r}"
        caption = _("Question %(number)s of %(total)s") % {"number": number, "total": total}
        assert caption in page.locator("main").inner_text(), f"{where}: no {caption!r}"
        prompt = h1_text(page).removesuffix(optional)
        assert page.title() == prompt + SUFFIX, f"{where}: the title {page.title()!r} does not name the question"
        answer(page, number, language)
        submit(page, button(page, _("Continue")), js)

    assert path_of(page) == CHECK
    _check_page(page, language, "check page", js)
    assert h1_text(page) == _("Check your answers before sending them")
    summary = page.locator("main .summary-list").inner_text()
    for label in ("A wheelchair", "A bed, mattress or bed rails", "1 to 2 weeks", "Agree", "Prefer not to say"):
        assert demo_label(language, label) in summary, f"the check page does not show {demo_label(language, label)!r}"
    for typed in ("Llanfair", "Please phone before you deliver."):
        assert typed in summary, f"the check page does not show {typed!r}"

    submit(page, button(page, _("Send my answers")), js)
    assert path_of(page) == f"/c/{SLUG}/confirmation"
    _check_page(page, language, "confirmation", js)
    assert h1_text(page) == _("Thank you, we have your answers")
    main_text = page.locator("main").inner_text()
    assert REFERENCE.search(main_text), f"no reference like K7P-4RW-9XT on the confirmation: {main_text!r}"
    assert page.title() == _("Thank you, we have your answers") + SUFFIX
    if js:
        # Every step was an htmx swap: the page that set the marker is still the one showing.
        assert page.evaluate("window.__marker") == 1, "a full page load happened during the journey"
        assert full_loads == [], f"full page loads during the journey: {full_loads}"
    # The reference keeps its left-to-right order, even inside a right-to-left page.
    reference = page.locator("main .reference")
    assert reference.get_attribute("dir") == "ltr", "the reference is not marked left to right"
    assert reference.evaluate("e => getComputedStyle(e).direction") == "ltr"
    session.assert_clean()
