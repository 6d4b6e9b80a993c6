"""Issue 13, item 11: every printed questionnaire ends with a return block: the postal address (the
consultation's own, else the organisation's), the Freepost line, the closing date; in easy read a
picture of an envelope beside the words; the first pages of easy read have pictures and say how to
send it back only once. Read from the real PDFs with pdfminer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from consult.extensions import db
from consult.models import Consultation
from consult.printing.questionnaire import questionnaire_document
from consult.printing.return_address import ReturnAddress, return_address
from tests import pdf_reader

ADDRESS = "Consultation Team\nNorthshire Council\nCounty Hall\nNorthtown NS1 4ZZ"
FREEPOST = "Freepost RTKT-ABCD-EFGH"
STATIC = Path(__file__).resolve().parents[2] / "static"
PDF_PATHS = {"easy": "easy-read.pdf", "standard": "large-print.pdf"}


def _set(app, consultation_id, postal_address=ADDRESS, freepost=FREEPOST):
    with app.app_context():
        consultation = db.session.get(Consultation, consultation_id)
        consultation.postal_address = postal_address
        consultation.freepost = freepost
        db.session.commit()


def _pdf_text(app, slug, language, register) -> str:
    response = app.test_client().get(f"/c/{slug}/print/{language}/{PDF_PATHS[register]}")
    assert response.status_code == 200 and response.mimetype == "application/pdf", response.status_code
    return " ".join(pdf_reader.text_of(response.data).split())


def _soup(app, consultation_id, language="en", register="standard"):
    with app.test_request_context():
        printed, html = questionnaire_document(db.session.get(Consultation, consultation_id), language, register)
    return printed, BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("register", ["standard", "easy"], ids=["large-print", "easy-read"])
def test_the_pdf_ends_with_the_address_freepost_and_date(app, demo, register):
    _set(app, demo["id"])
    text = _pdf_text(app, demo["slug"], "en", register)
    printed, _soup_ = _soup(app, demo["id"], register=register)
    # The return block is the last thing on the last page (the running footer aside).
    tail = text[text.rindex("How to send it back"):]
    for line in (FREEPOST, *ADDRESS.splitlines()):
        assert line in tail, line
    assert "You do not need a stamp." in tail
    assert printed.closing_date in tail
    # The address is printed once, in the return block.
    assert text.count("County Hall") == 1


def test_easy_read_has_an_envelope_and_pictures_on_its_first_pages(app, demo):
    _set(app, demo["id"])
    _printed, soup = _soup(app, demo["id"], register="easy")
    block = soup.select_one("#return-block")
    assert block is soup.select("section")[-1], "the return block is the last section"
    rows = block.select(".easy-row")
    assert "symbol--envelope" in rows[0].select_one(".easy-row__symbol")["class"]
    assert "envelope" in rows[0].get_text()
    # The envelope's picture is a file that exists (CSS background, like the agree scale's faces).
    css = (STATIC / "css" / "pdf" / "return_block.css").read_text()
    envelope = re.search(r"\.symbol--envelope \{ background-image: url\(\"\.\./\.\./(.+?)\"\)", css).group(1)
    assert (STATIC / envelope).is_file()
    # The first pages: pictures beside "How to fill in" and the introductions.
    first_pages = soup.select_one("section.questions").find_all_previous(class_="easy-row")
    assert len(first_pages) >= 3
    # How to send it back is said once, at the end.
    assert soup.get_text().count("How to send it back") == 1
    assert "Symbols: OpenMoji, CC BY-SA 4.0" in soup.select_one(".page-footer").get_text()


def test_welsh_easy_read_pdf_has_the_return_block_in_welsh(app, demo):
    _set(app, demo["id"])
    text = _pdf_text(app, demo["slug"], "cy", "easy")
    assert FREEPOST in text and "County Hall" in text


def test_without_its_own_address_the_organisations_is_used(app, demo, monkeypatch):
    _set(app, demo["id"], postal_address=None, freepost=None)
    from consult.printing import return_address as module

    monkeypatch.setattr(module, "organisation_return_address", lambda: ("Northshire Council", "PO Box 1", "NS9 9ZZ"))
    with app.app_context():
        found = return_address(db.session.get(Consultation, demo["id"]))
    assert found == ReturnAddress(lines=("Northshire Council", "PO Box 1", "NS9 9ZZ"), freepost=None)
    text = _pdf_text(app, demo["slug"], "en", "standard")
    tail = text[text.rindex("How to send it back"):]
    assert "PO Box 1" in tail and "NS9 9ZZ" in tail
    assert "You do not need a stamp." not in tail


def test_the_organisation_settings_address_is_the_fallback(app, demo):
    _set(app, demo["id"], postal_address=None, freepost=FREEPOST)
    from consult.models.organisation import OrganisationSettings

    with app.app_context():
        row = db.session.get(OrganisationSettings, 1) or OrganisationSettings(id=1)
        row.return_address = "Northshire Council\nPO Box 7\nNS7 7ZZ"
        db.session.add(row)
        db.session.commit()
    with app.test_request_context():
        found = return_address(db.session.get(Consultation, demo["id"]))
    assert found.all_lines == (FREEPOST, "Northshire Council", "PO Box 7", "NS7 7ZZ")


def test_no_address_anywhere_says_give_it_back(app, demo, monkeypatch):
    _set(app, demo["id"], postal_address=None, freepost=None)
    from consult.printing import return_address as module

    monkeypatch.setattr(module, "organisation_return_address", lambda: ())
    text = _pdf_text(app, demo["slug"], "en", "standard")
    tail = text[text.rindex("How to send it back"):]
    assert "Give this form back to the person who gave it to you." in tail


def test_settings_page_saves_the_address_and_freepost(app, signed_in, demo):
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{demo['id']}/settings")
    assert page.soup.find("textarea", attrs={"name": "postal_address"}) is not None
    editor.submit(page, {"postal_address": "  Consultation Team \n\n County Hall\n", "freepost": " " + FREEPOST})
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        assert consultation.postal_address == "Consultation Team\nCounty Hall"
        assert consultation.freepost == FREEPOST
