"""Small numbers protect people: no count under the consultation's threshold is ever shown.

The rules (pure functions, tested in tests/results/test_analysis_protect.py):

1. A count from 1 to threshold - 1 is *small*: shown as "fewer than N", and its percentage is not
   shown either (a percentage of a shown total gives the count back).
2. A zero is shown as 0. It points at no one, and hiding it would make "nobody answered on paper"
   look the same as "a few did", which staff need to tell apart to find who is missing. But:
3. When the group a table describes is itself smaller than the threshold (a filter down to four
   people), every cell is small, zeros included: "all 3 people in this group said No" is
   exactly the disclosure to prevent, and a 0 beside two hidden cells would give it away.
4. Differencing: in a table whose cells add up to a shown total (channels, languages, days, the
   answers of a one-answer question with "skipped"), the cells not shown add up to the total minus
   the ones shown, so that sum is a group too. When it would be smaller than the threshold (one
   small cell alone, or two that make 3), the smallest other non-zero cell is *hidden* as well
   ("not shown"), so what is left out always makes at least the threshold together.

What this does not do: stop someone who compares two filtered views (Monday to Friday, then
Monday to Thursday) from subtracting one from the other. The dashboard is for signed-in staff who
may read every response in full; these rules keep small groups out of what they share, print and
screenshot, not out of their own reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SHOWN = "shown"
SMALL = "small"  # fewer than the threshold
HIDDEN = "hidden"  # not small itself, hidden so a small cell cannot be worked out


@dataclass(frozen=True)
class Cell:
    count: int
    state: str
    # Percentage of the table's total, rounded half up to a whole number; None unless shown.
    percent: int | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def value(self) -> int | None:
        """The count if it may be shown, else None."""
        return self.count if self.shown else None


def percent(count: int, total: int) -> int:
    """Whole-number percentage, half up (2 of 8 is 25, 1 of 8 is 13), with integers only."""
    if total <= 0:
        return 0
    return (200 * count + total) // (2 * total)


def protect_total(count: int, threshold: int) -> Cell:
    """A count on its own (a total, "asked", "answered")."""
    return Cell(count, SMALL if 0 < count < threshold else SHOWN)


def protect_counts(counts: Sequence[int], threshold: int, total: int | None = None,
                   additive: bool = False) -> list[Cell]:
    """Protect a table's cells.

    ``total`` is the size of the group the table describes (the base for percentages): when it is
    small, every cell is small (rule 3). ``additive`` says the cells add up to that total, so one
    small cell alone could be recovered by subtraction (rule 4).
    """
    if total is not None and 0 < total < threshold:
        return [Cell(count, SMALL) for count in counts]
    states = [SMALL if 0 < count < threshold else SHOWN for count in counts]
    if additive and total is not None:
        left_out = sum(count for count, state in zip(counts, states) if state != SHOWN)
        others = [index for index, count in enumerate(counts) if states[index] == SHOWN and count > 0]
        if 0 < left_out < threshold and others:
            # The smallest other cell (it says the least that staff will miss); any shown cell is
            # at least the threshold, so one is enough.
            states[min(others, key=lambda index: (counts[index], -index))] = HIDDEN
    cells = []
    for count, state in zip(counts, states):
        share = percent(count, total or 0) if state == SHOWN else None
        cells.append(Cell(count, state, share))
    return cells


def protect_pair(part: int, rest: int, threshold: int) -> tuple[Cell, Cell]:
    """Two counts that add up to a shown whole ("answered" and "skipped" make "asked")."""
    first, second = protect_counts([part, rest], threshold, total=part + rest, additive=True)
    return first, second


def protect_answered(asked: int, answered: int, skipped: int, threshold: int,
                     skipped_cell: Cell | None = None) -> tuple[Cell, Cell, Cell]:
    """(asked, answered, skipped) for one question. "Answered" is "asked" minus "skipped": with
    ``skipped_cell`` (the "no answer" cell of a one-answer table, already protected with the answers)
    it is shown exactly when that cell is, so neither gives the other back; otherwise the two are
    protected as a pair."""
    asked_cell = protect_total(asked, threshold)
    if skipped_cell is None:
        answered_cell, skipped_cell = protect_pair(answered, skipped, threshold)
        return asked_cell, answered_cell, skipped_cell
    if skipped_cell.state == SHOWN:
        return asked_cell, Cell(answered, SHOWN), skipped_cell
    # Hidden with "no answer": "fewer than N" when that is true (a small group, or a small table).
    return asked_cell, Cell(answered, SMALL if answered < threshold else HIDDEN), skipped_cell
