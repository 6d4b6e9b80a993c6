"""consult.branching on plain values: conditions, any/all, skips, the end, exits, broken rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from consult import branching
from consult.branching import ALL, ANY, ASK, END, EXIT, SKIP, Condition, Facts, Plan, Rule

ORDER = [1, 2, 3, 4, 5]


def walk(rules, answers, order=ORDER):
    """The questions asked and the exit reached, with ``answers``: question id -> Facts."""
    by_owner: dict[int, list[Rule]] = {}
    for rule in rules:
        by_owner.setdefault(rule.owner_id, []).append(rule)
    path = Plan(order, by_owner).walk(lambda question_id: answers.get(question_id, branching.NO_ANSWER))
    return sorted(path.asked), path.exit_rule


def chose(*option_ids):
    return Facts(answered=True, chosen=frozenset(option_ids))


def value(number):
    return Facts(answered=True, value=number)


@pytest.mark.parametrize(("test", "low", "high", "answer", "holds"), [
    (branching.MORE, 10, None, 11, True),
    (branching.MORE, 10, None, 10, False),
    (branching.LESS, None, 10, 9, True),
    (branching.LESS, None, 10, 10, False),
    (branching.BETWEEN, 5, 10, 5, True),
    (branching.BETWEEN, 5, 10, 10, True),
    (branching.BETWEEN, 5, 10, 11, False),
    (branching.MORE, Decimal("2.5"), None, Decimal("2.51"), True),
    (branching.LESS, None, date(2026, 3, 27), date(2026, 3, 26), True),
    (branching.BETWEEN, date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 1), False),
])
def test_each_comparison(test, low, high, answer, holds):
    rule = Rule(2, ASK, ANY, (Condition(1, test, low=low, high=high),))
    asked, _exit = walk([rule], {1: value(answer)}, order=[1, 2])
    assert (2 in asked) is holds


def test_a_comparison_never_holds_without_a_value_or_with_one_of_another_kind():
    rule = Rule(2, ASK, ANY, (Condition(1, branching.MORE, low=10),))
    assert walk([rule], {}, order=[1, 2])[0] == [1]
    assert walk([rule], {1: value(date(2026, 1, 1))}, order=[1, 2])[0] == [1]


def test_chosen_and_not_chosen():
    chosen = Rule(2, ASK, ANY, (Condition(1, branching.CHOSEN, frozenset({10, 11})),))
    not_chosen = Rule(3, ASK, ANY, (Condition(1, branching.NOT_CHOSEN, frozenset({10})),))
    assert walk([chosen, not_chosen], {1: chose(11)}, order=[1, 2, 3])[0] == [1, 2, 3]
    assert walk([chosen, not_chosen], {1: chose(10)}, order=[1, 2, 3])[0] == [1, 2]
    # Skipped: nothing was chosen, so "not chosen" holds; "chosen" does not.
    assert walk([chosen, not_chosen], {}, order=[1, 2, 3])[0] == [1, 3]


def test_answered_and_skipped():
    answered = Rule(2, ASK, ANY, (Condition(1, branching.ANSWERED),))
    skipped = Rule(3, ASK, ANY, (Condition(1, branching.SKIPPED),))
    assert walk([answered, skipped], {1: value(4)}, order=[1, 2, 3])[0] == [1, 2]
    assert walk([answered, skipped], {}, order=[1, 2, 3])[0] == [1, 3]


def test_any_and_all():
    conditions = (Condition(1, branching.CHOSEN, frozenset({10})), Condition(2, branching.MORE, low=65))
    any_rule = Rule(3, ASK, ANY, conditions)
    all_rule = Rule(3, ASK, ALL, conditions)
    for answers, any_holds, all_holds in [
        ({1: chose(10), 2: value(70)}, True, True),
        ({1: chose(10), 2: value(30)}, True, False),
        ({1: chose(11), 2: value(70)}, True, False),
        ({1: chose(11), 2: value(30)}, False, False),
    ]:
        assert (3 in walk([any_rule], answers, order=[1, 2, 3])[0]) is any_holds
        assert (3 in walk([all_rule], answers, order=[1, 2, 3])[0]) is all_holds


def test_a_condition_on_a_question_not_asked_never_holds():
    # 2 is asked only after "yes" (10) at 1; 3 only when 2 was left empty. Answering "no" at 1
    # means 2 was never asked, so it was not "left empty" either.
    rules = [Rule(2, ASK, ANY, (Condition(1, branching.CHOSEN, frozenset({10})),)),
             Rule(3, ASK, ANY, (Condition(2, branching.SKIPPED),))]
    assert walk(rules, {1: chose(11)}, order=[1, 2, 3])[0] == [1]
    assert walk(rules, {1: chose(10)}, order=[1, 2, 3])[0] == [1, 2, 3]
    # A draft's leftover answer to a question no longer asked does not count.
    assert walk(rules, {1: chose(11), 2: value(3)}, order=[1, 2, 3])[0] == [1]


def test_skip_to_a_later_question():
    skip = Rule(1, SKIP, ANY, (Condition(1, branching.CHOSEN, frozenset({11})),), target_id=4)
    assert walk([skip], {1: chose(11)}) == ([1, 4, 5], None)
    assert walk([skip], {1: chose(10)}) == ([1, 2, 3, 4, 5], None)


def test_skip_to_the_end():
    end = Rule(2, END, ANY, (Condition(1, branching.CHOSEN, frozenset({11})),))
    # The rule belongs to question 2: it acts once 2 is asked, so 2 is still asked.
    assert walk([end], {1: chose(11)}) == ([1, 2], None)


def test_a_skip_from_a_question_not_asked_does_nothing():
    only_after_yes = Rule(2, ASK, ANY, (Condition(1, branching.CHOSEN, frozenset({10})),))
    skip = Rule(2, SKIP, ANY, (Condition(1, branching.CHOSEN, frozenset({11})),), target_id=5)
    assert walk([only_after_yes, skip], {1: chose(11)})[0] == [1, 3, 4, 5]


def test_exit_stops_the_journey_and_names_the_rule():
    exit_rule = Rule(2, EXIT, ANY, (Condition(2, branching.LESS, high=16),), rule_id=7)
    asked, reached = walk([exit_rule], {2: value(15)})
    assert asked == [1, 2] and reached == exit_rule
    asked, reached = walk([exit_rule], {2: value(16)})
    assert asked == ORDER and reached is None


def test_the_formula_names_what_decides_each_question():
    skip = Rule(1, SKIP, ANY, (Condition(1, branching.ANSWERED),), target_id=3)
    plan = Plan([1, 2, 3], {1: [skip]})
    assert plan.asked_formula(1) is None and plan.asked_formula(3) is None
    assert plan.asked_formula(2) == ("not", ("all", (("asked", 1), ("all", (("asked", 1), ("fact", skip.conditions[0]))))))


@pytest.mark.parametrize(("rule", "problem"), [
    (Rule(2, ASK, ANY, (Condition(3, branching.ANSWERED),)), "later"),
    (Rule(2, ASK, ANY, (Condition(2, branching.ANSWERED),)), "later"),  # on itself: a loop
    (Rule(2, ASK, ANY, (Condition(9, branching.ANSWERED),)), "deleted"),
    (Rule(3, SKIP, ANY, (Condition(3, branching.ANSWERED),), target_id=2), "backwards"),
    (Rule(3, SKIP, ANY, (Condition(3, branching.ANSWERED),), target_id=3), "backwards"),
    (Rule(3, SKIP, ANY, (Condition(3, branching.ANSWERED),), target_id=None), "backwards"),
    (Rule(2, ASK, ANY, (Condition(1, branching.MORE),)), "value"),
    (Rule(2, ASK, ANY, ()), "empty"),
])
def test_rules_that_cannot_count_in_order_are_left_out_whole(rule, problem):
    numbers = {1: 1, 2: 2, 3: 3, 4: 4}
    assert problem in branching.rule_problems(rule, numbers)
    assert branching.usable_rules([rule], numbers) == {}


def test_a_jump_may_look_at_its_own_question():
    rule = Rule(3, SKIP, ANY, (Condition(3, branching.ANSWERED),), target_id=4)
    assert branching.rule_problems(rule, {1: 1, 2: 2, 3: 3, 4: 4}) == []
