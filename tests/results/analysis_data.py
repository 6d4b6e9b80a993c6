"""Consultations and responses made straight in the database, for the analysis and dashboard tests.

A consultation is described by plain specs (question kinds, answers, branching by index) and
responses by the answers they give, so a hypothesis strategy can generate both; ``plain_responses``
reads everything back as the reference implementation's plain data.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.loading import with_rules
from consult.models import Answer, Consultation, Option, Question, Response
from consult.models.consultation import PUBLISHED
from consult.results.counts import count_response
from consult.results.plain import shape_of
from consult.results.reference import PlainAnswer, PlainResponse
from tests.branching_helpers import store_condition

_serial = itertools.count(1)


@dataclass
class QuestionSpec:
    kind: str
    answers: list[str] = field(default_factory=list)  # ordinary answers (choice types only)
    none: bool = False  # "None of these" (multiple choice)
    prefer_not: bool = False  # "Prefer not to say"
    required: bool = True
    # (index of the source question, indexes of its options): asked only after one of these.
    condition: tuple[int, list[int]] | None = None
    prompt: str | None = None


@dataclass
class ResponseSpec:
    submitted_at: datetime
    # question index -> list of option indexes, or an int (number), or a str (text)
    answers: dict
    channel: str = "online"
    language: str = "en"
    register: str = "standard"


def make_consultation(questions: list[QuestionSpec], *, slug: str | None = None, title: str = "Bus routes",
                      threshold: int = 5, anonymous: bool = True, languages=("cy",)) -> Consultation:
    from consult.build.questions import add_question
    from consult.build.services import create_consultation

    now = datetime(2027, 3, 1, 9, 0)
    consultation = create_consultation(
        slug or f"analysis-{next(_serial)}", title=title, summary="Tell us what you think.",
        opens_at=now - timedelta(days=30), closes_at=now + timedelta(days=60), other_languages=languages,
        anonymous=anonymous, status=PUBLISHED,
    )
    consultation.small_group_threshold = threshold
    made: list[Question] = []
    for number, spec in enumerate(questions, start=1):
        made.append(add_question(
            consultation, spec.kind, spec.prompt or f"Question {number}?", options=spec.answers,
            required=spec.required, none_option="None of these" if spec.none else None,
            prefer_not_option="Prefer not to say" if spec.prefer_not else None,
        ))
    for question, spec in zip(made, questions):
        if spec.condition is not None:
            source_index, option_indexes = spec.condition
            source = made[source_index]
            store_condition(question, [source.options[i] for i in option_indexes])
    db.session.flush()
    db.session.expire(consultation)
    return load(consultation.id)


def load(consultation_id: int) -> Consultation:
    return db.session.execute(
        select(Consultation).where(Consultation.id == consultation_id).options(
            selectinload(Consultation.questions).selectinload(Question.options),
            *with_rules(),
            selectinload(Consultation.languages),
        ).execution_options(populate_existing=True)
    ).scalar_one()


def add_responses(consultation: Consultation, responses: list[ResponseSpec]) -> list[int]:
    """Store responses as given (no branching applied: the spec says what is stored)."""
    questions = list(consultation.questions)
    made = []
    for spec in responses:
        serial = next(_serial)
        response = Response(
            consultation_id=consultation.id, reference=f"T{serial:06d}", idempotency_key=f"test-{serial}",
            channel=spec.channel, language=spec.language, register=spec.register,
            started_at=spec.submitted_at - timedelta(minutes=5), submitted_at=spec.submitted_at,
        )
        db.session.add(response)
        made.append((response, spec))
    db.session.flush()
    rows = []
    for response, spec in made:
        for index, value in spec.answers.items():
            question = questions[index]
            if isinstance(value, list):
                rows += [{"response_id": response.id, "question_id": question.id,
                          "option_id": question.options[i].id, "text": None, "number": None} for i in value]
            elif isinstance(value, int):
                rows.append({"response_id": response.id, "question_id": question.id,
                             "option_id": None, "text": None, "number": value})
            else:
                rows.append({"response_id": response.id, "question_id": question.id,
                             "option_id": None, "text": value, "number": None})
    if rows:
        db.session.execute(insert(Answer), rows)
    db.session.flush()
    # As store_response does: into the results counted ahead, where they are kept (consult/results/counts.py).
    shapes = shape_of(consultation)
    by_response: dict[int, list] = {response.id: [] for response, _ in made}
    for row in rows:
        by_response[row["response_id"]].append(PlainAnswer(row["question_id"], row["option_id"], row["text"],
                                                            row["number"]))
    for response, _ in made:
        count_response(consultation.id, shapes, response, by_response[response.id], 1)
    return [response.id for response, _ in made]


def plain_responses(consultation_id: int) -> list[PlainResponse]:
    responses = db.session.scalars(
        select(Response).where(Response.consultation_id == consultation_id).options(selectinload(Response.answers))
    ).all()
    return [
        PlainResponse(
            id=r.id, submitted_at=r.submitted_at, channel=r.channel, language=r.language, register=r.register,
            answers=tuple(PlainAnswer(a.question_id, a.option_id, a.text, a.number) for a in r.answers),
        )
        for r in responses
    ]


def option_id(consultation: Consultation, question_index: int, option_index: int) -> int:
    return consultation.questions[question_index].options[option_index].id


def option_by_value(consultation: Consultation, question_index: int, value: str) -> Option:
    return next(o for o in consultation.questions[question_index].options if o.value == value)
