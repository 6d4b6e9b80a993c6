"""Embedding in Chromium: a council's page on another origin frames the consultation.

Consult runs at http://localhost:<port> and the council's pages at http://127.0.0.1:<other ports>:
another site as far as the browser's cookies are concerned, as a real council site would be. From
the allowed origin the frame shows the consultation, grows to fit it (our embed.js, fed by the
framed page's postMessage) and an answer is saved from inside it (the session cookie is
SameSite=None; Secure; Partitioned, which Chromium accepts from http://localhost). From an origin
that is not listed, Chromium refuses the frame (frame-ancestors). axe on the staff embed page.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.support import (
    DESKTOP,
    SLUG,
    TwoWidths,
    demo_label,
    h1_text,
    path_of,
    shoot,
    shots_folder,
    sign_in,
    submit,
)

pytestmark = pytest.mark.browser

FALLBACK_HEIGHT = "1000"
# The frame's height attribute is the height of the page inside it (same-origin access is not possible
# from the council's page, so the test reads the frame's own measure through Playwright instead).
FRAME_FITS = """() => {
  const frame = document.querySelector('iframe[data-consult-embed]');
  return frame.hasAttribute('data-consult-height') && frame.getAttribute('height') === frame.getAttribute('data-consult-height');
}"""


class CouncilSite:
    """A tiny web server standing in for the council's own website: one page, with the embed code."""

    def __init__(self):
        self.html = b""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802  (http.server's name)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(site.html)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def show(self, code: str) -> None:
        self.html = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Glan Hafren Council</title>"
                     "</head><body><h1>Have your say</h1><p>Our consultation on equipment:</p>"
                     f"{code}<p id='after'>The rest of the council's page.</p></body></html>").encode()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _set_origins(app, origins) -> None:
    from consult.extensions import db
    from consult.models.organisation import OrganisationSettings

    with app.app_context():
        row = db.session.get(OrganisationSettings, 1)
        if row is None:
            row = OrganisationSettings(id=1, name=None)
            db.session.add(row)
        row.embed_origins = origins
        db.session.commit()
        db.session.remove()


@pytest.fixture
def councils(live_server, monkeypatch):
    """Two council sites; only the first may frame the consultation. Consult's address is localhost."""
    from consult.embed.code import embed_code
    from consult.loading import load_consultation

    app = live_server.app
    consult_origin = f"http://localhost:{live_server.server.server_port}"
    monkeypatch.setitem(app.config, "PUBLIC_URL", consult_origin)
    # As on an HTTPS site (Chromium treats http://localhost as secure for cookies).
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    allowed, refused = CouncilSite(), CouncilSite()
    _set_origins(app, [allowed.origin])
    with app.test_request_context():
        code = embed_code(load_consultation(SLUG), "en")
    allowed.show(code)
    refused.show(code)
    try:
        yield allowed, refused, consult_origin
    finally:
        _set_origins(app, None)
        allowed.stop()
        refused.stop()


def _draft_answers(app) -> list[dict]:
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.models.response import Draft

    with app.app_context():
        consultation = load_consultation(SLUG)
        found = [draft.answers for draft in db.session.scalars(
            select(Draft).where(Draft.consultation_id == consultation.id))]
        db.session.remove()
        return found


def _new_page(chromium, messages, js: bool = True):
    context = chromium.new_context(viewport=DESKTOP, locale="en-GB", java_script_enabled=js)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(f"uncaught: {error}"))
    return context, page


def test_an_allowed_site_frames_the_consultation_and_answers_are_saved(chromium, live_server, councils):
    allowed, _refused, consult_origin = councils
    before = len(_draft_answers(live_server.app))
    messages: list[str] = []
    context, page = _new_page(chromium, messages)
    try:
        page.goto(allowed.origin + "/")
        frame_element = page.locator("iframe[data-consult-embed]")
        expect(frame_element).to_have_attribute("title", "Consultation: Your equipment, your say")
        frame = page.frame_locator("iframe[data-consult-embed]")
        expect(frame.locator("h1")).to_have_text("Your equipment, your say")
        # Our script on the council's page set the frame's height from the page inside it.
        page.wait_for_function(FRAME_FITS)
        height = int(frame_element.get_attribute("height"))
        inner = page.frames[1].evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
        assert height != int(FALLBACK_HEIGHT) and abs(height - inner) <= 1, (height, inner)
        shoot(page, "embedded-start")

        # Answer inside the frame: the cookie reaches the cross-site frame, so the CSRF check passes.
        frame.get_by_role("button", name="Start now").click()
        expect(frame.locator("main h1")).not_to_have_text("Your equipment, your say")
        inner_frame = page.frames[1]
        assert path_of(inner_frame) == f"/c/{SLUG}/q/1", inner_frame.url
        for label in ("A wheelchair",):
            frame.locator("main").get_by_label(demo_label("en", label), exact=True).check()
        frame.get_by_role("button", name="Continue").click()
        expect(frame.locator("main h1")).to_be_visible()
        for _ in range(50):
            if path_of(page.frames[1]) == f"/c/{SLUG}/q/2":
                break
            page.wait_for_timeout(100)
        assert path_of(page.frames[1]) == f"/c/{SLUG}/q/2", page.frames[1].url
        assert path_of(page) == "/"  # the council's page itself never moved
        drafts = _draft_answers(live_server.app)
        assert len(drafts) == before + 1 and any(answers for answers in drafts), drafts
        # The frame follows the new page's height too.
        page.wait_for_function(FRAME_FITS)
        shoot(page, "embedded-question")
        assert not [text for text in messages if "frame-ancestors" in text or "uncaught" in text], messages
    finally:
        context.close()


def test_without_javascript_the_frame_keeps_its_height_and_still_takes_answers(chromium, live_server, councils):
    allowed, _refused, _consult_origin = councils
    messages: list[str] = []
    context, page = _new_page(chromium, messages, js=False)
    try:
        page.goto(allowed.origin + "/")
        frame = page.frame_locator("iframe[data-consult-embed]")
        expect(frame.locator("h1")).to_have_text("Your equipment, your say")
        assert page.locator("iframe[data-consult-embed]").get_attribute("height") == FALLBACK_HEIGHT
        frame.get_by_role("button", name="Start now").click()
        expect(frame.locator("main h1")).not_to_have_text("Your equipment, your say")
        frame.locator("main").get_by_label(demo_label("en", "A wheelchair"), exact=True).check()
        frame.get_by_role("button", name="Continue").click()
        for _ in range(50):
            if path_of(page.frames[1]) == f"/c/{SLUG}/q/2":
                break
            page.wait_for_timeout(100)
        assert path_of(page.frames[1]) == f"/c/{SLUG}/q/2", page.frames[1].url
        assert not [text for text in messages if "frame-ancestors" in text], messages
    finally:
        context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_a_browser_that_keeps_no_cookie_in_the_frame_is_offered_a_new_tab(chromium, live_server, councils,
                                                                          monkeypatch, js):
    """Over plain HTTP the cookie stays SameSite=Lax, so Chromium leaves it out of the cross-site frame,
    as Safari does with every cookie there: answering cannot work in the frame, and the page says so."""
    allowed, _refused, consult_origin = councils
    monkeypatch.setitem(live_server.app.config, "SESSION_COOKIE_SECURE", False)
    messages: list[str] = []
    context, page = _new_page(chromium, messages, js=js)
    try:
        page.goto(allowed.origin + "/")
        frame = page.frame_locator("iframe[data-consult-embed]")
        expect(frame.locator("h1")).to_have_text("Your equipment, your say")
        frame.get_by_role("button", name="Start now").click()
        expect(frame.locator("main h1")).to_have_text("Open the consultation in a new tab to answer")
        link = frame.get_by_role("link", name="Open the consultation in a new tab")
        assert link.get_attribute("href") == f"/c/{SLUG}" and link.get_attribute("target") == "_blank"
        if js:
            shoot(page, "embedded-no-cookie")
    finally:
        context.close()


def test_a_site_not_on_the_list_is_refused(chromium, councils):
    _allowed, refused, consult_origin = councils
    messages: list[str] = []
    context, page = _new_page(chromium, messages)
    try:
        page.goto(refused.origin + "/")
        for _ in range(50):
            if any("frame-ancestors" in text for text in messages):
                break
            page.wait_for_timeout(100)
        # Chromium's words: Framing 'http://localhost:…/' violates the following Content Security Policy
        # directive: "frame-ancestors http://127.0.0.1:…". The request has been blocked.
        blocked = [text for text in messages if "frame-ancestors" in text]
        assert blocked and consult_origin in blocked[0] and "blocked" in blocked[0], messages
        # In the frame: Chromium's own error page, not the consultation.
        for _ in range(50):
            if page.frames[1].url.startswith("chrome-error://"):
                break
            page.wait_for_timeout(100)
        assert page.frames[1].url.startswith("chrome-error://"), page.frames[1].url
        frame = page.frame_locator("iframe[data-consult-embed]")
        assert "Your equipment, your say" not in frame.locator("body").inner_text()
        shoot(page, "embedding-refused")
        # The height stays the fallback: nothing from Consult ran in the frame. A message that does not
        # come from Consult's origin (here: the council's page itself) changes nothing either.
        page.evaluate("window.postMessage({consult: 'height', height: 300, newPage: true}, '*')")
        page.wait_for_timeout(300)
        assert page.locator("iframe[data-consult-embed]").get_attribute("height") == FALLBACK_HEIGHT
        # The plain link still opens the consultation in a tab of its own.
        link = page.get_by_role("link", name="Open the consultation “Your equipment, your say” in a new tab")
        assert link.get_attribute("href") == f"{consult_origin}/c/{SLUG}?lang=en"
        assert link.get_attribute("target") == "_blank"
    finally:
        context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_the_staff_embed_page_passes_axe(browser_session, staff_accounts, councils, live_server, js):
    from consult.loading import load_consultation

    allowed, _refused, _origin = councils
    with live_server.app.app_context():
        consultation_id = load_consultation(SLUG).id
    checker = TwoWidths(browser_session, js)
    page = sign_in(browser_session, "editor", js=js)
    page.goto(f"/staff/consultations/{consultation_id}")
    assert page.locator("#embed-code").input_value().startswith("<iframe ")
    page.locator("#embed").scroll_into_view_if_needed()
    page.screenshot(path=str(shots_folder() / f"consultation-embed-section-{'js' if js else 'nojs'}.png"))
    submit(page, page.get_by_role("link", name="Code for each language, and how the frame works"), js)
    assert path_of(page) == f"/staff/consultations/{consultation_id}/embed"
    assert h1_text(page) == "Embed on your website"
    assert page.locator(".embed-origins").inner_text().strip() == allowed.origin
    assert page.locator("textarea.embed-code").first.input_value().startswith("<iframe ")
    shoot(page, "embed-staff", js)
    checker.check("embed page", page, "en")
    checker.assert_clean()
