"""The builder's branching pages: every rule in words, adding, changing and removing rules without
JavaScript, refusing loops and looks at later questions, and the publishing checklist."""

from __future__ import annotations

from sqlalchemy import select

from consult import branching
from consult.build.checklist import publishing_problems
from consult.extensions import db
from consult.loading import load_consultation, staff_texts
from consult.models import BranchRule
from consult.models._time import utcnow
from tests.branching_helpers import make_rules_consultation, store_condition
from tests.html_checks import assert_well_formed


def _setup(app):
    with app.app_context():
        return make_rules_consultation(slug="built", status="draft")


def _branching_url(ids, number):
    return f"/staff/consultations/{ids['id']}/questions/{ids['ids'][number - 1]}/branching"


def _rule_form(page) -> int:
    forms = [form for form in page.soup.find_all("form") if form.get("method", "").lower() == "post"]
    return next(index for index, form in enumerate(forms) if "rule-form" in form.get("class", []))


def _form_ending(page, ending: str) -> int:
    forms = [form for form in page.soup.find_all("form") if form.get("method", "").lower() == "post"]
    return next(index for index, form in enumerate(forms) if form["action"].endswith(ending))


def _summary(page) -> list[str]:
    return [" ".join(p.get_text(" ", strip=True).split()) for p in page.soup.select(".rule-list__words")]


def test_every_rule_reads_in_words(app, signed_in):
    ids = _setup(app)
    editor = signed_in("editor")
    page = editor.get(_branching_url(ids, 1))
    assert_well_formed(page)
    assert _summary(page) == ["If someone answered “No” to question 1, they cannot take part and their answers "
                              "are not kept."]
    assert _summary(editor.get(_branching_url(ids, 2))) == ["If someone gave less than 18 at question 2, they go to "
                                                            "question 4."]
    assert _summary(editor.get(_branching_url(ids, 3))) == ["Asked only of people who answered “Yes” to question 1 and "
                                                            "gave more than 16 at question 2."]
    assert _summary(editor.get(_branching_url(ids, 5))) == ["Asked only of people who answered question 4 or did not "
                                                            "answer “Never” to question 3."]
    editor_page = editor.get(f"/staff/consultations/{ids['id']}/questions/{ids['ids'][2]}")
    link = editor_page.soup.find(id="change-branching")
    assert link["href"] == _branching_url(ids, 3) and "1 branching rule" in editor_page.text()


def test_adding_a_rule_without_javascript(app, signed_in):
    ids = _setup(app)
    editor = signed_in("editor")
    page = editor.get(_branching_url(ids, 4))
    assert not _summary(page)
    page = editor.get(page.soup.find(id="add-rule-ask")["href"])
    assert page.status == 200 and page.soup.find(id="action")["value"] == "ask"
    # Add a condition on question 2 (a number): the page comes back with its row, nothing stored.
    page = editor.submit(page, {"add-source": str(ids["ids"][1])}, button="add", form_index=_rule_form(page))
    assert page.status == 200 and page.soup.find(id="cond-0-low") is not None
    tests = [radio["value"] for radio in page.soup.select("input[name=cond-0-test]")]
    assert tests == ["more", "less", "between", "answered", "skipped"]
    # And a second on question 1 (yes/no): its answers are offered.
    page = editor.submit(page, {"add-source": str(ids["ids"][0]), "cond-0-test": "between", "cond-0-low": "18",
                                "cond-0-high": "65"}, button="add", form_index=_rule_form(page))
    assert page.soup.find(id="cond-0-low")["value"] == "18", "what was typed stays on the page"
    assert [radio["value"] for radio in page.soup.select("input[name=cond-1-test]")][:2] == ["chosen", "not_chosen"]
    with app.app_context():
        assert not load_consultation("built").questions[3].rules
    saved = editor.submit(page, {"match": "all", "cond-1-option": str(ids["yes"])}, form_index=_rule_form(page))
    assert saved.path == _branching_url(ids, 4)
    assert_well_formed(saved)
    assert "Branching rule saved" in saved.text()
    assert _summary(saved) == ["Asked only of people who gave from 18 to 65 at question 2 and answered “Yes” to "
                               "question 1."]
    # Removing one condition, then the rule.
    change = editor.get(saved.soup.find("a", id=lambda v: v and v.startswith("change-rule-"))["href"])
    page = editor.submit(change, button="remove-0", form_index=_rule_form(change))
    assert page.soup.find(id="cond-0-low") is None and page.soup.find(id="cond-1-test") is None
    saved = editor.submit(page, form_index=_rule_form(page))
    assert _summary(saved) == ["Asked only of people who answered “Yes” to question 1."]
    removed = editor.submit(saved, form_index=_form_ending(saved, "/remove"))
    assert "Branching rule removed" in removed.text() and not _summary(removed)


def test_a_skip_and_an_exit_from_the_builder(app, signed_in):
    ids = _setup(app)
    editor = signed_in("editor")
    page = editor.get(_branching_url(ids, 4) + "/new?action=exit")
    page = editor.submit(page, {"add-source": str(ids["ids"][3])}, button="add", form_index=_rule_form(page))
    refused = editor.submit(page, {"cond-0-test": "skipped"}, form_index=_rule_form(page))
    assert refused.status == 422 and "Write why people cannot take part" in refused.text()
    assert refused.soup.select_one(".error-summary a")["href"] == "#exit-words"
    saved = editor.submit(refused, {"exit-words": "You must give your town."}, form_index=_rule_form(refused))
    assert _summary(saved) == ["If someone left question 4 empty, they cannot take part and their answers are not kept."]
    with app.app_context():
        rule = db.session.scalars(select(BranchRule).where(BranchRule.question_id == ids["ids"][3])).one()
        assert rule.action == "exit" and rule.exit_text.variants[0].body == "You must give your town."


def _refusal(editor, ids, number, data):
    page = editor.get(_branching_url(ids, number) + "/new")
    return editor.submit(page, data, form_index=_rule_form(page))


def test_loops_and_later_questions_are_refused_with_a_clear_message(app, signed_in):
    ids = _setup(app)
    editor = signed_in("editor")
    later = _refusal(editor, ids, 2, {"action": "ask", "cond-0-source": str(ids["ids"][3]), "cond-0-test": "answered"})
    assert later.status == 422
    assert ("Question 4 comes after question 2, so its answer is not known yet. Choose an earlier question"
            in later.text())
    itself = _refusal(editor, ids, 2, {"action": "ask", "cond-0-source": str(ids["ids"][1]), "cond-0-test": "answered"})
    assert "would be a loop" in itself.text()
    backwards = _refusal(editor, ids, 3, {"action": "skip", "target": str(ids["ids"][0]),
                                          "cond-0-source": str(ids["ids"][2]), "cond-0-test": "answered"})
    assert ("Going back to question 1 would make a loop. Choose a question after question 3" in backwards.text())
    nothing = _refusal(editor, ids, 3, {"action": "ask"})
    assert "Add at least one condition" in nothing.text()
    no_value = _refusal(editor, ids, 3, {"action": "ask", "cond-0-source": str(ids["ids"][1]), "cond-0-test": "more",
                                         "cond-0-low": "lots"})
    assert "Enter a value of the kind question 2 asks for, like 12" in no_value.text()
    assert no_value.soup.select_one(".error-summary a")["href"] == "#cond-0-low"
    for page in (later, itself, backwards, nothing, no_value):
        assert_well_formed(page)
        assert page.soup.title.get_text().startswith("Error:")
    with app.app_context():
        consultation = load_consultation("built")
        assert len(consultation.questions[1].rules) == 1 and len(consultation.questions[2].rules) == 1


def test_moving_a_question_before_what_it_depends_on_is_refused(app, signed_in):
    from consult.build import questions as edit

    _setup(app)
    with app.app_context():
        consultation = load_consultation("built")
        drive = consultation.questions[2]
        try:
            edit.move_question(drive, -1)  # above question 2, which its rule looks at
        except edit.OrderError:
            pass
        else:
            raise AssertionError("the move should be refused")


def test_the_checklist_stops_broken_rules(app):
    ids = _setup(app)
    with app.app_context():
        consultation = load_consultation("built")
        first, second = consultation.questions[0], consultation.questions[1]
        problems = publishing_problems(consultation, staff_texts(consultation), utcnow())
        assert not [p for p in problems if "branching" in p.message or "exit page" in p.message]
        store_condition(first, [consultation.questions[2].options[0]])  # on a later question
        exit_rule = next(rule for rule in first.rules if rule.action == branching.EXIT)
        exit_rule.exit_text.variants[0].body = " "
        db.session.commit()
        consultation = load_consultation("built")
        messages = [p.message for p in publishing_problems(consultation, staff_texts(consultation), utcnow())]
        assert ("Question 1 has a branching rule that cannot work: it looks at a question that is deleted or comes "
                "after it, a value or answer it needs is missing, or it goes back to an earlier question") in messages
        assert "Question 1 has an exit page with no words" in messages
        assert second.id == ids["ids"][1]


def test_the_rule_pages_are_for_editors_and_404_for_other_questions(app, signed_in):
    ids = _setup(app)
    analyst = signed_in("analyst")
    assert analyst.get(_branching_url(ids, 1)).status == 403
    editor = signed_in("editor", email="second-editor@example.org")
    with app.app_context():
        other = make_rules_consultation(slug="other", status="draft")
    rule_id = ids["exit"]
    assert editor.get(f"/staff/consultations/{other['id']}/questions/{other['ids'][0]}/branching/{rule_id}").status == 404
