"""Recording who did what to what, for the admins' audit log. Never pass answer text here."""

from __future__ import annotations

from flask_login import current_user

from consult.extensions import db
from consult.models import AuditEntry


def record(action: str, subject_type: str, subject_id: int | None = None, detail: str = "", staff=None) -> AuditEntry:
    """Add an entry for ``action`` ("consultation.published") by ``staff`` (default: whoever is signed in)."""
    if staff is None and current_user and getattr(current_user, "is_authenticated", False):
        staff = current_user
    entry = AuditEntry(
        staff_id=staff.id if staff is not None else None,
        staff_email=staff.email if staff is not None else None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=detail[:500],
    )
    db.session.add(entry)
    return entry
