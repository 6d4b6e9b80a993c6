"""CSV and XLSX exports: one row per response, formulas neutralised everywhere, dates, branching, languages."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from consult.extensions import db
from consult.results.exports import neutralise
from tests.html_checks import assert_well_formed
from tests.results.test_exports_data import (
    FORMULA_STARTS,
    HYPERLINK,
    PAYLOADS,
    add_response,
    analyst,  # noqa: F401  (fixture)
    build_survey,
)

FIXED = ["Reference", "Date sent", "Channel", "Language", "Version", "Typed in by staff", "Helped by"]
NOT_ASKED = "Questions not asked (by number)"


# -- the one neutralising function ------------------------------------------------------------

@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralise_puts_a_quote_before_formula_characters(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("safe", ["Plain words", "a=b", " =1", "", "'=already quoted", "١٢"])
def test_neutralise_leaves_other_text_alone(safe):
    assert neutralise(safe) == safe


@pytest.mark.parametrize("value", [None, -2, 3, date(2027, 3, 5)])
def test_neutralise_leaves_numbers_and_dates_alone(value):
    assert neutralise(value) == value


# -- data -------------------------------------------------------------------------------------

@pytest.fixture
def survey(app):
    """Three responses: a walker who says why (with formulas in every text), a bus user whose
    question 3 was not asked, and one typed in by staff who skipped the optional question."""
    from consult.auth.services import create_staff

    with app.app_context():
        clerk = create_staff("clerk@example.org", "a long enough password", "editor")
        made = build_survey()
        add_response(made, {"bus": "walk", "days": ["monday", "tuesday"], "why_walk": HYPERLINK, "trips": -2,
                            "town": "@Llanfair"}, reference="WLK-AAA-AAA", helped_by="=Advocate",
                     submitted_at=datetime(2027, 6, 30, 23, 30))  # 00:30 on 1 July in London (BST)
        add_response(made, {"bus": "one", "days": ["friday"], "trips": 12, "town": "+44 Cardiff\r"},
                     reference="BUS-BBB-BBB", language="cy", register="easy", channel="paper")
        add_response(made, {"bus": "sum", "days": ["no_day"], "trips": 0}, reference="STF-CCC-CCC",
                     entered_by_id=clerk.id, helped_by="Mencap advocate", channel="phone")
        db.session.commit()
        return made


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _xlsx(response) -> list[list]:
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.get_data()))
    sheet = workbook.active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _rows_by_reference(rows):
    return {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}


def _assert_no_cell_starts_a_formula(rows):
    """No text cell starts like a formula. A whole number (-2, from a number question) is a value
    we wrote ourselves and stays a number; it cannot run as a formula."""
    for row in rows:
        for value in row:
            if isinstance(value, str) and not re.fullmatch(r"-\d+", value):
                assert not value.startswith(FORMULA_STARTS), f"{value!r} would run as a formula"


# -- CSV --------------------------------------------------------------------------------------

def test_csv_has_one_row_per_response_with_headers_and_labels(analyst, survey):
    rows = _csv(analyst.client.get("/staff/results/bus-routes/export.csv"))
    assert len(rows) == 4
    header = rows[0]
    assert header[:7] == FIXED
    assert header[7:] == ["'" + f"{HYPERLINK} Which bus do you use?", "'-2 Which days do you travel?",
                          "Why do you walk?", "How many trips do you make in a week?", "Which town do you live in?",
                          NOT_ASKED]
    _assert_no_cell_starts_a_formula(rows)
    by_ref = _rows_by_reference(rows)
    walker = list(by_ref["WLK-AAA-AAA"].values())
    # Labels, not ids; several joined in the options' order; formulas quoted, words kept whole.
    assert walker[7:] == ["Walk", "Monday; -2 Tuesday", "'" + HYPERLINK, "-2", "'@Llanfair", ""]
    assert walker[2:7] == ["Online", "English", "Standard", "No", "'=Advocate"]
    bus = list(by_ref["BUS-BBB-BBB"].values())
    assert bus[2:5] == ["Paper form", "Welsh", "Easy read"]
    assert bus[7] == "'+1 The number one" and bus[8] == "'\tFriday"
    assert bus[11] == "'+44 Cardiff\r"
    staff = list(by_ref["STF-CCC-CCC"].values())
    assert staff[2] == "Phone" and staff[5:7] == ["Yes", "Mencap advocate"]
    assert staff[7:9] == ["'@SUM route", "None of these"]


def test_csv_date_only_for_anonymous_consultations_in_london_time(analyst, survey):
    rows = _rows_by_reference(_csv(analyst.client.get("/staff/results/bus-routes/export.csv")))
    assert rows["WLK-AAA-AAA"]["Date sent"] == "2027-07-01"
    assert rows["BUS-BBB-BBB"]["Date sent"] == "2027-03-05"


def test_date_and_time_when_the_consultation_is_not_anonymous(app, analyst, survey):
    from consult.models import Consultation

    with app.app_context():
        db.session.get(Consultation, survey.id).anonymous = False
        db.session.commit()
    rows = _csv(analyst.client.get("/staff/results/bus-routes/export.csv"))
    assert rows[0][1] == "Date and time sent"
    assert _rows_by_reference(rows)["WLK-AAA-AAA"]["Date and time sent"] == "2027-07-01 00:30"
    sheet = _xlsx(analyst.client.get("/staff/results/bus-routes/export.xlsx"))
    assert datetime(2027, 7, 1, 0, 30) in [row[1] for row in sheet[1:]]


def test_branching_leaves_unasked_questions_empty_and_says_so(analyst, survey):
    rows = _rows_by_reference(_csv(analyst.client.get("/staff/results/bus-routes/export.csv")))
    why = "Why do you walk?"
    # Not asked (the answer to question 1 was not "Walk"): empty, and listed as not asked.
    assert rows["BUS-BBB-BBB"][why] == "" and rows["BUS-BBB-BBB"][NOT_ASKED] == "3"
    # Asked and answered.
    assert rows["WLK-AAA-AAA"][why] == "'" + HYPERLINK and rows["WLK-AAA-AAA"][NOT_ASKED] == ""
    # Skipped (optional question 5): empty too, but not in the not-asked list.
    assert rows["STF-CCC-CCC"]["Which town do you live in?"] == ""
    assert rows["STF-CCC-CCC"][NOT_ASKED] == "3"


def test_language_switch_changes_question_texts_and_labels(analyst, survey):
    rows = _csv(analyst.client.get("/staff/results/bus-routes/export.csv?language=cy"))
    assert rows[0][7:12] == ["'=Pa fws ydych chi’n ei ddefnyddio?", "Pa ddiwrnodau ydych chi’n teithio?",
                             "Pam ydych chi’n cerdded?", "Sawl taith ydych chi’n ei gwneud bob wythnos?",
                             "Ym mha dref ydych chi’n byw?"]
    _assert_no_cell_starts_a_formula(rows)
    by_ref = _rows_by_reference(rows)
    walker = list(by_ref["WLK-AAA-AAA"].values())
    assert walker[7:9] == ["Cerdded", "Dydd Llun; -2 Dydd Mawrth"]
    assert list(by_ref["BUS-BBB-BBB"].values())[7:9] == ["'+1 Rhif un", "'\tDydd Gwener"]


def test_the_default_language_is_the_staff_members_when_offered(app, signed_in, survey):
    welsh = signed_in("analyst", email="cymraeg@example.org")
    welsh.client.get("/staff/?lang=cy")
    response = welsh.client.get("/staff/results/bus-routes/export.csv")
    assert "-cy.csv" in response.headers["Content-Disposition"]
    assert _csv(response)[0][8] == "Pa ddiwrnodau ydych chi’n teithio?"
    # Arabic is not offered by this consultation: its own language (English) is used.
    arabic = signed_in("analyst", email="arabic@example.org")
    arabic.client.get("/staff/?lang=ar")
    response = arabic.client.get("/staff/results/bus-routes/export.csv")
    assert "-en.csv" in response.headers["Content-Disposition"]
    assert _csv(response)[0][8] == "'-2 Which days do you travel?"


def test_a_language_the_consultation_does_not_offer_is_not_found(analyst, survey):
    assert analyst.client.get("/staff/results/bus-routes/export.csv?language=fr").status_code == 404
    assert analyst.client.get("/staff/results/bus-routes/export.xlsx?language=ar").status_code == 404
    assert analyst.client.get("/staff/results/bus-routes/export.pdf").status_code == 404
    assert analyst.client.get("/staff/results/no-such-thing/export.csv").status_code == 404


def test_file_names_say_what_when_and_which_language(analyst, survey):
    response = analyst.client.get("/staff/results/bus-routes/export.xlsx?language=cy")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "bus-routes-" in disposition and disposition.rstrip('"').endswith("-cy.xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_exports_are_never_kept_in_a_browser_or_proxy_cache(analyst, survey, format_name):
    # Every answer is in the file: a shared computer's cache must not keep a copy.
    response = analyst.client.get(f"/staff/results/bus-routes/export.{format_name}")
    assert response.status_code == 200 and response.get_data()  # read to the end: the CSV streams
    assert response.headers.get("Cache-Control") == "no-store"


# -- XLSX -------------------------------------------------------------------------------------

def test_xlsx_neutralises_every_cell_and_keeps_numbers_and_dates(analyst, survey):
    rows = _xlsx(analyst.client.get("/staff/results/bus-routes/export.xlsx"))
    assert rows[0][:7] == FIXED
    assert rows[0][7] == "'" + f"{HYPERLINK} Which bus do you use?"
    _assert_no_cell_starts_a_formula(rows)
    by_ref = {row[0]: row for row in rows[1:]}
    walker = by_ref["WLK-AAA-AAA"]
    # A date cell (read back as midnight), a real number (a negative number is not a formula).
    assert walker[1] == datetime(2027, 7, 1)
    assert walker[10] == -2 and isinstance(walker[10], int)
    assert walker[9] == "'" + HYPERLINK and walker[6] == "'=Advocate"
    assert by_ref["BUS-BBB-BBB"][8] == "'\tFriday" and by_ref["BUS-BBB-BBB"][11] == "'+44 Cardiff\r"
    # Empty cells for the question not asked and the one skipped.
    assert by_ref["BUS-BBB-BBB"][9] is None and by_ref["STF-CCC-CCC"][11] is None
    assert by_ref["BUS-BBB-BBB"][12] == "3"


def test_xlsx_in_welsh(analyst, survey):
    rows = _xlsx(analyst.client.get("/staff/results/bus-routes/export.xlsx?language=cy"))
    assert rows[0][7] == "'=Pa fws ydych chi’n ei ddefnyddio?"
    assert {row[7] for row in rows[1:]} == {"Cerdded", "'+1 Rhif un", "'@SUM llwybr"}


def test_xlsx_drops_characters_it_cannot_hold_before_checking_for_formulas(app, analyst, survey):
    with app.app_context():
        add_response(survey, {"bus": "walk", "days": ["monday"], "why_walk": "\x01=1+1", "trips": 1},
                     reference="CTL-DDD-DDD")
        db.session.commit()
    rows = _xlsx(analyst.client.get("/staff/results/bus-routes/export.xlsx"))
    assert {row[0]: row for row in rows[1:]}["CTL-DDD-DDD"][9] == "'=1+1"


# -- streaming --------------------------------------------------------------------------------

def test_csv_streams_from_a_generator(analyst, survey):
    response = analyst.client.get("/staff/results/bus-routes/export.csv")
    assert response.is_streamed
    assert len(_csv(response)) == 4


def test_rows_are_read_in_batches(app, survey):
    """Keyset paging: five responses in batches of two are three queries of 2, 2 and 1 rows."""
    from consult.loading import load_consultation
    from consult.results import exports

    with app.app_context():
        for number in range(2):
            add_response(survey, {"bus": "one", "days": ["monday"], "trips": number})
        db.session.commit()
        batches = list(exports.response_batches(survey.id, size=2))
        assert [len(batch) for batch in batches] == [2, 2, 1]
        assert [response.id for batch in batches for response, _ in batch] == sorted(survey.responses)
        with app.test_request_context():
            sheet = exports.prepare_sheet(load_consultation("bus-routes"), "en", "en")
            chunks = list(exports.csv_chunks(sheet, batch_size=2))
    # The header, then one chunk per batch: never everything at once.
    assert len(chunks) == 4
    rows = list(csv.reader(io.StringIO("".join(chunks).lstrip("\ufeff"), newline="")))
    assert len(rows) == 6


def test_an_export_with_no_responses_has_only_the_header(app, analyst):
    with app.app_context():
        build_survey("empty-survey")
        db.session.commit()
    assert len(_csv(analyst.client.get("/staff/results/empty-survey/export.csv"))) == 1
    assert len(_xlsx(analyst.client.get("/staff/results/empty-survey/export.xlsx"))) == 1


# -- the page and who may use it ----------------------------------------------------------------

def test_export_page_offers_each_language_in_both_formats(analyst, survey):
    page = analyst.get("/staff/results/bus-routes/export")
    assert page.status == 200
    assert_well_formed(page)
    links = {a["href"]: a for a in page.soup.select("main a[download]")}
    for language in ("en", "cy"):
        for extension in ("csv", "xlsx"):
            link = links[f"/staff/results/bus-routes/export.{extension}?language={language}"]
            # A download is a file: htmx must not fetch it to swap into the page.
            assert link["hx-boost"] == "false"
    assert "3 responses so far." in page.text()


@pytest.mark.parametrize("role", ["analyst", "editor", "admin"])
def test_every_results_role_may_export(app, signed_in, survey, role):
    person = signed_in(role)
    assert person.client.get("/staff/results/bus-routes/export.csv").status_code == 200
    assert person.client.get("/staff/results/bus-routes/export.xlsx").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(app, survey):
    client = app.test_client()
    for path in ("/staff/results/bus-routes/export.csv", "/staff/results/bus-routes/export.xlsx",
                 "/staff/results/bus-routes/export"):
        response = client.get(path)
        assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]
