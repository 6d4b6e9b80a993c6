"""Branching as XLSForm ``relevant`` expressions.

Consult decides whether a question is asked by one formula (consult.branching.Plan.asked_formula),
which already folds in "ask only if", skips and ends. Here that formula is written as XPath over the
survey sheet's names: ``selected(${q1}, 'yes')``, ``${q3} > 5``, ``not(...)``. The simple shape the
import reads back (one earlier choice question's answers joined by ``or``) comes out exactly that
way, because a condition on a question that is always asked needs no "and it was asked".
"""

from __future__ import annotations

from collections.abc import Mapping

from consult import branching


class Relevance:
    def __init__(self, questions, names: Mapping[int, str], choice_names: Mapping[int, str],
                 rows: Mapping[int, list[str]] | None = None):
        self.by_id = {question.id: question for question in questions}
        self.plan = branching.plan_of(list(questions))
        self.names = names
        self.choice_names = choice_names
        # A question written as a table (a grid): the names of its rows, which hold its answers.
        self.rows = rows or {}

    def of(self, question_id: int) -> str:
        """The question's ``relevant`` expression; "" when it is always asked. Its section's condition is
        left out: it is the section's group's ``relevant`` (``of_section``), which holds for every
        question in the group."""
        formula = self.plan.asked_formula(question_id)
        page = {branching.rule_formula(rule) for rule in self._section_rules(question_id)}
        if formula in page:
            formula = None
        elif page and formula is not None and formula[0] == "all" and any(part in page for part in formula[1]):
            # asked_formula joins the question's own rule, its section's and the skips over it with "all".
            formula = ("all", tuple(part for part in formula[1] if part not in page))
        return self._write(formula) or ""

    def of_section(self, first_id: int) -> str:
        """The ``relevant`` of the section whose first question is ``first_id``: its "Only show this page
        if ..."; "" when it has none (or one branching cannot use)."""
        parts = [part for rule in self._section_rules(first_id) if (part := self._write(branching.rule_formula(rule)))]
        return parts[0] if len(parts) == 1 else " and ".join(_grouped(part) for part in parts)

    def _section_rules(self, question_id: int) -> list:
        return [rule for rule in self.plan.rules_of(question_id, branching.ASK) if rule.section_id is not None]

    def _write(self, formula) -> str | None:
        """XPath for ``formula``; None means "always true"."""
        if formula is None:
            return None
        kind, body = formula
        if kind == "asked":
            return self._write(self.plan.asked_formula(body))
        if kind == "fact":
            return self._fact(body)
        if kind == "not":
            inner = self._write(body)
            return "false()" if inner is None else f"not({inner})"
        parts = [self._write(part) for part in body]
        if kind == "any" and None in parts:
            return None
        parts = [part for part in parts if part is not None]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        joiner = " or " if kind == "any" else " and "
        return joiner.join(_grouped(part) for part in parts)

    def _fact(self, condition: branching.Condition) -> str:
        source = self.by_id[condition.source_id]
        name = "${" + self.names[condition.source_id] + "}"
        # A grid's answer is in its rows: a point is chosen, or it is answered, when it is in any row.
        fields = ["${" + row + "}" for row in self.rows.get(condition.source_id, ())] or [name]
        if condition.test == branching.CHOSEN:
            chosen = [f"selected({field}, '{self.choice_names[option.id]}')" for option in source.options
                      if option.id in condition.option_ids and option.id in self.choice_names for field in fields]
            return " or ".join(chosen) or "false()"
        if condition.test == branching.ANSWERED:
            return " or ".join(f"string-length(string({field})) > 0" for field in fields)
        value = source.type.xlsform_value
        if condition.test == branching.MORE:
            return f"{name} > {value(source, condition.low)}"
        if condition.test == branching.LESS:
            return f"{name} < {value(source, condition.high)}"
        if condition.test == branching.BETWEEN:
            return f"{name} >= {value(source, condition.low)} and {name} <= {value(source, condition.high)}"
        return "false()"


def _grouped(expression: str) -> str:
    return f"({expression})" if " or " in expression or " and " in expression else expression
