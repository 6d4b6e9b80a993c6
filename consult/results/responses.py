"""Single responses for staff: a page of them, one in full, its neighbours, and deleting one.

Services in the house style: verb_noun functions over the database, no request and no rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.models import Response
from consult.results.analysis import response_conditions
from consult.results.counts import forget_response
from consult.results.plain import ResponseFilter

PER_PAGE = 50


@dataclass(frozen=True)
class ResponsePage:
    items: list[Response]
    page: int
    pages: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def find_response(consultation_id: int, reference: str) -> Response | None:
    return db.session.execute(
        select(Response).where(Response.consultation_id == consultation_id, Response.reference == reference)
        .options(selectinload(Response.answers))
    ).scalar_one_or_none()


# Newest first. The random reference breaks ties, not the id: an anonymous consultation keeps the
# date only, and ids count up in the order people answered.
_ORDER = (Response.submitted_at.desc(), Response.reference.desc())


def list_responses(consultation_id: int, where: ResponseFilter, page: int = 1, per_page: int = PER_PAGE) -> ResponsePage:
    conditions = response_conditions(consultation_id, where)
    total = db.session.scalar(select(func.count()).select_from(Response).where(*conditions)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    items = db.session.scalars(
        select(Response).where(*conditions).order_by(*_ORDER).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return ResponsePage(list(items), page, pages)


def neighbours(consultation_id: int, where: ResponseFilter, response: Response) -> tuple[str | None, str | None]:
    """The references listed just before (newer) and just after (older) this response."""
    conditions = response_conditions(consultation_id, where)
    at, key = response.submitted_at, response.reference
    newer = db.session.scalar(
        select(Response.reference).where(*conditions, or_(Response.submitted_at > at,
                                                          and_(Response.submitted_at == at, Response.reference > key)))
        .order_by(Response.submitted_at.asc(), Response.reference.asc()).limit(1)
    )
    older = db.session.scalar(
        select(Response.reference).where(*conditions, or_(Response.submitted_at < at,
                                                          and_(Response.submitted_at == at, Response.reference < key)))
        .order_by(*_ORDER).limit(1)
    )
    return newer, older


def delete_response(response: Response) -> None:
    """Delete a response and its answers (and their themes: the database cascades)."""
    forget_response(response)
    db.session.delete(response)
    db.session.flush()
