""""Your PDF is being made" in a real browser: axe at 1280 and 320 px, JavaScript on and off, English and
Welsh; then, with JavaScript, each page loads its PDF by itself once it is made, and without JavaScript
the "Check if your PDF is ready" link brings it.

The render is held (a stand-in for WeasyPrint that waits for the test) so the waiting page can be seen.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from consult import jobs
from consult.demo import DEMO_SLUG
from consult.printing import questionnaire
from tests.browser.support import TwoWidths, h1_text, interface_text, shoot, shots_folder, with_language

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]


@pytest.fixture
def held_render(live_server, monkeypatch):
    app = live_server.app
    app.config["JOBS_BACKEND"] = "threads"
    # The browser tests' app lives for the whole run: forget PDFs that other tests made.
    shutil.rmtree(Path(app.instance_path) / "pdf-cache", ignore_errors=True)
    gate = threading.Event()
    real = questionnaire.render_pdf

    def held(html, **kwargs):
        gate.wait(30)
        return real(html, **kwargs)

    monkeypatch.setattr(questionnaire, "render_pdf", held)
    yield gate
    gate.set()
    jobs.runner_of(app).wait_idle(60)


def _shoot(page, name: str) -> None:
    shoot(page, name, folder=shots_folder("pdf-pending"))


# What the browser is shown in place of a PDF (see _PdfCatcher).
_STAND_IN = '<!doctype html><html lang="en"><title>PDF</title><link rel="icon" href="data:,"><p>The PDF came.</p>'


class _PdfCatcher:
    """Lets the browser ask Consult for each PDF, checks what Consult sends, and shows a small page instead.

    Closing a browser context while one of its pages is still loading sometimes never finishes in
    Chromium 156 (Target.disposeBrowserContext gets no answer), and Chromium's PDF viewer goes on
    loading frames of its own after the page has loaded, so there is no moment when it is safe to
    close: this test hung about one run in three. What is tested is unchanged: the page's own request
    for the PDF, and Consult's answer to it (status, type and the first bytes).
    """

    def __init__(self) -> None:
        self.arrived: dict[str, tuple[int, str, bytes]] = {}

    def watch(self, page) -> None:
        page.route(lambda url: urlsplit(url).path.endswith(".pdf"), self._catch)

    def _catch(self, route) -> None:
        if not route.request.is_navigation_request():  # htmx asking whether it is made yet
            route.continue_()
            return
        response = route.fetch()
        path = urlsplit(route.request.url).path
        self.arrived[path] = (response.status, response.headers.get("content-type", ""), response.body()[:5])
        if response.status == 200:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=_STAND_IN)
        else:
            route.fulfill(response=response)

    def pdf_came(self, path: str) -> bool:
        return self.arrived.get(path) == (200, "application/pdf", b"%PDF-")


@pytest.mark.parametrize("js", MODES)
def test_the_waiting_page_passes_axe_and_then_brings_the_pdf(browser_session, live_server, held_render, js):
    checker = TwoWidths(browser_session, js)
    catcher = _PdfCatcher()
    pages = {}
    for language in ("en", "cy"):
        path = f"/c/{DEMO_SLUG}/print/{language}/large-print.pdf"
        page = browser_session.new_page(js=js)
        catcher.watch(page)
        response = page.goto(with_language(path, language))
        assert response.status == 202
        assert h1_text(page) == interface_text(language, "Your PDF is being made")
        checker.check("Your PDF is being made", page, language)
        _shoot(page, f"pending-{language}-{'js' if js else 'nojs'}")
        pages[language] = (page, path)
    checker.assert_clean()

    if js:
        # htmx has been asking all along (204: not yet); once they are made, each page loads its PDF.
        held_render.set()
        for page, path in pages.values():
            _wait_for_the_pdf(page, path, catcher)
    else:
        held_render.set()
        assert jobs.runner_of(live_server.app).wait_idle(60)
        page, path = pages["en"]
        page.get_by_role("link", name=interface_text("en", "Check if your PDF is ready")).click(no_wait_after=True)
        _wait_for_the_pdf(page, path, catcher)


def _wait_for_the_pdf(page, path: str, catcher: _PdfCatcher) -> None:
    """Until the page has loaded what came in place of the PDF at ``path`` (the waiting page has the same
    address, so the address alone says nothing). Loaded, not only answered: closing a browser context
    while a page is still between its answer and showing it can hang Chromium too."""
    try:
        page.wait_for_url(lambda url: urlsplit(url).path == path and catcher.pdf_came(path),
                          wait_until="load", timeout=30_000)
    except PlaywrightTimeoutError:
        raise AssertionError(f"no PDF loaded at {path} within 30 s; Consult answered: {catcher.arrived}") from None
