"""A web worker's one-off costs paid before its first request, not by it.

The first time a worker shows a page it compiles that page's templates, loads the locale data Babel
formats numbers and text direction with, and reads a language's catalogue. For most pages that is
tens of milliseconds once; for the first printed questionnaire it was 250 ms (``make bench``: the
question page that waited behind it during a burst of PDF requests waited 400 ms). gunicorn calls
``warm_up`` in each new worker (gunicorn.conf.py), before the worker takes requests: about two
seconds of CPU per worker at start. Tests and commands, which make apps of their own, do not.
"""

from __future__ import annotations

import logging
import time

from babel import Locale
from flask import Flask
from flask_babel import force_locale
from jinja2 import TemplateError

from consult import i18n
from consult.translating import gettext

log = logging.getLogger(__name__)


def warm_up(app: Flask) -> None:
    began = time.perf_counter()
    compiled = 0
    for name in app.jinja_env.list_templates():
        try:
            app.jinja_env.get_template(name)
            compiled += 1
        except TemplateError:  # not a template (or a broken one: its page reports that itself)
            log.warning("template %s could not be compiled ahead", name, exc_info=True)
    languages = dict.fromkeys([*app.config["LANGUAGES"], *app.config.get("CONTENT_LANGUAGES", [])])
    with app.test_request_context():
        for language in languages:
            code = i18n.FORMAT_LOCALES.get(language, language)
            locale = Locale.parse(code)
            locale.character_order, locale.number_symbols  # noqa: B018 - loads the locale's data
            with force_locale(code):
                gettext("Easy read")  # reads and keeps the language's catalogue
    log.info("warmed up: %s templates, %s languages, in %.2f s", compiled, len(languages),
             time.perf_counter() - began)
