"""Dates, decimal numbers and money through the database and out again: stored rows read back exactly
(on SQLite and on PostgreSQL when TEST_DATABASE_URL is set), typed spreadsheet cells, the results in SQL
against the plain-Python reference, the dashboard's words and chart, and the printed questionnaire."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import insert, select

from consult.extensions import db
from consult.models import Answer, Consultation, Response
from consult.printing.pdf import render_pdf
from consult.printing.questionnaire import questionnaire_document
from consult.questions.base import AnswerRow
from consult.results import analysis, present, reference
from consult.results.plain import AmountStats, DateStats, ResponseFilter, shape_of
from consult.results.reference import PlainAnswer, PlainResponse
from tests.pdf_reader import text_of
from tests.results.analysis_data import QuestionSpec, make_consultation

SENT = datetime(2027, 3, 1, 12, 0)


@pytest.fixture
def consultation(app):
    with app.test_request_context():
        made = make_consultation([QuestionSpec("date", prompt="When did you visit?"),
                                  QuestionSpec("decimal", prompt="How far did you walk, in km?"),
                                  QuestionSpec("money", prompt="How much did you pay?")],
                                 slug="dates-money", threshold=3, anonymous=False)
        yield made
        db.session.rollback()


def _respond(consultation, answers: list[tuple], start: int = 0) -> None:
    """One response per tuple of (date, decimal, money) values; None leaves a question unanswered."""
    questions = list(consultation.questions)
    for index, values in enumerate(answers, start=start):
        response = Response(consultation_id=consultation.id, reference=f"DM{index:05d}", idempotency_key=f"dm-{index}",
                            language="en", started_at=SENT - timedelta(minutes=5), submitted_at=SENT + timedelta(minutes=index))
        db.session.add(response)
        db.session.flush()
        rows = []
        for question, value in zip(questions, values):
            if value is None:
                continue
            for row in question.type.rows(question, value):
                rows.append({"response_id": response.id, "question_id": question.id, "option_id": None,
                             "text": None, "number": None, "amount": row.amount, "date": row.date})
        if rows:
            db.session.execute(insert(Answer), rows)
    db.session.flush()


@pytest.mark.parametrize(("kind_index", "value"), [
    (0, date(2024, 2, 29)), (0, date(1900, 1, 1)), (0, date(9999, 12, 31)),
    (1, Decimal("1999999999.999")), (1, Decimal("-2000000000.000")), (1, Decimal("0.001")), (1, Decimal("0.100")),
    (2, Decimal("1999999999.99")), (2, Decimal("0.10")), (2, Decimal("12.00")),
])
def test_a_value_is_stored_and_read_back_exactly(app, consultation, kind_index, value):
    question = consultation.questions[kind_index]
    answers = [None, None, None]
    answers[kind_index] = value
    _respond(consultation, [tuple(answers)])
    db.session.expire_all()
    stored = db.session.scalars(select(Answer).where(Answer.question_id == question.id)).one()
    back = question.type.value_from_rows(question, [AnswerRow(amount=stored.amount, date=stored.date)])
    assert back == value and type(back) is type(value)
    assert str(back) == str(value)


def test_an_answer_row_with_no_value_is_refused(app, consultation):
    from sqlalchemy.exc import IntegrityError

    _respond(consultation, [(date(2024, 1, 1), None, None)])
    response_id = db.session.scalars(select(Response.id)).first()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.execute(insert(Answer), [{"response_id": response_id, "question_id": consultation.questions[0].id}])


def test_spreadsheet_cells_are_typed(app, signed_in):
    with app.test_request_context():
        made = make_consultation([QuestionSpec("date", prompt="When did you visit?"),
                                  QuestionSpec("decimal", prompt="How far did you walk, in km?"),
                                  QuestionSpec("money", prompt="How much did you pay?")],
                                 slug="dates-money-export", anonymous=False)
        _respond(made, [(date(2024, 3, 15), Decimal("2.5"), Decimal("1200.5"))])
        db.session.commit()
    admin = signed_in("admin")
    data = admin.client.get("/staff/results/dates-money-export/export.xlsx").get_data()
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    row = sheet[2]
    when = row[header.index("When did you visit?")]
    assert when.value == datetime(2024, 3, 15) and when.is_date and when.number_format == "yyyy-mm-dd"
    walked = row[header.index("How far did you walk, in km?")]
    assert walked.data_type == "n" and walked.value == 2.5
    paid = row[header.index("How much did you pay?")]
    assert paid.data_type == "n" and paid.value == 1200.5
    sent = row[header.index("Date and time sent")]
    assert sent.number_format == "yyyy-mm-dd hh:mm"  # a time still shows its time

    text = admin.client.get("/staff/results/dates-money-export/export.csv").get_data(as_text=True).lstrip("\ufeff")
    cells = text.splitlines()[1].split(",")
    assert "2024-03-15" in cells and "2.5" in cells and "1200.50" in cells


VALUES = [
    (date(2024, 1, 5), Decimal("1.5"), Decimal("10")),
    (date(2024, 1, 20), Decimal("2.25"), Decimal("12.5")),
    (date(2024, 3, 2), Decimal("-0.125"), Decimal("0.99")),
    (date(2023, 12, 31), Decimal("100"), None),
    (None, Decimal("3.333"), Decimal("1000")),
    (date(2024, 1, 5), None, Decimal("7.25")),
]


def _plain(consultation_id: int) -> list[PlainResponse]:
    responses = db.session.scalars(select(Response).where(Response.consultation_id == consultation_id)).all()
    return [PlainResponse(id=r.id, submitted_at=r.submitted_at, answers=tuple(
        PlainAnswer(a.question_id, a.option_id, a.text, a.number, a.amount, a.date) for a in r.answers))
        for r in responses]


def test_sql_summaries_agree_with_the_reference(app, consultation):
    _respond(consultation, VALUES)
    shapes = shape_of(consultation)
    assert [shape.shape for shape in shapes] == ["date", "decimal", "decimal"]
    for where in (ResponseFilter(), ResponseFilter(start=SENT + timedelta(minutes=2))):
        fast = analysis.summarise(consultation.id, shapes, where)
        slow = reference.summarise(shapes, _plain(consultation.id), where)
        assert fast.questions == slow.questions, where
    summary = analysis.summarise(consultation.id, shapes).questions
    when, walked, paid = (summary[q.id] for q in consultation.questions)
    assert when.answered == 5 and walked.answered == 5 and paid.answered == 5
    assert when.dates == DateStats(5, date(2023, 12, 31), date(2024, 3, 2),
                                   {date(2023, 12, 1): 1, date(2024, 1, 1): 3, date(2024, 3, 1): 1})
    assert walked.amounts == AmountStats(5, Decimal("-0.125"), Decimal("21.3916"), Decimal("2.25"), Decimal("100"))
    assert paid.amounts == AmountStats(5, Decimal("0.99"), Decimal("206.1480"), Decimal("10"), Decimal("1000"))


def test_the_dashboard_says_it_in_words_and_in_a_chart(app, consultation):
    _respond(consultation, VALUES)
    shapes = shape_of(consultation)
    results = analysis.summarise(consultation.id, shapes)
    texts = lambda block_id: None  # noqa: E731 - the prompts are not what is tested here
    # Smallest group 1: every count shown, so the words can be checked (protection: the next test).
    views = [present.question_view(shape, question, number, results.questions[question.id], texts, 1, False,
                                   lambda _label: "")
             for number, (shape, question) in enumerate(zip(shapes, consultation.questions), start=1)]
    when, walked, paid = views
    assert when.chart is not None
    assert when.chart.sentence.startswith("The dates went from 31 December 2023 to 2 March 2024.")
    assert "The most common month was January 2024 (3)." in when.chart.sentence
    # Every month between the first and the last is a row, empty ones too; small counts are protected.
    assert [row.label for row in when.chart.rows] == ["December 2023", "January 2024", "February 2024", "March 2024"]
    assert dict(walked.stats)["Lowest"] == "-0.125" and dict(walked.stats)["Average (mean)"] == "21.392"
    assert dict(paid.stats)["Highest"] == "£1,000.00" and dict(paid.stats)["Middle (median)"] == "£10.00"
    assert "The average (mean) was £206.15." in paid.sentence


def test_few_answers_show_no_single_persons_value(app, consultation):
    _respond(consultation, VALUES[:2])
    shapes = shape_of(consultation)
    results = analysis.summarise(consultation.id, shapes)
    views = [present.question_view(shape, question, 1, results.questions[question.id], lambda _id: None, 3, False,
                                   lambda _label: "") for shape, question in zip(shapes, consultation.questions)]
    assert views[0].chart is None and views[0].sentence == "Too few people answered to show the earliest and latest dates."
    assert "Lowest" not in dict(views[2].stats)


def test_dates_over_many_years_are_counted_by_year(app, consultation):
    _respond(consultation, [(date(1950 + n * 10, 6, 1), None, None) for n in range(6)])
    shapes = shape_of(consultation)
    results = analysis.summarise(consultation.id, shapes)
    view = present.question_view(shapes[0], consultation.questions[0], 1, results.questions[consultation.questions[0].id],
                                 lambda _id: None, 3, False, lambda _label: "")
    assert view.chart.label_header == "Year" and len(view.chart.rows) == 51
    assert view.chart.rows[0].label == "1950"


@pytest.mark.parametrize("register", ["standard", "easy"])
def test_the_printed_questionnaire_has_date_boxes_and_a_pound_sign(app, consultation, register, tmp_path):
    consultation.questions[0].settings = {"rule": "past"}
    consultation.questions[2].settings = {"min": "5", "max": "500"}
    db.session.flush()
    printed, html = questionnaire_document(db.session.get(Consultation, consultation.id), "en", register)
    assert html.count('class="date-box date-box--') == 8  # DD MM YYYY
    pdf = render_pdf(html, language="en", title=printed.document_title)
    (tmp_path / f"questionnaire-{register}.pdf").write_bytes(pdf)
    words = " ".join(text_of(pdf).split())
    for expected in ("Day", "Month", "Year", "£", "It must be today or in the past.", "It must be from £5.00 to £500.00."):
        assert expected in words, expected
    if register == "easy":
        assert "Write the date in the boxes." in words and "Write how much money in the box." in words
    else:
        assert "Write the day, month and year in the boxes, like" in words
        assert "Write a number in the box. You can use a decimal point, like 2.5." in words
