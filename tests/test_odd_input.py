"""No server error from odd input, on any route, for anonymous visitors and for a signed-in admin.

Path arguments, query strings and form fields get odd values, beside the demo's real slugs and ids:
digits that str.isdigit() accepts but int() refuses ("²"), other scripts' digits ("٣"), ids too big
for the database's integer columns, negative numbers, NUL bytes (PostgreSQL cannot store them), very
long and empty strings. A 404, a 400 or a page with a message are all fine; a 5xx never is.

Every route gets the named values below on every run, then a few more that hypothesis draws.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from sqlalchemy import select

from consult.build import translation
from consult.demo import DEMO_SLUG
from consult.extensions import db, limiter
from consult.models import Answer, Consultation, Option, Outcome, PlainWord, Question, Response, StaffUser, Theme
from consult.results.filters import KEYS as FILTER_KEYS
from tests.auth.conftest import admin, staff  # noqa: F401  (the shared signed-in admin, and the accounts it needs)
from tests.auth.support import EMAILS
from tests.helpers import Resident
from tests.respond.test_journey import complete_demo

BIG = "12345678901234567890"  # beyond 64 bits: SQLite refuses it
JUST_TOO_BIG = "2147483648"  # one more than PostgreSQL's integer holds
LONG = "ŵ" + "w" * 299  # 300 characters (mostly ASCII: thousands of %-escapes would slow the walk)
# Every query name and form field gets each of these (one value at a time, in all of them at once)...
IN_QUERY_AND_FORM = ("²", BIG, JUST_TOO_BIG, "a\x00b", LONG, "")
# ...and every path argument each of these. The others below reach both through hypothesis.
IN_PATH = (BIG, JUST_TOO_BIG, "a\x00b", LONG)
odd_values = st.one_of(
    st.sampled_from((*IN_QUERY_AND_FORM, "٣", "-1", "0", "\x00")),
    st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=24),  # digits int() may refuse
    st.integers().map(str),
    st.text(max_size=30),
)
EXAMPLES = 3  # drawn by hypothesis per route, method and browser: enough to vary, few enough to stay fast

# Endpoints that change who the browser is (signing out ends every session of that account; a kiosk)
# or delete the demo: they run last, each in a browser of its own, so the routes before them see a
# signed-in admin and real data.
LAST = ("auth.sign_out", "kiosk.start", "auth.deactivate_person", "auth.change_role", "build.delete")


def _names_the_routes_read() -> list[str]:
    """Query and form names in the source: read with .get("name"), or named by a constant such as
    REPLAY_FIELD = "kept_work"; and the results filters' names."""
    found = set(FILTER_KEYS)
    reads = re.compile(r'(?:args|values|form|source)\.get(?:list)?\(\s*"([^"]+)"|^[A-Z_]*FIELD = "([^"]+)"', re.M)
    for path in (Path(__file__).resolve().parent.parent / "consult").rglob("*.py"):
        found.update(name for names in reads.findall(path.read_text()) for name in names if name)
    return sorted(found)


QUERY_NAMES = _names_the_routes_read()


def _seed(app, demo, admin_id: int) -> None:
    """The demo, answered once, with a theme, an outcome and a plain word, so every id has a real value."""
    from consult.results.outcomes import add_outcome
    from consult.results.themes import create_theme

    complete_demo(Resident(app.test_client()), DEMO_SLUG)
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        create_theme(consultation, "Delivery")
        add_outcome(consultation, about=None, heard="You said deliveries were late.", action="We added a van.")
        db.session.add(PlainWord(language="en", word="utilise", plain="use", created_by_id=admin_id))
        db.session.commit()


def _real_values(app, admin_id: int) -> dict[str, list[str]]:
    """Real slugs, ids and keys, by path argument name."""

    def ids(model) -> list[str]:
        return [str(value) for value in db.session.scalars(select(model.id).order_by(model.id).limit(3))]

    with app.app_context():
        demo = db.session.scalar(select(Consultation).where(Consultation.slug == DEMO_SLUG))
        return {
            "slug": list(db.session.scalars(select(Consultation.slug).order_by(Consultation.id))),
            "consultation_id": ids(Consultation), "question_id": ids(Question), "option_id": ids(Option),
            "answer_id": ids(Answer), "theme_id": ids(Theme), "outcome_id": ids(Outcome), "word_id": ids(PlainWord),
            "number": ["1", "2", str(admin_id)], "reference": list(db.session.scalars(select(Response.reference))),
            "language": ["en", "cy", "ar"], "key": [row.unit.key for row in translation.rows(demo, "cy")][:3],
            "filename": ["css/app.css"], "format": ["csv", "xlsx"], "token": ["x"], "name": ["x.png"],
            "kind": ["accessibility", "privacy"],
        }


def _path(rule, value_for) -> str:
    def fill(match):
        converter, name = match.groups()
        return quote(value_for(name), safe="/" if converter == "path" else "")

    return re.sub(r"<(?:([^:>(]+)(?:\([^)]*\))?:)?([^>]+)>", fill, rule.rule)


class Browser:
    """A test client and its session's CSRF token, so odd form values get past the CSRF check to the views."""

    def __init__(self, client):
        self.client = client
        page = BeautifulSoup(client.get("/staff/sign-in").get_data(as_text=True), "html.parser")
        self.token = page.find("input", attrs={"name": "csrf_token"})["value"]

    def send(self, method: str, path: str, query: dict, form: dict) -> tuple[int, str]:
        """The status and where it redirects to; or 500 and the error TESTING lets through where a visitor
        would get a 500."""
        data = {**form, "csrf_token": self.token} if method == "POST" else None
        try:
            response = self.client.open(path, method=method, query_string=query, data=data)
        except Exception as error:  # noqa: BLE001  (any error here is a 500 for the visitor)
            return 500, f"{type(error).__name__}: {error}"[:300]
        return response.status_code, response.headers.get("Location", "")


def _field_names(browsers, rules, real_path) -> list[str]:
    """The name of every control on every page a GET with real values shows (but the CSRF token)."""
    names = set()
    for browser in browsers:
        for rule in rules:
            if "GET" in rule.methods and not rule.rule.endswith((".pdf", ".csv", ".xlsx")):  # no forms there
                response = browser.client.get(real_path(rule))
                if response.mimetype == "text/html":
                    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
                    names.update(control["name"] for control in soup.select("form [name]"))
    return sorted(names - {"csrf_token"})


@pytest.fixture
def walk(app, demo, admin):  # noqa: F811  (admin is the fixture imported above)
    """The demo answered, real values, and no rate limits (the walk signs in more often than people do)."""
    with app.app_context():
        admin_id = db.session.scalar(select(StaffUser.id).where(StaffUser.email == EMAILS["admin"]))
    _seed(app, demo, admin_id)
    limiter.enabled = False
    yield app, Browser(admin.client), _real_values(app, admin_id)
    limiter.enabled = True


def test_no_route_answers_odd_input_with_a_server_error(walk, signed_in):
    app, admin, real = walk
    rules = sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"),
                   key=lambda rule: (LAST.index(rule.endpoint) if rule.endpoint in LAST else -1, rule.rule))

    def real_path(rule):
        return _path(rule, lambda name: (real.get(name) or ["x"])[0])

    anonymous = Browser(app.test_client())
    fields = sorted(set(_field_names([anonymous, admin], rules, real_path)) | set(QUERY_NAMES))
    failures = []
    for rule in rules:
        if rule.endpoint == LAST[0]:
            assert admin.client.get("/staff/").status_code == 200, "the admin was signed out: the walk proved little"
        admin_browser = Browser(signed_in("admin").client) if rule.endpoint in LAST else admin
        for index, method in enumerate(sorted(rule.methods & {"GET", "POST"})):
            for browser in (anonymous, admin_browser):
                status, location = browser.send(method, real_path(rule), {}, {})
                if browser is anonymous and "/staff/sign-in" in location:
                    continue  # a staff route: odd values never reach it without signing in
                failures += _named(browser, method, rule, real_path(rule), fields, with_path=index == 0)
                failures += _drawn(browser, method, rule, real, fields)
    assert not failures, "\n".join(failures)


def _named(browser, method, rule, real_path, fields, with_path: bool) -> list[str]:
    """Each named value in every query name and form field at once, then in every path argument."""
    tries = [(value, real_path, dict.fromkeys(QUERY_NAMES, value), dict.fromkeys(fields, value))
             for value in IN_QUERY_AND_FORM]
    if with_path and rule.arguments:
        tries += [(value, _path(rule, lambda _name, odd=value: odd), {}, {}) for value in IN_PATH]
    failures = []
    for value, path, query, form in tries:
        status, detail = browser.send(method, path, query, form)
        if status >= 500:
            failures.append(f"{status} {method} {path[:150]} value={value[:20]!r} {detail}")
    return failures


def _drawn(browser, method, rule, real, fields) -> list[str]:
    """Values hypothesis draws: each path argument real or odd, and a few odd query and form values."""
    real_or_odd = {name: st.one_of(st.sampled_from(real.get(name) or ["x"]), odd_values) for name in rule.arguments}

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(path_values=st.fixed_dictionaries(real_or_odd),
           query=st.dictionaries(st.sampled_from(QUERY_NAMES), odd_values, max_size=4),
           form=st.dictionaries(st.sampled_from(fields), odd_values, max_size=6))
    def request_with(path_values, query, form):
        path = _path(rule, path_values.__getitem__)
        note(f"{method} {path}")
        status, detail = browser.send(method, path, query, form)
        assert status < 500, f"{status} {method} {path[:150]} query={query!r:.200} form={form!r:.200} {detail}"

    try:
        request_with()
    except AssertionError as failure:  # hypothesis has shrunk it to a small example
        return [str(failure)]
    return []


# The cases the security review named, one by one -------------------------------------------------


@pytest.mark.parametrize("language", ["ŵ" * 300, "xx"])
def test_the_text_checker_refuses_a_language_no_page_sends(app, admin, language):  # noqa: F811
    token = Browser(admin.client).token
    data = {"field": "prompt", "prompt": "We will utilise it.", "csrf_token": token}
    assert admin.client.post("/staff/consultations/check-text", data={**data, "language": "cy"}).status_code == 200
    assert admin.client.post("/staff/consultations/check-text", data={**data, "language": language}).status_code == 400
