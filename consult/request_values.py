"""Odd values in requests stop here, before they reach the database and become a server error.

PostgreSQL's ``integer`` stops at 2,147,483,647 and its text refuses NUL characters; SQLite refuses
integers beyond 64 bits. ``str.isdigit()`` is no guard: it accepts "²", which ``int()`` refuses, and
"٣", which ``int()`` reads as 3. So every id or page number read from a request goes through
``positive_int``, every ``<int:...>`` in a route is an ``IdConverter``, and ``refuse_nul_bytes``
turns away a request carrying a NUL anywhere in its address or form.
"""

from __future__ import annotations

import re

from flask import request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

# The largest value of the integer columns our ids and positions live in (PostgreSQL's integer).
MAX_ID = 2_147_483_647

_ASCII_NUMBER = re.compile(r"[0-9]{1,10}")


def positive_int(raw: object, maximum: int = MAX_ID) -> int | None:
    """The whole number from 1 to ``maximum`` written in ``raw`` (ASCII digits only), else None."""
    if not isinstance(raw, str) or not _ASCII_NUMBER.fullmatch(raw):
        return None
    number = int(raw)
    return number if 1 <= number <= maximum else None


class IdConverter(IntegerConverter):
    """``<int:...>`` for every route: ASCII digits, no bigger than the database's integer columns.

    A number out of range does not match the route, so it is a 404 like any other unknown id.
    """

    regex = r"[0-9]{1,10}"

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class NulCharacter(BadRequest):
    """A NUL character in the address or a form: a 400 (a resident's answer gets its question back)."""


def _has_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values.getlist(key)) for key in values)


def refuse_nul_bytes() -> None:
    """Before every request: a NUL character in the address, the query or a form field never reaches a view.

    Checked here, once, rather than in each form: no view can forget it, and files (pictures) are not
    form fields, so their bytes are not checked.
    """
    if "\x00" in request.path or _has_nul(request.args) or _has_nul(request.form):
        raise NulCharacter()
