"""The plain data that results are computed from and into: no database, no request.

The SQL summaries (``analysis.py``) and the pure-Python reference (``reference.py``) both take a
consultation's *shape* (its questions, options and branching, as frozen dataclasses) and a
``ResponseFilter``, and both return a ``Results``. Keeping these types free of SQLAlchemy lets the
reference, the small-number rules and the charts be tested without an app, and lets a test compare
the two implementations field by field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

# Kinds of question, as the analysis sees them: each question type says which it is.
from consult import branching
from consult.questions.base import DATE, DECIMAL, GRID, MULTIPLE, NUMBER, RANKING, SINGLE, TEXT  # noqa: F401

# Shapes that store several answer rows per person (answered: count(DISTINCT response_id)).
SEVERAL_ROWS = (MULTIPLE, GRID, RANKING)
# Shapes whose rows are options (a grid's points, a ranking's items).
OPTION_SHAPES = (SINGLE, MULTIPLE, GRID, RANKING)

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
    shape: str  # SINGLE, MULTIPLE, NUMBER, TEXT, DECIMAL or DATE
    options: tuple[OptionShape, ...] = ()
    # When the question is asked (consult.branching.Plan.asked_formula), None: always. Already
    # resolved the way Journey resolves it (see shape_of); the analysis compiles it into SQL.
    condition: tuple | None = None
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
    # Answers taken on a kiosk at this event (consult/events).
    event_id: int | None = None
    # Answers that arrived by a link with this pre-filled value (?ward=north; consult/events/prefill.py).
    prefill_value_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not any((self.start, self.end, self.channel, self.language, self.register, self.option_id,
                        self.event_id, self.prefill_value_id))


@dataclass(frozen=True)
class NumberStats:
    count: int
    minimum: int
    median: float
    maximum: int


@dataclass(frozen=True)
class AmountStats:
    """Numbers with decimals and money (DECIMAL): exact Decimals; the median and mean to 4 places (the
    mean of 3-place values, rounded half to even; the median is exact: half of two 3-place values)."""

    count: int
    minimum: Decimal
    mean: Decimal
    median: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class DateStats:
    """Dates (DATE): the earliest and latest, and how many fell in each month (keyed by its first day)."""

    count: int
    earliest: date
    latest: date
    by_month: Mapping[date, int]


@dataclass(frozen=True)
class RankStats:
    """One item of a ranking: how many people gave it a position, the sum of those positions (1 is
    first), and how many put it first. The mean is worked out from the two whole numbers, so the SQL
    and the reference agree exactly."""

    ranked: int
    total: int
    firsts: int

    @property
    def mean(self) -> float | None:
        return self.total / self.ranked if self.ranked else None


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
    amounts: AmountStats | None = None
    dates: DateStats | None = None
    # A grid: statement id -> {point id -> how many chose it for that statement} (every point a key).
    statements: Mapping[int, Mapping[int, int]] = field(default_factory=dict)
    # A ranking: item id -> its RankStats (every item a key).
    ranks: Mapping[int, RankStats] = field(default_factory=dict)

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
    # Read from the counts kept ahead (consult/results/counts.py), which were current then: a page that
    # would queue a rebuild of missing or stale counts need not ask again.
    from_counts: bool = field(default=False, compare=False)


# -- branching ------------------------------------------------------------------------------------

def shape_of(consultation) -> tuple[QuestionShape, ...]:
    """The consultation's live questions as plain shapes, with their branching (consult.branching)."""
    questions = list(consultation.questions)
    plan = branching.plan_for(consultation)
    shapes = []
    for question in questions:
        qtype = question.type
        options = tuple(OptionShape(option.id, option.kind, option.value) for option in question.options)
        shapes.append(QuestionShape(question.id, question.kind, qtype.results_shape, options,
                                    plan.asked_formula(question.id), is_scale=qtype.is_scale))
    return tuple(shapes)


# Where each shape's comparable value is stored (consult.questions.base.AnswerRow).
VALUE_COLUMNS = {NUMBER: "number", DECIMAL: "amount", DATE: "date"}


def has_value(shape: QuestionShape, row) -> bool:
    """The row holds the kind of value its question takes (Answer rows, AnswerRows or PlainAnswers);
    analysis._has_value is the same rule in SQL."""
    if shape.shape in OPTION_SHAPES:
        return row.option_id is not None
    column = VALUE_COLUMNS.get(shape.shape, "text")
    return getattr(row, column) is not None


def stored_facts(shape: QuestionShape, rows) -> branching.Facts:
    """What branching reads from one question's stored answer rows (Answer rows or PlainAnswers)."""
    if not rows:
        return branching.NO_ANSWER
    column = VALUE_COLUMNS.get(shape.shape)
    value = next((getattr(row, column) for row in rows if getattr(row, column) is not None), None) if column else None
    return branching.Facts(answered=True, chosen=frozenset(row.option_id for row in rows if row.option_id is not None),
                           value=value)


def asked_questions(shapes, rows: Mapping[int, list]) -> set[int]:
    """The ids of the questions one response was asked, from its stored answers
    (``rows``: question id -> its answer rows). Journey's rule, over stored answers."""
    by_id = {shape.id: shape for shape in shapes}

    def facts_of(question_id: int) -> branching.Facts:
        shape = by_id.get(question_id)
        return stored_facts(shape, rows.get(question_id, [])) if shape is not None else branching.NO_ANSWER

    asked: dict[int, bool] = {}

    def is_asked(question_id: int) -> bool:
        if question_id not in asked:
            shape = by_id.get(question_id)
            asked[question_id] = shape is not None and (
                shape.condition is None or branching.evaluate(shape.condition, is_asked, facts_of))
        return asked[question_id]

    return {shape.id for shape in shapes if is_asked(shape.id)}
