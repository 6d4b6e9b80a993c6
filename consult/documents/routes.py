"""The documents page in the builder (editors), and the files themselves for residents.

Uploads may be up to 20 MB, ten times the app's usual request limit (MAX_CONTENT_LENGTH, 2 MB). The
limit is raised for this page's upload addresses only, and only for a signed-in editor, before the
body is read (a URL preprocessor runs before the CSRF check parses the form).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, request, send_file, url_for
from flask_login import current_user

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import has_role, role_required
from consult.documents import DOCUMENTS, listing, services
from consult.documents.checks import MAX_BYTES, MEDIA_TYPES, DocumentRejected
from consult.documents.forms import AddDocumentForm, EasyReadVersionForm, RemoveForm
from consult.extensions import db
from consult.forms import form_error_list
from consult.htmx import redirect_to, render
from consult.loading import consultation_or_404, load_consultation, may_preview_unpublished, staff_texts
from consult.models import ConsultationDocument
from consult.models.consultation import DRAFT
from consult.storage import check_name, files
from consult.translating import gettext as _

bp = Blueprint("documents", __name__)

STAFF_PREFIX = "/staff/consultations/<int:consultation_id>/documents"
UPLOADS = {"documents.index", "documents.easy_read_version"}
# Room for the rest of the form (title, token) around the largest file we take.
FORM_ROOM = 256 * 1024


def max_bytes() -> int:
    return current_app.config.get("DOCUMENT_MAX_BYTES", MAX_BYTES)


@bp.url_value_preprocessor
def _larger_uploads(endpoint, _values):
    if (endpoint in UPLOADS and request.method == "POST" and current_user.is_authenticated
            and has_role(current_user, *EDITORS)):
        request.max_content_length = max_bytes() + FORM_ROOM


def _page(consultation, add_form=None, easy_form=None, easy_for=None, status=200):
    documents = services.documents_of(consultation.id)
    texts = staff_texts(consultation, more_ids=[document.title_id for document in documents])
    add_form = add_form or AddDocumentForm()
    errors = form_error_list(add_form) + (form_error_list(easy_form) if easy_form else [])
    return render("documents/index.html", status=status, consultation=consultation, t=texts,
                  documents=documents, add_form=add_form, easy_form=easy_form, easy_for=easy_for,
                  errors=errors, remove_form=RemoveForm(), max_megabytes="%g" % (max_bytes() / 1048576),
                  warnings=listing.staff_warnings, new_easy_form=EasyReadVersionForm,
                  document_details=listing.details)


@bp.route(STAFF_PREFIX, methods=["GET", "POST"])
@role_required(*EDITORS)
def index(consultation_id):
    consultation = consultation_or_404(consultation_id)
    if request.method == "GET":
        return _page(consultation)
    form = AddDocumentForm()
    if form.validate_on_submit():
        try:
            document = services.add_document(consultation, form.title.data.strip(), form.document.data.read(),
                                             max_bytes())
        except DocumentRejected as problem:
            form.document.errors = [str(problem)]
        else:
            audit.record("document.added", "consultation", consultation.id, document.ref)
            db.session.commit()
            flash(_("Document added."), "success")
            return redirect_to(url_for("documents.index", consultation_id=consultation.id))
    return _page(consultation, add_form=form, status=422)


def _document(consultation_id: int, document_id: int):
    consultation = consultation_or_404(consultation_id)
    document = services.document_or_none(consultation.id, document_id)
    if document is None:
        abort(404)
    return consultation, document


@bp.post(STAFF_PREFIX + "/<int:document_id>/easy-read")
@role_required(*EDITORS)
def easy_read_version(consultation_id, document_id):
    consultation, document = _document(consultation_id, document_id)
    form = EasyReadVersionForm(prefix=f"easy-{document.id}")
    if form.validate_on_submit():
        try:
            replaced = services.set_easy_read_version(document, form.document.data.read(), max_bytes())
        except DocumentRejected as problem:
            form.document.errors = [str(problem)]
        else:
            audit.record("document.easy_read_added", "consultation", consultation.id, document.ref)
            db.session.commit()
            services.delete_files(replaced)
            flash(_("Easy-read version added."), "success")
            return redirect_to(url_for("documents.index", consultation_id=consultation.id))
    return _page(consultation, easy_form=form, easy_for=document.id, status=422)


@bp.post(STAFF_PREFIX + "/<int:document_id>/easy-read/remove")
@role_required(*EDITORS)
def remove_easy_read_version(consultation_id, document_id):
    consultation, document = _document(consultation_id, document_id)
    if RemoveForm().validate_on_submit():
        removed = services.remove_easy_read_version(document)
        audit.record("document.easy_read_removed", "consultation", consultation.id, document.ref)
        db.session.commit()
        services.delete_files(removed)
        flash(_("Easy-read version removed."), "success")
    return redirect_to(url_for("documents.index", consultation_id=consultation.id))


@bp.post(STAFF_PREFIX + "/<int:document_id>/remove")
@role_required(*EDITORS)
def remove(consultation_id, document_id):
    consultation, document = _document(consultation_id, document_id)
    if RemoveForm().validate_on_submit():
        audit.record("document.removed", "consultation", consultation.id, document.ref)
        removed = services.remove_document(document)
        db.session.commit()
        services.delete_files(removed)
        flash(_("Document removed."), "success")
    return redirect_to(url_for("documents.index", consultation_id=consultation.id))


@bp.get("/c/<slug>/documents/<name>")
def file(slug, name):
    """A document, for anyone who may see the consultation (drafts: editors only)."""
    consultation = load_consultation(slug)
    if consultation is None or (consultation.status == DRAFT and not may_preview_unpublished()):
        abort(404)
    try:
        check_name(name)
    except ValueError:
        abort(404)
    document = db.session.query(ConsultationDocument).filter(
        ConsultationDocument.consultation_id == consultation.id,
        (ConsultationDocument.ref == name) | (ConsultationDocument.easy_ref == name)).one_or_none()
    data = files(DOCUMENTS).read(name) if document is not None else None
    if data is None:
        abort(404)
    kind = document.kind if name == document.ref else document.easy_kind
    response = send_file(_bytes(data), mimetype=MEDIA_TYPES[kind], as_attachment=True,
                         download_name=listing.download_name(document, kind, easy=name != document.ref))
    # Checked by content when uploaded; still, never let a browser guess another type or run anything.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.cache_control.private = consultation.status == DRAFT
    return response


@bp.app_template_global("consultation_documents")
def consultation_documents(view) -> list[listing.DocumentLinks]:
    """The start page's documents, in the page's language and register (a ConsultationView)."""
    return listing.resident_links(view.consultation, view.language, view.register)


def _bytes(data: bytes):
    import io

    return io.BytesIO(data)
