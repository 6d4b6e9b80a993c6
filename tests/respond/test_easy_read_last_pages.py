"""The last easy-read pages of issue 13: the form where a resident types their code to come back, the
403 page and the page served when the app itself fails (500), on parsed HTML.

The same rules as the other easy-read pages (tests/respond/test_easy_read_pages.py): one idea a line
with its picture, short, no jargon. The 500 page depends on nothing (no session, no catalogue), so it
is easy read for everyone, in English, Welsh and Arabic.
"""

from __future__ import annotations

import re

import pytest

from tests.demo_answers import answer_for
from tests.helpers import Resident
from tests.respond.test_easy_read_pages import assert_easy_read


def _saved_code(resident, slug) -> str:
    page = resident.submit(resident.get(f"/c/{slug}?register=easy"))
    saved = resident.submit(page, answer_for(page, 1), button="save")
    return saved.soup.select_one("#saved-code [aria-hidden]").get_text(strip=True)


def test_the_resume_form_in_easy_read(resident, demo):
    page = resident.get(f"/c/{demo['slug']}/resume?register=easy")
    assert page.status == 200
    assert page.h1 == "Come back to your answers" and page.title.startswith("Come back to your answers")
    assert_easy_read(page)
    box = page.soup.select_one("main input#code")
    assert page.soup.select_one("main label[for=code]").get_text(strip=True) == "Your code"
    assert box["aria-describedby"] == "code-hint" and box["dir"] == "ltr"
    # The example code stays left to right on one line, also in an Arabic sentence.
    assert page.soup.select_one("#code-hint bdi[dir=ltr].reference-code").get_text() == "K7P-4RW-9XT"
    # A way out for someone who lost their code.
    assert page.soup.select_one(f"main .idea a[href='/c/{demo['slug']}']").get_text(strip=True) == "Start again"


@pytest.mark.parametrize("typed, message", [
    ("", "Type your code in the box"),
    ("AAA-AAA-AAA", "We cannot find this code. Check it and try again"),
])
def test_the_easy_resume_form_says_what_is_wrong_in_easy_words(resident, demo, typed, message):
    page = resident.get(f"/c/{demo['slug']}/resume?register=easy")
    wrong = resident.submit(page, {"code": typed})
    assert wrong.status == 422
    assert wrong.title.startswith("Error: ")
    summary = wrong.soup.select_one(".error-summary a[href='#code']")
    assert summary.get_text(strip=True) == message
    assert message in wrong.soup.select_one("#code-error").get_text()
    assert wrong.soup.select_one("input#code")["aria-describedby"] == "code-hint code-error"
    assert wrong.soup.select_one("input#code")["value"] == typed
    assert_easy_read(wrong)


def test_the_easy_resume_form_brings_the_resident_back(app, demo):
    code = _saved_code(Resident(app.test_client()), demo["slug"])
    again = Resident(app.test_client())
    page = again.get(f"/c/{demo['slug']}/resume?register=easy")
    back = again.submit(page, {"code": code})
    assert "/q/" in back.path
    assert "easy-read" in back.soup.body.get("class", [])


def test_the_standard_resume_form_is_unchanged(resident, demo):
    page = resident.get(f"/c/{demo['slug']}/resume?register=standard")
    assert page.h1 == "Carry on with your answers"
    assert not page.soup.select("main .idea")
    wrong = resident.submit(page, {"code": ""})
    assert "Enter the code you were given when you saved your answers" in wrong.text()


def test_the_403_page_in_easy_read(signed_in):
    analyst = signed_in("analyst")
    page = analyst.get("/staff/people?register=easy")
    assert page.status == 403
    assert page.h1 == "You cannot see this page" and page.title.startswith("You cannot see this page")
    assert_easy_read(page)
    links = [link.get_text(strip=True) for link in page.soup.select("main .idea a[href^='/staff/']")]
    assert links == ["Go to your list of questions"]
    standard = analyst.get("/staff/people?register=standard")
    assert standard.status == 403 and standard.h1 == "You do not have access to this page"


@pytest.fixture
def failing_app(app):
    """The app with a page that fails as a bug would (an exception, not abort), handled as in production."""

    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/broken-for-the-test", "broken_for_the_test", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_the_500_page_is_easy_read_in_english_welsh_and_arabic(failing_app):
    response = failing_app.test_client().get("/broken-for-the-test")
    assert response.status_code == 500
    page = Resident(failing_app.test_client())._follow(response, "/broken-for-the-test")
    assert page.h1 == "Sorry, something went wrong"
    assert "easy-read" in page.soup.body["class"]
    assert_easy_read(page)
    html = page.soup.find("html")
    assert html["lang"] == "en" and html["dir"] == "ltr"
    welsh, arabic = page.soup.select_one("main [lang=cy]"), page.soup.select_one("main [lang=ar]")
    assert arabic["dir"] == "rtl"
    english = [line for line in page.soup.select("main > .idea")]
    for block in (welsh, arabic):
        # Every idea in every language, with the same pictures in the same order.
        assert [line["class"] for line in block.select(".idea")] == [line["class"] for line in english]
        assert block.find("h2")
    assert re.search(r"Answers you saved before are safe\.", page.text())
    assert "Mae’r atebion a gadwoch chi o’r blaen yn ddiogel." in welsh.get_text()
    # Nothing it needs comes from the app: only the stylesheet, at a fixed address.
    assert [link["href"] for link in page.soup.select("link[rel=stylesheet]")] == ["/static/css/app.css"]
