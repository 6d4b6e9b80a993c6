"""How documents appear: links residents see ("Our plan (PDF, 1.2 MB)"), and warnings staff see."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import url_for
from flask_babel import format_decimal

from consult.documents.checks import DOCX, ODT, PDF, warning_messages
from consult.i18n import ContentCatalogue, Localised
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

KIND_NAMES = {PDF: _l("PDF"), DOCX: _l("Word document"), ODT: _l("OpenDocument text")}


def size_words(size: int) -> str:
    """A file size people can judge a download by: "340 KB", "1.2 MB" (in the interface's digits)."""
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(max(1, round(size / 1024))))
    return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))


def details(kind: str, size: int) -> str:
    """The type and size, as the link text ends: "PDF, 1.2 MB"."""
    return _("%(kind)s, %(size)s", kind=KIND_NAMES[kind], size=size_words(size))


@dataclass(frozen=True)
class Link:
    title: Localised | None
    href: str
    details: str


@dataclass(frozen=True)
class Warning:
    """Shaped like the builder's checklist warnings (consult/build/checklist.py), which its page lists."""

    where: str
    advice: list[str]
    fix: tuple[str, dict]


@dataclass(frozen=True)
class DocumentLinks:
    standard: Link
    easy: Link | None


def resident_links(consultation, language: str, register: str) -> list[DocumentLinks]:
    """The consultation's documents for its start page, with titles in the page's language (or the
    consultation's own, marked with its lang), each with its easy-read version if it has one."""
    from consult.documents.services import documents_of

    documents = documents_of(consultation.id)
    if not documents:
        return []
    texts = ContentCatalogue.load([document.title_id for document in documents], language,
                                  consultation.default_language, register)
    found = []
    for document in documents:
        title = texts(document.title_id)
        standard = Link(title, url_for("documents.file", slug=consultation.slug, name=document.ref),
                        details(document.kind, document.size))
        easy = None
        if document.easy_ref:
            easy = Link(title, url_for("documents.file", slug=consultation.slug, name=document.easy_ref),
                        details(document.easy_kind, document.easy_size))
        found.append(DocumentLinks(standard, easy))
    return found


def staff_warnings(document) -> list[str]:
    """What staff should fix about a document's PDFs, each message saying which file."""
    found = [str(_l("Document: %(problem)s", problem=message)) for message in warning_messages(document.pdf_warnings)]
    found += [str(_l("Easy-read version: %(problem)s", problem=message))
              for message in warning_messages(document.easy_pdf_warnings or "")]
    return found


def download_name(document, kind: str, easy: bool) -> str:
    """The file's name when saved: from its title in the consultation's own language, plain letters only."""
    variants = {variant.language: variant.body for variant in document.title.variants}
    title = next(iter(variants.values()), "document")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:60] or "document"
    return f"{stem}{'-easy-read' if easy else ''}.{kind}"


def checklist_warnings(consultation) -> list:
    """The builder's "worth another look" list: PDFs that screen readers will struggle with. Advice only."""
    from consult.documents.services import documents_of

    documents = documents_of(consultation.id)
    texts = ContentCatalogue.load([document.title_id for document in documents], consultation.default_language,
                                  consultation.default_language)
    fix = ("documents.index", {"consultation_id": consultation.id})
    found = []
    for document in documents:
        advice = staff_warnings(document)
        if advice:
            title = texts(document.title_id)
            found.append(Warning(title.text if title else document.ref, advice, fix))
    return found
