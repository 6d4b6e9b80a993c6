"""Who staff want to hear from: the share of each group among the people who use the service."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


class ReachTarget(db.Model):
    """The expected share (0 to 100 per cent) of people giving one answer to an "About you" question."""

    __tablename__ = "reach_target"
    __table_args__ = (
        UniqueConstraint("option_id", name="uq_reach_target_option"),
        CheckConstraint("expected_percent >= 0 AND expected_percent <= 100", name="expected_percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("option.id", ondelete="CASCADE"))
    expected_percent: Mapped[float] = mapped_column(Numeric(5, 2, asdecimal=False))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
