"""The builder's XLSForm pages: upload a KoboToolbox or ODK form, get a draft consultation and a report
of what could not come with it (consult.build.xlsform does the work); and download any consultation
as an XLSForm (consult.build.xlsform.writing)."""

from __future__ import annotations

from flask import make_response, request
from flask_babel import format_decimal
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.build.blueprint import bp
from consult.build.xlsform import MAX_BYTES, XLSFormError, import_xlsform
from consult.build.xlsform.writing import XLSX_TYPE, export_xlsform
from consult.extensions import db
from consult.htmx import render
from consult.loading import consultation_or_404, staff_texts
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l


class XLSFormUploadForm(FlaskForm):
    file = FileField(_l("XLSForm file (.xlsx)"), validators=[FileRequired(_l("Choose an XLSForm file to upload"))])


def _most() -> str:
    return _("%(size)s MB", size=format_decimal(MAX_BYTES / (1024 * 1024)))


@bp.route("/import-xlsform", methods=["GET", "POST"])
@role_required(*EDITORS)
def import_xlsform_page():
    form = XLSFormUploadForm()
    if request.method == "GET":
        return render("build/xlsform_upload.html", form=form, most=_most())
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            form.file.errors.append(_("The file must be %(size)s or smaller", size=_most()))
        else:
            try:
                report = import_xlsform(data, file_name=upload.filename or "")
            except XLSFormError as error:
                db.session.rollback()
                form.file.errors.append(str(error))
            else:
                db.session.commit()
                # Shown straight away: the report lives only in this response (nothing in it is kept),
                # and the consultation it made is a draft that the builder's link opens.
                consultation = report.consultation
                return render("build/xlsform_report.html", report=report, consultation=consultation,
                              t=staff_texts(consultation))
    return render("build/xlsform_upload.html", status=422, form=form, most=_most())


@bp.get("/<int:consultation_id>/xlsform")
@role_required(*EDITORS)
def export_xlsform_file(consultation_id):
    consultation = consultation_or_404(consultation_id)
    response = make_response(export_xlsform(consultation))
    response.headers["Content-Type"] = XLSX_TYPE
    response.headers["Content-Disposition"] = f'attachment; filename="{consultation.slug}.xlsx"'
    return response
