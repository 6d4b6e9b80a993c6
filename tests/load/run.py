"""The load test: ``python -m tests.load.run`` (or ``make load``). Not a pytest module.

It proves that answers survive two app servers sharing one PostgreSQL database and one Redis:

1. makes a fresh PostgreSQL database (LOAD_DATABASE_URL, default
   postgresql://postgres@127.0.0.1:5432/consult_load; dropped and made again each run), runs the
   migrations and seeds the demo consultations;
2. starts 2 gunicorn servers on free ports, each with 2 workers, on that database and on Redis
   (LOAD_REDIS_URL, default REDIS_URL or redis://127.0.0.1:6379/0) with the same SECRET_KEY and
   PUBLIC_URL, and TRUSTED_PROXIES=1;
3. runs locust headless (tests/load/locustfile.py) with 50 simulated residents for 60 s (then up to
   180 s more for the journeys on the way to finish; no new ones start), spread over both servers:
   whole journeys, save and resume on the other server, and two tabs (one per server) racing saves of
   two questions and a save against sending, on one draft;
4. stops the servers and locust, then compares what residents were told with what is stored
   (tests/load/compare.py): every answer the server confirmed is in the response with the reference the
   resident was given, and no sent draft holds answers again;
5. prints the errors, the lost answers and the 95th percentile per page, and exits 1 when there are
   errors or lost answers (2 when the servers could not start).

Rate limits: the servers believe one proxy (TRUSTED_PROXIES=1) and every simulated resident sends an
address of its own in X-Forwarded-For, so the per-address limits (DRAFT_STARTS_LIMIT,
ANSWER_SAVES_LIMIT, resume codes) stay as configured and count each resident, in Redis, across both
servers, as in production behind a reverse proxy.

LOAD_USERS, LOAD_SECONDS and LOAD_FINISHING_SECONDS change the 50 residents, the 60 s and the 180 s
(for a quick try).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"
SERVERS = 2
WORKERS = 2
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
SPAWN_RATE = 10  # residents started per second
# After the 60 s no resident starts a new journey, and those on the way have this long to finish theirs
# (locust's --stop-timeout), so the journeys checked are whole ones even on a slow machine.
FINISHING = int(os.environ.get("LOAD_FINISHING_SECONDS", "180"))
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/consult_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


class ServerFailed(RuntimeError):
    """The database, Redis, the migrations or gunicorn did not come up."""


# -- the database and Redis ---------------------------------------------------------------------


def fresh_database(url: str) -> None:
    """Drop and make again the database ``url`` names, connecting to the server's ``postgres`` database."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise ServerFailed(f"LOAD_DATABASE_URL must name a plain database (letters, digits, _), not {name!r}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        raise ServerFailed(f"PostgreSQL at {parts.hostname}:{parts.port or 5432} is not reachable: {exc}") from exc


def check_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        raise ServerFailed(f"Redis at {url} is not reachable: {exc}") from exc


# -- the servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(instance: Path, public_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "CONSULT_INSTANCE": str(instance),
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "PUBLIC_URL": public_url,
        "TRUSTED_PROXIES": "1",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def flask(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "consult", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise ServerFailed(f"`flask {' '.join(args)}` failed:\n{done.stdout}{done.stderr}")


def start_gunicorn(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "consult:create_app()", "--workers", str(WORKERS),
               "--bind", f"{HOST}:{port}", "--graceful-timeout", "10", "--access-logfile", "-",
               "--access-logformat", '%(s)s %(m)s %(U)s %(M)sms']
    if _has_control_socket():
        # gunicorn 25+ opens a control socket at one path per user: two servers (or someone else's) at
        # once would take it from each other.
        command.append("--no-control-socket")
    with open(log_path, "wb") as log:
        # Its own process group, so its workers can be stopped with it if it misbehaves.
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)


def _has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS)


def wait_until_up(process: subprocess.Popen, port: int, log_path: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"gunicorn exited with status {process.returncode}:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise ServerFailed(f"gunicorn on port {port} did not answer within {timeout:.0f} s:\n{tail(log_path)}")


def warm_up(hosts: list[str], slugs: list[str]) -> None:
    """A few requests to every worker before the clock starts, so the p95 measures a running service,
    not each worker compiling its templates on its first page."""
    for host in hosts:
        for _round in range(2 * WORKERS):
            for slug in slugs:
                for path in (f"/c/{slug}", f"/c/{slug}/q/1", f"/c/{slug}/resume"):
                    try:
                        urllib.request.urlopen(f"{host}{path}", timeout=30).read()
                    except OSError:
                        pass  # /q/1 without a draft redirects; the start page warms it anyway


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn's master stops its workers; locust ends its run
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the group this script created, by its id
        except ProcessLookupError:
            pass
        process.wait(timeout=5)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# -- the plan the residents follow ----------------------------------------------------------------


def write_plan(path: Path) -> list[str]:
    """The open demo consultations and, per question, a good answer from its type (``example``), whether
    it is free text (the resident writes their own words there) and whether branching touches it. Returns
    the slugs."""
    from consult import branching, create_app
    from consult.extensions import db
    from consult.models import Consultation

    app = create_app()
    plan = []
    with app.app_context(), app.test_request_context():
        for consultation in db.session.query(Consultation).order_by(Consultation.id):
            if consultation.state() != "open":
                continue
            questions = list(consultation.questions)
            rules = branching.plan_of(questions)
            # A rule's question, the questions its conditions read, where it jumps, what it may leave out.
            involved = {rule.owner_id for found in rules.rules.values() for rule in found}
            involved |= {condition.source_id for found in rules.rules.values() for rule in found
                         for condition in rule.conditions}
            involved |= {rule.target_id for found in rules.rules.values() for rule in found if rule.target_id}
            involved |= {question.id for question in questions if rules.asked_formula(question.id) is not None}
            plan.append({"slug": consultation.slug, "questions": [
                {"id": question.id, "formdata": good_answer(question),
                 "free_text": bool(question.type.free_text and len(question.type.example(question).formdata) == 1),
                 "branching": question.id in involved}
                for question in questions
            ]})
    path.write_text(json.dumps({"consultations": plan}, indent=1))
    return [consultation["slug"] for consultation in plan]


def good_answer(question) -> dict:
    """Form data this question accepts: its type's example, or, where the question's own range refuses
    that (``example`` does not read the settings: 1,234 for a number from 0 to 365), a small number."""
    from werkzeug.datastructures import MultiDict

    example = question.type.example(question).formdata
    candidates = [example]
    if len(example) == 1:
        field = next(iter(example))
        candidates += [{field: value} for value in ("1", "10", "0", "5")]
    for formdata in candidates:
        form = MultiDict([(name, value) for name, values in formdata.items()
                          for value in (values if isinstance(values, list) else [values])])
        if not question.type.check(question, question.type.read(question, form)).error:
            return formdata
    raise ServerFailed(f"no good answer found for question {question.id} ({question.type.key})")


# -- the report -----------------------------------------------------------------------------------


def locust_numbers(results: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """What the locustfile kept when locust quit: the numbers per page, the failed requests, and the
    exceptions raised in residents; nothing when locust did not quit normally."""
    path = next(results.glob("stats-*.json"), None)
    if path is None:
        return [], [], []
    kept = json.loads(path.read_text())
    return kept["pages"], kept["failures"], kept["exceptions"]


def server_errors(logs: list[Path]) -> list[str]:
    """Tracebacks and 5xx answers in the gunicorn logs (its access log is status first)."""
    found = []
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            if line.startswith("5") and line[:3].isdigit() or "Traceback" in line or "[CRITICAL]" in line:
                found.append(f"{log.name}: {line[:300]}")
    return found


def compare_with_database(results: Path) -> tuple[Counter, list[str], list[str], list[str]]:
    """The kinds of journey checked, the lost answers, the sent drafts refilled, the unexpected pages."""
    from consult import create_app
    from tests.load.compare import expected_rows, lost_answers, read_told, refilled_drafts, stored_rows

    told, lost_on_the_way, unexpected = read_told(results)
    app = create_app()
    with app.app_context(), app.test_request_context():
        expected = expected_rows(told)
        stored = stored_rows([journey.reference for journey in told])
        lost = lost_on_the_way + lost_answers(told, expected, stored)
        return Counter(journey.how for journey in told), lost, refilled_drafts(), unexpected


def main() -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="consult-load-"))
    results = work / "told"
    results.mkdir()
    ports = [free_port() for _server in range(SERVERS)]
    hosts = [f"http://{HOST}:{port}" for port in ports]
    env = environment(work / "instance", hosts[0])
    # The app reads its settings from the environment when it is made; this process makes one for the
    # plan and the comparison, on the same database.
    os.environ.update({name: env[name] for name in ("CONSULT_INSTANCE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY",
                                                     "PUBLIC_URL", "TRUSTED_PROXIES")})
    servers: list[subprocess.Popen] = []
    logs = [work / f"gunicorn-{port}.log" for port in ports]
    print(f"Load test: {USERS} residents for {SECONDS} s on {SERVERS} gunicorn servers ({WORKERS} workers each)")
    print(f"  database {DATABASE_URL} (made afresh), Redis {REDIS_URL}, files in {work}")
    print(f"  machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before starting "
          "(the p95 below is only as good as the machine is quiet)")
    try:
        fresh_database(DATABASE_URL)
        check_redis(REDIS_URL)
        flask(env, "db", "upgrade")
        flask(env, "seed-demo")
        slugs = write_plan(work / "plan.json")
        print(f"  consultations: {', '.join(slugs)}")
        for port, log in zip(ports, logs):
            servers.append(start_gunicorn(env, port, log))
        for server, port, log in zip(servers, ports, logs):
            wait_until_up(server, port, log)
        warm_up(hosts, slugs)
        print(f"  servers: {', '.join(hosts)} (warmed up)")
        locust_env = dict(env, LOAD_PLAN=str(work / "plan.json"), LOAD_HOSTS=",".join(hosts),
                          LOAD_RESULTS_DIR=str(results),
                          LOAD_ADDRESS_PREFIX=f"10.{secrets.randbelow(256)}")
        command = [sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
                   "--headless", "--users", str(USERS), "--spawn-rate", str(SPAWN_RATE),
                   "--run-time", f"{SECONDS}s", "--stop-timeout", str(FINISHING), "--host", hosts[0],
                   "--only-summary", "--loglevel", "WARNING"]
        with open(work / "locust.log", "wb") as log:
            locust = subprocess.Popen(command, cwd=PROJECT_ROOT, env=locust_env, stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        try:
            locust.wait(timeout=SECONDS + FINISHING + 60)
        except subprocess.TimeoutExpired:
            stop(locust)
            print("  locust did not stop in time; stopped")
    except ServerFailed as failed:
        print(f"Could not run the load test: {failed}")
        return 2
    finally:
        for server in servers:
            stop(server)

    stats, failures, exceptions = locust_numbers(results)
    kinds, lost, refilled, unexpected = compare_with_database(results)
    if not stats:
        unexpected.append("locust kept no numbers (it did not finish normally): see its log")
    told_count = sum(kinds.values())
    crashes = server_errors(logs)
    request_failures = sum(row["occurrences"] for row in failures)
    resident_exceptions = sum(row["count"] for row in exceptions)
    errors = request_failures + resident_exceptions + len(unexpected) + len(crashes)
    lost_count = len(lost) + len(refilled)

    print()
    print(f"{'page':<26}{'requests':>10}{'failures':>10}{'median ms':>11}{'p95 ms':>9}")
    for row in stats:
        print(f"{row['name']:<26}{row['requests']:>10}{row['failures']:>10}{row['median'] or 0:>11.0f}"
              f"{row['p95'] or 0:>9.0f}")
    print()
    from tests.load.compare import started as journeys_started

    begun = journeys_started(results)
    print(f"Journeys started: {begun}; sent and checked against the database: {told_count}"
          + (f" ({begun - told_count} broken off or not finished in time)" if begun > told_count else ""))
    for how, count in sorted(kinds.items()):
        print(f"  {count:>4} {how}")
    print(f"Errors: {errors} (failed requests {request_failures}, exceptions in residents {resident_exceptions}, "
          f"unexpected pages {len(unexpected)}, server errors {len(crashes)})")
    for row in failures[:20]:
        print(f"  {row['occurrences']} x {row['method']} {row['name']}: {row['error']}")
    for row in exceptions[:10]:
        print(f"  {row['count']} x exception: {row['message']}\n{row['traceback'][-600:]}")
    for line in (unexpected + crashes)[:20]:
        print(f"  {line}")
    print(f"Lost answers: {lost_count} (told but not stored {len(lost)}, sent drafts refilled {len(refilled)})")
    for line in (lost + refilled)[:20]:
        print(f"  {line}")
    print(f"Took {time.monotonic() - started:.0f} s (load average now {os.getloadavg()[0]:.1f}); "
          f"locust's own log: {work / 'locust.log'}")
    if told_count == 0:
        print("No journey was sent: nothing was checked.")
        return 1
    return 1 if errors or lost_count else 0


if __name__ == "__main__":
    sys.exit(main())
