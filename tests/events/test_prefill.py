"""Pre-filled, hidden fields from the link (?ward=north): declared by editors, kept with the draft and
the response, unknown names and values dropped, offered as a results filter, and in the exports."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from consult.events import prefill
from consult.extensions import db
from consult.models import Response
from consult.models.event import DraftPrefill, PrefillField, PrefillValue, ResponsePrefill
from tests.helpers import Resident
from tests.html_checks import assert_well_formed
from tests.kiosk.support import answer_everything, post_form

PUBLIC_URL = "https://consult.example.org"
WARDS = "north = North ward\nsouth = South ward\n\nnorth-east = North East ward"


def _declare(editor, consultation_id, name="ward", label="Ward", values=WARDS):
    page = editor.get(f"/staff/consultations/{consultation_id}/link-fields")
    assert page.status == 200, page.text()[:300]
    return post_form(editor, page, f"/staff/consultations/{consultation_id}/link-fields",
                     {"name": name, "label": label, "values": values}, form_id="add-field-form")


def _value_ids(app) -> dict[str, int]:
    with app.app_context():
        return {value: value_id for value, value_id in db.session.execute(select(PrefillValue.value, PrefillValue.id))}


def _stored(app) -> dict[str, str]:
    """{reference: value} for every response with a pre-filled value."""
    with app.app_context():
        return dict(db.session.execute(
            select(Response.reference, PrefillValue.value).join(ResponsePrefill, ResponsePrefill.response_id == Response.id)
            .join(PrefillValue, PrefillValue.id == ResponsePrefill.value_id)).all())


def _references(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Response.reference).order_by(Response.id)))


def test_an_editor_declares_a_field_and_copies_its_links(app, signed_in, demo):
    app.config["PUBLIC_URL"] = PUBLIC_URL
    editor = signed_in("editor")
    page = _declare(editor, demo["id"])
    assert page.path == f"/staff/consultations/{demo['id']}/link-fields"
    assert_well_formed(page)
    links = [code.get_text(strip=True) for code in page.soup.select("code.prefill-link")]
    assert links == [f"{PUBLIC_URL}/c/{demo['slug']}?ward=north", f"{PUBLIC_URL}/c/{demo['slug']}?ward=south",
                     f"{PUBLIC_URL}/c/{demo['slug']}?ward=north-east"]
    # The address comes from the configuration, never from the request's Host header.
    evil = editor.client.get(f"/staff/consultations/{demo['id']}/link-fields", headers={"Host": "evil.example"})
    assert b"evil.example" not in evil.data


def test_bad_names_and_values_come_back_with_messages(app, signed_in, demo):
    editor = signed_in("editor")
    for name, values, message in (
            ("Ward!", WARDS, "Use only small letters, numbers and underscores"),
            ("lang", WARDS, "That name is used by the service itself"),
            ("ward", "north = North\nNorth West = x", "Line 2: start with the value"),
            ("ward", "north\nnorth = again", "Line 2: that value is already on an earlier line"),
            ("ward", "\n \n", "Enter at least one value")):
        page = _declare(editor, demo["id"], name=name, values=values)
        assert page.status == 422, (name, values)
        assert message in page.soup.select_one(".error-summary").get_text(" ", strip=True), (name, values)
    _declare(editor, demo["id"])
    again = _declare(editor, demo["id"])
    assert again.status == 422 and "already has a field with that name" in again.text()
    with app.app_context():
        assert len(db.session.scalars(select(PrefillField)).all()) == 1


def test_values_from_the_link_are_kept_and_unknown_ones_dropped(app, signed_in, demo):
    _declare(signed_in("editor"), demo["id"])
    north = Resident(app.test_client())
    north.get(f"/c/{demo['slug']}?ward=north&bogus=1&lang=en")
    north.get(f"/c/{demo['slug']}?ward=south")  # a second visit never replaces the first
    answer_everything(north)
    unknown = Resident(app.test_client())
    unknown.get(f"/c/{demo['slug']}?ward=west&clinic=north")  # not an allowed value; not a declared name
    answer_everything(unknown)
    plain = Resident(app.test_client())
    answer_everything(plain)
    first, second, third = _references(app)
    assert _stored(app) == {first: "north"}
    with app.app_context():
        assert db.session.scalars(select(DraftPrefill)).all() == []  # moved to the response


def test_the_results_filter_by_a_value_and_the_exports_show_it(app, signed_in, demo):
    _declare(signed_in("editor"), demo["id"])
    for ward in ("north", "south", None):
        person = Resident(app.test_client())
        if ward:
            person.get(f"/c/{demo['slug']}?ward={ward}")
        answer_everything(person)
    north_ref, south_ref, plain_ref = _references(app)
    ids = _value_ids(app)
    analyst = signed_in("analyst")
    dashboard = analyst.get(f"/staff/results/{demo['slug']}")
    assert_well_formed(dashboard)
    choice = dashboard.soup.find("select", attrs={"name": "prefilled"})
    assert [option["value"] for option in choice.find_all("option")][1:] == [
        str(ids["north"]), str(ids["south"]), str(ids["north-east"])]
    listed = analyst.get(f"/staff/results/{demo['slug']}/responses?prefilled={ids['south']}").text()
    assert south_ref in listed and north_ref not in listed and plain_ref not in listed
    filtered = analyst.get(f"/staff/results/{demo['slug']}?prefilled={ids['north']}")
    assert "answers that came by the link for Ward: North ward" in filtered.text()
    assert "Choose a value from the list" in analyst.get(f"/staff/results/{demo['slug']}?prefilled=99999").text()

    text = analyst.client.get(f"/staff/results/{demo['slug']}/export.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    column = header.index("Ward")
    assert column == len(header) - 2  # just before "Questions not asked"
    by_reference = {row[0]: row[column] for row in rows[1:]}
    assert by_reference == {north_ref: "North ward", south_ref: "South ward", plain_ref: ""}
    workbook = load_workbook(io.BytesIO(analyst.client.get(f"/staff/results/{demo['slug']}/export.xlsx").data))
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    column = list(sheet_rows[0]).index("Ward")
    assert {row[0]: row[column] for row in sheet_rows[1:]} == {north_ref: "North ward", south_ref: "South ward",
                                                                 plain_ref: None}


def test_only_editors_declare_fields_and_deleting_one_forgets_it(app, signed_in, demo):
    assert signed_in("analyst").client.get(f"/staff/consultations/{demo['id']}/link-fields").status_code == 403
    editor = signed_in("editor")
    page = _declare(editor, demo["id"])
    without_token = editor.client.post(f"/staff/consultations/{demo['id']}/link-fields",
                                       data={"name": "clinic", "label": "Clinic", "values": "a"})
    assert without_token.status_code == 400
    with app.app_context():
        field_id = db.session.scalar(select(PrefillField.id))
    deleted = post_form(editor, page, f"/link-fields/{field_id}/delete")
    assert "The field was deleted" in deleted.text()
    with app.app_context():
        assert db.session.scalars(select(PrefillField)).all() == []


def test_parse_values_reads_one_value_a_line():
    assert prefill.parse_values("north = North ward\n\nsouth") == [
        prefill.ValueLine("north", "North ward"), prefill.ValueLine("south", "south")]
