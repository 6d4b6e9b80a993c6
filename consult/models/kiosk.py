"""Kiosk sessions: one shared device in the room, answering one consultation, one person after another."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


class KioskSession(db.Model):
    __tablename__ = "kiosk_session"
    __table_args__ = (CheckConstraint("idle_seconds >= 30", name="idle_seconds_minimum"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    # The device's key to this kiosk (kept in its session cookie); only a hash would do as well, but the
    # row ends when staff end it, so a leaked token is worth nothing afterwards.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    language: Mapped[str | None] = mapped_column(String(16))
    # After this long without a touch, the device clears the half-finished answers and starts again.
    idle_seconds: Mapped[int] = mapped_column(default=180)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
