"""Words staff add to the plain-language checker's list, with the plainer words to use instead."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


class PlainWord(db.Model):
    __tablename__ = "plain_word"
    __table_args__ = (UniqueConstraint("language", "word", name="uq_plain_word_language_word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(16))
    # Stored in lower case: the checker matches without regard to case.
    word: Mapped[str] = mapped_column(String(100))
    plain: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
