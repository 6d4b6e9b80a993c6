"""Summaries of grids (GRID: each statement answered on one scale) and rankings (RANKING: items put in
order), in SQL for the dashboard and in plain loops for the reference.

A grid stores one answer row per statement answered (``option_id``: the point, ``statement_option_id``:
the statement); a ranking one row per item given a position (``option_id``: the item, ``number``: the
position). ``analysis.summarise`` calls the SQL functions, one query each and only when the consultation
has such questions; ``reference.summarise`` calls the plain ones; a test holds the two together.
"""

from __future__ import annotations

from sqlalchemy import and_, case, func

from consult.models import Answer
from consult.results.plain import GRID, RANKING, RankStats, ResponseFilter


def _statements(shape):
    return [option for option in shape.options if option.kind == "statement"]


def _points(shape):
    return [option for option in shape.options if option.kind != "statement"]


def _items(shape):
    return [option for option in shape.options if option.kind == "answer"]


def statement_counts(shape, found) -> dict[int, dict[int, int]]:
    """Every statement and point of a grid as keys; ``found``: (statement id, point id) -> count."""
    return {statement.id: {point.id: found.get((statement.id, point.id), 0) for point in _points(shape)}
            for statement in _statements(shape)}


def rank_stats(shape, found) -> dict[int, RankStats]:
    """Every item of a ranking as a key; ``found``: item id -> (ranked, total, firsts)."""
    return {item.id: RankStats(*found.get(item.id, (0, 0, 0))) for item in _items(shape)}


# -- in SQL --------------------------------------------------------------------------------------

def sql_statement_counts(consultation_id: int, shapes, by_id, where: ResponseFilter) -> dict[int, dict]:
    from consult.results.analysis import _per_question

    grids = [shape for shape in shapes if shape.shape == GRID]
    if not grids:
        return {}
    rows = _per_question(
        [Answer.question_id, Answer.statement_option_id, Answer.option_id, func.count()], grids, by_id,
        consultation_id, where,
        and_(Answer.option_id.is_not(None), Answer.statement_option_id.is_not(None)),
        [Answer.question_id, Answer.statement_option_id, Answer.option_id])
    found: dict[int, dict] = {}
    for question_id, statement_id, point_id, count in rows:
        found.setdefault(question_id, {})[(statement_id, point_id)] = count
    return {shape.id: statement_counts(shape, found.get(shape.id, {})) for shape in grids}


def sql_rank_stats(consultation_id: int, shapes, by_id, where: ResponseFilter) -> dict[int, dict]:
    from consult.results.analysis import _per_question

    rankings = [shape for shape in shapes if shape.shape == RANKING]
    if not rankings:
        return {}
    rows = _per_question(
        [Answer.question_id, Answer.option_id, func.count(), func.sum(Answer.number),
         func.sum(case((Answer.number == 1, 1), else_=0))], rankings, by_id, consultation_id, where,
        and_(Answer.option_id.is_not(None), Answer.number.is_not(None)),
        [Answer.question_id, Answer.option_id])
    found: dict[int, dict] = {}
    for question_id, item_id, count, total, firsts in rows:
        found.setdefault(question_id, {})[item_id] = (int(count), int(total or 0), int(firsts or 0))
    return {shape.id: rank_stats(shape, found.get(shape.id, {})) for shape in rankings}


# -- in plain Python (reference.py) ---------------------------------------------------------------

def plain_statement_counts(shape, answers_by_response) -> dict[int, dict[int, int]]:
    """``answers_by_response``: for each response asked the question, its rows for it."""
    found: dict[tuple[int, int], int] = {}
    for answers in answers_by_response:
        for answer in answers:
            if answer.option_id is not None and answer.statement_option_id is not None:
                key = (answer.statement_option_id, answer.option_id)
                found[key] = found.get(key, 0) + 1
    return statement_counts(shape, found)


def plain_rank_stats(shape, answers_by_response) -> dict[int, RankStats]:
    found: dict[int, tuple[int, int, int]] = {}
    for answers in answers_by_response:
        for answer in answers:
            if answer.option_id is None or answer.number is None:
                continue
            ranked, total, firsts = found.get(answer.option_id, (0, 0, 0))
            found[answer.option_id] = (ranked + 1, total + answer.number, firsts + (answer.number == 1))
    return rank_stats(shape, found)
