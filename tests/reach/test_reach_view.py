"""The reach view through the test client, against the hand-worked example (tests/reach/example.py):
SQL counts, the tables, the words, the chart, the cut-off in the address, and who may see it."""

from __future__ import annotations

from sqlalchemy import event

from consult.extensions import db
from consult.loading import load_consultation
from consult.reach.services import about_you_questions, count_groups, responses_by_channel
from tests.html_checks import assert_well_formed
from tests.reach.conftest import SLUG, add_answers
from tests.reach.example import LABELS, ONLINE, PAPER

REACH = f"/staff/results/{SLUG}/reach"


def rows(table) -> dict[str, list[str]]:
    found = {}
    for row in table.select("tbody tr"):
        cells = [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all(["th", "td"])]
        found[cells[0]] = cells[1:]
    return found


def section(page, question_id):
    return page.soup.find("section", attrs={"aria-labelledby": f"reach-{question_id}-title"})


def test_the_counts_come_from_one_group_by(app, survey):
    with app.app_context():
        consultation = load_consultation(SLUG)
        questions = about_you_questions(consultation)
        statements = []

        def count(*_args):
            statements.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            counts = count_groups(consultation, questions)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        assert len(statements) == 1
        groups = survey["groups"]
        assert counts[survey["age"]]["online"] == {option: n for option, n in zip(groups, ONLINE) if n} | {
            next(o.id for o in questions[0].options if o.kind == "prefer_not"): 6}
        assert counts[survey["age"]]["paper"] == {option: n for option, n in zip(groups, PAPER) if n} | {
            next(o.id for o in questions[0].options if o.kind == "prefer_not"): 2}
        assert responses_by_channel(consultation) == {"online": 160, "paper": 52, "phone": 1}


def test_the_reach_view_against_the_hand_worked_example(analyst, survey):
    page = analyst.get(REACH)
    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == "Who is missing?" and page.title.startswith("Who is missing? The day centre")
    assert not page.soup.find_all(attrs={"style": True})
    age = section(page, survey["age"])
    assert age.find("h2").get_text(" ", strip=True) == "Question 2 How old are you?"
    assert age.find("p", class_="chart-summary").get_text(strip=True) == (
        "We heard from fewer people aged “75 to 84” than we expected. For some small groups we cannot say.")

    everyone, ways = age.find_all("table")
    assert rows(everyone) == {
        "Under 18": ["2%", "fewer than 5", "not shown", "Too few people to say"],
        "18 to 24": ["6%", "12", "6%", "100% of the share we expected"],
        "25 to 34": ["10%", "20", "10%", "100% of the share we expected"],
        "35 to 44": ["12%", "30", "15%", "125% of the share we expected"],
        "45 to 54": ["14%", "40", "20%", "143% of the share we expected"],
        "55 to 64": ["16%", "40", "20%", "125% of the share we expected"],
        "65 to 74": ["16%", "30", "15%", "94% of the share we expected"],
        "75 to 84": ["18%", "18", "9%", "Under-represented: 50% of the share we expected"],
        "85 or over": ["4%", "not shown", "not shown", "Not shown, to protect a small group"],
    }
    # The flag is in words (and bold), never colour alone.
    assert [strong.get_text() for strong in everyone.find_all("strong")] == [
        "Under-represented: 50% of the share we expected"]
    assert everyone.select_one("tfoot td.table__number").get_text(strip=True) == "200"

    assert [th.get_text(strip=True) for th in ways.select("thead th")] == [
        "Group", "Expected share", "Online", "Paper form", "Phone"]
    by_way = rows(ways)
    assert by_way["People who chose a group"] == ["", "150", "50", "0"]
    assert by_way["75 to 84"] == ["18%", "8 (5%) Under-represented: 30% of the share we expected",
                                  "10 (20%) 111% of the share we expected", "0"]
    assert by_way["85 or over"] == ["4%", "fewer than 5 Under-represented: fewer than 5 people, where we expected "
                                          "about 6", "fewer than 5 Too few people to say", "0"]
    assert by_way["25 to 34"] == ["10%", "not shown", "fewer than 5 Too few people to say", "0"]
    assert by_way["18 to 24"] == ["6%", "12 (8%) 133% of the share we expected",
                                  "0 (0%) Under-represented: we heard from no one in this group", "0"]
    assert by_way["Under 18"][1:3] == ["fewer than 5 Too few people to say", "fewer than 5 Too few people to say"]
    # No count under 5 appears anywhere in the age section's tables.
    for cell in age.select("td"):
        words = cell.get_text(" ", strip=True).split()
        assert not (words and words[0] in {"1", "2", "3", "4"}), cell

    # The chart: an image with a name and the sentence, bars in pairs, words beside each bar.
    svg = age.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() == "Question 2: who answered, against who we expected"
    texts = [text.get_text(" ") for text in svg.find_all("text")]
    assert "9%, under-represented" in texts and "18%" in texts and "fewer than 5" in texts
    assert "No responses came in this way yet: Event or Helped by staff." in page.text()

    # The other About you questions: nobody has answered them yet; no tables of zeros.
    for question_id in survey["questions"][1:]:
        other = section(page, question_id)
        assert other.find("p", class_="chart-summary").get_text(strip=True) == "No one has chosen a group yet."
        assert other.find("table") is None


def test_a_different_cut_off_from_the_address(analyst, survey):
    page = analyst.get(f"{REACH}?below=40")
    age = section(page, survey["age"])
    assert age.find("p", class_="chart-summary").get_text(strip=True) == (
        "No group we can show is under-represented, but for some small groups we cannot say.")
    assert rows(age.find("table"))["75 to 84"][3] == "50% of the share we expected"
    assert page.soup.find(id="below")["value"] == "40"
    page = analyst.get(f"{REACH}?below=51")
    assert "Under-represented: 50%" in page.text()


def test_a_bad_cut_off_is_reported_and_the_usual_one_used(analyst, survey):
    page = analyst.get(f"{REACH}?below=eighty")
    assert page.status == 200
    assert_well_formed(page)
    assert page.title.startswith("Error: ")
    summary = page.soup.select_one(".error-summary")
    assert summary.find("a")["href"] == "#below"
    assert "Enter a whole number from 1 to 100, like 80" in summary.get_text()
    assert page.soup.find(id="below")["value"] == "eighty"
    assert "Under-represented: 50% of the share we expected" in page.text()


def test_a_larger_threshold_protects_more(app, analyst, survey):
    from consult.models import Consultation

    with app.app_context():
        db.session.get(Consultation, survey["id"]).small_group_threshold = 20
        db.session.commit()
    page = analyst.get(REACH)
    everyone = section(page, survey["age"]).find("table")
    table = rows(everyone)
    assert table["18 to 24"][1] == "fewer than 20" and table["75 to 84"][1] == "fewer than 20"
    # 75 to 84 (18 people) is now small: expected 18% of 200 = 36, and 80% of 36 is 28.8: any count
    # under 20 is under-represented, so the flag stays and says nothing about the count.
    assert table["75 to 84"][3] == "Under-represented: fewer than 20 people, where we expected about 36"


def test_without_expected_shares_or_answers(app, analyst, editor):
    from consult.reach.services import add_about_you
    from tests.reach.conftest import make_draft

    with app.app_context():
        consultation = make_draft(questions=0)
        add_about_you(consultation)
        consultation = load_consultation(SLUG)
        age = about_you_questions(consultation)[0]
        add_answers(consultation, [("online", {age: age.options[n % 3]}) for n in range(30)])
        age_id = age.id
        db.session.commit()
    page = analyst.get(REACH)
    age_section = section(page, age_id)
    assert age_section.find("p", class_="chart-summary").get_text(strip=True) == (
        "There are no expected shares for this question yet, so we cannot say who is missing.")
    assert rows(age_section.find("table"))["Under 18"] == ["none set", "10", "33%", "No expected share set"]
    # Analysts read; only editors get the link to set the shares.
    assert page.soup.find("a", string="Set the shares you expect") is None
    assert editor.get(REACH).soup.find("a", string="Set the shares you expect") is not None


def test_a_consultation_without_about_you_questions(app, editor):
    from tests.reach.conftest import make_draft

    with app.app_context():
        make_draft()
        db.session.commit()
    page = editor.get(REACH)
    assert page.status == 200
    assert "This consultation has no About you questions, so there is nothing to compare." in page.text()
    assert page.soup.find("a", string="Add the About you questions")["href"].endswith("#about-you")


def test_the_dashboard_links_to_it(analyst, survey):
    page = analyst.get(f"/staff/results/{SLUG}")
    assert page.soup.find("a", string="Who is missing?")["href"] == REACH


def test_welsh_and_arabic_pages(analyst, survey):
    for language, direction in (("cy", "ltr"), ("ar", "rtl")):
        page = analyst.get(f"{REACH}?lang={language}")
        assert page.status == 200
        assert page.soup.html["lang"] == language and page.soup.html["dir"] == direction
        assert_well_formed(page)
        assert section(page, survey["age"]).find("svg")["direction"] == direction
    analyst.get(f"{REACH}?lang=en")


def test_labels_come_from_the_questions_own_words(analyst, survey):
    page = analyst.get(REACH)
    table = section(page, survey["age"]).find("table")
    assert list(rows(table)) == LABELS
