"""The claim-and-retry rules of Consult's two outboxes, written once: messages
(consult/messages/outbox.py) and webhook deliveries (consult/webhooks/delivery.py).

Both keep a row per thing to send with ``state``, ``attempts``, ``next_attempt_at`` and
``claimed_at``. A row is *due* when its time has come and it is ``waiting``, or ``sending`` under a
claim older than the claim lapse (the worker that claimed it died). A worker sends a row only after
winning its claim: one conditional UPDATE that moves it to ``sending``, which only one worker can
win, so two workers never send the same row at once. After a failure worth retrying, the wait grows
from half a minute, doubling, to at most an hour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from consult.extensions import db

FIRST_RETRY_SECONDS = 30
LONGEST_WAIT_SECONDS = 3600


def retry_after(attempts: int) -> int:
    """Seconds to wait after ``attempts`` failed tries: half a minute, doubling, at most an hour."""
    return min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_WAIT_SECONDS)


def due_condition(model, now: datetime, claim_seconds: int):
    stale = now - timedelta(seconds=claim_seconds)
    return (model.next_attempt_at <= now) & or_(
        model.state == "waiting", (model.state == "sending") & (model.claimed_at < stale))


def claim(model, row_id: int, now: datetime, claim_seconds: int) -> bool:
    """Win the claim on one row (committed at once); False when it is not due or another worker has it."""
    claimed = db.session.execute(
        update(model)
        .where(model.id == row_id, due_condition(model, now, claim_seconds))
        .values(state="sending", claimed_at=now, attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return bool(claimed)


def due_ids(model, now: datetime, claim_seconds: int) -> list[int]:
    """The rows due now, the longest-waiting first."""
    return list(db.session.scalars(select(model.id).where(due_condition(model, now, claim_seconds))
                                   .order_by(model.next_attempt_at, model.id)))


def deliver_each(row_ids: list[int], deliver: Callable[[int], str]) -> dict[str, int]:
    """Try each row here, one after another; how many ended in each state."""
    counts: dict[str, int] = {}
    for row_id in row_ids:
        state = deliver(row_id)
        counts[state] = counts.get(state, 0) + 1
    return counts
