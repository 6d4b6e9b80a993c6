"""The full results report as a PDF, for staff and boards (analysts and up)."""

from __future__ import annotations

from flask import abort

from consult.auth.roles import READERS
from consult.auth.sessions import role_required
from consult.loading import load_consultation
from consult.models.content import STANDARD
from consult.printing.rendering import serve_or_queue
from consult.results.blueprint import bp
from consult.results.printed import results_order


@bp.get("/<slug>/report/<language>.pdf")
@role_required(*READERS)
def report_pdf(slug, language):
    consultation = load_consultation(slug)
    if consultation is None or language not in consultation.offered_languages:
        abort(404)
    return serve_or_queue(results_order(consultation, language, STANDARD), public=False)
