"""Kiosks at events: the choice on the kiosk's start form, and the link from the kiosk to its event."""

from __future__ import annotations

from wtforms.fields.choices import SelectChoice

from consult.events import present, services
from consult.translating import gettext as _


def event_choices(consultation) -> list[SelectChoice]:
    """"Not at a listed event", then the events not over yet, in the staff member's language."""
    events = services.upcoming_events(consultation.id)
    views = present.views_of(consultation, events, consultation.default_language)
    return [SelectChoice("", _("Not at a listed event"))] + [
        SelectChoice(str(view.id), f"{view.day}, {view.starts}–{view.ends}: {view.place.text if view.place else ''}")
        for view in views
    ]


def run_kiosk_at(kiosk_session_id: int, event_id: str) -> None:
    """``event_id`` was one of ``event_choices`` (the form checked it)."""
    event = services.event_of_any(int(event_id))
    if event is not None:
        services.run_kiosk_at(kiosk_session_id, event)
