"""The full results report as a PDF, for staff and boards (analysts and up)."""

from __future__ import annotations

from flask import abort

from consult.auth.roles import READERS
from consult.auth.sessions import role_required
from consult.loading import load_consultation
from consult.models.content import STANDARD
from consult.printing.pdf import pdf_response
from consult.results.blueprint import bp
from consult.results.printed import results_pdf, results_pdf_name


@bp.get("/<slug>/report/<language>.pdf")
@role_required(*READERS)
def report_pdf(slug, language):
    consultation = load_consultation(slug)
    if consultation is None or language not in consultation.offered_languages:
        abort(404)
    pdf, stamp = results_pdf(consultation, language, STANDARD)
    return pdf_response(pdf, stamp, f"{results_pdf_name(consultation, language, STANDARD)}.pdf", public=False)
