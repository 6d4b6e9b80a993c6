"""Reading and saving the statements. Functions change models and flush; the caller commits.

Which words a section shows in a language, in order:

1. what staff saved for that language (a section they left empty there means "the English words");
2. Consult's own words in that language, while the English section still says what Consult's
   English words say (once staff change the English, a Welsh default would no longer match it);
3. what staff saved in English;
4. Consult's English words.

Each shown section says which language its words are in, so the page can mark English words on a
Welsh page with lang="en", as the rest of the site does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from consult.audit import record
from consult.extensions import db
from consult.models import StatementText
from consult.statements.sections import DEFAULT_LANGUAGE, STATEMENTS, default_texts
from consult.statements.text import Block, blocks, clean, same_words


@dataclass(frozen=True)
class ShownSection:
    key: str
    heading: object
    blocks: tuple[Block, ...]
    lang: str  # the language the words are in (content_lang() reads this)


@dataclass(frozen=True)
class ShownStatement:
    kind: str
    title: object
    sections: tuple[ShownSection, ...]
    reviewed_on: date | None
    edited: bool  # staff have saved their own words in some language


def saved_rows(kind: str) -> dict[str, StatementText]:
    """Staff's saved words for a statement, by language."""
    rows = db.session.scalars(select(StatementText).where(StatementText.kind == kind))
    return {row.language: row for row in rows}


def choose_words(key: str, language: str, saved: dict[str, dict], defaults: dict[str, dict]) -> tuple[str, str]:
    """(words, their language) for one section: the order in this module's docstring.

    ``saved`` and ``defaults``: {language: {section key: words}}; a language is in ``saved`` once
    staff have saved it.
    """
    english_saved = saved.get(DEFAULT_LANGUAGE, {}).get(key)
    english_default = defaults.get(DEFAULT_LANGUAGE, {}).get(key, "")
    if language in saved and key in saved[language]:
        if saved[language][key]:
            return saved[language][key], language
    elif defaults.get(language, {}).get(key) and (english_saved is None or same_words(english_saved, english_default)):
        return defaults[language][key], language
    if english_saved:
        return english_saved, DEFAULT_LANGUAGE
    return english_default, DEFAULT_LANGUAGE


def _inputs(kind: str, language: str, draft_days: int):
    rows = saved_rows(kind)
    saved = {lang: dict(row.sections or {}) for lang, row in rows.items()}
    defaults = {lang: default_texts(kind, lang, draft_days) for lang in {DEFAULT_LANGUAGE, language}}
    return rows, saved, defaults


def statement_for(kind: str, language: str, draft_days: int) -> ShownStatement:
    """A statement as a resident reads it in ``language``."""
    statement = STATEMENTS[kind]
    rows, saved, defaults = _inputs(kind, language, draft_days)
    sections = []
    for section in statement.sections:
        words, lang = choose_words(section.key, language, saved, defaults)
        sections.append(ShownSection(section.key, section.heading, tuple(blocks(words)), lang))
    own, english = rows.get(language), rows.get(DEFAULT_LANGUAGE)
    reviewed_on = (own.reviewed_on if own else None) or (english.reviewed_on if english else None)
    return ShownStatement(kind, statement.title, tuple(sections), reviewed_on, edited=bool(rows))


def form_values(kind: str, language: str, draft_days: int) -> dict:
    """What the edit form starts with: the saved words, else Consult's words that would show, else empty
    (English is shown there; the edit page shows it beside the box)."""
    rows, saved, defaults = _inputs(kind, language, draft_days)
    values = {}
    for section in STATEMENTS[kind].sections:
        words, lang = choose_words(section.key, language, saved, defaults)
        values[section.key] = words if lang == language else ""
    row = rows.get(language)
    values["reviewed_on"] = row.reviewed_on if row else None
    return values


def english_words(kind: str, draft_days: int) -> dict[str, str]:
    """The English words each section shows now, for translators on the other languages' pages."""
    _rows, saved, defaults = _inputs(kind, DEFAULT_LANGUAGE, draft_days)
    return {section.key: choose_words(section.key, DEFAULT_LANGUAGE, saved, defaults)[0]
            for section in STATEMENTS[kind].sections}


def save_statement(kind: str, language: str, texts: dict[str, str | None], reviewed_on: date | None,
                   by) -> StatementText:
    """Keep staff's words for every section of a statement in one language (empty ones too)."""
    statement = STATEMENTS[kind]
    row = db.session.scalar(select(StatementText).where(StatementText.kind == kind,
                                                        StatementText.language == language))
    if row is None:
        row = StatementText(kind=kind, language=language)
        db.session.add(row)
    # A new dict, so SQLAlchemy sees the JSON column change.
    row.sections = {section.key: clean(texts.get(section.key)) for section in statement.sections}
    row.reviewed_on = reviewed_on
    row.updated_by_id = by.id if by is not None else None
    db.session.flush()
    record("statement.changed", "statement", row.id, detail=f"{kind} ({language})", staff=by)
    return row
