"""What a staff member had typed when their session ended for lack of activity, kept for after sign-in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


class KeptWork(db.Model):
    """One form post that arrived after the session had ended (consult/auth/kept_work.py).

    One row per person at most: a newer one replaces the older. Rows older than a day are deleted.
    Never a resident's answers, never a password (the rules that decide what is kept say why).
    """

    __tablename__ = "kept_work"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), unique=True)
    # Where the form was sent (path and query on this site), and the page the person was on.
    action: Mapped[str] = mapped_column(String(2000))
    page: Mapped[str] = mapped_column(String(2000))
    # The form's fields as a JSON list of [name, value] pairs, in the order they were sent.
    fields: Mapped[str] = mapped_column(Text)
    # A hash of a random key kept in a cookie of the browser that sent the form: the work is shown only
    # there, so a stolen, expired session cookie cannot be used to plant "your work" for someone else.
    claim: Mapped[str] = mapped_column(String(64))
    # Files chosen in the form are not kept: the page says to choose them again.
    had_files: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
