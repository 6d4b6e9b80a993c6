"""Between the password and the code: who is halfway through signing in, kept in their session.

After a right password, an account with two-step sign-in is not signed in: the session only says
"this account, at this session epoch, since then", for PENDING_MINUTES. The code page reads it back
and signs in only after a right code. Changing the password, signing out everywhere, deactivation or
turning two-step sign-in off all make a waiting step void.
"""

from __future__ import annotations

import time

from flask import session

from consult.extensions import db
from consult.models import StaffUser

KEY = "two_step_pending"
# Long enough to find a phone and open the app; short enough that a browser left at this page is not
# half signed in for long.
PENDING_MINUTES = 10


def await_code(staff: StaffUser, next_path: str | None) -> None:
    session[KEY] = {"staff": staff.id, "epoch": staff.session_epoch, "since": int(time.time()),
                    "next": next_path if isinstance(next_path, str) else None}


def pending() -> tuple[StaffUser, str | None] | None:
    """(the staff member, where to go afterwards), or None when nobody is waiting for a code here."""
    data = session.get(KEY)
    if not isinstance(data, dict):
        return None
    try:
        staff_id, epoch, since = int(data["staff"]), int(data["epoch"]), int(data["since"])
    except (KeyError, TypeError, ValueError):
        return None
    age = time.time() - since
    if not 0 <= age <= PENDING_MINUTES * 60:
        session.pop(KEY, None)
        return None
    staff = db.session.get(StaffUser, staff_id)
    if staff is None or not staff.active or staff.session_epoch != epoch or not staff.two_step_on:
        return None
    next_path = data.get("next")
    return staff, next_path if isinstance(next_path, str) else None
