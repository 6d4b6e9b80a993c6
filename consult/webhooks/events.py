"""What turns into a webhook: signals from the services that do the work, received here.

The receivers run inside the caller's transaction, so a delivery is recorded only if the response
(or the publishing, or the closing) is committed, and queued only after that commit
(consult/webhooks/delivery.py). A problem building a body is logged and never stops the action.

A response deleted by any road (staff deleting it, a request to delete one's answers) takes the
bodies of its undelivered deliveries with it, in the same flush: the answers must not outlive it
in the outbox. Deleting a consultation deletes its addresses and their deliveries (foreign keys).
"""

from __future__ import annotations

import logging

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from consult.extensions import db
from consult.models import Response
from consult.models.webhook import Webhook
from consult.webhooks import payloads
from consult.webhooks.delivery import forget_response_bodies, record

log = logging.getLogger(__name__)


def connect() -> None:
    """Connect once per process (blinker keeps one connection per function, so calling again is harmless)."""
    from consult.build.services import consultation_closed, consultation_published
    from consult.respond.services import response_stored

    response_stored.connect(on_response_stored)
    consultation_published.connect(on_consultation_published)
    consultation_closed.connect(on_consultation_closed)


def hooks_of(consultation_id: int) -> list[Webhook]:
    return list(db.session.scalars(select(Webhook).where(Webhook.consultation_id == consultation_id)
                                   .order_by(Webhook.id)))


def on_response_stored(_sender, *, consultation, response, questions, values, **_other) -> None:
    for hook in hooks_of(consultation.id):
        delivery_id = payloads.new_delivery_id()
        try:
            body = payloads.response_body(delivery_id, consultation, response, questions, values)
        except Exception:
            log.exception("webhook body for response %s could not be made", response.id)
            continue
        record(hook, event_name=payloads.RESPONSE_SUBMITTED, source=f"response:{response.id}",
               delivery_id=delivery_id, body=body)


def _consultation_event(event_name: str, consultation) -> None:
    for hook in hooks_of(consultation.id):
        delivery_id = payloads.new_delivery_id()
        try:
            body = payloads.consultation_body(event_name, delivery_id, consultation)
        except Exception:
            log.exception("webhook body for %s of consultation %s could not be made", event_name, consultation.id)
            continue
        # Publishing or closing again is a new event each time: the delivery id names it.
        record(hook, event_name=event_name, source=f"{event_name}:{delivery_id}", delivery_id=delivery_id, body=body)


def on_consultation_published(_sender, *, consultation) -> None:
    _consultation_event(payloads.CONSULTATION_PUBLISHED, consultation)


def on_consultation_closed(_sender, *, consultation) -> None:
    _consultation_event(payloads.CONSULTATION_CLOSED, consultation)


@event.listens_for(Session, "before_flush")
def _forget_deleted_responses(session: Session, _context, _instances) -> None:
    deleted = [item.id for item in session.deleted if isinstance(item, Response) and item.id is not None]
    if deleted:
        forget_response_bodies(response_ids=deleted)
