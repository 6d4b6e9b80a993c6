"""Branching rules as stored: what consult.branching reads (see there for what they mean).

A rule belongs to a question or to a section (several questions on one page): exactly one owner. A
section's rule can only be "ask" ("Only show this page if ..."); consult.branching reads it as a rule of
each of the section's questions.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.content import TextBlock
from consult.models.question import Option, Question
from consult.models.section import Section


class BranchRule(db.Model):
    __tablename__ = "branch_rule"
    __table_args__ = (
        CheckConstraint("action IN ('ask', 'skip', 'end', 'exit')", name="action"),
        CheckConstraint("match IN ('any', 'all')", name="match"),
        # A skip names where it goes; nothing else does.
        CheckConstraint("(action = 'skip') = (target_id IS NOT NULL)", name="skip_target"),
        # One owner: a question or a section; a section's rule only decides whether its page is shown.
        CheckConstraint("(question_id IS NULL) <> (section_id IS NULL)", name="one_owner"),
        CheckConstraint("section_id IS NULL OR action = 'ask'", name="section_ask"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    action: Mapped[str] = mapped_column(String(8))
    match: Mapped[str] = mapped_column(String(8), default="any")
    # skip: the later question to go to. Purging it takes the rule with it (never a silent "to the end").
    target_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    # exit: "You cannot take part because ...", translated and in easy read like any resident text.
    exit_text_id: Mapped[int | None] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))

    question: Mapped[Question | None] = relationship(foreign_keys=[question_id], back_populates="rules")
    section: Mapped[Section | None] = relationship(foreign_keys=[section_id], back_populates="rules")
    target: Mapped[Question | None] = relationship(foreign_keys=[target_id])
    exit_text: Mapped[TextBlock | None] = relationship()
    conditions: Mapped[list[BranchCondition]] = relationship(
        back_populates="rule", order_by="BranchCondition.position",
        cascade="all, delete-orphan", passive_deletes=True,
    )


class BranchCondition(db.Model):
    __tablename__ = "branch_condition"
    __table_args__ = (
        CheckConstraint("test IN ('chosen', 'not_chosen', 'more', 'less', 'between', 'answered', 'skipped')",
                        name="test"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("branch_rule.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    source_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    test: Mapped[str] = mapped_column(String(16))
    # Values to compare with, written the way the source's type reads them back
    # (QuestionType.threshold_text / read_threshold): "12", "12.5", "2026-03-27".
    low: Mapped[str | None] = mapped_column(String(40))
    high: Mapped[str | None] = mapped_column(String(40))

    rule: Mapped[BranchRule] = relationship(back_populates="conditions")
    source: Mapped[Question] = relationship(foreign_keys=[source_id])
    options: Mapped[list[Option]] = relationship(secondary="branch_condition_option", order_by="Option.position")


class BranchConditionOption(db.Model):
    """One answer a chosen / not chosen condition names."""

    __tablename__ = "branch_condition_option"

    condition_id: Mapped[int] = mapped_column(ForeignKey("branch_condition.id", ondelete="CASCADE"),
                                              primary_key=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("option.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
