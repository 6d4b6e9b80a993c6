"""XLSForm out: any consultation as an .xlsx that pyxform, KoboToolbox and ODK read.

The reverse of consult.build.xlsform.building: every text in every offered language as a
``label::Welsh (cy)`` column, choices on their own sheet under each option's code, branching as
``relevant`` (consult.build.xlsform.relevance), a number range as ``. >= 1 and . <= 10``. How a question is written is
its type's to say (``QuestionType.xlsform_type``, ``xlsform_constraint``, ``xlsform_choices``), so a
type added later brings its own. The summary and "Why we are asking" are notes before the first
question, which is where the import looks for them.

Layouts are written the way XLSForm users write them, which is also how the import reads them
(consult.build.xlsform.groups): a section (several questions on one page) is a ``field-list`` group
titled in every language; a grid is a ``table-list`` group, one ``select_one`` per statement on the
scale's one list (``QuestionType.xlsform_rows``). table-list rather than a field-list of selects
because it is ODK's and KoboToolbox's own pattern for "statements on one scale", it tells a grid apart
from a section, and pyxform checks that its rows share the list. An answer that asks for words ("Other,
please specify") is an explicit choice followed by a text row asked only when it is chosen, named
``<question>_<choice>``: unlike ``or_other`` it keeps the answer's own words in every language and
allows several boxes in one question.

A section's own condition ("Only show this page if ...") is its field-list group's ``relevant``, once,
not repeated on each question. Headed groups of answers (the census ethnic-group headings) have no
XLSForm column of their own, so they are written the way extra choice data is: a plain ``group``
column on the choices sheet naming the answer's heading, and the headings as a list of their own,
``<list>_groups``, titled in every language like any choice. pyxform carries both into the form as
data (a translated extra column would stop it converting), and other tools show the answers as before.

Easy-read versions and pictures have no place in an XLSForm and are left out.
"""

from __future__ import annotations

import io
import re

from babel import Locale, UnknownLocaleError
from flask_babel import force_locale
from openpyxl import Workbook

from consult.build.xlsform.relevance import Relevance
from consult.models import Consultation
from consult.models.content import STANDARD
from consult.translating import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")


def language_column(code: str) -> str:
    """How a language is written in a column heading: "Welsh (cy)" (the import reads the code)."""
    try:
        name = Locale.parse(code).english_name or code
    except (ValueError, UnknownLocaleError):
        name = code
    return f"{name} ({code})"


def words_of(block, languages: list[str]) -> dict[str, str]:
    """{language: standard words} of a TextBlock, for the consultation's languages only."""
    if block is None:
        return {}
    return {variant.language: variant.body for variant in block.variants
            if variant.register == STANDARD and variant.language in languages and variant.body}


def choice_name(value: str, taken: set[str]) -> str:
    """An option's code as an XLSForm choice name: no spaces (select_multiple stores them space-separated),
    and unique in its list."""
    name = _NAME_UNSAFE.sub("_", value.strip()) or "choice"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate


class Writer:
    """Lays one consultation out as the rows of an XLSForm's survey, choices and settings sheets."""

    def __init__(self, consultation: Consultation):
        self.consultation = consultation
        self.languages = consultation.offered_languages
        self.survey: list[dict] = []
        self.choices: list[dict] = []
        self.names: dict[int, str] = {}  # question id -> its name on the survey sheet
        self.choice_names: dict[int, str] = {}  # option id -> its choice name
        self.row_names: dict[int, list[str]] = {}  # question id -> its rows' names, for a question written as a table

    def texts(self, column: str, block) -> dict[str, str]:
        return {f"{column}::{language_column(language)}": words
                for language, words in words_of(block, self.languages).items()}

    def build(self) -> None:
        consultation = self.consultation
        for n, block in enumerate((consultation.summary, consultation.purpose), start=1):
            label = self.texts("label", block)
            if label:
                self.survey.append({"type": "note", "name": f"intro_{n}", **label})
        rows = {}
        pages = {}  # the first question of each section -> the section's group row
        section_id, sections = None, 0
        for n, question in enumerate(consultation.questions, start=1):
            if question.section_id != section_id:
                if section_id is not None:
                    self.survey.append({"type": "end_group"})
                section_id = question.section_id
                if section_id is not None:
                    # A section (several questions on one page) is what XLSForm calls a field-list group.
                    sections += 1
                    pages[question.id] = {"type": "begin_group", "name": f"section_{sections}",
                                          "appearance": "field-list", **self.texts("label", question.section.title)}
                    self.survey.append(pages[question.id])
            rows[question.id] = self.question(question, f"q{n}")
        if section_id is not None:
            self.survey.append({"type": "end_group"})
        # Once every name is known: a condition names earlier questions and their choices.
        relevance = Relevance(consultation.questions, self.names, self.choice_names, self.row_names)
        for first_id, page in pages.items():
            relevant = relevance.of_section(first_id)
            if relevant:
                page["relevant"] = relevant
        for question_id, row in rows.items():
            relevant = relevance.of(question_id)
            if relevant:
                row["relevant"] = relevant

    def question(self, question, name: str) -> dict:
        """Write ``question``; returns the row its ``relevant`` goes on (a grid's group row)."""
        qtype = question.type
        written, appearance = qtype.xlsform_type(question)
        self.names[question.id] = name
        words = {**self.texts("label", question.prompt), **self.texts("hint", question.hint)}
        required = {"required": "yes" if question.required else "no"}
        if question.required:
            required.update(self.texts("required_message", question.missing_message))
        options = qtype.xlsform_choices(question)
        if qtype.has_options and not options:
            # A draft's choice question with no answers written yet: no form tool can ask it, so its
            # words go out as a note rather than as a form that will not convert.
            written, appearance = "note", ""
        if options:
            written = f"{written} {self.choice_list(f'{name}_answers', options, question.option_groups)}"
        statements = qtype.xlsform_rows(question) if options else []
        if statements:
            return self.table(question, name, written, words, required, statements)
        row = {"type": written, "name": name, **words, **required}
        if appearance:
            row["appearance"] = appearance
        constraint = qtype.xlsform_constraint(question)
        if constraint:
            row["constraint"] = constraint
        self.survey.append(row)
        self.write_in_boxes(question, name)
        return row

    def choice_list(self, list_name: str, options, headings=()) -> str:
        """The options as ``list_name`` on the choices sheet; each answer under a heading (``headings``:
        the question's option groups) names it in the ``group`` column, and the headings follow as the
        list ``<list_name>_groups`` (which the import reads back)."""
        taken: set[str] = set()
        group_names = {group.id: f"group_{n}" for n, group in enumerate(headings, start=1)}
        for option in options:
            self.choice_names[option.id] = choice_name(option.value, taken)
            row = {"list_name": list_name, "name": self.choice_names[option.id], **self.texts("label", option.label)}
            if option.group_id in group_names:
                row["group"] = group_names[option.group_id]
            self.choices.append(row)
        for group in headings:
            self.choices.append({"list_name": f"{list_name}_groups", "name": group_names[group.id],
                                 **self.texts("label", group.heading)})
        return list_name

    def table(self, question, name: str, written: str, words: dict, required: dict, statements) -> dict:
        """A grid as XLSForm users write one: a ``table-list`` group titled with the question, one select
        per statement, all on the question's list. The group carries the question's name and condition."""
        group = {"type": "begin_group", "name": name, "appearance": "table-list", **words}
        self.survey.append(group)
        taken: set[str] = set()
        self.row_names[question.id] = []
        for statement in statements:
            row_name = f"{name}_{choice_name(statement.value, taken)}"
            self.row_names[question.id].append(row_name)
            self.survey.append({"type": written, "name": row_name, **self.texts("label", statement.label), **required})
        self.survey.append({"type": "end_group"})
        return group

    def write_in_boxes(self, question, name: str) -> None:
        """"Other, please specify": after the question, a text row asked only when that answer is chosen,
        named ``<question>_<choice>`` (as KoboToolbox names or_other's box), which the import reads back
        as the answer's box. An explicit row rather than ``or_other`` keeps the answer's own words in
        every language and allows several boxes (one per census group)."""
        for option in question.options:
            choice = self.choice_names.get(option.id)
            if option.write_in and choice:
                self.survey.append({"type": "text", "name": f"{name}_{choice}", **self.box_label(),
                                    "required": "yes", "relevant": f"selected(${{{name}}}, '{choice}')"})

    def box_label(self) -> dict[str, str]:
        """The words above a write-in box, as residents see them, in every language."""
        found = {}
        for language in self.languages:
            with force_locale(language):
                found[f"label::{language_column(language)}"] = _("Please describe")
        return found

    def settings(self) -> dict:
        consultation = self.consultation
        title = words_of(consultation.title, self.languages)
        return {"form_title": title.get(consultation.default_language) or next(iter(title.values()), ""),
                "form_id": consultation.slug, "version": consultation.updated_at.strftime("%Y%m%d%H%M"),
                "default_language": language_column(consultation.default_language),
                # pyxform turns ’ into ' unless told not to, and Welsh (and English) words use ’.
                "clean_text_values": "no"}


def _sheet(book: Workbook, name: str, rows: list[dict], first: list[str]) -> None:
    sheet = book.create_sheet(name)
    headings = list(first)
    for row in rows:
        headings.extend(key for key in row if key not in headings)
    sheet.append(headings)
    for row in rows:
        sheet.append([row.get(heading, "") for heading in headings])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            # Words are words: a label starting with "=" must stay text, not become a formula.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def export_xlsform(consultation: Consultation) -> bytes:
    """The consultation as an XLSForm workbook (.xlsx bytes)."""
    writer = Writer(consultation)
    writer.build()
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "survey", writer.survey, ["type", "name"])
    _sheet(book, "choices", writer.choices, ["list_name", "name"])
    _sheet(book, "settings", [writer.settings()], ["form_title", "form_id", "version", "default_language"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
