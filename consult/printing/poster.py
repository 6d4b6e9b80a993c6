"""Posters (A4) and flyers (A5) that bring people from a wall or a counter to the consultation.

One PDF per offered language, with the title, a short summary, the closing date, a large QR code
and the address in large type for those who would rather type it, and how to ask for a paper copy.

Choices made here:
- The title is the standard one, the words people will see at the top of the page they reach; the
  summary is the easy-read one where it exists (a poster is read in passing, from a distance, by
  everyone), else the standard one.
- The QR code is drawn by the ``qrcode`` library as an SVG path (no Pillow) and shown as an
  ``<img>`` with alt text, so the tagged PDF carries it as a Figure with its words. The SVG is made
  in memory and served to WeasyPrint by a fetcher that knows this one extra file and otherwise
  only our own static files.
- The address is absolute, on the configured public address (consult/addresses.py), never the
  request's Host: the caller passes it in and nothing here reads the request, so the PDF is the same
  whoever asks and no request header can make a new one. A poster in a language other than the
  consultation's own adds ``?lang=`` so the page opens in the poster's language.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from flask import render_template, url_for
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcherResponse

from consult import i18n
from consult.i18n import ContentCatalogue
from consult.models.content import EASY, STANDARD
from consult.printing import cache
from consult.printing.pdf import BASE_URL, LocalFetcher, app_fetcher, render_pdf
from consult.printing.rendering import PdfOrder, render_and_store
from consult.printing.return_address import ReturnAddress, return_address
from consult.templating import london_date
from consult.translating import gettext as _

# The next events in the room: a poster has room for a few lines, a flyer (A5) for one.
POSTER_EVENTS = {"poster": 3, "flyer": 1}


def poster_events(consultation, language: str, kind: str):
    from consult.events.present import event_views

    return event_views(consultation, language, limit=POSTER_EVENTS[kind])

TEMPLATE = "pdf/poster.html"
# Paper size per kind of print; the stylesheet lays each out on its own named page.
SIZES = {"poster": "A4", "flyer": "A5"}
# Where the QR code appears inside the PDF's HTML; only PosterFetcher serves these addresses.
GENERATED_PREFIX = "/generated/"
# The roomy layout first; when the words do not fit on one page, the compact one (smaller type, the
# code beside the address): see static/css/pdf/poster.css.
LAYOUTS = ("roomy", "compact")


@dataclass(frozen=True)
class PrintedPoster:
    kind: str
    language: str
    direction: str
    title: str
    document_title: str
    summary: str | None
    closing_date: str
    minutes: int
    address: str
    short_address: str
    qr_src: str
    qr_alt: str
    contact: str | None
    contact_email: str | None
    # Issue 13, item 12: both dates, the address in pieces that never break inside a word, and the
    # other ways to take part (paper: where to post it; phone: the number to ring).
    opening_date: str = ""
    address_parts: tuple[str, ...] = ()
    address_size: str = "large"
    return_address: ReturnAddress | None = None
    phone: str | None = None
    # Events in the room (consult/events): the next few, shown by templates/events/_poster.html.
    events: tuple = ()

    @property
    def paper_size(self) -> str:
        return SIZES[self.kind]


class PosterFetcher(LocalFetcher):
    """Our own files, plus files made for this one document (the QR code), served from memory."""

    def __init__(self, base: LocalFetcher, generated: dict[str, bytes]):
        super().__init__(base.sources)
        self.generated = generated

    def fetch(self, url, headers=None):
        # BASE_URL ends with "/": keep that slash as the start of the path.
        path = url[len(BASE_URL) - 1:] if url.startswith(BASE_URL) else None
        if path in self.generated:
            return URLFetcherResponse(url, self.generated[path], {"Content-Type": "image/svg+xml"})
        return super().fetch(url, headers)


def public_address(consultation, language: str, base_url: str) -> str:
    """The consultation's start page as a full address, in the poster's language."""
    path = url_for("respond.start", slug=consultation.slug)
    if language != consultation.default_language:
        path += "?" + urlencode({"lang": language})
    return base_url.rstrip("/") + path


def short_address(address: str) -> str:
    """What people type: the address without "https://" (every browser adds it back)."""
    for scheme in ("https://", "http://"):
        if address.startswith(scheme):
            return address[len(scheme):]
    return address


# Where an address may break across lines: after a "/", before a "?" or "&". Never inside a word
# such as "equipment-service" (the template keeps each piece on one line).
_ADDRESS_BREAKS = re.compile(r"(?<=/)(?=.)|(?=[?&])")
# The address's type size by its longest unbreakable piece (in characters), so the longest piece
# still fits the width of the page: see .online__address--* in static/css/pdf/poster.css.
ADDRESS_SIZES = ((18, "large"), (26, "medium"), (36, "small"))


def address_parts(address: str) -> tuple[str, ...]:
    """The short address in the pieces a line may break between: "consult.example.org/", "c/", ..."""
    return tuple(part for part in _ADDRESS_BREAKS.split(address) if part)


def address_size(parts: tuple[str, ...]) -> str:
    longest = max((len(part) for part in parts), default=0)
    return next((size for limit, size in ADDRESS_SIZES if longest <= limit), "smallest")


def qr_svg(address: str) -> bytes:
    """A QR code for ``address`` as SVG: medium error correction survives a scuffed or creased print;
    the library's quiet zone (4 modules) is kept so phones find the code's edge."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(address)
    code.make(fit=True)
    return code.make_image().to_string()


def _qr_name(address: str) -> str:
    # Named by its content, so the HTML (and so the cache key) changes whenever the code does.
    return f"{GENERATED_PREFIX}qr-{hashlib.sha256(address.encode('utf-8')).hexdigest()[:16]}.svg"


def gather_poster(consultation, language: str, kind: str, base_url: str) -> PrintedPoster:
    """Everything the poster shows, in the current (forced) locale's words."""
    ids = consultation.text_block_ids()
    standard = ContentCatalogue.load(ids, language=language, default_language=consultation.default_language,
                                     register=STANDARD)
    easy = ContentCatalogue.load(ids, language=language, default_language=consultation.default_language,
                                 register=EASY)
    title = _text(standard, consultation.title_id) or consultation.slug
    address = public_address(consultation, language, base_url)
    version = _("Poster") if kind == "poster" else _("Flyer")
    return PrintedPoster(
        kind=kind,
        language=language,
        direction=i18n.text_direction(language),
        title=title,
        document_title=_("%(title)s: %(version)s", title=title, version=version),
        summary=_text(easy, consultation.summary_id),
        closing_date=london_date(consultation.closed_at or consultation.closes_at),
        opening_date=london_date(consultation.opens_at),
        minutes=consultation.estimated_minutes,
        address=address,
        short_address=short_address(address),
        address_parts=address_parts(short_address(address)),
        address_size=address_size(address_parts(short_address(address))),
        return_address=return_address(consultation),
        phone=consultation.contact_phone,
        qr_src=_qr_name(address),
        qr_alt=_("QR code for the web address %(address)s", address=address),
        contact=_text(standard, consultation.contact_id),
        contact_email=consultation.contact_email,
        events=tuple(poster_events(consultation, language, kind)),
    )


def _text(texts: ContentCatalogue, block_id) -> str | None:
    found = texts(block_id)
    return found.text if found else None


def poster_document(consultation, language: str, kind: str, base_url: str,
                    layout: str = LAYOUTS[0]) -> tuple[PrintedPoster, str]:
    """What the poster shows and its HTML, with the interface words in the poster's language."""
    with force_locale(i18n.FORMAT_LOCALES.get(language, language)):
        printed = gather_poster(consultation, language, kind, base_url)
        return printed, render_template(TEMPLATE, doc=printed, layout=layout)


def poster_pdf(consultation, language: str, kind: str, base_url: str) -> tuple[bytes, str]:
    """The PDF bytes and their fingerprint; rendered again only when what the poster shows changes.

    The roomy layout's HTML is the cache key: the layout chosen follows from it.
    """
    printed, html = poster_document(consultation, language, kind, base_url)

    def render() -> bytes:
        fetcher = PosterFetcher(app_fetcher(), {printed.qr_src: qr_svg(printed.address)})
        chosen = html
        for layout in LAYOUTS[1:]:
            if _one_page(chosen, fetcher):
                break
            chosen = poster_document(consultation, language, kind, base_url, layout)[1]
        return render_pdf(chosen, language=language, title=printed.document_title, fetcher=fetcher)

    return cache.get_or_render(f"{kind}-{consultation.id}-{language}", html, render)


def poster_order(consultation, language: str, kind: str, base_url: str) -> PdfOrder:
    """What a request for a poster asks the background renderer for (consult/printing/rendering.py).

    The job gets every layout's HTML, made here where ``url_for`` works, and picks the first that fits.
    """
    def document() -> tuple[str, str]:
        printed, html = poster_document(consultation, language, kind, base_url)
        return html, printed.document_title

    def layouts() -> dict:
        printed = poster_document(consultation, language, kind, base_url)[0]
        return {"layouts": [poster_document(consultation, language, kind, base_url, layout)[1]
                            for layout in LAYOUTS[1:]],
                "qr_src": printed.qr_src, "address": printed.address}

    return PdfOrder(name=f"{kind}-{consultation.id}-{language}", language=language,
                    file_name=poster_file_name(consultation, language, kind),
                    job="consult.printing.poster.render_stored", document=document, extra=layouts)


def render_stored(name: str, stamp: str, html: str, language: str, title: str, layouts: list[str],
                  qr_src: str, address: str) -> None:
    """Background job: the first layout whose words fit on one page, rendered and stored."""
    def render() -> bytes:
        fetcher = PosterFetcher(app_fetcher(), {qr_src: qr_svg(address)})
        chosen = html
        for other in layouts:
            if _one_page(chosen, fetcher):
                break
            chosen = other
        return render_pdf(chosen, language=language, title=title, fetcher=fetcher)

    render_and_store(name, stamp, render)


def _one_page(html: str, fetcher: LocalFetcher) -> bool:
    """Whether the words fit on one page: a layout pass only (no PDF written), a tenth of a second.

    Any problem is left for ``render_pdf``, which reports it properly.
    """
    try:
        return len(HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render().pages) == 1
    except (Exception, FatalURLFetchingError):
        return True


def poster_file_name(consultation, language: str, kind: str) -> str:
    """The download name: "equipment-service-poster-cy.pdf"."""
    return f"{consultation.slug}-{kind}-{language}.pdf"
