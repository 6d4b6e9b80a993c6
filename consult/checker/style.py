"""Capitals and emphasis markup.

Words in capitals are harder to read (the shape of the word is lost) and read as shouting.
Design section 6: in easy read, bold is the only emphasis: no italics, underline or capitals.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from consult.checker.report import Finding
from consult.checker.text import Token
from consult.checker.wordlists import acronyms

_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_HEADING_MAX_WORDS = 12

# Emphasis other than bold, as people type it or paste it: *text* and _text_ (but not the
# **bold** / __bold__ forms, nor snake_case or 2 * 3), and HTML italic or underline elements.
_FORMATTING = (
    (re.compile(r"(?<![*\w])\*(?![*\s])[^*\n]*?(?<![*\s])\*(?![*\w])"), "formatting_italic"),
    (re.compile(r"(?<![_\w])_(?![_\s])[^_\n]*?(?<![_\s])_(?![_\w])"), "formatting_italic"),
    (re.compile(r"font-style\s*:\s*italic", re.IGNORECASE), "formatting_italic"),
    (re.compile(r"text-decoration[\w-]*\s*:[^;\"'<>\n]{0,80}?underline", re.IGNORECASE), "formatting_underline"),
)
# HTML elements are paired up in one pass (a pattern per element would rescan the rest of the
# text for every unclosed tag). An opening tag that is never closed is reported on its own.
_EMPHASIS_TAG = re.compile(r"<(/?)(i|em|cite|u)\b[^<>]*>", re.IGNORECASE)
_TAG_KEYS = {"i": "formatting_italic", "em": "formatting_italic", "cite": "formatting_italic",
             "u": "formatting_underline"}


def find_capitals(text: str, tokens: list[Token], include_headings: bool) -> list[Finding]:
    """Words of two or more letters all in capitals, except known abbreviations and numerals.

    A heading typed in capitals is a common house style, so in the standard register we leave
    headings alone; easy read allows no capitals anywhere (``include_headings``).
    """
    heading_lines = set() if include_headings else _heading_lines(text)
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    known = acronyms()
    findings = []
    for token in tokens:
        if token.kind not in ("word", "abbrev") or not token.text[:2].isupper():
            continue  # (a quick test first: most words are not in capitals)
        letters = _without_possessive(token.text)
        letters = "".join(ch for ch in letters if ch.isalpha())
        if len(letters) < 2 or not letters.isupper() or _is_known(token.text, known):
            continue
        if len(letters) <= 4 and _ROMAN_NUMERAL.fullmatch(letters):
            continue  # "Phase II"
        if heading_lines and bisect_right(line_starts, token.start) - 1 in heading_lines:
            continue
        findings.append(Finding(token.text, token.start, token.end, "capitals"))
    return findings


def find_formatting(text: str) -> list[Finding]:
    findings = []
    for pattern, key in _FORMATTING:
        findings.extend(Finding(m.group(), m.start(), m.end(), key) for m in pattern.finditer(text))
    findings.extend(_emphasis_elements(text))
    return sorted(findings, key=lambda finding: (finding.start, finding.end))


def _emphasis_elements(text: str) -> list[Finding]:
    open_tags: dict[str, list[int]] = {}
    findings = []
    for match in _EMPHASIS_TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            open_tags.setdefault(name, []).append(match.start())
        elif open_tags.get(name):
            start = open_tags[name].pop()
            findings.append(Finding(text[start:match.end()], start, match.end(), _TAG_KEYS[name]))
    for name, starts in open_tags.items():
        for start in starts:
            end = text.index(">", start) + 1
            findings.append(Finding(text[start:end], start, end, _TAG_KEYS[name]))
    return findings


def _without_possessive(word: str) -> str:
    for ending in ("'s", "’s", "'S", "’S"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def _is_known(word: str, known: frozenset[str]) -> bool:
    # "COVID-19" is COVID, "NHS's" is NHS, "U.K." is UK; every hyphenated part must be known.
    parts = [_without_possessive(part).replace(".", "") for part in re.split(r"[-‐‑]", word)]
    parts = [part for part in parts if any(ch.isalpha() for ch in part)]
    return bool(parts) and all(part in known or not part.isupper() or len(part) < 2 for part in parts)


def _heading_lines(text: str) -> set[int]:
    """Lines that look like headings: short, no closing full stop, marked with # or in capitals."""
    headings = set()
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        words = re.findall(r"[^\W\d_]+", stripped)
        if not words or len(words) > _HEADING_MAX_WORDS or stripped.endswith((".", "?", "!")):
            continue
        if stripped.startswith("#") or all(word.isupper() for word in words):
            headings.add(number)
    return headings
