"""Print sizes, read back from the PDFs (tests/pdf_reader.py says how body text is told apart):
easy read has nothing under 14 pt and no body text under 16 pt; large print has 18 pt body text."""

from __future__ import annotations

import pytest

from tests import pdf_reader

LANGUAGES = ["en", "cy", "ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_easy_read_sizes(demo_pdf, language):
    sizes = pdf_reader.sizes_by_role(demo_pdf(language, "easy"))
    assert sum(sizes["body"].values()) > 500 and sizes["footer"]
    everything = sizes["body"] + sizes["heading"] + sizes["footer"]
    assert min(everything) >= 14, everything
    assert min(sizes["body"]) >= 16, sizes["body"]
    # Headings stand out: none is smaller than the body text around it.
    assert min(sizes["heading"]) >= max(sizes["body"], key=sizes["body"].get)


@pytest.mark.parametrize("language", LANGUAGES)
def test_large_print_body_is_18_pt(demo_pdf, language):
    sizes = pdf_reader.sizes_by_role(demo_pdf(language, "standard"))
    body = sizes["body"]
    assert min(body) >= 18, body
    # Most of the words are 18 pt exactly (the first-page summary is a little larger).
    assert body.most_common(1)[0][0] == 18
    assert min(sizes["heading"]) >= 18 and min(sizes["footer"]) >= 16
