"""Signed-in staff for the builder tests (the shared ``signed_in`` fixture, by role)."""

import pytest


@pytest.fixture
def editor(signed_in):
    return signed_in("editor")


@pytest.fixture
def htmx_editor(signed_in):
    return signed_in("editor", htmx=True)


@pytest.fixture
def analyst(signed_in):
    return signed_in("analyst")
