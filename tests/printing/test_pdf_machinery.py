"""render_pdf: tagged PDF/UA-1 with language and title, our own files only, and no silent errors."""

from __future__ import annotations

import logging

import pytest

from consult.printing.pdf import BASE_URL, PdfError, RefusedURL, app_fetcher, render_pdf
from tests import pdf_reader

SMILE_SVG = "/static/vendor/openmoji/svg/1F600.svg"


def _html(body: str, lang: str = "en", head: str = "") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>A test</title>'
            f'<link rel="stylesheet" href="/static/css/pdf/base.css">{head}</head><body>{body}</body></html>')


def test_a_tagged_pdf_with_language_title_and_alt_text(app):
    with app.test_request_context():
        data = render_pdf(_html(f'<h1>Hello</h1><img src="{SMILE_SVG}" alt="A smiling face">', lang="cy"),
                          language="cy", title="Teitl ŵ ŷ")
    pdf = pdf_reader.open_pdf(data)
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "cy"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == "Teitl ŵ ŷ"
    with pdf.open_metadata() as meta:
        assert meta["dc:title"] == "Teitl ŵ ŷ"
        assert meta["pdfuaid:part"] == "1"
    assert [figure.alt for figure in pdf_reader.figures(pdf)] == ["A smiling face"]
    assert all(embedded for _name, embedded in pdf_reader.fonts(pdf))


def test_an_image_without_alt_text_makes_it_fail(app):
    with app.test_request_context(), pytest.raises(PdfError, match="no required alt"):
        render_pdf(_html(f'<img src="{SMILE_SVG}">'), language="en", title="A test")


def test_a_picture_that_cannot_be_read_makes_it_fail(app, tmp_path):
    upload = tmp_path / "instance" / "uploads"
    upload.mkdir(parents=True, exist_ok=True)
    name = "A" * 24 + ".png"
    (upload / name).write_bytes(b"not a png at all")
    app.config["UPLOAD_FOLDER"] = str(upload)
    with app.test_request_context(), pytest.raises(PdfError, match="WeasyPrint reported errors"):
        render_pdf(_html(f'<img src="/pictures/{name}" alt="Broken">'), language="en", title="A test")


def test_the_language_must_match_the_html(app):
    with app.test_request_context(), pytest.raises(PdfError, match="lang"):
        render_pdf(_html("<p>Helo</p>", lang="en"), language="cy", title="A test")


def test_weasyprint_logs_no_errors_for_a_good_document(app, caplog):
    with app.test_request_context(), caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_pdf(_html("<h1>Arabic: مرحبا</h1><p>Welsh: ŵ ŷ</p>", lang="en"), language="en", title="A test")
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.org/picture.png",
    "https://example.org/static/css/pdf/base.css",
    "https://consult.invalid.example.org/static/css/pdf/base.css",
    "data:image/svg+xml;base64,PHN2Zy8+",
    f"{BASE_URL}static/../consult/config.py",
    f"{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
    f"{BASE_URL}static/css/pdf/../../../pyproject.toml",
    f"{BASE_URL}static/nothing-here.css",
    f"{BASE_URL}etc/passwd",
    f"{BASE_URL}pictures/../../consult.db",
    f"{BASE_URL}pictures/short.png",
])
def test_the_fetcher_refuses_anything_but_our_own_files(app, url):
    with app.test_request_context(), pytest.raises(RefusedURL):
        app_fetcher().fetch(url)


def test_the_fetcher_serves_static_files_and_uploads(app, tmp_path):
    upload = tmp_path / "uploads"
    upload.mkdir()
    name = "B" * 24 + ".png"
    (upload / name).write_bytes(b"\x89PNG")
    app.config["UPLOAD_FOLDER"] = str(upload)
    with app.test_request_context():
        fetcher = app_fetcher()
        css = fetcher.fetch(f"{BASE_URL}static/css/pdf/base.css")
        assert css.content_type == "text/css" and b"@font-face" in css.read()
        picture = fetcher.fetch(f"{BASE_URL}pictures/{name}")
        assert picture.content_type == "image/png" and picture.read() == b"\x89PNG"


@pytest.mark.parametrize("body, head", [
    ('<img src="file:///etc/hostname" alt="x">', ""),
    ('<img src="https://example.org/x.png" alt="x">', ""),
    ("<p>x</p>", '<link rel="stylesheet" href="http://example.org/x.css">'),
    ("<p>x</p>", "<style>@font-face { font-family: X; src: url(file:///usr/share/fonts/x.ttf) } p { font-family: X }</style>"),
])
def test_a_document_asking_for_other_addresses_is_refused(app, body, head):
    with app.test_request_context(), pytest.raises(RefusedURL):
        render_pdf(_html(body, head=head), language="en", title="A test")
