"""Loading a consultation for a page: the one place that says how, and who may see an unpublished one.

Every route module loads consultations and questions through these helpers, so a page never issues a
query per question and the rule for drafts is written once.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult import sections
from consult.auth.roles import EDITORS
from consult.auth.sessions import has_role
from consult.extensions import db
from consult.i18n import ContentCatalogue
from consult.models import BranchCondition, BranchRule, Consultation, Outcome, Question, Section


def _with_questions():
    """Questions, options, conditions and languages in a few queries, not one per question."""
    return (
        selectinload(Consultation.questions).selectinload(Question.options),
        *with_rules(),
        selectinload(Consultation.questions).selectinload(Question.section),
        selectinload(Consultation.languages),
    )


def with_rules():
    """Branching rules with their conditions, answers and exit words (consult.branching reads them)."""
    # Not the conditions' source questions: they are the consultation's own questions, which the
    # identity map hands back without a query (loading them again here would unload their rules).
    conditions = selectinload(Consultation.questions).selectinload(Question.rules).selectinload(BranchRule.conditions)
    # A section's "Only show this page if ..." (consult.branching.section_rules).
    section_conditions = (selectinload(Consultation.questions).selectinload(Question.section)
                          .selectinload(Section.rules).selectinload(BranchRule.conditions))
    return (conditions.selectinload(BranchCondition.options), section_conditions.selectinload(BranchCondition.options))


def load_consultation(slug: str) -> Consultation | None:
    return db.session.execute(
        select(Consultation).where(Consultation.slug == slug).options(*_with_questions())
    ).scalar_one_or_none()


def consultation_or_404(consultation_id: int) -> Consultation:
    """A consultation by its number, as the builder's addresses name it."""
    consultation = db.session.execute(
        select(Consultation).where(Consultation.id == consultation_id).options(*_with_questions())
    ).scalar_one_or_none()
    if consultation is None:
        abort(404)
    return consultation


def consultation_by_slug_or_404(slug: str) -> Consultation:
    """A consultation by its address, in any state (staff pages: results, data entry, contact)."""
    consultation = load_consultation(slug)
    if consultation is None:
        abort(404)
    return consultation


def may_preview_unpublished() -> bool:
    """Editors (and admins) may open a consultation before it is published, to check it."""
    return current_user.is_authenticated and has_role(current_user, *EDITORS)


def hidden_from_residents(consultation) -> bool:
    """Residents may see any published consultation; a draft only staff previewing it (a model, or a
    compiled copy from consult.snapshots)."""
    return consultation.state() == "draft" and not may_preview_unpublished()


def public_consultation_or_404(slug: str) -> Consultation:
    """A consultation residents may see (hidden_from_residents)."""
    consultation = load_consultation(slug)
    if consultation is None or hidden_from_residents(consultation):
        abort(404)
    return consultation


def outcomes_of(consultation: Consultation) -> list[Outcome]:
    """What changed because of what people said ("you said, we did"), in the order staff set."""
    return list(db.session.scalars(
        select(Outcome).where(Outcome.consultation_id == consultation.id).order_by(Outcome.position, Outcome.id)))


def question_or_404(consultation: Consultation, question_id: int) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or question.consultation_id != consultation.id:
        abort(404)
    return question


def block_ids(consultation: Consultation, extra_questions=()) -> list[int]:
    """The text blocks a page about this consultation shows: its own, its questions' and options'."""
    ids = list(consultation.text_block_ids())
    for question in [*consultation.questions, *extra_questions]:
        ids += [question.prompt_id, question.hint_id, question.missing_message_id]
        ids += [option.label_id for option in question.options]
        ids += exit_text_ids(question)
    return ids + sections.title_ids(consultation.questions)


def exit_text_ids(question) -> list[int]:
    """The words of the question's exit pages ("You cannot take part because ...")."""
    return [rule.exit_text_id for rule in question.rules if rule.exit_text_id is not None]


def staff_texts(consultation: Consultation, extra_questions=(), more_ids=()) -> ContentCatalogue:
    """Texts in the consultation's own language, which is the one staff write in."""
    language = consultation.default_language
    return ContentCatalogue.load(block_ids(consultation, extra_questions) + list(more_ids), language=language,
                                 default_language=language)


def reader_texts(consultation: Consultation, block_ids=()) -> ContentCatalogue:
    """Texts for staff reading results: in their own interface language, else the consultation's."""
    from consult.templating import current_language

    return ContentCatalogue.load([consultation.title_id, *block_ids], language=current_language(),
                                 default_language=consultation.default_language)
