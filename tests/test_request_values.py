"""Ids, page numbers and NUL characters from requests (consult/request_values.py), and where they are read."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from consult.extensions import db
from consult.models import Consultation, Draft
from consult.request_values import MAX_ID, positive_int
from tests.auth.conftest import admin, staff  # noqa: F401  (the shared signed-in admin, and the accounts it needs)
from tests.demo_answers import answer_for
from tests.html_checks import assert_well_formed

BIG = "12345678901234567890"


@pytest.mark.parametrize(("raw", "number"), [
    ("1", 1), ("42", 42), (str(MAX_ID), MAX_ID),
    ("²", None), ("٣", None), (BIG, None), (str(MAX_ID + 1), None), ("0", None), ("-1", None), ("", None),
    (" 7", None), ("7.0", None), ("a\x00b", None), (None, None), (7, None),
])
def test_positive_int_reads_only_ascii_numbers_the_database_can_hold(raw, number):
    assert positive_int(raw) == number


def test_positive_int_keeps_to_its_maximum():
    assert positive_int("100", maximum=100) == 100
    assert positive_int("101", maximum=100) is None


@pytest.mark.parametrize("number", ["2147483648", BIG, "٣", "²"])
def test_a_path_id_the_database_cannot_hold_matches_no_route(app, number):
    """Every <int:...> refuses it, so it is a 404 like any unknown id, not an error from the database."""
    urls = app.url_map.bind("localhost")
    with pytest.raises(NotFound):
        urls.match(f"/staff/consultations/{number}")
    with pytest.raises(NotFound):
        urls.match(f"/c/equipment-service/q/{number}")
    assert urls.match(f"/staff/consultations/{MAX_ID}") == ("build.consultation", {"consultation_id": MAX_ID})


def test_ids_too_big_for_the_database_are_not_found(app, admin):  # noqa: F811
    assert admin.get(f"/staff/consultations/{BIG}").status == 404
    assert admin.get("/staff/consultations/2147483648/settings").status == 404
    assert admin.get(f"/staff/people/{BIG}/role").status == 404


def test_numbers_in_the_query_that_int_refuses_are_ignored(app, demo, admin):  # noqa: F811
    slug = demo["slug"]
    dashboard = admin.get(f"/staff/results/{slug}?answer=²")
    assert dashboard.status == 200
    assert "Choose an answer from the list" in dashboard.text()
    assert admin.get(f"/staff/results/{slug}/responses?page=²").status == 200
    assert admin.get(f"/staff/results/{slug}/responses?page={BIG}").status == 200
    assert admin.get(f"/staff/results/{slug}/reach?below=²").status == 200
    assert admin.get(f"/staff/entry/{slug}?sitting=²").status == 200
    text_question = next(question_id for question_id, kind, _required in demo["questions"] if kind == "long_text")
    assert admin.get(f"/staff/results/{slug}/questions/{text_question}/answers?theme=²&page=²").status == 200
    first_question = demo["questions"][0][0]
    picture_page = f"/staff/consultations/{demo['id']}/questions/{first_question}/picture"
    assert admin.get(f"{picture_page}?removed={BIG}").status == 200
    assert admin.get(f"{picture_page}?option={BIG}").status == 404


def test_a_kept_work_number_too_big_for_the_database_is_ignored(app, admin):  # noqa: F811
    for number in (BIG, "2147483648"):
        saved = admin.submit(admin.get("/staff/account/language"), {"kept_work": number})
        assert (saved.status, saved.path) == (200, "/staff/account")


def test_a_page_number_that_is_not_a_page_is_not_found(app, admin):  # noqa: F811
    for page in ("1", "x", "²"):  # not a number at all: the first page
        assert admin.get(f"/staff/audit?page={page}").status == 200
    for page in (BIG, "2147483648", "0", "-1"):
        assert admin.get(f"/staff/audit?page={page}").status == 404


def test_a_nul_character_in_the_address_is_a_plain_bad_request_page(app, demo):
    from tests.helpers import Resident

    person = Resident(app.test_client())
    for path in ("/c/a%00b", "/?q=a%00b", f"/c/{demo['slug']}?register=a%00b"):
        page = person.get(path)
        assert page.status == 400, path
        assert page.h1 == "Sorry, we could not read that"
        assert page.title.startswith("Sorry, we could not read that")
        assert page.soup.html["lang"] == "en"
        assert_well_formed(page)


def test_a_nul_character_in_a_staff_form_saves_nothing(app, admin):  # noqa: F811
    page = admin.get("/staff/consultations/new")
    refused = admin.submit(page, {"slug": "nul-title", "title": "Parks\x00 and paths"})
    assert refused.status == 400
    assert refused.h1 == "Sorry, we could not read that"
    with app.app_context():
        assert db.session.scalar(select(Consultation).where(Consultation.slug == "nul-title")) is None


def test_a_residents_answer_with_a_nul_character_comes_back_without_it(app, demo, resident):
    """Text pasted from some programs carries a NUL, which the database cannot store: the person gets
    their question back with their words (less the NUL) and a plain message, and nothing is saved."""
    slug = demo["slug"]
    page = resident.submit(resident.get(f"/c/{slug}"))
    for number in range(1, 7):
        page = resident.submit(page, answer_for(page, number))
    assert page.path == f"/c/{slug}/q/7"
    refused = resident.submit(page, {page.field_name(): "Please phone\x00 before you deliver."})
    assert refused.status == 400
    assert refused.path == f"/c/{slug}/q/7"
    assert "hidden character" in refused.text()
    assert refused.form().find("textarea").get_text() == "Please phone before you deliver."
    assert_well_formed(refused)
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        question_7 = str(demo["questions"][6][0])
        assert question_7 not in (draft.answers or {})
    # Sending the page again as shown goes on to the next question.
    assert resident.submit(refused).path == f"/c/{slug}/q/8"


def test_the_query_cannot_override_the_page_in_links_to_other_versions_and_languages(app, demo):
    """Links to this page in easy read or another language keep the address's own values."""
    client = app.test_client()
    response = client.get(f"/c/{demo['slug']}?slug=other&endpoint=x&_scheme=x&_external=1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'href="/c/{demo["slug"]}?register=easy"' in html  # the address's slug, not the query's
    assert client.get(f"/c/{demo['slug']}/resume/x?token=y").status_code < 500
