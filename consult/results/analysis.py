"""Results for a consultation, computed in SQL: GROUP BY over the answer table, never a loop over answers.

``summarise`` runs a fixed handful of queries whatever the number of responses or questions
(at most nine: totals, channel/language/register, days, asked, answers per question and option,
answered for multiple choice, numbers, decimals and money, dates (analysis_values.py); a question
with a branching rule adds a UNION ALL part, not a query), so the dashboard costs the same number of round trips for 10 responses as for 10,000.

"Asked" follows Journey's branching rule: consult.branching gives each question a formula, compiled
here into SQL (``asked_clause``). Only asked questions store answers, so a condition holds for a
response when its stored answer to the source question holds it and the source was itself asked:
``response_id IN (answers ...)`` tests, one per condition and link. Answers are only counted where the question was asked, so an
answer left over from a rule changed later can never make "answered" exceed "asked".

Each such test, and the cross-tab's "chose this answer", is one lookup in the answer index on
(response, question, option). PostgreSQL needs it most just after a bulk load, before ANALYZE: it
then guesses that a handful of answers match, and without that index it read every matching answer
again for each response (over 20 s for a cross-tab of 10,000 responses; under a second with it).

``consult.results.reference`` computes the same ``Results`` with plain loops; a hypothesis test
holds the two together on random consultations.

``summarise`` first asks consult/results/counts.py: without a filter, or filtered by one answer (the
cross-tab), the results are usually counted ahead already, and read in a few milliseconds whatever
the number of responses; ``summarise_answers`` always counts from the answers (the counts are built
with its own queries).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, and_, case, cast, false, func, not_, or_, select, true, union_all
from sqlalchemy.orm import aliased

from consult import branching
from consult.extensions import db
from consult.models import Answer, Option, Response
from consult.results import analysis_grids, analysis_values
from consult.results.plain import (
    AGREEING,
    DATE,
    DECIMAL,
    MULTIPLE,
    NUMBER,
    OPTION_SHAPES,
    SEVERAL_ROWS,
    SINGLE,
    TEXT,
    VALUE_COLUMNS,
    NumberStats,
    Overview,
    QuestionShape,
    QuestionSummary,
    ResponseFilter,
    Results,
    ScaleSpread,
)

DAY_SECONDS = 86400


# -- which responses ----------------------------------------------------------------------------

def response_conditions(consultation_id: int, where: ResponseFilter) -> list:
    """WHERE clauses on ``Response`` for one consultation and a filter."""
    conditions = [Response.consultation_id == consultation_id]
    if where.start is not None:
        conditions.append(Response.submitted_at >= where.start)
    if where.end is not None:
        conditions.append(Response.submitted_at < where.end)
    if where.channel is not None:
        conditions.append(Response.channel == where.channel)
    if where.language is not None:
        conditions.append(Response.language == where.language)
    if where.register is not None:
        conditions.append(Response.register == where.register)
    if where.option_id is not None:
        chosen = aliased(Answer)
        # The option's question too, so the (question, option) index finds the rows: by option
        # alone, every answer would be read.
        question_id = select(Option.question_id).where(Option.id == where.option_id).scalar_subquery()
        conditions.append(Response.id.in_(
            select(chosen.response_id).where(chosen.question_id == question_id, chosen.option_id == where.option_id)))
    if where.event_id is not None:
        from consult.models.event import ResponseEvent

        conditions.append(Response.id.in_(
            select(ResponseEvent.response_id).where(ResponseEvent.event_id == where.event_id)))
    if where.prefill_value_id is not None:
        from consult.models.event import ResponsePrefill

        conditions.append(Response.id.in_(
            select(ResponsePrefill.response_id).where(ResponsePrefill.value_id == where.prefill_value_id)))
    return conditions


def asked_clause(formula, by_id, response_id_column) -> object:
    """consult.branching's formula for "asked" as SQL over ``response_id_column``.

    Only asked questions store answers, and each fact is a ``response_id IN (answers ...)`` test:
    one lookup each in the answer index on (response, question, option).
    """
    node, body = formula
    if node == "all":
        return and_(*(asked_clause(part, by_id, response_id_column) for part in body))
    if node == "any":
        return or_(*(asked_clause(part, by_id, response_id_column) for part in body))
    if node == "not":
        return not_(asked_clause(body, by_id, response_id_column))
    if node == "asked":
        shape = by_id.get(body)
        if shape is None:
            return false()
        return true() if shape.condition is None else asked_clause(shape.condition, by_id, response_id_column)
    return response_id_column.in_(_fact_rows(body, by_id))


def _fact_rows(condition: branching.Condition, by_id):
    """The responses whose stored answer to the condition's question makes it hold."""
    source = aliased(Answer)  # its own alias: never correlated with an outer answer table
    rows = select(source.response_id).where(source.question_id == condition.source_id)
    if condition.test == branching.CHOSEN:
        return rows.where(source.option_id.in_(sorted(condition.option_ids)))
    if condition.test in branching.COMPARISONS:
        column = VALUE_COLUMNS.get(by_id[condition.source_id].shape)
        if column is None:
            return rows.where(false())
        value = getattr(source, column)
        if condition.test == branching.MORE:
            return rows.where(value > condition.low)
        if condition.test == branching.LESS:
            return rows.where(value < condition.high)
        return rows.where(value.between(condition.low, condition.high))
    return rows  # answered


def _asked(shape: QuestionShape, by_id, response_id_column) -> list:
    return [] if shape.condition is None else [asked_clause(shape.condition, by_id, response_id_column)]


# -- dates in the local time zone ----------------------------------------------------------------

def _offset_at(moment: datetime, zone: ZoneInfo) -> int:
    return int(moment.replace(tzinfo=timezone.utc).astimezone(zone).utcoffset().total_seconds())


def offset_segments(zone_name: str, first: datetime, last: datetime) -> list[tuple[datetime | None, int]]:
    """The zone's UTC offset (seconds) over [first, last]: [(changes at, offset from then on)], the
    first entry's time None. Found by stepping a day at a time and bisecting to the second where the
    offset changes (clocks change at most twice a year, never twice in a day)."""
    zone = ZoneInfo(zone_name)
    first = first.replace(microsecond=0)  # clocks change on a whole second
    segments: list[tuple[datetime | None, int]] = [(None, _offset_at(first, zone))]
    before = first
    while before < last:
        after = min(before + timedelta(days=1), last)
        if _offset_at(after, zone) != segments[-1][1]:
            low, high = 0, int((after - before).total_seconds()) + 1  # the change is in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                if _offset_at(before + timedelta(seconds=middle), zone) == segments[-1][1]:
                    low = middle
                else:
                    high = middle
            changes_at = before + timedelta(seconds=high)
            segments.append((changes_at, _offset_at(changes_at, zone)))
        before = after
    return segments


def _epoch_seconds(column, dialect: str):
    if dialect == "postgresql":
        return cast(func.floor(func.extract("epoch", column)), BigInteger)
    # SQLite stores "YYYY-MM-DD HH:MM:SS.ffffff" and strftime('%s') reads it as UTC, but rounds to
    # the millisecond first (23:59:59.9999 would become the next day): cut the fraction off.
    return cast(func.strftime("%s", func.substr(column, 1, 19)), BigInteger)


def local_day_number(column, dialect: str, zone_name: str, first: datetime, last: datetime):
    """Days since 1970-01-01 in the local zone, as an SQL expression: the UTC offset in force at
    each moment (a CASE over the clock changes between first and last) added before dividing."""
    segments = offset_segments(zone_name, first, last)
    if len(segments) == 1:
        offset = segments[0][1]
    else:
        whens = [(column < changes_at, segments[index][1]) for index, (changes_at, _)
                 in enumerate(segments[1:])]
        offset = case(*whens, else_=segments[-1][1])
    return (_epoch_seconds(column, dialect) + offset) // DAY_SECONDS


# -- the summaries -------------------------------------------------------------------------------

def spread_from_counts(shape: QuestionShape, counts) -> ScaleSpread:
    on_scale = sum(counts.get(point.id, 0) for point in shape.points)
    agreeing = sum(counts.get(point.id, 0) for point in shape.points if point.value in AGREEING)
    median = None
    wanted, seen = (on_scale + 1) // 2, 0
    for point in shape.points:
        seen += counts.get(point.id, 0)
        if on_scale and seen >= wanted:
            median = point.id
            break
    return ScaleSpread(on_scale=on_scale, agreeing=agreeing, median_option_id=median)


def _overview(consultation_id: int, where: ResponseFilter, zone: str, dialect: str) -> Overview:
    conditions = response_conditions(consultation_id, where)
    total, first, last = db.session.execute(
        select(func.count(), func.min(Response.submitted_at), func.max(Response.submitted_at)).where(*conditions)
    ).one()
    by_channel: dict[str, int] = {}
    by_language: dict[str, int] = {}
    by_register: dict[str, int] = {}
    groups = db.session.execute(
        select(Response.channel, Response.language, Response.register, func.count())
        .where(*conditions).group_by(Response.channel, Response.language, Response.register)
    )
    # At most channels x languages x registers rows: adding them up here is not a loop over responses.
    for channel, language, register, count in groups:
        by_channel[channel] = by_channel.get(channel, 0) + count
        by_language[language] = by_language.get(language, 0) + count
        by_register[register] = by_register.get(register, 0) + count
    by_day = {}
    if total:
        # Group by the day in a subquery, then by its column: PostgreSQL cannot match a GROUP BY
        # expression to the selected one when each carries its own bound parameters.
        days = select(local_day_number(Response.submitted_at, dialect, zone, first, last).label("day")) \
            .where(*conditions).subquery()
        epoch = datetime(1970, 1, 1).date()
        for day, count in db.session.execute(select(days.c.day, func.count()).group_by(days.c.day)):
            by_day[epoch + timedelta(days=int(day))] = count
    return Overview(total=total, by_day=by_day, by_channel=by_channel, by_language=by_language,
                    by_register=by_register)


def _scoped(query, consultation_id: int, where: ResponseFilter):
    """Answers of the responses the filter keeps. Without a filter no join is needed: the question
    ids in each query already belong to this consultation."""
    if where.is_empty:
        return query
    return query.join(Response, Response.id == Answer.response_id).where(*response_conditions(consultation_id, where))


def _question_column(where: ResponseFilter):
    """``answer.question_id`` as the WHERE clauses should name it. With a filter, SQLite is fastest
    reading the kept responses' answers through the response index (they lie together in the
    table), but its planner takes the question index and jumps about: 5 times slower for a
    cross-tab at 10,000 responses. ``question_id + 0`` is SQLite's documented way to rule an index
    out. PostgreSQL chooses well by itself once it has statistics, and is better left to: measured
    with them, ``+ 0`` cost it 60% more for a filter that keeps most responses."""
    if not where.is_empty and db.session.get_bind().dialect.name == "sqlite":
        return Answer.question_id + 0
    return Answer.question_id


def _asked_answer_rows(shapes, by_id, question) -> object:
    """Answer rows of a question the response was asked (see the module's note)."""
    always = [shape.id for shape in shapes if shape.condition is None]
    clauses = [question.in_(always)] if always else []
    for shape in shapes:
        if shape.condition is not None:
            clauses.append(and_(question == shape.id, *_asked(shape, by_id, Answer.response_id)))
    return or_(*clauses) if clauses else false()


def _per_question(columns, shapes, by_id, consultation_id: int, where: ResponseFilter, condition, group_by) -> list:
    """Counts over the answer rows of ``shapes`` where each question was asked, in one statement:
    one SELECT ... GROUP BY for the questions everyone is asked, UNION ALL one for each question
    with a branching rule. Kept apart, each part can use the (question, option) index; joined by
    OR into one WHERE, SQLite reads every row from the table instead (twice as slow at 10,000)."""
    always = [shape.id for shape in shapes if shape.condition is None]
    question = _question_column(where)
    parts = []
    if always:
        parts.append(_scoped(select(*columns).select_from(Answer), consultation_id, where)
                     .where(question.in_(always), condition).group_by(*group_by))
    for shape in shapes:
        if shape.condition is not None:
            parts.append(_scoped(select(*columns).select_from(Answer), consultation_id, where)
                         .where(question == shape.id, *_asked(shape, by_id, Answer.response_id), condition)
                         .group_by(*group_by))
    if not parts:
        return []
    return db.session.execute(parts[0] if len(parts) == 1 else union_all(*parts)).all()


def _has_value(shapes, question) -> object:
    """The row holds the kind of value its question takes (an option, a number, a text, an amount, a date)."""
    ids = {kind: [shape.id for shape in shapes if shape.shape in kinds]
           for kind, kinds in (("option", OPTION_SHAPES), ("number", (NUMBER,)), ("text", (TEXT,)),
                               ("amount", (DECIMAL,)), ("date", (DATE,)))}
    clauses = []
    if ids["amount"]:
        clauses.append(and_(question.in_(ids["amount"]), Answer.amount.is_not(None)))
    if ids["date"]:
        clauses.append(and_(question.in_(ids["date"]), Answer.date.is_not(None)))
    if ids["option"]:
        clauses.append(and_(question.in_(ids["option"]), Answer.option_id.is_not(None)))
    if ids["number"]:
        clauses.append(and_(question.in_(ids["number"]), Answer.number.is_not(None)))
    if ids["text"]:
        clauses.append(and_(question.in_(ids["text"]), Answer.text.is_not(None)))
    return or_(*clauses) if clauses else false()


def _asked_counts(consultation_id: int, shapes, by_id, where: ResponseFilter, total: int) -> dict[int, int]:
    counts = {shape.id: total for shape in shapes if shape.condition is None}
    conditional = [shape for shape in shapes if shape.condition is not None]
    if conditional and total:
        columns = [
            select(func.count()).select_from(Response)
            .where(*response_conditions(consultation_id, where), *_asked(shape, by_id, Response.id))
            .scalar_subquery().label(f"q{shape.id}")
            for shape in conditional
        ]
        row = db.session.execute(select(*columns)).one()
        counts.update({shape.id: value for shape, value in zip(conditional, row)})
    else:
        counts.update({shape.id: 0 for shape in conditional})
    return counts


def _number_stats(consultation_id: int, shapes, by_id, where: ResponseFilter) -> dict[int, NumberStats]:
    numbered = [shape for shape in shapes if shape.shape == NUMBER]
    if not numbered:
        return {}
    ranked = _scoped(
        select(
            Answer.question_id, Answer.number,
            func.row_number().over(partition_by=Answer.question_id, order_by=Answer.number).label("place"),
            func.count().over(partition_by=Answer.question_id).label("n"),
        ).select_from(Answer),
        consultation_id, where,
    ).where(_asked_answer_rows(numbered, by_id, _question_column(where)), Answer.number.is_not(None)).subquery()
    # The median: the middle value, or the mean of the two middle values (integer division picks
    # both middles of an even count and the one middle, twice, of an odd count).
    middle = or_(ranked.c.place == (ranked.c.n + 1) // 2, ranked.c.place == (ranked.c.n + 2) // 2)
    rows = db.session.execute(
        select(ranked.c.question_id, func.max(ranked.c.n), func.min(ranked.c.number), func.max(ranked.c.number),
               func.avg(case((middle, ranked.c.number))))
        .group_by(ranked.c.question_id)
    )
    return {question_id: NumberStats(int(n), low, float(median), high)
            for question_id, n, low, high, median in rows}


def summarise(consultation_id: int, shapes, where: ResponseFilter = ResponseFilter(),
              zone: str = "Europe/London") -> Results:
    shapes = tuple(shapes)
    # Without a filter, or by one answer (the cross-tab), the counts kept up as responses come and go
    # (consult/results/counts.py), when they are there.
    from consult.results import counts

    segment = counts.segment_of(where)
    if segment is not None:
        counted = counts.counted_results(consultation_id, shapes, zone, segment)
        if counted is not None:
            return counted
    return summarise_answers(consultation_id, shapes, where, zone)


def summarise_answers(consultation_id: int, shapes, where: ResponseFilter = ResponseFilter(),
                      zone: str = "Europe/London") -> Results:
    """``summarise`` counted from the answer rows themselves, whatever the counts kept ahead say."""
    shapes = tuple(shapes)
    by_id = {shape.id: shape for shape in shapes}
    dialect = db.session.get_bind().dialect.name
    overview = _overview(consultation_id, where, zone, dialect)
    asked = _asked_counts(consultation_id, shapes, by_id, where, overview.total)

    answered: dict[int, int] = {}
    option_counts: dict[int, dict[int, int]] = {}
    numbers: dict[int, NumberStats] = {}
    amounts: dict = {}
    dates: dict = {}
    statements: dict = {}
    ranks: dict = {}
    if shapes and overview.total:
        # One pass over the answers counts the rows of each (question, option). A response stores one
        # row per answer, and one per chosen option (submit_draft writes each option once), so these
        # are the options' counts, and, added up, the people who answered a question with one row per
        # person (a number's or a text's rows have no option). Only multiple choice, with several rows
        # per person, needs count(DISTINCT response_id): ten times slower in SQLite, so it runs alone.
        single_row = {shape.id for shape in shapes if shape.shape not in SEVERAL_ROWS}
        several = [shape for shape in shapes if shape.shape in SEVERAL_ROWS]
        rows = _per_question([Answer.question_id, Answer.option_id, func.count()], shapes, by_id, consultation_id,
                             where, _has_value(shapes, _question_column(where)), [Answer.question_id, Answer.option_id])
        for question_id, option_id, count in rows:
            if question_id in single_row:
                answered[question_id] = answered.get(question_id, 0) + count
            if option_id is not None:
                option_counts.setdefault(question_id, {})[option_id] = count
        if several:
            answered.update(_per_question([Answer.question_id, func.count(Answer.response_id.distinct())], several,
                                          by_id, consultation_id, where, _has_value(several, _question_column(where)),
                                          [Answer.question_id]))
        numbers = _number_stats(consultation_id, shapes, by_id, where)
        amounts = analysis_values.sql_amount_stats(consultation_id, shapes, by_id, where)
        dates = analysis_values.sql_date_stats(consultation_id, shapes, by_id, where)
        statements = analysis_grids.sql_statement_counts(consultation_id, shapes, by_id, where)
        ranks = analysis_grids.sql_rank_stats(consultation_id, shapes, by_id, where)

    summaries = {}
    for shape in shapes:
        counts = {}
        if shape.shape in (SINGLE, MULTIPLE):
            found = option_counts.get(shape.id, {})
            counts = {option.id: found.get(option.id, 0) for option in shape.options}
        summaries[shape.id] = QuestionSummary(
            question_id=shape.id, asked=asked[shape.id], answered=answered.get(shape.id, 0), options=counts,
            numbers=numbers.get(shape.id), amounts=amounts.get(shape.id), dates=dates.get(shape.id),
            statements=statements.get(shape.id, {}), ranks=ranks.get(shape.id, {}), spread=spread_from_counts(shape, counts) if shape.is_scale else None,
        )
    return Results(overview=overview, questions=summaries)
