"""XLSForm out: any consultation as an .xlsx that pyxform, KoboToolbox and ODK read.

The reverse of consult.build.xlsform.building: every text in every offered language as a
``label::Welsh (cy)`` column, choices on their own sheet under each option's code, branching as
``relevant`` (consult.build.xlsform.relevance), a number range as ``. >= 1 and . <= 10``. How a question is written is
its type's to say (``QuestionType.xlsform_type``, ``xlsform_constraint``, ``xlsform_choices``), so a
type added later brings its own. The summary and "Why we are asking" are notes before the first
question, which is where the import looks for them.

Easy-read versions and pictures have no place in an XLSForm and are left out.
"""

from __future__ import annotations

import io
import re

from babel import Locale, UnknownLocaleError
from openpyxl import Workbook

from consult.build.xlsform.relevance import Relevance
from consult.models import Consultation
from consult.models.content import STANDARD

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
        for n, question in enumerate(consultation.questions, start=1):
            rows[question.id] = self.question(question, f"q{n}")
        # Once every name is known: a condition names earlier questions and their choices.
        relevance = Relevance(consultation.questions, self.names, self.choice_names)
        for question_id, row in rows.items():
            relevant = relevance.of(question_id)
            if relevant:
                row["relevant"] = relevant

    def question(self, question, name: str) -> dict:
        qtype = question.type
        written, appearance = qtype.xlsform_type(question)
        self.names[question.id] = name
        row = {"name": name, **self.texts("label", question.prompt), **self.texts("hint", question.hint),
               "required": "yes" if question.required else "no"}
        options = qtype.xlsform_choices(question)
        if qtype.has_options and not options:
            # A draft's choice question with no answers written yet: no form tool can ask it, so its
            # words go out as a note rather than as a form that will not convert.
            written, appearance = "note", ""
        if options:
            list_name = f"{name}_answers"
            written = f"{written} {list_name}"
            taken: set[str] = set()
            for option in options:
                self.choice_names[option.id] = choice_name(option.value, taken)
                self.choices.append({"list_name": list_name, "name": self.choice_names[option.id],
                                     **self.texts("label", option.label)})
        row["type"] = written
        if appearance:
            row["appearance"] = appearance
        if question.required:
            row.update(self.texts("required_message", question.missing_message))
        constraint = qtype.xlsform_constraint(question)
        if constraint:
            row["constraint"] = constraint
        self.survey.append(row)
        return row


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
