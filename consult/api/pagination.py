"""Cursor pagination: each page ends with an opaque ``next`` cursor naming the last row sent.

A cursor is the last row's place (its id; a question's number), signed with the app's key so a client cannot hand-craft one (and so a
malformed one is a clear 400, not a database error). Responses are read in id order, so a page
never repeats or skips one even while new responses arrive.
"""

from __future__ import annotations

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

from consult.api.errors import ApiError

DEFAULT_LIMIT = 50
MOST = 200


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="api-cursor")


def make_cursor(kind: str, last_id: int) -> str:
    return _signer().dumps([kind, last_id])


def read_page(kind: str) -> tuple[int, int]:
    """(the id to start after, how many rows) from ``?cursor=`` and ``?limit=``."""
    raw_limit = request.args.get("limit", "")
    if raw_limit:
        if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MOST:
            raise ApiError(400, f"limit must be a whole number from 1 to {MOST}", "bad_limit")
        limit = int(raw_limit)
    else:
        limit = DEFAULT_LIMIT
    cursor = request.args.get("cursor", "")
    if not cursor:
        return 0, limit
    try:
        found_kind, after = _signer().loads(cursor)
    except (BadSignature, ValueError, TypeError):
        raise ApiError(400, "cursor is not one this API gave out", "bad_cursor") from None
    if found_kind != kind or not isinstance(after, int):
        raise ApiError(400, "cursor belongs to a different list", "bad_cursor")
    return after, limit


def page_of(kind: str, rows: list, limit: int, key=lambda row: row.id) -> tuple[list, str | None]:
    """The rows to send (the query asked for one more than ``limit``) and the next cursor, if any.
    ``key``: a row's place in the list's order (its id, or a question's number)."""
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (make_cursor(kind, key(rows[-1])) if more and rows else None)
