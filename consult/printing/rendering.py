"""PDFs off the request path: serve a stored copy at once, or queue the render and say it is coming.

A PDF route describes the document in a ``PdfOrder`` and hands it to ``serve_or_queue``:

- a PDF stored for the fingerprint of the document's HTML (consult/printing/cache.py) is sent
  straight away;
- otherwise a background job (consult/jobs.py, kind "pdf", capped by PDF_RENDERS_AT_ONCE) renders
  it, and the person gets "Your PDF is being made" (status 202). With JavaScript the page asks again
  every few seconds (htmx) and loads the PDF once it is there; without JavaScript its "Check if your
  PDF is ready" link does the same (templates/printing/pending.html says why there is no timed
  refresh).

The job is keyed by name and fingerprint, so 50 people asking for the same new PDF queue one render.
While a render is under way, more requests for that PDF, in any web worker, do not build its HTML
again (the part of a request that costs) nor queue it again: the render is noted where every worker
sees it (consult/printing/queued.py), and they only look whether the PDF has been stored. The PDF
they then get is the one made from the data as it was when it was asked for, and the next request
checks the data again.

Rendering never happens inside a request (unless JOBS_BACKEND is "eager", as in tests), so a burst
of PDF requests costs the web servers milliseconds each, and residents answering questions do not
wait behind WeasyPrint. That holds best with REDIS_URL: renders then run in worker processes (at a
lower CPU priority); in the embedded default they run in threads of the web workers, which share
each process's interpreter lock with its requests.

Each document module has a small job function that renders with its own ``render_pdf`` and calls
``render_and_store``: questionnaire.render_stored, poster.render_stored, results.printed.render_stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from flask import abort, make_response, request

from consult import jobs
from consult.extensions import db
from consult.htmx import is_htmx, render, targets
from consult.printing import cache, queued
from consult.printing.pdf import pdf_response

log = logging.getLogger(__name__)

JOB_KIND = "pdf"
# How often the page asks whether the PDF is ready, with JavaScript (seconds).
POLL_SECONDS = 2
STATUS_ID = "pdf-status"


@dataclass(frozen=True)
class PdfOrder:
    """What one PDF request asks for: enough for a worker anywhere to render it without the request."""

    name: str  # the cache name: "questionnaire-3-cy-easy"
    language: str
    file_name: str  # the download name, with ".pdf"
    job: str  # the importable job function that renders and stores it
    document: Callable[[], tuple[str, str]]  # its HTML and title, made only when needed
    # More JSON arguments for that job (a poster's other layouts), made only when a render is queued.
    extra: Callable[[], dict] | None = None


def serve_or_queue(order: PdfOrder, public: bool):
    """The PDF when it is stored; else queue its render and answer with the "being made" page."""
    stamp = queued.noted(order.name)
    if stamp is not None:
        pdf = cache.stored_pdf(order.name, stamp)
        if pdf is None and cache.failure(order.name, stamp) is None:
            return pending_page()  # still being made: no need to build the HTML again to know
        queued.clear(order.name)
        if pdf is not None:
            return _send(pdf, stamp, order, public)
    html, title = order.document()
    stamp = cache.fingerprint(html)
    pdf = cache.stored_pdf(order.name, stamp)
    if pdf is None:
        _stop_if_failed(order.name, stamp)
        jobs.enqueue(order.job, {"name": order.name, "stamp": stamp, "html": html, "language": order.language,
                                 "title": title, **(order.extra() if order.extra else {})},
                     kind=JOB_KIND, key=f"{JOB_KIND}:{order.name}:{stamp}")
        # Made already when jobs run at once (tests), or a quick render finished meanwhile. The job
        # committed in a session of its own: end this request's read transaction first, or SQLite's
        # snapshot would hide a PDF stored in the database since. (A GET changes nothing to lose.)
        db.session.rollback()
        pdf = cache.stored_pdf(order.name, stamp)
        if pdf is None:
            _stop_if_failed(order.name, stamp)
            queued.note(order.name, stamp)
            return pending_page()
    return _send(pdf, stamp, order, public)


def _send(pdf: bytes, stamp: str, order: PdfOrder, public: bool):
    if is_htmx():
        # The page's check found it ready: htmx loads the address itself as a whole page.
        response = make_response("", 200)
        response.headers["HX-Redirect"] = request.full_path.rstrip("?")
        return response
    return pdf_response(pdf, stamp, order.file_name, public=public)


def _stop_if_failed(name: str, stamp: str) -> None:
    """A render of exactly this PDF failed: the error page (500), as when rendering ran in the request."""
    reason = cache.failure(name, stamp)
    if reason is None:
        return
    log.error("PDF %s could not be made: %s", name, reason)
    # Cleared, so the next visit tries again (the cause may have been passing).
    cache.clear_failure(name, stamp)
    db.session.commit()
    abort(500)


def pending_page():
    if targets(STATUS_ID):
        # Still being made: nothing to swap, the page keeps asking.
        response = make_response("", 204)
    else:
        response = render("printing/pending.html", status=202, poll_seconds=POLL_SECONDS, status_id=STATUS_ID,
                          check_url=request.full_path.rstrip("?"))
    response.headers["Cache-Control"] = "no-store"  # the next visit must ask again
    response.vary.add("HX-Request")
    return response


def render_and_store(name: str, stamp: str, render_pdf: Callable[[], bytes]) -> None:
    """Render one PDF and store it under its fingerprint; a failure is stored too, then raised."""
    if cache.stored_pdf(name, stamp) is not None:
        return  # another worker made it since the job was queued
    try:
        pdf = render_pdf()
    except Exception as error:
        db.session.rollback()
        cache.store_failure(name, stamp, f"{type(error).__name__}: {error}")
        db.session.commit()
        raise
    cache.store_pdf(name, stamp, pdf)
    db.session.commit()  # database storage: the bytes are saved with the session
