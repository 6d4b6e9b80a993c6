"""Downloading every response as CSV or XLSX, and the small page that offers the downloads."""

from __future__ import annotations

import tempfile

from flask import Response as HttpResponse
from flask import abort, request, send_file, stream_with_context, url_for

from consult.auth.roles import READERS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.htmx import render
from consult.loading import consultation_by_slug_or_404, reader_texts
from consult.models import Response
from consult.models._time import utcnow
from consult.results import export_sql, exports
from consult.results.blueprint import bp
from consult.templating import current_language
from consult.times import to_local


def results_home(slug: str) -> str:
    """Where "Back" goes from these pages: the consultation's results dashboard."""
    return url_for("results.dashboard", slug=slug)


@bp.get("/<slug>/export")
@role_required(*READERS)
def exports_page(slug):
    consultation = consultation_by_slug_or_404(slug)
    count = db.session.scalar(db.select(db.func.count(Response.id)).where(Response.consultation_id == consultation.id))
    return render("results/export.html", consultation=consultation, t=reader_texts(consultation),
                  languages=consultation.offered_languages, responses=count or 0,
                  chosen=exports.export_language(consultation, None, current_language()),
                  back_url=results_home(slug))


@bp.get("/<slug>/export.<any(csv, xlsx):format>")
@role_required(*READERS)
def export(slug, format):  # noqa: A002  (the URL's own word)
    consultation = consultation_by_slug_or_404(slug)
    language = exports.export_language(consultation, request.args.get("language") or None, current_language())
    if language is None:
        abort(404)
    sheet = exports.prepare_sheet(consultation, language, current_language())
    name = exports.file_name(consultation.slug, language, format, to_local(utcnow()).date())
    if format == "csv":
        # A generator: rows are read and sent batch by batch, never the whole export at once.
        response = HttpResponse(stream_with_context(export_sql.csv_chunks(sheet)), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    # The workbook is written row by row into a file with no name on disk; send_file streams
    # it from there and closes (so deletes) it at the end.
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    try:
        exports.write_xlsx(sheet, handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return send_file(handle, mimetype=exports.XLSX_MIMETYPE, as_attachment=True, download_name=name)
