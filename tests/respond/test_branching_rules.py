"""Richer branching on the resident journey: any/all conditions, comparisons, skip to a later
question, and an exit page that ends the journey without keeping anything."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Answer, Draft, Response, TextBlock
from consult.respond.journey import Journey
from tests.branching_helpers import EXIT_WORDS, make_rules_consultation
from tests.helpers import Resident


@pytest.fixture
def rules(app):
    with app.app_context():
        return make_rules_consultation()


def _asked(app, raw):
    with app.app_context():
        journey = Journey(load_consultation("rules"), raw)
        return journey.asked_numbers(), journey.exit_rule


def test_journey_follows_every_kind_of_rule(app, rules):
    q1, q2, q3, q4, q5 = (str(i) for i in rules["ids"])
    yes, no = str(rules["yes"]), str(rules["no"])
    assert _asked(app, {}) == ([1, 2, 4], None)  # 3 needs a "Yes" and an age; 5 needs 4 or 3
    # 3 not answered yet: "Never" is not chosen there, so 5 is asked.
    assert _asked(app, {q1: [yes], q2: ["40"]})[0] == [1, 2, 3, 4, 5]
    assert _asked(app, {q1: [yes], q2: ["40"], q3: [str(rules["often"])]})[0] == [1, 2, 3, 4, 5]
    assert _asked(app, {q1: [yes], q2: ["40"], q3: [str(rules["never"])]})[0] == [1, 2, 3, 4]
    assert _asked(app, {q1: [yes], q2: ["40"], q3: [str(rules["never"])], q4: ["Splott"]})[0] == [1, 2, 3, 4, 5]
    # Under 18: straight to 4 (3 is passed over).
    assert _asked(app, {q1: [yes], q2: ["15"]})[0] == [1, 2, 4]
    # "No" at 1: the journey ends there.
    asked, exit_rule = _asked(app, {q1: [no], q2: ["40"], q4: ["Splott"]})
    assert asked == [1] and exit_rule.rule_id == rules["exit"]


@pytest.mark.parametrize("htmx", [False, True])
def test_resident_skips_to_a_later_question(app, rules, htmx):
    resident = Resident(app.test_client(), htmx=htmx)
    page = resident.submit(resident.get("/c/rules"))
    page = resident.submit(page, {page.field_name(): str(rules["yes"])})
    assert page.path == "/c/rules/q/2"
    page = resident.submit(page, {page.field_name(): "15"})
    assert page.path == "/c/rules/q/4", "under 18 goes straight to question 4"
    assert resident.get("/c/rules/q/3").path == "/c/rules/q/4"
    page = resident.submit(page, {page.field_name(): "Splott"})
    assert page.path == "/c/rules/q/5"
    page = resident.submit(page, {page.field_name(): ""})
    assert "Check your answers" in page.h1 and "Do you drive?" not in page.text()
    done = resident.submit(page)
    assert done.path.endswith("/confirmation")
    with app.app_context():
        stored = db.session.scalars(select(Answer.question_id)).all()
        assert sorted(stored) == sorted([rules["ids"][0], rules["ids"][1], rules["ids"][3]])


@pytest.mark.parametrize("htmx", [False, True])
def test_exit_page_ends_the_journey_and_keeps_nothing(app, rules, htmx):
    resident = Resident(app.test_client(), htmx=htmx)
    page = resident.submit(resident.get("/c/rules"))
    page = resident.submit(page, {page.field_name(): str(rules["no"])})
    assert page.path == f"/c/rules/exit/{rules['exit']}"
    assert page.status == 200 and page.h1 == "You cannot take part"
    assert EXIT_WORDS in page.text() and "We have not kept any of your answers." in page.text()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0
        assert [draft.answers for draft in db.session.scalars(select(Draft))] == [{}]
    # The journey starts again from the beginning; the check page has nothing to send.
    again = resident.get("/c/rules/check")
    assert "Do you live in Cardiff?" in again.text()
    assert resident.submit(again).status == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_exit_page_in_welsh_and_easy_read(app, rules):
    with app.app_context():
        consultation = load_consultation("rules")
        rule = consultation.questions[0].rules[0]
        block = db.session.get(TextBlock, rule.exit_text_id)
        block.set("en", "You cannot take part. This is for people in Cardiff.", register="easy")
        db.session.commit()
    resident = Resident(app.test_client())
    resident.get("/c/rules?register=easy")
    page = resident.get(f"/c/rules/exit/{rules['exit']}")
    assert "This is for people in Cardiff." in page.text()
    assert resident.get("/c/rules/exit/999999").status == 404


def test_a_preview_walks_into_the_exit_page_too(app, signed_in):
    with app.app_context():
        ids = make_rules_consultation(slug="draft-rules", status="draft")
    editor = signed_in("editor")
    page = editor.submit(editor.get("/c/draft-rules"))
    page = editor.submit(page, {page.field_name(): str(ids["no"])})
    assert page.path == f"/c/draft-rules/exit/{ids['exit']}"
