"""HTML to a tagged PDF (PDF/UA-1) with WeasyPrint: our own files only, and no silent errors.

Shared by every printed document (questionnaires now, results later). What it guarantees:

- The PDF is tagged, with ``/Lang``, a title that viewers show, and PDF/UA metadata. WeasyPrint
  does not carry inner ``lang`` attributes into the PDF, so a PDF holds ONE language: the caller
  passes it, and it must match the ``<html lang>`` of the document.
- Every address the HTML or CSS mentions is loaded by ``LocalFetcher``: our static files and
  uploaded pictures (from the file store, consult/storage.py), nothing else (no ``file://``, no network, no ``..``). A refused address
  stops the rendering with ``RefusedURL``.
- Any ERROR that WeasyPrint logs while rendering (an ``<img>`` without alt text is left untagged;
  a picture it cannot read is left out) makes ``render_pdf`` raise ``PdfError`` listing them, so a
  broken PDF is never handed to a resident as if it were fine.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from flask import Response, current_app, request
from markupsafe import Markup, escape
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse
from werkzeug.security import safe_join

from consult.pictures import SYMBOL_KIND, picture_url, valid_upload_ref
from consult.storage import PICTURES, files
from consult.translating import gettext as _

PDF_VARIANT = "pdf/ua-1"
# WeasyPrint resolves relative addresses against this made-up origin and hands the result to the
# fetcher, which maps it to a file. ".invalid" names never resolve (RFC 2606): even a mistake here
# cannot reach the network.
BASE_URL = "https://consult.invalid/"
# Where uploaded pictures appear inside PDF HTML. Only the fetcher reads these addresses, so they
# need not match the web route that serves uploads to browsers.
UPLOAD_PREFIX = "/pictures/"
CONTENT_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


class PdfError(Exception):
    """The PDF could not be made as promised; the message says why."""


class RefusedURL(PdfError):
    """The document asked for an address outside our own files."""


@dataclass(frozen=True)
class FileSource:
    """Addresses starting with ``prefix`` are files in ``folder`` (for which ``name_ok`` holds)."""

    prefix: str
    folder: Path
    name_ok: Callable[[str], bool] | None = None


@dataclass(frozen=True)
class StoreSource:
    """Addresses starting with ``prefix`` are files in a consult.storage store (for which ``name_ok`` holds).

    Uploaded pictures: they may be in a folder, the database or S3, so they are read by name, not path.
    """

    prefix: str
    store: object
    name_ok: Callable[[str], bool]


class LocalFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only the given folders, and refuses everything else."""

    def __init__(self, sources: list[FileSource]):
        # fail_on_errors: a refused address stops the rendering instead of leaving a gap.
        super().__init__(fail_on_errors=True, allowed_protocols=("https",))
        self.sources = sources
        base = urlsplit(BASE_URL)
        self._origin = (base.scheme, base.netloc)

    def resolve(self, url: str) -> Path:
        """The file behind an address, or RefusedURL."""
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin:
            raise RefusedURL(f"not one of our files: {url}")
        path = unquote(parts.path)
        for source in self.sources:
            if isinstance(source, StoreSource) or not path.startswith(source.prefix):
                continue
            name = path[len(source.prefix):]
            if source.name_ok is not None and not source.name_ok(name):
                break
            joined = safe_join(str(source.folder), name)
            if joined is None:
                break
            found = Path(joined).resolve()
            if not found.is_relative_to(Path(source.folder).resolve()) or not found.is_file():
                break
            if found.suffix.lower() not in CONTENT_TYPES:
                break
            return found
        raise RefusedURL(f"not one of our files: {url}")

    def stored(self, url: str) -> tuple[bytes, str] | None:
        """The bytes and type of a stored file behind an address (an upload), or None if it is not one."""
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin:
            return None
        path = unquote(parts.path)
        for source in self.sources:
            if not isinstance(source, StoreSource) or not path.startswith(source.prefix):
                continue
            name = path[len(source.prefix):]
            suffix = Path(name).suffix.lower()
            if not source.name_ok(name) or suffix not in CONTENT_TYPES:
                raise RefusedURL(f"not one of our files: {url}")
            data = source.store.read(name)
            if data is None:
                raise RefusedURL(f"not one of our files: {url}")
            return data, CONTENT_TYPES[suffix]
        return None

    def fetch(self, url, headers=None):
        stored = self.stored(url)
        if stored is not None:
            return URLFetcherResponse(url, stored[0], {"Content-Type": stored[1]})
        found = self.resolve(url)
        return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": CONTENT_TYPES[found.suffix.lower()]})


def app_fetcher() -> LocalFetcher:
    """The fetcher for this app: /static/... from the static folder, /pictures/<name> from the file store."""
    app = current_app
    return LocalFetcher([
        FileSource(f"{app.static_url_path}/", Path(app.static_folder)),
        StoreSource(UPLOAD_PREFIX, files(PICTURES), name_ok=valid_upload_ref),
    ])


def picture_src(picture) -> str:
    """The address of a picture inside PDF HTML (a symbol is a static file; an upload is not)."""
    if picture.kind == SYMBOL_KIND:
        return picture_url(picture)
    return f"{UPLOAD_PREFIX}{picture.ref}"


def page_numbers() -> Markup:
    """ "Page 2 of 9" for a running footer: the numbers are CSS counters filled in on each page.

    The translated sentence is split around its two numbers so every language keeps its own order.
    """
    sentence = _("Page %(page)s of %(pages)s", page="\x00page-number\x00", pages="\x00page-count\x00")
    parts = []
    # Pieces at odd places are the placeholders' class names, the rest is the translator's words.
    for place, piece in enumerate(sentence.split("\x00")):
        parts.append(Markup('<span class="%s"></span>') % piece if place % 2 else escape(piece))
    return Markup("").join(parts)


class _ErrorCollector(logging.Handler):
    """Keeps WeasyPrint's ERROR records from this thread (another thread may be rendering too)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record):
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors():
    logger = logging.getLogger("weasyprint")
    # Alembic's fileConfig (run by migrations in the same process) disables loggers that existed
    # before it, this one included; then WeasyPrint's errors would vanish and a broken PDF pass.
    logger.disabled = False
    collector = _ErrorCollector()
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


def render_pdf(html: str, *, language: str, title: str, fetcher: LocalFetcher | None = None) -> bytes:
    """A PDF/UA-1 file from one language's HTML; raises PdfError on any WeasyPrint error."""
    fetcher = fetcher or app_fetcher()
    with _weasyprint_errors() as errors:
        try:
            document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
            if document.metadata.lang != language:
                raise PdfError(f"the HTML says lang={document.metadata.lang!r}, the PDF is for {language!r}")
            document.metadata.title = title
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
        except FatalURLFetchingError as error:
            # WeasyPrint wraps what the fetcher raised; give the caller our own exception back.
            cause = error.__cause__
            if isinstance(cause, PdfError):
                raise cause from None
            raise PdfError(str(error)) from cause
    if errors:
        raise PdfError("WeasyPrint reported errors: " + "; ".join(errors))
    return pdf


# A published PDF changes rarely; a short shared-cache life still shows edits soon.
PUBLIC_MAX_AGE = 300


def pdf_response(pdf: bytes, stamp: str, file_name: str, public: bool):
    """A PDF shown in the browser, with an ETag so a repeat visit can get 304. Public copies may be
    cached for a short while; staff previews and anything personal are never stored by the browser.

    A public copy is kept by shared caches under its URL alone (no Vary), so it must depend on
    nothing else in the request: not the Host (see consult/addresses.py), cookies or other headers.
    """
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{file_name}"'
    response.set_etag(stamp)
    if public:
        response.cache_control.max_age = PUBLIC_MAX_AGE
    else:
        response.headers["Cache-Control"] = "private, no-store"
    return response.make_conditional(request)
