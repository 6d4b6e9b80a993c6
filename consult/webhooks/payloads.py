"""What a webhook says: plain JSON a receiver can read without knowing Consult's tables.

Every body has ``event``, ``id`` (the delivery's own id: the receiver's key for dropping repeats),
``timestamp`` and ``consultation``. A response adds its reference, channel, language, when it was
sent and its answers as words. In an anonymous consultation, answers to questions that ask for
personal details (``personal_data`` question types) are left out, and only the date is given.
"""

from __future__ import annotations

import json
import uuid

from consult.loading import staff_texts
from consult.models._time import utcnow

RESPONSE_SUBMITTED = "response.submitted"
CONSULTATION_PUBLISHED = "consultation.published"
CONSULTATION_CLOSED = "consultation.closed"
EVENTS = (RESPONSE_SUBMITTED, CONSULTATION_PUBLISHED, CONSULTATION_CLOSED)


def new_delivery_id() -> str:
    return str(uuid.uuid4())


def _moment(value) -> str:
    return value.replace(microsecond=0).isoformat() + "Z"


def _words(texts, block_id) -> str:
    found = texts(block_id)
    return found.text if found is not None else ""


def consultation_part(consultation, texts) -> dict:
    return {"slug": consultation.slug, "title": _words(texts, consultation.title_id)}


def envelope(event: str, delivery_id: str, consultation, texts, **more) -> dict:
    return {"event": event, "id": delivery_id, "timestamp": _moment(utcnow()),
            "consultation": consultation_part(consultation, texts), **more}


def response_part(consultation, response, questions, values: dict, texts) -> dict:
    """The response as words. ``values``: the clean values by question id, as stored."""
    anonymous = consultation.anonymous
    answers = []
    for question in questions:
        if question.id not in values or (anonymous and question.type.personal_data):
            continue
        answers.append({"question": _words(texts, question.prompt_id),
                        "answer": [str(line) for line in question.type.display(question, values[question.id], texts)]})
    submitted = response.submitted_at
    return {"reference": response.reference, "channel": response.channel, "language": response.language,
            "submitted": submitted.date().isoformat() if anonymous else _moment(submitted),
            "answers": answers}


def response_body(delivery_id: str, consultation, response, questions, values: dict) -> str:
    texts = staff_texts(consultation)
    return encode(envelope(RESPONSE_SUBMITTED, delivery_id, consultation, texts,
                           response=response_part(consultation, response, questions, values, texts)))


def consultation_body(event: str, delivery_id: str, consultation) -> str:
    texts = staff_texts(consultation)
    return encode(envelope(event, delivery_id, consultation, texts))


def encode(payload: dict) -> str:
    # Compact and stable: the exact bytes stored are the bytes signed and sent, on every try.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
