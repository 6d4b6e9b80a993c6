"""The few XLSForm expressions Consult can keep, read without evaluating anything.

XLSForm's ``relevant`` and ``constraint`` columns hold XPath. Consult keeps two shapes of it: "asked
only if an earlier choice question has one of these answers" (its branching) and "a number between
these limits" (a type's range). Anything else is left to the caller to report, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NAME = r"\$\{(?P<name>[A-Za-z_][\w.\-]*)\}"
_VALUE = r"(?P<quote>['\"])(?P<value>[^'\"]*)(?P=quote)"
_SELECTED = re.compile(rf"^selected\(\s*{_NAME}\s*,\s*{_VALUE}\s*\)$")
_EQUALS = re.compile(rf"^{_NAME}\s*=\s*{_VALUE}$")
_OR = re.compile(r"\s+or\s+")
_AND = re.compile(r"\s+and\s+")
_COMPARISON = re.compile(r"^\.\s*(?P<op>>=|<=|>|<)\s*(?P<number>-?\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class ChoiceCondition:
    """Asked only if the question named ``source`` has one of ``values`` (choice names)."""

    source: str
    values: tuple[str, ...]
    # Written as ``${q} = 'x'``: "the answer is exactly x", which for a multiple choice question
    # means something Consult's "one of these answers" does not.
    exact: bool


@dataclass(frozen=True)
class Bound:
    value: Decimal
    inclusive: bool


@dataclass(frozen=True)
class Range:
    low: Bound | None
    high: Bound | None


def _unwrap(text: str) -> str:
    """Drop parentheses around the whole expression, as many pairs as there are."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


def read_condition(relevant: str) -> ChoiceCondition | None:
    """``selected(${q}, 'x')`` or ``${q} = 'x'``, or several of them on the same question joined by
    ``or``; None for anything else."""
    source, values, exact = None, [], False
    for part in _OR.split(_unwrap(relevant)):
        part = _unwrap(part)
        match = _SELECTED.match(part) or _EQUALS.match(part)
        if match is None or (source is not None and match["name"] != source):
            return None
        source = match["name"]
        exact = exact or match.re is _EQUALS
        if match["value"] not in values:
            values.append(match["value"])
    return ChoiceCondition(source, tuple(values), exact) if source else None


def read_range(constraint: str) -> Range | None:
    """``. >= 1 and . <= 10`` (either side may be missing, ``>``/``<`` too); None for anything else."""
    low = high = None
    for part in _AND.split(_unwrap(constraint)):
        match = _COMPARISON.match(_unwrap(part))
        if match is None:
            return None
        bound = Bound(Decimal(match["number"]), inclusive=match["op"].endswith("="))
        if match["op"].startswith(">"):
            if low is not None:
                return None
            low = bound
        else:
            if high is not None:
                return None
            high = bound
    return Range(low, high)
