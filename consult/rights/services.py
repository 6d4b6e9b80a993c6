"""Requests to see or delete answers: storing, listing, finding and completing them.

No request or rendering here. A request is stored whatever the reference matches, so nothing a
visitor sees depends on whether a reference exists; staff see whether it matched.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from consult import audit
from consult.codes import normalise_code
from consult.extensions import db
from consult.models import Response, RightsRequest
from consult.models._time import utcnow
from consult.models.rights import DELETE
from consult.results.counts import forget_response
from consult.retention.rules import add_months
from consult.times import to_local

# UK GDPR article 12(3): an answer within one month of the request.
REPLY_MONTHS = 1


def create_rights_request(kind: str, typed_reference: str, language: str, reply_to: str | None,
                          now: datetime | None = None) -> RightsRequest:
    reference = normalise_code(typed_reference)[:16]
    response = db.session.scalar(select(Response).where(Response.reference == reference))
    request = RightsRequest(
        kind=kind, reference=reference, language=language, reply_to=(reply_to or "").strip() or None,
        response_id=response.id if response is not None else None,
        consultation_id=response.consultation_id if response is not None else None,
        created_at=now or utcnow(),
    )
    db.session.add(request)
    db.session.flush()
    return request


def reply_by(request: RightsRequest) -> datetime:
    """When the answer is due: one month after the request came in."""
    return add_months(request.created_at, REPLY_MONTHS)


def open_requests() -> list[RightsRequest]:
    """Requests not yet dealt with, the oldest (the soonest due) first."""
    return list(db.session.scalars(select(RightsRequest).where(RightsRequest.done_at.is_(None))
                                   .order_by(RightsRequest.created_at, RightsRequest.key)))


def recently_done(now: datetime | None = None) -> list[RightsRequest]:
    """Requests dealt with in the last RIGHTS_REPLY_DAYS, while staff may still need the way to reply."""
    since = (now or utcnow()) - timedelta(days=current_app.config["RIGHTS_REPLY_DAYS"])
    return list(db.session.scalars(select(RightsRequest).where(RightsRequest.done_at >= since)
                                   .order_by(RightsRequest.done_at.desc(), RightsRequest.key)))


def find_rights_request(key: str | None) -> RightsRequest | None:
    if not key:
        return None
    return db.session.scalar(select(RightsRequest).where(RightsRequest.key == key[:32]))


def answers_of(request: RightsRequest) -> Response | None:
    """The response the request is about, while it exists."""
    return db.session.get(Response, request.response_id) if request.response_id is not None else None


def mark_done(request: RightsRequest, now: datetime | None = None) -> bool:
    """A copy sent, or a reply that no answers have the reference. False when it was already done."""
    if request.done_at is not None:
        return False
    request.done_at = now or utcnow()
    audit.record(f"rights.{request.kind}_done", "rights_request", None, _audit_detail(request))
    return True


def record_copy_made(request: RightsRequest, file_format: str) -> None:
    """Who took a copy of one person's answers, and when: the reference and day asked only."""
    audit.record(f"rights.copy_made_{file_format}", "rights_request", None, _audit_detail(request))


def delete_answers(request: RightsRequest, now: datetime | None = None) -> bool:
    """Delete the response and its answers (themes go with them: the database cascades), mark the
    request done, and audit it by reference and date only. False when there was nothing to delete."""
    response = answers_of(request)
    if request.kind != DELETE or request.done_at is not None or response is None:
        return False
    forget_response(response)  # out of the results counted ahead (consult/results/counts.py)
    db.session.delete(response)
    request.response_id = None
    request.done_at = now or utcnow()
    audit.record("response.deleted_on_request", "rights_request", None, _audit_detail(request))
    db.session.flush()
    return True


def _audit_detail(request: RightsRequest) -> str:
    """The reference and the day asked: nothing of the answers, nothing of the way to reply."""
    return f"{request.reference} (asked {to_local(request.created_at).date().isoformat()})"
