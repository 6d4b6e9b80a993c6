"""axe-core on every resident page and error state in Welsh and in Arabic, and on the easy-read pages in
English, Welsh and Arabic, at 1280 and 320 px, with JavaScript on and off; nothing scrolls sideways at 320 px.

The pages are reached by pages.py's walk, in the language: each browser context asks for it once
(?lang=), then presses the buttons and chooses the answers by their Welsh or Arabic words. Every page
is scanned at both widths in one visit (support.TwoWidths), so the four walks stay quick.
"""

from __future__ import annotations

import pytest

from tests.browser.pages import resident_pages
from tests.browser.support import (
    DESKTOP,
    SLUG,
    START,
    BrowserSession,
    TwoWidths,
    button,
    interface_text,
    path_of,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
LANGUAGES = [pytest.param("cy", id="welsh"), pytest.param("ar", id="arabic")]
# The English walk ends with a few Welsh pages; in another language it stops before them.
MIN_PAGES = 32


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_every_resident_page_passes_axe_in_languages(browser_session, js, language):
    checker = TwoWidths(browser_session, js)
    for shown in resident_pages(browser_session, js, DESKTOP, language=language):
        checker.check(shown.name, shown.page, language)
    assert len(checker.scanned) >= MIN_PAGES, f"the walk stopped early: {checker.scanned}"
    checker.assert_clean()
    browser_session.assert_clean()


def _is_easy_read(page) -> bool:
    return "easy-read" in (page.locator("body").get_attribute("class") or "").split()


def _easy_read_pages(session: BrowserSession, js: bool, language: str):
    """The start page and the first question in easy read, chosen with the switch's address."""
    page = session.new_page(js=js, viewport=DESKTOP)
    page.goto(with_language(f"{START}?register=easy", language))
    assert _is_easy_read(page), f"easy read [{language}]: <body> has no class easy-read on {page.url}"
    switch = page.locator("#version-switch a")
    assert switch.inner_text().strip() == interface_text(language, "Standard version")
    yield "easy read: start", page

    submit(page, button(page, interface_text(language, "Start now")))
    assert path_of(page) == f"/c/{SLUG}/q/1"
    assert _is_easy_read(page), f"easy read [{language}]: not easy read after Start now on {page.url}"
    if js:
        page.reload()  # the choice is remembered by the server, not only kept by the swap
        assert _is_easy_read(page), f"easy read [{language}] was not remembered on {page.url}"
    yield "easy read: question 1", page


@pytest.mark.parametrize("js", MODES)
def test_easy_read_pages_pass_axe_in_every_language(browser_session, js):
    checker = TwoWidths(browser_session, js)
    for language in ("en", "cy", "ar"):
        for name, page in _easy_read_pages(browser_session, js, language):
            checker.check(name, page, language)
    assert len(checker.scanned) == 6, checker.scanned
    checker.assert_clean()
    browser_session.assert_clean()
