"""Tokens for the read API (consult/api/): who may read which consultations, and until when.

Only a hash of each token is kept: the token itself is shown once, when an admin makes it. A token
reads only the consultations it names, never changes anything, and stops working when it expires or
is revoked.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._time import utcnow

# reader: consultations, questions and protected aggregates. analyst: those and each response too.
API_ACCESS = ("reader", "analyst")


class ApiToken(db.Model):
    __tablename__ = "api_token"
    __table_args__ = (CheckConstraint("access IN ('reader', 'analyst')", name="access"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # What staff call it ("Council dashboard"), to tell tokens apart in the list.
    name: Mapped[str] = mapped_column(String(100))
    # SHA-256 of the token, hex. A token is 32 random bytes, so a plain hash is enough (no guessing
    # by dictionary), and lets a request find its token by one indexed lookup.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The token's first characters, shown in the list so staff can match a token they hold.
    prefix: Mapped[str] = mapped_column(String(16))
    access: Mapped[str] = mapped_column(String(16), default="reader")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    consultations: Mapped[list["Consultation"]] = relationship(  # noqa: F821
        secondary="api_token_consultation", order_by="Consultation.id")

    def usable(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and (now or utcnow()) < self.expires_at


class ApiTokenConsultation(db.Model):
    """One consultation a token may read."""

    __tablename__ = "api_token_consultation"

    token_id: Mapped[int] = mapped_column(ForeignKey("api_token.id", ondelete="CASCADE"), primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"),
                                                 primary_key=True, index=True)
