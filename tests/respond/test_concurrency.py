"""Many people submitting at once: no errors, every response stored exactly once."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Answer, Response
from tests.demo_answers import answer_for
from tests.helpers import Resident

THREADS = 16


def _ready_to_send(app, slug):
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{slug}"))
    for number in range(1, 9):
        page = resident.submit(page, answer_for(page, number))
    assert "Check your answers" in page.h1
    return resident, page


def _run_together(targets):
    barrier = threading.Barrier(len(targets))
    errors = []
    results = [None] * len(targets)

    def run(index, target):
        try:
            barrier.wait(timeout=30)
            results[index] = target()
        except Exception as error:  # collected and reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_sixteen_people_submitting_at_once(app, demo):
    people = [_ready_to_send(app, demo["slug"]) for _ in range(THREADS)]
    pages = _run_together([lambda r=r, p=p: r.submit(p) for r, p in people])
    assert all(page.status == 200 and page.path.endswith("/confirmation") for page in pages), \
        [(page.status, page.path) for page in pages]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == THREADS
        assert db.session.scalar(select(func.count()).select_from(Answer)) == THREADS * 9
        references = db.session.scalars(select(Response.reference)).all()
        assert len(set(references)) == THREADS


def test_one_person_submitting_sixteen_times_at_once(app, demo):
    """Double clicks and two tabs: the same draft sent many times is one response."""
    resident, page = _ready_to_send(app, demo["slug"])
    cookie = resident.client.get_cookie("session").value
    clients = []
    for _ in range(THREADS):
        client = app.test_client()
        client.set_cookie("session", cookie)
        clients.append(Resident(client))
    pages = _run_together([lambda r=r: r.submit(page) for r in clients])
    assert all(page.path.endswith("/confirmation") for page in pages)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 9
