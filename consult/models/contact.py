"""How people want to hear back (NHS Accessible Information Standard), kept apart from their answers."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


def new_request_key() -> str:
    return secrets.token_urlsafe(12)


FORMATS = ("easy_read", "large_print", "language", "audio", "bsl", "braille", "email", "post")


class ContactRequest(db.Model):
    """A request to hear about the results in a particular way, with the contact details given.

    ``response_id`` links the request to the answers only when the consultation is not anonymous;
    for an anonymous consultation it stays empty, so contact details never sit beside answers.
    """

    __tablename__ = "contact_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What staff pages name a request by. Not the id: ids count up in the order people answered,
    # which could pair a request with an anonymous response sent at the same moment.
    key: Mapped[str] = mapped_column(String(32), unique=True, default=new_request_key)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"))
    formats: Mapped[list] = mapped_column(JSON, default=list)  # values from FORMATS
    language: Mapped[str | None] = mapped_column(String(60))  # "Welsh", "Polish", or a code
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(60))
    address: Mapped[str | None] = mapped_column(Text)
    other_needs: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by staff once they have sent the results this way.
    done_at: Mapped[datetime | None]
