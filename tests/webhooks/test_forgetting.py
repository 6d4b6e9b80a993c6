"""A webhook body carries a resident's answers until it is delivered. When the answers go (staff delete
the response, the person asks for them to be deleted, the retention rule's time comes, the
consultation is deleted), the bodies of deliveries not yet made go with them, and are never sent."""

from __future__ import annotations

import json
from datetime import timedelta

from consult.build.services import delete_consultation
from consult.extensions import db
from consult.models import Consultation, Response
from consult.models._time import utcnow
from consult.models.rights import DELETE
from consult.models.webhook import Webhook, WebhookDelivery
from consult.results.responses import delete_response
from consult.retention.apply import apply_retention
from consult.retention.rules import add_months, rule_for
from consult.rights.services import create_rights_request, delete_answers
from consult.webhooks.delivery import FORGOTTEN, deliver, try_again
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import BUS_QUESTION, add_hook, deliveries, make_consultation, submit_response

HOOK = "https://receiver.example.org/hook"


def _two_responses(app, url: str = HOOK) -> tuple[int, int, int]:
    """(consultation id, first response id, second response id), each with an undelivered delivery."""
    with app.test_request_context():
        consultation_id = make_consultation(anonymous=False)
        add_hook(consultation_id, url)
        first = submit_response(consultation_id, key="a" * 43)
        second = submit_response(consultation_id, key="b" * 43)
    return consultation_id, first, second


def _by_source() -> dict[str, WebhookDelivery]:
    return {item.source: item for item in deliveries()}


def _assert_forgotten(delivery: WebhookDelivery) -> None:
    assert delivery.body == "" and delivery.state == "failed" and delivery.last_error == FORGOTTEN


def test_deleting_a_response_takes_its_undelivered_body_and_no_other(app):
    _consultation_id, first, second = _two_responses(app)
    with app.app_context():
        delete_response(db.session.get(Response, first))
        db.session.commit()
        found = _by_source()
        _assert_forgotten(found[f"response:{first}"])
        kept = found[f"response:{second}"]
        assert kept.state == "waiting" and BUS_QUESTION in json.loads(kept.body)["response"]["answers"][0]["question"]
        # Nothing left to send, now or when staff ask.
        assert deliver(found[f"response:{first}"].id) == "failed"
        assert try_again(found[f"response:{first}"]) is False


def test_a_request_to_delete_ones_answers_takes_the_body_too(app):
    _consultation_id, first, _second = _two_responses(app)
    with app.app_context():
        reference = db.session.get(Response, first).reference
        request = create_rights_request(DELETE, reference, "en", None)
        assert delete_answers(request)
        db.session.commit()
        _assert_forgotten(_by_source()[f"response:{first}"])
        assert reference not in "".join(item.body for item in deliveries())


def test_a_delivered_body_is_already_gone_and_the_log_keeps_its_row(app):
    with Receiver() as receiver:
        _consultation_id, first, _second = _two_responses(app, receiver.url)
        with app.app_context():
            receiver.secret = db.session.scalar(db.select(Webhook.secret))
            delivered = _by_source()[f"response:{first}"]
            assert deliver(delivered.id) == "delivered"
            delete_response(db.session.get(Response, first))
            db.session.commit()
            again = _by_source()[f"response:{first}"]
            assert (again.state, again.body, again.last_error) == ("delivered", "", None)


def test_a_delivery_being_sent_when_its_response_goes_is_not_sent_again(app):
    with Receiver(fail_first=1) as receiver:
        _consultation_id, first, _second = _two_responses(app, receiver.url)
        with app.app_context():
            receiver.secret = db.session.scalar(db.select(Webhook.secret))
            delivery_id = _by_source()[f"response:{first}"].id
            assert deliver(delivery_id) == "waiting"  # the receiver was down
            delete_response(db.session.get(Response, first))
            db.session.commit()
            db.session.execute(db.update(WebhookDelivery).values(next_attempt_at=utcnow()))
            db.session.commit()
            assert deliver(delivery_id) == "failed"
    assert len(receiver.requests) == 1


def test_the_retention_rule_takes_undelivered_bodies_with_the_first_period(app):
    consultation_id, first, second = _two_responses(app)
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        consultation.closes_at = utcnow() - timedelta(days=1)
        db.session.commit()
        closed = consultation.closes_at
        first_period = min(rule_for(consultation).free_text_months, rule_for(consultation).contact_months)
        assert not apply_retention(now=add_months(closed, first_period) - timedelta(hours=1)).changed
        db.session.commit()
        assert {item.state for item in deliveries()} == {"waiting"}
        report = apply_retention(now=add_months(closed, first_period))
        db.session.commit()
        [removal] = report.removals
        assert removal.webhook_bodies == 2 and "2 undelivered webhook bodies deleted" in removal.describe()
        for item in deliveries():
            _assert_forgotten(item)
        # Running again changes nothing more.
        again = apply_retention(now=add_months(closed, first_period))
        assert all(item.webhook_bodies == 0 for item in again.removals)


def test_deleting_a_consultation_deletes_its_addresses_and_deliveries(app):
    from consult.build import services as build_services

    with app.test_request_context():
        consultation_id = make_consultation(status="draft")
        add_hook(consultation_id, HOOK)
        build_services.publish(db.session.get(Consultation, consultation_id))
        db.session.commit()
        build_services.unpublish(db.session.get(Consultation, consultation_id))
        db.session.commit()
        assert len(deliveries()) == 1
        delete_consultation(db.session.get(Consultation, consultation_id))
        db.session.commit()
        assert deliveries() == [] and db.session.scalars(db.select(Webhook)).all() == []


def test_the_staff_page_offers_no_send_again_for_a_forgotten_delivery(app, signed_in):
    consultation_id, first, _second = _two_responses(app)
    with app.app_context():
        delete_response(db.session.get(Response, first))
        db.session.commit()
    page = signed_in("editor").get(f"/staff/consultations/{consultation_id}/webhooks")
    assert "Not sent: the answers in it were deleted." in page.text()
    assert not [form for form in page.soup.select("form") if form["action"].endswith("/again")]
