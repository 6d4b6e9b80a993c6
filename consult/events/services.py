"""Events: add, change, delete, list. verb_noun functions that change models and flush; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import delete, func, select

from consult.extensions import db
from consult.models import TextBlock
from consult.models._time import utcnow
from consult.models.event import ACCESS_FLAGS, Event, KioskEvent, ResponseEvent
from consult.times import to_utc


@dataclass(frozen=True)
class EventDetails:
    """What staff typed: a local day and times, the words in the consultation's own language."""

    kind: str
    day: date
    starts: time
    ends: time
    place: str
    description: str
    access: frozenset[str]


def events_of(consultation_id: int) -> list[Event]:
    return list(db.session.scalars(
        select(Event).where(Event.consultation_id == consultation_id).order_by(Event.starts_at, Event.id)))


def upcoming_events(consultation_id: int, now: datetime | None = None, limit: int | None = None) -> list[Event]:
    """Events not yet over, soonest first."""
    query = (select(Event).where(Event.consultation_id == consultation_id, Event.ends_at > (now or utcnow()))
             .order_by(Event.starts_at, Event.id))
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def event_of(consultation_id: int, event_id: int) -> Event | None:
    event = db.session.get(Event, event_id)
    return event if event is not None and event.consultation_id == consultation_id else None


def _apply(event: Event, details: EventDetails, language: str) -> None:
    event.kind = details.kind
    event.starts_at = to_utc(details.day, details.starts)
    event.ends_at = to_utc(details.day, details.ends)
    for flag in ACCESS_FLAGS:
        setattr(event, flag, flag in details.access)
    place = db.session.get(TextBlock, event.place_id) if event.place_id else None
    if place is None:
        place = TextBlock.of(details.place.strip(), language)
        db.session.add(place)
        db.session.flush()
        event.place_id = place.id
    else:
        place.set(language, details.place.strip())
    described = details.description.strip()
    block = db.session.get(TextBlock, event.description_id) if event.description_id else None
    if block is None and described:
        block = TextBlock.of(described, language)
        db.session.add(block)
        db.session.flush()
        event.description_id = block.id
    elif block is not None:
        if described:
            block.set(language, described)
        else:
            event.description_id = None
            db.session.delete(block)


def add_event(consultation, details: EventDetails) -> Event:
    event = Event(consultation_id=consultation.id)
    _apply(event, details, consultation.default_language)
    db.session.add(event)
    db.session.flush()
    return event


def change_event(consultation, event: Event, details: EventDetails) -> None:
    _apply(event, details, consultation.default_language)
    db.session.flush()


def responses_at(event: Event) -> int:
    return db.session.scalar(select(func.count()).select_from(ResponseEvent)
                             .where(ResponseEvent.event_id == event.id)) or 0


def delete_event(event: Event) -> None:
    """The event and its texts go; kiosks that ran there forget it (their responses were refused
    deletion before this: see ``responses_at``)."""
    blocks = [event.place_id, event.description_id]
    db.session.execute(delete(KioskEvent).where(KioskEvent.event_id == event.id))
    db.session.delete(event)
    db.session.flush()
    for block_id in blocks:
        if block_id is not None and (block := db.session.get(TextBlock, block_id)) is not None:
            db.session.delete(block)
    db.session.flush()


# Kiosks at events ---------------------------------------------------------------------------------


def run_kiosk_at(kiosk_session_id: int, event: Event) -> None:
    db.session.add(KioskEvent(kiosk_session_id=kiosk_session_id, event_id=event.id))
    db.session.flush()


def event_of_kiosk(kiosk_session_id: int) -> int | None:
    return db.session.scalar(select(KioskEvent.event_id).where(KioskEvent.kiosk_session_id == kiosk_session_id))


def record_response_event(response_id: int, event_id: int) -> None:
    if db.session.get(ResponseEvent, response_id) is None:
        db.session.add(ResponseEvent(response_id=response_id, event_id=event_id))
        db.session.flush()


def event_of_any(event_id: int) -> Event | None:
    return db.session.get(Event, event_id)
