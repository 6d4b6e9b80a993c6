"""The personal-detail questions on the resident's pages and on staff data entry, read as parsed HTML:
the right input types and autofill tokens (WCAG 1.3.5), errors that name the field at fault and lose
nothing, and the answers stored in the database and read back (SQLite, or PostgreSQL when
TEST_DATABASE_URL is set)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.build.questions import add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Answer, Question, Response
from consult.models._time import utcnow
from tests.helpers import Resident

SLUG = "personal-details"
PROMPTS = {
    "email": "What is your email address?",
    "phone": "What is your phone number?",
    "postcode": "What is your postcode?",
    "address": "What is your address?",
}
ADDRESS_TOKENS = {"line1": "address-line1", "line2": "address-line2", "town": "address-level2",
                  "county": "address-level1", "postcode": "postal-code"}


@pytest.fixture
def made(app):
    with app.app_context():
        now = utcnow().replace(microsecond=0)
        consultation = create_consultation(SLUG, title={"en": "Keeping in touch"}, summary="Four questions.",
                                           status="published", opens_at=now - timedelta(days=1),
                                           closes_at=now + timedelta(days=30), other_languages=["cy", "ar"])
        ids = {kind: add_question(consultation, kind, prompt).id for kind, prompt in PROMPTS.items()}
        db.session.commit()
        return {"id": consultation.id, **ids}


def first_question(resident: Resident):
    page = resident.submit(resident.get(f"/c/{SLUG}"))
    assert page.status == 200 and page.h1 == PROMPTS["email"], page.text()[:300]
    return page


def control(page, element_id):
    found = page.soup.find(id=element_id)
    assert found is not None, f"no #{element_id} on {page.path}"
    return found


def error_link(page) -> str:
    summary = page.soup.select_one(".error-summary")
    assert summary is not None, f"no error summary on {page.path}"
    [link] = summary.select("a")
    return link["href"]


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_each_page_errors_then_stores_the_cleaned_answer(app, made, htmx):
    resident = Resident(app.test_client(), htmx=htmx)
    page = first_question(resident)

    # Email: type, token, no spellcheck, left to right; a wrong one comes back as typed with the message.
    name = f"q{made['email']}"
    box = control(page, name)
    assert (box["type"], box["autocomplete"], box["spellcheck"], box["dir"]) == ("email", "email", "false", "ltr")
    assert page.soup.find("label", attrs={"for": name}).get_text(" ", strip=True) == PROMPTS["email"]
    wrong = resident.submit(page, {name: "sam.example.org"})
    assert wrong.status == 422 and wrong.title.startswith("Error:")
    assert error_link(wrong) == f"#{name}"
    assert "Enter an email address in the correct format, like name@example.com" in wrong.text()
    assert control(wrong, name)["value"] == "sam.example.org"
    assert f"{name}-error" in control(wrong, name)["aria-describedby"].split()
    page = resident.submit(wrong, {name: "Sam@Example.org"})

    name = f"q{made['phone']}"
    assert page.h1 == PROMPTS["phone"]
    box = control(page, name)
    assert (box["type"], box["autocomplete"], box["dir"]) == ("tel", "tel", "ltr")
    wrong = resident.submit(page, {name: "07700 9009"})
    assert wrong.status == 422 and error_link(wrong) == f"#{name}"
    assert "Phone number is too short" in wrong.text() and control(wrong, name)["value"] == "07700 9009"
    page = resident.submit(wrong, {name: "+44 (0)7700 900982"})

    name = f"q{made['postcode']}"
    assert page.h1 == PROMPTS["postcode"]
    box = control(page, name)
    assert (box["type"], box["autocomplete"], box["spellcheck"]) == ("text", "postal-code", "false")
    wrong = resident.submit(page, {name: "SW1A"})
    assert wrong.status == 422 and "Enter a full UK postcode, like SW1A 1AA" in wrong.text()
    page = resident.submit(wrong, {name: "sw1a1aa"})

    name = f"q{made['address']}"
    assert page.h1 == PROMPTS["address"]
    sent = {f"{name}-line1": "14 High Street", f"{name}-town": "", f"{name}-postcode": "cf10 1aa"}
    wrong = resident.submit(page, sent)
    assert wrong.status == 422 and error_link(wrong) == f"#{name}-town"
    # The message sits above the town's box and describes it; what was typed is all still there.
    soup = wrong.soup  # one parse, so the two elements can be compared
    town, message = soup.find(id=f"{name}-town"), soup.find(id=f"{name}-town-error")
    assert message.get_text(" ", strip=True) == "Error: Enter town or city"
    assert message.find_parent(class_="address-part") is town.find_parent(class_="address-part")
    assert town["aria-describedby"] == f"{name}-town-error" and "input--error" in town["class"]
    assert control(wrong, f"{name}-line1")["value"] == "14 High Street"
    assert control(wrong, f"{name}-postcode")["value"] == "cf10 1aa"
    assert len(wrong.soup.select(".field-error")) == 1
    check = resident.submit(wrong, {**sent, f"{name}-town": "Cardiff"})

    assert check.path.endswith("/check"), check.text()[:300]
    text = check.text()
    for shown in ("Sam@example.org", "07700 900982", "SW1A 1AA", "14 High Street", "Cardiff", "CF10 1AA"):
        assert shown in text
    done = resident.submit(check)
    assert done.path.endswith("/confirmation")

    with app.app_context():
        response = db.session.scalars(select(Response)).one()
        answers = db.session.scalars(select(Answer).where(Answer.response_id == response.id)).all()
        by_question = {answer.question_id: answer for answer in answers}
        assert len(answers) == 4  # one row each, the address included
        assert by_question[made["email"]].text == "Sam@example.org"
        assert by_question[made["phone"]].text == "+447700900982"
        assert by_question[made["postcode"]].text == "SW1A 1AA"
        address = db.session.get(Question, made["address"])
        assert address.type.value_from_rows(address, [by_question[made["address"]]]) == {
            "line1": "14 High Street", "town": "Cardiff", "postcode": "CF10 1AA"}


def test_every_address_field_has_its_label_and_autofill_token(app, made):
    resident = Resident(app.test_client())
    with app.app_context():
        number = [q.id for q in db.session.get(Question, made["address"]).consultation.questions].index(
            made["address"]) + 1
    first_question(resident)
    page = resident.get(f"/c/{SLUG}/q/{number}")
    name = f"q{made['address']}"
    fieldset = page.soup.select_one("main form fieldset")
    # One fieldset, its legend the question as the page's h1.
    assert fieldset.legend.h1.get_text(" ", strip=True) == PROMPTS["address"]
    inputs = fieldset.find_all("input")
    assert [box["name"] for box in inputs] == [f"{name}-{key}" for key in ADDRESS_TOKENS]
    for box in inputs:
        key = box["name"].removeprefix(f"{name}-")
        assert box["autocomplete"] == ADDRESS_TOKENS[key], key
        assert box["type"] == "text" and not box.has_attr("placeholder")
        label = fieldset.find("label", attrs={"for": box["id"]})
        assert label is not None and label.get_text(" ", strip=True), f"{key} has no label"
    labels = [fieldset.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True) for box in inputs]
    assert labels == ["Address line 1", "Address line 2 (optional)", "Town or city", "County (optional)", "Postcode"]


def test_an_empty_required_address_is_one_message_for_the_whole_question(app, made):
    resident = Resident(app.test_client())
    first_question(resident)
    with app.app_context():
        questions = db.session.get(Question, made["address"]).consultation.questions
        number = [q.id for q in questions].index(made["address"]) + 1
    page = resident.get(f"/c/{SLUG}/q/{number}")
    wrong = resident.submit(page)
    name = f"q{made['address']}"
    assert wrong.status == 422 and error_link(wrong) == f"#{name}-line1"
    message = control(wrong, f"{name}-error")
    assert message.get_text(" ", strip=True) == "Error: Enter an address"
    assert f"{name}-error" in wrong.soup.select_one("main fieldset")["aria-describedby"].split()


def test_welsh_and_arabic_pages_keep_the_codes_left_to_right(app, made):
    resident = Resident(app.test_client())
    page = resident.get(f"/c/{SLUG}?lang=ar")
    assert page.soup.html["dir"] == "rtl"
    page = resident.submit(page)
    assert control(page, f"q{made['email']}")["dir"] == "ltr"


def test_staff_data_entry_switches_autofill_off(app, made, signed_in):
    editor = signed_in("editor")
    page = editor.get(f"/staff/entry/{SLUG}")
    assert page.status == 200
    boxes = [control(page, f"q{made[kind]}") for kind in ("email", "phone", "postcode")]
    boxes += [control(page, f"q{made['address']}-{key}") for key in ADDRESS_TOKENS]
    assert all(box["autocomplete"] == "off" for box in boxes)
    # A slip on the paper form is named at its field in the summary, and nothing typed is lost.
    name = f"q{made['address']}"
    saved = editor.submit(page, {"channel": "paper", f"q{made['email']}": "sam@example.org",
                                 f"q{made['phone']}": "07700 900982", f"q{made['postcode']}": "SW1A 1AA",
                                 f"{name}-line1": "14 High Street", f"{name}-town": "Cardiff",
                                 f"{name}-postcode": "CF10"})
    assert saved.status == 422
    links = [link["href"] for link in saved.soup.select(".error-summary a")]
    assert f"#{name}-postcode" in links
    assert control(saved, f"{name}-town")["value"] == "Cardiff"
