"""The path through one consultation: which questions are asked, in what order, and what is left to do.

Pure functions over a loaded consultation and a draft's raw answers; no request, no database.

Questions are numbered by their place in the consultation (the number in the address stays the same
whatever the resident answers). Branching (consult.branching) decides which of them are *asked*. A
question that is not asked is neither required nor counted as unanswered.
"""

from __future__ import annotations

from dataclasses import dataclass

from consult import branching
from consult.questions import Parsed


@dataclass(frozen=True)
class Step:
    number: int  # the question's place in the consultation (its address)
    place: int  # its place among the questions this resident is asked ("Question 3 of 8")
    question: object
    parsed: Parsed
    answered: bool


class Journey:
    def __init__(self, consultation, raw_answers: dict, missing_message=None):
        self.consultation = consultation
        # question -> the words staff wrote for leaving it empty, or None (ConsultationView.missing_message).
        self.missing_message = missing_message or (lambda question: None)
        self.questions = list(consultation.questions)
        self.raw_answers = raw_answers
        self._by_id = {question.id: question for question in self.questions}
        self._plan = branching.plan_for(consultation)
        self._parsed: dict[int, Parsed] = {}
        self._path: branching.Path | None = None

    # -- one question -------------------------------------------------------------------------

    def question(self, number: int):
        if 1 <= number <= len(self.questions):
            return self.questions[number - 1]
        return None

    def raw(self, question) -> list[str]:
        return list(self.raw_answers.get(str(question.id), []))

    def has_answer(self, question) -> bool:
        return str(question.id) in self.raw_answers

    def parsed(self, question) -> Parsed:
        if question.id not in self._parsed:
            self._parsed[question.id] = question.type.check(question, self.raw(question),
                                                            self.missing_message(question))
        return self._parsed[question.id]

    def is_asked(self, question) -> bool:
        return question.id in self._walk().asked

    def deciders(self, question) -> set[int]:
        """The ids of the questions whose answers decide whether ``question`` is asked."""
        return self._plan.deciders(question.id)

    @property
    def exit_rule(self) -> branching.Rule | None:
        """The exit the answers so far lead to ("You cannot take part because ..."), or None."""
        return self._walk().exit_rule

    def _walk(self) -> branching.Path:
        if self._path is None:
            self._path = self._plan.walk(self._facts)
        return self._path

    def _facts(self, question_id: int) -> branching.Facts:
        return answer_facts(self._by_id[question_id], self.parsed(self._by_id[question_id]).value)

    # -- the whole path -----------------------------------------------------------------------

    def asked_numbers(self) -> list[int]:
        return [number for number, question in enumerate(self.questions, start=1) if self.is_asked(question)]

    def progress(self, number: int) -> tuple[int, int]:
        """("Question 3 of 8"): this question's place among the questions asked, and how many are asked."""
        asked = self.asked_numbers()
        place = sum(1 for n in asked if n <= number)
        return place, len(asked)

    def next_number(self, number: int) -> int | None:
        return next((n for n in self.asked_numbers() if n > number), None)

    def previous_number(self, number: int) -> int | None:
        return next((n for n in reversed(self.asked_numbers()) if n < number), None)

    def steps(self) -> list[Step]:
        asked = [(number, question) for number, question in enumerate(self.questions, start=1)
                 if self.is_asked(question)]
        return [
            Step(number, place, question, self.parsed(question), self.has_answer(question))
            for place, (number, question) in enumerate(asked, start=1)
        ]

    def problems(self) -> list[Step]:
        """Steps that stop submission: an invalid answer, or a required question not yet answered."""
        return [step for step in self.steps() if step.parsed.error]

    def first_unvisited(self) -> int | None:
        return next((step.number for step in self.steps() if not step.answered), None)

    def values(self) -> dict[int, object]:
        """Clean values by question id for the questions asked. Only call when there are no problems."""
        return {step.question.id: step.parsed.value for step in self.steps() if step.parsed.value is not None}


def answer_facts(question, value) -> branching.Facts:
    """What branching reads from one answer's clean value (None: no answer, or not a valid one)."""
    if value is None:
        return branching.NO_ANSWER
    qtype = question.type
    chosen = frozenset(qtype.selected(value)) if qtype.has_options else frozenset()
    return branching.Facts(answered=True, chosen=chosen, value=qtype.comparable(question, value))


def stored_answer_facts(question, rows) -> branching.Facts:
    """What branching reads from a stored response's answer rows for ``question``."""
    if not rows:
        return branching.NO_ANSWER
    qtype = question.type
    value = qtype.comparable(question, qtype.value_from_rows(question, rows)) if qtype.compares else None
    return branching.Facts(answered=True, chosen=frozenset(row.option_id for row in rows if row.option_id is not None),
                           value=value)
