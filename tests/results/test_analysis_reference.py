"""The SQL summaries agree with the plain-Python reference on random consultations (hypothesis).

Random consultations have every question type, "None of these" and "Prefer not to say", branching
on earlier questions (and, as a stored rule can, on later ones, which Journey ignores), optional
questions left empty, and now and then an answer left over from a rule that changed. Responses are
spread around the clock changes and around midnight, so the Europe/London days are tested too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consult.extensions import db
from consult.results import analysis, reference
from consult.results.plain import ResponseFilter, shape_of
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation, plain_responses

KINDS = ["single_choice", "multiple_choice", "yes_no", "agree_scale", "number", "short_text", "long_text"]
CHOICE_KINDS = {"single_choice", "multiple_choice", "yes_no", "agree_scale"}
BUILT_IN = {"yes_no": ["yes", "no", "not_sure"], "agree_scale": ["p1", "p2", "p3", "p4", "p5", "dont_know"]}
CHANNELS = ["online", "paper", "phone", "event", "assisted"]

# Moments around the spring and autumn clock changes (01:00 UTC) and around midnight in summer
# time (23:00 UTC): where a wrong time-zone rule puts a response on the wrong day.
WINDOWS = [
    (datetime(2027, 3, 27, 22), datetime(2027, 3, 28, 3)),
    (datetime(2027, 10, 30, 22), datetime(2027, 10, 31, 3)),
    (datetime(2027, 6, 14, 22, 30), datetime(2027, 6, 15, 1, 30)),
    (datetime(2027, 1, 5, 23, 30), datetime(2027, 1, 6, 0, 30)),
]
moments = st.one_of(*[st.datetimes(min_value=low, max_value=high) for low, high in WINDOWS])


@dataclass
class Case:
    questions: list[QuestionSpec]
    responses: list[ResponseSpec]
    filter: dict
    threshold: int = 5


def _options(spec: QuestionSpec) -> list[str]:
    """Kinds of the question's options, in the order add_question makes them."""
    kinds = ["answer"] * len(spec.answers)
    if spec.kind == "yes_no":
        kinds = ["answer"] * 3
    if spec.kind == "agree_scale":
        kinds = ["answer"] * 5 + ["dont_know"]
    if spec.none:
        kinds.append("none")
    if spec.prefer_not:
        kinds.append("prefer_not")
    return kinds


@st.composite
def questions(draw):
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=6))
    specs = []
    for kind in kinds:
        answers = [f"Answer {n}" for n in range(draw(st.integers(2, 4)))] if kind in ("single_choice", "multiple_choice") else []
        specs.append(QuestionSpec(
            kind=kind, answers=answers,
            none=kind == "multiple_choice" and draw(st.booleans()),
            prefer_not=kind in ("single_choice", "multiple_choice") and draw(st.booleans()),
            required=draw(st.booleans()),
        ))
    for index, spec in enumerate(specs):
        sources = [n for n, other in enumerate(specs) if n != index and other.kind in CHOICE_KINDS]
        # Mostly earlier questions, as the builder allows; sometimes a later one, which is ignored.
        if sources and draw(st.booleans()):
            source = draw(st.sampled_from(sources))
            count = len(_options(specs[source]))
            chosen = draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=count, unique=True))
            spec.condition = (source, sorted(chosen))
    return specs


def _asked(specs, chosen: dict[int, set[int]]) -> set[int]:
    asked = set()
    for index, spec in enumerate(specs):
        if spec.condition is None or spec.condition[0] > index:
            asked.add(index)
        elif spec.condition[0] in asked and chosen.get(spec.condition[0], set()) & set(spec.condition[1]):
            asked.add(index)
    return asked


@st.composite
def an_answer(draw, spec: QuestionSpec):
    kinds = _options(spec)
    if spec.kind == "multiple_choice":
        specials = [n for n, kind in enumerate(kinds) if kind != "answer"]
        ordinary = [n for n, kind in enumerate(kinds) if kind == "answer"]
        if specials and draw(st.integers(0, 3)) == 0:
            return [draw(st.sampled_from(specials))]
        return sorted(draw(st.lists(st.sampled_from(ordinary), min_size=1, max_size=len(ordinary), unique=True)))
    if spec.kind in CHOICE_KINDS:
        return [draw(st.integers(0, len(kinds) - 1))]
    if spec.kind == "number":
        return draw(st.integers(-5, 60))
    return draw(st.sampled_from(["yes", "A longer answer", "\u0645\u0631\u062d\u0628\u0627"]))


@st.composite
def responses(draw, specs):
    made = []
    for _ in range(draw(st.integers(0, 14))):
        answers: dict = {}
        chosen: dict[int, set[int]] = {}
        for index, spec in enumerate(specs):
            # Decide "asked" as the resident goes, from the answers given so far.
            asked = _asked(specs[: index + 1], chosen)
            if index in asked:
                if draw(st.integers(0, 4)) == 0:
                    continue  # skipped (an optional question left empty)
            elif draw(st.integers(0, 3)) != 0:
                continue  # not asked, so nothing stored ...
            # ... except, rarely, an answer left over from a rule changed after it was given
            value = draw(an_answer(spec))
            answers[index] = value
            if isinstance(value, list):
                chosen[index] = set(value)
        made.append(ResponseSpec(
            submitted_at=draw(moments), answers=answers, channel=draw(st.sampled_from(CHANNELS)),
            language=draw(st.sampled_from(["en", "cy", "ar"])), register=draw(st.sampled_from(["standard", "easy"])),
        ))
    return made


@st.composite
def cases(draw):
    specs = draw(questions())
    made = draw(responses(specs))
    choice = [(n, len(_options(spec))) for n, spec in enumerate(specs) if spec.kind in CHOICE_KINDS]
    where = {}
    if draw(st.booleans()):
        where["start"] = draw(moments)
    if draw(st.booleans()):
        where["end"] = draw(moments)
    if draw(st.integers(0, 3)) == 0:
        where["channel"] = draw(st.sampled_from(CHANNELS))
    if draw(st.integers(0, 3)) == 0:
        where["language"] = draw(st.sampled_from(["en", "cy"]))
    if draw(st.integers(0, 3)) == 0:
        where["register"] = draw(st.sampled_from(["standard", "easy"]))
    if choice and draw(st.integers(0, 2)) == 0:
        index, count = draw(st.sampled_from(choice))
        where["option"] = (index, draw(st.integers(0, count - 1)))
    return Case(specs, made, where)


def _filter(consultation, where: dict) -> ResponseFilter:
    option = where.get("option")
    option_id = consultation.questions[option[0]].options[option[1]].id if option else None
    return ResponseFilter(start=where.get("start"), end=where.get("end"), channel=where.get("channel"),
                          language=where.get("language"), register=where.get("register"), option_id=option_id)


def _both(case: Case):
    consultation = make_consultation(case.questions)
    add_responses(consultation, case.responses)
    where = _filter(consultation, case.filter)
    shapes = shape_of(consultation)
    got = analysis.summarise(consultation.id, shapes, where)
    expected = reference.summarise(shapes, plain_responses(consultation.id), where)
    return got, expected


@settings(max_examples=75, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=cases())
def test_sql_summaries_match_the_reference(app, case):
    with app.app_context():
        try:
            got, expected = _both(case)
        finally:
            db.session.rollback()  # nothing is committed: every example starts from empty tables
    assert got.overview == expected.overview
    for question_id, summary in expected.questions.items():
        assert got.questions[question_id] == summary, f"question {question_id}"
    assert got == expected


def test_branching_counts_only_the_people_asked(app):
    """A worked example: Q2 is asked only after "Yes" to Q1, Q3 only after "Bus" to Q2."""
    specs = [
        QuestionSpec("yes_no"),
        QuestionSpec("single_choice", ["Bus", "Car"], prefer_not=True, condition=(0, [0])),
        QuestionSpec("number", condition=(1, [0])),
    ]
    when = datetime(2027, 3, 10, 12)
    given_answers = [
        {0: [0], 1: [0], 2: 4},  # yes, bus, 4
        {0: [0], 1: [0], 2: 10},  # yes, bus, 10
        {0: [0], 1: [2]},  # yes, prefer not to say
        {0: [0]},  # yes, then skipped Q2 (so never asked Q3)
        {0: [1]},  # no
        {0: [1], 2: 99},  # no, with a number left over from an old rule: never counted
    ]
    with app.app_context():
        consultation = make_consultation(specs)
        add_responses(consultation, [ResponseSpec(when + timedelta(minutes=n), a) for n, a in enumerate(given_answers)])
        shapes = shape_of(consultation)
        results = analysis.summarise(consultation.id, shapes)
        q1, q2, q3 = (results.questions[q.id] for q in consultation.questions)
        bus, car, prefer_not = (o.id for o in consultation.questions[1].options)
        db.session.rollback()
    assert (q1.asked, q1.answered) == (6, 6)
    assert (q2.asked, q2.answered, q2.skipped) == (4, 3, 1)
    assert q2.options == {bus: 2, car: 0, prefer_not: 1}
    assert (q3.asked, q3.answered) == (2, 2)
    assert (q3.numbers.count, q3.numbers.minimum, q3.numbers.median, q3.numbers.maximum) == (2, 4, 7.0, 10)
    assert results.overview.total == 6 and results.overview.by_day == {when.date(): 6}


def test_a_leftover_answer_does_not_open_a_branch(app):
    """Q3 needs "Bus" to Q2, and Q2 needs "Yes" to Q1. A response that said "No" to Q1 but still
    holds a "Bus" for Q2 (from a rule changed later) was asked neither Q2 nor Q3."""
    specs = [
        QuestionSpec("yes_no"),
        QuestionSpec("single_choice", ["Bus", "Car"], condition=(0, [0])),
        QuestionSpec("yes_no", condition=(1, [0])),
    ]
    with app.app_context():
        consultation = make_consultation(specs)
        add_responses(consultation, [ResponseSpec(datetime(2027, 3, 10, 12), {0: [1], 1: [0], 2: [0]}),
                                     ResponseSpec(datetime(2027, 3, 10, 12), {0: [0], 1: [0], 2: [1]})])
        shapes = shape_of(consultation)
        got = analysis.summarise(consultation.id, shapes)
        expected = reference.summarise(shapes, plain_responses(consultation.id))
        q3 = consultation.questions[2].id
        db.session.rollback()
    assert got == expected
    assert (got.questions[q3].asked, got.questions[q3].answered) == (1, 1)


def test_agree_scale_spread(app):
    with app.app_context():
        consultation = make_consultation([QuestionSpec("agree_scale")])
        # 3 strongly agree, 1 agree, 2 disagree, 1 don't know, 1 skipped
        chosen = [0, 0, 0, 1, 3, 3, 5]
        add_responses(consultation, [ResponseSpec(datetime(2027, 3, 10, 12), {0: [c]}) for c in chosen]
                      + [ResponseSpec(datetime(2027, 3, 10, 13), {})])
        question = consultation.questions[0]
        summary = analysis.summarise(consultation.id, shape_of(consultation)).questions[question.id]
        ids = [o.id for o in question.options]
        db.session.rollback()
    assert (summary.asked, summary.answered, summary.skipped) == (8, 7, 1)
    assert summary.spread.on_scale == 6 and summary.spread.agreeing == 4
    # In scale order: SA SA SA A D D; the lower median is the 3rd answer: Strongly agree.
    assert summary.spread.median_option_id == ids[0]
    assert summary.options[ids[5]] == 1  # "Don't know" is counted apart from the scale


def test_days_follow_london_time_across_the_clock_change(app):
    with app.app_context():
        consultation = make_consultation([QuestionSpec("short_text")])
        add_responses(consultation, [
            ResponseSpec(datetime(2027, 3, 27, 23, 59, 59, 900000), {0: "a"}),  # 27 March in London (GMT)
            ResponseSpec(datetime(2027, 3, 28, 23, 0, 0), {0: "b"}),  # midnight BST: 29 March in London
            ResponseSpec(datetime(2027, 3, 28, 22, 59, 59, 999999), {0: "c"}),  # still 28 March
        ])
        days = analysis.summarise(consultation.id, shape_of(consultation)).overview.by_day
        db.session.rollback()
    assert {d.isoformat(): n for d, n in days.items()} == {"2027-03-27": 1, "2027-03-28": 1, "2027-03-29": 1}


def test_offset_segments_find_the_clock_changes():
    segments = analysis.offset_segments("Europe/London", datetime(2027, 1, 1), datetime(2027, 12, 31))
    assert segments == [(None, 0), (datetime(2027, 3, 28, 1), 3600), (datetime(2027, 10, 31, 1), 0)]
