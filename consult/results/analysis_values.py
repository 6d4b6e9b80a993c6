"""Summaries of answers that are values, not options: numbers with decimals and money (DECIMAL, in
``answer.amount``) and dates (DATE, in ``answer.date``).

``summarise`` in analysis.py calls the SQL functions (one query each, and only when the consultation
has such questions); reference.py calls the plain ones over the same answers, and a test holds the
two together.
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import case, func, or_, select

from consult.extensions import db
from consult.models import Answer
from consult.results.plain import DATE, DECIMAL, AmountStats, DateStats, ResponseFilter

FOUR_PLACES = Decimal("0.0001")


def _four(value) -> Decimal:
    """An average as each engine returns it (PostgreSQL a Decimal, SQLite a float) to 4 places."""
    if isinstance(value, float):
        value = repr(value)
    return Decimal(value).quantize(FOUR_PLACES, rounding=ROUND_HALF_EVEN)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


# -- in SQL --------------------------------------------------------------------------------------

def sql_amount_stats(consultation_id: int, shapes, by_id, where: ResponseFilter) -> dict[int, AmountStats]:
    from consult.results.analysis import _asked_answer_rows, _question_column, _scoped

    chosen = [shape for shape in shapes if shape.shape == DECIMAL]
    if not chosen:
        return {}
    ranked = _scoped(
        select(
            Answer.question_id, Answer.amount,
            func.row_number().over(partition_by=Answer.question_id, order_by=Answer.amount).label("place"),
            func.count().over(partition_by=Answer.question_id).label("n"),
        ).select_from(Answer),
        consultation_id, where,
    ).where(_asked_answer_rows(chosen, by_id, _question_column(where)), Answer.amount.is_not(None)).subquery()
    # The median as for whole numbers (analysis._number_stats): the middle value, or the mean of the two.
    middle = or_(ranked.c.place == (ranked.c.n + 1) // 2, ranked.c.place == (ranked.c.n + 2) // 2)
    rows = db.session.execute(
        select(ranked.c.question_id, func.max(ranked.c.n), func.min(ranked.c.amount), func.max(ranked.c.amount),
               func.avg(ranked.c.amount), func.avg(case((middle, ranked.c.amount))))
        .group_by(ranked.c.question_id)
    )
    return {question_id: AmountStats(int(n), low, _four(mean), _four(median), high)
            for question_id, n, low, high, mean, median in rows}


def sql_date_stats(consultation_id: int, shapes, by_id, where: ResponseFilter) -> dict[int, DateStats]:
    from consult.results.analysis import _asked_answer_rows, _question_column, _scoped

    chosen = [shape for shape in shapes if shape.shape == DATE]
    if not chosen:
        return {}
    # The month in a subquery, grouped by its columns (see analysis._overview on PostgreSQL's GROUP BY).
    months = _scoped(
        select(Answer.question_id, func.extract("year", Answer.date).label("year"),
               func.extract("month", Answer.date).label("month"), Answer.date).select_from(Answer),
        consultation_id, where,
    ).where(_asked_answer_rows(chosen, by_id, _question_column(where)), Answer.date.is_not(None)).subquery()
    rows = db.session.execute(
        select(months.c.question_id, months.c.year, months.c.month, func.count(), func.min(months.c.date),
               func.max(months.c.date))
        .group_by(months.c.question_id, months.c.year, months.c.month)
    )
    found: dict[int, dict] = {}
    for question_id, year, month, count, earliest, latest in rows:
        if isinstance(earliest, str):  # SQLite gives min() of a date column back as its text
            earliest, latest = date.fromisoformat(earliest), date.fromisoformat(latest)
        entry = found.setdefault(question_id, {"count": 0, "earliest": earliest, "latest": latest, "months": {}})
        entry["count"] += count
        entry["earliest"] = min(entry["earliest"], earliest)
        entry["latest"] = max(entry["latest"], latest)
        entry["months"][date(int(year), int(month), 1)] = count
    return {question_id: DateStats(entry["count"], entry["earliest"], entry["latest"], dict(sorted(entry["months"].items())))
            for question_id, entry in found.items()}


# -- in plain Python (the reference) ------------------------------------------------------------

def amount_stats(values: list[Decimal]) -> AmountStats | None:
    if not values:
        return None
    return AmountStats(len(values), min(values), _four(sum(values) / len(values)),
                       _four(statistics.median(values)), max(values))


def date_stats(values: list[date]) -> DateStats | None:
    if not values:
        return None
    return DateStats(len(values), min(values), max(values),
                     dict(sorted(Counter(first_of_month(value) for value in values).items())))
