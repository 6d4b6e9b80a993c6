"""Branching: which questions a person is asked, where they jump to and when they must stop. The one
place that says what a rule is, when it holds, and how it reads to residents, on paper and to staff.

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

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _

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


# -- in words ----------------------------------------------------------------------------------

def _quoted(words: str) -> str:
    return _("“%(answer)s”", answer=words)


def answer_words(condition: Condition, source, label_of: Callable[[object], str | None]) -> str | None:
    """The condition's answers in words, quoted and joined ("“Yes” or “Not sure”"), in the order of
    the source question's options; None when none of them has words (an option since deleted)."""
    labels = [_quoted(label) for option in source.options
              if option.id in condition.option_ids and (label := label_of(option))]
    if not labels:
        return None
    return format_list(labels, style="or", locale=get_locale())


def condition_words(condition: Condition, source, number: int, label_of: Callable[[object], str | None],
                    audience: str = "paper") -> str | None:
    """One condition as a clause: "you ticked “Yes” at question 3" (paper: residents, paper and data
    entry) or "answered “Yes” to question 3" (staff: results, builder). None when it has no words."""
    paper = audience == "paper"
    if condition.test in OPTION_TESTS:
        answers = answer_words(condition, source, label_of)
        if answers is None:
            return None
        if condition.test == CHOSEN:
            return (_("you ticked %(answers)s at question %(number)s", answers=answers, number=number) if paper
                    else _("answered %(answers)s to question %(number)s", answers=answers, number=number))
        return (_("you did not tick %(answers)s at question %(number)s", answers=answers, number=number) if paper
                else _("did not answer %(answers)s to question %(number)s", answers=answers, number=number))
    if condition.test == ANSWERED:
        return (_("you answered question %(number)s", number=number) if paper
                else _("answered question %(number)s", number=number))
    if condition.test == SKIPPED:
        return (_("you left question %(number)s empty", number=number) if paper
                else _("left question %(number)s empty", number=number))
    words = source.type.threshold_words
    if condition.test == MORE and condition.low is not None:
        return _("your answer to question %(number)s is more than %(value)s", number=number,
                 value=words(source, condition.low)) if paper else _(
            "gave more than %(value)s at question %(number)s", number=number, value=words(source, condition.low))
    if condition.test == LESS and condition.high is not None:
        return _("your answer to question %(number)s is less than %(value)s", number=number,
                 value=words(source, condition.high)) if paper else _(
            "gave less than %(value)s at question %(number)s", number=number, value=words(source, condition.high))
    if condition.test == BETWEEN and condition.low is not None and condition.high is not None:
        low, high = words(source, condition.low), words(source, condition.high)
        return _("your answer to question %(number)s is from %(low)s to %(high)s", number=number,
                 low=low, high=high) if paper else _(
            "gave from %(low)s to %(high)s at question %(number)s", number=number, low=low, high=high)
    return None


def rule_clauses(rule: Rule, by_id: Mapping[int, object], numbers: Mapping[int, int],
                 label_of: Callable[[object], str | None], audience: str = "paper") -> str | None:
    """The rule's conditions as one phrase joined by "or" (any) or "and" (all); None without words."""
    clauses = []
    for condition in rule.conditions:
        source = by_id.get(condition.source_id)
        if source is None or condition.source_id not in numbers:
            return None
        clause = condition_words(condition, source, numbers[condition.source_id], label_of, audience)
        if clause is None:
            return None
        clauses.append(clause)
    if not clauses:
        return None
    return format_list(clauses, style="or" if rule.match == ANY else "standard", locale=get_locale())


def paper_words(clauses: str) -> str:
    """For residents and on paper: "Only answer this question if you ticked “Yes” at question 3."."""
    return _("Only answer this question if %(conditions)s.", conditions=clauses)


def staff_words(clauses: str) -> str:
    """For staff reading results: "Asked only of people who answered “Yes” to question 3."."""
    return _("Asked only of people who %(conditions)s.", conditions=clauses)


def page_words(clauses: str) -> str:
    """On paper and in data entry, under a section's title: "Only answer this page if ..."."""
    return _("Only answer this page if %(conditions)s.", conditions=clauses)


def ask_words(rule: Rule, by_id: Mapping[int, object], numbers: Mapping[int, int],
              label_of: Callable[[object], str | None], audience: str = "paper") -> str | None:
    """An "ask" rule as one sentence (paper_words / staff_words; a section's rule on paper:
    page_words), or None without words. The most common rule, one "ticked" condition, keeps the
    sentence every language already has."""
    page = rule.section_id is not None and audience == "paper"
    if len(rule.conditions) == 1 and rule.conditions[0].test == CHOSEN:
        condition = rule.conditions[0]
        source = by_id.get(condition.source_id)
        answers = answer_words(condition, source, label_of) if source is not None else None
        if answers is None or condition.source_id not in numbers:
            return None
        number = numbers[condition.source_id]
        if page:
            return _("Only answer this page if you ticked %(answers)s at question %(number)s.",
                     answers=answers, number=number)
        if audience == "paper":
            return _("Only answer this question if you ticked %(answers)s at question %(number)s.",
                     answers=answers, number=number)
        return _("Asked only of people who answered %(answers)s to question %(number)s.",
                 answers=answers, number=number)
    clauses = rule_clauses(rule, by_id, numbers, label_of, audience)
    if clauses is None:
        return None
    if page:
        return page_words(clauses)
    return paper_words(clauses) if audience == "paper" else staff_words(clauses)


def jump_words(rule: Rule, clauses: str, numbers: Mapping[int, int], audience: str = "paper") -> str:
    """A skip, an end or an exit, in words: "If you ticked “No” at question 2, go to question 5."."""
    if rule.action == SKIP:
        target = numbers.get(rule.target_id, "?")
        return (_("If %(conditions)s, go to question %(number)s.", conditions=clauses, number=target)
                if audience == "paper" else _("If someone %(conditions)s, they go to question %(number)s.",
                                              conditions=clauses, number=target))
    if rule.action == END:
        return (_("If %(conditions)s, you have finished: do not answer any more questions.", conditions=clauses)
                if audience == "paper" else _("If someone %(conditions)s, they go to the end.", conditions=clauses))
    return (_("If %(conditions)s, you cannot take part. Stop here.", conditions=clauses)
            if audience == "paper" else _("If someone %(conditions)s, they cannot take part and their answers "
                                          "are not kept.", conditions=clauses))


def builder_words(rule: Rule, by_id: Mapping[int, object], numbers: Mapping[int, int],
                  label_of: Callable[[object], str | None]) -> str:
    """Every rule in the builder, in the words staff read elsewhere; a rule without words says so."""
    if rule.action == ASK:
        words = ask_words(rule, by_id, numbers, label_of, audience="staff")
    else:
        clauses = rule_clauses(rule, by_id, numbers, label_of, audience="staff")
        words = jump_words(rule, clauses, numbers, audience="staff") if clauses else None
    return words or _("This rule is not finished: an answer or value it needs is missing.")


def paper_lines(question_id: int, plan: Plan, by_id: Mapping[int, object], numbers: Mapping[int, int],
                label_of: Callable[[object], str | None]) -> list[str]:
    """What the paper form, data entry and residents read at a question: when to answer it, then
    where to go after it ("If you ticked “No” at question 2, go to question 5.")."""
    lines = []
    # A section's rule is said once, under the section's title (page_lines), not at each question.
    for rule in plan.rules_of(question_id, ASK):
        if rule.section_id is None and (words := ask_words(rule, by_id, numbers, label_of)):
            lines.append(words)
    for rule in plan.rules_of(question_id, *JUMPS):
        if clauses := rule_clauses(rule, by_id, numbers, label_of):
            lines.append(jump_words(rule, clauses, numbers))
    return lines


def page_lines(question_id: int, plan: Plan, by_id: Mapping[int, object], numbers: Mapping[int, int],
               label_of: Callable[[object], str | None]) -> list[str]:
    """What paper and data entry say under the title of the section ``question_id`` starts:
    "Only answer this page if you ticked “Yes” at question 3."."""
    return [words for rule in plan.rules_of(question_id, ASK)
            if rule.section_id is not None and (words := ask_words(rule, by_id, numbers, label_of))]


def ask_sentence(question_id: int, plan: Plan, by_id: Mapping[int, object], numbers: Mapping[int, int],
                 label_of: Callable[[object], str | None], audience: str = "paper") -> str | None:
    """When the question is asked, in sentences (ask_words): its own rule and its section's; None
    when it is always asked (or its rules have no words)."""
    found = [words for rule in plan.rules_of(question_id, ASK)
             if (words := ask_words(rule, by_id, numbers, label_of, audience))]
    return " ".join(found) if found else None
