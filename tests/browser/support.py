"""Helpers for the browser tests: console watching, waiting for htmx swaps, axe-core, page checks."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
_axe = Axe()

# This run's screenshot folder (each pytest-xdist worker has its own): tests/browser/conftest.py sets it.
SHOTS_ROOT: Path | None = None

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 320, "height": 640}
SWAP_TIMEOUT_MS = 5_000

# Chromium logs every 4xx/5xx response as a console error. Pages that are meant to answer with an
# error status (422 for a form with errors, 404 for the not-found page) declare it; anything else fails.
_HTTP_ERROR = re.compile(r"^Failed to load resource: the server responded with a status of (\d{3})\b")

# Counts finished htmx swaps, so a test can wait for the swap its click started (including the
# app's own htmx:after:swap handler, which runs before htmx:finally:swap fires), and keeps the htmx
# requests still going: another request's swap (the plain-language check as someone types) can land
# first, and the click's own request is done only when htmx:finally:request fires, after its swap.
_SWAP_COUNTER = """
window.__consultSwaps = 0;
window.__consultRequests = new Set();
document.addEventListener("htmx:finally:swap", function () { window.__consultSwaps += 1; });
document.addEventListener("htmx:before:request", function (e) { window.__consultRequests.add(e.detail.ctx); });
document.addEventListener("htmx:finally:request", function (e) { window.__consultRequests.delete(e.detail.ctx); });
"""


@dataclass
class Problem:
    page_url: str
    text: str

    def __str__(self) -> str:
        return f"{self.text}  (on {self.page_url})"


@dataclass
class BrowserSession:
    """Fresh contexts on one shared browser; every page's console errors are collected."""

    browser: object
    base_url: str
    contexts: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    allowed: list[tuple[int, re.Pattern]] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"BrowserSession({self.base_url}, {len(self.contexts)} contexts)"

    def new_page(self, js: bool = True, viewport: dict | None = None):
        context = self.browser.new_context(
            java_script_enabled=js,
            viewport=viewport or DESKTOP,
            base_url=self.base_url,
            locale="en-GB",
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        if js:
            context.add_init_script(_SWAP_COUNTER)
        page = context.new_page()
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.problems.append(Problem(page.url, f"uncaught exception: {error}")))
        page.on("requestfailed", lambda request: self._request_failed(page, request))
        return page

    def _request_failed(self, page, request) -> None:
        # A picture still loading when the test moves on (after an htmx swap) is aborted by the browser:
        # that is the test leaving, not the page failing. So is a web font still downloading when the test goes to the next page.
        if request.resource_type in ("image", "font") and "ERR_ABORTED" in (request.failure or ""):
            return
        # Any other failure is a problem.
        self.problems.append(Problem(page.url, f"request failed: {request.method} {request.url} {request.failure}"))

    def allow_http_error(self, status: int, path_pattern: str) -> None:
        """Accept Chromium's console error for a response with this status from a matching path."""
        self.allowed.append((status, re.compile(path_pattern)))

    def _console(self, page, message) -> None:
        if message.type != "error":
            return
        text = message.text
        match = _HTTP_ERROR.match(text)
        if match:
            status = int(match.group(1))
            path = urlsplit(message.location.get("url", "")).path
            if any(status == allowed and pattern.fullmatch(path) for allowed, pattern in self.allowed):
                return
            text = f"{text} [{message.location.get('url')}]"
        self.problems.append(Problem(page.url, f"console error: {text}"))

    def assert_clean(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "The browser reported errors:\n" + "\n".join(f"  - {p}" for p in problems)

    def close(self) -> None:
        for context in self.contexts:
            try:
                context.close()
            except Exception:  # the browser may already have gone
                pass
        self.contexts.clear()


def shots_folder(*parts: str) -> Path:
    """The folder where browser tests save screenshots for a person to look at (made when missing).

    Never a fixed path, so runs side by side and pytest-xdist workers never share one: it is in this
    run's pytest temporary folder, /tmp/pytest-of-<user>/pytest-<newest number>/[popen-gwN/]shots,
    unless CONSULT_SHOTS names a folder (then <that folder>[/gwN]).
    """
    assert SHOTS_ROOT is not None, "tests/browser/conftest.py sets SHOTS_ROOT before any browser test"
    folder = SHOTS_ROOT.joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page, name: str, js: bool | None = None, folder: Path | None = None) -> None:
    """Screenshots of the whole page at 1280 and at 320 px, for a person to look at: ``<name>-1280.png``
    and ``<name>-320.png`` (``-js``/``-nojs`` added when ``js`` is given) in ``folder`` (default:
    shots_folder()). The window goes back to 1280 px afterwards. caret="initial": hiding the caret
    means injecting a <style>, which the Content-Security-Policy (rightly) blocks."""
    folder = folder or shots_folder()
    mode = "" if js is None else ("-js" if js else "-nojs")
    for label, viewport in (("1280", DESKTOP), ("320", MOBILE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{label}{mode}.png"), full_page=True, caret="initial")
    page.set_viewport_size(DESKTOP)


def js_enabled(page) -> bool:
    return page.evaluate("typeof window.__consultSwaps !== 'undefined'")


def path_of(page) -> str:
    return urlsplit(page.url).path


def swaps(page) -> int:
    return page.evaluate("window.__consultSwaps")


_SWAPS_ON_SUBMIT = """e => {
  for (let n = e; n; n = n.parentElement) {
    if (n.getAttribute("hx-boost") === "false") return false;
    if (n.getAttribute("hx-boost") === "true" || n.getAttribute("hx-boost:inherited") === "true") return true;
  }
  return false;
}"""


def submit(page, control, js: bool | None = None) -> None:
    """Press a button or follow a link, then wait until the next page is showing.

    With JavaScript on, htmx swaps <main> for boosted forms and links: wait for that swap to finish.
    Otherwise the browser loads a new page: wait for the navigation. ``js`` says which to expect;
    left out, it is worked out from the page (JavaScript on, and the control inside a boosted region).
    """
    if js is None:
        js = js_enabled(page) and control.evaluate(_SWAPS_ON_SUBMIT)
    if js:
        before = swaps(page)
        control.click()
        _wait_for_swap(page, before, f"pressing {control}")
    else:
        with page.expect_navigation(wait_until="load"):
            control.click()


def _wait_for_swap(page, before: int, action: str) -> None:
    try:
        page.wait_for_function("n => window.__consultSwaps > n && window.__consultRequests.size === 0",
                               arg=before, timeout=SWAP_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        raise AssertionError(f"no htmx swap finished within {SWAP_TIMEOUT_MS} ms after {action} "
                             f"on {page.url}") from None


def press_and_wait(page, key: str, js: bool = True) -> None:
    """Press a key on the focused element (Enter on a button or link) and wait for the next page."""
    if js:
        before = swaps(page)
        focused = active_element(page)
        page.keyboard.press(key)
        _wait_for_swap(page, before, f"pressing {key} on {focused}")
    else:
        with page.expect_navigation(wait_until="load"):
            page.keyboard.press(key)


def button(page, name: str):
    return page.locator("main").get_by_role("button", name=name, exact=True)


def h1_text(page) -> str:
    return " ".join(page.locator("main h1").inner_text().split())


def active_element(page) -> str:
    """A short description of the focused element, for messages."""
    return page.evaluate(
        """() => { const e = document.activeElement; if (!e) return 'nothing';
             return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                    (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
                    ' "' + (e.textContent || e.value || '').trim().slice(0, 60) + '"'; }"""
    )


def focus_is_on(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement === document.querySelector(s)", selector)


def wait_for_pictures(page) -> None:
    """Wait until every picture in <main> has loaded (or failed). A full page load already waits for them;
    after an htmx swap they are still loading, and leaving the page then aborts them ("request failed")."""
    if js_enabled(page):
        page.wait_for_function("() => [...document.querySelectorAll('main img')].every(i => i.complete)")


def horizontal_overflow(page) -> tuple[int, int]:
    """(scrollWidth, innerWidth): the page scrolls sideways when the first is larger."""
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def wider_than_viewport(page) -> list[str]:
    """Elements whose right edge passes the viewport, to explain an overflow."""
    return page.evaluate(
        """() => { const out = []; const w = window.innerWidth;
             for (const e of document.querySelectorAll('body *')) {
               const r = e.getBoundingClientRect();
               if (r.right > w + 0.5 && r.width > 0) {
                 out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                   (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
                   ' right=' + Math.round(r.right));
               }
               if (out.length >= 8) break;
             } return out; }"""
    )


# ---------------------------------------------------------------------------------------------
# axe-core
# ---------------------------------------------------------------------------------------------


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation.get('impact')}): {violation['help']}  "
                     f"{violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            lines.append(f"      target: {', '.join(str(t) for t in node['target'])}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


def axe_violations(page, reuse: bool = False) -> list[dict]:
    """Run axe-core in a page whose scripts run (page.evaluate needs them to settle promises).

    ``reuse``: when this document already has axe-core (an earlier scan, before an htmx swap or a
    change of window size), run it again instead of injecting the whole script once more.
    """
    if reuse and page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


# ---------------------------------------------------------------------------------------------
# Verdicts by document: a page with JavaScript off is scanned only when its document is new
# ---------------------------------------------------------------------------------------------

# What axe-core never reads, taken out of a document before it is compared: htmx's mark on the links
# and forms it took over (a data- attribute), and the per-session CSRF token and CSP nonce values.
_UNREAD = [
    (re.compile(r' data-htmx-powered="true"'), ""),
    (re.compile(r'(<input\b[^>]*\bname="csrf_token"[^>]*\bvalue=")[^"]*'), r"\1"),
    (re.compile(r'(<input\b[^>]*\bvalue=")[^"]*("[^>]*\bname="csrf_token")'), r"\1\2"),
    (re.compile(r"(X-CSRFToken&quot;: &quot;)[^&]*"), r"\1"),
    (re.compile(r' nonce="[^"]*"'), ""),
]


@dataclass
class Verdict:
    """axe-core's violations on one document at one window width, and (at 320 px) its overflow."""

    violations: list[dict]
    overflow: tuple[int, int] | None = None  # (scrollWidth, innerWidth)
    wider: list[str] = field(default_factory=list)  # what passes the window's edge, when it overflows


# Per test process, by (address, window width, SHA-256 of the document less _UNREAD). Filled by every scan; read only
# by the JavaScript-off scans, so a page whose document with JavaScript off is exactly the one already
# scanned (most often: the same page with JavaScript on, where the scripts changed nothing axe reads)
# gets that scan's verdict, violations and all, instead of a second identical scan.
_VERDICTS: dict[tuple[str, int, str], Verdict] = {}


def document_key(url: str, width: int, html: str) -> tuple[str, int, str]:
    for pattern, replacement in _UNREAD:
        html = pattern.sub(replacement, html)
    return url, width, hashlib.sha256(html.encode()).hexdigest()


def remember(key: tuple[str, int, str], verdict: Verdict) -> Verdict:
    _VERDICTS[key] = verdict
    return verdict


def known(key: tuple[str, int, str], overflow: bool = False) -> Verdict | None:
    """The verdict already reached on this document (with its overflow, when ``overflow``), or None."""
    verdict = _VERDICTS.get(key)
    if verdict is None or (overflow and verdict.overflow is None):
        return None
    return verdict


def scan(page, narrow: bool = False, reuse: bool = True) -> Verdict:
    """axe-core on ``page`` as it is now (and, with ``narrow``, its overflow), remembered for its document."""
    width = page.viewport_size["width"]
    key = document_key(page.url, width, page.content())
    verdict = Verdict(axe_violations(page, reuse=reuse))
    if narrow:
        verdict.overflow = horizontal_overflow(page)
        if verdict.overflow[0] > verdict.overflow[1]:
            verdict.wider = wider_than_viewport(page)
    return remember(key, verdict)


class SnapshotScanner:
    """Runs axe-core on pages that were shown with JavaScript switched off.

    axe-core needs the page's event loop (promises, timers), which Chromium stops when
    JavaScript is disabled. So the scanner takes the page exactly as the JavaScript-free browser
    built it (its DOM, which for such a page is the HTML the server sent), and shows that DOM at
    the same address and window size in a page of its own with scripts on, where axe can run.
    The page's own scripts (htmx, app.js) are served empty there, so nothing changes the DOM.
    """

    def __init__(self, session: BrowserSession, viewport: dict):
        self.context = session.browser.new_context(java_script_enabled=True, viewport=viewport,
                                                   base_url=session.base_url, locale="en-GB")
        session.contexts.append(self.context)
        self.page = self.context.new_page()
        self.html = ""
        self.context.route("**/*", self._route)

    def _route(self, route):
        request = route.request
        if request.resource_type == "document":
            route.fulfill(status=200, body=self.html, content_type="text/html; charset=utf-8")
        elif request.resource_type == "script":
            route.fulfill(status=200, body="", content_type="text/javascript")
        else:
            route.continue_()

    @staticmethod
    def snapshot(page) -> str:
        """``page``'s document as the scanner shows it."""
        html = page.content()
        # What a browser without JavaScript shows inside <noscript> must be scanned too.
        return re.sub(r"<noscript\b", "<div data-noscript", html).replace("</noscript>", "</div>")

    def show(self, url: str, html: str) -> None:
        self.html = html
        self.page.goto(url, wait_until="load")

    def violations(self, page) -> list[dict]:
        html = self.snapshot(page)
        verdict = known(document_key(page.url, self.page.viewport_size["width"], html))
        if verdict is None:
            self.show(page.url, html)
            verdict = scan(self.page, reuse=False)
        return verdict.violations


DIRECTIONS = {"en": "ltr", "cy": "ltr", "ar": "rtl"}


class TwoWidths:
    """axe-core on a page at 1280 px and at 320 px, and sideways scrolling at 320 px, in one visit.

    The page is scanned as shown (at 1280 px), then with the window narrowed to 320 px (the
    layout follows, as when someone narrows a real window or zooms to 400%), then widened again,
    so one walk through the pages covers both widths. With JavaScript off, axe runs on a
    SnapshotScanner copy of the page, which is narrowed the same way and measured for overflow
    (the same DOM and styles as the JavaScript-free page, <noscript> content shown).
    Problems are collected; ``assert_clean`` reports them all at the end.
    """

    def __init__(self, session: BrowserSession, js: bool):
        self.js = js
        self.scanner = None if js else SnapshotScanner(session, DESKTOP)
        self.failures: list[str] = []
        self.overflowing: list[str] = []
        self.scanned: list[str] = []

    def check(self, name: str, page, language: str | None = None) -> None:
        """Scan ``page``; with ``language``, first check <html lang> and dir are that language's."""
        if language is not None:
            lang, direction = page.locator("html").get_attribute("lang"), page.locator("html").get_attribute("dir")
            assert (lang, direction) == (language, DIRECTIONS[language]), (
                f"{name}: <html lang={lang!r} dir={direction!r}> on {page.url}, expected {language}")
        where = f"{name}{f' [{language}]' if language else ''} ({page.url})"
        if self.js:
            wide, narrow = self._scan_both(page)
        else:
            wide, narrow = self._verdicts(page)
            if wide is None or narrow is None:
                self.scanner.show(page.url, self.scanner.snapshot(page))
                wide, narrow = self._scan_both(self.scanner.page)
        scroll_width, inner_width = narrow.overflow
        if scroll_width > inner_width:
            self.overflowing.append(f"{where}: scrollWidth {scroll_width} > {inner_width}. " + "; ".join(narrow.wider))
        self.scanned.append(name)
        for width, violations in ((DESKTOP["width"], wide.violations), (MOBILE["width"], narrow.violations)):
            if violations:
                self.failures.append(f"{where} at {width} px:\n{format_violations(violations)}")

    @staticmethod
    def _scan_both(shown) -> tuple[Verdict, Verdict]:
        """Scan at 1280 px, then narrow the window to 320 px (the layout follows) and scan again."""
        wide = scan(shown)
        shown.set_viewport_size(MOBILE)
        try:
            return wide, scan(shown, narrow=True)
        finally:
            shown.set_viewport_size(DESKTOP)

    def _verdicts(self, page) -> tuple[Verdict | None, Verdict | None]:
        """For a page with JavaScript off: the verdicts already reached on its document at both widths."""
        html = self.scanner.snapshot(page)
        return (known(document_key(page.url, DESKTOP["width"], html)),
                known(document_key(page.url, MOBILE["width"], html), overflow=True))

    def assert_clean(self) -> None:
        problems = []
        if self.failures:
            problems.append(f"axe-core ({', '.join(AXE_TAGS)}) found {len(self.failures)} violating page states "
                            f"among {len(self.scanned)} pages scanned at 1280 and 320 px:\n\n"
                            + "\n\n".join(self.failures))
        if self.overflowing:
            problems.append("Pages that scroll sideways at 320 px:\n" + "\n".join(self.overflowing))
        assert not problems, "\n\n".join(problems)


# ---------------------------------------------------------------------------------------------
# The demo consultation
# ---------------------------------------------------------------------------------------------

SLUG = "equipment-service"
START = f"/c/{SLUG}"
CHECK = f"/c/{SLUG}/check"
CLOSED = "/c/wheelchair-repairs"
# A confirmation reference such as K7P-4RW-9XT, as it appears in the page's text.
REFERENCE = re.compile(r"\b[2-9A-HJKMNP-TW-Z]{3}-[2-9A-HJKMNP-TW-Z]{3}-[2-9A-HJKMNP-TW-Z]{3}\b")
# What an error state answers with, per page: forms with errors are 422.
FORM_ERROR_PATHS = rf"/c/{SLUG}/(q/\d+|check|resume)|/staff/sign-in"


def text_control(page):
    """The one text box (input or textarea) on a text or number question page."""
    return page.locator("main form").locator("input.input, textarea")


def answer(page, number: int, language: str = "en") -> None:
    """Answer demo question ``number`` as tests/demo_answers.py says, by the words on the page
    (in ``language``: its Welsh or Arabic labels on a page in that language)."""
    from tests.demo_answers import DEMO_ANSWERS

    kind, value = DEMO_ANSWERS[number]
    if kind == "labels":
        for label in value:
            page.locator("main").get_by_label(demo_label(language, label), exact=True).check()
    else:
        text_control(page).fill(value)


# ---------------------------------------------------------------------------------------------
# Languages: the interface's words and the demo's answers in Welsh and Arabic
# ---------------------------------------------------------------------------------------------

# Answer labels the walks need beyond tests/demo_answers.py's TRANSLATED_LABELS (from consult/demo.py).
MORE_DEMO_LABELS = {
    "cy": {"None of these": "Dim un o’r rhain"},
    "ar": {"None of these": "لا شيء مما سبق"},
}


@lru_cache(maxsize=8)
def _interface_catalogue(language: str):
    from babel.support import Translations

    from consult import ROOT

    # conftest's live_server compiles each messages.mo before any test runs.
    catalogue = Translations.load(str(Path(ROOT, "translations")), [language])
    assert isinstance(catalogue, Translations), f"no compiled interface translations for {language!r}"
    return catalogue


def interface_text(language: str, message: str) -> str:
    """``message`` (an interface string, in English) as the interface says it in ``language``."""
    if language == "en":
        return message
    return _interface_catalogue(language).gettext(message)


def demo_label(language: str, label: str) -> str:
    """A demo answer's label (in English) as a page in ``language`` shows it."""
    from tests.demo_answers import TRANSLATED_LABELS

    if language == "en":
        return label
    return {**TRANSLATED_LABELS[language], **MORE_DEMO_LABELS[language]}[label]


def with_language(path: str, language: str) -> str:
    """``path`` asking for ``language`` (remembered in the session from then on); as is for English."""
    if language == "en":
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={language}"


# ---------------------------------------------------------------------------------------------
# Staff: accounts and signing in
# ---------------------------------------------------------------------------------------------

STAFF_PASSWORD = "browser tests staff password"
# One account per role, and one more person for the admin pages (change role, deactivate).
STAFF = {
    "admin": "browser-admin@example.org",
    "editor": "browser-editor@example.org",
    "analyst": "browser-analyst@example.org",
    "spare": "browser-spare@example.org",
}
# Staff forms with errors answer 422; an analyst's refused page answers 403.
STAFF_FORM_ERROR_PATHS = (r"/staff/(sign-in|people/new|people/\d+/role|account/(password|language)"
                          r"|consultations/(new|check-text|plain-words|\d+(/settings|/reopen|/publish|/questions"
                          r"(/\d+(/preview|/options(/\d+)?|/condition)?)?)?))")


def ensure_staff(app) -> dict[str, int]:
    """Create the STAFF accounts that are missing (other tests empty the tables); {key: staff id}."""
    from consult.auth.services import create_staff, find_staff
    from consult.extensions import db

    ids = {}
    with app.app_context():
        for key, email in STAFF.items():
            staff = find_staff(email)
            if staff is None:
                staff = create_staff(email, STAFF_PASSWORD, "editor" if key == "spare" else key)
            staff.active = True
            ids[key] = staff.id
        db.session.commit()
        db.session.remove()
    return ids


def sign_in(session: BrowserSession, role: str, js: bool = True, viewport: dict | None = None):
    """A new page, signed in through the sign-in form as the STAFF account for ``role``."""
    page = session.new_page(js=js, viewport=viewport)
    page.goto("/staff/sign-in")
    main = page.locator("main")
    main.get_by_label("Email address", exact=True).fill(STAFF[role])
    main.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    submit(page, button(page, "Sign in"), js=False)  # a full page load (hx-boost="false")
    assert path_of(page) == "/staff/", f"signing in as {role} ended on {page.url}: {h1_text(page)!r}"
    return page


def expect_error_state(page, name: str) -> None:
    """The page shows the error we meant to cause (a summary, and "Error: " in the title)."""
    summary = page.locator("main .error-summary")
    assert summary.count() == 1 and summary.is_visible(), f"{name}: no error summary on {page.url}"
    assert page.title().startswith("Error: "), f"{name}: the title {page.title()!r} does not start with 'Error: '"


def announced(page, message: str, timeout: int = 3_000) -> None:
    """Wait until the status region says ``message`` (app.js writes it 50 ms after the swap)."""
    try:
        page.wait_for_function("t => document.getElementById('announcer').textContent.trim() === t",
                               arg=message, timeout=timeout)
    except PlaywrightTimeoutError:
        said = page.locator("#announcer").text_content()
        raise AssertionError(f"#announcer says {said!r}, not {message!r}, on {page.url}") from None


def make_draft(app, slug: str, title: str, questions=(), **settings) -> dict:
    """A draft consultation made directly (not through the builder), replacing any with this slug.

    ``questions``: (kind, prompt, answers, hint) tuples. Opens yesterday, closes in 60 days.
    Returns {"id": its id, "questions": [question ids in order]}.
    """
    from datetime import timedelta

    from sqlalchemy import select

    from consult.build.questions import add_question
    from consult.build.services import create_consultation, delete_consultation
    from consult.extensions import db
    from consult.models import Consultation
    from consult.models._time import utcnow

    with app.app_context():
        old = db.session.scalar(select(Consultation).where(Consultation.slug == slug))
        if old is not None:
            delete_consultation(old)
        now = utcnow().replace(microsecond=0)
        consultation = create_consultation(
            slug, title=title, summary=settings.pop("summary", "Tell us what you think."),
            opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=60), **settings)
        ids = [add_question(consultation, kind, prompt, options=answers, hint=hint).id
               for kind, prompt, answers, hint in questions]
        db.session.commit()
        made = {"id": consultation.id, "questions": ids}
        db.session.remove()
    return made
