"""Loading the signed-in staff member; a cookie from before the last sign-out no longer works."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from consult.extensions import db
from consult.models import StaffUser


def load_user(user_id: str):
    try:
        raw_id, raw_epoch = user_id.split(":", 1)
        staff = db.session.get(StaffUser, int(raw_id))
        epoch = int(raw_epoch)
    except (ValueError, TypeError):
        return None
    if staff is None or not staff.active or staff.session_epoch != epoch:
        return None
    return staff


def role_required(*roles: str):
    """Signed in, and one of these roles (admin may do everything)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role != "admin" and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator
