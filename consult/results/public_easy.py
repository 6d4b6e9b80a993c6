"""The easy-read public results page: the printed "What you told us" (consult.results.printed) on screen.

The same words as the PDF, built by the same code: numbers in sentences ("12 out of 20 people chose
“Yes”."), "Most people said ...", one simple bar per answer, "Fewer than 5 ..." in words, nothing about
answers people skipped. Only the pictures differ: a page loads them from web addresses.
"""

from __future__ import annotations

from consult.models.content import EASY
from consult.pictures import picture_url
from consult.printing.questionnaire import PrintedPicture, text_of
from consult.results.printed import PrintedResults, gather_results


def web_picture(picture, texts) -> PrintedPicture | None:
    """A picture as the page shows it, with its alt text in the page's language; None without alt text
    (the words are all there without it)."""
    alt = text_of(texts, picture.alt_id)
    return PrintedPicture(src=picture_url(picture), alt=alt) if alt else None


def easy_results(consultation, language: str) -> PrintedResults:
    return gather_results(consultation, language, EASY, picture_of=web_picture)
