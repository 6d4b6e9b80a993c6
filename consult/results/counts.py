"""Results counted ahead (consult/models/counts.py): kept up to date as each response is stored or
deleted, and read instead of the answers when results are shown without a filter.

At a million responses, counting twenty million answer rows again for each dashboard, results PDF
and public page took over 8 s on PostgreSQL; adding up these few hundred rows takes milliseconds.

- ``count_response`` adds a response in (+1) or takes it out (-1): ``store_response`` calls it for
  every response stored (online, paper, phone, kiosk: they all go through it), ``forget_response``
  before a response is deleted. Nothing else writes answers; the retention purge blanks personal
  words but keeps each row, so no count changes.
- What one response adds is decided by the same rules as the analysis: the questions it was asked
  (plain.asked_questions, Journey's branching over stored answers) and the rows that hold a value
  (plain.has_value). ``rebuild`` counts the same things in SQL with analysis.py's own queries, and
  tests/results/test_counts.py holds both to the plain-Python reference (after deletions too).
- Segments: 0 counts everyone; an option's id counts the people who chose it, so the dashboard's
  cross-tab ("people who answered Yes to question 1") is read, not counted: at a million responses
  counting it from the answers takes about 10 s, since a fifth of twenty million rows must be read
  whatever the plan. A segment is built the first time staff look at that cross-tab (a background
  job; that view is counted from the answers), and from then on each response that chose the answer
  adds to it too. Other filters (dates, channel, language, events) are counted from the answers.
- Counts hold for the questions, options and branching they were made with (``plan_of``). When staff
  change those, ``counted_results`` says None and the analysis counts from the answers until the
  counts are rebuilt (``rebuild_soon``: a background job; ``flask rebuild-counts`` at once).
- Locks, so that a rebuild racing new responses neither misses nor doubles one: on PostgreSQL a
  rebuild holds the consultation's advisory lock alone, and adding a response holds it shared (so it
  waits for a rebuild to commit, then counts itself in); SQLite has one writer at a time anyway.
  Counts are written in one fixed order (response counts, then answer counts by question, segment
  and key), so two responses never deadlock.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal

from flask import current_app
from sqlalchemy import delete, func, select, update

from consult.extensions import db
from consult.models import Answer, AnswerCount, CountState, Response, ResponseCount
from consult.models._time import utcnow
from consult.results.plain import (
    SEVERAL_ROWS,
    ResponseFilter,
    Results,
    asked_questions,
    has_value,
)

ASKED, ANSWERED = "asked", "answered"
EVERYONE = 0  # the segment of every response
_LOCK_CLASS = 74_601  # the first half of the advisory lock's key: "results counted ahead"
HOUR = 3600
EPOCH = datetime(1970, 1, 1)
_THOUSANDTH = Decimal("0.001")
# The value columns of a counted answer row, in the order of its key.
VALUE_FIELDS = ("option_id", "statement_option_id", "number", "amount", "date")


# -- what a response adds ----------------------------------------------------------------------------

def _plain(value):
    """A shape as JSON, the same in every process (sets sorted)."""
    if is_dataclass(value):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (int, str, float, bool)) or value is None:
        return value
    return repr(value)


_PLANS: dict[tuple, str] = {}  # shapes -> plan_of(shapes): worked out once per process
_PLANS_KEPT = 256


def plan_of(shapes) -> str:
    """A fingerprint of what the counts depend on: the questions, their options and branching.

    Every results page asks it (are the counts still right?), and writing the shapes out as JSON took a
    few milliseconds of each; shapes are frozen dataclasses, equal exactly when their fields are, so the
    fingerprint is remembered by the shapes themselves."""
    key = tuple(shapes)
    try:
        found = _PLANS.get(key)
    except TypeError:  # a shape holding something unhashable: worked out each time
        return _fingerprint(key)
    if found is None:
        found = _fingerprint(key)
        if len(_PLANS) >= _PLANS_KEPT:
            _PLANS.clear()
        _PLANS[key] = found
    return found


def _fingerprint(shapes: tuple) -> str:
    return hashlib.sha256(json.dumps(_plain(shapes), sort_keys=True).encode()).hexdigest()


def _amount_text(amount) -> str:
    return format(Decimal(amount).quantize(_THOUSANDTH), "f")


def value_of(row) -> tuple:
    """A row's counted value (VALUE_FIELDS), amounts to their 3 places, so SQL and Python agree."""
    option_id, statement_id, number, amount, day = (getattr(row, name) for name in VALUE_FIELDS)
    if amount is not None:
        amount = Decimal(_amount_text(amount))
    if isinstance(day, str):  # SQLite can give a date back as its text
        day = date.fromisoformat(day)
    return option_id, statement_id, number, amount, day


def value_key(value: tuple) -> str:
    option_id, statement_id, number, amount, day = value
    parts = [option_id, statement_id, number, None if amount is None else _amount_text(amount),
             None if day is None else day.isoformat()]
    return "v:" + ":".join("" if part is None else str(part) for part in parts)


def hour_of(moment: datetime) -> int:
    """Whole hours since 1970 (UTC, naive like every stored time), as analysis._epoch_seconds // 3600."""
    return int((moment - EPOCH).total_seconds() // HOUR)


def answer_counts_of(shapes, rows) -> dict[tuple[int, str], tuple]:
    """(question id, key) -> value for one response's answer rows (Answer rows or AnswerRows with a
    question_id): asked, answered, and one per row holding a value. The value is the row's value
    tuple (None for asked and answered); each entry counts 1."""
    by_question: dict[int, list] = defaultdict(list)
    for row in rows:
        by_question[row.question_id].append(row)
    asked = asked_questions(shapes, by_question)
    found: dict[tuple[int, str], tuple] = {}
    for shape in shapes:
        if shape.id not in asked:
            continue
        found[(shape.id, ASKED)] = None
        kept = [row for row in by_question.get(shape.id, []) if has_value(shape, row)]
        if kept:
            found[(shape.id, ANSWERED)] = None
        for row in kept:
            value = value_of(row)
            found[(shape.id, value_key(value))] = value
    return found


# -- writing -------------------------------------------------------------------------------------------

def _upsert(model, rows: list[dict], unique: list[str]) -> None:
    """Add each row's count to the row with the same unique columns, or insert it."""
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # One statement with a list of parameters: compiled once and cached (SQLAlchemy sends the rows as
    # one multi-row INSERT), where .values(rows) would be compiled again for every response.
    statement = insert(model)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=unique, set_={"count": model.__table__.c.count + statement.excluded.count}), rows)


def _lock(consultation_id: int, *, alone: bool) -> None:
    """The consultation's counting lock until the transaction ends: alone to rebuild, shared to add."""
    if db.session.get_bind().dialect.name == "postgresql":
        name = "pg_advisory_xact_lock" if alone else "pg_advisory_xact_lock_shared"
        db.session.execute(select(getattr(func, name)(_LOCK_CLASS, consultation_id)))


def segment_of(where: ResponseFilter) -> int | None:
    """The segment counted ahead for this filter: everyone, people who chose one answer, or None."""
    if where.is_empty:
        return EVERYONE
    if where.option_id is not None and where == ResponseFilter(option_id=where.option_id):
        return where.option_id
    return None


def connect() -> None:
    """Count each response in as it is stored, in the transaction that stores it (at app start)."""
    from consult.respond.services import response_stored

    response_stored.connect(_count_stored)


def _count_stored(_sender, *, consultation, response, answers, **_other) -> None:
    shapes, plan = counted_shapes(consultation)
    count_response(consultation.id, shapes, response, answers, 1, plan=plan)


_SHAPES_KEY = "counted_shapes"


def counted_shapes(consultation) -> tuple[tuple, str]:
    """The consultation's shapes (plain.shape_of) and their plan (plan_of); for a resident's answers,
    worked out once per version of the consultation.

    Every stored response needs both, and working them out (branching formulas, then a fingerprint of
    it all as JSON) took 7 to 10 ms of each submission. They follow only from what
    ``Consultation.version`` covers (consult/models/versioning.py moves it with every change to the
    questions, options, branching and sections), so a snapshot's copy (consult/snapshots.py, what the
    resident pages send) has them kept per process under its id, version and created_at (a
    consultation deleted and another made may share an id and version). A model is worked out each
    time: it may hold staff changes not committed yet, whose version number other changes would take
    again if this transaction rolled back.
    """
    from consult.results.plain import shape_of
    from consult.snapshots import Frozen

    if not isinstance(consultation, Frozen):
        shapes = shape_of(consultation)
        return shapes, plan_of(shapes)
    key = (consultation.version, consultation.created_at)
    kept: dict = current_app.extensions.setdefault(_SHAPES_KEY, {})  # one per app: tests make many
    found = kept.get(consultation.id)
    if found is not None and found[0] == key:
        return found[1]
    shapes = shape_of(consultation)
    worked_out = (shapes, plan_of(shapes))
    kept[consultation.id] = (key, worked_out)
    return worked_out


def count_response(consultation_id: int, shapes, response, rows, sign: int, plan: str | None = None) -> bool:
    """Add (sign 1) or take out (sign -1) one response and its answer rows, in every segment kept for
    these shapes that it belongs to; False when there is none (a rebuild will count it). ``plan``:
    plan_of(shapes), when the caller has it already (counted_shapes)."""
    _lock(consultation_id, alone=False)
    chosen = {row.option_id for row in rows if row.option_id is not None}
    plan = plan or plan_of(shapes)
    kept = db.session.execute(select(CountState.segment, CountState.plan).where(
        CountState.consultation_id == consultation_id, CountState.segment.in_([EVERYONE, *sorted(chosen)]))).all()
    segments = sorted(segment for segment, built_for in kept if built_for == plan)
    # Counts made for other questions than this response was stored against can no longer be added
    # to: marked out of date, so results are counted from the answers until they are rebuilt.
    other = [segment for segment, built_for in kept if built_for not in (plan, "")]
    if other:
        db.session.execute(update(CountState).where(CountState.consultation_id == consultation_id,
                                                    CountState.segment.in_(other)).values(plan=""))
    if not segments:
        return False
    _upsert(ResponseCount, [{
        "consultation_id": consultation_id, "segment": segment, "hour": hour_of(response.submitted_at),
        "channel": response.channel, "language": response.language, "register": response.register, "count": sign,
    } for segment in segments], ["consultation_id", "segment", "hour", "channel", "language", "register"])
    found = sorted(answer_counts_of(shapes, rows).items(), key=lambda item: item[0])
    _upsert(AnswerCount, [_answer_row(consultation_id, segment, question_id, key, value, sign)
                          for (question_id, key), value in found for segment in segments],
            ["question_id", "segment", "key"])
    return True


def _answer_row(consultation_id: int, segment: int, question_id: int, key: str, value, count: int) -> dict:
    row = {"consultation_id": consultation_id, "segment": segment, "question_id": question_id, "key": key,
           "count": count}
    row.update(zip(VALUE_FIELDS, value or (None,) * len(VALUE_FIELDS)))
    return row


def forget_response(response) -> bool:
    """Take a response out of the counts; call it before deleting the response."""
    from consult.models import Consultation

    consultation = db.session.get(Consultation, response.consultation_id)
    rows = db.session.scalars(select(Answer).where(Answer.response_id == response.id)).all()
    shapes, plan = counted_shapes(consultation)
    return count_response(consultation.id, shapes, response, rows, -1, plan=plan)


def rebuild(consultation_id: int, shapes, segment: int = EVERYONE) -> None:
    """Count one segment again from the answers, with analysis.py's own SQL (in the caller's transaction)."""
    from consult.results import analysis

    shapes = tuple(shapes)
    by_id = {shape.id: shape for shape in shapes}
    dialect = db.session.get_bind().dialect.name
    where = ResponseFilter(option_id=segment) if segment != EVERYONE else ResponseFilter()
    _lock(consultation_id, alone=True)
    _upsert_state(consultation_id, segment)
    state = db.session.get(CountState, (consultation_id, segment), populate_existing=True)
    db.session.execute(delete(ResponseCount).where(ResponseCount.consultation_id == consultation_id,
                                                   ResponseCount.segment == segment))
    db.session.execute(delete(AnswerCount).where(AnswerCount.consultation_id == consultation_id,
                                                 AnswerCount.segment == segment))

    hours = select(Response.channel, Response.language, Response.register,
                   (analysis._epoch_seconds(Response.submitted_at, dialect) // HOUR).label("hour")) \
        .where(*analysis.response_conditions(consultation_id, where)).subquery()
    groups = db.session.execute(
        select(hours.c.hour, hours.c.channel, hours.c.language, hours.c.register, func.count())
        .group_by(hours.c.hour, hours.c.channel, hours.c.language, hours.c.register)).all()
    if groups:
        db.session.execute(ResponseCount.__table__.insert(), [
            {"consultation_id": consultation_id, "segment": segment, "hour": int(hour), "channel": channel,
             "language": language, "register": register, "count": count} for hour, channel, language, register, count in groups])
    total = sum(group[-1] for group in groups)

    rows = []
    if shapes and total:
        asked = analysis._asked_counts(consultation_id, shapes, by_id, where, total)
        rows += [_answer_row(consultation_id, segment, question_id, ASKED, None, count)
                 for question_id, count in asked.items() if count]
        columns = [Answer.question_id, *(getattr(Answer, name) for name in VALUE_FIELDS)]
        answered: dict[int, int] = defaultdict(int)
        single_row = {shape.id for shape in shapes if shape.shape not in SEVERAL_ROWS}
        for question_id, *value, count in analysis._per_question(
                [*columns, func.count()], shapes, by_id, consultation_id, where,
                analysis._has_value(shapes, analysis._question_column(where)), columns):
            value = value_of(ValueRow(*value))
            rows.append(_answer_row(consultation_id, segment, question_id, value_key(value), value, count))
            if question_id in single_row:
                answered[question_id] += count
        several = [shape for shape in shapes if shape.shape in SEVERAL_ROWS]
        if several:
            answered.update(analysis._per_question(
                [Answer.question_id, func.count(Answer.response_id.distinct())], several, by_id, consultation_id,
                where, analysis._has_value(several, analysis._question_column(where)), [Answer.question_id]))
        rows += [_answer_row(consultation_id, segment, question_id, ANSWERED, None, count)
                 for question_id, count in answered.items() if count]
    if rows:
        db.session.execute(AnswerCount.__table__.insert(), rows)
    state.plan = plan_of(shapes)
    state.built_at = utcnow()
    db.session.flush()


class ValueRow:
    """Value columns read back from a grouped query, named like an answer row's."""

    def __init__(self, *values):
        for name, value in zip(VALUE_FIELDS, values):
            setattr(self, name, value)


def _upsert_state(consultation_id: int, segment: int) -> None:
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(CountState).values(consultation_id=consultation_id, segment=segment, plan="",
                                                 built_at=utcnow())
                       .on_conflict_do_nothing(index_elements=["consultation_id", "segment"]))


def is_current(consultation_id: int, shapes, segment: int = EVERYONE) -> bool:
    plan = db.session.scalar(select(CountState.plan).where(CountState.consultation_id == consultation_id,
                                                           CountState.segment == segment))
    return plan == plan_of(shapes)


def rebuild_soon(consultation_id: int, shapes, segment: int = EVERYONE) -> bool:
    """Queue a rebuild when the segment's counts are missing or out of date (True when one was queued)."""
    from consult import jobs

    if is_current(consultation_id, shapes, segment):
        return False
    return jobs.enqueue("consult.results.counts.rebuild_job", {"consultation_id": consultation_id, "segment": segment},
                        kind="counts", key=f"counts:{consultation_id}:{segment}")


def rebuild_job(consultation_id: int, segment: int = EVERYONE) -> None:
    from consult.models import Consultation
    from consult.results.plain import shape_of

    consultation = db.session.get(Consultation, consultation_id)
    if consultation is not None:
        rebuild(consultation.id, shape_of(consultation), segment)
    db.session.commit()


# -- reading (counts_read.py) ---------------------------------------------------------------------------

def counted_results(consultation_id: int, shapes, zone: str = "Europe/London",
                    segment: int = EVERYONE) -> Results | None:
    """analysis.summarise for a segment (everyone by default) from the counts; None when they cannot be used."""
    from consult.results.counts_read import read_results

    return read_results(consultation_id, shapes, zone, segment)


__all__ = ["EVERYONE", "count_response", "counted_results", "counted_shapes", "forget_response", "plan_of", "rebuild", "rebuild_soon",
           "segment_of"]
