"""Staff accounts: create, authenticate, end sessions."""

from __future__ import annotations

from sqlalchemy import func, select

from consult.auth.passwords import hash_password, verify_password
from consult.extensions import db
from consult.models import ROLES, StaffUser


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_staff(email: str, password: str, role: str) -> StaffUser:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 12:
        raise ValueError("the password must be at least 12 characters")
    staff = StaffUser(email=normalise_email(email), password_hash=hash_password(password), role=role)
    db.session.add(staff)
    db.session.flush()
    return staff


def find_staff(email: str) -> StaffUser | None:
    return db.session.execute(
        select(StaffUser).where(func.lower(StaffUser.email) == normalise_email(email))
    ).scalar_one_or_none()


def authenticate(email: str, password: str) -> StaffUser | None:
    """The staff member, or None; callers show one message for both kinds of failure."""
    staff = find_staff(email)
    ok = verify_password(staff.password_hash if staff else None, password)
    if staff is None or not ok or not staff.active:
        return None
    return staff


def end_sessions(staff: StaffUser) -> None:
    staff.session_epoch += 1
