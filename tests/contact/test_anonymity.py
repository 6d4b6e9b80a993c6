"""An anonymous consultation: staff cannot pair a request to hear back with the answers sent just before.

The attack this tries: three people answer, each then leaves their name to hear back. Staff who list
the requests and the responses side by side, in the order each came, or by their times, or by their
numbers, would pair every name with its answers. Nothing of that order may be left to see.
"""

from __future__ import annotations

import re
from datetime import timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from consult.extensions import db
from consult.models import Consultation, ContactRequest, Draft, Response
from tests.contact.conftest import answer_demo, follow_confirmation_link
from tests.helpers import Resident

# In the order they answer: not the order of their names.
PEOPLE = ("Carys Evans", "Aled Jones", "Bethan Hughes")


def _answer_then_ask_to_hear_back(app, slug: str, name: str) -> None:
    resident = Resident(app.test_client())
    form = follow_confirmation_link(resident, answer_demo(resident, slug))
    thanks = resident.submit(form, {"formats": ["email"], "name": name, "email": "someone@example.org"})
    assert thanks.status == 200, thanks.text()


def _date_only(moment) -> bool:
    """Kept as the day's midday, local time (consult.times.date_only): no trace of the moment."""
    local = moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/London"))
    return (local.hour, local.minute, local.second, local.microsecond) == (12, 0, 0, 0)


def test_requests_and_responses_cannot_be_paired(app, signed_in, demo):
    with app.app_context():
        assert db.session.get(Consultation, demo["id"]).anonymous
    for name in PEOPLE:
        _answer_then_ask_to_hear_back(app, demo["slug"], name)

    # Nothing stored keeps the moment: responses, the drafts they came from and the requests.
    with app.app_context():
        responses = db.session.scalars(select(Response)).all()
        drafts = db.session.scalars(select(Draft)).all()
        asked = db.session.scalars(select(ContactRequest)).all()
        assert len(responses) == len(asked) == len(PEOPLE)
        assert all(_date_only(r.started_at) and _date_only(r.submitted_at) for r in responses)
        assert all(_date_only(d.created_at) and _date_only(d.updated_at) for d in drafts)
        assert all(_date_only(request.created_at) and request.response_id is None for request in asked)
        ids = sorted(request.id for request in asked)

    editor = signed_in("editor")
    page = editor.get(f"/staff/results/{demo['slug']}/contact-requests")
    rows = page.soup.select("main .table-scroll tbody tr")
    names = [next(name for name in PEOPLE if name in row.get_text(" ", strip=True)) for row in rows]
    # By name, not in the order they came.
    assert names == sorted(PEOPLE)
    # No id that counts up, in the page or its forms.
    for row in rows:
        assert not re.fullmatch(r"request-\d+", row["id"])
        assert "request_id" not in str(row)
        assert not any(value.get("value", "").isdigit()
                       for value in row.find_all("input", attrs={"type": "hidden", "name": "request"}))
    assert not any(f"Number {number}," in page.text() for number in ids if number > len(PEOPLE))
    # The dates shown are one and the same, so they cannot order anything either.
    dates = {re.search(r"Number \d+, (.+)", row.find("p").get_text(strip=True)).group(1) for row in rows}
    assert len(dates) == 1

    # The responses, one by one: the same day for all, and among them no order by when they came.
    admin = signed_in("admin")
    listed = admin.get(f"/staff/results/{demo['slug']}/responses")
    with app.app_context():
        by_reference = sorted((r.reference for r in db.session.scalars(select(Response))), reverse=True)
    shown = [reference for reference in by_reference if reference in listed.text()]
    assert shown == by_reference
    positions = [listed.text().index(reference) for reference in by_reference]
    assert positions == sorted(positions)
