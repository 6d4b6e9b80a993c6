"""Every page a resident can reach, checked on its parsed HTML (tests/html_checks.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models._time import utcnow
from tests.demo_answers import answer_for
from tests.html_checks import assert_well_formed


def all_pages(resident, slug):
    """Yield every page and error state of the demo journey."""
    yield resident.get("/")
    yield resident.get("/accessibility")
    yield resident.get("/staff/sign-in")
    yield resident.submit(resident.get("/staff/sign-in"), {"email": "", "password": ""})
    yield resident.submit(resident.get("/staff/sign-in"), {"email": "nobody@example.org", "password": "wrong"})
    yield resident.get("/nowhere")
    yield resident.get("/c/wheelchair-repairs")
    yield resident.get(f"/c/{slug}/resume")
    yield resident.submit(resident.get(f"/c/{slug}/resume"), {"code": "AAA-AAA-AAA"})
    yield resident.get(f"/c/{slug}/resume/not-a-real-token")
    start = resident.get(f"/c/{slug}")
    yield start
    page = resident.submit(start)
    for number in range(1, 9):
        yield page
        if page.soup.find("input", attrs={"type": "radio"}) or page.soup.find("input", attrs={"type": "checkbox"}):
            yield resident.submit(page, {})
        else:
            yield resident.submit(page, {page.field_name(): "x" * 1300 if number == 7 else ""} if number != 5
                                  else {page.field_name(): "abc"})
        if number == 3:
            yield resident.submit(page, answer_for(page, number), button="save")
        page = resident.submit(page, answer_for(page, number))
    yield page  # check your answers
    yield resident.submit(page)  # confirmation


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
@pytest.mark.parametrize("mode", ["resident", "htmx_resident"])
def test_every_page_is_well_formed(request, demo, mode, language):
    resident = request.getfixturevalue(mode)
    if language != "en":
        resident.get(f"/?lang={language}")
    seen = 0
    for page in all_pages(resident, demo["slug"]):
        assert page.status in (200, 404, 422), f"{page.path}: {page.status}"
        assert_well_formed(page)
        seen += 1
    assert seen > 25


def test_check_page_with_problems_is_well_formed(resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    resident.submit(page, answer_for(page, 1))
    refused = resident.submit(resident.get(f"/c/{demo['slug']}/check"))
    assert refused.status == 422
    assert_well_formed(refused)


def test_not_yet_open_page(app, resident):
    with app.app_context():
        now = utcnow()
        c = create_consultation("later", title="Later", summary="Soon", status="published",
                                opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=30))
        add_question(c, "yes_no", "Ready?")
        db.session.commit()
    page = resident.get("/c/later")
    assert "not open yet" in page.text()
    assert_well_formed(page)
    assert "Opening soon" in resident.get("/").text()
    # Question pages of a consultation that is not open say the same, and take nothing.
    assert "not open yet" in resident.get("/c/later/q/1").text()


def test_draft_consultations_are_not_found(app, resident):
    with app.app_context():
        now = utcnow()
        create_consultation("secret", title="Secret", summary="Not yet", opens_at=now, closes_at=now + timedelta(days=1))
        db.session.commit()
    assert resident.get("/c/secret").status == 404
    assert "Secret" not in resident.get("/").text()


def test_closed_consultation_takes_no_answers(resident, demo):
    page = resident.get("/c/wheelchair-repairs")
    assert "has closed" in page.text()
    assert page.soup.find("form", attrs={"method": "post"}) is None
    refused = resident.client.post("/c/wheelchair-repairs/start", data={})
    assert refused.status_code in (200, 400)


def test_a_welsh_first_consultation_is_listed_in_welsh_on_an_english_home_page(app, resident):
    with app.app_context():
        now = utcnow()
        create_consultation("cymraeg", title="Llwybrau bws", summary="Dywedwch wrthym.", status="published",
                            language="cy", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
        db.session.commit()
    link = resident.get("/").soup.find("a", href="/c/cymraeg")
    assert link.get_text() == "Llwybrau bws" and link["lang"] == "cy"
