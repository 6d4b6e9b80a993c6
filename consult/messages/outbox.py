"""The outbox: every message is recorded before it is sent, sent by one worker at a time, retried with
backoff, and never lost to a crash or a restart.

A message's life: ``waiting`` (recorded, due at ``next_attempt_at``) -> ``sending`` (one worker has
claimed it: a conditional UPDATE that only one worker can win, so two workers never both send it)
-> ``sent``; or back to ``waiting`` with a later ``next_attempt_at`` after a failure worth retrying;
or ``failed`` after a permanent refusal or ``MESSAGE_ATTEMPTS`` tries; or ``stopped`` by staff.

The claim and the waits between tries are consult/outbox_claims.py, shared with the webhooks.
A worker that dies while ``sending`` leaves the claim behind; after ``MESSAGE_CLAIM_SECONDS`` the
message is due again. Killed before the transport accepted the message (the SMTP transaction or
Notify's request never completed), it is sent once on the retry. Only a death in the instant between
the transport's acceptance and the commit that marks it sent can send it twice, and then with the
same key (the email's Message-ID, Notify's reference), so the repeat can be recognised.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from consult import jobs, outbox_claims
from consult.extensions import db
from consult.messages.transports import Outgoing, SendFailed, transport_of
from consult.models._time import utcnow
from consult.models.outbox import OutgoingMessage
from consult.outbox_claims import retry_after

log = logging.getLogger(__name__)


def queue_message(*, key: str, purpose: str, channel: str, recipient: str, subject: str = "", body: str = "",
                  language: str = "en", consultation_id: int | None = None, attachment_name: str | None = None,
                  attachment: bytes | None = None, send_now: bool = True) -> OutgoingMessage:
    """Record a message (committed at once) and ask a background job to send it.

    ``key`` names this message for good ("resume:<draft token>:<n>"): a second call with a key
    already recorded returns the first message and queues nothing, so a repeated click or a retried
    job cannot send it twice.
    """
    found = db.session.scalar(select(OutgoingMessage).where(OutgoingMessage.key == key))
    if found is not None:
        return found
    message = OutgoingMessage(
        key=key, purpose=purpose, channel=channel, recipient=recipient, subject=subject, body=body,
        language=language, consultation_id=consultation_id, attachment_name=attachment_name,
        attachment=attachment, masked_recipient=mask(channel, recipient), state="waiting",
        attempts=0, next_attempt_at=utcnow(),
    )
    db.session.add(message)
    db.session.flush()
    message_id = message.id
    db.session.commit()
    # Nothing more is read from the row here: on SQLite, reading would open a transaction that
    # holds up a job sending it from another connection.
    log.info("message %s (%s, %s) recorded", message_id, purpose, channel)
    if send_now:
        schedule(message_id)
    return message


def schedule(message_id: int) -> None:
    """Ask a background job to try this message now (the outbox row is what counts, not the job)."""
    jobs.enqueue("consult.messages.outbox.deliver", {"message_id": message_id}, kind="messages",
                 key=f"message:{message_id}")


def deliver(message_id: int) -> str:
    """Try to send one message; returns its state afterwards. Safe to call from any number of workers."""
    claimed = outbox_claims.claim(OutgoingMessage, message_id, utcnow(), current_app.config["MESSAGE_CLAIM_SECONDS"])
    message = db.session.get(OutgoingMessage, message_id)
    if message is None:
        return "gone"
    if not claimed:
        return message.state  # sent, stopped, not due yet, or another worker has it
    outgoing = Outgoing(message.key, message.channel, message.recipient or "", message.subject or "",
                        message.body or "", message.attachment_name, message.attachment)
    try:
        reference = transport_of(current_app).send(outgoing)
    except SendFailed as failure:
        _failed(message, failure.reason, failure.permanent)
    except Exception as error:  # a transport bug must not leave the message claimed for good
        log.exception("message %s: the transport raised", message.id)
        _failed(message, f"{error.__class__.__name__}: {error}", permanent=False)
    else:
        _sent(message, reference)
    db.session.commit()
    return message.state


def _sent(message: OutgoingMessage, reference: str) -> None:
    message.state = "sent"
    message.sent_at = utcnow()
    message.transport_reference = (reference or "")[:200]
    message.last_error = None
    message.claimed_at = None
    forget_contents(message)
    log.info("message %s sent after %s attempt(s)", message.id, message.attempts)


def _failed(message: OutgoingMessage, reason: str, permanent: bool) -> None:
    message.last_error = reason[:500]
    message.claimed_at = None
    if permanent or message.attempts >= current_app.config["MESSAGE_ATTEMPTS"]:
        message.state = "failed"
        log.warning("message %s failed for good after %s attempt(s)", message.id, message.attempts)
        return
    message.state = "waiting"
    message.next_attempt_at = utcnow() + timedelta(seconds=retry_after(message.attempts))
    log.info("message %s: attempt %s failed; trying again later", message.id, message.attempts)


def forget_contents(message: OutgoingMessage) -> None:
    """The address and the words go once nothing more will be sent; staff keep the masked address."""
    message.recipient = None
    message.body = None
    message.attachment = None


def due_ids(now: datetime | None = None) -> list[int]:
    return outbox_claims.due_ids(OutgoingMessage, now or utcnow(), current_app.config["MESSAGE_CLAIM_SECONDS"])


def deliver_due() -> dict[str, int]:
    """Send everything due now, here (``flask --app consult send-messages``, from cron every minute)."""
    return outbox_claims.deliver_each(due_ids(), deliver)


def stop(message: OutgoingMessage) -> bool:
    """Staff stop a message that has not gone; False when it already has (or is being sent)."""
    if message.state not in ("waiting", "failed"):
        return False
    message.state = "stopped"
    forget_contents(message)
    return True


def try_again(message: OutgoingMessage) -> bool:
    """Staff send a failed message again (after fixing the settings, say)."""
    if message.state != "failed" or message.recipient is None:
        return False
    message.state = "waiting"
    message.attempts = 0
    message.next_attempt_at = utcnow()
    return True


def mask(channel: str, recipient: str) -> str:
    """Enough for staff to tell messages apart, not enough to contact anyone."""
    recipient = (recipient or "").strip()
    if channel == "email" and "@" in recipient:
        name, _, domain = recipient.rpartition("@")
        return f"{name[:1]}•••@{domain}"[:80]
    if channel == "sms":
        digits = [c for c in recipient if c.isdigit()]
        return "••• " + "".join(digits[-3:])
    if channel == "letter":
        return recipient.splitlines()[-1][:80] if recipient else ""  # the postcode line
    return ""
