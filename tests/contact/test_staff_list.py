"""The staff list of requests: who may see it, counts and rows, the filter, mark as done (audited),
deleting contact details, the CSV (formulas neutralised), and contact details kept out of the answers'
exports and response pages."""

from __future__ import annotations

import csv
import io

import pytest

from consult.contact import services
from consult.extensions import db
from consult.models import AuditEntry, Consultation, Response
from tests.contact.conftest import GOOD, answer_demo, follow_confirmation_link, requests

LIST = "/staff/results/{slug}/contact-requests"
FORMULA = '=HYPERLINK("http://evil.example","Click")'


@pytest.fixture
def asked(app, demo):
    """Three requests: large print by post, email (done), and a Welsh audio one with formulas typed in."""
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        first = services.create_contact_request(consultation, formats=["large_print", "post"], name="Ann Post",
                                                address="1 High Street\nLlanfair")
        second = services.create_contact_request(consultation, formats=["email"], email="bob@example.org")
        services.mark_done(second, True)
        third = services.create_contact_request(consultation, formats=["audio", "language"], language="Welsh",
                                                name=FORMULA, phone="+44 1234 567890", other_needs="-ring twice",
                                                email="@cy@example.org")
        db.session.commit()
        return {"slug": demo["slug"], "id": demo["id"], "ids": [first.id, second.id, third.id],
                "keys": [first.key, second.key, third.key]}


def _list(asked) -> str:
    return LIST.format(slug=asked["slug"])


@pytest.mark.parametrize("role, status", [("analyst", 403), ("editor", 200), ("admin", 200)])
def test_editors_and_admins_only(app, signed_in, asked, role, status):
    person = signed_in(role)
    assert person.get(_list(asked)).status == status
    assert person.client.get(_list(asked) + ".csv").status_code == status


def test_counts_by_format_then_the_rows(app, signed_in, asked):
    editor = signed_in("editor")
    page = editor.get(_list(asked))
    assert page.h1 == "Requests to hear about the results"
    counts = {row.th.get_text(strip=True): row.td.get_text(strip=True)
              for row in page.soup.select("main table")[0].select("tbody tr")}
    assert counts == {"Easy read": "0", "Large print": "1", "Welsh or another language": "1", "Audio": "1",
                      "British Sign Language (BSL)": "0", "Braille": "0", "Email": "1", "Post": "1"}
    assert "3 requests in all. 2 are not done yet." in page.text()
    rows = page.soup.select("main .table-scroll tbody tr")
    # By name (the nameless last), never in the order they came; named by a random key, not an id.
    third, first, second = asked["keys"][2], asked["keys"][0], asked["keys"][1]
    assert [row["id"] for row in rows] == [f"request-{key}" for key in (third, first, second)]
    ann = " ".join(rows[1].get_text(" ", strip=True).split())
    assert "Large print" in ann and "Ann Post" in ann and "1 High Street Llanfair" in ann
    assert "Welsh or another language: Welsh" in rows[0].get_text(" ", strip=True)
    assert "Done on" in rows[2].get_text(" ", strip=True)
    # What people typed is shown as text, with its own direction.
    assert rows[0].find("p", attrs={"dir": "auto"}).get_text(strip=True) == FORMULA


def test_the_filter_shows_one_format(app, signed_in, asked):
    editor = signed_in("editor")
    page = editor.get(_list(asked) + "?format=post")
    assert page.soup.select_one("#requests-title").get_text(strip=True) == "Requests for Post"
    assert [row["id"] for row in page.soup.select("main .table-scroll tbody tr")] == [f"request-{asked['keys'][0]}"]
    assert page.soup.find("option", selected=True)["value"] == "post"
    # Counts stay for every request; an unknown format shows them all.
    everything = editor.get(_list(asked) + "?format=fax")
    assert len(everything.soup.select("main .table-scroll tbody tr")) == 3
    nobody = editor.get(_list(asked) + "?format=braille")
    assert "Nobody has asked for this way yet." in nobody.text()


def test_mark_as_done_and_undo_are_audited(app, signed_in, asked):
    editor = signed_in("editor")
    page = editor.get(_list(asked) + "?format=post")
    row = page.soup.find(id=f"request-{asked['keys'][0]}")
    form_index = page.soup.find_all("form", method="post").index(row.find("form"))
    after = editor.submit(page, form_index=form_index)
    assert after.path == _list(asked) + "?format=post"
    assert "Request marked as done." in after.text()
    stored = {request.id: request for request in requests(app)}
    assert stored[asked["ids"][0]].done_at is not None
    undone = editor.submit(after, form_index=form_index)
    assert "Request marked as not done." in undone.text()
    assert {request.id: request for request in requests(app)}[asked["ids"][0]].done_at is None
    with app.app_context():
        actions = [(entry.action, entry.subject_id) for entry in db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.subject_type == "contact_request").order_by(AuditEntry.id))]
        assert actions == [("contact_request.done", asked["ids"][0]), ("contact_request.not_done", asked["ids"][0])]


def test_mark_as_done_needs_a_csrf_token_and_a_request_of_this_consultation(app, signed_in, asked):
    from consult.demo import CLOSED_SLUG

    editor = signed_in("editor")
    path = _list(asked) + "/done"
    assert editor.client.post(path, data={"request": asked["keys"][0]}).status_code == 400
    token = editor.get(_list(asked)).soup.find("input", attrs={"name": "csrf_token"})["value"]
    elsewhere = LIST.format(slug=CLOSED_SLUG) + "/done"
    assert editor.client.post(elsewhere, data={"csrf_token": token, "request": asked["keys"][0]}).status_code == 404
    assert editor.client.post(path, data={"csrf_token": token, "request": "x"}).status_code == 404
    assert all(request.done_at is None for request in requests(app) if request.id != asked["ids"][1])


def test_deleting_the_contact_details_of_requests_that_are_done(app, signed_in, asked):
    editor = signed_in("editor")
    page = editor.get(_list(asked))
    assert "1 request is done and still holds contact details." in page.text()
    button = page.soup.find("button", string="Delete the contact details of requests that are done")
    after = editor.submit(page, form_index=page.soup.find_all("form", method="post").index(button.find_parent("form")))
    assert "Contact details deleted from 1 request." in after.text()
    stored = {request.id: request for request in requests(app)}
    assert stored[asked["ids"][1]].email is None and stored[asked["ids"][1]].formats == ["email"]
    assert stored[asked["ids"][0]].name == "Ann Post"  # not done: kept
    assert "No request that is done still holds contact details." in after.text()
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "contact_request.details_deleted"))
        assert entry.detail == "1" and "bob" not in entry.detail


def test_the_csv_lists_the_requests_with_formulas_neutralised(app, signed_in, asked):
    editor = signed_in("editor")
    response = editor.client.get(_list(asked) + ".csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="equipment-service-contact-requests-')
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["Asked on", "Ways to get the results", "Language", "Name", "Email", "Phone", "Postal address",
                       "Anything else", "Done on"]
    assert len(rows) == 4
    third = rows[1]  # by name, as on the page: the formula first, Ann Post, then the nameless
    assert third[1] == "Welsh or another language; Audio"  # in the form's order
    assert third[3] == "'" + FORMULA and third[4] == "'@cy@example.org" and third[5] == "'+44 1234 567890"
    assert third[7] == "'-ring twice"
    assert rows[2][6] == "1 High Street\nLlanfair"
    only_email = editor.client.get(_list(asked) + ".csv?format=email").get_data(as_text=True)
    filtered = list(csv.reader(io.StringIO(only_email[1:])))
    assert len(filtered) == 2 and filtered[1][4] == "bob@example.org" and filtered[1][8]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "contact_request.downloaded")) == 2


def test_the_csv_is_never_kept_in_a_browser_or_proxy_cache(app, signed_in, asked):
    editor = signed_in("editor")
    for query in ("", "?format=email"):
        response = editor.client.get(_list(asked) + ".csv" + query)
        assert response.status_code == 200 and response.headers.get("Cache-Control") == "no-store"


def test_the_outcomes_page_links_to_the_list(app, signed_in, asked):
    editor = signed_in("editor")
    page = editor.get(f"/staff/results/{asked['slug']}/outcomes")
    assert page.soup.find("a", href=_list(asked)) is not None


def test_contact_details_stay_out_of_the_answer_exports_and_response_pages(app, signed_in, named):
    from tests.helpers import Resident

    resident = Resident(app.test_client())
    page = follow_confirmation_link(resident, answer_demo(resident, named["slug"]))
    resident.submit(page, GOOD)
    (stored,) = requests(app)
    assert stored.response_id is not None  # linked: the strictest case
    with app.app_context():
        reference = db.session.get(Response, stored.response_id).reference
    admin = signed_in("admin")
    pages = [admin.client.get(f"/staff/results/{named['slug']}/export.csv").get_data(as_text=True),
             admin.client.get(f"/staff/results/{named['slug']}/responses/{reference}").get_data(as_text=True),
             admin.client.get(f"/staff/results/{named['slug']}/responses").get_data(as_text=True)]
    assert reference in pages[0] and reference in pages[1]
    for text in pages:
        for detail in ("sian@example.org", "Siân Jones", "567 890", "High Street", "Please phone after 10am"):
            assert detail not in text
