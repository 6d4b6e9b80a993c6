"""Charts drawn on the server as SVG: pure functions from words and numbers to markup.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``; the
page puts a data table and a sentence in words after it, so nothing is known only from the
picture. Values are written as text beside each bar: colour never carries meaning alone. There are
no ``style`` attributes (the Content-Security-Policy forbids inline styles); sizes and colours are
SVG presentation attributes.

Right to left: the picture is mirrored (bars grow from the right, labels sit on the right, time
runs from right to left) and ``direction="rtl"`` makes each text's start and end follow.

The callers pass words already translated and numbers already formatted, so these functions need
no app, no request and no locale, and are tested as plain functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
FONT_SIZE = 16
LINE_HEIGHT = 20
TEXT = "#0b0c0c"
BAR = "#1a4fa0"  # contrast 7.6:1 on white: the bars stand out without relying on hue
GRID = "#b1b4b6"

# Horizontal bars: labels on the start side, then the bar, then its value in words.
LABEL_END = 212  # labels end here (their side nearest the bar)
BAR_START = 224
BAR_MAX = 270
VALUE_GAP = 8
LABEL_CHARS = 24  # about how many characters fit on a label line at 16px
LABEL_LINES = 4
BAR_HEIGHT = 22
ROW_PADDING = 12

# Columns over time.
PLOT_TOP = 32
PLOT_HEIGHT = 180
AXIS_GAP = 24
COLUMN_PLOT_START = 8
LINE_LABEL_WIDTH = 128  # after the plot, on the end side: the top line's label ("45 responses")
COLUMN_PLOT_WIDTH = WIDTH - 16 - LINE_LABEL_WIDTH
MAX_TICKS = 7
STUB_HEIGHT = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # the bar's length; None draws no bar (a count that is not shown)
    text: str  # written beside the bar: "64 (53%)", "fewer than 5"


@dataclass(frozen=True)
class Column:
    label: str  # a short date, written under some of the columns
    value: int | None  # None: a count that is not shown, drawn as a short dashed outline
    text: str = ""  # written above the column when there is room


def _number(value: float) -> str:
    """Coordinates with at most one decimal, so the markup stays small and stable."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def wrap(label: str, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> list[str]:
    """Split a label into lines of about ``width`` characters at spaces; a word longer than a line
    stays whole. More lines than ``lines`` end in an ellipsis (the table below has the full text)."""
    words = label.split()
    found: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            found.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        found.append(current)
    if len(found) > lines:
        found = found[:lines]
        found[-1] = found[-1].rstrip(".,;:") + "\u2026"
    return found or [""]


class _Mirror:
    """x coordinates for left-to-right pages, mirrored for right-to-left ones."""

    def __init__(self, rtl: bool):
        self.rtl = rtl

    def x(self, x: float) -> float:
        return WIDTH - x if self.rtl else x

    def span(self, x: float, width: float) -> float:
        """The left edge of a box that starts at ``x`` (on the start side) and is ``width`` wide."""
        return WIDTH - x - width if self.rtl else x


def _open(chart_id: str, title: str, description: str, height: float, rtl: bool) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" aria-describedby="{escape(chart_id)}-desc" '
        f'width="{WIDTH}" height="{_number(height)}" viewBox="0 0 {WIDTH} {_number(height)}" '
        f'direction="{"rtl" if rtl else "ltr"}" font-size="{FONT_SIZE}" fill="{TEXT}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, description: str = "",
              rtl: bool = False, scale_max: int | None = None) -> Markup:
    """Horizontal bars, one per answer, each with its label before it and its value after it.

    ``scale_max`` is the count a full-length bar stands for (default: the largest shown value), so
    charts of percentages of the same base can share a scale.
    """
    mirror = _Mirror(rtl)
    shown = [bar.value for bar in bars if bar.value is not None]
    top = max([scale_max or 0, *shown, 1])
    rows = []
    y = 0.0
    for bar in bars:
        lines = wrap(bar.label)
        height = max(BAR_HEIGHT + ROW_PADDING, len(lines) * LINE_HEIGHT + ROW_PADDING)
        middle = y + height / 2
        first_line = middle - (len(lines) - 1) * LINE_HEIGHT / 2
        parts = ['<g class="chart__row">']
        label = "".join(
            f'<tspan x="{_number(mirror.x(LABEL_END))}" y="{_number(first_line + n * LINE_HEIGHT)}">'
            f'{escape(line)}</tspan>' for n, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" dominant-baseline="central">{label}</text>')
        length = 0.0
        if bar.value is not None and bar.value > 0:
            length = max(2.0, BAR_MAX * bar.value / top)
            parts.append(
                f'<rect x="{_number(mirror.span(BAR_START, length))}" y="{_number(middle - BAR_HEIGHT / 2)}" '
                f'width="{_number(length)}" height="{BAR_HEIGHT}" fill="{BAR}"/>')
        value_x = mirror.x(BAR_START + length + VALUE_GAP)
        parts.append(f'<text x="{_number(value_x)}" y="{_number(middle)}" text-anchor="start" '
                     f'dominant-baseline="central">{escape(bar.text)}</text>')
        parts.append("</g>")
        rows.append("".join(parts))
        y += height
    # The axis the bars grow from.
    axis = (f'<line x1="{_number(mirror.x(BAR_START))}" y1="0" x2="{_number(mirror.x(BAR_START))}" '
            f'y2="{_number(y)}" stroke="{TEXT}" stroke-width="1"/>')
    markup = _open(chart_id, title, description, max(y, 1), rtl) + rows + [axis, "</svg>"]
    return Markup("".join(markup))


def tick_every(count: int, most: int = MAX_TICKS) -> int:
    """Label every nth column so that at most ``most`` labels are written."""
    return max(1, math.ceil(count / most))


def column_chart(columns: Sequence[Column], *, chart_id: str, title: str, description: str = "",
                 top_label: str = "", rtl: bool = False) -> Markup:
    """Columns in time order (one per day). The first and every nth column are labelled below;
    values are written above the columns when they are wide enough, and always in the table after
    the chart. ``top_label`` names the dashed line at the tallest column ("45 responses")."""
    mirror = _Mirror(rtl)
    count = max(len(columns), 1)
    slot = COLUMN_PLOT_WIDTH / count
    width = max(2.0, min(40.0, slot * 0.7))
    shown = [column.value for column in columns if column.value is not None]
    top = max([*shown, 1])
    baseline = PLOT_TOP + PLOT_HEIGHT
    height = baseline + AXIS_GAP + LINE_HEIGHT
    parts = _open(chart_id, title, description, height, rtl)
    if shown:
        parts.append(f'<line x1="{_number(mirror.x(COLUMN_PLOT_START))}" y1="{PLOT_TOP}" '
                     f'x2="{_number(mirror.x(COLUMN_PLOT_START + COLUMN_PLOT_WIDTH))}" y2="{PLOT_TOP}" '
                     f'stroke="{GRID}" stroke-width="1" stroke-dasharray="4 4"/>')
        if top_label:
            label_x = mirror.x(COLUMN_PLOT_START + COLUMN_PLOT_WIDTH + 8)
            parts.append(f'<text x="{_number(label_x)}" y="{PLOT_TOP}" text-anchor="start" '
                         f'dominant-baseline="central">{escape(top_label)}</text>')
    every = tick_every(len(columns))
    room_for_values = slot >= 44
    for index, column in enumerate(columns):
        centre = COLUMN_PLOT_START + slot * index + slot / 2
        left = mirror.span(centre - width / 2, width)
        if column.value is None:
            parts.append(f'<rect x="{_number(left)}" y="{baseline - STUB_HEIGHT}" width="{_number(width)}" '
                         f'height="{STUB_HEIGHT}" fill="none" stroke="{TEXT}" stroke-width="1" '
                         f'stroke-dasharray="3 2"/>')
        elif column.value > 0:
            tall = max(2.0, PLOT_HEIGHT * column.value / top)
            parts.append(f'<rect x="{_number(left)}" y="{_number(baseline - tall)}" width="{_number(width)}" '
                         f'height="{_number(tall)}" fill="{BAR}"/>')
            if room_for_values and column.text:
                parts.append(f'<text x="{_number(mirror.x(centre))}" y="{_number(baseline - tall - 6)}" '
                             f'text-anchor="middle">{escape(column.text)}</text>')
        if index % every == 0 or index == len(columns) - 1 and (index % every) * 2 >= every:
            parts.append(f'<text x="{_number(mirror.x(centre))}" y="{baseline + AXIS_GAP}" '
                         f'text-anchor="middle">{escape(column.label)}</text>')
    parts.append(f'<line x1="{_number(mirror.x(COLUMN_PLOT_START))}" y1="{baseline}" '
                 f'x2="{_number(mirror.x(COLUMN_PLOT_START + COLUMN_PLOT_WIDTH))}" y2="{baseline}" '
                 f'stroke="{TEXT}" stroke-width="1"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
