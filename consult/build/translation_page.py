"""The translation editor as one form: every text on the page is saved with one button.

Each row sends its words (``text-<key>``) and the words it showed (``was-<key>``): only a text that
was changed is saved, so a text nobody touched is never written over (someone else may have saved
it meanwhile). A text marked "needs checking" (its original changed since) can be confirmed
without changing its words with the ``checked-<key>`` box.

The box grows to its words: ``box_rows`` gives the starting height (without CSS ``field-sizing``
support, and without JavaScript, the box still shows all the words).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from consult.build import translation
from consult.extensions import db
from consult.models import TextBlock

TEXT_LIMIT = 5000
# About how many characters fit on one line of a box on a wide screen: half the page for each column.
LINE_LENGTH = 60


def text_field(key: str) -> str:
    return f"text-{key}"


def was_field(key: str) -> str:
    return f"was-{key}"


def checked_field(key: str) -> str:
    return f"checked-{key}"


def box_rows(*texts: str) -> int:
    """Lines enough for the longer of the original and its translation, at least 2."""
    def lines(text: str) -> int:
        return sum(max(1, math.ceil(len(line) / LINE_LENGTH)) for line in (text or "").split("\n"))
    return max(2, *(lines(text) + 1 for text in texts))


def _same(one: str, other: str) -> bool:
    # A browser sends a textarea's line ends as CRLF.
    return one.replace("\r\n", "\n").strip() == other.replace("\r\n", "\n").strip()


def save_changed(rows: list[translation.Row], values: Mapping, language: str, register: str) -> list[str]:
    """Save each text whose words were changed on the page (or that was marked as checked); the keys saved."""
    saved = []
    for row in rows:
        key = row.unit.key
        if text_field(key) not in values:
            continue
        typed = values[text_field(key)][:TEXT_LIMIT]
        changed = not _same(typed, values.get(was_field(key), row.translation))
        confirmed = row.needs_checking and values.get(checked_field(key)) and typed.strip()
        if changed or confirmed:
            block = db.session.get(TextBlock, row.unit.block_id)
            translation.save_translation(block, language, typed.replace("\r\n", "\n"), register)
            saved.append(key)
    return saved
