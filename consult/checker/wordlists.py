"""The word lists in ``consult/checker/data``, each read once per process.

The files ship inside the package (read through importlib.resources, so this also works from a
wheel or a zip) and nothing is ever fetched: the checker must run offline.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping


def _lines(name: str) -> list[str]:
    """The meaningful lines of a data file: stripped, without blank lines or # notes."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def parse_pairs(lines: list[str], source: str) -> dict[str, str]:
    """Read "hard word: plain alternative" lines into a dict keyed by the lower-case phrase."""
    pairs = {}
    for line in lines:
        phrase, colon, suggestion = line.partition(":")
        if not colon or not phrase.strip():
            raise ValueError(f"{source}: expected 'word: alternative', got {line!r}")
        pairs[" ".join(phrase.lower().split())] = suggestion.strip()
    return pairs


@cache
def hard_words(language: str) -> Mapping[str, str]:
    """The shipped hard-word list for a language; empty for languages without one."""
    name = f"hard_words_{language}.txt"
    # Only a language code names a file: a long or odd string would be an OSError, not an empty list.
    if not re.fullmatch(r"[a-z]{2,3}", language) or not resources.files(__package__).joinpath("data", name).is_file():
        return MappingProxyType({})
    return MappingProxyType(parse_pairs(_lines(name), name))


@cache
def acronyms() -> frozenset[str]:
    return frozenset(_lines("acronyms.txt"))


@cache
def irregular_participles() -> frozenset[str]:
    return frozenset(line.lower() for line in _lines("irregular_participles_en.txt"))


@cache
def not_participles() -> frozenset[str]:
    return frozenset(line.lower() for line in _lines("not_participles_en.txt"))
