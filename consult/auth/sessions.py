"""Loading the signed-in staff member; a cookie from before the last sign-out no longer works."""

from __future__ import annotations

from functools import wraps

from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden

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


def forbidden() -> Forbidden:
    """A 403 that carries our own plain, translated page (no error handler needed).

    ``raise forbidden()`` from any view; it is still a ``Forbidden``, so an app-wide 403 handler,
    if one is ever added, takes over.
    """
    from consult.htmx import render

    return Forbidden(response=render("errors/forbidden.html", status=403))


def has_role(staff, *roles: str) -> bool:
    """Admins may do everything; everyone else only what their role allows."""
    return staff.role == "admin" or staff.role in roles


def staff_may(kind: str) -> bool:
    """For templates: may the signed-in person do this kind of thing? ``kind`` names a tuple in
    consult.auth.roles ("EDITORS", "ADMINS", "READERS"), so pages show exactly what the routes allow."""
    from consult.auth import roles

    return bool(current_user.is_authenticated and has_role(current_user, *getattr(roles, kind)))


def role_required(*roles: str):
    """Signed in, and one of these roles (admin may do everything)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not has_role(current_user, *roles):
                raise forbidden()
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator
