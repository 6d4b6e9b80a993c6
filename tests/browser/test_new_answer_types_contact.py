"""The email, UK phone number, postcode and address questions in a real browser: axe-core on each page and
its error state at 1280 and 320 px (nothing scrolling sideways), with JavaScript on and off, in English,
Welsh and Arabic; the error summary's link takes focus to the address field at fault; the answers reach
the check page cleaned ("sw1a1aa" shown as "SW1A 1AA")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.support import (
    BrowserSession,
    TwoWidths,
    button,
    h1_text,
    interface_text,
    path_of,
    submit,
    with_language,
)

pytestmark = pytest.mark.browser

SLUG = "new-types-contact"
START = f"/c/{SLUG}"
MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
LANGUAGES = [pytest.param("en", id="english"), pytest.param("cy", id="welsh"), pytest.param("ar", id="arabic")]

# Each question in the consultation's three languages.
PROMPTS = {
    "email": {"en": "What is your email address?", "cy": "Beth yw eich cyfeiriad e-bost?",
              "ar": "ما هو عنوان بريدك الإلكتروني؟"},
    "phone": {"en": "What is your phone number?", "cy": "Beth yw eich rhif ffôn?", "ar": "ما هو رقم هاتفك؟"},
    "postcode": {"en": "What is your postcode?", "cy": "Beth yw eich cod post?", "ar": "ما هو رمزك البريدي؟"},
    "address": {"en": "What is your home address?", "cy": "Beth yw cyfeiriad eich cartref?",
                "ar": "ما هو عنوان منزلك؟"},
}
# (field suffix -> what a person types by mistake, then what they correct it to)
MISTAKES = {
    "email": {"": ("sam.example.org", "Sam@Example.org")},
    "phone": {"": ("07700 9009", "+44 (0)7700 900982")},
    "postcode": {"": ("SW1A", "sw1a1aa")},
    "address": {"-line1": ("14 High Street", "14 High Street"), "-town": ("", "Cardiff"),
                "-postcode": ("cf10 1aa", "cf10 1aa")},
}
SHOWN = ["Sam@example.org", "07700 900982", "SW1A 1AA", "14 High Street", "Cardiff", "CF10 1AA"]


def _ensure_consultation(app) -> dict[str, int]:
    """The consultation with one question of each type, made once on the live server's database."""
    from consult.build.questions import add_question
    from consult.build.services import create_consultation
    from consult.extensions import db
    from consult.loading import load_consultation
    from consult.models._time import utcnow

    with app.test_request_context():
        existing = load_consultation(SLUG)
        if existing is None:
            now = utcnow().replace(microsecond=0)
            consultation = create_consultation(
                SLUG, title={"en": "Keeping in touch", "cy": "Cadw mewn cysylltiad", "ar": "البقاء على تواصل"},
                summary={"en": "Tell us how to reach you.", "cy": "Dywedwch wrthym sut i gysylltu â chi.",
                         "ar": "أخبرنا كيف نتواصل معك."},
                status="published", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30),
                other_languages=["cy", "ar"])
            for kind, words in PROMPTS.items():
                question = add_question(consultation, kind, words["en"])
                for language in ("cy", "ar"):
                    question.prompt.set(language, words[language])
            db.session.commit()
            existing = load_consultation(SLUG)
        ids = {question.kind: question.id for question in existing.questions}
        db.session.remove()
        return ids


def _walk(session: BrowserSession, js: bool, language: str, ids: dict[str, int]):
    """Each question, then its error state, then the check page; yields (name, page) to scan."""
    session.allow_http_error(422, rf"/c/{SLUG}/q/\d+")
    page = session.new_page(js=js)
    page.goto(with_language(START, language))
    submit(page, button(page, interface_text(language, "Start now")))
    for number, kind in enumerate(PROMPTS, start=1):
        assert path_of(page) == f"/c/{SLUG}/q/{number}", page.url
        assert h1_text(page) == PROMPTS[kind][language]
        yield kind, page

        name = f"q{ids[kind]}"
        for suffix, (wrong, _right) in MISTAKES[kind].items():
            page.locator(f"#{name}{suffix}").fill(wrong)
        submit(page, button(page, interface_text(language, "Continue")))
        summary = page.locator("main .error-summary")
        assert summary.count() == 1 and summary.is_visible(), f"{kind}: no error summary on {page.url}"
        assert page.title().startswith(interface_text(language, "Error:") + " ")
        for suffix, (wrong, _right) in MISTAKES[kind].items():
            assert page.locator(f"#{name}{suffix}").input_value() == wrong, f"{kind}: what was typed is kept"
        yield f"{kind}, error", page

        if kind == "address":
            # The summary's link takes the person to the one field at fault.
            summary.locator("a").click()
            assert page.evaluate("document.activeElement.id") == f"{name}-town"
        for suffix, (_wrong, right) in MISTAKES[kind].items():
            page.locator(f"#{name}{suffix}").fill(right)
        submit(page, button(page, interface_text(language, "Continue")))
    assert path_of(page) == f"/c/{SLUG}/check", page.url
    text = page.locator("main").inner_text()
    for shown in SHOWN:
        assert shown in text, f"the check page shows {shown!r}"
    yield "check your answers", page


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("js", MODES)
def test_each_new_contact_type_and_its_error_pass_axe(browser_session, live_server, js, language):
    ids = _ensure_consultation(live_server.app)
    checker = TwoWidths(browser_session, js)
    for name, page in _walk(browser_session, js, language, ids):
        checker.check(name, page, language)
    assert len(checker.scanned) == 2 * len(PROMPTS) + 1, checker.scanned
    checker.assert_clean()
    browser_session.assert_clean()


@pytest.mark.parametrize("js", MODES)
def test_the_address_fields_carry_their_autofill_tokens_in_the_browser(browser_session, live_server, js):
    ids = _ensure_consultation(live_server.app)
    page = browser_session.new_page(js=js)
    number = list(PROMPTS).index("address") + 1
    page.goto(START)
    submit(page, button(page, "Start now"))
    page.goto(f"{START}/q/{number}")
    name = f"q{ids['address']}"
    tokens = {key: page.locator(f"#{name}-{key}").get_attribute("autocomplete")
              for key in ("line1", "line2", "town", "county", "postcode")}
    assert tokens == {"line1": "address-line1", "line2": "address-line2", "town": "address-level2",
                      "county": "address-level1", "postcode": "postal-code"}
    # The fieldset is named by the question (its legend), each box by its own label.
    assert page.get_by_role("group", name=PROMPTS["address"]["en"]).count() == 1
    assert page.get_by_role("textbox", name="Town or city").get_attribute("id") == f"{name}-town"
    browser_session.assert_clean()
