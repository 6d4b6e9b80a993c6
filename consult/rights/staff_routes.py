"""Staff deal with residents' requests to see or delete their answers: the list, and each request.

Editors (and admins): the people who keep contact details and answer residents. "See" gives the
response as PDF or CSV, made by the results export; "delete" deletes the response and its answers.
Both are audited by reference and date only.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, url_for

from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.i18n import ContentCatalogue
from consult.models import Consultation
from consult.models.rights import COPY, DELETE
from consult.rights import copies, services
from consult.templating import current_language
from consult.translating import gettext as _

bp = Blueprint("rights_requests", __name__, url_prefix="/staff/answer-requests")


def _request_or_404(key: str):
    found = services.find_rights_request(key)
    if found is None:
        abort(404)
    return found


def _consultations(requests) -> dict[int, Consultation]:
    ids = {r.consultation_id for r in requests if r.consultation_id is not None}
    return {c.id: c for c in db.session.scalars(db.select(Consultation).where(Consultation.id.in_(ids)))}


@bp.get("/")
@role_required(*EDITORS)
def listing():
    waiting, done = services.open_requests(), services.recently_done()
    consultations = _consultations([*waiting, *done])
    texts = ContentCatalogue.load([c.title_id for c in consultations.values()], language=current_language(),
                                  default_language="en")
    return render("rights/staff_list.html", waiting=waiting, done=done, consultations=consultations, t=texts,
                  reply_by=services.reply_by)


@bp.get("/<key>")
@role_required(*EDITORS)
def request_page(key):
    found = _request_or_404(key)
    consultations = _consultations([found])
    consultation = consultations.get(found.consultation_id)
    texts = ContentCatalogue.load([consultation.title_id] if consultation else [], language=current_language(),
                                  default_language="en")
    return render("rights/staff_request.html", item=found, consultation=consultation, t=texts,
                  response=services.answers_of(found), reply_by=services.reply_by(found), form=ConfirmForm(),
                  COPY=COPY, DELETE=DELETE)


@bp.get("/<key>/copy.<any(pdf, csv):format>")
@role_required(*EDITORS)
def copy(key, format):  # noqa: A002  (the URL's own word)
    found = _request_or_404(key)
    response = services.answers_of(found)
    if found.kind != COPY or response is None:
        abort(404)
    name = f"answers-{response.reference}.{format}"
    if format == "csv":
        http = Response(copies.copy_csv(response, found.language), mimetype="text/csv")
        disposition = "attachment"
    else:
        http = Response(copies.copy_pdf(response, found.language), mimetype="application/pdf")
        disposition = "inline"
    http.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
    services.record_copy_made(found, format)
    db.session.commit()
    # One person's answers: never kept by the browser or anything between.
    http.headers["Cache-Control"] = "private, no-store"
    return http


@bp.post("/<key>/done")
@role_required(*EDITORS)
def done(key):
    found = _request_or_404(key)
    # A copy sent; or a deletion asked for answers that are not there (the person is told so).
    if ConfirmForm().validate_on_submit() and (found.kind == COPY or services.answers_of(found) is None):
        if services.mark_done(found):
            db.session.commit()
            flash(_("Request %(reference)s marked as done.", reference=found.reference), "success")
    return redirect_to(url_for("rights_requests.listing"))


@bp.post("/<key>/delete")
@role_required(*EDITORS)
def delete(key):
    found = _request_or_404(key)
    if ConfirmForm().validate_on_submit() and found.kind == DELETE and services.delete_answers(found):
        db.session.commit()
        flash(_("The answers with reference %(reference)s have been deleted, and the request marked as done. "
                "Tell the person it is done.", reference=found.reference), "success")
    return redirect_to(url_for("rights_requests.listing"))
