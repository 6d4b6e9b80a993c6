"""The public statements as residents read them: every required section, in their language or marked as
English, linked from the foot of every page, and a plain word when easy read cannot be offered."""

from __future__ import annotations

import pytest

from tests.html_checks import assert_well_formed
from tests.kiosk.support import start_kiosk
from tests.statements.conftest import ACCESSIBILITY_HEADINGS, PRIVACY_HEADINGS, headings, section


def test_the_accessibility_statement_has_every_section_the_regulations_ask_for(resident):
    page = resident.get("/accessibility")
    assert page.status == 200 and page.h1 == "Accessibility statement"
    assert headings(page) == ACCESSIBILITY_HEADINGS
    text = page.text()
    # Compliance status, non-accessible content (with the criteria), reporting, enforcement.
    assert "partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2" in text
    assert "WCAG 3.1.2 Language of parts" in text
    assert "contact details on its start page" in section(page, "reporting").get_text()
    assert "Equality Advisory and Support Service (EASS)" in section(page, "enforcement").get_text()
    assert "Equality and Human Rights Commission" in text
    # Nobody has reviewed Consult's own words yet, and the page says so rather than showing a date.
    assert "has not reviewed this statement yet" in text
    assert_well_formed(page)


def test_the_privacy_notice_says_what_consult_really_keeps(app, resident):
    app.config["DRAFT_DAYS"] = 14
    page = resident.get("/privacy")
    assert page.status == 200 and page.h1 == "Privacy notice"
    assert headings(page) == PRIVACY_HEADINGS
    collect = section(page, "collect").get_text(" ", strip=True)
    assert "We do not store your IP address" in collect
    assert "keeps only the date your answers were sent, not the time" in collect
    assert "We keep these apart from your answers" in collect
    assert "public task (UK GDPR Article 6(1)(e))" in section(page, "why").get_text()
    # The setting, not a number written into the words.
    assert "deleted 14 days after you last saved them" in section(page, "how-long").get_text()
    complain = section(page, "complain").get_text(" ", strip=True)
    assert "Information Commissioner’s Office (ICO)" in complain and "0303 123 1113" in complain
    assert "has not reviewed this notice yet" in page.text()
    assert_well_formed(page)


def test_lists_and_paragraphs_are_real_markup(resident):
    page = resident.get("/accessibility")
    using = section(page, "using")
    assert using.find("p").get_text(strip=True).startswith("This website is where you can answer")
    items = [li.get_text(strip=True) for li in using.select("ul.list li")]
    assert "get from the start to the end with just a keyboard" in items
    address = section(resident.get("/privacy"), "complain")
    assert len(address.find_all("br")) >= 5  # the ICO's postal address keeps its lines


def test_welsh_readers_get_the_welsh_words(resident):
    page = resident.get("/accessibility?lang=cy")
    assert '<html lang="cy"' in page.html
    compliance = section(page, "compliance")
    assert "cydymffurfio’n rhannol" in compliance.get_text()
    assert not page.soup.select("main .statement-section[lang]")  # nothing fell back to English
    privacy = resident.get("/privacy")  # the language is remembered
    assert "Swyddfa’r Comisiynydd Gwybodaeth" in section(privacy, "complain").get_text()
    assert_well_formed(privacy)


def test_arabic_readers_get_the_english_words_marked_as_english(resident):
    page = resident.get("/privacy?lang=ar")
    assert '<html lang="ar" dir="rtl"' in page.html
    sections = page.soup.select("main .statement-section")
    assert len(sections) == len(PRIVACY_HEADINGS) - 1
    for words in sections:
        assert (words.get("lang"), words.get("dir")) == ("en", "ltr")
    assert_well_formed(page)


FOOTER_PAGES = ["/", "/c/equipment-service", "/accessibility", "/privacy", "/staff/sign-in", "/no-such-page"]
STAFF_PAGES = ["/staff/", "/staff/account", "/staff/people", "/staff/statements/", "/staff/statements/privacy/cy"]


def _footer_links(page) -> dict[str, str]:
    return {a["href"]: a.get_text(strip=True) for a in page.soup.select("footer.site-footer a")}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_links_to_both_statements_in_its_footer(app, signed_in, demo, staff, resident, language):
    resident.get(f"/?lang={language}")
    admin = signed_in("admin")
    admin.get(f"/staff/account?lang={language}")
    for person, paths in ((resident, FOOTER_PAGES), (admin, STAFF_PAGES)):
        for path in paths:
            page = person.get(path)
            links = _footer_links(page)
            assert links.get("/privacy") and links.get("/accessibility"), (path, links)
            if language == "en":
                assert links["/privacy"] == "Privacy notice", (path, links)


def test_easy_read_says_plainly_that_these_pages_are_standard_words(resident):
    plain = resident.get("/privacy")
    assert "no easy read version of this page" not in plain.text()
    easy = resident.get("/privacy?register=easy")
    assert "There is no easy read version of this page yet. The words below are the standard version." in easy.text()
    # Remembered, as the switch on a consultation's pages remembers it.
    assert "no easy read version of this page" in resident.get("/accessibility").text()


def test_a_kiosk_device_can_show_the_privacy_notice(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    response = device.client.get("/privacy")
    assert response.status_code == 200
    assert "Privacy notice" in response.get_data(as_text=True)


def test_the_pages_come_as_htmx_fragments_too(htmx_resident):
    page = htmx_resident.get("/privacy")
    assert page.status == 200 and "<html" not in page.html
    assert page.h1 == "Privacy notice"
