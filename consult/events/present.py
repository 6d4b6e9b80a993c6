"""Events as the start page, the easy-read start page and the poster show them (plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import format_date, format_time

from consult.events import services
from consult.events.access import access_words, easy_access
from consult.i18n import ContentCatalogue, Localised
from consult.models.event import Event
from consult.times import to_local
from consult.translating import gettext


def kind_name(kind: str) -> str:
    return gettext("Meeting") if kind == "meeting" else gettext("Drop-in")


@dataclass(frozen=True)
class EventView:
    id: int
    kind: str
    kind_name: str
    day: str  # "Tuesday 12 January 2027" in the page's language
    starts: str  # "10:00"
    ends: str
    starts_at: datetime  # naive UTC, for <time datetime>
    place: Localised | None
    description: Localised | None
    access: list[str]
    easy_access: list[tuple[str, str]]  # (picture, words) for easy read
    calendar_href: str


def _day(moment: datetime) -> str:
    # Flask-Babel reads naive times as UTC and shows them in the configured zone.
    return format_date(moment, format="full")


def _clock(moment: datetime) -> str:
    return format_time(moment, format="short")


def event_views(consultation, language: str, register: str = "standard", now: datetime | None = None,
                limit: int | None = None, easy: bool = False) -> list[EventView]:
    events = services.upcoming_events(consultation.id, now=now, limit=limit)
    return views_of(consultation, events, language, register, easy)


def views_of(consultation, events: list[Event], language: str, register: str = "standard",
             easy: bool = False) -> list[EventView]:
    if not events:
        return []
    texts = ContentCatalogue.load([block for event in events for block in (event.place_id, event.description_id)],
                                  language=language, default_language=consultation.default_language,
                                  register=register)
    return [EventView(
        id=event.id, kind=event.kind, kind_name=kind_name(event.kind), day=_day(event.starts_at),
        starts=_clock(event.starts_at), ends=_clock(event.ends_at), starts_at=event.starts_at,
        place=texts(event.place_id), description=texts(event.description_id),
        access=access_words(event.access(), easy=easy), easy_access=easy_access(event.access()),
        calendar_href=url_for("events.calendar_file", slug=consultation.slug, event_id=event.id),
    ) for event in events]


def local_iso(moment: datetime) -> str:
    """For <time datetime="...">: the local time with its offset."""
    return to_local(moment).isoformat(timespec="minutes")


def public_start_url(slug: str) -> str | None:
    """The consultation's start page on its public address (never from the Host header)."""
    from consult.addresses import public_url

    return public_url("respond.start", slug=slug)


def event_filter_choices(consultation) -> list[tuple[int, str]]:
    """The results' "at this event" filter: every event of the consultation, past ones included, in the
    staff member's language ("Thursday, 17 December 2026, 10:00: Village hall")."""
    from consult.templating import current_language

    events = services.events_of(consultation.id)
    return [(view.id, f"{view.day}, {view.starts}: {view.place.text if view.place else ''}")
            for view in views_of(consultation, events, current_language())]
