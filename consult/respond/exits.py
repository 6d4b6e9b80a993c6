"""Exit pages: "You cannot take part because ...". When a resident's answers meet a branching rule
that ends the journey (consult.branching, action "exit"), nothing they answered is kept: the draft's
answers are cleared, and the page shows the words staff wrote (translated, and in easy read when the
resident reads easy read)."""

from __future__ import annotations

from consult import branching
from consult.models import Draft


def discard_answers(draft: Draft) -> None:
    """Forget every answer in the draft: a person who cannot take part leaves nothing behind."""
    draft.answers = {}


def exit_rule(consultation, rule_id: int):
    """The stored exit rule ``rule_id`` of a live question of ``consultation``, or None."""
    return next((rule for question in consultation.questions for rule in question.rules
                 if rule.id == rule_id and rule.action == branching.EXIT), None)
