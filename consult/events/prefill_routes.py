"""Pre-filled fields: the staff page that declares them (with each value's link to copy), and the hook
that keeps the values from the address a resident first arrives by. Views on the events blueprint."""

from __future__ import annotations

from flask import abort, flash, request, session, url_for

from consult import audit
from consult.addresses import public_url
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.events import prefill
from consult.events.forms import DeleteEventForm, PrefillFieldForm
from consult.events.routes import bp
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.loading import consultation_or_404, load_consultation, staff_texts
from consult.translating import gettext as _


@bp.before_app_request
def remember_prefilled_values():
    """``/c/<slug>?ward=north``: keep the declared values (silently dropping the rest) for the draft."""
    if request.endpoint != "respond.start" or request.method != "GET" or not request.args:
        return None
    consultation = load_consultation((request.view_args or {}).get("slug", ""))
    if consultation is not None:
        prefill.remember_from_link(session, consultation.id, request.args)
    return None


def _links(consultation, fields) -> dict[int, str | None]:
    """{value id: the start page's public address with the value}; None without a public address."""
    return {value.id: public_url("respond.start", slug=consultation.slug, **{field.name: value.value})
            for field in fields for value in field.values}


def _page(consultation, form, status=200):
    fields = prefill.fields_of(consultation.id)
    errors = [(field.errors[0], field.id) for field in (form.name, form.label, form.values) if field.errors]
    return render("events/prefill.html", status=status, consultation=consultation, t=staff_texts(consultation),
                  form=form, errors=errors, fields=fields, links=_links(consultation, fields),
                  delete_form=DeleteEventForm())


@bp.route("/staff/consultations/<int:consultation_id>/link-fields", methods=["GET", "POST"])
@role_required(*EDITORS)
def prefill_fields(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = PrefillFieldForm()
    if not form.validate_on_submit():
        return _page(consultation, form, status=422 if request.method == "POST" else 200)
    if prefill.name_taken(consultation.id, form.name.data):
        form.name.errors.append(_("This consultation already has a field with that name"))
        return _page(consultation, form, status=422)
    field = prefill.add_field(consultation.id, form.name.data, form.label.data.strip(), form.parsed_values)
    audit.record("prefill.added", "consultation", consultation.id, f"field {field.name}")
    db.session.commit()
    flash(_("The field was added. Copy the links below for your QR codes."), "success")
    return redirect_to(url_for("events.prefill_fields", consultation_id=consultation.id))


@bp.post("/staff/consultations/<int:consultation_id>/link-fields/<int:field_id>/delete")
@role_required(*EDITORS)
def delete_prefill_field(consultation_id, field_id):
    consultation = consultation_or_404(consultation_id)
    field = prefill.field_of(consultation.id, field_id)
    if field is None:
        abort(404)
    if not DeleteEventForm().validate_on_submit():
        abort(400)
    name = field.name
    prefill.delete_field(field)
    audit.record("prefill.deleted", "consultation", consultation.id, f"field {name}")
    db.session.commit()
    flash(_("The field was deleted, with what responses recorded for it."), "success")
    return redirect_to(url_for("events.prefill_fields", consultation_id=consultation.id))
