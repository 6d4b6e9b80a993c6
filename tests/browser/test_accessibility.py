"""axe-core on every page a resident sees, and no sideways scrolling at 320 px, with JavaScript on and off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.pages import resident_pages
from tests.browser.support import (
    AXE_TAGS,
    DESKTOP,
    MOBILE,
    SnapshotScanner,
    axe_violations,
    format_violations,
    horizontal_overflow,
    wider_than_viewport,
)

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
# Pages worth a look by a person, saved as pictures when JavaScript is on.
SCREENSHOTS = {
    "start": "start",
    "question 1": "question-1",
    "question 1, nothing chosen": "question-1-error",
    "check": "check",
    "confirmation": "confirmation",
}

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
SIZES = [pytest.param(DESKTOP, id="1280"), pytest.param(MOBILE, id="320")]


@pytest.mark.parametrize("viewport", SIZES)
@pytest.mark.parametrize("js", MODES)
def test_every_resident_page_passes_axe(browser_session, js, viewport):
    scanner = None if js else SnapshotScanner(browser_session, viewport)
    failures = []
    scanned = []
    for shown in resident_pages(browser_session, js, viewport):
        page = shown.page
        violations = axe_violations(page) if js else scanner.violations(page)
        scanned.append(shown.name)
        if violations:
            failures.append(f"{shown.name} ({page.url}):\n{format_violations(violations)}")
        if js and shown.name in SCREENSHOTS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            # caret="initial": hiding the caret means injecting a <style>, which our CSP (rightly) blocks.
            page.screenshot(path=str(SHOTS / f"{SCREENSHOTS[shown.name]}-{viewport['width']}.png"),
                            full_page=True, caret="initial")
    assert len(scanned) >= 35, f"the walk stopped early: {scanned}"
    assert not failures, (
        f"axe-core ({', '.join(AXE_TAGS)}) found violations on {len(failures)} of {len(scanned)} pages:\n\n"
        + "\n\n".join(failures)
    )
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_nothing_scrolls_sideways_at_320_px(browser_session, js):
    failures = []
    scanned = 0
    for shown in resident_pages(browser_session, js, MOBILE):
        scroll_width, inner_width = horizontal_overflow(shown.page)
        scanned += 1
        if scroll_width > inner_width:
            culprits = "; ".join(wider_than_viewport(shown.page))
            failures.append(f"{shown.name} ({shown.page.url}): "
                            f"scrollWidth {scroll_width} > {inner_width}. {culprits}")
    assert scanned >= 35
    assert not failures, "Pages that scroll sideways at 320 px:\n" + "\n".join(failures)
    browser_session.assert_clean()
