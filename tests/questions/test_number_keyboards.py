"""Whole numbers and decimals share one template; each type says which phone keyboard its box asks for."""

from __future__ import annotations

import pytest

from tests.helpers import Resident
from tests.questions.test_conformance import _make


@pytest.mark.parametrize(("kind", "keyboard"), [("number", "numeric"), ("decimal", "decimal")])
def test_the_box_asks_for_the_types_keyboard(app, kind, keyboard):
    with app.app_context():
        made = _make(kind)
    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{made['slug']}"))
    box = page.soup.find("input", attrs={"name": f"q{made['question']}"})
    assert box["inputmode"] == keyboard
