""""Your PDF is being made" in a real browser: axe at 1280 and 320 px, JavaScript on and off, English and
Welsh; then, with JavaScript, the page loads the PDF by itself once it is made, and without JavaScript
the "Check if your PDF is ready" link brings it.

The render is held (a stand-in for WeasyPrint that waits for the test) so the waiting page can be seen.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

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


def _is_the_pdf(path: str):
    return lambda response: response.url.split("?")[0].endswith(path) and response.status == 200 \
        and response.headers.get("content-type") == "application/pdf"


@pytest.mark.parametrize("js", MODES)
def test_the_waiting_page_passes_axe_and_then_brings_the_pdf(browser_session, live_server, held_render, js):
    checker = TwoWidths(browser_session, js)
    # A page that becomes a PDF has Chromium ask for /favicon.ico, which Consult does not serve (the pages say
    # rel="icon" href="data:,"); with JavaScript the Welsh page, still asking, may load its PDF before the end.
    browser_session.allow_http_error(404, r"/favicon\.ico")
    pages = {}
    for language in ("en", "cy"):
        path = f"/c/{DEMO_SLUG}/print/{language}/large-print.pdf"
        page = browser_session.new_page(js=js)
        response = page.goto(with_language(path, language))
        assert response.status == 202
        assert h1_text(page) == interface_text(language, "Your PDF is being made")
        checker.check("Your PDF is being made", page, language)
        _shoot(page, f"pending-{language}-{'js' if js else 'nojs'}")
        pages[language] = (page, path)
    checker.assert_clean()

    page, path = pages["en"]
    if js:
        # htmx has been asking all along (204: not yet); once it is made, the page loads the PDF.
        with page.expect_response(_is_the_pdf(path), timeout=30_000) as arrived:
            held_render.set()
        assert arrived.value.ok
    else:
        held_render.set()
        assert jobs.runner_of(live_server.app).wait_idle(60)
        link = page.get_by_role("link", name=interface_text("en", "Check if your PDF is ready"))
        with page.expect_response(_is_the_pdf(path), timeout=30_000) as arrived:
            link.click(no_wait_after=True)
        assert arrived.value.ok

