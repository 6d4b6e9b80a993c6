"""axe-core on every page a resident sees, and no sideways scrolling at 320 px, with JavaScript on and off.

The sideways-scroll check runs inside the 320 px axe walk: one walk (per JavaScript mode) measures
both, and each test asserts its own part, so the two tests stay apart without walking twice
(`make test` runs a file's tests on one pytest-xdist worker, so they share it there too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.browser.pages import resident_pages
from tests.browser.support import (
    AXE_TAGS,
    DESKTOP,
    MOBILE,
    BrowserSession,
    SnapshotScanner,
    format_violations,
    horizontal_overflow,
    scan,
    shots_folder,
    wider_than_viewport,
)

pytestmark = pytest.mark.browser

# Pages worth a look by a person, saved as pictures when JavaScript is on.
SCREENSHOTS = {
    "start": "start",
    "question 1": "question-1",
    "question 1, nothing chosen": "question-1-error",
    "check": "check",
    "confirmation": "confirmation",
}
MIN_PAGES = 35

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
SIZES = [pytest.param(DESKTOP, id="1280"), pytest.param(MOBILE, id="320")]


@dataclass
class Walk:
    """What one walk through the resident pages found."""

    scanned: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # axe-core violations, per page
    overflowing: list[str] = field(default_factory=list)  # pages wider than the window (320 px walks)
    browser_problems: list = field(default_factory=list)  # console errors, failed requests


def _walk(session: BrowserSession, js: bool, viewport: dict) -> Walk:
    scanner = None if js else SnapshotScanner(session, viewport)
    walk = Walk()
    for shown in resident_pages(session, js, viewport):
        page = shown.page
        violations = scan(page, reuse=False).violations if js else scanner.violations(page)
        walk.scanned.append(shown.name)
        if violations:
            walk.failures.append(f"{shown.name} ({page.url}):\n{format_violations(violations)}")
        if viewport == MOBILE:
            scroll_width, inner_width = horizontal_overflow(page)
            if scroll_width > inner_width:
                walk.overflowing.append(f"{shown.name} ({page.url}): scrollWidth {scroll_width} > {inner_width}. "
                                        + "; ".join(wider_than_viewport(page)))
        if js and shown.name in SCREENSHOTS:
            # caret="initial": hiding the caret means injecting a <style>, which our CSP (rightly) blocks.
            page.screenshot(path=str(shots_folder() / f"{SCREENSHOTS[shown.name]}-{viewport['width']}.png"),
                            full_page=True, caret="initial")
    walk.browser_problems = list(session.problems)
    return walk


@pytest.fixture(scope="module")
def narrow_walks():
    """The 320 px walks already made in this module, by JavaScript mode: the second test reads them.

    Only a walk that finished is kept; one that stopped with an error is walked again (and fails
    again) by the next test that needs it.
    """
    return {}


def _narrow_walk(narrow_walks: dict, session: BrowserSession, js: bool) -> Walk:
    if js not in narrow_walks:
        narrow_walks[js] = _walk(session, js, MOBILE)
    return narrow_walks[js]


def _assert_no_browser_problems(walk: Walk) -> None:
    assert not walk.browser_problems, "The browser reported errors:\n" + "\n".join(
        f"  - {problem}" for problem in walk.browser_problems)


@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("js", MODES)
def test_every_resident_page_passes_axe(browser_session, narrow_walks, js, viewport):
    walk = _narrow_walk(narrow_walks, browser_session, js) if viewport == MOBILE else _walk(browser_session, js, viewport)
    assert len(walk.scanned) >= MIN_PAGES, f"the walk stopped early: {walk.scanned}"
    assert not walk.failures, (
        f"axe-core ({', '.join(AXE_TAGS)}) found violations on {len(walk.failures)} of {len(walk.scanned)} pages:\n\n"
        + "\n\n".join(walk.failures)
    )
    _assert_no_browser_problems(walk)
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_nothing_scrolls_sideways_at_320_px(browser_session, narrow_walks, js):
    walk = _narrow_walk(narrow_walks, browser_session, js)
    assert len(walk.scanned) >= MIN_PAGES, f"the walk stopped early: {walk.scanned}"
    assert not walk.overflowing, "Pages that scroll sideways at 320 px:\n" + "\n".join(walk.overflowing)
    _assert_no_browser_problems(walk)
    browser_session.assert_clean()
