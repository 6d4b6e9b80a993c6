"""Engine settings that make SQLite safe for many people answering at once.

Measured on these machines: with a deferred BEGIN, 16 concurrent read-then-write submitters got
about 30% "database is locked" errors, because SQLite does not wait (busy_timeout) when a read lock
must be upgraded to a write lock. Starting writing transactions with BEGIN IMMEDIATE takes the write
lock up front, so writers queue instead of failing. Reads (GET requests) keep a deferred BEGIN so
they never wait behind writers in WAL mode.
"""

from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    # Deleted rows (answers, contact details people asked us to forget) are overwritten with zeros, not
    # left readable in the file's free pages. Debian's build does this by default; others do not.
    "PRAGMA secure_delete=ON",
)
_READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}


def _wants_write_lock() -> bool:
    # Outside a request (CLI commands, tests calling services) we assume a write.
    return not has_request_context() or request.method not in _READ_ONLY_METHODS


UNICODE_LOWER = "consult_lower"


def _python_lower(value):
    return value.lower() if isinstance(value, str) else value


def unicode_lower(column, dialect_name: str):
    """``column`` in small letters, the same way on every engine (for case-insensitive searches)."""
    from sqlalchemy import func

    return getattr(func, UNICODE_LOWER)(column) if dialect_name == "sqlite" else func.lower(column)


def configure_sqlite(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event issue BEGIN itself, instead of pysqlite's own.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in _PRAGMAS:
            cursor.execute(pragma)
        cursor.close()
        # SQLite's lower() only knows A to Z, so "ŴYR" would not find "ŵyr"; searches use this instead
        # (PostgreSQL's lower() knows every alphabet). See unicode_lower().
        dbapi_connection.create_function(UNICODE_LOWER, 1, _python_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _wants_write_lock() else "BEGIN")
