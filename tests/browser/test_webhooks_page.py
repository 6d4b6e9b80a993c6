"""A consultation's webhooks page in a real browser: axe at 1280 and 320 px, nothing scrolling sideways,
JavaScript on and off, English and Welsh; adding an address shows its secret once."""

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
LONG_ADDRESS = "https://integration.example-council.gov.uk/consultations/receive/webhook-endpoint-for-consult"


def _clear(app) -> None:
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models.webhook import Webhook, WebhookDelivery

    with app.app_context():
        db.session.execute(delete(WebhookDelivery))
        db.session.execute(delete(Webhook))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def demo_with_log(live_server, staff_accounts):
    """The demo consultation with one address and a delivery in each state; removed afterwards."""
    from consult.demo import DEMO_SLUG
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.models._time import utcnow
    from consult.models.webhook import Webhook, WebhookDelivery
    from consult.webhooks.delivery import FORGOTTEN
    from consult.webhooks.signing import new_secret

    app = live_server.app
    _clear(app)
    with app.app_context():
        consultation_id = load_consultation(DEMO_SLUG).id
        hook = Webhook(consultation_id=consultation_id, url=LONG_ADDRESS, secret=new_secret())
        db.session.add(hook)
        db.session.flush()
        for number, (event, state, status, error) in enumerate((
                ("response.submitted", "failed", 503, "HTTP 503"),
                ("response.submitted", "waiting", None, "ConnectionRefusedError: [Errno 111] Connection refused"),
                ("consultation.published", "delivered", 204, None),
                # Its response was deleted before it could go: no body, nothing to send again.
                ("response.submitted", "failed", None, FORGOTTEN))):
            db.session.add(WebhookDelivery(
                webhook_id=hook.id, delivery_id=f"00000000-0000-4000-8000-00000000000{number}", event=event,
                source=f"browser:{number}", body="" if error == FORGOTTEN else "{}", state=state, attempts=2, last_status=status,
                last_error=error, next_attempt_at=utcnow(), delivered_at=utcnow() if state == "delivered" else None))
        db.session.commit()
        db.session.remove()
    try:
        yield consultation_id
    finally:
        _clear(app)


def _shoot(page, name: str, js: bool) -> None:
    shoot(page, name, js)


@pytest.mark.parametrize("js", MODES)
def test_webhooks_page_passes_axe_and_adds_an_address(browser_session, demo_with_log, js):
    checker = TwoWidths(browser_session, js)
    consultation_id = demo_with_log
    address = f"/staff/consultations/{consultation_id}/webhooks"
    page = sign_in(browser_session, "editor", js=js)
    page.goto(f"/staff/consultations/{consultation_id}")
    submit(page, page.get_by_role("link", name="Webhooks: send responses to another system"), js)
    assert path_of(page) == address, page.url
    assert h1_text(page) == "Webhooks"
    main = page.locator("main").inner_text()
    assert "Not delivered" in main and "HTTP 503" in main and "Delivered" in main
    assert "Not sent: the answers in it were deleted." in main
    assert page.locator("main").get_by_role("button", name="Send again").count() == 1
    _shoot(page, "webhooks", js)
    checker.check("webhooks", page, "en")

    page.goto(with_language(address, "cy"))
    assert h1_text(page) == interface_text("cy", "Webhooks")
    checker.check("webhooks in Welsh", page, "cy")

    page.goto(address + "?lang=en")
    # A mistake first: the error summary, the field marked, what was typed kept (a 422, on purpose).
    browser_session.allow_http_error(422, r"/staff/consultations/\d+/webhooks$")
    page.get_by_label("Address to send to").fill("http://hooks.example.org/x")
    submit(page, page.get_by_role("button", name="Add address"), js)
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Address to send to").input_value() == "http://hooks.example.org/x"
    checker.check("webhooks with an error", page, "en")
    page.get_by_label("Address to send to").fill("https://hooks.example.org/consult")
    submit(page, page.get_by_role("button", name="Add address"), js)
    assert path_of(page) == address
    secret = page.locator("#secret code").inner_text()
    assert secret.startswith("whsec_")
    _shoot(page, "webhooks-secret", js)
    checker.check("webhooks with a new secret", page, "en")
    page.reload()
    assert page.locator("#secret").count() == 0 and secret not in page.content()
    checker.assert_clean()
