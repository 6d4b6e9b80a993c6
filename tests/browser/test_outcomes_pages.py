""""You said, we did" in a real browser, with JavaScript on and off.

An editor writes outcomes for the demo's closed consultation (with easy-read words and a picture),
changes one, deletes one and publishes the results page; then a resident finds it from the home page and
reads it in English, Welsh, Arabic and easy read. axe-core at 1280 and 320 px, and no sideways
scrolling at 320 px, on the staff outcomes page, its change and delete pages, their error states, and
the public page in each language and in easy read.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import (
    DESKTOP,
    MOBILE,
    TwoWidths,
    button,
    expect_error_state,
    h1_text,
    path_of,
    shots_folder,
    sign_in,
    submit,
    wait_for_pictures,
)
from tests.results import outcome_words
from tests.results.outcome_words import translate_outcomes

pytestmark = pytest.mark.browser
WELSH_HEARD, ARABIC_HEARD, WELSH_HEARD_EASY = outcome_words.HEARD["cy"], outcome_words.HEARD["ar"], outcome_words.HEARD_EASY["cy"]

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
SLUG = "wheelchair-repairs"
OUTCOMES = f"/staff/results/{SLUG}/outcomes"
PUBLIC = f"/results/{SLUG}"
TITLE = "Wheelchair repairs"
HEARD = "Many of you waited more than two weeks for a wheelchair repair."
ACTION = "From April we will repair wheelchairs within 5 working days."
HEARD_CHANGED = "Many of you waited more than two weeks for a repair, and some waited 6 weeks."
HEARD_EASY = "You waited too long for a repair."
ACTION_EASY = "We will fix your wheelchair in 5 days."
SECOND_HEARD = "Some of you did not know who to phone."
SECOND_ACTION = "We will print our phone number on every wheelchair."
WRENCH = "1F527"
OUTCOME_FORM_ERRORS = (rf"/staff/results/{SLUG}/outcomes(/\d+)?|/staff/results/{SLUG}/outcomes/\d+/picture/symbol"
                       rf"|/staff/results/{SLUG}/outcomes/publish")
# The title is in a visually hidden span, so the link's name reads "... we will do : Wheelchair repairs".
HOME_LINK = re.compile(rf"^Read what people told us, and what we will do\s*:\s*{TITLE}$")


def _translate(app) -> None:
    """Welsh and Arabic for the outcome, and Welsh easy read (the demo's easy-read languages are English and Welsh)."""
    from consult.extensions import db
    from consult.loading import load_consultation

    with app.app_context():
        translate_outcomes(load_consultation(SLUG).id)
        db.session.remove()


def _reset(app) -> None:
    """No outcomes and an unpublished results page, as the demo starts."""
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.results.outcomes import delete_outcome, outcomes_of, unpublish_results

    with app.app_context():
        consultation = load_consultation(SLUG)
        for outcome in outcomes_of(consultation):
            delete_outcome(outcome, consultation)
        unpublish_results(consultation)
        db.session.commit()
        db.session.remove()


@pytest.fixture
def closed_demo(live_server, staff_accounts):
    _reset(live_server.app)
    yield
    _reset(live_server.app)


def _expect_notice(page, words: str) -> None:
    """The notice says ``words``, waiting for it: after an htmx post that answers with HX-Location, the
    page that carries the notice is swapped in by a second request, which a busy machine makes late."""
    expect(page.locator("main .notice", has_text=words)).to_have_count(1, timeout=10_000)


def _fill_outcome(page, heard: str, action: str, heard_easy: str = "", action_easy: str = "",
                  about_index: int | None = None) -> None:
    form = page.locator("main form", has=page.locator("textarea[name=heard]"))
    if about_index is not None:
        form.get_by_label("What is it about?", exact=True).select_option(index=about_index)
    form.get_by_label("You said: what we heard", exact=True).fill(heard)
    form.get_by_label("We did: what we will do", exact=True).fill(action)
    if heard_easy or action_easy:
        details = form.locator("details")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        form.get_by_label("What we heard, in easy read", exact=True).fill(heard_easy)
        form.get_by_label("What we will do, in easy read", exact=True).fill(action_easy)


def _listed(page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator("main .outcome-list__item").all_inner_texts()]


def _screenshots(page, name: str) -> None:
    for viewport in (DESKTOP, MOBILE):
        page.set_viewport_size(viewport)
        page.screenshot(path=str(shots_folder("helper") / f"{name}-{viewport['width']}.png"), full_page=True, caret="initial")
    page.set_viewport_size(DESKTOP)


def _picture_beside_words(page, rtl: bool) -> str | None:
    """None when the outcome's picture is on the start side of its words, else what is wrong."""
    # Easy read shows each outcome as a card: its picture first, then the words.
    boxes = page.evaluate("""() => { const image = document.querySelector('main .outcomes .card__image');
        if (!image) return null;
        const item = image.closest('.card');
        const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right}; };
        return {image: box(image), words: box(item.querySelector('.card__body')),
                alt: image.alt, loaded: image.complete && image.naturalWidth > 0}; }""")
    if boxes is None:
        return "no outcome with a picture"
    if not boxes["alt"] or not boxes["loaded"]:
        return f"the outcome's picture has no alt text or did not load: {boxes}"
    image, words = boxes["image"], boxes["words"]
    beside = image["left"] >= words["right"] - 0.5 if rtl else image["right"] <= words["left"] + 0.5
    return None if beside else f"the picture {image} is not on the {'right' if rtl else 'left'} of {words}"


@pytest.mark.parametrize("js", MODES)
def test_write_outcomes_publish_and_read_them(browser_session, live_server, closed_demo, js):
    session = browser_session
    session.allow_http_error(422, OUTCOME_FORM_ERRORS)
    session.allow_http_error(404, PUBLIC)
    staff_scans = TwoWidths(session, js)

    # --- Before publishing, residents cannot see the page, and the home page does not link to it ----
    resident = session.new_page(js=js)
    assert resident.goto(PUBLIC).status == 404
    resident.goto("/")
    assert resident.locator("main").get_by_role("link", name=HOME_LINK).count() == 0

    # --- The staff page, and its error state -----------------------------------------------------------
    page = sign_in(session, "editor", js=js)
    page.goto(OUTCOMES)
    assert h1_text(page) == "You said, we did"
    assert "None yet." in page.locator("main").inner_text()
    staff_scans.check("outcomes, none yet", page)
    submit(page, button(page, "Publish the results page"), js)
    _expect_notice(page, "Write at least one outcome before you publish the results.")
    submit(page, button(page, "Add outcome"), js)
    expect_error_state(page, "an outcome with no words")
    summary = page.locator("main .error-summary").inner_text()
    assert "Say what people told you" in summary and "Say what you will do" in summary, summary
    staff_scans.check("outcomes, errors", page)

    # --- Two outcomes, the first with easy-read words -----------------------------------------------------
    _fill_outcome(page, HEARD, ACTION, HEARD_EASY, ACTION_EASY, about_index=1)
    submit(page, button(page, "Add outcome"), js)
    assert path_of(page) == OUTCOMES, f"adding an outcome ended on {page.url}"
    _expect_notice(page, "Outcome added.")
    _fill_outcome(page, SECOND_HEARD, SECOND_ACTION)
    submit(page, button(page, "Add outcome"), js)
    listed = _listed(page)
    assert len(listed) == 2, listed
    assert HEARD in listed[0] and "Question 1:" in listed[0], listed[0]
    assert SECOND_HEARD in listed[1] and "The consultation as a whole" in listed[1], listed[1]
    staff_scans.check("outcomes, two outcomes", page)

    # --- Change the first: the page, its error state, then saved --------------------------------------------
    submit(page, page.locator("main").get_by_role("link", name="Change outcome 1", exact=True), js)
    assert h1_text(page) == "Change an outcome"
    form = page.locator("main form", has=page.locator("textarea[name=heard]"))
    assert form.get_by_label("What we heard, in easy read", exact=True).input_value() == HEARD_EASY
    staff_scans.check("change an outcome", page)
    form.get_by_label("You said: what we heard", exact=True).fill("")
    submit(page, button(page, "Save outcome"), js)
    expect_error_state(page, "an outcome changed to no words")
    staff_scans.check("change an outcome, errors", page)
    page.locator("main").get_by_label("You said: what we heard", exact=True).fill(HEARD_CHANGED)
    submit(page, button(page, "Save outcome"), js)
    assert path_of(page) == OUTCOMES
    _expect_notice(page, "Outcome saved.")
    assert HEARD_CHANGED in _listed(page)[0]

    # --- Delete the second ----------------------------------------------------------------------------------
    submit(page, page.locator("main").get_by_role("link", name="Delete outcome 2", exact=True), js)
    assert h1_text(page) == "Delete this outcome?"
    assert SECOND_HEARD in page.locator("main").inner_text()
    staff_scans.check("delete an outcome", page)
    submit(page, button(page, "Delete outcome"), js)
    _expect_notice(page, "Outcome deleted.")
    assert len(_listed(page)) == 1 and SECOND_HEARD not in _listed(page)[0]

    # --- A picture for the outcome (the search by its address: see test_pictures_staff.py) ------------------
    submit(page, page.locator("main").get_by_role("link", name="Add a picture for outcome 1", exact=True), js)
    assert h1_text(page) == "Picture for an outcome"
    picture_page = path_of(page)
    page.goto(picture_page + "?q=wrench")
    page.locator(f"main #symbol-results input[value='{WRENCH}']").check()
    page.locator("main #symbol-results").get_by_label("Describe the picture in a few words", exact=True).fill(
        "A spanner")
    submit(page, button(page, "Use this symbol"), js)
    assert path_of(page) == OUTCOMES
    _expect_notice(page, "Picture saved.")
    assert "A spanner" in _listed(page)[0]
    wait_for_pictures(page)

    # --- Publish: refused while the outcome is not in Welsh and Arabic, then translated and published -------------
    submit(page, button(page, "Publish the results page"), js)
    expect_error_state(page, "publishing results with untranslated outcomes")
    summary = page.locator("main .error-summary").inner_text()
    assert "Welsh:" in summary and "Arabic:" in summary and "outcome 1" in summary, summary
    staff_scans.check("outcomes, publishing refused", page)
    _translate(live_server.app)
    page.goto(OUTCOMES)
    submit(page, button(page, "Publish the results page"), js)
    _expect_notice(page, "The results page is published.")
    assert page.locator(f"main a[href='{PUBLIC}']").count() == 1, "the outcomes page does not link to the results"
    assert button(page, "Hide the results page").count() == 1
    staff_scans.check("outcomes, published", page)
    staff_scans.assert_clean()

    # --- The resident: from the home page, in English -----------------------------------------------------
    scans = TwoWidths(session, js)
    resident = session.new_page(js=js)
    resident.goto("/")
    submit(resident, resident.locator("main").get_by_role("link", name=HOME_LINK), js)
    assert path_of(resident) == PUBLIC, f"the home page's link went to {resident.url}"
    assert h1_text(resident) == TITLE
    main = resident.locator("main")
    words = main.locator(".outcomes").inner_text()
    assert HEARD_CHANGED in words and ACTION in words, words
    assert HEARD_EASY not in words, "easy-read words in the standard version"
    assert main.locator(".outcome .pictured__image").count() == 0, "a picture in the standard version"
    scans.check("public results", resident, "en")
    if js:
        _screenshots(resident, "public-results-en")

    # --- In Welsh: the interface and the outcome in Welsh (publishing asked for the translation) ----------------
    resident.goto(PUBLIC + "?lang=cy")
    assert resident.locator("html").get_attribute("lang") == "cy"
    assert h1_text(resident) != TITLE, "the consultation's title is not in Welsh"
    welsh = resident.locator("main .outcome__words p").first
    assert welsh.inner_text() == WELSH_HEARD and welsh.get_attribute("lang") is None, welsh.inner_text()
    scans.check("public results (Welsh)", resident, "cy")
    resident.goto("/")
    assert resident.locator("main a[href='/results/wheelchair-repairs']").count() == 1, (
        "the Welsh home page does not link to the results")

    # --- Easy read, in English, Welsh and Arabic (right to left; the demo has no Arabic easy read, so the
    # --- Arabic words are the standard ones, in Arabic) ------------------------------------------------------
    for language in ("en", "cy", "ar"):
        resident.goto(f"{PUBLIC}?register=easy&lang={language}")
        wait_for_pictures(resident)
        words = resident.locator("main .outcomes").inner_text()
        expected = {"en": HEARD_EASY, "cy": WELSH_HEARD_EASY, "ar": ARABIC_HEARD}[language]
        assert expected in words, f"easy read [{language}]: {words!r}"
        assert HEARD_CHANGED not in words, f"easy read [{language}] shows the standard English words"
        problem = _picture_beside_words(resident, rtl=language == "ar")
        assert problem is None, f"easy read [{language}]: {problem}"
        assert "OpenMoji" in resident.locator("main .credits").inner_text()
        scans.check("public results (easy read)", resident, language)
        if js and language in ("en", "ar"):
            _screenshots(resident, f"public-results-easy-read-{language}")
    scans.assert_clean()
    session.assert_clean()


def test_the_results_page_has_the_easy_read_switch_and_large_words(browser_session, live_server, closed_demo):
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.results.outcomes import add_outcome, publish_results

    with live_server.app.app_context():
        consultation = load_consultation(SLUG)
        add_outcome(consultation, about=None, heard=HEARD, action=ACTION, heard_easy=HEARD_EASY,
                    action_easy=ACTION_EASY)
        publish_results(consultation)
        db.session.commit()
        db.session.remove()

    page = browser_session.new_page(js=False)
    page.goto(PUBLIC)
    switch = page.locator("#version-switch a")
    assert switch.count() == 1 and switch.inner_text().strip() == "Easy read", "no Easy read link on the results page"
    submit(page, switch, js=False)
    # Easy read: the printed "What you told us" on screen, every line of it in large words (the pictures' credits aside).
    sizes = page.evaluate("() => [...document.querySelectorAll('main p:not(.credits)')]"
                          ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 21, f"easy-read words on the results page are {sizes} px"
    browser_session.assert_clean()
