"""The full results report as a PDF, for staff and boards (analysts and up)."""

from __future__ import annotations

from flask import abort

from consult.auth.sessions import role_required
from consult.models.content import STANDARD
from consult.printing.results import results_pdf, results_pdf_name
from consult.printing.routes import pdf_response
from consult.respond.services import load_consultation
from consult.results.blueprint import bp

READERS = ("analyst", "editor")  # admins may do everything


@bp.get("/<slug>/report/<language>.pdf")
@role_required(*READERS)
def report_pdf(slug, language):
    consultation = load_consultation(slug)
    if consultation is None or language not in consultation.offered_languages:
        abort(404)
    pdf, stamp = results_pdf(consultation, language, STANDARD)
    return pdf_response(pdf, stamp, f"{results_pdf_name(consultation, language, STANDARD)}.pdf", public=False)
