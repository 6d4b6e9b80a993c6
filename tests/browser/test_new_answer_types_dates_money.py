"""The date, decimal number and money questions in a real browser: each question page and its error
states pass axe-core at 1280 and 320 px (nothing scrolls sideways at 320 px), with JavaScript on and
off, in English, Welsh and Arabic; what was typed stays after an error, only the date boxes at fault are
marked, and the check page shows the answers in words. The question editor's date and money settings
and the paper data-entry page are scanned too. Screenshots go to support.shots_folder("dates-money")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.support import (
    DESKTOP,
    MOBILE,
    STAFF_FORM_ERROR_PATHS,
    TwoWidths,
    button,
    ensure_staff,
    expect_error_state,
    interface_text,
    path_of,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "dates-and-money"
MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
LANGUAGES = [pytest.param("en", id="english"), pytest.param("cy", id="welsh"), pytest.param("ar", id="arabic")]


def _consultation(app) -> dict:
    """A published consultation with a date (between two dates), a decimal number and an amount of money."""
    from consult.build.questions import add_question
    from consult.build.services import create_consultation, delete_consultation
    from consult.extensions import db
    from consult.models import Consultation
    from consult.models._time import utcnow

    with app.app_context():
        old = db.session.query(Consultation).filter_by(slug=SLUG).one_or_none()
        if old is not None:
            delete_consultation(old)
        now = utcnow().replace(microsecond=0)
        consultation = create_consultation(SLUG, title="Your visit to the day centre", summary="Three questions.",
                                           status="published", opens_at=now - timedelta(days=1),
                                           closes_at=now + timedelta(days=30), other_languages=["cy", "ar"])
        date = add_question(consultation, "date", "When did you last visit?", hint="Your last visit, not the first.",
                            settings={"rule": "range", "earliest": "2020-01-01", "latest": "2030-12-31"})
        decimal = add_question(consultation, "decimal", "How far did you travel, in miles?",
                               settings={"min": "0", "max": "500"})
        money = add_question(consultation, "money", "How much did the journey cost?")
        db.session.commit()
        made = {"id": consultation.id, "date": date.id, "decimal": decimal.id, "money": money.id}
        db.session.remove()
    return made


def _shot(page, name: str, js: bool, language: str) -> None:
    folder = shots_folder("dates-money")
    for label, size in (("1280", DESKTOP), ("320", MOBILE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(folder / f"{name}-{language}-{'js' if js else 'nojs'}-{label}.png"), full_page=True, caret="initial")
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_each_question_and_its_errors_pass_axe(browser_session, live_server, js, language):
    made = _consultation(live_server.app)
    browser_session.allow_http_error(422, rf"/c/{SLUG}/q/\d+")
    checker = TwoWidths(browser_session, js)

    def _(message: str) -> str:
        return interface_text(language, message)

    page = browser_session.new_page(js=js)
    page.goto(with_language(f"/c/{SLUG}", language))
    submit(page, button(page, _("Start now")))
    main = page.locator("main")
    day, month, year = (page.locator(f"#q{made['date']}-{part}") for part in ("day", "month", "year"))

    # The date: one fieldset, the question its legend; three labelled boxes that bring up digits.
    assert path_of(page) == f"/c/{SLUG}/q/1"
    assert main.locator("fieldset legend h1").count() == 1
    for box, label in ((day, "Day"), (month, "Month"), (year, "Year")):
        assert box.get_attribute("inputmode") == "numeric"
        assert main.get_by_label(_(label), exact=True).count() == 1
    checker.check("date", page, language)
    _shot(page, "date", js, language)

    submit(page, button(page, _("Continue")))
    assert main.locator(".error-summary").is_visible() and page.title().startswith(_("Error:") + " ")
    assert _("Enter a date") in main.locator(".error-summary").inner_text()
    checker.check("date, nothing typed", page, language)

    day.fill("31")
    submit(page, button(page, _("Continue")))
    assert _("The date must include a month and year") in main.locator(".error-summary").inner_text()
    # What was typed stays; only the boxes at fault are marked.
    assert day.input_value() == "31"
    assert [box.evaluate("e => e.classList.contains('input--error')") for box in (day, month, year)] == [False, True, True]
    # The summary's link goes to the first box at fault.
    assert main.locator(".error-summary a").get_attribute("href") == f"#q{made['date']}-month"
    checker.check("date, month and year missing", page, language)
    _shot(page, "date-error", js, language)

    month.fill("2")
    year.fill("2024")
    submit(page, button(page, _("Continue")))
    assert _("The date must be a real date") in main.locator(".error-summary").inner_text()
    assert [box.evaluate("e => e.classList.contains('input--error')") for box in (day, month, year)] == [True, False, False]
    checker.check("date, 31 February", page, language)

    day.fill("29")
    submit(page, button(page, _("Continue")))

    # The decimal number.
    assert path_of(page) == f"/c/{SLUG}/q/2"
    box = page.locator(f"#q{made['decimal']}")
    assert box.get_attribute("inputmode") == "decimal"
    checker.check("decimal", page, language)
    box.fill("1.2345")
    submit(page, button(page, _("Continue")))
    assert box.input_value() == "1.2345"
    checker.check("decimal, too many places", page, language)
    box.fill("600")
    submit(page, button(page, _("Continue")))
    checker.check("decimal, out of range", page, language)
    _shot(page, "decimal-error", js, language)
    box.fill("12.5")
    submit(page, button(page, _("Continue")))

    # Money: "£" beside the box, for the eye; in words in the hint the box is described by.
    assert path_of(page) == f"/c/{SLUG}/q/3"
    box = page.locator(f"#q{made['money']}")
    assert box.get_attribute("placeholder") is None
    assert main.locator(".input-prefixed__prefix").inner_text() == "£"
    assert main.locator(".input-prefixed__prefix").get_attribute("aria-hidden") == "true"
    assert f"q{made['money']}-unit" in box.get_attribute("aria-describedby").split()
    checker.check("money", page, language)
    _shot(page, "money", js, language)
    box.fill("twelve")
    submit(page, button(page, _("Continue")))
    assert box.input_value() == "twelve"
    checker.check("money, not a number", page, language)
    _shot(page, "money-error", js, language)
    box.fill("£1,200.5")
    submit(page, button(page, _("Continue")))

    assert path_of(page) == f"/c/{SLUG}/check"
    words = main.inner_text()
    assert "12.5" in words and "1,200.50" in words and "2024" in words
    if language == "en":
        assert "29 February 2024" in words and "£1,200.50" in words
    checker.check("check your answers", page, language)
    _shot(page, "check", js, language)
    checker.assert_clean()
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_the_question_editor_settings_and_data_entry_pass_axe(browser_session, live_server, js):
    made = _consultation(live_server.app)
    ensure_staff(live_server.app)
    browser_session.allow_http_error(422, STAFF_FORM_ERROR_PATHS)
    browser_session.allow_http_error(422, r"/staff/entry/.*")
    checker = TwoWidths(browser_session, js)
    page = sign_in(browser_session, "editor", js=js)
    for language in ("en", "cy"):
        page.goto(with_language(f"/staff/consultations/{made['id']}/questions/{made['date']}", language))
        rules = page.locator("main fieldset").filter(has=page.locator("input[name=date_rule]"))
        assert rules.locator("legend").count() == 1 and rules.locator("input[type=radio]").count() == 4
        checker.check(f"date settings [{language}]", page)
        _shot(page, "editor-date", js, language)
        page.goto(with_language(f"/staff/consultations/{made['id']}/questions/{made['money']}", language))
        checker.check(f"money settings [{language}]", page)

    # A range with neither date is an error said beside the field, with what was chosen kept.
    page.goto(f"/staff/consultations/{made['id']}/questions/{made['date']}?lang=en")
    page.locator("main #date_earliest").fill("")
    page.locator("main #date_latest").fill("")
    submit(page, page.locator("#save-question"))
    expect_error_state(page, "date settings, a range with no dates")
    assert page.locator("main input[name=date_rule][value=range]").is_checked()
    checker.check("date settings, a range with no dates", page)

    page.goto(f"/staff/consultations/{made['id']}/questions/{made['money']}")
    page.locator("main #amount_minimum").fill("10")
    page.locator("main #amount_maximum").fill("5")
    submit(page, page.locator("#save-question"))
    expect_error_state(page, "money settings, largest below smallest")
    assert page.locator("main #amount_maximum").input_value() == "5"
    checker.check("money settings, largest below smallest", page)

    page.goto(f"/staff/entry/{SLUG}")
    assert page.locator(f"#q{made['date']}-day").count() == 1 and page.locator(f"#q{made['money']}").count() == 1
    checker.check("data entry", page)
    _shot(page, "entry", js, "en")
    checker.assert_clean()
    browser_session.assert_clean()
