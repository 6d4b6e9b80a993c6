"""Sections in the builder (make one, title it, add and take out questions, delete it, without
JavaScript and with htmx), and the section's title on staff data entry and the printed questionnaire."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from consult.build import sections
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Consultation, Question, Section, TextBlock
from consult.printing.questionnaire import questionnaire_document
from tests.respond.test_sections import make_sectioned

SLUG = "sectioned"


@pytest.fixture
def sectioned(app):
    return make_sectioned(app)


def _ids(app):
    with app.app_context():
        consultation = load_consultation(SLUG)
        return consultation.id, [q.id for q in consultation.questions]


def _form_with(page, predicate) -> int:
    """The index (as Page.form counts: POST forms only) of the form that ``predicate`` picks."""
    forms = [form for form in page.soup.find_all("form") if form.get("method", "get").lower() == "post"]
    return next(index for index, form in enumerate(forms) if predicate(form))


def _button_form(page, button_id) -> int:
    return _form_with(page, lambda form: form.find("button", id=button_id) is not None)


def _section_of(app, question_id):
    with app.app_context():
        return db.session.get(Question, question_id).section_id


# -- the model rules --------------------------------------------------------------------------------

def test_only_neighbours_join_and_only_ends_leave(app, sectioned):
    with app.app_context():
        consultation = load_consultation(SLUG)
        section = db.session.get(Section, sectioned["section"])
        town, name, age, email, last = consultation.questions
        assert sections.neighbours(consultation, section) == [town, last]
        assert sections.ends(consultation, section) == [name, email]
        with pytest.raises(sections.SectionError):
            sections.remove_from_section(consultation, section, age)  # would split the page in two
        sections.add_to_section(consultation, section, last)
        db.session.flush()
        db.session.expire(consultation, ["questions"])
        assert [q.section_id for q in consultation.questions] == [None, section.id, section.id, section.id, section.id]
        with pytest.raises(sections.SectionError):
            sections.make_section(consultation, name, "Twice")


def test_deleting_a_section_keeps_its_questions_and_drops_its_title(app, sectioned):
    with app.app_context():
        section = db.session.get(Section, sectioned["section"])
        title_id = section.title_id
        sections.delete_section(section)
        db.session.commit()
        assert db.session.get(TextBlock, title_id) is None
        consultation = load_consultation(SLUG)
        assert len(consultation.questions) == 5 and all(q.section_id is None for q in consultation.questions)


# -- the builder's pages ----------------------------------------------------------------------------

@pytest.mark.parametrize("htmx", [False, True])
def test_staff_make_a_section_title_it_and_change_its_questions(app, signed_in, sectioned, htmx):
    editor = signed_in("editor", htmx=htmx)
    consultation_id, (town, name, age, email, last) = _ids(app)
    overview = editor.get(f"/staff/consultations/{consultation_id}")
    link = overview.soup.find("a", string=lambda s: s and "Put questions on one page" in s)["href"]
    listing = editor.get(link)
    assert listing.h1 == "Questions on one page" and "About you" in listing.text()
    # Making one without a title says what to do.
    refused = editor.submit(listing, {"title": "", "first": str(last)})
    assert refused.status == 422 and "Enter a title for the section" in refused.text()
    made = editor.submit(refused, {"title": "Anything else", "first": str(last)})
    assert made.status == 200 and made.h1 == "Anything else", made.text()[:300]
    new_section = _section_of(app, last)
    assert new_section is not None and new_section != sectioned["section"]
    # Rename it.
    renamed = editor.submit(made, {"title": "Last words"},
                            form_index=_form_with(made, lambda form: form.find("input", attrs={"name": "title"})))
    assert renamed.h1 == "Last words"
    # The old section: add question 1 (its neighbour), then take it out again, then take all out.
    page = editor.get(f"/staff/consultations/{consultation_id}/sections/{sectioned['section']}")
    page = editor.submit(page, {}, form_index=_button_form(page, f"add-{town}"))
    assert _section_of(app, town) == sectioned["section"] and "Question added to the section" in page.text()
    for question_id in (town, name, age):
        page = editor.submit(page, {}, form_index=_button_form(page, f"remove-{question_id}"))
        assert _section_of(app, question_id) is None, page.text()[:300]
    # The last question leaving deletes the section.
    page = editor.submit(page, {}, form_index=_button_form(page, f"remove-{email}"))
    assert "so it was deleted" in page.text()
    with app.app_context():
        assert db.session.get(Section, sectioned["section"]) is None


def test_section_pages_need_an_editor(app, signed_in, sectioned):
    consultation_id, _questions = _ids(app)
    analyst = signed_in("analyst")
    assert analyst.client.get(f"/staff/consultations/{consultation_id}/sections").status_code == 403
    assert analyst.client.get(
        f"/staff/consultations/{consultation_id}/sections/{sectioned['section']}").status_code == 403


def test_a_section_of_another_consultation_is_not_found(app, signed_in, sectioned):
    from tests.respond.test_sections import make_sectioned as make

    other = make(app, slug="other-one")
    consultation_id, _questions = _ids(app)
    editor = signed_in("editor")
    assert editor.client.get(f"/staff/consultations/{consultation_id}/sections/{other['section']}").status_code == 404


def test_section_titles_are_translated_like_other_texts(app, sectioned):
    from consult.build.translation import units

    with app.app_context():
        consultation = load_consultation(SLUG)
        found = [unit for unit in units(consultation) if unit.key.startswith("section.")]
        section = db.session.get(Section, sectioned["section"])
        assert [(unit.key, unit.block_id) for unit in found] == [(f"section.{section.id}.title", section.title_id)]


# -- data entry and paper ---------------------------------------------------------------------------

def test_data_entry_shows_the_section_heading(app, signed_in, sectioned):
    with app.app_context():
        consultation = db.session.scalar(select(Consultation).where(Consultation.slug == SLUG))
        assert consultation is not None
    editor = signed_in("editor")
    page = editor.get(f"/staff/entry/{SLUG}")
    assert page.status == 200, page.text()[:300]
    headings = [" ".join(h.get_text(" ", strip=True).split()) for h in page.soup.find_all("h2")]
    at = headings.index("About you")
    assert headings[at + 1].endswith("Your name")


def test_printed_questionnaire_shows_the_section_heading(app, sectioned):
    with app.test_request_context():
        consultation = load_consultation(SLUG)
        printed, html = questionnaire_document(consultation, "en", "standard")
    titles = [question.section_title for question in printed.questions]
    assert titles == [None, "About you", None, None, None]
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h2", class_="section-title")
    assert heading.get_text(strip=True) == "About you"
    assert "Your name" in heading.find_next("section", class_="question").get_text(" ", strip=True)


def test_a_copy_keeps_its_sections_and_a_deleted_draft_leaves_no_titles(app, sectioned):
    from consult.build.services import delete_consultation, duplicate_consultation

    with app.app_context():
        original = load_consultation(SLUG)
        copy = duplicate_consultation(original, "Copy")
        db.session.commit()
        copy = db.session.get(Consultation, copy.id)
        sections_in_copy = [q.section_id for q in copy.questions]
        assert sections_in_copy[0] is None and sections_in_copy[4] is None
        assert sections_in_copy[1] == sections_in_copy[2] == sections_in_copy[3] is not None
        assert sections_in_copy[1] != sectioned["section"]
        section = db.session.get(Section, sections_in_copy[1])
        assert section.consultation_id == copy.id and section.title_id != db.session.get(
            Section, sectioned["section"]).title_id
        title_id = section.title_id
        delete_consultation(copy)
        db.session.commit()
        assert db.session.get(TextBlock, title_id) is None
        assert db.session.get(Section, sectioned["section"]) is not None


def test_the_question_list_says_which_section_a_question_is_in(app, signed_in, sectioned):
    consultation_id, (town, name, _age, _email, _last) = _ids(app)
    page = signed_in("editor").get(f"/staff/consultations/{consultation_id}")
    items = {a["id"]: " ".join(a.find_parent("li").get_text(" ", strip=True).split())
             for a in page.soup.select("a[id^=edit-]")}
    assert "on one page in the section “About you”" in items[f"edit-{name}"]
    assert "section" not in items[f"edit-{town}"]
