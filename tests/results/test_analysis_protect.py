"""Small numbers: the rules in consult/results/protect.py, as plain functions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from consult.results.protect import HIDDEN, SHOWN, SMALL, percent, protect_counts, protect_pair, protect_total


def states(cells):
    return [cell.state for cell in cells]


def test_counts_under_the_threshold_are_small_and_lose_their_percentage():
    cells = protect_counts([12, 3, 9, 0, 4], threshold=5, total=28)
    assert states(cells) == [SHOWN, SMALL, SHOWN, SHOWN, SMALL]
    assert [cell.value for cell in cells] == [12, None, 9, 0, None]
    assert [cell.percent for cell in cells] == [43, None, 32, 0, None]


def test_a_zero_is_shown_but_not_in_a_small_group():
    assert states(protect_counts([0, 20], threshold=5, total=20)) == [SHOWN, SHOWN]
    # Four people, all of whom said "No": the 0 would tell on them.
    assert states(protect_counts([0, 4], threshold=5, total=4)) == [SMALL, SMALL]


def test_one_small_cell_in_an_additive_table_hides_the_smallest_other():
    # 30 = 20 + 7 + 3: with the total shown, 3 would be 30 - 20 - 7.
    cells = protect_counts([20, 7, 3, 0], threshold=5, total=30, additive=True)
    assert states(cells) == [SHOWN, HIDDEN, SMALL, SHOWN]
    assert cells[1].percent is None


def test_small_cells_that_add_up_to_a_small_group_hide_one_more():
    # 2 + 1 = 3 would come back as 30 - 20 - 7.
    assert states(protect_counts([20, 7, 2, 1], threshold=5, total=30, additive=True)) == [SHOWN, HIDDEN, SMALL, SMALL]
    # 3 + 4 = 7 is not a small group: nothing more to hide.
    assert states(protect_counts([20, 6, 3, 4], threshold=5, total=33, additive=True)) == [SHOWN, SHOWN, SMALL, SMALL]


def test_a_table_that_does_not_add_up_hides_nothing_more():
    # Multiple choice: people choose several answers, so no cell is the total minus the others.
    assert states(protect_counts([20, 7, 3], threshold=5, total=25)) == [SHOWN, SHOWN, SMALL]


def test_totals_and_pairs():
    assert protect_total(4, 5).state == SMALL and protect_total(0, 5).state == SHOWN
    assert protect_total(5, 5).state == SHOWN
    answered, skipped = protect_pair(27, 3, 5)
    assert (answered.state, skipped.state) == (HIDDEN, SMALL)
    assert states(protect_pair(27, 0, 5)) == [SHOWN, SHOWN]


def test_percentages_round_half_up():
    assert [percent(1, 8), percent(2, 8), percent(1, 3), percent(2, 3), percent(0, 0)] == [13, 25, 33, 67, 0]


@given(counts=st.lists(st.integers(0, 40), min_size=1, max_size=8), threshold=st.integers(1, 10))
def test_nothing_small_can_be_worked_out_from_a_protected_additive_table(counts, threshold):
    total = sum(counts)
    cells = protect_counts(counts, threshold, total=total, additive=True)
    # Every count that is shown is 0 or at least the threshold (unless the whole group is small).
    if not 0 < total < threshold:
        assert all(cell.count == 0 or cell.count >= threshold for cell in cells if cell.shown)
        # What is left out (the total minus what is shown) is never a small group by itself.
        left_out = total - sum(cell.count for cell in cells if cell.shown)
        assert left_out == 0 or left_out >= threshold
    else:
        assert all(cell.state == SMALL for cell in cells)
    for cell in cells:
        assert (cell.percent is None) is (not cell.shown)
