"""The builder's XLSForm upload page: editors only, CSRF, a size limit, clear errors that create
nothing, and the same report as the command after a good file."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from consult.build.xlsform import MAX_BYTES
from consult.extensions import db
from consult.models import Consultation
from tests.build.xlsforms import full_form, workbook
from tests.html_checks import assert_well_formed

PAGE = "/staff/consultations/import-xlsform"


def consultation_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Consultation))


def upload(person, data: bytes | None, name: str = "park.xlsx"):
    page = person.get(PAGE)
    files = {} if data is None else {"file": (io.BytesIO(data), name)}
    return person.post(PAGE, {**person._current_values(page.form()), **files})


def test_the_page_is_reached_from_the_list_and_labels_its_field(signed_in):
    editor = signed_in("editor")
    index = editor.get("/staff/consultations/")
    assert index.soup.find("a", href=PAGE) is not None
    page = editor.get(PAGE)
    assert page.status == 200 and page.h1 == "Build a consultation from an XLSForm"
    assert_well_formed(page)
    form = page.form()
    assert form["enctype"] == "multipart/form-data" and form["action"] == PAGE
    assert form.find("input", attrs={"name": "csrf_token"})["value"]
    field = form.find("input", id="file")
    assert field["type"] == "file" and field["aria-describedby"] == "file-hint"
    assert page.soup.find("label", attrs={"for": "file"}).get_text(strip=True) == "XLSForm file (.xlsx)"
    assert "1 MB or less" in page.soup.find(id="file-hint").get_text()


def test_only_editors_and_admins(app, signed_in, resident):
    assert signed_in("analyst").get(PAGE).status == 403
    assert signed_in("admin").get(PAGE).status == 200
    anonymous = resident.get(PAGE)
    assert anonymous.path.startswith("/staff/sign-in")
    posted = signed_in("analyst").client.post(PAGE, data={"file": (io.BytesIO(full_form()), "park.xlsx")},
                                              content_type="multipart/form-data")
    assert posted.status_code in (400, 403)
    assert consultation_count(app) == 0


def test_a_post_without_the_csrf_token_is_refused(app, signed_in):
    editor = signed_in("editor")
    response = editor.client.post(PAGE, data={"file": (io.BytesIO(full_form()), "park.xlsx")},
                                  content_type="multipart/form-data")
    assert response.status_code == 400
    assert consultation_count(app) == 0


def test_no_file_chosen(app, signed_in):
    page = upload(signed_in("editor"), None)
    assert page.status == 422 and page.title.startswith("Error:")
    summary = page.soup.select_one(".error-summary a")
    assert summary["href"] == "#file" and summary.get_text(strip=True) == "Choose an XLSForm file to upload"
    assert page.soup.find(id="file")["aria-describedby"] == "file-hint file-error"
    assert consultation_count(app) == 0


def test_a_bad_file_says_why_and_creates_nothing(app, signed_in):
    editor = signed_in("editor")
    page = upload(editor, b"type,name,label\ntext,a,A\n", "form.csv")
    assert page.status == 422
    assert "This file is not an Excel workbook (.xlsx)" in page.soup.find(id="file-error").get_text()
    duplicate = upload(editor, workbook([["type", "name", "label", "label"], ["text", "a", "A", "B"]]))
    assert duplicate.status == 422
    assert "Two columns have the same heading, “label”" in duplicate.soup.select_one(".error-summary").get_text()
    assert_well_formed(duplicate)
    assert consultation_count(app) == 0


def test_a_file_over_the_limit(app, signed_in):
    page = upload(signed_in("editor"), b"x" * (MAX_BYTES + 1))
    assert page.status == 422
    assert page.soup.find(id="file-error").get_text(" ", strip=True) == "Error: The file must be 1 MB or smaller"
    assert consultation_count(app) == 0


def test_a_good_file_shows_the_report_and_links_to_the_builder(app, signed_in):
    editor = signed_in("editor")
    survey = [["type", "name", "label"], ["note", "hi", "Tell us."], ["text", "a", "First?"],
              ["geopoint", "where", "Where?"]]
    settings = [["form_title", "form_id"], ["Bus routes", "bus_routes"]]
    page = upload(editor, workbook(survey, settings=settings))
    assert page.status == 200 and page.h1 == "Your draft consultation is ready to check"
    assert_well_formed(page)
    with app.app_context():
        consultation = db.session.scalars(select(Consultation)).one()
        assert consultation.slug == "bus-routes"
    notice = page.soup.select_one(".notice").get_text(" ", strip=True)
    assert "“Bus routes” is a draft with 1 question." in notice and "Languages: English." in notice
    link = page.soup.find("a", href=f"/staff/consultations/{consultation.id}")
    assert link.get_text(strip=True) == "Check it in the builder"
    assert "/c/bus-routes" in page.text()
    lines = [item.get_text(" ", strip=True) for item in page.soup.select("ul[aria-labelledby=not-imported] li")]
    assert lines == ["survey sheet, row 4, geopoint: Consult has no map answers, so this question was not imported"]
    builder = editor.get(link["href"])
    assert builder.status == 200 and "First?" in builder.text()


def test_everything_imported_says_so(signed_in):
    page = upload(signed_in("editor"), full_form())
    assert page.status == 200 and "Everything in the file was imported." in page.text()
    assert "Languages: English, Arabic, Welsh." in page.text()


def test_the_page_and_the_report_in_welsh(app, signed_in):
    """The page and every report line come from the Welsh catalogue (whatever it holds today)."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    editor = signed_in("editor")
    page = editor.get(PAGE + "?lang=cy")
    assert '<html lang="cy"' in page.html
    data = workbook([["type", "name", "label", "calculation"], ["text", "a", "First?", ""],
                     ["calculate", "c", "", "1 + 1"]], settings=[["form_title"], ["Arolwg"]])
    report = upload(editor, data)
    assert report.status == 200 and '<html lang="cy"' in report.html
    with app.test_request_context(), force_locale("cy"):
        heading = _("Your draft consultation is ready to check")
        reason = _("a calculation is not a question people answer, so it was not imported")
        line = _("%(sheet)s sheet, row %(row)s, %(what)s: %(reason)s", sheet="survey", row=3, what="calculate",
                 reason=reason)
    assert report.h1 == heading
    assert [item.get_text(strip=True) for item in report.soup.select("ul[aria-labelledby=not-imported] li")] == [line]
