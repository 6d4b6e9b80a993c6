"""Real servers the message tests talk to: an SMTP server (aiosmtpd) and a stand-in for GOV.UK Notify."""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """An SMTP server on 127.0.0.1 that keeps what it accepts.

    ``answers``: replies to give to DATA before accepting, in order ("451 ..." to refuse for now,
    "550 ..." to refuse for good); once used up, it accepts. ``stall_first_recipient``: the first
    transaction waits at RCPT TO until ``release`` is set (``stalled`` is set when it gets there),
    so a test can kill the sender in the middle of sending.
    """

    def __init__(self, answers=(), stall_first_recipient: bool = False):
        self.answers = list(answers)
        self.accepted: list = []
        self.stall = stall_first_recipient
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stall:
            self.stall = False
            self.stalled.set()
            while not self.release.is_set():
                await _sleep(0.05)
            return "451 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.answers:
            return self.answers.pop(0)
        self.accepted.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.controller.stop()


async def _sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


# A Notify API key is "<name>-<service id>-<secret>"; the client signs a JWT with the secret.
SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"consult_test-{SERVICE_ID}-{SECRET}"

# What each endpoint must be sent, as Notify's API documentation says.
REQUIRED = {
    "/v2/notifications/email": {"email_address", "template_id"},
    "/v2/notifications/sms": {"phone_number", "template_id"},
    "/v2/notifications/letter": {"reference", "content"},
}


class NotifyServer:
    """Answers like GOV.UK Notify's API, after checking each request: the path, the JWT (issuer is the
    service id, signed with the key's secret, issued just now) and the fields the endpoint requires.

    ``answers``: (status, body) to give instead of success, in order; then 201 with an id.
    """

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.received: list[tuple[str, dict]] = []
        self.problems: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                problem = outer.check(self.path, self.headers.get("Authorization", ""), body)
                if problem:
                    outer.problems.append(problem)
                    return self.reply(400, {"status_code": 400, "errors": [{"error": "BadRequestError",
                                                                            "message": problem}]})
                if outer.answers:
                    status, answer = outer.answers.pop(0)
                    return self.reply(status, answer)
                outer.received.append((self.path, body))
                self.reply(201, {"id": f"notify-{len(outer.received)}", "reference": body.get("reference")})

            def reply(self, status, answer):
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def check(self, path: str, authorization: str, body: dict) -> str | None:
        if path not in REQUIRED:
            return f"no such endpoint {path}"
        if not authorization.startswith("Bearer "):
            return "no bearer token"
        try:
            claims = jwt.decode(authorization[7:], SECRET, algorithms=["HS256"])
        except jwt.PyJWTError as error:
            return f"bad token: {error}"
        if claims.get("iss") != SERVICE_ID or abs(time.time() - claims.get("iat", 0)) > 30:
            return "token has the wrong issuer or time"
        missing = REQUIRED[path] - body.keys()
        if missing:
            return f"missing {sorted(missing)}"
        if path.endswith("/letter"):
            pdf = base64.b64decode(body["content"])
            if not pdf.startswith(b"%PDF"):
                return "letter content is not a PDF"
        return None

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
