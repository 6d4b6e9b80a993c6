"""The date, decimal number and money types read what people type: every message, the boundaries,
leap years, and the words an answer is shown in. Stand-in questions: the types read only a question's
id, settings and whether it is required."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict

from consult.questions import date as date_module
from consult.questions import get_type

DATE = get_type("date")
DECIMAL = get_type("decimal")
MONEY = get_type("money")
TODAY = date(2026, 12, 7)


def question(required=False, **settings):
    return SimpleNamespace(id=7, required=required, settings=settings)


@pytest.fixture(autouse=True)
def _request(app, monkeypatch):
    # Messages format dates and amounts for the interface language, so they need a request; "today"
    # is fixed so the past/future rules are tested on known dates.
    monkeypatch.setattr(date_module, "today", lambda: TODAY)
    with app.test_request_context():
        yield


def parse_date(day, month, year, **settings):
    return DATE.check(question(**settings), [day, month, year])


# -- dates ------------------------------------------------------------------------------------------

def test_a_date_is_read_from_its_three_boxes():
    q = question()
    form = MultiDict({"q7-day": " 5 ", "q7-month": "03", "q7-year": "2024", "q7": "ignored"})
    assert DATE.read(q, form) == [" 5 ", "03", "2024"]
    assert DATE.check(q, DATE.read(q, form)).value == date(2024, 3, 5)


@pytest.mark.parametrize(("day", "month", "year", "message", "wrong"), [
    ("", "3", "2024", "The date must include a day", {"day"}),
    ("5", "", "2024", "The date must include a month", {"month"}),
    ("5", "3", "", "The date must include a year", {"year"}),
    ("", "", "2024", "The date must include a day and month", {"day", "month"}),
    ("", "3", "", "The date must include a day and year", {"day", "year"}),
    ("5", "", "", "The date must include a month and year", {"month", "year"}),
    ("five", "3", "2024", "The date must be a real date", {"day"}),
    ("5", "March", "2024", "The date must be a real date", {"month"}),
    ("5", "3", "24", "The year must include 4 numbers", {"year"}),
    ("5", "3", "20245", "The date must be a real date", {"year"}),
    ("5", "13", "2024", "The date must be a real date", {"month"}),
    ("32", "13", "2024", "The date must be a real date", {"day", "month"}),
    ("31", "4", "2024", "The date must be a real date", {"day"}),
    ("0", "4", "2024", "The date must be a real date", {"day"}),
    ("-1", "4", "2024", "The date must be a real date", {"day"}),
    ("1.5", "4", "2024", "The date must be a real date", {"day"}),
])
def test_each_date_mistake_names_the_part_that_is_wrong(day, month, year, message, wrong):
    q = question()
    assert DATE.check(q, [day, month, year]).error == message
    assert DATE.wrong_parts(q, [day, month, year]) == wrong
    # The error summary links to the first box at fault.
    first = next(part for part in ("day", "month", "year") if part in wrong)
    assert DATE.error_input_id(q, [day, month, year]) == f"q7-{first}"


def test_leap_years():
    assert parse_date("29", "2", "2024").value == date(2024, 2, 29)
    assert parse_date("29", "2", "2000").value == date(2000, 2, 29)  # divisible by 400
    assert parse_date("29", "2", "2023").error == "The date must be a real date"
    assert parse_date("29", "2", "1900").error == "The date must be a real date"  # divisible by 100 only


def test_empty_and_required():
    assert parse_date("", "", "").value is None and parse_date("", "", "").error is None
    assert DATE.check(question(required=True), ["", " ", ""]).error == "Enter a date"
    assert DATE.wrong_parts(question(), ["", "", ""]) == {"day", "month", "year"}
    # A draft saved before may hold fewer values: read as empty boxes, never an exception.
    assert DATE.check(question(), []).value is None
    assert DATE.check(question(), ["1"]).error == "The date must include a month and year"


def test_arabic_indic_digits_are_read():
    assert parse_date("\u0665", "\u0663", "\u0662\u0660\u0662\u0664").value == date(2024, 3, 5)


def test_past_and_future_include_today():
    assert parse_date("7", "12", "2026", rule="past").value == TODAY
    assert parse_date("8", "12", "2026", rule="past").error == "The date must be today or in the past"
    assert parse_date("7", "12", "2026", rule="future").value == TODAY
    assert parse_date("6", "12", "2026", rule="future").error == "The date must be today or in the future"
    assert parse_date("1", "1", "1900", rule="any").value == date(1900, 1, 1)


def test_a_range_includes_both_ends_and_names_them_in_words():
    both = {"rule": "range", "earliest": "2020-01-01", "latest": "2026-12-31"}
    assert parse_date("1", "1", "2020", **both).value == date(2020, 1, 1)
    assert parse_date("31", "12", "2026", **both).value == date(2026, 12, 31)
    message = "The date must be between 1 January 2020 and 31 December 2026"
    assert parse_date("31", "12", "2019", **both).error == message
    assert parse_date("1", "1", "2027", **both).error == message
    assert DATE.wrong_parts(question(**both), ["1", "1", "2027"]) == {"day", "month", "year"}
    earliest = {"rule": "range", "earliest": "2020-01-01"}
    assert parse_date("31", "12", "2019", **earliest).error == "The date must be the same as or after 1 January 2020"
    latest = {"rule": "range", "latest": "2026-12-31"}
    assert parse_date("1", "1", "2027", **latest).error == "The date must be the same as or before 31 December 2026"
    # Limits count only when the rule is a range.
    assert parse_date("1", "1", "2027", rule="any", latest="2026-12-31").value == date(2027, 1, 1)


def test_the_rule_and_an_example_are_said_before_a_mistake():
    assert DATE.rule_hint(question()) is None
    assert DATE.rule_hint(question(rule="past")) == "It must be today or in the past."
    both = question(rule="range", earliest="2020-01-01", latest="2026-12-31")
    assert DATE.rule_hint(both) == "It must be between 1 January 2020 and 31 December 2026."
    # The example is a date the question accepts.
    for settings in ({}, {"rule": "past"}, {"rule": "future"}, {"rule": "range", "earliest": "2030-05-01"},
                     {"rule": "range", "latest": "1990-01-01"}, {"rule": "range", "earliest": "2020-01-01",
                                                                  "latest": "2020-01-31"}):
        q = question(**settings)
        example = DATE.example_date(q)
        assert DATE.check(q, [str(example.day), str(example.month), str(example.year)]).value == example, settings
    assert DATE.example_hint(question(rule="future")) == "For example, 27 3 2027"


def test_dates_are_shown_in_words_in_the_page_language(app):
    assert DATE.display(question(), date(2024, 3, 5), None) == ["5 March 2024"]
    with force_locale("cy"):
        assert DATE.display(question(), date(2024, 3, 5), None) == ["5 Mawrth 2024"]


def test_a_date_is_stored_and_read_back_as_a_date():
    q = question()
    rows = DATE.rows(q, date(2024, 2, 29))
    assert [row.date for row in rows] == [date(2024, 2, 29)]
    assert DATE.value_from_rows(q, rows) == date(2024, 2, 29)
    answer = SimpleNamespace(date=date(2024, 2, 29))
    assert DATE.export_cell(q, [answer], {}, {}) == date(2024, 2, 29)


# -- decimal numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("12", "12.000"), ("12.5", "12.500"), ("12.125", "12.125"), (".5", "0.500"), ("-3.25", "-3.250"),
    ("1,234.5", "1234.500"), ("1 234.5", "1234.500"), ("12.5000", "12.500"), ("  7 ", "7.000"),
    ("\u0661\u0662\u066b\u0665", "12.500"),  # Arabic-Indic digits and the Arabic decimal mark
    ("2000000000", "2000000000.000"), ("-2,000,000,000", "-2000000000.000"),
])
def test_decimal_numbers_are_read_as_people_write_them(typed, expected):
    assert DECIMAL.check(question(), [typed]).value == Decimal(expected)


@pytest.mark.parametrize("typed", ["twelve", "1.2.3", "12,5", "1,20", "--1", "1e3", "12.", ".", "£12", "12 5"])
def test_what_is_not_a_number(typed):
    assert DECIMAL.check(question(), [typed]).error == "Enter a number, like 12.5"


def test_decimal_places_and_range():
    assert DECIMAL.check(question(), ["1.2345"]).error == "Enter a number with up to 3 decimal places, like 12.125"
    both = question(min="0.5", max="10")
    assert DECIMAL.check(both, ["0.5"]).value == Decimal("0.5")
    assert DECIMAL.check(both, ["10"]).value == Decimal(10)
    assert DECIMAL.check(both, ["0.499"]).error == "Enter a number from 0.5 to 10"
    assert DECIMAL.check(both, ["10.001"]).error == "Enter a number from 0.5 to 10"
    assert DECIMAL.check(question(min="1.5"), ["1"]).error == "Enter a number that is 1.5 or more"
    assert DECIMAL.check(question(max="1.5"), ["2"]).error == "Enter a number that is 1.5 or less"
    assert DECIMAL.check(question(), ["2000000000.001"]).error == "Enter a number that is 2,000,000,000 or less"
    assert DECIMAL.check(question(), ["9" * 5000]).error == "Enter a number that is 2,000,000,000 or less"
    assert DECIMAL.check(question(required=True), ["  "]).error == "Enter a number"


def test_decimal_words_and_cells():
    q = question()
    assert DECIMAL.display(q, Decimal("1234.500"), None) == ["1,234.5"]
    assert DECIMAL.value_from_rows(q, DECIMAL.rows(q, Decimal("2.125"))) == Decimal("2.125")
    cell = DECIMAL.export_cell(q, [SimpleNamespace(amount=Decimal("1200.000"))], {}, {})
    assert str(cell) == "1200" and cell == 1200
    assert str(DECIMAL.export_cell(q, [SimpleNamespace(amount=Decimal("0.250"))], {}, {})) == "0.25"


# -- money ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("12", "12.00"), ("12.5", "12.50"), ("12.50", "12.50"), ("£1,200", "1200.00"), ("£ 1,200.99", "1200.99"),
    ("0.01", "0.01"), ("1200 GBP", "1200.00"), ("0", "0.00"),
])
def test_money_is_read_with_or_without_the_pound_sign(typed, expected):
    assert MONEY.check(question(), [typed]).value == Decimal(expected)


def test_money_mistakes_and_range():
    assert MONEY.check(question(), ["twelve pounds"]).error == "Enter an amount of money in numbers, like 12.50"
    assert MONEY.check(question(), ["12.505"]).error == "Enter pence as 2 numbers after the point, like 12.50"
    # No amount below nothing unless staff allow it.
    assert MONEY.check(question(), ["-5"]).error == "Enter an amount that is £0.00 or more"
    assert MONEY.check(question(min="-100"), ["-5"]).value == Decimal("-5.00")
    both = question(min="5", max="500")
    assert MONEY.check(both, ["4.99"]).error == "Enter an amount from £5.00 to £500.00"
    assert MONEY.check(both, ["500"]).value == Decimal("500.00")
    assert MONEY.check(question(max="10"), ["10.01"]).error == "Enter an amount that is £10.00 or less"
    assert MONEY.check(question(required=True), [""]).error == "Enter an amount of money"


def test_money_words_and_cells(app):
    q = question()
    assert MONEY.display(q, Decimal("1200.5"), None) == ["£1,200.50"]
    cell = MONEY.export_cell(q, [SimpleNamespace(amount=Decimal("1200.500"))], {}, {})
    assert str(cell) == "1200.50"
    with force_locale("cy"):
        assert MONEY.display(q, Decimal("3"), None) == ["£3.00"]


def test_printed_instructions_name_the_limits():
    assert DECIMAL.print_instructions(question(min="0.5", max="10"), easy=False)[-1] == "It must be from 0.5 to 10."
    assert MONEY.print_instructions(question(max="50"), easy=True)[-1] == "It must be £50.00 or less."
    assert DATE.print_instructions(question(rule="past"), easy=True)[-1] == "It must be today or in the past."
    assert DATE.print_instructions(question(rule="future"), easy=False) == [
        "Write the day, month and year in the boxes, like 27 03 2027.", "It must be today or in the future."]


def test_today_is_the_local_day(app, monkeypatch):
    monkeypatch.undo()
    # 23:30 UTC on 30 June is already 1 July in London (summer time).
    from datetime import datetime
    monkeypatch.setattr(date_module, "utcnow", lambda: datetime(2026, 6, 30, 23, 30))
    assert date_module.today() == date(2026, 7, 1)
    assert date_module.today() - timedelta(days=1) == date(2026, 6, 30)
