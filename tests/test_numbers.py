"""consult.numbers: reading a typed whole number without ever calling int() on a long string, and
the bound every typed number stored in an integer column keeps to."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from consult.numbers import LARGEST, SMALLEST, read_whole_number, storable
from consult.request_values import MAX_ID


def test_the_bound_fits_the_integer_columns():
    assert SMALLEST == -LARGEST and LARGEST <= MAX_ID


@given(st.integers())
def test_every_integer_reads_back_or_lands_just_past_the_bound(number):
    read = read_whole_number(str(number))
    if SMALLEST <= number <= LARGEST:
        assert read == number
    else:
        # Exact while it is short enough to convert cheaply; past the bound on the same side always.
        assert (read > LARGEST) if number > 0 else (read < SMALLEST)


@given(st.text(max_size=50) | st.text(alphabet="0123456789-, ", min_size=4000, max_size=6000))
def test_any_text_reads_as_a_number_or_none_without_raising(text):
    read = read_whole_number(text)
    assert read is None or isinstance(read, int)


def test_separators_scripts_and_leading_zeros():
    assert read_whole_number(" 1,200 ") == 1200
    assert read_whole_number("1 200 000") == 1_200_000
    assert read_whole_number("٣") == 3
    assert read_whole_number("0" * 5000) == 0
    assert read_whole_number("-" + "0" * 5000 + "7") == -7
    for odd in ("²", "1,20", "12.5", "--1", "1e9", "", None):
        assert read_whole_number(odd) is None


def test_storable_moves_a_limit_inside_the_bound():
    assert storable(10**24) == LARGEST and storable(-(10**24)) == SMALLEST and storable(5) == 5
