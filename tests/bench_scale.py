"""The results at scale, on PostgreSQL: ``make bench`` with BENCH_DATABASE_URL and BENCH_SCALE=1.

The 20-question consultation of tests/bench_results.py with 10,000, 100,000 and 1,000,000 responses
(BENCH_SCALE_SIZES to choose others), each in a schema of its own, timed against issue 14's targets:
the dashboard (its route, in-process through Flask's test client, and its bare SQL), one filtered
view (the cross-tab: people who chose the first answer of question 1), CSV and XLSX exports (rows a
second, and peak RSS, each in a process of its own) and the easy-read results PDF.

Answers are made by PostgreSQL itself (INSERT ... SELECT over generate_series): Python sends one
statement per chunk of responses, never a row. Who chose what comes from ``hashint8`` of the
response's number and the question's, so a seed of any size is the same every time. Each chunk's
answers are sorted by response before they go in, so a response's answers lie together in the
table, as answers sent one response at a time do.

The results counted ahead (consult/results/counts.py) are built by the seed after the answers, as
``flask rebuild-counts`` would be after a bulk load: everyone's and the filtered view's (staff's first
look at a cross-tab builds its counts). "Counted from the answers, once" beside each view is the
same results without them: what the first look costs.

Commands (each reads DATABASE_URL like the app; tests/bench.py runs them in subprocesses):
``seed N``, ``analyze``, ``dashboard``, ``export csv|xlsx``, ``pdf``; ``run`` does it all for each
size against BENCH_DATABASE_URL and prints the table. Schemas are dropped afterwards unless
BENCH_SCALE_KEEP=1 (then a later run reuses them and skips their seed). Not a pytest module.
"""

from __future__ import annotations

import io
import json
import os
import resource
import secrets
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from tests.bench_results import ANALYST, PASSWORD, QUESTIONS, make_consultation

SLUG = "bench-scale"
SIZES = (10_000, 100_000, 1_000_000)
CHUNK = 100_000  # responses per INSERT ... SELECT: about 2.5 million answers to sort in memory at a time
RESULTS_PATH = f"/staff/results/{SLUG}"
WARM_UP, RUNS = 1, 5
BUDGET_SECONDS = 30  # per measure: a slow one is reported after fewer runs, not waited for
# BENCH_SCALE_EXPORT_ROWS: export only the first so many rows (all by default; XLSX only: PostgreSQL writes
# the whole CSV).
EXPORT_ROWS = int(os.environ.get("BENCH_SCALE_EXPORT_ROWS") or 0) or None
# BENCH_SCALE_MEASURES: only these of dashboard,csv,xlsx,pdf (all by default).
MEASURES = {name.strip() for name in os.environ.get("BENCH_SCALE_MEASURES", "").split(",") if name.strip()}

# Issue 14's targets.
DASHBOARD_MS = 1000
DASHBOARD_TIMES_SQL = 3
FILTERED_MS = 1000
CSV_ROWS_PER_SECOND = 50_000
XLSX_ROWS_PER_SECOND = 10_000
# Measured before the exports were reworked (1,000,000 responses): rows a second and peak RSS.
EXPORT_BEFORE = {"csv": (4_500, 177), "xlsx": (2_000, 177)}
PDF_MS = 2000

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _app():
    from consult import create_app

    return create_app()


def _hash(n: str, salt: int) -> str:
    """A non-negative pseudo-random int for response number ``n`` (an SQL expression) and ``salt``."""
    return f"(hashint8({n}::bigint * 1024 + {salt})::bigint & 2147483647)"


def _answer_parts(questions, first_id: int, low: int, high: int) -> list[str]:
    """One SELECT per question giving its answer rows for responses number low..high, in QUESTIONS' order."""
    parts = []
    series = f"generate_series({low}, {high}) AS n"
    first_options = [option.id for option in questions[0].options]
    for index, (question, (kind, _answers, extra)) in enumerate(zip(questions, QUESTIONS)):
        conditions = []
        if index == 1:  # asked only of people who chose question 1's first answer
            conditions.append(f"{_hash('n', 0)} % {len(first_options)} = 0")
        if extra == "optional":  # skipped by 40%
            conditions.append(f"{_hash('n', 100 + index)} % 10 >= 4")
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        row = f"{first_id} + n AS response_id, {question.id} AS question_id, {index} AS position"

        def select(option="NULL", words="NULL", number="NULL", source=series, where=where, row=row) -> str:
            return (f"SELECT {row}, ({option})::int AS option_id, ({words})::text AS text, ({number})::int AS number "
                    f"FROM {source}{where}")

        if kind == "multiple_choice":
            ordinary = [option.id for option in question.options if option.kind == "answer"]
            special = [option.id for option in question.options if option.kind != "answer"]
            none_chosen = f"{_hash('n', 200 + index)} % 20 = 0"
            mask = f"(1 + {_hash('n', 300 + index)} % {2 ** len(ordinary) - 1})"
            picked = " AND ".join([*conditions, f"NOT ({none_chosen})", f"({mask} & (1 << (o.j - 1)::int)) <> 0"])
            parts.append(select("o.id", source=f"{series} CROSS JOIN unnest(ARRAY{ordinary}) WITH ORDINALITY AS o(id, j)",
                                where=f" WHERE {picked}"))
            if special:
                parts.append(select(str(special[0]), where=f" WHERE {' AND '.join([*conditions, none_chosen])}"))
        elif question.type.has_options:
            ids = [option.id for option in question.options]
            parts.append(select(f"(ARRAY{ids})[1 + {_hash('n', index)} % {len(ids)}]"))
        elif kind == "number":
            parts.append(select(number=f"{_hash('n', index)} % 40"))
        else:
            texts = ["More buses, please.", "The ramp is too steep.", "Parking is hard on market day."]
            words = "ARRAY[" + ", ".join(f"'{text}'" for text in texts) + "]"
            parts.append(select(words=f"({words})[1 + {_hash('n', index)} % 3]"))
    return parts


def seed(size: int) -> dict:
    """The consultation with ``size`` responses, unless this schema has it already; seconds per phase
    (``seconds``: the whole seed, starting the app and making the consultation included)."""
    from sqlalchemy import func, select

    from consult.extensions import db
    from consult.models import Consultation, Response
    from consult.models._time import utcnow

    began = time.perf_counter()
    app = _app()
    with app.app_context():
        found = db.session.scalar(select(Consultation.id).where(Consultation.slug == SLUG))
        if found is not None:
            count = db.session.scalar(select(func.count()).select_from(Response).where(Response.consultation_id == found))
            # Kept from a run before the counts existed (or before the questions changed): count them now.
            counted = count_ahead(found)
            db.session.commit()
            return {"already": True, "responses": count, "counts_seconds": counted, "seconds": 0.0}
        now = utcnow().replace(microsecond=0)
        consultation, questions = make_consultation(SLUG, now)
        made = fill(consultation, questions, size, now)
        made["counts_seconds"] = count_ahead(consultation.id)
        db.session.commit()
    return {**made, "seconds": time.perf_counter() - began}


def count_ahead(consultation_id: int) -> float | None:
    """Build the results counted ahead (consult/results/counts.py) from the answers: everyone's, as
    ``flask rebuild-counts`` does after a bulk load, and the filtered view's (people who chose question
    1's first answer), as staff's first look at that cross-tab does. Seconds taken, None when current."""
    from consult.extensions import db
    from consult.models import Consultation
    from consult.results import counts
    from consult.results.plain import shape_of

    consultation = db.session.get(Consultation, consultation_id)
    shapes = shape_of(consultation)
    segments = (counts.EVERYONE, consultation.questions[0].options[0].id)
    if all(counts.is_current(consultation_id, shapes, segment) for segment in segments):
        return None
    began = time.perf_counter()
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        # Statistics for the planner first: straight after a bulk load it has none (see analysis.py).
        db.session.execute(text("ANALYZE response"))
        db.session.execute(text("ANALYZE answer"))
    for segment in segments:
        counts.rebuild(consultation_id, shapes, segment)
    return time.perf_counter() - began


def fill(consultation, questions, size: int, now) -> dict:
    """``size`` responses to ``consultation`` (made by make_consultation), in the session's transaction:
    {"answers": how many, and seconds for the responses, the answers and the answer indexes}."""
    from sqlalchemy import func, select, text

    from consult.extensions import db
    from consult.models import Response

    began = time.perf_counter()
    first_id = (db.session.scalar(select(func.max(Response.id))) or 0) + 1
    start = now - timedelta(days=42)
    db.session.execute(text("SET LOCAL work_mem = '256MB'"))
    channel = (f"CASE WHEN {_hash('n', 1001)} % 100 < 80 THEN 'online' WHEN {_hash('n', 1001)} % 100 < 90 "
               f"THEN 'paper' WHEN {_hash('n', 1001)} % 100 < 94 THEN 'phone' "
               f"WHEN {_hash('n', 1001)} % 100 < 98 THEN 'event' ELSE 'assisted' END")
    sent = f"(CAST(:start AS timestamp) + interval '1 second' * ({_hash('n', 1004)} % {42 * 86400}))"
    db.session.execute(text(
        "INSERT INTO response (id, consultation_id, reference, idempotency_key, channel, language, register, "
        "started_at, submitted_at) "
        f"SELECT :first + n, :consultation, 'S' || lpad(n::text, 9, '0'), 'scale-' || n, {channel}, "
        f"CASE WHEN {_hash('n', 1002)} % 100 < 85 THEN 'en' ELSE 'cy' END, "
        f"CASE WHEN {_hash('n', 1003)} % 100 < 90 THEN 'standard' ELSE 'easy' END, "
        f"{sent} - interval '1 minute' * (2 + {_hash('n', 1005)} % 28), {sent} "
        "FROM generate_series(0, :last) AS n"
    ), {"first": first_id, "consultation": consultation.id, "last": size - 1, "start": start})
    db.session.execute(text("SELECT setval(pg_get_serial_sequence('response', 'id'), max(id)) FROM response"))
    responses_done = time.perf_counter()
    # A bulk load as PostgreSQL's manual advises: the answer table's secondary indexes made once at
    # the end rather than kept up row by row, and no foreign-key trigger per row (session_replication_role;
    # the rows are valid by construction). Measured at 10,000 responses: 27,000 answers a second without
    # these, 175,000 with them.
    db.session.execute(text("SET LOCAL session_replication_role = replica"))
    indexes = db.session.execute(text(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'answer' "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'answer'::regclass)")).all()
    for name, _definition in indexes:
        db.session.execute(text(f'DROP INDEX "{name}"'))
    answers = 0
    for low in range(0, size, CHUNK):
        parts = _answer_parts(questions, first_id, low, min(low + CHUNK, size) - 1)
        answers += db.session.execute(text(
            "INSERT INTO answer (response_id, question_id, option_id, text, number) "
            "SELECT response_id, question_id, option_id, text, number FROM ("
            + " UNION ALL ".join(parts) + ") AS rows ORDER BY response_id, position, option_id"
        )).rowcount
    answers_done = time.perf_counter()
    db.session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
    for _name, definition in indexes:
        db.session.execute(text(definition))
    db.session.execute(text("SET LOCAL session_replication_role = DEFAULT"))
    indexed = time.perf_counter()
    return {"responses": size, "answers": answers, "responses_seconds": responses_done - began,
            "answers_seconds": answers_done - responses_done, "index_seconds": indexed - answers_done}


def analyze() -> dict:
    from tests.bench_results import analyze as vacuum_analyze

    return vacuum_analyze()


def _median(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


def _timed(action, cpu: list | None = None) -> list[float]:
    """ms of RUNS runs after WARM_UP, or fewer once BUDGET_SECONDS have gone (the warm-up alone if it took that);
    ``cpu`` gets this process's CPU ms for each (what a busy machine changes least)."""
    times, spent = [], 0.0
    for run in range(WARM_UP + RUNS):
        began, began_cpu = time.perf_counter(), time.process_time()
        action()
        took = time.perf_counter() - began
        spent += took
        if run >= WARM_UP:
            times.append(took * 1000)
            if cpu is not None:
                cpu.append((time.process_time() - began_cpu) * 1000)
        if spent > BUDGET_SECONDS:
            break
    return times or [took * 1000]


def dashboard() -> dict:
    """Median ms of the dashboard route (GET through Flask's test client, signed in as an analyst: the
    whole request, template and all) and of its bare SQL (analysis.summarise, the call it makes),
    without a filter and with the cross-tab filter; and, once, the SQL counting from the answers
    rather than the counts kept ahead (what the first look at a cross-tab costs)."""
    from flask import current_app

    from consult.loading import load_consultation
    from consult.results import analysis
    from consult.results.plain import ResponseFilter, shape_of

    app = _app()
    app.config["WTF_CSRF_ENABLED"] = False  # signing in is not what is measured
    client = app.test_client()
    signed = client.post("/staff/sign-in", data={"email": ANALYST, "password": PASSWORD})
    if signed.status_code not in (302, 303):
        raise RuntimeError(f"signing in answered {signed.status_code}")
    found = {}
    with app.app_context():
        consultation = load_consultation(SLUG)
        shapes = shape_of(consultation)
        zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
        option_id = consultation.questions[0].options[0].id
        views = (("dashboard", RESULTS_PATH, ResponseFilter()),
                 ("filtered", f"{RESULTS_PATH}?answer={option_id}", ResponseFilter(option_id=option_id)))
        for name, path, where in views:
            def get(path=path):
                page = client.get(path)
                if page.status_code != 200:
                    raise RuntimeError(f"GET {path} answered {page.status_code}")
            cpu: list[float] = []
            route = _timed(get, cpu)
            sql = _timed(lambda where=where: analysis.summarise(consultation.id, shapes, where, zone))
            began = time.perf_counter()
            analysis.summarise_answers(consultation.id, shapes, where, zone)
            found[name] = {"route": _median(route), "route_cpu": _median(cpu), "sql": _median(sql),
                           "answers_sql": (time.perf_counter() - began) * 1000}
    return found


def _rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux


def export(kind: str) -> dict:
    """The whole export, as the export route makes it, to a throw-away file: rows, seconds, and this
    process's peak RSS before the first row and at the end."""
    import csv
    import tempfile

    from consult.loading import load_consultation
    from consult.results import export_sql, exports

    counted = {"rows": -1}  # the header row is not counted
    whole_rows = exports.sheet_rows

    def counted_rows(*args, **kwargs):
        """sheet_rows, counting the rows, stopping after EXPORT_ROWS when that is set."""
        for rows in whole_rows(*args, **kwargs):
            if EXPORT_ROWS is not None and counted["rows"] >= EXPORT_ROWS:
                return
            counted["rows"] += len(rows)
            yield rows

    exports.sheet_rows = counted_rows  # Python's writers read the rows through it (PostgreSQL's CSV does not)
    app = _app()
    with app.test_request_context():
        consultation = load_consultation(SLUG)
        sheet = exports.prepare_sheet(consultation, consultation.default_language, "en")
        before = _rss_kb()
        began, cpu = time.perf_counter(), time.process_time()
        with tempfile.TemporaryFile() as target:
            if kind == "csv":
                # As the export route: written by PostgreSQL (consult/results/export_sql.py).
                for chunk in export_sql.csv_chunks(sheet):
                    target.write(chunk.encode("utf-8"))
            else:
                exports.write_xlsx(sheet, target)
            size = target.tell()
            seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
            if kind == "csv" and counted["rows"] < 0:  # PostgreSQL wrote it: count the rows read back, untimed
                target.seek(0)
                counted["rows"] = sum(1 for _row in csv.reader(io.TextIOWrapper(target, encoding="utf-8", newline=""))) - 1
    rows = counted["rows"]
    return {"rows": rows, "seconds": seconds, "rows_per_second": rows / seconds, "cpu_seconds": cpu,
            "rows_per_cpu_second": rows / cpu, "bytes": size, "rss_before_kb": before, "rss_peak_kb": _rss_kb()}


def pdf() -> dict:
    """ms for the easy-read results PDF's first request: HTML (its SQL included) and WeasyPrint."""
    from consult.loading import load_consultation
    from consult.models.content import EASY
    from consult.printing.pdf import render_pdf
    from consult.results.printed import results_document

    app = _app()
    times, cpu, html_times = [], [], []
    with app.test_request_context():
        consultation = load_consultation(SLUG)
        for _ in range(3):
            began, began_cpu = time.perf_counter(), time.process_time()
            printed, html = results_document(consultation, "en", EASY)
            html_times.append((time.perf_counter() - began) * 1000)
            render_pdf(html, language="en", title=printed.document_title)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
    return {"ms": _median(times), "best": min(times), "cpu_ms": _median(cpu), "html_ms": _median(html_times)}


# --------------------------------------------------------------------------------------------
# The driver: one schema per size


def _module(env: dict, *args: str, timeout: float) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.bench_scale", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"tests.bench_scale {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def measure_size(url: str, size: int, keep: bool, say=print) -> dict:
    """Seed (unless kept from before), analyse and time one size in its own schema."""
    import tempfile

    from tests.bench import _environment, _flask, _in_schema, _schema_statement

    schema = f"consult_scale_{size}" if keep else f"consult_scale_{secrets.token_hex(4)}"
    found: dict = {"size": size, "schema": schema}
    with tempfile.TemporaryDirectory(prefix="consult-scale-") as folder:
        env = _environment(Path(folder))
        env["DATABASE_URL"] = _in_schema(url, schema)
        _schema_statement(url, f"CREATE SCHEMA IF NOT EXISTS {schema}")
        try:
            _flask(env, "db", "upgrade")
            found["load_seed"] = _load()
            found["seed"] = _module(env, "seed", str(size), timeout=3600)
            say(f"  {size:>9,}: seeded {json.dumps(found['seed'])}")
            found["analyze"] = _module(env, "analyze", timeout=1800) if not found["seed"].get("already") else None
            for name, args in (("dashboard", ("dashboard",)), ("csv", ("export", "csv")),
                               ("xlsx", ("export", "xlsx")), ("pdf", ("pdf",))):
                if MEASURES and name not in MEASURES:
                    found[name] = {"failure": "not measured (BENCH_SCALE_MEASURES)"}
                    continue
                found[f"load_{name}"] = _load()
                try:
                    found[name] = _module(env, *args, timeout=3600)
                except (RuntimeError, subprocess.TimeoutExpired) as exc:
                    found[name] = {"failure": str(exc)[-500:]}
                say(f"  {size:>9,}: {name} {json.dumps(found[name])} (load {found[f'load_{name}']})")
        finally:
            if not keep:
                _schema_statement(url, f"DROP SCHEMA {schema} CASCADE")
    return found


def _failed(found: dict) -> str:
    return "skipped" if found["failure"].startswith("not measured") else "FAILED"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(results: list[dict]) -> None:
    print()
    print("Results at scale on PostgreSQL (BENCH_SCALE=1): 20 questions; in-process, median of "
          f"{RUNS} after {WARM_UP} warm-up; exports once each, in their own process; load = 1/5/15-min load average")
    header = f"  {'responses':>10}  {'measure':<34} {'value':>14}  {'target':<32} {'':<5} load"
    print(header)
    print("  " + "-" * (len(header) + 12))
    for found in results:
        size = f"{found['size']:,}"
        seeded = found["seed"]
        if seeded.get("already"):
            line = [("seed", "kept from an earlier run", "", "", found["load_seed"])]
        else:
            line = [("seed (INSERT ... SELECT)", f"{seeded['seconds']:.1f} s", f"{seeded['answers']:,} answers", "",
                     found["load_seed"])]
            if found.get("analyze"):
                line.append(("VACUUM ANALYZE", f"{found['analyze']['seconds']:.1f} s", "", "", ""))
        if seeded.get("counts_seconds") is not None:
            line.append(("  counts built (everyone, cross-tab)", f"{seeded['counts_seconds']:.1f} s", "", "", ""))
        board = found["dashboard"]
        if "failure" in board:
            line.append(("dashboard", _failed(board), board["failure"][-60:], "", found.get("load_dashboard", "")))
        else:
            route, sql = board["dashboard"]["route"], board["dashboard"]["sql"]
            line.append(("dashboard route", f"{route:.0f} ms", f"<= {DASHBOARD_MS} ms", _verdict(route <= DASHBOARD_MS),
                         found["load_dashboard"]))
            if "route_cpu" in board["dashboard"]:
                line.append(("  its own CPU", f"{board['dashboard']['route_cpu']:.0f} ms", "", "", ""))
            line.append(("  its bare SQL (summarise)", f"{sql:.0f} ms", "", "", ""))
            if "answers_sql" in board["dashboard"]:
                line.append(("  counted from the answers, once", f"{board['dashboard']['answers_sql']:.0f} ms",
                             "(no counts kept)", "", ""))
            line.append(("  route / bare SQL", f"{route / sql:.2f} x", f"<= {DASHBOARD_TIMES_SQL} x",
                         _verdict(route <= DASHBOARD_TIMES_SQL * sql), ""))
            filtered = board["filtered"]
            line.append(("filtered view (cross-tab) route", f"{filtered['route']:.0f} ms", f"<= {FILTERED_MS} ms",
                         _verdict(filtered["route"] <= FILTERED_MS), ""))
            line.append(("  its bare SQL", f"{filtered['sql']:.0f} ms", "", "", ""))
            if "answers_sql" in filtered:
                line.append(("  counted from the answers, once", f"{filtered['answers_sql']:.0f} ms",
                             "(first look)", "", ""))
        for kind, target in (("csv", CSV_ROWS_PER_SECOND), ("xlsx", XLSX_ROWS_PER_SECOND)):
            made = found[kind]
            if "failure" in made:
                line.append((f"{kind.upper()} export", _failed(made), made["failure"][-60:], "", found.get(f"load_{kind}", "")))
                continue
            rows = f"{made['rows']:,} rows" if made["rows"] >= found["size"] else f"first {made['rows']:,} rows"
            was_rate, was_rss = EXPORT_BEFORE[kind]
            line.append((f"{kind.upper()} export ({rows}, {made['seconds']:.1f} s)",
                         f"{made['rows_per_second']:,.0f} rows/s", f">= {target:,} rows/s (was {was_rate:,})",
                         _verdict(made["rows_per_second"] >= target), found[f"load_{kind}"]))
            line.append(("  per second of its own CPU", f"{made['rows_per_cpu_second']:,.0f} rows/s", "", "", ""))
            growth = (made["rss_peak_kb"] - made["rss_before_kb"]) / 1024
            line.append(("  peak RSS (growth while exporting)", f"{made['rss_peak_kb'] / 1024:.0f} MB",
                         f"(+{growth:.0f} MB; was {was_rss} MB)", "", ""))
        printed = found["pdf"]
        if "failure" in printed:
            line.append(("easy-read results PDF", _failed(printed), printed["failure"][-60:], "", found.get("load_pdf", "")))
        else:
            line.append(("easy-read results PDF", f"{printed['ms']:.0f} ms", f"<= {PDF_MS} ms",
                         _verdict(printed["ms"] <= PDF_MS), found["load_pdf"]))
            if "cpu_ms" in printed:
                line.append(("  its own CPU", f"{printed['cpu_ms']:.0f} ms", "", "", ""))
                line.append(("  its HTML (results SQL included)", f"{printed['html_ms']:.0f} ms", "", "", ""))
        for measure, value, target, verdict, load in line:
            print(f"  {size:>10}  {measure:<34} {value:>14}  {target:<32} {verdict:<5} {load}")
            size = ""
    print("  A flat memory: peak RSS the same at every size (the export holds one batch of rows at a time).")


def run(url: str, sizes=None, keep: bool | None = None, say=print) -> list[dict]:
    sizes = sizes or tuple(int(size) for size in os.environ.get("BENCH_SCALE_SIZES", "").split(",") if size.strip()) \
        or SIZES
    keep = os.environ.get("BENCH_SCALE_KEEP") == "1" if keep is None else keep
    return [measure_size(url, size, keep, say) for size in sizes]


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "seed":
        print(json.dumps(seed(int(sys.argv[2]))))
    elif command == "analyze":
        print(json.dumps(analyze()))
    elif command == "dashboard":
        print(json.dumps(dashboard()))
    elif command == "export":
        print(json.dumps(export(sys.argv[2])))
    elif command == "pdf":
        print(json.dumps(pdf()))
    elif command == "run":
        database = os.environ.get("BENCH_DATABASE_URL", "").strip()
        if not database:
            print("BENCH_DATABASE_URL is not set", file=sys.stderr)
            sys.exit(2)
        print_table(run(database))
    else:
        print("usage: python -m tests.bench_scale seed N | analyze | dashboard | export csv|xlsx | pdf | run",
              file=sys.stderr)
        sys.exit(2)
