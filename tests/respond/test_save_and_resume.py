"""Save and come back later: by link or by code, in another browser; drafts expire and are purged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.codes import READABLE_ALPHABET, normalise_code, readable_code
from consult.extensions import db
from consult.models import Draft
from consult.models._time import utcnow
from tests.demo_answers import answer_for
from tests.helpers import Page, Resident


def _save_after_three(resident, slug):
    page = resident.submit(resident.get(f"/c/{slug}"))
    for number in range(1, 3):
        page = resident.submit(page, answer_for(page, number))
    return resident.submit(page, answer_for(page, 3), button="save")


def test_save_shows_a_link_and_a_code(resident, demo):
    saved = _save_after_three(resident, demo["slug"])
    assert saved.h1 == "Your answers are saved"
    link = saved.soup.select_one(".resume-link a")["href"]
    assert f"/c/{demo['slug']}/resume/" in link
    code = saved.soup.select(".reference")[-1].get_text(strip=True)
    assert normalise_code(code) == code


def test_the_link_brings_back_every_answer_in_another_browser(app, resident, demo):
    saved = _save_after_three(resident, demo["slug"])
    link = saved.soup.select_one(".resume-link a")["href"]
    elsewhere = Resident(app.test_client())
    page = elsewhere.get(link)
    # Questions 1 to 3 are answered, so the resident carries on at question 4.
    assert page.path == f"/c/{demo['slug']}/q/4"
    first = elsewhere.get(f"/c/{demo['slug']}/q/1")
    checked = {box["value"] for box in first.soup.find_all("input", checked=True)}
    assert checked == set(answer_for(first, 1)[first.field_name()])
    third = elsewhere.get(f"/c/{demo['slug']}/q/3")
    assert third.soup.find("input", checked=True)["value"] == answer_for(third, 3)[third.field_name()][0]


def test_the_code_works_typed_loosely(app, resident, demo):
    saved = _save_after_three(resident, demo["slug"])
    code = saved.soup.select(".reference")[-1].get_text(strip=True)
    elsewhere = Resident(app.test_client())
    form_page = elsewhere.get(f"/c/{demo['slug']}/resume")
    page = elsewhere.submit(form_page, {"code": " " + code.lower().replace("-", " ") + " "})
    assert page.path == f"/c/{demo['slug']}/q/4"


def test_a_wrong_code_says_so_and_keeps_what_was_typed(app, demo):
    resident = Resident(app.test_client())
    form_page = resident.get(f"/c/{demo['slug']}/resume")
    refused = resident.submit(form_page, {"code": "ZZZ-ZZZ-ZZZ"})
    assert refused.status == 422
    assert "could not find" in refused.text()
    assert refused.soup.find(id="code")["value"] == "ZZZ-ZZZ-ZZZ"
    empty = resident.submit(form_page, {"code": ""})
    assert "Enter the code" in empty.text()


def test_guessing_codes_is_rate_limited(app, demo):
    resident = Resident(app.test_client())
    form_page = resident.get(f"/c/{demo['slug']}/resume")
    statuses = [resident.submit(form_page, {"code": f"ZZZ-ZZZ-{n:03d}"}).status for n in range(25)]
    assert statuses[0] == 422 and statuses[-1] == 429


def test_a_submitted_draft_link_no_longer_resumes(app, resident, demo):
    saved = _save_after_three(resident, demo["slug"])
    link = saved.soup.select_one(".resume-link a")["href"]
    page = resident.get(saved.soup.select(".button")[-1]["href"])
    for number in range(4, 9):
        page = resident.submit(page, answer_for(page, number))
    resident.submit(page)
    stale = Resident(app.test_client()).get(link)
    assert stale.status == 404 and "does not work any more" in stale.text()


def test_expired_drafts_are_purged_and_their_links_stop(app, resident, demo):
    saved = _save_after_three(resident, demo["slug"])
    link = saved.soup.select_one(".resume-link a")["href"]
    with app.app_context():
        draft = db.session.execute(select(Draft)).scalar_one()
        draft.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert Resident(app.test_client()).get(link).status == 404
    result = app.test_cli_runner().invoke(args=["purge-drafts"])
    assert "Removed 1 expired or empty drafts." in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_drafts_are_kept_for_the_configured_number_of_days(app, resident, demo):
    app.config["DRAFT_DAYS"] = 7
    _save_after_three(resident, demo["slug"])
    with app.app_context():
        draft = db.session.execute(select(Draft)).scalar_one()
        kept = draft.expires_at - draft.updated_at
        assert kept == timedelta(days=7)


def test_readable_codes_avoid_confusable_characters():
    for _ in range(200):
        code = readable_code()
        assert len(code) == 11 and code.count("-") == 2
        assert set(code.replace("-", "")) <= set(READABLE_ALPHABET)
    assert not set("0O1IL") & set(READABLE_ALPHABET)
    assert normalise_code(" k7p 4rw9xt ") == "K7P-4RW-9XT"


def _save_in_welsh_easy_read(resident, slug):
    page = resident.submit(resident.get(f"/c/{slug}?lang=cy&register=easy"))
    for number in range(1, 3):
        page = resident.submit(page, answer_for(page, number))
    return page, resident.submit(page, button="save")


@pytest.mark.parametrize("htmx", [False, True])
def test_resuming_brings_back_the_language_and_easy_read(app, demo, htmx):
    stopped_at, saved = _save_in_welsh_easy_read(Resident(app.test_client()), demo["slug"])
    # The easy-read saved page: the link is a button and the code is large (tests/respond/test_easy_read_pages.py).
    link = saved.soup.select_one("#saved-link")["href"]
    code = saved.soup.select_one("#saved-code [aria-hidden]").get_text(strip=True)
    # Another browser, in English, standard version.
    by_link = Resident(app.test_client())
    by_link.get(f"/c/{demo['slug']}?lang=en&register=standard")
    carried_on = by_link.get(link)
    by_code = Resident(app.test_client(), htmx=htmx)
    by_code.get(f"/c/{demo['slug']}?lang=en&register=standard")
    reply = by_code.client.post(f"/c/{demo['slug']}/resume", data={
        "code": code, "csrf_token": by_code.get(f"/c/{demo['slug']}/resume").form().find(
            "input", attrs={"name": "csrf_token"})["value"]}, headers=by_code._headers())
    if htmx:
        # The language changes <html lang dir>: a whole page load, not a swap of <main>.
        assert reply.headers["HX-Redirect"] == stopped_at.path
    for person in (by_link, Resident(by_code.client)):  # the whole page, as HX-Redirect loads it
        page = person.get(stopped_at.path)
        assert page.path == stopped_at.path  # the question saved on, not answered yet
        assert page.soup.html["lang"] == "cy"
        assert "easy-read" in page.soup.body.get("class", [])
    assert carried_on.path == stopped_at.path


def test_the_saved_link_uses_the_public_address_not_the_host_header(app, demo):
    app.config["PUBLIC_URL"] = "https://consult.example.org"
    resident = Resident(app.test_client())
    saved = _save_after_three(resident, demo["slug"])
    cookie = resident.client.get_cookie("session").value
    page = app.test_client(use_cookies=False).get(saved.path, headers={"Host": "evil.example", "Cookie": f"session={cookie}"})
    assert page.status_code == 200
    link = Page(200, saved.path, page.get_data(as_text=True), {}).soup.select_one(".resume-link a")["href"]
    assert link.startswith(f"https://consult.example.org/c/{demo['slug']}/resume/")
