"""Builder pages for a consultation as a whole: the list, settings, publishing and its lifecycle."""

from __future__ import annotations

from datetime import time, timedelta

from flask import current_app, flash, request, url_for

from consult import audit
from consult.auth.roles import EDITORS, READERS
from consult.auth.sessions import role_required
from consult.build import services
from consult.build.blueprint import bp, home_bp
from consult.build.checklist import (
    easy_read_warnings,
    missing_message_warnings,
    plain_language_warnings,
    publishing_problems,
)
from consult.build.forms import AddQuestionForm, ConfirmForm, NewConsultationForm, ReopenForm, SettingsForm
from consult.build.questions import deleted_questions
from consult.documents.listing import checklist_warnings as document_warnings
from consult.extensions import db
from consult.htmx import redirect_to, render
from consult.i18n import language_name_for_staff
from consult.loading import consultation_or_404, staff_texts
from consult.models import Consultation
from consult.models._time import utcnow
from consult.questions import REGISTRY
from consult.retention import rules as retention
from consult.times import to_local, to_utc
from consult.translating import gettext as _


@home_bp.get("/")
@bp.get("/")
@role_required(*READERS)
def index():
    """The staff home: every consultation, by state."""
    consultations = db.session.scalars(db.select(Consultation).order_by(Consultation.closes_at.desc())).all()
    groups = {"draft": [], "scheduled": [], "open": [], "closed": []}
    for consultation in consultations:
        groups[consultation.state()].append(consultation)
    from consult.i18n import ContentCatalogue
    from consult.templating import current_language

    texts = ContentCatalogue.load([c.title_id for c in consultations], language=current_language(),
                                  default_language="en")
    return render("build/index.html", groups=groups, counts=services.response_counts(), t=texts)


def _language_choices() -> list[tuple[str, str]]:
    return [(code, language_name_for_staff(code)) for code in current_app.config["CONTENT_LANGUAGES"]]


def _settings_form(consultation: Consultation | None) -> SettingsForm:
    if consultation is None:
        form = NewConsultationForm() if request.method == "POST" else _new_form()
        form.language.choices = _language_choices()
        return form
    if request.method == "POST":
        return SettingsForm()
    return _edit_form(consultation)


def _new_form() -> NewConsultationForm:
    start = to_local(utcnow()) + timedelta(days=7)
    return NewConsultationForm(data={
        "opens_date": start.date(), "opens_time": time(9, 0),
        "closes_date": (start + timedelta(days=42)).date(), "closes_time": time(23, 59),
        "anonymous": True, "estimated_minutes": 5, "language": "en",
        "retention_free_text_months": current_app.config["RETENTION_FREE_TEXT_MONTHS"],
        "retention_contact_months": current_app.config["RETENTION_CONTACT_MONTHS"],
    })


def _edit_form(consultation: Consultation) -> SettingsForm:
    texts = staff_texts(consultation)
    opens, closes = to_local(consultation.opens_at), to_local(consultation.closes_at)
    data = {}
    for name in services.SETTINGS_TEXTS:
        text = texts(getattr(consultation, f"{name}_id"))
        data[name] = text.text if text else ""
    data.update(slug=consultation.slug, opens_date=opens.date(), opens_time=opens.time().replace(tzinfo=None),
                closes_date=closes.date(), closes_time=closes.time().replace(tzinfo=None),
                anonymous=consultation.anonymous, estimated_minutes=consultation.estimated_minutes,
                contact_email=consultation.contact_email or "",
                postal_address=consultation.postal_address or "", freepost=consultation.freepost or "",
                contact_phone=consultation.contact_phone or "")
    rule = retention.rule_for(consultation)
    data.update(retention_free_text_months=rule.free_text_months, retention_contact_months=rule.contact_months)
    return SettingsForm(data=data)


def _check_dates(form: SettingsForm) -> bool:
    opens = to_utc(form.opens_date.data, form.opens_time.data)
    closes = to_utc(form.closes_date.data, form.closes_time.data)
    if closes <= opens:
        form.closes_date.errors.append(_("The closing date must be after the opening date"))
        return False
    return True


def _save_settings(form: SettingsForm, consultation: Consultation) -> None:
    services.update_settings(
        consultation, language=consultation.default_language,
        texts={name: getattr(form, name).data or "" for name in services.SETTINGS_TEXTS},
        slug=form.slug.data.strip(), anonymous=form.anonymous.data,
        opens_at=to_utc(form.opens_date.data, form.opens_time.data),
        closes_at=to_utc(form.closes_date.data, form.closes_time.data),
        estimated_minutes=form.estimated_minutes.data, contact_email=(form.contact_email.data or "").strip(),
        postal_address=form.postal_address.data, freepost=form.freepost.data,
        contact_phone=form.contact_phone.data,
    )
    retention.set_rule(consultation, free_text_months=form.retention_free_text_months.data,
                       contact_months=form.retention_contact_months.data)


@bp.route("/new", methods=["GET", "POST"])
@role_required(*EDITORS)
def new():
    form = _settings_form(None)
    if form.validate_on_submit() and _check_dates(form):
        if services.slug_taken(form.slug.data.strip()):
            form.slug.errors.append(_("Another consultation uses this web address. Choose a different one"))
        else:
            consultation = services.create_consultation(
                form.slug.data.strip(), title=form.title.data, summary=form.summary.data,
                opens_at=to_utc(form.opens_date.data, form.opens_time.data),
                closes_at=to_utc(form.closes_date.data, form.closes_time.data), language=form.language.data,
            )
            _save_settings(form, consultation)
            audit.record("consultation.created", "consultation", consultation.id, form.title.data)
            db.session.commit()
            flash(_("Consultation created. Now add your questions."), "success")
            return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    status = 422 if request.method == "POST" else 200
    return render("build/settings.html", status=status, form=form, consultation=None)


@bp.route("/<int:consultation_id>/settings", methods=["GET", "POST"])
@role_required(*EDITORS)
def settings(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = _settings_form(consultation)
    if form.validate_on_submit() and _check_dates(form):
        if services.slug_taken(form.slug.data.strip(), except_id=consultation.id):
            form.slug.errors.append(_("Another consultation uses this web address. Choose a different one"))
        else:
            _save_settings(form, consultation)
            audit.record("consultation.changed", "consultation", consultation.id, form.title.data)
            db.session.commit()
            flash(_("Settings saved."), "success")
            return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    status = 422 if request.method == "POST" else 200
    return render("build/settings.html", status=status, form=form, consultation=consultation)


def overview(consultation: Consultation, status: int = 200, problems=None, show_problems=False):
    texts = staff_texts(consultation, extra_questions=deleted_questions(consultation))
    add_form = AddQuestionForm()
    add_form.kind.choices = [(key, str(qtype.name)) for key, qtype in REGISTRY.items()]
    add_form.position.choices = [(0, _("At the end"))] + [
        (question.position, _("Before question %(number)s", number=question.position))
        for question in consultation.questions
    ]
    if problems is None:
        problems = publishing_problems(consultation, texts, utcnow())
    return render(
        "build/consultation.html", status=status, consultation=consultation, t=texts, add_form=add_form,
        problems=problems, show_problems=show_problems, deleted=deleted_questions(consultation),
        warnings=plain_language_warnings(consultation, texts) if consultation.status == "draft" else [],
        easy_read_gaps=easy_read_warnings(consultation) if consultation.status == "draft" else [],
        message_gaps=missing_message_warnings(consultation, texts) if consultation.status == "draft" else [],
        document_gaps=document_warnings(consultation) if consultation.status == "draft" else [],
        locked=services.has_responses(consultation), action_form=ConfirmForm(),
    )


@bp.get("/<int:consultation_id>")
@role_required(*EDITORS)
def consultation(consultation_id):
    return overview(consultation_or_404(consultation_id))


@bp.post("/<int:consultation_id>/publish")
@role_required(*EDITORS)
def publish(consultation_id):
    consultation = consultation_or_404(consultation_id)
    if not ConfirmForm().validate_on_submit():
        return overview(consultation, status=400)
    problems = publishing_problems(consultation, staff_texts(consultation), utcnow())
    if problems:
        return overview(consultation, status=422, problems=problems, show_problems=True)
    services.publish(consultation)
    audit.record("consultation.published", "consultation", consultation.id, consultation.slug)
    db.session.commit()
    if consultation.state() == "scheduled":
        flash(_("Published. It opens on the opening date you set."), "success")
    else:
        flash(_("Published. People can answer it now."), "success")
    return redirect_to(url_for("build.consultation", consultation_id=consultation.id))


@bp.post("/<int:consultation_id>/unpublish")
@role_required(*EDITORS)
def unpublish(consultation_id):
    consultation = consultation_or_404(consultation_id)
    if services.has_responses(consultation):
        flash(_("People have already answered, so this consultation cannot go back to being a draft. "
                "You can close it instead."), "success")
    else:
        services.unpublish(consultation)
        audit.record("consultation.unpublished", "consultation", consultation.id, consultation.slug)
        db.session.commit()
        flash(_("This consultation is a draft again. People cannot see it."), "success")
    return redirect_to(url_for("build.consultation", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/close", methods=["GET", "POST"])
@role_required(*EDITORS)
def close(consultation_id):
    """Closing early cannot be taken back by the residents it stops: ask first, saying how many are
    part-way through; close only on the confirming POST (with its CSRF token)."""
    consultation = consultation_or_404(consultation_id)
    if consultation.state() != "open":
        return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render("build/confirm_close.html", status=400 if request.method == "POST" else 200, form=form,
                      consultation=consultation, t=staff_texts(consultation),
                      part_way=services.drafts_part_way(consultation))
    services.close_early(consultation)
    audit.record("consultation.closed", "consultation", consultation.id, consultation.slug)
    db.session.commit()
    flash(_("Closed. People can no longer answer."), "success")
    return redirect_to(url_for("build.consultation", consultation_id=consultation.id))


@bp.route("/<int:consultation_id>/reopen", methods=["GET", "POST"])
@role_required(*EDITORS)
def reopen(consultation_id):
    consultation = consultation_or_404(consultation_id)
    form = ReopenForm()
    if request.method == "GET":
        later = to_local(max(consultation.closes_at, utcnow()) + timedelta(days=14))
        form = ReopenForm(data={"closes_date": later.date(), "closes_time": time(23, 59)})
    elif form.validate_on_submit():
        closes = to_utc(form.closes_date.data, form.closes_time.data)
        if closes <= utcnow():
            form.closes_date.errors.append(_("The new closing date must be in the future"))
        else:
            services.reopen(consultation, closes)
            audit.record("consultation.reopened", "consultation", consultation.id, consultation.slug)
            db.session.commit()
            flash(_("Open again. People can answer until the new closing date."), "success")
            return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    status = 422 if request.method == "POST" else 200
    return render("build/reopen.html", status=status, form=form, consultation=consultation,
                  t=staff_texts(consultation))


@bp.post("/<int:consultation_id>/duplicate")
@role_required(*EDITORS)
def duplicate(consultation_id):
    original = consultation_or_404(consultation_id)
    texts = staff_texts(original)
    title = _("Copy of %(title)s", title=texts(original.title_id).text if texts(original.title_id) else "")
    copy = services.duplicate_consultation(original, title)
    audit.record("consultation.created", "consultation", copy.id, title)
    db.session.commit()
    flash(_("This is your copy. It is a draft: change what you need, then publish it."), "success")
    return redirect_to(url_for("build.consultation", consultation_id=copy.id))


@bp.route("/<int:consultation_id>/delete", methods=["GET", "POST"])
@role_required(*EDITORS)
def delete(consultation_id):
    consultation = consultation_or_404(consultation_id)
    texts = staff_texts(consultation)
    if consultation.status != "draft" or services.has_responses(consultation):
        flash(_("Only a draft with no answers can be deleted."), "success")
        return redirect_to(url_for("build.consultation", consultation_id=consultation.id))
    form = ConfirmForm()
    if form.validate_on_submit():
        title = texts(consultation.title_id).text if texts(consultation.title_id) else consultation.slug
        services.delete_consultation(consultation)
        audit.record("consultation.deleted", "consultation", consultation_id, title)
        db.session.commit()
        flash(_("Deleted “%(title)s”.", title=title), "success")
        return redirect_to(url_for("build.index"))
    return render("build/confirm_delete.html", form=form, consultation=consultation, t=texts)
