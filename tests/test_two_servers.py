"""Two gunicorn servers that share nothing but the database (and Redis): a picture uploaded to one is served
by the other, with FILE_STORAGE=database. Each server has its own instance folder, as on two machines.

It runs against the test database (PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file both
servers open) and takes a few seconds, most of it the servers starting side by side.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

from consult.auth.services import create_staff
from consult.extensions import db
from consult.models import Consultation, Option

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/15"
PASSWORD = "two servers, one database"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


class Server:
    def __init__(self, database_url: str, instance: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = instance.parent / f"gunicorn-{self.port}.log"
        env = dict(os.environ, DATABASE_URL=database_url, CONSULT_INSTANCE=str(instance), FILE_STORAGE="database",
                   SECRET_KEY="two-servers", PYTHONUNBUFFERED="1")
        env.pop("UPLOAD_FOLDER", None)
        if _redis_running():
            env["REDIS_URL"] = REDIS_URL  # shared rate limits and jobs, as in production
        else:
            env.pop("REDIS_URL", None)
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "consult:create_app()", "--workers", "1",
                 "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
                cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_up(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(errors="replace")[-2000:]
            try:
                if requests.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise AssertionError("gunicorn did not start:\n" + self.log.read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=8)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)  # the group this test started, by its id
                self.process.wait(timeout=5)


@pytest.fixture
def two_servers(app, demo, tmp_path):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        create_staff("two@example.org", PASSWORD, "editor")
        db.session.commit()
    servers = [Server(url, tmp_path / name) for name in ("server-a", "server-b")]
    try:
        deadline = time.monotonic() + 30
        for server in servers:
            server.wait_until_up(deadline)
        yield servers
    finally:
        for server in servers:
            server.stop()


def _hidden_fields(form) -> dict:
    return {field["name"]: field.get("value", "") for field in form.find_all("input", attrs={"type": "hidden"})}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "purple").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_picture_uploaded_to_one_server_is_served_by_the_other(app, demo, two_servers, tmp_path):
    first, second = two_servers
    with app.app_context():
        question = next(q for q in db.session.get(Consultation, demo["id"]).questions if q.kind == "single_choice")
        question_id, option_id = question.id, question.options[0].id

    editor = requests.Session()
    page = BeautifulSoup(editor.get(first.url + "/staff/sign-in", timeout=10).text, "html.parser")
    signed_in = editor.post(first.url + "/staff/sign-in", timeout=10, data={
        **_hidden_fields(page.find("form", method="post")), "email": "two@example.org", "password": PASSWORD})
    assert signed_in.url.endswith("/staff/"), signed_in.text[:300]

    picture_page = f"{first.url}/staff/consultations/{demo['id']}/questions/{question_id}/picture?option={option_id}"
    page = BeautifulSoup(editor.get(picture_page, timeout=10).text, "html.parser")
    form = next(f for f in page.find_all("form") if f.get("action", "").endswith("/picture/upload"))
    uploaded = editor.post(first.url + form["action"], timeout=10,
                           data={**_hidden_fields(form), "upload-alt": "A purple square"},
                           files={"upload-picture": ("square.png", _png(), "image/png")})
    assert uploaded.status_code == 200 and uploaded.history, uploaded.text[:300]  # saved, and sent on
    with app.app_context():
        picture = db.session.get(Option, option_id).picture
        assert picture is not None and picture.kind == "upload"
        ref = picture.ref

    served = requests.get(f"{second.url}/pictures/{ref}", timeout=10)
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(served.content)).size == (64, 48)
    # Neither server kept a copy in its own folder: the database is the only place it lives.
    for name in ("server-a", "server-b"):
        assert not list((tmp_path / name).rglob(ref))
