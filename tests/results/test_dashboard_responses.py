"""Responses one by one: the list with pages, one read in full, deleting one (admins only, audited)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Answer, AuditEntry, Consultation, Response
from tests.html_checks import assert_well_formed
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

SLUG = "day-centre"
LIST = f"/staff/results/{SLUG}/responses"

QUESTIONS = [
    QuestionSpec("single_choice", ["Bus", "Car"], prefer_not=True, prompt="How do you get there?"),
    QuestionSpec("yes_no", condition=(0, [0]), prompt="Is the bus on time?"),
    QuestionSpec("multiple_choice", ["Monday", "Friday"], prompt="Which days?"),
    QuestionSpec("number", required=False, prompt="How many visits?"),
    QuestionSpec("long_text", required=False, prompt="What would help?"),
]
WHEN = datetime(2027, 4, 2, 13, 45)


@pytest.fixture
def centre(app):
    with app.app_context():
        consultation = make_consultation(QUESTIONS, slug=SLUG)
        # Welsh labels for the answers, so a Welsh-speaking analyst reads them in Welsh.
        bus = consultation.questions[0].options[0]
        bus.label.set("cy", "Bws")
        references = []
        ids = add_responses(consultation, [
            ResponseSpec(WHEN, {0: [0], 1: [0], 2: [0, 1], 3: 12, 4: "<b>More</b> buses"}, channel="paper"),
            ResponseSpec(WHEN + timedelta(hours=1), {0: [1], 2: [1]}),  # car: never asked about the bus
        ] + [ResponseSpec(WHEN - timedelta(days=n), {0: [2], 2: [0]}) for n in range(1, 60)])
        references = [db.session.get(Response, i).reference for i in ids]
        db.session.commit()
        return {"id": consultation.id, "references": references}


@pytest.fixture
def analyst(signed_in):
    return signed_in("analyst")


@pytest.fixture
def admin(signed_in):
    return signed_in("admin")


def _facts(page) -> dict[str, str]:
    return {row.find("dt").get_text(strip=True): row.find("dd").get_text(" ", strip=True)
            for row in page.soup.select("dl.facts .facts__row")}


def _answers(page) -> dict[str, str]:
    found = {}
    for row in page.soup.select("dl.summary-list .summary-list__row"):
        prompt = row.find("dt").find_all("span")[-1].get_text(strip=True)
        found[prompt] = " | ".join(p.get_text(" ", strip=True) for p in row.find("dd").find_all("p"))
    return found


def test_the_list_pages_through_every_response_newest_first(analyst, centre):
    page = analyst.get(LIST)
    assert page.status == 200
    assert_well_formed(page)
    links = [a.get_text(strip=True) for a in page.soup.select("table a")]
    assert links[:2] == [centre["references"][1], centre["references"][0]]
    assert len(links) == 50
    assert "Page 1 of 2" in page.text()
    second = analyst.get(page.soup.find("a", rel="next")["href"])
    assert len(second.soup.select("table a")) == 11
    assert second.soup.find("a", rel="prev")


def test_the_list_keeps_the_dashboard_filters(analyst, centre):
    page = analyst.get(f"{LIST}?channel=paper")
    assert [a.get_text(strip=True) for a in page.soup.select("table a")] == [centre["references"][0]]
    assert page.soup.select_one("table a")["href"].endswith("?channel=paper")


def test_one_response_in_full(analyst, centre):
    reference = centre["references"][0]
    page = analyst.get(f"{LIST}/{reference}")
    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == f"Response {reference}"
    # Anonymous consultation: the date only, no time of day.
    assert _facts(page) == {"Sent": "2 April 2027", "Way of answering": "Paper form", "Language": "English",
                            "Version": "Standard"}
    assert _answers(page) == {
        "How do you get there?": "Bus", "Is the bus on time?": "Yes", "Which days?": "Monday | Friday",
        "How many visits?": "12", "What would help?": "<b>More</b> buses",
    }
    assert "<b>More</b>" not in page.html  # what people typed is escaped
    assert page.soup.find("p", string="<b>More</b> buses")["dir"] == "auto"
    # An analyst may read but not delete.
    assert page.soup.find("a", string="Delete this response") is None


def test_questions_not_asked_are_left_out_and_skipped_ones_say_so(analyst, centre):
    page = analyst.get(f"{LIST}/{centre['references'][1]}")
    answers = _answers(page)
    assert "Is the bus on time?" not in answers
    assert answers["How many visits?"] == "Not answered" and answers["What would help?"] == "Not answered"
    assert "1 question was not asked because of an earlier answer." in page.text()


def test_paging_from_one_response_to_the_next(analyst, centre):
    newest = analyst.get(f"{LIST}/{centre['references'][1]}")
    assert newest.soup.find("a", rel="prev") is None
    older = analyst.get(newest.soup.find("a", rel="next")["href"])
    assert older.h1 == f"Response {centre['references'][0]}"
    assert analyst.get(older.soup.find("a", rel="prev")["href"]).h1 == f"Response {centre['references'][1]}"


def test_answers_in_the_staff_members_language(analyst, centre):
    page = analyst.get(f"{LIST}/{centre['references'][0]}?lang=cy")
    assert page.soup.find("html")["lang"] == "cy"
    label = page.soup.find("p", string="Bws")
    assert label is not None and not label.has_attr("lang")
    # A label with no Welsh words falls back to English, marked as English.
    assert page.soup.find("p", string="Monday")["lang"] == "en"


def test_dates_and_times_when_the_consultation_is_not_anonymous(app, analyst, centre):
    with app.app_context():
        db.session.get(Consultation, centre["id"]).anonymous = False
        db.session.commit()
    facts = _facts(analyst.get(f"{LIST}/{centre['references'][0]}"))
    assert facts["Sent"] == "2 April 2027, 14:45"  # British Summer Time
    assert facts["Started"] == "2 April 2027, 14:40"


def test_an_admin_deletes_a_response_after_confirming(app, admin, centre):
    reference = centre["references"][0]
    page = admin.get(f"{LIST}/{reference}")
    confirm = admin.get(page.soup.find("a", string="Delete this response")["href"])
    assert confirm.h1 == f"Delete response {reference}?"
    assert_well_formed(confirm)
    done = admin.submit(confirm)
    assert done.path == LIST
    assert f"Response {reference} deleted." in done.text()
    with app.app_context():
        assert db.session.scalar(select(Response).where(Response.reference == reference)) is None
        assert db.session.scalar(select(func.count()).select_from(Answer).join(Response)
                                 .where(Response.consultation_id == centre["id"])) == 59 * 2 + 2  # the other responses keep their answers
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "response.deleted"))
        assert entry.staff_email == "admin@example.org" and entry.detail == f"{reference} ({SLUG})"
        assert "buses" not in entry.detail
    assert admin.get(f"{LIST}/{reference}").status == 404


def test_an_analyst_cannot_delete(app, analyst, centre):
    reference = centre["references"][0]
    assert analyst.get(f"{LIST}/{reference}/delete").status == 403
    token = analyst.get(LIST).soup.find("input", attrs={"name": "csrf_token"})["value"]
    assert analyst.client.post(f"{LIST}/{reference}/delete", data={"csrf_token": token}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(Response).where(Response.reference == reference)) is not None


def test_deleting_needs_the_form_token(app, admin, centre):
    reference = centre["references"][0]
    assert admin.client.post(f"{LIST}/{reference}/delete", data={}).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Response).where(Response.reference == reference)) is not None
