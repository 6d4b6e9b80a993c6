"""Simulated residents for the load test (tests/load/run.py starts locust with this file).

Every resident is a browser without JavaScript: it reads each page, sends the form with its CSRF token,
and follows the server's redirects, as a person clicking "Continue" would. It answers with each question
type's own good answer (``QuestionType.example``, written into the plan by run.py), and writes its own
words where a question is free text, so a lost or swapped answer shows.

Three kinds of resident, on the open demo consultations, spread over both servers:

- ``whole_journey``: start, every question, the check page, send.
- ``save_and_resume``: part of the way, "Save and come back later", then carry on from another device
  (the other server) with the link or the code, and send.
- ``two_tabs``: one draft open in two tabs, one tab on each server. The tabs save two different
  questions at the same moment, then one tab sends while the other changes an answer.

What each resident was told (the reference, and every answer the server confirmed by moving on) goes to
told-<pid>.jsonl in LOAD_RESULTS_DIR, one line per sent journey; tests/load/compare.py checks it against
the database.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import gevent
from locust import HttpUser, between, events, task
from locust.clients import HttpSession

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
HOSTS = os.environ["LOAD_HOSTS"].split(",")
RESULTS = Path(os.environ["LOAD_RESULTS_DIR"]) / f"told-{os.getpid()}.jsonl"
# Each resident has an address of its own, sent as X-Forwarded-For (the servers run with
# TRUSTED_PROXIES=1, as behind one reverse proxy), so the per-address limits count each resident.
# The second part changes per run, so counts a previous run left in Redis do not add up.
ADDRESS_PREFIX = os.environ.get("LOAD_ADDRESS_PREFIX", "10.0")
THINK = (0.1, 0.6)  # seconds a resident spends on a page before the next request

_numbers = itertools.count()

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
REFERENCE = re.compile(r'class="reference"[^>]*><span aria-hidden="true">([^<]+)</span>')
RESUME_LINK = re.compile(r'class="resume-link"><a href="([^"]+)"')
RESUME_CODE = re.compile(r'<p class="reference" dir="ltr">([^<]+)</p>')
QUESTION_PATH = re.compile(r"/c/[^/]+/q/(\d+)$")


_locust: dict = {}


@events.init.add_listener
def _remember_environment(environment, **_kwargs):
    _locust["environment"] = environment


@events.quit.add_listener
def _keep_statistics(**_kwargs):
    """Every page's numbers once the residents have stopped, for run.py's report (locust's CSV files
    can be written before the journeys still running at the end have finished)."""
    environment = _locust["environment"]
    stats = environment.stats
    pages = [{"name": entry.name, "method": entry.method, "requests": entry.num_requests,
              "failures": entry.num_failures, "median": entry.median_response_time,
              "p95": entry.get_response_time_percentile(0.95)}
             for entry in sorted(stats.entries.values(), key=lambda entry: entry.name)]
    total = stats.total
    pages.append({"name": "all pages", "method": "", "requests": total.num_requests, "failures": total.num_failures,
                  "median": total.median_response_time, "p95": total.get_response_time_percentile(0.95)})
    failures = [{"method": error.method, "name": error.name, "error": str(error.error), "occurrences": error.occurrences}
                for error in stats.errors.values()]
    exceptions = [{"count": found["count"], "message": found["msg"],
                   "traceback": found["traceback"]} for found in (environment.runner.exceptions or {}).values()]
    (RESULTS.parent / f"stats-{os.getpid()}.json").write_text(
        json.dumps({"pages": pages, "failures": failures, "exceptions": exceptions}, indent=1))


class JourneyBroken(Exception):
    """A page was not what a resident expects; the request is already counted as a failure."""


def _note(kind: str, resident: str, **record) -> None:
    with RESULTS.open("a") as handle:
        handle.write(json.dumps({"kind": kind, "resident": resident, **record}) + "\n")


def _filled(question: dict, words: str) -> dict:
    """The form data for this question; a free-text answer carries the resident's own words."""
    return {name: (words if question["free_text"] else value) for name, value in question["formdata"].items()}


class Tab:
    """One browser tab: a cookie jar (copied from another tab when opened from it) and one server."""

    def __init__(self, user: HttpUser, host: str, cookies=None):
        self.user = user
        self.host = host
        self.client = HttpSession(base_url=host, request_event=user.environment.events.request, user=user)
        self.client.headers["X-Forwarded-For"] = user.address
        if cookies is not None:
            self.client.cookies.update(cookies)

    def page(self, path: str, name: str) -> str:
        """GET a page that must answer 200; its HTML."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} (Location {response.headers.get('Location')!r})")
                raise JourneyBroken(name)
            return response.text

    def get_or_redirect(self, path: str, name: str) -> tuple[int, str]:
        """GET a page that may send the resident on (a question branching skips): (status, HTML or Location)."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code == 200:
                return 200, response.text
            if response.status_code == 303:
                return 303, self._location(response)
            response.failure(f"{response.status_code}")
            raise JourneyBroken(name)

    def send(self, path: str, name: str, html: str, data: dict) -> str:
        """POST a form read from ``html`` (its CSRF token); it must answer with a redirect. The Location path."""
        token = CSRF.search(html)
        form = {**data, "csrf_token": token.group(1) if token else ""}
        with self.client.post(path, data=form, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 303:
                response.failure(f"{response.status_code}: {_problem(response.text)}")
                raise JourneyBroken(name)
            return self._location(response)

    def _location(self, response) -> str:
        """Where a redirect sends the resident, as a path on this tab's server (with its query)."""
        parts = urlsplit(urljoin(self.host, response.headers.get("Location", "")))
        return parts.path + (f"?{parts.query}" if parts.query else "")


def _problem(html: str) -> str:
    found = re.search(r'class="error-summary.*?</(?:ul|div)>', html or "", re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))[:200] if found else (html or "")[:200]


class Resident(HttpUser):
    wait_time = between(0.5, 2.0)
    host = HOSTS[0]  # locust asks for one; each resident picks its server below

    def on_start(self):
        number = next(_numbers)
        self.resident = f"resident-{number}"
        self.address = f"{ADDRESS_PREFIX}.{number // 250}.{number % 250 + 1}"
        self.home = HOSTS[number % len(HOSTS)]
        self.other = HOSTS[(number + 1) % len(HOSTS)]
        self.journeys = itertools.count(1)

    # -- the steps every journey shares -------------------------------------------------------

    def _think(self):
        gevent.sleep(random.uniform(*THINK))

    def _start(self, tab: Tab, consultation: dict) -> str:
        slug = consultation["slug"]
        html = tab.page(f"/c/{slug}", "start page")
        return tab.send(f"/c/{slug}/start", "start (POST)", html, {})

    def _answer(self, tab: Tab, consultation: dict, place: str, told: dict, words: str,
                action: str | None = None) -> str:
        """Answer the question at ``place`` (a question's address); the server's next place."""
        number = int(QUESTION_PATH.search(place).group(1))
        question = consultation["questions"][number - 1]
        html = tab.page(place, "question page")
        self._think()
        data = _filled(question, words)
        extra = {"action": action} if action else {}
        after = tab.send(place, "save for later (POST)" if action else "question (POST)", html, {**data, **extra})
        if "/confirmation" in after:
            raise self._unexpected(f"question {number} was refused as too late: {after}")
        told[question["id"]] = data
        return after

    def _walk(self, tab: Tab, consultation: dict, place: str, told: dict, journey: str) -> str:
        """Follow the server from ``place`` through the questions to the check page."""
        for _step in range(len(consultation["questions"]) + 1):
            if not QUESTION_PATH.search(place):
                break
            place = self._answer(tab, consultation, place, told, f"{journey}: my own words")
            self._think()
        if not place.endswith("/check"):
            raise self._unexpected(f"the questions did not end at the check page but at {place}")
        return place

    def _send_and_confirm(self, tab: Tab, consultation: dict, told: dict, journey: str, how: str) -> None:
        slug = consultation["slug"]
        html = tab.page(f"/c/{slug}/check", "check page")
        after = tab.send(f"/c/{slug}/check", "send (POST)", html, {})
        self._confirm(tab, consultation, after, told, journey, how)

    def _confirm(self, tab: Tab, consultation: dict, after: str, told: dict, journey: str, how: str) -> None:
        slug = consultation["slug"]
        if not after.startswith(f"/c/{slug}/confirmation"):
            raise self._unexpected(f"sending led to {after}, not the confirmation page")
        with tab.client.get(after, name="confirmation page", allow_redirects=False, catch_response=True) as page:
            found = REFERENCE.search(page.text or "")
            if page.status_code != 200 or not found:
                page.failure(f"{page.status_code}: no reference on the confirmation page")
                raise JourneyBroken("confirmation page")
        _note("submitted", self.resident, journey=journey, how=how, slug=slug, reference=found.group(1).strip(),
              server=tab.host, answers={str(key): value for key, value in told.items()})

    def _unexpected(self, detail: str) -> JourneyBroken:
        _note("unexpected", self.resident, detail=detail)
        return JourneyBroken(detail)

    def _journey_name(self) -> str:
        journey = f"{self.resident} journey {next(self.journeys)}"
        _note("started", self.resident, detail=journey)
        return journey

    # -- the residents ----------------------------------------------------------------------------

    @task(5)
    def whole_journey(self):
        consultation = random.choice(PLAN["consultations"])
        journey = self._journey_name()
        tab = Tab(self, self.home)
        try:
            told: dict = {}
            place = self._start(tab, consultation)
            self._walk(tab, consultation, place, told, journey)
            self._send_and_confirm(tab, consultation, told, journey, "whole journey")
        except JourneyBroken:
            pass

    @task(2)
    def save_and_resume(self):
        consultation = random.choice(PLAN["consultations"])
        slug = consultation["slug"]
        journey = self._journey_name()
        first = Tab(self, self.home)
        try:
            told: dict = {}
            place = self._start(first, consultation)
            # A few questions, then "Save and come back later" with the next one answered.
            for _step in range(random.randint(0, 2)):
                if not QUESTION_PATH.search(place):
                    break
                place = self._answer(first, consultation, place, told, f"{journey}: my own words")
            if not QUESTION_PATH.search(place):
                raise self._unexpected(f"no question left to save at {place}")
            saved = self._answer(first, consultation, place, told, f"{journey}: saved for later", action="save")
            html = first.page(saved, "saved page")
            link, code = RESUME_LINK.search(html), RESUME_CODE.search(html)
            if not link or not code:
                raise self._unexpected("the saved page shows no link or no code")
            self._think()
            # Another device, on the other server: the link, or the code typed on the resume page.
            device = Tab(self, self.other)
            if random.random() < 0.5:
                with device.client.get(urlsplit(link.group(1)).path, name="resume link", allow_redirects=False,
                                       catch_response=True) as response:
                    if response.status_code != 303:
                        response.failure(f"{response.status_code}")
                        raise JourneyBroken("resume link")
                    place = device._location(response)
            else:
                html = device.page(f"/c/{slug}/resume", "resume page")
                place = device.send(f"/c/{slug}/resume", "resume with code (POST)", html,
                                    {"code": code.group(1).strip()})
            # It carries on at the first question not answered: an earlier one means an answer was lost.
            resumed = QUESTION_PATH.search(place)
            if resumed:
                question = consultation["questions"][int(resumed.group(1)) - 1]
                if question["id"] in told:
                    _note("lost", self.resident, detail=f"{journey}: resuming asked question {question['id']} "
                                                    f"again, which was saved before")
            place = self._walk(device, consultation, place, told, journey)
            self._send_and_confirm(device, consultation, told, journey, "saved and resumed on the other server")
        except JourneyBroken:
            pass

    @task(2)
    def two_tabs(self):
        """One draft, two tabs on different servers: simultaneous saves of two questions, then one tab
        sends while the other changes an answer. Whichever the server took first, the resident must
        have been told the truth."""
        consultation = random.choice(PLAN["consultations"])
        slug = consultation["slug"]
        journey = self._journey_name()
        questions = consultation["questions"]
        # Race on questions no branching touches, so each is asked whatever the other tab does.
        racing = [question for question in questions if not question["branching"]]
        if len(racing) < 2:
            return
        first, second = racing[-2], racing[-1]
        late = next((question for question in reversed(racing) if question["free_text"]), first)
        tab_a = Tab(self, self.home)
        try:
            told: dict = {}
            self._start(tab_a, consultation)
            # Tab A answers everything but the two racing questions, going to each by its address.
            for number, question in enumerate(questions, start=1):
                if question in (first, second):
                    continue
                status, html = tab_a.get_or_redirect(f"/c/{slug}/q/{number}", "question page")
                if status != 200:
                    continue  # branching does not ask it
                self._think()
                data = _filled(question, f"{journey}: tab A's words")
                after = tab_a.send(f"/c/{slug}/q/{number}", "question (POST)", html, data)
                if "/confirmation" in after:
                    raise self._unexpected(f"question {number} was refused as too late: {after}")
                told[question["id"]] = data
            tab_b = Tab(self, self.other, cookies=tab_a.client.cookies)
            self._race_two_saves(tab_a, tab_b, consultation, first, second, told, journey)
            check_html = tab_a.page(f"/c/{slug}/check", "check page")
            late_number = questions.index(late) + 1
            late_html = tab_b.page(f"/c/{slug}/q/{late_number}", "question page")
            self._think()
            late_data = _filled(late, f"{journey}: tab B changed this")
            sent, changed = _together(
                lambda: tab_a.send(f"/c/{slug}/check", "send (POST)", check_html, {}),
                lambda: tab_b.send(f"/c/{slug}/q/{late_number}", "question (POST)", late_html, late_data),
            )
            if "/confirmation" not in changed:
                told[late["id"]] = late_data  # saved before the answers were sent: it must be in them
                how = "two tabs: the change was saved, then sent"
            elif "late=1" not in changed:
                raise self._unexpected(f"a change after sending led to {changed} without saying it was late")
            else:
                tab_b.page(changed, "confirmation page")  # "too late to change" (tab B's view)
                how = "two tabs: sent first, the change was told it was too late"
            self._confirm(tab_a, consultation, sent, told, journey, how)
        except JourneyBroken:
            pass

    def _race_two_saves(self, tab_a: Tab, tab_b: Tab, consultation: dict, first: dict, second: dict,
                        told: dict, journey: str) -> None:
        slug = consultation["slug"]
        places = [f"/c/{slug}/q/{consultation['questions'].index(question) + 1}" for question in (first, second)]
        pages = [tab_a.page(places[0], "question page"), tab_b.page(places[1], "question page")]
        data = [_filled(first, f"{journey}: tab A raced"), _filled(second, f"{journey}: tab B raced")]
        afters = _together(
            lambda: tab_a.send(places[0], "question (POST)", pages[0], data[0]),
            lambda: tab_b.send(places[1], "question (POST)", pages[1], data[1]),
        )
        for after, question, form in zip(afters, (first, second), data):
            if "/confirmation" in after:
                raise self._unexpected(f"question {question['id']} was refused as too late: {after}")
            told[question["id"]] = form


def _together(*calls):
    """Run the calls at the same moment (two tabs pressing their buttons); their results, in order.
    A JourneyBroken in either is raised once both have finished."""

    def run(call):
        try:
            return call(), None
        except JourneyBroken as broken:
            return None, broken

    jobs = [gevent.spawn(run, call) for call in calls]
    gevent.joinall(jobs)
    outcomes = [job.value for job in jobs]
    for _value, broken in outcomes:
        if broken is not None:
            raise broken
    return [value for value, _broken in outcomes]
