"""Reading our PDFs in tests: structure with pikepdf, text sizes and positions with pdfminer.six.

Units: everything returned here is in PDF points (1/72 inch), origin at the bottom-left of the page,
as pdfminer reports it. WeasyPrint writes the position of a tagged picture (a Figure's /A /BBox) in
CSS pixels from the top-left of the page; ``figures`` converts it (1 px = 0.75 pt).

Telling body text from the rest (``Char.role``):
- footer: the running footer (page numbers, picture credits) lives in the page's bottom margin, so
  a character whose top is below ``FOOTER_TOP`` (the bottom page margin in static/css/pdf/base.css,
  26 mm) is footer text;
- heading: in our PDFs bold is the only emphasis and every heading is bold, so a character drawn
  with a bold font (its name contains "Bold") is heading or emphasis text;
- body: everything else, i.e. regular-weight text in the page area: introductions, hints,
  instructions, answer labels.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import pikepdf
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

MM = 72 / 25.4
FOOTER_TOP = 26 * MM
PX = 0.75


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def text_of(data: bytes) -> str:
    return extract_text(io.BytesIO(data))


def page_count(data: bytes) -> int:
    return len(open_pdf(data).pages)


# -- structure ------------------------------------------------------------------------------------

def struct_elements(pdf: pikepdf.Pdf):
    """Every structure element (a pikepdf Dictionary with /S) in the tag tree, depth first."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack = [root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            stack.append(node.get("/K"))


@dataclass(frozen=True)
class Figure:
    alt: str | None
    page: int  # 0-based
    x0: float
    y0: float
    x1: float
    y1: float


def figures(pdf: pikepdf.Pdf) -> list[Figure]:
    page_index = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    found = []
    for element in struct_elements(pdf):
        if element.S != "/Figure":
            continue
        page = page_index[element.Pg.objgen]
        height = float(pdf.pages[page].MediaBox[3])
        left, top, right, bottom = (float(value) * PX for value in element.A.BBox)
        alt = str(element.Alt) if "/Alt" in element else None
        found.append(Figure(alt, page, left, height - bottom, right, height - top))
    return found


def fonts(pdf: pikepdf.Pdf):
    """(name, embedded) for every font used on any page, inside forms (SVG pictures) too."""
    seen = set()

    def walk_resources(resources):
        if resources is None:
            return
        for font in (resources.get("/Font") or {}).values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            yield str(font.get("/BaseFont", "?")), _embedded(font)
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.objgen not in seen and xobject.get("/Subtype") == "/Form":
                seen.add(xobject.objgen)
                yield from walk_resources(xobject.get("/Resources"))

    for page in pdf.pages:
        yield from walk_resources(page.obj.get("/Resources"))


def _embedded(font) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # drawn with PDF operators: nothing to embed
    descriptors = [font.get("/FontDescriptor")]
    descriptors += [descendant.get("/FontDescriptor") for descendant in font.get("/DescendantFonts", [])]
    return any(descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
               for descriptor in descriptors)


# -- text -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Char:
    text: str
    size: float
    font: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def role(self) -> str:
        if self.y1 < FOOTER_TOP:
            return "footer"
        if "Bold" in self.font:
            return "heading"
        return "body"


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


def _layout(data: bytes):
    return extract_pages(io.BytesIO(data), laparams=LAParams())


def chars(data: bytes) -> list[Char]:
    found = []
    for page_number, page in enumerate(_layout(data)):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                for item in line:
                    if isinstance(item, LTChar) and item.get_text().strip():
                        found.append(Char(item.get_text(), round(item.size, 1), item.fontname, page_number,
                                          item.x0, item.y0, item.x1, item.y1))
    return found


def lines(data: bytes) -> list[Line]:
    found = []
    for page_number, page in enumerate(_layout(data)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        found.append(Line(line.get_text().strip(), page_number, line.x0, line.y0, line.x1, line.y1))
    return found


def sizes_by_role(data: bytes) -> dict[str, Counter]:
    """How many characters are drawn at each size, for body, heading and footer text."""
    counts: dict[str, Counter] = {"body": Counter(), "heading": Counter(), "footer": Counter()}
    for char in chars(data):
        counts[char.role][char.size] += 1
    return counts


# -- reading order --------------------------------------------------------------------------------
# A PDF draws a line's glyphs from left to right, so right-to-left text sits in the text layer in
# visual order. Readers that know the script (screen readers, search, copying) take each line and turn
# it round, keeping runs of left-to-right text (digits, Latin words) as they are. A glyph that stands
# for several letters (a lam-alef ligature) keeps its letters in logical order inside the visual
# line, so once turned round they are swapped: that is the garbling these helpers let a test see.

# A run of left-to-right text inside a right-to-left line: starts and ends with a Latin letter or a
# digit (European or Arabic-Indic: numbers are written left to right in Arabic too) and holds no
# Arabic letter; spaces and punctuation between such characters belong to the run.
_LTR_CHAR = r"[0-9A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0660-\u0669\u06F0-\u06F9]"
_ARABIC_LETTER = r"\u0621-\u065F\u0670-\u06D3\u06FA-\u06FF\u0750-\u077F"
_LTR_RUN = re.compile(rf"{_LTR_CHAR}(?:[^{_ARABIC_LETTER}]*{_LTR_CHAR})?")
_WORD_EDGES = "".join(chr(code) for code in range(0x2000, 0x2070)) + ".,:;!?()[]{}\"'«»“”‘’،؛؟…/-"


def _chars_in_drawing_order(item):
    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _chars_in_drawing_order(child)


def drawn_lines(data: bytes) -> list[str]:
    """Every printed line's text in the order the glyphs are drawn (the raw text layer).

    Read straight from the content stream (no layout analysis, which would guess spaces and split
    raised accents into lines of their own): a new line starts where the baseline moves; combining
    marks (Arabic vowel signs) stay on the line of the letter they sit on.
    """
    found = []
    for page in extract_pages(io.BytesIO(data), laparams=None):
        current: list[str] = []
        baseline = None
        for char in _chars_in_drawing_order(page):
            text = char.get_text()
            mark = bool(text) and all(unicodedata.category(c).startswith("M") for c in text)
            if mark:
                current.append(text)
                continue
            if baseline is not None and abs(char.y0 - baseline) > char.size / 2:
                found.append("".join(current))
                current = []
            baseline = char.y0
            current.append(text)
        if current:
            found.append("".join(current))
    return [line for line in found if line.strip()]


def logical_line(drawn: str, direction: str) -> str:
    """A drawn line in reading order: right-to-left lines turned round, their left-to-right runs kept."""
    if direction != "rtl":
        return drawn
    return _LTR_RUN.sub(lambda run: run.group(0)[::-1], drawn[::-1])


def words(text: str) -> list[str]:
    """The words of a text, without the punctuation around them, in Unicode's composed form (so two
    vowel signs on one letter compare equal whichever order they were stored in)."""
    found = []
    for piece in unicodedata.normalize("NFC", text).split():
        word = piece.strip(_WORD_EDGES)
        if word:
            found.append(word)
    return found


def words_read(data: bytes, direction: str) -> set[str]:
    """Every word a reader that knows the script gets from the PDF's text layer."""
    return {word for line in drawn_lines(data) for word in words(logical_line(line, direction))}
