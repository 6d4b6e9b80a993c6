"""The staff page of outgoing messages in a real browser: axe at 1280 and 320 px, nothing scrolling
sideways, JavaScript on and off, English and Welsh; stopping a waiting message from the page."""

from __future__ import annotations

import pytest

from tests.browser.support import (
    TwoWidths,
    h1_text,
    interface_text,
    path_of,
    shoot,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
LIST = "/staff/messages/"


def _clear(app) -> None:
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models import OutgoingMessage

    with app.app_context():
        db.session.execute(delete(OutgoingMessage))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def messages(live_server, staff_accounts):
    """One message in each state the page lists, removed afterwards."""
    from consult.extensions import db
    from consult.messages.outbox import queue_message
    from consult.models import OutgoingMessage
    from consult.models._time import utcnow

    app = live_server.app
    _clear(app)
    with app.app_context():
        for key, state, error in (
                ("browser-failed", "failed", "The mail server answered 550: No such user here, with a reason "
                                             "long enough to wrap on a phone"),
                ("browser-waiting", "waiting", "Could not reach the mail server: ConnectionRefusedError"),
                ("browser-sent", "sent", None)):
            message = queue_message(key=key, purpose="confirmation", channel="email",
                                    recipient="someone.with.a.long.name@example.org", subject="Your answers",
                                    body="Thank you.", send_now=False)
            row = db.session.get(OutgoingMessage, message.id)
            row.state, row.last_error, row.attempts = state, error, 1
            if state == "sent":
                row.sent_at = utcnow()
        db.session.commit()
        db.session.remove()
    try:
        yield
    finally:
        _clear(app)


def _shoot(page, name: str, js: bool) -> None:
    shoot(page, name, js)


@pytest.mark.parametrize("js", MODES)
def test_messages_page_passes_axe_and_stops_a_message(browser_session, messages, js):
    checker = TwoWidths(browser_session, js)
    page = sign_in(browser_session, "editor", js=js)
    submit(page, page.locator("nav.staff-nav").get_by_role("link", name="Messages", exact=True))
    assert path_of(page) == LIST, page.url
    assert h1_text(page) == "Messages"
    assert "No such user here" in page.locator("main").inner_text()
    _shoot(page, "messages", js)
    checker.check("messages", page, "en")

    page.goto(with_language(LIST, "cy"))
    assert h1_text(page) == interface_text("cy", "Messages")
    checker.check("messages in Welsh", page, "cy")

    page.goto(LIST + "?lang=en")
    waiting = page.locator("[aria-labelledby=waiting-title]")
    submit(page, waiting.get_by_role("button", name="Do not send"), js)
    assert path_of(page) == LIST
    assert "The message will not be sent." in page.locator("main .notice").inner_text()
    assert page.locator("[aria-labelledby=waiting-title] .message-list").count() == 0
    checker.check("messages after stopping one", page, "en")
    checker.assert_clean()
    assert page.locator("main").get_by_role("button", name="Send again").count() == 1
