"""PDF bytes kept in the instance folder until what they show changes.

A PDF takes WeasyPrint about a second; the HTML it is made from takes milliseconds. So the key is
a fingerprint of the HTML itself (every text, date, instruction and picture address the PDF shows,
in its language and register) plus what else shapes the result: the stylesheets and fonts, and the
versions of Consult and WeasyPrint. Any edit to a text, an option, a picture, a setting or a
translation changes the HTML, so nothing that reads ``updated_at`` columns can go stale.

Files are named ``<name>-<fingerprint>.pdf``; writing a new one removes the older ones of the same
name. Each app server keeps its own files: nothing here must be shared for the app to be right.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Callable

import weasyprint
from flask import current_app

FOLDER = "pdf-cache"
# Files whose change alters a PDF without changing its HTML (relative to the static folder).
STYLE_FOLDERS = ("css/pdf", "css/shared", "vendor/fonts")


def _folder() -> Path:
    folder = Path(current_app.instance_path) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _app_version() -> str:
    try:
        return metadata.version("consult")
    except metadata.PackageNotFoundError:
        return "unknown"


def _style_stamp() -> str:
    static = Path(current_app.static_folder)
    stamps = []
    for relative in STYLE_FOLDERS:
        for path in sorted((static / relative).glob("*")):
            if path.is_file():
                stat = path.stat()
                stamps.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(stamps)


def fingerprint(source: str) -> str:
    digest = hashlib.sha256()
    for part in (_app_version(), weasyprint.__version__, _style_stamp(), source):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def get_or_render(name: str, source: str, render: Callable[[], bytes]) -> tuple[bytes, str]:
    """The cached bytes for (name, source), or ``render()``'s, stored for next time."""
    stamp = fingerprint(source)
    folder = _folder()
    path = folder / f"{name}-{stamp}.pdf"
    try:
        return path.read_bytes(), stamp
    except FileNotFoundError:
        pass
    pdf = render()
    # Write then rename, so a request running at the same time never reads half a file.
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(pdf)
    os.replace(temporary, path)
    for older in folder.glob(f"{name}-*.pdf"):
        if older != path and _same_name(older, name):
            older.unlink(missing_ok=True)
    return pdf, stamp


def _same_name(path: Path, name: str) -> bool:
    # "questionnaire-1-en-easy" must not match "questionnaire-1-en-easy-extra-...": the rest is the stamp.
    rest = path.stem[len(name) + 1:]
    return len(rest) == 32 and "-" not in rest


def cached_size(name: str) -> int | None:
    """The size of the newest stored PDF with this name, if any (for "PDF, 240 KB" beside a link)."""
    newest = None
    for path in _folder().glob(f"{name}-*.pdf"):
        if not _same_name(path, name):
            continue
        try:
            stat = path.stat()
        except FileNotFoundError:  # replaced by a newer copy while we looked
            continue
        if newest is None or stat.st_mtime_ns > newest.st_mtime_ns:
            newest = stat
    return newest.st_size if newest else None
