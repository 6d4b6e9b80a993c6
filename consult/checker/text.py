"""Words and sentences, each with offsets into the original text.

Every finding points back into the text a member of staff typed, so the text itself is never
rewritten. Instead we scan a same-length "masked" copy in which markup (HTML tags, list markers)
is blanked out with spaces: offsets in the copy are offsets in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

APOSTROPHES = "'’ʼ"

_WORD_PIECE = r"[^\W_]+"  # letters and digits in any script, never the underscore
_JOINERS = r"['’ʼ‐‑-]"  # apostrophes and hyphens join pieces into one word: don't, well-being

_TOKEN_RE = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'’”]
        | [^\W_][\w.+-]{{0,63}}@[\w-]{{1,63}}(?:\.[\w-]{{1,63}})+)  # one word each, so dots inside do not count
        # (lengths are bounded so a long run of "_" or "." cannot make a search quadratic)
    | (?P<abbrev>(?:[^\W\d_]\.){{2,}})             # e.g.  i.e.  a.m.  e.e.  h.y.
    | (?P<number>\d+(?:[.,:/]\d+)*[^\W_]*(?:{_JOINERS}{_WORD_PIECE})*)  # 3.5 1,000 10:30 2025/26 1st 5-year
    | (?P<word>{_WORD_PIECE}(?:{_JOINERS}{_WORD_PIECE})*)
    """,
    re.VERBOSE,
)

# Markup is not words: tags vanish, and list markers at the start of a line ("1.", "-", "•")
# would otherwise end a sentence or count as a word.
_TAG_RE = re.compile(r"<[A-Za-z/!][^<>\n]*>")
_LIST_MARKER_RE = re.compile(r"^[ \t]*(?:\d{1,3}[.)]|[-*•–])(?=[ \t])", re.MULTILINE)

# A run of sentence-ending marks, any closing quotes or brackets, then a space or the end.
_END_RE = re.compile(r"[.!?…]+[\"'’”)\]]*(?=\s|$)")

# Abbreviations that are followed by a full stop mid-sentence. Lower case, without the dot.
# "no" only counts before a number ("No. 5"), because "The answer is no." is a real ending.
_ABBREVIATIONS = frozenset(
    {
        # English titles and common shortenings
        "dr", "mr", "mrs", "ms", "mx", "prof", "st", "cllr", "rev", "sr", "jr",
        "etc", "vs", "approx", "dept", "tel", "ref", "fig", "incl", "min", "max", "est",
        # Welsh: Cynghorydd, Parchedig, "ac yn y blaen"
        "cyng", "parch", "ayyb",
    }
)
_ABBREVIATIONS_BEFORE_NUMBERS = frozenset({"no", "nos", "rhif"})
_TIMES_OF_DAY = frozenset({"a.m.", "p.m."})
_NEXT_CHAR_RE = re.compile(r"[ \t]*(.?)", re.DOTALL)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # "word", "number", "abbrev" or "url"

    @property
    def lower(self) -> str:
        """Lower case with one kind of apostrophe, for looking words up in lists."""
        return normalise_apostrophes(self.text).lower()

    @property
    def letters(self) -> str:
        return "".join(ch for ch in self.text if ch.isalpha())


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int
    tokens: tuple[Token, ...]


def normalise_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("ʼ", "'")


def mask_markup(text: str) -> str:
    """Blank out HTML tags and list markers, keeping every other character where it was."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    return _LIST_MARKER_RE.sub(blank, _TAG_RE.sub(blank, text))


def tokenise(masked: str) -> list[Token]:
    return [Token(match.group(), match.start(), match.end(), match.lastgroup) for match in _TOKEN_RE.finditer(masked)]


def split_sentences(masked: str) -> list[SentenceSpan]:
    """Cut the text into sentences; a line break always ends one (headings, list items)."""
    tokens = tokenise(masked)
    boundaries = sorted(set(_line_ends(masked)) | set(_sentence_ends(masked, tokens)))
    spans, previous, index = [], 0, 0
    for boundary in boundaries + [len(masked)]:
        inside = []
        while index < len(tokens) and tokens[index].start < boundary:
            inside.append(tokens[index])
            index += 1
        if inside:
            piece = masked[previous:boundary]
            start = previous + len(piece) - len(piece.lstrip())
            end = previous + len(piece.rstrip())
            spans.append(SentenceSpan(start, end, tuple(inside)))
        previous = boundary
    return spans


def _line_ends(masked: str):
    return (match.start() for match in re.finditer(r"\n", masked))


def _sentence_ends(masked: str, tokens: list[Token]):
    # Marks inside a token (the dots of "3.5", "e.g." or a web address) are never sentence ends,
    # except the last dot of "a.m."/"p.m." before a capital: "We open at 9 a.m. Come early."
    inside = {token.end - 1 for token in tokens if token.kind != "word" and token.lower not in _TIMES_OF_DAY}
    by_end = {token.end: token for token in tokens}
    for match in _END_RE.finditer(masked):
        if match.start() in inside:
            continue
        if masked[match.start()] in ".…" and _continues(masked, match, by_end.get(match.start())):
            continue
        yield match.end()


def _continues(masked: str, match: re.Match, word_before: Token | None) -> bool:
    """True when a full stop or ellipsis does not end the sentence."""
    next_char = _NEXT_CHAR_RE.match(masked, match.end()).group(1)
    # A lower-case word after the stop means the stop belonged to a shortening we do not know
    # ("approx. five", "cf. the plan"); staff text starts sentences with capitals.
    if next_char.isalpha() and next_char.islower():
        return True
    if word_before is None or match.group()[:1] != ".":
        return False
    word = word_before.lower
    if word in _ABBREVIATIONS:
        return True
    return word in _ABBREVIATIONS_BEFORE_NUMBERS and next_char.isdigit()
