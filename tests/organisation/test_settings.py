"""Admins set the organisation's name, logo, colour, footer links and return address; nobody else can."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry
from consult.organisation import organisation
from tests.auth.support import notice
from tests.html_checks import assert_well_formed

PATH = "/staff/organisation"


def _png(width=120, height=60, colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _errors(page) -> list[str]:
    return [link.get_text(" ", strip=True) for link in page.soup.select(".error-summary__list a")]


def test_admin_saves_every_setting_and_residents_see_them(app, signed_in, resident):
    admin = signed_in("admin")
    page = admin.get(PATH)
    assert page.status == 200 and page.h1 == "Organisation"
    assert_well_formed(page)
    saved = admin.submit(page, {
        "name": "Glan Hafren Council",
        "logo": (io.BytesIO(_png()), "logo.png"),
        "logo_alt": "Glan Hafren Council logo",
        "brand_colour": "#5B1A6E",
        "footer_links-0-words": "Contact us",
        "footer_links-0-address": "https://glanhafren.example.gov.uk/contact",
        "return_address": "Freepost GLAN HAFREN\n\n  Consultations Team  \nCF10 1AA",
    })
    assert saved.path == PATH and saved.status == 200
    assert notice(saved) == "The organisation settings have been saved."

    home = resident.get("/")
    header = home.soup.select_one(".site-header__name")
    assert header.get_text(" ", strip=True) == "Glan Hafren Council"
    logo = header.find("img")
    assert logo["alt"] == "Glan Hafren Council logo"
    assert "Consult" not in home.title and home.title.endswith("– Glan Hafren Council")
    footer = {a.get_text(strip=True): a["href"] for a in home.soup.select(".site-footer a")}
    assert footer["Contact us"] == "https://glanhafren.example.gov.uk/contact"
    # The logo is served like an uploaded picture, re-encoded.
    picture = resident.client.get(logo["src"])
    assert picture.status_code == 200 and picture.mimetype == "image/png"
    assert picture.headers["X-Content-Type-Options"] == "nosniff"
    # The colour comes as a stylesheet (no inline style under the Content-Security-Policy).
    sheet = home.soup.find("link", href=lambda href: href and href.startswith("/organisation.css"))
    css = resident.client.get(sheet["href"]).get_data(as_text=True)
    assert "--brand:#5b1a6e" in css
    with app.test_request_context("/"):
        settings = organisation()
        assert settings.return_address_lines == ["Freepost GLAN HAFREN", "Consultations Team", "CF10 1AA"]
        assert settings.name == "Glan Hafren Council"
    with app.app_context():
        assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "organisation.saved")).one()


def test_without_settings_the_site_is_consult_and_has_no_colour_sheet(app, resident):
    home = resident.get("/")
    assert home.soup.select_one(".site-header__name").get_text(strip=True) == "Consult"
    assert not home.soup.select(".site-header__logo")
    assert not home.soup.find("link", href=lambda href: href and "organisation.css" in href)
    assert resident.client.get("/organisation.css").status_code == 404
    with app.test_request_context("/"):
        assert organisation().return_address_lines == []


@pytest.mark.parametrize("colour, ratio", [("#ffdd00", "1.3"), ("#7f8c8d", "3.5")])
def test_a_colour_too_light_for_white_words_is_refused_with_its_contrast(app, signed_in, colour, ratio):
    admin = signed_in("admin")
    refused = admin.submit(admin.get(PATH), {"name": "Glan Hafren Council", "brand_colour": colour})
    assert refused.status == 422
    assert _errors(refused) == [
        f"The colour {colour} is too light: white words on it have a contrast of {ratio} to 1, and need at "
        "least 4.5 to 1. Choose a darker colour."]
    assert refused.soup.find(id="brand_colour")["value"] == colour  # what they typed is kept
    assert refused.title.startswith("Error:")
    assert_well_formed(refused)


def test_a_colour_that_is_not_a_colour_is_refused(signed_in):
    admin = signed_in("admin")
    refused = admin.submit(admin.get(PATH), {"name": "Council", "brand_colour": "dark green"})
    assert _errors(refused) == ["Enter the colour as a # and 6 letters or digits, like #1d4d3f"]


def test_logo_checks_file_and_alt_text(app, signed_in):
    admin = signed_in("admin")
    not_a_picture = admin.submit(admin.get(PATH), {"name": "Council", "logo_alt": "Logo",
                                                   "logo": (io.BytesIO(b"<svg onload=alert(1)>"), "logo.png")})
    assert not_a_picture.status == 422
    assert _errors(not_a_picture) == ["The picture must be a PNG or JPEG file"]
    no_alt = admin.submit(admin.get(PATH), {"name": "Council", "logo": (io.BytesIO(_png()), "logo.png")})
    assert _errors(no_alt) == ["Describe the logo in a few words, like “Glan Hafren Council logo”"]
    with app.test_request_context("/"):
        assert organisation().logo_ref is None
    kept = admin.submit(admin.get(PATH), {"name": "Council", "logo_alt": "Council logo",
                                          "logo": (io.BytesIO(_png()), "logo.png")})
    assert kept.status == 200
    # Removing the logo takes its description with it.
    removed = admin.submit(admin.get(PATH), {"remove_logo": "y"})
    assert removed.status == 200
    with app.test_request_context("/"):
        assert organisation().logo_ref is None and organisation().logo_alt == ""


def test_footer_link_needs_both_parts_and_a_web_address(signed_in):
    admin = signed_in("admin")
    refused = admin.submit(admin.get(PATH), {"name": "Council", "footer_links-0-words": "Contact",
                                             "footer_links-1-words": "Complaints",
                                             "footer_links-1-address": "javascript:alert(1)"})
    assert _errors(refused) == ["Enter the address for the link “Contact”",
                                "A link address starts with https://, like https://www.example.gov.uk/contact"]


@pytest.mark.parametrize("role", ["editor", "analyst"])
def test_only_admins_may_see_or_change_the_settings(app, signed_in, role):
    person = signed_in(role)
    assert person.client.get(PATH).status_code == 403
    assert person.client.post(PATH, data={"name": "Taken over"}).status_code in (400, 403)
    assert "Organisation" not in [a.get_text(strip=True) for a in person.get("/staff/").soup.select(".staff-nav a")]
    with app.test_request_context("/"):
        assert organisation().name == "Consult"


def test_saving_without_the_form_token_is_refused(app, signed_in):
    admin = signed_in("admin")
    response = admin.client.post(PATH, data={"name": "No token"})
    assert response.status_code == 400
    with app.test_request_context("/"):
        assert organisation().name == "Consult"


def test_a_failed_database_still_gives_a_header(app, monkeypatch):
    """The error page for a broken database reads the organisation too: it gets Consult's own."""
    from sqlalchemy.exc import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("SELECT", {}, Exception("database is down"))

    with app.test_request_context("/"):
        monkeypatch.setattr(db.session, "get", broken)
        assert organisation().name == "Consult" and organisation().brand_colour is None


def test_each_page_sees_a_change_another_server_made(app, resident):
    """Each process keeps the settings it built and asks only for the row's updated_at on each page: a
    save written by another server (here straight to the database) shows on this server's next page."""
    from datetime import datetime

    from sqlalchemy import text

    from consult.models import OrganisationSettings

    with app.app_context():
        db.session.add(OrganisationSettings(id=1, name="Glan Hafren Council", updated_at=datetime(2026, 1, 1)))
        db.session.commit()
    assert resident.get("/").soup.select_one(".site-header__name").get_text(strip=True) == "Glan Hafren Council"
    with app.test_request_context("/"):
        kept = organisation()
    with app.test_request_context("/"):
        assert organisation() is kept  # the same copy while the row is unchanged
    with app.app_context():
        db.session.execute(text("UPDATE organisation_settings SET name = 'Cyngor Glan Hafren', "
                                "updated_at = :now WHERE id = 1"), {"now": datetime(2026, 1, 2)})
        db.session.commit()
    assert resident.get("/").soup.select_one(".site-header__name").get_text(strip=True) == "Cyngor Glan Hafren"
