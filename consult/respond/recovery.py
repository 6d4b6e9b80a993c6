"""A resident whose form token expired gets the page back with their answers, not an error page."""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import MultiDict

from consult.respond import section_page
from consult.respond.journey import Journey
from consult.translating import gettext as _


def recover_from_expired_form():
    """Re-show the question or check page with what was sent and a plain message.

    Returns None for any other page, which then gets the general "try again" page.
    """
    if request.method != "POST" or request.endpoint not in ("respond.question", "respond.check"):
        return None
    check_notice = _("This page was open for a long time, so for your security we have not sent your answers yet. "
                     "Your answers are all still here. Check them and press the button again.")
    question_notice = _("This page was open for a long time, so for your security we could not save your answer "
                        "yet. Your answer is still here. Check it and press Continue again.")
    return _show_again(request.form, check_notice, question_notice)


def recover_from_nul_characters():
    """An answer with a NUL character in it, which the database cannot store (it comes in with text pasted
    from some programs): the question again, with the answer as sent but without it, and a plain message.
    Nothing is saved. Returns None for any other page, which then gets the general "could not read" page.
    """
    if request.method != "POST" or request.endpoint != "respond.question" or "\x00" in request.path:
        return None
    form = MultiDict((key, value.replace("\x00", "")) for key, value in request.form.items(multi=True))
    notice = _("Your answer had a hidden character in it that we cannot save, so we took it out. "
               "Check your answer and press Continue again.")
    return _show_again(form, None, notice)


def _show_again(form, check_notice, question_notice):
    from consult.htmx import render
    from consult.respond.context import ConsultationView
    from consult.respond.pages import current_draft, question_page
    from consult.snapshots import snapshot_by_slug

    snapshot = snapshot_by_slug(request.view_args["slug"])
    if snapshot is None or snapshot.consultation.state() != "open":
        return None
    consultation = snapshot.consultation
    view = ConsultationView.of_snapshot(snapshot)
    draft = current_draft(view)
    if draft is None or draft.response_id is not None:
        return None
    journey = Journey(consultation, draft.answers or {})
    if request.endpoint == "respond.check":
        return render("respond/check.html", status=400, view=view, t=view.texts, steps=journey.steps(),
                      problems=[], notice=check_notice)
    number = request.view_args["number"]
    asked = journey.question(number)
    if asked is None:
        return None
    return_to = "check" if form.get("return_to") == "check" else None
    if section_page.in_section(asked):
        # Every answer on a section's page comes back, not only the first question's.
        return section_page.show_again(view, journey, number, form, return_to, question_notice)
    raw = asked.type.read(asked, form)
    return question_page(view, journey, number, raw, None, return_to, status=400, notice=question_notice)
