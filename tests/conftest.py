"""Shared fixtures: an app on a fresh database (SQLite, or PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from consult import create_app
from consult.extensions import db
from tests.helpers import Resident
from tests.html_checks import assert_well_formed
from tests.template_code import TEMPLATE_CODE


def _share_url_builders() -> None:
    """Build each URL rule's builder function once per test process, not once per app.

    Most tests make an app of their own (their own instance folder and settings), and Werkzeug
    compiles a Python function for every one of the app's 400-odd URL rules: about 0.2 s of every
    test. The function depends only on the rule's text, its parts and its defaults (converters
    are looked up on the rule when it runs), so apps can share it. Tests only: a server makes
    one app.
    """
    from werkzeug.routing.rules import Rule

    compile_builder = Rule._compile_builder
    builders: dict = {}

    def shared(rule, append_unknown: bool = True):
        key = (rule.rule, tuple(rule._trace), repr(sorted((rule.defaults or {}).items())), append_unknown)
        if key not in builders:
            builders[key] = compile_builder(rule, append_unknown)
        return builders[key]

    Rule._compile_builder = shared


_share_url_builders()

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
# pytest-xdist runs the suite in several processes ("gw0", "gw1", ...): each needs a database of its own.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def pytest_collection_modifyitems(items):
    """Mark what each test needs, from the fixtures it uses, so a run can choose by marker (``-m``).

    ``db``: the test uses the database (its fixtures reach ``database_url``); only these can behave
    differently on PostgreSQL, so the PostgreSQL run selects them. ``browser``: it drives Chromium.
    """
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "database_url" in names:
            item.add_marker(pytest.mark.db)
        if "chromium" in names and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


def _database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        url = TEST_DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1)
        return _worker_database(url, WORKER) if WORKER else url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def _worker_database(url: str, worker: str) -> str:
    """``url``'s database with ``_<worker>`` added to its name, created (beside it) when missing."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}) is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    """Build the schema once, with the real migrations, so they are tested on every engine."""
    from flask_migrate import upgrade

    app = create_app(SQLALCHEMY_DATABASE_URI=database_url, SECRET_KEY="test",
                     INSTANCE_PATH=str(tmp_path_factory.mktemp("instance")))
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        upgrade()
    return database_url


def _empty_tables():
    """Every table emptied, children first, and (on PostgreSQL) every id counting from 1 again.

    DELETE, not TRUNCATE: a test leaves a handful of rows, and PostgreSQL's TRUNCATE of 40-odd
    tables makes new files for each (about 0.5 s a test, most of the PostgreSQL run's time);
    DELETE of a few rows and setval on the sequences take a few milliseconds.
    """
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(text(f"DELETE FROM {table.name}"))
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT setval(sequence.oid, 1, false) FROM pg_class AS sequence "
                                "WHERE sequence.relkind = 'S'"))
    db.session.commit()


@pytest.fixture
def app(_schema, tmp_path):
    app = create_app(
        SQLALCHEMY_DATABASE_URI=_schema,
        SECRET_KEY="test-secret",
        INSTANCE_PATH=str(tmp_path / "instance"),
        TESTING=True,
        RATELIMIT_ENABLED=True,
        PASSWORD_HASH_CHEAP=True,
        # Background jobs (PDFs) run at once inside the request, so a test gets the PDF it asked for;
        # tests of the queue itself and of "Your PDF is being made" choose "threads" or "rq".
        JOBS_BACKEND="eager",
    )
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    with app.app_context():
        _empty_tables()
    from consult.extensions import limiter

    limiter.reset()
    yield app
    with app.app_context():
        db.session.remove()


@pytest.fixture(scope="session")
def _demo_rows(_schema, tmp_path_factory):
    """The demo's rows, table by table (and PostgreSQL's sequences), made once per test process.

    Seeding the demo runs the builder's services (1.5 to 3 s; about 300 tests ask for it, on SQLite
    and again on PostgreSQL); putting its thousand-odd rows back takes a few milliseconds. The demo
    writes rows only, no files (tests/test_setup.py checks that the copy matches a fresh seed).
    """
    from consult.demo import seed_demo

    app = create_app(SQLALCHEMY_DATABASE_URI=_schema, SECRET_KEY="test-secret", TESTING=True,
                     INSTANCE_PATH=str(tmp_path_factory.mktemp("demo-instance")), JOBS_BACKEND="eager")
    with app.app_context():
        _empty_tables()
        seed_demo()
        db.session.commit()
        rows = table_rows()
        sequences = []
        if db.engine.dialect.name == "postgresql":
            sequences = db.session.execute(text(
                "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences "
                "WHERE last_value IS NOT NULL")).all()
        _empty_tables()
        db.session.remove()
    return {name: table_rows for name, table_rows in rows.items() if table_rows}, sequences


def table_rows() -> dict[str, list[dict]]:
    """Every table's rows, in primary-key order (PostgreSQL returns updated rows in another order)."""
    return {table.name: [dict(row._mapping) for row in
                         db.session.execute(table.select().order_by(*table.primary_key.columns))]
            for table in db.metadata.sorted_tables}


def restore_demo(demo_rows) -> None:
    """Put the demo's rows back into the (empty) test database, as seed_demo() would have made them."""
    rows, sequences = demo_rows
    for table in db.metadata.sorted_tables:
        if table.name in rows:
            db.session.execute(table.insert(), rows[table.name])
    for sequence, last_value in sequences:
        db.session.execute(text("SELECT setval(CAST(:sequence AS regclass), :value)"),
                           {"sequence": sequence, "value": last_value})
    db.session.commit()


@pytest.fixture
def demo(app, _demo_rows):
    """The demo consultations, as `make run` creates them."""
    from consult.demo import DEMO_SLUG
    from consult.loading import load_consultation

    with app.app_context():
        restore_demo(_demo_rows)
        consultation = load_consultation(DEMO_SLUG)
        return {"slug": DEMO_SLUG, "id": consultation.id,
                "questions": [(q.id, q.kind, q.required) for q in consultation.questions]}


@pytest.fixture
def resident(app):
    return Resident(app.test_client())


@pytest.fixture
def htmx_resident(app):
    return Resident(app.test_client(), htmx=True)


STAFF_PASSWORD = "a long enough password"


@pytest.fixture
def signed_in(app):
    """The one way tests sign staff in: ``signed_in("editor")`` is a browser signed in as an editor.

    Accounts are ``<role>@example.org`` (created when missing) and sign in through the real form, so
    every staff test also exercises sign-in. ``htmx=True`` sends htmx's headers on every request.
    """
    from consult.auth.services import create_staff, find_staff

    def sign_in(role: str = "editor", htmx: bool = False, email: str | None = None) -> Resident:
        email = email or f"{role}@example.org"
        with app.app_context():
            if find_staff(email) is None:
                create_staff(email, STAFF_PASSWORD, role)
                db.session.commit()
        person = Resident(app.test_client(), htmx=htmx)
        page = person.submit(person.get("/staff/sign-in"), {"email": email, "password": STAFF_PASSWORD})
        assert page.status == 200 and page.path == "/staff/" and page.soup.select_one("nav.staff-nav"), page.text()[:300]
        assert_well_formed(page)
        return person

    return sign_in
