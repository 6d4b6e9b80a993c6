"""The printed questionnaires' addresses: public for published consultations, in their languages only;
drafts only for editors and admins; linked from the start page in the page's language."""

from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import Consultation
from tests.helpers import Resident
from tests.printing.conftest import pdf_path


def _make_draft(app, demo):
    with app.app_context():
        db.session.get(Consultation, demo["id"]).status = "draft"
        db.session.commit()


@pytest.mark.parametrize("register", ["easy", "standard"])
def test_a_published_questionnaire_is_a_pdf_for_anyone(app, demo, register):
    response = app.test_client().get(pdf_path(demo["slug"], "cy", register))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    version = "easy-read" if register == "easy" else "large-print"
    assert response.headers["Content-Disposition"] == f'inline; filename="equipment-service-{version}-cy.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.cache_control.max_age == 300


@pytest.mark.parametrize("path", [
    "/c/equipment-service/print/fr/easy-read.pdf",   # not a language we have
    "/c/equipment-service/print/pl/large-print.pdf",  # a content language this consultation does not offer
    "/c/equipment-service/print/EN/easy-read.pdf",
    "/c/no-such-consultation/print/en/easy-read.pdf",
    "/c/equipment-service/print/en/standard.pdf",
])
def test_unknown_addresses_are_404(app, demo, path):
    assert app.test_client().get(path).status_code == 404


def test_drafts_are_hidden_from_the_public_and_analysts(app, signed_in, demo):
    _make_draft(app, demo)
    assert app.test_client().get(pdf_path(demo["slug"], "en", "easy")).status_code == 404
    analyst = signed_in("analyst")
    assert analyst.client.get(pdf_path(demo["slug"], "en", "easy")).status_code == 404


def test_editors_may_print_a_draft_to_check_it(app, signed_in, demo):
    _make_draft(app, demo)
    editor = signed_in("editor")
    response = editor.client.get(pdf_path(demo["slug"], "en", "standard"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]


def test_asking_again_with_the_etag_gives_not_modified(app, demo):
    client = app.test_client()
    first = client.get(pdf_path(demo["slug"], "en", "standard"))
    again = client.get(pdf_path(demo["slug"], "en", "standard"), headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_the_start_page_links_to_both_in_its_language(app, pictured, language):
    # pictured: the demo with Arabic easy-read texts too (without them, no Arabic easy read: test_no_easy_read_pdf.py)
    resident = Resident(app.test_client())
    page = resident.get(f"/c/{pictured['slug']}?lang={language}")
    links = {link["href"]: link for link in page.soup.select("a[type='application/pdf']")}
    assert set(links) == {pdf_path(pictured["slug"], language, "easy"), pdf_path(pictured["slug"], language, "standard")}
    for link in links.values():
        assert link.get("hx-boost") == "false"
        assert "PDF" in link.get_text()


def test_the_start_page_shows_the_size_once_a_copy_is_made(app, demo):
    resident = Resident(app.test_client())
    before = resident.get(f"/c/{demo['slug']}")
    assert "KB" not in before.soup.select_one(f"a[href='{pdf_path(demo['slug'], 'en', 'easy')}']").get_text()
    size = len(resident.client.get(pdf_path(demo["slug"], "en", "easy")).data)
    after = resident.get(f"/c/{demo['slug']}")
    link = after.soup.select_one(f"a[href='{pdf_path(demo['slug'], 'en', 'easy')}']").get_text()
    assert f"PDF, {round(size / 1024)} KB" in link
