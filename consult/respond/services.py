"""Drafts and submissions: verb_noun functions that change models and flush. No request, no rendering."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timedelta

from blinker import Namespace
from sqlalchemy import Text, cast, delete, or_, select
from sqlalchemy.exc import IntegrityError

from consult.codes import new_token, normalise_code, readable_code
from consult.extensions import db
from consult.models import Answer, Consultation, Draft, Question, Response
from consult.models._time import utcnow
from consult.respond.journey import Journey
from consult.times import date_only

# Sent (with ``consultation``, ``response``, ``questions`` and ``values``) when a response is stored
# for the first time, online or by staff data entry, inside the transaction that stores it: the
# webhooks (consult/webhooks/events.py) record their deliveries in the same commit, and the results'
# counts (consult/results/counts.py) count its ``answers`` (the Answer rows) in.
response_stored = Namespace().signal("response-stored")


def start_draft(consultation: Consultation, language: str, register: str, keep_days: int) -> Draft:
    now = utcnow()
    for _attempt in range(5):
        draft = Draft(
            consultation_id=consultation.id,
            token=new_token(),
            code=readable_code(),
            language=language,
            register=register,
            answers={},
            created_at=now,
            updated_at=now,
            expires_at=now + timedelta(days=keep_days),
        )
        try:
            with db.session.begin_nested():
                db.session.add(draft)
            return draft
        except IntegrityError:  # the same code twice in one consultation: pick another
            continue
    raise RuntimeError("could not create a unique resume code")


def find_draft(consultation: Consultation, token: str | None, lock: bool = False) -> Draft | None:
    if not token:
        return None
    query = select(Draft).where(Draft.token == token, Draft.consultation_id == consultation.id)
    if lock:
        # Wait until any other request on this draft (a second tab saving or sending) has finished,
        # then read the draft afresh, not from this session's memory: saves and submission take
        # turns, so none of them overwrites what another was told it had stored.
        query = query.with_for_update().execution_options(populate_existing=True)
    draft = db.session.execute(query).scalar_one_or_none()
    if draft is None or (draft.expires_at < utcnow() and draft.response_id is None):
        return None
    return draft


def _resumable(draft: Draft | None) -> Draft | None:
    """The draft, if a resident may carry on with it elsewhere: not sent, not expired, and not made
    on a shared kiosk (whatever the next person there could read off the screen)."""
    if draft is None or draft.response_id is not None or draft.expires_at < utcnow():
        return None
    return None if draft.kiosk_session_id is not None else draft


def find_draft_to_resume(consultation: Consultation, token: str) -> Draft | None:
    """The draft a resume link names."""
    return _resumable(find_draft(consultation, token))


def find_draft_by_code(consultation: Consultation, typed_code: str) -> Draft | None:
    code = normalise_code(typed_code)
    return _resumable(db.session.execute(
        select(Draft).where(Draft.consultation_id == consultation.id, Draft.code == code)
    ).scalar_one_or_none())


class DraftTooLarge(Exception):
    """The draft would pass its size cap; nothing was stored."""


# What one draft may hold, as JSON: far above any real set of answers (each answer is bounded by its
# question's own limit), low enough that nobody can fill the database through drafts.
DRAFT_MAX_BYTES = 256 * 1024


def save_answer(draft: Draft, question: Question, raw: list[str], keep_days: int) -> dict:
    """Keep an answer as it was typed, so the resident sees their own words when they come back.

    The caller stores only answers that pass the question's checks (or a blank one when the resident
    saves to come back later): a refused answer is shown back to the resident, never stored.

    Only this question's answer changes; the caller locked the draft (``find_draft(lock=True)``) and
    checked it was not sent yet, so the other answers are the latest ones and stay as they are.
    """
    if draft.response_id is not None:
        raise ValueError("a sent draft keeps no answers")
    answers = dict(draft.answers or {})
    answers[str(question.id)] = raw
    if len(json.dumps(answers)) > DRAFT_MAX_BYTES:
        raise DraftTooLarge()
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = answers
    touch_draft(draft, keep_days)
    return answers


def touch_draft(draft: Draft, keep_days: int) -> None:
    draft.updated_at = utcnow()
    draft.expires_at = draft.updated_at + timedelta(days=keep_days)


def record_version(draft: Draft, language: str, register: str) -> None:
    """The response records the language and version (standard or easy read) the resident is using now."""
    draft.language = language
    draft.register = register


class NotReady(Exception):
    """The draft still has problems; nothing was stored."""


def submit_draft(consultation: Consultation, draft: Draft, channel: str = "online") -> Response:
    """Store a draft's answers as one response, exactly once however often this is called.

    The caller locked the draft row (``find_draft(lock=True)``; SQLite's BEGIN IMMEDIATE does the
    same for the whole database). A second submission finds ``response_id`` set and gets the same
    response back; the NOT NULL UNIQUE idempotency key guards anything that slips past.
    """
    if draft.response_id is not None:
        return draft.response
    journey = Journey(consultation, draft.answers or {})
    if journey.problems():
        raise NotReady()
    response, created = store_response(
        consultation, journey.questions, journey.values(), key=draft.token, channel=channel,
        language=draft.language, register=draft.register, started_at=draft.created_at,
    )
    draft.response_id = response.id
    if created:
        # The answers now live in the response; the draft keeps only what links the two.
        draft.answers = {}
        if consultation.anonymous:
            # The settings promise the date only: nothing may keep the moment this person answered.
            keep = draft.expires_at - draft.updated_at
            draft.created_at = draft.updated_at = date_only(response.submitted_at)
            draft.expires_at = draft.updated_at + timedelta(days=keep.days + 1)
        db.session.flush()
    return response


def store_response(consultation: Consultation, questions, values: dict, *, key: str, channel: str,
                   language: str, register: str, started_at: datetime, submitted_at: datetime | None = None,
                   entered_by_id: int | None = None, helped_by: str | None = None) -> tuple[Response, bool]:
    """One response and its answer rows (``values``: clean values by question id), at most once per key.

    Returns the response and True; or, when a response with this idempotency key exists already
    (a second submission that slipped past the caller's own check), that one and False, unchanged.
    Used by submit_draft and by staff data entry (consult.entry).
    """
    response = None
    submitted_at = submitted_at or utcnow()
    if consultation.anonymous:
        # The date only (the settings say so): times would let staff pair answers with anything
        # else stored at the same moment, such as a request to hear back.
        started_at, submitted_at = date_only(started_at), date_only(submitted_at)
    for _attempt in range(5):
        candidate = Response(
            consultation_id=consultation.id,
            reference=readable_code(),
            idempotency_key=key,
            channel=channel,
            language=language,
            register=register,
            started_at=started_at,
            submitted_at=submitted_at,
            entered_by_id=entered_by_id,
            helped_by=helped_by,
        )
        try:
            with db.session.begin_nested():
                db.session.add(candidate)
            response = candidate
            break
        except IntegrityError:
            existing = db.session.execute(
                select(Response).where(Response.idempotency_key == key)
            ).scalar_one_or_none()
            if existing is not None:
                return existing, False
            # Otherwise the reference collided; try another one.
    if response is None:
        raise RuntimeError("could not create a unique reference")
    questions = {question.id: question for question in questions}
    answer_rows = []
    for question_id, value in values.items():
        question = questions[question_id]
        for row in question.type.rows(question, value):
            # Every column the type's row fills (AnswerRow's fields are Answer's value columns).
            answer = Answer(response_id=response.id, question_id=question_id, **asdict(row))
            db.session.add(answer)
            answer_rows.append(answer)
    db.session.flush()
    response_stored.send(consultation=consultation, response=response, questions=list(questions.values()),
                         values=values, answers=answer_rows)
    return response, True


# A draft with no answers a day after it was started was opened and left (or made by a script).
EMPTY_DRAFT_KEEP = timedelta(days=1)


def purge_drafts(now: datetime | None = None) -> int:
    """Remove drafts past their keep-until date (submitted ones included: the response stays), and
    drafts still empty a day after they were started."""
    now = now or utcnow()
    expired = db.session.execute(delete(Draft).where(Draft.expires_at < now)).rowcount or 0
    # JSON has no equality on PostgreSQL, so compare its text; SQLAlchemy writes {} as "{}".
    empty = or_(Draft.answers.is_(None), cast(Draft.answers, Text).in_(("{}", "null")))
    left = db.session.execute(delete(Draft).where(
        Draft.response_id.is_(None), Draft.created_at < now - EMPTY_DRAFT_KEEP, empty,
    ).execution_options(synchronize_session=False)).rowcount or 0
    return expired + left
