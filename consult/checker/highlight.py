"""Cut the original text into segments, each knowing which findings cover it.

No HTML is built here: a Jinja template loops over the segments and wraps the marked ones in
<mark class="...">{{ segment.text }}</mark>, so auto-escaping stays in charge of the output.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from consult.checker.report import ADVICE_ORDER, FINDING_KINDS, Report

# Sentences over the limits are highlighted under the same keys the advice uses.
SENTENCE_KINDS = {"warn": "long_sentences", "flag": "very_long_sentences"}


@dataclass(frozen=True)
class Segment:
    text: str
    kinds: frozenset[str] = frozenset()

    @property
    def marked(self) -> bool:
        return bool(self.kinds)


def highlight(text: str, report: Report, kinds: Iterable[str] | None = None) -> list[Segment]:
    """Consecutive segments that join back to exactly ``text``.

    Overlapping findings are fine (a hard word inside a long sentence): a segment lists every kind
    covering it. ``kinds`` limits the marks to some keys, for example to leave out the
    "long_sentences" and "very_long_sentences" marks that cover whole sentences. Offsets outside
    the text (a report for a different text) are clipped, never raised.
    """
    wanted = set(ADVICE_ORDER if kinds is None else kinds)
    spans = [(s.start, s.end, SENTENCE_KINDS[s.level]) for s in report.sentences if s.level in SENTENCE_KINDS]
    for kind in FINDING_KINDS:
        spans.extend((finding.start, finding.end, kind) for finding in report.findings(kind))
    spans = [span for span in spans if span[2] in wanted]
    size = len(text)
    spans = [(max(0, min(start, size)), max(0, min(end, size)), kind) for start, end, kind in spans]
    spans = [span for span in spans if span[0] < span[1]]

    # Sweep from left to right over the places where a finding starts or ends, keeping count of
    # the kinds open at each point: linear in the number of findings, however many overlap.
    changes: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for start, end, kind in spans:
        changes[start].append((kind, 1))
        changes[end].append((kind, -1))
    open_kinds: Counter[str] = Counter()
    segments: list[Segment] = []
    cuts = sorted({0, size} | changes.keys())
    for start, end in zip(cuts, cuts[1:]):
        for kind, step in changes.get(start, ()):
            open_kinds[kind] += step
        kinds = frozenset(kind for kind, count in open_kinds.items() if count > 0)
        if segments and segments[-1].kinds == kinds:
            segments[-1] = Segment(segments[-1].text + text[start:end], kinds)  # merge equal neighbours
        else:
            segments.append(Segment(text[start:end], kinds))
    return segments
