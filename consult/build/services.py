"""Consultations as a whole: create, edit settings, publish, close, reopen, duplicate, delete."""

from __future__ import annotations

from datetime import datetime

from blinker import Namespace
from sqlalchemy import delete, func, select

from consult.extensions import db
from consult.models import Consultation, ConsultationLanguage, Draft, Response, TextBlock
from consult.models._time import utcnow
from consult.models.consultation import DRAFT, PUBLISHED
from consult.models.content import make_block

# Sent (with ``consultation``) inside the transaction that publishes or closes it early: the webhooks
# (consult/webhooks/events.py) record their deliveries in the same commit.
consultation_published = Namespace().signal("consultation-published")
consultation_closed = Namespace().signal("consultation-closed")


def set_text(block: TextBlock, language: str, body: str) -> None:
    block.set(language, body.strip())


def set_optional_text(owner, attribute: str, language: str, body: str) -> None:
    """Set an optional text (a hint, a contact line); blank removes it in that language."""
    block = getattr(owner, attribute)
    body = body.strip()
    if body:
        if block is None:
            block = TextBlock()
            db.session.add(block)
            setattr(owner, attribute, block)
        block.set(language, body)
        return
    if block is None:
        return
    for variant in list(block.variants):
        if variant.language == language:
            block.variants.remove(variant)
    if not block.variants:
        setattr(owner, attribute, None)
        db.session.delete(block)


def create_consultation(slug: str, *, title, summary, opens_at: datetime, closes_at: datetime,
                        language: str = "en", other_languages=(), purpose=None, organiser=None,
                        data_use=None, contact=None, contact_email=None, estimated_minutes: int = 5,
                        anonymous: bool = True, status: str = "draft") -> Consultation:
    consultation = Consultation(
        slug=slug, status=status, default_language=language, opens_at=opens_at, closes_at=closes_at,
        anonymous=anonymous, estimated_minutes=estimated_minutes, contact_email=contact_email,
        title=make_block(title, language), summary=make_block(summary, language),
        purpose=make_block(purpose, language), organiser=make_block(organiser, language),
        data_use=make_block(data_use, language), contact=make_block(contact, language),
    )
    consultation.languages = [ConsultationLanguage(language=lang) for lang in {language, *other_languages}]
    db.session.add(consultation)
    db.session.flush()
    return consultation


# -- settings and lifecycle -------------------------------------------------------------------

SETTINGS_TEXTS = ("title", "summary", "purpose", "organiser", "data_use", "contact")
REQUIRED_TEXTS = ("title", "summary")


def update_settings(consultation: Consultation, *, language: str, texts: dict[str, str], slug: str,
                    opens_at: datetime, closes_at: datetime, anonymous: bool, estimated_minutes: int,
                    contact_email: str | None, postal_address: str | None = None,
                    freepost: str | None = None, contact_phone: str | None = None) -> None:
    for name in SETTINGS_TEXTS:
        body = texts.get(name, "")
        if name in REQUIRED_TEXTS:
            set_text(getattr(consultation, name), language, body)
        else:
            set_optional_text(consultation, name, language, body)
    consultation.slug = slug
    consultation.opens_at = opens_at
    consultation.closes_at = closes_at
    consultation.anonymous = anonymous
    consultation.estimated_minutes = estimated_minutes
    consultation.contact_email = contact_email or None
    # One line of the address a line, without blank lines or stray spaces.
    lines = [line.strip() for line in (postal_address or "").splitlines() if line.strip()]
    consultation.postal_address = "\n".join(lines) or None
    consultation.freepost = (freepost or "").strip() or None
    consultation.contact_phone = (contact_phone or "").strip() or None


def slug_taken(slug: str, except_id: int | None = None) -> bool:
    query = select(Consultation.id).where(Consultation.slug == slug)
    if except_id is not None:
        query = query.where(Consultation.id != except_id)
    return db.session.execute(query).first() is not None


def unique_slug(base: str) -> str:
    slug, number = base, 2
    while slug_taken(slug):
        slug = f"{base}-{number}"
        number += 1
    return slug


def response_counts() -> dict[int, int]:
    rows = db.session.execute(select(Response.consultation_id, func.count()).group_by(Response.consultation_id))
    return dict(rows.all())


def has_responses(consultation: Consultation) -> bool:
    return db.session.execute(
        select(Response.id).where(Response.consultation_id == consultation.id).limit(1)
    ).first() is not None


def publish(consultation: Consultation) -> None:
    """Publish; it opens on its opening date. Deleted questions can no longer be brought back."""
    from consult.build.questions import purge_deleted_questions

    purge_deleted_questions(consultation)
    consultation.status = PUBLISHED
    consultation.closed_at = None
    consultation_published.send(consultation=consultation)


def unpublish(consultation: Consultation) -> None:
    consultation.status = DRAFT


def drafts_part_way(consultation: Consultation) -> int:
    """How many residents have started answering and not sent it yet (drafts that have not expired)."""
    return db.session.scalar(
        select(func.count()).select_from(Draft).where(
            Draft.consultation_id == consultation.id, Draft.response_id.is_(None), Draft.expires_at > utcnow())
    ) or 0


def close_early(consultation: Consultation) -> None:
    consultation.closed_at = utcnow()
    consultation_closed.send(consultation=consultation)


def reopen(consultation: Consultation, closes_at: datetime) -> None:
    consultation.closed_at = None
    consultation.closes_at = closes_at


def delete_consultation(consultation: Consultation) -> None:
    """Delete a draft and every text it owned. Consultations with responses are never deleted here."""
    from consult.build.questions import all_questions
    from consult.build.sections import delete_sections

    blocks = [block_id for block_id in consultation.text_block_ids()] + delete_sections(consultation)
    for question in all_questions(consultation):
        blocks += [question.prompt_id, question.hint_id, question.missing_message_id]
        blocks += [option.label_id for option in question.options]
        db.session.delete(question)
    db.session.delete(consultation)
    db.session.flush()
    db.session.execute(delete(TextBlock).where(TextBlock.id.in_([b for b in blocks if b is not None])))


def duplicate_consultation(original: Consultation, copy_title: str) -> Consultation:
    """A draft copy with every text, question, answer and branching rule; no responses."""
    from consult.build.questions import copy_questions

    def copy_block(block):
        if block is None:
            return None
        new = TextBlock()
        for variant in block.variants:
            new.set(variant.language, variant.body, variant.register)
        db.session.add(new)
        return new

    copy = Consultation(
        slug=unique_slug(f"{original.slug}-copy"), status=DRAFT, default_language=original.default_language,
        opens_at=original.opens_at, closes_at=original.closes_at, anonymous=original.anonymous,
        estimated_minutes=original.estimated_minutes, contact_email=original.contact_email,
        postal_address=original.postal_address, freepost=original.freepost, contact_phone=original.contact_phone,
        **{name: copy_block(getattr(original, name)) for name in SETTINGS_TEXTS},
    )
    copy.title.set(original.default_language, copy_title)
    copy.languages = [ConsultationLanguage(language=lang.language) for lang in original.languages]
    db.session.add(copy)
    db.session.flush()
    copy_questions(original, copy, copy_block)
    return copy
