"""Readability scores and their bands.

English uses Flesch Reading Ease (higher is easier) with our own syllable estimate. Welsh and
every other language use LIX (lower is easier), which needs only word lengths: a syllable
estimate tuned on English spelling would mislead in Welsh, where "w" and "y" are vowels.

Bands (stable keys; the same five for both measures):

    band          Flesch Reading Ease     LIX
    very_easy     80 or more              under 25
    easy          60 to under 80          25 to under 35
    fairly_hard   50 to under 60          35 to under 45
    hard          30 to under 50          45 to under 55
    very_hard     under 30                55 or more

Flesch 60+ is the usual plain-English target (about age 13); 80+ is what easy read reaches.
The LIX cut-offs follow its customary scale (under 25 children's books, 55+ specialist text).
"""

from __future__ import annotations

from consult.checker.syllables import estimate_syllables
from consult.checker.text import Token

BANDS = ("very_easy", "easy", "fairly_hard", "hard", "very_hard")

# Lower bounds, easiest band first (Flesch: higher is easier).
_FLESCH_FLOORS = ((80.0, "very_easy"), (60.0, "easy"), (50.0, "fairly_hard"), (30.0, "hard"))
# Upper bounds, easiest band first (LIX: lower is easier).
_LIX_CEILINGS = ((25.0, "very_easy"), (35.0, "easy"), (45.0, "fairly_hard"), (55.0, "hard"))

LIX_LONG_WORD_LETTERS = 7


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def lix(words: int, sentences: int, long_words: int) -> float:
    return words / sentences + 100 * long_words / words


def token_syllables(token: Token) -> int:
    if token.kind == "number":
        # Digits are read aloud as number words: "5" is one syllable, "2024" several. Up to three
        # keeps a page of dates and prices from looking harder than it is.
        return min(3, max(1, sum(ch.isdigit() for ch in token.text)))
    return max(1, estimate_syllables(token.text))


def score_tokens(measure: str, tokens: list[Token], sentence_count: int) -> float | None:
    if not tokens or not sentence_count:
        return None
    if measure == "flesch":
        syllables = sum(token_syllables(token) for token in tokens)
        value = flesch_reading_ease(len(tokens), sentence_count, syllables)
    else:
        long_words = sum(1 for token in tokens if len(token.letters) >= LIX_LONG_WORD_LETTERS)
        value = lix(len(tokens), sentence_count, long_words)
    return round(value, 1)


def band_for(measure: str, score: float | None) -> str | None:
    if score is None:
        return None
    if measure == "flesch":
        return next((band for floor, band in _FLESCH_FLOORS if score >= floor), "very_hard")
    return next((band for ceiling, band in _LIX_CEILINGS if score < ceiling), "very_hard")
