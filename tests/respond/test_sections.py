"""Sections: several questions on one page under the section's title, checked and stored by one POST."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.build import sections
from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Answer, Draft, Response
from consult.models._time import utcnow
from tests.helpers import Resident

SLUG = "sectioned"


def make_sectioned(app, slug=SLUG, languages=()):
    """1: Your town (alone), 2-4: section "About you" (name, age group, email), 5: Anything else?"""
    with app.app_context():
        now = utcnow()
        c = create_consultation(slug, title="Sections", summary="Several on a page", status="published",
                                opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
        town = add_question(c, "short_text", "Your town")
        name = add_question(c, "short_text", "Your name")
        age = add_question(c, "single_choice", "Your age group", options=["Under 18", "18 to 64", "65 or over"])
        email = add_question(c, "email", "Your email address", required=False)
        last = add_question(c, "long_text", "Anything else?", required=False)
        db.session.flush()
        db.session.expire(c, ["questions"])
        section = sections.make_section(c, name, "About you")
        db.session.expire(c, ["questions"])
        sections.add_to_section(c, section, age)
        sections.add_to_section(c, section, email)
        db.session.commit()
        return {"slug": slug, "section": section.id, "town": town.id, "name": name.id, "age": age.id,
                "age_middle": age.options[1].id, "email": email.id, "last": last.id}


@pytest.fixture
def sectioned(app):
    return make_sectioned(app)


def _field(question_id):
    return f"q{question_id}"


def _to_section(resident, ids):
    page = resident.submit(resident.get(f"/c/{ids['slug']}"))
    assert page.path == f"/c/{ids['slug']}/q/1"
    page = resident.submit(page, {page.field_name(): "Leeds"})
    assert page.path == f"/c/{ids['slug']}/q/2", page.text()[:300]
    return page


@pytest.mark.parametrize("htmx", [False, True])
def test_section_page_has_one_h1_and_a_fieldset_or_label_per_question(app, sectioned, htmx):
    page = _to_section(Resident(app.test_client(), htmx=htmx), sectioned)
    soup = page.soup
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["About you"]
    assert page.title.startswith("About you")
    assert "Questions 2 to 4 of 5" in page.text()
    h2s = [" ".join(h2.get_text(" ", strip=True).split()) for h2 in soup.select("form h2")]
    assert h2s == ["Your name", "Your age group", "Your email address (optional)"]
    # Text boxes are labelled by their question (inside its h2); radios sit in a fieldset whose legend holds it.
    name_box = soup.find(id=_field(sectioned["name"]))
    assert soup.find("label", attrs={"for": name_box["id"]}).find_parent("h2") is not None
    legend = soup.find("input", attrs={"name": _field(sectioned["age"])}).find_parent("fieldset").legend
    assert legend.find("h2").get_text(strip=True) == "Your age group"
    assert len(page.form().find_all("input", attrs={"type": "radio"})) == 3


@pytest.mark.parametrize("htmx", [False, True])
def test_errors_in_two_questions_show_one_summary_and_keep_every_answer(app, sectioned, htmx):
    resident = Resident(app.test_client(), htmx=htmx)
    page = _to_section(resident, sectioned)
    # No name, an age group, a broken email address: two errors, the age group is kept.
    page = resident.submit(page, {_field(sectioned["name"]): "", _field(sectioned["age"]): str(sectioned["age_middle"]),
                                  _field(sectioned["email"]): "not an email"})
    assert page.status == 422
    assert page.path == f"/c/{SLUG}/q/2"
    assert page.title.startswith("Error:")
    summary = page.soup.select_one(".error-summary")
    links = [a["href"] for a in summary.find_all("a")]
    assert links == [f"#{_field(sectioned['name'])}", f"#{_field(sectioned['email'])}"]
    for href in links:
        assert page.soup.find(id=href[1:]) is not None
    assert len(page.soup.select(".error-summary")) == 1
    assert page.soup.find(id=_field(sectioned["email"]))["value"] == "not an email"
    checked = page.soup.find("input", attrs={"name": _field(sectioned["age"]), "checked": True})
    assert checked is not None and checked["value"] == str(sectioned["age_middle"])
    # Nothing from the page was stored while it had problems.
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        assert str(sectioned["age"]) not in draft.answers and str(sectioned["town"]) in draft.answers
    # Put them right: all three are stored together and the next page is question 5.
    page = resident.submit(page, {_field(sectioned["name"]): "Sam", _field(sectioned["email"]): "sam@example.org"})
    assert page.status == 200 and page.path == f"/c/{SLUG}/q/5", page.text()[:300]
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        assert draft.answers[str(sectioned["name"])] == ["Sam"]
        assert draft.answers[str(sectioned["age"])] == [str(sectioned["age_middle"])]
        assert draft.answers[str(sectioned["email"])] == ["sam@example.org"]


def test_back_change_and_resume_land_on_the_section_page(app, sectioned):
    resident = Resident(app.test_client())
    page = _to_section(resident, sectioned)
    page = resident.submit(page, {_field(sectioned["name"]): "Sam", _field(sectioned["age"]): str(sectioned["age_middle"])})
    assert page.path == f"/c/{SLUG}/q/5"
    # Back from question 5 goes to the section's page, addressed by its first question.
    back = page.soup.select_one("a.back-link")["href"]
    assert back == f"/c/{SLUG}/q/2"
    # A question in the middle of the section opens the section's page.
    assert resident.get(f"/c/{SLUG}/q/3").h1 == "About you"
    page = resident.submit(page, {})
    assert page.path == f"/c/{SLUG}/check"
    # "Change" on the check page for the age group: the section's page, and back to the check page after.
    change = resident.get(page.soup.find("a", id="change-3")["href"])
    assert change.h1 == "About you" and change.path.startswith(f"/c/{SLUG}/q/2")
    done = resident.submit(change, {_field(sectioned["name"]): "Sam Jones"})
    assert done.path == f"/c/{SLUG}/check" and "Sam Jones" in done.text()
    sent = resident.submit(done)
    assert sent.path == f"/c/{SLUG}/confirmation"
    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        rows = db.session.scalars(select(Answer).where(Answer.response_id == response.id)).all()
        # Results treat the questions as before: one row each (the optional email left empty stores none).
        assert {row.question_id for row in rows} >= {sectioned["town"], sectioned["name"], sectioned["age"]}


def test_save_and_come_back_keeps_the_page_and_resume_lands_on_it(app, sectioned):
    resident = Resident(app.test_client())
    page = _to_section(resident, sectioned)
    saved = resident.submit(page, {_field(sectioned["name"]): "Sam"}, button="save")
    assert saved.path == f"/c/{SLUG}/saved"
    link = next(a["href"] for a in saved.soup.find_all("a") if "/resume/" in a.get("href", ""))
    other = Resident(app.test_client())
    page = other.get(link)
    assert page.h1 == "About you" and page.path == f"/c/{SLUG}/q/2"
    assert page.soup.find(id=_field(sectioned["name"]))["value"] == "Sam"


def test_questions_without_a_section_stay_one_per_page(app, sectioned):
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{SLUG}"))
    assert page.h1 == "Your town" and "Question 1 of 5" in page.text()
    assert len(page.soup.find_all("h1")) == 1


def test_easy_read_and_welsh_titles(app, sectioned):
    from consult.models import ConsultationLanguage, Section

    with app.app_context():
        section = db.session.get(Section, sectioned["section"])
        consultation = load_consultation(SLUG)
        consultation.languages.append(ConsultationLanguage(language="cy"))
        section.title.set("cy", "Amdanoch chi")
        section.title.set("en", "About you, in easy words", "easy")
        db.session.commit()
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{SLUG}?register=easy"))
    page = resident.submit(page, {page.field_name(): "Leeds"})
    assert page.h1 == "About you, in easy words"
    welsh = Resident(app.test_client())
    page = welsh.submit(welsh.get(f"/c/{SLUG}?lang=cy"))
    page = welsh.submit(page, {page.field_name(): "Caerdydd"})
    assert page.h1 == "Amdanoch chi"


def test_expired_token_gives_the_whole_section_back(app, sectioned):
    from tests.helpers import Page

    resident = Resident(app.test_client())
    page = _to_section(resident, sectioned)
    typed = {_field(sectioned["name"]): "Sam", _field(sectioned["age"]): str(sectioned["age_middle"]),
             _field(sectioned["email"]): "sam@example.org"}
    response = resident.client.post(page.form()["action"], data={**typed, "csrf_token": "expired"})
    assert response.status_code == 400
    again = Page(400, page.path, response.get_data(as_text=True), {})
    assert again.h1 == "About you" and "for your security" in again.text()
    assert again.soup.find(id=_field(sectioned["name"]))["value"] == "Sam"
    assert again.soup.find(id=_field(sectioned["email"]))["value"] == "sam@example.org"
    assert again.soup.find("input", attrs={"name": _field(sectioned["age"]), "checked": True}) is not None
    done = resident.submit(again)
    assert done.path == f"/c/{SLUG}/q/5"


def test_easy_read_section_keeps_one_h1(app, sectioned):
    """Easy read draws pictures and cards; the section's questions stay h2 under its one h1."""
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{SLUG}?register=easy"))
    page = resident.submit(page, {page.field_name(): "Leeds"})
    assert len(page.soup.find_all("h1")) == 1 and len(page.soup.select("form h2")) == 3
