"""Easy read in a real browser: the demo consultation answered in easy read, from the "Easy read" link to
the confirmation, with JavaScript on and off, in English, Welsh and Arabic.

On every page of the walk: axe-core at 1280 and 320 px and no sideways scrolling at 320 px. On every
question page: the question's picture on the start side (left of the words in English and Welsh, right
of them in Arabic), answers as picture cards that are still real radios and checkboxes, words of at least
21 px, the agree scale as faces with words and "Don't know", and the credit OpenMoji's licence asks for.
The response is stored with the register "easy".
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    CHECK,
    DESKTOP,
    FORM_ERROR_PATHS,
    MOBILE,
    REFERENCE,
    SLUG,
    START,
    TwoWidths,
    active_element,
    button,
    demo_label,
    h1_text,
    interface_text,
    path_of,
    shots_folder,
    submit,
    text_control,
    wait_for_pictures,
    with_language,
)
from tests.demo_answers import DEMO_ANSWERS, EASY_READ_LABELS

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
LANGUAGES = ["en", "cy", "ar"]
# Design section 6: easy-read words on screen are about 21 px or more.
MIN_EASY_PX = 21
# The demo's easy-read title; Arabic has no easy-read texts yet, so it reads the standard Arabic ones.
EASY_TITLE = {"en": "Tell us about your equipment", "cy": "Dywedwch wrthym am eich offer"}
# Words of the easy-read check page that the standard version does not have.
EASY_CHECK_WORDS = {
    "en": ["What equipment did you get from us?", "I do not want to say"],
    "cy": ["Pa offer gawsoch chi gennym ni?", "Dydw i ddim eisiau dweud", "Do"],
}
QUESTION_KINDS = {1: "checkbox", 2: "radio", 3: "radio", 4: "radio", 8: "radio"}
AGREE_SCALE = 4
SCREENSHOT_QUESTIONS = {1, AGREE_SCALE}

# Where things are on an easy-read page, measured in the browser (CSS pixels, viewport coordinates).
_MEASURE = """() => {
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
  const px = e => parseFloat(getComputedStyle(e).fontSize);
  const loaded = img => img.complete && img.naturalWidth > 0;
  const main = document.querySelector("main");
  const h1 = main.querySelector("h1");
  const picture = main.querySelector(".pictured__image");
  const prompt = h1 && h1.querySelector("span:not(.optional)");
  const cards = [...main.querySelectorAll(".choices__item")].map(item => {
    const input = item.querySelector("input");
    const label = item.querySelector("label");
    const image = item.querySelector(".choices__picture");
    const face = item.querySelector(".face");
    const words = item.querySelector(".choices__text");
    return {
      type: input.type, labelFor: label.htmlFor === input.id, inLabel: label.contains(image || face),
      words: words.textContent.trim(), wordsBox: box(words), wordsPx: px(words),
      wordsVisible: words.offsetWidth > 0 && words.offsetHeight > 0,
      image: box(image), imageAlt: image ? image.alt : null, imageLoaded: image ? loaded(image) : null,
      face: box(face), faceBackground: face ? getComputedStyle(face).backgroundImage : null,
      faceRole: face ? face.getAttribute("role") : null,
    };
  });
  return {
    easyRead: document.body.classList.contains("easy-read"),
    h1: box(h1), promptPx: prompt ? px(prompt) : null,
    picture: box(picture), pictureAlt: picture ? picture.alt : null, pictureLoaded: picture ? loaded(picture) : null,
    hintPx: [...main.querySelectorAll(".hint")].map(px),
    paragraphPx: [...main.querySelectorAll("p:not(.credits):not(.caption-line)")].map(px),
    cards: cards,
    credits: (main.querySelector(".credits") || {textContent: ""}).textContent.trim(),
  };
}"""

# The focus ring a picture card shows while its radio or checkbox has focus.
_CARD_RING = "e => getComputedStyle(e.closest('.choices__item')).boxShadow"


def easy_label(language: str, label: str) -> str:
    """A demo answer's label (in English) as an easy-read page in ``language`` shows it."""
    return EASY_READ_LABELS.get(language, {}).get(label) or demo_label(language, label)


def card(page, words: str):
    """The picture card whose words are exactly ``words``."""
    found = page.locator(f'main .choices__item:has(.choices__text:text-is("{words}"))')
    assert found.count() == 1, f"{found.count()} cards with the words {words!r} on {page.url}"
    return found


def measure(page) -> dict:
    wait_for_pictures(page)
    return page.evaluate(_MEASURE)


def _start_side(language: str, width: int, picture: dict, words: dict) -> str | None:
    """None when ``picture`` sits on the start side of ``words``, else what is wrong."""
    rtl = language == "ar"
    if width >= DESKTOP["width"]:
        beside = picture["left"] >= words["right"] - 0.5 if rtl else picture["right"] <= words["left"] + 0.5
        return None if beside else f"the picture {picture} is not on the {'right' if rtl else 'left'} of {words}"
    # On a narrow phone the question's picture goes above its words, lined up with their start edge.
    edge = "right" if rtl else "left"
    if abs(picture[edge] - words[edge]) > 1 or picture["bottom"] > words["top"] + 0.5:
        return f"the picture {picture} is not above the words {words} at their {edge} edge"
    return None


def _card_side(language: str, picture: dict, words: dict) -> bool:
    if language == "ar":
        return picture["left"] >= words["right"] - 0.5
    return picture["right"] <= words["left"] + 0.5


def check_question_page(page, number: int, language: str) -> None:
    """The easy-read promises on question ``number``, at 1280 px and again at 320 px."""
    where = f"question {number} [{language}] ({page.url})"
    for viewport in (DESKTOP, MOBILE):
        page.set_viewport_size(viewport)
        try:
            shown = measure(page)
        finally:
            page.set_viewport_size(DESKTOP)
        at = f"{where} at {viewport['width']} px"
        assert shown["easyRead"], f"{at}: the page is not in easy read"
        assert shown["picture"], f"{at}: no picture beside the question"
        assert shown["pictureAlt"], f"{at}: the question's picture has no alt text"
        assert shown["pictureLoaded"], f"{at}: the question's picture did not load"
        problem = _start_side(language, viewport["width"], shown["picture"], shown["h1"])
        assert problem is None, f"{at}: {problem}"
        assert shown["promptPx"] >= MIN_EASY_PX, f"{at}: the question is {shown['promptPx']} px"
        small_hints = [px for px in shown["hintPx"] if px < MIN_EASY_PX]
        assert not small_hints, f"{at}: hints of {small_hints} px"
        assert "OpenMoji" in shown["credits"], f"{at}: no OpenMoji credit, only {shown['credits']!r}"

        kind = QUESTION_KINDS.get(number)
        if kind is None:  # a text or number question: no answer cards
            assert shown["cards"] == [], f"{at}: answer cards on a text question"
            continue
        assert len(shown["cards"]) >= 3, f"{at}: only {len(shown['cards'])} answer cards"
        for item in shown["cards"]:
            said = f"{at}, the card {item['words']!r}"
            assert item["type"] == kind, f"{said} is a {item['type']}, not a {kind}"
            assert item["labelFor"] and item["inLabel"], f"{said}: its picture is not part of the input's label"
            assert item["wordsVisible"] and item["words"], f"{said}: no words on the card"
            assert item["wordsPx"] >= MIN_EASY_PX, f"{said}: the words are {item['wordsPx']} px"
            if number == AGREE_SCALE:
                assert item["face"] and item["face"]["width"] >= 40, f"{said}: no face beside the words"
                assert ".svg" in item["faceBackground"], f"{said}: the face has no picture"
                assert item["faceRole"] is None, f"{said}: the decorative face has a role"
                picture = item["face"]
            else:
                assert item["image"] and item["imageAlt"] and item["imageLoaded"], f"{said}: no picture that loaded"
                picture = item["image"]
            assert _card_side(language, picture, item["wordsBox"]), (
                f"{said}: the picture {picture} is not on the start side of the words {item['wordsBox']}")
        if number == AGREE_SCALE:
            words = [item["words"] for item in shown["cards"]]
            assert words[-1] == interface_text(language, "Don\u2019t know"), f"{at}: the scale ends with {words[-1]!r}"
            assert len(words) == 6, f"{at}: the scale has {words}"


def answer_easy(page, number: int, language: str) -> None:
    """Answer demo question ``number``: a card by its picture (the first) or its words (the others)."""
    wait_for_pictures(page)  # leaving the page with pictures still loading would abort them
    kind, value = DEMO_ANSWERS[number]
    if kind != "labels":
        text_control(page).fill(value)
        return
    for index, label in enumerate(value):
        item = card(page, easy_label(language, label))
        target = item.locator(".choices__picture, .face") if index == 0 else item.locator(".choices__text")
        target.click()
        assert item.locator("input").is_checked(), (
            f"question {number}: clicking the {'picture' if index == 0 else 'words'} of {label!r} did not choose it")


def _screenshot(page, name: str) -> None:
    for viewport in (DESKTOP, MOBILE):
        page.set_viewport_size(viewport)
        # caret="initial": hiding the caret means injecting a <style>, which our CSP (rightly) blocks.
        page.screenshot(path=str(shots_folder("helper") / f"{name}-{viewport['width']}.png"), full_page=True, caret="initial")
    page.set_viewport_size(DESKTOP)


def _stored_response(app, reference: str) -> dict:
    from sqlalchemy import select

    from consult.extensions import db
    from consult.models import Response

    with app.app_context():
        response = db.session.scalar(select(Response).where(Response.reference == reference))
        assert response is not None, f"no response with the reference {reference}"
        found = {"register": response.register, "language": response.language, "channel": response.channel,
                 "questions": {answer.question_id for answer in response.answers}}
        db.session.remove()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_answer_the_demo_in_easy_read(browser_session, live_server, js, language):
    session = browser_session
    session.allow_http_error(422, FORM_ERROR_PATHS)
    scans = TwoWidths(session, js)

    def _(message: str) -> str:
        return interface_text(language, message)

    page = session.new_page(js=js)
    page.goto(with_language(START, language))
    switch = page.locator("#version-switch a")
    assert switch.inner_text().strip() == _("Easy read")
    submit(page, switch, js=False)  # a full page load: the whole page changes
    assert "register=easy" in page.url, f"the Easy read link went to {page.url}"
    assert page.locator("body.easy-read").count() == 1, "the start page is not in easy read"
    assert page.locator("#version-switch a").inner_text().strip() == _("Standard version")
    if language in EASY_TITLE:
        assert h1_text(page) == EASY_TITLE[language]
    start = measure(page)
    small = [px for px in start["paragraphPx"] if px < MIN_EASY_PX]
    assert not small, f"start page [{language}]: paragraphs of {small} px"
    scans.check("start", page, language)

    submit(page, button(page, _("Start now")))
    total = len(DEMO_ANSWERS)
    for number in range(1, total + 1):
        assert path_of(page) == f"/c/{SLUG}/q/{number}", f"expected question {number}, got {page.url}"
        check_question_page(page, number, language)
        scans.check(f"question {number}", page, language)
        if js and language in ("en", "ar") and number in SCREENSHOT_QUESTIONS:
            _screenshot(page, f"easy-read-{language}-question-{number}")
        if number == 2:
            submit(page, button(page, _("Continue")))
            assert page.locator("main .error-summary").count() == 1, "no error summary for a question not answered"
            scans.check("question 2, nothing chosen", page, language)
            assert page.locator("body.easy-read").count() == 1, "the error page left easy read"
        answer_easy(page, number, language)
        submit(page, button(page, _("Continue")))

    assert path_of(page) == CHECK, f"after the last question: {page.url}"
    assert page.locator("body.easy-read").count() == 1, "the check page is not in easy read"
    # Easy read checks answers on cards, one per question (tests/browser/test_easy_read_pages.py).
    summary = page.locator("main .cards").inner_text()
    for words in EASY_CHECK_WORDS.get(language, []):
        assert words in summary, f"the check page does not show the easy-read words {words!r}"
    scans.check("check", page, language)

    submit(page, button(page, _("Send my answers")))
    assert path_of(page) == f"/c/{SLUG}/confirmation", f"sending ended on {page.url}: {h1_text(page)!r}"
    found = REFERENCE.search(page.locator("main").inner_text())
    assert found, "no reference on the confirmation page"
    scans.check("confirmation", page, language)
    scans.assert_clean()

    stored = _stored_response(live_server.app, found.group(0))
    assert stored["register"] == "easy", f"the response was stored as {stored['register']!r}"
    assert stored["language"] == language
    assert stored["channel"] == "online"
    assert len(stored["questions"]) == total, f"answers stored for {len(stored['questions'])} of {total} questions"
    session.assert_clean()


def _to_question(page, number: int, js: bool) -> None:
    """From a fresh page: easy read, then answer the questions before ``number``."""
    page.goto(START + "?register=easy")
    submit(page, button(page, "Start now"), js)
    for earlier in range(1, number):
        answer_easy(page, earlier, "en")
        submit(page, button(page, "Continue"), js)
    assert path_of(page) == f"/c/{SLUG}/q/{number}"


def _tab_to(page, selector: str, presses: int = 3) -> None:
    """Press Tab until ``selector`` has focus (at most ``presses`` times)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"Tab did not reach {selector}; focus is on {active_element(page)}")


@pytest.mark.parametrize("js", MODES)
def test_picture_cards_are_real_checkboxes_and_radios(browser_session, js):
    page = browser_session.new_page(js=js)
    _to_question(page, 1, js)

    # Checkboxes: the picture and the words both toggle the box; so do Tab and Space.
    wheelchair = card(page, "A wheelchair")
    box = wheelchair.locator("input[type=checkbox]")
    wheelchair.locator(".choices__picture").click()
    assert box.is_checked(), "clicking the card's picture did not tick the box"
    wheelchair.locator(".choices__text").click()
    assert not box.is_checked(), "clicking the card's words did not untick the box"

    first, second = page.locator("main .choices__input").nth(0), page.locator("main .choices__input").nth(1)
    # Start from the words of the hint, as a person who clicked there would, then move with the keyboard.
    page.locator("main .hint").click()
    _tab_to(page, "main .choices__item:nth-child(1) .choices__input")
    ring = first.evaluate(_CARD_RING)
    assert ring and ring != "none", "the card with focus shows no focus ring"
    page.keyboard.press("Space")
    assert first.is_checked(), "Space did not tick the focused card"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('choices__input')"), (
        f"Tab left the cards for {active_element(page)}")
    page.keyboard.press("Space")
    assert second.is_checked() and first.is_checked(), "Space on the second card changed the wrong boxes"
    page.keyboard.press("Space")
    assert not second.is_checked(), "Space did not untick the second card"

    page.locator("main .choices__item:nth-child(1) .choices__input").uncheck()
    answer_easy(page, 1, "en")
    submit(page, button(page, "Continue"), js)
    assert path_of(page) == f"/c/{SLUG}/q/2"

    # Radios: Tab into the group, arrow keys move the choice, the card's words choose too.
    radios = page.locator("main .choices__input")
    assert radios.count() == 5 and radios.first.get_attribute("type") == "radio"
    page.locator("main .hint").click()
    _tab_to(page, "main .choices__item:nth-child(1) .choices__input")
    page.keyboard.press("Space")
    assert radios.nth(0).is_checked(), "Space did not choose the focused radio card"
    page.keyboard.press("ArrowDown")
    assert radios.nth(1).is_checked() and not radios.nth(0).is_checked(), "ArrowDown did not move the choice"
    page.keyboard.press("ArrowDown")
    assert radios.nth(2).is_checked(), "a second ArrowDown did not move the choice"
    page.keyboard.press("ArrowUp")
    assert radios.nth(1).is_checked(), "ArrowUp did not move the choice back"
    card(page, "More than 4 weeks").locator(".choices__picture").click()
    assert radios.nth(3).is_checked(), "clicking a radio card's picture did not choose it"
    # Tab leaves the group (one stop per radio group) for the Continue button.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('value')") == "continue", (
        f"Tab from the radio group went to {active_element(page)}, not Continue")
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_standard_version_link_keeps_the_question(browser_session, js):
    """The switch goes both ways, on the page the resident is on, and keeps their answer."""
    page = browser_session.new_page(js=js)
    _to_question(page, 3, js)
    card(page, "Yes").locator(".choices__text").click()
    submit(page, button(page, "Continue"), js)
    submit(page, page.locator("main a.back-link"), js)
    assert path_of(page) == f"/c/{SLUG}/q/3"
    wait_for_pictures(page)
    switch = page.locator("#version-switch a")
    assert switch.inner_text().strip() == "Standard version", "the switch was not updated after the swap"
    submit(page, switch, js=False)
    assert path_of(page) == f"/c/{SLUG}/q/3", f"the Standard version link went to {page.url}"
    assert page.locator("body.easy-read").count() == 0
    assert page.locator("main .choices--cards, main .pictured__image").count() == 0, "pictures in the standard version"
    assert page.locator("main").get_by_label("Yes", exact=True).is_checked(), "the answer was lost"
    browser_session.assert_clean()


# Words that the browser split across two lines (each word's text measured with a Range).
_BROKEN_WORDS = """() => {
  const broken = [], seen = new Set();
  for (const element of document.querySelectorAll("main h1, main .hint, main .choices__text, main p")) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen.has(node)) continue;
      seen.add(node);
      const words = /\\S+/g;
      for (let found = words.exec(node.textContent); found; found = words.exec(node.textContent)) {
        const range = document.createRange();
        range.setStart(node, found.index);
        range.setEnd(node, found.index + found[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(found[0]);
      }
    }
  }
  return broken;
}"""


WIDTHS_FOR_WHOLE_WORDS = [pytest.param(DESKTOP, id="1280"), pytest.param(MOBILE, id="320")]


@pytest.mark.parametrize("viewport", WIDTHS_FOR_WHOLE_WORDS)
def test_no_word_is_cut_in_two(browser_session, viewport):
    """Every easy-read word stays whole: none is split across two lines to fit its box."""
    failures = []
    for language in LANGUAGES:
        page = browser_session.new_page(js=False, viewport=viewport)
        page.goto(with_language(START + "?register=easy", language))
        submit(page, button(page, interface_text(language, "Start now")), js=False)
        for number in range(1, len(DEMO_ANSWERS) + 1):
            assert path_of(page) == f"/c/{SLUG}/q/{number}"
            broken = page.evaluate(_BROKEN_WORDS)
            if broken:
                failures.append(f"question {number} [{language}]: {', '.join(broken)}")
            answer_easy(page, number, language)
            submit(page, button(page, interface_text(language, "Continue")), js=False)
        assert path_of(page) == CHECK
    assert not failures, (f"Words split across two lines at {viewport['width']} px:\n" + "\n".join(failures))
    browser_session.assert_clean()
