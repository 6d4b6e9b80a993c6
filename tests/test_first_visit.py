"""A first visit stays under 45 KB over the wire, compressed by the app itself (no proxy needed).

The bytes counted are what the server sends with ``Accept-Encoding: gzip`` (what every browser
offers, also on plain HTTP): the page, its stylesheets and scripts, and the font files a browser
fetches for the page's letters (an @font-face is fetched only when the page has a letter in its
unicode-range). Sizes only: speed is measured by ``make bench``, never here.
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser

import pytest

BUDGET = 45 * 1024
GZIP = {"Accept-Encoding": "gzip, deflate"}

_FACE = re.compile(r"@font-face\s*{(.*?)}", re.S)
_URL = re.compile(r"""url\(["']?([^"')]+\.woff2)["']?\)""")
_RANGE = re.compile(r"unicode-range:\s*([^;]+);")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[str] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        for name in ("alt", "value", "placeholder", "aria-label"):
            if attrs.get(name):
                self.words.append(attrs[name])

    def handle_data(self, data):
        self.words.append(data)


def _in_range(letters: set[str], unicode_range: str) -> bool:
    for part in unicode_range.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        start, end = int(low, 16), int(high or low, 16)
        if any(start <= ord(letter) <= end for letter in letters):
            return True
    return False


def _fonts(css: str, letters: set[str], base: str) -> list[str]:
    fetched = []
    for face in _FACE.findall(css):
        url, found_range = _URL.search(face), _RANGE.search(face)
        if url and (found_range is None or _in_range(letters, found_range.group(1))):
            fetched.append(_resolve(base, url.group(1)))
    return fetched


def _resolve(base: str, relative: str) -> str:
    parts = base.rsplit("/", 1)[0].split("/")
    for piece in relative.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _transferred(client, path: str) -> tuple[int, dict[str, int]]:
    """Bytes of the page and everything it brings, as sent; and the size of each."""
    response = client.get(path, headers=GZIP)
    assert response.status_code == 200, path
    assert response.headers.get("Content-Encoding") == "gzip"  # compressed by the app itself
    sizes = {path: len(response.get_data())}
    page = _Page()
    page.feed(gzip.decompress(response.get_data()).decode())
    letters = set("".join(page.words))
    fonts = []
    for asset in page.assets:
        asset = asset.split("?")[0] if asset.startswith("/static/") else asset
        sent = client.get(asset, headers=GZIP)
        assert sent.status_code == 200, asset
        body = sent.get_data()
        sizes[asset] = len(body)
        if sent.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if sent.mimetype == "text/css":
            fonts += _fonts(body.decode(), letters, asset)
    for font in dict.fromkeys(fonts):
        sent = client.get(font, headers=GZIP)
        assert sent.status_code == 200, font
        sizes[font] = len(sent.get_data())
    return sum(sizes.values()), sizes


@pytest.mark.parametrize("language", ["en", "cy"])
def test_first_visit_to_the_home_page_and_a_question_stays_under_budget(app, demo, language):
    client = app.test_client()
    total, sizes = _transferred(client, f"/?lang={language}")
    assert total < BUDGET, sizes
    assert any(name.endswith(".woff2") for name in sizes)  # the web font is part of the visit
    # A question page: start answering, then the first question, on the same first visit.
    start = client.get(f"/c/{demo['slug']}").get_data(as_text=True)
    form = re.search(r'<form method="post" action="([^"]+)" class="start-form">.*?name="csrf_token" value="([^"]+)"',
                     start, re.S)
    started = client.post(form.group(1), data={"csrf_token": form.group(2)})
    question = started.headers["Location"]
    assert "/q/" in question
    total, sizes = _transferred(client, question)
    assert total < BUDGET, sizes


WELSH_LETTERS = set("ŵŷŴŶẁẃẅỳ")


def _welsh_question_with_circumflex(client, slug: str) -> str:
    """The first of the demo's question pages in Welsh that shows ŵ or ŷ (found, not numbered)."""
    client.get("/?lang=cy")
    start = client.get(f"/c/{slug}").get_data(as_text=True)
    form = re.search(r'<form method="post" action="([^"]+)" class="start-form">.*?name="csrf_token" value="([^"]+)"',
                     start, re.S)
    first = client.post(form.group(1), data={"csrf_token": form.group(2)}).headers["Location"]
    for number in range(1, 60):
        path = re.sub(r"/q/\d+", f"/q/{number}", first)
        page = client.get(path)
        if page.status_code == 200 and WELSH_LETTERS & set(page.get_data(as_text=True)):
            return path
    raise AssertionError("no Welsh question page of the demo shows ŵ or ŷ")


def test_a_welsh_page_with_w_and_y_circumflex_stays_under_budget(app, demo):
    """ŵ and ŷ come from a 1 KB subset (static/css/app.css), not the 7 KB latin-ext file; bold stays synthesised."""
    client = app.test_client()
    total, sizes = _transferred(client, _welsh_question_with_circumflex(client, demo["slug"]))
    fonts = [name for name in sizes if name.endswith(".woff2")]
    assert any("-welsh-" in name for name in fonts), sizes
    assert not any("latin-ext" in name for name in fonts), sizes  # the ranges do not overlap
    assert not any("-700-" in name for name in fonts), sizes
    assert total < BUDGET, sizes


def test_the_welsh_subset_has_every_welsh_letter_the_latin_file_lacks():
    from pathlib import Path

    from fontTools.ttLib import TTFont

    folder = Path(__file__).parent.parent / "static/vendor/fonts/web"
    welsh = set(TTFont(folder / "atkinson-hyperlegible-next-welsh-400-normal.woff2").getBestCmap())
    assert {ord(letter) for letter in "ŵŷŴŶẁẃẅẀẂẄỳỲŸ"} <= welsh


@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/js/app.js", "/static/vendor/htmx.min.js", "/"])
def test_pages_stylesheets_and_scripts_are_compressed(app, path):
    client = app.test_client()
    plain = client.get(path)
    assert "Content-Encoding" not in plain.headers  # a client that asks for nothing gets plain bytes
    for offered, expected in [("gzip", "gzip"), ("gzip, deflate, br", "br")]:
        sent = client.get(path, headers={"Accept-Encoding": offered})
        assert sent.headers["Content-Encoding"] == expected
        assert len(sent.get_data()) < len(plain.get_data()) / 2
        assert "Accept-Encoding" in sent.headers["Vary"]


def test_fonts_and_pictures_are_not_compressed_again(app):
    client = app.test_client()
    font = client.get("/static/vendor/fonts/web/atkinson-hyperlegible-next-latin-400-normal.woff2", headers=GZIP)
    assert font.status_code == 200 and "Content-Encoding" not in font.headers
