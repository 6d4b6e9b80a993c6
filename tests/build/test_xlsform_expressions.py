"""The XLSForm expressions the import keeps (branching on a choice, a number range), and the ones it
refuses: pure functions, no app."""

from decimal import Decimal

import pytest

from consult.build.xlsform.expressions import Bound, ChoiceCondition, Range, read_condition, read_range


@pytest.mark.parametrize("relevant, expected", [
    ("selected(${dog}, 'yes')", ChoiceCondition("dog", ("yes",), exact=False)),
    ("selected( ${dog} , \"yes\" )", ChoiceCondition("dog", ("yes",), exact=False)),
    ("${dog} = 'no'", ChoiceCondition("dog", ("no",), exact=True)),
    ("${dog}='no'", ChoiceCondition("dog", ("no",), exact=True)),
    ("(selected(${walks}, 'lake'))", ChoiceCondition("walks", ("lake",), exact=False)),
    ("selected(${walks}, 'lake') or selected(${walks}, 'woods')",
     ChoiceCondition("walks", ("lake", "woods"), exact=False)),
])
def test_conditions_consult_can_keep(relevant, expected):
    assert read_condition(relevant) == expected


@pytest.mark.parametrize("relevant", [
    "${age} > 18",
    "not(selected(${dog}, 'yes'))",
    "${dog} != 'no'",
    "selected(${dog}, 'yes') and selected(${cat}, 'yes')",
    "selected(${dog}, 'yes') or selected(${cat}, 'yes')",
    "string-length(${name}) > 0",
    "",
])
def test_conditions_it_cannot(relevant):
    assert read_condition(relevant) is None


@pytest.mark.parametrize("constraint, expected", [
    (". >= 1 and . <= 10", Range(Bound(Decimal(1), True), Bound(Decimal(10), True))),
    (".>=1 and .<=10", Range(Bound(Decimal(1), True), Bound(Decimal(10), True))),
    (". <= 10 and . >= 1", Range(Bound(Decimal(1), True), Bound(Decimal(10), True))),
    (". > 0", Range(Bound(Decimal(0), False), None)),
    ("(. < 100)", Range(None, Bound(Decimal(100), False))),
    (". >= -5.5", Range(Bound(Decimal("-5.5"), True), None)),
])
def test_ranges(constraint, expected):
    assert read_range(constraint) == expected


@pytest.mark.parametrize("constraint", [
    "regex(., '^[0-9]+$')",
    ". >= 1 or . <= 10",
    ". >= 1 and . >= 2",
    ". != 3",
    ". >= ${other}",
    "string-length(.) <= 10",
])
def test_ranges_it_cannot(constraint):
    assert read_range(constraint) is None
