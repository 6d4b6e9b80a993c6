"""Who is missing: each group's share of the people who answered, against the share staff expected.

Pure functions over plain numbers (no app, no database), tested in tests/reach/test_analysis.py.

The figures, for one "About you" question:

- The *base* is the people who chose a group. People who skipped the question or chose "Prefer
  not to say" are left out: they told us nothing about the group they are in. How many they are
  is not shown on this page (the dashboard shows it, protected there): shown beside the base, a
  few of them would be a small count of its own.
- A group's *share* is its count over the base; its *ratio* is its share over the expected share
  (the share of the group among the people who use the service, from staff's own records).
- A group is *under-represented* when its ratio is below the cut-off (80% unless staff choose
  another): we heard from fewer of them than their share of the service.

The same figures are worked out for everyone and for each way of answering (online, paper ...).

Small numbers (the rules of ``consult.results.protect``, applied to a table with margins):

1. Any count from 1 to threshold - 1 is small: "fewer than N", with no share and no ratio.
2. A group smaller than the threshold (in all), or a way of answering with fewer than the
   threshold choosing a group, shows every one of its cells as small, zeros included: "all of
   the 3 people who answered by phone are 75 to 84" is what we must not say.
3. The page shows a table with totals both ways: each group's count for everyone is the sum of
   its counts per way of answering, and each way's base is the sum of its groups. So every line
   (a group across the ways of answering; a way of answering down the groups; everyone down the
   groups; the ways' bases) must leave out either nothing, or at least two cells that add up to at
   least the threshold; a line whose own total is not shown must leave out at least one cell
   besides it. Where a line breaks this, its smallest shown non-zero cell is hidden too ("not
   shown"), and the lines are checked again until none breaks it. Two unknowns in every line stop
   subtraction along one line; a chain of lines can still pin a cell down (the zeros shown help),
   so the line sums are then solved exactly (``determined``) and, while any cell that is not
   shown follows from them, the smallest shown cell whose hiding sets it free is hidden too.
   Not ruled out: narrower bounds from the fact that no count is below 0 (checked as exact values
   only, the standard practice for tables with totals).
   Like the dashboard, this does not stop someone comparing this page with other, filtered views.
4. Ways of answering that fewer than the threshold chose a group through (three people on the
   phone) are put together in one column ("Phone and Helped by staff"), and if they are still
   too few, together with the smallest other way. Shown alone, a small way would be all "fewer
   than N", and rule 3 would then hide a whole other way's base to protect it.

Flags on small groups. Whether a small group is under-represented depends on its true count,
so a flag could tell more than "fewer than N". A small cell is flagged only when *every* count it
could be (0 to threshold - 1) would be under-represented: then the flag says nothing new, and staff
still learn the thing they most need ("we heard from almost no one aged 85 or over"). Otherwise it
says "too few people to say". Hidden cells ("not shown") are never flagged: their count is what
protects a small one. These rules depend only on numbers already shown (the base, the expected
share, the threshold and the cut-off), so trying other cut-offs cannot narrow a small count down.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from consult.request_values import positive_int
from consult.results.protect import HIDDEN, SHOWN, SMALL, Cell, percent

DEFAULT_CUTOFF = 80  # per cent of the expected share

# What the last column says about a group.
UNDER = "under"  # under-represented
AS_EXPECTED = "as_expected"  # at or above the cut-off
NONE_EXPECTED = "none_expected"  # the expected share is 0
UNCLEAR = "unclear"  # a small group that could be either
NOT_SHOWN = "not_shown"  # its count is not shown (or the base is not), so nothing is said
NO_TARGET = "no_target"  # staff set no expected share


@dataclass(frozen=True)
class GroupFigures:
    option_id: int
    cell: Cell  # the protected count
    share: int | None  # whole per cent of the base, when the count and the base are shown
    expected: Decimal | None  # the expected share, per cent
    ratio: int | None  # whole per cent of the expected share, when the share is shown
    flag: str
    expected_people: Decimal | None = None  # expected share of the base, when the base is shown


@dataclass(frozen=True)
class ColumnFigures:
    channels: tuple[str, ...]  # the ways of answering it counts; () for everyone together
    base: Cell  # people who chose a group
    groups: tuple[GroupFigures, ...]

    @property
    def base_shown(self) -> bool:
        return self.base.state == SHOWN


@dataclass(frozen=True)
class QuestionReach:
    question_id: int
    overall: ColumnFigures
    channels: tuple[ColumnFigures, ...]

    @property
    def has_targets(self) -> bool:
        return any(group.expected is not None for group in self.overall.groups)

    def flagged(self, flag: str) -> list[int]:
        """Option ids of the groups with this flag, among everyone."""
        return [group.option_id for group in self.overall.groups if group.flag == flag]


# -- small numbers in a table with totals both ways ------------------------------------------------

@dataclass(frozen=True)
class Grid:
    """Protected states for a groups x channels table: cells[g][c], totals per group (everyone),
    bases per channel, and the overall base."""

    cells: tuple[tuple[Cell, ...], ...]
    group_totals: tuple[Cell, ...]
    channel_bases: tuple[Cell, ...]
    base: Cell


def protect_grid(counts: Sequence[Sequence[int]], threshold: int, channels: int | None = None) -> Grid:
    """Apply the module's small-number rules to ``counts[group][channel]``."""
    groups = len(counts)
    if channels is None:
        channels = len(counts[0]) if counts else 0
    value = {("cell", g, c): counts[g][c] for g in range(groups) for c in range(channels)}
    for g in range(groups):
        value[("group", g)] = sum(counts[g])
    for c in range(channels):
        value[("channel", c)] = sum(counts[g][c] for g in range(groups))
    value[("base",)] = sum(value[("group", g)] for g in range(groups))

    if 0 < value[("base",)] < threshold:  # rule 2 for the whole table
        state = dict.fromkeys(value, SMALL)
    else:
        state = {key: SMALL if 0 < count < threshold else SHOWN for key, count in value.items()}
        for g in range(groups):  # rule 2: a small group, across the ways of answering
            if state[("group", g)] == SMALL:
                for c in range(channels):
                    if value[("channel", c)] > 0:  # a way nobody chose a group through is all zeros anyway
                        state[("cell", g, c)] = SMALL
        for c in range(channels):  # rule 2: a way of answering with few people, down the groups
            if state[("channel", c)] == SMALL:
                for g in range(groups):
                    if value[("group", g)] > 0:  # a group nobody chose is all zeros anyway
                        state[("cell", g, c)] = SMALL
        _close_lines(grid_lines(groups, channels), value, state, threshold)

    def cell(key) -> Cell:
        return Cell(value[key], state[key])

    return Grid(
        cells=tuple(tuple(cell(("cell", g, c)) for c in range(channels)) for g in range(groups)),
        group_totals=tuple(cell(("group", g)) for g in range(groups)),
        channel_bases=tuple(cell(("channel", c)) for c in range(channels)),
        base=cell(("base",)),
    )


def grid_lines(groups: int, channels: int) -> list[tuple[list, tuple]]:
    """Every line of the table as (cell keys, key of their total). Keys: ("cell", g, c), ("group", g)
    (a group's count for everyone), ("channel", c) (a way's base) and ("base",)."""
    lines = [([("cell", g, c) for g in range(groups)], ("channel", c)) for c in range(channels)]
    lines.append(([("group", g) for g in range(groups)], ("base",)))
    lines.append(([("channel", c) for c in range(channels)], ("base",)))
    lines += [([("cell", g, c) for c in range(channels)], ("group", g)) for g in range(groups)]
    return lines


def _breaks(cells, total, value, state, threshold: int) -> bool:
    unknown = [key for key in cells if state[key] != SHOWN]
    if state[total] == SHOWN and value[total] == 0:
        return False  # a total of 0 says every cell is 0: hiding one of them protects no one
    if state[total] == SHOWN:
        return bool(unknown) and (len(unknown) < 2 or sum(value[key] for key in unknown) < threshold)
    # The total is not shown: if every cell were, they would add up to it.
    return value[total] > 0 and not unknown


def _hide_in(lines, value, state) -> bool:
    """Hide the smallest shown non-zero cell of these lines (a total only if no cell is left)."""
    for with_totals in (False, True):
        candidates = []
        for index, (cells, total) in enumerate(lines):
            keys = [*cells, total] if with_totals else cells
            candidates += [(value[key], -index, -position, key) for position, key in enumerate(keys)
                           if state[key] == SHOWN and value[key] > 0]
        if candidates:
            state[min(candidates)[3]] = HIDDEN
            return True
    return False


def _close_lines(lines, value, state, threshold: int) -> None:
    changed = True
    while changed:
        changed = False
        for line in lines:
            if _breaks(*line, value, state, threshold) and _hide_in([line], value, state):
                changed = True
        if not changed:
            # Two unknowns in every line can still let a chain of lines pin one down (a cell whose
            # equations leave it no freedom): hide one more cell, the smallest that sets it free.
            for key in determined(lines, state):
                if _free(key, lines, value, state):
                    changed = True
                    break


def _free(key, lines, value, state) -> bool:
    """Hide the smallest shown non-zero cell after which ``key`` is no longer determined: first the
    cells in ``key``'s own lines, then the rest; cells inside the table before the totals (the
    "everyone" column and the bases matter most)."""
    near = {other for cells, total in lines if key in cells or key == total for other in (*cells, total)}
    candidates = sorted((other not in near, other[0] != "cell", value[other], other) for other in state
                        if state[other] == SHOWN and value[other] > 0)
    for _far, _margin, _count, candidate in candidates:
        state[candidate] = HIDDEN
        if key not in determined(lines, state):
            return True
        state[candidate] = SHOWN
    return False


def determined(lines, state) -> list:
    """The cells not shown whose value follows exactly from the shown ones and the lines' sums.

    Each line says sum(cells) - total = 0; with the shown values moved to the other side, these
    are equations in the unknowns. An unknown is determined exactly when its unit vector lies in
    the equations' row space: in reduced row echelon form, when some row has its only non-zero
    entry in that unknown's column. Fractions keep the arithmetic exact."""
    unknown = sorted({key for cells, total in lines for key in (*cells, total) if state[key] != SHOWN})
    if not unknown:
        return []
    column = {key: index for index, key in enumerate(unknown)}
    rows = []
    for cells, total in lines:
        row = [Fraction(0)] * len(unknown)
        for key in cells:
            if key in column:
                row[column[key]] += 1
        if total in column:
            row[column[total]] -= 1
        if any(row):
            rows.append(row)
    pivot_row = 0
    for col in range(len(unknown)):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [entry / lead for entry in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row])]
        pivot_row += 1
    found_keys = []
    for row in rows[:pivot_row]:
        nonzero = [index for index, entry in enumerate(row) if entry != 0]
        if len(nonzero) == 1:
            found_keys.append(unknown[nonzero[0]])
    return found_keys


# -- shares, ratios and flags ------------------------------------------------------------------------

def _ratio(count: int, base: int, expected: Decimal) -> Fraction:
    """Share over expected share, exactly (1 means just as expected)."""
    return Fraction(count, base) / (Fraction(expected) / 100)


def _whole_percent(value: Fraction) -> int:
    return math.floor(value * 100 + Fraction(1, 2))


def is_under(count: int, base: int, expected: Decimal, cutoff: int) -> bool:
    return expected > 0 and _ratio(count, base, expected) < Fraction(cutoff, 100)


def group_figures(option_id: int, cell: Cell, base: Cell, expected: Decimal | None, cutoff: int,
                  threshold: int) -> GroupFigures:
    base_shown = base.state == SHOWN and base.count > 0
    expected_people = expected * base.count / 100 if base_shown and expected is not None else None
    share = percent(cell.count, base.count) if base_shown and cell.state == SHOWN else None
    ratio = None
    if expected is None:
        flag = NO_TARGET
    elif not base_shown or cell.state == HIDDEN:
        flag = NOT_SHOWN
    elif expected == 0:
        flag = NONE_EXPECTED
    elif cell.state == SMALL:
        # Flag only when every count it could be (0 to threshold - 1) is under: see the module's note.
        flag = UNDER if is_under(threshold - 1, base.count, expected, cutoff) else UNCLEAR
    else:
        ratio = _whole_percent(_ratio(cell.count, base.count, expected))
        flag = UNDER if is_under(cell.count, base.count, expected, cutoff) else AS_EXPECTED
    return GroupFigures(option_id, cell, share, expected, ratio, flag, expected_people)


def plan_columns(bases: Mapping[str, int], channels: Sequence[str], threshold: int) -> list[tuple[str, ...]]:
    """Which ways of answering get a column of their own (rule 4). ``bases``: channel -> people who
    chose a group that way. A way nobody chose a group through keeps its own column of zeros:
    "no one on paper" is exactly what staff need to see."""
    small = [channel for channel in channels if 0 < bases.get(channel, 0) < threshold]
    columns = [[channel] for channel in channels if channel not in small]
    if small:
        big = [column for column in columns if bases.get(column[0], 0) >= threshold]
        if sum(bases[channel] for channel in small) >= threshold or not big:
            columns.append(small)
        else:
            smallest = min(big, key=lambda column: (bases[column[0]], -channels.index(column[0])))
            smallest += small
    place = {channel: index for index, channel in enumerate(channels)}
    return sorted((tuple(sorted(column, key=place.get)) for column in columns), key=lambda column: place[column[0]])


def question_reach(question_id: int, groups: Sequence[tuple[int, Decimal | None]],
                   counts: Mapping[str, Mapping[int, int]], channels: Sequence[str], threshold: int,
                   cutoff: int = DEFAULT_CUTOFF) -> QuestionReach:
    """The figures for one question.

    ``groups``: (option id, expected share in per cent or None) for each answer that is a group, in
    order ("Prefer not to say" is not a group). ``counts``: channel -> option id -> people.
    ``channels``: the ways of answering to show (those with responses), in order.
    """
    bases = {channel: sum(counts.get(channel, {}).get(option_id, 0) for option_id, _ in groups)
             for channel in channels}
    columns = plan_columns(bases, channels, threshold)
    table = [[sum(counts.get(channel, {}).get(option_id, 0) for channel in column) for column in columns]
             for option_id, _ in groups]
    grid = protect_grid(table, threshold, channels=len(columns))
    overall = ColumnFigures((), grid.base, tuple(
        group_figures(option_id, grid.group_totals[g], grid.base, expected, cutoff, threshold)
        for g, (option_id, expected) in enumerate(groups)))
    per_channel = tuple(
        ColumnFigures(column, grid.channel_bases[c], tuple(
            group_figures(option_id, grid.cells[g][c], grid.channel_bases[c], expected, cutoff, threshold)
            for g, (option_id, expected) in enumerate(groups)))
        for c, column in enumerate(columns))
    return QuestionReach(question_id, overall, per_channel)


def parse_cutoff(text: str | None) -> tuple[int, bool]:
    """The cut-off from the address (?below=75): (cut-off, True) or (the default, False) when it is
    not a whole number from 1 to 100. Blank is the default, and fine."""
    text = (text or "").strip().rstrip("%").strip()
    if not text:
        return DEFAULT_CUTOFF, True
    if cutoff := positive_int(text, maximum=100):
        return cutoff, True
    return DEFAULT_CUTOFF, False
