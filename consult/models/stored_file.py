"""Files kept in the database (consult/storage.py's ``database`` backend), so every server sees them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models._time import utcnow


class StoredFile(db.Model):
    """One file: an uploaded picture or a stored PDF, by area ("pictures", "pdf-cache") and name.

    Only used with FILE_STORAGE=database; the embedded default keeps files in folders instead.
    """

    __tablename__ = "stored_file"

    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # Kept beside the bytes so listing a folder's sizes does not read every file.
    size: Mapped[int] = mapped_column(Integer)
    modified_at: Mapped[datetime] = mapped_column(default=utcnow)
