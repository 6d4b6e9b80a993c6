"""Results counted ahead: how many responses, and how many of each answer, kept up to date as responses
arrive and go (consult/results/counts.py keeps them and reads them).

A consultation of a million responses has over twenty million answer rows; counting them again for
every dashboard, PDF and public page took over 8 s on PostgreSQL. These tables hold the same numbers
already added up: a few hundred rows per consultation whatever the number of responses.

Each row belongs to a ``segment``: 0 for everyone, or an option's id for the people who chose that
answer (the dashboard's cross-tab, "people who answered Yes to question 1"), kept only for the answers
staff have looked at that way.
"""

from __future__ import annotations

from datetime import date as calendar_date
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._decimal import ExactDecimal
from consult.models._time import utcnow


class CountState(db.Model):
    """Whether a consultation's counts for one segment can be trusted: they were built for the
    questions, answers and branching that ``plan`` fingerprints. When staff change those, the counts
    wait to be built again (meanwhile results are counted from the answers)."""

    __tablename__ = "count_state"

    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"),
                                                 primary_key=True)
    segment: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    plan: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResponseCount(db.Model):
    """Responses by the UTC hour they came in (hours since 1970) and by channel, language and register."""

    __tablename__ = "response_count"
    __table_args__ = (
        UniqueConstraint("consultation_id", "segment", "hour", "channel", "language", "register",
                         name="uq_response_count_group"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    segment: Mapped[int] = mapped_column(default=0)
    hour: Mapped[int]
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    register: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(default=0)


class AnswerCount(db.Model):
    """For one question: how many people were asked it, how many answered it, and how many answer rows
    hold each value (an option, a grid's statement and point, a ranking's item and place, a number, an
    amount or a date; a written answer counts with no value). ``key`` names the row ("asked",
    "answered", "v:<option>:<statement>:<number>:<amount>:<date>"), so the same value is one row on
    both databases (a UNIQUE over the nullable value columns would let NULLs repeat)."""

    __tablename__ = "answer_count"
    __table_args__ = (
        UniqueConstraint("question_id", "segment", "key", name="uq_answer_count_key"),
        Index("ix_answer_count_consultation_segment", "consultation_id", "segment"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    segment: Mapped[int] = mapped_column(default=0)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(120))
    option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id", ondelete="CASCADE"))
    statement_option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id", ondelete="CASCADE"))
    number: Mapped[int | None]
    amount: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    date: Mapped[calendar_date | None]
    count: Mapped[int] = mapped_column(default=0)
