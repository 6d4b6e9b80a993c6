"""Reading the results counted ahead (consult/results/counts.py, which keeps them): a segment's counts
made back into the ``Results`` analysis.summarise gives, medians and all, from rows of (value, how many).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import AnswerCount, ResponseCount
from consult.results import analysis_grids
from consult.results.analysis_values import _four, first_of_month
from consult.results.counts import ANSWERED, ASKED, EPOCH, EVERYONE, HOUR, VALUE_FIELDS, ValueRow, is_current, value_of
from consult.results.plain import (
    DATE,
    DECIMAL,
    GRID,
    MULTIPLE,
    NUMBER,
    RANKING,
    SINGLE,
    AmountStats,
    DateStats,
    NumberStats,
    Overview,
    QuestionSummary,
    Results,
)


def _local_days(hours: dict[int, int], zone: str) -> dict[date, int] | None:
    """Responses per local day from responses per UTC hour; None when the zone's offset is not whole
    hours or changes other than on the hour (then an hour can straddle two local days)."""
    from consult.results.analysis import offset_segments

    if not hours:
        return {}
    first = EPOCH + timedelta(hours=min(hours))
    last = EPOCH + timedelta(hours=max(hours) + 1)
    segments = offset_segments(zone, first, last)
    if any(offset % HOUR for _, offset in segments) or any(
            changes.minute or changes.second for changes, _ in segments[1:]):
        return None
    # In whole hours since EPOCH (checked above): the hour each offset starts, and the offset itself.
    changes = [((moment - EPOCH) // timedelta(hours=1), after // HOUR) for moment, after in segments[1:]]
    first_offset = segments[0][1] // HOUR
    days: dict[int, int] = defaultdict(int)  # days since EPOCH -> responses
    for hour, count in hours.items():
        offset = first_offset
        for starts, after in changes:
            if hour >= starts:
                offset = after
        days[(hour + offset) // 24] += count
    start = EPOCH.date()
    return {start + timedelta(days=day): count for day, count in days.items()}


def _overview(consultation_id: int, segment: int, zone: str) -> Overview | None:
    kept = (ResponseCount.consultation_id == consultation_id, ResponseCount.segment == segment,
            ResponseCount.count > 0)
    # Summed in SQL: an hour of each channel, language and register is a row (20,000 over six weeks).
    hours = dict(db.session.execute(
        select(ResponseCount.hour, func.sum(ResponseCount.count)).where(*kept).group_by(ResponseCount.hour)).all())
    days = _local_days({hour: int(count) for hour, count in hours.items()}, zone)
    if days is None:
        return None
    by: list[dict[str, int]] = [defaultdict(int), defaultdict(int), defaultdict(int)]
    for channel, language, register, count in db.session.execute(
            select(ResponseCount.channel, ResponseCount.language, ResponseCount.register, func.sum(ResponseCount.count))
            .where(*kept).group_by(ResponseCount.channel, ResponseCount.language, ResponseCount.register)):
        for found, key in zip(by, (channel, language, register)):
            found[key] += int(count)
    return Overview(total=sum(days.values()), by_day=days, by_channel=dict(by[0]), by_language=dict(by[1]),
                    by_register=dict(by[2]))


def _middle(values: list[tuple], count: int) -> tuple:
    """The values at places (n + 1) // 2 and (n + 2) // 2 of the counted values in order."""
    wanted, found, seen = ((count + 1) // 2, (count + 2) // 2), [], 0
    for value, times in values:
        before, seen = seen, seen + times
        found += [value for place in wanted if before < place <= seen]
    return found[0], found[1]


def _number_stats(values: list[tuple]) -> NumberStats | None:
    values = sorted(values)
    count = sum(times for _, times in values)
    if not count:
        return None
    low, high = _middle(values, count)
    return NumberStats(count, values[0][0], (low + high) / 2, values[-1][0])


def _amount_stats(values: list[tuple]) -> AmountStats | None:
    values = sorted(values)
    count = sum(times for _, times in values)
    if not count:
        return None
    low, high = _middle(values, count)
    total = sum((value * times for value, times in values), Decimal(0))
    return AmountStats(count, values[0][0], _four(total / count), _four((low + high) / 2), values[-1][0])


def _date_stats(values: list[tuple]) -> DateStats | None:
    values = sorted(values)
    if not values:
        return None
    months: dict[date, int] = defaultdict(int)
    for day, times in values:
        months[first_of_month(day)] += times
    return DateStats(sum(times for _, times in values), values[0][0], values[-1][0], dict(sorted(months.items())))


def read_results(consultation_id: int, shapes, zone: str = "Europe/London",
                 segment: int = EVERYONE) -> Results | None:
    """analysis.summarise for a segment (everyone by default) from the counts; None when they cannot be used."""
    from consult.results.analysis import spread_from_counts

    shapes = tuple(shapes)
    if not is_current(consultation_id, shapes, segment):
        return None
    overview = _overview(consultation_id, segment, zone)
    if overview is None:
        return None
    totals: dict[tuple[int, str], int] = {}
    values: dict[int, list[tuple]] = defaultdict(list)
    for question_id, key, count, *value in db.session.execute(
            select(AnswerCount.question_id, AnswerCount.key, AnswerCount.count,
                   *(getattr(AnswerCount, name) for name in VALUE_FIELDS))
            .where(AnswerCount.consultation_id == consultation_id, AnswerCount.segment == segment,
                   AnswerCount.count > 0)):
        if key in (ASKED, ANSWERED):
            totals[(question_id, key)] = count
        else:
            values[question_id].append((value_of(ValueRow(*value)), count))
    summaries = {}
    for shape in shapes:
        mine = values.get(shape.id, [])
        chosen: dict[int, int] = defaultdict(int)
        for (option_id, *_rest), count in mine:
            if option_id is not None:
                chosen[option_id] += count
        options = {}
        if shape.shape in (SINGLE, MULTIPLE):
            options = {option.id: chosen.get(option.id, 0) for option in shape.options}
        statements, ranks = {}, {}
        if shape.shape == GRID:
            statements = analysis_grids.statement_counts(shape, {
                (statement, point): count for (point, statement, *_rest), count in mine
                if point is not None and statement is not None})
        if shape.shape == RANKING:
            ranked: dict[int, tuple[int, int, int]] = {}
            for (item, _statement, place, *_rest), count in mine:
                if item is not None and place is not None:
                    people, total, firsts = ranked.get(item, (0, 0, 0))
                    ranked[item] = (people + count, total + place * count, firsts + (count if place == 1 else 0))
            ranks = analysis_grids.rank_stats(shape, ranked)
        summaries[shape.id] = QuestionSummary(
            question_id=shape.id, asked=totals.get((shape.id, ASKED), 0),
            answered=totals.get((shape.id, ANSWERED), 0), options=options,
            numbers=_number_stats([(value[2], count) for value, count in mine]) if shape.shape == NUMBER else None,
            amounts=_amount_stats([(value[3], count) for value, count in mine]) if shape.shape == DECIMAL else None,
            dates=_date_stats([(value[4], count) for value, count in mine]) if shape.shape == DATE else None,
            statements=statements, ranks=ranks,
            spread=spread_from_counts(shape, options) if shape.is_scale else None,
        )
    return Results(overview=overview, questions=summaries, from_counts=True)
