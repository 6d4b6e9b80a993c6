"""Printable questionnaires: easy read and large print, one PDF per language of a consultation.

Public for published consultations; editors and admins may also print a draft to check it.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from consult.addresses import public_base_url
from consult.htmx import render
from consult.models.consultation import DRAFT
from consult.models.content import EASY, STANDARD
from consult.printing.pdf import page_numbers
from consult.printing.poster import poster_file_name, poster_pdf
from consult.printing.questionnaire import pdf_name, questionnaire_pdf, stored_size
from consult.respond.services import load_consultation

bp = Blueprint("printing", __name__)

# A published questionnaire changes rarely; a short shared-cache life still shows edits soon.
PUBLIC_MAX_AGE = 300


@bp.get("/c/<slug>/print/<language>/easy-read.pdf")
def easy_read(slug, language):
    return _questionnaire(slug, language, EASY)


@bp.get("/c/<slug>/print/<language>/large-print.pdf")
def large_print(slug, language):
    return _questionnaire(slug, language, STANDARD)


def _may_print_drafts() -> bool:
    return current_user.is_authenticated and current_user.role in ("admin", "editor")


def _questionnaire(slug: str, language: str, register: str):
    consultation = load_consultation(slug)
    if consultation is None or language not in consultation.offered_languages:
        abort(404)
    draft = consultation.status == DRAFT
    if draft and not _may_print_drafts():
        abort(404)
    pdf, stamp = questionnaire_pdf(consultation, language, register)
    return pdf_response(pdf, stamp, f"{pdf_name(consultation, language, register)}.pdf", public=not draft)


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


@bp.app_template_global("pdf_page_numbers")
def pdf_page_numbers():
    return page_numbers()


@bp.app_template_global("printed_versions")
def printed_versions(consultation, language: str) -> list[dict]:
    """Links to the printable questionnaires in one language, for the start page.

    The size is shown when a copy is already stored (it is, after the first download); working it
    out otherwise would mean making the PDF while the page loads.
    """
    versions = []
    for register, endpoint, name in ((EASY, "printing.easy_read", _("Easy read questionnaire")),
                                     (STANDARD, "printing.large_print", _("Large print questionnaire"))):
        size = stored_size(consultation, language, register)
        if size is None:
            details = _("PDF")
        else:
            kilobytes = format_decimal(max(1, round(size / 1024)))
            details = _("PDF, %(size)s KB", size=kilobytes)
        versions.append({"name": name, "details": details,
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
    draft = consultation.status == DRAFT
    if draft and not _may_print_drafts():
        abort(404)
    # The address in the QR code is the configured public one, never this request's Host (which the
    # client chooses): so the PDF is the same for everyone and a shared cache may keep it. Without
    # one there is no poster (404: it does not exist yet), and the page says what staff should do.
    base_url = public_base_url()
    if base_url is None:
        return render("printing/no_public_address.html", status=404)
    pdf, stamp = poster_pdf(consultation, language, kind, base_url)
    return pdf_response(pdf, stamp, poster_file_name(consultation, language, kind), public=not draft)
