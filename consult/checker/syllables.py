"""An offline estimate of English syllables, good enough for a readability score.

We count groups of vowels, then correct the commonest ways English spelling misleads that count:
a silent final e, silent -es and -ed endings, and vowel pairs that are really two syllables
("idea", "period", "usual"). It is an estimate: names, loan words and words like "recipe" or
"science" come out wrong, which moves a score by a point or two, not a band.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_VOWEL_GROUP = re.compile(r"[aeiouy]+")

# Common words the rules below get wrong, counted by hand. Kept short: a word belongs here only if
# it is frequent in consultation writing.
_KNOWN = {
    "anyone": 3, "maybe": 2, "whereas": 2, "recipe": 3, "science": 2, "quiet": 2, "video": 3,
    "create": 2, "creates": 2, "created": 3, "creating": 3, "creation": 3, "creative": 3,
    "diabetes": 4, "familiar": 3, "player": 2, "players": 2, "prayer": 1, "being": 2,
}
# First halves of compounds whose final e is silent: "something", "homework", "therefore".
_SILENT_E_HEADS = (
    "some", "home", "care", "life", "time", "whole", "where", "there", "here", "house",
    "fire", "safe", "base", "side", "state", "use", "name", "line", "like", "wide",
)

# Vowel pairs read as two syllables. The look-behinds keep the one-syllable cases:
# "special"/"Asia" (ci/ti/si + a), "nation" (io before n), "delicious", "equal"/"language".
_EXTRA_SYLLABLE = [
    re.compile(r"(?<![cts])ia"),                 # media, appropriate, via
    re.compile(r"(?<![ctsx])io(?![nu])"),       # period, radio, biology
    re.compile(r"(?<![ctxg])iou"),              # previous, various, serious
    re.compile(r"(?<![qg])ua"),                  # usual, actual, situation, evaluate
    re.compile(r"(?<![ct])(?<!fr)ien"),         # client, experience, audience (not friend)
    re.compile(r"[dr]eas?$"),                    # area, idea, areas, ideas (not "sea", "peas")
    re.compile(r"[^aeiouy]i(?:er|ers|est)$"),    # easier, earlier, happiest
    re.compile(r"[aeiouy]ing(?:s|ly)?$"),        # being, doing, saying, continuing
    re.compile(r"[^aeiouy]ism$"),                # autism, racism
]
# A silent e before a suffix: "likely", "statement", "useful", "homeless", "awareness".
_SILENT_E_BEFORE_SUFFIX = re.compile(r"[aeiouy][^aeiouy]e(?:ly|ments?|ful|fully|less|ness)$")
# consonant + l/r + e is its own syllable: "table", "people", "centre", "disabled", "tables".
_SYLLABIC_LE_RE = re.compile(r"[^aeiouy][lr]e[sd]?$")


@lru_cache(maxsize=16384)  # text repeats its words, and pages are checked again as staff type
def estimate_syllables(word: str) -> int:
    """Syllables in one word; hyphenated words count each part, numbers and symbols count 0."""
    plain = _ascii_letters(word)
    parts = [part for part in re.split(r"[^A-Za-z]+", plain) if part]
    return sum(_syllables_in_part(part) for part in parts)


def _ascii_letters(word: str) -> str:
    # Accents go ("naïve" is "naive"), but a final "é" is sounded, so it is spelt as it sounds
    # ("café" as "cafey"). Apostrophes vanish so "don't" is one part.
    word = re.sub(r"é\b", "ey", word)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "'’ʼ")


def _syllables_in_part(part: str) -> int:
    word = part.lower()
    if word in _KNOWN:
        return _KNOWN[word]
    if not _VOWEL_GROUP.search(word):
        # No vowel at all: an abbreviation read letter by letter (NHS, BSL) or a sound (hmm).
        return len(word) if part.isupper() else 1
    if len(word) <= 3:
        return 1
    if word.startswith("y") and word[1:2] in "aeiou":
        word = "j" + word[1:]  # "yes", "year": a consonant y
    count = len(_VOWEL_GROUP.findall(word)) - _silent_endings(word)
    count += sum(len(pattern.findall(word)) for pattern in _EXTRA_SYLLABLE)
    return max(1, count)


def _silent_endings(word: str) -> int:
    silent = 0
    if _SILENT_E_BEFORE_SUFFIX.search(word) or _has_silent_e_head(word):
        silent += 1
    if _SYLLABIC_LE_RE.search(word):
        return silent
    # The e must be a vowel group of its own (after a consonant) to be silent: "free", "agreed"
    # and "goes" keep theirs.
    if len(word) > 2 and word.endswith("e") and word[-2] not in "aeiouy":
        silent += 1
    elif word.endswith("es") and word[-3] not in "aeiouy" and not _sibilant_plural(word):
        silent += 1
    elif word.endswith("ed") and word[-3] not in "aeiouytd":
        silent += 1
    return silent


def _sibilant_plural(word: str) -> bool:
    # "houses", "boxes", "watches", "changes", "places": the -es is heard.
    return word[:-2].endswith(("s", "x", "z", "ch", "sh")) or word[:-1].endswith(("ge", "ce", "se", "ze"))


def _has_silent_e_head(word: str) -> bool:
    for head in _SILENT_E_HEADS:
        rest = word[len(head):]
        if word.startswith(head) and len(rest) >= 3 and rest[0] not in "aeiouy":
            return True
    return False
