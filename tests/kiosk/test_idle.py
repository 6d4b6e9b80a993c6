"""Time-out: a kiosk draft nobody touches is deleted on the server (time moved on by hand, no sleeping)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from consult.kiosk.services import PING_SECONDS, WARNING_SECONDS, idle_limit, is_stale
from consult.models import Draft, KioskSession, Response
from consult.respond.services import purge_drafts
from tests.demo_answers import answer_for
from tests.kiosk.support import (
    START,
    age_drafts,
    answer_up_to,
    count,
    csrf_of,
    drafts,
    session_of,
    shown_answers,
    start_kiosk,
)

LIMIT = timedelta(seconds=180 + WARNING_SECONDS + PING_SECONDS)
NOW = datetime(2027, 3, 5, 10, 0, 0)


def test_the_server_limit_is_the_idle_time_plus_the_warning_and_the_reporting_gap():
    kiosk = KioskSession(idle_seconds=180)
    assert idle_limit(kiosk) == LIMIT
    assert not is_stale(NOW - LIMIT, kiosk, now=NOW)
    assert is_stale(NOW - LIMIT - timedelta(seconds=1), kiosk, now=NOW)
    assert not is_stale(NOW - timedelta(seconds=30), KioskSession(idle_seconds=30), now=NOW)
    assert is_stale(NOW - timedelta(seconds=91), KioskSession(idle_seconds=30), now=NOW)


def test_an_untouched_draft_is_deleted_on_the_next_request(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 3)
    assert page.path == f"{START}/q/4"
    age_drafts(app, LIMIT + timedelta(seconds=1))

    back = device.get(f"{START}/q/4")
    assert back.path == START
    notice = back.soup.select_one('main .notice[role="status"]')
    assert notice is not None and "cleared the answers" in notice.get_text()
    assert count(app, Draft) == 0, "the draft must be deleted on the server, not only forgotten"
    assert not session_of(device).get("drafts")
    assert back.soup.select_one("main form button").get_text(strip=True) == "Start now"
    fresh = device.submit(back)
    assert fresh.path == f"{START}/q/1"
    assert shown_answers(fresh) == {"checked": [], "filled": []}


def test_an_answer_sent_after_the_time_out_is_not_kept(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 3)
    age_drafts(app, LIMIT + timedelta(minutes=5))
    after = device.submit(page, answer_for(page, 4))
    assert after.path == START
    assert count(app, Draft) == 0 and count(app, Response) == 0


def test_sending_after_the_time_out_sends_nothing(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    check = answer_up_to(device, 8)
    age_drafts(app, LIMIT + timedelta(seconds=1))
    after = device.submit(check)
    assert after.path == START
    assert count(app, Response) == 0 and count(app, Draft) == 0


def test_a_draft_touched_within_the_limit_stays_and_each_page_touches_it_again(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    answer_up_to(device, 3)
    age_drafts(app, LIMIT - timedelta(seconds=5))
    page = device.get(f"{START}/q/2")
    assert page.path == f"{START}/q/2"
    assert shown_answers(page)["checked"], "the person's own answer is still there for them"
    [draft] = drafts(app)
    assert not is_stale(draft.updated_at, KioskSession(idle_seconds=180), now=draft.updated_at + LIMIT)
    assert draft.expires_at == draft.updated_at + LIMIT


def test_still_here_from_the_page_keeps_the_answers(app, signed_in, demo, staff):
    """kiosk.js reports activity (typing a long answer sends no request) and "I need more time"."""
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 3)
    age_drafts(app, LIMIT - timedelta(seconds=5))
    before = drafts(app)[0].updated_at
    response = device.client.post("/kiosk/still-here", headers={"X-CSRFToken": csrf_of(page)})
    assert response.status_code == 204
    assert response.headers["Cache-Control"] == "no-store"
    # The report touched the draft: its clock moved on by (at least) the time it had been left.
    assert drafts(app)[0].updated_at - before >= LIMIT - timedelta(seconds=5)
    # A reporting gap later the draft is still there: the clock restarted at the report.
    age_drafts(app, LIMIT - timedelta(seconds=5))
    assert device.get(f"{START}/q/4").path == f"{START}/q/4"


def test_still_here_needs_a_csrf_token(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    answer_up_to(device, 1)
    assert device.client.post("/kiosk/still-here").status_code == 400


def test_still_here_after_the_limit_clears_the_draft(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    page = answer_up_to(device, 3)
    age_drafts(app, LIMIT + timedelta(seconds=1))
    response = device.client.post("/kiosk/still-here", headers={"X-CSRFToken": csrf_of(page)})
    assert response.status_code == 303
    assert count(app, Draft) == 0


@pytest.mark.parametrize("idle", [30, 600])
def test_the_limit_follows_the_idle_time_staff_chose(app, signed_in, demo, staff, idle):
    device = start_kiosk(signed_in, demo["id"], idle=idle)
    answer_up_to(device, 2)
    limit = timedelta(seconds=idle + WARNING_SECONDS + PING_SECONDS)
    age_drafts(app, limit - timedelta(seconds=2))
    assert device.get(f"{START}/q/3").path == f"{START}/q/3"
    age_drafts(app, limit + timedelta(seconds=2))
    assert device.get(f"{START}/q/3").path == START
    assert count(app, Draft) == 0


def test_purge_drafts_removes_what_a_person_walked_away_from(app, signed_in, demo, staff, resident):
    """Even if the device is switched off and never asks again, the daily purge deletes the draft."""
    device = start_kiosk(signed_in, demo["id"])
    answer_up_to(device, 2)
    answer_up_to(resident, 2, page=resident.get(START))  # an ordinary online draft, kept for days
    [kiosk_draft] = [draft for draft in drafts(app) if draft.kiosk_session_id is not None]
    with app.app_context():
        removed = purge_drafts(now=kiosk_draft.expires_at + timedelta(seconds=1))
        from consult.extensions import db

        db.session.commit()
    assert removed == 1
    [left] = drafts(app)
    assert left.kiosk_session_id is None
