"""A heuristic for the passive voice in English, to suggest saying who does what.

Pattern: a form of "to be" (am, is, are, was, were, be, been, being, and the contractions 're,
'm, isn't, weren't...), then up to two adverbs ("not", "also", words ending in -ly), then a past
participle: a regular "-ed" word or one from our list of irregular participles.

Known limits, which is why this only ever advises:
- It cannot tell a passive from a state described by a participle: "The library is closed on
  Mondays" is reported. Common feeling adjectives ("tired", "interested", "worried") are skipped.
- "-ed" words that are not verbs are mostly skipped ("need", "speed", "red"), not all.
- It misses passives without "to be" ("we got told", "have it checked"), and "'s" ("it's
  decided") because "'s" is just as often "has" or a possessive.
- It runs on English only; Welsh passives ("cael ei wneud") are not looked for, though the Welsh
  hard-word list covers the formal impersonal forms ("defnyddir", "gellir").
"""

from __future__ import annotations

from consult.checker.report import Finding
from consult.checker.text import SentenceSpan, Token
from consult.checker.wordlists import irregular_participles, not_participles

_TO_BE = frozenset(
    {
        "am", "is", "are", "was", "were", "be", "been", "being",
        "isn't", "aren't", "wasn't", "weren't", "ain't",
    }
)
_CONTRACTED_TO_BE = ("'re", "'m")  # "they're told", "I'm asked"
_ADVERBS = frozenset(
    {
        "not", "also", "often", "never", "always", "already", "still", "just", "now", "then",
        "sometimes", "soon", "all", "both", "each", "either", "ever", "further", "much", "very",
    }
)
_MAX_ADVERBS = 2
# "-eed" words are mostly not participles ("need", "proceed", "indeed"); these are.
_EED_PARTICIPLES = frozenset({"agreed", "freed", "guaranteed", "decreed", "refereed"})


def find_passive(text: str, sentences: list[SentenceSpan]) -> list[Finding]:
    findings = []
    for sentence in sentences:
        tokens = sentence.tokens
        index = 0
        while index < len(tokens):
            end = _passive_end(tokens, index)
            if end is None:
                index += 1
                continue
            start = tokens[index].start
            findings.append(Finding(text[start:tokens[end].end], start, tokens[end].end, "passive"))
            index = end + 1
    return findings


def _passive_end(tokens: tuple[Token, ...], index: int) -> int | None:
    """The index of the participle if a passive starts at ``index``, else None."""
    if not _is_to_be(tokens[index].lower):
        return None
    position = index + 1
    adverbs = 0
    while position < len(tokens):
        word = tokens[position].lower
        if _is_to_be(word):  # "is being built", "has been told" (from "been")
            position += 1
        elif _is_participle(word):
            return position
        elif adverbs < _MAX_ADVERBS and (word in _ADVERBS or (word.endswith("ly") and len(word) > 4)):
            adverbs += 1
            position += 1
        else:
            return None
    return None


def _is_to_be(word: str) -> bool:
    return word in _TO_BE or word.endswith(_CONTRACTED_TO_BE)


def _is_participle(word: str) -> bool:
    if word in irregular_participles():
        return True
    if not word.endswith("ed") or len(word) < 4 or not word.isalpha() or word in not_participles():
        return False
    if word.endswith("eed"):
        return word in _EED_PARTICIPLES
    return True
