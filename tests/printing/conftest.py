"""The demo consultation with a picture on every question and option, and its PDFs.

Rendering a PDF takes about a second, so each (language, register) PDF of the pictured demo is
made once per test session, through the real route, and the bytes are shared by the tests that
only read them. Tests that change data render their own.
"""

from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import Consultation, Picture, TextBlock
from consult.pictures import OPENMOJI_ATTRIBUTION

# Symbols the tests add where the demo has no picture of its own (OpenMoji hexcodes).
SMILE = ("1F600", {"en": "A smiling face", "cy": "Wyneb yn gwenu", "ar": "وجه مبتسم"})
STAR = ("2B50", {"en": "A star", "cy": "Seren", "ar": "نجمة"})
PDF_PATHS = {"easy": "easy-read.pdf", "standard": "large-print.pdf"}
# The demo has no Arabic easy read, and a language without easy-read texts gets no easy-read PDF. The
# tests print Arabic easy read (right to left, pictures on the right) with these easy-read texts.
ARABIC_EASY = {
    "title": "أجهزتك ورأيك فيها",
    "summary": "نحن نُعير الناس أجهزة. أخبرنا كيف تساعدك الأجهزة. أخبرنا ماذا نغيّر.",
}


def symbol(hexcode: str, alts: dict[str, str]) -> Picture:
    block = TextBlock()
    for language, words in alts.items():
        block.set(language, words)
    picture = Picture(kind="symbol", ref=hexcode, alt=block, attribution=OPENMOJI_ATTRIBUTION)
    db.session.add(picture)
    return picture


def give_arabic_easy_read(consultation: Consultation) -> None:
    """Easy-read Arabic for the consultation's title and summary (the other texts fall back to standard)."""
    for name, words in ARABIC_EASY.items():
        getattr(consultation, name).set("ar", words, register="easy")


@pytest.fixture
def pictured(app, demo):
    """The demo, with a symbol on every question and option that has no picture yet, and Arabic easy read."""
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        give_arabic_easy_read(consultation)
        for question in consultation.questions:
            if question.picture_id is None:
                question.picture = symbol(*SMILE)
            for option in question.options:
                if option.picture_id is None:
                    option.picture = symbol(*STAR)
        db.session.commit()
    return demo


def pdf_path(slug: str, language: str, register: str) -> str:
    return f"/c/{slug}/print/{language}/{PDF_PATHS[register]}"


@pytest.fixture(scope="session")
def _pdf_store():
    return {}


@pytest.fixture
def demo_pdf(app, pictured, _pdf_store):
    """demo_pdf(language, register) -> the bytes of the pictured demo's PDF."""
    client = app.test_client()

    def get(language: str, register: str) -> bytes:
        key = (language, register)
        if key not in _pdf_store:
            response = client.get(pdf_path(pictured["slug"], language, register))
            assert response.status_code == 200, response.status
            assert response.mimetype == "application/pdf"
            _pdf_store[key] = response.data
        return _pdf_store[key]

    return get
