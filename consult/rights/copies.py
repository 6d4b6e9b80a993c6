"""One response as a resident's copy of their answers: CSV or PDF.

Both are made from the results export (consult.results.exports): the same columns, the same words
for channels and versions, the same neutralised cells, for exactly one response. The PDF sets the
export's header row beside the response's row, one line per column, in the resident's language where
the consultation is offered in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import render_template
from flask_babel import force_locale, format_date, format_datetime

from consult.extensions import db
from consult.i18n import FORMAT_LOCALES, ContentCatalogue, text_direction
from consult.loading import load_consultation
from consult.models import Consultation, Response
from consult.models._time import utcnow
from consult.printing.pdf import render_pdf
from consult.results import exports
from consult.times import to_local
from consult.translating import gettext as _


@dataclass(frozen=True)
class CopyLine:
    label: str
    value: str
    answered: bool


@dataclass(frozen=True)
class ResponseCopy:
    """What the PDF template reads (pdf/layout.html needs language, direction and document_title)."""

    language: str
    direction: str
    document_title: str
    title: str  # the consultation's
    reference: str
    made_on: str
    lines: list[CopyLine]


def _consultation(response: Response) -> Consultation:
    # With its questions, options and conditions, as the export needs them.
    slug = db.session.get(Consultation, response.consultation_id).slug
    return load_consultation(slug)


def copy_language(consultation: Consultation, asked: str) -> str:
    """The resident's language when the consultation is offered in it, else the consultation's own."""
    return asked if asked in consultation.offered_languages else consultation.default_language


def copy_sheet(response: Response, language: str) -> tuple[Consultation, exports.ExportSheet]:
    consultation = _consultation(response)
    chosen = copy_language(consultation, language)
    return consultation, exports.prepare_sheet(consultation, chosen, chosen)


def copy_csv(response: Response, language: str) -> str:
    sheet = copy_sheet(response, language)[1]
    return "".join(exports.csv_chunks(sheet, only_response=response.id))


def _cell_words(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return format_datetime(value, "d MMMM yyyy, HH:mm")
    if isinstance(value, date):
        return format_date(value, "d MMMM yyyy")
    return str(value)


def copy_document(response: Response, language: str, today: date) -> ResponseCopy:
    consultation, sheet = copy_sheet(response, language)
    rows = [row for rows in exports.sheet_rows(sheet, only_response=response.id) for row in rows]
    headers, cells = rows[0], rows[1]
    with force_locale(FORMAT_LOCALES.get(sheet.language, sheet.language)):
        lines = []
        for header, cell in zip(headers, cells, strict=True):
            words = _cell_words(cell)
            lines.append(CopyLine(header, words if words is not None else _("Nothing recorded"), words is not None))
        title_text = ContentCatalogue.load([consultation.title_id], language=sheet.language,
                                           default_language=consultation.default_language)(consultation.title_id)
        return ResponseCopy(
            language=sheet.language, direction=text_direction(sheet.language),
            document_title=_("Your answers: %(reference)s", reference=response.reference),
            title=title_text.text if title_text else consultation.slug, reference=response.reference,
            made_on=format_date(today, "d MMMM yyyy"), lines=lines,
        )


def copy_pdf(response: Response, language: str) -> bytes:
    document = copy_document(response, language, to_local(utcnow()).date())
    with force_locale(FORMAT_LOCALES.get(document.language, document.language)):
        html = render_template("pdf/response_copy.html", doc=document)
    return render_pdf(html, language=document.language, title=document.document_title)
