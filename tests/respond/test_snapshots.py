"""Published consultations compiled once (consult/snapshots.py, issue 14).

A resident page reads the consultation from a snapshot kept per server process and asks the database only
for its version (moved by consult/models/versioning.py on every change staff make). These tests check the
pages stay the same, that every kind of edit after publishing moves the version and shows on the next
page, and that a question page asks the database only a few small questions whatever it shows.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from consult import branching
from consult.build.branching_rules import ConditionInput, RuleInput, save_rule
from consult.build.questions import add_option, add_question
from consult.build.services import create_consultation
from consult.extensions import db
from consult.models import Consultation, Question
from consult.models._time import utcnow
from consult.models.content import EASY
from consult.pictures.services import set_picture, symbol_picture
from consult.snapshots import Frozen, snapshot_by_slug

SLUG = "snap"
# Tables a question page must not read once its consultation is compiled.
CONTENT_TABLES = re.compile(r"\b(FROM|JOIN) (question|option|option_group|text_variant|branch_rule|branch_condition|"
                            r"picture|section|consultation_language)\b")


@pytest.fixture
def snap(app):
    with app.app_context():
        now = utcnow()
        consultation = create_consultation(SLUG, title="Buses", summary="Tell us about buses", status="published",
                                           opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9),
                                           other_languages=("cy",))
        drive = add_question(consultation, "single_choice", "Do you drive?", options=["Often", "Never"])
        town = add_question(consultation, "short_text", "Your town", required=False)
        drive.prompt.set("en", "Do you drive a car?", EASY)
        db.session.commit()
        return {"id": consultation.id, "drive": drive.id, "town": town.id,
                "often": drive.options[0].id, "never": drive.options[1].id}


def _started(resident):
    page = resident.get(f"/c/{SLUG}")
    page = resident.submit(page)
    assert page.path == f"/c/{SLUG}/q/1", page.path
    return page


def _version(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Consultation.version).where(Consultation.slug == SLUG))


@contextmanager
def _statements(app):
    """Every SQL statement sent while the block runs (transaction control left out)."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many):
        if not re.match(r"\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)", statement, re.IGNORECASE):
            sent.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


# -- the same pages --------------------------------------------------------------------------------

def test_pages_read_the_snapshot_and_show_the_consultation(app, snap, resident):
    page = _started(resident)
    assert "Do you drive?" in page.text() and "Often" in page.text()
    easy = resident.get(f"/c/{SLUG}/q/1?register=easy")
    assert "Do you drive a car?" in easy.text()
    with app.test_request_context():
        first, second = snapshot_by_slug(SLUG), snapshot_by_slug(SLUG)
    assert first is second  # kept, not built again
    assert isinstance(first.consultation, Frozen)


def test_a_snapshot_cannot_be_changed(app, snap):
    with app.test_request_context():
        snapshot = snapshot_by_slug(SLUG)
    question = snapshot.consultation.questions[0]
    with pytest.raises(AttributeError):
        question.required = False
    with pytest.raises(TypeError):
        question.settings["max_length"] = 5  # a read-only mapping
    assert isinstance(snapshot.consultation.questions, tuple)
    # The models' own rules come along, written once (Consultation.state, Question.type).
    assert snapshot.consultation.state() == "open"
    assert question.type is question.type  # the registry's type, through the borrowed property
    assert question.kind == "single_choice"
    assert question.options[0].question is question


# -- queries per page --------------------------------------------------------------------------------

@pytest.mark.parametrize("register", ["standard", "easy"])
def test_a_question_page_asks_the_database_little(app, snap, resident, register):
    _started(resident)
    resident.get(f"/c/{SLUG}/q/1?register={register}")  # the snapshot is built here
    with _statements(app) as sent:
        page = resident.get(f"/c/{SLUG}/q/1")
    assert page.status == 200
    # The version, the draft, the organisation's name and logo: nothing about the questions themselves.
    assert len(sent) <= 4, sent
    assert not [statement for statement in sent if CONTENT_TABLES.search(statement)], sent
    version_checks = [statement for statement in sent if "consultation.version" in statement]
    assert len(version_checks) == 1
    drafts = [statement for statement in sent if "FROM draft" in statement]
    assert len(drafts) == 1  # finding the draft is one query


def test_the_check_page_asks_the_database_little(app, snap, resident):
    _started(resident)
    resident.get(f"/c/{SLUG}/check")
    with _statements(app) as sent:
        page = resident.get(f"/c/{SLUG}/check")
    assert page.status == 200
    assert len(sent) <= 4, sent
    assert not [statement for statement in sent if CONTENT_TABLES.search(statement)], sent


# -- edits after publishing --------------------------------------------------------------------------

def _edit_prompt(ids):
    db.session.get(Question, ids["drive"]).prompt.set("en", "How often do you drive?")
    return "/c/snap/q/1", "How often do you drive?"


def _edit_option(ids):
    question = db.session.get(Question, ids["drive"])
    question.options[0].label.set("en", "Every day")
    return "/c/snap/q/1", "Every day"


def _add_option(ids):
    add_option(db.session.get(Question, ids["drive"]), "Sometimes", "en")
    return "/c/snap/q/1", "Sometimes"


def _translate(ids):
    db.session.get(Question, ids["drive"]).prompt.set("cy", "Pa mor aml ydych chi yn gyrru?")
    return "/c/snap/q/1?lang=cy", "Pa mor aml ydych chi yn gyrru?"


def _easy_read(ids):
    db.session.get(Question, ids["town"]).prompt.set("en", "Where do you live?", EASY)
    return "/c/snap/q/2?register=easy", "Where do you live?"


def _picture(ids):
    set_picture(db.session.get(Question, ids["drive"]), symbol_picture("1F937", "A red car", "en"))
    return "/c/snap/q/1?register=easy", 'alt="A red car"'


def _new_question(ids):
    add_question(db.session.get(Consultation, ids["id"]), "short_text", "Your postcode", required=False)
    return "/c/snap/q/3", "Your postcode"


def _title(ids):
    db.session.get(Consultation, ids["id"]).title.set("en", "Buses and trams")
    return "/c/snap", "Buses and trams"


@pytest.mark.parametrize("edit", [_edit_prompt, _edit_option, _add_option, _translate, _easy_read, _picture,
                                  _new_question, _title])
def test_an_edit_after_publishing_shows_on_the_next_page(app, snap, resident, edit):
    _started(resident)
    resident.get("/c/snap/q/1?register=standard")
    before = _version(app)
    with app.app_context():
        path, shown = edit(snap)
        db.session.commit()
    assert _version(app) > before
    page = resident.get(path)
    assert page.status == 200, page.path
    assert shown in page.html, page.text()[:400]


def test_a_new_rule_changes_the_path_on_the_next_page(app, snap, resident):
    _started(resident)
    assert resident.get("/c/snap/q/2").path == "/c/snap/q/2"
    before = _version(app)
    with app.app_context():
        town = db.session.get(Question, snap["town"])
        save_rule(town, RuleInput(branching.ASK, conditions=[
            ConditionInput(snap["drive"], branching.CHOSEN, [snap["never"]])]), "en")
        db.session.commit()
    assert _version(app) > before
    # Question 2 is asked only of people who never drive; nobody has answered question 1 yet.
    assert resident.get("/c/snap/q/2").path == "/c/snap/check"


def test_closing_early_shows_at_once(app, snap, resident):
    _started(resident)
    with app.app_context():
        db.session.get(Consultation, snap["id"]).closed_at = utcnow()
        db.session.commit()
    assert "closed" in resident.get("/c/snap/q/1").text().lower()


def test_answers_and_drafts_do_not_move_the_version(app, snap, resident):
    page = _started(resident)
    before = _version(app)
    resident.submit(page, {page.field_name(): str(snap["often"])})
    assert _version(app) == before


def test_a_picture_whose_words_change_shows_them(app, snap, resident):
    _started(resident)
    with app.app_context():
        picture = symbol_picture("1F937", "A person shrugging", "en")
        set_picture(db.session.get(Question, snap["drive"]), picture)
        db.session.commit()
        picture_id = picture.id
    assert 'alt="A person shrugging"' in resident.get("/c/snap/q/1?register=easy").html
    before = _version(app)
    with app.app_context():
        from consult.models import Picture

        db.session.get(Picture, picture_id).alt.set("en", "Someone who does not know")
        db.session.commit()
    assert _version(app) > before
    assert 'alt="Someone who does not know"' in resident.get("/c/snap/q/1?register=easy").html


def test_a_removed_answer_goes_from_the_next_page(app, snap, resident):
    from consult.build.questions import remove_option
    from consult.models import Option

    assert "Never" in _started(resident).text()
    with app.app_context():
        remove_option(db.session.get(Option, snap["never"]))
        db.session.commit()
    assert "Never" not in resident.get("/c/snap/q/1").text()
