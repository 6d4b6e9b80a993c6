"""Messages to send (email, text message, letter), recorded before they are sent: consult/messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow

MESSAGE_CHANNELS = ("email", "sms", "letter")
MESSAGE_STATES = ("waiting", "sending", "sent", "failed", "stopped")


class OutgoingMessage(db.Model):
    """One message, from the moment something decides to send it until it is sent or given up.

    The row is written (and committed) before any attempt, so a crash loses nothing: a message left
    "sending" by a worker that died is tried again once its claim is old (consult/messages/outbox.py).
    ``key`` names the message for its whole life (the same key is never queued twice) and goes with
    it to the transport (the email's Message-ID, Notify's reference), so a receiver can tell a
    repeat. Once sent, the address, the words and any attachment are deleted: only what staff need
    to see that it went (purpose, channel, a masked address, when) stays.
    """

    __tablename__ = "outgoing_message"
    __table_args__ = (
        CheckConstraint(f"channel IN {MESSAGE_CHANNELS}", name="channel"),
        CheckConstraint(f"state IN {MESSAGE_STATES}", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    # What it is for ("test", "confirmation", "resume", "hear_back", ...): staff read it on the outbox page.
    purpose: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(8))
    consultation_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation.id", ondelete="SET NULL"), index=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    # Personal data: cleared once sent (or stopped).
    recipient: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(200))
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Kept for staff after the recipient is cleared: "j•••@example.org", "•••• ••• 789".
    masked_recipient: Mapped[str] = mapped_column(String(80), default="")

    state: Mapped[str] = mapped_column(String(8), default="waiting", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(String(500))
    # The transport's name for it (Notify's notification id, the folder file's name).
    transport_reference: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column()
