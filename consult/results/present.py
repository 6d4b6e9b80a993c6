"""What the dashboard shows: summaries turned into protected counts, words, tables and charts.

This is where the small-number rules (``protect.py``) meet the interface language: every count on
the page passes through here, so none can reach a template unprotected. It needs an app context
for Babel (numbers, dates and words in the staff member's language), but no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from babel.dates import format_date as format_day
from babel.lists import format_list
from flask_babel import format_decimal
from markupsafe import Markup

from consult.i18n import language_name_for_staff
from consult.number_text import format_number, format_percent
from consult.questions._choices import grouped_label
from consult.results import charts, figures, present_grids, present_values
from consult.results.plain import DATE, DECIMAL, GRID, MULTIPLE, NUMBER, RANKING, SINGLE, TEXT
from consult.results.protect import (
    HIDDEN,
    SHOWN,
    SMALL,
    Cell,
    protect_counts,
)
from consult.translating import get_locale, ngettext
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

CHANNEL_NAMES = {"online": _l("Online"), "paper": _l("Paper form"), "phone": _l("Phone"), "event": _l("Event"),
                 "assisted": _l("Helped by staff")}
REGISTER_NAMES = {"standard": _l("Standard"), "easy": _l("Easy read")}


@dataclass
class Row:
    label: str
    count: str
    percent: str = ""
    lang: Markup = Markup("")  # lang/dir when the label fell back to another language


@dataclass
class Chart:
    id: str
    title: str
    label_header: str
    svg: Markup
    rows: list[Row]
    sentence: str
    note: str = ""
    count_header: str = ""
    percent_header: str = ""


@dataclass
class QuestionView:
    id: int
    number: int
    prompt: object  # Localised
    kind: str
    asked: str
    answered: str
    skipped: str
    sentence: str = ""
    chart: Chart | None = None
    stats: list[tuple[str, str]] = field(default_factory=list)
    condition: str = ""
    is_text: bool = False
    # A grid: (the statement's words, its Chart) for each statement (consult.results.present_grids).
    parts: list = field(default_factory=list)
    # A ranking: its present_grids.RankTable, or None.
    ranking: object = None


def count_text(cell: Cell, threshold: int) -> str:
    if cell.state == SMALL:
        return _("fewer than %(number)s", number=format_number(threshold))
    if cell.state == HIDDEN:
        return _("not shown")
    return format_number(cell.count)


def percent_text(cell: Cell) -> str:
    return format_percent(cell.percent / 100) if cell.percent is not None else _("not shown")


def bar_text(cell: Cell, threshold: int) -> str:
    if cell.state == SHOWN and cell.percent is not None:
        return _("%(count)s (%(percent)s)", count=format_number(cell.count), percent=percent_text(cell))
    return count_text(cell, threshold)


def quoted(text: str) -> str:
    return _("“%(text)s”", text=text)


AMBIGUOUS = object()  # a hidden count equals the largest shown one: no single "most common"


def _tops(labelled: list[tuple[str, Cell]]):
    """The shown, non-zero cells with the largest count. protect.py hides the smallest shown cell,
    so a hidden count is never larger than every shown one, but it may be equal: then which is
    largest cannot be said without giving the hidden count away (AMBIGUOUS)."""
    shown = [(label, cell) for label, cell in labelled if cell.state == SHOWN and cell.count > 0]
    if not shown:
        return []
    best = max(cell.count for _label, cell in shown)
    if any(cell.state == HIDDEN and cell.count >= best for _label, cell in labelled):
        return AMBIGUOUS
    return [(label, cell) for label, cell in shown if cell.count == best]


def _hidden_words(tops) -> str:
    if tops is AMBIGUOUS:
        return _("Some numbers are hidden to protect small groups, so the most common cannot be named.")
    return _("The numbers are hidden to protect small groups.")


def _list(labels: list[str]) -> str:
    return format_list(labels, locale=get_locale())


def answers_sentence(labelled, multiple: bool, total: int) -> str:
    tops = _tops(labelled)
    if not tops or tops is AMBIGUOUS:
        return _hidden_words(tops)
    share = percent_text(tops[0][1])
    if len(tops) > 1:
        answers = _list([quoted(label) for label, _cell in tops])
        if multiple:
            return _("%(answers)s were chosen most often, each by %(percent)s of the people asked.",
                     answers=answers, percent=share)
        return _("%(answers)s were chosen equally often (%(percent)s each).", answers=answers, percent=share)
    label, cell = tops[0]
    if multiple:
        return _("The answer chosen most often was %(answer)s, by %(percent)s of the people asked.",
                 answer=quoted(label), percent=share)
    if 2 * cell.count > total:  # more than half of the people asked
        return _("Most people (%(percent)s) chose %(answer)s.", percent=share, answer=quoted(label))
    return _("The most common answer was %(answer)s (%(percent)s).", answer=quoted(label), percent=share)


def groups_sentence(labelled, one: str, several: str) -> str:
    """``one`` and ``several`` are messages with %(group)s/%(groups)s and %(percent)s."""
    tops = _tops(labelled)
    if not tops or tops is AMBIGUOUS:
        return _hidden_words(tops)
    share = percent_text(tops[0][1])
    if len(tops) > 1:
        return several % {"groups": _list([label for label, _cell in tops]), "percent": share}
    return one % {"group": tops[0][0], "percent": share}


# -- the overview --------------------------------------------------------------------------------

def _group_chart(chart_id, title, header, names: list[tuple[str, str]], counts: dict, total: int,
                 threshold: int, rtl: bool, sentence) -> Chart:
    cells = protect_counts([counts.get(key, 0) for key, _name in names], threshold, total=total, additive=True)
    labelled = [(name, cell) for (_key, name), cell in zip(names, cells)]
    words = sentence(labelled)
    bars = [charts.Bar(name, cell.value, bar_text(cell, threshold)) for name, cell in labelled]
    svg = charts.bar_chart(bars, chart_id=chart_id, title=title, description=words, rtl=rtl, scale_max=total)
    rows = [Row(name, count_text(cell, threshold), percent_text(cell)) for name, cell in labelled]
    return Chart(chart_id, title, header, svg, rows, words, count_header=_("Responses"),
                 percent_header=_("Percentage of responses"))


def _day_words(days: list[date], pattern: str) -> dict[date, str]:
    """Each day in the reader's language (Babel's named or pattern format), the language looked up once:
    flask_babel's format_date looks it up on every call, a few hundred calls a dashboard."""
    locale = get_locale()
    return {day: format_day(day, pattern, locale=locale) for day in days}


def days_chart(by_day: dict[date, int], total: int, threshold: int, rtl: bool) -> Chart | None:
    if not by_day:
        return None
    days = sorted(by_day)
    cells = dict(zip(days, protect_counts([by_day[d] for d in days], threshold, total=total, additive=True)))
    first, last = days[0], days[-1]
    span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    short, long = _day_words(span, "d MMM"), _day_words(days, "long")
    columns = []
    for day in span:
        cell = cells.get(day)
        if cell is None:
            columns.append(charts.Column(short[day], 0))
        else:
            columns.append(charts.Column(short[day], cell.value, count_text(cell, threshold) if cell.shown else ""))
    if len(days) == 1:
        words = _("Responses came in on one day, %(day)s.", day=long[first])
    else:
        words = ngettext("Responses came in on %(num)s day, from %(first)s to %(last)s.",
                         "Responses came in on %(num)s days, from %(first)s to %(last)s.", len(days),
                         first=long[first], last=long[last])
    tops = _tops([(long[day], cell) for day, cell in cells.items()])
    if tops is not AMBIGUOUS and len(tops) == 1:
        words += " " + _("The busiest day was %(day)s (%(count)s).", day=tops[0][0],
                         count=format_number(tops[0][1].count))
    shown = [cell.count for cell in cells.values() if cell.shown]
    top_label = ngettext("%(num)s response", "%(num)s responses", max(shown)) if shown else ""
    title = _("Responses by day")
    svg = charts.column_chart(columns, chart_id="chart-days", title=title, description=words,
                              top_label=top_label, rtl=rtl)
    rows = [Row(long[day], count_text(cells[day], threshold), percent_text(cells[day])) for day in days]
    note = _("Days with no responses are left out of the table. A short dashed outline in the chart marks a day "
             "whose number is not shown.")
    return Chart("chart-days", title, _("Day"), svg, rows, words, note=note, count_header=_("Responses"),
                 percent_header=_("Percentage of responses"))


def overview_charts(overview, consultation, threshold: int, rtl: bool) -> list[Chart]:
    total = overview.total
    found = []
    days = days_chart(dict(overview.by_day), total, threshold, rtl)
    if days:
        found.append(days)
    channels = [(key, str(CHANNEL_NAMES[key])) for key in CHANNEL_NAMES]
    channels += [(key, key) for key in overview.by_channel if key not in CHANNEL_NAMES]
    found.append(_group_chart(
        "chart-channel", _("How people answered"), _("Way of answering"), channels, overview.by_channel, total,
        threshold, rtl, lambda labelled: groups_sentence(
            labelled, _("The most common way of answering was %(group)s (%(percent)s)."),
            _("%(groups)s were equally common (%(percent)s each)."))))
    codes = list(consultation.offered_languages) + sorted(set(overview.by_language) - set(consultation.offered_languages))
    languages = [(code, language_name_for_staff(code)) for code in codes]
    found.append(_group_chart(
        "chart-language", _("Languages"), _("Language"), languages, overview.by_language, total, threshold, rtl,
        lambda labelled: groups_sentence(labelled, _("The most common language was %(group)s (%(percent)s)."),
                                         _("%(groups)s were equally common (%(percent)s each)."))))
    registers = [(key, str(name)) for key, name in REGISTER_NAMES.items()]
    found.append(_group_chart(
        "chart-register", _("Standard and easy read"), _("Version"), registers, overview.by_register, total,
        threshold, rtl, lambda labelled: groups_sentence(labelled, _("The most common version was %(group)s (%(percent)s)."),
                                                         _("%(groups)s were equally common (%(percent)s each)."))))
    return found


def total_text(total: int, threshold: int) -> str:
    if 0 < total < threshold:
        return _("Fewer than %(number)s responses", number=format_number(threshold))
    return ngettext("%(num)s response", "%(num)s responses", total)


# -- one question --------------------------------------------------------------------------------

def _answered_cells(summary, threshold: int) -> tuple[Cell, Cell, Cell]:
    """(asked, answered, skipped), by the rule in figures.py."""
    found = figures.answered_cells(summary, threshold)
    return found.asked, found.answered, found.skipped


def question_view(shape, question, number: int, summary, texts, threshold: int, rtl: bool, lang_attr,
                  condition: str = "") -> QuestionView:
    prompt = texts(question.prompt_id)
    kind_name = str(question.type.name)
    view = QuestionView(id=question.id, number=number, prompt=prompt, kind=kind_name, asked="", answered="",
                        skipped="", condition=condition,
                        # Words to read and tag: not personal details (an address), which are only counted.
                        is_text=shape.shape == TEXT and question.type.free_text)
    if shape.shape in (SINGLE, MULTIPLE):
        options = list(question.options)
        option_cells, counted = figures.choice_cells(summary, [option.id for option in options], threshold,
                                                     one_answer=shape.shape == SINGLE)
        asked, answered, skipped = counted.asked, counted.answered, counted.skipped
        labels = [texts(option.label_id) for option in options]
        # An answer under a heading says its group: "White: Irish" (consult.questions._choices).
        labelled = [(grouped_label(option, label.text if label else "", texts), cell)
                    for option, label, cell in zip(options, labels, option_cells)]
        view.sentence = _sentence_for_options(summary, asked, labelled, shape.shape == MULTIPLE)
        if shape.is_scale:
            view.sentence += _scale_sentence(shape, summary, question, texts, option_cells, asked, threshold)
        rows = [Row(text, count_text(cell, threshold), percent_text(cell), lang_attr(label))
                for (text, cell), label in zip(labelled, labels)]
        rows.append(Row(_("No answer (skipped)"), count_text(skipped, threshold), percent_text(skipped)))
        bars = [charts.Bar(text, cell.value, bar_text(cell, threshold)) for text, cell in labelled]
        bars.append(charts.Bar(_("No answer (skipped)"), skipped.value, bar_text(skipped, threshold)))
        title = _("Question %(number)s: answers", number=number)
        chart_id = f"chart-q{question.id}"
        svg = charts.bar_chart(bars, chart_id=chart_id, title=title, description=view.sentence, rtl=rtl,
                               scale_max=summary.asked)
        view.chart = Chart(chart_id, title, _("Answer"), svg, rows, view.sentence, count_header=_("People"),
                           percent_header=_("Percentage of the people asked"))
    else:
        asked, answered, skipped = _answered_cells(summary, threshold)
        if shape.shape == NUMBER:
            view.stats, view.sentence = _number_stats(summary, asked, answered, threshold)
        elif shape.shape == DECIMAL:
            view.stats, view.sentence = present_values.amount_view(summary, asked, answered, threshold,
                                                                   question.type.format_value)
        elif shape.shape == GRID:
            view.parts, view.sentence = present_grids.grid_parts(question, number, summary, texts, threshold, rtl,
                                                                 lang_attr)
        elif shape.shape == RANKING:
            view.ranking, view.sentence = present_grids.ranking_table(question, number, summary, texts, threshold,
                                                                      lang_attr)
        elif shape.shape == DATE:
            view.stats, view.sentence, view.chart = present_values.date_view(number, question.id, summary, asked,
                                                                             answered, threshold, rtl)
        else:
            view.sentence = _text_sentence(summary, asked, answered, threshold)
    view.asked, view.answered, view.skipped = (count_text(cell, threshold) for cell in (asked, answered, skipped))
    return view


def _sentence_for_options(summary, asked: Cell, labelled, multiple: bool) -> str:
    if summary.asked == 0:
        return _("No one was asked this question.")
    if asked.state != SHOWN:
        return _("Too few people were asked this question to show the results.")
    if summary.answered == 0:
        return _("No one answered this question.")
    return answers_sentence(labelled, multiple, summary.asked)


def _scale_sentence(shape, summary, question, texts, option_cells, asked: Cell, threshold: int) -> str:
    found = figures.scale_figures(shape, summary, option_cells, [option.id for option in question.options], asked,
                                  threshold)
    words = ""
    if found.agreeing_percent is not None:
        share = format_percent(found.agreeing_percent / 100)
        words += " " + _("%(percent)s of the people asked agreed or strongly agreed.", percent=share)
    median = found.middle_option_id
    if median is not None:
        option = question.option_by_id(median)
        label = texts(option.label_id)
        words += " " + _("The middle answer on the scale was %(answer)s.", answer=quoted(label.text if label else ""))
    return words


def _number_stats(summary, asked: Cell, answered: Cell, threshold: int) -> tuple[list[tuple[str, str]], str]:
    stats = summary.numbers
    # How many answered, protected with "skipped" (a count shown here would give "skipped" back).
    rows = [(_("Answers"), count_text(answered, threshold))]
    if stats is None:
        return rows, (_("No one answered this question.") if asked.state == SHOWN
                      else _("Too few people were asked this question to show the results."))
    # The lowest and highest answers are each one person's answer: shown only in a group big enough.
    if not figures.extremes_shown(stats, threshold):
        return rows, _("Too few people answered to show the lowest, middle and highest answers.")
    low, middle, high = format_number(stats.minimum), format_decimal(stats.median), format_number(stats.maximum)
    rows += [(_("Lowest"), low), (_("Middle (median)"), middle), (_("Highest"), high)]
    return rows, _("Answers went from %(low)s to %(high)s. The middle answer was %(middle)s.",
                   low=low, high=high, middle=middle)


def _text_sentence(summary, asked: Cell, answered: Cell, threshold: int) -> str:
    if summary.asked == 0:
        return _("No one was asked this question.")
    if answered.state == SMALL:
        return _("Fewer than %(number)s people wrote an answer.", number=format_number(threshold))
    if answered.state == HIDDEN:
        return _("The numbers are hidden to protect small groups.")
    return ngettext("%(num)s person wrote an answer.", "%(num)s people wrote an answer.", summary.answered)
