"""Branching: which questions a person is asked. The one place that says what a condition is, when
it holds, and how it reads to residents on paper and to staff.

Every channel uses it: the resident journey (consult.respond.journey), staff data entry, the
printed questionnaire, the results (which questions each stored response was asked) and the
dashboard's words. Pure functions over loaded questions and plain values: no request, no database.

The rule today: a question with condition options is asked only when the earlier question those
options belong to was asked and its answer includes at least one of them. A condition on a deleted
question, or on one that does not come earlier, can never be met in order, so it is ignored and the
question is always asked (the builder's checklist stops such a consultation being published).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Set
from typing import NamedTuple

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _


class Condition(NamedTuple):
    """Asked only when question ``source_id`` was asked and its answer includes one of ``option_ids``."""

    source_id: int
    option_ids: frozenset[int]

    def holds(self, source_asked: bool, source_chosen: Set[int]) -> bool:
        return source_asked and bool(set(source_chosen) & self.option_ids)


def condition_of(question, numbers: Mapping[int, int]) -> Condition | None:
    """The condition that counts for ``question``, or None (always asked).

    ``numbers``: question id -> place, for the consultation's live questions.
    """
    options = question.condition_options
    if not options:
        return None
    source_id = options[0].question_id
    if source_id not in numbers or numbers[source_id] >= numbers[question.id]:
        return None
    return Condition(source_id, frozenset(option.id for option in options))


def stated_source(question) -> int | None:
    """The question a condition was written on, whether or not it can count (for the builder's checks)."""
    options = question.condition_options
    return options[0].question_id if options else None


def places(questions: Iterable) -> dict[int, int]:
    """Question id -> its number (from 1), in the order given."""
    return {question.id: number for number, question in enumerate(questions, start=1)}


def conditions_of(questions: list) -> dict[int, Condition | None]:
    """Each live question's condition, by question id."""
    numbers = places(questions)
    return {question.id: condition_of(question, numbers) for question in questions}


def asked_ids(order: Iterable[int], conditions: Mapping[int, Condition | None],
              chosen: Callable[[int], Set[int]]) -> set[int]:
    """The questions asked, given what was chosen (``chosen``: question id -> its chosen option ids).

    ``order`` is the questions' ids in order, so each source is decided before the questions that
    depend on it.
    """
    asked: set[int] = set()
    for question_id in order:
        condition = conditions.get(question_id)
        if condition is None or condition.holds(condition.source_id in asked, chosen(condition.source_id)):
            asked.add(question_id)
    return asked


def condition_chain(question_id: int, conditions: Mapping[int, Condition | None]) -> list[Condition]:
    """Every condition a question depends on, nearest first: it is asked when all of them hold."""
    chain = []
    current = conditions.get(question_id)
    while current is not None:
        chain.append(current)
        current = conditions.get(current.source_id)
    return chain


# -- in words ----------------------------------------------------------------------------------

def answer_words(condition: Condition, source, label_of: Callable[[object], str | None]) -> str | None:
    """The condition's answers in words, quoted and joined ("“Yes” or “Not sure”"), in the order of
    the source question's options; None when none of them has words (an option since deleted)."""
    labels = []
    for option in source.options:
        if option.id in condition.option_ids:
            label = label_of(option)
            if label:
                labels.append(_("“%(answer)s”", answer=label))
    if not labels:
        return None
    return format_list(labels, style="or", locale=get_locale())


def paper_words(answers: str, source_number: int) -> str:
    """For residents and on paper: "Only answer this question if you ticked “Yes” at question 3."."""
    return _("Only answer this question if you ticked %(answers)s at question %(number)s.",
             answers=answers, number=source_number)


def staff_words(answers: str, source_number: int) -> str:
    """For staff reading results: "Asked only of people who answered “Yes” to question 3."."""
    return _("Asked only of people who answered %(answers)s to question %(number)s.",
             answers=answers, number=source_number)
