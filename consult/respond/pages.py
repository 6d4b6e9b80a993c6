"""What the resident pages share with the pages that recover a failed request (consult.respond.recovery)
and with the contact pages: which draft this browser holds, and drawing a question page."""

from __future__ import annotations

from flask import session, url_for

from consult.htmx import render
from consult.respond import section_page, services
from consult.respond.context import ConsultationView

# The session remembers this browser's draft per consultation: {slug: token}.
DRAFTS_KEY = "drafts"


def draft_token(slug: str) -> str | None:
    return (session.get(DRAFTS_KEY) or {}).get(slug)


def remember_draft(slug: str, token: str) -> None:
    drafts = dict(session.get(DRAFTS_KEY) or {})
    drafts[slug] = token
    session[DRAFTS_KEY] = drafts


def current_draft(view: ConsultationView, lock: bool = False):
    return services.find_draft(view.consultation, draft_token(view.consultation.slug), lock=lock)


def question_page(view, journey, number, raw, error, return_to, status=200, notice=None):
    asked = journey.question(number)
    previous = journey.previous_number(number)
    if return_to == "check":
        back = url_for("respond.check", slug=view.consultation.slug)
    elif previous is not None:
        # A previous question in a section: its section's page, which its first question addresses.
        back = url_for("respond.question", slug=view.consultation.slug, number=section_page.lead(journey, previous))
    else:
        back = url_for("respond.start", slug=view.consultation.slug)
    place, total = journey.progress(number)
    return render(
        "respond/question.html", status=status, view=view, t=view.texts, question=asked,
        qtype=asked.type, number=number, place=place, total=total, raw=raw, error=error,
        return_to=return_to, back=back, notice=notice,
    )
