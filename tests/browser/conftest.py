"""Real-browser fixtures: the app on a live server, Debian's Chromium through Playwright, axe-core.

One server and one browser per session; every test opens fresh browser contexts, so cookies (the
resident's draft, the remembered language) never leak from one test to the next.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from consult import ROOT, create_app
from consult.extensions import db
from tests.browser.support import BrowserSession
from tests.template_code import TEMPLATE_CODE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="live-server", daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()


def _compile_translations() -> None:
    """Build each messages.mo that is missing or older than its .po (they are git-ignored build output),
    so the Welsh pages really are in Welsh."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in sorted(Path(ROOT, "translations").glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po:
            catalog = read_po(po)
        # Write beside the target and rename, so nothing ever reads half a file.
        handle, temporary = tempfile.mkstemp(dir=mo_path.parent, prefix=".messages-", suffix=".mo")
        try:
            with os.fdopen(handle, "wb") as mo:
                write_mo(mo, catalog)
            os.chmod(temporary, 0o644)
            os.replace(temporary, mo_path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _seed(app) -> None:
    from consult.demo import seed_demo

    with app.app_context():
        seed_demo()  # idempotent: creates the demo consultations only when they are missing
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="session")
def live_server(_schema, tmp_path_factory):
    """The app on 127.0.0.1 and a free port, on the same migrated database as the other tests."""
    _compile_translations()
    app = create_app(
        SQLALCHEMY_DATABASE_URI=_schema,
        SECRET_KEY="browser-tests",
        INSTANCE_PATH=str(tmp_path_factory.mktemp("browser-instance")),
        # argon2id at its smallest cost, as in tests/conftest.py: each sign-in would take 0.4 s otherwise.
        PASSWORD_HASH_CHEAP=True,
    )
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
    _seed(app)
    # One line per request is noise in a failing test's output; errors are still logged.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _demo_data(live_server):
    """Other tests empty every table between tests, so put the demo back before each browser test."""
    _seed(live_server.app)
    # Rate limits count per address and every request here comes from 127.0.0.1: start each test
    # with fresh counters so one test's sign-in attempts cannot block the next.
    from consult.extensions import limiter

    with live_server.app.app_context():
        limiter.reset()


@pytest.fixture(scope="session", autouse=True)
def _shots_root(tmp_path_factory):
    """Each run's (and each pytest-xdist worker's) own screenshot folder: see support.shots_folder."""
    from tests.browser import support

    chosen = os.environ.get("CONSULT_SHOTS")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if chosen:
        support.SHOTS_ROOT = Path(chosen, worker) if worker else Path(chosen)
    else:
        support.SHOTS_ROOT = tmp_path_factory.getbasetemp() / "shots"
    yield
    support.SHOTS_ROOT = None


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def browser_session(chromium, live_server):
    """Opens pages in fresh contexts and fails the test on console errors or uncaught exceptions."""
    session = BrowserSession(chromium, live_server.base_url)
    yield session
    try:
        session.assert_clean()
    finally:
        session.close()


@pytest.fixture
def staff_accounts(live_server):
    """An admin, an editor, an analyst and one more person (support.STAFF), made when missing."""
    from tests.browser.support import ensure_staff

    return ensure_staff(live_server.app)
