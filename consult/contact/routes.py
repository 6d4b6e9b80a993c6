"""Residents say how they want to hear about the results: from the start page, or after answering.

Thin views. Nothing here writes to the session: after an anonymous consultation, the browser holds
nothing that ties a request to the answers sent before it.
"""

from __future__ import annotations

from flask import Blueprint, request, url_for

from consult.contact import services
from consult.contact.formats import format_words
from consult.contact.forms import ContactRequestForm
from consult.extensions import db, limiter
from consult.htmx import redirect_to, render
from consult.loading import public_consultation_or_404
from consult.respond.context import ConsultationView
from consult.respond.pages import current_draft

bp = Blueprint("contact", __name__, url_prefix="/c")

AFTER_ANSWERS = "answers"


def _view(slug: str) -> ConsultationView:
    """Any published consultation (open, not open yet, or closed: people wait for results after it
    closes); a draft only for editors checking it, who send nothing."""
    consultation = public_consultation_or_404(slug)
    return ConsultationView(consultation, preview=consultation.state() == "draft")


def _answers_just_sent(view: ConsultationView):
    """The response this browser sent for this consultation, when it came from the confirmation page
    of a consultation that is not anonymous; else None (and nothing is looked up)."""
    if view.consultation.anonymous or request.values.get("after") != AFTER_ANSWERS:
        return None
    draft = current_draft(view)
    response = draft.response if draft is not None else None
    return services.response_to_link(view.consultation, response)


@bp.route("/<slug>/hear-back", methods=["GET", "POST"])
@limiter.limit("30 per hour", methods=["POST"])
def ask(slug):
    view = _view(slug)
    after = request.values.get("after") == AFTER_ANSWERS
    response = _answers_just_sent(view)
    if request.method == "POST":
        form = ContactRequestForm()
        if form.validate():
            if not view.preview:
                services.create_contact_request(view.consultation, **form.details(), response=response)
                db.session.commit()
            return redirect_to(url_for("contact.thanks", slug=slug))
        status = 422
    else:
        form = ContactRequestForm(formdata=None, data={"after": AFTER_ANSWERS if after else ""})
        status = 200
    back = url_for("respond.confirmation", slug=slug) if after else url_for("respond.start", slug=slug)
    return render("contact/ask.html", status=status, view=view, t=view.texts, form=form, formats=format_words(),
                  with_answers=response is not None, back=back)


@bp.get("/<slug>/hear-back/thanks")
def thanks(slug):
    view = _view(slug)
    return render("contact/thanks.html", view=view, t=view.texts)
