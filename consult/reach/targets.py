"""Reading the expected shares staff type: pure, so every rule is tested without an app.

A share is a percentage from 0 to 100, with a dot or a comma for decimals ("12.5", "12,5"), a "%"
sign allowed after it, kept to two decimals (the database keeps two). Blank means "no expected
share" for that group. The shares of one question may add up to less than 100 (some people's
group is not known from the service's records) but not to more.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

_NUMBER = re.compile(r"^-?(\d+([.,]\d*)?|[.,]\d+)$")
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# Problems, by code; the page turns them into words.
NOT_A_NUMBER = "not_a_number"
OUT_OF_RANGE = "out_of_range"
OVER_100 = "over_100"


def field_name(option_id: int) -> str:
    return f"share-{option_id}"


def parse_share(text: str) -> tuple[Decimal | None, str | None]:
    """(share, None), (None, None) for blank, or (None, problem code)."""
    text = text.strip().removesuffix("%").strip().replace(" ", "")
    if not text:
        return None, None
    if not _NUMBER.match(text):
        return None, NOT_A_NUMBER
    # A whole part of more than three digits (after leading zeros) is over 100 however it goes on;
    # said before Decimal, whose quantize() fails on more than 28 digits.
    if len(re.split(r"[.,]", text.lstrip("-"))[0].lstrip("0")) > 3:
        return None, OUT_OF_RANGE
    value = Decimal(text.replace(",", ".")).quantize(CENT, rounding=ROUND_HALF_UP)
    if not 0 <= value <= HUNDRED:
        return None, OUT_OF_RANGE
    return value, None


@dataclass(frozen=True)
class QuestionGroups:
    question_id: int
    option_ids: tuple[int, ...]


@dataclass
class Typed:
    """What was sent: the shares read, what was typed (to show it back) and the problems found."""

    shares: dict[int, Decimal | None] = field(default_factory=dict)
    typed: dict[int, str] = field(default_factory=dict)
    # option id -> problem code, for a share that could not be read
    problems: dict[int, str] = field(default_factory=dict)
    # question id -> the total, for a question whose shares add up to more than 100
    over: dict[int, Decimal] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.over


def read_shares(form: Mapping[str, str], questions: Sequence[QuestionGroups]) -> Typed:
    result = Typed()
    for question in questions:
        total = Decimal(0)
        for option_id in question.option_ids:
            text = form.get(field_name(option_id), "") or ""
            result.typed[option_id] = text.strip()
            value, problem = parse_share(text)
            if problem:
                result.problems[option_id] = problem
                continue
            result.shares[option_id] = value
            total += value or 0
        if total > HUNDRED:
            result.over[question.question_id] = total
    return result


def shown(value: Decimal | None) -> str:
    """A share as the form shows it: "12.5", "30", never "30.00"."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"
