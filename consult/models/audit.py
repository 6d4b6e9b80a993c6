"""Who created, changed, published, closed or deleted what, and when. Never answer text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    # Kept as written at the time, so the log still reads right after an account is renamed or removed.
    staff_email: Mapped[str | None] = mapped_column(String(255))
    # A stable verb: "consultation.created", "question.deleted", "staff.deactivated" ...
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[int | None]
    # A short description for people reading the log: names and titles, never answers.
    detail: Mapped[str] = mapped_column(String(500), default="")
