"""Staff deal with requests: the list, a copy as CSV or PDF, a deletion, and who may do it."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Answer, AuditEntry, Response, RightsRequest
from tests.html_checks import assert_well_formed
from tests.pdf_reader import text_of
from tests.rights.conftest import WORDS, ask

LIST = "/staff/answer-requests/"


def _request(app, reference: str) -> RightsRequest:
    with app.app_context():
        found = db.session.scalar(select(RightsRequest).where(RightsRequest.reference == reference))
        db.session.expunge(found)
        return found


def _audit(app, action: str) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.detail).where(AuditEntry.action == action)))


@pytest.fixture
def requests_in(app, resident, answered):
    """A copy asked for the first response, a deletion of the second, and a deletion of nothing."""
    first, second = answered["references"]
    ask(resident, first, "copy", "Ann Jones\n1 High Street\nNS1 2AB")
    ask(resident, second, "delete", "bob@example.org")
    ask(resident, "ZZZ-ZZZ-ZZZ", "delete", "")
    return answered


def test_editors_see_the_open_requests_soonest_due_first(app, signed_in, requests_in):
    editor = signed_in("editor")
    page = editor.get(LIST)
    assert page.status == 200 and page.h1 == "Requests to see or delete answers"
    assert_well_formed(page)
    rows = page.soup.select("table")[0].select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [*requests_in["references"], "ZZZ-ZZZ-ZZZ"]
    assert "Bus routes" in rows[0].get_text() and "No answers have this reference" in rows[2].get_text()
    # The staff navigation leads here.
    assert any(a["href"] == LIST for a in page.soup.select("nav.staff-nav a"))


def test_analysts_and_visitors_are_refused(app, signed_in, requests_in):
    key = _request(app, requests_in["references"][0]).key
    analyst = signed_in("analyst")
    for path in (LIST, f"{LIST}{key}", f"{LIST}{key}/copy.csv", f"{LIST}{key}/copy.pdf"):
        assert analyst.client.get(path).status_code == 403, path
    assert not any(a["href"] == LIST for a in analyst.get("/staff/").soup.select("nav.staff-nav a"))
    assert app.test_client().get(LIST).status_code == 302


def test_a_copy_as_csv_and_pdf_then_marked_done(app, signed_in, requests_in):
    reference = requests_in["references"][0]
    key = _request(app, reference).key
    editor = signed_in("editor")
    page = editor.get(f"{LIST}{key}")
    assert page.h1 == "A copy of answers" and "1 High Street" in page.text()
    assert_well_formed(page)

    download = editor.client.get(f"{LIST}{key}/copy.csv")
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert "no-store" in download.headers["Cache-Control"]
    rows = list(csv.reader(io.StringIO(download.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 2  # the header and this one response, nobody else's
    assert rows[1][0] == reference and WORDS in rows[1] and "Buses" in rows[1]
    assert "More trains on Sundays" not in download.get_data(as_text=True)

    pdf = editor.client.get(f"{LIST}{key}/copy.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "no-store" in pdf.headers["Cache-Control"]
    text = " ".join(text_of(pdf.data).split())
    assert reference in text and WORDS in text and "Sundays" not in text

    # Each copy taken is in the audit log, by reference only.
    assert [reference in d for d in _audit(app, "rights.copy_made_csv") + _audit(app, "rights.copy_made_pdf")] == [True, True]

    done = editor.submit(page)
    assert done.path == LIST and "marked as done" in done.text()
    assert _request(app, reference).done_at is not None
    [detail] = _audit(app, "rights.copy_done")
    assert reference in detail and WORDS not in detail and "High Street" not in detail


def test_a_deletion_removes_the_response_and_its_answers_and_is_audited_without_content(app, signed_in, requests_in):
    first, second = requests_in["references"]
    key = _request(app, second).key
    with app.app_context():
        answers_before = db.session.scalar(select(func.count()).select_from(Answer))
    editor = signed_in("editor")
    page = editor.get(f"{LIST}{key}")
    assert page.h1 == "Deleting answers" and "cannot undo" in page.text()
    assert editor.client.get(f"{LIST}{key}/copy.csv").status_code == 404  # they asked for deletion, not a copy

    done = editor.submit(page)
    assert done.path == LIST and "have been deleted" in done.text()
    with app.app_context():
        references = list(db.session.scalars(select(Response.reference)))
        assert references == [first]
        assert db.session.scalar(select(func.count()).select_from(Answer)) == answers_before - 2
    request = _request(app, second)
    assert request.done_at is not None and request.response_id is None
    [detail] = _audit(app, "response.deleted_on_request")
    assert second in detail and "Sundays" not in detail and "bob@" not in detail

    # Pressing again (a second tab) deletes nothing more.
    again = editor.client.post(f"{LIST}{key}/delete", data={"csrf_token": page.form().find(
        "input", attrs={"name": "csrf_token"})["value"]})
    assert again.status_code in (302, 303)
    assert len(_audit(app, "response.deleted_on_request")) == 1


def test_a_copy_request_cannot_delete_answers(app, signed_in, requests_in):
    first = requests_in["references"][0]
    key = _request(app, first).key
    editor = signed_in("editor")
    page = editor.get(f"{LIST}{key}")
    token = page.form().find("input", attrs={"name": "csrf_token"})["value"]
    editor.client.post(f"{LIST}{key}/delete", data={"csrf_token": token})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 2
    assert _request(app, first).done_at is None


def test_a_request_that_matched_nothing_is_closed_with_a_reply(app, signed_in, requests_in):
    key = _request(app, "ZZZ-ZZZ-ZZZ").key
    editor = signed_in("editor")
    page = editor.get(f"{LIST}{key}")
    assert "No answers have this reference" in page.text()
    assert "They did not give a way to reply." in page.text()
    done = editor.submit(page)
    assert done.path == LIST
    assert _request(app, "ZZZ-ZZZ-ZZZ").done_at is not None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 2
    # Dealt with lately: listed below the open ones.
    listing = editor.get(LIST)
    assert "ZZZ-ZZZ-ZZZ" in listing.soup.select("table")[-1].get_text()


def test_an_unknown_request_is_404(app, signed_in):
    assert signed_in("editor").client.get(f"{LIST}no-such-key").status_code == 404
