"""Benchmark: run with ``python -m tests.bench`` (or ``make bench``). Not a pytest module.

It builds a throwaway instance (SQLite database, migrated and seeded with the demo), starts
gunicorn with 2 workers on 127.0.0.1 and a free port, and then:

1. measures throughput (requests per second) and p50/p95 latency of a resident question page
   (GET /c/equipment-service/q/1 with a started draft) and of /health on the same server, and
   prints the ratio between them;
2. measures what a first visit to the start page transfers, gzipped (level 6): the HTML and every
   stylesheet and script it references, against the budget of 45 KB in total;
3. times the results dashboard of a 20-question consultation with 10,000 responses (seeded with
   bulk inserts by tests/bench_results.py before gunicorn starts), one request at a time, signed in
   as an analyst, with no filter and with a cross-tab, against the target of 300 ms; and prints it
   beside the time of the bare SQL that feeds it (consult.results.analysis.summarise, run on its
   own in a separate process: no HTTP, no template);
4. times the easy-read results PDF ("What you told us") of that consultation in-process: the bare SQL,
   building its HTML, rendering with WeasyPrint (no cache), against the target of 2 s for a PDF made
   from scratch; and a later request when the PDF is already stored.

5. times a resident's question page, one request at a time, while 50 requests for printed
   questionnaires (new PDFs, in English, Welsh and Arabic) arrive at once and are rendered in the
   background (consult/printing/rendering.py), until every PDF is ready; against the target that the
   question page never waits more than 200 ms (printed, not asserted);

6. only when BENCH_DATABASE_URL names a PostgreSQL database (``make bench
   BENCH_DATABASE_URL=postgresql://user@host:5432/dbname``): times the same bare SQL on PostgreSQL,
   the production database, beside SQLite's. In a schema of its own in that database
   (``consult_bench_`` and random letters, dropped at the end; nothing else in the database is
   touched), it runs the migrations, seeds the same 20 questions and 10,000 responses (with COPY), and
   times summarise twice: just after the bulk load, before the planner has statistics (what a
   production database is like until autovacuum has been round), and after VACUUM ANALYZE.

7. only with BENCH_DATABASE_URL and BENCH_SCALE=1 too: the results at 10,000, 100,000 and 1,000,000
   responses against issue 14's targets (dashboard, a filtered view, CSV and XLSX exports with peak
   RSS, the easy-read results PDF), seeded by PostgreSQL itself; see tests/bench_scale.py. It takes
   tens of minutes and several GB of disk, so it has no time limit of its own.

8. resident pages (tests/bench_pages.py, issue 14): the question page's rate as a fraction of /health in
   standard and in easy read, beside the targets (0.5 and 0.4), on SQLite and, with BENCH_DATABASE_URL,
   on a gunicorn of its own on PostgreSQL; the page's time at 8, 50 and 200 questions and with 3 and 11
   languages (flat); the p95 of sending answers, with the load average beside it (20 ms on an idle
   machine); each worker's memory before and after 10,000 question pages (growth under 10%).

Everything is bounded: the run finishes inside 8 minutes (17 with PostgreSQL), and gunicorn is stopped
in a ``finally`` block whatever happens. The exit status is 0 unless the server failed to start.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from tests import bench_pages

PROJECT_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SLUG = "equipment-service"
START_PATH = f"/c/{SLUG}"
QUESTION_PATH = f"/c/{SLUG}/q/1"
HEALTH_PATH = "/health"

WORKERS = 2
CLIENTS = 8
WARM_UP_SECONDS = 1.0
MEASURE_SECONDS = 5.0
REQUEST_TIMEOUT = 10.0
BUDGET_BYTES = 45 * 1024
GZIP_LEVEL = 6
HARD_LIMIT_SECONDS = 170  # the whole run must finish in under 3 minutes
POSTGRES_EXTRA_SECONDS = 240  # and in under 7 with the PostgreSQL part
PAGES_EXTRA_SECONDS = 300  # resident pages (tests/bench_pages.py): 10,000 requests among them
PAGES_POSTGRES_EXTRA_SECONDS = 300  # migrate and seed the demo, then three measurements
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "").strip()
BENCH_SCALE = os.environ.get("BENCH_SCALE") == "1" and bool(BENCH_DATABASE_URL)

RESULTS_SLUG = "bench-results"  # made by tests/bench_results.py
RESULTS_PATH = f"/staff/results/{RESULTS_SLUG}"
PDF_TARGET_MS = 2000  # the easy-read results PDF, made from scratch
DASHBOARD_TARGET_MS = 300
DASHBOARD_WARM_UP = 2
DASHBOARD_RUNS = 8
PDF_BURST = 50  # PDF requests sent at once
BURST_PATHS = [f"/c/{SLUG}/print/{language}/{kind}.pdf" for language in ("en", "cy", "ar")
               for kind in ("easy-read", "large-print")]
BURST_READY_SECONDS = 60  # the longest the bench waits for every PDF of the burst to be made
QUESTION_WAIT_TARGET_MS = 200
RATIO_ROUNDS = 3  # the question page (standard, easy read) and /health, measured in turn (Turns)


class ServerFailed(RuntimeError):
    """Migration, seeding or gunicorn did not come up: the only case that exits non-zero."""


class BenchTimeout(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _environment(instance: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "CONSULT_INSTANCE": str(instance),
        "DATABASE_URL": f"sqlite:///{instance / 'consult.db'}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "PYTHONUNBUFFERED": "1",
    })
    env.pop("REDIS_URL", None)  # in-memory limiter: the bench must not depend on a Redis
    # Every session the bench starts comes from 127.0.0.1 (tests/bench_pages.py sends 40 sets of answers).
    env.setdefault("DRAFT_STARTS_LIMIT", "10000 per hour")
    return env


def _flask(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "-m", "flask", "--app", "consult", *args]
    try:
        done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired as exc:
        raise ServerFailed(f"`flask {' '.join(args)}` took longer than 30 s") from exc
    if done.returncode != 0:
        raise ServerFailed(f"`flask {' '.join(args)}` failed:\n{done.stdout}{done.stderr}")


def _start_gunicorn(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "gunicorn", "consult:create_app()",
        "--workers", str(WORKERS),
        "--bind", f"{HOST}:{port}",
        "--log-level", "warning",
        "--graceful-timeout", "5",
    ]
    log = open(log_path, "wb")
    try:
        # Its own process group, so the workers can be stopped with the master if it misbehaves.
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    finally:
        log.close()


def _wait_for_health(process: subprocess.Popen, port: int, log_path: Path, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"gunicorn exited with status {process.returncode}:\n{_tail(log_path)}")
        try:
            status, _, _ = _request(port, "GET", HEALTH_PATH, timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise ServerFailed(f"/health did not answer within {timeout:.0f} s:\n{_tail(log_path)}")


def _stop_gunicorn(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        process.wait(timeout=8)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the group this bench created, by its id
        except ProcessLookupError:
            pass
        process.wait(timeout=5)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# --------------------------------------------------------------------------------------------
# HTTP helpers (127.0.0.1 only)


def _request(port: int, method: str, path: str, *, cookie: str = "", body: bytes | None = None,
             headers: dict[str, str] | None = None, timeout: float = REQUEST_TIMEOUT,
             conn: http.client.HTTPConnection | None = None):
    """One request; returns (status, headers, body). Reuses ``conn`` when given."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        sent = dict(headers or {})
        if cookie:
            sent["Cookie"] = cookie
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        return response.status, response.headers, data
    except Exception:
        conn.close()  # a fresh socket next time
        raise
    finally:
        if own:
            conn.close()


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values.setdefault(attrs["name"], attrs.get("value") or "")


def _cookie_header(jar: SimpleCookie) -> str:
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


def _start_session(port: int) -> str:
    """GET the start page, POST the start form, and return the Cookie header for that session."""
    jar = SimpleCookie()
    status, headers, page = _request(port, "GET", START_PATH)
    if status != 200:
        raise RuntimeError(f"GET {START_PATH} answered {status}")
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    inputs = _Inputs()
    inputs.feed(page.decode("utf-8", "replace"))
    token = inputs.values.get("csrf_token")
    if not token:
        raise RuntimeError(f"no csrf_token input on {START_PATH}")
    status, headers, _ = _request(
        port, "POST", f"{START_PATH}/start", cookie=_cookie_header(jar),
        body=urlencode({"csrf_token": token}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    location = headers.get("Location", "")
    if status not in (302, 303) or urlsplit(location).path != QUESTION_PATH:
        raise RuntimeError(f"POST {START_PATH}/start answered {status} to {location!r}, not {QUESTION_PATH}")
    cookie = _cookie_header(jar)
    status, _, _ = _request(port, "GET", QUESTION_PATH, cookie=cookie)
    if status != 200:
        raise RuntimeError(f"GET {QUESTION_PATH} with the new session answered {status}")
    return cookie


# --------------------------------------------------------------------------------------------
# Load generator


class Result:
    def __init__(self, name: str, path: str):
        self.name, self.path = name, path
        self.ok = 0
        self.errors = 0
        self.latencies: list[float] = []
        self.elapsed = 0.0
        self.client_cpu = 0.0
        self.failure: str | None = None
        self.first_error: str | None = None

    @property
    def rps(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
        return ordered[index] * 1000


def _client(port: int, path: str, cookie: str, stop_at: float, record: bool, result: Result,
            lock: threading.Lock) -> None:
    latencies: list[float] = []
    ok = errors = 0
    first_error = None
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                status, _, _ = _request(port, "GET", path, cookie=cookie, conn=conn)
            except Exception as exc:  # count it and carry on
                errors += 1
                first_error = first_error or f"{type(exc).__name__}: {exc}"
                continue
            took = time.perf_counter() - began
            if status == 200:
                ok += 1
                latencies.append(took)
            else:
                errors += 1
                first_error = first_error or f"HTTP {status}"
    finally:
        conn.close()
    if record:
        with lock:
            result.ok += ok
            result.errors += errors
            result.latencies.extend(latencies)
            result.first_error = result.first_error or first_error


def _run_phase(port: int, path: str, cookies: list[str], seconds: float, result: Result, record: bool) -> None:
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(port, path, cookie, stop_at, record, result, lock), daemon=True)
        for cookie in cookies
    ]
    began, cpu_began = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT + 2)
    if record:
        result.elapsed = time.perf_counter() - began
        result.client_cpu = (time.process_time() - cpu_began) / result.elapsed if result.elapsed else 0.0


def _measure(port: int, name: str, path: str, cookies: list[str]) -> Result:
    result = Result(name, path)
    _run_phase(port, path, cookies, WARM_UP_SECONDS, result, record=False)
    _run_phase(port, path, cookies, MEASURE_SECONDS, result, record=True)
    return result


def _combined(results: list[Result]) -> Result:
    """One route's rounds as one result: every request, the time of them all."""
    first = results[0]
    combined = Result(first.name, first.path)
    for result in results:
        if result.failure:
            combined.failure = result.failure
            return combined
        combined.ok += result.ok
        combined.errors += result.errors
        combined.latencies += result.latencies
        combined.elapsed += result.elapsed
        combined.client_cpu += result.client_cpu * result.elapsed
        combined.first_error = combined.first_error or result.first_error
    combined.client_cpu = combined.client_cpu / combined.elapsed if combined.elapsed else 0.0
    return combined


class Turns:
    """Routes measured in turn, RATIO_ROUNDS times over, for the ratio of a page's rate to /health's.

    One 5-second phase of each was too few: on this 2-CPU machine, where the load generator shares the
    CPUs with gunicorn, the same code gave ratios from 0.31 to 0.42 in three runs. Measured in turn, a
    busy moment falls within one round, and the ratio printed is the median of the rounds' own ratios.
    """

    BARE = "bare route"

    def __init__(self, port: int, routes: list[tuple[str, str, list[str]]], rounds: int):
        self.rounds: list[dict[str, Result]] = []
        for _ in range(rounds):
            found = {}
            for name, path, cookies in routes:
                try:
                    found[name] = _measure(port, name, path, cookies)
                except BenchTimeout:
                    raise
                except Exception as exc:
                    found[name] = Result(name, path)
                    found[name].failure = f"{type(exc).__name__}: {exc}"
            self.rounds.append(found)

    def combined(self, name: str) -> Result:
        return _combined([found[name] for found in self.rounds])

    def ratios(self, name: str) -> list[float] | None:
        """Each round's rate of ``name`` over /health's, or None when one of them failed."""
        ratios = []
        for found in self.rounds:
            page, bare = found[name], found[self.BARE]
            if page.failure or bare.failure or not bare.rps:
                return None
            ratios.append(page.rps / bare.rps)
        return ratios

    def ratio(self, name: str) -> float | None:
        ratios = self.ratios(name)
        return None if not ratios else sorted(ratios)[len(ratios) // 2]

    def failure(self, name: str) -> str | None:
        return self.combined(name).failure or self.combined(self.BARE).failure


# --------------------------------------------------------------------------------------------
# A question page while PDFs are requested


def _pdf_burst(port: int, cookie: str) -> dict:
    """50 PDF requests at once; meanwhile question pages one at a time, until every PDF is ready."""
    answers: dict[str, int] = {}
    pdf_times: list[float] = []
    lock = threading.Lock()
    gate = threading.Barrier(PDF_BURST + 1)

    def ask(path: str) -> None:
        try:
            gate.wait(10)
        except threading.BrokenBarrierError:
            pass
        began = time.perf_counter()
        try:
            status = str(_request(port, "GET", path, timeout=30)[0])
        except Exception as exc:
            status = type(exc).__name__
        with lock:
            answers[status] = answers.get(status, 0) + 1
            pdf_times.append(time.perf_counter() - began)

    threads = [threading.Thread(target=ask, args=(BURST_PATHS[n % len(BURST_PATHS)],), daemon=True)
               for n in range(PDF_BURST)]
    for thread in threads:
        thread.start()
    gate.wait(10)
    began = time.monotonic()
    waits: list[float] = []
    errors = 0
    waiting_for = list(BURST_PATHS)
    ready_after = None
    next_look = began + 0.5
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        while time.monotonic() - began < BURST_READY_SECONDS:
            start = time.perf_counter()
            try:
                status, _, _ = _request(port, "GET", QUESTION_PATH, cookie=cookie, conn=conn)
            except OSError:  # a timeout counts as the longest wait, and as an error
                status = 0
            waits.append(time.perf_counter() - start)
            errors += status != 200
            burst_sent = not any(thread.is_alive() for thread in threads)
            if burst_sent and time.monotonic() >= next_look:
                # Is the next PDF made yet? (202 while it is being made; 404: no such version.)
                look, _, _ = _request(port, "GET", waiting_for[0])
                if look != 202:
                    waiting_for.pop(0)
                next_look = time.monotonic() + 0.25
            if burst_sent and not waiting_for:
                ready_after = time.monotonic() - began
                break
    finally:
        conn.close()
    return {"waits": waits, "errors": errors, "answers": answers, "pdf_times": pdf_times,
            "ready_after": ready_after}


def _print_pdf_burst(found: dict | None, failure: str | None) -> None:
    print()
    print(f"Question page while {PDF_BURST} PDF requests arrive at once ({len(BURST_PATHS)} new printed "
          "questionnaires, rendered in the background):")
    if failure:
        print(f"  FAILED: {failure}")
        return
    waits = sorted(found["waits"])
    if not waits:
        print("  FAILED: no question page was measured")
        return
    worst = waits[-1] * 1000
    verdict = "PASS" if worst <= QUESTION_WAIT_TARGET_MS else "OVER"
    p50 = waits[len(waits) // 2] * 1000
    p95 = waits[min(len(waits) - 1, round(0.95 * len(waits)) - 1)] * 1000
    print(f"  question page: {len(waits)} requests, one at a time: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"longest {worst:.1f} ms   target: never over {QUESTION_WAIT_TARGET_MS} ms  {verdict}")
    if found["errors"]:
        print(f"  question page errors: {found['errors']}")
    answers = ", ".join(f"{status} x {count}" for status, count in sorted(found["answers"].items()))
    slowest = max(found["pdf_times"]) * 1000 if found["pdf_times"] else float("nan")
    print(f"  PDF requests answered: {answers} (202: \"Your PDF is being made\"; 404: no easy read in "
          f"that language); slowest answer {slowest:.0f} ms")
    if found["ready_after"] is None:
        print(f"  not every PDF was ready within {BURST_READY_SECONDS} s")
    else:
        print(f"  every PDF ready {found['ready_after']:.1f} s after the burst")
    print("  Without REDIS_URL (as here) each gunicorn worker renders PDF_RENDERS_AT_ONCE at a time in "
          "low-priority processes of its own.")


# --------------------------------------------------------------------------------------------
# First-visit weight


class _Assets(HTMLParser):
    """Stylesheets and scripts a browser fetches on a first visit."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and attrs.get("href"):
            if "stylesheet" in rel:
                self.urls.append(("css", attrs["href"]))
            elif "modulepreload" in rel or ("preload" in rel and attrs.get("as") in ("script", "style")):
                self.urls.append(("css" if attrs.get("as") == "style" else "js", attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.urls.append(("js", attrs["src"]))


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def _first_visit(port: int) -> list[tuple[str, str, int, int]]:
    """Rows of (kind, path, raw bytes, gzipped bytes); raises if the page cannot be fetched."""
    base = f"http://{HOST}:{port}{START_PATH}"
    status, _, page = _request(port, "GET", START_PATH)
    if status != 200:
        raise RuntimeError(f"GET {START_PATH} answered {status}")
    rows = [("html", START_PATH, len(page), _gzipped(page))]
    parser = _Assets()
    parser.feed(page.decode("utf-8", "replace"))
    seen = set()
    for kind, href in parser.urls:
        url = urlsplit(urljoin(base, href))
        if url.hostname != HOST or url.port != port:
            rows.append((kind, f"{href} (other host, not fetched)", 0, 0))
            continue
        path = url.path + (f"?{url.query}" if url.query else "")
        if path in seen:
            continue
        seen.add(path)
        status, _, data = _request(port, "GET", path)
        if status != 200:
            rows.append((kind, f"{path} (HTTP {status})", 0, 0))
            continue
        rows.append((kind, path, len(data), _gzipped(data)))
    return rows


# --------------------------------------------------------------------------------------------
# Results dashboard


def _results_module(env: dict[str, str], command: str, *args: str, timeout: float = 40) -> dict:
    """Run ``python -m tests.bench_results <command> [args]`` and return the JSON it prints."""
    done = subprocess.run([sys.executable, "-m", "tests.bench_results", command, *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"tests.bench_results {command} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _staff_session(port: int, email: str, password: str) -> str:
    """Sign in through the sign-in form and return the Cookie header for that session."""
    jar = SimpleCookie()
    status, headers, page = _request(port, "GET", "/staff/sign-in")
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    inputs = _Inputs()
    inputs.feed(page.decode("utf-8", "replace"))
    status, headers, _ = _request(
        port, "POST", "/staff/sign-in", cookie=_cookie_header(jar),
        body=urlencode({"csrf_token": inputs.values.get("csrf_token", ""), "email": email,
                        "password": password}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    if status not in (302, 303):
        raise RuntimeError(f"signing in as {email} answered {status}")
    return _cookie_header(jar)


class _FirstAnswer(HTMLParser):
    """The first answer offered by the dashboard's cross-tab filter (<select id="filter-answer">)."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("id") == "filter-answer"
        elif tag == "option" and self.inside and attrs.get("value") and self.value is None:
            self.value = attrs["value"]


def _time_get(port: int, path: str, cookie: str) -> list[float]:
    """Milliseconds for each of DASHBOARD_RUNS requests, one at a time, after a warm-up."""
    times = []
    for run in range(DASHBOARD_WARM_UP + DASHBOARD_RUNS):
        began = time.perf_counter()
        status, _, _ = _request(port, "GET", path, cookie=cookie, timeout=30)
        took = (time.perf_counter() - began) * 1000
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        if run >= DASHBOARD_WARM_UP:
            times.append(took)
    return sorted(times)


def _dashboard(port: int, env: dict[str, str]) -> list[tuple[str, str, list[float], dict]]:
    """Rows of (name, path, request times in ms, bare SQL times {best, median})."""
    from tests.bench_results import ANALYST, PASSWORD

    cookie = _staff_session(port, ANALYST, PASSWORD)
    status, _, page = _request(port, "GET", RESULTS_PATH, cookie=cookie, timeout=30)
    if status != 200:
        raise RuntimeError(f"GET {RESULTS_PATH} answered {status}")
    finder = _FirstAnswer()
    finder.feed(page.decode("utf-8", "replace"))
    cross = f"{RESULTS_PATH}?answer={finder.value}"
    timed = [("dashboard", RESULTS_PATH, _time_get(port, RESULTS_PATH, cookie)),
             ("dashboard, cross-tab", cross, _time_get(port, cross, cookie))]
    sql = _results_module(env, "sql")
    return [(name, path, times, sql["all" if path == RESULTS_PATH else "cross-tab"]) for name, path, times in timed]


# --------------------------------------------------------------------------------------------
# PostgreSQL (only with BENCH_DATABASE_URL)

POSTGRES_LOADED_RUNS = 3  # just loaded: a few runs, each maybe slow
POSTGRES_BUDGET_SECONDS = 30  # per filter: a pathological plan is reported, not waited for


def _sqlalchemy_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _in_schema(url: str, schema: str) -> str:
    """``url`` with every connection's search_path set to ``schema`` (libpq's options parameter)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def _schema_statement(url: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(_sqlalchemy_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _timed_sql(env: dict[str, str], runs: int) -> dict:
    """``tests.bench_results sql`` with a time budget; {"failure": why} when it overran even that."""
    seconds = POSTGRES_BUDGET_SECONDS
    try:
        return _results_module(env, "sql", str(runs), str(seconds), timeout=3 * seconds)
    except subprocess.TimeoutExpired:
        return {"failure": f"no answer within {3 * seconds} s"}


def _postgres(instance: Path, url: str) -> dict:
    """Migrate, seed and time the results SQL in a new schema of the database at ``url``, then drop it."""
    if not _sqlalchemy_url(url).startswith("postgresql"):
        raise RuntimeError("BENCH_DATABASE_URL must be a postgresql:// address")
    schema = f"consult_bench_{secrets.token_hex(4)}"
    env = _environment(instance)
    env["DATABASE_URL"] = _in_schema(url, schema)
    _schema_statement(url, f"CREATE SCHEMA {schema}")
    try:
        _flask(env, "db", "upgrade")
        found = {"schema": schema, "seed": _results_module(env, "seed", timeout=90)}
        found["loaded"] = _timed_sql(env, POSTGRES_LOADED_RUNS)
        found["analyze"] = _results_module(env, "analyze", timeout=60)
        found["analysed"] = _timed_sql(env, 10)
        return found
    finally:
        _schema_statement(url, f"DROP SCHEMA {schema} CASCADE")


# --------------------------------------------------------------------------------------------
# Output


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def _print_throughput(results: list[Result]) -> None:
    print(f"Throughput: gunicorn, {WORKERS} sync workers, {CLIENTS} concurrent clients, "
          f"{WARM_UP_SECONDS:.0f} s warm-up then {MEASURE_SECONDS:.0f} s each, {RATIO_ROUNDS} rounds in turn (all rounds together)")
    header = f"  {'route':<30} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'client CPU':>11}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for r in results:
        if r.failure:
            print(f"  {r.path:<30} FAILED: {r.failure}")
            continue
        print(f"  {r.path:<30} {r.ok:>9} {r.errors:>7} {r.rps:>8.1f} {r.percentile(0.50):>8.1f} "
              f"{r.percentile(0.95):>8.1f} {r.client_cpu:>10.0%}")
        if r.first_error:
            print(f"  {'':<30} first error: {r.first_error}")
    print("  Note: the bare route is /health (one SELECT 1 through Flask); the app has no emptier route,")
    print("  and the bench does not change the app. Client CPU is the load generator's share of one core;")
    print("  it runs on the same machine as the server.")


def _print_first_visit(rows, failure: str | None) -> None:
    print()
    print(f"First visit to {START_PATH}: bytes transferred, gzip level {GZIP_LEVEL}")
    if failure:
        print(f"  FAILED: {failure}")
        return
    header = f"  {'kind':<5} {'file':<40} {'raw':>10} {'gzipped':>10}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for kind, path, raw, packed in rows:
        print(f"  {kind:<5} {path:<40} {_kb(raw):>10} {_kb(packed):>10}")
    total_raw = sum(row[2] for row in rows)
    total = sum(row[3] for row in rows)
    verdict = "PASS" if total < BUDGET_BYTES else "OVER"
    print("  " + "-" * (len(header) - 2))
    print(f"  {'':<5} {'total':<40} {_kb(total_raw):>10} {_kb(total):>10}   "
          f"target: under {_kb(BUDGET_BYTES)}  {verdict}")


def _print_dashboard(rows, seeded: dict | None, failure: str | None) -> None:
    print()
    print(f"Results dashboard: {RESULTS_SLUG}, 20 questions, 10,000 responses; one request at a time, "
          f"{DASHBOARD_WARM_UP} warm-up then {DASHBOARD_RUNS} each")
    if seeded:
        print(f"  seeded {seeded.get('answers', 0):,} answers in {seeded.get('seconds', 0):.1f} s (bulk inserts)")
    if failure:
        print(f"  FAILED: {failure}")
        return
    header = (f"  {'page':<22} {'median ms':>10} {'best ms':>8}   {'bare SQL median':>15} {'best':>6}   "
              f"target: under {DASHBOARD_TARGET_MS} ms")
    print(header)
    print("  " + "-" * (len(header) - 2))
    for name, _path, times, sql in rows:
        median = times[len(times) // 2]
        verdict = "PASS" if median < DASHBOARD_TARGET_MS else "OVER"
        print(f"  {name:<22} {median:>10.1f} {times[0]:>8.1f}   {sql['median']:>15.1f} {sql['best']:>6.1f}   {verdict}")
    print("  Bare SQL: consult.results.analysis.summarise alone (every query the dashboard runs), in its own")
    print("  process on the same database; the rest of a request is Flask, sign-in, words, charts and HTML.")


def _print_postgres(found: dict | None, failure: str | None) -> None:
    print()
    print(f"Results SQL on PostgreSQL (BENCH_DATABASE_URL): {RESULTS_SLUG}, 20 questions, 10,000 responses; "
          "bare SQL (summarise), in its own process")
    if failure:
        print(f"  FAILED: {failure}")
        return
    seeded = found["seed"]
    print(f"  schema {found['schema']} (dropped again); seeded {seeded.get('answers', 0):,} answers in "
          f"{seeded.get('seconds', 0):.1f} s (COPY)")
    header = (f"  {'statistics':<34} {'query':<22} {'median ms':>10} {'best ms':>8} {'runs':>5}   "
              f"target: under {DASHBOARD_TARGET_MS} ms")
    print(header)
    print("  " + "-" * (len(header) - 2))
    for label, key in (("just loaded (no ANALYZE yet)", "loaded"),
                       (f"after VACUUM ANALYZE ({found['analyze']['seconds']:.1f} s)", "analysed")):
        if "failure" in found[key]:
            print(f"  {label:<34} FAILED: {found[key]['failure']}")
            continue
        for name, sql in (("dashboard", found[key]["all"]), ("dashboard, cross-tab", found[key]["cross-tab"])):
            verdict = "PASS" if sql["median"] < DASHBOARD_TARGET_MS else "OVER"
            print(f"  {label:<34} {name:<22} {sql['median']:>10.1f} {sql['best']:>8.1f} {sql['runs']:>5}   {verdict}")
            label = ""
    print(f"  After a warm-up, up to {POSTGRES_LOADED_RUNS} runs just loaded and 10 after ANALYZE, fewer once a "
          f"query has taken {POSTGRES_BUDGET_SECONDS} s")
    print("  (then the warm-up alone is shown). The target is the whole request's; SQLite's requests are above.")


def _print_pdf(found: dict | None, failure: str | None) -> None:
    print()
    print(f"Easy-read results PDF (What you told us, English): {RESULTS_SLUG}, 20 questions, 10,000 responses; "
          "in-process, median of runs")
    if failure:
        print(f"  FAILED: {failure}")
        return
    render_total = found["html"]["median"] + found["render"]["median"]  # the HTML step runs the SQL itself
    verdict = "PASS" if render_total < PDF_TARGET_MS else "OVER"
    print(f"  bare SQL (summarise)          {found['sql']['median']:>8.1f} ms")
    print(f"  HTML (SQL, words, template)   {found['html']['median']:>8.1f} ms")
    print(f"  WeasyPrint render             {found['render']['median']:>8.1f} ms   "
          f"({found['pages']} pages, {_kb(found['bytes'])})")
    print(f"  first request (HTML + render) {render_total:>8.1f} ms   "
          f"target: under {PDF_TARGET_MS} ms  {verdict}")
    print(f"  later requests (stored PDF)   {found['cached']['median']:>8.1f} ms   "
          "(SQL and HTML again, to know the PDF is still right; then the stored file)")


# --------------------------------------------------------------------------------------------


def _on_alarm(signum, frame):
    limit = HARD_LIMIT_SECONDS + (POSTGRES_EXTRA_SECONDS if BENCH_DATABASE_URL else 0)
    raise BenchTimeout(f"the bench ran past {limit} s")


def _bench(instance: Path, began: float, servers: list[subprocess.Popen]) -> int:
    env = _environment(instance)
    port = _free_port()
    log_path = instance / "gunicorn.log"
    try:
        _flask(env, "db", "upgrade")
        _flask(env, "seed-demo")
        seeded, seed_failure = None, None
        try:
            seeded = _results_module(env, "seed", timeout=60)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as exc:
            seed_failure = f"{type(exc).__name__}: {exc}"
        pages_failure = None
        try:
            bench_pages.seed_in_subprocess(env)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as exc:
            pages_failure = f"{type(exc).__name__}: {exc}"
        servers.append(_start_gunicorn(env, port, log_path))
        _wait_for_health(servers[0], port, log_path)
    except ServerFailed as exc:
        print(f"Server failed to start: {exc}", file=sys.stderr)
        return 1
    print(f"Consult bench: gunicorn on http://{HOST}:{port}, temporary instance {instance}")
    print()

    turns, failure = bench_pages.attempt(bench_pages.ratio_turns, port)
    if turns is None:
        print(f"Throughput: FAILED: {failure}")
    else:
        _print_throughput([turns.combined(name) for name in bench_pages.RATIO_ROUTES])
    bench_pages.run_sqlite(port, servers[0].pid, turns, failure, pages_failure)

    burst, failure = None, None
    try:
        burst = _pdf_burst(port, _start_session(port))
    except BenchTimeout:
        raise
    except Exception as exc:
        failure = f"{type(exc).__name__}: {exc}"
    _print_pdf_burst(burst, failure)

    rows, failure = [], None
    try:
        rows = _first_visit(port)
    except BenchTimeout:
        raise
    except Exception as exc:
        failure = f"{type(exc).__name__}: {exc}"
    _print_first_visit(rows, failure)

    dashboard, failure = [], seed_failure
    if failure is None:
        try:
            dashboard = _dashboard(port, env)
        except BenchTimeout:
            raise
        except Exception as exc:
            failure = f"{type(exc).__name__}: {exc}"
    _print_dashboard(dashboard, seeded, failure)

    pdf, failure = None, seed_failure
    if failure is None:
        try:
            pdf = _results_module(env, "pdf", timeout=120)
        except BenchTimeout:
            raise
        except Exception as exc:
            failure = f"{type(exc).__name__}: {exc}"
    _print_pdf(pdf, failure)

    if BENCH_DATABASE_URL:
        postgres, failure = None, None
        try:
            postgres = _postgres(instance, BENCH_DATABASE_URL)
        except BenchTimeout:
            raise
        except Exception as exc:
            failure = f"{type(exc).__name__}: {exc}"
        _print_postgres(postgres, failure)
        bench_pages.run_postgres(BENCH_DATABASE_URL)

    if BENCH_SCALE:
        signal.alarm(0)  # tens of minutes at a million responses: this part has no time limit
        from tests import bench_scale

        try:
            bench_scale.print_table(bench_scale.run(BENCH_DATABASE_URL))
        except Exception as exc:
            print(f"\nResults at scale: FAILED: {type(exc).__name__}: {exc}")

    if servers[0].poll() is not None:
        print(f"\nWarning: gunicorn exited during the run:\n{_tail(log_path)}", file=sys.stderr)
    print(f"\nDone in {time.monotonic() - began:.1f} s.")
    return 0


def _on_terminate(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def run() -> int:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.signal(signal.SIGTERM, _on_terminate)  # so `finally` stops gunicorn on a kill too
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.alarm(HARD_LIMIT_SECONDS + PAGES_EXTRA_SECONDS
                 + (POSTGRES_EXTRA_SECONDS + PAGES_POSTGRES_EXTRA_SECONDS if BENCH_DATABASE_URL else 0))
    began = time.monotonic()
    servers: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="consult-bench-") as folder:
        try:
            return _bench(Path(folder), began, servers)
        except BenchTimeout as exc:
            print(f"Stopped: {exc}", file=sys.stderr)
            return 0
        except KeyboardInterrupt:
            print("Interrupted; stopping gunicorn.", file=sys.stderr)
            return 130
        finally:
            # Stop gunicorn before the temporary folder (and its database) is removed.
            signal.alarm(0)
            for server in servers:
                _stop_gunicorn(server)


if __name__ == "__main__":
    # Run as the module tests.bench, not as __main__: tests/bench_pages.py imports tests.bench, and there
    # must be one BenchTimeout (and one of everything else), not one per name.
    from tests import bench

    sys.exit(bench.run())
