"""Branching in words: how a rule reads to residents, on paper and in data entry ("Only answer this
question if you ticked “Yes” at question 3."), and to staff in the builder and the results ("Asked only
of people who answered “Yes” to question 3."). What a rule is and when it holds is consult.branching;
this module only says it. Pure functions: no request, no database (the locale comes from Flask-Babel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from babel.lists import format_list

from consult.branching import (
    ANSWERED,
    ANY,
    ASK,
    BETWEEN,
    CHOSEN,
    END,
    JUMPS,
    LESS,
    MORE,
    OPTION_TESTS,
    SKIP,
    SKIPPED,
    Condition,
    Plan,
    Rule,
)
from consult.translating import get_locale
from consult.translating import gettext as _


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
