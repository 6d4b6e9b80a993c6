"""Codes people read aloud or type: no 0/O, no 1/I/L, no U/V, grouped in threes."""

from __future__ import annotations

import secrets

READABLE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"


def readable_code(groups: int = 3, size: int = 3) -> str:
    return "-".join(
        "".join(secrets.choice(READABLE_ALPHABET) for _ in range(size)) for _ in range(groups)
    )


def normalise_code(typed: str) -> str:
    """Accept what people type: lower case, spaces, other dashes or none."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    return "-".join(cleaned[i:i + 3] for i in range(0, len(cleaned), 3))


def new_token() -> str:
    return secrets.token_urlsafe(32)
