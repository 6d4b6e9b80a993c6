"""Helpers every template can use."""

from __future__ import annotations

from collections import ChainMap
from datetime import datetime

from flask import current_app, request, url_for
from flask.templating import Environment
from flask_babel import format_date, format_number, format_time
from markupsafe import Markup

from consult import i18n, markup, pictures
from consult.forms import form_error_list
from consult.translating import get_locale


class _TemplateGlobals(ChainMap):
    """A template's globals over the environment's, as Jinja keeps them, with keys that are a real set.

    Each ``{% from ... import %}`` asks which globals the importing page has that the imported file
    lacks (``ctx.globals_keys - template.globals.keys()``). On a ChainMap's keys view that difference
    runs in Python, one lookup through every map per global (four imports a page: 8 % of a question
    page's time in-process); on a set it runs in C. The set is made from the maps as they are at that
    moment, so a global added later is seen as before.
    """

    def keys(self):
        return set().union(*self.maps)


class ConsultEnvironment(Environment):
    def make_globals(self, d):
        return _TemplateGlobals({} if d is None else d, self.globals)


def current_language() -> str:
    """The interface language as a language code ("en", "cy"), for lang attributes and lookups."""
    return get_locale().language


def page_direction() -> str:
    return i18n.text_direction(current_language())


def content_lang(localised) -> Markup:
    """lang/dir attributes for a consultation text that fell back to another language."""
    return i18n.lang_attr(localised, current_language())


def language_links(extra=(), current: str | None = None) -> list[dict]:
    """A link to the current page in each other language: the interface languages (the
    English/Cymraeg switch), plus ``extra`` (the languages a consultation is offered in)."""
    current = current or current_language()
    languages = list(current_app.config["LANGUAGES"])
    languages += [language for language in extra if language not in languages]
    links = []
    args = _query_args() if request else {}
    endpoint = request.endpoint if request and request.endpoint else "main.home"
    view_args = dict(request.view_args or {}) if request else {}
    if request and request.method != "GET":
        # After a failed POST, link to the same page; the form is shown again on GET.
        args = {}
    for language in languages:
        if language == current:
            continue
        try:
            href = url_for(endpoint, **{**args, **view_args, "lang": language})
        except Exception:  # an endpoint that cannot be rebuilt, such as a 404
            href = url_for("main.home", lang=language)
        links.append({"code": language, "name": i18n.language_name(language), "href": href})
    return links


def version_link(view=None, register: str | None = None) -> str:
    """This page in the other version (easy read or standard); after a failed POST, the start page.

    Without a consultation (``view``), ``register`` is the resident's choice, which is kept for the
    pages that follow (consult.respond.context.remember_register): the switch works from the home page too.
    """
    register = view.register if view is not None else register
    other = "standard" if register == "easy" else "easy"
    if request.method == "GET" and request.endpoint:
        return url_for(request.endpoint, **{**_query_args(), **(request.view_args or {}), "register": other})
    if view is not None:
        return url_for("respond.start", slug=view.slug, register=other)
    return url_for("main.home", register=other)


def public_page() -> bool:
    """A page residents see (not /staff/...): it has the Easy read switch and a meta description."""
    return not (request and request.path.startswith("/staff"))


def _query_args() -> dict[str, str]:
    """This request's query, to carry over to a link to the same page in another language or version.

    Names url_for takes for itself (endpoint, _external, _scheme...) are left out: in a query someone
    typed they would be an error, not a link.
    """
    return {key: value for key, value in request.args.items() if key != "endpoint" and not key.startswith("_")}


def london_date(value: datetime | None) -> str:
    """A date as people in the UK expect it, in the interface language ("5 March 2027")."""
    if value is None:
        return ""
    # Flask-Babel reads naive times as UTC and shows them in BABEL_DEFAULT_TIMEZONE.
    return format_date(value, format="long")


def london_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    # The long date and the short time, joined the language's own way ("13 February 2027, 23:59";
    # Arabic uses its own comma).
    return get_locale().datetime_formats["long"].format(format_time(value, format="short"),
                                                        format_date(value, format="long"))


def template_globals() -> dict:
    return {
        "current_language": current_language,
        "page_direction": page_direction,
        "content_lang": content_lang,
        "language_links": language_links,
        "version_link": version_link,
        "public_page": public_page,
        "london_date": london_date,
        "london_datetime": london_datetime,
        "language_name": i18n.language_name,
        "staff_language_name": i18n.language_name_for_staff,
        "text_direction": i18n.text_direction,
        "format_number": format_number,
        "form_error_list": form_error_list,
        "picture_url": pictures.picture_url,
        "symbol_url": pictures.symbol_url,
        # Consultation texts with their safe Markdown (consult/markup.py: the one place that renders it).
        "rich_text": markup.rich_text,
        "rich_lines": markup.rich_lines,
        "printed_lines": markup.printed_lines,
    }
