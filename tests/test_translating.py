"""consult/translating.py: Flask-Babel's words and locale with the lookups done once, and the same answers."""

from __future__ import annotations

import ast
from pathlib import Path

import flask_babel
import pytest
from flask import render_template_string

from consult import translating

CONSULT = Path(__file__).resolve().parent.parent / "consult"
FAST = {"gettext", "ngettext", "get_locale", "lazy_gettext", "lazy_ngettext"}


@pytest.mark.parametrize("language", ["en", "cy", "ar"])
def test_the_same_words_and_locale_as_flask_babel(app, language):
    with app.test_request_context(f"/?lang={language}"):
        assert translating.get_locale() is flask_babel.get_locale()
        assert translating.locale_name() == str(flask_babel.get_locale())
        assert translating.gettext("Easy read") == flask_babel.gettext("Easy read")
        assert translating.gettext("PDF, %(size)s KB", size="12") == flask_babel.gettext("PDF, %(size)s KB", size="12")
        for count in (0, 1, 2, 3, 6, 11):
            assert translating.ngettext("%(num)s response", "%(num)s responses", count) == \
                flask_babel.ngettext("%(num)s response", "%(num)s responses", count)
        assert str(translating.lazy_gettext("Easy read")) == flask_babel.gettext("Easy read")


def test_words_follow_force_locale_and_come_back(app):
    with app.test_request_context("/?lang=cy"):
        welsh = translating.gettext("Easy read")
        assert welsh != "Easy read"
        with flask_babel.force_locale("ar"):
            assert translating.locale_name() == "ar"
            assert translating.gettext("Easy read") == flask_babel.gettext("Easy read") != welsh
            assert render_template_string("{{ _('Easy read') }}") == flask_babel.gettext("Easy read")
        assert translating.gettext("Easy read") == welsh
        assert render_template_string("{{ _('Easy read') }}") == welsh


def test_a_lazy_word_is_translated_when_shown_not_when_made(app):
    word = translating.lazy_gettext("Easy read")  # made outside any request, as form labels are
    with app.test_request_context("/?lang=cy"):
        assert str(word) == flask_babel.gettext("Easy read") != "Easy read"
    with app.test_request_context("/?lang=en"):
        assert str(word) == "Easy read"


def test_outside_an_app_context_the_words_are_the_source_words():
    assert translating.gettext("Easy read") == "Easy read"
    assert translating.ngettext("%(num)s response", "%(num)s responses", 2) == "2 responses"


def test_consult_takes_these_from_translating_not_from_flask_babel():
    """Flask-Babel's own are ten times slower (see consult/translating.py): one import of them would
    quietly bring the cost back wherever it is used."""
    found = []
    for path in CONSULT.rglob("*.py"):
        if path.name == "translating.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "flask_babel":
                found += [f"{path.relative_to(CONSULT)}: {alias.name}" for alias in node.names if alias.name in FAST]
    assert found == []
