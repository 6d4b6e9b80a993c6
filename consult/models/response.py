"""Drafts (answers in progress, kept on the server) and submitted responses.

A submitted response is normalised: one ``Answer`` row per answer, and one per chosen option, so
results are SQL aggregates.
"""

from __future__ import annotations

from datetime import date as calendar_date
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import text as sql_text  # "text" is also an answer's column
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._decimal import ExactDecimal
from consult.models._time import utcnow

CHANNELS = ("online", "paper", "phone", "event", "assisted")
_CHANNEL_CHECK = "channel IN ('online', 'paper', 'phone', 'event', 'assisted')"


class Draft(db.Model):
    """Answers in progress. The browser holds only the token; the answers stay here."""

    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("consultation_id", "code", name="uq_draft_consultation_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    # The secret in the resume link.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # A short code a person can type or read over the phone.
    code: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    register: Mapped[str] = mapped_column(String(16), default="standard")
    # {question id (as text): [raw values as typed]}; raw so nothing typed is ever lost.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"))
    # A draft made on a shared kiosk device: it is never resumable, and it is cleared when idle.
    kiosk_session_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk_session.id", ondelete="CASCADE"),
                                                         index=True)

    response: Mapped[Response | None] = relationship()


class Response(db.Model):
    __tablename__ = "response"
    __table_args__ = (
        CheckConstraint(_CHANNEL_CHECK, name="channel"),
        CheckConstraint("register IN ('standard', 'easy')", name="register"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    # What the resident is told: short, and easy to read aloud.
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    # NOT NULL UNIQUE: however often a draft is submitted, one response exists for it.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16), default="online")
    language: Mapped[str] = mapped_column(String(16))
    register: Mapped[str] = mapped_column(String(16), default="standard")
    started_at: Mapped[datetime]
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Paper, phone and in-person answers typed in by staff: who typed them, and who helped the person.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    helped_by: Mapped[str | None] = mapped_column(String(120))

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(db.Model):
    __tablename__ = "answer"
    __table_args__ = (
        CheckConstraint(
            "option_id IS NOT NULL OR text IS NOT NULL OR number IS NOT NULL OR amount IS NOT NULL"
            " OR date IS NOT NULL", name="has_value"
        ),
        # A question's answers, by option, with the response: counting them, and "who chose this answer"
        # (branching, the cross-tab), read from the index alone. With (question, option) only, PostgreSQL
        # fetched each row from the table to learn its response: at 100,000 responses this index took
        # the dashboard's SQL from 4.4 s to 2.4 s, and 1.6 s to 0.3 s for multiple choice's "answered".
        Index("ix_answer_question_option_response", "question_id", "option_id", "response_id"),
        # Whole-number answers in order, for the median without a sort (only rows that hold a number).
        Index("ix_answer_question_number", "question_id", "number", postgresql_where=sql_text("number IS NOT NULL"),
              sqlite_where=sql_text("number IS NOT NULL")),
        # A response's answers, and "did this response choose one of these options for that question?"
        # (the results' branching and cross-tab checks) as one index lookup each. It also serves the
        # foreign key. Without it, PostgreSQL before its first ANALYZE rescanned every matching answer
        # once per response: over 20 s for a cross-tab of 10,000 responses.
        Index("ix_answer_response_question_option", "response_id", "question_id", "option_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id", ondelete="CASCADE"))
    text: Mapped[str | None] = mapped_column(Text)
    number: Mapped[int | None]
    # A number with decimals or an amount of money (consult.questions.decimal, .money): exact, to 3 places.
    amount: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    # A calendar date (consult.questions.date): no time, no time zone.
    date: Mapped[calendar_date | None]
    # A grid's answers: the statement this row answers (its option_id is the point chosen on the scale).
    statement_option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id", ondelete="CASCADE"))

    response: Mapped[Response] = relationship(back_populates="answers")
