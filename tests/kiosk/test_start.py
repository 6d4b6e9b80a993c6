"""Starting a kiosk: who may, what is refused, and what the device becomes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry, Consultation, KioskSession
from consult.models._time import utcnow
from tests.html_checks import assert_well_formed
from tests.kiosk.support import START, count, csrf_of, kiosks, post_form, session_of, start_kiosk


@pytest.mark.parametrize("role", ["admin", "editor", "analyst"])
def test_staff_start_a_kiosk_and_are_signed_out_on_that_device(app, signed_in, demo, staff, role):
    device = start_kiosk(signed_in, demo["id"], role=role)
    [kiosk] = kiosks(app)
    assert kiosk.consultation_id == demo["id"] and kiosk.started_by_id == staff[role]
    assert kiosk.idle_seconds == 180 and kiosk.language == "en" and kiosk.ended_at is None
    held = session_of(device)
    # The cookie holds the kiosk and nothing of the staff member's sign-in.
    assert held["kiosk"] == kiosk.token
    assert "_user_id" not in held and "_id" not in held, held
    # A lasting cookie: closing the browser is no way out of kiosk mode.
    assert held.get("_permanent") is True
    page = device.history[-1]
    assert_well_formed(page)
    footer = page.soup.select_one("footer").get_text(" ", strip=True)
    assert "Staff: end kiosk" in footer and "Staff sign in" not in footer
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "kiosk.started")).scalar_one()
        assert entry.staff_id == staff[role] and entry.subject_id == demo["id"]


def test_the_start_page_offers_the_idle_times_and_the_languages(app, signed_in, demo, staff):
    person = signed_in("editor")
    page = person.get(f"/staff/kiosk/{demo['id']}")
    idle = page.soup.find("select", attrs={"name": "idle_seconds"})
    values = [option["value"] for option in idle.find_all("option")]
    assert values[0] == "30" and "180" in values
    assert idle.find("option", selected=True)["value"] == "180"
    languages = [radio["value"] for radio in page.soup.find_all("input", attrs={"name": "language"})]
    assert languages == ["en", "ar", "cy"]
    assert page.soup.find("input", attrs={"name": "language", "value": "en"}).has_attr("checked")
    # The builder's page links here.
    builder = person.get(f"/staff/consultations/{demo['id']}")
    link = builder.soup.find("a", href=f"/staff/kiosk/{demo['id']}")
    assert link.get_text(strip=True) == "Start a kiosk for an event"


def test_the_kiosk_starts_in_the_chosen_language_and_idle_time(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"], idle=30, language="cy")
    [kiosk] = kiosks(app)
    assert (kiosk.idle_seconds, kiosk.language) == (30, "cy")
    page = device.history[-1]
    assert page.soup.find("html")["lang"] == "cy"
    assert page.soup.select_one("#kiosk")["data-idle-seconds"] == "30"


def test_starting_needs_a_csrf_token(app, signed_in, demo, staff):
    person = signed_in("editor")
    response = person.client.post(f"/staff/kiosk/{demo['id']}", data={"idle_seconds": "180", "language": "en"})
    assert response.status_code == 400
    assert count(app, KioskSession) == 0
    # Still signed in: nothing happened.
    assert person.get("/staff/").path == "/staff/"


@pytest.mark.parametrize("answers", [{"idle_seconds": "10"}, {"idle_seconds": "29"}, {"language": "pl"},
                                     {"language": ""}])
def test_an_idle_time_below_30_seconds_or_another_language_is_refused(app, signed_in, demo, staff, answers):
    person = signed_in("editor")
    form_page = person.get(f"/staff/kiosk/{demo['id']}")
    refused = post_form(person, form_page, f"/staff/kiosk/{demo['id']}", answers)
    assert refused.status == 422
    assert_well_formed(refused)
    assert count(app, KioskSession) == 0
    assert person.get("/staff/").path == "/staff/", "a refused start must not sign anyone out"


def _make_state(app, demo, state: str) -> int:
    """The demo consultation as a draft, a scheduled or a closed one; returns its id."""
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        now = utcnow()
        if state == "draft":
            consultation.status = "draft"
        elif state == "scheduled":
            consultation.opens_at = now + timedelta(days=2)
        else:
            consultation.closes_at = now - timedelta(days=1)
        db.session.commit()
        assert consultation.state() == state
    return demo["id"]


@pytest.mark.parametrize("state", ["draft", "scheduled", "closed"])
def test_only_an_open_consultation_can_run_a_kiosk(app, signed_in, demo, staff, state):
    person = signed_in("editor")
    open_page = person.get(f"/staff/kiosk/{demo['id']}")
    token = csrf_of(open_page)
    consultation_id = _make_state(app, demo, state)
    page = person.get(f"/staff/kiosk/{consultation_id}")
    assert page.status == 200
    assert "only while the consultation is published and open" in page.text()
    assert page.soup.find("select", attrs={"name": "idle_seconds"}) is None
    response = person.client.post(f"/staff/kiosk/{consultation_id}",
                                  data={"csrf_token": token, "idle_seconds": "180", "language": "en"})
    assert response.status_code == 409
    assert count(app, KioskSession) == 0
    assert person.get("/staff/").path == "/staff/"


def test_the_closed_demo_consultation_is_refused(app, signed_in, demo, staff):
    with app.app_context():
        closed = db.session.execute(select(Consultation).where(Consultation.slug == "wheelchair-repairs")).scalar_one()
        closed_id = closed.id
    person = signed_in("analyst")
    page = person.get(f"/staff/kiosk/{closed_id}")
    response = person.client.post(f"/staff/kiosk/{closed_id}",
                                  data={"csrf_token": csrf_of(page), "idle_seconds": "180", "language": "en"})
    assert response.status_code == 409 and count(app, KioskSession) == 0


def test_starting_signs_out_this_device_only(app, signed_in, demo, staff):
    """The staff member's own laptop stays signed in; only the kiosk device forgets them."""
    laptop = signed_in("editor")
    device = start_kiosk(signed_in, demo["id"], role="editor")
    assert laptop.get("/staff/").path == "/staff/"
    # The device, asked for a staff page, shows the consultation instead.
    assert device.get("/staff/").path == START


def test_an_unknown_consultation_is_not_found(app, signed_in, demo, staff):
    person = signed_in("editor")
    assert person.client.get("/staff/kiosk/99999").status_code == 404
