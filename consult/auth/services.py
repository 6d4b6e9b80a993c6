"""Staff accounts: create, authenticate, change, end sessions; and reading the audit log.

Functions change models and flush; the caller commits. No request, no rendering.
"""

from __future__ import annotations

from sqlalchemy import func, select

from consult.audit import record
from consult.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from consult.extensions import db
from consult.models import ROLES, AuditEntry, StaffUser


class StaffChangeRefused(ValueError):
    """A change that is not allowed (callers turn ``reason`` into a translated message)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


EMAIL_TAKEN = "email_taken"
SELF_DEMOTION = "self_demotion"
SELF_DEACTIVATION = "self_deactivation"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_staff(email: str, password: str, role: str) -> StaffUser:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    staff = StaffUser(email=normalise_email(email), password_hash=hash_password(password), role=role)
    db.session.add(staff)
    db.session.flush()
    return staff


def find_staff(email: str) -> StaffUser | None:
    return db.session.execute(
        select(StaffUser).where(func.lower(StaffUser.email) == normalise_email(email))
    ).scalar_one_or_none()


def get_staff(staff_id: int) -> StaffUser | None:
    return db.session.get(StaffUser, staff_id)


def list_staff() -> list[StaffUser]:
    """Active people first, then by email."""
    return list(db.session.execute(
        select(StaffUser).order_by(StaffUser.active.desc(), StaffUser.email)
    ).scalars())


def authenticate(email: str, password: str) -> StaffUser | None:
    """The staff member, or None; callers show one message for both kinds of failure."""
    staff = find_staff(email)
    ok = verify_password(staff.password_hash if staff else None, password)
    if staff is None or not ok or not staff.active:
        return None
    return staff


def end_sessions(staff: StaffUser) -> None:
    """Every cookie issued to this person so far stops working (see sessions.load_user)."""
    staff.session_epoch += 1


def add_staff(email: str, password: str, role: str, by: StaffUser) -> StaffUser:
    """An admin adds someone; they sign in with the first password they are told."""
    if find_staff(email) is not None:
        raise StaffChangeRefused(EMAIL_TAKEN)
    staff = create_staff(email, password, role)
    record("staff.created", "staff", staff.id, f"{staff.email} ({role})", staff=by)
    return staff


def change_role(staff: StaffUser, role: str, by: StaffUser) -> bool:
    """True if the role changed. Nobody changes their own role, so an admin always remains."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if staff.id == by.id:
        raise StaffChangeRefused(SELF_DEMOTION)
    old = staff.role
    if old == role:
        return False
    staff.role = role
    record("staff.role_changed", "staff", staff.id, f"{staff.email}: {old} → {role}", staff=by)
    db.session.flush()
    return True


def deactivate_staff(staff: StaffUser, by: StaffUser) -> bool:
    """True if they were active. Their sessions end now and they cannot sign in."""
    if staff.id == by.id:
        raise StaffChangeRefused(SELF_DEACTIVATION)
    if not staff.active:
        return False
    staff.active = False
    end_sessions(staff)
    record("staff.deactivated", "staff", staff.id, f"{staff.email} ({staff.role})", staff=by)
    db.session.flush()
    return True


def reactivate_staff(staff: StaffUser, by: StaffUser) -> bool:
    """True if they were inactive. Old sessions stay ended: they sign in again."""
    if staff.active:
        return False
    staff.active = True
    record("staff.reactivated", "staff", staff.id, f"{staff.email} ({staff.role})", staff=by)
    db.session.flush()
    return True


def check_password(staff: StaffUser, password: str) -> bool:
    return verify_password(staff.password_hash, password)


def change_password(staff: StaffUser, new_password: str) -> None:
    """A new password ends every session; the caller signs the current one in again."""
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    staff.password_hash = hash_password(new_password)
    end_sessions(staff)
    record("staff.password_changed", "staff", staff.id, staff.email, staff=staff)
    db.session.flush()


def set_locale(staff: StaffUser, locale: str) -> None:
    staff.locale = locale
    db.session.flush()


def audit_page(page: int, per_page: int) -> tuple[list[AuditEntry], int]:
    """One page of the audit log, newest first, and how many entries there are in all."""
    total = db.session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    entries = db.session.execute(
        select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ).scalars().all()
    return list(entries), total
