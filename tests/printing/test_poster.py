"""Posters (A4) and flyers (A5): the QR code decodes back to the consultation's address, in every
offered language; one page each; tagged PDF/UA with /Lang, title, embedded fonts and alt text;
public for published consultations, drafts for editors only; links on the staff page."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from consult.extensions import db
from consult.models import Consultation
from consult.printing import poster as poster_module
from consult.printing.pdf import BASE_URL, RefusedURL, app_fetcher
from consult.printing.poster import PosterFetcher, qr_svg, short_address
from tests import pdf_reader
from tests.helpers import Page
from tests.html_checks import assert_well_formed

PUBLIC_URL = "https://consult.example.org"
ADDRESSES = {
    "en": f"{PUBLIC_URL}/c/equipment-service",
    "cy": f"{PUBLIC_URL}/c/equipment-service?lang=cy",
    "ar": f"{PUBLIC_URL}/c/equipment-service?lang=ar",
}
# Paper sizes in PDF points (1/72 inch), portrait.
SIZES = {"poster": (595, 842), "flyer": (420, 595)}


def poster_path(slug: str, language: str, kind: str) -> str:
    return f"/c/{slug}/print/{language}/{kind}.pdf"


@pytest.fixture
def public(app, demo):
    app.config["PUBLIC_URL"] = PUBLIC_URL
    return demo


def decoded(data: bytes) -> list[str]:
    """The text of every barcode on the first page, rendered at 216 dots per inch."""
    image = pdfium.PdfDocument(data)[0].render(scale=3).to_pil()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("kind", ["poster", "flyer"])
@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_the_qr_code_decodes_to_the_consultations_address(app, public, language, kind):
    response = app.test_client().get(poster_path(public["slug"], language, kind))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    data = response.data
    assert decoded(data) == [ADDRESSES[language]]

    pdf = pdf_reader.open_pdf(data)
    assert len(pdf.pages) == 1
    width, height = (round(float(value)) for value in pdf.pages[0].MediaBox[2:])
    assert (width, height) == SIZES[kind]
    # Tagged PDF/UA, in the poster's language, with a title viewers show.
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == language
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    title = {"en": "Your equipment, your say", "cy": "Eich offer, eich barn", "ar": "أجهزتك ورأيك فيها"}[language]
    assert str(pdf.docinfo.Title).startswith(title)
    with pdf.open_metadata() as meta:
        assert meta["pdfuaid:part"] == "1"
    assert all(embedded for _name, embedded in pdf_reader.fonts(pdf))
    # The code is a figure with words for those who cannot see it.
    (figure,) = pdf_reader.figures(pdf)
    assert figure.alt.endswith(ADDRESSES[language]) and ADDRESSES[language] in figure.alt
    # The address to type, in large type.
    typed = short_address(ADDRESSES[language])
    text = "".join(pdf_reader.text_of(data).split())
    assert typed.replace(" ", "") in text
    address_sizes = {char.size for char in pdf_reader.chars(data) if char.text in "/." and char.font.endswith("Bold")}
    assert max(address_sizes) >= (22 if kind == "poster" else 15)


def test_the_words_on_the_poster(app, public):
    data = app.test_client().get(poster_path(public["slug"], "en", "poster")).data
    text = " ".join(pdf_reader.text_of(data).split())
    for words in ("Have your say", "Your equipment, your say",
                  "We lend you equipment to help you at home.",  # the easy-read summary
                  "Open from", "It takes about 5 minutes.", "Take part online",
                  "No internet? Other ways to take part",
                  "Call us on 01234 567 890", "Email: equipment@northshire.example"):
        assert words in text, words
    # The address may break over two lines, but only after a "/" (issue 13, item 12).
    assert "consult.example.org/c/equipment-service" in text.replace("/ ", "/")
    # Nothing on a poster is under 14 pt.
    assert min(char.size for char in pdf_reader.chars(data)) >= 14


@pytest.fixture
def renders(monkeypatch):
    """Every PDF the posters module makes (not those read back from the cache)."""
    made = []
    real = poster_module.render_pdf

    def counting(*args, **kwargs):
        made.append(kwargs.get("language"))
        return real(*args, **kwargs)

    monkeypatch.setattr(poster_module, "render_pdf", counting)
    return made


@pytest.mark.parametrize("settings", [
    {"PUBLIC_URL": PUBLIC_URL},
    {"PUBLIC_URL": "", "SERVER_NAME": "consult.example.org", "PREFERRED_URL_SCHEME": "https"},
], ids=["public-url", "server-name"])
def test_an_attackers_host_changes_neither_the_pdf_nor_its_code(app, demo, renders, settings):
    app.config.update(settings)
    client = app.test_client()
    path = poster_path(demo["slug"], "en", "flyer")
    first = client.get(path)
    assert decoded(first.data) == [ADDRESSES["en"]]
    for headers in ({"Host": "evil.example"}, {"Host": "evil.example:8443"},
                    {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"}):
        attacked = client.get(path, headers=headers)
        assert attacked.status_code == 200
        assert attacked.data == first.data and attacked.headers["ETag"] == first.headers["ETag"]
        # The same for everyone, so a shared cache may keep it without Vary.
        assert attacked.cache_control.public or attacked.cache_control.max_age == 300
        assert "Vary" not in attacked.headers or "host" not in attacked.headers["Vary"].lower()
    assert renders == ["en"]  # one PDF made; no header made another


def test_without_a_public_address_no_poster_is_made(app, demo, renders):
    app.config["PUBLIC_URL"] = ""
    response = app.test_client().get(poster_path(demo["slug"], "en", "poster"), base_url="https://evil.example")
    assert response.status_code == 404 and response.mimetype == "text/html"
    page = Page(404, "", response.get_data(as_text=True), dict(response.headers))
    assert page.h1 == "Posters are not ready yet"
    assert "set PUBLIC_URL" in page.text() and "evil.example" not in page.html
    assert_well_formed(page)
    assert renders == []


def test_without_a_public_address_the_staff_page_says_to_set_one(app, signed_in, demo):
    app.config["PUBLIC_URL"] = ""
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{demo['id']}")
    assert not page.soup.select("a[type='application/pdf'][href$='poster.pdf']")
    heading = page.soup.find("h2", string="Posters and flyers")
    section = " ".join(element.get_text(" ", strip=True) for element in heading.find_next_siblings()
                       if element.name != "h2" and heading in element.find_previous_siblings("h2")[:1])
    assert "that address has not been set" in section and "set PUBLIC_URL" in section
    assert "localhost" not in page.html


def test_long_words_still_fit_on_one_page(app, public):
    with app.app_context():
        consultation = db.session.get(Consultation, public["id"])
        consultation.title.set("en", "Changes to how we lend walking aids, beds and bathing equipment across "
                                     "Northshire in 2027")
        long_summary = ("We are thinking about changing how people ask for equipment, how long they wait, and how "
                        "we collect it. Tell us what matters to you before we decide anything at all.")
        consultation.summary.set("en", long_summary)
        consultation.summary.set("en", long_summary, register="easy")
        consultation.contact.set("en", "Call the Community Equipment Service on 01234 567 890 (Monday to Friday, "
                                       "9am to 5pm), or write to us at Community Equipment Service, Town Hall, "
                                       "High Street, Northshire NS1 1AA. We can visit you at home.")
        db.session.commit()
    for kind in ("poster", "flyer"):
        data = app.test_client().get(poster_path(public["slug"], "en", kind)).data
        assert pdf_reader.page_count(data) == 1, kind
        assert decoded(data) == [ADDRESSES["en"]]
        assert min(char.size for char in pdf_reader.chars(data)) >= 14


def test_a_draft_is_for_editors_only(app, signed_in, public):
    with app.app_context():
        db.session.get(Consultation, public["id"]).status = "draft"
        db.session.commit()
    assert app.test_client().get(poster_path(public["slug"], "en", "poster")).status_code == 404
    analyst = signed_in("analyst")
    assert analyst.client.get(poster_path(public["slug"], "en", "poster")).status_code == 404
    editor = signed_in("editor")
    response = editor.client.get(poster_path(public["slug"], "en", "flyer"))
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]


@pytest.mark.parametrize("path", [
    "/c/equipment-service/print/fr/poster.pdf",
    "/c/equipment-service/print/pl/flyer.pdf",
    "/c/no-such-consultation/print/en/poster.pdf",
])
def test_unknown_addresses_are_404(app, public, path):
    assert app.test_client().get(path).status_code == 404


def test_download_name_cache_and_etag(app, public):
    client = app.test_client()
    first = client.get(poster_path(public["slug"], "cy", "poster"))
    assert first.headers["Content-Disposition"] == 'inline; filename="equipment-service-poster-cy.pdf"'
    assert first.cache_control.max_age == 300
    again = client.get(poster_path(public["slug"], "cy", "poster"), headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    # A different address is a different poster.
    app.config["PUBLIC_URL"] = "https://elsewhere.example.org"
    moved = client.get(poster_path(public["slug"], "cy", "poster"))
    assert moved.headers["ETag"] != first.headers["ETag"]
    assert decoded(moved.data) == ["https://elsewhere.example.org/c/equipment-service?lang=cy"]


def test_the_staff_page_links_to_every_language(app, signed_in, public):
    editor = signed_in("editor")
    page = editor.get(f"/staff/consultations/{public['id']}")
    hrefs = {link["href"] for link in page.soup.select("a[type='application/pdf']")}
    for language in ("en", "cy", "ar"):
        for kind in ("poster", "flyer"):
            assert poster_path(public["slug"], language, kind) in hrefs


def test_the_fetcher_serves_the_code_and_still_refuses_other_addresses(app):
    with app.test_request_context():
        svg = qr_svg("https://consult.example.org/c/x")
        fetcher = PosterFetcher(app_fetcher(), {"/generated/qr-1.svg": svg})
        assert fetcher.fetch(f"{BASE_URL}generated/qr-1.svg").read() == svg
        assert fetcher.fetch(f"{BASE_URL}static/css/pdf/poster.css").read()
        for url in (f"{BASE_URL}generated/qr-2.svg", "https://example.org/generated/qr-1.svg",
                    "data:image/svg+xml;base64,PHN2Zy8+", "file:///etc/passwd"):
            with pytest.raises(RefusedURL):
                fetcher.fetch(url)


def test_qr_code_svg_needs_no_pillow():
    svg = qr_svg("https://consult.example.org/c/x").decode()
    assert svg.startswith("<svg") or svg.startswith("<?xml")
    assert "<path" in svg and "<image" not in svg
