"""Branching: which questions a person is asked, where they jump to and when they must stop. The one
place that says what a rule is and when it holds; how it reads to residents, on paper and to staff is
its neighbour consult.branching_words.

Every channel uses it: the resident journey (consult.respond.journey), staff data entry, the
printed questionnaire, the results (which questions each stored response was asked) and the
dashboard's words. Pure functions over plain values: no request, no database.

A question carries rules (a section carries at most one, an "ask": see ``section_rules``):

- ``ask``: the question is asked only when ANY or ALL of its conditions hold;
- ``skip``: once it is answered, when the conditions hold, go straight to the ``target`` question;
- ``end``: the same, to the end (the check page);
- ``exit``: when the conditions hold the person cannot take part: the journey stops on an exit page
  with words staff wrote, and nothing they answered is kept.

A condition looks at one question: an answer chosen or not chosen, a number or date more than, less
than or between values, answered or skipped. A condition on a question never asked does not hold.
What a value means for comparison belongs to the question's type (``QuestionType.comparable``).

Everything is decided by one formula per question (``Plan.asked_formula``): the journey evaluates
it over a draft (``Plan.walk``), the results compile the same formula into SQL
(consult.results.analysis). A rule that cannot count in order (a condition on a question that does
not come earlier, a jump backwards) is left out by ``usable_rules``; the builder refuses to save such
a rule and the publishing checklist stops a consultation that has one (``rule_problems``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

# -- what a rule is -------------------------------------------------------------------------------

ASK, SKIP, END, EXIT = "ask", "skip", "end", "exit"
ACTIONS = (ASK, SKIP, END, EXIT)
# Rules that act after their own question is answered (they may look at it).
JUMPS = (SKIP, END, EXIT)
ANY, ALL = "any", "all"
MATCHES = (ANY, ALL)

CHOSEN, NOT_CHOSEN = "chosen", "not_chosen"
MORE, LESS, BETWEEN = "more", "less", "between"
ANSWERED, SKIPPED = "answered", "skipped"
TESTS = (CHOSEN, NOT_CHOSEN, MORE, LESS, BETWEEN, ANSWERED, SKIPPED)
OPTION_TESTS = (CHOSEN, NOT_CHOSEN)
COMPARISONS = (MORE, LESS, BETWEEN)


class Facts(NamedTuple):
    """What one person's answer to one question says, as conditions read it."""

    answered: bool = False
    chosen: frozenset[int] = frozenset()
    value: Any = None  # the type's comparable value (a number, a Decimal, a date), or None


NO_ANSWER = Facts()


class Condition(NamedTuple):
    """One test on one question's answer. ``low``/``high`` are comparable values of the source's type."""

    source_id: int
    test: str
    option_ids: frozenset[int] = frozenset()
    low: Any = None
    high: Any = None

    def holds_for(self, facts: Facts) -> bool:
        """Whether the test holds for an answer to a question that was asked."""
        if self.test == CHOSEN:
            return bool(facts.chosen & self.option_ids)
        if self.test == NOT_CHOSEN:
            return not facts.chosen & self.option_ids
        if self.test == ANSWERED:
            return facts.answered
        if self.test == SKIPPED:
            return not facts.answered
        value = facts.value
        if value is None:
            return False
        try:
            if self.test == MORE:
                return value > self.low
            if self.test == LESS:
                return value < self.high
            if self.test == BETWEEN:
                return self.low <= value <= self.high
        except TypeError:  # a threshold of another kind (the source's type changed): never holds
            return False
        return False


class Rule(NamedTuple):
    owner_id: int  # the question the rule belongs to
    action: str
    match: str
    conditions: tuple[Condition, ...]
    target_id: int | None = None  # skip: the question to go to
    rule_id: int | None = None  # the stored rule (an exit page's address)
    exit_text_id: int | None = None  # exit: the words staff wrote
    section_id: int | None = None  # a section's rule, read as a rule of each of its questions


# -- the formula ------------------------------------------------------------------------------------
# Nodes: ("all", parts), ("any", parts), ("not", part), ("asked", question id), ("fact", Condition).
# A "fact" reads what was stored for the source question (it is only ever used together with
# ("asked", source), since a question not asked has no answer that counts).

def _all(parts: Sequence) -> tuple:
    parts = tuple(part for part in parts if part is not None)
    return parts[0] if len(parts) == 1 else ("all", parts)


def condition_formula(condition: Condition) -> tuple:
    asked = ("asked", condition.source_id)
    if condition.test == NOT_CHOSEN:
        return ("all", (asked, ("not", ("fact", condition._replace(test=CHOSEN)))))
    if condition.test == SKIPPED:
        return ("all", (asked, ("not", ("fact", condition._replace(test=ANSWERED)))))
    return ("all", (asked, ("fact", condition)))


def rule_formula(rule: Rule) -> tuple:
    parts = tuple(condition_formula(condition) for condition in rule.conditions)
    if len(parts) == 1:
        return parts[0]
    return ("any" if rule.match == ANY else "all", parts)


class Plan:
    """A consultation's usable rules in question order, and what follows from them."""

    def __init__(self, order: Sequence[int], rules: Mapping[int, Sequence[Rule]]):
        self.order = list(order)
        self.index = {question_id: place for place, question_id in enumerate(self.order)}
        self.rules = {owner: list(found) for owner, found in rules.items() if found}
        self._formulas: dict[int, tuple | None] = {}

    def rules_of(self, question_id: int, *actions: str) -> list[Rule]:
        return [rule for rule in self.rules.get(question_id, []) if rule.action in actions]

    def _passes_over(self, rule: Rule, question_id: int) -> bool:
        """Whether the jump ``rule`` leaves ``question_id`` out when it holds."""
        here, there = self.index[rule.owner_id], self.index[question_id]
        if there <= here:
            return False
        if rule.action == SKIP:
            return there < self.index[rule.target_id]
        return True  # end and exit: everything after

    def asked_formula(self, question_id: int) -> tuple | None:
        """When ``question_id`` is asked; None: always."""
        if question_id not in self._formulas:
            parts = [rule_formula(rule) for rule in self.rules_of(question_id, ASK)]
            for owner in self.order[:self.index[question_id]]:
                for rule in self.rules_of(owner, *JUMPS):
                    if self._passes_over(rule, question_id):
                        parts.append(("not", ("all", (("asked", owner), rule_formula(rule)))))
            self._formulas[question_id] = _all(parts) if parts else None
        return self._formulas[question_id]

    def deciders(self, question_id: int) -> set[int]:
        """The questions whose answers decide whether ``question_id`` is asked (a section page redraws
        itself when one of them on the same page changes)."""
        found: set[int] = set()

        def visit(node: tuple) -> None:
            kind, body = node
            if kind in ("all", "any"):
                for part in body:
                    visit(part)
            elif kind == "not":
                visit(body)
            elif kind == "fact":
                found.add(body.source_id)

        formula = self.asked_formula(question_id)
        if formula is not None:
            visit(formula)
        return found

    def has_rules(self) -> bool:
        return bool(self.rules)

    def walk(self, facts_of: Callable[[int], Facts]) -> Path:
        """The questions asked, and the exit reached if any, given each question's answer facts."""
        asked: dict[int, bool] = {}

        def is_asked(question_id: int) -> bool:
            if question_id not in asked:
                formula = self.asked_formula(question_id)
                asked[question_id] = formula is None or evaluate(formula, is_asked, facts_of)
            return asked[question_id]

        for question_id in self.order:  # in order: each source is decided before what depends on it
            is_asked(question_id)
        exit_rule = next((rule for question_id in self.order if asked[question_id]
                          for rule in self.rules_of(question_id, EXIT)
                          if evaluate(rule_formula(rule), is_asked, facts_of)), None)
        return Path(frozenset(q for q, yes in asked.items() if yes), exit_rule)


class Path(NamedTuple):
    asked: frozenset[int]
    exit_rule: Rule | None  # the exit the answers lead to (its owner is the last question asked)


def evaluate(formula: tuple, is_asked: Callable[[int], bool], facts_of: Callable[[int], Facts]) -> bool:
    node, body = formula
    if node == "all":
        return all(evaluate(part, is_asked, facts_of) for part in body)
    if node == "any":
        return any(evaluate(part, is_asked, facts_of) for part in body)
    if node == "not":
        return not evaluate(body, is_asked, facts_of)
    if node == "asked":
        return is_asked(body)
    return body.holds_for(facts_of(body.source_id))


# -- from the stored rules ------------------------------------------------------------------------

def read_rule(stored, threshold: Callable[[object, str | None], Any]) -> Rule:
    """A stored rule (consult.models.branching.BranchRule) as a plain Rule.

    ``threshold(source question, stored text)``: the comparable value (the source's type reads it).
    """
    conditions = tuple(
        Condition(condition.source_id, condition.test, frozenset(option.id for option in condition.options),
                  threshold(condition.source, condition.low), threshold(condition.source, condition.high))
        for condition in stored.conditions)
    return Rule(stored.question_id, stored.action, stored.match, conditions, stored.target_id,
                stored.id, stored.exit_text_id, getattr(stored, "section_id", None))


def stored_threshold(source, text: str | None):
    if source is None or text in (None, ""):
        return None
    return source.type.read_threshold(source, text)


def rule_problems(rule: Rule, numbers: Mapping[int, int]) -> list[str]:
    """Why a rule cannot count in order ([] when it can). ``numbers``: live question id -> number."""
    here = numbers.get(rule.owner_id)
    if here is None:
        return []  # its question is deleted: the rule goes with it
    found = []
    if not rule.conditions:
        found.append("empty")
    for condition in rule.conditions:
        there = numbers.get(condition.source_id)
        if there is None:
            found.append("deleted")
        elif there > here or (there == here and rule.action == ASK):
            found.append("later")
        elif condition.test in COMPARISONS and (
                (condition.test in (MORE, BETWEEN) and condition.low is None)
                or (condition.test in (LESS, BETWEEN) and condition.high is None)):
            found.append("value")
    if rule.action == SKIP and numbers.get(rule.target_id, 0) <= here:
        found.append("backwards")
    return found


def usable_rules(rules: Iterable[Rule], numbers: Mapping[int, int]) -> dict[int, list[Rule]]:
    """The rules that can count, by owner. A broken rule is left out whole (never half-applied)."""
    found: dict[int, list[Rule]] = {}
    for rule in rules:
        if rule.owner_id in numbers and not rule_problems(rule, numbers):
            found.setdefault(rule.owner_id, []).append(rule)
    return found


def places(questions: Iterable) -> dict[int, int]:
    """Question id -> its number (from 1), in the order given."""
    return {question.id: number for number, question in enumerate(questions, start=1)}


def rules_of(questions: Sequence) -> list[Rule]:
    """Every stored rule of these (loaded) questions, as plain Rules."""
    return [read_rule(stored, stored_threshold) for question in questions for stored in question.rules]


def section_rules(questions: Sequence) -> list[Rule]:
    """Each section's "Only show this page if ..." as an "ask" rule of every question on the page.

    The one place a section's condition becomes its questions': from here the journey skips the page
    (no question on it is asked), and results, entry, paper and the dashboard count and word it like
    any question's rule. A rule that cannot count before the section's first question (it looks at a
    question on the page or after it) is left out whole, so it is never half-applied.
    """
    numbers = places(questions)
    first: dict[int, int] = {}
    found = []
    for question in questions:
        if question.section_id is None:
            continue
        first.setdefault(question.section_id, question.id)
        for stored in question.section.rules:
            rule = read_rule(stored, stored_threshold)._replace(section_id=question.section_id)
            if not rule_problems(rule._replace(owner_id=first[question.section_id]), numbers):
                found.append(rule._replace(owner_id=question.id))
    return found


def plan_of(questions: Sequence) -> Plan:
    """The usable branching of a consultation's live questions, in order (their sections' rules too)."""
    numbers = places(questions)
    return Plan([question.id for question in questions],
                usable_rules(rules_of(questions) + section_rules(questions), numbers))


def plan_for(consultation) -> Plan:
    """A consultation's plan. A compiled consultation (consult.snapshots) brings its own, worked out once
    per version: working it out is quadratic in the number of questions."""
    return getattr(consultation, "branching_plan", None) or plan_of(list(consultation.questions))
