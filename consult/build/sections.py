"""Sections in the builder: staff put a run of consecutive questions on one page under a title.

verb_noun functions that change models and flush; no request, no rendering. A section always holds at
least one question and its questions stay consecutive: staff add the question just before or just
after it, and take questions off either end. A section left empty is deleted with its title.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from consult.extensions import db
from consult.models import Question, Section, TextBlock


class SectionError(Exception):
    """A change that would break a section's run of questions; the message says why, for staff."""


def sections_of(consultation) -> list[Section]:
    """The consultation's sections in the order their first questions come."""
    order = {}
    for question in consultation.questions:
        if question.section_id is not None:
            order.setdefault(question.section_id, question.position)
    found = db.session.scalars(select(Section).where(Section.consultation_id == consultation.id)).all()
    return sorted((section for section in found if section.id in order), key=lambda section: order[section.id])


def questions_in(consultation, section) -> list:
    return [question for question in consultation.questions if question.section_id == section.id]


def free_questions(consultation) -> list:
    """Questions that could start a new section: those not in one yet."""
    return [question for question in consultation.questions if question.section_id is None]


def make_section(consultation, first_question, title: str) -> Section:
    if first_question.section_id is not None:
        raise SectionError("in a section")
    section = Section(consultation_id=consultation.id, title=TextBlock.of(title, consultation.default_language))
    db.session.add(section)
    db.session.flush()
    first_question.section_id = section.id
    return section


def rename_section(section, title: str, language: str) -> None:
    section.title.set(language, title)


def neighbours(consultation, section) -> list:
    """The questions that may join the section: the one just before it and the one just after it,
    when they are not in a section already."""
    questions = list(consultation.questions)
    inside = [index for index, question in enumerate(questions) if question.section_id == section.id]
    if not inside:
        return []
    found = []
    for index in (inside[0] - 1, inside[-1] + 1):
        if 0 <= index < len(questions) and questions[index].section_id is None:
            found.append(questions[index])
    return found


def add_to_section(consultation, section, question) -> None:
    if question not in neighbours(consultation, section):
        raise SectionError("not next to the section")
    question.section_id = section.id


def ends(consultation, section) -> list:
    """The questions that may leave the section without splitting it: its first and its last."""
    inside = questions_in(consultation, section)
    return [inside[0], inside[-1]] if len(inside) > 1 else inside


def remove_from_section(consultation, section, question) -> bool:
    """Take a question off either end; True when that left the section empty (and so deleted it)."""
    if question not in ends(consultation, section):
        raise SectionError("in the middle of the section")
    question.section_id = None
    db.session.flush()
    if not any(other.section_id == section.id for other in consultation.questions if other.id != question.id):
        delete_section(section)
        return True
    return False


def delete_section(section) -> None:
    """The questions stay, each on a page of its own again; the title goes."""
    title_id = section.title_id
    for question in db.session.scalars(select(Question).where(Question.section_id == section.id)):
        question.section_id = None
    db.session.delete(section)
    db.session.flush()
    db.session.execute(delete(TextBlock).where(TextBlock.id == title_id))



def delete_sections(consultation) -> list[int]:
    """Delete every section of a consultation being deleted; their title blocks, for the caller to delete
    once nothing points at them."""
    found = db.session.scalars(select(Section).where(Section.consultation_id == consultation.id)).all()
    for section in found:
        for question in db.session.scalars(select(Question).where(Question.section_id == section.id)):
            question.section_id = None
        db.session.delete(section)
    return [section.title_id for section in found]


def copy_sections(pairs, copy_block) -> list[tuple[Section, Section]]:
    """Give copied questions (``pairs``: original, copy) sections like their originals', titles copied.
    Returns (original section, its copy) pairs, for the caller to copy their rules once questions map."""
    made: dict[int, tuple[Section, Section]] = {}
    for original, copy in pairs:
        if original.section_id is None:
            continue
        if original.section_id not in made:
            section = Section(consultation_id=copy.consultation_id, title=copy_block(original.section.title))
            db.session.add(section)
            db.session.flush()
            made[original.section_id] = (original.section, section)
        copy.section_id = made[original.section_id][1].id
    return list(made.values())
