"""The results part of ``make bench``, run inside the app (tests/bench.py runs it in a subprocess).

``python -m tests.bench_results seed``: adds a published 20-question consultation with 10,000
responses (every question type, branching, skipped optional questions, "Prefer not to say") and an
analyst account, with bulk inserts: a few seconds, not one ORM object per answer.

``python -m tests.bench_results sql [runs] [seconds]``: times ``consult.results.analysis.summarise``
on it, the SQL the dashboard runs and nothing else (no HTTP, no template), and prints the result as
JSON: after a warm-up, ``runs`` times (10), but no more once a filter has taken ``seconds`` (60), so a
pathological plan is reported rather than waited for.

``python -m tests.bench_results analyze``: on PostgreSQL, VACUUM ANALYZE the tables of the current
schema, as autovacuum would soon after a bulk load (the planner has no statistics until then).

All read DATABASE_URL like the app. Not a pytest module.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import timedelta

SLUG = "bench-results"
RESPONSES = 10_000
ANALYST = "bench-analyst@example.org"
PASSWORD = "bench analyst password"
RUNS = 10

# (kind, ordinary answers, extra) for the 20 questions; the second asks only people who chose the
# first answer of the first.
QUESTIONS = [
    ("single_choice", ["Bus", "Car", "Taxi", "On foot"], "prefer_not"),
    ("yes_no", [], "branch"),
    ("agree_scale", [], None),
    ("multiple_choice", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "none"),
    ("number", [], None),
    ("single_choice", ["Every day", "Every week", "Every month", "Less often"], "prefer_not"),
    ("agree_scale", [], None),
    ("long_text", [], "optional"),
    ("yes_no", [], None),
    ("multiple_choice", ["Parking", "Ramps", "Lifts", "Toilets", "Seating"], "none"),
    ("single_choice", ["Under 25", "25 to 64", "65 or over"], "prefer_not"),
    ("agree_scale", [], None),
    ("number", [], "optional"),
    ("short_text", [], "optional"),
    ("single_choice", ["Yes, a lot", "Yes, a little", "No"], "prefer_not"),
    ("multiple_choice", ["Phone", "Letter", "Email", "In person"], "none"),
    ("agree_scale", [], None),
    ("yes_no", [], None),
    ("single_choice", ["Very good", "Good", "Poor", "Very poor"], None),
    ("long_text", [], "optional"),
]


def _app():
    from consult import create_app

    return create_app()


def _copy(table: str, rows: list[dict]) -> None:
    """PostgreSQL's COPY, in the session's transaction. psycopg sends an executemany as one statement
    per row: the whole seed took 26 s that way here, 12 s with COPY."""
    from consult.extensions import db

    columns = list(rows[0])
    cursor = db.session.connection().connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[column] for column in columns])


def make_consultation(slug: str, now) -> tuple:
    """The published 20-question consultation (QUESTIONS; the second asked only of people who chose the
    first answer of the first) and the analyst account, flushed: (consultation, questions).
    tests/bench_scale.py makes the same one for its larger seeds."""
    from consult.auth.services import create_staff, find_staff
    from consult.build.questions import add_question, set_condition
    from consult.build.services import create_consultation
    from consult.extensions import db
    from consult.models.consultation import PUBLISHED

    consultation = create_consultation(
        slug, title="Getting about: transport to our services", summary="Tell us how you travel to us.",
        opens_at=now - timedelta(days=60), closes_at=now + timedelta(days=10), other_languages=("cy",),
        status=PUBLISHED)
    questions = []
    for number, (kind, answers, extra) in enumerate(QUESTIONS, start=1):
        question = add_question(
            consultation, kind, f"Question {number} about getting to our services?", options=answers,
            required=extra != "optional", none_option="None of these" if extra == "none" else None,
            prefer_not_option="Prefer not to say" if extra == "prefer_not" else None)
        questions.append(question)
    set_condition(questions[1], [questions[0].options[0]])
    if find_staff(ANALYST) is None:
        create_staff(ANALYST, PASSWORD, "analyst")
    db.session.flush()
    return consultation, questions


def seed() -> dict:
    from sqlalchemy import func, insert, select, text

    from consult.extensions import db
    from consult.models import Answer, Consultation, Response
    from consult.models._time import utcnow

    began = time.perf_counter()
    app = _app()
    with app.app_context():
        if db.session.scalar(select(Consultation.id).where(Consultation.slug == SLUG)) is not None:
            return {"seconds": 0.0, "responses": RESPONSES, "already": True}
        now = utcnow().replace(microsecond=0)
        consultation, questions = make_consultation(SLUG, now)

        rng = random.Random(2027)
        first_id = (db.session.scalar(select(func.max(Response.id))) or 0) + 1
        start = now - timedelta(days=42)
        responses, answers = [], []
        for n in range(RESPONSES):
            response_id = first_id + n
            sent = start + timedelta(seconds=rng.randrange(42 * 86400))
            responses.append({
                "id": response_id, "consultation_id": consultation.id, "reference": f"B{n:07d}",
                "idempotency_key": f"bench-{n}", "channel": rng.choices(
                    ["online", "paper", "phone", "event", "assisted"], [80, 10, 4, 4, 2])[0],
                "language": rng.choices(["en", "cy"], [85, 15])[0],
                "register": rng.choices(["standard", "easy"], [90, 10])[0],
                "started_at": sent - timedelta(minutes=rng.randrange(2, 30)), "submitted_at": sent,
            })
            chose_first = False
            for index, question in enumerate(questions):
                if index == 1 and not chose_first:
                    continue  # not asked
                if not question.required and rng.random() < 0.4:
                    continue  # skipped
                row = {"response_id": response_id, "question_id": question.id, "option_id": None, "text": None,
                       "number": None}
                if question.kind == "multiple_choice":
                    ordinary = [o.id for o in question.options if o.kind == "answer"]
                    special = [o.id for o in question.options if o.kind != "answer"]
                    picked = [rng.choice(special)] if special and rng.random() < 0.05 else \
                        rng.sample(ordinary, rng.randint(1, len(ordinary)))
                    answers += [{**row, "option_id": option_id} for option_id in picked]
                elif question.type.has_options:
                    option = rng.choice(question.options)
                    chose_first = chose_first or (index == 0 and option.id == question.options[0].id)
                    answers.append({**row, "option_id": option.id})
                elif question.kind == "number":
                    answers.append({**row, "number": rng.randrange(0, 40)})
                else:
                    answers.append({**row, "text": rng.choice(["More buses, please.", "The ramp is too steep.",
                                                               "Parking is hard on market day."])})
        if db.session.get_bind().dialect.name == "postgresql":
            _copy("response", responses)
            _copy("answer", answers)
            # The ids above were given, not drawn from the sequence: move it past them.
            db.session.execute(text("SELECT setval(pg_get_serial_sequence('response', 'id'), max(id)) FROM response"))
        else:
            for chunk in range(0, len(responses), 2000):
                db.session.execute(insert(Response), responses[chunk:chunk + 2000])
            # render_nulls: without it the ORM leaves the None values out, so answers of different kinds
            # have different columns and go in as thousands of small batches, not a few large ones.
            for chunk in range(0, len(answers), 20000):
                db.session.execute(insert(Answer).execution_options(render_nulls=True), answers[chunk:chunk + 20000])
        db.session.commit()
        return {"seconds": time.perf_counter() - began, "responses": RESPONSES, "answers": len(answers)}


def time_sql(runs: int = RUNS, budget: float = 60.0) -> dict:
    """Milliseconds for summarise() with no filter and with a cross-tab: best and median of ``runs``
    after a warm-up, or of fewer once a filter has taken ``budget`` seconds (the warm-up alone when it
    took that long)."""
    from flask import current_app

    from consult.loading import load_consultation
    from consult.results import analysis
    from consult.results.plain import ResponseFilter, shape_of

    app = _app()
    found = {}
    with app.app_context():
        consultation = load_consultation(SLUG)
        shapes = shape_of(consultation)
        zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
        cross = ResponseFilter(option_id=consultation.questions[0].options[0].id)
        for name, where in (("all", ResponseFilter()), ("cross-tab", cross)):
            began = time.perf_counter()
            analysis.summarise(consultation.id, shapes, where, zone)  # warm the caches
            spent = time.perf_counter() - began
            times = [] if spent < budget else [spent * 1000]
            while len(times) < runs and spent < budget:
                began = time.perf_counter()
                analysis.summarise(consultation.id, shapes, where, zone)
                took = time.perf_counter() - began
                spent += took
                times.append(took * 1000)
            times.sort()
            found[name] = {"best": times[0], "median": times[len(times) // 2], "runs": len(times)}
    return found


def analyze() -> dict:
    """VACUUM ANALYZE this schema's tables on PostgreSQL (outside a transaction, as VACUUM must be)."""
    from sqlalchemy import text

    from consult.extensions import db

    began = time.perf_counter()
    app = _app()
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return {"seconds": 0.0, "tables": 0}
        with db.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            tables = connection.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).all()
            for table in tables:
                connection.execute(text(f'VACUUM ANALYZE "{table}"'))
    return {"seconds": time.perf_counter() - began, "tables": len(tables)}


def _timed(action, runs: int) -> dict:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {"best": times[0], "median": times[len(times) // 2]}


def time_pdf() -> dict:
    """The easy-read results PDF ("What you told us", English) for the seeded consultation: the bare SQL
    that feeds it, building its HTML, rendering it with WeasyPrint (no cache), and a request's work
    when the PDF is already stored (SQL, HTML and the cache lookup)."""
    import io

    import pikepdf
    from flask import current_app

    from consult.loading import load_consultation
    from consult.models.content import EASY
    from consult.printing.pdf import render_pdf
    from consult.results import analysis
    from consult.results.plain import ResponseFilter, shape_of
    from consult.results.printed import results_document, results_pdf

    app = _app()
    with app.test_request_context():
        consultation = load_consultation(SLUG)
        shapes = shape_of(consultation)
        zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
        sql = _timed(lambda: analysis.summarise(consultation.id, shapes, ResponseFilter(), zone), RUNS)
        html_times = _timed(lambda: results_document(consultation, "en", EASY), 3)
        printed, html = results_document(consultation, "en", EASY)
        rendered = {}

        def render():
            rendered["pdf"] = render_pdf(html, language="en", title=printed.document_title)

        render_times = _timed(render, 3)
        results_pdf(consultation, "en", EASY)  # store it
        cached = _timed(lambda: results_pdf(consultation, "en", EASY), 5)
        pages = len(pikepdf.open(io.BytesIO(rendered["pdf"])).pages)
    return {"sql": sql, "html": html_times, "render": render_times, "cached": cached, "pages": pages,
            "bytes": len(rendered["pdf"])}


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "seed":
        print(json.dumps(seed()))
    elif command == "sql":
        print(json.dumps(time_sql(*(int(value) for value in sys.argv[2:4]))))
    elif command == "analyze":
        print(json.dumps(analyze()))
    elif command == "pdf":
        print(json.dumps(time_pdf()))
    else:
        print("usage: python -m tests.bench_results seed | sql [runs] [seconds] | analyze | pdf", file=sys.stderr)
        sys.exit(2)
