"""The builder: switching "Other, please specify" on and off, headings over answers, and both on paper."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from consult.build.questions import add_question, copy_questions
from consult.build.services import create_consultation, make_block
from consult.extensions import db
from consult.models import Consultation, Question
from consult.models._time import utcnow
from consult.printing.questionnaire import questionnaire_document
from consult.reach.census_services import add_census_questions


@pytest.fixture
def made(app):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation("groups", title="Groups", summary="Answers in groups.",
                                           opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9),
                                           other_languages=["cy", "ar"])
        question = add_question(consultation, "single_choice", "Which fruit?", options=["Apple", "Lemon"],
                                prefer_not_option="Prefer not to say")
        db.session.commit()
        return {"id": consultation.id, "question": question.id,
                "editor": f"/staff/consultations/{consultation.id}/questions/{question.id}"}


def _token(page) -> str:
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def _labels(app, question_id):
    with app.app_context():
        question = db.session.get(Question, question_id)
        return [(option.label.variants[0].body, option.write_in, option.group_id is not None)
                for option in question.options]


@pytest.mark.parametrize("htmx", [False, True], ids=["no-js", "htmx"])
def test_other_is_switched_on_and_off_with_the_extra_answers(app, made, signed_in, htmx):
    editor = signed_in("editor", htmx=htmx)
    page = editor.get(made["editor"])
    assert page.soup.find(id="special-other") is not None
    special = f"{made['editor']}/special"
    page = editor.post(special, {"csrf_token": _token(page), "special": ["other", "prefer_not"]},
                       target="div#question-editor")
    assert page.status == 200
    assert _labels(app, made["question"]) == [("Apple", False, False), ("Lemon", False, False),
                                              ("Other", True, False), ("Prefer not to say", False, False)]
    page = editor.get(made["editor"])
    assert page.soup.find(id="special-other").has_attr("checked")
    # A new answer goes before "Other", which stays the last ordinary answer.
    editor.post(f"{made['editor']}/options", {"csrf_token": _token(page), "label": "Pear"},
                target="div#question-editor")
    assert [label for label, *_ in _labels(app, made["question"])] == ["Apple", "Lemon", "Pear", "Other",
                                                                       "Prefer not to say"]
    # The preview shows the box.
    preview = editor.get(f"{made['editor']}/preview")
    assert preview.soup.select_one(".choices__reveal input[type=text]") is not None
    editor.post(special, {"csrf_token": _token(page), "special": ["prefer_not"]}, target="div#question-editor")
    assert "Other" not in [label for label, *_ in _labels(app, made["question"])]


def test_types_with_their_own_answers_offer_no_other(app, signed_in):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation("fixed", title="Fixed", summary="S", opens_at=now, closes_at=now)
        question = add_question(consultation, "yes_no", "Yes or no?")
        db.session.commit()
        url = f"/staff/consultations/{consultation.id}/questions/{question.id}"
    page = signed_in("editor").get(url)
    assert page.soup.find(id="special-other") is None and page.soup.find(id="add-group") is None


def test_headings_are_added_filled_renamed_and_removed(app, made, signed_in):
    editor = signed_in("editor")
    page = editor.get(made["editor"])
    groups = f"{made['editor']}/groups"
    # An empty heading is refused with a message that links to the field.
    page = editor.post(groups, {"csrf_token": _token(page), "heading": "  "})
    assert page.status == 422 and page.soup.select_one(".error-summary a")["href"] == "#option-group-new"
    page = editor.post(groups, {"csrf_token": _token(page), "heading": "Citrus"})
    page = editor.post(groups, {"csrf_token": _token(page), "heading": "Orchard"})
    with app.app_context():
        question = db.session.get(Question, made["question"])
        citrus, orchard = question.option_groups
        ids = {option.label.variants[0].body: option.id for option in question.options}
        citrus_id, orchard_id = citrus.id, orchard.id
    page = editor.get(made["editor"])
    assert [element.get("value") for element in page.soup.select("[id^=option-group-]") if element.name == "input"
            and element["id"] != "option-group-new"] == ["Citrus", "Orchard"]
    # "Save headings for answers" is a button of the editor's one form, posted to its own address.
    page = editor.press(page, "save-placing", {f"group-{ids['Apple']}": str(orchard_id),
                                               f"group-{ids['Lemon']}": str(citrus_id)})
    assert page.status == 200
    # Shown in the groups' order: Lemon (Citrus) before Apple (Orchard).
    assert _labels(app, made["question"])[:2] == [("Lemon", False, True), ("Apple", False, True)]
    editor.post(f"{groups}/{citrus_id}", {"csrf_token": _token(page), f"heading-{citrus_id}": "Citrus fruit"})
    preview = editor.get(f"{made['editor']}/preview")
    legends = [legend.get_text(" ", strip=True) for legend in preview.soup.select("fieldset.choices__group > legend")]
    assert legends == ["Citrus fruit", "Orchard"]
    # Taking a heading away keeps its answers.
    editor.post(f"{groups}/{citrus_id}/delete", {"csrf_token": _token(page)})
    with app.app_context():
        question = db.session.get(Question, made["question"])
        assert [group.id for group in question.option_groups] == [orchard_id]
        assert {option.label.variants[0].body for option in question.options} == {"Apple", "Lemon",
                                                                                  "Prefer not to say"}
    # The heading is a text to translate like any other.
    translate = editor.get(f"/staff/consultations/{made['id']}/translate/cy")
    assert translate.status == 200 and "Orchard" in translate.text()


def test_copying_a_consultation_keeps_groups_and_boxes(app, made):
    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        add_census_questions(consultation, ["census_ethnic_group"])
        db.session.flush()
        now = utcnow()
        copy = create_consultation("groups-copy", title="Copy", summary="S", opens_at=now, closes_at=now)
        db.session.flush()
        copy_questions(consultation, copy, lambda block: make_block(
            {variant.language: variant.body for variant in block.variants}, "en") if block is not None else None)
        copied = [q for q in db.session.get(Consultation, copy.id).questions if q.option_groups][0]
        assert len(copied.option_groups) == 5
        assert sum(option.write_in for option in copied.options) == 6
        assert all(option.group_id is not None for option in copied.options if option.kind == "answer")
        db.session.rollback()


def _printed(app, consultation_id, language, register="standard"):
    with app.test_request_context():
        consultation = db.session.get(Consultation, consultation_id)
        printed, html = questionnaire_document(consultation, language, register)
    return printed, BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("register", ["standard", "easy"])
def test_paper_prints_headings_and_lines_to_write_on(app, made, register):
    from consult.build.option_groups import set_other_option

    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        set_other_option(db.session.get(Question, made["question"]), True, "Other", "en")
        add_census_questions(consultation, ["census_ethnic_group"])
        db.session.commit()
    for language, heading, other in (("en", "Asian, Asian Welsh or Asian British", "Other (please write):"),
                                     ("cy", "Asiaidd, Asiaidd Cymreig neu Asiaidd Prydeinig", None),
                                     ("ar", "آسيوي أو آسيوي ويلزي أو آسيوي بريطاني", None)):
        printed, soup = _printed(app, made["id"], language, register)
        fruit, ethnic = soup.select("section.question")
        if other:
            assert other in fruit.get_text(" ", strip=True)
        assert fruit.select(".option__write-in .writing-line")
        headings = [item.get_text(strip=True) for item in ethnic.select(".options__heading")]
        assert len(headings) == 5 and heading in headings
        # Every "any other" answer (and African) has lines under it.
        assert len(ethnic.select(".option__write-in")) == 6


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_the_printed_pdf_renders_without_errors(app, made, language, tmp_path):
    from consult.build.option_groups import set_other_option
    from consult.printing.questionnaire import questionnaire_pdf
    from tests import pdf_reader

    with app.app_context():
        consultation = db.session.get(Consultation, made["id"])
        set_other_option(db.session.get(Question, made["question"]), True, "Other", "en")
        add_census_questions(consultation, ["census_ethnic_group"])
        db.session.commit()
    with app.test_request_context():
        pdf, _fingerprint = questionnaire_pdf(db.session.get(Consultation, made["id"]), language, "standard")
    (tmp_path / f"questionnaire-{language}.pdf").write_bytes(pdf)
    text = " ".join(pdf_reader.text_of(pdf).split())
    heading = {"en": "Mixed or Multiple ethnic groups", "cy": "Grwpiau ethnig Cymysg neu Luosog",
               "ar": "مجموعات عرقية مختلطة أو متعددة"}[language]
    if language != "ar":  # Arabic text comes out of the PDF in shaped forms, so only its heading count is checked
        assert heading in text
    if language == "en":
        assert "Other (please write):" in text and "Any other White background (please write):" in text
