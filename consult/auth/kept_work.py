"""Keeping what a staff member typed when their session ended for lack of activity.

Services only (no request, no rendering): which fields may be kept, and the KeptWork rows. The
request side, which decides when to keep and where the person goes next, is consult/auth/idle.py.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta

from sqlalchemy import delete, select

from consult.extensions import db
from consult.models import KeptWork
from consult.models._time import utcnow

# Kept for a working day: long enough to sign in again after lunch or a meeting, short enough that
# nobody's half-finished text lingers.
KEEP_HOURS = 24
# A form is kept whole or not at all (half a form would be worse than none). These allow a long
# outcome or a translation page with many rows, and stop one post filling the database.
MAX_CHARACTERS = 100_000
MAX_FIELDS = 500
# Never kept, whatever the page: the CSRF token (a fresh one goes with the form when it is sent
# again), and anything named like a password.
NEVER_KEPT = ("csrf_token",)
SECRET_WORDS = ("password",)


class TooMuch(Exception):
    """The form is bigger than MAX_CHARACTERS or MAX_FIELDS: nothing of it is kept."""


def keepable_fields(items) -> list[tuple[str, str]]:
    """The (name, value) pairs of a posted form that may be kept, in order; [] when nothing was typed.

    Raises TooMuch when the form is too big to keep.
    """
    fields = []
    size = 0
    for name, value in items:
        if name in NEVER_KEPT or any(word in name.lower() for word in SECRET_WORDS):
            continue
        # PostgreSQL refuses NUL in text; the app refuses such requests anyway (request_values.py).
        name, value = name.replace("\x00", ""), value.replace("\x00", "")
        size += len(name) + len(value)
        fields.append((name, value))
        if size > MAX_CHARACTERS or len(fields) > MAX_FIELDS:
            raise TooMuch
    if not any(value.strip() for _name, value in fields):
        return []
    return fields


def new_claim() -> tuple[str, str]:
    """(key for the browser's cookie, hash to store)."""
    key = secrets.token_urlsafe(32)
    return key, _hash(key)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _cutoff():
    return utcnow() - timedelta(hours=KEEP_HOURS)


def keep_work(staff_id: int, action: str, page: str, fields: list[tuple[str, str]], claim_hash: str,
              had_files: bool) -> KeptWork:
    """Keep this form for its author, replacing anything kept for them before; old rows of anyone go."""
    db.session.execute(delete(KeptWork).where(KeptWork.created_at < _cutoff()))
    db.session.execute(delete(KeptWork).where(KeptWork.staff_id == staff_id))
    work = KeptWork(staff_id=staff_id, action=action[:2000], page=page[:2000], fields=json.dumps(fields),
                    claim=claim_hash, had_files=had_files)
    db.session.add(work)
    db.session.flush()
    return work


def kept_work_for(staff_id: int, claim_key: str | None) -> KeptWork | None:
    """What this person kept in this browser (the cookie's key), if it is not too old."""
    if not claim_key:
        return None
    work = db.session.scalar(select(KeptWork).where(KeptWork.staff_id == staff_id))
    if work is None or work.created_at < _cutoff() or not secrets.compare_digest(work.claim, _hash(claim_key)):
        return None
    return work


def fields_of(work: KeptWork) -> list[tuple[str, str]]:
    return [(name, value) for name, value in json.loads(work.fields)]


def forget_kept_work(staff_id: int, work_id: int | None = None) -> None:
    """Delete this person's kept work (only the row ``work_id``, when given)."""
    query = delete(KeptWork).where(KeptWork.staff_id == staff_id)
    if work_id is not None:
        query = query.where(KeptWork.id == work_id)
    db.session.execute(query)
