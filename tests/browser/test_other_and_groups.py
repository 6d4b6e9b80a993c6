"""The census ethnic-group question (answers under five headings, each with an "any other" box) and a
question with "Other, please specify", in a real browser: English, Welsh and Arabic, JavaScript on
and off, axe-core at 1280 and 320 px, including the error state.

With JavaScript the box shows only once its answer is chosen and focus stays on the answer (the box is
next in the tab order); without it every box is on the page all the time.
"""

from __future__ import annotations

import pytest

from consult.reach import census
from tests.browser.support import (
    DESKTOP,
    MOBILE,
    TwoWidths,
    active_element,
    button,
    focus_is_on,
    interface_text,
    make_draft,
    path_of,
    shots_folder,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "census-other-browser"
TRAVEL = {"en": "How did you travel here?", "cy": "Sut daethoch chi yma?", "ar": "كيف وصلت إلى هنا؟"}
BUS = {"en": "Bus", "cy": "Bws", "ar": "حافلة"}
OTHER = {"en": "Other", "cy": "Arall", "ar": "أخرى"}
WHITE_OTHER = next(choice for choice in census.ETHNIC_GROUP.all_choices if choice.value == "white_other")
IRISH = next(choice for choice in census.ETHNIC_GROUP.all_choices if choice.value == "white_irish")


def _make(app) -> None:
    from consult.build.option_groups import set_other_option
    from consult.build.questions import add_question
    from consult.extensions import db
    from consult.models import Consultation
    from consult.reach.census_services import add_census_questions

    made = make_draft(app, SLUG, {"en": "Who we hear from", "cy": "Gan bwy rydyn ni’n clywed",
                                  "ar": "ممن نسمع"}, (), other_languages=["cy", "ar"], status="published",
                      summary={"en": "Two questions.", "cy": "Dau gwestiwn.", "ar": "سؤالان."})
    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        add_census_questions(consultation, ["census_ethnic_group"])
        travel = add_question(consultation, "single_choice", TRAVEL, options=[BUS, {"en": "Car", "cy": "Car",
                                                                                     "ar": "سيارة"}])
        set_other_option(travel, True, "Other", "en")
        other = next(option for option in travel.options if option.write_in)
        for language in ("cy", "ar"):
            other.label.set(language, OTHER[language])
        db.session.commit()
        db.session.remove()


def _radio(page, label: str):
    return page.locator("main").get_by_label(label, exact=True)


def _box_for(page, label: str):
    """The write-in box of the answer labelled ``label`` (found through the radio's data-reveals)."""
    reveal = _radio(page, label).get_attribute("data-reveals")
    return page.locator(f"#{reveal} input")


@pytest.mark.parametrize("language", [pytest.param("en", id="english"), pytest.param("cy", id="welsh"),
                                      pytest.param("ar", id="arabic")])
@pytest.mark.parametrize("js", [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")])
def test_other_boxes_and_groups(browser_session, live_server, js, language):
    def _(message: str) -> str:
        return interface_text(language, message)

    _make(live_server.app)
    session = browser_session
    session.allow_http_error(422, rf"/c/{SLUG}/q/\d+")
    scans = TwoWidths(session, js)
    page = session.new_page(js=js)
    page.goto(with_language(f"/c/{SLUG}", language))
    submit(page, button(page, _("Start now")), js)
    assert path_of(page) == f"/c/{SLUG}/q/1"

    # Five headings, each a legend of its own fieldset inside the question's.
    legends = page.locator("main fieldset.choices__group > legend h2")
    assert legends.all_inner_texts() == [group.heading.standard[language] for group in census.ETHNIC_GROUP.groups]
    white_other, irish = WHITE_OTHER.label.standard[language], IRISH.label.standard[language]
    boxes = page.locator("main .choices__reveal input")
    assert boxes.count() == 6
    if js:
        assert all(not boxes.nth(n).is_visible() for n in range(6)), "boxes showing before their answer is chosen"
    else:
        assert all(boxes.nth(n).is_visible() for n in range(6)), "without JavaScript every box must show"
    scans.check("ethnic group", page, language)

    box = _box_for(page, white_other)
    _radio(page, white_other).check()
    assert box.is_visible()
    if js:
        # Focus stays on the answer just chosen; the box is the next thing Tab reaches.
        assert focus_is_on(page, f"#{_radio(page, white_other).get_attribute('id')}"), active_element(page)
        page.keyboard.press("Tab")
        assert focus_is_on(page, f"#{box.get_attribute('id')}"), f"Tab went to {active_element(page)}"
        for size, name in ((MOBILE, "320"), (DESKTOP, "1280")):
            page.set_viewport_size(size)
            page.screenshot(path=str(shots_folder("other-and-groups") / f"ethnic-{language}-{name}.png"),
                            full_page=True, caret="initial")
        _radio(page, irish).check()
        assert not box.is_visible(), "the box stays after another answer is chosen"
        _radio(page, white_other).check()
        assert box.is_visible()

    # The error state: "any other" chosen, nothing written.
    submit(page, button(page, _("Continue")), js)
    summary = page.locator("main .error-summary")
    assert summary.count() == 1 and summary.is_visible(), "no error summary for an empty other box"
    assert page.title().startswith(_("Error:") + " "), page.title()
    message = _("Enter your other answer")
    assert message in page.locator("main .error-summary").inner_text()
    box = _box_for(page, white_other)
    assert box.is_visible() and box.get_attribute("aria-describedby")
    assert message in page.locator(f"#{box.get_attribute('aria-describedby')}").inner_text()
    link = page.locator("main .error-summary a")
    assert link.get_attribute("href") == f"#{box.get_attribute('id')}"
    if js:
        assert focus_is_on(page, "main .error-summary"), active_element(page)
        page.screenshot(path=str(shots_folder("other-and-groups") / f"ethnic-error-{language}.png"), full_page=True, caret="initial")
    scans.check("ethnic group, error", page, language)

    box.fill("Cornish")
    submit(page, button(page, _("Continue")), js)
    assert path_of(page) == f"/c/{SLUG}/q/2"
    other_box = _box_for(page, OTHER[language])
    assert other_box.is_visible() is (not js)
    _radio(page, OTHER[language]).check()
    other_box.fill("By canoe")
    scans.check("travel, other chosen", page, language)
    submit(page, button(page, _("Continue")), js)
    assert path_of(page) == f"/c/{SLUG}/check"
    summary = page.locator("main .summary-list").inner_text()
    assert "Cornish" in summary and white_other in summary and "By canoe" in summary, summary
    scans.check("check page", page, language)
    submit(page, button(page, _("Send my answers")), js)
    assert path_of(page) == f"/c/{SLUG}/confirmation"
    scans.assert_clean()
    session.assert_clean()
