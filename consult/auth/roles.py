"""Who may do what: the one place that says which roles each kind of staff page needs.

Admins may do everything (``consult.auth.sessions.has_role``), so they are named only where a page
is for admins alone. Route modules import these names; none keeps a tuple of its own.
"""

from consult.models.staff import ROLES

EVERYONE = ROLES
ADMINS = ("admin",)
# Build questionnaires, enter paper answers, keep contact requests, set reach targets, write outcomes.
EDITORS = ("editor",)
# Read results: the dashboard, responses, exports, themes and reports.
READERS = ("analyst", "editor")
# Start and stop kiosk sessions in the room.
KIOSK_RUNNERS = ("editor", "analyst")

__all__ = ["ADMINS", "EDITORS", "EVERYONE", "KIOSK_RUNNERS", "READERS", "ROLES"]
