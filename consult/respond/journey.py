"""The path through one consultation: which question comes where, and what is still to do.

Pure functions over a loaded consultation and a draft's raw answers; no request, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from consult.questions import Parsed


@dataclass(frozen=True)
class Step:
    number: int
    question: object
    parsed: Parsed
    answered: bool


class Journey:
    def __init__(self, consultation, raw_answers: dict):
        self.consultation = consultation
        self.questions = list(consultation.questions)
        self.raw_answers = raw_answers

    @property
    def total(self) -> int:
        return len(self.questions)

    def question(self, number: int):
        if 1 <= number <= self.total:
            return self.questions[number - 1]
        return None

    def raw(self, question) -> list[str]:
        return list(self.raw_answers.get(str(question.id), []))

    def has_answer(self, question) -> bool:
        return str(question.id) in self.raw_answers

    def steps(self) -> list[Step]:
        steps = []
        for number, question in enumerate(self.questions, start=1):
            raw = self.raw(question)
            parsed = question.type.check(question, raw)
            steps.append(Step(number, question, parsed, self.has_answer(question)))
        return steps

    def problems(self) -> list[Step]:
        """Steps that stop submission: an invalid answer, or a required question not yet answered."""
        return [step for step in self.steps() if step.parsed.error]

    def first_unvisited(self) -> int | None:
        for number, question in enumerate(self.questions, start=1):
            if not self.has_answer(question):
                return number
        return None

    def values(self) -> dict[int, object]:
        """Clean values by question id, for questions with an answer. Only call when there are no problems."""
        return {
            step.question.id: step.parsed.value
            for step in self.steps()
            if step.parsed.value is not None
        }
