"""Responses one by one: a list with pages, one response in full, and deleting one (admins only)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, request, url_for

from consult import audit
from consult.auth.roles import ADMINS, READERS
from consult.auth.sessions import role_required
from consult.extensions import db
from consult.forms import ConfirmForm
from consult.htmx import redirect_to, render
from consult.loading import consultation_by_slug_or_404
from consult.models import StaffUser
from consult.request_values import positive_int
from consult.results import present
from consult.results import responses as service
from consult.results.blueprint import bp
from consult.results.dashboard_routes import read_filters, results_texts
from consult.results.plain import asked_questions, shape_of
from consult.times import to_utc
from consult.translating import gettext as _


@dataclass
class AnswerView:
    number: int
    prompt: object  # Localised
    # Localised labels for chosen answers; plain strings for numbers; None when not answered
    values: list | None
    is_text: bool = False


def _names() -> dict:
    """Channels and versions in words, for the templates."""
    return {"channel_names": {key: str(name) for key, name in present.CHANNEL_NAMES.items()},
            "register_names": {key: str(name) for key, name in present.REGISTER_NAMES.items()}}


def _page_number() -> int:
    return positive_int(request.args.get("page"), maximum=999_999) or 1


@bp.get("/<slug>/responses")
@role_required(*READERS)
def responses(slug):
    consultation = consultation_by_slug_or_404(slug)
    filters = read_filters(consultation)
    page = service.list_responses(consultation.id, filters.to_response_filter(to_utc), _page_number())
    texts = results_texts(consultation)
    return render("results/responses.html", consultation=consultation, t=texts, filters=filters, page=page,
                  args=filters.args(), **_names())


def answers_of(consultation, response, texts) -> tuple[list[AnswerView], int]:
    """Every question this response was asked, with its answer; and how many it was not asked."""
    rows: dict[int, list] = {}
    for answer in response.answers:
        rows.setdefault(answer.question_id, []).append(answer)
    asked = asked_questions(shape_of(consultation), rows)
    views = []
    for number, question in enumerate(consultation.questions, start=1):
        if question.id not in asked:
            continue
        found = rows.get(question.id, [])
        views.append(AnswerView(number, texts(question.prompt_id), question.type.shown_values(question, found, texts),
                                is_text=question.type.free_text))
    return views, len(consultation.questions) - len(views)


def response_or_404(consultation, reference: str):
    response = service.find_response(consultation.id, reference)
    if response is None:
        abort(404)
    return response


@bp.get("/<slug>/responses/<reference>")
@role_required(*READERS)
def response(slug, reference):
    consultation = consultation_by_slug_or_404(slug)
    found = response_or_404(consultation, reference)
    filters = read_filters(consultation)
    texts = results_texts(consultation)
    answers, not_asked = answers_of(consultation, found, texts)
    newer, older = service.neighbours(consultation.id, filters.to_response_filter(to_utc), found)
    entered_by = db.session.get(StaffUser, found.entered_by_id) if found.entered_by_id else None
    return render("results/response.html", consultation=consultation, t=texts, response=found, answers=answers,
                  not_asked=not_asked, newer=newer, older=older, args=filters.args(), entered_by=entered_by,
                  **_names())


@bp.route("/<slug>/responses/<reference>/delete", methods=["GET", "POST"])
@role_required(*ADMINS)
def delete_response(slug, reference):
    consultation = consultation_by_slug_or_404(slug)
    found = response_or_404(consultation, reference)
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        response_id = found.id
        service.delete_response(found)
        audit.record("response.deleted", "response", response_id, f"{reference} ({consultation.slug})")
        db.session.commit()
        flash(_("Response %(reference)s deleted.", reference=reference), "success")
        return redirect_to(url_for("results.responses", slug=slug))
    texts = results_texts(consultation)
    return render("results/response_delete.html", consultation=consultation, t=texts, response=found, form=form)
