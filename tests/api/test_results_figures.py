"""The API's results per question, in the dashboard's shape and by its small-number rules: each type
gives its own figures (consult/questions, results_figures); the rules are consult/results/figures.py,
which the dashboard and public results use too. Every body is checked against the OpenAPI schema."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import jsonschema
import pytest

from consult.api import tokens
from consult.build.questions import add_question
from consult.extensions import db
from consult.models import Answer, Consultation, Response
from tests.api.test_api import API, get
from tests.results.analysis_data import add_responses, load, make_consultation
from tests.results.test_dashboard import QUESTIONS, SLUG, _responses

START = datetime(2027, 3, 1, 10)


def _token(app, consultation_id: int) -> str:
    with app.app_context():
        _made, secret = tokens.create_token("Figures", tokens.READER, [db.session.get(Consultation, consultation_id)],
                                            30, staff=None)
        db.session.commit()
        return secret


def _valid(app, body: dict) -> None:
    document = app.test_client().get(API + "/openapi.json").get_json()
    schema = {"$ref": "#/components/schemas/Results", "components": document["components"]}
    jsonschema.Draft202012Validator(schema).validate(body)


def _counts(value):
    if isinstance(value, dict):
        if isinstance(value.get("count"), int):
            yield value["count"]
        for inner in value.values():
            yield from _counts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _counts(inner)


@pytest.fixture
def bus_survey(app):
    """The dashboard tests' survey: 14 responses, threshold 5."""
    with app.app_context():
        consultation = make_consultation(QUESTIONS, slug=SLUG)
        add_responses(consultation, _responses())
        db.session.commit()
        return {"id": consultation.id, "questions": [q.id for q in consultation.questions],
                "options": [[(o.id, o.value) for o in q.options] for q in consultation.questions]}


def test_each_type_gives_its_dashboard_figures(app, bus_survey):
    body = get(app, f"/consultations/{SLUG}/results", _token(app, bus_survey["id"])).get_json()
    _valid(app, body)
    by_id = {item["question_id"]: item for item in body["questions"]}
    travel, _pass, scale, days, trips, words = (by_id[number] for number in bus_survey["questions"])
    assert set(travel) >= {"options", "asked", "answered", "skipped"} and "values" not in travel
    # The agree scale: 7 strongly agree, 7 disagree. Half agreed; the middle (lower median) answer is
    # "Strongly agree", as the dashboard says it.
    strongly = next(option_id for option_id, value in bus_survey["options"][2] if value == "agree_strongly")
    assert scale["agreeing_percent"] == 50 and scale["middle_option_id"] == strongly
    assert {option["value"]: option["count"] for option in scale["options"]}["agree_strongly"] == 7
    # Multiple choice: percentages of the people asked, which need not add up to 100.
    assert [option["percent"] for option in days["options"] if option["count"]] == [50, 50, 50]
    # Whole numbers 0 to 13: the lowest, middle and highest, as on the dashboard.
    assert trips["values"] == {"minimum": 0, "median": 6.5, "maximum": 13}
    assert trips["answered"] == {"count": 14, "state": "shown", "percent": 100}
    # Words people wrote: counted, never sent.
    assert words["free_text"] is True and set(words) == {"question_id", "number", "type", "free_text", "asked",
                                                          "answered", "skipped"}
    assert words["answered"]["count"] == 6
    assert not [count for count in _counts(body) if 0 < count < 5]


def _answer_rows(consultation, values_by_question: list[dict]) -> None:
    """Responses with the values each question's type stores (dates, money, grids, rankings)."""
    questions = list(consultation.questions)
    for number, values in enumerate(values_by_question):
        response = Response(consultation_id=consultation.id, reference=f"F{consultation.id}-{number}",
                            idempotency_key=f"figures-{consultation.id}-{number}", channel="online", language="en",
                            register="standard", started_at=START, submitted_at=START + timedelta(hours=number))
        db.session.add(response)
        db.session.flush()
        for index, value in values.items():
            question = questions[index]
            for row in question.type.rows(question, value):
                db.session.add(Answer(response_id=response.id, question_id=question.id, option_id=row.option_id,
                                      statement_option_id=row.statement_option_id, number=row.number,
                                      amount=row.amount, date=row.date, text=row.text))
    db.session.flush()


def _value_survey(app, people: int, slug: str) -> dict:
    with app.app_context():
        consultation = make_consultation([], slug=slug)
        add_question(consultation, "date", "When did you visit?")
        add_question(consultation, "money", "How much did you pay?")
        add_question(consultation, "grid", "How much do you agree?", options=["Buses are clean", "Drivers help"])
        add_question(consultation, "ranking", "Put these in order", options=["Price", "Speed", "Comfort"])
        add_question(consultation, "email", "Your email address")
        db.session.flush()
        consultation = load(consultation.id)
        _date, _money, grid, ranking, _email = consultation.questions
        statements, points = grid.type.statements(grid), grid.type.points(grid)
        items = ranking.type.items(ranking)
        values = []
        for n in range(people):
            values.append({
                0: date(2026, 1 + n % 3, 10), 1: Decimal("2.50") + n,
                2: {statements[0].id: points[0].id, statements[1].id: points[n % 2].id},
                3: {items[0].id: 1, items[1].id: 2, items[2].id: 3} if n % 3 else {items[1].id: 1, items[0].id: 2,
                                                                                   items[2].id: 3},
                4: "someone@example.org"})
        _answer_rows(consultation, values)
        db.session.commit()
        return {"id": consultation.id, "questions": [q.id for q in consultation.questions],
                "statements": [s.id for s in statements], "points": [p.id for p in points],
                "items": [i.id for i in items]}


def test_dates_money_grids_and_rankings_when_enough_answered(app):
    made = _value_survey(app, 15, "values-many")
    body = get(app, "/consultations/values-many/results", _token(app, made["id"])).get_json()
    _valid(app, body)
    by_id = {item["question_id"]: item for item in body["questions"]}
    assert made["questions"][4] not in by_id  # personal details are left out
    dates, money, grid, ranking = (by_id[number] for number in made["questions"][:4])
    assert dates["dates"]["earliest"] == "2026-01-10" and dates["dates"]["latest"] == "2026-03-10"
    assert dates["dates"]["by"] == "month"
    assert [(period["starts"], period["count"], period["percent"]) for period in dates["dates"]["periods"]] == [
        ("2026-01-01", 5, 33), ("2026-02-01", 5, 33), ("2026-03-01", 5, 33)]
    # Decimals as text, exactly as stored and summarised: nothing rounded by a float.
    assert money["values"] == {"minimum": "2.500", "mean": "9.5000", "median": "9.5000", "maximum": "16.500"}
    [clean, helpful] = grid["statements"]
    assert clean["id"] == made["statements"][0]
    assert clean["options"][0]["count"] == 15 and clean["options"][0]["percent"] == 100
    assert clean["skipped"] == {"count": 0, "state": "shown", "percent": 0}
    # 8 and 7 chose the first two points; the rest are 0 (a zero is shown).
    assert [option["count"] for option in helpful["options"]] == [8, 7, 0, 0, 0]
    ranked = {item["id"]: item for item in ranking["ranking"]}
    price = ranked[made["items"][0]]
    assert price["first"]["count"] == 10 and price["ranked"]["count"] == 15
    assert price["mean_position"] == 1.3  # (10 firsts and 5 seconds) / 15, to one place as on the dashboard
    assert ranked[made["items"][1]]["first"]["count"] == 5 and ranked[made["items"][2]]["mean_position"] == 3.0
    assert not [count for count in _counts(body) if 0 < count < 5]


def test_one_small_first_choice_hides_another_by_subtraction(app):
    made = _value_survey(app, 13, "values-subtraction")  # 5 put Speed first, 8 Price: both shown
    body = get(app, "/consultations/values-subtraction/results", _token(app, made["id"])).get_json()
    ranking = next(item for item in body["questions"] if item["question_id"] == made["questions"][3])
    assert [item["first"]["state"] for item in ranking["ranking"]] == ["shown", "shown", "shown"]
    made = _value_survey(app, 11, "values-hidden")  # 4 put Speed first (small), 7 Price: hidden with it
    body = get(app, "/consultations/values-hidden/results", _token(app, made["id"])).get_json()
    ranking = next(item for item in body["questions"] if item["question_id"] == made["questions"][3])
    assert [item["first"]["state"] for item in ranking["ranking"]] == ["hidden", "small", "shown"]
    assert ranking["ranking"][2]["first"]["count"] == 0


def test_too_few_answers_show_no_values(app):
    made = _value_survey(app, 3, "values-few")
    body = get(app, "/consultations/values-few/results", _token(app, made["id"])).get_json()
    _valid(app, body)
    by_id = {item["question_id"]: item for item in body["questions"]}
    dates, money, grid, ranking = (by_id[number] for number in made["questions"][:4])
    assert dates["dates"] is None and money["values"] is None and ranking["ranking"] is None
    assert dates["answered"] == {"count": None, "state": "small", "percent": None}
    # Three people: every cell of the grid is small, zeros included (a group smaller than the threshold).
    assert {option["state"] for statement in grid["statements"] for option in statement["options"]} == {"small"}
    assert not [count for count in _counts(body) if 0 < count < 5]


def test_the_api_and_the_public_results_hide_the_same_cells(app, bus_survey):
    """The public page and the API take their cells from the same place: what one hides, the other does."""
    from consult.results import analysis
    from consult.results.plain import shape_of

    body = get(app, f"/consultations/{SLUG}/results", _token(app, bus_survey["id"])).get_json()
    with app.test_request_context():
        consultation = load(bus_survey["id"])
        shapes = shape_of(consultation)
        summary = analysis.summarise(consultation.id, shapes, zone="Europe/London")
        from consult.results import figures

        travel = consultation.questions[0]
        cells, _counted = figures.choice_cells(summary.questions[travel.id], [o.id for o in travel.options], 5,
                                               one_answer=True)
    api = next(item for item in body["questions"] if item["question_id"] == travel.id)
    assert [(option["state"], option["count"]) for option in api["options"]] == [
        (cell.state, cell.value) for cell in cells]
