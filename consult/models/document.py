"""Documents staff attach to a consultation (PDF, Word, OpenDocument), listed on its start page.

The bytes live in the file store's "documents" area (consult/storage.py) under random names; a row
keeps what the start page needs without reading the file: its type and size, and what the PDF
check found (consult/documents/checks.py). Each document may have an easy-read version, a second file.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._time import utcnow
from consult.models.content import TextBlock

_KINDS = "('pdf', 'docx', 'odt')"


class ConsultationDocument(db.Model):
    __tablename__ = "consultation_document"
    __table_args__ = (
        CheckConstraint(f"kind IN {_KINDS}", name="kind"),
        CheckConstraint(f"easy_kind IS NULL OR easy_kind IN {_KINDS}", name="easy_kind"),
        CheckConstraint("size >= 0", name="size"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    # The words of the link, per language like every resident-facing text (translated in the editor).
    title_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(8))
    ref: Mapped[str] = mapped_column(String(100), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    # What the PDF accessibility check found: space-separated codes ("untagged no-title no-language").
    pdf_warnings: Mapped[str] = mapped_column(String(100), default="")
    easy_kind: Mapped[str | None] = mapped_column(String(8))
    easy_ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    easy_size: Mapped[int | None] = mapped_column(Integer)
    easy_pdf_warnings: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    title: Mapped[TextBlock] = relationship()
