"""What staff make of the answers: themes tagged on free-text answers, and outcomes ("you said, we did")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._time import utcnow
from consult.models.content import Picture, TextBlock


class Theme(db.Model):
    """A theme staff find in free-text answers, such as "Waiting times". Staff-only words, one language."""

    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("consultation_id", "name", name="uq_theme_consultation_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnswerTheme(db.Model):
    """One free-text answer tagged with one theme (an answer may carry several)."""

    __tablename__ = "answer_theme"

    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True, index=True)


class Outcome(db.Model):
    """"You said, we did": what we heard and what we will do, about a question or a theme (or the whole)."""

    __tablename__ = "outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="SET NULL"))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    heard_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    action_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("picture.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    heard: Mapped[TextBlock] = relationship(foreign_keys=[heard_id])
    action: Mapped[TextBlock] = relationship(foreign_keys=[action_id])
    picture: Mapped[Picture | None] = relationship()
