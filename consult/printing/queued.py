"""PDFs being made, as every web worker sees them.

A request for a PDF that is not stored builds the document's HTML (its fingerprint is the stored
PDF's key) and queues the render. While that render is under way, later requests only need to know
that it is. Remembered in each web worker alone, every worker built the HTML of every new PDF once
more, and queued its own render of it: that was most of what a burst of PDF requests cost the
question pages answered beside them (``make bench``). So the name and fingerprint of a queued PDF
are noted where every worker sees them: in Redis when jobs go through Redis (every server), else in
a small file in the instance folder (every worker of this server).

A note is trusted for ``QUEUED_SECONDS`` at most, so a render that died does not hold its PDF back.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from flask import current_app

from consult import jobs
from consult.storage import check_name

# Longer than any render should take; a note older than this is ignored.
QUEUED_SECONDS = 120
FOLDER = "pdf-queued"


def note(name: str, stamp: str) -> None:
    """Say that the PDF ``name`` with this fingerprint is being made."""
    if _redis() is not None:
        _redis().set(_redis_key(name), stamp, ex=QUEUED_SECONDS)
        return
    path = _path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed into place, so another worker never reads half a note.
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    partial.write_text(f"{stamp} {time.time() + QUEUED_SECONDS:.0f}", encoding="ascii")
    os.replace(partial, path)


def noted(name: str) -> str | None:
    """The fingerprint of the PDF ``name`` being made, if a worker noted one that is still fresh."""
    if _redis() is not None:
        found = _redis().get(_redis_key(name))
        return None if found is None else found.decode("ascii")
    try:
        stamp, _space, until = _path(name).read_text(encoding="ascii").partition(" ")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    try:
        fresh = float(until) > time.time()
    except ValueError:
        fresh = False
    return stamp if fresh and stamp else None


def clear(name: str) -> None:
    if _redis() is not None:
        _redis().delete(_redis_key(name))
        return
    _path(name).unlink(missing_ok=True)


def _redis():
    app = current_app._get_current_object()
    return jobs.redis_connection(app) if jobs.backend_of(app) == "rq" else None


def _redis_key(name: str) -> str:
    return jobs.redis_key(current_app._get_current_object(), "pdf-queued", name)


def _path(name: str) -> Path:
    return Path(current_app.instance_path) / FOLDER / f"{check_name(name)}.queued"
