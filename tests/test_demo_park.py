"""The second demo consultation shows the new answer types, branching and easy read after `make run`."""

from __future__ import annotations

from consult.build.checklist import publishing_problems
from consult.demo_park import PARK_SLUG
from consult.extensions import db
from consult.loading import load_consultation, staff_texts
from consult.models import Question
from consult.models._time import utcnow
from tests.helpers import Resident


def test_it_is_open_and_publishable_with_the_new_types(app, demo):
    with app.test_request_context():
        park = load_consultation(PARK_SLUG)
        assert park.state() == "open" and park.offered_languages == ["en", "cy"]
        kinds = [question.kind for question in park.questions]
        for kind in ("date", "grid", "ranking", "money", "postcode"):
            assert kind in kinds
        assert any(option.write_in for question in park.questions for option in question.options)
        assert any(question.rules for question in park.questions)
        assert publishing_problems(park, staff_texts(park), utcnow()) == []


def _walk(app, resident: Resident, first_answer: str) -> list[str]:
    """Answer every question asked with its type's example, choosing ``first_answer`` first."""
    page = resident.submit(resident.get(f"/c/{PARK_SLUG}"))
    asked = []
    while page.path.split("/")[-2] == "q":
        number = int(page.path.split("/")[-1])
        with app.app_context():
            question = db.session.get(Question, load_consultation(PARK_SLUG).questions[number - 1].id)
            asked.append(question.kind)
            answer = ({f"q{question.id}": page.option_value(first_answer)} if number == 1
                      else question.type.example(question).formdata)
            required = question.required
        sent = resident.submit(page, answer)
        if sent.status == 422 and not required:
            # An example outside this question's range: leave it blank instead.
            sent = resident.submit(sent, {name: "" for name in answer})
        page = sent
        assert page.status == 200, page.text()[:300]
    assert page.path.endswith("/check")
    assert resident.submit(page).path.endswith("/confirmation")
    return asked


def test_branching_skips_the_date_for_people_who_never_visit(app, demo):
    assert "date" in _walk(app, Resident(app.test_client()), "Every week")
    assert "date" not in _walk(app, Resident(app.test_client()), "Never")


def test_easy_read_in_welsh_has_its_own_words(app, demo):
    resident = Resident(app.test_client())
    page = resident.get(f"/c/{PARK_SLUG}?lang=cy&register=easy")
    page = resident.submit(page)
    assert "Pa mor aml ydych chi’n mynd i’r parc?" in page.text()
