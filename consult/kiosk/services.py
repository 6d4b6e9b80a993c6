"""Kiosk sessions: start, end, and the rules that keep one person's answers from the next.

verb_noun functions that change models and flush; the caller commits. No request, no rendering:
what the device's session cookie holds is handled in ``consult/kiosk/device.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from consult.audit import record
from consult.codes import new_token
from consult.extensions import db
from consult.models import Consultation, Draft, KioskSession
from consult.models._time import utcnow

# What staff choose from when they start a kiosk (seconds without a touch before "Are you still there?").
IDLE_CHOICES = (30, 60, 120, 180, 300, 600, 900, 1200)
DEFAULT_IDLE_SECONDS = 180
MINIMUM_IDLE_SECONDS = 30  # the database says so too (kiosk_session.idle_seconds >= 30)
# The warning stays up this long before the answers go: WCAG 2.2.1 asks for at least 20 seconds.
WARNING_SECONDS = 30
# The page tells the server "still here" at most this often while someone is busy (kiosk.js).
PING_SECONDS = 30
# The thank-you page goes back to the start after this long without a touch (kiosk.js).
THANKS_SECONDS = 60


def idle_limit(kiosk: KioskSession) -> timedelta:
    """How long a kiosk draft may go untouched on the server before it is deleted.

    The page warns after ``idle_seconds`` and clears ``WARNING_SECONDS`` later; it tells the server
    about activity at most every ``PING_SECONDS``. Allowing for both means the server never clears
    answers that a person on the page, answering the warning in time, still sees. Without
    JavaScript the server's rule is the only one.
    """
    return timedelta(seconds=kiosk.idle_seconds + WARNING_SECONDS + PING_SECONDS)


def is_stale(last_touched: datetime, kiosk: KioskSession, now: datetime | None = None) -> bool:
    return (now or utcnow()) - last_touched > idle_limit(kiosk)


def can_run_kiosk(consultation: Consultation) -> bool:
    """Only a published consultation that is taking answers right now."""
    return consultation.state() == "open"


def start_kiosk(consultation: Consultation, idle_seconds: int, language: str, by) -> KioskSession:
    if not can_run_kiosk(consultation):
        raise ValueError("a kiosk needs an open consultation")
    if idle_seconds < MINIMUM_IDLE_SECONDS:
        raise ValueError(f"the idle time must be at least {MINIMUM_IDLE_SECONDS} seconds")
    if language not in consultation.offered_languages:
        raise ValueError("the consultation is not offered in that language")
    kiosk = KioskSession(consultation_id=consultation.id, token=new_token(), idle_seconds=idle_seconds,
                         language=language, started_by_id=by.id if by is not None else None, started_at=utcnow())
    db.session.add(kiosk)
    db.session.flush()
    record("kiosk.started", "consultation", consultation.id,
           f"kiosk {kiosk.id}: {language}, {idle_seconds} s without a touch", staff=by)
    return kiosk


def find_kiosk(token: str | None) -> KioskSession | None:
    """The running kiosk with this token, or None (unknown, or ended)."""
    if not token:
        return None
    kiosk = db.session.execute(select(KioskSession).where(KioskSession.token == token)).scalar_one_or_none()
    if kiosk is None or kiosk.ended_at is not None:
        return None
    return kiosk


def consultation_of(kiosk: KioskSession) -> Consultation | None:
    return db.session.get(Consultation, kiosk.consultation_id)


def running_kiosks(consultation: Consultation) -> list[KioskSession]:
    return list(db.session.execute(
        select(KioskSession).where(KioskSession.consultation_id == consultation.id, KioskSession.ended_at.is_(None))
        .order_by(KioskSession.started_at)
    ).scalars())


def end_kiosk(kiosk: KioskSession, by, where: str = "on the device") -> None:
    """The kiosk stops; any answers still being given on it are deleted with it."""
    if kiosk.ended_at is not None:
        return
    kiosk.ended_at = utcnow()
    db.session.execute(delete(Draft).where(Draft.kiosk_session_id == kiosk.id))
    record("kiosk.ended", "consultation", kiosk.consultation_id, f"kiosk {kiosk.id}, ended {where}", staff=by)
    db.session.flush()


def kiosk_draft(kiosk: KioskSession, token: str | None) -> Draft | None:
    """The device's draft, if it belongs to this kiosk (a token from elsewhere is ignored)."""
    if not token:
        return None
    return db.session.execute(
        select(Draft).where(Draft.token == token, Draft.kiosk_session_id == kiosk.id)
    ).scalar_one_or_none()


def claim_draft(draft: Draft, kiosk: KioskSession) -> None:
    """A draft started on a kiosk belongs to it: never resumable, kept only while the device is in use."""
    draft.kiosk_session_id = kiosk.id
    touch_kiosk_draft(draft, kiosk)


def touch_kiosk_draft(draft: Draft, kiosk: KioskSession, now: datetime | None = None) -> None:
    """Someone is using the device: the idle clock starts again.

    ``expires_at`` follows the idle limit too, so ``purge-drafts`` removes what a person walked away
    from and ``respond.services.find_draft`` never hands out a stale kiosk draft.
    """
    now = now or utcnow()
    draft.updated_at = now
    draft.expires_at = now + idle_limit(kiosk)


def delete_draft(draft: Draft | None) -> None:
    """Deleted on the server, not just forgotten by the browser. A submitted draft goes too: its
    response keeps the answers, and nothing on the device needs to point at them."""
    if draft is not None:
        db.session.delete(draft)
        db.session.flush()
