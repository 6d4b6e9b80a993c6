"""A resident whose form token expired gets the page back with their answers, not an error page."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from consult.respond.journey import Journey


def recover_from_expired_form():
    """Re-show a question page with what was sent and a plain message; None if not a question page."""
    if request.endpoint != "respond.question" or request.method != "POST":
        return None
    from consult.respond import routes, services
    from consult.respond.context import ConsultationView

    slug = request.view_args["slug"]
    number = request.view_args["number"]
    consultation = services.load_consultation(slug)
    if consultation is None or consultation.state() != "open":
        return None
    view = ConsultationView(consultation)
    draft = routes._current_draft(view)
    journey = Journey(consultation, (draft.answers if draft else {}) or {})
    asked = journey.question(number)
    if asked is None:
        return None
    raw = asked.type.read(asked, request.form)
    notice = _("This page was open for a long time, so for your security we could not save your answer yet. "
               "Your answer is still here. Check it and press Continue again.")
    return_to = "check" if request.form.get("return_to") == "check" else None
    return routes._question_page(view, journey, number, raw, None, return_to, status=400, notice=notice)
