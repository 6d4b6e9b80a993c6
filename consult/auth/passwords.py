"""argon2id password hashing."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

# The shortest password we accept (NCSC and NIST: length matters more than character rules), and a
# longest one so nobody can make the server hash megabytes. Paste is always allowed.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200


@cache
def _hasher_for(cheap: bool) -> tuple[PasswordHasher, str]:
    """The hasher, and a hash to verify against when the email is unknown (so both failures take as long).

    Production uses argon2id with the library's recommended parameters. The test suite sets
    PASSWORD_HASH_CHEAP, which keeps argon2id but with the smallest cost, so hundreds of sign-ins
    stay fast; the code path is the same.
    """
    hasher = PasswordHasher.from_parameters(profiles.CHEAPEST) if cheap else PasswordHasher()
    return hasher, hasher.hash("not a real password")


def _hasher() -> tuple[PasswordHasher, str]:
    cheap = has_app_context() and bool(current_app.config.get("PASSWORD_HASH_CHEAP"))
    return _hasher_for(cheap)


def hash_password(password: str) -> str:
    return _hasher()[0].hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    hasher, dummy = _hasher()
    try:
        return hasher.verify(password_hash or dummy, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
