"""A consultation that closes by itself on its closing date sends "consultation.closed" once, from
``send-webhooks``, as one closed early by staff does at once; never twice, never for an early close."""

from __future__ import annotations

import json
from datetime import timedelta

from consult.build import services as build_services
from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.models.webhook import Webhook
from consult.webhooks.closing import record_natural_closes
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import add_hook as add_hook_now
from tests.webhooks.support import deliveries, make_consultation

HOOK = "https://receiver.example.org/hook"


def add_hook(consultation_id: int, url: str) -> tuple[int, str]:
    """An address added a week ago, before any closing time these tests set."""
    hook_id, secret = add_hook_now(consultation_id, url)
    db.session.get(Webhook, hook_id).created_at = utcnow() - timedelta(days=7)
    db.session.commit()
    return hook_id, secret


def _closed_events() -> list[dict]:
    return [json.loads(item.body) for item in deliveries() if item.event == "consultation.closed"]


def _closes_in(consultation_id: int, delta: timedelta):
    consultation = db.session.get(Consultation, consultation_id)
    consultation.closes_at = utcnow() + delta
    db.session.commit()
    return consultation.closes_at


def test_the_closing_date_passing_sends_closed_once(app):
    with app.test_request_context():
        consultation_id = make_consultation()
        add_hook(consultation_id, HOOK)
        closes_at = _closes_in(consultation_id, timedelta(hours=1))
        assert record_natural_closes() == 0  # still open
        assert record_natural_closes(now=closes_at + timedelta(seconds=1)) == 1
        assert record_natural_closes(now=closes_at + timedelta(minutes=1)) == 0
        assert record_natural_closes(now=closes_at + timedelta(days=30)) == 0
        [event] = _closed_events()
        assert event["event"] == "consultation.closed" and event["consultation"]["slug"] == "bus-routes"


def test_send_webhooks_records_and_sends_it_once(app):
    with Receiver() as receiver:
        with app.test_request_context():
            consultation_id = make_consultation()
            _hook, receiver.secret = add_hook(consultation_id, receiver.url)
            _closes_in(consultation_id, -timedelta(minutes=1))
        runner = app.test_cli_runner()
        result = runner.invoke(args=["send-webhooks"])
        assert result.exit_code == 0 and "Closings recorded: 1" in result.output and "delivered: 1" in result.output
        assert "Nothing to send." in runner.invoke(args=["send-webhooks"]).output
    [event] = receiver.kept.values()
    assert event["event"] == "consultation.closed"
    assert receiver.repeats == 0 and receiver.bad_signatures == 0 and len(receiver.requests) == 1


def test_an_early_close_by_staff_is_not_announced_again_on_the_date(app):
    with app.test_request_context():
        consultation_id = make_consultation()
        add_hook(consultation_id, HOOK)
        build_services.close_early(db.session.get(Consultation, consultation_id))
        db.session.commit()
        closes_at = db.session.get(Consultation, consultation_id).closes_at
        assert record_natural_closes(now=closes_at + timedelta(days=1)) == 0
        assert len(_closed_events()) == 1


def test_reopened_it_closes_again_and_is_announced_again(app):
    with app.test_request_context():
        consultation_id = make_consultation()
        add_hook(consultation_id, HOOK)
        first = _closes_in(consultation_id, -timedelta(minutes=5))
        assert record_natural_closes() == 1
        later = utcnow() + timedelta(days=7)
        build_services.reopen(db.session.get(Consultation, consultation_id), later)
        db.session.commit()
        assert record_natural_closes() == 0  # open again
        assert record_natural_closes(now=later + timedelta(seconds=1)) == 1
        assert record_natural_closes(now=later + timedelta(days=1)) == 0
        assert len(_closed_events()) == 2 and first < later


def test_drafts_addresses_added_after_the_close_and_other_consultations_are_left_alone(app):
    with app.test_request_context():
        draft_id = make_consultation(slug="a-draft", status="draft")
        add_hook(draft_id, HOOK)
        _closes_in(draft_id, -timedelta(minutes=5))
        closed_id = make_consultation(slug="closed-before")
        _closes_in(closed_id, -timedelta(days=2))
        add_hook_now(closed_id, HOOK)  # added after it closed: it was not there to be told
        open_id = make_consultation(slug="still-open")
        add_hook(open_id, HOOK)
        assert record_natural_closes() == 0
        assert _closed_events() == []


def test_each_address_is_told_once(app):
    with app.test_request_context():
        consultation_id = make_consultation()
        add_hook(consultation_id, HOOK)
        add_hook(consultation_id, "https://second.example.org/hook")
        _closes_in(consultation_id, -timedelta(minutes=1))
        assert record_natural_closes() == 2
        assert record_natural_closes() == 0
        assert len({item.webhook_id for item in deliveries()}) == 2


def test_runs_racing_record_it_once(app):
    import threading

    with app.test_request_context():
        consultation_id = make_consultation()
        add_hook(consultation_id, HOOK)
        _closes_in(consultation_id, -timedelta(minutes=1))
    recorded = []

    def run():
        with app.app_context():
            recorded.append(record_natural_closes())

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(recorded) == [0, 0, 1]
    with app.app_context():
        assert len(_closed_events()) == 1
