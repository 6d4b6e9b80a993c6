"""Signing a webhook body, and checking a signature (the receiver's side, used by our tests and docs).

The header is ``Consult-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">``. The
time is inside what is signed, so a receiver that refuses old times cannot be fed a recorded
delivery again later (docs/webhooks.md).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

HEADER = "Consult-Signature"
# A receiver refuses a signature older (or newer) than this, in seconds.
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def header_value(secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str | None, body: bytes, now: float | None = None,
           tolerance: int = TOLERANCE_SECONDS) -> bool:
    """True when ``header`` signs ``body`` with ``secret`` and its time is recent."""
    parts = dict(part.split("=", 1) for part in (header or "").split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), parts.get("v1", ""))
