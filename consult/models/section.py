"""Sections: several questions shown together on one page ("About you", "Your address").

A section is a title (a TextBlock, so it is translated and has an easy-read version like every other
resident-facing text) that staff give to a run of consecutive questions. The questions stay the
consultation's questions, numbered and stored as before; a section only says which of them share a
page. Questions without a section keep one question per page, the default.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.content import TextBlock


class Section(db.Model):
    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))

    title: Mapped[TextBlock] = relationship()
    # "Only show this page if ...": at most one "ask" rule (consult.branching reads it for each question).
    rules: Mapped[list["BranchRule"]] = relationship(  # noqa: F821
        foreign_keys="BranchRule.section_id", back_populates="section", order_by="BranchRule.position",
        cascade="all, delete-orphan", passive_deletes=True,
    )
