"""Translated words and the reader's locale, as Flask-Babel gives them, with its lookups done once.

Flask-Babel finds the locale and its catalogue again on every call, through several of Flask's
context proxies and Babel's ``str(locale)``: measured here, about 10 µs for ``get_locale()`` and
30 µs for one ``gettext``. A question page asks a few dozen times; a results page asks about two
thousand times (every label, count and percentage), which was a third of its time.

So this module keeps, beside Flask-Babel's own state for the current app context (``g``), the
locale it chose, its name and its catalogue, and trusts them while Flask-Babel's locale is that
same object. ``force_locale`` (a PDF or an email in another language) swaps that object, so the
words follow it. Outside an app context everything is Flask-Babel's own.

Use these instead of Flask-Babel's ``gettext``, ``ngettext``, their lazy forms and ``get_locale``; templates get them
through ``install`` (``_``, ``gettext`` and ``ngettext`` in Jinja).
"""

from __future__ import annotations

import flask_babel
from babel import Locale
from flask import Flask
from flask.globals import _cv_app
from flask_babel import LazyString


class _Chosen:
    """One locale as Flask-Babel chose it for this app context: the object, its name, its catalogue."""

    __slots__ = ("locale", "name", "catalogue")

    def __init__(self, locale: Locale):
        self.locale = locale
        self.name = str(locale)
        self.catalogue = flask_babel.get_translations()


def _chosen() -> _Chosen | None:
    context = _cv_app.get(None)
    if context is None:
        return None
    state = context.g.__dict__.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    if locale is None:
        # Not chosen yet in this context (or Flask-Babel was told to choose again): let it choose.
        locale = flask_babel.get_locale()
        if locale is None:
            return None
        state = context.g.__dict__.get("_flask_babel")
    kept = getattr(state, "consult_chosen", None)
    if kept is None or kept.locale is not locale:
        kept = state.consult_chosen = _Chosen(locale)
    return kept


def get_locale() -> Locale | None:
    """Flask-Babel's ``get_locale``."""
    chosen = _chosen()
    return flask_babel.get_locale() if chosen is None else chosen.locale


def locale_name() -> str:
    """``str(get_locale())``, e.g. "cy" or "en_GB", without building the string again."""
    chosen = _chosen()
    return str(flask_babel.get_locale()) if chosen is None else chosen.name


def _catalogue():
    chosen = _chosen()
    return flask_babel.get_translations() if chosen is None else chosen.catalogue


def gettext(string: str, **variables) -> str:
    """Flask-Babel's ``gettext``: the words in the reader's language, ``%(name)s`` filled in."""
    text = _catalogue().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """Flask-Babel's ``ngettext``: the plural form for ``num``, which ``%(num)s`` may show."""
    variables.setdefault("num", num)
    return _catalogue().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables) -> LazyString:
    """Flask-Babel's ``lazy_gettext``: translated when shown (form labels, made before any request)."""
    return LazyString(gettext, string, **variables)


def lazy_ngettext(singular: str, plural: str, num: int, **variables) -> LazyString:
    return LazyString(ngettext, singular, plural, num, **variables)


def install(app: Flask) -> None:
    """Templates' ``_``, ``gettext``, ``ngettext`` (and the p- forms) through these lookups, after Babel's init."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: _catalogue().ugettext(string),
        ngettext=lambda singular, plural, num: _catalogue().ungettext(singular, plural, num),
        newstyle=True,
        pgettext=lambda context, string: _catalogue().upgettext(context, string),
        npgettext=lambda context, singular, plural, num: _catalogue().unpgettext(context, singular, plural, num),
    )
