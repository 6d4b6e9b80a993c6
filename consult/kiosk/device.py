"""This device's side of a kiosk: what its session cookie holds, read once per request.

The cookie holds only the kiosk's token (plus the usual draft token, language and version); the
answers stay on the server, as everywhere else.
"""

from __future__ import annotations

from flask import g, session

from consult.i18n import LANGUAGE_SESSION_KEY
from consult.kiosk import services
from consult.models import KioskSession
from consult.respond.context import REGISTER_SESSION_KEY
from consult.respond.pages import DRAFTS_KEY

KIOSK_KEY = "kiosk"
# Set when a person sends their answers; the thank-you page is shown only while it is set.
THANKS_KEY = "kiosk_thanks"
# Set when answers were cleared because nobody touched the device; the start page says so once.
CLEARED_KEY = "kiosk_cleared"

_UNSET = object()


def current() -> KioskSession | None:
    """The running kiosk this device belongs to, or None (the normal journey).

    No kiosk key in the cookie costs nothing; otherwise one query per request, remembered in ``g``.
    """
    if KIOSK_KEY not in session:
        return None
    found = g.get("_kiosk", _UNSET)
    if found is _UNSET:
        found = services.find_kiosk(session.get(KIOSK_KEY))
        g._kiosk = found
    return found


def has_kiosk_key() -> bool:
    return KIOSK_KEY in session


def become_kiosk(kiosk: KioskSession) -> None:
    """Everything from before goes (the staff sign-in above all); the device now belongs to the kiosk."""
    session.clear()
    # A lasting cookie: closing and reopening the browser must not be a way out of kiosk mode.
    session.permanent = True
    session[KIOSK_KEY] = kiosk.token
    session[LANGUAGE_SESSION_KEY] = kiosk.language
    g._kiosk = kiosk


def leave_kiosk() -> None:
    """Back to an ordinary browser with nothing remembered."""
    session.clear()
    g._kiosk = None


def draft_token(slug: str) -> str | None:
    return (session.get(DRAFTS_KEY) or {}).get(slug)


def forget_person(kiosk: KioskSession, cleared: bool = False) -> None:
    """Ready for the next person: no draft token, no thank-you, the kiosk's own language, standard words.

    ``cleared``: the last person's answers were cleared for lack of activity (the start page says so).
    """
    session.pop(DRAFTS_KEY, None)
    session.pop(THANKS_KEY, None)
    session.pop(REGISTER_SESSION_KEY, None)
    if kiosk.language:
        session[LANGUAGE_SESSION_KEY] = kiosk.language
    if cleared:
        session[CLEARED_KEY] = True


def thank_person() -> None:
    session.pop(DRAFTS_KEY, None)
    session[THANKS_KEY] = True


def is_thanking() -> bool:
    return bool(session.get(THANKS_KEY))


def stop_thanking() -> None:
    session.pop(THANKS_KEY, None)


def take_cleared_notice() -> bool:
    """True once after answers were cleared, for the start page's kind message."""
    return bool(session.pop(CLEARED_KEY, False))
