"""One client cannot fill the database with drafts: refused answers are not stored, a draft has a size
cap, starting and saving are limited per address, and drafts left empty are purged after a day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Draft, Question
from consult.models._time import utcnow
from consult.respond import services
from consult.respond.services import purge_drafts
from tests.helpers import Resident


def _first_of_kind(demo, kind: str) -> tuple[int, int]:
    """(number, id) of the demo's first question of this kind."""
    return next((number, question_id) for number, (question_id, question_kind, _required)
                in enumerate(demo["questions"], start=1) if question_kind == kind)


def _draft_answers(app) -> dict:
    with app.app_context():
        return db.session.scalars(select(Draft)).one().answers or {}


def _started(resident: Resident, slug: str):
    return resident.submit(resident.get(f"/c/{slug}"))


def test_an_answer_refused_as_too_long_is_shown_back_but_not_stored(app, demo, resident):
    number, question_id = _first_of_kind(demo, "long_text")
    with app.app_context():
        limit = db.session.get(Question, question_id).type.limit(db.session.get(Question, question_id))
    _started(resident, demo["slug"])
    page = resident.get(f"/c/{demo['slug']}/q/{number}")
    words = "x" * (limit + 1)
    for button in (None, "save"):
        refused = resident.submit(page, {f"q{question_id}": words}, button=button)
        assert refused.status == 422
        assert refused.soup.find("textarea").get_text() == words  # nothing lost on the page
        assert str(question_id) not in _draft_answers(app)


def test_save_and_come_back_later_on_an_unanswered_question_resumes_there(app, demo, resident):
    number, question_id = _first_of_kind(demo, "long_text")
    _started(resident, demo["slug"])
    page = resident.get(f"/c/{demo['slug']}/q/{number}")
    saved = resident.submit(page, {f"q{question_id}": "  "}, button="save")
    assert saved.h1 == "Your answers are saved"
    assert str(question_id) not in _draft_answers(app)


def test_a_draft_has_a_size_cap(app, demo, resident, monkeypatch):
    number, question_id = _first_of_kind(demo, "long_text")
    monkeypatch.setattr(services, "DRAFT_MAX_BYTES", 200)
    _started(resident, demo["slug"])
    page = resident.get(f"/c/{demo['slug']}/q/{number}")
    refused = resident.submit(page, {f"q{question_id}": "a fair answer " * 20})
    assert refused.status == 422
    assert "too long for us to keep" in refused.text()
    assert str(question_id) not in _draft_answers(app)


def test_starting_drafts_is_limited_per_address(app, demo):
    app.config["DRAFT_STARTS_LIMIT"] = "3 per hour"
    statuses = []
    for _ in range(4):
        resident = Resident(app.test_client())
        statuses.append(resident.client.post(f"/c/{demo['slug']}/start", data={
            "csrf_token": resident.get(f"/c/{demo['slug']}").form().find(
                "input", attrs={"name": "csrf_token"})["value"]}).status_code)
    assert statuses == [303, 303, 303, 429]
    elsewhere = app.test_client()
    page = elsewhere.get(f"/c/{demo['slug']}", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert page.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 3


def test_saving_answers_is_limited_per_address(app, demo, resident):
    app.config["ANSWER_SAVES_LIMIT"] = "2 per hour"
    number, question_id = _first_of_kind(demo, "long_text")
    _started(resident, demo["slug"])
    page = resident.get(f"/c/{demo['slug']}/q/{number}")
    statuses = [resident.submit(page, {f"q{question_id}": f"answer {n}"}).status for n in range(3)]
    assert statuses[-1] == 429
    assert _draft_answers(app)[str(question_id)] == ["answer 1"]
    # Reading a page is not saving: the limit reached, the resident still sees their questions.
    assert [resident.get(f"/c/{demo['slug']}/q/{number}").status for _ in range(3)] == [200] * 3


def test_purge_removes_drafts_left_empty_for_a_day(app, demo):
    for _ in range(2):
        _started(Resident(app.test_client()), demo["slug"])
    with app.app_context():
        kept = db.session.scalars(select(Draft).order_by(Draft.id)).first()
        kept.answers = {"1": ["kept"]}
        db.session.commit()
        assert purge_drafts(now=utcnow() + timedelta(hours=23)) == 0
        assert purge_drafts(now=utcnow() + timedelta(hours=25)) == 1
        db.session.commit()
        assert [draft.answers for draft in db.session.scalars(select(Draft))] == [{"1": ["kept"]}]
