"""Webhook deliveries against a real local receiver: signed, retried after failures, delivered once."""

from __future__ import annotations

import json
import threading
import time

from consult import jobs
from consult.build import services as build_services
from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.models.webhook import WebhookDelivery
from consult.webhooks import signing
from consult.webhooks.delivery import deliver, deliver_due
from tests.webhooks.receiver import Receiver
from tests.webhooks.support import (
    BUS_QUESTION,
    EMAIL_QUESTION,
    add_hook,
    deliveries,
    make_consultation,
    submit_response,
)


def _make_due_now(app) -> None:
    """As if the wait before the next try had passed (no test sleeps through a backoff)."""
    with app.app_context():
        db.session.execute(db.update(WebhookDelivery).values(next_attempt_at=utcnow()))
        db.session.commit()


def test_a_receiver_that_fails_then_recovers_gets_each_event_once(app):
    app.config["JOBS_BACKEND"] = "threads"  # the real path: a background job after the commit
    with Receiver(fail_first=2) as receiver:
        with app.test_request_context():
            consultation_id = make_consultation()
            _hook_id, receiver.secret = add_hook(consultation_id, receiver.url)
            submit_response(consultation_id)
        assert jobs.runner_of(app).wait_idle(30)
        with app.app_context():
            [first] = deliveries()
            assert (first.state, first.attempts, first.last_status) == ("waiting", 1, 500)
            assert first.next_attempt_at > utcnow()  # backoff: not due again at once
            assert deliver(first.id) == "waiting"  # not due yet: nothing is sent
        assert len(receiver.requests) == 1

        _make_due_now(app)
        result = app.test_cli_runner().invoke(args=["send-webhooks"])
        assert result.exit_code == 0 and "waiting: 1" in result.output  # the second failure
        _make_due_now(app)
        result = app.test_cli_runner().invoke(args=["send-webhooks"])
        assert "delivered: 1" in result.output
        # Delivered: running the command again, or the job again, sends nothing more.
        assert "Nothing to send." in app.test_cli_runner().invoke(args=["send-webhooks"]).output
        with app.app_context():
            [done] = deliveries()
            assert (done.state, done.attempts, done.last_status) == ("delivered", 3, 204)
            assert deliver(done.id) == "delivered"

    assert len(receiver.requests) == 3
    assert receiver.bad_signatures == 0 and receiver.repeats == 0
    # Every try carried the same body and id, each signed afresh.
    assert len({request["body"] for request in receiver.requests}) == 1
    assert all(request["content_type"].startswith("application/json") for request in receiver.requests)
    [event] = receiver.kept.values()
    assert event["event"] == "response.submitted"
    assert event["id"] == done.delivery_id
    assert event["consultation"] == {"slug": "bus-routes", "title": "Bus routes"}
    assert event["response"]["channel"] == "paper" and event["response"]["language"] == "en"
    assert BUS_QUESTION in [answer["question"] for answer in event["response"]["answers"]]


def test_workers_racing_deliver_once(app):
    with Receiver() as receiver:
        with app.test_request_context():
            consultation_id = make_consultation()
            _hook_id, receiver.secret = add_hook(consultation_id, receiver.url)
            for number in range(3):
                submit_response(consultation_id, key=f"{number}" * 43)
        states = []

        def worker():
            with app.app_context():
                states.extend(deliver_due().keys())

        threads = [threading.Thread(target=worker) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert len(receiver.requests) == 3 and len(receiver.kept) == 3
    assert receiver.repeats == 0 and receiver.bad_signatures == 0
    with app.app_context():
        assert {item.state for item in deliveries()} == {"delivered"}
        assert {item.attempts for item in deliveries()} == {1}


def test_it_gives_up_after_the_last_try_and_staff_can_send_it_again(app, signed_in):
    app.config["WEBHOOK_ATTEMPTS"] = 2
    with Receiver(fail_first=2) as receiver:
        with app.test_request_context():
            consultation_id = make_consultation()
            _hook_id, receiver.secret = add_hook(consultation_id, receiver.url)
            submit_response(consultation_id)
        for _ in range(2):
            _make_due_now(app)
            with app.app_context():
                deliver_due()
        with app.app_context():
            [failed] = deliveries()
            assert (failed.state, failed.attempts) == ("failed", 2)
        _make_due_now(app)
        with app.app_context():
            assert deliver_due() == {}  # given up: cron leaves it alone

        editor = signed_in("editor")
        page = editor.get(f"/staff/consultations/{consultation_id}/webhooks")
        assert "Not delivered" in page.text() and "HTTP 500" in page.text()
        again = [form for form in page.soup.select("form") if form["action"].endswith("/again")]
        assert len(again) == 1
        page = editor.post(again[0]["action"], editor._current_values(again[0]))
        assert page.status == 200 and "It will be sent again." in page.text()
        with app.app_context():
            [done] = deliveries()
            assert done.state == "delivered", (done.attempts, done.last_error, done.last_status)  # (jobs run at once)
    assert len(receiver.kept) == 1 and receiver.repeats == 0


def test_a_wrong_secret_or_an_old_time_is_refused_by_the_receiver():
    body = b'{"event":"response.submitted","id":"x"}'
    now = time.time()
    header = signing.header_value("whsec_right", body, timestamp=int(now))
    assert signing.verify("whsec_right", header, body, now=now)
    assert not signing.verify("whsec_wrong", header, body, now=now)
    assert not signing.verify("whsec_right", header, body + b" ", now=now)
    # A recorded delivery played again ten minutes later: too old.
    assert not signing.verify("whsec_right", header, body, now=now + 600)
    assert not signing.verify("whsec_right", None, body, now=now)
    assert not signing.verify("whsec_right", "t=abc,v1=00", body, now=now)


def _payloads(app) -> list[dict]:
    with app.app_context():
        return [json.loads(item.body) for item in deliveries()]


def test_an_anonymous_consultation_sends_no_personal_details_and_only_the_date(app):
    with app.test_request_context():
        consultation_id = make_consultation(anonymous=True)
        add_hook(consultation_id, "https://receiver.example.org/hook")
        submit_response(consultation_id)
    [payload] = _payloads(app)
    response = payload["response"]
    questions = [answer["question"] for answer in response["answers"]]
    assert BUS_QUESTION in questions and EMAIL_QUESTION not in questions
    assert "@" not in json.dumps(payload)
    assert len(response["submitted"]) == 10  # "2026-12-08": a date, no time


def test_a_named_consultation_sends_every_answer_and_the_time(app):
    with app.test_request_context():
        consultation_id = make_consultation(anonymous=False)
        add_hook(consultation_id, "https://receiver.example.org/hook")
        submit_response(consultation_id)
    [payload] = _payloads(app)
    response = payload["response"]
    assert EMAIL_QUESTION in [answer["question"] for answer in response["answers"]]
    assert "T" in response["submitted"] and response["reference"]
    assert set(payload) == {"event", "id", "timestamp", "consultation", "response"}


def test_publishing_and_closing_are_sent_and_a_rolled_back_one_is_not(app):
    with app.test_request_context():
        consultation_id = make_consultation(status="draft")
        add_hook(consultation_id, "https://receiver.example.org/hook")
        consultation = db.session.get(Consultation, consultation_id)
        build_services.publish(consultation)
        db.session.commit()
        build_services.close_early(db.session.get(Consultation, consultation_id))
        db.session.rollback()  # the closing failed: no event either
        build_services.close_early(db.session.get(Consultation, consultation_id))
        db.session.commit()
    events = [payload["event"] for payload in _payloads(app)]
    assert events == ["consultation.published", "consultation.closed"]
    ids = [payload["id"] for payload in _payloads(app)]
    assert len(set(ids)) == 2


def test_a_consultation_without_webhooks_records_nothing(app):
    with app.test_request_context():
        consultation_id = make_consultation()
        submit_response(consultation_id)
        assert deliveries() == []


def test_closing_from_the_builder_is_sent_after_the_commit(app, signed_in):
    app.config["JOBS_BACKEND"] = "threads"
    with Receiver() as receiver:
        with app.test_request_context():
            consultation_id = make_consultation()
            _hook_id, receiver.secret = add_hook(consultation_id, receiver.url)
        editor = signed_in("editor")
        confirm = editor.get(f"/staff/consultations/{consultation_id}/close")
        page = editor.submit(confirm)
        assert "Closed. People can no longer answer." in page.text()
        assert jobs.runner_of(app).wait_idle(30)
    [event] = receiver.kept.values()
    assert event["event"] == "consultation.closed" and event["consultation"]["slug"] == "bus-routes"
    assert "response" not in event
    assert receiver.bad_signatures == 0 and len(receiver.requests) == 1
    with app.app_context():
        [done] = deliveries()
        assert done.state == "delivered" and done.body == ""  # the answers are not kept once delivered
