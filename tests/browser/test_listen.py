"""Listen: the question and its answers read aloud in their own language, only when asked."""

from __future__ import annotations

import pytest

from tests.browser.support import START, button, path_of, submit

pytestmark = pytest.mark.browser

# A stand-in for the browser's voice, so the test can hear what would be said (and nothing plays).
_FAKE_VOICE = """() => {
  window.__spoken = [];
  let speaking = false;
  class FakeUtterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; }
  }
  window.SpeechSynthesisUtterance = FakeUtterance;
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
    get speaking() { return speaking; },
    speak(u) { speaking = true; window.__spoken.push({text: u.text, lang: u.lang}); window.__last = u; },
    cancel() { speaking = false; window.__cancelled = true; },
  }});
  window.__finish = () => { speaking = false; window.__last.dispatchEvent(new Event("end")); };
}"""

_NO_VOICE = """() => { delete window.speechSynthesis; delete window.SpeechSynthesisUtterance; }"""


def _first_question(page):
    page.goto(START + "?lang=cy")
    submit(page, button(page, "Dechrau nawr"))
    assert path_of(page).endswith("/q/1")


def test_listen_reads_the_question_and_answers_when_asked(browser_session):
    page = browser_session.new_page(js=True)
    page.context.add_init_script(f"({_FAKE_VOICE})()")
    _first_question(page)
    listen = page.locator(".listen__button")
    assert listen.is_visible()
    assert page.evaluate("window.__spoken.length") == 0  # it never plays by itself
    listen.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__spoken")
    texts = [item["text"] for item in spoken]
    assert texts[0] == page.locator(".question-form h1").inner_text().strip()
    assert "Cadair olwyn" in texts
    assert {item["lang"] for item in spoken} == {"cy"}
    assert page.locator(".listen__label").inner_text() == "Stopio"  # "Stop", in Welsh
    page.keyboard.press("Enter")
    assert page.evaluate("window.__cancelled") is True
    assert page.locator(".listen__label").inner_text() == "Gwrando"
    # After the next question is swapped in, Listen works there too.
    page.locator("input[type=checkbox]").first.check()
    submit(page, button(page, "Parhau"))
    assert path_of(page).endswith("/q/2")
    page.evaluate("window.__spoken = []")
    page.locator(".listen__button").click()
    assert page.evaluate("window.__spoken[0].text") == page.locator(".question-form h1").inner_text().strip()
    page.evaluate("window.__finish()")
    assert page.locator(".listen__label").inner_text() == "Gwrando"


@pytest.mark.parametrize("js", [True, False], ids=["no-speech", "js-off"])
def test_listen_is_hidden_where_the_browser_cannot_speak(browser_session, js):
    page = browser_session.new_page(js=js)
    if js:
        page.context.add_init_script(f"({_NO_VOICE})()")
    page.goto(START)
    submit(page, button(page, "Start now"), js=js)
    assert path_of(page).endswith("/q/1")
    assert page.locator(".listen__button").count() == 1
    assert not page.locator(".listen__button").is_visible()
