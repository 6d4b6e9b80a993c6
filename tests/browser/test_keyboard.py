"""The whole journey with the keyboard alone (JavaScript on), and a visible focus indicator at every Tab stop."""

from __future__ import annotations

import re

import pytest

from tests.browser.support import (
    CHECK,
    REFERENCE,
    SLUG,
    START,
    active_element,
    focus_is_on,
    path_of,
    press_and_wait,
)
from tests.demo_answers import DEMO_ANSWERS

pytestmark = pytest.mark.browser

MAX_TABS = 60

# Remember how every focusable element looks while it is NOT focused, to compare with its focused look.
_REMEMBER_UNFOCUSED = """() => {
  const styles = window.__unfocusedStyles || (window.__unfocusedStyles = new WeakMap());
  for (const e of document.querySelectorAll('a[href], button, input, textarea, select, [tabindex]')) {
    if (e === document.activeElement) continue;
    const s = getComputedStyle(e);
    styles.set(e, {background: s.backgroundColor, shadow: s.boxShadow});
  }
}"""

# Describe the focused element and whether something visible marks it as focused.
_FOCUS_INDICATOR = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const alpha = (colour) => {
    const m = colour.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return colour === 'transparent' ? 0 : 1;
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean);
    return parts.length > 3 ? parseFloat(parts[3]) : 1;
  };
  const before = (window.__unfocusedStyles && window.__unfocusedStyles.get(e)) || null;
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && alpha(s.outlineColor) > 0;
  const shadow = s.boxShadow !== 'none' && (!before || before.shadow !== s.boxShadow);
  const background = !!before && before.background !== s.backgroundColor;
  const text = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\\s+/g, ' ');
  return {
    element: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + text.slice(0, 50) + '"',
    isBody: e === document.body,
    visible: outline || shadow || background,
    details: `outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow ${s.boxShadow}; ` +
             `background ${s.backgroundColor} ` +
             `(unfocused: ${before ? before.background + ', ' + before.shadow : 'unknown'})`,
  };
}"""


class KeyboardUser:
    """Moves only with Tab, arrows, Space and Enter, and checks the focus indicator at every stop."""

    def __init__(self, page):
        self.page = page
        self.stops: list[str] = []
        self.invisible: list[str] = []

    def tab(self) -> dict:
        self.page.evaluate(_REMEMBER_UNFOCUSED)
        self.page.keyboard.press("Tab")
        return self._record()

    def _record(self) -> dict:
        focused = self.page.evaluate(_FOCUS_INDICATOR)
        where = f"{path_of(self.page)}: {focused['element']}"
        self.stops.append(where)
        assert not focused["isBody"], f"focus fell back to <body> on {path_of(self.page)}"
        if not focused["visible"]:
            self.invisible.append(f"{where} -- {focused['details']}")
        return focused

    def tab_to(self, selector: str, description: str) -> None:
        for _ in range(MAX_TABS):
            self.tab()
            if focus_is_on(self.page, selector):
                return
        raise AssertionError(f"Tab never reached {description} on {path_of(self.page)}; stops: {self.stops[-15:]}")

    def choose(self, label: str) -> None:
        """Tick a checkbox, or choose a radio, by its label: Tab to it (arrows within a radio group), Space."""
        exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
        control_id = self.page.locator("main label", has_text=exact).get_attribute("for")
        selector = f"main #{control_id}"
        kind = self.page.locator(selector).get_attribute("type")
        if kind == "radio":
            name = self.page.locator(selector).get_attribute("name")
            self.tab_to(f"main input[type=radio][name='{name}']:focus", f"the radios for {label!r}")
            for _ in range(12):
                if focus_is_on(self.page, selector):
                    break
                self.page.evaluate(_REMEMBER_UNFOCUSED)
                self.page.keyboard.press("ArrowDown")
                self._record()
            assert focus_is_on(self.page, selector), f"the arrow keys never reached {label!r}"
        else:
            self.tab_to(selector, repr(label))
        self.page.keyboard.press("Space")
        assert self.page.locator(selector).is_checked(), f"Space did not choose {label!r}"


def test_whole_journey_with_the_keyboard_alone(browser_session):
    page = browser_session.new_page(js=True)
    page.goto("/")
    user = KeyboardUser(page)

    user.tab_to(f"main a[href='{START}']", "the link to the demo consultation")
    press_and_wait(page, "Enter")
    assert path_of(page) == START
    assert focus_is_on(page, "main h1"), f"after the swap focus is on {active_element(page)}"

    user.tab_to("main form button[type=submit]", "the Start now button")
    press_and_wait(page, "Enter")

    for number, (kind, value) in DEMO_ANSWERS.items():
        assert path_of(page) == f"/c/{SLUG}/q/{number}", f"expected question {number}, got {page.url}"
        assert focus_is_on(page, "main h1"), f"question {number}: focus is on {active_element(page)}"
        if kind == "labels":
            for label in value:
                user.choose(label)
            user.tab_to("main button[value=continue]", "the Continue button")
            press_and_wait(page, "Enter")
        else:
            field = "main form input.input, main form textarea"
            user.tab_to(field, "the answer box")
            page.keyboard.type(value)
            if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
                user.tab_to("main button[value=continue]", "the Continue button")
            # In a one-line box, Enter sends the form (the browser's implicit submission).
            press_and_wait(page, "Enter")

    assert path_of(page) == CHECK
    assert focus_is_on(page, "main h1")
    summary = page.locator("main .summary-list").inner_text()
    assert "A wheelchair" in summary and "Please phone before you deliver." in summary and "Llanfair" in summary
    user.tab_to("main form button[type=submit]", "the Send my answers button")
    press_and_wait(page, "Enter")

    assert path_of(page) == f"/c/{SLUG}/confirmation"
    assert focus_is_on(page, "main h1")
    assert REFERENCE.search(page.locator("main").inner_text())
    assert len(user.stops) > 20
    assert not user.invisible, "Tab stops without a visible focus indicator:\n" + "\n".join(user.invisible)
    browser_session.assert_clean()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(browser_session):
    page = browser_session.new_page(js=True)
    page.goto(START)
    user = KeyboardUser(page)
    first = user.tab()
    assert focus_is_on(page, "a.skip-link"), f"the first Tab stop is {first['element']}"
    assert page.locator("a.skip-link").is_visible(), "the skip link stays hidden when focused"
    assert not user.invisible, user.invisible
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement === document.getElementById('main')")
    user.tab()
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)"), (
        f"after the skip link, Tab went to {active_element(page)}")
    browser_session.assert_clean()
