"""Issue 13, item 13: "Close it now" asks first, saying how many residents are part-way through,
and closes only on the confirming POST with its CSRF token."""

from __future__ import annotations

from datetime import timedelta

from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.respond.services import start_draft
from tests.html_checks import assert_well_formed


def _start_drafts(app, consultation_id, count, expired=0):
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        for _ in range(count):
            start_draft(consultation, "en", "standard", keep_days=30)
        for _ in range(expired):
            start_draft(consultation, "en", "standard", keep_days=30).expires_at = utcnow() - timedelta(days=1)
        db.session.commit()


def _is_closed(app, consultation_id) -> bool:
    with app.app_context():
        return db.session.get(Consultation, consultation_id).closed_at is not None


def test_overview_link_asks_before_closing(app, signed_in, demo):
    editor = signed_in("editor")
    base = f"/staff/consultations/{demo['id']}"
    overview = editor.get(base)
    link = overview.soup.find("a", string=lambda s: s and "Close it now" in s)
    assert link is not None and link["href"].endswith("/close")
    # Following the link does not close anything.
    confirm = editor.get(link["href"])
    assert confirm.status == 200
    assert_well_formed(confirm)
    assert confirm.h1 == "Close this consultation now?"
    assert not _is_closed(app, demo["id"])


def test_confirmation_counts_people_part_way(app, signed_in, demo):
    _start_drafts(app, demo["id"], 3, expired=2)
    editor = signed_in("editor")
    confirm = editor.get(f"/staff/consultations/{demo['id']}/close")
    assert "3 people are part-way through answering." in confirm.text()
    assert "If you close it now, they cannot send their answers." in confirm.text()


def test_confirmation_with_one_and_with_nobody(app, signed_in, demo):
    editor = signed_in("editor")
    assert "Nobody is part-way through answering" in editor.get(f"/staff/consultations/{demo['id']}/close").text()
    _start_drafts(app, demo["id"], 1)
    assert "1 person is part-way through answering." in editor.get(f"/staff/consultations/{demo['id']}/close").text()


def test_closes_only_on_confirm_with_csrf(app, signed_in, demo):
    editor = signed_in("editor")
    url = f"/staff/consultations/{demo['id']}/close"
    refused = editor.post(url, {})
    assert refused.status == 400
    assert not _is_closed(app, demo["id"])
    closed = editor.submit(editor.get(url))
    assert closed.status == 200
    assert "Closed. People can no longer answer." in closed.text()
    assert _is_closed(app, demo["id"])
    # Once closed, the confirmation page is not offered again: back to the overview.
    again = editor.get(url)
    assert again.path == f"/staff/consultations/{demo['id']}"
    assert "Open it again" in again.text()


def test_readers_may_not_close(app, signed_in, demo):
    analyst = signed_in("analyst")
    page = analyst.client.get(f"/staff/consultations/{demo['id']}/close")
    assert page.status_code in (302, 303, 403)
    assert not _is_closed(app, demo["id"])
