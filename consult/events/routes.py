"""Events: the staff page that keeps a consultation's events, and the public .ics file of each.

Thin views: read the request, call a service, commit, then render or redirect.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, request, url_for

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.events import ics, present, services
from consult.events.forms import DeleteEventForm, EventForm
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.i18n import ContentCatalogue
from consult.loading import consultation_or_404, public_consultation_or_404, staff_texts
from consult.models._time import utcnow
from consult.templating import current_language
from consult.times import to_local
from consult.translating import gettext as _

bp = Blueprint("events", __name__)


@bp.app_template_global("upcoming_events")
def upcoming_events(consultation, language: str, register: str = "standard", limit: int | None = None):
    """The start pages and the poster: events not yet over, in the page's language."""
    return present.event_views(consultation, language, register, limit=limit, easy=register == "easy")


@bp.app_template_global("event_local_iso")
def event_local_iso(moment):
    return present.local_iso(moment)


def _details(form: EventForm) -> services.EventDetails:
    return services.EventDetails(kind=form.kind.data, day=form.day.data, starts=form.starts.data,
                                 ends=form.ends.data, place=form.place.data or "",
                                 description=form.description.data or "", access=form.chosen_access())


def _errors(form: EventForm) -> list[tuple[str, str]]:
    order = [form.kind, form.day, form.starts, form.ends, form.place, form.description]
    return [(field.errors[0], f"{field.id}-0" if field.type == "RadioField" else field.id)
            for field in order if field.errors]


def _page(consultation, form, status=200, editing=None):
    events = services.events_of(consultation.id)
    views = present.views_of(consultation, events, consultation.default_language)
    return render("events/staff.html", status=status, consultation=consultation, t=staff_texts(consultation),
                  form=form, errors=_errors(form), events=views, editing=editing, delete_form=DeleteEventForm())


@bp.route("/staff/consultations/<int:consultation_id>/events", methods=["GET", "POST"])
@role_required(*EDITORS)
def staff_events(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = EventForm()
    if not form.validate_on_submit():
        return _page(consultation, form, status=422 if request.method == "POST" else 200)
    event = services.add_event(consultation, _details(form))
    audit.record("event.added", "consultation", consultation.id, f"event {event.id}")
    db.session.commit()
    flash(_("The event was added."), "success")
    return redirect_to(url_for("events.staff_events", consultation_id=consultation.id))


def _event_or_404(consultation, event_id):
    event = services.event_of(consultation.id, event_id)
    if event is None:
        abort(404)
    return event


@bp.route("/staff/consultations/<int:consultation_id>/events/<int:event_id>", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit_event(consultation_id, event_id):
    consultation = consultation_or_404(consultation_id)
    event = _event_or_404(consultation, event_id)
    if request.method == "GET":
        texts = ContentCatalogue.load([event.place_id, event.description_id], language=consultation.default_language,
                                      default_language=consultation.default_language)
        place, description = texts(event.place_id), texts(event.description_id)
        starts, ends = to_local(event.starts_at), to_local(event.ends_at)
        data = {"kind": event.kind, "day": starts.date(), "starts": starts.time().replace(tzinfo=None),
                "ends": ends.time().replace(tzinfo=None), "place": place.text if place else "",
                "description": description.text if description else ""}
        data.update({flag: True for flag in event.access()})
        form = EventForm(data=data)
    else:
        form = EventForm()
    if not form.validate_on_submit():
        return render("events/edit.html", status=422 if request.method == "POST" else 200,
                      consultation=consultation, t=staff_texts(consultation), form=form, errors=_errors(form),
                      event=event)
    services.change_event(consultation, event, _details(form))
    audit.record("event.changed", "consultation", consultation.id, f"event {event.id}")
    db.session.commit()
    flash(_("The event was changed."), "success")
    return redirect_to(url_for("events.staff_events", consultation_id=consultation.id))


@bp.post("/staff/consultations/<int:consultation_id>/events/<int:event_id>/delete")
@role_required(*EDITORS)
def delete_event(consultation_id, event_id):
    consultation = consultation_or_404(consultation_id)
    event = _event_or_404(consultation, event_id)
    back = url_for("events.staff_events", consultation_id=consultation.id)
    if not DeleteEventForm().validate_on_submit():
        abort(400)
    if services.responses_at(event):
        # The answers taken there would lose where they came from.
        flash(_("Answers were taken at this event, so it cannot be deleted. You can change it instead."), "success")
        return redirect_to(back)
    services.delete_event(event)
    audit.record("event.deleted", "consultation", consultation.id, f"event {event_id}")
    db.session.commit()
    flash(_("The event was deleted."), "success")
    return redirect_to(back)


@bp.get("/c/<slug>/events/<int:event_id>.ics")
def calendar_file(slug, event_id):
    """One event for a calendar app, in the language the resident is reading."""
    consultation = public_consultation_or_404(slug)
    event = _event_or_404(consultation, event_id)
    language = current_language()
    texts = ContentCatalogue.load([consultation.title_id, event.place_id, event.description_id], language=language,
                                  default_language=consultation.default_language)
    title, place, description = texts(consultation.title_id), texts(event.place_id), texts(event.description_id)
    summary = f"{present.kind_name(event.kind)}: {title.text if title else consultation.slug}"
    access = present.access_words(event.access())
    details = [description.text] if description else []
    if access:
        details.append(_("Access: %(features)s", features=", ".join(access)))
    body = ics.calendar(
        uid=f"event-{event.id}-{consultation.slug}@consult", starts_at=event.starts_at, ends_at=event.ends_at,
        stamp=utcnow(), summary=summary, location=place.text if place else "", description="\n".join(details),
        url=present.public_start_url(consultation.slug),
    )
    response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{consultation.slug}-event-{event.id}.ics"'
    return response
