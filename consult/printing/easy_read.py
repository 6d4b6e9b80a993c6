"""Which languages of a consultation have an easy-read version to print.

A language offered without easy-read texts gets no easy-read PDF: it would be the standard words
under an "easy read" title. The rule is the one the resident pages use for their "no easy read in
this language yet" notice (``ConsultationView.easy_read_languages``): at least one of the
consultation's texts has an easy-read version in that language.
"""

from __future__ import annotations

from consult.i18n import ContentCatalogue
from consult.loading import block_ids
from consult.models.content import EASY


def easy_read_languages(consultation) -> list[str]:
    """The offered languages with an easy-read version, in the consultation's order."""
    language = consultation.default_language
    texts = ContentCatalogue.load(block_ids(consultation), language=language, default_language=language)
    found = texts.languages_with(EASY)
    return [code for code in consultation.offered_languages if code in found]


def has_easy_read(consultation, language: str) -> bool:
    return language in easy_read_languages(consultation)
