"""Staff accounts for the auth tests: one per role, and a signed-in admin."""

from __future__ import annotations

import pytest

from consult.auth.services import create_staff
from consult.extensions import db
from tests.auth.support import EMAILS, PASSWORD


@pytest.fixture
def staff(app):
    """One active account per role; returns {role: id}."""
    with app.app_context():
        ids = {role: create_staff(email, PASSWORD, role).id for role, email in EMAILS.items()}
        db.session.commit()
    return ids


@pytest.fixture
def admin(staff, signed_in):
    return signed_in("admin")
