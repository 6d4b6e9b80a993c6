"""Configuration, the flask commands, and the htmx helpers."""

from __future__ import annotations

from sqlalchemy import func, select

from consult import config, create_app
from consult.extensions import db
from consult.models import Consultation, StaffUser


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.load({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    second = config.load({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    other = config.load({"INSTANCE_PATH": str(tmp_path / "elsewhere")})["SECRET_KEY"]
    assert other != first


def test_environment_is_read_in_config(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db/consult")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("PORT", "8000")
    loaded = config.load({"INSTANCE_PATH": str(tmp_path)})
    assert loaded["SECRET_KEY"] == "from-env"
    assert loaded["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/consult"
    assert loaded["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert loaded["PORT"] == 8000


def test_default_database_is_sqlite_under_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    loaded = config.load({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    assert loaded["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'consult.db'}"


def test_only_config_reads_the_environment():
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "consult"
    readers = [path.name for path in package.rglob("*.py")
               if "os.environ" in path.read_text() and "migrations" not in path.parts]
    assert readers == ["config.py"]


def test_seed_demo_runs_once(app):
    runner = app.test_cli_runner()
    assert "Demo content created." in runner.invoke(args=["seed-demo"]).output
    assert "nothing changed" in runner.invoke(args=["seed-demo"]).output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Consultation)) == 3
        assert db.session.scalar(select(func.count()).select_from(StaffUser)) == 1


def test_the_tests_copy_of_the_demo_is_what_seeding_makes(app, _demo_rows):
    """tests/conftest.py copies the demo's rows back instead of seeding it for every test: same rows."""
    from datetime import datetime

    from consult.demo import seed_demo
    from tests.conftest import table_rows

    def without_times(rows: dict) -> dict:
        # Seeding stamps rows with the time it ran, and a consultation's version counts the flushes
        # that changed it (consult/models/versioning.py); everything else must be the same.
        return {name: [{key: None if isinstance(value, datetime) or key == "version" else value
                        for key, value in row.items()}
                       for row in found] for name, found in rows.items()}

    with app.app_context():
        seed_demo()
        db.session.commit()
        fresh = table_rows()
    fresh = {name: found for name, found in fresh.items() if found}
    copied, _sequences = _demo_rows
    assert sorted(fresh) == sorted(copied)
    assert without_times(fresh) == without_times(copied)


def test_create_staff_from_stdin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-staff", "new@example.org", "--role", "editor", "--password-stdin"],
                           input="a long enough password\n")
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["create-staff", "new@example.org", "--role", "editor", "--password-stdin"],
                          input="a long enough password\n")
    assert again.exit_code != 0 and "already has an account" in again.output
    short = runner.invoke(args=["create-staff", "b@example.org", "--role", "admin", "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "at least 12" in short.output
    with app.app_context():
        staff = db.session.execute(select(StaffUser)).scalar_one()
        assert staff.role == "editor" and staff.password_hash.startswith("$argon2id$")


def test_the_demos_use_every_question_type_an_anonymous_consultation_asks(app, demo):
    """Between them, the demo consultations show every type, except those that ask who someone is
    (an email address, a phone number, a full address): the demos promise not to ask."""
    from consult.models import Question
    from consult.questions import REGISTRY

    with app.app_context():
        used = set(db.session.scalars(select(Question.kind)))
        optional = db.session.scalar(select(func.count()).select_from(Question).where(Question.required.is_(False)))
    identifying = {"email", "phone", "address"}
    assert used == set(REGISTRY) - identifying
    assert all(REGISTRY[kind].personal_data for kind in identifying)
    assert optional >= 1


def test_fragment_only_for_targeted_htmx_requests(app):
    from consult.htmx import wants_fragment

    cases = [
        ({}, False),
        ({"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "main#main"}, True),
        ({"HX-Request": "true", "HX-Request-Type": "full", "HX-Target": "body"}, False),
        ({"HX-Request": "true", "HX-Request-Type": "partial", "HX-Target": "main#main",
          "HX-History-Restore-Request": "true"}, False),
    ]
    for headers, expected in cases:
        with app.test_request_context(headers=headers):
            assert wants_fragment() is expected, headers


def test_health(app):
    assert app.test_client().get("/health").get_json() == {"status": "ok"}


def test_create_app_accepts_overrides(tmp_path):
    app = create_app({"SECRET_KEY": "a"}, INSTANCE_PATH=str(tmp_path), TESTING=True)
    assert app.config["SECRET_KEY"] == "a" and app.testing


def test_sqlite_overwrites_what_is_deleted(tmp_path):
    """secure_delete: a deleted answer is zeroed in the file, not left readable in SQLite's free pages.

    Debian builds SQLite with secure_delete on by default, other builds (Python's own for Windows and
    macOS, for one) do not: a listener that runs before ours turns it off, as such a build would.
    """
    from sqlalchemy import event, text
    from sqlalchemy.pool import Pool

    def like_a_build_without_it(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA secure_delete=OFF")

    event.listen(Pool, "connect", like_a_build_without_it)
    try:
        app = create_app({"SECRET_KEY": "a"}, INSTANCE_PATH=str(tmp_path),
                         SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.db'}")
        with app.app_context():
            with db.engine.connect() as connection:
                assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1
            db.engine.dispose()
    finally:
        event.remove(Pool, "connect", like_a_build_without_it)
