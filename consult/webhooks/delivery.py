"""Webhook deliveries, outbox style: recorded in the same transaction as the event that causes them,
sent by a background job after the commit, claimed by one worker at a time, retried with backoff.

States: ``waiting`` (due at ``next_attempt_at``) -> ``sending`` (one worker's conditional UPDATE
won the claim) -> ``delivered``; or back to ``waiting`` later after a failure; or ``failed`` after
``WEBHOOK_ATTEMPTS`` tries, until staff send it again. The same life as consult/messages/outbox.py,
for a different kind of row: a worker that dies while ``sending`` leaves a claim that goes stale after
``WEBHOOK_CLAIM_SECONDS``; a death between the receiver's 2xx and our commit can repeat a delivery,
with the same ``id`` in its body, which is why receivers drop ids they have seen. The claim and the
waits between tries are consult/outbox_claims.py, shared with the messages' outbox.

Every try checks the address afresh and connects to the address it checked (addresses.py,
sending.py). A body carries a resident's answers until it is delivered; when the answers go (the
response deleted, or the retention rule's time come), ``forget_bodies`` empties the bodies not yet
delivered, and a delivery without a body is never sent.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from consult import jobs, outbox_claims
from consult.extensions import db
from consult.models._time import utcnow
from consult.models.webhook import Webhook, WebhookDelivery
from consult.outbox_claims import retry_after
from consult.webhooks import sending, signing
from consult.webhooks.addresses import Refused, target_of
from consult.webhooks.payloads import RESPONSE_SUBMITTED

log = logging.getLogger(__name__)

# Why a delivery has no body: for the delivery log (like "HTTP 500", not translated).
FORGOTTEN = "not sent: the answers it carried were deleted"
# Deliveries recorded in a session's transaction, scheduled once it commits (dropped on rollback).
PENDING = "webhook_deliveries_to_schedule"


def record(webhook: Webhook, *, event_name: str, source: str, delivery_id: str, body: str) -> WebhookDelivery:
    """Add a delivery to the caller's transaction; its job is queued only if that commits."""
    delivery = WebhookDelivery(webhook_id=webhook.id, delivery_id=delivery_id, event=event_name, source=source,
                               body=body, state="waiting", attempts=0, next_attempt_at=utcnow())
    db.session.add(delivery)
    db.session.flush()
    db.session.info.setdefault(PENDING, []).append(delivery.id)
    return delivery


@event.listens_for(Session, "after_commit")
def _schedule_committed(session: Session) -> None:
    ids = session.info.pop(PENDING, None)
    if not ids:
        return
    # "eager" jobs would run inside this commit, where the session may not query: those wait for
    # ``send-webhooks`` (or ``deliver_due``) instead.
    if jobs.backend_of(current_app) == "eager":
        return
    for delivery_id in ids:
        schedule(delivery_id)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)


def schedule(delivery_id: int) -> None:
    jobs.enqueue("consult.webhooks.delivery.deliver", {"delivery_id": delivery_id}, kind="webhooks",
                 key=f"webhook:{delivery_id}")


def _claim_seconds() -> int:
    return current_app.config.get("WEBHOOK_CLAIM_SECONDS", 120)


def deliver(delivery_id: int) -> str:
    """Try one delivery; returns its state afterwards. Safe to call from any number of workers."""
    claimed = outbox_claims.claim(WebhookDelivery, delivery_id, utcnow(), _claim_seconds())
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        return "gone"
    if not claimed:
        return delivery.state
    if not delivery.body:
        # Its answers were deleted while it waited (or while another try was under way).
        delivery.state, delivery.claimed_at, delivery.last_error = "failed", None, FORGOTTEN
        db.session.commit()
        return delivery.state
    status, error = post(delivery.webhook.url, delivery.webhook.secret, delivery.body.encode())
    delivery.last_status, delivery.claimed_at = status, None
    if status is not None and 200 <= status < 300:
        delivery.state, delivery.delivered_at, delivery.last_error = "delivered", utcnow(), None
        delivery.body = ""  # residents' answers are not kept here once the receiver has them
    else:
        _failed(delivery, error or f"HTTP {status}")
    db.session.commit()
    return delivery.state


def _failed(delivery: WebhookDelivery, reason: str) -> None:
    delivery.last_error = reason[:300]
    if delivery.attempts >= current_app.config.get("WEBHOOK_ATTEMPTS", 8):
        delivery.state = "failed"
        log.warning("webhook delivery %s failed for good after %s tries", delivery.id, delivery.attempts)
        return
    delivery.state = "waiting"
    delivery.next_attempt_at = utcnow() + timedelta(seconds=retry_after(delivery.attempts))


def post(url: str, secret: str, body: bytes) -> tuple[int | None, str | None]:
    """POST the signed body, after checking the address afresh; (status, None) when the receiver
    answered 2xx, (status or None, reason) when not. A redirect is a failure."""
    try:
        target = target_of(url)
    except Refused as refusal:
        log.warning("webhook to a refused address: %s", refusal)
        return None, f"Refused: {refusal}"
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "Consult-Webhooks",
               signing.HEADER: signing.header_value(secret, body)}
    return sending.post(target, headers, body, current_app.config.get("WEBHOOK_TIMEOUT_SECONDS", 10))


def due_ids(now: datetime | None = None) -> list[int]:
    return outbox_claims.due_ids(WebhookDelivery, now or utcnow(), _claim_seconds())


def deliver_due() -> dict[str, int]:
    """Send everything due now, here (``flask --app consult send-webhooks``, from cron every minute)."""
    return outbox_claims.deliver_each(due_ids(), deliver)


def forget_bodies(*conditions) -> int:
    """Empty the bodies of the deliveries matching ``conditions`` that have not been delivered (a
    delivered one has none already), and give them up: the answers they carry are being deleted.
    The row stays in the log, with when it was recorded and why it was not sent. Returns how many."""
    result = db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.state != "delivered", WebhookDelivery.body != "", *conditions)
        .values(body="", state="failed", last_error=FORGOTTEN, claimed_at=None)
        .execution_options(synchronize_session="fetch"))
    return result.rowcount or 0


def try_again(delivery: WebhookDelivery) -> bool:
    """Staff send a failed delivery again (the same body and id, so a receiver can still drop a repeat).
    Not one whose body was forgotten: there is nothing left to send."""
    if delivery.state != "failed" or not delivery.body:
        return False
    delivery.state, delivery.attempts, delivery.next_attempt_at = "waiting", 0, utcnow()
    return True


def forget_consultation_bodies(consultation_id: int) -> int:
    """Every undelivered response body of a consultation (retention, consult/retention/copies.py)."""
    return forget_response_bodies(consultation_id=consultation_id)


def forget_response_bodies(*, response_ids=(), consultation_id: int | None = None) -> int:
    """``forget_bodies`` for the responses named, or for every response of a consultation."""
    if consultation_id is not None:
        hooks = select(Webhook.id).where(Webhook.consultation_id == consultation_id)
        return forget_bodies(WebhookDelivery.event == RESPONSE_SUBMITTED, WebhookDelivery.webhook_id.in_(hooks))
    sources = [f"response:{response_id}" for response_id in response_ids]
    return forget_bodies(WebhookDelivery.source.in_(sources)) if sources else 0
