"""Several answers at once: a list pasted from a document or email, one answer on each line.

Reading is separate from saving, so the route can refuse the whole paste (and give it back as typed)
when a line cannot be an answer, and say what it left out when it can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from consult.translating import gettext as _
from consult.translating import ngettext

# The same limit as one answer typed on its own (consult.build.forms.OptionForm).
MAX_LABEL = 300
# More than a census question needs; a longer paste is almost certainly the wrong text.
MAX_ANSWERS = 100

# Bullets a word processor or an email puts in front of list items ("• Bus", "- Train").
# Numbers are kept: "1 to 2 hours" is an answer, not a numbered list.
BULLET = re.compile(r"^[•·\-*–—]\s+")


def _same(text: str) -> str:
    """How two answers compare: case, spacing and bullets do not make them different."""
    return " ".join(text.split()).casefold()


@dataclass
class AnswerList:
    labels: list[str] = field(default_factory=list)  # the new answers, in the order pasted
    blank: int = 0  # empty lines left out
    repeated: int = 0  # lines left out because the answer was already there (above, or in the question)
    problem: str | None = None  # why nothing can be added; then ``labels`` is not to be saved

    def left_out(self) -> list[str]:
        """Sentences saying what was left out, for the message after saving."""
        found = []
        if self.blank:
            found.append(ngettext("%(num)s empty line was left out.", "%(num)s empty lines were left out.",
                                  self.blank))
        if self.repeated:
            found.append(ngettext("%(num)s answer was already in the list, so it was left out.",
                                  "%(num)s answers were already in the list, so they were left out.",
                                  self.repeated))
        return found


def read_answer_list(text: str, existing: list[str]) -> AnswerList:
    """The answers in ``text``, one per line, without blanks and repeats (of each other or of ``existing``)."""
    result = AnswerList()
    seen = {_same(label) for label in existing}
    for number, line in enumerate(text.splitlines(), start=1):
        label = " ".join(BULLET.sub("", line.strip()).split())
        if not label:
            result.blank += 1
            continue
        if len(label) > MAX_LABEL:
            result.problem = _("Line %(number)s is too long. An answer can have up to %(limit)s characters",
                               number=number, limit=MAX_LABEL)
            return result
        if _same(label) in seen:
            result.repeated += 1
            continue
        seen.add(_same(label))
        result.labels.append(label)
    if len(result.labels) > MAX_ANSWERS:
        result.problem = _("Paste up to %(limit)s answers at a time", limit=MAX_ANSWERS)
    elif not result.labels:
        result.problem = (_("All these answers are already in the list") if result.repeated
                          else _("Paste or type the answers, one on each line"))
    return result
