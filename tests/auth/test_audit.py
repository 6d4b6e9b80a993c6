"""The audit log: admins only, newest first, 50 a page, labels per action."""

from __future__ import annotations

from datetime import datetime, timedelta

from consult.audit import record
from consult.extensions import db
from consult.models import StaffUser
from tests.auth.support import EMAILS, sign_in
from tests.html_checks import assert_well_formed


def _rows(page):
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in page.soup.select("tbody tr")]


def test_actions_show_up_with_who_when_and_a_label(app, staff, admin):
    admin.submit(admin.get(f"/staff/people/{staff['analyst']}/role"), {"role": "editor"})
    admin.submit(admin.get(f"/staff/people/{staff['analyst']}/deactivate"))
    page = admin.get("/staff/audit")
    assert page.status == 200 and page.h1 == "Audit log"
    assert_well_formed(page)
    rows = _rows(page)
    assert [row[1:] for row in rows] == [
        [EMAILS["admin"], "Staff member deactivated", "analyst@example.org (editor)"],
        [EMAILS["admin"], "Role changed", "analyst@example.org: analyst → editor"],
    ]
    when = page.soup.select_one("tbody time")
    assert when["datetime"].endswith("Z")
    assert when.get_text(strip=True)[:1].isdigit()  # "29 November 2026, 5:46 am"
    assert page.soup.select_one("tbody td[dir=auto]")


def test_newest_first_and_fifty_a_page(app, staff, admin):
    start = datetime(2027, 3, 1, 9, 0)
    with app.app_context():
        editor = db.session.get(StaffUser, staff["editor"])
        for number in range(120):
            entry = record("consultation.published", "consultation", number, f"Consultation {number}", staff=editor)
            entry.at = start + timedelta(minutes=number)
        unlabelled = record("something.new", "thing", 1, "a new kind of action", staff=editor)
        unlabelled.at = start - timedelta(days=1)
        db.session.commit()

    first = admin.get("/staff/audit")
    rows = _rows(first)
    assert len(rows) == 50
    assert rows[0][1:] == [EMAILS["editor"], "Consultation published", "Consultation 119"]
    assert rows[49][3] == "Consultation 70"
    # 1 March 2027 at 10:59 in London is 10:59 GMT (no summer time yet).
    assert rows[0][0] == "1 March 2027, 10:59"
    assert "Page 1 of 3" in first.text()
    nav = first.soup.select_one("nav.pagination")
    assert [a["href"] for a in nav.find_all("a")] == ["/staff/audit?page=2"]
    assert_well_formed(first)

    second = admin.get(nav.find("a")["href"])
    assert second.status == 200
    assert _rows(second)[0][3] == "Consultation 69"
    assert "Page 2 of 3" in second.text() and "(page 2 of 3)" in second.title
    links = second.soup.select("nav.pagination a")
    assert [(a["href"], a.get("rel")) for a in links] == [("/staff/audit?page=1", ["prev"]),
                                                         ("/staff/audit?page=3", ["next"])]
    assert_well_formed(second)

    last = admin.get("/staff/audit?page=3")
    rows = _rows(last)
    assert len(rows) == 21
    # An action without a label is shown by its key.
    assert rows[-1][1:] == [EMAILS["editor"], "something.new", "a new kind of action"]
    assert [a["href"] for a in last.soup.select("nav.pagination a")] == ["/staff/audit?page=2"]

    assert admin.get("/staff/audit?page=4").status == 404
    assert admin.get("/staff/audit?page=0").status == 404
    assert admin.get("/staff/audit?page=x").status == 200  # not a number: the first page


def test_an_empty_log(admin):
    page = admin.get("/staff/audit")
    assert "Nothing has been recorded yet." in page.text()
    assert not page.soup.select("nav.pagination")
    assert_well_formed(page)


def test_the_audit_page_in_welsh(app, staff):
    admin = sign_in(app, EMAILS["admin"])
    admin.get("/staff/account?lang=cy")
    page = admin.get("/staff/audit")
    assert '<html lang="cy"' in page.html
    assert_well_formed(page)
