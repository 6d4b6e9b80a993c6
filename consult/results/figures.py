"""The protected figures of one question's results: which counts, values and averages may be shown,
before any words or charts are made of them. Written once, here, and used by the staff dashboard,
the public results and printed reports (present.py, present_values.py, present_grids.py) and by the
API (each question type's ``results_figures``, consult/questions/), so all of them protect small
groups by the same rules (protect.py). Pure functions over a QuestionSummary (plain.py): no app.

The rules beyond protect.py's cells:

- one-answer tables (a single choice, each statement of a grid) protect their answers together with
  "no answer", as their cells add up to the people asked;
- the lowest, highest, earliest and latest answers are each one person's answer: shown only when at
  least the threshold answered (``extremes_shown``), and so are a median, a mean and a ranking's
  order;
- an average position of fewer positions than the threshold is not shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from consult.questions.base import SINGLE
from consult.results.plain import AGREEING
from consult.results.protect import SHOWN, Cell, percent, protect_answered, protect_counts, protect_total

# Dates over more months than this are counted by year: a chart of 80 years of birthdays by month
# would be 960 columns too thin to read.
MOST_MONTHS = 24


@dataclass(frozen=True)
class Answered:
    asked: Cell
    answered: Cell
    skipped: Cell


def answered_cells(summary, threshold: int, skipped_cell: Cell | None = None) -> Answered:
    """Asked, answered and skipped. With ``skipped_cell`` (the "no answer" cell of a one-answer table,
    protected with the answers) "answered" is shown exactly when it is; otherwise as a pair."""
    return Answered(*protect_answered(summary.asked, summary.answered, summary.skipped, threshold, skipped_cell))


def choice_cells(summary, option_ids: Sequence[int], threshold: int, one_answer: bool) -> tuple[list[Cell], Answered]:
    """Each option's cell (people who chose it, of the people asked), and asked/answered/skipped."""
    counts = [summary.options.get(option_id, 0) for option_id in option_ids]
    if one_answer:
        # One answer each: the answers and "no answer" add up to the people asked.
        cells = protect_counts(counts + [summary.skipped], threshold, total=summary.asked, additive=True)
        return cells[:-1], answered_cells(summary, threshold, cells[-1])
    return protect_counts(counts, threshold, total=summary.asked), answered_cells(summary, threshold)


def extremes_shown(stats, threshold: int) -> bool:
    """Whether the lowest, middle and highest answers (or earliest and latest dates) may be shown."""
    return stats is not None and stats.count >= threshold


@dataclass(frozen=True)
class ScaleFigures:
    # Of the people asked, rounded half up; None when any agreeing cell is not shown.
    agreeing_percent: int | None
    # The lower median's point; None when too few people are on the scale.
    middle_option_id: int | None


def scale_figures(shape, summary, option_cells: Sequence[Cell], option_ids: Sequence[int], asked: Cell,
                  threshold: int) -> ScaleFigures:
    """An agree scale's share agreeing and its middle point, when they may be shown."""
    spread = summary.spread
    if asked.state != SHOWN or spread is None or spread.on_scale == 0:
        return ScaleFigures(None, None)
    by_id = dict(zip(option_ids, option_cells))
    agreeing = [by_id[point.id] for point in shape.points if point.value in AGREEING and point.id in by_id]
    share = (percent(spread.agreeing, summary.asked)
             if agreeing and all(cell.state == SHOWN for cell in agreeing) else None)
    middle = spread.median_option_id if spread.on_scale >= threshold else None
    return ScaleFigures(share, middle)


def date_periods(by_month: dict[date, int]) -> tuple[dict[date, int], bool]:
    """Counts by month, or by year (keyed by 1 January) when the dates span more than MOST_MONTHS."""
    first, last = min(by_month), max(by_month)
    if (last.year - first.year) * 12 + last.month - first.month < MOST_MONTHS:
        span, month = [], first
        while month <= last:
            span.append(month)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return {month: by_month.get(month, 0) for month in span}, False
    years: dict[date, int] = {date(year, 1, 1): 0 for year in range(first.year, last.year + 1)}
    for month, count in by_month.items():
        years[date(month.year, 1, 1)] += count
    return years, True


def date_cells(stats, threshold: int) -> tuple[list[date], list[Cell], bool]:
    """(periods, their cells, by year?) of dates that may be shown (``extremes_shown``): each period's
    count of the people who answered, protected as a table that adds up to them."""
    counts, by_year = date_periods(dict(stats.by_month))
    periods = list(counts)
    cells = protect_counts([counts[period] for period in periods], threshold, total=stats.count, additive=True)
    return periods, cells, by_year


def statement_cells(summary, statement_id: int, point_ids: Sequence[int], threshold: int) -> list[Cell]:
    """A grid statement's cells: one per point, then "no answer" (people asked who left it out)."""
    counts_by_point = summary.statements.get(statement_id, {})
    counts = [counts_by_point.get(point_id, 0) for point_id in point_ids]
    left_out = max(summary.asked - sum(counts), 0)
    # One answer per statement each: the points and "no answer" add up to the people asked.
    return protect_counts(counts + [left_out], threshold, total=summary.asked, additive=True)


def asked_shown(summary, threshold: int) -> bool:
    return protect_total(summary.asked, threshold).state == SHOWN


@dataclass(frozen=True)
class RankFigure:
    item_id: int
    firsts: Cell
    ranked: Cell
    mean: float | None  # the average position (1 is first), None when not shown
    # Whole numbers behind the mean, for ordering (None when not shown).
    firsts_count: int | None = None


def ranking_figures(summary, item_ids: Sequence[int], threshold: int) -> list[RankFigure] | None:
    """Each item's figures, or None when fewer people than the threshold answered: an average position
    of a handful of people gives their answers away."""
    if summary.answered == 0 or summary.answered < threshold:
        return None
    stats = [summary.ranks.get(item_id) for item_id in item_ids]
    # Each person who answered put exactly one item 1st, so the first choices add up to "answered".
    firsts = protect_counts([stat.firsts if stat else 0 for stat in stats], threshold, total=summary.answered,
                            additive=True)
    ranked = protect_counts([stat.ranked if stat else 0 for stat in stats], threshold, total=summary.answered)
    found = []
    for item_id, stat, first, given in zip(item_ids, stats, firsts, ranked):
        # An average of fewer positions than the threshold is one or two people's answers: not shown.
        shown = stat is not None and stat.mean is not None and given.state == SHOWN
        found.append(RankFigure(item_id, first, given, stat.mean if shown else None,
                                stat.firsts if shown else None))
    return found


# -- a question's figures as data, for the API (each question type names its own: FIGURES below) ----

@dataclass(frozen=True)
class Counted:
    """A cell that belongs to something named (an option, a month), for lists of counts."""

    about: dict
    cell: Cell


def _counts(counted: Answered) -> dict:
    return {"asked": counted.asked, "answered": counted.answered, "skipped": counted.skipped}


def counted_figures(summary, threshold: int) -> dict:
    """How many were asked, answered and skipped, and nothing of the answers (words people wrote,
    personal details)."""
    return _counts(answered_cells(summary, threshold))


def _option(option) -> dict:
    return {"id": option.id, "value": option.value}


def choice_figures(question, summary, threshold: int, one_answer: bool) -> dict:
    options = list(question.options)
    cells, counted = choice_cells(summary, [option.id for option in options], threshold, one_answer)
    return {**_counts(counted), "options": [Counted(_option(option), cell) for option, cell in zip(options, cells)]}


def scale_choice_figures(question, shape, summary, threshold: int) -> dict:
    """An agree scale: its answers, the share who agreed and the middle point, as the dashboard says them."""
    options = list(question.options)
    cells, counted = choice_cells(summary, [option.id for option in options], threshold, one_answer=True)
    scale = scale_figures(shape, summary, cells, [option.id for option in options], counted.asked, threshold)
    return {**_counts(counted), "options": [Counted(_option(option), cell) for option, cell in zip(options, cells)],
            "agreeing_percent": scale.agreeing_percent, "middle_option_id": scale.middle_option_id}


def number_figures(summary, threshold: int) -> dict:
    stats = summary.numbers
    values = ({"minimum": stats.minimum, "median": stats.median, "maximum": stats.maximum}
              if extremes_shown(stats, threshold) else None)
    return {**counted_figures(summary, threshold), "values": values}


def amount_figures(summary, threshold: int) -> dict:
    stats = summary.amounts
    values = ({"minimum": stats.minimum, "mean": stats.mean, "median": stats.median, "maximum": stats.maximum}
              if extremes_shown(stats, threshold) else None)
    return {**counted_figures(summary, threshold), "values": values}


def date_figures(summary, threshold: int) -> dict:
    stats = summary.dates
    dates = None
    if extremes_shown(stats, threshold):
        periods, cells, by_year = date_cells(stats, threshold)
        dates = {"earliest": stats.earliest, "latest": stats.latest, "by": "year" if by_year else "month",
                 "periods": [Counted({"starts": period}, cell) for period, cell in zip(periods, cells)]}
    return {**counted_figures(summary, threshold), "dates": dates}


def grid_figures(statements, points, summary, threshold: int) -> dict:
    found = []
    for statement in statements:
        cells = statement_cells(summary, statement.id, [point.id for point in points], threshold)
        found.append({**_option(statement),
                      "options": [Counted(_option(point), cell) for point, cell in zip(points, cells)],
                      "skipped": cells[-1]})
    return {**counted_figures(summary, threshold), "statements": found}


def ranking_result_figures(items, summary, threshold: int) -> dict:
    ranks = ranking_figures(summary, [item.id for item in items], threshold)
    listed = None
    if ranks is not None:
        listed = [{**_option(item), "mean_position": round(rank.mean, 1) if rank.mean is not None else None,
                   "first": rank.firsts, "ranked": rank.ranked} for item, rank in zip(items, ranks)]
    return {**counted_figures(summary, threshold), "ranking": listed}


def _choices(question, shape, summary, threshold):
    return choice_figures(question, summary, threshold, one_answer=question.type.results_shape == SINGLE)


# Each question type names its figures (``QuestionType.results_figures``); the types never import
# consult.results, which reads them.
FIGURES = {
    "counted": lambda question, shape, summary, threshold: counted_figures(summary, threshold),
    "choices": _choices,
    "scale_choices": scale_choice_figures,
    "number": lambda question, shape, summary, threshold: number_figures(summary, threshold),
    "amount": lambda question, shape, summary, threshold: amount_figures(summary, threshold),
    "date": lambda question, shape, summary, threshold: date_figures(summary, threshold),
    "grid": lambda question, shape, summary, threshold: grid_figures(
        question.type.statements(question), question.type.points(question), summary, threshold),
    "ranking": lambda question, shape, summary, threshold: ranking_result_figures(
        question.type.items(question), summary, threshold),
}


def question_figures(question, shape, summary, threshold: int) -> dict:
    """The question's results as data (the API's results), as its type names them."""
    return FIGURES[question.type.results_figures](question, shape, summary, threshold)
