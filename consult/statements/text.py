"""Staff's plain text as paragraphs and lists, for templates to write out escaped (no markup, no |safe).

A blank line starts a new paragraph; a line starting with "- ", "* " or "• " is a list item; other
lines in a paragraph keep their line breaks (an address). Nothing typed ever becomes HTML: templates
get strings and write them with autoescaping on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"^[-*•][ \t]+")


@dataclass(frozen=True)
class Block:
    """A paragraph (``lines``, shown with line breaks) or a list (``items``)."""

    lines: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


def clean(text: str | None) -> str:
    """One kind of line ending, no spaces at the ends of lines or of the whole text."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def blocks(text: str | None) -> list[Block]:
    found: list[Block] = []
    for chunk in _BLANK_LINE.split(clean(text)):
        lines: list[str] = []
        items: list[str] = []
        for raw in chunk.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if _BULLET.match(line):
                if lines:  # "You should be able to:" straight above a list
                    found.append(Block(lines=tuple(lines)))
                    lines = []
                items.append(_BULLET.sub("", line))
            else:
                if items:
                    found.append(Block(items=tuple(items)))
                    items = []
                lines.append(line)
        if lines:
            found.append(Block(lines=tuple(lines)))
        if items:
            found.append(Block(items=tuple(items)))
    return found


def same_words(first: str | None, second: str | None) -> bool:
    """True when two texts differ only in spacing and line endings."""
    return " ".join(clean(first).split()) == " ".join(clean(second).split())
