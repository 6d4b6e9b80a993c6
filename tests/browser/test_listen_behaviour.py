"""Listen, continued: it stops when the page changes, reads an error first, hides itself where the
device has no voice for the question's language, reads a little slower, and is a full-size button
with a speaker drawn on it. A stand-in voice (as in test_listen.py) lets the test hear what is said."""

from __future__ import annotations

import pytest

from tests.browser.support import START, button, path_of, shots_folder, submit

pytestmark = pytest.mark.browser

# The browser's voice, faked: it says nothing, remembers what it was asked to say, and has voices for
# the languages given (a real device's list, such as English only).
_FAKE_VOICE = """(languages) => {
  window.__spoken = [];
  window.__cancels = 0;
  let speaking = false;
  class FakeUtterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.rate = 1; this.voice = null; }
  }
  window.SpeechSynthesisUtterance = FakeUtterance;
  const voices = languages.map(lang => ({lang, name: "Voice " + lang}));
  const synth = new EventTarget();
  Object.defineProperty(synth, "speaking", {get: () => speaking});
  synth.speak = u => { speaking = true; window.__spoken.push({text: u.text, lang: u.lang, rate: u.rate,
                                                               voice: u.voice && u.voice.lang}); };
  synth.cancel = () => { speaking = false; window.__cancels += 1; };
  synth.getVoices = () => voices;
  Object.defineProperty(window, "speechSynthesis", {configurable: true, value: synth});
}"""


def _page_with_voices(browser_session, languages):
    page = browser_session.new_page(js=True)
    page.context.add_init_script(script=f"({_FAKE_VOICE})({languages!r})")
    return page


def _first_question(page, language="en"):
    page.goto(f"{START}?lang={language}")
    submit(page, page.locator("main form button").first)
    assert path_of(page).endswith("/q/1")


def test_listen_stops_when_the_page_changes(browser_session):
    page = _page_with_voices(browser_session, ["en-GB"])
    _first_question(page)
    page.locator(".listen__button").click()
    assert page.evaluate("window.speechSynthesis.speaking")
    page.locator("input[type=checkbox]").first.check()
    submit(page, button(page, "Continue"))  # htmx swaps the next question in
    assert path_of(page).endswith("/q/2")
    assert page.evaluate("window.__cancels") >= 1
    assert not page.evaluate("window.speechSynthesis.speaking")
    assert page.locator(".listen__label").inner_text() == "Listen"
    # Back to the previous page, with the browser's Back button: silence again.
    page.locator(".listen__button").click()
    page.go_back()
    page.wait_for_function("() => !window.speechSynthesis.speaking")
    browser_session.assert_clean()


def test_listen_reads_the_error_first_and_a_little_slower(browser_session):
    browser_session.allow_http_error(422, r"/c/[a-z-]+/q/\d+")
    page = _page_with_voices(browser_session, ["en-GB", "cy-GB"])
    _first_question(page)
    submit(page, button(page, "Continue"))  # nothing chosen: the error summary
    summary = page.locator("main .error-summary")
    assert summary.is_visible()
    page.locator(".listen__button").click()
    spoken = page.evaluate("window.__spoken")
    assert "There is a problem" in spoken[0]["text"]
    assert spoken[1]["text"] == page.locator(".question-form h1").inner_text().strip()
    assert all(item["rate"] < 1 for item in spoken)
    assert {item["voice"] for item in spoken} == {"en-GB"}  # the device's voice for the language
    browser_session.assert_clean()


@pytest.mark.parametrize("language, voices, shown", [
    ("cy", ["en-GB", "en-US"], False),  # no Welsh voice: an English voice would read Welsh badly
    ("cy", ["en-GB", "cy-GB"], True),
    ("en", ["en-US"], True),
    ("en", [], False),
])
def test_listen_shows_only_with_a_voice_for_the_question_language(browser_session, language, voices, shown):
    page = _page_with_voices(browser_session, voices)
    _first_question(page, language)
    assert page.locator(".listen__button").count() == 1
    assert page.locator(".listen__button").is_visible() is shown
    browser_session.assert_clean()


def test_listen_appears_when_the_voices_arrive_late(browser_session):
    """Chrome lists its voices a moment after the page loads, and says so with "voiceschanged"."""
    page = _page_with_voices(browser_session, [])
    _first_question(page)
    assert not page.locator(".listen__button").is_visible()
    page.evaluate("""() => { window.speechSynthesis.getVoices = () => [{lang: "en-GB", name: "Voice"}];
                             window.speechSynthesis.dispatchEvent(new Event("voiceschanged")); }""")
    assert page.locator(".listen__button").is_visible()


def test_listen_is_a_full_size_button_with_a_speaker(browser_session):
    page = _page_with_voices(browser_session, ["en-GB"])
    _first_question(page)
    listen = page.locator(".listen__button")
    save = page.locator("main button.button--secondary", has_text="Save and come back later")
    assert abs(listen.bounding_box()["height"] - save.bounding_box()["height"]) <= 2
    assert listen.evaluate("b => getComputedStyle(b).fontSize") == save.evaluate("b => getComputedStyle(b).fontSize")
    icon = listen.evaluate("b => { const s = getComputedStyle(b, '::before'); return [s.content, s.width]; }")
    assert icon[0] == '""' and float(icon[1].removesuffix("px")) >= 20
    page.locator(".question-form").first.scroll_into_view_if_needed()
    page.screenshot(path=str(shots_folder("listen") / "listen-button-1280.png"))
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path=str(shots_folder("listen") / "listen-button-320.png"))
    browser_session.assert_clean()
