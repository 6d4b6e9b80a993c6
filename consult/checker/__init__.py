"""The plain-language checker: offline, pure Python, English and Welsh.

    report = check_text(text, language="cy", register="easy")
    report.score, report.band, report.advice()
    for segment in highlight(text, report): ...

See ``check.py`` for the rules and thresholds, ``readability.py`` for the scores and bands, and
``data/`` for the word lists.
"""

from consult.checker.check import REGISTERS, SENTENCE_LIMITS, check_text
from consult.checker.highlight import Segment, highlight
from consult.checker.readability import BANDS
from consult.checker.report import ADVICE_ORDER, Advice, Finding, Report, Sentence

__all__ = [
    "ADVICE_ORDER",
    "BANDS",
    "REGISTERS",
    "SENTENCE_LIMITS",
    "Advice",
    "Finding",
    "Report",
    "Segment",
    "Sentence",
    "check_text",
    "highlight",
]
