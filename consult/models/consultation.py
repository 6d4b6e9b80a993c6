"""A consultation: its settings, its texts and the languages it is offered in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._time import utcnow
from consult.models.content import TextBlock

DRAFT = "draft"
PUBLISHED = "published"

# The text fields a resident reads, in the order the translation editor will list them.
TEXT_FIELDS = ("title", "summary", "purpose", "organiser", "data_use", "contact")


def _text_block_fk(nullable: bool = False):
    return mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"), nullable=nullable)


class Consultation(db.Model):
    __tablename__ = "consultation"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published')", name="status"),
        CheckConstraint("estimated_minutes > 0", name="estimated_minutes_positive"),
        CheckConstraint("small_group_threshold >= 1", name="small_group_threshold_positive"),
        CheckConstraint("retention_free_text_months BETWEEN 1 AND 120", name="retention_free_text_months_range"),
        CheckConstraint("retention_contact_months BETWEEN 1 AND 120", name="retention_contact_months_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    default_language: Mapped[str] = mapped_column(String(16), default="en")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    # Set when staff close a consultation before its closing date.
    closed_at: Mapped[datetime | None]
    anonymous: Mapped[bool] = mapped_column(default=True)
    estimated_minutes: Mapped[int] = mapped_column(default=5)
    contact_email: Mapped[str | None] = mapped_column(String(255))
    # Where paper questionnaires go back (one line of the address a line), and a Freepost line
    # ("Freepost RTKT-ABCD-EFGH") when the organisation pays the postage. Empty: the organisation's
    # default return address (consult/printing/return_address.py).
    postal_address: Mapped[str | None] = mapped_column(Text)
    freepost: Mapped[str | None] = mapped_column(String(200))
    # A number people can ring to answer by phone (staff fill in the answers): printed on posters.
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    # Results show "fewer than N" instead of the count for any group smaller than this, to protect people.
    small_group_threshold: Mapped[int] = mapped_column(default=5, server_default="5")
    # Data retention (consult/retention): months after closing before the words people wrote are removed,
    # and before contact details are deleted. Empty: the installation's default (config.py).
    retention_free_text_months: Mapped[int | None]
    retention_contact_months: Mapped[int | None]
    # "You said, we did": the public results page shows once staff publish it, after closing.
    results_published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Changes with anything a resident sees of it: servers keep one compiled copy per version
    # (consult/snapshots.py). Bumped in one place, consult/models/versioning.py; never set by hand.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    title_id: Mapped[int] = _text_block_fk()
    summary_id: Mapped[int] = _text_block_fk()
    purpose_id: Mapped[int | None] = _text_block_fk(nullable=True)
    organiser_id: Mapped[int | None] = _text_block_fk(nullable=True)
    data_use_id: Mapped[int | None] = _text_block_fk(nullable=True)
    contact_id: Mapped[int | None] = _text_block_fk(nullable=True)

    title: Mapped[TextBlock] = relationship(foreign_keys=[title_id])
    summary: Mapped[TextBlock] = relationship(foreign_keys=[summary_id])
    purpose: Mapped[TextBlock | None] = relationship(foreign_keys=[purpose_id])
    organiser: Mapped[TextBlock | None] = relationship(foreign_keys=[organiser_id])
    data_use: Mapped[TextBlock | None] = relationship(foreign_keys=[data_use_id])
    contact: Mapped[TextBlock | None] = relationship(foreign_keys=[contact_id])

    # The questions a resident sees: deleted ones wait (for Undo) outside this list. Read-only;
    # create a question with Question(consultation_id=...), then expire this attribute.
    questions: Mapped[list["Question"]] = relationship(  # noqa: F821
        primaryjoin="and_(Question.consultation_id == Consultation.id, Question.deleted_at.is_(None))",
        order_by="Question.position", viewonly=True,
    )
    languages: Mapped[list[ConsultationLanguage]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    def state(self, now: datetime | None = None) -> str:
        """draft, scheduled, open or closed: what a resident can do with it right now."""
        now = now or utcnow()
        if self.status == DRAFT:
            return "draft"
        if self.closed_at is not None or now >= self.closes_at:
            return "closed"
        if now < self.opens_at:
            return "scheduled"
        return "open"

    @property
    def offered_languages(self) -> list[str]:
        others = sorted(lang.language for lang in self.languages if lang.language != self.default_language)
        return [self.default_language, *others]

    def text_block_ids(self) -> list[int]:
        ids = [getattr(self, f"{name}_id") for name in TEXT_FIELDS]
        return [block_id for block_id in ids if block_id is not None]


class ConsultationLanguage(db.Model):
    """A language a consultation is offered in (besides, or including, its default)."""

    __tablename__ = "consultation_language"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(16), primary_key=True)
