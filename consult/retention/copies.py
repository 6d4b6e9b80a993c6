"""Copies of a consultation's answers kept outside the answers themselves, forgotten with them.

A package that keeps such a copy (webhooks keeps each undelivered delivery's JSON body) registers a
function here when the app starts; retention calls them without importing their packages, which
import the journey and so, through it, retention itself.
"""

from __future__ import annotations

from collections.abc import Callable

# Each takes a consultation's id, forgets its copies of that consultation's answers, and says how many.
_FORGETTERS: list[Callable[[int], int]] = []


def keeps_answer_copies(forget: Callable[[int], int]) -> None:
    if forget not in _FORGETTERS:
        _FORGETTERS.append(forget)


def forget_answer_copies(consultation_id: int) -> int:
    return sum(forget(consultation_id) for forget in _FORGETTERS)
