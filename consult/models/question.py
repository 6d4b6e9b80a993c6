"""Questions and their answer options."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.content import Picture, TextBlock

# answer: an ordinary option; none: "None of these", which clears the others;
# prefer_not: "Prefer not to say"; dont_know: "Don't know" on a scale; statement: one row of a grid
# (consult.questions.grid), answered on the grid's scale: its "answer" options are the scale's points.
# Special options are rows like any other, so results count them with the same SQL.
OPTION_KINDS = ("answer", "none", "prefer_not", "dont_know", "statement")
# Kinds that rule out every other answer when chosen.
EXCLUSIVE_KINDS = ("none", "prefer_not", "dont_know")


# The question-type registry (consult.questions) installs its lookup here when it is imported, so a
# question can hand out its type without the models depending on the types (they depend on us).
_type_lookup: Callable[[str], Any] | None = None


def use_type_lookup(lookup: Callable[[str], Any]) -> None:
    global _type_lookup
    _type_lookup = lookup


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
    # What staff wrote to say when a required question is left empty ("Select how long you waited").
    # None: the type's own message (QuestionType.missing_message).
    missing_message_id: Mapped[int | None] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("picture.id", ondelete="SET NULL"))
    # The section whose page shows this question with its neighbours (consult.models.section); None:
    # a page of its own.
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"), index=True)
    # Set when staff delete the question; cleared by Undo. Deleted questions are not asked.
    deleted_at: Mapped[datetime | None]

    consultation: Mapped["Consultation"] = relationship()  # noqa: F821
    prompt: Mapped[TextBlock] = relationship(foreign_keys=[prompt_id])
    hint: Mapped[TextBlock | None] = relationship(foreign_keys=[hint_id])
    missing_message: Mapped[TextBlock | None] = relationship(foreign_keys=[missing_message_id])
    picture: Mapped[Picture | None] = relationship()
    section: Mapped["Section | None"] = relationship()  # noqa: F821
    options: Mapped[list[Option]] = relationship(
        back_populates="question", order_by="Option.position",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    # Branching: when it is asked, where it jumps to, when it ends the journey (consult.branching).
    rules: Mapped[list["BranchRule"]] = relationship(  # noqa: F821
        foreign_keys="BranchRule.question_id", back_populates="question", order_by="BranchRule.position",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    # Headed groups of answers (the census ethnic-group question's five). No rows: one plain list.
    option_groups: Mapped[list[OptionGroup]] = relationship(
        back_populates="question", order_by="OptionGroup.position",
        cascade="all, delete-orphan", passive_deletes=True,
    )

    @property
    def type(self):
        """This question's type (consult.questions), which decides how every channel treats it."""
        if _type_lookup is None:
            raise RuntimeError("import consult.questions before asking a question for its type")
        return _type_lookup(self.kind)

    def option_by_id(self, option_id: int) -> Option | None:
        return next((option for option in self.options if option.id == option_id), None)


class Option(db.Model):
    __tablename__ = "option"
    __table_args__ = (
        CheckConstraint("kind IN ('answer', 'none', 'prefer_not', 'dont_know', 'statement')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default="answer")
    # A stable code for exports and for built-in scales ("agree_strongly", "yes").
    value: Mapped[str] = mapped_column(String(64))
    label_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("picture.id", ondelete="SET NULL"))
    # "Other, please specify": choosing this answer asks for words in a box beside it.
    write_in: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The headed group the answer is shown under (see OptionGroup); None: not in a group.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("option_group.id", ondelete="SET NULL"), index=True)

    question: Mapped[Question] = relationship(back_populates="options")
    label: Mapped[TextBlock] = relationship()
    picture: Mapped[Picture | None] = relationship()
    group: Mapped[OptionGroup | None] = relationship(back_populates="options")

    @property
    def is_exclusive(self) -> bool:
        """Choosing this option rules out every other one."""
        return self.kind in EXCLUSIVE_KINDS


class OptionGroup(db.Model):
    """A heading over some of a question's answers ("White", "Mixed or Multiple ethnic groups").

    The heading is a TextBlock like any resident-facing text, so it is translated and has an easy-read
    version the same way. The answers stay the question's options; a group only says where they show.
    """

    __tablename__ = "option_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    heading_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))

    question: Mapped[Question] = relationship(back_populates="option_groups")
    heading: Mapped[TextBlock] = relationship()
    options: Mapped[list[Option]] = relationship(back_populates="group", order_by="Option.position")
