"""Helpers for requests to hear about the results: the demo answered, and the form filled in."""

from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import Consultation, ContactRequest
from tests.respond.test_journey import complete_demo

FORM = "/c/{slug}/hear-back"

# A request that passes every check: large print and Welsh, by email and post.
GOOD = {"formats": ["large_print", "language"], "language": "Welsh", "name": "Siân Jones",
        "email": "sian@example.org", "phone": "01234 567 890", "address": "1 High Street\nLlanfair\nNS1 2AB",
        "other_needs": "Please phone after 10am."}


def form_path(slug: str, after: bool = False) -> str:
    return FORM.format(slug=slug) + ("?after=answers" if after else "")


def answer_demo(resident, slug: str):
    """Answer the demo consultation and return the confirmation page."""
    _check, done = complete_demo(resident, slug)
    return done


def follow_confirmation_link(resident, confirmation):
    link = confirmation.soup.find("a", string=lambda text: text and "how you want to hear about the results" in text)
    assert link is not None, "the confirmation page has no link to say how to hear about the results"
    return resident.get(link["href"])


def requests(app) -> list[ContactRequest]:
    with app.app_context():
        found = list(db.session.scalars(db.select(ContactRequest).order_by(ContactRequest.id)))
        db.session.expunge_all()
        return found


@pytest.fixture
def named(app, demo):
    """The demo consultation, not anonymous."""
    with app.app_context():
        db.session.get(Consultation, demo["id"]).anonymous = False
        db.session.commit()
    return demo
