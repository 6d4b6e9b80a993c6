"""What the reach view shows: the figures of ``analysis`` in words, tables and a chart.

Every count passes through ``consult.results.present.count_text``, so this page says "fewer than
N" and "not shown" exactly as the dashboard does. Needs an app context (Babel), no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.lists import format_list
from flask_babel import format_number, format_percent
from markupsafe import Markup

from consult.reach import analysis
from consult.reach.analysis import NO_TARGET, NONE_EXPECTED, NOT_SHOWN, UNCLEAR, UNDER
from consult.results import charts
from consult.results.present import CHANNEL_NAMES, count_text, quoted
from consult.results.protect import HIDDEN, SHOWN, SMALL
from consult.translating import get_locale, ngettext
from consult.translating import gettext as _


@dataclass
class GroupRow:
    label: object  # Localised
    expected: str
    count: str
    share: str
    comparison: str
    under: bool


@dataclass
class ChannelCell:
    text: str  # "30 (20%)", "fewer than 5", "not shown"
    comparison: str
    under: bool


@dataclass
class ChannelColumn:
    title: str
    base: str


@dataclass
class QuestionView:
    id: int
    number: int
    key: str
    prompt: object  # Localised
    sentence: str
    base: str
    rows: list[GroupRow]
    columns: list[ChannelColumn]
    cells: list[list[ChannelCell]]  # [group][column]
    chart: Markup | None
    chart_title: str
    has_answers: bool  # anyone chose a group: without, the tables would be all zeros


def share_text(value) -> str:
    """A percentage with up to two decimals ("12.5%"), in the interface language's way."""
    return format_percent(float(value) / 100, format="#,##0.##%")


def column_title(channels: tuple[str, ...]) -> str:
    if not channels:
        return _("Everyone")
    return format_list([str(CHANNEL_NAMES.get(channel, channel)) for channel in channels], locale=get_locale())


def _about(value: Decimal) -> str:
    return format_number(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def comparison_text(group: analysis.GroupFigures, base, threshold: int) -> str:
    """The last column: how the group's share compares with what we expected, in words."""
    if group.flag == NO_TARGET:
        return _("No expected share set")
    if group.flag == NOT_SHOWN:
        if base.state == SHOWN and base.count == 0:
            return _("No one to compare")
        return _("Not shown, to protect a small group")
    if group.flag == NONE_EXPECTED:
        return _("We expected no one in this group")
    if group.flag == UNCLEAR:
        return _("Too few people to say")
    if group.flag == UNDER and group.ratio is None:
        return _("Under-represented: fewer than %(number)s people, where we expected about %(expected)s",
                 number=format_number(threshold), expected=_about(group.expected_people))
    if group.flag == UNDER and group.cell.count == 0:
        return _("Under-represented: we heard from no one in this group")
    ratio = format_percent(group.ratio / 100)
    if group.flag == UNDER:
        return _("Under-represented: %(ratio)s of the share we expected", ratio=ratio)
    return _("%(ratio)s of the share we expected", ratio=ratio)


def _share(group: analysis.GroupFigures) -> str:
    if group.share is not None:
        return format_percent(group.share / 100)
    return _("not shown")


def _cell_text(group: analysis.GroupFigures, threshold: int) -> str:
    if group.share is not None:
        return _("%(count)s (%(percent)s)", count=format_number(group.cell.count),
                 percent=format_percent(group.share / 100))
    return count_text(group.cell, threshold)


def _channel_comparison(column: analysis.ColumnFigures, index: int, threshold: int) -> str:
    """As ``comparison_text``, but silent where it would only repeat what the table says already: no
    expected share for the group, no one in the column, or a count "not shown"."""
    group = column.groups[index]
    if group.flag == NO_TARGET or column.base.count == 0 or group.cell.state == HIDDEN:
        return ""
    return comparison_text(group, column.base, threshold)


def _names(labels: list[str]) -> str:
    return format_list([quoted(label) for label in labels], locale=get_locale())


def summary_sentence(key: str, reach: analysis.QuestionReach, labels: dict[int, str], threshold: int,
                     cutoff: int) -> str:
    """One sentence (two at most) on who is missing, for everyone together."""
    base = reach.overall.base
    if base.count == 0:
        return _("No one has chosen a group yet.")
    if base.state == SMALL:
        return _("Too few people chose a group to compare: fewer than %(number)s.", number=format_number(threshold))
    if not reach.has_targets:
        return _("There are no expected shares for this question yet, so we cannot say who is missing.")
    under = reach.flagged(UNDER)
    cannot_say = [group.option_id for group in reach.overall.groups
                  if group.flag in (UNCLEAR, NOT_SHOWN) and group.expected is not None]
    if not under:
        if cannot_say:
            return _("No group we can show is under-represented, but for some small groups we cannot say.")
        return _("No group is under-represented: each is at least %(cutoff)s of the share we expected.",
                 cutoff=format_percent(cutoff / 100))
    groups = _names([labels[option_id] for option_id in under])
    if key == "age":
        words = _("We heard from fewer people aged %(groups)s than we expected.", groups=groups)
    elif key in ("disability", "carer"):
        words = _("We heard from fewer people who answered %(groups)s than we expected.", groups=groups)
    elif key == "area":
        words = _("We heard from fewer people who live in %(groups)s than we expected.", groups=groups)
    else:
        words = ngettext("We heard from fewer people in the group %(groups)s than we expected.",
                         "We heard from fewer people in the groups %(groups)s than we expected.", len(under),
                         groups=groups)
    if cannot_say:
        words += " " + _("For some small groups we cannot say.")
    return words


def _chart(reach: analysis.QuestionReach, labels: dict[int, str], chart_id: str, title: str, sentence: str,
           threshold: int, rtl: bool) -> Markup | None:
    """Bars in pairs: each group's share of the people who answered, then the share we expected.
    The words beside each bar say which it is and whether the group is under-represented, so the
    chart never relies on colour."""
    if not reach.overall.base_shown or reach.overall.base.count == 0:
        return None
    bars = []
    for group in reach.overall.groups:
        label = labels[group.option_id]
        text = _share(group) if group.share is not None else count_text(group.cell, threshold)
        if group.flag == UNDER:
            text = _("%(share)s, under-represented", share=text)
        bars.append(charts.Bar(_("%(group)s: answered", group=label), group.share, text))
        if group.expected is not None:
            bars.append(charts.Bar(_("%(group)s: expected", group=label), float(group.expected),
                                   share_text(group.expected)))
    return charts.bar_chart(bars, chart_id=chart_id, title=title, description=sentence, rtl=rtl)


def question_view(question, number: int, key: str, reach: analysis.QuestionReach, texts, threshold: int,
                  cutoff: int, rtl: bool) -> QuestionView:
    groups = [option for option in question.options if option.kind == "answer"]
    localised = {option.id: texts(option.label_id) for option in groups}
    labels = {option_id: label.text if label else "" for option_id, label in localised.items()}
    sentence = summary_sentence(key, reach, labels, threshold, cutoff)
    rows = [GroupRow(localised[group.option_id], share_text(group.expected) if group.expected is not None else "",
                     count_text(group.cell, threshold), _share(group),
                     comparison_text(group, reach.overall.base, threshold), group.flag == UNDER)
            for group in reach.overall.groups]
    columns = [ChannelColumn(column_title(column.channels), count_text(column.base, threshold))
               for column in reach.channels]
    cells = [[ChannelCell(_cell_text(column.groups[g], threshold), _channel_comparison(column, g, threshold),
                          column.groups[g].flag == UNDER)
              for column in reach.channels] for g in range(len(groups))]
    chart_title = _("Question %(number)s: who answered, against who we expected", number=number)
    chart = _chart(reach, labels, f"chart-reach-{question.id}", chart_title, sentence, threshold, rtl)
    return QuestionView(question.id, number, key, texts(question.prompt_id), sentence,
                        count_text(reach.overall.base, threshold), rows, columns, cells, chart, chart_title,
                        reach.overall.base.count > 0)
