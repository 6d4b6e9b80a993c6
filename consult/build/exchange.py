"""Exchanging translations with translators as PO files, written and read by Babel.

Each entry's context (msgctxt) is the text's stable key ("question.12.prompt"), its msgid the
source words and its msgstr the translation. Importing is two steps: read and check (nothing is
saved), then apply the changes the staff member saw.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from consult.build.translation import rows
from consult.translating import gettext as _

PLACEHOLDER = re.compile(r"\{[^{}\s]*\}|%\([^)]+\)[sd]|%[sd]")


def export_po(consultation, language: str, title: str) -> bytes:
    catalog = Catalog(locale=Locale.parse(language), project=f"Consult: {title}")
    for row in rows(consultation, language):
        catalog.add(row.source, string=row.translation, context=row.unit.key,
                    auto_comments=[f"{row.unit.group}: {row.unit.where}"],
                    flags=("fuzzy",) if row.needs_checking else ())
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=False, include_previous=False)
    return out.getvalue()


@dataclass(frozen=True)
class Change:
    key: str
    where: str
    source: str
    old: str
    new: str


@dataclass(frozen=True)
class ImportResult:
    changes: list[Change]
    errors: list[str]
    skipped: list[str]


def read_import(consultation, language: str, data: bytes) -> ImportResult:
    """Check a translated PO file against the consultation. Saves nothing."""
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        return ImportResult([], [_("This file could not be read as a PO translation file (%(problem)s)",
                                   problem=str(error)[:120])], [])
    if catalog.locale is None or catalog.locale.language != language:
        found = catalog.locale.language if catalog.locale else _("no language")
        return ImportResult([], [_("This file is for “%(found)s”, not “%(wanted)s”. Choose the file for the "
                                   "right language", found=found, wanted=language)], [])
    current = {row.unit.key: row for row in rows(consultation, language)}
    changes, errors, skipped = [], [], []
    for message in catalog:
        if not message.id:
            continue  # the header
        key = message.context or ""
        row = current.get(key)
        if row is None:
            errors.append(_("“%(key)s” is not a text in this consultation", key=key or message.id[:40]))
            continue
        new = (message.string or "").strip()
        if not new:
            continue
        if message.fuzzy:
            skipped.append(_("%(where)s: marked as not finished in the file, so left out", where=_where(row)))
            continue
        if message.id != row.source:
            skipped.append(_("%(where)s: the original words changed after this file was made, so left out",
                             where=_where(row)))
            continue
        if sorted(PLACEHOLDER.findall(new)) != sorted(PLACEHOLDER.findall(row.source)):
            errors.append(_("%(where)s: the translation must keep %(marks)s exactly as written",
                            where=_where(row), marks=", ".join(PLACEHOLDER.findall(row.source)) or _("no placeholders")))
            continue
        if new != row.translation or row.needs_checking:
            changes.append(Change(key, _where(row), row.source, row.translation, new))
    return ImportResult(changes, errors, skipped)


def _where(row) -> str:
    return f"{row.unit.group}, {row.unit.where}"
