"""A resident's request to see a copy of their answers, or to have them deleted (UK GDPR articles 15, 17).

The resident has no account: the reference from their confirmation page says which answers they mean.
A request is kept whether or not the reference matches any answers, so the page that takes it never
tells a visitor which references exist; staff see which requests found answers and reply either way.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow

COPY = "copy"
DELETE = "delete"
KINDS = (COPY, DELETE)


def new_rights_key() -> str:
    return secrets.token_urlsafe(12)


class RightsRequest(db.Model):
    __tablename__ = "rights_request"
    __table_args__ = (CheckConstraint("kind IN ('copy', 'delete')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # What staff addresses name a request by: random, so no address counts requests or orders them.
    key: Mapped[str] = mapped_column(String(32), unique=True, default=new_rights_key)
    kind: Mapped[str] = mapped_column(String(16))
    # As the resident typed it, tidied (consult.codes.normalise_code); kept after the answers are deleted.
    reference: Mapped[str] = mapped_column(String(16))
    # The answers the reference matched when the request came in; empty when none did, or once deleted.
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"),
                                                        index=True)
    # The interface language the resident used: the copy and the reply should be in it.
    language: Mapped[str] = mapped_column(String(16))
    # How to send the copy or say it is done (an email or postal address); forgotten RIGHTS_REPLY_DAYS
    # after the request is done (flask apply-retention).
    reply_to: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    done_at: Mapped[datetime | None]
