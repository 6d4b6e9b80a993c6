"""Interface locale, text direction, and the lookup of consultation content by language and register."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from flask import current_app, request, session
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from consult.extensions import db
from consult.models import TextVariant
from consult.models.content import STANDARD

LANGUAGE_SESSION_KEY = "lang"
# The Babel locale used for a language: its catalogue, and how dates and numbers are written.
# English here is British English ("5 March 2027", not "March 5, 2027").
FORMAT_LOCALES = {"en": "en_GB"}


def supported_languages() -> list[str]:
    return current_app.config["LANGUAGES"]


def select_locale() -> str:
    language = select_language()
    return FORMAT_LOCALES.get(language, language)


def content_languages() -> list[str]:
    return current_app.config["CONTENT_LANGUAGES"]


def requested_language() -> str | None:
    """The language the person asked for (?lang=, or remembered), which may be content-only (Polish)."""
    if not request:
        return None
    known = set(supported_languages()) | set(content_languages())
    asked = request.args.get("lang")
    if asked in known:
        return asked
    remembered = session.get(LANGUAGE_SESSION_KEY)
    return remembered if remembered in known else None


def select_language() -> str:
    """The interface language: the one asked for if we have a catalogue for it, then the staff
    member's own, then the browser's, then English."""
    supported = supported_languages()
    if request:
        asked = requested_language()
        if asked in supported:
            return asked
        if current_user and current_user.is_authenticated and current_user.locale in supported:
            return current_user.locale
        best = request.accept_languages.best_match(supported)
        if best:
            return best
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_language() -> None:
    """Keep a ?lang= choice for the following pages (a before_request hook)."""
    keep_language(request.args.get("lang"))


def keep_language(language: str | None) -> None:
    """Use this language on the following pages, if we know it."""
    if language in supported_languages() or language in content_languages():
        session[LANGUAGE_SESSION_KEY] = language


@lru_cache(maxsize=64)
def text_direction(language: str) -> str:
    try:
        order = Locale.parse(language).character_order
    except (ValueError, LookupError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


@lru_cache(maxsize=64)
def language_name(language: str) -> str:
    """A language's name in that language ("Cymraeg"), for language links."""
    try:
        return Locale.parse(language).get_display_name(language).capitalize()
    except (ValueError, LookupError):
        return language


def language_name_for_staff(language: str) -> str:
    """A language's name in the interface language ("Welsh" for English-speaking staff)."""
    from consult.translating import get_locale

    try:
        return Locale.parse(language).get_display_name(get_locale()).capitalize()
    except (ValueError, LookupError):
        return language


@dataclass(frozen=True)
class Localised:
    """Text from a consultation, and the language and register it actually came from."""

    text: str
    lang: str
    register: str

    def __str__(self) -> str:
        return self.text


class ContentCatalogue:
    """All variants of a set of text blocks, looked up with one fallback rule.

    Order: the chosen language in the chosen register, the chosen language in standard, then the
    consultation's default language in the chosen register, then in standard.
    """

    def __init__(self, variants: dict[int, dict[tuple[str, str], str]], language: str, register: str,
                 default_language: str):
        self._variants = variants
        self.language = language
        self.register = register
        self.default_language = default_language

    @classmethod
    def load(cls, block_ids, language: str, default_language: str, register: str = STANDARD):
        ids = sorted({block_id for block_id in block_ids if block_id is not None})
        variants: dict[int, dict[tuple[str, str], str]] = defaultdict(dict)
        if ids:
            rows = db.session.execute(
                select(TextVariant.block_id, TextVariant.language, TextVariant.register, TextVariant.body)
                .where(TextVariant.block_id.in_(ids))
            )
            for block_id, lang, register_, body in rows:
                variants[block_id][(lang, register_)] = body
        return cls(dict(variants), language, register, default_language)

    def _order(self):
        seen = []
        for lang in (self.language, self.default_language):
            for register in (self.register, STANDARD):
                if (lang, register) not in seen:
                    seen.append((lang, register))
        return seen

    def languages_with(self, register: str) -> set[str]:
        """Languages with at least one text in ``register`` among the loaded blocks."""
        return {lang for found in self._variants.values() for (lang, register_), body in found.items()
                if register_ == register and body}

    def get(self, block_id: int | None) -> Localised | None:
        """The text for a block id (pass ``question.prompt_id``, not ``question.prompt``: no query)."""
        if block_id is None:
            return None
        found = self._variants.get(block_id, {})
        for key in self._order():
            body = found.get(key)
            if body:
                return Localised(body, *key)
        # Last resort, for lists that mix consultations with different own languages (the home
        # page): any standard text, marked with the language it is in.
        for (lang, register), body in sorted(found.items()):
            if body and register == STANDARD:
                return Localised(body, lang, register)
        return None

    __call__ = get


def lang_attr(localised: Localised | None, page_language: str) -> Markup:
    """` lang="cy"` when a text came from another language than the page's, else nothing."""
    if localised is None or localised.lang == page_language:
        return Markup("")
    return Markup(' lang="%s" dir="%s"') % (localised.lang, text_direction(localised.lang))
