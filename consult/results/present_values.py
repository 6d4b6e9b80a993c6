"""What the dashboard shows for answers that are values: numbers with decimals and money (DECIMAL), and
dates (DATE). The small-number rules are the same as for whole numbers (present._number_stats): the
lowest, highest, earliest and latest answers are each one person's answer, so they are shown only when
enough people answered; each month's count is protected like any other count.
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, format_number, ngettext
from flask_babel import gettext as _

from consult.results import charts, present
from consult.results.protect import SHOWN, protect_counts

# Dates over more months than this are counted by year: a chart of 80 years of birthdays by month
# would be 960 columns too thin to read.
MOST_MONTHS = 24


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
    if stats.count < threshold:
        return rows, _("Too few people answered to show the lowest, middle and highest answers.")
    low, mean, middle, high = (format_value(value) for value in (stats.minimum, stats.mean, stats.median,
                                                                 stats.maximum))
    rows += [(_("Lowest"), low), (_("Average (mean)"), mean), (_("Middle (median)"), middle), (_("Highest"), high)]
    sentence = _("Answers went from %(low)s to %(high)s. The middle answer was %(middle)s.",
                 low=low, high=high, middle=middle)
    return rows, sentence + " " + _("The average (mean) was %(mean)s.", mean=mean)


def _periods(by_month: dict[date, int]) -> tuple[dict[date, int], bool]:
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


def date_view(question_number: int, question_id: int, summary, asked, answered, threshold: int, rtl: bool):
    """(rows, sentence, chart or None)."""
    nothing = _no_values(summary, asked, answered, threshold)
    if nothing or summary.dates is None:
        rows, sentence = nothing or ([(_("Answers"), present.count_text(answered, threshold))],
                                     _("No one answered this question."))
        return rows, sentence, None
    stats = summary.dates
    rows = [(_("Answers"), present.count_text(answered, threshold))]
    if stats.count < threshold:
        return rows, _("Too few people answered to show the earliest and latest dates."), None
    counts, by_year = _periods(dict(stats.by_month))
    periods = list(counts)
    cells = protect_counts([counts[period] for period in periods], threshold, total=stats.count, additive=True)

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
