"""Questions and their answers: add, edit, reorder, delete with undo, branch.

Positions count live questions only (1, 2, 3 ...). A deleted question keeps the position it had,
so Undo can put it back where it was.
"""

from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import delete, select

from consult.build import branching_rules
from consult.build.option_groups import copy_groups, section_rank
from consult.build.sections import copy_sections
from consult.build.services import make_block, set_optional_text, set_text
from consult.extensions import db
from consult.models import Consultation, Option, Question, TextBlock
from consult.models._time import utcnow
from consult.questions import get_type


class ConditionError(ValueError):
    """A branching rule that cannot work: its answers are not all from one earlier question."""


class OrderError(ValueError):
    """A move that would put a question before the question its branching depends on."""


def _in_each_language(consultation: Consultation, label) -> dict[str, str]:
    """A built-in label ("Strongly agree") in every language the consultation is offered in."""
    texts = {}
    for language in consultation.offered_languages:
        with force_locale(language):
            texts[language] = str(label)
    return texts


def _live(consultation: Consultation) -> list[Question]:
    db.session.expire(consultation, ["questions"])
    return list(consultation.questions)


def _renumber(questions: list[Question]) -> None:
    for position, question in enumerate(questions, start=1):
        question.position = position


def add_question(consultation: Consultation, kind: str, prompt, *, hint=None, options=(),
                 required: bool = True, settings: dict | None = None, none_option=None,
                 prefer_not_option=None, position: int | None = None) -> Question:
    """Add a question at ``position`` (1 is first; None is the end).

    Types with built-in options (yes/no, agree scale) create them in every offered language.
    """
    qtype = get_type(kind)
    language = consultation.default_language
    live = _live(consultation)
    if position is None or not 1 <= position <= len(live):
        position = len(live) + 1
    question = Question(
        consultation_id=consultation.id, position=position, kind=kind,
        required=required, settings={**qtype.settings_defaults(), **(settings or {})},
        prompt=make_block(prompt, language), hint=make_block(hint, language),
    )
    # The answers staff wrote; a grid's are its statements (the first of the type's option_roles).
    written = qtype.option_roles[0][0] if qtype.option_roles else "answer"
    entries = [(f"option_{n}", label, written) for n, label in enumerate(options, start=1)]
    entries += [(default.value, _in_each_language(consultation, default.label), default.kind)
                for default in qtype.default_options()]
    if none_option:
        entries.append(("none", none_option, "none"))
    if prefer_not_option:
        entries.append(("prefer_not", prefer_not_option, "prefer_not"))
    for option_position, (value, label, option_kind) in enumerate(entries, start=1):
        question.options.append(
            Option(position=option_position, value=value, kind=option_kind, label=make_block(label, language))
        )
    live.insert(position - 1, question)
    _renumber(live)
    db.session.add(question)
    db.session.flush()
    db.session.expire(consultation, ["questions"])
    return question


def update_question(question: Question, *, prompt: str, hint: str, required: bool, settings: dict,
                    language: str, missing_message: str | None = None) -> None:
    """``missing_message``: what to say when it is left empty; blank removes it, None leaves it as it is."""
    set_text(question.prompt, language, prompt)
    set_optional_text(question, "hint", language, hint)
    if missing_message is not None:
        set_optional_text(question, "missing_message", language, missing_message)
    question.required = required
    question.settings = {**question.type.settings_defaults(), **(question.settings or {}), **settings}


# -- answers (options) ------------------------------------------------------------------------

def _ordered(question: Question) -> list[Option]:
    """Ordinary answers first, then the special ones in a fixed order: Don't know, None, Prefer not."""
    special_order = {"statement": -1, "answer": 0, "dont_know": 1, "none": 2, "prefer_not": 3}
    # Ordinary answers: those without a group, each headed group, then "Other" (consult.build.option_groups).
    return sorted(question.options,
                  key=lambda option: (special_order[option.kind], section_rank(option), option.position))


def _reposition(question: Question, options: list[Option]) -> None:
    for position, option in enumerate(options, start=1):
        option.position = position


def add_option(question: Question, label: str, language: str, kind: str = "answer") -> Option:
    existing = {option.value for option in question.options}
    number = len(question.options) + 1
    while f"option_{number}" in existing:
        number += 1
    value = f"option_{number}" if kind in ("answer", "statement") else kind
    option = Option(position=len(question.options) + 1, value=value, kind=kind, label=make_block(label, language))
    question.options.append(option)
    _reposition(question, _ordered(question))
    db.session.flush()
    return option


def remove_option(option: Option) -> None:
    question = option.question
    question.options.remove(option)
    db.session.delete(option)
    _reposition(question, _ordered(question))
    db.session.flush()


def move_option(option: Option, step: int) -> None:
    """Move an ordinary answer up (-1) or down (+1) among the ordinary answers."""
    question = option.question
    # Among the answers of its own group (or of no group): a move never takes an answer out of its group.
    ordinary = [o for o in _ordered(question) if o.kind == "answer" and section_rank(o) == section_rank(option)]
    index = ordinary.index(option)
    target = index + step
    if option.kind != "answer" or not 0 <= target < len(ordinary):
        return
    option.position, ordinary[target].position = ordinary[target].position, option.position
    _reposition(question, _ordered(question))
    db.session.flush()


def special_option(question: Question, kind: str) -> Option | None:
    return next((option for option in question.options if option.kind == kind), None)


def set_special_option(question: Question, kind: str, enabled: bool, label: str, language: str) -> None:
    """Turn "None of these" or "Prefer not to say" on or off."""
    current = special_option(question, kind)
    if enabled and current is None:
        add_option(question, label, language, kind=kind)
    elif not enabled and current is not None:
        remove_option(current)


# -- order, delete, undo ----------------------------------------------------------------------

def _check_order(questions: list[Question]) -> None:
    broken = branching_rules.order_problem(questions)
    if broken is not None:
        raise OrderError(broken.id)


def move_question(question: Question, step: int) -> int:
    """Move up (-1) or down (+1). Returns the new position. Raises OrderError if branching forbids it."""
    live = _live(question.consultation)
    index = live.index(question)
    target = index + step
    if not 0 <= target < len(live):
        return question.position
    live[index], live[target] = live[target], live[index]
    _check_order(live)
    _renumber(live)
    db.session.flush()
    return question.position


def delete_question(question: Question) -> None:
    """Take a question out of the consultation; ``undo_delete`` brings it back."""
    live = _live(question.consultation)
    question.deleted_at = utcnow()
    live.remove(question)
    old_position = question.position
    _renumber(live)
    question.position = old_position
    db.session.flush()
    db.session.expire(question.consultation, ["questions"])


def undo_delete(question: Question) -> None:
    live = _live(question.consultation)
    position = min(question.position, len(live) + 1)
    question.deleted_at = None
    live.insert(position - 1, question)
    _renumber(live)
    db.session.flush()
    db.session.expire(question.consultation, ["questions"])


def deleted_questions(consultation: Consultation) -> list[Question]:
    return list(db.session.scalars(
        select(Question)
        .where(Question.consultation_id == consultation.id, Question.deleted_at.is_not(None))
        .order_by(Question.deleted_at.desc())
    ))


# -- branching --------------------------------------------------------------------------------

def set_condition(question: Question, options: list[Option]) -> None:
    """Ask ``question`` only when the answer to an earlier question is one of ``options``.

    An empty list removes the condition, so the question is always asked. Richer rules:
    consult.build.branching_rules.
    """
    try:
        branching_rules.set_condition(question, options)
    except (ValueError, branching_rules.RuleError) as error:
        raise ConditionError(str(error)) from error


def all_questions(consultation: Consultation) -> list[Question]:
    """Live and deleted questions alike."""
    return list(db.session.scalars(select(Question).where(Question.consultation_id == consultation.id)))


def purge_deleted_questions(consultation: Consultation) -> None:
    for question in deleted_questions(consultation):
        blocks = [question.prompt_id, question.hint_id, question.missing_message_id]
        blocks += [option.label_id for option in question.options]
        db.session.delete(question)
        db.session.flush()
        db.session.execute(delete(TextBlock).where(TextBlock.id.in_([b for b in blocks if b is not None])))


def copy_questions(original: Consultation, copy: Consultation, copy_block) -> None:
    """Copy live questions, their answers and branching into ``copy``."""
    option_map: dict[int, Option] = {}
    pairs = []
    for question in original.questions:
        new = Question(
            consultation_id=copy.id, position=question.position, kind=question.kind, required=question.required,
            settings=dict(question.settings or {}), prompt=copy_block(question.prompt), hint=copy_block(question.hint),
            missing_message=copy_block(question.missing_message),
        )
        for option in question.options:
            new_option = Option(position=option.position, kind=option.kind, value=option.value,
                                label=copy_block(option.label))
            new.options.append(new_option)
            option_map[option.id] = new_option
        copy_groups(question, new, option_map, copy_block)
        db.session.add(new)
        pairs.append((question, new))
    db.session.flush()
    question_map = {question.id: new for question, new in pairs}
    section_pairs = copy_sections(pairs, copy_block)  # the same questions share a page in the copy
    for question, new in pairs:
        branching_rules.copy_rules(question, new, question_map, option_map, copy_block)
    for section, new_section in section_pairs:  # "Only show this page if ..." too
        branching_rules.copy_rules(section, new_section, question_map, option_map, copy_block)
    db.session.flush()
    db.session.expire(copy, ["questions"])
