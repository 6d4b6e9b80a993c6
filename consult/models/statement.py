"""The organisation's own words for its public statements (accessibility, privacy), per language.

One row per statement and language, written by an admin. A statement with no row is shown with
Consult's built-in words (consult/statements/defaults_*.py), so a new site is never without one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow

STATEMENT_KINDS = ("accessibility", "privacy")


class StatementText(db.Model):
    __tablename__ = "statement_text"
    __table_args__ = (
        UniqueConstraint("kind", "language", name="uq_statement_text_kind_language"),
        CheckConstraint("kind IN ('accessibility', 'privacy')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16))
    # {section key: text as staff typed it}. Every section of the statement is present once saved;
    # an empty text (other languages than English) means "show the English words here".
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    # The date staff say they last checked the statement was true (the regulations ask for it).
    reviewed_on: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
