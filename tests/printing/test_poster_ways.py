"""Issue 13, item 12: posters and flyers are real posters: a large QR code, the question in big
words, the dates, how to take part on paper, by phone and in person; the address never breaks
inside a word; no poster once the consultation has closed."""

from __future__ import annotations

from datetime import timezone
from zoneinfo import ZoneInfo

import pytest

from consult.extensions import db
from consult.models import Consultation
from consult.models._time import utcnow
from consult.printing.poster import address_parts, address_size
from tests import pdf_reader

PUBLIC_URL = "https://consult.example.org"
MM = 72 / 25.4


@pytest.fixture
def public(app, demo):
    app.config["PUBLIC_URL"] = PUBLIC_URL
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        consultation.contact_phone = "01234 567 890"
        consultation.postal_address = "Consultation Team\nCounty Hall\nNorthtown NS1 4ZZ"
        consultation.freepost = "Freepost RTKT-ABCD-EFGH"
        db.session.commit()
    return demo


def _poster(app, slug, language="en", kind="poster"):
    response = app.test_client().get(f"/c/{slug}/print/{language}/{kind}.pdf")
    assert response.status_code == 200, response.status_code
    return response.data


def test_address_pieces_break_only_between_words():
    assert address_parts("consult.example.org/c/equipment-service?lang=cy") == (
        "consult.example.org/", "c/", "equipment-service", "?lang=cy")
    assert address_size(address_parts("a.org/c/x")) == "large"
    assert address_size(("x" * 40,)) == "smallest"


def _english_date(moment) -> str:
    """"22 February 2027" in London: the demo's dates move with the day the tests run."""
    local = moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/London"))
    return f"{local.day} {local:%B %Y}"


@pytest.mark.parametrize("kind", ["poster", "flyer"])
def test_big_qr_code_question_dates_and_ways_to_take_part(app, public, kind):
    with app.app_context():
        consultation = db.session.get(Consultation, public["id"])
        dates = f"Open from {_english_date(consultation.opens_at)} to {_english_date(consultation.closes_at)}"
    data = _poster(app, public["slug"], kind=kind)
    assert pdf_reader.page_count(data) == 1
    (code,) = pdf_reader.figures(pdf_reader.open_pdf(data))
    side = (code.x1 - code.x0) / MM
    assert side >= (70 if kind == "poster" else 40), f"the QR code is {side:.0f} mm wide"
    text = " ".join(pdf_reader.text_of(data).split())
    for words in ("Your equipment, your say", dates, "On paper", "By phone", "Ring 01234 567 890.", "In person",
                  "Freepost RTKT-ABCD-EFGH", "No stamp needed."):
        assert words in text, words
    # The question (the title) is the biggest words on the page but for none.
    sizes = {char.size for char in pdf_reader.chars(data) if char.text in "Your"}
    assert max(sizes) >= (36 if kind == "poster" else 19)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_address_never_breaks_inside_a_word(app, public, language):
    data = _poster(app, public["slug"], language)
    lines = [" ".join(line.split()) for line in pdf_reader.text_of(data).splitlines()]
    pieces = address_parts(f"consult.example.org/c/{public['slug']}" + ("?lang=cy" if language == "cy" else ""))
    address_lines = [line for line in lines if line and any(line.startswith(piece) for piece in pieces[:1])]
    assert address_lines, lines
    # Each printed line of the address is made of whole pieces.
    joined = "".join(pieces)
    start = next(i for i, line in enumerate(lines) if line.startswith(pieces[0]))
    taken, consumed = lines[start:start + len(pieces)], ""
    for line in taken:
        if consumed == joined:
            break
        assert joined.startswith(consumed + line), f"{line!r} is not whole pieces of {joined!r}"
        assert any((consumed + line).endswith(piece) for piece in pieces), f"broken inside a word: {line!r}"
        consumed += line
    assert consumed == joined


def test_without_a_phone_number_no_phone_way(app, public):
    with app.app_context():
        db.session.get(Consultation, public["id"]).contact_phone = None
        db.session.commit()
    text = " ".join(pdf_reader.text_of(_poster(app, public["slug"])).split())
    assert "By phone" not in text and "On paper" in text and "In person" in text


@pytest.mark.parametrize("kind", ["poster", "flyer"])
def test_no_poster_once_closed(app, signed_in, public, kind):
    with app.app_context():
        db.session.get(Consultation, public["id"]).closed_at = utcnow()
        db.session.commit()
    assert app.test_client().get(f"/c/{public['slug']}/print/en/{kind}.pdf").status_code == 404
    editor = signed_in("editor")
    assert editor.client.get(f"/c/{public['slug']}/print/en/{kind}.pdf").status_code == 404
    page = editor.get(f"/staff/consultations/{public['id']}")
    assert page.soup.find(id="posters-closed") is not None
    assert not [a for a in page.soup.find_all("a") if a.get("href", "").endswith(f"/{kind}.pdf")]
