"""Letters posted through GOV.UK Notify's precompiled-letter API: a first page laid out for Notify's
window envelope (templates/pdf/letter.html, static/css/pdf/letter.css), then what the resident asked
for, such as the easy-read or large-print results, whose pages already keep inside Notify's
printable area (18 mm margins against the 15 mm and 5 mm Notify needs)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from flask import render_template

from consult.printing.pdf import render_pdf

# Notify prints between 3 and 7 address lines in the envelope's window.
FEWEST_ADDRESS_LINES = 3
MOST_ADDRESS_LINES = 7


class LetterError(ValueError):
    pass


@dataclass(frozen=True)
class LetterPage:
    language: str
    direction: str
    document_title: str


def address_lines(address: str) -> list[str]:
    """The address as Notify wants it: one line per line, blank lines and spaces at the ends dropped."""
    lines = [" ".join(line.split()) for line in address.replace(",", "\n").splitlines()]
    lines = [line for line in lines if line]
    if not FEWEST_ADDRESS_LINES <= len(lines) <= MOST_ADDRESS_LINES:
        raise LetterError(f"an address needs {FEWEST_ADDRESS_LINES} to {MOST_ADDRESS_LINES} lines, not {len(lines)}")
    return lines


def letter_pdf(*, address: str, sender_lines: list[str], heading: str, sentences: list[str], language: str,
               direction: str, title: str, enclosure: bytes | None = None) -> bytes:
    """The whole letter: the first page, then the pages of ``enclosure`` (a PDF) if given."""
    html = render_template("pdf/letter.html", doc=LetterPage(language, direction, title),
                           address_lines=address_lines(address), sender_lines=sender_lines, heading=heading,
                           sentences=sentences)
    first = render_pdf(html, language=language, title=title)
    if enclosure is None:
        return first
    with pikepdf.open(io.BytesIO(first)) as letter, pikepdf.open(io.BytesIO(enclosure)) as enclosed:
        letter.pages.extend(enclosed.pages)
        out = io.BytesIO()
        letter.save(out)
        return out.getvalue()
