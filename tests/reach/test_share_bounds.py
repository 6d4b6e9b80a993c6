"""An expected share with more digits than a Decimal keeps (28) is "from 0 to 100" like any other
share out of range, never a server error (security review, finding 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consult.reach.targets import OUT_OF_RANGE, field_name, parse_share
from tests.reach.conftest import SLUG

EXPECTED = f"/staff/results/{SLUG}/reach/expected"


@pytest.mark.parametrize("typed", ["9" * 29, "1" * 5000, "-" + "9" * 5000, "9" * 5000 + ".5"])
def test_a_share_with_thousands_of_digits_is_out_of_range(typed):
    assert parse_share(typed) == (None, OUT_OF_RANGE)


@pytest.mark.parametrize(("typed", "share"), [
    ("0" * 5000 + "12", Decimal("12.00")), ("12." + "3" * 5000, Decimal("12.33")),
])
def test_leading_zeros_and_long_decimals_still_read(typed, share):
    assert parse_share(typed) == (share, None)


@given(st.text(alphabet="0123456789.,-% ", max_size=6000))
def test_nothing_typed_raises(text):
    value, problem = parse_share(text)
    assert value is None or Decimal(0) <= value <= Decimal(100)


def test_the_page_says_so_beside_the_field(editor, survey):
    page = editor.get(EXPECTED)
    group = survey["groups"][0]
    refused = editor.submit(page, {field_name(group): "9" * 5000})
    assert refused.status == 422, refused.text()[:300]
    assert "The share for “Under 18” must be from 0 to 100" in refused.soup.find(id=f"{field_name(group)}-error").text
