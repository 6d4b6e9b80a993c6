"""Two tabs on one draft, racing: every answer a resident was told was saved reaches the response.

These run on SQLite and on PostgreSQL (TEST_DATABASE_URL). On PostgreSQL nothing serialises two
requests by itself, so a save that rewrote the whole draft lost answers saved at the same moment
in the other tab, and a save that raced a submission brought the sent draft's answers back.
"""

from __future__ import annotations

import threading

from sqlalchemy import select

from consult.extensions import db
from consult.models import Answer, Draft, Response
from tests.demo_answers import answer_for
from tests.helpers import Resident

ROUNDS = 10


def _text_questions(demo) -> list[tuple[int, int]]:
    """(number, id) of the demo's free-text questions; any text is a valid answer to them."""
    return [(number, question_id)
            for number, (question_id, kind, _required) in enumerate(demo["questions"], start=1)
            if kind in ("short_text", "long_text")]


def _together(*targets):
    """Run the targets at the same moment, each in its own thread; their results in order."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)
    errors: list = []

    def run(index, target):
        try:
            barrier.wait(timeout=30)
            results[index] = target()
        except Exception as error:  # reported below, with the others
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def _second_tab(app, resident: Resident) -> Resident:
    client = app.test_client()
    client.set_cookie("session", resident.client.get_cookie("session").value)
    return Resident(client)


def _csrf(page) -> str:
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]


def _draft_answers(app) -> dict:
    with app.app_context():
        return db.session.scalars(select(Draft)).one().answers or {}


def _save(tab: Resident, slug: str, number: int, question_id: int, words: str, token: str,
          return_to: str | None = None):
    data = {f"q{question_id}": words, "csrf_token": token}
    if return_to:
        data["return_to"] = return_to
    return tab.client.post(f"/c/{slug}/q/{number}", data=data)


def test_saves_of_two_questions_at_once_keep_both(app, demo):
    slug = demo["slug"]
    (first_number, first_id), (second_number, second_id), *_ = _text_questions(demo)
    one = Resident(app.test_client())
    page = one.submit(one.get(f"/c/{slug}"))
    token = _csrf(page)
    two = _second_tab(app, one)

    for round_ in range(ROUNDS):
        replies = _together(
            lambda r=round_: _save(one, slug, first_number, first_id, f"first {r}", token),
            lambda r=round_: _save(two, slug, second_number, second_id, f"second {r}", token),
        )
        assert [reply.status_code for reply in replies] == [303, 303]
        answers = _draft_answers(app)
        assert answers.get(str(first_id)) == [f"first {round_}"], f"round {round_}: {answers}"
        assert answers.get(str(second_id)) == [f"second {round_}"], f"round {round_}: {answers}"


def _ready_to_send(app, slug) -> tuple[Resident, object]:
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{slug}"))
    while "Check your answers" not in page.h1:
        number = int(page.path.rsplit("/", 1)[1])
        page = resident.submit(page, answer_for(page, number))
    return resident, page


def test_a_change_racing_a_submission_is_sent_or_plainly_refused(app, demo):
    """Tab one sends the answers while tab two changes one: the change is in the response when tab
    two was told it was saved; otherwise tab two is told the answers had gone already. The sent
    draft is never filled again."""
    slug = demo["slug"]
    number, question_id = _text_questions(demo)[0]
    told_saved = 0
    for round_ in range(ROUNDS):
        one, check_page = _ready_to_send(app, slug)
        two = _second_tab(app, one)
        words = f"changed in the other tab {round_}"
        sent, changed = _together(
            lambda one=one, page=check_page: one.submit(page),
            lambda two=two, page=check_page, words=words: _save(two, slug, number, question_id, words,
                                                                _csrf(page), return_to="check"),
        )
        assert sent.path.endswith("/confirmation"), sent.path
        assert changed.status_code == 303
        with app.app_context():
            draft = db.session.scalars(select(Draft).where(Draft.response_id.is_not(None))
                                       .order_by(Draft.id.desc())).first()
            assert draft.answers == {}, "the sent draft was filled again"
            stored = db.session.scalar(select(Answer.text).where(
                Answer.response_id == draft.response_id, Answer.question_id == question_id))
        if changed.headers["Location"].endswith("/check"):
            told_saved += 1
            assert stored == words, f"round {round_}: told saved, but the response has {stored!r}"
        else:
            confirmation = two.get(changed.headers["Location"])
            assert "already sent" in confirmation.text(), confirmation.text()
    with app.app_context():
        assert len(db.session.scalars(select(Response)).all()) == ROUNDS
    # Both orders should turn up over the rounds; if not, the test still checked every round.
    print(f"changes saved before sending: {told_saved} of {ROUNDS}")


def test_a_save_after_sending_does_not_bring_the_draft_back(app, demo):
    slug = demo["slug"]
    number, question_id = _text_questions(demo)[0]
    one, check_page = _ready_to_send(app, slug)
    two = _second_tab(app, one)
    assert one.submit(check_page).path.endswith("/confirmation")
    late = _save(two, slug, number, question_id, "too late", _csrf(check_page), return_to="check")
    assert late.status_code == 303
    assert "already sent" in two.get(late.headers["Location"]).text()
    assert _draft_answers(app) == {}
