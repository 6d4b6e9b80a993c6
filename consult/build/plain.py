"""The plain-language checker as staff see it: translated words around consult.checker's report."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g
from sqlalchemy import select

from consult.checker import check_text, highlight
from consult.extensions import db
from consult.models import PlainWord
from consult.translating import gettext as _
from consult.translating import ngettext


def _band_label(band: str | None) -> str:
    return {
        "very_easy": _("Very easy to read"),
        "easy": _("Easy to read"),
        "fairly_hard": _("Quite hard to read"),
        "hard": _("Hard to read"),
        "very_hard": _("Very hard to read"),
    }.get(band, "")


def _advice_line(key: str, count: int) -> str:
    lines = {
        "very_long_sentences": ngettext("%(num)s sentence is much too long. Split it up.",
                                        "%(num)s sentences are much too long. Split them up.", count),
        "long_sentences": ngettext("%(num)s sentence has more than 15 words.",
                                   "%(num)s sentences have more than 15 words.", count),
        "several_ideas": ngettext("%(num)s sentence has more than one idea.",
                                  "%(num)s sentences have more than one idea.", count),
        "hard_words": ngettext("%(num)s word or phrase has a plainer way to say it.",
                               "%(num)s words or phrases have a plainer way to say them.", count),
        "long_words": ngettext("%(num)s long word.", "%(num)s long words.", count),
        "passive": ngettext("%(num)s sentence may not say who does what.",
                            "%(num)s sentences may not say who does what.", count),
        "numbers_as_words": ngettext("%(num)s number is written as a word. Use digits.",
                                     "%(num)s numbers are written as words. Use digits.", count),
        "capitals": ngettext("%(num)s word is in capital letters.", "%(num)s words are in capital letters.", count),
        "formatting": ngettext("%(num)s use of italics or underlining. Use bold only.",
                               "%(num)s uses of italics or underlining. Use bold only.", count),
    }
    return lines.get(key, key)


@dataclass(frozen=True)
class PlainReport:
    empty: bool
    band: str | None
    band_label: str
    score: float | None
    measure: str
    advice: list[tuple[str, str]]  # (level, words)
    suggestions: list[tuple[str, str]]  # (hard word as written, plainer words)
    # (text, mark): mark is None, "sentence" (a long sentence) or "word" (a word or phrase to change).
    segments: list[tuple[str, str | None]]

    @property
    def measure_label(self) -> str:
        return _("Reading ease") if self.measure == "flesch" else _("Readability index (LIX)")


def staff_words(language: str) -> dict[str, str]:
    """The words staff added to the checker for this language, read once per request."""
    cache = g.setdefault("plain_words", {})
    if language not in cache:
        rows = db.session.execute(select(PlainWord.word, PlainWord.plain).where(PlainWord.language == language))
        cache[language] = dict(rows.all())
    return cache[language]


def report_for(text: str, language: str, register: str = "standard") -> PlainReport:
    report = check_text(text, language=language, register=register, extra_hard_words=staff_words(language))
    suggestions = []
    for finding in report.hard_words:
        pair = (finding.text, finding.suggestion or "")
        if pair not in suggestions:
            suggestions.append(pair)
    return PlainReport(
        empty=report.score is None,
        band=report.band,
        band_label=_band_label(report.band),
        score=report.score,
        measure=report.measure,
        advice=[(item.level, _advice_line(item.key, item.count)) for item in report.advice()],
        suggestions=suggestions,
        segments=[(segment.text, _mark(segment.kinds)) for segment in highlight(text, report)]
        if report.advice() else [],
    )


SENTENCE_KINDS = frozenset({"long_sentences", "very_long_sentences"})


def _mark(kinds) -> str | None:
    if not kinds:
        return None
    return "sentence" if kinds <= SENTENCE_KINDS else "word"
