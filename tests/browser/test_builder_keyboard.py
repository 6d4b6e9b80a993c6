"""The builder's question list with the keyboard alone (JavaScript on): reorder, delete and undo.

Each button swaps only the question list; the status region says what happened and focus stays on
a control for the same question, so a keyboard or screen reader user carries on from where they were.
"""

from __future__ import annotations

import pytest

from tests.browser.support import (
    active_element,
    announced,
    focus_is_on,
    make_draft,
    path_of,
    press_and_wait,
    sign_in,
)
from tests.browser.test_keyboard import KeyboardUser

pytestmark = pytest.mark.browser

QUESTIONS = [
    ("single_choice", "How do you get to the day centre?", ["By bus", "By car", "On foot"], None),
    ("short_text", "Which town or village do you live in?", [], None),
    ("yes_no", "Do you use the day centre now?", [], None),
]


def _prompts(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("#question-list ol a[id^=edit-]").all_inner_texts()]


def _focus_on_a_move_button_of(page, question_id: int) -> bool:
    return page.evaluate("id => ['move-up-' + id, 'move-down-' + id].includes(document.activeElement.id)",
                         question_id)


def test_reorder_delete_and_undo_with_the_keyboard(browser_session, staff_accounts, live_server):
    draft = make_draft(live_server.app, "keyboard-builder", "Getting to the day centre", QUESTIONS)
    first = draft["questions"][0]
    overview = f"/staff/consultations/{draft['id']}"
    page = sign_in(browser_session, "editor", js=True)
    page.goto(overview)
    user = KeyboardUser(page)

    # Move the first question down: Tab to its "Move down" button, Enter.
    user.tab_to(f"#move-down-{first}", "Move down for question 1")
    press_and_wait(page, "Enter")
    announced(page, "Question moved to position 2 of 3")
    assert _prompts(page) == [QUESTIONS[1][1], QUESTIONS[0][1], QUESTIONS[2][1]]
    assert _focus_on_a_move_button_of(page, first), f"after Move down focus is on {active_element(page)}"

    # Enter again on the focused button moves it on, to the end (where only "Move up" is left).
    press_and_wait(page, "Enter")
    announced(page, "Question moved to position 3 of 3")
    assert _prompts(page) == [QUESTIONS[1][1], QUESTIONS[2][1], QUESTIONS[0][1]]
    assert focus_is_on(page, f"#move-up-{first}"), f"at the end focus is on {active_element(page)}"

    # Delete it with Enter (the next Tab stop): focus goes to its "Undo delete" button ...
    user.tab_to(f"#delete-{first}", "Delete for question 3")
    press_and_wait(page, "Enter")
    announced(page, "Question deleted. You can undo this below the list.")
    assert _prompts(page) == [QUESTIONS[1][1], QUESTIONS[2][1]]
    assert focus_is_on(page, f"#restore-{first}"), f"after Delete focus is on {active_element(page)}"

    # ... so Enter straight away puts it back where it was, and focus goes to its link.
    press_and_wait(page, "Enter")
    announced(page, "Question put back as question 3")
    assert _prompts(page) == [QUESTIONS[1][1], QUESTIONS[2][1], QUESTIONS[0][1]]
    assert focus_is_on(page, f"#edit-{first}"), f"after Undo focus is on {active_element(page)}"
    assert page.locator("#question-list .question-list__deleted").count() == 0

    # Everything happened on the one page.
    assert path_of(page) == overview
    assert not user.invisible, "Tab stops without a visible focus indicator:\n" + "\n".join(user.invisible)
    browser_session.assert_clean()
