"""Staff accounts, and the recovery codes of those who use two-step sign-in."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow

ROLES = ("admin", "editor", "analyst")


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_user"
    __table_args__ = (CheckConstraint("role IN ('admin', 'editor', 'analyst')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(16))
    # Raised to end every session this person has (sign-out, password change, deactivation).
    session_epoch: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Two-step sign-in (consult/auth/two_step.py). The base32 secret their authenticator app shares:
    # set while they are setting it up, and kept while it is on (totp_enabled_at set). It cannot be
    # hashed, since the server computes codes from it.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None]
    # The time step of the last code accepted: a code from that step or an earlier one is refused,
    # so a code seen over someone's shoulder cannot be used again while it is still current.
    totp_last_step: Mapped[int | None]
    # Who this is at the organisation's identity provider ("<issuer> <sub>"), once they have signed in
    # through it (consult/auth/oidc.py): their email may change there, this does not.
    oidc_subject: Mapped[str | None] = mapped_column(String(512), unique=True)
    # Editors and admins get alerts by email (a consultation closing in 3 days, a daily summary of new
    # answers: consult/messages/staff_alerts.py) unless they turn them off on the Messages page.
    staff_alerts: Mapped[bool] = mapped_column(default=True, server_default=sa_true())

    @property
    def is_active(self) -> bool:  # Flask-Login asks this
        return self.active

    @property
    def two_step_on(self) -> bool:
        return self.totp_enabled_at is not None and self.totp_secret is not None

    def get_id(self) -> str:
        # The epoch is part of the id, so a cookie from before the last sign-out stops working.
        return f"{self.id}:{self.session_epoch}"


class StaffRecoveryCode(db.Model):
    """One of the codes shown once when two-step sign-in is set up; each signs in once, without the app."""

    __tablename__ = "staff_recovery_code"
    __table_args__ = (UniqueConstraint("staff_id", "code_hash", name="uq_staff_recovery_code_staff_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), index=True)
    # A keyed hash of the code (two_step.hash_recovery_code), never the code itself.
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]
