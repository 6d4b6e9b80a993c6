"""Events in the room in a real browser: the start page (and its easy-read version) with an event, in
English, Welsh and Arabic, and the staff events page in English and Welsh; the pre-filled link fields
page in English and Welsh: axe at 1280 and 320 px, nothing scrolling sideways, JavaScript on and off."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from tests.browser.support import (
    DESKTOP,
    START,
    TwoWidths,
    h1_text,
    interface_text,
    path_of,
    shoot,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
PLACE = "Neighbourhood Centre, Room 2 (ground floor), 14 Long Street, Llanfair"


def _clear(app) -> None:
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models.event import Event, KioskEvent, ResponseEvent

    with app.app_context():
        db.session.execute(delete(ResponseEvent))
        db.session.execute(delete(KioskEvent))
        db.session.execute(delete(Event))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def demo_with_event(live_server, staff_accounts):
    """The demo consultation with one drop-in next week (its place in English, Welsh and Arabic)."""
    from consult.demo import DEMO_SLUG
    from consult.events import services
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.models import TextBlock

    app = live_server.app
    _clear(app)
    with app.app_context():
        consultation = load_consultation(DEMO_SLUG)
        event = services.add_event(consultation, services.EventDetails(
            kind="drop_in", day=date.today() + timedelta(days=7), starts=time(10), ends=time(12, 30), place=PLACE,
            description="Come for a cup of tea and tell us about the equipment service.",
            access=frozenset({"step_free", "hearing_loop", "bsl_interpreter", "parking", "accessible_toilet"})))
        place = db.session.get(TextBlock, event.place_id)
        place.set("cy", "Canolfan y Gymdogaeth, Ystafell 2, 14 Stryd Hir, Llanfair")
        place.set("ar", "مركز الحي، الغرفة 2، 14 شارع لونغ، لانفير")
        db.session.commit()
        consultation_id = consultation.id
        db.session.remove()
    try:
        yield consultation_id
    finally:
        _clear(app)


def _shoot(page, name: str, js: bool) -> None:
    shoot(page, name, js)


@pytest.mark.parametrize("js", MODES)
def test_start_page_with_an_event_passes_axe_in_three_languages(browser_session, demo_with_event, js):
    checker = TwoWidths(browser_session, js)
    for language in ("en", "cy", "ar"):
        for register in ("standard", "easy"):
            page = browser_session.new_page(js=js, viewport=DESKTOP)
            page.goto(with_language(f"{START}?register={register}", language))
            events = page.locator("#events")
            assert events.count() == 1, f"no events on the start page [{language}, {register}]"
            link = page.locator(".event-list a[type='text/calendar']")
            assert link.count() == 1
            assert page.locator(".event-list").inner_text().count("Llanfair" if language != "ar" else "لانفير") >= 1
            _shoot(page, f"events-start-{register}-{language}", js)
            checker.check(f"start page with an event ({register})", page, language)
            page.context.close()
    assert len(checker.scanned) == 6
    checker.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_staff_events_page_passes_axe_and_adds_an_event(browser_session, demo_with_event, js):
    checker = TwoWidths(browser_session, js)
    consultation_id = demo_with_event
    address = f"/staff/consultations/{consultation_id}/events"
    page = sign_in(browser_session, "editor", js=js)
    page.goto(f"/staff/consultations/{consultation_id}")
    submit(page, page.get_by_role("link", name="Events: drop-ins and meetings"), js)
    assert path_of(page) == address, page.url
    assert h1_text(page) == "Events: drop-ins and meetings"
    assert PLACE in page.locator("main").inner_text()
    _shoot(page, "events-staff", js)
    checker.check("staff events", page, "en")

    page.goto(with_language(address, "cy"))
    assert h1_text(page) == interface_text("cy", "Events: drop-ins and meetings")
    checker.check("staff events in Welsh", page, "cy")

    page.goto(address + "?lang=en")
    browser_session.allow_http_error(422, r"/staff/consultations/\d+/events$")
    page.get_by_label("Date").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_label("Starts at").fill("14:00")
    page.get_by_label("Ends at").fill("13:00")
    submit(page, page.get_by_role("button", name="Add the event"), js)
    assert page.locator(".error-summary").is_visible()
    assert page.get_by_label("Starts at").input_value() == "14:00"
    _shoot(page, "events-staff-error", js)
    checker.check("staff events with errors", page, "en")
    page.get_by_label("Ends at").fill("16:00")
    page.get_by_label("Place").fill("Town library")
    page.get_by_label("Parking").check()
    submit(page, page.get_by_role("button", name="Add the event"), js)
    assert path_of(page) == address
    assert "Town library" in page.locator("main").inner_text()
    checker.check("staff events after adding", page, "en")
    checker.assert_clean()


def _clear_fields(app) -> None:
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models.event import PrefillField

    with app.app_context():
        db.session.execute(delete(PrefillField))
        db.session.commit()
        db.session.remove()


@pytest.mark.parametrize("js", MODES)
def test_link_fields_page_passes_axe_and_adds_a_field(browser_session, live_server, staff_accounts, js):
    from consult.demo import DEMO_SLUG
    from consult.loading import load_consultation

    app = live_server.app
    _clear_fields(app)
    with app.app_context():
        consultation_id = load_consultation(DEMO_SLUG).id
    checker = TwoWidths(browser_session, js)
    address = f"/staff/consultations/{consultation_id}/link-fields"
    try:
        page = sign_in(browser_session, "editor", js=js)
        page.goto(f"/staff/consultations/{consultation_id}")
        submit(page, page.get_by_role("link", name="Links for each place: hidden fields"), js)
        assert path_of(page) == address, page.url
        browser_session.allow_http_error(422, r"/staff/consultations/\d+/link-fields$")
        page.get_by_label("Name in the link").fill("Ward!")
        submit(page, page.get_by_role("button", name="Add the field"), js)
        assert page.locator(".error-summary").is_visible()
        checker.check("link fields with errors", page, "en")
        page.get_by_label("Name in the link").fill("ward")
        page.get_by_label("What staff call it in the results").fill("Ward")
        page.get_by_label("Values it may take").fill("north = North ward\nsouth-east-and-the-long-river = South East")
        submit(page, page.get_by_role("button", name="Add the field"), js)
        assert path_of(page) == address
        assert page.locator("code.prefill-link").count() == 2
        _shoot(page, "link-fields", js)
        checker.check("link fields", page, "en")
        page.goto(with_language(address, "cy"))
        checker.check("link fields in Welsh", page, "cy")
        checker.assert_clean()
    finally:
        _clear_fields(app)
