"""A consultation compiled once for the resident pages: questions, answers, texts in every language and
register, pictures and branching, as read-only plain objects kept by each server process.

A resident page used to load the consultation, its questions, answers, rules and texts on every request
(two thirds of its time). Residents' pages now ask the database one cheap question, the consultation's
version (consult/models/versioning.py moves it with every change staff make), and build the snapshot
again only when it changed. Staff pages keep reading the models, except those that only read a consultation
and are opened often (the results dashboard).

Why copies and not the models themselves: a model object belongs to one request's session; kept across
requests it would load lazily from a closed session, or be changed (or attached to another session) by
one thread while another reads it. A snapshot is made of ``Frozen`` objects that refuse changes, with
the same attribute names as the models (so templates and question types read them the same way) and
the models' own properties and methods borrowed (so a rule such as ``Consultation.state`` stays
written once).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from types import FunctionType, MappingProxyType

from flask import abort, current_app
from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import selectinload

from consult import branching
from consult.extensions import db
from consult.i18n import ContentCatalogue
from consult.loading import block_ids, hidden_from_residents, with_rules
from consult.models import (
    BranchCondition,
    BranchRule,
    Consultation,
    ConsultationLanguage,
    Option,
    OptionGroup,
    Picture,
    Question,
    Section,
    TextVariant,
)
from consult.models.content import EASY
from consult.pictures.loading import load_pictures

# The relationships a resident page follows, per model. Anything else is not copied, so reading it
# fails loudly (AttributeError) instead of querying a closed session.
PARTS = {
    Consultation: ("questions", "languages"),
    Question: ("consultation", "options", "rules", "option_groups", "section"),
    Option: ("question", "group"),
    OptionGroup: ("question",),
    BranchRule: ("question", "section", "target", "conditions"),
    BranchCondition: ("rule", "source", "options"),
    Section: ("rules",),
    ConsultationLanguage: (),
    Picture: (),
}


class Frozen:
    """A read-only copy of one row: its columns, the parts in PARTS, and its model's own properties."""

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is part of a snapshot and cannot change")

    __delattr__ = __setattr__

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.__dict__.get('id')}>"


def _frozen_class(model) -> type:
    borrowed = {name: value for name, value in vars(model).items()
                if not name.startswith("_") and isinstance(value, (FunctionType, property))}
    return type(f"Frozen{model.__name__}", (Frozen,), borrowed)


_CLASSES = {model: _frozen_class(model) for model in PARTS}


def frozen_value(value):
    """A column's value that nobody can change: JSON settings become read-only mappings and tuples."""
    if isinstance(value, dict):
        return MappingProxyType({key: frozen_value(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(frozen_value(item) for item in value)
    return value


class _Freezer:
    """Copies model objects once each (a question is reached from the consultation, from an answer and
    from a rule's condition: every path hands back the same copy)."""

    def __init__(self):
        self._done: dict[int, Frozen] = {}

    def __call__(self, item):
        if item is None:
            return None
        if isinstance(item, (list, tuple)):
            return tuple(self(part) for part in item)
        found = self._done.get(id(item))
        if found is not None:
            return found
        model = type(item)
        copy = object.__new__(_CLASSES[model])
        self._done[id(item)] = copy  # before the parts: they lead back here
        values = copy.__dict__
        for column in inspect(model).column_attrs:
            values[column.key] = frozen_value(getattr(item, column.key))
        for name in PARTS[model]:
            if hasattr(model, name):  # a part another change has not added yet is left out
                values[name] = self(getattr(item, name))
        return copy


@dataclass(frozen=True)
class Snapshot:
    """One version of a consultation as residents see it."""

    consultation: Frozen
    version: int
    created_at: object
    # {block id: {(language, register): words}}: every text the pages show, in every language.
    variants: Mapping
    # {picture id: picture}: every picture of its questions and answers (easy read shows them).
    pictures: Mapping
    # The languages with easy-read words (ConsultationView.easy_read_languages), worked out once.
    easy_languages: frozenset

    def texts(self, language: str, register: str) -> ContentCatalogue:
        """The page's texts: no query, the words are all here."""
        return ContentCatalogue(self.variants, language=language, register=register,
                                default_language=self.consultation.default_language)


def _load(consultation_id: int) -> Consultation | None:
    questions = selectinload(Consultation.questions)
    return db.session.execute(
        select(Consultation).where(Consultation.id == consultation_id).options(
            questions.selectinload(Question.options),
            questions.selectinload(Question.option_groups),
            questions.selectinload(Question.section),
            selectinload(Consultation.languages),
            *with_rules(),
        )
    ).scalar_one_or_none()


def _variants(ids) -> Mapping:
    ids = sorted({block_id for block_id in ids if block_id is not None})
    found: dict[int, dict] = {}
    if ids:
        rows = db.session.execute(select(TextVariant.block_id, TextVariant.language, TextVariant.register,
                                         TextVariant.body).where(TextVariant.block_id.in_(ids)))
        for block_id, language, register, body in rows:
            found.setdefault(block_id, {})[(language, register)] = body
    return MappingProxyType({block_id: MappingProxyType(texts) for block_id, texts in found.items()})


def build(consultation_id: int) -> Snapshot | None:
    """Compile the consultation as it is now (a handful of queries), or None when it is gone."""
    consultation = _load(consultation_id)
    if consultation is None:
        return None
    # The version read with the row itself: whatever is read after it is as new or newer, so a
    # snapshot is never older than the version it is kept under.
    version, created_at = consultation.version, consultation.created_at
    pictures = load_pictures(consultation.questions)
    headings = [group.heading_id for question in consultation.questions for group in question.option_groups]
    texts = _variants([*block_ids(consultation), *headings, *(picture.alt_id for picture in pictures.values())])
    freeze = _Freezer()
    frozen = freeze(consultation)
    # The journey's branching (consult.respond.journey), with every question's formula worked out now:
    # after this nobody writes to it, so every request and thread can read it.
    plan = branching.plan_of(frozen.questions)
    for question in frozen.questions:
        plan.asked_formula(question.id)
    frozen.__dict__["branching_plan"] = plan
    return Snapshot(
        consultation=frozen, version=version, created_at=created_at, variants=texts,
        pictures=MappingProxyType({picture_id: freeze(picture) for picture_id, picture in pictures.items()}),
        easy_languages=frozenset(ContentCatalogue(texts, consultation.default_language, EASY,
                                                  consultation.default_language).languages_with(EASY)),
    )


_STORE_KEY = "consultation_snapshots"


class _Store:
    """The snapshots one app keeps: the newest built per consultation (older versions are let go)."""

    def __init__(self):
        self._by_id: dict[int, Snapshot] = {}
        self._lock = threading.Lock()

    def get(self, consultation_id: int, version: int, created_at) -> Snapshot | None:
        found = self._by_id.get(consultation_id)
        # created_at as well: a consultation deleted and another made may share an id and version 1.
        if found is not None and found.version == version and found.created_at == created_at:
            return found
        built = build(consultation_id)
        if built is not None:
            with self._lock:
                self._by_id[consultation_id] = built
        return built


def _store() -> _Store:
    # One store per app: tests make many apps (and databases) in one process.
    store = current_app.extensions.get(_STORE_KEY)
    if store is None:
        store = current_app.extensions.setdefault(_STORE_KEY, _Store())
    return store


_TABLE = Consultation.__table__
# On the table's columns, not the model's: the query runs on every resident page, and a plain
# statement skips the ORM's work on the result (about a third of its time here).
_VERSION = select(_TABLE.c.id, _TABLE.c.version, _TABLE.c.created_at).where(_TABLE.c.slug == bindparam("slug"))


def snapshot_by_slug(slug: str) -> Snapshot | None:
    """The current snapshot of a consultation: one query for its version, more only when it changed."""
    row = db.session.execute(_VERSION, {"slug": slug}).one_or_none()
    return None if row is None else _store().get(*row)


def snapshot_or_404(slug: str) -> Snapshot:
    """A consultation in any state, compiled: for staff pages that only read it (the results dashboard,
    whose route has checked the role), so they too skip loading it on every request."""
    snapshot = snapshot_by_slug(slug)
    if snapshot is None:
        abort(404)
    return snapshot


def public_snapshot_or_404(slug: str) -> Snapshot:
    """A consultation residents may see (consult.loading.hidden_from_residents), compiled."""
    snapshot = snapshot_by_slug(slug)
    if snapshot is None or hidden_from_residents(snapshot.consultation):
        abort(404)
    return snapshot
