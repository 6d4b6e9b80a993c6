"""The last easy-read pages of issue 13 in a real browser: the form where a resident types their code to
come back (and its error), the 403 page, and the page served when the app itself fails (500).

As tests/browser/test_easy_read_pages.py does for the others: JavaScript on and off, English and Welsh,
axe-core at 1280 and 320 px, nothing cut off at 320 px, each idea line's picture on the start side of its
words, words of at least 21 px, and screenshots at both widths (shots folder "easy-read-pages").
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    START,
    TwoWidths,
    button,
    interface_text,
    path_of,
    sign_in,
    submit,
    with_language,
)
from tests.browser.test_easy_read_journey import answer_easy
from tests.browser.test_easy_read_pages import LANGUAGES, MODES, look

pytestmark = pytest.mark.browser

RESUME = f"{START}/resume"
# The 500 page is served through the browser's own request routing: the live server has no failing page.
BROKEN = "/broken-for-the-test"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_the_easy_resume_form(browser_session, js, language):
    session = browser_session
    session.allow_http_error(422, RESUME)
    scans = TwoWidths(session, js)

    def _(message: str) -> str:
        return interface_text(language, message)

    # Save answers first, for a code that works.
    saver = session.new_page(js=js)
    saver.goto(with_language(f"{START}?register=easy", language))
    submit(saver, button(saver, _("Start now")))
    answer_easy(saver, 1, language)
    submit(saver, button(saver, _("Save and come back later")))
    code = saver.locator("#saved-code [aria-hidden]").inner_text().strip()

    page = session.new_page(js=js)
    page.goto(with_language(f"{RESUME}?register=easy", language))
    assert page.locator("main h1").inner_text().strip() == _("Come back to your answers")
    look(scans, page, "resume", language, js)

    submit(page, button(page, _("Continue")))
    assert page.locator("main .error-summary").count() == 1
    assert page.locator("#code-error").inner_text().strip().endswith(_("Type your code in the box"))
    look(scans, page, "resume-error", language, js)

    page.locator("main input#code").fill(code)
    # Resuming is a full page load also with htmx (HX-Redirect): the language may change with it.
    submit(page, button(page, _("Continue")), js=False)
    assert "/q/" in path_of(page), f"the code went to {page.url}"
    assert page.locator("body.easy-read").count() == 1
    scans.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_the_easy_403_page(browser_session, staff_accounts, js, language):
    session = browser_session
    session.allow_http_error(403, r"/staff/people")
    scans = TwoWidths(session, js)
    page = sign_in(session, "analyst", js=js)
    page.goto(with_language("/staff/people?register=easy", language))
    assert page.locator("main h1").inner_text().strip() == interface_text(language, "You cannot see this page")
    look(scans, page, "forbidden", language, js)
    scans.assert_clean()


@pytest.fixture
def server_error_html(live_server):
    """The page the app's 500 handler sends (consult/app_setup.py renders this template and nothing else)."""
    from flask import render_template

    with live_server.app.test_request_context("/"):
        return render_template("errors/server_error.html")


@pytest.mark.parametrize("js", MODES)
def test_the_500_page_is_easy_read(browser_session, server_error_html, js):
    # One page for every reader (it cannot know their language): English, then Welsh, then Arabic.
    session = browser_session
    session.allow_http_error(500, BROKEN)
    scans = TwoWidths(session, js)
    page = session.new_page(js=js)
    page.route(f"**{BROKEN}", lambda route: route.fulfill(status=500, body=server_error_html,
                                                         content_type="text/html; charset=utf-8"))
    page.goto(BROKEN)
    assert page.locator("main h1").inner_text().strip() == "Sorry, something went wrong"
    assert page.locator("main [lang=cy] .idea").count() == page.locator("main > .idea").count() == \
        page.locator("main [lang=ar] .idea").count()
    look(scans, page, "server-error", "en", js)
    scans.assert_clean()
