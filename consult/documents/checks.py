"""What a document staff upload must be, judged by its bytes (never by its name or declared type).

- PDF: starts with ``%PDF-`` and pikepdf can open it.
- DOCX: a zip whose ``[Content_Types].xml`` names the Word document part.
- ODT: a zip whose first entry, ``mimetype``, says ``application/vnd.oasis.opendocument.text``.

And, for a PDF, what makes it hard to read with a screen reader: no tags (no structure tree, or not
marked as tagged), no title, no language. Those are warnings for staff, never a reason to refuse.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from consult.translating import lazy_gettext as _l

PDF, DOCX, ODT = "pdf", "docx", "odt"
MEDIA_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ODT: "application/vnd.oasis.opendocument.text",
}
MAX_BYTES = 20 * 1024 * 1024
# Word's main part, as [Content_Types].xml names it (a macro-enabled .docm has another type: refused).
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# A zip that opens to more than this is refused before it is read further (a "zip bomb").
_MAX_UNZIPPED = 200 * 1024 * 1024

UNTAGGED, NO_TITLE, NO_LANGUAGE = "untagged", "no-title", "no-language"


class DocumentRejected(ValueError):
    """A translated, plain reason the file cannot be used."""


@dataclass(frozen=True)
class CheckedDocument:
    kind: str
    size: int
    pdf_warnings: tuple[str, ...]


def check_document(data: bytes, max_bytes: int = MAX_BYTES) -> CheckedDocument:
    if not data:
        raise DocumentRejected(_l("Choose a file to upload"))
    if len(data) > max_bytes:
        raise DocumentRejected(_l("The file must be smaller than %(size)s MB", size="%g" % (max_bytes / 1048576)))
    if data.startswith(b"%PDF-"):
        return CheckedDocument(PDF, len(data), pdf_problems(data))
    if data.startswith(b"PK\x03\x04"):
        kind = _office_kind(data)
        if kind:
            return CheckedDocument(kind, len(data), ())
    raise DocumentRejected(_l("The file must be a PDF, a Word document (DOCX) or an OpenDocument text (ODT)"))


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if sum(entry.file_size for entry in entries) > _MAX_UNZIPPED:
                return None
            names = [entry.filename for entry in entries]
            if names and names[0] == "mimetype":
                if archive.read("mimetype").strip() == MEDIA_TYPES[ODT].encode():
                    return ODT
                return None
            if "[Content_Types].xml" in names and _DOCX_MAIN in archive.read("[Content_Types].xml"):
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return None
    return None


def pdf_problems(data: bytes) -> tuple[str, ...]:
    """Raises DocumentRejected if pikepdf cannot open it (broken, or locked with a password)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            root = pdf.Root
            found = []
            mark_info = root.get("/MarkInfo")
            marked = mark_info is not None and bool(mark_info.get("/Marked", False))
            if "/StructTreeRoot" not in root or not marked:
                found.append(UNTAGGED)
            title = pdf.docinfo.get("/Title") if pdf.docinfo is not None else None
            if not str(title or "").strip() and not _xmp_title(pdf):
                found.append(NO_TITLE)
            if not str(root.get("/Lang", "")).strip():
                found.append(NO_LANGUAGE)
            return tuple(found)
    except pikepdf.PasswordError:
        raise DocumentRejected(_l("The PDF is locked with a password. Upload one that anyone can open")) from None
    except (pikepdf.PdfError, ValueError, OSError, RecursionError):
        raise DocumentRejected(_l("The PDF is damaged and cannot be opened. Save it again and upload it")) from None


def _xmp_title(pdf) -> bool:
    try:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            return bool(str(meta.get("dc:title", "") or "").strip())
    except Exception:  # metadata that cannot be read is as good as none; the warning says so
        return False


def warning_messages(codes: str | tuple[str, ...]) -> list[str]:
    """What each code means, in words staff can act on."""
    if isinstance(codes, str):
        codes = tuple(codes.split())
    words = {
        UNTAGGED: _l("not tagged, so screen readers cannot follow its headings, lists and tables. Export it "
                     "again with “Create tagged PDF” (or “Document structure tags”) turned on."),
        NO_TITLE: _l("no title, so screen readers announce the file name instead. Set the title in the "
                     "document’s properties."),
        NO_LANGUAGE: _l("no language set, so screen readers may read it with the wrong voice. Set the "
                        "document’s language and export it again."),
    }
    return [str(words[code]) for code in codes if code in words]
