"""The public "you said, we did" page of a closed consultation, in every offered language and in easy read."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from consult.auth.roles import EDITORS
from consult.auth.sessions import has_role
from consult.htmx import render
from consult.i18n import ContentCatalogue
from consult.loading import block_ids, load_consultation
from consult.models.content import EASY
from consult.pictures.loading import load_owner_pictures
from consult.printing.easy_read import has_easy_read
from consult.printing.rendering import serve_or_queue
from consult.respond.context import ConsultationView, chosen_register, content_language
from consult.results.outcomes import outcomes_of, results_public
from consult.results.printed import results_order
from consult.results.public_blueprint import public_bp
from consult.results.public_easy import easy_results
from consult.results.public_summary import public_summary
from consult.templating import content_lang, page_direction


def _may_see(consultation) -> bool:
    """Everyone once published; staff who write outcomes may look before that, to check the page."""
    if results_public(consultation):
        return True
    return current_user.is_authenticated and has_role(current_user, *EDITORS)


@public_bp.get("/<slug>")
def page(slug):
    consultation = load_consultation(slug)
    if consultation is None or consultation.status != "published" or not _may_see(consultation):
        abort(404)
    language = content_language(consultation)
    register = chosen_register()
    if register == EASY:
        return _easy_page(consultation, language)
    outcomes = outcomes_of(consultation)
    owners = [*outcomes, *consultation.questions]
    pictures = load_owner_pictures(owners) if register == "easy" else {}
    ids = block_ids(consultation)
    ids += [block_id for outcome in outcomes for block_id in (outcome.heard_id, outcome.action_id)]
    ids += [picture.alt_id for picture in pictures.values()]
    texts = ContentCatalogue.load(ids, language=language, default_language=consultation.default_language,
                                  register=register)
    summary = public_summary(consultation, texts, page_direction() == "rtl", content_lang)
    # The layout reads the view for the easy-read switch, the page's class and the content languages.
    view = ConsultationView(consultation)
    return render("results/public.html", view=view, consultation=consultation, outcomes=outcomes, t=texts,
                  pictures=pictures, summary=summary, language=language, register=register,
                  preview=not results_public(consultation), easy_pdf=has_easy_read(consultation, language))


def _easy_page(consultation, language: str):
    """Easy read: the printed "What you told us" on screen, not the statistics in bigger type."""
    return render("results/public_easy.html", view=ConsultationView(consultation), doc=easy_results(consultation, language),
                  consultation=consultation, language=language, preview=not results_public(consultation),
                  easy_pdf=has_easy_read(consultation, language))


@public_bp.get("/<slug>/print/<language>/what-you-told-us.pdf")
def easy_read_pdf(slug, language):
    """The easy-read results ("What you told us") in one language, once the results page is public."""
    consultation = load_consultation(slug)
    if (consultation is None or consultation.status != "published" or not _may_see(consultation)
            or language not in consultation.offered_languages):
        abort(404)
    # No "What you told us" in a language without easy-read texts: it would be the standard words.
    if not has_easy_read(consultation, language):
        abort(404)
    return serve_or_queue(results_order(consultation, language, EASY), public=results_public(consultation))
