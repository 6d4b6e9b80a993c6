"""Find listed hard words and phrases, whatever their inflection (English) or mutation (Welsh).

Rather than a pattern per entry, every word of every entry is expanded once into the forms it
takes in running text, and each form points back to the listed word. Matching is then a lookup
per word of the text: cheap, and exact about word boundaries.
"""

from __future__ import annotations

from functools import cache
from typing import Mapping

from consult.checker.report import Finding
from consult.checker.text import Token, normalise_apostrophes
from consult.checker.wordlists import hard_words

_VOWELS = "aeiou"
# Words this short are function words ("in", "to", "of", "yn"): only their exact form matches.
_MIN_LENGTH_TO_VARY = 4

# Welsh initial mutations of a radical consonant, longest radical first (ll and rh before l, r).
_WELSH_MUTATIONS = (
    ("ll", ("l",)),
    ("rh", ("r",)),
    ("p", ("b", "mh", "ph")),
    ("t", ("d", "nh", "th")),
    ("c", ("g", "ngh", "ch")),
    ("b", ("f", "m")),
    ("d", ("dd", "n")),
    ("g", ("", "ng")),
    ("m", ("f",)),
)
_WELSH_VOWELS = "aeiouwyâêîôûŵŷ"
# Pronouns and articles written onto the word before: "â'r", "mae'n", "i'w", "o'ch".
_WELSH_CLITICS = frozenset({"r", "n", "i", "u", "m", "w", "th", "ch", "ni", "ti"})
# "ag" (before vowels) and "a" (a common way to type "â" without the circumflex) are "â".
_WELSH_SAME_WORD = {"ag": "â", "a": "â"}


def english_forms(word: str) -> set[str]:
    """The forms an English word takes: utilise, utilises, utilised, utilising, utilize..."""
    bases = {word}
    if word.endswith("ise"):
        bases.add(word[:-3] + "ize")
    if "isation" in word:
        bases.add(word.replace("isation", "ization"))
    forms = set()
    for base in bases:
        forms |= {base, base + "s", base + "es", base + "ed", base + "ing"}
        if base.endswith("e"):
            forms |= {base + "d", base[:-1] + "ing"}
        if base.endswith("y") and base[-2:-1] not in _VOWELS:
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        if len(base) > 2 and base[-1] not in _VOWELS + "wxy" and base[-2] in _VOWELS and base[-3] not in _VOWELS:
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # submitted, omitting
    return forms


def welsh_forms(word: str) -> set[str]:
    """The forms a Welsh word takes after a soft, nasal or aspirate mutation, or h-prothesis."""
    forms = {word}
    for radical, mutated in _WELSH_MUTATIONS:
        if word.startswith(radical):
            forms |= {start + word[len(radical):] for start in mutated}
            break
    if word[:1] in _WELSH_VOWELS:
        forms.add("h" + word)
    return forms


def lookup_key(word: str, language: str) -> str:
    """How a word of the text is compared with the list: lower case, without a clitic."""
    key = normalise_apostrophes(word).lower().replace("‐", "-").replace("‑", "-")
    if language == "cy":
        head, apostrophe, tail = key.partition("'")
        if apostrophe and head and tail in _WELSH_CLITICS:
            key = head
        return _WELSH_SAME_WORD.get(key, key)
    if key.endswith("'s"):
        key = key[:-2]  # the stakeholder's view
    return key


class HardWordMatcher:
    def __init__(self, entries: Mapping[str, str], language: str):
        self.language = language
        self._base_of: dict[str, str] = {}
        self._phrases: dict[tuple[str, ...], str] = {}
        forms = welsh_forms if language == "cy" else english_forms
        for phrase, suggestion in entries.items():
            words = tuple(lookup_key(word, language) for word in phrase.split())
            if not words:
                continue
            self._phrases[words] = suggestion
            for word in words:
                if len(word) >= _MIN_LENGTH_TO_VARY:
                    for form in forms(word):
                        self._base_of.setdefault(form, word)
        for words in self._phrases:
            for word in words:
                self._base_of[word] = word  # a listed word always stands for itself
        self._longest = max((len(words) for words in self._phrases), default=0)

    def find(self, text: str, tokens: list[Token]) -> list[Finding]:
        keys = [self._base_of.get(key, key) for key in (lookup_key(t.text, self.language) for t in tokens)]
        findings, index = [], 0
        while index < len(tokens):
            length = self._match_length(text, tokens, keys, index)
            if length:
                first, last = tokens[index], tokens[index + length - 1]
                suggestion = self._phrases[tuple(keys[index:index + length])]
                findings.append(
                    Finding(text[first.start:last.end], first.start, last.end, "hard_word", suggestion or None)
                )
                index += length
            else:
                index += 1
        return findings

    def _match_length(self, text: str, tokens: list[Token], keys: list[str], index: int) -> int:
        # Longest first, so "in order to" wins over a shorter entry starting the same way.
        for length in range(min(self._longest, len(tokens) - index), 0, -1):
            if tuple(keys[index:index + length]) in self._phrases and _adjacent(text, tokens[index:index + length]):
                return length
        return 0


def _adjacent(text: str, tokens: list[Token]) -> bool:
    """A phrase only matches when its words are separated by spaces, not punctuation or lines."""
    for before, after in zip(tokens, tokens[1:]):
        gap = text[before.end:after.start]
        if gap.strip() or "\n" in gap:
            return False
    return True


@cache
def _shipped_matcher(language: str) -> HardWordMatcher:
    return HardWordMatcher(hard_words(language), language)


def matcher_for(language: str, extra_hard_words: Mapping[str, str] | None = None) -> HardWordMatcher:
    """The shipped list, or the shipped list extended and overridden by a member of staff's own."""
    if not extra_hard_words:
        return _shipped_matcher(language)
    entries = dict(hard_words(language))
    for phrase, suggestion in extra_hard_words.items():
        key = " ".join(str(phrase).lower().split())
        if key:
            entries[key] = (suggestion or "").strip()
    return HardWordMatcher(entries, language)
