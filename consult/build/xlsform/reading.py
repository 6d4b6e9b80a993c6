"""Reading an XLSForm workbook with pyxform, and refusing a file Consult cannot build from at all.

pyxform reads the sheets and turns them into a tree of elements (``children``, each with its
``type``, ``label``, ``bind`` and ``choices``); nothing here parses a spreadsheet by hand. Its tree
has no row numbers, so they come from the rows pyxform's own reader kept (empty rows included, so
the numbers match the sheet).
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import defaultdict, deque
from dataclasses import dataclass, field

from babel import Locale
from pyxform.errors import PyXFormError
from pyxform.parsing.sheet_headers import clean_text_values
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from consult.translating import gettext as _

log = logging.getLogger(__name__)

# What the upload page accepts: a large real form (hundreds of rows, several languages) is ~100 KB.
MAX_BYTES = 1024 * 1024
# An .xlsx is a zip: one that unpacks to far more than any form needs is refused before it is read.
_MAX_UNPACKED = 40 * 1024 * 1024
MAX_ROWS = 2000
_DUPLICATE = re.compile(r"^Duplicate column header: (?P<heading>.*)$")
_LANGUAGE_CODE = re.compile(r"\(\s*(?P<code>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*\)\s*$")


class XLSFormError(ValueError):
    """A file Consult cannot build anything from; the message, in the interface language, says why."""


@dataclass
class Form:
    """An XLSForm as pyxform read it, and where each of its elements is on the survey sheet."""

    title: str | None
    form_id: str | None
    # pyxform's name for the language of unlabelled columns ("English (en)"), from the settings sheet.
    default_language: str | None
    elements: list[dict]
    # The (list name, choice name) pairs written on the choices sheet. pyxform adds an "Other" choice
    # to a list used with or_other, for every question sharing the list; this tells which were added.
    sheet_choices: set[tuple[str, str]]
    # Every list on the choices sheet as pyxform read it ({list name: its choices}), the lists no
    # question uses too (the headings of an answer list's groups, ``<list>_groups``).
    lists: dict[str, list[dict]] = field(default_factory=dict)
    _places: dict[int, tuple[int, str]] = field(default_factory=dict)
    # pyxform turns ’ and “ ” into ' and " in every cell it reads (and may squeeze spaces): the words
    # as they were written on the sheet, by what pyxform made of them, to give people their own back.
    _written: dict[str, str] = field(default_factory=dict)

    def as_written(self, words: str) -> str:
        """``words`` as pyxform gave them, back as the sheet has them (Welsh uses ’ in chi’n)."""
        return self._written.get(words, words)

    def row(self, element: dict) -> int | None:
        """The element's row number on the survey sheet; None for one pyxform made up itself."""
        place = self._places.get(id(element))
        return place[0] if place else None

    def written_type(self, element: dict) -> str:
        """The type as written on the sheet ("select_one yn or_other")."""
        place = self._places.get(id(element))
        return place[1] if place else str(element.get("type", ""))


def read_form(data: bytes) -> Form:
    """Read an .xlsx XLSForm. Raises XLSFormError for a file that is not one."""
    _check_package(data)
    try:
        workbook = get_xlsform(io.BytesIO(data), file_type=".xlsx")
    except PyXFormError as error:
        duplicate = _DUPLICATE.match(str(error))
        if duplicate:
            raise XLSFormError(_("Two columns have the same heading, “%(heading)s”. Give each column its own "
                                 "heading", heading=duplicate["heading"][:80])) from None
        raise XLSFormError(_not_a_workbook()) from None
    except Exception:  # pyxform reads untrusted files; whatever trips it, the person gets a message
        log.warning("pyxform could not read an uploaded workbook", exc_info=True)
        raise XLSFormError(_not_a_workbook()) from None
    if "survey" not in [name.lower() for name in workbook.sheet_names or ()]:
        raise XLSFormError(_("The workbook has no sheet called “survey”. An XLSForm lists its questions "
                             "on a sheet with that name"))
    survey = list(workbook.survey or ())
    if not any(survey):
        raise XLSFormError(_("The survey sheet is empty"))
    if len(survey) > MAX_ROWS:
        raise XLSFormError(_("The survey sheet has more than %(most)s rows", most=MAX_ROWS))
    try:
        tree = workbook_to_json(workbook_dict=workbook, form_name="data", fallback_form_name=None,
                                default_language="default", warnings=[])
    except PyXFormError as error:
        raise XLSFormError(_("This is not a usable XLSForm: %(problem)s", problem=_short(str(error)))) from None
    except Exception:
        log.warning("pyxform could not read an uploaded XLSForm", exc_info=True)
        raise XLSFormError(_("This is not a usable XLSForm: its sheets could not be read")) from None
    elements = [element for element in tree.get("children", []) if not _made_by_pyxform(element)]
    if not elements:
        raise XLSFormError(_("The survey sheet has no questions"))
    settings = (workbook.settings or [{}])[0] if workbook.settings else {}
    form = Form(
        title=(settings.get("form_title") or "").strip() or None,
        form_id=(settings.get("form_id") or "").strip() or None,
        default_language=(settings.get("default_language") or "").strip() or None,
        elements=elements,
        sheet_choices={(row.get("list_name") or row.get("list name"), row.get("name"))
                       for row in workbook.choices or () if row},
        lists={str(name): list(found or ()) for name, found in (tree.get("choices") or {}).items()},
    )
    _place_elements(form, survey)
    _remember_written(form, [*survey, *(workbook.choices or ())])
    return form


def _remember_written(form: Form, rows: list[dict]) -> None:
    for row in rows:
        for value in (row or {}).values():
            if not isinstance(value, str):
                continue
            for cleaned in (clean_text_values(value), clean_text_values(value, strip_whitespace=True)):
                if cleaned != value:
                    form._written.setdefault(cleaned, value)


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise XLSFormError(_not_a_workbook()) from None
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise XLSFormError(_not_a_workbook())
    if sum(entry.file_size for entry in entries) > _MAX_UNPACKED:
        raise XLSFormError(_("This workbook is too big to be a form. Check it is the right file"))


def _not_a_workbook() -> str:
    return _("This file is not an Excel workbook (.xlsx). Save the form as .xlsx and try again")


def _short(problem: str) -> str:
    problem = " ".join(problem.split())
    return problem if len(problem) <= 300 else problem[:299] + "…"


def _made_by_pyxform(element: dict) -> bool:
    """The "meta" group pyxform adds for the form's instance id."""
    return element.get("name") == "meta" and (element.get("control") or {}).get("bodyless")


def _place_elements(form: Form, survey: list[dict]) -> None:
    """Pair each element with its row: names in sheet order, matched in the tree's order."""
    waiting: dict[str, deque] = defaultdict(deque)
    for index, row in enumerate(survey):
        if row.get("name"):
            # Row 1 holds the headings, so the first data row is row 2.
            waiting[str(row["name"])].append((index + 2, str(row.get("type", ""))))

    def visit(elements):
        for element in elements:
            queue = waiting.get(str(element.get("name")))
            if queue:
                form._places[id(element)] = queue.popleft()
            visit(element.get("children") or [])

    visit(form.elements)


def language_code(label: str, known) -> str | None:
    """The language code in a column heading's language ("Welsh (cy)" -> "cy", or "Welsh" by name)."""
    match = _LANGUAGE_CODE.search(label)
    if match:
        return match["code"].lower()
    wanted = label.strip().lower()
    for code in known:
        locale = Locale.parse(code)
        if wanted in {(locale.english_name or "").lower(), (locale.display_name or "").lower()}:
            return code
    return None
