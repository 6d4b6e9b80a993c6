"""What the checker hands back: plain frozen data a template can render without calling back in.

Keys (``band``, ``level``, ``message_key``, advice ``key``) are stable strings rather than
sentences so the interface can translate them with Flask-Babel; nothing here is user-facing text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# One key per kind of problem, in the order advice is shown: sentence length first because it is
# the change that helps most readers, formatting last because it is the quickest to fix.
# Highlight segments use the same keys, so a template needs one mapping from key to style.
ADVICE_ORDER = (
    "very_long_sentences",
    "long_sentences",
    "several_ideas",
    "hard_words",
    "long_words",
    "passive",
    "numbers_as_words",
    "capitals",
    "formatting",
)

# The finding lists on Report; each list's name is also its advice and highlight key.
FINDING_KINDS = (
    "long_words",
    "hard_words",
    "passive",
    "capitals",
    "numbers_as_words",
    "several_ideas",
    "formatting",
)


@dataclass(frozen=True)
class Finding:
    """One stretch of the original text worth another look; ``text == original[start:end]``."""

    text: str
    start: int
    end: int
    message_key: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence as found in the original text; ``level`` is "ok", "warn" or "flag" by length."""

    text: str
    start: int
    end: int
    word_count: int
    level: str


@dataclass(frozen=True)
class Advice:
    """One line of the summary: a kind of problem and how many times it occurs."""

    key: str
    count: int
    level: str = "warn"


@dataclass(frozen=True)
class Report:
    """The result of ``check_text``.

    ``score`` is Flesch Reading Ease for English (higher is easier) or LIX for other languages
    (lower is easier); ``measure`` says which. ``score`` and ``band`` are None when the text has
    no words, since there is nothing to measure.
    """

    language: str
    register: str
    measure: str
    score: float | None
    band: str | None
    word_count: int
    sentences: list[Sentence] = field(default_factory=list)
    long_words: list[Finding] = field(default_factory=list)
    hard_words: list[Finding] = field(default_factory=list)
    passive: list[Finding] = field(default_factory=list)
    capitals: list[Finding] = field(default_factory=list)
    # Only filled for the easy read register.
    numbers_as_words: list[Finding] = field(default_factory=list)
    several_ideas: list[Finding] = field(default_factory=list)
    formatting: list[Finding] = field(default_factory=list)

    def findings(self, kind: str) -> list[Finding]:
        if kind not in FINDING_KINDS:
            raise KeyError(kind)
        return getattr(self, kind)

    def advice(self) -> list[Advice]:
        counts = {
            "very_long_sentences": sum(1 for s in self.sentences if s.level == "flag"),
            "long_sentences": sum(1 for s in self.sentences if s.level == "warn"),
        }
        counts.update({kind: len(self.findings(kind)) for kind in FINDING_KINDS})
        return [
            Advice(key, counts[key], "flag" if key == "very_long_sentences" else "warn")
            for key in ADVICE_ORDER
            if counts[key]
        ]

    @property
    def ok(self) -> bool:
        return not self.advice()
