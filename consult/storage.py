"""Where files live: uploaded pictures and stored PDFs, in a folder, the database or an S3 bucket.

``files(area)`` gives the store for one area of this app ("pictures", "pdf-cache"). Every store
has the same five operations, on flat names (letters, digits, ``_ - .``; no folders)::

    store.read(name) -> bytes | None      store.write(name, data)      store.delete(name)
    store.exists(name) -> bool            store.list(prefix) -> [FileInfo(name, size, modified)]

Backends (``FILE_STORAGE``, see consult/config.py and the README's configuration section):

- ``local`` (default): one folder per area: pictures in ``UPLOAD_FOLDER``, the rest under the
  instance folder. Right for one server; a second server would not see the first one's files.
- ``database``: the ``stored_file`` table, so servers that share the database share the files.
  A write joins the current session's transaction: it is saved when the caller commits (as every
  service leaves committing to its caller), and lost with everything else if the request fails.
- ``s3``: an S3-compatible bucket through boto3 (``S3_BUCKET``, optional ``S3_ENDPOINT_URL`` for
  MinIO and the like, ``S3_REGION``, ``S3_PREFIX``), written at once.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path

from flask import Flask, current_app

PICTURES = "pictures"
PDF_CACHE = "pdf-cache"
# For the local backend: each area's folder under the instance folder (pictures: UPLOAD_FOLDER).
_LOCAL_FOLDERS = {PDF_CACHE: "pdf-cache"}
_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$")


@dataclass(frozen=True)
class FileInfo:
    name: str
    size: int
    modified: float  # seconds since the epoch


def check_name(name: str) -> str:
    """Names are flat and plain, so no backend can be led outside its area ("../", "/etc")."""
    if not _NAME.match(name) or ".." in name:
        raise ValueError(f"not a storable file name: {name!r}")
    return name


class LocalStore:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def _path(self, name: str) -> Path:
        return self.folder / check_name(name)

    def read(self, name: str) -> bytes | None:
        try:
            return self._path(name).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def write(self, name: str, data: bytes) -> None:
        path = self._path(name)
        self.folder.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader at the same moment never gets half a file.
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self._path(name).is_file()

    def list(self, prefix: str = "") -> list[FileInfo]:
        found = []
        if not self.folder.is_dir():
            return found
        for path in self.folder.glob(f"{glob_escape(prefix)}*"):
            if path.name.startswith("."):
                continue  # a write in progress
            try:
                stat = path.stat()
            except FileNotFoundError:  # replaced while we looked
                continue
            found.append(FileInfo(path.name, stat.st_size, stat.st_mtime))
        return found


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


class DatabaseStore:
    def __init__(self, area: str):
        self.area = area

    def _row(self, name: str):
        from consult.extensions import db
        from consult.models.stored_file import StoredFile

        return db.session.get(StoredFile, (self.area, check_name(name)))

    def read(self, name: str) -> bytes | None:
        row = self._row(name)
        return None if row is None else bytes(row.data)

    def write(self, name: str, data: bytes) -> None:
        from consult.extensions import db
        from consult.models._time import utcnow
        from consult.models.stored_file import StoredFile

        row = self._row(name)
        if row is None:
            db.session.add(StoredFile(area=self.area, name=name, data=data, size=len(data), modified_at=utcnow()))
        else:
            row.data, row.size, row.modified_at = data, len(data), utcnow()
        db.session.flush()

    def delete(self, name: str) -> None:
        from sqlalchemy import delete

        from consult.extensions import db
        from consult.models.stored_file import StoredFile

        db.session.execute(delete(StoredFile).where(StoredFile.area == self.area,
                                                    StoredFile.name == check_name(name)))

    def exists(self, name: str) -> bool:
        from sqlalchemy import select

        from consult.extensions import db
        from consult.models.stored_file import StoredFile

        return db.session.scalar(select(StoredFile.name).where(
            StoredFile.area == self.area, StoredFile.name == check_name(name))) is not None

    def list(self, prefix: str = "") -> list[FileInfo]:
        from sqlalchemy import select

        from consult.extensions import db
        from consult.models.stored_file import StoredFile

        # Compared in Python rather than with LIKE, whose "_" would match any character.
        rows = db.session.execute(select(StoredFile.name, StoredFile.size, StoredFile.modified_at).where(
            StoredFile.area == self.area, StoredFile.name >= prefix)).all()
        return [FileInfo(name, size, modified.replace(tzinfo=timezone.utc).timestamp())
                for name, size, modified in rows if name.startswith(prefix)]


class S3Store:
    def __init__(self, client, bucket: str, prefix: str):
        self.client, self.bucket, self.prefix = client, bucket, prefix

    def _key(self, name: str) -> str:
        return self.prefix + check_name(name)

    def read(self, name: str) -> bytes | None:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(name))["Body"].read()
        except self.client.exceptions.NoSuchKey:
            return None

    def write(self, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._key(name), Body=data)

    def delete(self, name: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(name))

    def exists(self, name: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(name))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def list(self, prefix: str = "") -> list[FileInfo]:
        found = []
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix + prefix)
        for page in pages:
            for item in page.get("Contents", []):
                found.append(FileInfo(item["Key"][len(self.prefix):], item["Size"], item["LastModified"].timestamp()))
        return found


def s3_client(app: Flask):
    """One boto3 client per app (clients are thread-safe; making one costs tens of milliseconds)."""
    client = app.extensions.get("consult_s3")
    if client is None:
        import boto3

        client = boto3.client("s3", endpoint_url=app.config.get("S3_ENDPOINT_URL"),
                              region_name=app.config.get("S3_REGION"))
        app.extensions["consult_s3"] = client
    return client


def files(area: str, app: Flask | None = None):
    """The store for one area of this app's files."""
    app = app or current_app._get_current_object()
    backend = app.config.get("FILE_STORAGE", "local")
    if backend == "database":
        return DatabaseStore(area)
    if backend == "s3":
        return S3Store(s3_client(app), app.config["S3_BUCKET"], f"{app.config.get('S3_PREFIX', '')}{area}/")
    if area == PICTURES:
        return LocalStore(app.config["UPLOAD_FOLDER"])
    return LocalStore(Path(app.instance_path) / _LOCAL_FOLDERS.get(area, area))
