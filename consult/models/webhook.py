"""Webhooks: addresses staff give per consultation, and every delivery to them (consult/webhooks)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._time import utcnow

DELIVERY_STATES = ("waiting", "sending", "delivered", "failed")


class Webhook(db.Model):
    """An HTTPS address that is sent signed JSON when something happens to one consultation.

    ``secret`` signs each delivery (HMAC-SHA256); it must be kept readable to sign with, so it is
    shown to staff once, when the address is added, for them to copy into the receiver.
    """

    __tablename__ = "webhook"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The closing time whose "consultation.closed" event this address has been given when the
    # consultation closed by itself on its date (consult/webhooks/closing.py): never given twice.
    closed_sent_for: Mapped[datetime | None] = mapped_column()

    deliveries: Mapped[list[WebhookDelivery]] = relationship(
        back_populates="webhook", cascade="all, delete-orphan", passive_deletes=True)


class WebhookDelivery(db.Model):
    """One event for one address, recorded (with its exact body) before the first try.

    ``delivery_id`` goes in the payload as ``id``: the receiver's idempotency key. ``source`` names
    what caused it ("response.submitted:42"); unique per address, so the same response is never
    queued twice to the same place.
    """

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        CheckConstraint(f"state IN {DELIVERY_STATES}", name="state"),
        UniqueConstraint("webhook_id", "source"),  # one delivery per cause and address
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhook.id", ondelete="CASCADE"), index=True)
    delivery_id: Mapped[str] = mapped_column(String(40), unique=True)
    event: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="waiting", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column()
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column()

    webhook: Mapped[Webhook] = relationship(back_populates="deliveries")
