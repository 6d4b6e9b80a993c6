"""A webhook receiver on 127.0.0.1 that does what docs/webhooks.md asks of one: check the signature and
its time, drop ids it has seen, answer 2xx only once it has kept the event."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from consult.webhooks import signing


class Receiver:
    """``fail_first``: how many requests to answer 500 before accepting (a receiver that is down)."""

    def __init__(self, secret: str = "", fail_first: int = 0):
        self.secret = secret
        self.fail_first = fail_first
        self.requests: list[dict] = []  # every request, as received
        self.kept: dict[str, dict] = {}  # events accepted, by delivery id (repeats dropped)
        self.repeats = 0
        self.bad_signatures = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver._handle(self, body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def _handle(self, handler, body: bytes) -> None:
        with self.lock:
            header = handler.headers.get(signing.HEADER)
            self.requests.append({"path": handler.path, "host": handler.headers.get("Host"), "header": header, "body": body,
                                  "content_type": handler.headers.get("Content-Type")})
            if not signing.verify(self.secret, header, body):
                self.bad_signatures += 1
                status = 401
            elif self.fail_first > 0:
                self.fail_first -= 1
                status = 500
            else:
                event = json.loads(body)
                if event["id"] in self.kept:
                    self.repeats += 1
                else:
                    self.kept[event["id"]] = event
                status = 204
        handler.send_response(status)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
