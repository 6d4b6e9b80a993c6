"""Background jobs: work that should not hold up a web request (PDFs, webhooks, outgoing messages).

How to use it::

    from consult import jobs

    jobs.enqueue("consult.printing.rendering.render_stored_pdf", {"name": "...", "html": "..."},
                 kind="pdf", key="pdf:questionnaire-3-en-easy:1f2e...")

- ``function`` is an importable path ("package.module.function"), never a function object, so the
  job can cross to another process. It is called as ``function(**args)`` inside an app context,
  and ``args`` must be JSON (``enqueue`` checks this at once, so a mistake shows in the caller).
- ``kind`` names a family of jobs sharing a cap on how many run at once: ``JOB_LIMITS`` in the
  configuration, e.g. ``{"pdf": 1}``. A kind not listed is limited only by the number of workers.
- ``key`` (optional) is an idempotency key: while a job with this key is waiting or running, another
  ``enqueue`` with the same key does nothing and returns False. Once it has finished (or failed),
  the key is free again. Choose keys that name the work, e.g. "pdf:<name>:<fingerprint>".
- ``enqueue`` returns True when it queued the job. It never waits for the job. A job that raises is
  logged with its traceback and dropped (no retry): callers that need to know record the outcome
  themselves (see consult/printing/rendering.py, which stores a failure marker).

Where jobs run (``JOBS_BACKEND``):

- ``"rq"`` when ``REDIS_URL`` is set: jobs go to an RQ queue on Redis and any server's worker
  (``flask --app consult worker``) runs them. The cap is shared by every worker: a job that finds its
  kind full goes back to the end of the queue. Idempotency keys live in Redis (``SET NX`` with an
  expiry, ``JOB_KEY_SECONDS``, so a crashed worker cannot block a key forever).
- ``"processes"`` otherwise (the embedded default): up to ``JOB_THREADS`` jobs at once, each in a
  separate low-priority process of a small pool that this web worker starts when first needed (so a
  PDF render never competes with this worker's requests for Python's interpreter lock). Jobs beyond
  a kind's cap wait in this worker's memory and are lost if it stops; that is acceptable for work
  that is asked for again (a PDF is queued again on the next visit). Caps and keys count per web
  worker here, not across servers.
- ``"threads"``: the same, with the jobs in threads of this process (tests that replace a function
  the job calls, which a separate process would not see).
- ``"eager"``: run at once in the caller's thread (tests that want a finished result straight away).

Nothing here reads ``request``: jobs may be queued from commands and from other jobs too.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import threading
import time
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import Flask, current_app

log = logging.getLogger(__name__)

QUEUE_NAME = "consult"
# A job that finds its kind full in RQ waits this long before going back to the queue, so a worker
# with nothing else to do does not spin.
REQUEUE_PAUSE = 0.2


@dataclass(frozen=True)
class Job:
    function: str
    args: dict
    kind: str
    key: str | None


def enqueue(function: str, args: dict | None = None, *, kind: str = "default", key: str | None = None) -> bool:
    """Queue ``function(**args)`` to run in the background; False when ``key`` is already pending."""
    job = Job(function, json.loads(json.dumps(args or {})), kind, key)
    _resolve(function)  # a typo fails here, in the caller, not later in a worker's log
    return _runner(current_app._get_current_object()).submit(job)


def limit_of(app: Flask, kind: str) -> int | None:
    """How many jobs of this kind may run at once (None: no cap beyond the workers)."""
    return (app.config.get("JOB_LIMITS") or {}).get(kind)


def backend_of(app: Flask) -> str:
    return app.config.get("JOBS_BACKEND") or ("rq" if app.config.get("REDIS_URL") else "processes")


def _resolve(function: str):
    module_name, _, name = function.rpartition(".")
    if not module_name:
        raise ValueError(f"a job function is given as 'package.module.function', not {function!r}")
    found = getattr(importlib.import_module(module_name), name, None)
    if not callable(found):
        raise ValueError(f"no function {name!r} in {module_name}")
    return found


def _call(app: Flask, job: Job) -> None:
    """Run one job in an app context; a failure is logged, never raised into the pool or worker."""
    with app.app_context():
        try:
            _resolve(job.function)(**job.args)
        except Exception:
            log.exception("background job %s (%s) failed", job.function, job.kind)
        finally:
            from consult.extensions import db

            db.session.remove()  # the job's connection goes back to the pool, whatever happened


def _runner(app: Flask):
    runner = app.extensions.get("consult_jobs")
    if runner is None:
        backend = backend_of(app)
        runner = {"rq": RedisRunner, "processes": ProcessRunner, "threads": ThreadRunner,
                  "eager": EagerRunner}[backend](app)
        app.extensions["consult_jobs"] = runner
    return runner


def runner_of(app: Flask):
    """This app's runner (tests wait on ``ThreadRunner.wait_idle``; the worker command uses RQ's)."""
    return _runner(app)


# Background work yields the CPU to web requests: a resident's page should not wait behind a PDF.
BACKGROUND_NICENESS = 10


def lower_priority(pid: int = 0) -> None:
    """Lower a process's CPU priority (this one's by default: an RQ worker's) to BACKGROUND_NICENESS, if it
    is not that low already: on a server that also serves pages, pages first."""
    try:
        if os.getpriority(os.PRIO_PROCESS, pid) < BACKGROUND_NICENESS:
            os.setpriority(os.PRIO_PROCESS, pid, BACKGROUND_NICENESS)
    except OSError:  # not allowed here, or the process has gone: it runs at its own priority
        pass


class EagerRunner:
    def __init__(self, app: Flask):
        self.app = app

    def submit(self, job: Job) -> bool:
        _call(self.app, job)
        return True


class ThreadRunner:
    """A bounded pool of threads in this process, with per-kind caps and idempotency keys."""

    def __init__(self, app: Flask):
        self.app = app
        self.threads = int(app.config.get("JOB_THREADS") or 2)
        # Not at a lower priority: threads share the process's GIL, and a starved low-priority thread
        # would hold up the request threads it must hand the GIL to. Separate workers (RQ) do lower theirs.
        self.pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="consult-job")
        self.lock = threading.Lock()
        self.idle = threading.Condition(self.lock)
        self.running: Counter[str] = Counter()
        self.waiting: dict[str, deque[Job]] = {}
        self.pending_keys: set[str] = set()

    def submit(self, job: Job) -> bool:
        with self.lock:
            if job.key is not None:
                if job.key in self.pending_keys:
                    return False
                self.pending_keys.add(job.key)
            self.waiting.setdefault(job.kind, deque()).append(job)
            self._start_what_may_run()
        return True

    def _start_what_may_run(self) -> None:
        # Called with the lock held. A job only takes a pool thread when its kind has room, so jobs
        # held back by a cap never sit on threads that other kinds could use.
        for kind, queue in self.waiting.items():
            cap = limit_of(self.app, kind)
            while queue and (cap is None or self.running[kind] < cap):
                job = queue.popleft()
                self.running[kind] += 1
                self.pool.submit(self._run, job)

    def _execute(self, job: Job) -> None:
        _call(self.app, job)

    def _run(self, job: Job) -> None:
        try:
            self._execute(job)
        finally:
            with self.lock:
                self.running[job.kind] -= 1
                if job.key is not None:
                    self.pending_keys.discard(job.key)
                self._start_what_may_run()
                self.idle.notify_all()

    def pending(self) -> int:
        with self.lock:
            return sum(self.running.values()) + sum(len(queue) for queue in self.waiting.values())

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until no job is waiting or running (tests, and a clean shutdown)."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while sum(self.running.values()) or any(self.waiting.values()):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.idle.wait(left)
        return True


class ProcessRunner(ThreadRunner):
    """ThreadRunner's queue, caps and keys, but each job runs in a separate process of a small pool.

    The embedded default. A web worker's thread only waits for the job (without the interpreter
    lock), so a render cannot slow the requests of that worker; the processes run at a lower CPU
    priority, so on a busy machine pages come first. They are started ("spawn": nothing of the web
    worker's threads or database connections is copied) the first time they are needed, build the
    app from the same settings, and stay for the next jobs.
    """

    def __init__(self, app: Flask):
        super().__init__(app)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.processes = ProcessPoolExecutor(max_workers=self.threads, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_start_job_process, initargs=(_portable_settings(app),))
        self.lowered: set[int] = set()

    def _execute(self, job: Job) -> None:
        try:
            done = self.processes.submit(_run_in_job_process, job)
            self._lower_new_processes()
            done.result()
        except Exception:  # the process died (the job's own errors are logged in the process)
            log.exception("background job %s (%s) could not run", job.function, job.kind)

    def _lower_new_processes(self) -> None:
        """Lower a new job process's priority from here, as soon as it exists: starting one (a fresh Python
        importing the app and WeasyPrint) takes about a second of CPU, which at normal priority held up the
        pages of a burst of PDF requests before its initializer could lower it (``make bench``)."""
        # The pool's own table of its processes (pid -> process): not public, so read with care.
        for pid in list(getattr(self.processes, "_processes", None) or {}):
            if pid not in self.lowered:
                self.lowered.add(pid)
                lower_priority(pid)


def _portable_settings(app: Flask) -> dict:
    import pickle

    settings = {}
    for name, value in app.config.items():
        try:
            pickle.dumps(value)
        except Exception:
            continue
        settings[name] = value
    settings["INSTANCE_PATH"] = app.instance_path
    settings["JOBS_BACKEND"] = "eager"  # a job that queues another runs it at once, in its process
    return settings


_job_process_app: Flask | None = None


def _start_job_process(settings: dict) -> None:
    global _job_process_app
    lower_priority()
    from consult import create_app

    _job_process_app = create_app(settings)


def _run_in_job_process(job: Job) -> None:
    _call(_job_process_app, job)


# --- RQ on Redis ---

def redis_connection(app: Flask):
    from redis import Redis

    connection = app.extensions.get("consult_jobs_redis")
    if connection is None:
        connection = Redis.from_url(app.config["REDIS_URL"])
        app.extensions["consult_jobs_redis"] = connection
    return connection


def queue_name(app: Flask) -> str:
    return app.config.get("JOB_QUEUE") or QUEUE_NAME


def rq_queue(app: Flask):
    from rq import Queue

    return Queue(queue_name(app), connection=redis_connection(app))


def redis_key(app: Flask, *parts: str) -> str:
    """Our own Redis keys (idempotency keys, running slots), beside the queue of the same name."""
    return ":".join(("consult-jobs", queue_name(app), *parts))


# A slot is held under the job's id with an expiry time as its score, so a worker that dies while
# running a job frees the slot when the expiry passes. Atomic, so two workers never both take the last.
_TAKE_SLOT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  return 1
end
return 0
"""


class RedisRunner:
    def __init__(self, app: Flask):
        self.app = app

    def submit(self, job: Job) -> bool:
        connection = redis_connection(self.app)
        seconds = int(self.app.config.get("JOB_KEY_SECONDS") or 3600)
        if job.key is not None and not connection.set(redis_key(self.app, "key", job.key), "1", nx=True, ex=seconds):
            return False
        rq_queue(self.app).enqueue("consult.jobs.run_rq_job", job.function, job.args, job.kind, job.key,
                                   job_timeout=seconds, result_ttl=0, failure_ttl=24 * 3600)
        return True


def run_rq_job(function: str, args: dict, kind: str, key: str | None) -> None:
    """What an RQ worker runs: take a slot of the kind's cap (or go back in the queue), then the job."""
    from rq import get_current_job

    app = current_app._get_current_object()  # the worker command runs inside the app's context
    connection = redis_connection(app)
    job = Job(function, args, kind, key)
    cap = limit_of(app, kind)
    slots = redis_key(app, "running", kind)
    me = get_current_job().id
    seconds = int(app.config.get("JOB_KEY_SECONDS") or 3600)
    if cap is not None:
        now = time.time()
        if not connection.eval(_TAKE_SLOT, 1, slots, now, now + seconds, cap, me):
            time.sleep(REQUEUE_PAUSE)
            # Same key, still held: nobody else can queue this work meanwhile.
            rq_queue(app).enqueue("consult.jobs.run_rq_job", function, args, kind, key,
                                  job_timeout=seconds, result_ttl=0, failure_ttl=24 * 3600)
            return
    try:
        _call(app, job)
    finally:
        if cap is not None:
            connection.zrem(slots, me)
        if key is not None:
            connection.delete(redis_key(app, "key", key))


def run_worker(app: Flask, burst: bool = False) -> None:
    """Run an RQ worker for this app's queue (``flask --app consult worker``).

    A SimpleWorker runs each job in this process rather than a forked child: the app, its database
    pool and WeasyPrint's fonts are loaded once, and no pooled connection is shared across a fork.
    """
    if backend_of(app) != "rq":
        raise RuntimeError("REDIS_URL is not set: jobs run inside the web server, no worker is needed")
    if not app.testing:
        lower_priority()
    rq_worker(app).work(burst=burst, with_scheduler=False)


def rq_worker(app: Flask):
    """An RQ worker for this app's queue, running each job in this process (see run_worker)."""
    from rq import SimpleWorker

    class Worker(SimpleWorker):
        def subscribe(self):
            """Listen for RQ's commands (stop, kill) in waits of one second, not RQ's sixty.

            A stopping worker gives that listening thread one second, then closes its connection, which
            waits until the thread's current wait ends: when the thread had not seen the stop in time
            (a busy machine), ``worker --burst`` took a whole minute to finish an empty queue.
            """
            self.pubsub = self.connection.pubsub()
            self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
            self.pubsub_thread = self.pubsub.run_in_thread(
                sleep_time=1, daemon=True, exception_handler=self._pubsub_exception_handler)

    return Worker([rq_queue(app)], connection=redis_connection(app))
