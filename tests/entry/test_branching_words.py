"""Richer branching in the words staff type from and residents answer on paper: the data-entry page
and the printed questionnaire say the same, and entry refuses an answer the person was not asked."""

from __future__ import annotations

from bs4 import BeautifulSoup

from consult.entry.services import check_answers, conditions_of, load_texts
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Consultation
from consult.printing.questionnaire import questionnaire_document
from tests.branching_helpers import make_rules_consultation
from tests.html_checks import assert_well_formed

# What each question of tests.branching_helpers.make_rules_consultation says, on paper and on screen.
WORDS = {
    1: "If you ticked “No” at question 1, you cannot take part. Stop here.",
    2: "If your answer to question 2 is less than 18, go to question 4.",
    3: "Only answer this question if you ticked “Yes” at question 1 and your answer to question 2 is more than 16.",
    5: "Only answer this question if you answered question 4 or you did not tick “Never” at question 3.",
}


def _words(text: str) -> str:
    return " ".join(text.split())


def test_entry_and_paper_say_the_same(app, signed_in):
    with app.app_context():
        ids = make_rules_consultation()
    with app.test_request_context():
        consultation = load_consultation("rules")
        found = conditions_of(consultation, load_texts(consultation, "en"))
        assert {number: found[question.id].hint for number, question in enumerate(consultation.questions, start=1)
                if question.id in found} == WORDS
        printed, html = questionnaire_document(db.session.get(Consultation, ids["id"]), "en", "standard")
    paper = [_words(section.get_text(" ", strip=True)) for section in
             BeautifulSoup(html, "html.parser").select("section.question")]
    for number, words in WORDS.items():
        assert words in paper[number - 1]
    assert not any("Only answer" in text or "If you" in text for text in paper[3:4])
    page = signed_in("editor").get("/staff/entry/rules")
    assert_well_formed(page)
    shown = _words(page.text())
    for words in WORDS.values():
        assert words in shown


def test_entry_refuses_answers_the_person_was_not_asked(app):
    with app.app_context():
        ids = make_rules_consultation()
    q1, q2, q3, q4, q5 = (str(i) for i in ids["ids"])
    with app.test_request_context():
        consultation = load_consultation("rules")
        texts = load_texts(consultation, "en")
        # Under 18 skips question 3; answering it anyway is refused, naming no rule it does not have.
        checked = check_answers(consultation, {q1: [str(ids["yes"])], q2: ["15"], q3: [str(ids["often"])],
                                               q4: ["Splott"]}, texts)
        assert [entry.number for entry in checked.errors] == [3]
        assert checked.errors[0].error == ("Asked only of people who answered “Yes” to question 1 and gave more than "
                                           "16 at question 2. Leave it empty, or correct the earlier answer")
        # An exit: nothing after question 1 is asked.
        checked = check_answers(consultation, {q1: [str(ids["no"])], q4: ["Splott"]}, texts)
        assert [entry.number for entry in checked.errors] == [4]
        assert checked.errors[0].error == "This question was not asked because of an earlier answer. Leave it empty"
        # Asked because "Never" was not chosen at 3: fine to answer.
        checked = check_answers(consultation, {q1: [str(ids["yes"])], q2: ["40"], q3: [str(ids["often"])],
                                               q5: ["More buses"]}, texts)
        assert not checked.errors
