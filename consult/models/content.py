"""Resident-facing text, per language and per register, and pictures with alt text.

Every text a resident reads (a title, a question, an option label, alt text) is a ``TextBlock``.
Its words live in ``TextVariant`` rows, one per language and register, so a translation or an
easy-read version is just another row, and the fallback rule lives in one place
(``consult.i18n.ContentCatalogue``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models._time import utcnow

STANDARD = "standard"
EASY = "easy"
REGISTERS = (STANDARD, EASY)


class TextBlock(db.Model):
    __tablename__ = "text_block"

    id: Mapped[int] = mapped_column(primary_key=True)
    variants: Mapped[list[TextVariant]] = relationship(
        back_populates="block", cascade="all, delete-orphan", passive_deletes=True
    )

    def set(self, language: str, body: str, register: str = STANDARD) -> TextVariant:
        """Create or replace the words for one language and register."""
        for variant in self.variants:
            if variant.language == language and variant.register == register:
                # Only a real change moves the time: translations compare against it ("needs checking").
                if variant.body != body:
                    variant.body = body
                    variant.updated_at = utcnow()
                return variant
        variant = TextVariant(language=language, register=register, body=body)
        self.variants.append(variant)
        return variant

    @classmethod
    def of(cls, body: str, language: str = "en", register: str = STANDARD) -> TextBlock:
        block = cls()
        block.set(language, body, register)
        return block


class TextVariant(db.Model):
    __tablename__ = "text_variant"
    __table_args__ = (
        UniqueConstraint("block_id", "language", "register", name="uq_text_variant_block_language_register"),
        CheckConstraint("register IN ('standard', 'easy')", name="register"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(16))
    register: Mapped[str] = mapped_column(String(16), default=STANDARD)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    block: Mapped[TextBlock] = relationship(back_populates="variants")


class Picture(db.Model):
    """A picture beside a question, option or outcome: a symbol from the library or an upload."""

    __tablename__ = "picture"
    __table_args__ = (CheckConstraint("kind IN ('symbol', 'upload')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(255))
    alt_id: Mapped[int] = mapped_column(ForeignKey("text_block.id", ondelete="RESTRICT"))
    attribution: Mapped[str | None] = mapped_column(String(255))

    alt: Mapped[TextBlock] = relationship()


def make_block(texts: dict[str, str] | str | None, language: str) -> TextBlock | None:
    """A text block from {"en": "...", "cy": "..."} or a plain string in ``language``."""
    if texts is None:
        return None
    if isinstance(texts, str):
        texts = {language: texts}
    block = TextBlock()
    for lang, body in texts.items():
        block.set(lang, body)
    db.session.add(block)
    return block
