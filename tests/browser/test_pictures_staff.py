"""The staff picture page in a real browser, signed in as an editor, with JavaScript on and off.

From the question editor: "Add a picture", search the OpenMoji symbols for "bed" (with JavaScript the
results swap in place; without, a full page), choose one with the keyboard, describe it, save; the
editor shows it. Then remove it and Undo, and upload a PNG of our own. axe-core at 1280 and 320 px (and
no sideways scrolling at 320 px) on the picture page without results, with results, and with errors.
"""

from __future__ import annotations

import io

import pytest

from tests.browser.support import (
    DESKTOP,
    MOBILE,
    TwoWidths,
    active_element,
    button,
    expect_error_state,
    h1_text,
    make_draft,
    path_of,
    press_and_wait,
    shots_folder,
    sign_in,
    submit,
    wait_for_pictures,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
SLUG = "pictures-in-the-browser"
PROMPT = "Which equipment do you use in bed?"
ANSWERS = ["A bed", "A hoist", "A pillow"]
# The first symbols a search for "bed" finds, best first (OpenMoji's own names).
BED, BED_LINEN = "1F6CF", "E31A"
PICTURE_PATHS = r"/staff/consultations/\d+/questions/\d+/picture(/symbol|/upload)?"
DESCRIBE = "Describe the picture in a few words"


@pytest.fixture
def draft(live_server, staff_accounts):
    """A draft with one single-choice question, made straight in the database; removed afterwards."""
    made = make_draft(live_server.app, SLUG, "Pictures in the browser",
                      questions=[("single_choice", PROMPT, ANSWERS, None)])
    yield made
    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.models import Consultation

    with live_server.app.app_context():
        old = db.session.get(Consultation, made["id"])
        if old is not None:
            delete_consultation(old)
            db.session.commit()
        db.session.remove()


def _editor(draft) -> str:
    return f"/staff/consultations/{draft['id']}/questions/{draft['questions'][0]}"


def _picture_page(draft) -> str:
    return _editor(draft) + "/picture"


def small_png(colour=(20, 110, 70)) -> bytes:
    """A 64 by 64 PNG: a coloured square with a white bar, made with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (64, 64), colour)
    ImageDraw.Draw(image).rectangle((8, 28, 56, 36), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _question_picture(page) -> dict:
    """The question's own picture on the editor page (the first .picture-link): its image and words."""
    link = page.locator("main .picture-link").first
    image = link.locator("img")
    return {
        "src": image.get_attribute("src") if image.count() else None,
        "loaded": image.evaluate("i => i.complete && i.naturalWidth > 0") if image.count() else False,
        "text": " ".join(link.inner_text().split()),
    }


def _notice(page) -> str:
    return " ".join(page.locator("main .notice").all_inner_texts())


def _search(page, words: str, js: bool) -> None:
    box = page.locator("main #symbol-search")
    box.fill(words)
    if js:
        before_url = page.url
        submit(page, button(page, "Search"), js=True)
        assert page.url == before_url, "the search replaced the page instead of the results"
    else:
        submit(page, button(page, "Search"), js=False)
        assert f"q={words}" in page.url
    wait_for_pictures(page)


def _results(page) -> list[str]:
    return [radio.get_attribute("value") for radio in page.locator("main #symbol-results input[type=radio]").all()]


def _give_picture(app, draft, hexcode: str, alt: str) -> None:
    """Put a symbol on the draft's question straight in the database."""
    from consult.extensions import db
    from consult.models import Question
    from consult.pictures.services import set_picture, symbol_picture

    with app.app_context():
        question = db.session.get(Question, draft["questions"][0])
        set_picture(question, symbol_picture(hexcode, alt, "en"))
        db.session.commit()
        db.session.remove()


def _focus_first_symbol(page) -> None:
    """From the search box, Tab to the first symbol (the search button comes between)."""
    page.locator("main #symbol-search").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name === 'symbol'"):
            return
    raise AssertionError(f"Tab did not reach the symbols; focus is on {active_element(page)}")



@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"),
                                pytest.param(False, id="js-off")])
def test_search_and_choose_a_symbol_with_the_keyboard(browser_session, draft, js):
    page = sign_in(browser_session, "editor", js=js)
    page.goto(_editor(draft))
    assert h1_text(page) == "Question 1"
    submit(page, page.locator("main").get_by_role("link", name="Add a picture for question 1", exact=True), js)
    assert path_of(page) == _picture_page(draft), f"'Add a picture' went to {page.url}"
    assert h1_text(page) == "Picture for question 1"
    assert page.locator("main #symbol-results input").count() == 0

    # Search: the results swap in place with JavaScript, a new page without.
    if js:
        page.evaluate("window.__pageMarker = 1")
    _search(page, "bed", js)
    found = _results(page)
    assert found[:2] == [BED, BED_LINEN], f"searching for 'bed' found {found}"
    legend = page.locator("main #symbol-results legend").inner_text()
    assert f"{len(found)} symbols found" in legend, legend
    if js:
        assert page.evaluate("window.__pageMarker") == 1, "the search loaded a new page"
    assert page.locator("main .symbol-card img").evaluate_all(
        "imgs => imgs.every(i => i.complete && i.naturalWidth > 0)"), "a symbol's picture did not load"

    # Choose with the keyboard: Tab to the symbols, Space and the arrow keys, Tab to the description.
    _focus_first_symbol(page)
    radios = page.locator("main #symbol-results input[type=radio]")
    page.keyboard.press("Space")
    assert radios.nth(0).is_checked(), "Space did not choose the focused symbol"
    page.keyboard.press("ArrowRight")
    assert radios.nth(1).is_checked(), "an arrow key did not move to the next symbol"
    page.keyboard.press("ArrowLeft")
    assert radios.nth(0).is_checked(), "an arrow key did not move back to the first symbol"
    ring = radios.nth(0).evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).boxShadow + "
                                  "' ' + getComputedStyle(e.closest('.symbol-card')).boxShadow")
    assert ring.replace("none", "").strip(), "the focused symbol shows no focus ring"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name === 'alt' && "
                         "!!document.activeElement.closest('#symbol-results')"), (
        f"Tab from the symbols went to {active_element(page)}, not the description")
    page.keyboard.type("A bed")
    press_and_wait(page, "Enter", js)

    # The editor shows the picture and its description.
    assert path_of(page) == _editor(draft), f"saving the symbol ended on {page.url}"
    assert "Picture saved." in _notice(page)
    wait_for_pictures(page)
    shown = _question_picture(page)
    assert shown["src"] and shown["src"].endswith(f"/{BED}.svg"), f"the editor shows {shown}"
    assert shown["loaded"], "the chosen picture did not load on the editor page"
    assert "A bed" in shown["text"] and "Change picture" in shown["text"], shown["text"]
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_remove_a_picture_and_undo(browser_session, live_server, draft, js):
    _give_picture(live_server.app, draft, BED, "A bed")
    page = sign_in(browser_session, "editor", js=js)
    page.goto(_editor(draft))
    wait_for_pictures(page)
    submit(page, page.locator("main").get_by_role("link", name="Change picture for question 1", exact=True), js)
    assert path_of(page) == _picture_page(draft)
    wait_for_pictures(page)
    assert page.locator("main .picture-current img").get_attribute("alt") == "A bed"

    submit(page, button(page, "Remove picture"), js)
    assert "Picture removed." in _notice(page)
    assert page.locator("main .picture-current").count() == 0, "the picture is still shown after Remove"
    scans = TwoWidths(browser_session, js)
    scans.check("picture page, just removed", page)
    page.goto(_editor(draft))
    assert "Add a picture" in _question_picture(page)["text"], "the editor still shows the removed picture"
    page.go_back()

    submit(page, button(page, "Undo"), js)
    assert "Picture put back." in _notice(page)
    wait_for_pictures(page)
    current = page.locator("main .picture-current img")
    assert current.get_attribute("src").endswith(f"/{BED}.svg"), "Undo did not put the symbol back"
    assert current.get_attribute("alt") == "A bed"
    scans.assert_clean()
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_upload_a_png(browser_session, draft, js):
    browser_session.allow_http_error(422, PICTURE_PATHS)
    page = sign_in(browser_session, "editor", js=js)
    page.goto(_picture_page(draft))
    upload = page.locator("main form[enctype='multipart/form-data']")
    # Without a file: the error summary, and the description kept.
    upload.get_by_label(DESCRIBE, exact=True).fill("A green square")
    submit(page, upload.get_by_role("button", name="Upload picture", exact=True), js=False)  # hx-boost="false"
    expect_error_state(page, "upload without a file")
    assert "Choose a picture to upload" in page.locator("main .error-summary").inner_text()
    upload = page.locator("main form[enctype='multipart/form-data']")
    assert upload.get_by_label(DESCRIBE, exact=True).input_value() == "A green square", "the description was lost"

    upload.get_by_label("Picture file (PNG or JPEG)", exact=True).set_input_files(
        {"name": "walking-frame.png", "mimeType": "image/png", "buffer": small_png()})
    submit(page, upload.get_by_role("button", name="Upload picture", exact=True), js=False)
    assert path_of(page) == _editor(draft), f"uploading ended on {page.url}: {h1_text(page)!r}"
    assert "Picture saved." in _notice(page)
    shown = _question_picture(page)
    assert shown["src"] and shown["src"].startswith("/pictures/") and shown["src"].endswith(".png"), shown
    assert "walking-frame" not in shown["src"], "the upload kept the name it was sent with"
    assert shown["loaded"], "the uploaded picture did not load"
    assert "A green square" in shown["text"]
    served = page.request.get(shown["src"])
    assert served.status == 200 and served.headers["content-type"] == "image/png"
    assert served.headers.get("x-content-type-options") == "nosniff"
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_the_picture_page_passes_axe(browser_session, draft, js):
    """Without results, with results, with errors, at 1280 and 320 px.

    The results come from the search's own address (a full page load with or without JavaScript):
    the htmx swap of the results is covered by test_search_and_choose_a_symbol_with_the_keyboard.
    """
    browser_session.allow_http_error(422, PICTURE_PATHS)
    scans = TwoWidths(browser_session, js)
    page = sign_in(browser_session, "editor", js=js)
    page.goto(_picture_page(draft))
    scans.check("picture page", page)

    page.goto(_picture_page(draft) + "?q=bed")
    assert _results(page)[:1] == [BED]
    wait_for_pictures(page)
    scans.check("picture page with results", page)
    if js:
        for viewport in (DESKTOP, MOBILE):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(shots_folder("helper") / f"staff-picture-results-{viewport['width']}.png"), full_page=True,
                            caret="initial")
        page.set_viewport_size(DESKTOP)

    page.locator(f"main #symbol-results input[value='{BED}']").check()
    submit(page, button(page, "Use this symbol"), js)
    expect_error_state(page, "symbol without a description")
    if js:
        assert page.evaluate("document.activeElement.classList.contains('error-summary')"), (
            f"after the error focus is on {active_element(page)}, not the error summary")
    scans.check("picture page, symbol without a description", page)

    page.goto(_picture_page(draft))
    upload = page.locator("main form[enctype='multipart/form-data']")
    submit(page, upload.get_by_role("button", name="Upload picture", exact=True), js=False)
    expect_error_state(page, "upload with nothing")
    scans.check("picture page, upload with nothing", page)
    scans.assert_clean()
    browser_session.assert_clean()


@pytest.mark.parametrize("js", [
    pytest.param(True, id="js-on"),
    pytest.param(False, id="js-off"),
])
def test_a_description_error_keeps_the_search_results(browser_session, draft, js):
    browser_session.allow_http_error(422, PICTURE_PATHS)
    page = sign_in(browser_session, "editor", js=js)
    page.goto(_picture_page(draft) + "?q=bed")
    page.locator(f"main #symbol-results input[value='{BED_LINEN}']").check()
    submit(page, button(page, "Use this symbol"), js)
    expect_error_state(page, "symbol without a description")
    assert _results(page)[:2] == [BED, BED_LINEN], "the search results are gone"
    assert page.locator(f"main #symbol-results input[value='{BED_LINEN}']").is_checked(), "the chosen symbol was lost"
    link = page.locator("main .error-summary a", has_text="Describe the picture")
    target = link.get_attribute("href").lstrip("#")
    assert page.evaluate("id => !!document.getElementById(id)?.closest('#symbol-results')", target), (
        f"the error summary links to #{target}, which is not the symbol's description")
    browser_session.assert_clean()


def test_every_field_has_its_own_label_when_results_show(browser_session, draft):
    page = sign_in(browser_session, "editor", js=False)
    page.goto(_picture_page(draft) + "?q=bed")
    assert _results(page)
    duplicates = page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
                               " return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))]; }")
    unlabelled = page.evaluate("() => [...document.querySelectorAll('main input:not([type=hidden]):not([type=radio])')]"
                               ".filter(i => i.labels.length !== 1).map(i => i.closest('form').action + ' ' + i.name)")
    assert not duplicates and not unlabelled, f"ids used twice: {duplicates}; fields without one label: {unlabelled}"
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_a_search_that_finds_nothing(browser_session, draft, js):
    page = sign_in(browser_session, "editor", js=js)
    page.goto(_picture_page(draft))
    _search(page, "zzqqxx", js)
    assert _results(page) == []
    said = page.locator("main #symbol-results").inner_text()
    assert "No symbols found for “zzqqxx”" in said, said
    scans = TwoWidths(browser_session, js)
    scans.check("picture page, nothing found", page)
    scans.assert_clean()
    browser_session.assert_clean()


def test_a_picture_for_an_answer(browser_session, draft):
    """An answer's picture uses the same page, named after the answer, and comes back to that answer."""
    page = sign_in(browser_session, "editor", js=False)
    page.goto(_editor(draft))
    submit(page, page.locator("main").get_by_role("link", name="Add a picture for the answer “A hoist”",
                                                   exact=True), False)
    assert path_of(page) == _picture_page(draft)
    assert h1_text(page) == "Picture for the answer “A hoist”"
    _search(page, "bed", False)
    page.locator(f"main #symbol-results input[value='{BED_LINEN}']").check()
    page.locator("main #symbol-results").get_by_label(DESCRIBE, exact=True).fill("Sheets and a pillow")
    submit(page, button(page, "Use this symbol"), False)
    assert path_of(page) == _editor(draft)
    pictured = page.locator("main .picture-link", has_text="Sheets and a pillow")
    assert pictured.count() == 1, "the answer's picture is not shown in the editor"
    assert pictured.locator("img").get_attribute("src").endswith(f"/{BED_LINEN}.svg")
    assert "A hoist" in pictured.locator("a").inner_text(), "the picture went to another answer"
    assert page.locator("main").get_by_role("link", name="Add a picture for question 1", exact=True).count() == 1, (
        "the answer's picture was given to the question")
    browser_session.assert_clean()


def test_search_results_are_announced(browser_session, draft):
    """With JavaScript the results appear without a page load: a screen reader must hear about them."""
    page = sign_in(browser_session, "editor", js=True)
    page.goto(_picture_page(draft))
    page.evaluate("document.getElementById('announcer').textContent = ''")
    _search(page, "bed", True)
    focus_in_results = page.evaluate("() => !!document.activeElement.closest('#symbol-results')")
    try:
        page.wait_for_function("() => document.getElementById('announcer').textContent.trim() !== ''",
                               timeout=3_000)
        said = page.locator("#announcer").text_content().strip()
    except Exception:  # nothing was said
        said = ""
    assert focus_in_results or "5" in said, (
        f"after the results swapped in, focus is on {active_element(page)} and the status region says {said!r}")
    browser_session.assert_clean()
