"""The smallest and largest numbers staff allow on a number question stay within what the answer
column stores, with a plain message on the field (security review, finding 2)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Question
from tests.build.test_builder import _add, _consultation_id, _create, _form_index

RANGE = "Enter a number from -2,000,000,000 to 2,000,000,000"


def _number_question(signed_in, htmx=False):
    editor = signed_in("editor", htmx=htmx)
    base = f"/staff/consultations/{_consultation_id(_create(editor))}"
    return editor, _add(editor, editor.get(base), "number")


def _save(editor, page, **limits):
    return editor.submit(page, {"prompt": "How many people live in your home?", "hint": "", **limits},
                         form_index=_form_index(page, page.path))


def _settings(app):
    with app.app_context():
        return db.session.scalars(select(Question.settings)).one()


def _field_error(page, field):
    error = page.soup.find(id=f"{field}-error")
    return " ".join(error.get_text(" ", strip=True).split()) if error else None


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(("field", "typed"), [
    ("minimum", str(-(10**24))), ("maximum", str(10**24)), ("maximum", "2147483648"), ("minimum", "9" * 5000),
])
def test_limits_the_column_cannot_store_are_refused_on_the_field(app, signed_in, htmx, field, typed):
    editor, page = _number_question(signed_in, htmx)
    refused = _save(editor, page, **{field: typed})
    assert refused.status == 422, refused.text()[:300]
    assert _field_error(refused, field) == f"Error: {RANGE}"
    assert refused.soup.find(id=field)["value"] == typed
    assert any(link.get_text(strip=True) == RANGE for link in refused.soup.select(".error-summary a"))
    assert _settings(app).get("max") is None and _settings(app).get("min") is None


def test_limits_at_the_bounds_are_saved(app, signed_in):
    editor, page = _number_question(signed_in)
    saved = _save(editor, page, minimum="-2,000,000,000", maximum="2000000000")
    assert saved.status == 200, saved.text()[:300]
    assert (_settings(app)["min"], _settings(app)["max"]) == (-2_000_000_000, 2_000_000_000)


def test_words_and_a_minimum_above_the_maximum_are_refused(signed_in):
    editor, page = _number_question(signed_in)
    words = _save(editor, page, minimum="ten")
    assert words.status == 422 and _field_error(words, "minimum") == "Error: Enter a whole number, like 12"
    backwards = _save(editor, page, minimum="50", maximum="10")
    assert backwards.status == 422
    assert _field_error(backwards, "maximum") == \
        "Error: The largest number must be the same as or more than the smallest"
