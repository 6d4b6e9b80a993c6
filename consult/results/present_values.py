"""What the dashboard shows for answers that are values: numbers with decimals and money (DECIMAL), and
dates (DATE). The small-number rules are the same as for whole numbers (present._number_stats): the
lowest, highest, earliest and latest answers are each one person's answer, so they are shown only when
enough people answered; each month's count is protected like any other count.
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date

from consult.number_text import format_number
from consult.results import charts, figures, present
from consult.results.protect import SHOWN
from consult.translating import gettext as _
from consult.translating import ngettext


def _no_values(summary, asked, answered, threshold: int):
    """(rows, sentence) when there is nothing to show beyond the count, or None."""
    rows = [(_("Answers"), present.count_text(answered, threshold))]
    if summary.asked == 0:
        return rows, _("No one was asked this question.")
    if asked.state != SHOWN and summary.answered == 0:
        return rows, _("Too few people were asked this question to show the results.")
    if summary.answered == 0:
        return rows, _("No one answered this question.")
    return None


def amount_view(summary, asked, answered, threshold: int, format_value) -> tuple[list[tuple[str, str]], str]:
    """Rows (label, value) and a sentence. ``format_value``: the question type's way of writing a value
    (a number, or money in pounds)."""
    nothing = _no_values(summary, asked, answered, threshold)
    if nothing or summary.amounts is None:
        return nothing or ([(_("Answers"), present.count_text(answered, threshold))],
                           _("No one answered this question."))
    rows = [(_("Answers"), present.count_text(answered, threshold))]
    stats = summary.amounts
    if not figures.extremes_shown(stats, threshold):
        return rows, _("Too few people answered to show the lowest, middle and highest answers.")
    low, mean, middle, high = (format_value(value) for value in (stats.minimum, stats.mean, stats.median,
                                                                 stats.maximum))
    rows += [(_("Lowest"), low), (_("Average (mean)"), mean), (_("Middle (median)"), middle), (_("Highest"), high)]
    sentence = _("Answers went from %(low)s to %(high)s. The middle answer was %(middle)s.",
                 low=low, high=high, middle=middle)
    return rows, sentence + " " + _("The average (mean) was %(mean)s.", mean=mean)


def date_view(question_number: int, question_id: int, summary, asked, answered, threshold: int, rtl: bool):
    """(rows, sentence, chart or None)."""
    nothing = _no_values(summary, asked, answered, threshold)
    if nothing or summary.dates is None:
        rows, sentence = nothing or ([(_("Answers"), present.count_text(answered, threshold))],
                                     _("No one answered this question."))
        return rows, sentence, None
    stats = summary.dates
    rows = [(_("Answers"), present.count_text(answered, threshold))]
    if not figures.extremes_shown(stats, threshold):
        return rows, _("Too few people answered to show the earliest and latest dates."), None
    periods, cells, by_year = figures.date_cells(stats, threshold)

    def name(period: date) -> str:
        return format_date(period, "y") if by_year else format_date(period, "MMMM y")

    words = _("The dates went from %(earliest)s to %(latest)s.", earliest=format_date(stats.earliest, "long"),
              latest=format_date(stats.latest, "long"))
    tops = present._tops([(name(period), cell) for period, cell in zip(periods, cells)])
    if tops and tops is not present.AMBIGUOUS and len(tops) == 1:
        label, cell = tops[0]
        message = (_("The most common year was %(period)s (%(count)s).") if by_year
                   else _("The most common month was %(period)s (%(count)s)."))
        words += " " + message % {"period": label, "count": format_number(cell.count)}
    title = _("Question %(number)s: dates by year", number=question_number) if by_year else \
        _("Question %(number)s: dates by month", number=question_number)
    columns = [charts.Column(format_date(period, "y") if by_year else format_date(period, "MMM y"), cell.value,
                             present.count_text(cell, threshold) if cell.shown else "")
               for period, cell in zip(periods, cells)]
    shown = [cell.count for cell in cells if cell.shown]
    top_label = ngettext("%(num)s answer", "%(num)s answers", max(shown)) if shown else ""
    chart_id = f"chart-q{question_id}"
    svg = charts.column_chart(columns, chart_id=chart_id, title=title, description=words, top_label=top_label, rtl=rtl)
    table = [present.Row(name(period), present.count_text(cell, threshold), present.percent_text(cell))
             for period, cell in zip(periods, cells)]
    chart = present.Chart(chart_id, title, _("Year") if by_year else _("Month"), svg, table, words,
                          count_header=_("People"), percent_header=_("Percentage of the people who answered"))
    return rows, words, chart
