"""Staff accounts for the statements tests (the auth tests' own fixtures), and small page readers."""

from __future__ import annotations

import pytest

from tests.auth.conftest import admin, staff  # noqa: F401  (one account per role; a signed-in admin)

ACCESSIBILITY_HEADINGS = ["Using this website", "Compliance status", "Non-accessible content",
                          "If you need information in a different format", "Reporting accessibility problems",
                          "Enforcement procedure", "How we tested this website", "About this statement"]
PRIVACY_HEADINGS = ["Who we are", "What we collect", "Why we use it, and our lawful basis", "Who sees it",
                    "How long we keep it", "Your rights", "Cookies", "How to complain", "About this notice"]


def headings(page) -> list[str]:
    return [h2.get_text(" ", strip=True) for h2 in page.soup.select("main h2")]


def section(page, heading_id: str):
    """The words under one heading (the element after the h2 with this id)."""
    return page.soup.find(id=heading_id).find_next_sibling()


@pytest.fixture
def edit_form():
    """The path of a statement's edit page."""
    return lambda kind, language="en": f"/staff/statements/{kind}/{language}"
