"""The "consultation.closed" event when a consultation closes by itself, on its closing date.

Staff closing one early send the event at once (consult/webhooks/events.py). Reaching the closing
date is no action anyone takes, so ``send-webhooks`` (cron, every minute) looks for published
consultations whose closing time has passed without an early close, and gives each of their
addresses the event once: ``Webhook.closed_sent_for`` records the closing time it was given for,
claimed with a conditional UPDATE so two runs at once cannot both record it, and the delivery's
``source`` names that closing time (unique per address) as a second guard. Reopened with a new
date, a consultation closes again and is announced again. An address added after the closing time
was not there when it closed, and is not told.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import or_, select, update

from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.models.consultation import PUBLISHED
from consult.models.webhook import Webhook
from consult.webhooks import payloads
from consult.webhooks.delivery import record

log = logging.getLogger(__name__)


def _not_told(closes_at):
    return or_(Webhook.closed_sent_for.is_(None), Webhook.closed_sent_for != closes_at)


def record_natural_closes(now: datetime | None = None) -> int:
    """Record the closed event for every address due one; commits. Returns how many were recorded."""
    now = now or utcnow()
    due = db.session.execute(
        select(Webhook.id, Consultation.id, Consultation.closes_at).join(Consultation)
        .where(Consultation.status == PUBLISHED, Consultation.closed_at.is_(None), Consultation.closes_at <= now,
               Webhook.created_at <= Consultation.closes_at, _not_told(Consultation.closes_at))
        .order_by(Webhook.id)).all()
    recorded = 0
    for hook_id, consultation_id, closes_at in due:
        claimed = db.session.execute(
            update(Webhook).where(Webhook.id == hook_id, _not_told(closes_at))
            .values(closed_sent_for=closes_at).execution_options(synchronize_session=False)).rowcount
        if not claimed:
            continue  # another run has just told it
        hook, consultation = db.session.get(Webhook, hook_id), db.session.get(Consultation, consultation_id)
        delivery_id = payloads.new_delivery_id()
        try:
            body = payloads.consultation_body(payloads.CONSULTATION_CLOSED, delivery_id, consultation)
        except Exception:
            # Not marked as told either: the next run tries again, and the others go ahead now.
            log.exception("webhook body for the closing of consultation %s could not be made", consultation_id)
            db.session.rollback()
            continue
        record(hook, event_name=payloads.CONSULTATION_CLOSED,
               source=f"{payloads.CONSULTATION_CLOSED}:at:{closes_at.isoformat()}", delivery_id=delivery_id,
               body=body)
        db.session.commit()
        recorded += 1
    return recorded
