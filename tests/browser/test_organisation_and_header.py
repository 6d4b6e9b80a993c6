"""The organisation's settings page and the header every page shares, in a real browser.

axe-core at 1280 and 320 px with JavaScript on and off: the admins' settings page (with an error,
then saved), and public pages showing the organisation's name, logo and colour, in English and Welsh.
The Easy read switch sits in the same place on every public page, the home page included, and the
header keeps its height from page to page. Screenshots for a person to look at: shots/organisation.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from tests.browser.support import (
    DESKTOP,
    MOBILE,
    START,
    TwoWidths,
    button,
    expect_error_state,
    h1_text,
    path_of,
    shots_folder,
    sign_in,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
SETTINGS_ERRORS = r"/staff/organisation"


def _forget_settings(app) -> None:
    from sqlalchemy import delete

    from consult.extensions import db
    from consult.models import OrganisationSettings

    with app.app_context():
        db.session.execute(delete(OrganisationSettings))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def fresh_organisation(live_server, staff_accounts):
    _forget_settings(live_server.app)
    yield
    _forget_settings(live_server.app)


def _logo(tmp_path) -> str:
    """A small logo: a dark mark and a word on white, as organisations' logos usually are."""
    image = Image.new("RGB", (240, 96), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 88, 88), fill=(91, 26, 110))
    draw.rectangle((104, 36, 228, 60), fill=(91, 26, 110))
    path = tmp_path / "logo.png"
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


@pytest.mark.parametrize("js", MODES)
def test_an_admin_sets_the_organisation_and_every_page_shows_it(browser_session, fresh_organisation, tmp_path, js):
    browser_session.allow_http_error(422, SETTINGS_ERRORS)
    checker = TwoWidths(browser_session, js)
    page = sign_in(browser_session, "admin", js=js)
    page.locator("nav.staff-nav").get_by_role("link", name="Organisation", exact=True).click()
    page.wait_for_url("**/staff/organisation")
    assert h1_text(page) == "Organisation"
    checker.check("organisation settings", page, "en")

    main = page.locator("main")
    main.get_by_label("Name of the organisation", exact=True).fill("Glan Hafren Council")
    main.get_by_label("Brand colour", exact=True).fill("#ffdd00")
    main.get_by_label("Logo file (PNG or JPEG)", exact=True).set_input_files(_logo(tmp_path))
    submit(page, button(page, "Save settings"), js=False)
    expect_error_state(page, "a colour too light")
    assert "too light" in page.locator("main .error-summary").inner_text()
    checker.check("organisation settings, colour too light and no logo description", page, "en")
    if js:
        for viewport in (DESKTOP, MOBILE):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(shots_folder("organisation") / f"settings-error-{viewport['width']}.png"),
                            full_page=True)
        page.set_viewport_size(DESKTOP)

    main.get_by_label("Brand colour", exact=True).fill("#5b1a6e")
    main.get_by_label("Describe the logo", exact=True).fill("Glan Hafren Council logo")
    main.get_by_label("Logo file (PNG or JPEG)", exact=True).set_input_files(_logo(tmp_path))
    main.locator("#footer_links-0-words").fill("Contact us")
    main.locator("#footer_links-0-address").fill("https://glanhafren.example.gov.uk/contact")
    main.get_by_label("Return address for paper questionnaires", exact=True).fill("Freepost GLAN HAFREN\nCF10 1AA")
    submit(page, button(page, "Save settings"), js=False)
    assert path_of(page) == "/staff/organisation"
    assert "have been saved" in page.locator("main .notice").inner_text()
    checker.check("organisation settings, saved", page, "en")

    folder = shots_folder("organisation")
    for language in ("en", "cy"):
        public = browser_session.new_page(js=js)
        for path in ("/", START):
            public.goto(with_language(path, language))
            header = public.locator(".site-header__name")
            assert header.inner_text().strip() == "Glan Hafren Council"
            assert header.locator("img").get_attribute("alt") == "Glan Hafren Council logo"
            colour = public.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
            assert colour == "rgb(91, 26, 110)"
            checker.check(f"{path} with the organisation", public, language)
        public.goto(with_language("/", language))
        for viewport in (DESKTOP, MOBILE):
            public.set_viewport_size(viewport)
            public.screenshot(path=str(folder / f"home-{language}-{viewport['width']}-{'js' if js else 'nojs'}.png"),
                              full_page=True)
        public.set_viewport_size(DESKTOP)
    settings = browser_session.new_page(js=js)
    settings.goto("/staff/organisation")  # another context: signed out, so sent to sign in
    assert path_of(settings) == "/staff/sign-in"
    checker.assert_clean()
    browser_session.assert_clean()


PUBLIC_PAGES = ["/", "/accessibility", "/privacy", START, "/your-answers"]


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "320"])
def test_the_easy_read_switch_is_in_the_same_place_on_every_public_page(browser_session, viewport):
    page = browser_session.new_page(js=True, viewport=viewport)
    places = {}
    for path in PUBLIC_PAGES + [f"{START}/q/1"]:
        if path.endswith("/q/1"):
            page.goto(START)
            submit(page, button(page, "Start now"))
            assert path_of(page).endswith("/q/1")
        else:
            page.goto(path)
        switch = page.locator("#version-switch a")
        assert switch.count() == 1 and switch.is_visible(), f"no Easy read switch on {path}"
        assert switch.inner_text().strip() == "Easy read"
        box = switch.bounding_box()
        header = page.locator(".site-header").bounding_box()
        places[path] = (round(box["x"]), round(box["y"]), round(header["height"]))
    assert len(set(places.values())) == 1, places
    # From the home page the choice is kept: the consultation opens in easy read.
    page.goto("/")
    page.locator("#version-switch a").click()
    page.wait_for_load_state()
    assert page.locator("#version-switch a").inner_text().strip() == "Standard version"
    page.goto(START)
    assert page.locator("body.easy-read").count() == 1
    browser_session.assert_clean()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_answer_pictures_are_at_least_64_px_at_320_px(browser_session, language):
    page = browser_session.new_page(js=True, viewport=MOBILE)
    page.goto(with_language(f"{START}?register=easy", language))
    page.locator("main form button").first.click()
    page.wait_for_url("**/q/1")
    pictures = page.locator(".choices__picture")
    assert pictures.count() >= 2
    sizes = pictures.evaluate_all("items => items.map(i => [i.getBoundingClientRect().width, i.getBoundingClientRect().height])")
    assert all(width >= 64 and height >= 64 for width, height in sizes), sizes
    # The question's picture is outside the legend, after it, and still on the page.
    assert page.locator("legend img").count() == 0
    assert page.locator("fieldset > legend + img.fieldset__picture").count() == 1
    page.screenshot(path=str(shots_folder("organisation") / f"easy-question-{language}-320.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(shots_folder("organisation") / f"easy-question-{language}-1280.png"), full_page=True)
    browser_session.assert_clean()
