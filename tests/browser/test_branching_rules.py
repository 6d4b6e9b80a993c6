"""Branching in a real browser: the builder's rule pages (a rule in words, the rule editor, its
error, adding a condition) and the resident's exit page. axe-core at 1280 and 320 px, JavaScript
on and off, English and Welsh; screenshots in the shots folder."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    TwoWidths,
    expect_error_state,
    h1_text,
    interface_text,
    path_of,
    shoot,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "branching-in-the-browser"
ERROR_PATHS = r"/staff/consultations/\d+/questions/\d+/branching/\d+"
WELSH_EXIT = "Ni allwch gymryd rhan oherwydd mae’r ymgynghoriad hwn ar gyfer pobl sy’n byw yng Nghaerdydd."


@pytest.fixture
def rules(live_server, staff_accounts):
    from consult.build.services import delete_consultation
    from consult.extensions import db
    from consult.loading import load_consultation
    from tests.branching_helpers import make_rules_consultation

    app = live_server.app
    with app.app_context():
        old = load_consultation(SLUG)
        if old is not None:
            delete_consultation(old)
            db.session.commit()
        made = make_rules_consultation(slug=SLUG, other_languages=("cy",))
        consultation = load_consultation(SLUG)
        consultation.questions[0].rules[0].exit_text.set("cy", WELSH_EXIT)
        db.session.commit()
        db.session.remove()
    yield made
    with app.app_context():
        old = load_consultation(SLUG)
        if old is not None:
            delete_consultation(old)
            db.session.commit()


def _shoot(page, name: str) -> None:
    shoot(page, name, folder=shots_folder("branching"))


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("js", [True, False], ids=["js-on", "js-off"])
def test_rule_editor_and_exit_page(browser_session, rules, js, language):
    def _(message: str) -> str:
        return interface_text(language, message)

    browser_session.allow_http_error(422, ERROR_PATHS)
    scan = TwoWidths(browser_session, js)
    tag = f"{language}-{'js' if js else 'nojs'}"

    # --- the builder: question 3's rule in words, then its editor -------------------------------
    page = sign_in(browser_session, "editor", js=js)
    consultation_id, drive_id = rules["id"], rules["ids"][2]
    page.goto(with_language(f"/staff/consultations/{consultation_id}/questions/{drive_id}/branching", language))
    main = page.locator("main")
    assert main.locator(".rule-list__words").count() == 1
    scan.check("branching rules", page, language)
    _shoot(page, f"rules-{tag}")

    submit(page, main.locator(".rule-list a[id^=change-rule-]"), js)
    assert path_of(page).startswith(f"/staff/consultations/{consultation_id}/questions/{drive_id}/branching/")
    assert h1_text(page) == _("Change a branching rule")
    scan.check("rule editor", page, language)

    # A value that is not a number: the rule comes back with a message linked to the box.
    page.locator("#cond-1-low").fill("lots")
    submit(page, page.locator("#save-rule"), js)
    if language == "en":
        expect_error_state(page, "a value that is not a number")
    assert page.locator("main .error-summary").count() == 1
    assert page.locator("main .error-summary a").first.get_attribute("href") == "#cond-1-low"
    assert page.locator("#cond-1-low").input_value() == "lots", "what was typed stays"
    scan.check("rule editor, value refused", page, language)
    _shoot(page, f"rule-error-{tag}")

    # Add a condition on question 4: nothing is stored, the new row is there to fill in.
    page.locator("#cond-1-low").fill("16")
    page.locator("#add-source").select_option(str(rules["ids"][1]))
    submit(page, page.locator("#add-condition"), js)
    assert page.locator("#cond-2-test").count() == 1
    scan.check("rule editor, condition added", page, language)
    submit(page, page.locator("#cond-2-remove"), js)
    submit(page, page.locator("#save-rule"), js)
    assert path_of(page) == f"/staff/consultations/{consultation_id}/questions/{drive_id}/branching"
    assert main.locator(".rule-list__words").count() == 1

    # --- a resident who cannot take part --------------------------------------------------------
    resident = browser_session.new_page(js=js)
    resident.goto(with_language(f"/c/{SLUG}", language))
    submit(resident, resident.locator("main button.button--start"), js)
    resident.locator("main").get_by_label(_("No"), exact=True).check()
    submit(resident, resident.locator("main button[value=continue]"), js)
    assert path_of(resident) == f"/c/{SLUG}/exit/{rules['exit']}"
    assert h1_text(resident) == _("You cannot take part")
    words = WELSH_EXIT if language == "cy" else "this consultation is for people who live in Cardiff"
    assert words in resident.locator("main").inner_text()
    scan.check("exit page", resident, language)
    _shoot(resident, f"exit-{tag}")
    scan.assert_clean()
