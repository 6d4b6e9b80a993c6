"""Typing in a paper form with the keyboard alone, and axe-core on the data-entry page in every state.

The page is a plain form (no htmx swap) so it behaves the same with JavaScript on and off: after
"Save and enter another" a new page loads with the first answer box focused for the next form.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from tests.browser.support import (
    STAFF,
    TwoWidths,
    active_element,
    button,
    expect_error_state,
    focus_is_on,
    h1_text,
    path_of,
    press_and_wait,
    sign_in,
    submit,
)
from tests.browser.test_keyboard import KeyboardUser

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js"), pytest.param(False, id="no-js")]


@pytest.fixture
def consultation(live_server, staff_accounts):
    """A published, open consultation with one question of each type and a branch (tests/entry)."""
    from consult.extensions import db
    from tests.entry.conftest import make_repairs

    with live_server.app.app_context():
        made = make_repairs(slug=f"entry-{uuid.uuid4().hex[:8]}")
        db.session.remove()
    made["page"] = f"/staff/entry/{made['slug']}"
    return made


def _stored(live_server, slug: str) -> list:
    from consult.extensions import db
    from consult.models import Consultation, Response

    with live_server.app.app_context():
        rows = db.session.execute(
            select(Response.channel, Response.helped_by, Response.entered_by_id, Response.reference)
            .join(Consultation, Consultation.id == Response.consultation_id).where(Consultation.slug == slug)
        ).all()
        db.session.remove()
    return rows


@pytest.mark.parametrize("js", MODES)
def test_one_paper_form_typed_in_with_the_keyboard_alone(browser_session, live_server, staff_accounts,
                                                         consultation, js):
    page = sign_in(browser_session, "editor", js=js)
    page.goto(consultation["page"])
    assert h1_text(page) == "Enter paper or phone answers"
    user = KeyboardUser(page)

    # About the form: the way it reached us (arrow keys within the radios, Space), who helped.
    user.choose("Paper form")
    user.tab_to("main #helped_by", "the Who helped box")
    page.keyboard.type("Sam, support worker")
    # The date stays as today: Tab goes past it to the answers.
    user.choose("Yes")
    user.choose("Often")
    user.choose("Monday")
    user.choose("Friday")
    user.choose("Agree")
    user.tab_to(f"main #q{consultation['q'][4]}", "the number box")
    page.keyboard.type("3")
    user.tab_to(f"main #q{consultation['q'][5]}", "the town box")
    page.keyboard.type("Llanfair")
    user.tab_to(f"main #q{consultation['q'][6]}", "the long answer box")
    page.keyboard.type("Faster visits, please.")
    user.tab_to("main button[value=another]", "the Save and enter another button")
    press_and_wait(page, "Enter", js=False)  # a full page load, with JavaScript or without

    notice = page.locator("main .notice[role=status]").inner_text()
    assert "Saved as response" in notice and "You have entered 1 form in this sitting." in notice, notice
    # Ready for the next form: the first answer has the focus; the way and the helper are kept.
    first = f"#q{consultation['q'][0]}-{consultation['yes']}"
    assert focus_is_on(page, first), f"after saving, focus is on {active_element(page)}"
    assert page.locator("main #channel-0").is_checked()
    assert page.locator("main #helped_by").input_value() == "Sam, support worker"
    assert not page.locator(f"main {first}").is_checked()
    [(channel, helped_by, entered_by, reference)] = _stored(live_server, consultation["slug"])
    assert (channel, helped_by, entered_by) == ("paper", "Sam, support worker", staff_accounts["editor"])
    assert reference in notice
    assert not user.invisible, "Tab stops without a visible focus indicator:\n" + "\n".join(user.invisible)
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_the_data_entry_page_passes_axe_in_every_state(browser_session, live_server, staff_accounts,
                                                       consultation, js):
    session = browser_session
    session.allow_http_error(422, r"/staff/entry/entry-[0-9a-f]+")
    scans = TwoWidths(session, js)
    page = sign_in(session, "editor", js=js)
    page.goto(consultation["page"])
    scans.check("data entry, empty", page)

    # Errors: no way of answering, a number out of range, an answer the branch rules out, blanks.
    main = page.locator("main")
    q = consultation["q"]
    main.locator(f"#q{q[0]}-{consultation['no']}").check()
    main.locator(f"#q{q[1]}-{consultation['often']}").check()
    main.locator(f"#q{q[4]}").fill("500")
    main.locator(f"#q{q[5]}").fill("Llanfair")
    submit(page, button(page, "Save and enter another"), js=False)
    expect_error_state(page, "a form with mistakes and gaps")
    summary = main.locator(".error-summary").inner_text()
    assert "Choose how these answers reached you" in summary and "Enter a number from 0 to 50" in summary
    assert "only for people who ticked “Yes” at question 1" in summary and "have no answer" in summary
    assert main.locator(f"#q{q[4]}").input_value() == "500"
    scans.check("data entry, errors", page)

    # Put right: the way, the number, question 2 cleared, the gaps confirmed.
    main.locator("#channel-1").check()
    main.locator(f"#q{q[4]}").fill("5")
    main.locator(f"#q{q[1]}-blank").check()
    main.locator("#blanks-checked").check()
    submit(page, button(page, "Save and enter another"), js=False)
    assert main.locator(".error-summary").count() == 0, main.locator(".error-summary").inner_text()
    assert "Saved as response" in main.locator(".notice[role=status]").inner_text()
    scans.check("data entry, saved", page)

    # Read it back, then finish with the next form.
    submit(page, main.get_by_role("link", name="Read response", exact=False), js)
    assert "Typed in by " + STAFF["editor"] + " from a phone call." in main.locator("#typed-in").inner_text()
    scans.check("a response typed in by staff", page)
    assert path_of(page).startswith(f"/staff/results/{consultation['slug']}/responses/")
    scans.assert_clean()
    session.assert_clean()
