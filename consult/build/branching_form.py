"""The rule editor's page as data: reading a posted rule, and what the page shows.

The page works without JavaScript. A rule's conditions are rows named ``cond-<n>-...``; "Add a
condition" and "Remove" post the whole form back and the page returns with the rows changed and
nothing stored; only "Save rule" stores (consult.build.branching_rules.save_rule). So everything typed
stays on the page until staff save it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from consult import branching, branching_words
from consult.build.branching_rules import ConditionInput, RuleInput, tests_for
from consult.request_values import positive_int
from consult.translating import gettext as _
from consult.translating import lazy_gettext as _l

# More conditions than anyone writes by hand; it keeps a crafted post from building a huge page.
MOST_CONDITIONS = 20

ACTION_WORDS = {
    branching.ASK: _l("Ask this question only if the conditions are true"),
    branching.SKIP: _l("After this question, go to a later question if the conditions are true"),
    branching.END: _l("After this question, go to the end if the conditions are true"),
    branching.EXIT: _l("After this question, stop: the person cannot take part if the conditions are true"),
}
MATCH_WORDS = {
    branching.ANY: _l("Any one of the conditions is true"),
    branching.ALL: _l("All of the conditions are true"),
}
TEST_WORDS = {
    branching.CHOSEN: _l("One of these answers is chosen"),
    branching.NOT_CHOSEN: _l("None of these answers is chosen"),
    branching.MORE: _l("The answer is more than"),
    branching.LESS: _l("The answer is less than"),
    branching.BETWEEN: _l("The answer is from … to …"),
    branching.ANSWERED: _l("The question is answered"),
    branching.SKIPPED: _l("The question is left empty"),
}


def read_rule(values: Mapping) -> RuleInput:
    """The rule as posted (not yet checked)."""
    conditions = []
    for index in range(MOST_CONDITIONS):
        source_id = positive_int(values.get(f"cond-{index}-source"))
        if source_id is None:
            continue
        conditions.append(ConditionInput(
            source_id, values.get(f"cond-{index}-test") or "",
            [found for raw in values.getlist(f"cond-{index}-option") if (found := positive_int(raw))],
            (values.get(f"cond-{index}-low") or "").strip()[:40], (values.get(f"cond-{index}-high") or "").strip()[:40]))
    return RuleInput(values.get("action") or "", values.get("match") or branching.ANY, conditions,
                     positive_int(values.get("target")), (values.get("exit-words") or "")[:2000])


def add_condition(rule: RuleInput, source) -> None:
    """A new row for ``source``, starting with the test its type offers first."""
    if len(rule.conditions) < MOST_CONDITIONS:
        rule.conditions.append(ConditionInput(source.id, tests_for(source)[0]))


def remove_condition(rule: RuleInput, index: int) -> None:
    if 0 <= index < len(rule.conditions):
        del rule.conditions[index]


@dataclass(frozen=True)
class RuleSummary:
    id: int
    action: str
    words: str


def summaries(consultation, question, texts) -> list[RuleSummary]:
    """Every rule of ``question`` in the words staff read on the results and data-entry pages."""
    questions = list(consultation.questions)
    by_id = {each.id: each for each in questions}
    numbers = branching.places(questions)
    found = []
    for rule in branching.rules_of([question]):
        words = branching_words.builder_words(rule, by_id, numbers, lambda option: _label(texts, option))
        if branching.rule_problems(rule, numbers):
            words = " ".join((words, _("This rule cannot work until it is changed: it looks at a question that "
                                       "is deleted or comes after this one, or goes back to an earlier question.")))
        found.append(RuleSummary(rule.rule_id, rule.action, words))
    return found


def _label(texts, option) -> str | None:
    label = texts(option.label_id)
    return label.text if label is not None and label.text else None


def sources_for(consultation, question, action: str) -> list:
    """The questions a condition may look at: earlier ones; for a jump, this one too."""
    return [each for each in consultation.questions
            if each.position < question.position or (action != branching.ASK and each.id == question.id)]


def editor_context(consultation, question, wanted: RuleInput, texts, problems=(), focus=None) -> dict:
    """What the rule editor (templates/build/branching_rule.html) shows for a rule of ``question``, or
    of a section whose first question is ``question``: the rows, the questions a condition may look
    at, and the words for each choice."""
    action = wanted.action if wanted.action in branching.ACTIONS else branching.ASK
    sources = sources_for(consultation, question, action)
    every_source = sources_for(consultation, question, branching.SKIP)
    by_id = {each.id: each for each in consultation.questions}
    return dict(
        consultation=consultation, wanted=wanted, t=texts,
        rows=[(index, condition, by_id.get(condition.source_id)) for index, condition in enumerate(wanted.conditions)],
        sources=sources if sources else every_source,
        later=[each for each in consultation.questions if each.position > question.position],
        problems=dict(problems), errors=[(message, name) for name, message in problems], focus=focus,
        action_words=ACTION_WORDS, match_words=MATCH_WORDS, test_words=TEST_WORDS, tests_for=tests_for,
    )
