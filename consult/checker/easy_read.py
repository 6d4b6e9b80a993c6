"""Checks only for the easy read register (design section 6): numbers as digits, one idea a sentence.

Numbers written as words: English "two" to "billion"; Welsh "dau"/"dwy" upwards, including the
mutated forms ("ddau", "dri", "thair", "bedwar", "bump", "ddeg"). We do not flag Welsh "un",
which is also "the same" ("yr un") and "one" as a pronoun, nor Welsh "deg", which is also the
soft-mutated "teg" (fair: "yn deg"). English "one" is skipped after words that make it a pronoun
("no one", "the one", "each one").

Several ideas in one sentence: a joining word ("and", "but", "which"; Welsh "a"/"ac", "ond")
with a verb on both sides. Verbs are guessed without a dictionary of the language: helping verbs
("will", "can", "mae", "bydd"), a subject pronoun followed by a word ("we close"), past forms
ending in -ed, and a short list of everyday verbs. It misses some sentences and, with lists of
verbs ("walk, cycle and drive to work"), reports some that are fine; it only advises.
"""

from __future__ import annotations

from consult.checker.report import Finding
from consult.checker.text import SentenceSpan, Token
from consult.checker.wordlists import irregular_participles

_ENGLISH_NUMBERS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1,000", "million": "1 million",
    "billion": "1 billion", "one": "1",
}
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "cant", "mil", "fil", "miliwn", "filiwn"})
_ONE_AS_PRONOUN_AFTER = frozenset({"no", "any", "every", "each", "the", "this", "that", "which"})

_WELSH_NUMBERS = {
    "dau": "2", "ddau": "2", "dwy": "2", "ddwy": "2",
    "tri": "3", "dri": "3", "thri": "3", "tair": "3", "dair": "3", "thair": "3",
    "pedwar": "4", "bedwar": "4", "pedair": "4", "bedair": "4",
    "pump": "5", "bump": "5", "phump": "5", "pum": "5", "bum": "5",
    "chwech": "6", "chwe": "6", "saith": "7", "wyth": "8", "naw": "9", "ddeg": "10", "deng": "10",
    "deuddeg": "12", "ddeuddeg": "12", "pymtheg": "15", "bymtheg": "15", "ugain": "20", "hugain": "20",
    "cant": "100", "gant": "100", "chant": "100", "mil": "1,000", "fil": "1,000", "miliwn": "1 miliwn",
    "filiwn": "1 miliwn",
}

_JOINING_WORDS = {"en": frozenset({"and", "but", "which"}), "cy": frozenset({"a", "ac", "ond"})}
_HELPING_VERBS = {
    "en": frozenset(
        {
            "am", "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did",
            "will", "would", "can", "could", "shall", "should", "may", "might", "must",
            "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "won't",
            "can't", "couldn't", "shouldn't", "wouldn't", "haven't", "hasn't", "mustn't",
        }
    ),
    "cy": frozenset(
        {
            "mae", "maen", "roedd", "roedden", "oedd", "oes", "sydd", "sy", "ydy", "yw", "ydyn",
            "rydw", "rwy", "rydyn", "rydych", "bydd", "fydd", "byddwn", "fyddwn", "byddwch",
            "fyddwch", "byddan", "fyddan", "dylech", "ddylech", "dylen", "ddylen", "gallwch",
            "allwch", "gallwn", "allwn", "gallai", "allai", "gall", "all", "gwnewch", "gwnawn",
        }
    ),
}
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "people"})
# Everyday verbs that often start the second idea: "...and open a new hub".
_EVERYDAY_VERBS = frozenset(
    {
        "ask", "build", "buy", "call", "change", "check", "choose", "close", "come", "cut", "find",
        "get", "give", "go", "help", "keep", "know", "leave", "live", "look", "make", "meet",
        "move", "need", "open", "pay", "put", "read", "run", "say", "see", "send", "show", "start",
        "stop", "take", "talk", "tell", "think", "use", "visit", "want", "work", "write",
    }
)
_MIN_WORDS_AFTER_JOIN = 2


def find_numbers_as_words(text: str, tokens: list[Token], language: str) -> list[Finding]:
    numbers = _WELSH_NUMBERS if language == "cy" else _ENGLISH_NUMBERS if language == "en" else {}
    findings: list[Finding] = []
    for position, token in enumerate(tokens):
        parts = token.lower.replace("‐", "-").replace("‑", "-").split("-")  # "twenty-one"
        if token.kind != "word" or not all(part in numbers for part in parts):
            continue
        if parts == ["one"] and position and tokens[position - 1].lower in _ONE_AS_PRONOUN_AFTER:
            continue
        if parts[0] in _SCALE_WORDS and position and tokens[position - 1].kind == "number":
            continue  # "£2.3 million" is already written with digits
        previous = findings[-1] if findings else None
        if previous and previous.end == tokens[position - 1].end and _only_spaces(text[previous.end:token.start]):
            # "two hundred" is one number: one finding, and no single-word suggestion to mislead.
            findings[-1] = Finding(text[previous.start:token.end], previous.start, token.end, "number_as_word")
            continue
        suggestion = numbers[parts[0]] if len(parts) == 1 else None
        findings.append(Finding(token.text, token.start, token.end, "number_as_word", suggestion))
    return findings


def _only_spaces(gap: str) -> bool:
    return not gap.strip() and "\n" not in gap


def find_several_ideas(sentences: list[SentenceSpan], language: str) -> list[Finding]:
    joins = _JOINING_WORDS.get(language)
    if not joins:
        return []
    findings = []
    for sentence in sentences:
        words = [token.lower for token in sentence.tokens]
        join_positions = [i for i, word in enumerate(words) if word in joins and 0 < i < len(words) - 1]
        clause_start = 0
        for number, join in enumerate(join_positions):
            clause_end = join_positions[number + 1] if number + 1 < len(join_positions) else len(words)
            before, after = words[clause_start:join], words[join + 1:clause_end]
            if len(after) >= _MIN_WORDS_AFTER_JOIN and _has_verb(before, language) and _has_verb(after, language):
                token = sentence.tokens[join]
                findings.append(Finding(token.text, token.start, token.end, "several_ideas"))
            clause_start = join + 1
    return findings


def _has_verb(words: list[str], language: str) -> bool:
    helping = _HELPING_VERBS[language]
    for position, word in enumerate(words):
        head = word.split("'")[0] if language == "cy" else word  # "mae'n" is "mae"
        if head in helping or word.endswith(("'ll", "'re", "'ve", "'d", "'m")):
            return True
        if language == "en":
            if word in _SUBJECT_PRONOUNS and position + 1 < len(words):
                return True
            if word in _EVERYDAY_VERBS or word.rstrip("s") in _EVERYDAY_VERBS or word in irregular_participles():
                return True
            if word.endswith("ed") and len(word) > 4:
                return True
        elif len(word) > 4 and word.endswith(("odd", "wch")):  # "aeth", "cysylltwch", "dechreuodd"
            return True
    return False
