"""The code staff paste into their own website's page: a frame, a plain link, and our resizing script.

Built from the public address only (consult/addresses.py), never this request's Host. One code per
language the consultation is offered in: the frame opens it in that language, and the frame's title
and the link's words are in that language too (English words for a language without a catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template, url_for
from flask_babel import force_locale

from consult.addresses import public_base_url
from consult.i18n import FORMAT_LOCALES, ContentCatalogue, text_direction

# Without JavaScript (or before the first message) the frame is this tall: a start page and most
# question pages fit on a laptop's screen without a second scroll bar.
FALLBACK_HEIGHT = 1000


@dataclass(frozen=True)
class EmbedCode:
    language: str
    code: str


def embed_code(consultation, language: str) -> str | None:
    """The HTML to copy, or None while the site's public address is not set."""
    base = public_base_url()
    if base is None:
        return None
    texts = ContentCatalogue.load([consultation.title_id], language=language,
                                  default_language=consultation.default_language)
    title = texts(consultation.title_id)
    interface = language if language in current_app.config["LANGUAGES"] else "en"
    with force_locale(FORMAT_LOCALES.get(interface, interface)):
        return render_template(
            "embed/snippet.html",
            address=base + url_for("respond.start", slug=consultation.slug, lang=language),
            script=base + url_for("static", filename="js/embed.js"),
            title=title.text if title else consultation.slug,
            language=interface, direction=text_direction(interface), height=FALLBACK_HEIGHT,
        ).strip() + "\n"


def embed_codes(consultation) -> list[EmbedCode]:
    codes = []
    for language in consultation.offered_languages:
        code = embed_code(consultation, language)
        if code is not None:
            codes.append(EmbedCode(language, code))
    return codes
