"""Adding and removing a consultation's documents. Services flush; their callers commit."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from consult.documents import DOCUMENTS
from consult.documents.checks import CheckedDocument, check_document
from consult.extensions import db
from consult.models import ConsultationDocument
from consult.models.content import TextBlock
from consult.storage import files


def documents_of(consultation_id: int) -> list[ConsultationDocument]:
    return list(db.session.scalars(
        select(ConsultationDocument).where(ConsultationDocument.consultation_id == consultation_id)
        .order_by(ConsultationDocument.position, ConsultationDocument.id)))


def document_or_none(consultation_id: int, document_id: int) -> ConsultationDocument | None:
    document = db.session.get(ConsultationDocument, document_id)
    return document if document is not None and document.consultation_id == consultation_id else None


def _store(data: bytes, checked: CheckedDocument) -> str:
    # A random name: the file's own name is never used, so it cannot lead anywhere or clash.
    ref = f"{secrets.token_urlsafe(24)}.{checked.kind}"
    files(DOCUMENTS).write(ref, data)
    return ref


def add_document(consultation, title: str, data: bytes, max_bytes: int) -> ConsultationDocument:
    """Check and keep a file. Raises DocumentRejected (a message for staff) before anything is kept."""
    checked = check_document(data, max_bytes)
    position = db.session.scalar(select(func.coalesce(func.max(ConsultationDocument.position), 0)).where(
        ConsultationDocument.consultation_id == consultation.id)) + 1
    title_block = TextBlock.of(title, consultation.default_language)
    db.session.add(title_block)
    document = ConsultationDocument(
        consultation_id=consultation.id, title=title_block, position=position, kind=checked.kind,
        ref=_store(data, checked), size=checked.size, pdf_warnings=" ".join(checked.pdf_warnings),
        easy_pdf_warnings="")
    db.session.add(document)
    db.session.flush()
    return document


# Replacing and removing return the names of files no row points to any more: the caller deletes them
# with ``delete_files`` after committing, so a failed commit never leaves a row without its file.

def set_easy_read_version(document: ConsultationDocument, data: bytes, max_bytes: int) -> list[str]:
    checked = check_document(data, max_bytes)
    old = document.easy_ref
    document.easy_ref, document.easy_kind, document.easy_size = _store(data, checked), checked.kind, checked.size
    document.easy_pdf_warnings = " ".join(checked.pdf_warnings)
    db.session.flush()
    return [old] if old else []


def remove_easy_read_version(document: ConsultationDocument) -> list[str]:
    old = document.easy_ref
    document.easy_ref = document.easy_kind = document.easy_size = None
    document.easy_pdf_warnings = ""
    db.session.flush()
    return [old] if old else []


def remove_document(document: ConsultationDocument) -> list[str]:
    refs = [ref for ref in (document.ref, document.easy_ref) if ref]
    title = document.title
    db.session.delete(document)
    db.session.flush()
    db.session.delete(title)
    return refs


def delete_files(refs: list[str]) -> None:
    store = files(DOCUMENTS)
    for ref in refs:
        store.delete(ref)
