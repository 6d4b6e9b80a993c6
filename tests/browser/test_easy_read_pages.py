"""The easy-read pages beyond the questions, in a real browser (issue 13, items 5 and 6): start, saved, check
your answers, confirmation, closed, "page not found", hear-back and its thanks, and the public results.

Each with JavaScript on and off, in English and Welsh: axe-core at 1280 and 320 px, nothing wider than the
window at 320 px (support.wider_than_viewport names what is), every idea line's picture drawn on the start
side of its words, and words of at least 21 px. Screenshots of each page at both widths go to the shots
folder (support.shots_folder) for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    CHECK,
    CLOSED,
    DESKTOP,
    MOBILE,
    REFERENCE,
    SLUG,
    START,
    TwoWidths,
    button,
    interface_text,
    path_of,
    shots_folder,
    submit,
    wait_for_pictures,
    wider_than_viewport,
    with_language,
)
from tests.browser.test_easy_read_journey import answer_easy
from tests.demo_answers import DEMO_ANSWERS

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
LANGUAGES = ["en", "cy"]
MIN_EASY_PX = 21

# Every idea line: its picture (the ::before symbol) and its words, measured in the browser.
_IDEAS = """() => [...document.querySelectorAll("main .idea")].map(line => {
  const words = line.querySelector(".idea__words").getBoundingClientRect();
  const before = getComputedStyle(line, "::before");
  const lineBox = line.getBoundingClientRect();
  const width = parseFloat(before.width);
  const rtl = getComputedStyle(line).direction === "rtl";
  return {text: line.textContent.trim().slice(0, 40), picture: before.backgroundImage, width: width,
          wordsLeft: words.left, wordsRight: words.right, lineLeft: lineBox.left, lineRight: lineBox.right,
          rtl: rtl, px: parseFloat(getComputedStyle(line).fontSize)};
})"""


# What in <main> passes either edge of the window (the start edge too, for right to left): the charts and the
# third table column of the old easy-read results were cut off at 320 px.
_CUT_OFF = """() => { const out = []; const w = window.innerWidth;
  for (const e of document.querySelectorAll('main *')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) {
      out.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className.baseVal ?? e.className).split(' ').join('.') : '')
               + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
    if (out.length >= 8) break;
  } return out; }"""


def check_ideas(page, name: str) -> None:
    """Each idea line shows a picture at its start and words beside it, big enough, at both widths."""
    for viewport in (DESKTOP, MOBILE):
        page.set_viewport_size(viewport)
        lines = page.evaluate(_IDEAS)
        assert lines, f"{name}: no idea lines on {page.url}"
        for line in lines:
            said = f"{name} at {viewport['width']} px, the line {line['text']!r}"
            assert ".svg" in line["picture"] and line["width"] >= 40, f"{said} has no picture"
            # The picture takes the start of the line; the words begin after it.
            if line["rtl"]:
                assert line["wordsRight"] <= line["lineRight"] - line["width"], f"{said}: words over the picture"
            else:
                assert line["wordsLeft"] >= line["lineLeft"] + line["width"], f"{said}: words over the picture"
            assert line["px"] >= MIN_EASY_PX, f"{said}: {line['px']} px words"
        if viewport is MOBILE:
            cut = page.evaluate(_CUT_OFF)
            assert not cut, f"{name}: cut off at 320 px: {cut}; wider than the window: {wider_than_viewport(page)}"
    page.set_viewport_size(DESKTOP)


def shoot(page, name: str, language: str, js: bool) -> None:
    if not js:
        return
    wait_for_pictures(page)
    for viewport in (DESKTOP, MOBILE):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(shots_folder("easy-read-pages") / f"{name}-{language}-{viewport['width']}.png"),
                        full_page=True, caret="initial")
    page.set_viewport_size(DESKTOP)


def look(scans, page, name: str, language: str, js: bool) -> None:
    check_ideas(page, name)
    scans.check(name, page, language)
    shoot(page, name, language, js)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_easy_read_pages_of_the_journey(browser_session, js, language):
    session = browser_session
    session.allow_http_error(404, r"/c/equipment-service/no-such-page")
    scans = TwoWidths(session, js)

    def _(message: str) -> str:
        return interface_text(language, message)

    page = session.new_page(js=js)
    page.goto(with_language(f"{START}?register=easy", language))
    assert page.locator("body.easy-read").count() == 1
    look(scans, page, "start", language, js)

    submit(page, button(page, _("Start now")))
    answer_easy(page, 1, language)
    submit(page, button(page, _("Save and come back later")))
    assert path_of(page) == f"/c/{SLUG}/saved", f"saving went to {page.url}"
    code = page.locator("#saved-code [aria-hidden]").inner_text().strip()
    assert REFERENCE.fullmatch(code), f"the saved page shows {code!r}"
    assert page.locator("a.button#saved-link").count() == 1
    look(scans, page, "saved", language, js)

    submit(page, page.locator("main a.button", has_text=_("Carry on answering now")))
    number = 1
    while path_of(page) != CHECK:
        assert number <= len(DEMO_ANSWERS), f"still answering at {page.url}"
        if path_of(page) == f"/c/{SLUG}/q/{number}":
            answer_easy(page, number, language)
            submit(page, button(page, _("Continue")))
        number += 1
    cards = page.locator("main ol.cards > li.card")
    assert cards.count() == len(DEMO_ANSWERS)
    for index in range(cards.count()):
        assert cards.nth(index).locator("a.button", has_text=_("Change")).count() == 1
    look(scans, page, "check", language, js)

    submit(page, button(page, _("Send my answers")))
    assert path_of(page) == f"/c/{SLUG}/confirmation"
    look(scans, page, "confirmation", language, js)

    page.goto(with_language(f"/c/{SLUG}/hear-back", language))
    look(scans, page, "hear-back", language, js)
    page.locator("#format-easy_read").check()
    page.locator("main input[name=email]").fill("sam@example.org")
    submit(page, page.locator("main form button[type=submit]"))
    assert path_of(page) == f"/c/{SLUG}/hear-back/thanks", f"the hear-back form went to {page.url}"
    look(scans, page, "hear-back-thanks", language, js)

    page.goto(with_language(CLOSED, language))
    look(scans, page, "closed", language, js)

    page.goto(with_language(f"/c/{SLUG}/no-such-page", language))
    assert page.locator("body main .easy-read-text").count() == 1, "the error page is not in easy read"
    look(scans, page, "not-found", language, js)
    scans.assert_clean()


@pytest.fixture
def answered(live_server):
    from consult.extensions import db
    from tests.results.easy_results_data import make_answered_consultation

    with live_server.app.test_request_context():
        slug = make_answered_consultation()
        db.session.remove()
    return slug


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_easy_read_public_results(browser_session, answered, js, language):
    scans = TwoWidths(browser_session, js)
    page = browser_session.new_page(js=js)
    page.goto(with_language(f"/results/{answered}?register=easy", language))
    assert page.locator("body.easy-read").count() == 1
    # One simple bar per answer with a number; none for "fewer than 5"; none wider than its card.
    assert page.locator("#result-1 .easy-answer").count() == 3
    assert page.locator("#result-1 svg.simple-bar").count() == 2
    look(scans, page, "results", language, js)
    scans.assert_clean()
