"""The results, computed the slow and obvious way: plain Python loops over every answer.

Never used to serve a page. It exists so a test can check the SQL in ``analysis.py`` against
something simple enough to believe by reading it (tests/results/test_analysis_reference.py runs
both on random consultations and compares them).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from consult.results.analysis_grids import plain_rank_stats, plain_statement_counts
from consult.results.analysis_values import amount_stats, date_stats
from consult.results.plain import (
    AGREEING,
    DATE,
    DECIMAL,
    GRID,
    MULTIPLE,
    NUMBER,
    RANKING,
    SINGLE,
    NumberStats,
    Overview,
    QuestionSummary,
    ResponseFilter,
    Results,
    ScaleSpread,
    asked_questions,
    has_value,
)


@dataclass(frozen=True)
class PlainAnswer:
    question_id: int
    option_id: int | None = None
    text: str | None = None
    number: int | None = None
    amount: Decimal | None = None
    date: date | None = None
    statement_option_id: int | None = None  # a grid's row: the statement it answers


@dataclass(frozen=True)
class PlainResponse:
    id: int
    submitted_at: datetime  # naive UTC
    channel: str = "online"
    language: str = "en"
    register: str = "standard"
    answers: tuple[PlainAnswer, ...] = field(default_factory=tuple)

    def rows(self) -> dict[int, list[PlainAnswer]]:
        found: dict[int, list[PlainAnswer]] = defaultdict(list)
        for answer in self.answers:
            found[answer.question_id].append(answer)
        return found

    def chosen(self) -> dict[int, set[int]]:
        found: dict[int, set[int]] = defaultdict(set)
        for answer in self.answers:
            if answer.option_id is not None:
                found[answer.question_id].add(answer.option_id)
        return found


def local_date(moment: datetime, zone: str):
    return moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone)).date()


def _matches(response: PlainResponse, where: ResponseFilter) -> bool:
    if where.start is not None and response.submitted_at < where.start:
        return False
    if where.end is not None and response.submitted_at >= where.end:
        return False
    if where.channel is not None and response.channel != where.channel:
        return False
    if where.language is not None and response.language != where.language:
        return False
    if where.register is not None and response.register != where.register:
        return False
    if where.option_id is not None and not any(a.option_id == where.option_id for a in response.answers):
        return False
    return True


def summarise(shapes, responses, where: ResponseFilter = ResponseFilter(), zone: str = "Europe/London") -> Results:
    shapes = tuple(shapes)
    kept = [response for response in responses if _matches(response, where)]
    overview = Overview(
        total=len(kept),
        by_day=dict(Counter(local_date(r.submitted_at, zone) for r in kept)),
        by_channel=dict(Counter(r.channel for r in kept)),
        by_language=dict(Counter(r.language for r in kept)),
        by_register=dict(Counter(r.register for r in kept)),
    )
    asked_by = {response.id: asked_questions(shapes, response.rows()) for response in kept}
    summaries = {}
    for shape in shapes:
        asked = answered = 0
        option_counts = {option.id: 0 for option in shape.options}
        numbers: list[int] = []
        amounts: list[Decimal] = []
        dates: list[date] = []
        rows_by_response: list[list[PlainAnswer]] = []  # each answering response's rows
        points: list[int] = []  # positions on the scale, one per person on it
        agreeing = 0
        position = {option.id: index for index, option in enumerate(shape.points)}
        for response in kept:
            if shape.id not in asked_by[response.id]:
                continue
            asked += 1
            mine = [a for a in response.answers if a.question_id == shape.id and has_value(shape, a)]
            if not mine:
                continue
            rows_by_response.append(mine)
            answered += 1
            for option_id in {a.option_id for a in mine if a.option_id is not None}:
                if option_id in option_counts:
                    option_counts[option_id] += 1
                if option_id in position:
                    points.append(position[option_id])
                    if shape.points[position[option_id]].value in AGREEING:
                        agreeing += 1
            numbers += [a.number for a in mine if a.number is not None]
            amounts += [a.amount for a in mine if shape.shape == DECIMAL and a.amount is not None]
            dates += [a.date for a in mine if shape.shape == DATE and a.date is not None]
        stats = None
        if shape.shape == NUMBER and numbers:
            stats = NumberStats(len(numbers), min(numbers), float(statistics.median(numbers)), max(numbers))
        spread = None
        if shape.is_scale:
            points.sort()
            median = shape.points[points[(len(points) - 1) // 2]].id if points else None
            spread = ScaleSpread(on_scale=len(points), agreeing=agreeing, median_option_id=median)
        summaries[shape.id] = QuestionSummary(
            question_id=shape.id, asked=asked, answered=answered,
            options=option_counts if shape.shape in (SINGLE, MULTIPLE) else {},
            numbers=stats, spread=spread, amounts=amount_stats(amounts), dates=date_stats(dates),
            statements=plain_statement_counts(shape, rows_by_response) if shape.shape == GRID else {},
            ranks=plain_rank_stats(shape, rows_by_response) if shape.shape == RANKING else {},
        )
    return Results(overview=overview, questions=summaries)


__all__ = ["PlainAnswer", "PlainResponse", "local_date", "summarise"]
