"""Fixtures and steps for signing in through the test OpenID provider (tests/auth/oidc_provider.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.auth.oidc_provider import CALLBACK_PATH, TestProvider
from tests.helpers import Page, Resident


@pytest.fixture(scope="session")
def identity_provider():
    """One provider (and one RSA key) for the whole test run; reset before each test."""
    provider = TestProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def provider(identity_provider):
    identity_provider.reset()
    yield identity_provider
    identity_provider.reset()


@pytest.fixture
def provider_app(app, provider):
    """The app with sign-in through the test provider switched on (as consult/config.py would read it)."""
    app.config.update(provider.consult_config())
    # The Flask test client's own address: what Consult gives the provider as its return address.
    provider.redirect_uris.add(f"http://localhost{CALLBACK_PATH}")
    return app


def start(person: Resident, path: str = "/staff/sign-in/provider") -> str:
    """Press the provider button: the address Consult sends the browser to."""
    response = person.client.get(path)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return response.headers["Location"]


def at_provider(url: str) -> str:
    """What a browser does at the provider (signed in there already): the address it is sent back to."""
    response = requests.get(url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:300]
    return response.headers["Location"]


def come_back(person: Resident, url: str) -> Page:
    parts = urlsplit(url)
    return person.get(f"{parts.path}?{parts.query}")


def sign_in_with_provider(app, person: Resident | None = None, path: str = "/staff/sign-in/provider") -> Page:
    """The whole journey in a test-client browser; the page it ends on."""
    person = person or Resident(app.test_client())
    return come_back(person, at_provider(start(person, path)))


def query(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
