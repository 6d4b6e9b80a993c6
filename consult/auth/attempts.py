"""Password attempts counted per account as well as per address; browsers an account has used before.

The policy, for every form that checks a staff password against a typed email (sign-in, ending a
kiosk):

- Per address: the view's ``PASSWORD_LIMIT`` on the client's address (the real one once
  TRUSTED_PROXIES proxies are trusted), so one machine cannot guess quickly at anything.
- Per account: every attempt at an account, from anywhere, also counts against that account, so many
  machines together cannot guess one password quickly either. The key is the email as typed,
  normalised, whether or not there is such an account, so the limit says nothing about which
  addresses have one. An attempt is counted before the password is checked, so requests sent at the
  same moment cannot slip past the count; a right password counts too (one sign-in is one try).
- The real owner of a hammered account: counting per account alone would let a stranger keep them
  out for as long as the stranger kept guessing. So a browser that has signed in to an account
  carries a signed cookie saying so (OWASP's "device cookie"), and its attempts at that account are
  counted on their own, with the same limits: the owner signs in from their usual browser while the
  account is held for everyone else. From a new browser they wait for the count to run out (a
  minute, at most an hour). The cookie opens nothing by itself; a stolen one is one more count of
  its own, and still limited by address.
- Other accounts are never affected: each has its own count.

Counts live in the limiter's store (each worker's memory, or Redis when REDIS_URL is set), keyed by
a keyed hash of the email: no email address is kept in the store or in the cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import parse_many

from consult.auth.services import normalise_email
from consult.extensions import limiter
from consult.translating import ngettext

# A person who mistypes never meets it; a stranger gets at most 50 tries an hour at one account
# (or from one address, in the views' decorator).
PASSWORD_LIMIT = "10 per minute; 50 per hour"
ACCOUNT_LIMITS = parse_many(PASSWORD_LIMIT)
COOKIE = "consult_known_browser"
COOKIE_SECONDS = 365 * 24 * 3600
# Accounts one browser remembers (a shared office computer); the oldest is forgotten first.
MAX_ACCOUNTS = 5
_SALT = "consult.auth.known-browser"


def count_attempt(email: str, kind: str = "password-attempt", limits=ACCOUNT_LIMITS) -> int:
    """Count one password attempt at ``email``: 0 when it may go ahead, else the seconds to wait.

    ``kind`` and ``limits``: another secret checked the same way, on a count of its own (the
    two-step sign-in's codes, consult/auth/two_step.py).
    """
    if not limiter.enabled:
        return 0
    account = _account_tag(email)
    known = _known_browser()
    identifiers = [kind, account]
    if account in known.get("a", []):
        identifiers.append(known["b"])  # this browser's own count for this account
    strategy = limiter.limiter
    waits = []
    for item in limits:
        if not strategy.hit(item, *identifiers):
            waits.append(strategy.get_window_stats(item, *identifiers).reset_time - time.time())
    return max(1, math.ceil(max(waits))) if waits else 0


def held_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext("Too many tries to sign in with this email address. Try again in %(num)d minute.",
                    "Too many tries to sign in with this email address. Try again in %(num)d minutes.",
                    minutes)


def remember_browser(response, email: str) -> None:
    """After a right password: from now on this browser's attempts at this account are its own."""
    known = _known_browser()
    account = _account_tag(email)
    accounts = [tag for tag in known.get("a", []) if tag != account][-(MAX_ACCOUNTS - 1):] + [account]
    value = _serializer().dumps({"b": known.get("b") or secrets.token_urlsafe(16), "a": accounts})
    response.set_cookie(COOKIE, value, max_age=COOKIE_SECONDS, path="/", httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])


def _account_tag(email: str) -> str:
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, normalise_email(email).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _known_browser() -> dict:
    """This browser's signed cookie, {"b": browser id, "a": [account tags]}; {} if none or not ours."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return {}
    try:
        data = _serializer().loads(raw, max_age=COOKIE_SECONDS)
    except BadSignature:  # also an expired one
        return {}
    if isinstance(data, dict) and isinstance(data.get("b"), str) and isinstance(data.get("a"), list):
        return data
    return {}
