"""The results dashboard through the test client: parsed HTML, filters in the address, small groups."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

import pytest
from sqlalchemy import event, select

from consult.extensions import db
from consult.models import AuditEntry, Consultation, TextVariant
from tests.html_checks import assert_well_formed
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

SLUG = "bus-survey"
DASHBOARD = f"/staff/results/{SLUG}"

QUESTIONS = [
    QuestionSpec("single_choice", ["Bus", "Car", "Walk"], prefer_not=True, prompt="How do you travel?"),
    QuestionSpec("yes_no", condition=(0, [0]), prompt="Do you have a bus pass?"),
    QuestionSpec("agree_scale", prompt="The buses are on time."),
    QuestionSpec("multiple_choice", ["Monday", "Wednesday", "Friday"], none=True, prompt="Which days do you travel?"),
    QuestionSpec("number", prompt="How many trips a week?"),
    QuestionSpec("long_text", required=False, prompt="Anything else?"),
]
START = datetime(2027, 3, 1, 10)


def _responses() -> list[ResponseSpec]:
    """14 people: 8 by bus (6 with a pass), 5 by car, 1 prefers not to say. 10 online, 4 on paper."""
    made = []
    for n in range(14):
        travel = 0 if n < 8 else (1 if n < 13 else 3)
        answers = {0: [travel], 2: [0 if n < 7 else 3], 3: [0, 2] if n < 7 else [1], 4: n, 5: "More buses" if n < 6 else None}
        if travel == 0:
            answers[1] = [0 if n < 6 else 1]
        answers = {key: value for key, value in answers.items() if value is not None}
        made.append(ResponseSpec(START + timedelta(days=n // 5, hours=n), answers,
                                 channel="paper" if n >= 10 else "online", language="cy" if n % 3 == 0 else "en"))
    return made


@pytest.fixture
def survey(app):
    with app.app_context():
        consultation = make_consultation(QUESTIONS, slug=SLUG)
        add_responses(consultation, _responses())
        db.session.commit()
        return {"id": consultation.id, "questions": [q.id for q in consultation.questions],
                "options": [[o.id for o in q.options] for q in consultation.questions]}


@pytest.fixture
def analyst(signed_in):
    return signed_in("analyst")


@pytest.fixture
def editor(signed_in):
    return signed_in("editor")


def section(page, question_id):
    return page.soup.find("section", attrs={"aria-labelledby": f"question-{question_id}-title"})


def table_rows(container) -> dict[str, tuple[str, str]]:
    """{label: (count, percentage)} from the data table in ``container``."""
    rows = {}
    for row in container.select("table tbody tr"):
        cells = [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all(["th", "td"])]
        rows[cells[0]] = tuple(cells[1:])
    return rows


def facts(container) -> dict[str, str]:
    return {row.find("dt").get_text(strip=True): row.find("dd").get_text(strip=True)
            for row in container.select("dl.facts .facts__row")}


def test_dashboard_shows_every_question_with_chart_table_and_words(analyst, survey):
    page = analyst.get(DASHBOARD)
    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == "Results" and page.title.startswith("Results: Bus routes")
    # The Content-Security-Policy allows no inline styles or scripts, in the charts either.
    assert not page.soup.find_all(attrs={"style": True}) and not page.soup.find_all("style")
    assert all(script.get("src") for script in page.soup.find_all("script"))
    assert "14 responses" in page.text()
    travel = section(page, survey["questions"][0])
    assert facts(travel) == {"Asked": "14", "Answered": "14", "No answer (skipped)": "0"}
    # 8 Bus, 5 Car, 0 Walk, 1 Prefer not to say, 0 skipped. "Prefer not to say" is small, and the
    # smallest other count (Car) is hidden too, so 1 cannot be worked out as 14 - 8 - 5.
    assert table_rows(travel) == {
        "Bus": ("8", "57%"), "Car": ("not shown", "not shown"), "Walk": ("0", "0%"),
        "Prefer not to say": ("fewer than 5", "not shown"), "No answer (skipped)": ("0", "0%"),
    }
    assert "Most people (57%) chose “Bus”." in travel.get_text(" ", strip=True)
    svg = travel.find("svg")
    assert svg["role"] == "img" and svg.find("title").get_text() == "Question 1: answers"
    assert "fewer than 5" in [t.get_text() for t in svg.find_all("text")]
    # Every chart on the page is an image with a name, followed by its table.
    for chart in page.soup.find_all("svg"):
        assert chart["role"] == "img" and chart.find("title").get_text(strip=True)
        assert chart.find_parent("div").find_next_sibling("div").find("table")


def test_branching_and_the_other_question_types(analyst, survey):
    page = analyst.get(DASHBOARD)
    q = survey["questions"]
    bus_pass = section(page, q[1])
    assert "Asked only of people who answered “Bus” to question 1." in bus_pass.get_text(" ", strip=True)
    assert facts(bus_pass)["Asked"] == "8"
    scale = section(page, q[2]).get_text(" ", strip=True)
    assert "50% of the people asked agreed or strongly agreed." in scale
    assert "The middle answer on the scale was “Strongly agree”." in scale
    days = table_rows(section(page, q[3]))
    assert days["Monday"] == ("7", "50%") and days["Wednesday"] == ("7", "50%")
    assert days["None of these"] == ("0", "0%")
    number = section(page, q[4])
    assert table_rows(number) == {"Answers": ("14",), "Lowest": ("0",), "Middle (median)": ("6.5",), "Highest": ("13",)}
    text = section(page, q[5])
    assert "6 people wrote an answer." in text.get_text(" ", strip=True)
    assert facts(text) == {"Asked": "14", "Answered": "6", "No answer (skipped)": "8"}
    link = text.find("a", string=lambda s: s and "Read and tag the answers to question 6" in s)
    assert link["href"] == f"/staff/results/{SLUG}/questions/{q[5]}/answers"


def test_who_answered(analyst, survey):
    page = analyst.get(DASHBOARD)
    channel = page.soup.find(id="chart-channel").find_parent("div").find_next_sibling("div")
    # 10 online and 4 on paper: paper is small, and online would give it back (14 - 10).
    assert table_rows(channel)["Online"] == ("not shown", "not shown")
    assert table_rows(channel)["Paper form"] == ("fewer than 5", "not shown")
    assert table_rows(channel)["Phone"] == ("0", "0%")
    language = page.soup.find(id="chart-language").find_parent("div").find_next_sibling("div")
    assert table_rows(language) == {"English": ("9", "64%"), "Welsh": ("5", "36%")}
    days = page.soup.find(id="chart-days")
    assert days["role"] == "img"
    assert "Responses came in on 3 days, from 1 March 2027 to 3 March 2027." in page.text()
    # 5, 5 and 4 a day: 4 is small, so one 5 is hidden, and naming the other as the busiest day
    # would say something about the hidden one.
    assert table_rows(days.find_parent("div").find_next_sibling("div")) == {
        "1 March 2027": ("5", "36%"), "2 March 2027": ("not shown", "not shown"),
        "3 March 2027": ("fewer than 5", "not shown")}
    assert "busiest day" not in page.text()


def test_a_count_under_the_threshold_never_appears(analyst, survey, app):
    """With a threshold of 10, every count from 1 to 9 reads "fewer than 10", wherever it is."""
    with app.app_context():
        db.session.get(Consultation, survey["id"]).small_group_threshold = 10
        db.session.commit()
    page = analyst.get(DASHBOARD)
    for table in page.soup.select("main table"):
        for cell in table.select("td"):
            words = cell.get_text(" ", strip=True)
            assert not (words.isdigit() and 0 < int(words) < 10), f"{words} in {table.find('caption')}"
    for dd in page.soup.select("dl.facts dd"):
        words = dd.get_text(strip=True)
        assert not (words.isdigit() and 0 < int(words) < 10)
    for svg in page.soup.find_all("svg"):
        if svg["id"] == "chart-days":
            continue  # its words are dates ("1 Mar"); its counts are in its table, checked above
        for text in svg.find_all("text"):
            first = text.get_text(" ", strip=True).split(" ")[0]
            assert not (first.isdigit() and 0 < int(first) < 10), text
    assert "fewer than 10" in page.text()


def test_a_few_skipped_answers_hide_how_many_answered(app, analyst):
    """20 people asked, 2 skipped: "answered" (18) would give the 2 back, so it is not shown either,
    nor is the number of answers in the number question's table."""
    with app.app_context():
        consultation = make_consultation([QuestionSpec("number", required=False, prompt="How many trips?"),
                                          QuestionSpec("short_text", required=False, prompt="Where to?")],
                                         slug="few-skipped")
        add_responses(consultation, [ResponseSpec(START, {0: n, 1: "Town"} if n < 18 else {})
                                     for n in range(20)])
        db.session.commit()
        ids = [q.id for q in consultation.questions]
    page = analyst.get("/staff/results/few-skipped")
    for question_id in ids:
        assert facts(section(page, question_id)) == {"Asked": "20", "Answered": "not shown",
                                                     "No answer (skipped)": "fewer than 5"}
    number = table_rows(section(page, ids[0]))
    assert number["Answers"] == ("not shown",) and number["Highest"] == ("17",)
    assert "The numbers are hidden to protect small groups." in section(page, ids[1]).get_text(" ", strip=True)
    assert "18" not in page.soup.find("main").get_text(" ")


def test_filters_live_in_the_address_and_work_without_javascript(analyst, survey):
    page = analyst.get(DASHBOARD)
    form = page.soup.find("form", attrs={"method": "get"})
    assert form["action"] == DASHBOARD
    names = {control["name"] for control in form.find_all(["input", "select"])}
    assert names == {"from", "to", "channel", "language", "register", "answer"}
    filtered = analyst.get(f"{DASHBOARD}?{urlencode({'language': 'cy', 'channel': '', 'from': '2027-03-01'})}")
    assert filtered.status == 200
    assert filtered.path == f"{DASHBOARD}?language=cy&from=2027-03-01"  # the empty field left out
    assert "5 responses: from 1 March 2027, Welsh" in filtered.text()
    assert filtered.soup.find("select", id="filter-language").find("option", selected=True)["value"] == "cy"
    assert filtered.soup.find("input", id="filter-from")["value"] == "2027-03-01"
    # The response list link carries the same filters.
    link = filtered.soup.find("a", string="Read the responses one by one")
    assert link["href"].endswith("?from=2027-03-01&language=cy")


def test_cross_tab_shows_the_answers_of_people_who_gave_one_answer(analyst, survey):
    car = survey["options"][0][1]
    page = analyst.get(f"{DASHBOARD}?answer={car}")
    assert "5 responses: people who answered “Car” to question 1" in page.text()
    assert page.soup.find("select", id="filter-answer").find("option", selected=True)["value"] == str(car)
    travel = section(page, survey["questions"][0])
    assert table_rows(travel)["Car"] == ("5", "100%")
    # Nobody who came by car was asked about a bus pass.
    assert facts(section(page, survey["questions"][1]))["Asked"] == "0"


def test_a_bad_filter_is_shown_as_an_error_and_ignored(analyst, survey):
    page = analyst.get(f"{DASHBOARD}?from=31/2/2027&channel=paper&answer=nonsense")
    assert page.status == 200
    assert_well_formed(page)
    assert page.title.startswith("Error:")
    links = [a["href"] for a in page.soup.select(".error-summary a")]
    assert links == ["#filter-from", "#filter-answer"]
    assert page.soup.find(id="filter-from")["value"] == "31/2/2027"
    assert "Fewer than 5 responses: Paper form" in page.text()  # the good filter still applies


def test_htmx_gets_the_main_region_only(app, signed_in, survey):
    person = signed_in("analyst", htmx=True)
    page = person.get(f"{DASHBOARD}?channel=online")
    assert page.status == 200 and "<html" not in page.html
    assert "HX-Request" in page.headers.get("Vary", "")
    assert page.soup.find("h1").get_text(strip=True) == "Results"


def statements_of(app, client, path) -> list[str]:
    """The SQL the page at ``path`` sends, in order."""
    seen = []
    with app.app_context():
        engine = db.engine

    def listen(connection, cursor, statement, *args):
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        assert client.get(path).status == 200
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    return seen


def test_the_dashboard_runs_the_same_number_of_queries_for_few_or_many_responses(app, analyst, survey):
    def count_queries(path):
        return len(statements_of(app, analyst, path))

    count_queries(DASHBOARD)  # the first visit has the counts kept ahead built (consult/results/counts.py)
    few = count_queries(DASHBOARD)
    with app.app_context():
        consultation = db.session.get(Consultation, survey["id"])
        from tests.results.analysis_data import load

        add_responses(load(consultation.id), _responses() * 5)
        db.session.commit()
    many = count_queries(DASHBOARD)
    assert many == few
    assert few < 30


def test_the_dashboard_reads_a_compiled_consultation_that_follows_every_change(app, analyst, survey):
    assert analyst.get(DASHBOARD).status == 200  # compiles the consultation (consult.snapshots)
    again = statements_of(app, analyst, DASHBOARD)
    assert not [statement for statement in again if "question.prompt_id" in statement], again  # no questions read
    # What staff change shows on the next view: a question's words and the small-group threshold.
    with app.app_context():
        consultation = db.session.get(Consultation, survey["id"])
        prompt_id = consultation.questions[0].prompt_id
        variant = db.session.scalar(select(TextVariant).where(TextVariant.block_id == prompt_id,
                                                              TextVariant.language == "en"))
        variant.body = "How do you usually travel?"
        consultation.small_group_threshold = 2
        db.session.commit()
    page = analyst.get(DASHBOARD)
    travel = section(page, survey["questions"][0])
    assert "How do you usually travel?" in travel.get_text(" ", strip=True)
    assert table_rows(travel)["Prefer not to say"] == ("fewer than 2", "not shown")


def test_other_consultations_and_unknown_slugs(analyst, survey):
    assert analyst.get("/staff/results/no-such-thing").status == 404
    assert analyst.get(f"/staff/results/{SLUG}/responses/NOPE").status == 404


def test_an_empty_consultation(app, analyst):
    with app.app_context():
        make_consultation(QUESTIONS, slug="empty-one")
        db.session.commit()
    page = analyst.get("/staff/results/empty-one")
    assert page.status == 200
    assert_well_formed(page)
    assert "There are no responses to show yet." in page.text() and "0 responses" in page.text()


def test_right_to_left_charts_on_an_arabic_page(analyst, survey):
    page = analyst.get(f"{DASHBOARD}?lang=ar")
    assert page.soup.find("html")["dir"] == "rtl"
    assert {svg["direction"] for svg in page.soup.find_all("svg")} == {"rtl"}


# -- the threshold -----------------------------------------------------------------------------

def test_an_editor_changes_the_threshold_and_it_is_audited(app, editor, survey):
    page = editor.get(f"{DASHBOARD}?language=en")
    form = page.soup.find("form", attrs={"action": f"{DASHBOARD}/small-groups"})
    assert form.find("input", attrs={"name": "threshold"})["value"] == "5"
    done = editor.submit(page, {"threshold": "3"}, form_index=[f for f in page.soup.find_all("form")
                                                              if f.get("method") == "post"].index(form))
    assert done.path == f"{DASHBOARD}?language=en"
    assert "Groups smaller than 3 now show as “fewer than 3”" in done.text()
    with app.app_context():
        assert db.session.get(Consultation, survey["id"]).small_group_threshold == 3
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "consultation.small_groups_changed"))
        assert entry.staff_email == "editor@example.org" and entry.detail == f"{SLUG}: 5 to 3"


@pytest.mark.parametrize("value", ["0", "many", "", "101"])
def test_a_bad_threshold_is_refused_with_a_message(app, editor, survey, value):
    page = editor.get(f"{DASHBOARD}/small-groups")
    refused = editor.submit(page, {"threshold": value})
    assert refused.status == 422
    assert_well_formed(refused)
    assert refused.soup.select_one(".error-summary a")["href"] == "#threshold"
    with app.app_context():
        assert db.session.get(Consultation, survey["id"]).small_group_threshold == 5


def test_an_analyst_reads_but_cannot_change_the_threshold(analyst, survey):
    page = analyst.get(DASHBOARD)
    assert page.soup.find("form", attrs={"action": f"{DASHBOARD}/small-groups"}) is None
    assert analyst.get(f"{DASHBOARD}/small-groups").status == 403


def test_the_staff_pages_link_to_the_results(editor, analyst, survey):
    overview = editor.get(f"/staff/consultations/{survey['id']}")
    assert overview.soup.find("a", string="Results: what people said")["href"] == DASHBOARD
    # Analysts cannot open the builder: the title in the list takes them to the results instead.
    listed = analyst.get("/staff/consultations/")
    assert listed.soup.find("a", string="Bus routes")["href"] == DASHBOARD
    counts = editor.get("/staff/consultations/").soup.select(f'td a[href="{DASHBOARD}"]')
    assert [" ".join(a.get_text(" ", strip=True).split()) for a in counts] == ["14 responses: see the results"]
