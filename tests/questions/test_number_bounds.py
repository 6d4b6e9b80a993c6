"""The number type keeps every answer within what the answer.number column stores (security review,
finding 2): a phone number, 10**24 or 5,000 digits gets a plain message, never an exception."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consult.questions import get_type

NUMBER = get_type("number")
LARGEST = 2_000_000_000  # the bound the messages below name; consult.numbers.LARGEST


def question(**settings):
    """A stand-in question: the type reads only its settings and whether it is required."""
    return SimpleNamespace(id=1, required=False, settings={"min": None, "max": None, **settings})


@pytest.fixture(autouse=True)
def _request(app):
    # Messages format their numbers for the interface language, so they need a request.
    with app.test_request_context():
        yield


@pytest.mark.parametrize("typed", [
    "2147483648",            # one past PostgreSQL's integer
    "07700900123",           # a UK mobile number typed without spaces
    "2,000,000,001",
    str(10**24),
    "9" * 5000,              # int() refuses more than 4,300 digits
    "1" + "0" * 10,
])
def test_too_big_for_the_column_says_how_big_it_may_be(typed):
    assert NUMBER.check(question(), [typed]).error == "Enter a number that is 2,000,000,000 or less"


@pytest.mark.parametrize("typed", ["-2147483649", "-2,000,000,001", "-" + "9" * 5000])
def test_too_small_for_the_column_says_how_small_it_may_be(typed):
    assert NUMBER.check(question(), [typed]).error == "Enter a number that is -2,000,000,000 or more"


@pytest.mark.parametrize(("typed", "expected"), [
    ("2000000000", 2_000_000_000),
    ("2,000,000,000", 2_000_000_000),
    ("-2 000 000 000", -2_000_000_000),
    ("0" * 5000 + "12", 12),  # leading zeros do not make a number big
    ("١٢", 12),               # Arabic-Indic digits, as an Arabic keyboard types them
])
def test_the_largest_and_smallest_storable_numbers_are_accepted(typed, expected):
    assert NUMBER.check(question(), [typed]).value == expected


def test_a_phone_number_with_spaces_is_not_a_whole_number():
    assert NUMBER.check(question(), ["07700 900123"]).error == "Enter a whole number, like 12"


def test_staff_limits_beyond_the_column_count_as_the_column_limit():
    # Saved before the builder bounded them (or put there some other way).
    wide = question(min=-(10**24), max=10**24)
    assert NUMBER.check(wide, [str(10**24)]).error == "Enter a number from -2,000,000,000 to 2,000,000,000"
    assert NUMBER.check(wide, ["5"]).value == 5
    only_low = question(min=10**30)
    assert NUMBER.check(only_low, ["3"]).error == "Enter a number that is 2,000,000,000 or more"


def test_staff_limits_inside_the_column_still_apply_and_read_with_separators():
    both = question(min=1000, max=250000)
    assert NUMBER.check(both, ["999"]).error == "Enter a number from 1,000 to 250,000"
    assert NUMBER.check(both, ["9" * 5000]).error == "Enter a number from 1,000 to 250,000"
    assert NUMBER.check(question(max=10), ["2147483648"]).error == "Enter a number that is 10 or less"


@given(st.integers())
def test_any_integer_is_either_stored_as_typed_or_refused_in_words(number):
    parsed = NUMBER.check(question(), [str(number)])
    if -LARGEST <= number <= LARGEST:
        assert parsed.value == number and parsed.error is None
    else:
        assert parsed.value is None and parsed.error


@given(st.integers(-LARGEST, LARGEST))
def test_thousands_separators_read_back_the_same_number(number):
    assert NUMBER.check(question(), [f"{number:,}"]).value == number


@given(st.text(alphabet="0123456789-, ", max_size=6000))
def test_nothing_typed_raises(text):
    parsed = NUMBER.check(question(), [text])
    assert parsed.value is None or -LARGEST <= parsed.value <= LARGEST
