"""Adding, changing and removing branching rules (consult.branching says what they mean).

Verb_noun functions that change models and flush; no request, no rendering. A rule arrives as a
``RuleInput`` (consult.build.branching_form reads one from a posted page) and is checked whole before
anything is stored: a rule that could never count in order (a loop, a look at a later question) is
refused with words staff can act on, never stored to be silently ignored later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consult import branching
from consult.build.services import set_text
from consult.extensions import db
from consult.models import BranchCondition, BranchRule, Question, TextBlock
from consult.translating import gettext as _


class RuleError(ValueError):
    """A rule that cannot be saved; ``problems``: (field name, message) pairs, in page order."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(message for _name, message in problems))
        self.problems = problems


@dataclass
class ConditionInput:
    source_id: int | None
    test: str = branching.CHOSEN
    option_ids: list[int] = field(default_factory=list)
    low: str = ""
    high: str = ""


@dataclass
class RuleInput:
    action: str = branching.ASK
    match: str = branching.ANY
    conditions: list[ConditionInput] = field(default_factory=list)
    target_id: int | None = None
    exit_words: str = ""


def tests_for(source) -> list[str]:
    """The tests a condition on ``source`` may use: its type says whether answers can be chosen or compared."""
    found = []
    if source.type.has_options:
        found += [branching.CHOSEN, branching.NOT_CHOSEN]
    if source.type.compares:
        found += [branching.MORE, branching.LESS, branching.BETWEEN]
    return found + [branching.ANSWERED, branching.SKIPPED]


def _check(question: Question, wanted: RuleInput) -> tuple[list[tuple[str, str]], list[tuple[Question, ConditionInput, object, object]]]:
    live = list(question.consultation.questions)
    numbers = branching.places(live)
    by_id = {each.id: each for each in live}
    here = numbers.get(question.id)
    problems: list[tuple[str, str]] = []
    checked = []
    if wanted.action not in branching.ACTIONS:
        problems.append(("action", _("Choose what the rule does")))
    if wanted.match not in branching.MATCHES:
        problems.append(("match", _("Choose whether any or all of the conditions must be true")))
    if not wanted.conditions:
        problems.append(("add-source", _("Add at least one condition")))
    for index, condition in enumerate(wanted.conditions):
        name = f"cond-{index}"
        source = by_id.get(condition.source_id)
        if source is None:
            problems.append((f"{name}-test", _("Condition %(number)s is on a question that has been deleted. "
                                               "Remove it", number=index + 1)))
            continue
        there = numbers[source.id]
        if source.id == question.id and wanted.action == branching.ASK:
            problems.append((f"{name}-test", _("A question cannot be asked only because of its own answer: "
                                               "that would be a loop. Choose an earlier question")))
            continue
        if there > here:
            problems.append((f"{name}-test", _("Question %(source)s comes after question %(number)s, so its "
                                               "answer is not known yet. Choose an earlier question",
                                               source=there, number=here)))
            continue
        if condition.test not in tests_for(source):
            problems.append((f"{name}-test", _("Choose what to check about question %(number)s", number=there)))
            continue
        low = high = None
        if condition.test in branching.OPTION_TESTS:
            own = {option.id for option in source.options}
            if not condition.option_ids or not set(condition.option_ids) <= own:
                problems.append((f"{name}-options", _("Tick at least one answer of question %(number)s",
                                                      number=there)))
                continue
        if condition.test in (branching.MORE, branching.BETWEEN):
            low = source.type.read_threshold(source, condition.low)
            if low is None:
                problems.append((f"{name}-low", _value_message(source, there)))
                continue
        if condition.test in (branching.LESS, branching.BETWEEN):
            high = source.type.read_threshold(source, condition.high)
            if high is None:
                problems.append((f"{name}-high", _value_message(source, there)))
                continue
        if condition.test == branching.BETWEEN and low > high:
            problems.append((f"{name}-low", _("The first value must not be more than the second")))
            continue
        checked.append((source, condition, low, high))
    if wanted.action == branching.SKIP:
        target = numbers.get(wanted.target_id)
        if target is None:
            problems.append(("target", _("Choose the question to go to")))
        elif target <= here:
            problems.append(("target", _("Going back to question %(target)s would make a loop. Choose a question "
                                         "after question %(number)s", target=target, number=here)))
    if wanted.action == branching.EXIT and not wanted.exit_words.strip():
        problems.append(("exit-words", _("Write why people cannot take part")))
    return problems, checked


def _value_message(source, number: int) -> str:
    return _("Enter a value of the kind question %(number)s asks for, like %(example)s", number=number,
             example=source.type.threshold_words(source, source.type.read_threshold(source, _example(source))))


def _example(source) -> str:
    # A value every comparing type reads: a whole number is a number, a decimal and money; a date
    # question reads a date.
    return "2026-03-27" if source.type.read_threshold(source, "12") is None else "12"


def save_rule(question: Question, wanted: RuleInput, language: str, rule: BranchRule | None = None) -> BranchRule:
    """Store ``wanted`` as a new rule of ``question`` (or in place of ``rule``). Raises RuleError."""
    problems, checked = _check(question, wanted)
    if problems:
        raise RuleError(problems)
    if rule is None:
        if wanted.action == branching.ASK and any(old.action == branching.ASK for old in question.rules):
            # One "ask" rule per question: a second one is the same as more conditions on the first.
            rule = next(old for old in question.rules if old.action == branching.ASK)
        else:
            rule = BranchRule(position=len(question.rules))
            question.rules.append(rule)
    return _fill(rule, wanted, checked, language)


def save_section_rule(section, first_question: Question, wanted: RuleInput, language: str) -> BranchRule:
    """Store the section's one rule, "Only show this page if ...". Checked as an "ask" rule of the
    section's first question (``first_question``): its conditions look at questions before the page.
    Raises RuleError."""
    wanted.action = branching.ASK
    problems, checked = _check(first_question, wanted)
    if problems:
        raise RuleError(problems)
    rule = section.rules[0] if section.rules else None
    if rule is None:
        rule = BranchRule(position=0)
        section.rules.append(rule)
    return _fill(rule, wanted, checked, language)


def _fill(rule: BranchRule, wanted: RuleInput, checked, language: str) -> BranchRule:
    rule.action = wanted.action
    rule.match = wanted.match
    rule.target_id = wanted.target_id if wanted.action == branching.SKIP else None
    if wanted.action == branching.EXIT:
        if rule.exit_text is None:
            rule.exit_text = TextBlock.of(wanted.exit_words.strip(), language)
        else:
            set_text(rule.exit_text, language, wanted.exit_words)
    rule.conditions.clear()
    db.session.flush()
    for position, (source, condition, low, high) in enumerate(checked):
        stored = BranchCondition(position=position, source_id=source.id, test=condition.test,
                                 low=None if low is None else source.type.threshold_text(source, low),
                                 high=None if high is None else source.type.threshold_text(source, high))
        if condition.test in branching.OPTION_TESTS:
            stored.options = [option for option in source.options if option.id in set(condition.option_ids)]
        rule.conditions.append(stored)
    db.session.flush()
    return rule


def remove_rule(rule: BranchRule) -> None:
    owner = rule.question if rule.question is not None else rule.section
    owner.rules.remove(rule)
    db.session.flush()


def input_of(rule: BranchRule, texts) -> RuleInput:
    """A stored rule as the editor shows it (the exit words in the consultation's own language)."""
    words = texts(rule.exit_text_id) if rule.exit_text_id else None
    return RuleInput(
        rule.action, rule.match,
        [ConditionInput(condition.source_id, condition.test, [option.id for option in condition.options],
                        condition.low or "", condition.high or "") for condition in rule.conditions],
        rule.target_id, words.text if words else "")


def set_condition(question: Question, options) -> None:
    """The simplest rule: asked only when an earlier question's answer is one of ``options`` (an empty
    list removes it). Kept for the XLSForm import, the demo and older callers."""
    existing = next((rule for rule in question.rules if rule.action == branching.ASK), None)
    if not options:
        if existing is not None:
            remove_rule(existing)
        return
    sources = {option.question_id for option in options}
    if len(sources) != 1:
        raise ValueError("the answers must all belong to one question")
    wanted = RuleInput(conditions=[ConditionInput(sources.pop(), branching.CHOSEN, [o.id for o in options])])
    save_rule(question, wanted, question.consultation.default_language, existing)


def copy_rules(original, new, question_map: dict, option_map: dict, copy_block) -> None:
    """Give ``new`` the rules of ``original`` (two questions, or two sections). ``question_map``/
    ``option_map``: old id -> the copy's question/option, for what was copied with it; anything else is
    kept as it was (a duplicate question's conditions still look at the same earlier questions)."""
    for rule in original.rules:
        target = question_map.get(rule.target_id)
        copied = BranchRule(position=rule.position, action=rule.action, match=rule.match,
                            target_id=target.id if target is not None else rule.target_id,
                            exit_text=copy_block(rule.exit_text) if rule.exit_text is not None else None)
        for condition in rule.conditions:
            source = question_map.get(condition.source_id)
            copied.conditions.append(BranchCondition(
                position=condition.position, source_id=source.id if source is not None else condition.source_id,
                test=condition.test, low=condition.low, high=condition.high,
                options=[option_map.get(option.id, option) for option in condition.options]))
        new.rules.append(copied)


def order_problem(questions: list[Question]) -> Question | None:
    """The first question whose rules the order ``questions`` would break (a condition on a later
    question, a skip backwards), or None."""
    numbers = branching.places(questions)
    for question in questions:
        for rule in branching.rules_of([question]):
            if rule.owner_id in numbers and any(problem in ("later", "backwards")
                                                for problem in branching.rule_problems(rule, numbers)):
                return question
    return None
