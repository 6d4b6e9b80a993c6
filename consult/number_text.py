"""Numbers as words on a page, in the reader's locale: Flask-Babel's format_number and format_percent,
remembered.

A results page writes the same few hundred counts and percentages again and again (every bar, every
table cell, every sentence), and each Flask-Babel call looks the locale up and builds Babel's number
pattern afresh: on the dashboard of 20 questions that was a fifth of the page's time. A count or a
percentage reads the same for every reader of a locale, so each is worked out once per process.
"""

from __future__ import annotations

from functools import lru_cache

from babel import numbers

from consult.translating import locale_name


@lru_cache(maxsize=16384)
def _number(value, locale: str) -> str:
    return numbers.format_decimal(value, locale=locale)


@lru_cache(maxsize=16384)
def _percent(fraction, locale: str) -> str:
    return numbers.format_percent(fraction, locale=locale)


def format_number(value) -> str:
    """Like flask_babel.format_number (a whole number: 1,234)."""
    return _number(value, locale_name())


def format_percent(fraction) -> str:
    """Like flask_babel.format_percent (0.25 reads 25%)."""
    return _percent(fraction, locale_name())
