"""Removing what a retention rule says is due: run daily by ``flask --app consult apply-retention``.

For each closed consultation, once its periods have passed:

- words people wrote (free-text answers, "Other, please say" boxes) are replaced with "Removed under
  the retention rule", and so are answers to personal-data questions (email, phone, postcode,
  address). The answer rows stay, with their options, numbers and themes, so every count in the
  results still adds up, and a reader sees why the words are gone;
- requests to hear about the results lose their contact details (consult.contact.services);
- webhook deliveries of its responses that were never delivered lose their bodies, which carry the
  answers (consult.webhooks.delivery), once the earlier of the two periods has passed.

And the way to reply to a request to see or delete answers is forgotten RIGHTS_REPLY_DAYS after the
request was dealt with.

Running it again changes nothing: only words not yet removed are counted and changed. The audit log
gets one entry per consultation where something changed, with counts only, never the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from consult import audit
from consult.contact.services import forget_details
from consult.extensions import db
from consult.models import Answer, Consultation, Question, RightsRequest
from consult.models._time import utcnow
from consult.models.consultation import PUBLISHED
from consult.retention.copies import forget_answer_copies
from consult.retention.rules import add_months, closed_at, removed_words, rule_for


@dataclass(frozen=True)
class Removal:
    """What one run removed from one consultation."""

    slug: str
    written_answers: int
    personal_answers: int
    contact_requests: int
    webhook_bodies: int = 0

    def describe(self) -> str:
        """For the audit log and the command's output: counts only."""
        words = (f"{self.slug}: {self.written_answers} written answers and {self.personal_answers} "
                 f"personal-data answers removed, {self.contact_requests} contact requests' details deleted")
        if self.webhook_bodies:
            words += f", {self.webhook_bodies} undelivered webhook bodies deleted"
        return words


@dataclass(frozen=True)
class RetentionReport:
    removals: list[Removal]
    rights_replies_forgotten: int

    @property
    def changed(self) -> bool:
        return bool(self.removals or self.rights_replies_forgotten)


def _all_markers() -> list[str]:
    """The removed-words text in every interface language: already removed, whatever the language."""
    return [removed_words(language) for language in current_app.config["LANGUAGES"]]


def _replace_words(question_ids: list[int], marker: str, markers: list[str]) -> int:
    if not question_ids:
        return 0
    result = db.session.execute(
        update(Answer)
        .where(Answer.question_id.in_(question_ids), Answer.text.is_not(None), Answer.text.not_in(markers))
        .values(text=marker)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def _questions(consultation_id: int) -> list[Question]:
    # Deleted questions too: their answers wait for Undo, and are kept no longer than the others.
    return list(db.session.scalars(select(Question).where(Question.consultation_id == consultation_id)))


def apply_to_consultation(consultation: Consultation, now: datetime, markers: list[str]) -> Removal | None:
    """Remove what is due in one consultation; None when nothing was (or nothing is due)."""
    closed = closed_at(consultation, now)
    if closed is None:
        return None
    rule = rule_for(consultation)
    marker = removed_words(consultation.default_language)
    questions = _questions(consultation.id)
    written = personal = requests = bodies = 0
    # A webhook body holds both kinds of answer: it goes when the first of them does.
    if now >= add_months(closed, min(rule.free_text_months, rule.contact_months)):
        bodies = forget_answer_copies(consultation.id)
    if now >= add_months(closed, rule.free_text_months):
        written = _replace_words([q.id for q in questions if q.type.has_written_answers(q)
                                  and not q.type.personal_data], marker, markers)
    if now >= add_months(closed, rule.contact_months):
        personal = _replace_words([q.id for q in questions if q.type.personal_data], marker, markers)
        requests = forget_details(consultation.id, done_only=False)
    if not (written or personal or requests or bodies):
        return None
    removal = Removal(consultation.slug, written, personal, requests, bodies)
    audit.record("retention.applied", "consultation", consultation.id, removal.describe())
    return removal


def forget_rights_replies(now: datetime) -> int:
    """Forget how to reply to requests dealt with more than RIGHTS_REPLY_DAYS ago."""
    before = now - timedelta(days=current_app.config["RIGHTS_REPLY_DAYS"])
    result = db.session.execute(
        update(RightsRequest)
        .where(RightsRequest.done_at.is_not(None), RightsRequest.done_at <= before, RightsRequest.reply_to.is_not(None))
        .values(reply_to=None)
        .execution_options(synchronize_session=False)
    )
    count = result.rowcount or 0
    if count:
        audit.record("retention.rights_replies_forgotten", "rights_request", None,
                     f"{count} replied requests' contact details deleted")
    return count


def apply_retention(now: datetime | None = None) -> RetentionReport:
    """Apply every consultation's rule as of ``now``; the caller commits."""
    now = now or utcnow()
    markers = _all_markers()
    # Closed on its date, or early by staff (closed_at): closed_at() below checks each one exactly.
    consultations = db.session.scalars(
        select(Consultation).where(Consultation.status == PUBLISHED,
                                   or_(Consultation.closes_at <= now, Consultation.closed_at.is_not(None)))
        .order_by(Consultation.id)
    ).all()
    removals = [removal for consultation in consultations
                if (removal := apply_to_consultation(consultation, now, markers)) is not None]
    db.session.flush()
    return RetentionReport(removals, forget_rights_replies(now))
