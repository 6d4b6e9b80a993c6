"""A section's "Only show this page if ...": written in the builder with the question rule editor, and
honoured, through consult.branching, by data entry, the printed questionnaire (standard and easy read),
the results (who was asked) and the dashboard."""

from __future__ import annotations

from datetime import datetime

from bs4 import BeautifulSoup

from consult import branching
from consult.entry.services import check_answers, conditions_of, load_texts
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import BranchRule, Consultation, Section
from consult.printing.questionnaire import gather_questionnaire, questionnaire_document
from consult.respond.services import store_response
from consult.results import analysis, reference
from consult.results.plain import asked_questions, shape_of
from tests.html_checks import assert_well_formed
from tests.results.analysis_data import plain_responses
from tests.section_condition_helpers import PAGE_WORDS, SLUG, STAFF_WORDS, make_carers


def _words(text: str) -> str:
    return " ".join(text.split())


def test_staff_add_change_and_remove_the_condition_without_javascript(app, signed_in):
    with app.app_context():
        ids = make_carers(status="draft", with_rule=False)
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{ids['id']}/sections/{ids['person']}")
    assert page.status == 200, page.text()[:300]
    assert "Everyone who reaches this page sees it." in page.text()
    rule_page = editor.get(page.soup.find("a", id="add-condition")["href"])
    assert rule_page.h1 == "Only show this page if"
    assert_well_formed(rule_page)
    # The same editor as a question's, without what a section cannot do (jump, stop).
    assert rule_page.soup.find("input", attrs={"name": "action", "type": "radio"}) is None
    assert rule_page.soup.find(id="target") is None and rule_page.soup.find(id="exit-words") is None
    # Conditions may look only at questions before the page.
    sources = [option.get_text(" ", strip=True) for option in rule_page.soup.select("#add-source option")]
    assert sources == ["Question 1: Do you look after someone?"]
    page = editor.submit(rule_page, {"add-source": str(ids["carer"])}, button="add")
    assert page.soup.find(id="cond-0-test") is not None
    page = editor.submit(page, {"cond-0-option": str(ids["yes"])}, button="save")
    assert page.path == f"/staff/consultations/{ids['id']}/sections/{ids['person']}", page.text()[:400]
    assert _words(page.soup.find(id="section-condition-words").get_text()) == STAFF_WORDS
    with app.app_context():
        rule = db.session.get(Section, ids["person"]).rules[0]
        assert (rule.action, rule.question_id) == ("ask", None)
    # Change it: an earlier question only; one on the page itself is refused, with a message.
    change = editor.get(page.soup.find("a", id="change-condition")["href"])
    refused = editor.post(change.form()["action"], {
        "csrf_token": change.form().find("input", attrs={"name": "csrf_token"})["value"], "action": "ask",
        "match": "any", "cond-0-source": str(ids["often"]), "cond-0-test": "answered", "do": "save"})
    assert refused.status == 422 and refused.soup.select_one(".error-summary") is not None
    # Remove it: everyone sees the page again.
    page = editor.get(f"/staff/consultations/{ids['id']}/sections/{ids['person']}")
    page = editor.submit(page, {}, form_index=[i for i, form in enumerate(page.soup.find_all("form"))
                                               if "condition/remove" in form.get("action", "")][0])
    assert "Everyone who reaches this page sees it." in page.text()
    with app.app_context():
        assert db.session.query(BranchRule).filter(BranchRule.section_id.is_not(None)).count() == 0


def test_no_condition_link_for_a_section_that_starts_the_questionnaire(app, signed_in):
    with app.app_context():
        ids = make_carers(status="draft", with_rule=False)
        from consult.build import sections

        consultation = load_consultation(SLUG)
        first = sections.make_section(consultation, consultation.questions[0], "Start")
        db.session.commit()
        section_id = first.id
    page = signed_in("editor").get(f"/staff/consultations/{ids['id']}/sections/{section_id}")
    assert page.soup.find(id="add-condition") is None


def test_branching_applies_the_section_rule_to_each_question_on_the_page(app):
    with app.app_context():
        ids = make_carers()
        consultation = load_consultation(SLUG)
        plan = branching.plan_of(list(consultation.questions))
        for question_id in (ids["name"], ids["often"]):
            (rule,) = plan.rules_of(question_id, branching.ASK)
            assert rule.section_id == ids["person"] and rule.owner_id == question_id
        assert plan.rules_of(ids["drive"], branching.ASK) == []


def test_a_section_rule_on_a_question_of_its_own_page_is_left_out_whole(app):
    """Stored unchecked (as an import might): it cannot count for the page's first question, so it
    counts for none of them."""
    from consult.models import BranchCondition

    with app.app_context():
        ids = make_carers(with_rule=False)
        section = db.session.get(Section, ids["person"])
        section.rules.append(BranchRule(action="ask", match="any", conditions=[
            BranchCondition(source_id=ids["name"], test="answered")]))
        db.session.commit()
        consultation = load_consultation(SLUG)
        plan = branching.plan_of(list(consultation.questions))
        assert plan.rules_of(ids["often"], branching.ASK) == []
        # The publishing checklist says so, and links to the section.
        from consult.build.checklist import publishing_problems
        from consult.models._time import utcnow

        with app.test_request_context():
            problems = publishing_problems(consultation, load_texts(consultation, "en"), utcnow())
        found = [problem for problem in problems if "section that starts at question 2" in problem.message]
        assert len(found) == 1 and found[0].fix[0] == "build.section"


def test_entry_says_it_under_the_section_title_and_refuses_answers_not_asked(app, signed_in):
    with app.app_context():
        ids = make_carers()
    with app.test_request_context():
        consultation = load_consultation(SLUG)
        texts = load_texts(consultation, "en")
        found = conditions_of(consultation, texts)
        assert found[ids["name"]].page == (PAGE_WORDS,) and found[ids["name"]].lines == ()
        assert found[ids["name"]].asked_only == STAFF_WORDS
        checked = check_answers(consultation, {str(ids["carer"]): [str(ids["no"])], str(ids["name"]): ["Ann"],
                                               str(ids["drive"]): [str(ids["drive_no"])]}, texts)
        assert [entry.number for entry in checked.errors] == [2]
        assert "“Yes” at question 1" in checked.errors[0].error
        checked = check_answers(consultation, {str(ids["carer"]): [str(ids["yes"])], str(ids["name"]): ["Ann"],
                                               str(ids["often"]): [str(ids["daily"])],
                                               str(ids["drive"]): [str(ids["drive_no"])]}, texts)
        assert not checked.errors
    page = signed_in("editor").get(f"/staff/entry/{SLUG}")
    assert page.status == 200
    assert_well_formed(page)
    heading = next(h2 for h2 in page.soup.select("h2.section-heading") if "look after" in h2.get_text())
    assert _words(heading.find_next_sibling("p", class_="section-condition").get_text()) == PAGE_WORDS
    # Said once on screen; each field on the page is still described by it (for a screen reader).
    box = page.soup.find("input", attrs={"name": f"q{ids['name']}"})
    described = [page.soup.find(id=each) for each in box["aria-describedby"].split()]
    assert any(PAGE_WORDS in _words(each.get_text()) for each in described if each is not None)


def test_the_printed_questionnaire_says_it_once_at_the_top_of_the_page(app):
    with app.app_context():
        ids = make_carers()
        for register in ("standard", "easy"):
            with app.test_request_context():
                printed = gather_questionnaire(db.session.get(Consultation, ids["id"]), "en", register)
                conditions = [(question.section_title, question.section_condition, question.condition)
                              for question in printed.questions]
                assert conditions[1] == ("The person you look after", PAGE_WORDS, None)
                assert conditions[2][1:] == (None, None)  # said once, not at every question
                assert conditions[3][1] is None  # Travel is for everyone
                printed, html = questionnaire_document(db.session.get(Consultation, ids["id"]), "en", register)
                found = [_words(p.get_text()) for p in BeautifulSoup(html, "html.parser").select("p.section-condition")]
                assert found == [PAGE_WORDS]


def test_results_count_who_was_asked_and_the_dashboard_says_it(app, signed_in):
    with app.app_context():
        ids = make_carers()
        consultation = load_consultation(SLUG)
        people = [
            {ids["carer"]: ids["yes"], ids["name"]: "Ann", ids["often"]: ids["daily"], ids["drive"]: ids["drive_no"]},
            # A leftover answer on the page (entered before the rule): not asked, so not counted.
            {ids["carer"]: ids["no"], ids["name"]: "Leftover", ids["drive"]: ids["drive_yes"], ids["car"]: "Van"},
            {ids["carer"]: ids["no"], ids["drive"]: ids["drive_no"]},
        ]
        for number, values in enumerate(people):
            store_response(consultation, consultation.questions, values, key=f"carer-{number}", channel="paper",
                           language="en", register="standard", started_at=datetime(2027, 1, 5, 10),
                           submitted_at=datetime(2027, 1, 5, 11))
        db.session.commit()
        shapes = shape_of(consultation)
        got = analysis.summarise(consultation.id, shapes)
        order = [ids[key] for key in ("carer", "name", "often", "drive", "car")]
        assert [got.questions[q].asked for q in order] == [3, 1, 1, 3, 1]
        assert [got.questions[q].answered for q in order] == [3, 1, 1, 3, 1]
        expected = reference.summarise(shapes, plain_responses(consultation.id))
        assert {q: (s.asked, s.answered) for q, s in got.questions.items()} == \
            {q: (s.asked, s.answered) for q, s in expected.questions.items()}
        by_person = [asked_questions(shapes, response.rows()) for response in
                     sorted(plain_responses(consultation.id), key=lambda response: response.id)]
        assert ids["name"] in by_person[0] and ids["name"] not in by_person[1]
    page = signed_in("analyst").get(f"/staff/results/{SLUG}")
    assert page.status == 200
    for question_id in (ids["name"], ids["often"]):
        block = page.soup.find("section", attrs={"aria-labelledby": f"question-{question_id}-title"})
        assert block is not None and STAFF_WORDS in _words(block.get_text(" ", strip=True))


def test_a_copied_consultation_keeps_the_condition_on_its_own_questions(app):
    from consult.build.services import duplicate_consultation

    with app.app_context():
        ids = make_carers()
        copy = duplicate_consultation(db.session.get(Consultation, ids["id"]), "Carers again")
        db.session.commit()
        copied = load_consultation(copy.slug)
        section = copied.questions[1].section
        (rule,) = section.rules
        assert rule.conditions[0].source_id == copied.questions[0].id
        assert [option.id for option in rule.conditions[0].options] == [copied.questions[0].options[0].id]


def test_a_rule_has_exactly_one_owner_in_the_database(app):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with app.app_context():
        ids = make_carers()
        db.session.add(BranchRule(question_id=ids["name"], section_id=ids["person"], action="ask", match="any"))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
        db.session.add(BranchRule(section_id=ids["person"], action="end", match="any"))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
