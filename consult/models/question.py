"""Questions and their answer options."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.content import Picture, TextBlock

# answer: an ordinary option; none: "None of these", which clears the others;
# prefer_not: "Prefer not to say"; dont_know: "Don't know" on a scale.
# Special options are rows like any other, so results count them with the same SQL.
OPTION_KINDS = ("answer", "none", "prefer_not", "dont_know")


class Question(db.Model):
    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    # A key in the question-type registry (consult.questions).
    kind: Mapped[str] = mapped_column(String(32))
    required: Mapped[bool] = mapped_column(default=True)
    # Settings that belong to the type: character limit, number range, and so on.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    hint_id: Mapped[int | None] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("picture.id", ondelete="SET NULL"))
    # Set when staff delete the question; cleared by Undo. Deleted questions are not asked.
    deleted_at: Mapped[datetime | None]

    consultation: Mapped["Consultation"] = relationship()  # noqa: F821
    prompt: Mapped[TextBlock] = relationship(foreign_keys=[prompt_id])
    hint: Mapped[TextBlock | None] = relationship(foreign_keys=[hint_id])
    picture: Mapped[Picture | None] = relationship()
    options: Mapped[list[Option]] = relationship(
        back_populates="question", order_by="Option.position",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    # "Only ask this if <an earlier question> is <one of these answers>": the answers, all
    # options of one earlier question. No rows: always asked.
    condition_options: Mapped[list[Option]] = relationship(
        secondary="question_condition", order_by="Option.position",
    )

    @property
    def type(self):
        from consult.questions import get_type

        return get_type(self.kind)

    def option_by_id(self, option_id: int) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)


class Option(db.Model):
    __tablename__ = "option"
    __table_args__ = (
        CheckConstraint("kind IN ('answer', 'none', 'prefer_not', 'dont_know')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default="answer")
    # A stable code for exports and for built-in scales ("agree_strongly", "yes").
    value: Mapped[str] = mapped_column(String(64))
    label_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("picture.id", ondelete="SET NULL"))

    question: Mapped[Question] = relationship(back_populates="options")
    label: Mapped[TextBlock] = relationship()
    picture: Mapped[Picture | None] = relationship()

    @property
    def is_exclusive(self) -> bool:
        """Choosing this option rules out every other one."""
        return self.kind != "answer"


class QuestionCondition(db.Model):
    """One answer that makes a question be asked (see Question.condition_options)."""

    __tablename__ = "question_condition"

    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), primary_key=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("option.id", ondelete="CASCADE"), primary_key=True)
