"""What every public page carries in its head and header: a meta description, and the Easy read switch
in the same place (the home page included); staff pages have neither. Parsed HTML, no browser."""

from __future__ import annotations

import pytest

from tests.helpers import Resident

PUBLIC = ["/", "/accessibility", "/privacy", "/your-answers"]


def _description(page) -> str | None:
    meta = page.soup.find("meta", attrs={"name": "description"})
    return meta["content"] if meta else None


def _switch(page):
    return page.soup.select_one("header.site-header #version-switch a")


@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_page_has_a_description_and_the_easy_read_switch(app, demo, resident, path):
    page = resident.get(path)
    assert page.status == 200
    assert _description(page) and len(_description(page)) > 40
    switch = _switch(page)
    assert switch is not None and switch.get_text(strip=True) == "Easy read"
    assert "register=easy" in switch["href"]


def test_a_consultation_is_described_by_its_own_summary(app, demo, resident):
    start = resident.get(f"/c/{demo['slug']}")
    assert _description(start) == "Tell us how our walking aids, beds and bathing equipment work for you."
    welsh = resident.get(f"/c/{demo['slug']}?lang=cy")
    assert _description(welsh) != _description(start) and _description(welsh)


def test_the_welsh_home_page_has_the_switch_in_welsh(app, demo, resident):
    page = resident.get("/?lang=cy")
    assert _switch(page).get_text(strip=True) != "" and _description(page)


def test_easy_read_chosen_on_the_home_page_is_kept_for_the_consultation(app, demo):
    person = Resident(app.test_client())
    home = person.get("/")
    chosen = person.get(_switch(home)["href"])
    assert chosen.path == "/?register=easy" and _switch(chosen).get_text(strip=True) == "Standard version"
    assert "easy-read" in chosen.soup.body.get("class", [])
    start = person.get(f"/c/{demo['slug']}")
    assert _switch(start).get_text(strip=True) == "Standard version"
    back = person.get(_switch(start)["href"])
    assert _switch(back).get_text(strip=True) == "Easy read"
    assert _switch(person.get("/")).get_text(strip=True) == "Easy read"


def test_staff_pages_have_no_switch_and_no_description(app, signed_in):
    staff = signed_in("editor")
    page = staff.get("/staff/")
    assert _switch(page) is None and _description(page) is None


def test_the_question_picture_is_outside_the_legend(app, demo):
    """Its alt text in the legend would be heard before the question, and again with every answer."""
    person = Resident(app.test_client())
    first = person.submit(person.get(f"/c/{demo['slug']}?register=easy"))
    legend = first.soup.select_one("main fieldset legend")
    assert legend.find("img") is None
    picture = legend.find_next_sibling("img")
    assert picture is not None and picture["alt"] == "A parcel"
    assert "fieldset--pictured" in legend.parent["class"]
    # Answer pictures stay in their labels, hidden from screen readers (the words say it).
    assert all(img.get("aria-hidden") == "true" for img in first.soup.select("main label img"))


def test_a_text_question_says_the_question_before_its_picture(app, demo):
    person = Resident(app.test_client())
    person.submit(person.get(f"/c/{demo['slug']}?register=easy"))
    number = next(number for number, (_id, kind, _required) in enumerate(demo["questions"], start=1)
                  if kind == "short_text")
    page = person.get(f"/c/{demo['slug']}/q/{number}")
    pictured = page.soup.select_one("main .pictured")
    assert [child.name for child in pictured.find_all(recursive=False)] == ["h1", "img"]
