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


# -- several conditions: what consult/build/xlsform/relevance.py writes -----------------------------

_ANSWERED = re.compile(rf"^string-length\(\s*(?:string\(\s*)?{_NAME}\s*\)?\s*\)\s*>\s*0$")
_SKIPPED = re.compile(rf"^string-length\(\s*(?:string\(\s*)?{_NAME}\s*\)?\s*\)\s*=\s*0$")
_COMPARED = re.compile(rf"^{_NAME}\s*(?P<op>>=|<=|>|<)\s*(?P<value>-?\d+(?:\.\d+)?|date\('\d{{4}}-\d{{2}}-\d{{2}}'\))$")
_NOT = re.compile(r"^not\((?P<inner>.*)\)$", re.S)


@dataclass(frozen=True)
class Fact:
    """One condition on the question named ``source``: ``test`` is a consult.branching test name
    ("chosen", "not_chosen", "more", "less", "between", "answered", "skipped"); ``values`` are
    choice names (chosen, not chosen) or the compared values as written (12, 2.5, 2026-03-27)."""

    source: str
    test: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conditions:
    match: str  # "any" or "all"
    facts: tuple[Fact, ...]


def _split_top(text: str, word: str) -> list[str]:
    """``text`` split at ``word`` (" and ", " or ") outside parentheses and quotes."""
    parts, depth, quote, start, index = [], 0, None, 0, 0
    while index < len(text):
        character = text[index]
        if quote:
            quote = None if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0 and text.startswith(word, index):
            parts.append(text[start:index])
            index += len(word)
            start = index
            continue
        index += 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _value(text: str) -> str:
    return text[6:-2] if text.startswith("date(") else text


def _fact(text: str) -> Fact | None:
    text = _unwrap(text)
    negated = _NOT.match(text)
    if negated:
        inner = read_condition(negated["inner"])
        if inner is None or inner.exact:
            return None
        return Fact(inner.source, "not_chosen", inner.values)
    chosen = read_condition(text)
    if chosen is not None:
        return None if chosen.exact else Fact(chosen.source, "chosen", chosen.values)
    for pattern, test in ((_ANSWERED, "answered"), (_SKIPPED, "skipped")):
        match = pattern.match(text)
        if match:
            return Fact(match["name"], test)
    pieces = _split_top(text, " and ")
    compared = [_COMPARED.match(_unwrap(piece)) for piece in pieces]
    if any(match is None for match in compared):
        return None
    if len(compared) == 1:
        match = compared[0]
        if match["op"] in (">", "<"):
            return Fact(match["name"], "more" if match["op"] == ">" else "less", (_value(match["value"]),))
        return None
    # "between" is written as ``${q} >= low and ${q} <= high``.
    if len(compared) == 2 and compared[0]["name"] == compared[1]["name"] and \
            (compared[0]["op"], compared[1]["op"]) == (">=", "<="):
        return Fact(compared[0]["name"], "between", (_value(compared[0]["value"]), _value(compared[1]["value"])))
    return None


def read_conditions(relevant: str) -> Conditions | None:
    """Several conditions joined by ``and`` (all must hold) or by ``or`` (any may), each on one question
    (chosen or not chosen answers, a comparison, answered or left empty), as Consult writes them; None
    for anything else (nested and/or mixtures, calculations, functions Consult has no words for)."""
    text = _unwrap(relevant)
    parts = _split_top(text, " or ")
    if len(parts) > 1:
        facts = [_fact(part) for part in parts]
        return Conditions("any", tuple(facts)) if all(facts) else None
    facts = _all_facts(text)
    return Conditions("all", tuple(facts)) if facts else None


def _all_facts(text: str) -> list[Fact] | None:
    """The facts of ``a and (b and c)``, flattened (the export writes a condition on a question that is
    itself asked only sometimes as that condition and the question's own); None if one is not a fact."""
    whole = _fact(text)  # "between" is one fact that itself contains " and "
    if whole is not None:
        return [whole]
    parts = _split_top(_unwrap(text), " and ")
    if len(parts) < 2:
        return None
    found = []
    for part in parts:
        facts = _all_facts(part)
        if facts is None:
            return None
        found.extend(facts)
    return found


# -- a condition on a grid: what relevance.py writes over its statements' rows ----------------------


def collapse_rows(relevant: str, tables: dict[str, list[str]]) -> str:
    """``relevant`` with each condition on a grid, written over all its rows, as one on the grid's own
    name: ``selected(${q3_buses}, 'agree') or selected(${q3_trains}, 'agree')`` -> ``selected(${q3},
    'agree')`` ("Agree" in any row), likewise "answered" (``string-length(...) > 0`` on every row).
    ``tables``: {grid name: its rows' names, in order}. Only that exact shape is read: a condition on
    some of the rows (one statement's answer) is something Consult cannot ask on, so ``relevant`` keeps
    it and the caller reports it."""
    for grid, rows in tables.items():
        if not rows or not any("${" + row + "}" in relevant for row in rows):
            continue
        chosen = r"\s+or\s+".join(
            rf"selected\(\s*\$\{{{re.escape(row)}\}}\s*,\s*'(?P<v{n}>[^']*)'\s*\)" for n, row in enumerate(rows))
        answered = r"\s+or\s+".join(
            rf"string-length\(\s*string\(\s*\$\{{{re.escape(row)}\}}\s*\)\s*\)\s*>\s*0" for row in rows)

        def one_choice(match: re.Match, grid=grid) -> str:
            values = set(match.groupdict().values())
            return match[0] if len(values) != 1 else f"selected(${{{grid}}}, '{values.pop()}')"

        relevant = re.sub(chosen, one_choice, relevant)
        relevant = re.sub(answered, f"string-length(string(${{{grid}}})) > 0", relevant)
    return relevant
