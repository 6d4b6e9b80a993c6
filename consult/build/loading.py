"""Loading what builder pages show, in a few queries."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.i18n import ContentCatalogue
from consult.models import Consultation, Question


def consultation_or_404(consultation_id: int) -> Consultation:
    consultation = db.session.execute(
        select(Consultation).where(Consultation.id == consultation_id).options(
            selectinload(Consultation.questions).selectinload(Question.options),
            selectinload(Consultation.questions).selectinload(Question.condition_options),
            selectinload(Consultation.languages),
        )
    ).scalar_one_or_none()
    if consultation is None:
        abort(404)
    return consultation


def question_or_404(consultation: Consultation, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.consultation_id != consultation.id:
        abort(404)
    return question


def block_ids(consultation: Consultation, extra_questions=()) -> list[int]:
    ids = list(consultation.text_block_ids())
    for question in [*consultation.questions, *extra_questions]:
        ids += [question.prompt_id, question.hint_id] + [option.label_id for option in question.options]
    return ids


def staff_texts(consultation: Consultation, extra_questions=(), more_ids=()) -> ContentCatalogue:
    """Texts in the consultation's own language, which is the one staff write in."""
    language = consultation.default_language
    return ContentCatalogue.load(block_ids(consultation, extra_questions) + list(more_ids), language=language,
                                 default_language=language)

