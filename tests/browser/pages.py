"""Every page a resident can see, reached the way a resident reaches it, for page-by-page checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tests.browser.support import (
    CHECK,
    CLOSED,
    FORM_ERROR_PATHS,
    SLUG,
    START,
    BrowserSession,
    answer,
    button,
    demo_label,
    h1_text,
    interface_text,
    path_of,
    submit,
    text_control,
    with_language,
)
from tests.demo_answers import DEMO_ANSWERS

NOT_FOUND = "/no-such-page"
NUMBER_QUESTION = 5


@dataclass
class Shown:
    name: str
    page: object


def _expect_error_state(page, name: str, language: str = "en") -> None:
    """Make sure the page really shows the error we meant to cause, so its scan is meaningful."""
    summary = page.locator("main .error-summary")
    assert summary.count() == 1 and summary.is_visible(), f"{name}: no error summary on {page.url}"
    prefix = interface_text(language, "Error:") + " "
    assert page.title().startswith(prefix), f"{name}: the title {page.title()!r} does not start with {prefix!r}"


def resident_pages(session: BrowserSession, js: bool, viewport: dict, language: str = "en") -> Iterator[Shown]:
    """Yield each page state in turn; the caller checks it before the walk goes on.

    Uses fresh browser contexts, so the walk starts with no cookies and no draft. With ``language``
    ("cy", "ar") each context first asks for that language, and the walk presses the buttons and
    chooses the answers by their words in it; the English walk also visits a few Welsh pages.
    """

    def _(message: str) -> str:
        return interface_text(language, message)

    def label(words: str) -> str:
        return demo_label(language, words)

    session.allow_http_error(422, FORM_ERROR_PATHS)
    session.allow_http_error(404, NOT_FOUND)

    # --- The whole journey, with every question's error state -------------------------------
    page = session.new_page(js=js, viewport=viewport)
    page.goto(with_language("/", language))
    assert h1_text(page) == _("Have your say")
    yield Shown("home", page)

    page.goto(START)
    yield Shown("start", page)

    submit(page, button(page, _("Start now")))
    total = len(DEMO_ANSWERS)
    for number in range(1, total + 1):
        assert path_of(page) == f"/c/{SLUG}/q/{number}", f"expected question {number}, got {page.url}"
        yield Shown(f"question {number}", page)

        if number == 1:
            submit(page, button(page, _("Continue")))
            _expect_error_state(page, "question 1, nothing chosen", language)
            yield Shown("question 1, nothing chosen", page)

            main = page.locator("main")
            main.get_by_label(label("A wheelchair"), exact=True).check()
            none_of_these = main.get_by_label(label("None of these"), exact=True)
            if js:
                # app.js unticks the other boxes when "None of these" is ticked, so a resident with
                # JavaScript cannot send both; set the box directly to reach the server's check.
                none_of_these.evaluate("box => { box.checked = true; }")
            else:
                none_of_these.check()
            submit(page, button(page, _("Continue")))
            _expect_error_state(page, "question 1, an answer and 'None of these'", language)
            yield Shown("question 1, an answer and 'None of these'", page)
            page.locator("main").get_by_label(label("None of these"), exact=True).uncheck()
        elif number == NUMBER_QUESTION:
            text_control(page).fill("abc")
            submit(page, button(page, _("Continue")))
            _expect_error_state(page, "question 5, 'abc'", language)
            yield Shown("question 5, 'abc'", page)
        elif _("(optional)") in h1_text(page):
            # An optional question has no "not answered" error; an answer over the limit is one.
            text_control(page).fill("x" * 1201)
            submit(page, button(page, _("Continue")))
            _expect_error_state(page, f"question {number}, too long", language)
            yield Shown(f"question {number}, too long", page)
        else:
            submit(page, button(page, _("Continue")))
            _expect_error_state(page, f"question {number}, not answered", language)
            yield Shown(f"question {number}, not answered", page)

        answer(page, number, language)
        submit(page, button(page, _("Continue")))

    assert path_of(page) == CHECK
    yield Shown("check", page)
    submit(page, button(page, _("Send my answers")))
    assert path_of(page) == f"/c/{SLUG}/confirmation"
    yield Shown("confirmation", page)

    # --- Saving, an unfinished check page, coming back with a code ---------------------------
    page = session.new_page(js=js, viewport=viewport)
    page.goto(with_language(START, language))
    submit(page, button(page, _("Start now")))
    answer(page, 1, language)
    submit(page, button(page, _("Continue")))
    submit(page, button(page, _("Save and come back later")))
    assert path_of(page) == f"/c/{SLUG}/saved"
    yield Shown("saved", page)

    page.goto(CHECK)
    yield Shown("check, not finished", page)
    submit(page, button(page, _("Send my answers")))
    _expect_error_state(page, "check, with errors", language)
    yield Shown("check, with errors", page)

    page.goto(f"{START}/resume")
    yield Shown("resume code", page)
    submit(page, button(page, _("Continue")))
    _expect_error_state(page, "resume code, nothing typed", language)
    yield Shown("resume code, nothing typed", page)
    page.locator("main input[name=code]").fill("AAA-BBB-CCC")
    submit(page, button(page, _("Continue")))
    _expect_error_state(page, "resume code, unknown code", language)
    yield Shown("resume code, unknown code", page)

    # --- Pages that belong to no journey -------------------------------------------------------
    page.goto(CLOSED)
    if language == "en":
        assert "closed" in page.locator("main").inner_text()
    else:
        assert _("Thank you to everyone who took part.") in page.locator("main").inner_text()
    yield Shown("closed consultation", page)

    response = page.goto(NOT_FOUND)
    assert response.status == 404
    yield Shown("page not found", page)

    page.goto("/accessibility")
    yield Shown("accessibility statement", page)

    page.goto("/staff/sign-in")
    yield Shown("staff sign in", page)
    submit(page, button(page, _("Sign in")))
    _expect_error_state(page, "staff sign in, nothing typed", language)
    yield Shown("staff sign in, nothing typed", page)

    if language != "en":
        return  # the walk was in that language throughout

    # --- Welsh ---------------------------------------------------------------------------------
    page = session.new_page(js=js, viewport=viewport)
    page.goto("/?lang=cy")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert h1_text(page) != "Have your say", "the Welsh home page is in English"
    yield Shown("home (Welsh)", page)
    page.goto(START)  # the language choice is remembered
    assert page.locator("html").get_attribute("lang") == "cy"
    yield Shown("start (Welsh)", page)
    submit(page, page.locator("main form.start-form button[type=submit]"))
    assert path_of(page) == f"/c/{SLUG}/q/1"
    yield Shown("question 1 (Welsh)", page)
    page.goto(CHECK)
    assert page.locator("html").get_attribute("lang") == "cy"
    yield Shown("check (Welsh)", page)
