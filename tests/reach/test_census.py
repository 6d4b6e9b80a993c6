"""The census-worded questions: their words in English, Welsh and Arabic, adding them from the builder,
the grouped ethnic-group page as residents see it, and an "any other" answer from the page to the
results (check page, stored row, response page, themes, export, reach)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.build.services import create_consultation
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Answer, Question
from consult.models._time import utcnow
from consult.reach import about_you, census
from consult.reach.census_services import add_census_questions
from consult.reach.services import about_you_questions, add_about_you, group_options
from tests.helpers import Resident

SLUG = "census-words"
LANGUAGES = ("en", "cy", "ar")


def _texts(spec) -> list:
    words = [spec.prompt, spec.hint, *(choice.label for choice in spec.all_choices)]
    return words + [group.heading for group in spec.groups]


def test_every_census_text_is_written_in_english_welsh_and_arabic():
    assert [spec.key for spec in census.QUESTIONS] == [
        "census_ethnic_group", "census_sex", "census_gender_identity", "census_sexual_orientation",
        "census_religion", "census_disability"]
    for spec in census.QUESTIONS:
        for words in _texts(spec):
            assert all(words.standard.get(language, "").strip() for language in LANGUAGES), words
            # Arabic is in Arabic letters, Welsh is not English with the words left as they were.
            assert any("\u0600" <= letter <= "\u06ff" for letter in words.standard["ar"]), words
        assert spec.prompt.standard["cy"] != spec.prompt.standard["en"]
        assert len({choice.value for choice in spec.all_choices}) == len(spec.all_choices)
        assert spec.key not in about_you.BY_KEY


def test_the_ethnic_group_question_has_the_census_groups_and_boxes():
    spec = census.ETHNIC_GROUP
    assert [group.heading.standard["en"] for group in spec.groups] == [
        "White", "Mixed or Multiple ethnic groups", "Asian, Asian Welsh or Asian British",
        "Black, Black Welsh, Black British, Caribbean or African", "Other ethnic group"]
    assert [group.heading.standard["cy"] for group in spec.groups][0] == "Gwyn"
    assert len(spec.all_choices) == 19
    # Every group ends with its own "any other" answer that asks people to describe it.
    for group in spec.groups:
        assert group.choices[-1].write_in and group.choices[-1].label.standard["en"].startswith("Any other")


def _consultation(app, status="published"):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation(SLUG, title="Census words", summary="Who we hear from.",
                                           opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30),
                                           other_languages=["cy", "ar"], status=status)
        db.session.commit()
        return consultation.id


def _token(page) -> str:
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def test_added_from_the_builder_in_every_language(app, signed_in):
    consultation_id = _consultation(app, status="draft")
    editor = signed_in("editor")
    builder = editor.get(f"/staff/consultations/{consultation_id}")
    block = builder.soup.find(id="census-questions")
    assert block is not None and len(block.find_all("input", attrs={"name": "census"})) == len(census.QUESTIONS)
    action = block.find("form")["action"]
    assert action == f"/staff/results/{SLUG}/reach/census"
    page = editor.post(action, {"csrf_token": _token(builder), "census": ["census_ethnic_group", "census_sex"]})
    assert "Added 2 census questions at the end" in page.text()
    # Ticked again with one more: only the new one is added.
    page = editor.post(action, {"csrf_token": _token(page), "census": ["census_sex", "census_religion"]})
    assert "Added 1 census question at the end" in page.text() and "already there" in page.text()
    with app.app_context():
        consultation = load_consultation(SLUG)
        found = {q.settings["about_you"]: q for q in consultation.questions}
        assert set(found) == {"census_ethnic_group", "census_sex", "census_religion"}
        ethnic = found["census_ethnic_group"]
        assert not ethnic.required and ethnic.kind == "single_choice"
        assert len(ethnic.option_groups) == 5
        for group in ethnic.option_groups:
            assert {variant.language for variant in group.heading.variants} >= set(LANGUAGES)
            assert group.options and group.options[-1].write_in
        assert sum(option.write_in for option in ethnic.options) == 6  # five "any other" and African
        assert ethnic.options[-1].kind == "prefer_not"
        for option in ethnic.options:
            assert {variant.language for variant in option.label.variants if variant.register == "standard"} \
                == set(LANGUAGES)
        # The reach view counts them like the About you questions; each census answer is a group.
        assert {q.id for q in about_you_questions(consultation)} == {q.id for q in found.values()}
        assert len(group_options(ethnic)) == 19
        # The five short About you questions can still be added beside them.
        assert len(add_about_you(consultation).added) == 5


def _answer_page(app, language="en"):
    """A resident at the ethnic-group question (the only question), in ``language``."""
    resident = Resident(app.test_client())
    start = resident.get(f"/c/{SLUG}?lang={language}")
    return resident, resident.submit(start)


@pytest.fixture
def published(app):
    consultation_id = _consultation(app)
    with app.app_context():
        consultation = db.session.get(type(load_consultation(SLUG)), consultation_id)
        question = add_census_questions(consultation, ["census_ethnic_group"]).added[0]
        db.session.commit()
        return {"question": question.id,
                "options": {option.value: option.id for option in question.options}}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_grouped_page_has_a_fieldset_and_heading_for_every_group(app, published, language):
    _resident, page = _answer_page(app, language)
    assert page.status == 200
    soup = page.soup
    assert soup.find("html")["lang"] == language
    outer = soup.select_one("form fieldset.fieldset")
    assert outer.find("legend", recursive=False).find("h1") is not None
    groups = outer.select("fieldset.choices__group")
    headings = [census_group.heading.standard[language] for census_group in census.ETHNIC_GROUP.groups]
    assert [group.find("legend", recursive=False).get_text(" ", strip=True) for group in groups] == headings
    for group in groups:
        # Each group's legend is a heading one level below the question's h1, with the group's answers.
        assert group.find("legend", recursive=False).find("h2") is not None
        radios = group.find_all("input", attrs={"type": "radio"})
        assert radios and all(radio["name"] == f"q{published['question']}" for radio in radios)
    # Every answer that asks for words has a labelled box, tied to its radio for the script.
    boxes = soup.select(".choices__reveal input")
    assert len(boxes) == 6
    for box in boxes:
        label = soup.find("label", attrs={"for": box["id"]})
        assert label is not None and label.get_text(strip=True)
        radio = soup.find("input", attrs={"data-reveals": box.parent["id"]})
        assert radio is not None and radio["type"] == "radio"
    # "Prefer not to say" comes last, after "or", outside the groups.
    assert outer.select(".choices > .choices__divider")


def test_an_other_answer_from_the_page_to_the_results(app, published, signed_in):
    resident, page = _answer_page(app)
    name = f"q{published['question']}"
    other = published["options"]["white_other"]
    box = f"{name}-written-{other}"
    # Other chosen, its box left empty: the error says so, beside the box, and the summary links to it.
    page = resident.submit(page, {name: str(other)})
    assert page.status == 422
    assert page.soup.select_one(".error-summary a")["href"] == f"#{box}"
    reveal = page.soup.find(id=f"{box}-reveal")
    assert "Enter your other answer" in reveal.get_text()
    assert page.soup.find(id=box)["aria-describedby"] == f"{box}-error"
    # Words typed beside an answer that is not chosen are shown back but not kept as the answer.
    page = resident.submit(page, {name: str(published["options"]["white_irish"]), box: "Cornish"})
    assert page.path.endswith("/check") and "Irish" in page.text() and "Cornish" not in page.text()
    page = resident.get(f"/c/{SLUG}/q/1?return_to=check")
    assert page.soup.find(id=box)["value"] == "Cornish"
    page = resident.submit(page, {name: str(other), box: "Cornish"})
    assert "Any other White background: Cornish" in page.text()
    page = resident.submit(page)
    assert page.path.endswith("/confirmation")
    with app.app_context():
        answer = db.session.scalars(select(Answer).where(Answer.question_id == published["question"])).one()
        assert (answer.option_id, answer.text) == (other, "Cornish")
        question = db.session.get(Question, published["question"])
        assert question.type.has_written_answers(question)
    analyst = signed_in("analyst")
    words = analyst.get(f"/staff/results/{SLUG}/questions/{published['question']}/answers")
    assert words.status == 200 and "Cornish" in words.text()
    themes = analyst.get(f"/staff/results/{SLUG}/themes")
    assert f"/questions/{published['question']}/answers" in themes.html
    exported = analyst.client.get(f"/staff/results/{SLUG}/export.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    assert any("Any other White background: Cornish" in cell for row in rows for cell in row)
    dashboard = analyst.get(f"/staff/results/{SLUG}")
    # The dashboard's table names each answer with its group.
    assert "White: Any other White background" in dashboard.text()


def test_a_paper_form_with_an_other_answer_is_typed_in(app, published, signed_in):
    """Staff data entry shows the groups as h3 headings under the h2 question, and keeps the words written."""
    editor = signed_in("editor")
    page = editor.get(f"/staff/entry/{SLUG}")
    assert page.status == 200
    name = f"q{published['question']}"
    headings = [h3.get_text(strip=True) for h3 in page.soup.select("fieldset.choices__group > legend h3")]
    assert headings == [group.heading.standard["en"] for group in census.ETHNIC_GROUP.groups]
    other = published["options"]["other_any"]
    box = f"{name}-written-{other}"
    refused = editor.submit(page, {"channel": "paper", name: str(other)})
    assert refused.status == 422 and "Enter your other answer" in refused.text()
    done = editor.submit(refused, {"channel": "paper", name: str(other), box: "Kurdish"})
    assert done.status == 200, done.text()[:300]
    with app.app_context():
        answer = db.session.scalars(select(Answer).where(Answer.question_id == published["question"])).one()
        assert (answer.option_id, answer.text) == (other, "Kurdish")
