"""Each picture is on the start side of its words: left in English and Welsh, right in Arabic."""

from __future__ import annotations

import pytest

from tests import pdf_reader


def _words_beside(figure, lines):
    """Text lines on the picture's page whose middle is level with the picture."""
    return [line for line in lines
            if line.page == figure.page and figure.y0 <= (line.y0 + line.y1) / 2 <= figure.y1]


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("cy", "ltr"), ("ar", "rtl")])
def test_pictures_on_the_start_side(demo_pdf, language, direction):
    data = demo_pdf(language, "easy")
    figures = pdf_reader.figures(pdf_reader.open_pdf(data))
    lines = pdf_reader.lines(data)
    assert len(figures) > 8
    for figure in figures:
        beside = _words_beside(figure, lines)
        assert beside, f"no words beside the picture {figure.alt!r}"
        for line in beside:
            if direction == "ltr":
                assert line.x0 >= figure.x1, (figure, line)
            else:
                assert line.x1 <= figure.x0, (figure, line)


def test_question_pictures_line_up_on_the_start_edge(demo_pdf):
    """The question's own picture sits at the page's start margin (options' pictures are inset)."""
    for language in ("en", "ar"):
        data = demo_pdf(language, "easy")
        pdf = pdf_reader.open_pdf(data)
        width = float(pdf.pages[0].MediaBox[2])
        edges = [figure.x0 if language == "en" else width - figure.x1 for figure in pdf_reader.figures(pdf)]
        margin = min(edges)
        assert 40 < margin < 60  # 18 mm is 51 pt
        assert sum(1 for edge in edges if abs(edge - margin) < 1) >= 8
