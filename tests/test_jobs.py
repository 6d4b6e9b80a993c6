"""Background jobs (consult/jobs.py): in-process threads, RQ on the real Redis, idempotency keys, caps."""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from pathlib import Path

import pytest
from flask import current_app

from consult import create_app, jobs

REDIS_URL = "redis://127.0.0.1:6379/15"

# What the jobs below did, by test run: jobs run in other threads (or an RQ worker in this process).
DONE: list = []
GATES: dict[str, threading.Event] = {}
_lock = threading.Lock()
_running = {"now": 0, "most": 0}


def record(word: str) -> None:
    """A job: note the word and a setting read through current_app (it runs inside the app context)."""
    DONE.append((word, current_app.config["SECRET_KEY"]))


def wait_for(gate: str, word: str) -> None:
    """A job that holds its place until the test opens its gate, counting how many run at once."""
    with _lock:
        _running["now"] += 1
        _running["most"] = max(_running["most"], _running["now"])
    try:
        GATES[gate].wait(10)
        DONE.append((word, None))
    finally:
        with _lock:
            _running["now"] -= 1


def fail() -> None:
    raise RuntimeError("this job always fails")


@pytest.fixture(autouse=True)
def _clean():
    DONE.clear()
    GATES.clear()
    _running.update(now=0, most=0)
    yield
    for gate in GATES.values():
        gate.set()


def _app(tmp_path, **settings):
    return create_app(SECRET_KEY="jobs-test", INSTANCE_PATH=str(tmp_path / "instance"),
                      SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'jobs.db'}", **settings)


def _gate() -> str:
    name = uuid.uuid4().hex
    GATES[name] = threading.Event()
    return name


# --- in-process threads (the embedded default) ---

def write_down(path: str, word: str) -> None:
    """A job for a separate process: what it can tell us goes in a file."""
    Path(path).write_text(f"{word} {current_app.config['SECRET_KEY']} {os.nice(0)} {os.getpid()}")


def test_without_redis_jobs_run_in_separate_low_priority_processes(tmp_path):
    app = _app(tmp_path, REDIS_URL=None)
    assert jobs.backend_of(app) == "processes"
    runner = jobs.runner_of(app)
    try:
        with app.app_context():
            assert jobs.enqueue("tests.test_jobs.write_down", {"path": str(tmp_path / "said"), "word": "hello"})
        assert runner.wait_idle(60)
        word, key, niceness, pid = (tmp_path / "said").read_text().split()
    finally:
        runner.processes.shutdown()
    # Inside the app (its settings), in another process, at a lower priority than the web worker's.
    assert (word, key) == ("hello", "jobs-test") and int(pid) != os.getpid()
    assert int(niceness) > os.nice(0) or os.nice(0) == 19
    assert int(niceness) >= jobs.BACKGROUND_NICENESS
    # Lowered from the web worker as soon as it was started, not only once it had imported the app.
    assert int(pid) in runner.lowered


def test_in_threads_jobs_run_inside_the_app_context(tmp_path):
    app = _app(tmp_path, JOBS_BACKEND="threads")
    with app.app_context():
        assert jobs.enqueue("tests.test_jobs.record", {"word": "hello"})
    assert jobs.runner_of(app).wait_idle(10)
    assert DONE == [("hello", "jobs-test")]


def test_a_pending_key_is_not_queued_twice_and_is_free_once_the_job_is_done(tmp_path):
    app = _app(tmp_path, JOBS_BACKEND="threads")
    gate = _gate()
    with app.app_context():
        assert jobs.enqueue("tests.test_jobs.wait_for", {"gate": gate, "word": "first"}, key="same")
        assert not jobs.enqueue("tests.test_jobs.wait_for", {"gate": gate, "word": "second"}, key="same")
        assert jobs.enqueue("tests.test_jobs.record", {"word": "other key"}, key="other")
        GATES[gate].set()
        assert jobs.runner_of(app).wait_idle(10)
        assert jobs.enqueue("tests.test_jobs.record", {"word": "again"}, key="same")
        assert jobs.runner_of(app).wait_idle(10)
    assert sorted(word for word, _key in DONE) == ["again", "first", "other key"]


def test_a_kind_never_runs_more_jobs_at_once_than_its_cap(tmp_path):
    app = _app(tmp_path, JOBS_BACKEND="threads", JOB_THREADS=4, JOB_LIMITS={"slow": 1})
    gate = _gate()
    with app.app_context():
        for number in range(3):
            jobs.enqueue("tests.test_jobs.wait_for", {"gate": gate, "word": str(number)}, kind="slow")
        # Other kinds are not held up by the capped one: the pool has threads to spare.
        jobs.enqueue("tests.test_jobs.record", {"word": "quick"})
        deadline = time.monotonic() + 5
        while jobs.runner_of(app).pending() > 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ("quick", "jobs-test") in DONE
        assert jobs.runner_of(app).pending() == 3  # one slow job running, two waiting
        GATES[gate].set()
        assert jobs.runner_of(app).wait_idle(10)
    assert _running["most"] == 1
    assert sorted(word for word, _ in DONE if word != "quick") == ["0", "1", "2"]


def test_a_failing_job_is_logged_and_its_key_freed(tmp_path, caplog, monkeypatch):
    # Alembic's fileConfig, run by migrations earlier in the same test process, disables loggers that
    # existed before it (this one too); a real app never migrates inside its web workers.
    monkeypatch.setattr(logging.getLogger("consult.jobs"), "disabled", False)
    app = _app(tmp_path, JOBS_BACKEND="threads")
    with app.app_context():
        jobs.enqueue("tests.test_jobs.fail", key="failing")
        assert jobs.runner_of(app).wait_idle(10)
        assert jobs.enqueue("tests.test_jobs.record", {"word": "after"}, key="failing")
        assert jobs.runner_of(app).wait_idle(10)
    assert "tests.test_jobs.fail" in caplog.text and "this job always fails" in caplog.text
    assert DONE == [("after", "jobs-test")]


def test_mistakes_show_in_the_caller(tmp_path):
    app = _app(tmp_path, JOBS_BACKEND="threads")
    with app.app_context():
        with pytest.raises(ValueError):
            jobs.enqueue("tests.test_jobs.no_such_function")
        with pytest.raises(ValueError):
            jobs.enqueue("record")
        with pytest.raises(TypeError):
            jobs.enqueue("tests.test_jobs.record", {"word": object()})


def test_eager_jobs_run_before_enqueue_returns(tmp_path):
    app = _app(tmp_path, JOBS_BACKEND="eager")
    with app.app_context():
        jobs.enqueue("tests.test_jobs.record", {"word": "now"})
    assert DONE == [("now", "jobs-test")]


# --- RQ on the real Redis (db 15) ---

@pytest.fixture
def rq_app(tmp_path):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    # A queue of this test's own: other test runs may use Redis db 15 at the same time, so this test
    # empties only its own keys rather than flushing the whole database.
    app = _app(tmp_path, REDIS_URL=REDIS_URL, JOB_QUEUE=f"test-{uuid.uuid4().hex[:12]}", JOB_LIMITS={"capped": 1},
               TESTING=True)  # TESTING: the worker command leaves this process's priority alone
    yield app
    connection = jobs.redis_connection(app)
    for key in connection.scan_iter(f"*{jobs.queue_name(app)}*"):
        connection.delete(key)


def test_with_redis_jobs_go_to_rq_and_the_worker_runs_them(rq_app):
    assert jobs.backend_of(rq_app) == "rq"
    with rq_app.app_context():
        assert jobs.enqueue("tests.test_jobs.record", {"word": "from redis"}, key="one")
        assert not jobs.enqueue("tests.test_jobs.record", {"word": "twice"}, key="one")
        assert len(jobs.rq_queue(rq_app)) == 1
        assert DONE == []  # nothing runs in the web process
    result = rq_app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert DONE == [("from redis", "jobs-test")]
    with rq_app.app_context():
        # Done, so the key is free again.
        assert jobs.enqueue("tests.test_jobs.record", {"word": "again"}, key="one")


def test_with_redis_a_full_kind_goes_back_in_the_queue(rq_app, monkeypatch):
    monkeypatch.setattr(jobs, "REQUEUE_PAUSE", 0)
    connection = jobs.redis_connection(rq_app)
    slots = jobs.redis_key(rq_app, "running", "capped")
    # Another worker (on another server) is running the one job this kind may run at once.
    connection.zadd(slots, {"someone-else": time.time() + 60})
    with rq_app.app_context():
        jobs.enqueue("tests.test_jobs.record", {"word": "capped"}, kind="capped", key="capped-key")
        worker = jobs.rq_worker(rq_app)
        worker.work(burst=True, max_jobs=1)
        assert DONE == [] and len(jobs.rq_queue(rq_app)) == 1  # waited its turn at the back
        assert not jobs.enqueue("tests.test_jobs.record", {"word": "capped"}, kind="capped", key="capped-key")
        connection.zrem(slots, "someone-else")
        worker.work(burst=True)
    assert DONE == [("capped", "jobs-test")]
    assert connection.zcard(slots) == 0


def test_the_worker_command_needs_redis(tmp_path):
    result = _app(tmp_path, REDIS_URL=None).test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "REDIS_URL" in result.output
