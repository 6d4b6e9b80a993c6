"""The plain data that results are computed from and into: no database, no request.

The SQL summaries (``analysis.py``) and the pure-Python reference (``reference.py``) both take a
consultation's *shape* (its questions, options and branching, as frozen dataclasses) and a
``ResponseFilter``, and both return a ``Results``. Keeping these types free of SQLAlchemy lets the
reference, the small-number rules and the charts be tested without an app, and lets a test compare
the two implementations field by field.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from datetime import date, datetime

# Kinds of question, as the analysis sees them: each question type says which it is.
from consult.questions.base import MULTIPLE, NUMBER, SINGLE, TEXT  # noqa: F401 (imported from here)

# The two points of the agree scale that count as agreeing (their stable option values).
AGREEING = ("agree_strongly", "agree")


@dataclass(frozen=True)
class OptionShape:
    id: int
    kind: str  # answer | none | prefer_not | dont_know
    value: str = ""


@dataclass(frozen=True)
class QuestionShape:
    id: int
    kind: str  # the question type's key ("agree_scale")
    shape: str  # SINGLE, MULTIPLE, NUMBER or TEXT
    options: tuple[OptionShape, ...] = ()
    # (source question id, option ids): asked only when the source was asked and one of these
    # was chosen. None: always asked. Already resolved the way Journey resolves it (see shape_of).
    condition: tuple[int, frozenset[int]] | None = None
    # An agree scale: results say how many agree.
    is_scale: bool = False

    @property
    def points(self) -> tuple[OptionShape, ...]:
        """The ordinary answers, in order (for the agree scale, the five points)."""
        return tuple(option for option in self.options if option.kind == "answer")


@dataclass(frozen=True)
class ResponseFilter:
    """Which responses to count. Times are naive UTC, like every stored time; ``end`` is exclusive."""

    start: datetime | None = None
    end: datetime | None = None
    channel: str | None = None
    language: str | None = None
    register: str | None = None
    # "People who chose this option" (any question): the cross-tab.
    option_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not any((self.start, self.end, self.channel, self.language, self.register, self.option_id))


@dataclass(frozen=True)
class NumberStats:
    count: int
    minimum: int
    median: float
    maximum: int


@dataclass(frozen=True)
class ScaleSpread:
    """The spread of an agree scale: people on the scale (not "Don't know"), the middle point and
    how many agreed. ``median_option_id`` is the lower median: the point of the ((n + 1) // 2)th
    answer in scale order, so it is always a real point, never "between Agree and Neutral"."""

    on_scale: int
    agreeing: int
    median_option_id: int | None


@dataclass(frozen=True)
class QuestionSummary:
    question_id: int
    asked: int
    answered: int
    # option id -> how many of the people asked chose it (every option of the question is a key)
    options: Mapping[int, int] = field(default_factory=dict)
    numbers: NumberStats | None = None
    spread: ScaleSpread | None = None

    @property
    def skipped(self) -> int:
        return self.asked - self.answered


@dataclass(frozen=True)
class Overview:
    total: int
    by_day: Mapping[date, int]  # local (Europe/London) dates that had responses
    by_channel: Mapping[str, int]
    by_language: Mapping[str, int]
    by_register: Mapping[str, int]


@dataclass(frozen=True)
class Results:
    overview: Overview
    questions: Mapping[int, QuestionSummary]


# -- branching ------------------------------------------------------------------------------------

def shape_of(consultation) -> tuple[QuestionShape, ...]:
    """The consultation's live questions as plain shapes, with conditions resolved exactly as
    ``consult.respond.journey.Journey._decide_asked`` does: the source is the question of the first
    condition option; a condition on a deleted or later question is ignored (always asked)."""
    from consult.questions import get_type

    questions = list(consultation.questions)
    number = {question.id: index for index, question in enumerate(questions)}
    shapes = []
    for question in questions:
        qtype = get_type(question.kind)
        condition = None
        conditions = question.condition_options
        if conditions:
            source_id = conditions[0].question_id
            if source_id in number and number[source_id] < number[question.id]:
                condition = (source_id, frozenset(option.id for option in conditions))
        options = tuple(OptionShape(option.id, option.kind, option.value) for option in question.options)
        shapes.append(QuestionShape(question.id, question.kind, qtype.results_shape, options, condition,
                                    is_scale=qtype.is_scale))
    return tuple(shapes)


def condition_chain(shape: QuestionShape, by_id: Mapping[int, QuestionShape]) -> list[tuple[int, frozenset[int]]]:
    """Every (source, options) link a question depends on, nearest first: asked when all hold."""
    chain = []
    current = shape
    while current.condition is not None:
        chain.append(current.condition)
        current = by_id[current.condition[0]]
    return chain


def asked_questions(shapes, chosen: Mapping[int, Set[int]]) -> set[int]:
    """The ids of the questions one response was asked, from the options it chose
    (``chosen``: question id -> option ids). Journey's rule, over stored answers."""
    asked: set[int] = set()
    for shape in shapes:  # in order, so a source is decided before the questions that need it
        if shape.condition is None:
            asked.add(shape.id)
            continue
        source_id, option_ids = shape.condition
        if source_id in asked and chosen.get(source_id, set()) & option_ids:
            asked.add(shape.id)
    return asked
