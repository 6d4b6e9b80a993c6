"""The free-text answers page: search (any case, any engine), theme filters, pages and their edges."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Answer, AnswerTheme, Theme
from consult.results import themes as service
from tests.helpers import HTMX_HEADERS
from tests.html_checks import assert_well_formed
from tests.results.test_exports_data import (
    add_response,
    analyst,  # noqa: F401  (fixture)
    build_survey,
)


def _fill(app, words: list[str], language: str = "en"):
    """A survey whose question 3 has these answers, sent a minute apart in this order."""
    with app.app_context():
        survey = build_survey()
        start = datetime(2027, 3, 5, 9, 0)
        for number, text in enumerate(words):
            add_response(survey, {"bus": "walk", "days": ["monday"], "why_walk": text, "trips": 1},
                         submitted_at=start + timedelta(minutes=number), reference=f"A{number:04d}-REF",
                         language=language)
        db.session.commit()
    return survey


def _path(survey, query=""):
    return f"/staff/results/bus-routes/questions/{survey.questions['why_walk']}/answers{query}"


def _shown(page) -> list[str]:
    return [p.get_text(strip=True) for p in page.soup.select(".answer__text")]


def _pagination(page) -> dict[str, str]:
    return {a["rel"][0]: a["href"] for a in page.soup.select("nav.pagination a[rel]")}


# -- pages ------------------------------------------------------------------------------------

def test_one_full_page_has_no_page_links(app, analyst):
    survey = _fill(app, [f"Answer {n}" for n in range(1, 26)])
    page = analyst.get(_path(survey))
    assert page.status == 200
    assert_well_formed(page)
    assert "Showing 1 to 25 of 25" in page.text()
    assert len(_shown(page)) == 25 and page.soup.select_one("nav.pagination") is None


def test_pages_and_their_edges(app, analyst):
    survey = _fill(app, [f"Answer {n}" for n in range(1, 31)])
    first = analyst.get(_path(survey))
    assert "Showing 1 to 25 of 30" in first.text()
    assert _shown(first)[0] == "Answer 1" and _shown(first)[-1] == "Answer 25"
    assert first.soup.select_one("ol.answers")["start"] == "1"
    assert _pagination(first) == {"next": _path(survey, "?page=2")}
    assert "Page 1 of 2" in first.text() and "(page 1 of 2)" in first.title
    second = analyst.get(_pagination(first)["next"])
    assert "Showing 26 to 30 of 30" in second.text()
    assert _shown(second) == [f"Answer {n}" for n in range(26, 31)]
    assert second.soup.select_one("ol.answers")["start"] == "26"
    assert _pagination(second) == {"prev": _path(survey)}
    assert_well_formed(second)
    # Past the end shows the last page; nonsense shows the first.
    assert _shown(analyst.get(_path(survey, "?page=99"))) == _shown(second)
    for nonsense in ("0", "-1", "abc", ""):
        assert _shown(analyst.get(_path(survey, f"?page={nonsense}"))) == _shown(first)


def test_26_answers_make_a_second_page_of_one(app, analyst):
    survey = _fill(app, [f"Answer {n}" for n in range(1, 27)])
    page = analyst.get(_path(survey, "?page=2"))
    assert "Showing 26 to 26 of 26" in page.text() and _shown(page) == ["Answer 26"]


def test_no_answers_yet(app, analyst):
    survey = _fill(app, [])
    page = analyst.get(_path(survey))
    assert "No one has answered this question yet." in page.text()
    assert_well_formed(page)


# -- search -----------------------------------------------------------------------------------

WORDS = ["The bus was LATE again", "late buses, late trains", "Fine", "Mae’r bws yn hwyr bob tro",
         "ŴYR fy nain", "Fares went up 50% this year", "bus_stop moved", "Cheaper than a taxi"]


@pytest.mark.parametrize("search, expected", [
    ("late", ["The bus was LATE again", "late buses, late trains"]),
    ("LATE", ["The bus was LATE again", "late buses, late trains"]),
    ("ŵyr", ["ŴYR fy nain"]),  # not A to Z: SQLite's own lower() would miss it
    ("HWYR", ["Mae’r bws yn hwyr bob tro"]),
    ("50%", ["Fares went up 50% this year"]),  # % is a character here, not a wildcard
    ("%", ["Fares went up 50% this year"]),
    ("e_b", []),  # _ is a character too: as a wildcard it would match "The bus"
    ("bus_", ["bus_stop moved"]),
    ("  Cheaper   than ", ["Cheaper than a taxi"]),
    ("nothing like this", []),
])
def test_search_finds_words_in_any_case(app, analyst, search, expected):
    survey = _fill(app, WORDS)
    from urllib.parse import urlencode

    page = analyst.get(_path(survey, "?" + urlencode({"q": search})))
    assert page.status == 200
    assert _shown(page) == expected
    assert page.soup.find("input", attrs={"name": "q"})["value"] == " ".join(search.split())
    if not expected:
        assert "No answers match." in page.text()
    assert_well_formed(page)


def test_search_and_theme_are_kept_in_page_links(app, analyst):
    survey = _fill(app, [f"late {n}" for n in range(30)] + ["on time"])
    with app.app_context():
        theme = Theme(consultation_id=survey.id, name="Lateness")
        db.session.add(theme)
        db.session.flush()
        for answer_id in db.session.scalars(select(Answer.id).where(Answer.text.like("late%"))):
            db.session.add(AnswerTheme(answer_id=answer_id, theme_id=theme.id))
        db.session.commit()
        theme_id = theme.id
    page = analyst.get(_path(survey, f"?q=LATE&theme={theme_id}"))
    assert "Showing 1 to 25 of 30" in page.text()
    assert _pagination(page) == {"next": _path(survey, f"?q=LATE&theme={theme_id}&page=2")}
    assert page.soup.select_one(f"#search-theme option[value='{theme_id}']").has_attr("selected")
    # The tagging forms carry the view, so saving comes back to it.
    form = page.soup.select_one("form.answer__form")
    assert form.find("input", attrs={"name": "q"})["value"] == "LATE"
    assert form.find("input", attrs={"name": "theme"})["value"] == str(theme_id)


def test_filter_by_theme_or_by_no_theme(app, analyst):
    survey = _fill(app, ["first", "two", "third"])
    with app.app_context():
        theme = Theme(consultation_id=survey.id, name="Numbers")
        db.session.add(theme)
        db.session.flush()
        db.session.add(AnswerTheme(answer_id=db.session.scalar(select(Answer.id).where(Answer.text == "two")),
                                   theme_id=theme.id))
        db.session.commit()
        theme_id = theme.id
    assert _shown(analyst.get(_path(survey, f"?theme={theme_id}"))) == ["two"]
    assert _shown(analyst.get(_path(survey, "?theme=none"))) == ["first", "third"]
    # A theme that is not this consultation's (or not a theme) is ignored: every answer.
    assert _shown(analyst.get(_path(survey, "?theme=99999"))) == ["first", "two", "third"]
    assert _shown(analyst.get(_path(survey, "?theme=abc"))) == ["first", "two", "third"]


def test_service_pages_directly(app):
    survey = _fill(app, [f"Answer {n}" for n in range(1, 8)])
    with app.app_context():
        page = service.answers_page(survey.questions["why_walk"], page=3, per_page=3)
        assert (page.page, page.pages, page.first, page.last, page.total) == (3, 3, 7, 7, 7)
        assert [item.text for item in page.items] == ["Answer 7"]
        empty = service.answers_page(survey.questions["why_walk"], search="zzz", per_page=3)
        assert (empty.page, empty.pages, empty.first, empty.last, empty.total) == (1, 1, 0, 0, 0)


# -- the page itself --------------------------------------------------------------------------

def test_answers_show_reference_date_language_and_escaped_words(app, analyst):
    survey = _fill(app, ['<script>alert("x")</script>'], language="cy")
    page = analyst.get(_path(survey))
    text = page.soup.select_one(".answer__text")
    assert text["lang"] == "cy" and text["dir"] == "auto"
    assert "<script>alert" not in page.html and "&lt;script&gt;" in page.html
    assert "Answer A0000-REF, sent on 5 March 2027" in page.text()
    # No themes yet: nothing to tick, and the page says how to add one.
    assert page.soup.select_one("form.answer__form") is None
    assert "No themes yet." in page.text()


def test_only_free_text_questions_of_this_consultation_have_an_answers_page(app, analyst):
    survey = _fill(app, ["words"])
    with app.app_context():
        other = build_survey("other-survey")
        db.session.commit()
    for question_id in (survey.questions["bus"], survey.questions["trips"], other.questions["why_walk"], 99999):
        assert analyst.client.get(f"/staff/results/bus-routes/questions/{question_id}/answers").status_code == 404
    # The short-text question has a page too.
    assert analyst.client.get(_path(survey).replace(str(survey.questions["why_walk"]),
                                                    str(survey.questions["town"]))).status_code == 200


def test_htmx_gets_the_main_region_only(app, analyst):
    survey = _fill(app, ["single"])
    response = analyst.client.get(_path(survey, "?q=single"), headers=HTMX_HEADERS)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<h1" in html and "<title>" in html
