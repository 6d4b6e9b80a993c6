"""Requests to hear about the results: storing, listing, marking done, forgetting contact details.

Kept apart from the answers: for an anonymous consultation a request never points at a response,
and its time is kept to the day only (the exact second would match the answers sent a moment
before, which would link them as surely as a column). No request or rendering here; the counting
and CSV functions at the end are pure, over plain values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import ContactRequest, Response
from consult.models._time import utcnow
from consult.models.contact import FORMATS
from consult.times import date_only

# "Right after sending answers": the confirmation page's link counts for this long (a CSRF token
# lasts 4 hours too). Later, a request is kept on its own, like one from the start page.
LINK_WINDOW = timedelta(hours=4)
# The contact details a request holds; deleted once the results have been sent.
DETAILS = ("name", "email", "phone", "address", "other_needs")


def response_to_link(consultation, response: Response | None, now: datetime | None = None) -> Response | None:
    """The response a new request may point at: never for an anonymous consultation, and only for
    answers to this consultation sent within ``LINK_WINDOW``."""
    if consultation.anonymous or response is None or response.consultation_id != consultation.id:
        return None
    if (now or utcnow()) - response.submitted_at > LINK_WINDOW:
        return None
    return response


def create_contact_request(consultation, *, formats: Sequence[str], language: str | None = None,
                           name: str | None = None, email: str | None = None, phone: str | None = None,
                           address: str | None = None, other_needs: str | None = None,
                           response: Response | None = None, now: datetime | None = None) -> ContactRequest:
    """Store a request. ``response`` is kept only when ``response_to_link`` allows it."""
    now = now or utcnow()
    linked = response_to_link(consultation, response, now)
    request = ContactRequest(
        consultation_id=consultation.id,
        response_id=linked.id if linked is not None else None,
        formats=[value for value in FORMATS if value in set(formats)],
        language=language, name=name, email=email, phone=phone, address=address, other_needs=other_needs,
        created_at=date_only(now) if consultation.anonymous else now,
    )
    db.session.add(request)
    db.session.flush()
    return request


def requests_of(consultation_id: int) -> list[ContactRequest]:
    """Every request for one consultation, by name (then by their random key).

    Never in the order they came: side by side with the responses, also in the order they came,
    that order would pair each request with its answers in an anonymous consultation.
    """
    return list(db.session.scalars(
        select(ContactRequest).where(ContactRequest.consultation_id == consultation_id)
        .order_by(ContactRequest.name.is_(None), func.lower(ContactRequest.name), ContactRequest.key)))


def find_request(consultation_id: int, key: str | None) -> ContactRequest | None:
    if not key:
        return None
    return db.session.scalar(select(ContactRequest).where(
        ContactRequest.consultation_id == consultation_id, ContactRequest.key == key[:32]))


def mark_done(request: ContactRequest, done: bool, now: datetime | None = None) -> bool:
    """Mark a request done (the results went out this way) or not done. False when nothing changed."""
    if done == (request.done_at is not None):
        return False
    request.done_at = (now or utcnow()) if done else None
    return True


def forget_done_details(consultation_id: int) -> int:
    """Delete the contact details of every request marked done; the ways asked for stay, for counting.

    Returns how many requests lost their details.
    """
    return forget_details(consultation_id, done_only=True)


def forget_details(consultation_id: int, *, done_only: bool) -> int:
    """Delete the contact details of the requests marked done, or of every request (data retention,
    consult/retention, once its period has passed). Returns how many requests lost their details."""
    count = 0
    for request in requests_of(consultation_id):
        if (request.done_at is not None or not done_only) and has_details(request):
            for name in DETAILS:
                setattr(request, name, None)
            count += 1
    return count


def has_details(request) -> bool:
    return any(getattr(request, name) for name in DETAILS)


# -- pure functions over plain values ---------------------------------------------------------------

def count_by_format(format_lists: Iterable[Sequence[str]]) -> dict[str, int]:
    """How many requests ask for each format, every format listed (in the model's order), 0 included."""
    counts = dict.fromkeys(FORMATS, 0)
    for formats in format_lists:
        for value in set(formats or ()):
            if value in counts:
                counts[value] += 1
    return counts


def with_format(requests: Iterable, value: str | None) -> list:
    """The requests that ask for ``value`` (all of them when it is None)."""
    return [request for request in requests if value is None or value in (request.formats or ())]


def csv_rows(requests: Iterable, headers: Sequence[str], format_name: Callable[[str], str],
             day: Callable[[datetime | None], str], neutralise: Callable) -> Iterator[list]:
    """The rows of the staff CSV: the header, then one row per request, every text cell neutralised
    (a name or a note typed as "=HYPERLINK(...)" must not run in a spreadsheet)."""
    yield [neutralise(header) for header in headers]
    for request in requests:
        yield [neutralise(value) if value is not None else "" for value in (
            day(request.created_at),
            "; ".join(format_name(value) for value in request.formats or ()),
            request.language, request.name, request.email, request.phone, request.address, request.other_needs,
            day(request.done_at) if request.done_at else "",
        )]
