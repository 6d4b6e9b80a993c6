"""Staff pages for "you said, we did": write outcomes, order them, give them pictures, publish the results."""

from __future__ import annotations

from flask import abort, current_app, flash, request, url_for
from sqlalchemy import select

from consult import audit
from consult.auth.roles import EDITORS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.loading import consultation_by_slug_or_404, staff_texts
from consult.models import Consultation, Outcome, Theme
from consult.models.content import EASY
from consult.pictures import pages
from consult.pictures.pages import PictureTarget
from consult.printing.easy_read import easy_read_languages
from consult.results import outcomes as services
from consult.results.blueprint import bp
from consult.results.forms import OutcomeForm
from consult.results.publishing import results_publishing_problems
from consult.translating import gettext as _


def _outcome(consultation: Consultation, outcome_id: int) -> Outcome:
    outcome = db.session.get(Outcome, outcome_id)
    if outcome is None or outcome.consultation_id != consultation.id:
        abort(404)
    return outcome


def _about_choices(consultation: Consultation, texts) -> list[tuple[str, str]]:
    choices = [("", _("The consultation as a whole"))]
    for question in consultation.questions:
        prompt = texts(question.prompt_id)
        choices.append((f"question-{question.id}", _("Question %(number)s: %(prompt)s", number=question.position,
                                                     prompt=prompt.text if prompt else "")))
    themes = db.session.scalars(select(Theme).where(Theme.consultation_id == consultation.id).order_by(Theme.name))
    for theme in themes:
        choices.append((f"theme-{theme.id}", _("Theme: %(name)s", name=theme.name)))
    return choices


def _form(consultation, texts, outcome: Outcome | None = None) -> OutcomeForm:
    if request.method == "POST":
        form = OutcomeForm()
    elif outcome is None:
        form = OutcomeForm(formdata=None)
    else:
        language = consultation.default_language
        words = {}
        for name in ("heard", "action"):
            block = getattr(outcome, name)
            for variant in block.variants:
                if variant.language == language:
                    words[name + ("_easy" if variant.register == EASY else "")] = variant.body
        about = (f"question-{outcome.question_id}" if outcome.question_id else
                 f"theme-{outcome.theme_id}" if outcome.theme_id else "")
        form = OutcomeForm(formdata=None, data={**words, "about": about})
    form.about.choices = _about_choices(consultation, texts)
    return form


def _texts(consultation, outcomes):
    ids = [block_id for outcome in outcomes for block_id in (outcome.heard_id, outcome.action_id)]
    ids += [outcome.picture.alt_id for outcome in outcomes if outcome.picture is not None]
    return staff_texts(consultation, more_ids=ids)


def _list_page(consultation, form=None, status=200, show_problems=False):
    found = services.outcomes_of(consultation)
    texts = _texts(consultation, found)
    form = form or _form(consultation, texts)
    if not form.about.choices:
        form.about.choices = _about_choices(consultation, texts)
    return render("results/outcomes.html", status=status, consultation=consultation, outcomes=found, t=texts,
                  form=form, action_form=ConfirmForm(), public=services.results_public(consultation),
                  about=dict(form.about.choices), problems=results_publishing_problems(consultation),
                  show_problems=show_problems, easy_languages=easy_read_languages(consultation))


@bp.route("/<slug>/outcomes", methods=["GET", "POST"])
@role_required(*EDITORS)
def outcomes(slug):
    consultation = consultation_by_slug_or_404(slug)
    if request.method == "GET":
        return _list_page(consultation)
    form = _form(consultation, staff_texts(consultation))
    if not form.validate_on_submit():
        return _list_page(consultation, form, status=422)
    outcome = services.add_outcome(consultation, about=form.about_choice(), heard=form.heard.data,
                                   action=form.action.data, heard_easy=form.heard_easy.data or "",
                                   action_easy=form.action_easy.data or "")
    db.session.flush()
    audit.record("outcome.created", "outcome", outcome.id, "")
    db.session.commit()
    flash(_("Outcome added. Translate it on the Languages page."), "success")
    return redirect_to(url_for("results.outcomes", slug=slug) + f"#outcome-{outcome.id}")


@bp.route("/<slug>/outcomes/<int:outcome_id>", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit_outcome(slug, outcome_id):
    consultation = consultation_by_slug_or_404(slug)
    outcome = _outcome(consultation, outcome_id)
    texts = _texts(consultation, [outcome])
    form = _form(consultation, texts, outcome)
    if request.method == "POST" and form.validate_on_submit():
        services.update_outcome(outcome, consultation, about=form.about_choice(), heard=form.heard.data,
                                action=form.action.data, heard_easy=form.heard_easy.data or "",
                                action_easy=form.action_easy.data or "")
        audit.record("outcome.changed", "outcome", outcome.id, "")
        db.session.commit()
        flash(_("Outcome saved."), "success")
        return redirect_to(url_for("results.outcomes", slug=slug) + f"#outcome-{outcome.id}")
    return render("results/outcome.html", status=422 if request.method == "POST" else 200,
                  consultation=consultation, outcome=outcome, form=form, t=texts)


@bp.route("/<slug>/outcomes/<int:outcome_id>/delete", methods=["GET", "POST"])
@role_required(*EDITORS)
def delete_outcome(slug, outcome_id):
    consultation = consultation_by_slug_or_404(slug)
    outcome = _outcome(consultation, outcome_id)
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        services.delete_outcome(outcome, consultation)
        audit.record("outcome.deleted", "outcome", outcome_id, "")
        db.session.commit()
        flash(_("Outcome deleted."), "success")
        return redirect_to(url_for("results.outcomes", slug=slug))
    texts = _texts(consultation, [outcome])
    return render("results/outcome_delete.html", consultation=consultation, outcome=outcome, t=texts,
                  action_form=form)


@bp.post("/<slug>/outcomes/<int:outcome_id>/move")
@role_required(*EDITORS)
def move_outcome(slug, outcome_id):
    consultation = consultation_by_slug_or_404(slug)
    outcome = _outcome(consultation, outcome_id)
    if ConfirmForm().validate_on_submit():
        services.move_outcome(outcome, consultation, -1 if request.form.get("direction") == "up" else 1)
        db.session.commit()
        flash(_("Outcome moved."), "success")
    return redirect_to(url_for("results.outcomes", slug=slug) + f"#outcome-{outcome.id}")


@bp.post("/<slug>/outcomes/publish")
@role_required(*EDITORS)
def publish_results(slug):
    consultation = consultation_by_slug_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        return redirect_to(url_for("results.outcomes", slug=slug))
    if request.form.get("publish") == "no":
        services.unpublish_results(consultation)
        audit.record("results.unpublished", "consultation", consultation.id, slug)
        flash(_("The results page is hidden again."), "success")
    elif consultation.state() != "closed":
        flash(_("You can publish the results once the consultation has closed."), "success")
    elif not services.outcomes_of(consultation):
        flash(_("Write at least one outcome before you publish the results."), "success")
    elif results_publishing_problems(consultation):
        # Like publishing a consultation: refused, with every missing text named and linked.
        return _list_page(consultation, status=422, show_problems=True)
    else:
        services.publish_results(consultation)
        audit.record("results.published", "consultation", consultation.id, slug)
        flash(_("The results page is published."), "success")
        consultation_id = consultation.id
        db.session.commit()
        # Everyone who asked to hear back is sent the results the way they chose (in the background).
        answers = services.results_published.send(current_app._get_current_object(), consultation_id=consultation_id)
        if any(answer is False for _, answer in answers):
            flash(_("Nobody who asked to hear back has been sent the results: set PUBLIC_URL so messages "
                    "can link to the results page, then publish again."), "success")
    db.session.commit()
    return redirect_to(url_for("results.outcomes", slug=slug))


ENDPOINTS = {"page": "results.outcome_picture", "symbol": "results.outcome_symbol",
             "upload": "results.outcome_upload", "remove": "results.outcome_remove_picture",
             "restore": "results.outcome_restore_picture"}


def _picture_target(slug: str, outcome_id: int) -> PictureTarget:
    consultation = consultation_by_slug_or_404(slug)
    outcome = _outcome(consultation, outcome_id)
    texts = _texts(consultation, [outcome])
    back = url_for("results.outcomes", slug=slug) + f"#outcome-{outcome.id}"
    return PictureTarget(
        owner=outcome, audit_kind="outcome", language=consultation.default_language,
        heading=_("Picture for an outcome"), caption=texts(outcome.heard_id), back_url=back, done_url=back,
        endpoints=ENDPOINTS, endpoint_args={"slug": slug, "outcome_id": outcome.id}, texts=texts,
    )


@bp.get("/<slug>/outcomes/<int:outcome_id>/picture")
@role_required(*EDITORS)
def outcome_picture(slug, outcome_id):
    return pages.show_page(_picture_target(slug, outcome_id))


@bp.post("/<slug>/outcomes/<int:outcome_id>/picture/symbol")
@role_required(*EDITORS)
def outcome_symbol(slug, outcome_id):
    return pages.choose_symbol(_picture_target(slug, outcome_id))


@bp.post("/<slug>/outcomes/<int:outcome_id>/picture/upload")
@role_required(*EDITORS)
def outcome_upload(slug, outcome_id):
    return pages.upload(_picture_target(slug, outcome_id))


@bp.post("/<slug>/outcomes/<int:outcome_id>/picture/remove")
@role_required(*EDITORS)
def outcome_remove_picture(slug, outcome_id):
    return pages.remove(_picture_target(slug, outcome_id))


@bp.post("/<slug>/outcomes/<int:outcome_id>/picture/restore")
@role_required(*EDITORS)
def outcome_restore_picture(slug, outcome_id):
    return pages.restore(_picture_target(slug, outcome_id))
