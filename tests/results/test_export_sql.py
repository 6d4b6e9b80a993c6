"""The CSV PostgreSQL writes (consult/results/export_sql.py) against the Python writer's, cell for cell.

One consultation with a question of every type whose cells PostgreSQL can make, branching, words
that start like formulas or hold commas, quotes and new lines, "Other" words beside an option,
several options chosen out of order, a grid, a ranking, a response with no answers, one typed in
by staff, in English and in Welsh. PostgreSQL only (TEST_DATABASE_URL); on SQLite the one test
that runs checks that the Python writer is used.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from consult.extensions import db
from consult.models import Answer, Response
from consult.questions import REGISTRY

# Types whose cells are made in Python only: an export with one of them is written by Python.
PYTHON_ONLY = {"address", "phone"}
KINDS = sorted(set(REGISTRY) - PYTHON_ONLY)


def _postgresql() -> bool:
    return db.engine.dialect.name == "postgresql"


def _rows(chunks) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(chunks).lstrip("\ufeff"), newline="")))


def _make(slug: str, kinds: list[str], anonymous: bool = True):
    """A published consultation, in English and Welsh, with a question of each kind; the second is asked
    only of people who chose the first option of the first (a single choice)."""
    from consult.build.questions import add_question, set_condition
    from consult.build.services import create_consultation

    now = datetime(2027, 3, 1, 9, 0)
    consultation = create_consultation(slug, title={"en": "Every type", "cy": "Pob math"}, summary="All of them.",
                                       opens_at=now, closes_at=now + timedelta(days=60), other_languages=["cy"],
                                       anonymous=anonymous, status="published")
    questions = [add_question(consultation, "single_choice", "=Which bus?", options=["+1 The one", "Walk", "Other"])]
    for kind in kinds:
        qtype = REGISTRY[kind]
        options = ["-2 First", "Second, with a comma", "Third"] if qtype.has_options and not qtype.fixed_options else ()
        questions.append(add_question(consultation, kind, f"About {kind}?", options=options, required=False))
    set_condition(questions[1], [questions[0].options[0]])
    for question in questions:
        question.prompt.set("cy", f"Cwestiwn {question.position}?")
        for option in question.options:
            option.label.set("cy", f"@Dewis {option.position}")
    db.session.flush()
    return consultation, questions


def _answers(question, variant: int) -> list[dict]:
    """Answer rows for ``question``, different for each ``variant`` (0, 1, 2)."""
    qtype, options = question.type, list(question.options)
    if qtype.key == "grid":
        points = qtype.points(question)
        return [{"statement_option_id": statement.id, "option_id": points[(index + variant) % len(points)].id}
                for index, statement in enumerate(qtype.statements(question))]
    if qtype.key == "ranking":
        items = qtype.items(question)
        return [{"option_id": item.id, "number": (index + variant) % len(items) + 1} for index, item in enumerate(items)]
    if qtype.key == "multiple_choice":
        chosen = [options[2], options[0]] if variant != 1 else [options[1]]  # saved out of the options' order
        return [{"option_id": option.id, "text": "=my words" if variant == 2 and option is options[0] else None}
                for option in chosen]
    if qtype.has_options:
        return [{"option_id": options[variant % len(options)].id, "text": "Over there, \"by\" the\nshop" if variant == 2 else None}]
    written = ["=SUM(A1)", "Two lines,\nand \"quotes\"", "\tTabbed"][variant]
    # A new type fails here until it has answers of its own.
    return [{
        "number": {"number": [-2, 0, 41][variant]},
        "decimal": {"amount": [Decimal("12.500"), Decimal("-0.125"), Decimal("3")][variant]},
        "money": {"amount": [Decimal("12.5"), Decimal("0"), Decimal("1200")][variant]},
        "date": {"date": [date(2027, 1, 2), date(1999, 12, 31), date(2030, 6, 15)][variant]},
        "email": {"text": ["a@example.org", "+b@example.org", "c@example.org"][variant]},
        "postcode": {"text": ["CF10 1AA", "SA1 1AA", "LL55 4UR"][variant]},
        "short_text": {"text": written},
        "long_text": {"text": written},
    }[qtype.key]]


def _respond(consultation, questions, prefix: str, staff_id=None) -> None:
    """Six responses: every answer (three ways), none at all, branching that skips question 2, staff's."""
    specs = [
        dict(variant=0, skip=set(), channel="online", language="en", register="standard"),
        dict(variant=1, skip={1}, channel="paper", language="cy", register="easy"),
        dict(variant=2, skip={1}, channel="phone", language="en", register="standard", entered_by_id=staff_id,
             helped_by="=Advocate"),
        dict(variant=0, skip=set(range(len(questions))), channel="event", language="cy", register="standard"),
        dict(variant=2, skip={2, 3}, channel="assisted", language="en", register="easy", helped_by=""),
        dict(variant=1, skip=set(), channel="online", language="en", register="standard"),
    ]
    for number, spec in enumerate(specs):
        moment = datetime(2027, 6, 30, 23, 30) + timedelta(hours=number)  # across midnight in London (BST)
        response = Response(consultation_id=consultation.id, reference=f"{prefix}-{number:03d}-ABC",
                            idempotency_key=f"export-sql-{consultation.id}-{number}", channel=spec["channel"],
                            language=spec["language"], register=spec["register"], started_at=moment - timedelta(minutes=5),
                            submitted_at=moment, entered_by_id=spec.get("entered_by_id"), helped_by=spec.get("helped_by"))
        db.session.add(response)
        db.session.flush()
        for index, question in enumerate(questions):
            if index in spec["skip"]:
                continue
            # The first question's answer decides whether the second is asked: vary it with the response.
            variant = number % 3 if index == 0 else spec["variant"]
            for row in _answers(question, variant):
                db.session.add(Answer(response_id=response.id, question_id=question.id, **row))
    db.session.flush()


def _both(app, slug: str, language: str = "en") -> tuple[list, list]:
    """(PostgreSQL's rows, Python's rows) of the export in ``language``."""
    from consult.loading import load_consultation
    from consult.results import export_sql, exports

    with app.test_request_context():
        consultation = load_consultation(slug)
        copied = export_sql.copied_chunks(exports.prepare_sheet(consultation, language, "en"))
        assert copied is not None, "PostgreSQL should write this export"
        sql = _rows(copied)
        python = _rows(exports.csv_chunks(exports.prepare_sheet(consultation, language, "en")))
    return sql, python


@pytest.fixture
def every_type(app):
    from consult.auth.services import create_staff

    with app.app_context():
        if not _postgresql():
            pytest.skip("PostgreSQL writes the CSV on PostgreSQL only: run with TEST_DATABASE_URL")
        clerk = create_staff("clerk@example.org", "a long enough password", "editor")
        consultation, questions = _make("every-type", KINDS)
        _respond(consultation, questions, "SQL", clerk.id)
        named, named_questions = _make("every-type-named", KINDS, anonymous=False)
        _respond(named, named_questions, "NMD")
        db.session.commit()
    return "every-type"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_postgresql_writes_the_same_cells_as_python(app, every_type, language):
    sql, python = _both(app, every_type, language)
    assert len(python) == 7 and len(python[0]) > 20
    assert sql == python
    # Some cells are worth seeing with one's own eyes, not only as equal.
    by_reference = {row[0]: row for row in sql[1:]}
    assert by_reference["SQL-002-ABC"][6] == "'=Advocate"  # helped by, neutralised
    assert sql[0][-1] and by_reference["SQL-001-ABC"][-1] == "2"  # question 2 was not asked


def test_richer_branching_gives_the_same_verdicts(app, monkeypatch):
    """Exit, skip-to, ALL and ANY rules, a comparison of numbers, "answered" and "not chosen":
    every mix of the answers they read, walked once each by the journey's rule."""
    from tests.branching_helpers import make_rules_consultation

    with app.app_context():
        if not _postgresql():
            pytest.skip("PostgreSQL writes the CSV on PostgreSQL only: run with TEST_DATABASE_URL")
        made = make_rules_consultation()
        cardiff, age, drive, town, more = made["ids"]
        moment = datetime(2027, 3, 5, 10, 30)
        number = 0
        for lives in (made["yes"], made["no"], None):
            for years in (10, 17, 40, None):
                for drives in (made["often"], made["never"], None):
                    rows = [(cardiff, {"option_id": lives}), (age, {"number": years}), (drive, {"option_id": drives}),
                            (town, {"text": "Barry" if number % 2 else None}), (more, {"text": "More words"})]
                    response = Response(consultation_id=made["id"], reference=f"RUL-{number:03d}-ABC",
                                        idempotency_key=f"rules-{number}", channel="online", language="en",
                                        register="standard", started_at=moment, submitted_at=moment)
                    db.session.add(response)
                    db.session.flush()
                    db.session.add_all(Answer(response_id=response.id, question_id=question_id, **row)
                                       for question_id, row in rows if any(value is not None for value in row.values()))
                    number += 1
        # Ten who chose alike and named different towns: a text is never a set of its own.
        for town_number in range(10):
            response = Response(consultation_id=made["id"], reference=f"TWN-{town_number:03d}-ABC",
                                idempotency_key=f"rules-town-{town_number}", channel="online", language="en",
                                register="standard", started_at=moment, submitted_at=moment)
            db.session.add(response)
            db.session.flush()
            db.session.add_all([Answer(response_id=response.id, question_id=cardiff, option_id=made["yes"]),
                                Answer(response_id=response.id, question_id=age, number=30),
                                Answer(response_id=response.id, question_id=town, text=f"Town number {town_number}")])
        # And one with no answers at all: none of the answers the rules read.
        db.session.add(Response(consultation_id=made["id"], reference="RUL-NON-ABC", idempotency_key="rules-none",
                                channel="paper", language="en", register="standard", started_at=moment,
                                submitted_at=moment))
        db.session.commit()
    from consult.results import export_sql

    # 38 sets of answers (the 36 mixes, the ten towns' one, none at all); counted by their texts the ten
    # towns would be ten sets, past 40.
    monkeypatch.setattr(export_sql, "SIGNATURES", 40)
    sql, python = _both(app, made["slug"])
    assert sql == python
    assert len({row[-1] for row in sql[1:]}) >= 4  # several different sets of questions not asked


def test_dates_and_times_when_the_consultation_is_not_anonymous(app, every_type):
    sql, python = _both(app, "every-type-named")
    assert sql == python
    assert sql[1][1] == "2027-07-01 00:30"  # 23:30 UTC on 30 June is 00:30 on 1 July in London


def test_options_far_apart_are_joined_by_id_and_give_the_same_cells(app, every_type, monkeypatch):
    from consult.results import export_sql

    slots, _python = _both(app, every_type, "cy")
    monkeypatch.setattr(export_sql, "DENSE_SLACK", -10**9)  # as if other consultations' options lay between
    joined, python = _both(app, every_type, "cy")
    assert joined == slots == python


def test_small_batches_made_side_by_side_come_out_in_order(app, every_type, monkeypatch):
    from consult.results import export_sql

    whole, _python = _both(app, every_type)
    monkeypatch.setattr(export_sql, "BATCH", 2)
    batched, _python = _both(app, every_type)
    assert batched == whole
    assert [row[0] for row in batched[1:]] == sorted(row[0] for row in batched[1:])


def test_too_many_branching_answers_are_left_to_python(app, every_type, monkeypatch):
    from consult.loading import load_consultation
    from consult.results import export_sql, exports

    monkeypatch.setattr(export_sql, "SIGNATURES", 2)
    with app.test_request_context():
        sheet = exports.prepare_sheet(load_consultation(every_type), "en", "en")
        assert export_sql.copied_chunks(sheet) is None
        assert len(_rows(export_sql.csv_chunks(sheet))) == 7  # Python wrote it


@pytest.mark.parametrize("kind", sorted(PYTHON_ONLY))
def test_a_type_made_in_python_has_python_write_the_export(app, kind):
    from consult.loading import load_consultation
    from consult.results import export_sql, exports

    with app.app_context():
        _make(f"with-{kind}", [kind, "short_text"])
        db.session.commit()
    with app.test_request_context():
        sheet = exports.prepare_sheet(load_consultation(f"with-{kind}"), "en", "en")
        assert export_sql.copied_chunks(sheet) is None


def test_the_export_route_sends_what_postgresql_wrote(app, every_type, signed_in):
    analyst = signed_in("analyst")
    response = analyst.client.get(f"/staff/results/{every_type}/export.csv")
    assert response.status_code == 200 and response.is_streamed
    text = response.get_data().decode("utf-8-sig")
    assert "\r\n" not in text  # PostgreSQL's LF throughout: Python's csv module would end lines with CRLF
    sql, _python = _both(app, every_type)
    assert _rows([text]) == sql


def test_sqlite_exports_are_written_by_python(app):
    from consult.loading import load_consultation
    from consult.results import export_sql, exports

    with app.app_context():
        if _postgresql():
            pytest.skip("this checks the SQLite path")
        _make("sqlite-types", ["short_text"])
        db.session.commit()
    with app.test_request_context():
        sheet = exports.prepare_sheet(load_consultation("sqlite-types"), "en", "en")
        assert export_sql.copied_chunks(sheet) is None
