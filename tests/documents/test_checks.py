"""Documents are judged by their bytes; PDFs that screen readers struggle with are flagged, not refused."""

from __future__ import annotations

import pytest

from consult.documents.checks import (
    DOCX,
    NO_LANGUAGE,
    NO_TITLE,
    ODT,
    PDF,
    UNTAGGED,
    DocumentRejected,
    check_document,
    warning_messages,
)
from tests.documents import samples


def test_pdf_docx_and_odt_are_recognised_by_content():
    assert check_document(samples.tagged_pdf()).kind == PDF
    assert check_document(samples.docx()).kind == DOCX
    assert check_document(samples.odt()).kind == ODT


def test_a_tagged_pdf_with_title_and_language_has_no_warnings():
    assert check_document(samples.tagged_pdf()).pdf_warnings == ()


def test_an_untagged_pdf_without_title_or_language_gets_three_warnings():
    checked = check_document(samples.untagged_pdf())
    assert checked.pdf_warnings == (UNTAGGED, NO_TITLE, NO_LANGUAGE)
    messages = warning_messages(" ".join(checked.pdf_warnings))
    assert len(messages) == 3 and "not tagged" in messages[0] and "no title" in messages[1]


@pytest.mark.parametrize("data", [
    b"<script>alert(1)</script>",
    b"<html><body onload=alert(1)>",
    b"%PDF-1.7\nnot really a pdf",
    samples.other_zip(),
    b"PK\x03\x04broken zip",
    b"\x89PNG\r\n\x1a\n",
], ids=["script", "html", "fake-pdf", "zip-of-html", "broken-zip", "png"])
def test_hostile_or_wrong_files_are_refused_with_a_plain_message(data):
    with pytest.raises(DocumentRejected) as problem:
        check_document(data)
    assert str(problem.value).startswith("The ")


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(DocumentRejected, match="Choose a file"):
        check_document(b"")
    with pytest.raises(DocumentRejected, match="smaller than 1 MB"):
        check_document(samples.tagged_pdf() + b"\0" * 1048576, max_bytes=1048576)
