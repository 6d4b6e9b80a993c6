"""The read API at /api/v1: tokens, scope, JSON errors, cursors, protected results, analyst-only
responses, the rate limit, and the OpenAPI document."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openapi_spec_validator import validate
from sqlalchemy import select

from consult.api import tokens
from consult.extensions import db
from consult.models import ApiToken, AuditEntry
from consult.models._time import utcnow
from tests.results.analysis_data import add_responses, make_consultation
from tests.results.test_dashboard import QUESTIONS, SLUG, _responses

API = "/api/v1"


@pytest.fixture
def survey(app):
    """The dashboard tests' bus survey (14 responses), and a second consultation no token here names."""
    with app.app_context():
        consultation = make_consultation(QUESTIONS, slug=SLUG)
        add_responses(consultation, _responses())
        other = make_consultation(QUESTIONS[:1], slug="other-survey")
        db.session.commit()
        return {"id": consultation.id, "other": other.id,
                "questions": [question.id for question in consultation.questions],
                "options": [[option.id for option in question.options] for question in consultation.questions]}


@pytest.fixture
def make_token(app, survey):
    def make(access=tokens.READER, consultations=None, days=30) -> str:
        from consult.models import Consultation

        with app.app_context():
            chosen = [db.session.get(Consultation, number) for number in (consultations or [survey["id"]])]
            _token, secret = tokens.create_token("Test dashboard", access, chosen, days, staff=None)
            db.session.commit()
            return secret

    return make


def get(app, path: str, secret: str | None = None, **headers):
    if secret is not None:
        headers["Authorization"] = f"Bearer {secret}"
    return app.test_client().get(API + path, headers=headers)


def assert_error(response, status: int, code: str | None = None):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.is_json
    error = response.get_json()["error"]
    assert error["status"] == status and error["message"]
    if code:
        assert error["code"] == code


# -- who may ask --------------------------------------------------------------------------------------

def test_no_token_is_a_json_401(app, survey):
    response = get(app, "/consultations")
    assert_error(response, 401, "token_missing")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert_error(get(app, "/consultations", Authorization="Basic abc"), 401, "token_missing")


def test_a_wrong_token_is_a_json_401(app, make_token):
    secret = make_token()
    assert_error(get(app, "/consultations", secret + "x"), 401, "token_unknown")
    assert_error(get(app, "/consultations", "not-even-ours"), 401, "token_unknown")


def test_an_expired_token_is_a_json_401(app, make_token):
    secret = make_token()
    with app.app_context():
        token = db.session.scalar(select(ApiToken))
        token.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert_error(get(app, "/consultations", secret), 401, "token_expired")


def test_a_revoked_token_is_a_json_401(app, make_token):
    secret = make_token()
    assert get(app, "/consultations", secret).status_code == 200
    with app.app_context():
        tokens.revoke_token(db.session.scalar(select(ApiToken)), staff=None)
        db.session.commit()
    assert_error(get(app, "/consultations", secret), 401, "token_revoked")


def test_only_a_hash_of_the_token_is_stored(app, make_token):
    secret = make_token()
    with app.app_context():
        token = db.session.scalar(select(ApiToken))
        assert secret not in (token.token_hash, token.prefix) and token.token_hash == tokens.token_hash(secret)
        assert token.last_used_at is None
    get(app, "/consultations", secret)
    with app.app_context():
        assert db.session.scalar(select(ApiToken)).last_used_at is not None


def test_a_consultation_outside_the_scope_is_a_json_404(app, survey, make_token):
    secret = make_token()
    for path in ("/consultations/other-survey", "/consultations/other-survey/questions",
                 "/consultations/other-survey/results", "/consultations/no-such-thing/results"):
        assert_error(get(app, path, secret), 404, "not_found")
    listed = get(app, "/consultations", secret).get_json()["data"]
    assert [item["slug"] for item in listed] == [SLUG]


def test_unknown_addresses_and_methods_are_json_too(app, make_token):
    secret = make_token()
    assert_error(get(app, "/nothing/here", secret), 404)
    response = app.test_client().post(API + "/consultations", headers={"Authorization": f"Bearer {secret}"})
    assert_error(response, 405)


def test_responses_need_an_analyst_token(app, make_token):
    reader = make_token(tokens.READER)
    assert_error(get(app, f"/consultations/{SLUG}/responses", reader), 403, "analyst_token_needed")
    analyst = make_token(tokens.ANALYST)
    response = get(app, f"/consultations/{SLUG}/responses", analyst)
    assert response.status_code == 200
    data = response.get_json()["data"]
    assert len(data) == 14 and all(item["answers"] for item in data)
    with app.app_context():
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "api.responses_read")) is not None


def test_the_api_needs_no_csrf_token_and_sets_no_cookie(app, make_token):
    response = get(app, "/consultations", make_token())
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


# -- what it says ----------------------------------------------------------------------------------

def test_a_consultation_and_its_questions(app, survey, make_token):
    secret = make_token()
    found = get(app, f"/consultations/{SLUG}", secret).get_json()
    assert found["slug"] == SLUG and found["title"]["standard"]["en"]
    questions = get(app, f"/consultations/{SLUG}/questions", secret).get_json()
    assert [item["id"] for item in questions["data"]] == survey["questions"]
    assert questions["next_cursor"] is None
    first = questions["data"][0]
    assert first["type"] == "single_choice" and first["number"] == 1
    assert [option["id"] for option in first["options"]] == survey["options"][0]


def test_cursors_page_through_without_repeats_or_gaps(app, survey, make_token):
    secret = make_token(tokens.ANALYST)
    for path, expected in ((f"/consultations/{SLUG}/questions", len(survey["questions"])),
                           (f"/consultations/{SLUG}/responses", 14)):
        seen, cursor, pages = [], None, 0
        while True:
            query = "?limit=4" + (f"&cursor={cursor}" if cursor else "")
            body = get(app, path + query, secret).get_json()
            assert len(body["data"]) <= 4
            seen += [item["id"] for item in body["data"]]
            cursor, pages = body["next_cursor"], pages + 1
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == expected
        assert pages == -(-expected // 4)


def test_bad_cursors_and_limits_are_json_400s(app, survey, make_token):
    secret = make_token(tokens.ANALYST)
    questions = f"/consultations/{SLUG}/questions"
    assert_error(get(app, questions + "?cursor=made-up", secret), 400, "bad_cursor")
    assert_error(get(app, questions + "?limit=0", secret), 400, "bad_limit")
    assert_error(get(app, questions + "?limit=lots", secret), 400, "bad_limit")
    # A cursor from one list does not work in another.
    cursor = get(app, f"/consultations/{SLUG}/responses?limit=1", secret).get_json()["next_cursor"]
    assert_error(get(app, f"{questions}?cursor={cursor}", secret), 400, "bad_cursor")


def test_results_protect_small_groups_as_the_dashboard_does(app, survey, make_token):
    body = get(app, f"/consultations/{SLUG}/results", make_token()).get_json()
    assert body["small_group_threshold"] == 5
    assert body["responses"] == {"count": 14, "state": "shown", "percent": None}
    travel = next(item for item in body["questions"] if item["question_id"] == survey["questions"][0])
    by_id = {option["id"]: option for option in travel["options"]}
    bus, car, walk, prefer_not = (by_id[number] for number in survey["options"][0])
    assert (bus["count"], bus["state"]) == (8, "shown")
    assert (walk["count"], walk["state"]) == (0, "shown")
    # 1 person preferred not to say: small. Car (5) is hidden so 14 - 8 - 0 does not give the 1 back.
    assert (prefer_not["count"], prefer_not["state"], prefer_not["percent"]) == (None, "small", None)
    assert (car["count"], car["state"]) == (None, "hidden")
    # No count anywhere is between 1 and 4.
    def counts(value):
        if isinstance(value, dict):
            if "count" in value and isinstance(value["count"], int):
                yield value["count"]
            for inner in value.values():
                yield from counts(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from counts(inner)
    assert not [count for count in counts(body) if 0 < count < 5]


def test_results_never_carry_words_people_wrote(app, survey, make_token):
    text = get(app, f"/consultations/{SLUG}/results", make_token()).get_data(as_text=True)
    assert "More buses" not in text


# -- limits and the description --------------------------------------------------------------------

def test_each_token_is_rate_limited(app, make_token):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    secret, other = make_token(), make_token()
    for _n in range(3):
        assert get(app, "/consultations", secret).status_code == 200
    assert_error(get(app, f"/consultations/{SLUG}", secret), 429, "too_many_requests")
    assert get(app, "/consultations", other).status_code == 200  # another token has its own allowance


def test_the_openapi_document_is_valid_and_describes_every_view(app):
    response = app.test_client().get(API + "/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    paths = set(document["paths"])
    assert {"/consultations", "/consultations/{slug}", "/consultations/{slug}/questions",
            "/consultations/{slug}/results", "/consultations/{slug}/responses"} <= paths
    api_rules = {rule.rule.removeprefix(API) for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("api.") and rule.endpoint != "api.unknown"}
    assert {rule.replace("<slug>", "{slug}") for rule in api_rules} == paths
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
