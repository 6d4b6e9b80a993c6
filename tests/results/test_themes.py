"""Themes: create, rename, delete (with confirmation), tag answers with several, count, audit, roles."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Answer, AnswerTheme, AuditEntry, Theme
from tests.html_checks import assert_well_formed
from tests.results.test_exports_data import (
    add_response,
    analyst,  # noqa: F401  (fixture)
    build_survey,
)

THEMES = "/staff/results/bus-routes/themes"


@pytest.fixture
def survey(app):
    """Three walkers who said why, in their own words."""
    with app.app_context():
        made = build_survey()
        for reference, words in (("AAA-AAA-AAA", "The bus is always late"), ("BBB-BBB-BBB", "Too expensive"),
                                 ("CCC-CCC-CCC", "Late and expensive")):
            add_response(made, {"bus": "walk", "days": ["monday"], "why_walk": words, "trips": 1},
                         reference=reference)
        db.session.commit()
        made.answers = dict(db.session.execute(
            select(Answer.text, Answer.id).where(Answer.question_id == made.questions["why_walk"])).all())
        return made


def _answers_path(survey, query=""):
    return f"/staff/results/bus-routes/questions/{survey.questions['why_walk']}/answers{query}"


def _create(person, name, page_path=THEMES):
    page = person.get(page_path)
    form = page.soup.find("form", attrs={"action": "/staff/results/bus-routes/themes"})
    index = page.soup.find_all("form", attrs={"method": "post"}).index(form)
    return person.submit(page, {"theme-name": name}, form_index=index)


def _theme_ids(app) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(select(Theme.name, Theme.id)).all())


def _tags(app) -> set[tuple[int, int]]:
    with app.app_context():
        return set(db.session.execute(select(AnswerTheme.answer_id, AnswerTheme.theme_id)).all())


def _audit(app, action) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.detail).where(AuditEntry.action == action)))


def _answer_form(page, answer_id):
    return page.soup.find("form", attrs={"action": f"/staff/results/bus-routes/answers/{answer_id}/themes"})


def _tag(person, page, answer_id, theme_ids):
    forms = page.soup.find_all("form", attrs={"method": "post"})
    index = forms.index(_answer_form(page, answer_id))
    return person.submit(page, {"theme_id": [str(i) for i in theme_ids]}, form_index=index)


# -- creating, renaming, deleting ---------------------------------------------------------------

def test_create_themes_from_the_themes_page(app, analyst, survey):
    page = analyst.get(THEMES)
    assert page.status == 200 and page.h1 == "Free-text answers and themes"
    assert_well_formed(page)
    done = _create(analyst, "  Waiting   times ")
    assert done.path == THEMES
    assert "Theme “Waiting times” added." in done.text()
    assert "Waiting times" in [th.get_text(strip=True) for th in done.soup.select("tbody th")]
    assert _audit(app, "theme.created") == ["Waiting times"]


@pytest.mark.parametrize("name, message", [
    ("", "Enter a name for the theme"),
    ("   ", "Enter a name for the theme"),
    ("x" * 121, "Use 120 characters or fewer"),
    ("waiting TIMES", "There is already a theme with this name. Choose a different name"),
])
def test_a_theme_name_must_be_new_and_not_empty(analyst, survey, name, message):
    _create(analyst, "Waiting times")
    page = _create(analyst, name)
    assert page.status == 422
    assert page.title.startswith("Error: ")
    assert message in page.soup.select_one(".error-summary").get_text(" ", strip=True)
    assert_well_formed(page)


def test_rename_a_theme(app, analyst, survey):
    _create(analyst, "Cost")
    _create(analyst, "Lateness")
    theme_id = _theme_ids(app)["Cost"]
    form = analyst.get(f"{THEMES}/{theme_id}/rename")
    assert_well_formed(form)
    assert form.soup.find("input", attrs={"name": "theme-name"})["value"] == "Cost"
    taken = analyst.submit(form, {"theme-name": "lateness"})
    assert taken.status == 422 and "already a theme" in taken.text()
    done = analyst.submit(form, {"theme-name": "Fares"})
    assert done.path == THEMES and "Theme “Cost” is now called “Fares”." in done.text()
    assert set(_theme_ids(app)) == {"Fares", "Lateness"}
    assert _audit(app, "theme.renamed") == ["Cost → Fares"]


def test_delete_asks_first_and_keeps_the_answers(app, analyst, survey):
    _create(analyst, "Cost")
    theme_id = _theme_ids(app)["Cost"]
    page = analyst.get(_answers_path(survey))
    page = _tag(analyst, page, survey.answers["Too expensive"], [theme_id])
    confirm = analyst.get(f"{THEMES}/{theme_id}/delete")
    assert confirm.status == 200 and confirm.h1 == "Delete the theme “Cost”?"
    assert "It is on 1 answer." in confirm.text()
    assert_well_formed(confirm)
    assert _theme_ids(app) == {"Cost": theme_id}  # asking changed nothing
    done = analyst.submit(confirm)
    assert done.path == THEMES and "Theme “Cost” deleted." in done.text()
    assert _theme_ids(app) == {} and _tags(app) == set()
    with app.app_context():
        assert db.session.scalar(select(func.count(Answer.id)).where(Answer.text.is_not(None))) == 3
    assert _audit(app, "theme.deleted") == ["Cost"]


def test_themes_of_another_consultation_are_not_found(app, analyst, survey):
    with app.app_context():
        other = build_survey("other-survey")
        theme = Theme(consultation_id=other.id, name="Elsewhere")
        db.session.add(theme)
        db.session.commit()
        theme_id = theme.id
    assert analyst.client.get(f"{THEMES}/{theme_id}/rename").status_code == 404
    assert analyst.client.get(f"{THEMES}/{theme_id}/delete").status_code == 404


# -- tagging ----------------------------------------------------------------------------------

def test_tag_an_answer_with_several_themes_without_javascript(app, analyst, survey):
    for name in ("Cost", "Lateness", "Comfort"):
        _create(analyst, name)
    ids = _theme_ids(app)
    answer_id = survey.answers["Late and expensive"]
    page = analyst.get(_answers_path(survey, "?q=late"))
    form = _answer_form(page, answer_id)
    sent = analyst.client.post(form["action"], data={
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"], "q": "late",
        "theme_id": [str(ids["Cost"]), str(ids["Lateness"])]})
    # Back to the same page and answer: the search is kept, the address ends at the answer.
    assert sent.status_code == 303
    assert sent.headers["Location"] == _answers_path(survey, f"?q=late#answer-{answer_id}")
    done = analyst.get(_answers_path(survey, "?q=late"))
    assert form.find("input", attrs={"name": "q"})["value"] == "late"
    assert _tags(app) == {(answer_id, ids["Cost"]), (answer_id, ids["Lateness"])}
    box = done.soup.find(id=f"answer-{answer_id}")
    assert {i["value"] for i in box.select("input[type=checkbox][checked]")} == {str(ids["Cost"]), str(ids["Lateness"])}
    assert "Saved" in box.get_text(" ", strip=True)
    assert "Themes saved for answer CCC-CCC-CCC: Cost, Lateness" in done.text()
    assert_well_formed(done)
    # Untick one: exactly the other stays.
    again = _tag(analyst, done, answer_id, [ids["Lateness"]])
    assert _tags(app) == {(answer_id, ids["Lateness"])}
    assert _audit(app, "answer.themes_changed") == ["Cost; Lateness", "Lateness"]
    # Untick all.
    none = _tag(analyst, again, answer_id, [])
    assert _tags(app) == set() and "Answer CCC-CCC-CCC has no themes now" in none.text()


def test_tag_an_answer_with_htmx_swaps_only_that_answer(app, signed_in, survey):
    person = signed_in("analyst", htmx=True)
    for name in ("Cost", "Lateness"):
        _create(person, name)
    ids = _theme_ids(app)
    answer_id = survey.answers["The bus is always late"]
    page = person.get(_answers_path(survey, "?page=1"))
    form = _answer_form(page, answer_id)
    assert form["hx-target"] == f"#answer-{answer_id}" and form["hx-swap"] == "outerHTML"
    response = person.client.post(form["action"], data={
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"], "theme_id": [str(ids["Lateness"])],
    }, headers={"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": f"div#answer-{answer_id}"})
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert soup.find("main") is None and soup.find("title") is None
    swapped = soup.find(id=f"answer-{answer_id}")
    assert swapped.select_one(f"input[value='{ids['Lateness']}'][checked]") is not None
    assert "Saved" in swapped.get_text(" ", strip=True)
    # The counts beside the answers change too, out of band.
    counts = soup.find(id="theme-counts")
    assert counts["hx-swap-oob"] == "true"
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in counts.select("tbody tr")}
    assert rows == {"Cost": "0", "Lateness": "1", "No theme yet": "2"}
    trigger = json.loads(response.headers["HX-Trigger"])["consult:announce"]
    assert trigger["message"] == "Themes saved for answer AAA-AAA-AAA: Lateness"
    assert trigger["focus"] == f"save-themes-{answer_id}"
    assert _tags(app) == {(answer_id, ids["Lateness"])}


def test_a_theme_of_another_consultation_cannot_be_tagged(app, analyst, survey):
    _create(analyst, "Cost")
    with app.app_context():
        other = build_survey("other-survey")
        stranger = Theme(consultation_id=other.id, name="Elsewhere")
        db.session.add(stranger)
        db.session.commit()
        stranger_id = stranger.id
    answer_id = survey.answers["Too expensive"]
    page = analyst.get(_answers_path(survey))
    _tag(analyst, page, answer_id, [_theme_ids(app)["Cost"], stranger_id])
    assert _tags(app) == {(answer_id, _theme_ids(app)["Cost"])}


def test_only_free_text_answers_of_this_consultation_can_be_tagged(app, analyst, survey):
    with app.app_context():
        other = build_survey("other-survey")
        response = add_response(other, {"bus": "walk", "days": ["monday"], "why_walk": "Elsewhere", "trips": 1})
        db.session.commit()
        foreign = db.session.scalar(select(Answer.id).where(Answer.response_id == response.id,
                                                            Answer.text.is_not(None)))
        choice = db.session.scalar(select(Answer.id).where(Answer.response_id == survey.responses[0],
                                                           Answer.option_id.is_not(None)))
    page = analyst.get(_answers_path(survey))
    token = page.soup.find("input", attrs={"name": "csrf_token"})["value"]
    for answer_id in (foreign, choice, 999999):
        response = analyst.client.post(f"/staff/results/bus-routes/answers/{answer_id}/themes",
                                       data={"csrf_token": token})
        assert response.status_code == 404


def test_tagging_needs_the_csrf_token(app, analyst, survey):
    _create(analyst, "Cost")
    answer_id = survey.answers["Too expensive"]
    response = analyst.client.post(f"/staff/results/bus-routes/answers/{answer_id}/themes",
                                   data={"theme_id": str(_theme_ids(app)["Cost"])})
    assert response.status_code == 400
    response = analyst.client.post("/staff/results/bus-routes/themes", data={"theme-name": "Sneaky"})
    assert response.status_code == 400
    assert _tags(app) == set() and "Sneaky" not in _theme_ids(app)


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_every_results_role_may_tag(app, signed_in, survey, role):
    person = signed_in(role)
    _create(person, f"By {role}")
    theme_id = _theme_ids(app)[f"By {role}"]
    answer_id = survey.answers["Too expensive"]
    _tag(person, person.get(_answers_path(survey)), answer_id, [theme_id])
    assert _tags(app) == {(answer_id, theme_id)}


def test_signed_out_visitors_cannot_see_or_change_themes(app, survey):
    client = app.test_client()
    for path in (THEMES, _answers_path(survey), f"{THEMES}/1/rename", f"{THEMES}/1/delete"):
        response = client.get(path)
        assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


# -- counts -----------------------------------------------------------------------------------

def test_counts_per_theme_on_both_pages(app, analyst, survey):
    for name in ("Cost", "Lateness"):
        _create(analyst, name)
    ids = _theme_ids(app)
    page = analyst.get(_answers_path(survey))
    page = _tag(analyst, page, survey.answers["Late and expensive"], [ids["Cost"], ids["Lateness"]])
    page = _tag(analyst, page, survey.answers["The bus is always late"], [ids["Lateness"]])
    counts = {row.th.get_text(strip=True): row.td.get_text(strip=True)
              for row in page.soup.select("#theme-counts tbody tr")}
    assert counts == {"Cost": "1", "Lateness": "2", "No theme yet": "1"}
    assert "3 people answered this question. 1 answer has no theme yet." in page.text()
    themes = analyst.get(THEMES)
    assert {row.th.get_text(strip=True): row.td.get_text(strip=True)
            for row in themes.soup.select("tbody tr")} == {"Cost": "1", "Lateness": "2"}
    assert "3 answers, 1 with no theme yet" in themes.text()
