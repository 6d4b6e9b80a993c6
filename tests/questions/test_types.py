"""Every question type: validation, storage rows, and the round trip back to a value."""

from __future__ import annotations

import pytest

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models._time import utcnow
from consult.questions import REGISTRY, get_type
from consult.questions.base import AnswerRow


@pytest.fixture
def consultation(app):
    with app.test_request_context():
        now = utcnow()
        c = create_consultation("types", title="Types", summary="All the types", opens_at=now, closes_at=now)
        yield c
        db.session.rollback()


def make(consultation, kind, **kwargs):
    return add_question(consultation, kind, f"A {kind} question", **kwargs)


def ids(question, *labels):
    found = {option.label.variants[0].body: str(option.id) for option in question.options}
    return [found[label] for label in labels]


def round_trip(question, value):
    qtype = question.type
    rows = qtype.rows(question, value)
    assert all(isinstance(row, AnswerRow) for row in rows)
    return qtype.value_from_rows(question, rows)


def test_registry_has_every_type_once():
    assert set(REGISTRY) == {"single_choice", "multiple_choice", "short_text", "long_text", "yes_no",
                             "agree_scale", "number",
                             "email", "phone", "postcode", "address",
                             "date", "decimal", "money",
                             "grid", "ranking"}
    with pytest.raises(LookupError):
        get_type("essay")


def test_single_choice(consultation):
    q = make(consultation, "single_choice", options=["Red", "Blue"], prefer_not_option="Prefer not to say")
    red, blue, prefer = ids(q, "Red", "Blue", "Prefer not to say")
    assert q.type.check(q, [red]).value == int(red)
    assert q.type.check(q, [prefer]).value == int(prefer)
    assert q.type.check(q, []).error == "Select an answer"
    assert q.type.check(q, [red, blue]).error == "Select only one answer"
    assert q.type.check(q, ["999999"]).error == "Select one of the answers shown"
    assert q.type.check(q, ["<script>"]).error
    assert round_trip(q, int(blue)) == int(blue)
    assert [row.option_id for row in q.type.rows(q, int(blue))] == [int(blue)]


def test_single_choice_optional_can_be_empty(consultation):
    q = make(consultation, "single_choice", options=["Red", "Blue"], required=False)
    parsed = q.type.check(q, [])
    assert parsed.value is None and parsed.error is None


def test_multiple_choice_with_exclusive_none(consultation):
    q = make(consultation, "multiple_choice", options=["Frame", "Stick", "Bed"], none_option="None of these")
    frame, bed, none = ids(q, "Frame", "Bed", "None of these")
    assert q.type.check(q, [bed, frame]).value == [int(bed), int(frame)]
    assert q.type.check(q, [frame, frame]).value == [int(frame)]
    assert q.type.check(q, [none]).value == [int(none)]
    assert "on its own" in q.type.check(q, [frame, none]).error
    assert q.type.check(q, []).error == "Select at least one answer"
    # Stored one row per option; read back in the order the options are shown.
    assert len(q.type.rows(q, [int(bed), int(frame)])) == 2
    assert round_trip(q, [int(bed), int(frame)]) == [int(frame), int(bed)]


def test_yes_no_creates_its_own_options(consultation):
    q = make(consultation, "yes_no")
    assert [option.value for option in q.options] == ["yes", "no", "not_sure"]
    yes, = ids(q, "Yes")
    assert q.type.check(q, [yes]).value == int(yes)
    assert q.type.check(q, []).error == "Select yes, no or not sure"


def test_agree_scale_has_five_points_and_dont_know(consultation):
    q = make(consultation, "agree_scale")
    assert [option.value for option in q.options] == [
        "agree_strongly", "agree", "neutral", "disagree", "disagree_strongly", "dont_know"]
    assert q.options[-1].kind == "dont_know" and q.options[-1].is_exclusive
    dont_know, = ids(q, "Don’t know")
    assert round_trip(q, int(dont_know)) == int(dont_know)


def test_agree_scale_labels_are_stored_in_each_offered_language(app):
    with app.test_request_context():
        now = utcnow()
        c = create_consultation("bilingual", title="T", summary="S", opens_at=now, closes_at=now,
                                other_languages=["cy"])
        q = add_question(c, "agree_scale", "Prompt")
        languages = {variant.language for variant in q.options[0].label.variants}
        assert languages == {"en", "cy"}
        db.session.rollback()


@pytest.mark.parametrize("kind,limit", [("short_text", 200), ("long_text", 1200)])
def test_text_types(consultation, kind, limit):
    q = make(consultation, kind)
    assert q.type.check(q, ["  hello \r\n world  "]).value == "hello \n world"
    assert q.type.check(q, ["   "]).error == "Enter your answer"
    assert q.type.check(q, ["x" * limit]).value == "x" * limit
    assert str(limit) in q.type.check(q, ["x" * (limit + 1)]).error
    markup = "<script>alert(1)</script>"
    assert round_trip(q, markup) == markup
    assert q.type.rows(q, "words") == [AnswerRow(text="words")]


def test_text_limit_is_a_setting(consultation):
    q = make(consultation, "short_text", settings={"max_length": 5})
    assert q.type.check(q, ["123456"]).error == "Your answer must be 5 characters or fewer"


@pytest.mark.parametrize("typed,expected", [("0", 0), ("12", 12), (" 7 ", 7), ("1,200", 1200), ("-3", -3)])
def test_number_accepts_whole_numbers(consultation, typed, expected):
    q = make(consultation, "number")
    assert q.type.check(q, [typed]).value == expected


@pytest.mark.parametrize("typed", ["three", "1.5", "12a", "1,20", "--1", "1e3"])
def test_number_rejects_what_is_not_a_whole_number(consultation, typed):
    q = make(consultation, "number")
    assert q.type.check(q, [typed]).error == "Enter a whole number, like 12"


def test_number_range(consultation):
    both = make(consultation, "number", settings={"min": 0, "max": 365})
    assert both.type.check(both, ["366"]).error == "Enter a number from 0 to 365"
    assert both.type.check(both, ["-1"]).error == "Enter a number from 0 to 365"
    low = make(consultation, "number", settings={"min": 1})
    assert low.type.check(low, ["0"]).error == "Enter a number that is 1 or more"
    high = make(consultation, "number", settings={"max": 10})
    assert high.type.check(high, ["11"]).error == "Enter a number that is 10 or less"
    assert round_trip(both, 42) == 42
    assert both.type.check(both, []).error == "Enter a number"
