"""Kiosk mode: staff start it, the device runs the consultation person after person, staff end it.

Thin views: read the request, call a service, commit, then render or redirect. The guard below runs
before every request on a kiosk device: it keeps the device on its consultation, applies the idle
rule on the server (so it holds without JavaScript too), and stops a kiosk that was ended elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, g, has_request_context, request, session, url_for
from flask_login import current_user, logout_user
from wtforms.fields.choices import SelectChoice

from consult.auth import attempts
from consult.auth import services as auth_services
from consult.auth.attempts import PASSWORD_LIMIT
from consult.auth.roles import KIOSK_RUNNERS
from consult.auth.sessions import role_required
from consult.events.kiosk import event_choices, run_kiosk_at
from consult.extensions import db, limiter
from consult.htmx import redirect_to, render
from consult.i18n import language_name
from consult.kiosk import device, services
from consult.kiosk.forms import EndKioskForm, StartKioskForm, StopKioskForm, idle_label
from consult.loading import consultation_or_404, staff_texts
from consult.translating import gettext as _

bp = Blueprint("kiosk", __name__)

# Staff at events are often not editors: anyone who may see the consultation's results may also run
# it in the room. A kiosk changes nothing about the consultation; it only takes answers from people
# who could answer it online anyway, and each one is recorded with the channel "event".

# What a kiosk device may show besides its own consultation's answering pages.
RESIDENT_PAGES = {"respond.start", "respond.begin", "respond.question", "respond.check", "respond.confirmation"}
# Saving to come back later would leave answers behind for the next person: these do not exist here.
RESUMING_PAGES = {"respond.saved", "respond.resume_link", "respond.resume_code"}
DEVICE_PAGES = {"kiosk.restart", "kiosk.still_here", "kiosk.end"}
ALWAYS = {"static", "pictures.upload", "main.accessibility", "main.privacy", "main.health"}
# Clear the browser's cache for this site (Chromium also drops its back-forward cache), so pages
# from before (the staff's, the last person's) cannot come back with Back.
CLEAR_CACHE = '"cache"'


# The device: a guard before every request, and what templates need -----------------------------


@bp.before_app_request
def guard_kiosk_device():
    if not device.has_kiosk_key() or request.endpoint == "static":
        return None
    kiosk = device.current()
    if kiosk is None:
        # Ended on another device (or its consultation was deleted): this device stops being a kiosk.
        device.leave_kiosk()
        return render("kiosk/stopped.html")
    consultation = services.consultation_of(kiosk)
    slug = consultation.slug
    endpoint = request.endpoint
    if endpoint in RESUMING_PAGES:
        abort(404)
    if endpoint in RESIDENT_PAGES and (request.view_args or {}).get("slug") == slug:
        return _apply_idle_rule(kiosk, slug)
    if endpoint == "kiosk.still_here":
        return _apply_idle_rule(kiosk, slug)
    if endpoint is None or endpoint in DEVICE_PAGES or endpoint in ALWAYS:
        return None
    # Anything else (staff pages, the sign-in page, other consultations, the home page): the start.
    return redirect_to(url_for("respond.start", slug=slug))


def _apply_idle_rule(kiosk, slug: str):
    """Delete a draft nobody has touched for too long; otherwise note that someone is here."""
    if request.endpoint == "respond.start" and request.method == "GET":
        g.kiosk_cleared = device.take_cleared_notice()
    if request.endpoint != "respond.confirmation":
        device.stop_thanking()
    token = device.draft_token(slug)
    if token is None:
        return None
    draft = services.kiosk_draft(kiosk, token)
    if draft is None or draft.response_id is not None:
        device.forget_person(kiosk)
        return None
    if services.is_stale(draft.updated_at, kiosk):
        services.delete_draft(draft)
        device.forget_person(kiosk, cleared=True)
        db.session.commit()
        if request.endpoint == "respond.start" and request.method == "GET":
            g.kiosk_cleared = device.take_cleared_notice()
            return None
        return redirect_to(url_for("respond.start", slug=slug))
    services.touch_kiosk_draft(draft, kiosk)
    db.session.commit()
    return None


@dataclass(frozen=True)
class KioskPage:
    """What the layout needs on a kiosk device (templates/kiosk/_device.html)."""

    idle_seconds: int
    warning_seconds: int
    ping_seconds: int
    # Someone has started answering: the idle timer runs (not on the untouched start page).
    in_progress: bool
    # Answers were just cleared for lack of activity: the start page says so.
    cleared: bool


@bp.app_context_processor
def kiosk_template_values():
    if not has_request_context() or not device.has_kiosk_key():
        return {"kiosk": None}
    kiosk = device.current()
    if kiosk is None:
        return {"kiosk": None}
    consultation = services.consultation_of(kiosk)
    return {"kiosk": KioskPage(
        idle_seconds=kiosk.idle_seconds, warning_seconds=services.WARNING_SECONDS,
        ping_seconds=services.PING_SECONDS, in_progress=device.draft_token(consultation.slug) is not None,
        cleared=bool(g.get("kiosk_cleared")),
    )}


def _no_store(response, clear_cache: bool = False):
    response.headers["Cache-Control"] = "no-store"
    if clear_cache:
        response.headers["Clear-Site-Data"] = CLEAR_CACHE
    return response


def thank_you_page(view):
    """After sending: thanks, and the way back to the start for the next person. No reference and no
    answers: whatever is on this screen, the next person sees."""
    if not device.is_thanking():
        return redirect_to(url_for("respond.start", slug=view.slug))
    return render("kiosk/thanks.html", view=view, t=view.texts, seconds=services.THANKS_SECONDS)


@bp.post("/kiosk/restart")
def restart():
    """The next person (the thank-you page's button), or answers cleared after the idle warning."""
    kiosk = device.current()
    if kiosk is None:
        return redirect_to(url_for("main.home"))
    slug = services.consultation_of(kiosk).slug
    idle = request.form.get("reason") == "idle"
    services.delete_draft(services.kiosk_draft(kiosk, device.draft_token(slug)))
    device.forget_person(kiosk, cleared=idle)
    db.session.commit()
    return _no_store(redirect_to(url_for("respond.start", slug=slug)), clear_cache=True)


@bp.post("/kiosk/still-here")
def still_here():
    """kiosk.js says someone is using the page (the guard has touched the draft already)."""
    return _no_store(current_app.response_class(status=204))


# Leaving kiosk mode: staff only ------------------------------------------------------------------


@bp.route("/kiosk/end", methods=["GET", "POST"])
@limiter.limit(PASSWORD_LIMIT, methods=["POST"])
def end():
    kiosk = device.current()
    if kiosk is None:
        return redirect_to(url_for("main.home"))
    consultation = services.consultation_of(kiosk)
    form = EndKioskForm()
    failed = None
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        # The same check as the staff sign-in, slowed down by the same limits: per address
        # (PASSWORD_LIMIT) and per account, so this form is no way round the sign-in's count.
        if wait := attempts.count_attempt(form.email.data):
            failed, status = attempts.held_message(wait), 429
        elif (staff := auth_services.authenticate(form.email.data, form.password.data)) is not None:
            services.end_kiosk(kiosk, by=staff)
            db.session.commit()
            device.leave_kiosk()
            session["kiosk_ended"] = consultation.id
            return _no_store(redirect_to(url_for("kiosk.ended")), clear_cache=True)
        else:
            failed = _("The email address or password is not right")
    errors = [(failed, form.email.id)] if failed else []
    errors += [(field.errors[0], field.id) for field in (form.email, form.password) if field.errors]
    return render("kiosk/end.html", status=status, form=form, errors=errors, slug=consultation.slug)


@bp.get("/kiosk/ended")
def ended():
    """Where the staff member is now: the device is an ordinary browser again, signed out."""
    consultation_id = session.get("kiosk_ended")
    if consultation_id is None or device.has_kiosk_key():
        return redirect_to(url_for("main.home"))
    return render("kiosk/ended.html", consultation_id=consultation_id)


# Starting a kiosk, and ending one from elsewhere: staff pages --------------------------------------


def _start_form(consultation) -> StartKioskForm:
    form = StartKioskForm()
    form.idle_seconds.choices = [SelectChoice(seconds, idle_label(seconds)) for seconds in services.IDLE_CHOICES]
    form.language.choices = [SelectChoice(code, language_name(code)) for code in consultation.offered_languages]
    form.event.choices = event_choices(consultation)
    if request.method == "GET":
        form.language.data = consultation.default_language
    return form


def _start_page(consultation, form, status=200, stop_form=None):
    errors = [(field.errors[0], f"{field.id}-0" if field.type == "RadioField" else field.id)
              for field in (form.idle_seconds, form.language, form.event) if field.errors]
    return render("kiosk/start.html", status=status, consultation=consultation, t=staff_texts(consultation),
                  form=form, errors=errors, can_run=services.can_run_kiosk(consultation),
                  running=services.running_kiosks(consultation), stop_form=stop_form or StopKioskForm(),
                  langs={code: code for code in consultation.offered_languages},
                  warning_seconds=services.WARNING_SECONDS)


@bp.route("/staff/kiosk/<int:consultation_id>", methods=["GET", "POST"])
@role_required(*KIOSK_RUNNERS)
def start(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = _start_form(consultation)
    if not services.can_run_kiosk(consultation):
        # A draft, scheduled or closed consultation takes no answers, so no kiosk either.
        return _start_page(consultation, form, status=409 if request.method == "POST" else 200)
    if not form.validate_on_submit():
        return _start_page(consultation, form, status=422 if request.method == "POST" else 200)
    kiosk = services.start_kiosk(consultation, form.idle_seconds.data, form.language.data,
                                 by=current_user._get_current_object())
    if form.event.data:
        run_kiosk_at(kiosk.id, form.event.data)
    db.session.commit()
    # Sign the staff member out on this device only (their other devices stay signed in): the
    # session is cleared and holds nothing but the kiosk from now on, so no staff page opens here.
    logout_user()
    device.become_kiosk(kiosk)
    return _no_store(redirect_to(url_for("respond.start", slug=consultation.slug)), clear_cache=True)


@bp.post("/staff/kiosk/<int:consultation_id>/stop")
@role_required(*KIOSK_RUNNERS)
def stop(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = StopKioskForm()
    if form.validate_on_submit():
        chosen = next((kiosk for kiosk in services.running_kiosks(consultation)
                       if str(kiosk.id) == form.kiosk.data), None)
        if chosen is None:
            abort(404)
        services.end_kiosk(chosen, by=current_user._get_current_object(), where="from another device")
        db.session.commit()
        flash(_("The kiosk has ended. The device shows an ordinary page the next time anyone uses it."), "success")
        return redirect_to(url_for("kiosk.start", consultation_id=consultation.id))
    return redirect_to(url_for("kiosk.start", consultation_id=consultation.id))
