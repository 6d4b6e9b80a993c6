"""PDF bytes kept in the file store until what they show changes.

A PDF takes WeasyPrint about a second; the HTML it is made from takes milliseconds. So the key is
a fingerprint of the HTML itself (every text, date, instruction and picture address the PDF shows,
in its language and register) plus what else shapes the result: the stylesheets and fonts, and the
versions of Consult and WeasyPrint. Any edit to a text, an option, a picture, a setting or a
translation changes the HTML, so nothing that reads ``updated_at`` columns can go stale.

Files are named ``<name>-<fingerprint>.pdf``; writing a new one removes the older ones of the same
name. They live in the file store's "pdf-cache" area (consult/storage.py): a folder under the
instance folder by default, or the database or S3, so that servers behind a load balancer share
them. A render that failed leaves ``<name>-<fingerprint>.failed`` (the reason, for the log), so the
page waiting for it can stop waiting.

PDFs are rendered in the background (consult/printing/rendering.py); ``get_or_render`` is the same
thing done at once, for jobs and for code that needs the bytes now.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

import weasyprint
from flask import current_app

from consult.storage import PDF_CACHE, files

# Files whose change alters a PDF without changing its HTML (relative to the static folder).
STYLE_FOLDERS = ("css/pdf", "css/shared", "vendor/fonts")


def _store():
    return files(PDF_CACHE)


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
                stamps.append(f"{path.name}:{_content_hash(str(path), stat.st_size, stat.st_mtime_ns)}")
    return "|".join(stamps)


@lru_cache(maxsize=256)
def _content_hash(path: str, _size: int, _mtime_ns: int) -> str:
    # By content, not modification time: servers deployed apart have the same files with different
    # times, and must agree on a fingerprint to share stored PDFs. Read again only when the file changes.
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def fingerprint(source: str) -> str:
    digest = hashlib.sha256()
    for part in (_app_version(), weasyprint.__version__, _style_stamp(), source):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _file(name: str, stamp: str, suffix: str = "pdf") -> str:
    return f"{name}-{stamp}.{suffix}"


def stored_pdf(name: str, stamp: str) -> bytes | None:
    """The stored PDF for this name and fingerprint, if it has been made."""
    return _store().read(_file(name, stamp))


def failure(name: str, stamp: str) -> str | None:
    """Why the last render of this name and fingerprint failed, if it did."""
    data = _store().read(_file(name, stamp, "failed"))
    return None if data is None else data.decode("utf-8", "replace")


def store_pdf(name: str, stamp: str, pdf: bytes) -> None:
    """Keep a rendered PDF and remove older copies of the same name (and failure notes).

    With database storage the change joins the session: the caller commits.
    """
    store = _store()
    store.write(_file(name, stamp), pdf)
    for older in store.list(f"{name}-"):
        if older.name != _file(name, stamp) and _same_name(older.name, name):
            store.delete(older.name)


def store_failure(name: str, stamp: str, reason: str) -> None:
    _store().write(_file(name, stamp, "failed"), reason.encode("utf-8"))


def clear_failure(name: str, stamp: str) -> None:
    _store().delete(_file(name, stamp, "failed"))


def get_or_render(name: str, source: str, render: Callable[[], bytes]) -> tuple[bytes, str]:
    """The cached bytes for (name, source), or ``render()``'s, stored for next time."""
    stamp = fingerprint(source)
    pdf = stored_pdf(name, stamp)
    if pdf is None:
        pdf = render()
        store_pdf(name, stamp, pdf)
    return pdf, stamp


def _same_name(file_name: str, name: str) -> bool:
    # "questionnaire-1-en-easy" must not match "questionnaire-1-en-easy-extra-...": the rest is the stamp.
    stem, _dot, suffix = file_name.rpartition(".")
    rest = stem[len(name) + 1:]
    return suffix in ("pdf", "failed") and len(rest) == 32 and "-" not in rest


def cached_size(name: str) -> int | None:
    """The size of the newest stored PDF with this name, if any (for "PDF, 240 KB" beside a link)."""
    newest = None
    for found in _store().list(f"{name}-"):
        if not found.name.endswith(".pdf") or not _same_name(found.name, name):
            continue
        if newest is None or found.modified > newest.modified:
            newest = found
    return newest.size if newest else None
