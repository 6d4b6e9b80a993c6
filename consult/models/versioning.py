"""The one place that moves ``Consultation.version``: after every flush that changes anything a resident
sees of a consultation (its own row, languages, questions, answers and their groups, texts, pictures,
branching rules, sections), that consultation's version goes up by one.

Servers keep one compiled copy of a consultation per version (consult/snapshots.py) and check only the
number on each page, so every change must reach it, whichever page or command made it: a session
event sees them all. Content rows point at their consultation through a question, a section or a text
block, so the owners are found with a few queries here, which only flushes that touch content pay.
"""

from __future__ import annotations

from sqlalchemy import event, inspect, or_, select, update
from sqlalchemy.orm import Session

from consult.models.branching import BranchCondition, BranchConditionOption, BranchRule
from consult.models.consultation import TEXT_FIELDS, Consultation, ConsultationLanguage
from consult.models.content import Picture, TextVariant
from consult.models.question import Option, OptionGroup, Question
from consult.models.section import Section

_PENDING = "consultation_versions_bumped"


class _Owners:
    """What one flush touched, by the column that leads to its consultation."""

    def __init__(self):
        self.consultations: set[int] = set()
        self.questions: set[int] = set()
        self.sections: set[int] = set()
        self.options: set[int] = set()
        self.blocks: set[int] = set()
        self.pictures: set[int] = set()

    def add(self, kind: str, value) -> None:
        if value is not None:
            getattr(self, kind).add(value)


def _value(item, name: str):
    # Read what the object holds without loading anything: a deleted row cannot be loaded again.
    return inspect(item).dict.get(name)


# Each kind of row and the columns that lead to its consultation.
_LEADS = {
    Consultation: (("consultations", "id"),),
    ConsultationLanguage: (("consultations", "consultation_id"),),
    Question: (("consultations", "consultation_id"),),
    Section: (("consultations", "consultation_id"),),
    Option: (("questions", "question_id"),),
    OptionGroup: (("questions", "question_id"),),
    BranchRule: (("questions", "question_id"), ("sections", "section_id")),
    # A condition reads one of the consultation's own questions.
    BranchCondition: (("questions", "source_id"),),
    BranchConditionOption: (("options", "option_id"),),
    TextVariant: (("blocks", "block_id"),),
    Picture: (("pictures", "id"),),
}


def _touched(session: Session) -> _Owners:
    owners = _Owners()
    for item in (*session.new, *session.dirty, *session.deleted):
        leads = _LEADS.get(type(item))
        if leads is None:
            continue
        if isinstance(item, Consultation) and item in session.new:
            continue  # a new consultation starts at version 1
        for kind, column in leads:
            owners.add(kind, _value(item, column))
    return owners


def _consultation_ids(connection, owners: _Owners) -> set[int]:
    found = set(owners.consultations)
    queries = []
    if owners.questions:
        queries.append(select(Question.consultation_id).where(Question.id.in_(owners.questions)))
    if owners.sections:
        queries.append(select(Section.consultation_id).where(Section.id.in_(owners.sections)))
    if owners.options:
        queries.append(select(Question.consultation_id).join(Option, Option.question_id == Question.id)
                       .where(Option.id.in_(owners.options)))
    if owners.pictures:
        queries += _picture_owners(owners.pictures)
    if owners.blocks:
        queries += _block_owners(owners.blocks)
    for query in queries:
        found.update(connection.scalars(query))
    found.discard(None)
    return found


def _picture_owners(ids: set[int]) -> list:
    return [
        select(Question.consultation_id).where(Question.picture_id.in_(ids)),
        select(Question.consultation_id).join(Option, Option.question_id == Question.id)
        .where(Option.picture_id.in_(ids)),
    ]


def _block_owners(ids: set[int]) -> list:
    """Queries for the consultations that show any of these text blocks."""
    own = or_(*(getattr(Consultation, f"{name}_id").in_(ids) for name in TEXT_FIELDS))
    alt_of = select(Picture.id).where(Picture.alt_id.in_(ids))
    return [
        select(Consultation.id).where(own),
        select(Question.consultation_id).where(or_(Question.prompt_id.in_(ids), Question.hint_id.in_(ids),
                                                   Question.missing_message_id.in_(ids))),
        select(Question.consultation_id).join(Option, Option.question_id == Question.id)
        .where(Option.label_id.in_(ids)),
        select(Question.consultation_id).join(OptionGroup, OptionGroup.question_id == Question.id)
        .where(OptionGroup.heading_id.in_(ids)),
        select(Section.consultation_id).where(Section.title_id.in_(ids)),
        select(Question.consultation_id).join(BranchRule, BranchRule.question_id == Question.id)
        .where(BranchRule.exit_text_id.in_(ids)),
        *_picture_owners(alt_of),
    ]


@event.listens_for(Session, "after_flush")
def _bump_versions(session: Session, _context) -> None:
    owners = _touched(session)
    if not any(vars(owners).values()):
        return
    connection = session.connection()
    ids = _consultation_ids(connection, owners)
    if ids:
        table = Consultation.__table__
        connection.execute(update(table).where(table.c.id.in_(ids)).values(version=table.c.version + 1))
        session.info.setdefault(_PENDING, set()).update(ids)


@event.listens_for(Session, "after_flush_postexec")
def _forget_old_versions(session: Session, _context) -> None:
    """Consultations in this session read their new version from the database when next asked."""
    for consultation_id in session.info.pop(_PENDING, ()):
        loaded = session.identity_map.get(session.identity_key(Consultation, consultation_id))
        if loaded is not None:
            session.expire(loaded, ["version"])
