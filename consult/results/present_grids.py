"""What the dashboard, the public results and the full printed report show for grids and rankings.

A grid's statements are each summarised like a single-choice question: a chart and table of how many
people chose each point, with "no answer" for the people asked who left that statement out, all
protected by the small-number rules. A ranking is a table of its items, the one with the best (lowest)
average position first: the average position, how many put it 1st, how many gave it a position.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_decimal
from markupsafe import Markup

from consult.results import charts, figures
from consult.results.plain import GRID
from consult.results.protect import protect_counts
from consult.translating import gettext as _
from consult.translating import ngettext


@dataclass
class RankRow:
    label: str
    mean: str
    firsts: str
    ranked: str
    lang: Markup = Markup("")


@dataclass
class RankTable:
    title: str
    rows: list[RankRow]


def grid_parts(question, number: int, summary, texts, threshold: int, rtl: bool, lang_attr):
    """(one Chart per statement, the sentence about the grid as a whole)."""
    from consult.results.present import Chart, Row, answers_sentence, bar_text, count_text, percent_text, quoted

    qtype = question.type
    points = qtype.points(question)
    point_labels = [texts(point.label_id) for point in points]
    parts = []
    for statement in qtype.statements(question):
        counts_by_point = summary.statements.get(statement.id, {})
        counts = [counts_by_point.get(point.id, 0) for point in points]
        cells = figures.statement_cells(summary, statement.id, [point.id for point in points], threshold)
        labelled = [(label.text if label else "", cell) for label, cell in zip(point_labels, cells[:-1])]
        statement_words = texts(statement.label_id)
        words = statement_words.text if statement_words else ""
        if summary.asked == 0:
            sentence = _("No one was asked this question.")
        elif not figures.asked_shown(summary, threshold):
            sentence = _("Too few people were asked this question to show the results.")
        elif sum(counts) == 0:
            sentence = _("No one answered this statement.")
        else:
            sentence = answers_sentence(labelled, False, summary.asked)
        title = _("Question %(number)s, %(statement)s: answers", number=number, statement=quoted(words))
        chart_id = f"chart-q{question.id}-s{statement.id}"
        rows = [Row(text, count_text(cell, threshold), percent_text(cell), lang_attr(label))
                for (text, cell), label in zip(labelled, point_labels)]
        rows.append(Row(_("No answer (skipped)"), count_text(cells[-1], threshold), percent_text(cells[-1])))
        bars = [charts.Bar(text, cell.value, bar_text(cell, threshold)) for text, cell in labelled]
        bars.append(charts.Bar(_("No answer (skipped)"), cells[-1].value, bar_text(cells[-1], threshold)))
        svg = charts.bar_chart(bars, chart_id=chart_id, title=title, description=sentence, rtl=rtl,
                               scale_max=summary.asked)
        parts.append((statement_words, Chart(chart_id, title, _("Answer"), svg, rows, sentence,
                                              count_header=_("People"),
                                              percent_header=_("Percentage of the people asked"))))
    count = len(parts)
    sentence = _("Each statement was answered on the same scale; the answers to each are below.") if count else ""
    return parts, sentence


def ranking_table(question, number: int, summary, texts, threshold: int, lang_attr) -> tuple[RankTable | None, str]:
    """(the table, its sentence). Hidden when fewer people than the threshold answered: an average
    position of a handful of people gives their answers away."""
    from consult.results.present import count_text, quoted

    if summary.asked == 0:
        return None, _("No one was asked this question.")
    if summary.answered == 0:
        return None, _("No one answered this question.")
    items = question.type.items(question)
    ranks = figures.ranking_figures(summary, [item.id for item in items], threshold)
    if ranks is None:
        return None, _("Too few people answered to show the order they chose.")
    entries = []
    for item, rank in zip(items, ranks):
        label = texts(item.label_id)
        shown_mean = rank.mean is not None
        mean = format_decimal(rank.mean, format="0.0") if shown_mean else _("not shown")
        order = (0, rank.mean, -rank.firsts_count) if shown_mean else (1, 0, 0)
        entries.append((order, RankRow(label.text if label else "", mean, count_text(rank.firsts, threshold),
                                       count_text(rank.ranked, threshold), lang_attr(label))))
    entries.sort(key=lambda entry: entry[0])
    rows = [row for _order, row in entries]
    title = _("Question %(number)s: order people chose", number=number)
    best = next((row for order, row in entries if order[0] == 0), None)
    if best is None:
        return RankTable(title, rows), _("The numbers are hidden to protect small groups.")
    sentence = _("%(answer)s came top, with an average position of %(mean)s (1 is first).",
                 answer=quoted(best.label), mean=best.mean)
    sentence += " " + ngettext("%(num)s person put the answers in order.", "%(num)s people put the answers in order.",
                               summary.answered)
    return RankTable(title, rows), sentence


def easy_lines(shape, question, summary, texts, threshold: int) -> list[str]:
    """The easy-read printed results for a grid or a ranking: short sentences, numbers as digits.
    The caller has already said so when too few people were asked."""
    from consult.results.present import AMBIGUOUS, _tops, quoted

    lines = [ngettext("%(num)s person answered this question.", "%(num)s people answered this question.",
                      summary.answered)]
    if summary.answered < threshold:
        return lines + [_("We do not show their answers, to protect their privacy.")]
    qtype = question.type
    if shape.shape == GRID:
        points = qtype.points(question)
        labels = [texts(point.label_id) for point in points]
        for statement in qtype.statements(question):
            counts = [summary.statements.get(statement.id, {}).get(point.id, 0) for point in points]
            cells = protect_counts(counts, threshold, total=summary.asked)
            tops = _tops([(label.text if label else "", cell) for label, cell in zip(labels, cells)])
            words = texts(statement.label_id)
            if tops and tops is not AMBIGUOUS and len(tops) == 1:
                lines.append(_("%(statement)s: most people chose %(answer)s.",
                               statement=words.text if words else "", answer=quoted(tops[0][0])))
        return lines
    table, _sentence = ranking_table(question, 0, summary, texts, threshold, lambda _label: "")
    if table and table.rows and table.rows[0].mean != _("not shown"):
        lines.append(_("%(answer)s came top.", answer=quoted(table.rows[0].label)))
    return lines
