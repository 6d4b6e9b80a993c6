"""Events in the room: staff add, change and delete them; the start pages list them; each has an .ics file."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from consult.events import ics
from consult.extensions import db
from consult.models import Response
from consult.models.event import Event, KioskEvent, ResponseEvent
from tests.events.support import SOON, add_event, event_answers, parse_calendar, unfold
from tests.helpers import Resident
from tests.html_checks import assert_well_formed
from tests.kiosk.support import START, answer_everything, post_form, start_kiosk


def _events(app) -> list[Event]:
    with app.app_context():
        found = list(db.session.scalars(select(Event).order_by(Event.id)))
        db.session.expunge_all()
        return found


def test_an_editor_adds_an_event_and_residents_see_it(app, signed_in, demo):
    editor = signed_in("editor")
    page = add_event(editor, demo["id"])
    assert page.status == 200 and page.path == f"/staff/consultations/{demo['id']}/events"
    assert "The event was added." in page.text()
    assert_well_formed(page)
    [event] = _events(app)
    # Typed in UK time, stored in UTC: 10:00 in winter is 10:00 UTC, in summer 09:00 UTC.
    assert event.starts_at.minute == 0 and event.starts_at.hour in (9, 10)
    assert event.step_free and event.hearing_loop and not event.parking

    start = Resident(app.test_client()).get(f"/c/{demo['slug']}")
    assert_well_formed(start)
    listed = start.soup.select_one("#events + .event-list")
    assert listed is not None
    words = " ".join(listed.get_text(" ", strip=True).split())
    assert "Drop-in" in words and "Community hall, 1 High Street" in words
    assert "10:00 to 12:30" in words and "Step-free access" in words and "Hearing loop" in words
    assert "Parking" not in words
    link = listed.select_one("a[type='text/calendar']")
    assert link["href"] == f"/c/{demo['slug']}/events/{event.id}.ics"


def test_the_calendar_file_is_valid_icalendar(app, signed_in, demo):
    add_event(signed_in("editor"), demo["id"], place="Hall; room 2, first floor",
              description="Line one.\nLine two, with a comma; and a semicolon. " + "Long words " * 12)
    [event] = _events(app)
    response = app.test_client().get(f"/c/{demo['slug']}/events/{event.id}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    found = parse_calendar(response.get_data(as_text=True))
    assert found["DTSTART"] == event.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert found["DTEND"] == event.ends_at.strftime("%Y%m%dT%H%M%SZ")
    assert found["LOCATION"] == "Hall; room 2, first floor"
    assert found["DESCRIPTION"].startswith("Line one.\nLine two, with a comma; and a semicolon.")
    assert "Access: Step-free access, Hearing loop" in found["DESCRIPTION"]
    assert found["SUMMARY"].startswith("Drop-in: ")
    assert found["UID"] and found["DTSTAMP"].endswith("Z")


def test_the_calendar_file_speaks_welsh_on_a_welsh_visit(app, signed_in, demo):
    add_event(signed_in("editor"), demo["id"], access=("parking",))
    [event] = _events(app)
    visitor = Resident(app.test_client())
    english_title = visitor.get(f"/c/{demo['slug']}").h1
    welsh_title = visitor.get(f"/c/{demo['slug']}?lang=cy").h1
    assert welsh_title != english_title
    text = visitor.client.get(f"/c/{demo['slug']}/events/{event.id}.ics").get_data(as_text=True)
    assert parse_calendar(text)["SUMMARY"].endswith(welsh_title)


def test_folding_never_splits_a_character_and_keeps_lines_short():
    line = "LOCATION:" + ics.escape_text("Neuadd y Pentref, Ffordd yr Orsaf ŵŷ " * 4 + "قاعة المجتمع " * 6)
    folded = ics.fold(line)
    for piece in folded.split("\r\n"):
        assert len(piece.encode("utf-8")) <= 75
    assert unfold(folded + "\r\n") == [line]
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_past_events_are_not_listed(app, signed_in, demo):
    editor = signed_in("editor")
    add_event(editor, demo["id"], day=date.today() - timedelta(days=3), place="Old hall")
    add_event(editor, demo["id"], place="New hall")
    start = Resident(app.test_client()).get(f"/c/{demo['slug']}")
    words = start.text()
    assert "New hall" in words and "Old hall" not in words
    # Staff still see both.
    assert "Old hall" in editor.get(f"/staff/consultations/{demo['id']}/events").text()


def test_the_easy_read_start_page_lists_events_with_pictures(app, signed_in, demo):
    add_event(signed_in("editor"), demo["id"], access=("bsl_interpreter",))
    page = Resident(app.test_client()).get(f"/c/{demo['slug']}?register=easy")
    assert_well_formed(page)
    listed = page.soup.select_one("#events ~ .event-list")
    assert listed is not None
    assert listed.select(".idea--date") and listed.select(".idea--home")
    assert "There is a sign language interpreter." in listed.get_text(" ", strip=True)
    assert listed.select_one("a[type='text/calendar']")


def test_wrong_times_and_a_missing_place_come_back_with_messages(app, signed_in, demo):
    editor = signed_in("editor")
    page = add_event(editor, demo["id"], starts="14:00", ends="13:00", place="")
    assert page.status == 422
    summary = page.soup.select_one(".error-summary").get_text(" ", strip=True)
    assert "The end time must be after the start time" in summary
    assert "Enter where the event is" in summary
    assert page.title.startswith("Error:")
    assert _events(app) == []
    # What was typed is still there.
    assert page.soup.find("input", attrs={"name": "starts"})["value"] == "14:00"


def test_an_editor_changes_and_deletes_an_event(app, signed_in, demo):
    editor = signed_in("editor")
    add_event(editor, demo["id"])
    [event] = _events(app)
    base = f"/staff/consultations/{demo['id']}/events/{event.id}"
    form = editor.get(base)
    assert form.status == 200 and form.soup.find("textarea", attrs={"name": "place"}).get_text().strip() == (
        "Community hall, 1 High Street")
    assert form.soup.find("input", attrs={"name": "step_free"}).has_attr("checked")
    answers = event_answers(kind="meeting", place="Library", access=("parking",))
    answers["step_free"] = answers["hearing_loop"] = ""
    changed = post_form(editor, form, base, answers)
    assert "The event was changed." in changed.text()
    [event] = _events(app)
    assert event.kind == "meeting" and event.parking and not event.step_free
    deleted = post_form(editor, changed, f"{base}/delete")
    assert "The event was deleted." in deleted.text()
    assert _events(app) == []


def test_only_editors_keep_events(app, signed_in, demo):
    analyst = signed_in("analyst")
    assert analyst.client.get(f"/staff/consultations/{demo['id']}/events").status_code == 403
    anonymous = app.test_client().get(f"/staff/consultations/{demo['id']}/events")
    assert anonymous.status_code in (302, 303)
    # Another consultation's event is not this one's.
    add_event(signed_in("editor"), demo["id"])
    [event] = _events(app)
    editor = signed_in("editor")
    assert editor.client.get(f"/staff/consultations/{demo['id'] + 999}/events/{event.id}").status_code == 404


def test_a_post_without_its_token_is_refused(app, signed_in, demo):
    editor = signed_in("editor")
    response = editor.client.post(f"/staff/consultations/{demo['id']}/events", data=event_answers())
    assert response.status_code == 400
    assert _events(app) == []


def test_answers_on_a_kiosk_at_an_event_carry_the_event(app, signed_in, demo):
    add_event(signed_in("editor"), demo["id"])
    [event] = _events(app)
    device = signed_in("editor")
    page = device.get(f"/staff/kiosk/{demo['id']}")
    choice = page.soup.find("select", attrs={"name": "event"})
    assert choice is not None and [option["value"] for option in choice.find_all("option")] == ["", str(event.id)]
    started = post_form(device, page, f"/staff/kiosk/{demo['id']}", {"event": str(event.id)})
    assert started.path == START
    answer_everything(device)
    with app.app_context():
        [response] = db.session.scalars(select(Response)).all()
        assert response.channel == "event"
        assert db.session.get(ResponseEvent, response.id).event_id == event.id
        assert db.session.scalars(select(KioskEvent)).one().event_id == event.id
    # Answers taken there keep the event: it cannot be deleted now.
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{demo['id']}/events")
    refused = post_form(editor, page, f"/events/{event.id}/delete")
    assert "cannot be deleted" in refused.text()
    assert len(_events(app)) == 1


def test_results_filter_by_event(app, signed_in, demo, resident):
    add_event(signed_in("editor"), demo["id"], place="Village hall")
    [event] = _events(app)
    device = signed_in("editor")
    page = device.get(f"/staff/kiosk/{demo['id']}")
    post_form(device, page, f"/staff/kiosk/{demo['id']}", {"event": str(event.id)})
    answer_everything(device)
    answer_everything(resident)  # online, at no event
    with app.app_context():
        references = {channel: reference for channel, reference in db.session.execute(
            select(Response.channel, Response.reference))}
    analyst = signed_in("analyst")
    dashboard = analyst.get(f"/c/{demo['slug']}".replace("/c/", "/staff/results/"))
    choice = dashboard.soup.find("select", attrs={"name": "event"})
    assert choice is not None and str(event.id) in [option["value"] for option in choice.find_all("option")]
    listed = analyst.get(f"/staff/results/{demo['slug']}/responses?event={event.id}").text()
    assert references["event"] in listed and references["online"] not in listed
    everyone = analyst.get(f"/staff/results/{demo['slug']}/responses").text()
    assert references["event"] in everyone and references["online"] in everyone
    filtered = analyst.get(f"/staff/results/{demo['slug']}?event={event.id}")
    assert filtered.status == 200 and "answers taken at the event on" in filtered.text()
    # An event that is not this consultation's: a message beside the field, and no filter.
    wrong = analyst.get(f"/staff/results/{demo['slug']}?event={event.id + 99}")
    assert "Choose an event from the list" in wrong.text()


def test_a_kiosk_not_at_an_event_records_none(app, signed_in, demo):
    add_event(signed_in("editor"), demo["id"])
    device = start_kiosk(signed_in, demo["id"])
    answer_everything(device)
    with app.app_context():
        assert db.session.scalars(select(ResponseEvent)).all() == []


def test_stored_times_are_utc(app, signed_in, demo):
    summer = date(date.today().year + 1, 7, 1)
    add_event(signed_in("editor"), demo["id"], day=summer, starts="10:00", ends="11:00")
    [event] = _events(app)
    assert event.starts_at == datetime(summer.year, 7, 1, 9, 0)  # BST is UTC+1
    assert SOON  # the default day is in the future


def test_the_translation_editor_lists_the_place_and_welsh_visitors_read_it(app, signed_in, demo):
    editor = signed_in("editor")
    add_event(editor, demo["id"], place="Village hall")
    [event] = _events(app)
    page = editor.get(f"/staff/consultations/{demo['id']}/translate/cy")
    assert page.status == 200
    assert "Place of the event" in page.text() and "Village hall" in page.text()
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    saved = editor.client.post(f"/staff/consultations/{demo['id']}/translate/cy/text/event.{event.id}.place",
                               data={"csrf_token": token, "text": "Neuadd y pentref"})
    assert saved.status_code in (200, 303), saved.status_code
    welsh = Resident(app.test_client()).get(f"/c/{demo['slug']}?lang=cy")
    listed = welsh.soup.select_one("#events + .event-list")
    assert "Neuadd y pentref" in listed.get_text(" ", strip=True)
    # No lang attribute on it: it is in the page's language now.
    place = next(dd for dd in listed.find_all("dd") if "Neuadd" in dd.get_text())
    assert not place.has_attr("lang")
    english = Resident(app.test_client()).get(f"/c/{demo['slug']}?lang=en")
    assert "Village hall" in english.soup.select_one("#events + .event-list").get_text(" ", strip=True)
