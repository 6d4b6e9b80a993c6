"""Webhook deliveries, outbox style: recorded in the same transaction as the event that causes them,
sent by a background job after the commit, claimed by one worker at a time, retried with backoff.

States: ``waiting`` (due at ``next_attempt_at``) -> ``sending`` (one worker's conditional UPDATE
won the claim) -> ``delivered``; or back to ``waiting`` later after a failure; or ``failed`` after
``WEBHOOK_ATTEMPTS`` tries, until staff send it again. The same life as consult/messages/outbox.py,
for a different kind of row: a worker that dies while ``sending`` leaves a claim that goes stale after
``WEBHOOK_CLAIM_SECONDS``; a death between the receiver's 2xx and our commit can repeat a delivery,
with the same ``id`` in its body, which is why receivers drop ids they have seen.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from consult import jobs
from consult.extensions import db
from consult.models._time import utcnow
from consult.models.webhook import Webhook, WebhookDelivery
from consult.webhooks import signing

log = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 30
LONGEST_WAIT_SECONDS = 3600
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


def _due_condition(now: datetime):
    stale = now - timedelta(seconds=current_app.config.get("WEBHOOK_CLAIM_SECONDS", 120))
    return (WebhookDelivery.next_attempt_at <= now) & or_(
        WebhookDelivery.state == "waiting",
        (WebhookDelivery.state == "sending") & (WebhookDelivery.claimed_at < stale))


def deliver(delivery_id: int) -> str:
    """Try one delivery; returns its state afterwards. Safe to call from any number of workers."""
    now = utcnow()
    claimed = db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, _due_condition(now))
        .values(state="sending", claimed_at=now, attempts=WebhookDelivery.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        return "gone"
    if not claimed:
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


def retry_after(attempts: int) -> int:
    """Seconds to wait after ``attempts`` failed tries: half a minute, doubling, at most an hour."""
    return min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_WAIT_SECONDS)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: the signed body goes to the address staff gave, nowhere else."""

    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, secret: str, body: bytes) -> tuple[int | None, str | None]:
    """POST the signed body; (status, None) when the receiver answered, (status or None, reason) if not."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "User-Agent": "Consult-Webhooks",
        signing.HEADER: signing.header_value(secret, body)})
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=current_app.config.get("WEBHOOK_TIMEOUT_SECONDS", 10)) as reply:
            return reply.status, None
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{error.__class__.__name__}: {reason}"


def due_ids(now: datetime | None = None) -> list[int]:
    return list(db.session.scalars(
        select(WebhookDelivery.id).where(_due_condition(now or utcnow()))
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)))


def deliver_due() -> dict[str, int]:
    """Send everything due now, here (``flask --app consult send-webhooks``, from cron every minute)."""
    counts: dict[str, int] = {}
    for delivery_id in due_ids():
        state = deliver(delivery_id)
        counts[state] = counts.get(state, 0) + 1
    return counts


def try_again(delivery: WebhookDelivery) -> bool:
    """Staff send a failed delivery again (the same body and id, so a receiver can still drop a repeat)."""
    if delivery.state != "failed":
        return False
    delivery.state, delivery.attempts, delivery.next_attempt_at = "waiting", 0, utcnow()
    return True
