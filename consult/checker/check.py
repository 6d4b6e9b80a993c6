"""``check_text``: run every check for a language and register and gather one Report."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Mapping

from consult.checker.easy_read import find_numbers_as_words, find_several_ideas
from consult.checker.hard_words import matcher_for
from consult.checker.passive import find_passive
from consult.checker.readability import band_for, score_tokens
from consult.checker.report import Finding, Report, Sentence
from consult.checker.style import find_capitals, find_formatting
from consult.checker.syllables import estimate_syllables
from consult.checker.text import Token, mask_markup, split_sentences

REGISTERS = ("standard", "easy")

# (warn above, flag above) words per sentence. Easy read: design section 6 (15 or fewer, flag
# above 20). Standard: the common plain-English advice of 15 to 20 words on average, with 25
# as the point where most readers lose the thread.
SENTENCE_LIMITS = {"standard": (15, 25), "easy": (15, 20)}

# Long words: in English, four or more syllables ("information", "responsibility"). Elsewhere,
# where we count no syllables, 13 or more letters: long enough to skip everyday Welsh words such
# as "ymgynghoriad" (12) or "gwasanaethau" (12), short enough to catch compounds.
LONG_WORD_SYLLABLES = 4
LONG_WORD_LETTERS = 13


def check_text(
    text: str,
    language: str = "en",
    register: str = "standard",
    extra_hard_words: Mapping[str, str] | None = None,
) -> Report:
    if register not in SENTENCE_LIMITS:
        raise ValueError(f"register must be one of {REGISTERS}, not {register!r}")
    language = _primary_language(language)
    measure = "flesch" if language == "en" else "lix"
    easy = register == "easy"

    masked = mask_markup(text)
    spans = split_sentences(masked)
    tokens = [token for span in spans for token in span.tokens]
    score = score_tokens(measure, tokens, len(spans))
    warn_above, flag_above = SENTENCE_LIMITS[register]

    hard_words = matcher_for(language, extra_hard_words).find(text, tokens)
    return Report(
        language=language,
        register=register,
        measure=measure,
        score=score,
        band=band_for(measure, score),
        word_count=len(tokens),
        sentences=[
            Sentence(
                text=text[span.start:span.end],
                start=span.start,
                end=span.end,
                word_count=len(span.tokens),
                level=_level(len(span.tokens), warn_above, flag_above),
            )
            for span in spans
        ],
        long_words=_long_words(tokens, language, covered=hard_words),
        hard_words=hard_words,
        passive=find_passive(text, spans) if language == "en" else [],
        capitals=find_capitals(masked, tokens, include_headings=easy),
        numbers_as_words=find_numbers_as_words(text, tokens, language) if easy else [],
        several_ideas=find_several_ideas(spans, language) if easy else [],
        formatting=find_formatting(text) if easy else [],
    )


def _primary_language(language: str) -> str:
    """The language without its region (en-GB, cy_GB, CY: en, cy); English if unusable."""
    primary = re.split(r"[-_]", (language or "").strip().lower())[0]
    # A language code is two or three ASCII letters; anything else would name a word-list file.
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else "en"


def _level(words: int, warn_above: int, flag_above: int) -> str:
    if words > flag_above:
        return "flag"
    return "warn" if words > warn_above else "ok"


def _long_words(tokens: list[Token], language: str, covered: list[Finding]) -> list[Finding]:
    # A word already reported as hard, with a suggestion, is not reported again as long.
    starts = [token.start for token in tokens]
    inside_hard_word = set()
    for finding in covered:  # findings line up with tokens, so walk the tokens each one covers
        index = bisect_left(starts, finding.start)
        while index < len(starts) and starts[index] < finding.end:
            inside_hard_word.add(starts[index])
            index += 1
    return [
        Finding(token.text, token.start, token.end, "long_word")
        for token in tokens
        if token.kind == "word" and token.start not in inside_hard_word and _is_long(token, language)
    ]


def _is_long(token: Token, language: str) -> bool:
    if language == "en":
        # Judge each part of a hyphenated word: "decision-making" is two ordinary words.
        return any(estimate_syllables(part) >= LONG_WORD_SYLLABLES for part in re.split(r"[-‐‑]", token.text))
    return len(token.letters) >= LONG_WORD_LETTERS
