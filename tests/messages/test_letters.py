"""A letter for GOV.UK Notify's precompiled-letter API, measured against Notify's layout rules."""

from __future__ import annotations

import io

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer, LTTextLine

from consult.messages.letters import LetterError, address_lines, letter_pdf

MM = 72 / 25.4  # PDF points per millimetre
A4 = (210, 297)
ADDRESS = "Jo Bloggs\n1 High Street\nRiverside\nCardiff\nCF10 1AA"
SENDER = ["Northshire Council", "Town Hall, Northshire", "NS1 1AA"]


def _text_lines(item):
    """Every line of text under a pdfminer layout item."""
    if isinstance(item, LTTextLine):
        yield item
    elif isinstance(item, LTTextContainer) or hasattr(item, "__iter__"):
        for child in item:
            yield from _text_lines(child)


def _lines(pdf: bytes):
    """Per page: (page width mm, page height mm, [(text, left, top, right, bottom) in mm from the top left])."""
    pages = []
    for page in extract_pages(io.BytesIO(pdf)):
        found = [(line.get_text().strip(), line.x0 / MM, (page.height - line.y1) / MM, line.x1 / MM,
                  (page.height - line.y0) / MM) for line in _text_lines(page) if line.get_text().strip()]
        pages.append((page.width / MM, page.height / MM, found))
    return pages


def _inside(box, left, top, right, bottom, slack=0.5) -> bool:
    _, x0, y0, x1, y1 = box
    return x0 >= left - slack and y0 >= top - slack and x1 <= right + slack and y1 <= bottom + slack


def _letter(app, **extra):
    with app.test_request_context():
        return letter_pdf(address=ADDRESS, sender_lines=SENDER, heading="The results you asked for",
                          sentences=["You told us what you think about the park.", "Here is what we found."],
                          language="en", direction="ltr", title="Results of the park consultation", **extra)


def test_the_first_page_keeps_to_notifys_layout(app):
    [(width, height, lines)] = _lines(_letter(app))
    assert (round(width), round(height)) == A4
    address = [line for line in lines if _inside(line, 24.6, 39.5, 120, 66.3)]
    assert [line[0] for line in address] == ADDRESS.splitlines()
    for line in lines:
        assert _inside(line, 15, 5, 195, 292), f"outside the printable area: {line}"
        in_window = line in address
        sender_area = _inside(line, 125, 5, 195, 95)
        body = line[2] >= 95 - 0.5
        assert in_window or sender_area or body, f"in an area Notify keeps clear: {line}"
    assert any(line[0] == "The results you asked for" and line[2] >= 95 for line in lines)
    assert [line[0] for line in lines if _inside(line, 125, 5, 195, 95)] == SENDER


def test_an_enclosed_pdf_follows_the_first_page_inside_the_printable_area(app):
    from consult.printing.pdf import render_pdf

    with app.test_request_context():
        from flask import url_for

        enclosure = render_pdf(
            '<!doctype html><html lang="en"><head><title>Results</title>'
            f'<link rel="stylesheet" href="{url_for("static", filename="css/pdf/base.css")}"></head>'
            "<body>" + "<p>What you told us about the park.</p>" * 60 + "</body></html>",
            language="en", title="Results")
    pages = _lines(_letter(app, enclosure=enclosure))
    assert len(pages) >= 3
    for width, height, lines in pages:
        assert (round(width), round(height)) == A4
        for line in lines:
            assert _inside(line, 15, 5, 195, 292), f"outside the printable area: {line}"
    assert any("What you told us about the park." in line[0] for line in pages[1][2])


@pytest.mark.parametrize("address", ["Jo Bloggs\nCF10 1AA", "\n".join(f"Line {n}" for n in range(8))])
def test_an_address_notify_cannot_print_is_refused(address):
    with pytest.raises(LetterError):
        address_lines(address)


def test_an_address_written_on_one_line_with_commas_becomes_lines():
    assert address_lines(" 1 High Street,  Riverside, Cardiff,CF10 1AA ") == [
        "1 High Street", "Riverside", "Cardiff", "CF10 1AA"]
