"""Easy read beyond the question pages (issue 13, items 5 and 6): the start, check your answers, saved,
confirmation, closed, not-open, error, hear-back and public results pages, on parsed HTML.

Each page in easy read says one idea per line with a picture at its start (templates/components/
easy_read.html), and none of the jargon the standard pages use ("consultation", "format", "braille",
"23:59"). Check your answers is one card per question with its Change link; the saved page shows the code
large and the link as a button; the public results are the printed "What you told us" in sentences.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Consultation
from tests.demo_answers import answer_for
from tests.helpers import Resident
from tests.results.easy_results_data import make_answered_consultation

CLOSED_SLUG = "wheelchair-repairs"
# A 24-hour clock time ("23:59") is jargon; "9:30 am" is how people say it.
JARGON = re.compile(r"consultation|format|braille|\b\d{1,2}:\d{2}\b(?!\s?[ap]\.?m)", re.IGNORECASE)
# Paragraphs of <main> that are not idea lines: the code itself, the consultation's name over a heading,
# the picture credits.
NOT_IDEAS = {"caption-line", "code-large", "credits"}
# Design section 6: flag an easy-read sentence above 20 words.
MOST_WORDS = 20


def _main(page):
    main = page.soup.find("main")
    assert main is not None, page.path
    return main


def assert_easy_read(page, allow_jargon_in=()):
    """One idea per line with a picture, short, and no jargon, in <main> of an easy-read page."""
    main = _main(page)
    ideas = main.select(".idea")
    assert ideas, f"no idea lines on {page.path}"
    for line in ideas:
        pictures = [name for name in line["class"] if name.startswith("idea--")]
        assert len(pictures) == 1, f"{line} has no picture"
        words = line.select_one(".idea__words").get_text(" ", strip=True)
        assert words, f"an idea without words on {page.path}"
        assert len(words.split()) <= MOST_WORDS, f"{words!r} is too long for easy read"
    # Every paragraph outside a card, form or notice is an idea line (or one of NOT_IDEAS).
    for paragraph in main.find_all("p"):
        if paragraph.find_parent(class_=re.compile(r"^(card|panel|notice|form-group)$")) or paragraph.find_parent("form"):
            continue
        if [child.name for child in paragraph.find_all(recursive=False)] == ["a"] and "button" in paragraph.a.get(
                "class", []) and paragraph.get_text(strip=True) == paragraph.a.get_text(strip=True):
            continue  # a button on its own line
        classes = set(paragraph.get("class", []))
        assert "idea" in classes or classes & NOT_IDEAS, f"a paragraph that is not an idea line: {paragraph}"
    text = main.get_text(" ", strip=True)
    for allowed in allow_jargon_in:
        text = text.replace(allowed, "")
    found = JARGON.findall(text)
    assert not found, f"jargon {found} on the easy-read page {page.path}"


def _answer_all(resident, slug, language="en"):
    page = resident.submit(resident.get(f"/c/{slug}?register=easy&lang={language}"))
    number = 1
    while not page.path.endswith("/check"):
        page = resident.submit(page, answer_for(page, number))
        number += 1
    return page


def test_the_start_page_in_easy_read(resident, demo):
    page = resident.get(f"/c/{demo['slug']}?register=easy")
    assert page.status == 200
    assert_easy_read(page)
    text = _main(page).get_text(" ", strip=True)
    # The closing time in words (the demo closes at 23:59), the questions counted, the time it takes.
    assert "You can answer until midnight on" in text
    assert re.search(r"There are \d+ questions\.", text)
    assert "It takes about" in text
    assert "in a way that suits you" in text
    assert _main(page).find("button", string=re.compile("Start now"))
    # The standard page keeps its own words.
    standard = resident.get(f"/c/{demo['slug']}?register=standard")
    assert "Closing date" in standard.text() and not standard.soup.select("main .idea")


def test_check_your_answers_is_one_card_per_question_with_a_change_link(resident, demo):
    check = _answer_all(resident, demo["slug"])
    assert check.h1 == "Check your answers"
    assert_easy_read(check, allow_jargon_in=[check.soup.select_one("main .caption-line").get_text(" ", strip=True)])
    main = _main(check)
    assert not main.select(".summary-list"), "easy read has cards, not the three-column table"
    cards = main.select("ol.cards > li.card")
    assert len(cards) == len(demo["questions"])
    for card in cards:
        # The question's own picture with its alt text, or (a question without one) the questions symbol.
        assert card.select_one(".card__picture img[alt], .card__picture--symbol.idea--questions"), \
            "each card starts with a picture"
        assert card.select_one("h2.card__title").get_text(strip=True)
        assert card.select_one(".card__label").get_text(strip=True) == "Your answer:"
        change = card.select_one("a.button[id^=change-]")
        assert change["href"].endswith("return_to=check")
        # The Change link names the question for screen readers.
        assert card.select_one("h2").get_text(strip=True) in change.get_text(" ", strip=True)
    # Change goes to the question and comes back to the check page.
    question = resident.get(cards[0].select_one("a.button")["href"])
    assert question.soup.find("input", attrs={"name": "return_to", "value": "check"})


def test_the_confirmation_page_in_easy_read(resident, demo):
    check = _answer_all(resident, demo["slug"])
    confirmation = resident.submit(check)
    assert confirmation.path.endswith("/confirmation")
    assert confirmation.h1 == "Thank you. We have your answers."
    assert_easy_read(confirmation)
    assert re.search(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", confirmation.soup.select_one(".reference").get_text())


def test_the_saved_page_shows_the_code_large_and_the_link_as_a_button(resident, demo):
    page = resident.submit(resident.get(f"/c/{demo['slug']}?register=easy"))
    page = resident.submit(page, answer_for(page, 1))
    saved = resident.submit(page, button="save")
    assert saved.h1 == "Your answers are saved"
    assert_easy_read(saved)
    main = _main(saved)
    code = main.select_one("p.code-large#saved-code [aria-hidden]").get_text(strip=True)
    assert re.fullmatch(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}", code)
    button = main.select_one("a.button#saved-link")
    assert "/resume/" in button["href"]
    # No long web address written out on the page.
    assert "/resume/" not in main.get_text(" ", strip=True) and not main.select(".resume-link")
    assert "My link to come back" in button.get_text(strip=True)
    # The code works.
    again = Resident(resident.client.application.test_client())
    form = again.get(f"/c/{demo['slug']}/resume")
    carried_on = again.submit(form, {"code": code})
    assert "/q/" in carried_on.path


def test_the_closed_page_in_easy_read(resident, demo):
    page = resident.get(f"/c/{CLOSED_SLUG}?register=easy")
    assert page.status == 200
    assert_easy_read(page)
    assert "You cannot answer these questions any more." in page.text()


def test_the_not_open_page_says_when_in_words(app, resident, demo):
    with app.app_context():
        consultation = db.session.scalar(select(Consultation).where(Consultation.slug == demo["slug"]))
        consultation.opens_at = (consultation.closes_at - timedelta(days=10)).replace(hour=9, minute=30)
        db.session.commit()
    page = resident.get(f"/c/{demo['slug']}?register=easy")
    assert_easy_read(page)
    text = page.text()
    assert "You cannot answer these questions yet." in text
    assert re.search(r"You can answer from 9:30\s?am on \d+ \w+ \d{4}\.", text)


@pytest.mark.parametrize("path, heading", [
    ("/no-such-page", "We cannot find this page"),
    ("/c/no-such-consultation", "We cannot find this page"),
])
def test_error_pages_in_easy_read(resident, demo, path, heading):
    resident.get(f"/c/{demo['slug']}?register=easy")  # easy read chosen, and remembered
    page = resident.get(path)
    assert page.status == 404 and page.h1 == heading
    assert page.title.startswith(heading)
    assert_easy_read(page)
    standard = Resident(resident.client.application.test_client()).get(path)
    assert standard.h1 == "Page not found"


def test_a_bad_request_in_easy_read(resident, demo):
    resident.get(f"/c/{demo['slug']}?register=easy")
    page = resident.get(f"/c/{demo['slug']}?q=%00")
    if page.status == 400:
        assert page.h1 == "Sorry, something went wrong"
        assert_easy_read(page)


def test_the_hear_back_pages_in_easy_read(resident, demo):
    page = resident.get(f"/c/{demo['slug']}/hear-back?register=easy")
    assert page.status == 200
    assert_easy_read(page)
    # Each way of hearing back in easy words: not "braille".
    assert page.soup.find("label", attrs={"for": "format-braille"}).get_text(strip=True) == \
        "Raised dots to read with your fingers"
    thanks = resident.submit(page, {"formats": ["easy_read"], "email": "sam@example.org"})
    assert thanks.h1 == "Thank you, we have your request"
    assert_easy_read(thanks, allow_jargon_in=[thanks.soup.select_one("main .caption").get_text(" ", strip=True)])


@pytest.fixture
def answered(app):
    with app.test_request_context():
        return make_answered_consultation()


def test_the_public_results_page_in_easy_read_is_what_you_told_us(resident, answered):
    page = resident.get(f"/results/{answered}?register=easy")
    assert page.status == 200
    assert "easy-read" in page.soup.body.get("class", [])
    main = _main(page)
    # Not the dashboard in bigger type: no charts, no tables.
    assert not main.find("svg", attrs={"role": "img"}) and not main.find("table")
    assert_easy_read(page)
    text = main.get_text(" ", strip=True)
    # Numbers in sentences, "Most people said ...", "fewer than 5" in words, nothing about skipped answers.
    assert "25 people answered." in text and "20 people answered this question." in text
    assert "12 out of 25 people chose “Yes”." in text and "6 out of 25 people chose “No”." in text
    assert "Most people said “Yes”." in text and "Most people said “Blue”." in text
    assert "Fewer than 5 of the 25 people chose “Not sure”." in text
    assert "People could choose more than one answer." in text
    assert not re.search(r"skipped|did not answer|no answer|not answered", text, re.IGNORECASE)
    # One simple bar per answer whose number is shown, none for "fewer than 5"; a bar only repeats its sentence.
    first = page.soup.select_one("#result-1")
    bars = {answer.select_one("p").get_text(strip=True): answer.select_one("svg.simple-bar")
            for answer in first.select(".easy-answer")}
    assert len(bars) == 3
    assert bars["Fewer than 5 of the 25 people chose “Not sure”."] is None
    yes = bars["12 out of 25 people chose “Yes”."]
    assert yes["aria-hidden"] == "true" and yes.select_one(".simple-bar__fill")["width"] == "48"
    # The standard page is still the dashboard summary.
    standard = resident.get(f"/results/{answered}?register=standard")
    assert standard.status == 200 and not standard.soup.select("main .easy-answer")


@pytest.mark.parametrize("utc, words", [
    ((2027, 2, 13, 23, 59), "You can answer until midnight on 13 February 2027."),
    ((2027, 2, 14, 0, 0), "You can answer until midnight on 13 February 2027."),
    ((2027, 1, 20, 17, 0), "You can answer until 5 pm on 20 January 2027."),
    # British Summer Time: 16:30 UTC is 5:30 pm in London.
    ((2027, 6, 20, 16, 30), "You can answer until 5:30 pm on 20 June 2027."),
])
def test_closing_times_in_words_not_a_24_hour_clock(app, utc, words):
    from datetime import datetime

    from consult.easy_read_words import answer_until

    with app.test_request_context():
        assert answer_until(datetime(*utc)).replace("\u202f", " ") == words
