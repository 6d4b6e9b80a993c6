"""The resident-pages part of ``make bench`` (issue 14, "Published consultations compiled once").

``python -m tests.bench_pages seed`` (run by tests/bench.py in a subprocess, before gunicorn starts, with
the app's DATABASE_URL): adds published consultations of 8, 50 and 200 questions in 3 languages, and one
of 8 questions in 11 languages, every text in standard and easy read; prints JSON.

tests/bench.py then calls, with its gunicorn running:

- ``easy_cookies``: sessions reading easy read, for the easy-read question page's throughput;
- ``growth``: a question page's time, one request at a time, at 8, 50 and 200 questions and with 3 and
  11 languages (flat: the page reads a compiled snapshot, so its cost should not follow the size);
- ``submissions``: the time of sending the answers (POST check your answers) of 8-question drafts,
  p50 and p95, with the load average beside it (the target, 20 ms, is for an idle machine);
- ``memory``: each worker's resident memory before and after 10,000 question pages (growth under 10%);
- ``postgres_throughput``: on PostgreSQL (BENCH_DATABASE_URL), the question page's rate against /health
  on a gunicorn of its own, standard and easy read, like the SQLite figures.

Not a pytest module.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlencode

GROWTH = [("bench-q8", 8, 3), ("bench-q50", 50, 3), ("bench-q200", 200, 3), ("bench-l11", 8, 11)]
LANGUAGES = ["en", "cy", "ar", "bn", "gu", "pa", "pl", "ro", "so", "ur", "zh"]
SUBMIT_SLUG = "bench-q8"
GROWTH_RUNS = 60
SUBMISSIONS = 40
MEMORY_REQUESTS = 10_000
MEMORY_CLIENTS = 4

QUESTION_RATIO_TARGET = 0.5
EASY_RATIO_TARGET = 0.4
# Before snapshots (issue 14, SQLite): the question page at 0.19 of /health; easy read never measured.
PREVIOUS_RATIOS = {"SQLite": {"standard": "0.19"}}
SUBMIT_P95_TARGET_MS = 20
MEMORY_GROWTH_TARGET = 0.10


# --------------------------------------------------------------------------------------------
# Seeding (inside the app)


def _make(slug: str, questions: int, languages: list[str], now) -> None:
    from consult.build.questions import add_question
    from consult.build.services import create_consultation
    from consult.models.consultation import PUBLISHED
    from consult.models.content import EASY

    consultation = create_consultation(
        slug, title=f"Bench: {questions} questions in {len(languages)} languages", summary="Tell us what you think.",
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30), other_languages=languages[1:],
        status=PUBLISHED)
    for number in range(1, questions + 1):
        if number % 2:
            question = add_question(consultation, "single_choice", f"Question {number}: how often do you come?",
                                    options=["Every day", "Every week", "Every month", "Less often"],
                                    hint="Choose one answer.", required=False)
        else:
            question = add_question(consultation, "short_text", f"Question {number}: what would help you?",
                                    hint="A few words are enough.", required=False)
        blocks = [question.prompt, question.hint, *(option.label for option in question.options)]
        for block in blocks:
            english = block.variants[0].body
            block.set("en", f"{english} (easy)", EASY)
            for language in languages[1:]:
                block.set(language, f"[{language}] {english}")
                block.set(language, f"[{language}] {english} (easy)", EASY)


def seed() -> dict:
    from consult import create_app
    from consult.extensions import db
    from consult.models._time import utcnow

    app = create_app()
    began = time.perf_counter()
    with app.app_context():
        now = utcnow()
        for slug, questions, languages in GROWTH:
            _make(slug, questions, LANGUAGES[:languages], now)
        db.session.commit()
    return {"seconds": round(time.perf_counter() - began, 1)}


# --------------------------------------------------------------------------------------------
# Against the running gunicorn (called by tests/bench.py)


def _merge(cookie: str, headers) -> str:
    jar = SimpleCookie()
    jar.load(cookie)
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


def _inputs(page: bytes) -> dict[str, str]:
    from tests.bench import _Inputs

    parser = _Inputs()
    parser.feed(page.decode("utf-8", "replace"))
    return parser.values


def _started(port: int, slug: str) -> str:
    """A new session with a draft of ``slug`` (GET the start page, POST its form): the Cookie header."""
    from tests.bench import _request

    status, headers, page = _request(port, "GET", f"/c/{slug}")
    if status != 200:
        raise RuntimeError(f"GET /c/{slug} answered {status}")
    cookie = _merge("", headers)
    status, headers, _ = _request(port, "POST", f"/c/{slug}/start", cookie=cookie,
                                  body=urlencode({"csrf_token": _inputs(page)["csrf_token"]}).encode(),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    if status not in (302, 303):
        raise RuntimeError(f"POST /c/{slug}/start answered {status}")
    return _merge(cookie, headers)


def easy_cookies(port: int, cookies: list[str], path: str) -> list[str]:
    """The same sessions, now reading easy read (the choice is kept in the session cookie)."""
    from tests.bench import _request

    found = []
    for cookie in cookies:
        status, headers, _ = _request(port, "GET", f"{path}?register=easy", cookie=cookie)
        if status != 200:
            raise RuntimeError(f"GET {path}?register=easy answered {status}")
        found.append(_merge(cookie, headers))
    return found


def _timed(port: int, path: str, cookie: str, runs: int) -> list[float]:
    from tests.bench import _request

    times = []
    for _ in range(runs):
        began = time.perf_counter()
        status, _, _ = _request(port, "GET", path, cookie=cookie)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        times.append((time.perf_counter() - began) * 1000)
    return times


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def growth(port: int) -> list[dict]:
    """Question 1's page, one request at a time, per consultation size (standard and easy read)."""
    rows = []
    for slug, questions, languages in GROWTH:
        cookie = _started(port, slug)
        path = f"/c/{slug}/q/1"
        _timed(port, path, cookie, 10)  # both workers build their snapshot and warm up
        standard = _timed(port, path, cookie, GROWTH_RUNS)
        easy_cookie = easy_cookies(port, [cookie], path)[0]
        _timed(port, path, easy_cookie, 10)
        easy = _timed(port, path, easy_cookie, GROWTH_RUNS)
        rows.append({"slug": slug, "questions": questions, "languages": languages,
                     "standard": _median(standard), "easy": _median(easy)})
    return rows


def _answer_all(port: int, slug: str, cookie: str, questions: int) -> str:
    """Answer every question of a new draft through its pages; the Cookie header after."""
    from tests.bench import _request

    for number in range(1, questions + 1):
        path = f"/c/{slug}/q/{number}"
        status, headers, page = _request(port, "GET", path, cookie=cookie)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        cookie = _merge(cookie, headers)
        form = {name: value or "The bus stop is too far" for name, value in _inputs(page).items()
                if name == "csrf_token" or re.match(r"q\d+", name)}
        status, headers, _ = _request(port, "POST", path, cookie=cookie, body=urlencode(form).encode(),
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        if status not in (302, 303):
            raise RuntimeError(f"POST {path} answered {status}")
        cookie = _merge(cookie, headers)
    return cookie


def submissions(port: int) -> dict:
    """POST check-your-answers of fully answered 8-question drafts, one at a time: p50 and p95 in ms."""
    from tests.bench import _request

    questions = dict((slug, count) for slug, count, _languages in GROWTH)[SUBMIT_SLUG]
    times = []
    for _ in range(SUBMISSIONS):
        cookie = _answer_all(port, SUBMIT_SLUG, _started(port, SUBMIT_SLUG), questions)
        status, headers, page = _request(port, "GET", f"/c/{SUBMIT_SLUG}/check", cookie=cookie)
        cookie = _merge(cookie, headers)
        body = urlencode({"csrf_token": _inputs(page)["csrf_token"]}).encode()
        began = time.perf_counter()
        status, headers, _ = _request(port, "POST", f"/c/{SUBMIT_SLUG}/check", cookie=cookie, body=body,
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        took = (time.perf_counter() - began) * 1000
        if status not in (302, 303) or "confirmation" not in headers.get("Location", ""):
            raise RuntimeError(f"POST /c/{SUBMIT_SLUG}/check answered {status} to {headers.get('Location')!r}")
        times.append(took)
    return {"count": len(times), "p50": _median(times), "p95": _p95(times), "load": os.getloadavg()}


def _workers(master_pid: int) -> list[int]:
    """The gunicorn master's worker processes (its children)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == master_pid:
                found.append(int(entry))
    return sorted(found)


def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def memory(port: int, master_pid: int) -> dict:
    """Each worker's RSS after a warm-up and after MEMORY_REQUESTS question pages across the bench
    consultations, languages and registers."""
    import threading

    from tests.bench import _request

    paths = []
    for slug, questions, languages in GROWTH:
        cookie = _started(port, slug)
        easy = easy_cookies(port, [cookie], f"/c/{slug}/q/1")[0]
        for number in (1, 2, questions):
            paths.append((f"/c/{slug}/q/{number}", cookie))
            paths.append((f"/c/{slug}/q/{number}", easy))
            paths.append((f"/c/{slug}/q/{number}?lang={LANGUAGES[languages - 1]}", cookie))
    for path, cookie in paths * 3:  # warm-up: every snapshot built in both workers
        _request(port, "GET", path, cookie=cookie)
    workers = _workers(master_pid)
    before = {pid: _rss_kb(pid) for pid in workers}
    errors = [0]
    lock = threading.Lock()

    def client(share: int, offset: int) -> None:
        import http.client

        from tests.bench import HOST

        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        for index in range(share):
            path, cookie = paths[(offset + index) % len(paths)]
            try:
                status, _, _ = _request(port, "GET", path, cookie=cookie, conn=conn)
            except Exception:
                status = 0
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
            if status != 200:
                with lock:
                    errors[0] += 1
        conn.close()

    share = MEMORY_REQUESTS // MEMORY_CLIENTS
    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(share, offset * 7), daemon=True)
               for offset in range(MEMORY_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = {pid: _rss_kb(pid) for pid in workers}
    return {"requests": share * MEMORY_CLIENTS, "errors": errors[0], "seconds": time.perf_counter() - began,
            "before": before, "after": after}


def _flask(env: dict[str, str], *args: str) -> None:
    """A flask command, with more time than tests/bench.py gives its own: PostgreSQL on a busy machine."""
    from tests.bench import PROJECT_ROOT

    done = subprocess.run([sys.executable, "-m", "flask", "--app", "consult", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=150)
    if done.returncode != 0:
        raise RuntimeError(f"`flask {' '.join(args)}` failed:\n{done.stdout[-1000:]}{done.stderr[-1000:]}")


def postgres_throughput(url: str, make_env, start_server, stop_server, wait):
    """The question page's rate against /health on a gunicorn of its own on PostgreSQL (the demo seeded
    in a schema of its own, dropped after), standard and easy read."""
    import secrets
    import tempfile
    from pathlib import Path

    from tests import bench

    schema = f"consult_pages_{secrets.token_hex(4)}"
    bench._schema_statement(url, f"CREATE SCHEMA {schema}")
    server = None
    try:
        with tempfile.TemporaryDirectory(prefix="consult-bench-pg-") as folder:
            instance = Path(folder)
            env = make_env(instance)
            env["DATABASE_URL"] = bench._in_schema(url, schema)
            for command in (("db", "upgrade"), ("seed-demo",)):
                _flask(env, *command)
            port = bench._free_port()
            server = start_server(env, port, instance / "gunicorn.log")
            wait(server, port, instance / "gunicorn.log")
            turns = ratio_turns(port)
            stop_server(server)
            server = None
            return turns
    finally:
        if server is not None:
            stop_server(server)
        bench._schema_statement(url, f"DROP SCHEMA {schema} CASCADE")


# --------------------------------------------------------------------------------------------
# What tests/bench.py calls


def seed_in_subprocess(env: dict[str, str]) -> dict:
    """``python -m tests.bench_pages seed`` with the bench's environment; the JSON it prints."""
    from tests.bench import PROJECT_ROOT

    done = subprocess.run([sys.executable, "-m", "tests.bench_pages", "seed"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        raise RuntimeError(f"tests.bench_pages seed failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def attempt(part, *args):
    """(result, None), or (None, why) when the part failed: one failed part does not stop the bench."""
    from tests.bench import BenchTimeout

    try:
        return part(*args), None
    except BenchTimeout:
        raise
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


RATIO_ROUTES = ("question page", "easy read", "bare route")


def ratio_turns(port: int):
    """The question page in standard and in easy read, and /health, measured in turn (bench.Turns), each
    with CLIENTS sessions of its own."""
    from tests import bench

    cookies = [bench._start_session(port) for _ in range(bench.CLIENTS)]
    easy = easy_cookies(port, [bench._start_session(port) for _ in range(bench.CLIENTS)], bench.QUESTION_PATH)
    routes = [("question page", bench.QUESTION_PATH, cookies), ("easy read", bench.QUESTION_PATH, easy),
              ("bare route", bench.HEALTH_PATH, [""] * bench.CLIENTS)]
    return bench.Turns(port, routes, bench.RATIO_ROUNDS)


def run_sqlite(port: int, master_pid: int, turns, turns_failure: str | None, seed_failure: str | None) -> None:
    """Everything this module measures on the bench's own (SQLite) gunicorn, printed."""
    if turns is None:
        print(f"  Ratios on SQLite: FAILED: {turns_failure}")
    else:
        print_ratios("SQLite", turns, os.getloadavg())
    if seed_failure:
        for printer in (print_growth, print_submissions, print_memory):
            printer(None, f"the seed failed: {seed_failure}")
        return
    print_growth(*attempt(growth, port))
    print_submissions(*attempt(submissions, port))
    print_memory(*attempt(memory, port, master_pid))


def run_postgres(url: str) -> None:
    """The ratios on PostgreSQL (BENCH_DATABASE_URL), printed."""
    from tests import bench

    print("\nThroughput on PostgreSQL: the demo in a schema of its own, gunicorn with "
          f"{bench.WORKERS} workers, {bench.CLIENTS} clients")
    turns, failure = attempt(postgres_throughput, url, bench._environment, bench._start_gunicorn,
                              bench._stop_gunicorn, bench._wait_for_health)
    if turns is None:
        print(f"  FAILED: {failure}")
        return
    print_ratios("PostgreSQL", turns, os.getloadavg())


# --------------------------------------------------------------------------------------------
# Output


def print_ratios(label: str, turns, load) -> None:
    """The question page's rate as a fraction of /health, standard and easy read, beside the targets:
    the median of the rounds' ratios (bench.Turns), and each round's."""
    print(f"  Ratios on {label}, median of {len(turns.rounds)} rounds in turn (targets: standard at least "
          f"{QUESTION_RATIO_TARGET}, easy read at least {EASY_RATIO_TARGET}; load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} on {os.cpu_count()} CPUs):")
    bare = turns.combined(turns.BARE)
    for name, route, target in (("standard", "question page", QUESTION_RATIO_TARGET),
                                ("easy read", "easy read", EASY_RATIO_TARGET)):
        ratio = turns.ratio(route)
        if ratio is None:
            print(f"    {name:<10} not available: {turns.failure(route)}")
            continue
        result = turns.combined(route)
        rounds = ", ".join(f"{each:.2f}" for each in turns.ratios(route))
        previous = PREVIOUS_RATIOS.get(label, {}).get(name, "not measured")
        print(f"    {name:<10} {ratio:.2f}  (rounds {rounds}; {result.rps:.1f} / {bare.rps:.1f} req/s; p50 "
              f"{result.percentile(0.5):.1f} ms, p95 {result.percentile(0.95):.1f} ms)  target {target}  "
              f"{'met' if ratio >= target else 'NOT met'}; before: {previous}")


def print_growth(rows: list[dict] | None, failure: str | None) -> None:
    print(f"\nCost growth: question 1's page, one request at a time, median of {GROWTH_RUNS} (target: flat)")
    if failure:
        print(f"  FAILED: {failure}")
        return
    print(f"  {'consultation':<14} {'questions':>9} {'languages':>9} {'standard ms':>12} {'easy ms':>8}")
    for row in rows:
        print(f"  {row['slug']:<14} {row['questions']:>9} {row['languages']:>9} {row['standard']:>12.2f} "
              f"{row['easy']:>8.2f}")
    base = rows[0]
    for row in rows[1:]:
        print(f"  {row['slug']} / {base['slug']}: standard x{row['standard'] / base['standard']:.2f}, "
              f"easy read x{row['easy'] / base['easy']:.2f}")


def print_submissions(found: dict | None, failure: str | None) -> None:
    print(f"\nSubmission: POST check your answers of an answered {SUBMIT_SLUG} draft, one at a time")
    if failure:
        print(f"  FAILED: {failure}")
        return
    load = found["load"]
    verdict = "met" if found["p95"] <= SUBMIT_P95_TARGET_MS else "NOT met"
    print(f"  {found['count']} submissions: p50 {found['p50']:.1f} ms, p95 {found['p95']:.1f} ms "
          f"(target p95 at most {SUBMIT_P95_TARGET_MS} ms on an idle machine: {verdict}); load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")


def print_memory(found: dict | None, failure: str | None) -> None:
    print(f"\nWorker memory: RSS before and after {MEMORY_REQUESTS:,} question pages "
          f"(target: growth under {MEMORY_GROWTH_TARGET:.0%})")
    if failure:
        print(f"  FAILED: {failure}")
        return
    for pid, before in found["before"].items():
        after = found["after"].get(pid, 0)
        growth_share = (after - before) / before if before else float("nan")
        verdict = "met" if growth_share < MEMORY_GROWTH_TARGET else "NOT met"
        print(f"  worker {pid}: {before / 1024:.1f} MiB -> {after / 1024:.1f} MiB ({growth_share:+.1%}) {verdict}")
    print(f"  {found['requests']:,} requests in {found['seconds']:.1f} s, {found['errors']} errors")


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        print(json.dumps(seed()))
    else:
        sys.exit("usage: python -m tests.bench_pages seed")
