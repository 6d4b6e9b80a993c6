"""Printable questionnaires: easy read and large print, one PDF per language of a consultation.

Public for published consultations; editors and admins may also print a draft to check it.
A PDF not made yet is rendered in the background while the person sees "Your PDF is being made"
(consult/printing/rendering.py).
"""

from __future__ import annotations

from flask import Blueprint, abort, url_for
from flask_babel import format_decimal

from consult.addresses import public_base_url
from consult.htmx import render
from consult.loading import load_consultation, may_preview_unpublished
from consult.models.consultation import DRAFT
from consult.models.content import EASY, STANDARD
from consult.printing.easy_read import easy_read_languages
from consult.printing.pdf import page_numbers
from consult.printing.poster import poster_order
from consult.printing.questionnaire import questionnaire_order, stored_size
from consult.printing.rendering import serve_or_queue
from consult.snapshots import snapshot_by_slug
from consult.translating import gettext as _

bp = Blueprint("printing", __name__)

@bp.get("/c/<slug>/print/<language>/easy-read.pdf")
def easy_read(slug, language):
    return _questionnaire(slug, language, EASY)


@bp.get("/c/<slug>/print/<language>/large-print.pdf")
def large_print(slug, language):
    return _questionnaire(slug, language, STANDARD)


def _questionnaire(slug: str, language: str, register: str):
    # The compiled consultation (one cheap query) answers what the address may ask for; the models
    # are loaded only if the PDF's HTML must be built (not while it is being made: a burst of requests).
    snapshot = snapshot_by_slug(slug)
    if snapshot is None or language not in snapshot.consultation.offered_languages:
        abort(404)
    draft = snapshot.consultation.status == DRAFT
    if draft and not may_preview_unpublished():
        abort(404)
    # No easy-read PDF in a language without easy-read texts: it would be the standard words.
    if register == EASY and language not in snapshot.easy_languages:
        abort(404)
    order = questionnaire_order(snapshot.consultation, language, register, load=lambda: load_consultation(slug))
    return serve_or_queue(order, public=not draft)


@bp.app_template_global("pdf_page_numbers")
def pdf_page_numbers():
    return page_numbers()


@bp.app_template_global("printed_versions")
def printed_versions(consultation, language: str) -> list[dict]:
    """Links to the printable questionnaires in one language, for the start page.

    The size is shown when a copy is already stored (it is, after the first download); working it
    out otherwise would mean making the PDF while the page loads. A language without easy-read
    texts gets no easy-read questionnaire.
    """
    versions = []
    for register, endpoint, name in ((EASY, "printing.easy_read", _("Easy read questionnaire")),
                                     (STANDARD, "printing.large_print", _("Large print questionnaire"))):
        if register == EASY and language not in easy_read_languages(consultation):
            continue
        size = stored_size(consultation, language, register)
        if size is None:
            details = _("PDF")
        else:
            kilobytes = format_decimal(max(1, round(size / 1024)))
            details = _("PDF, %(size)s KB", size=kilobytes)
        versions.append({"name": name, "details": details, "register": register,
                         "href": url_for(endpoint, slug=consultation.slug, language=language)})
    return versions


# --- Posters and flyers with a QR code (consult/printing/poster.py) ---

@bp.get("/c/<slug>/print/<language>/poster.pdf")
def poster(slug, language):
    return _poster(slug, language, "poster")


@bp.get("/c/<slug>/print/<language>/flyer.pdf")
def flyer(slug, language):
    return _poster(slug, language, "flyer")


def _poster(slug: str, language: str, kind: str):
    consultation = load_consultation(slug)
    if consultation is None or language not in consultation.offered_languages:
        abort(404)
    # A poster asks people to take part: once the consultation has closed there is none to print.
    if consultation.state() == "closed":
        abort(404)
    draft = consultation.status == DRAFT
    if draft and not may_preview_unpublished():
        abort(404)
    # The address in the QR code is the configured public one, never this request's Host (which the
    # client chooses): so the PDF is the same for everyone and a shared cache may keep it. Without
    # one there is no poster (404: it does not exist yet), and the page says what staff should do.
    base_url = public_base_url()
    if base_url is None:
        return render("printing/no_public_address.html", status=404)
    return serve_or_queue(poster_order(consultation, language, kind, base_url), public=not draft)
