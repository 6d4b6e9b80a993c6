"""What residents were told against what is stored, after a load run (tests/load/run.py).

The locustfile writes one JSON line per finished journey: the consultation, the reference the
confirmation page showed, and every answer the server confirmed (a save answered with a redirect onward,
not with an error or "too late"), as the form data sent. Here each confirmed answer becomes the answer
rows its question type stores, and must be exactly the rows stored for that reference.

The pure part (``lost_answers``) takes plain values, so tests/load/test_compare.py checks it without a
server or a database.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path

# One stored answer row as comparable values (AnswerRow's fields, in order; see row_key).
RowKey = tuple
# Per question id, the rows of its answer (several for a multiple choice, a grid or a ranking).
AnswerRows = dict[int, Counter]


@dataclass(frozen=True)
class Told:
    """One submitted journey as the resident saw it."""

    resident: str
    slug: str
    reference: str
    answers: dict[int, dict]  # question id -> the form data the server confirmed it kept
    how: str = ""  # the kind of journey (and, for two tabs, which request the server took first)


def row_key(row) -> RowKey:
    """An AnswerRow or an Answer as plain values; an amount without trailing zeros (1200.5 = 1200.500)."""
    from consult.questions.base import AnswerRow

    values = []
    for field in fields(AnswerRow):
        value = getattr(row, field.name)
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        values.append(value)
    return tuple(values)


def lost_answers(told: list[Told], expected: dict[str, AnswerRows], stored: dict[str, AnswerRows]) -> list[str]:
    """Every told answer that is not stored as told: one line per answer, saying whose and where.

    ``expected``: per reference, the rows each told answer should have become (``expected_rows``);
    ``stored``: per reference, the rows the database holds (``stored_rows``). A reference missing from
    ``stored`` loses every answer it was told about.
    """
    lost = []
    for journey in told:
        kept = stored.get(journey.reference)
        for question_id, rows in sorted(expected.get(journey.reference, {}).items()):
            if kept is None:
                lost.append(f"{journey.resident}: reference {journey.reference} ({journey.slug}) is not stored, "
                            f"so question {question_id} is lost")
            elif kept.get(question_id, Counter()) != rows:
                lost.append(f"{journey.resident}: reference {journey.reference} ({journey.slug}) question "
                            f"{question_id} was told {sorted(rows.elements())}, stored "
                            f"{sorted(kept.get(question_id, Counter()).elements())}")
    return lost


def read_told(folder: Path) -> tuple[list[Told], list[str], list[str]]:
    """What every locust process wrote (told-<pid>.jsonl): the sent journeys, the answers a resident saw
    lost on the way (a resumed draft asking again a question saved before), and the pages that were not
    what the resident expected (errors). Journeys merely started are counted by ``started``."""
    journeys, lost, unexpected = [], [], []
    for path in sorted(folder.glob("told-*.jsonl")):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            if record["kind"] == "started":
                continue
            if record["kind"] == "submitted":
                journeys.append(Told(record["resident"], record["slug"], record["reference"],
                                     {int(key): value for key, value in record["answers"].items()},
                                     record.get("how", "")))
            else:
                (lost if record["kind"] == "lost" else unexpected).append(f"{record['resident']}: {record['detail']}")
    return journeys, lost, unexpected


def started(folder: Path) -> int:
    """How many journeys the residents began (each sent one is among them)."""
    return sum(1 for path in folder.glob("told-*.jsonl") for line in path.read_text().splitlines()
               if json.loads(line)["kind"] == "started")


# -- the parts that need the app (an application context) ------------------------------------------


def expected_rows(told: list[Told]) -> dict[str, AnswerRows]:
    """What each told answer becomes in the answer table, through its question type (read, check, rows)."""
    from werkzeug.datastructures import MultiDict

    from consult.extensions import db
    from consult.models import Question

    questions = {question.id: question for question in db.session.query(Question)}
    expected = {}
    for journey in told:
        per_question = {}
        for question_id, formdata in journey.answers.items():
            question = questions[question_id]
            form = MultiDict([(name, value) for name, values in formdata.items()
                              for value in (values if isinstance(values, list) else [values])])
            parsed = question.type.check(question, question.type.read(question, form))
            if parsed.error:
                raise ValueError(f"the server confirmed an answer its own check refuses: {question_id} {formdata}")
            per_question[question_id] = Counter(row_key(row) for row in question.type.rows(question, parsed.value)
                                                if parsed.value is not None)
        expected[journey.reference] = per_question
    return expected


def stored_rows(references: list[str]) -> dict[str, AnswerRows]:
    """The answer rows stored for these references, per reference and question."""
    from sqlalchemy import select

    from consult.extensions import db
    from consult.models import Answer, Response

    stored: dict[str, AnswerRows] = {}
    for chunk_start in range(0, len(references), 500):
        chunk = references[chunk_start:chunk_start + 500]
        for reference in db.session.execute(select(Response.reference).where(Response.reference.in_(chunk))).scalars():
            stored[reference] = {}
        rows = db.session.execute(
            select(Response.reference, Answer).join(Answer, Answer.response_id == Response.id)
            .where(Response.reference.in_(chunk))
        )
        for reference, answer in rows:
            stored[reference].setdefault(answer.question_id, Counter())[row_key(answer)] += 1
    return stored


def refilled_drafts() -> list[str]:
    """Drafts that were sent and yet hold answers again: a save that slipped in after submission."""
    from sqlalchemy import Text, cast, select

    from consult.extensions import db
    from consult.models import Draft

    refilled = db.session.execute(
        select(Draft.id, cast(Draft.answers, Text)).where(
            Draft.response_id.is_not(None), Draft.answers.is_not(None),
            cast(Draft.answers, Text).not_in(("{}", "null")),
        )
    ).all()
    return [f"draft {draft_id} was sent, then kept answers again: {answers}" for draft_id, answers in refilled]
