"""Pre-filled, hidden fields from the link: ``?ward=north`` on the QR code put up in the north ward.

Staff declare each field's name and the values it may take. The first visit's values are kept in the
resident's session until they start, then with their draft, then with their response; the results
filter by them and the exports show them. Anything not declared (an unknown name, a value not
allowed, a typo in a link) is dropped without a word: the resident never sees these fields.

verb_noun functions that change models and flush; the caller commits. The session is handled in
``remember_from_link`` and ``claim_for_draft``, which take it as an argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass

from sqlalchemy import delete, select

from consult.extensions import db
from consult.models.event import DraftPrefill, PrefillField, PrefillValue, ResponsePrefill

NAME = re.compile(r"^[a-z0-9_]{1,40}$")
# Values appear in addresses too: the same letters, and hyphens ("north-east").
VALUE = re.compile(r"^[a-z0-9_-]{1,40}$")
MOST_VALUES = 100
SESSION_KEY = "prefilled"
# Names the journey itself reads from the start page's address: never a staff field.
RESERVED = {"lang", "register"}


@dataclass(frozen=True)
class ValueLine:
    value: str
    label: str


class BadValues(ValueError):
    """A line of the values box that cannot be used; ``line`` is its number (from 1)."""

    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


def parse_values(text: str) -> list[ValueLine]:
    """One value a line, "north = North ward" or just "north"; blank lines are skipped."""
    found: list[ValueLine] = []
    seen = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, _, label = line.partition("=")
        value, label = value.strip(), label.strip() or value.strip()
        if not VALUE.match(value):
            raise BadValues(number, "format")
        if value in seen:
            raise BadValues(number, "repeated")
        if len(label) > 200:
            raise BadValues(number, "long")
        seen.add(value)
        found.append(ValueLine(value, label))
    if len(found) > MOST_VALUES:
        raise BadValues(MOST_VALUES + 1, "many")
    return found


def fields_of(consultation_id: int) -> list[PrefillField]:
    return list(db.session.scalars(select(PrefillField).where(PrefillField.consultation_id == consultation_id)
                                   .order_by(PrefillField.name)))


def field_of(consultation_id: int, field_id: int) -> PrefillField | None:
    found = db.session.get(PrefillField, field_id)
    return found if found is not None and found.consultation_id == consultation_id else None


def name_taken(consultation_id: int, name: str) -> bool:
    return db.session.scalar(select(PrefillField.id).where(PrefillField.consultation_id == consultation_id,
                                                           PrefillField.name == name)) is not None


def add_field(consultation_id: int, name: str, label: str, values: list[ValueLine]) -> PrefillField:
    field = PrefillField(consultation_id=consultation_id, name=name, label=label,
                         values=[PrefillValue(value=line.value, label=line.label) for line in values])
    db.session.add(field)
    db.session.flush()
    return field


def delete_field(field: PrefillField) -> None:
    """The field goes, and with it what responses recorded for it."""
    db.session.delete(field)
    db.session.flush()


# The resident's side -------------------------------------------------------------------------------


def allowed(consultation_id: int, args: Mapping[str, str]) -> dict[str, int]:
    """{field name: value id} for the declared names with allowed values in ``args``; the rest dropped."""
    asked = {name: args.get(name) for name in args if NAME.match(name) and name not in RESERVED}
    if not asked:
        return {}
    rows = db.session.execute(
        select(PrefillField.name, PrefillValue.value, PrefillValue.id).join(PrefillValue)
        .where(PrefillField.consultation_id == consultation_id, PrefillField.name.in_(sorted(asked)))
    )
    return {name: value_id for name, value, value_id in rows if asked.get(name) == value}


def remember_from_link(session: MutableMapping, consultation_id: int, args: Mapping[str, str]) -> None:
    """Keep the first visit's values until the resident starts (a later visit adds, never replaces)."""
    found = allowed(consultation_id, args)
    if not found:
        return
    kept = dict(session.get(SESSION_KEY) or {})
    current = dict(kept.get(str(consultation_id)) or {})
    for name, value_id in found.items():
        current.setdefault(name, value_id)
    kept[str(consultation_id)] = current
    session[SESSION_KEY] = kept


def claim_for_draft(session: MutableMapping, draft) -> None:
    """A new draft takes the values kept for its consultation (checked again: staff may have changed them)."""
    kept = dict(session.get(SESSION_KEY) or {})
    current = kept.pop(str(draft.consultation_id), None)
    if not current:
        return
    session[SESSION_KEY] = kept
    if draft.id is None:
        db.session.flush()
    value_ids = [value_id for value_id in current.values() if isinstance(value_id, int)]
    rows = db.session.execute(
        select(PrefillValue.id, PrefillValue.field_id).join(PrefillField)
        .where(PrefillValue.id.in_(value_ids), PrefillField.consultation_id == draft.consultation_id)
    ).all()
    for value_id, field_id in rows:
        db.session.add(DraftPrefill(draft_id=draft.id, field_id=field_id, value_id=value_id))
    db.session.flush()


def keep_with_response(draft) -> None:
    """The draft's values go with its response."""
    rows = db.session.execute(select(DraftPrefill.field_id, DraftPrefill.value_id)
                              .where(DraftPrefill.draft_id == draft.id)).all()
    for field_id, value_id in rows:
        db.session.add(ResponsePrefill(response_id=draft.response_id, field_id=field_id, value_id=value_id))
    if rows:
        db.session.execute(delete(DraftPrefill).where(DraftPrefill.draft_id == draft.id))
    db.session.flush()


# Results and exports --------------------------------------------------------------------------------


def filter_choices(consultation_id: int) -> list[tuple[str, list[tuple[int, str]]]]:
    """For the results' filter: (field label, [(value id, value label)])."""
    return [(f"{field.label} ({field.name})", [(value.id, value.label) for value in field.values])
            for field in fields_of(consultation_id)]


def value_ids_of(consultation_id: int) -> set[int]:
    return set(db.session.scalars(select(PrefillValue.id).join(PrefillField)
                                  .where(PrefillField.consultation_id == consultation_id)))


def value_label(value_id: int) -> str:
    value = db.session.get(PrefillValue, value_id)
    return f"{value.field.label}: {value.label}" if value is not None else ""


def export_columns(consultation_id: int) -> list[tuple[int, str]]:
    """(field id, column header) for each declared field."""
    return [(field.id, field.label) for field in fields_of(consultation_id)]


def labels_for(response_ids: list[int]) -> dict[int, dict[int, str]]:
    """{response id: {field id: value label}} for these responses."""
    found: dict[int, dict[int, str]] = {}
    if not response_ids:
        return found
    rows = db.session.execute(
        select(ResponsePrefill.response_id, ResponsePrefill.field_id, PrefillValue.label)
        .join(PrefillValue, PrefillValue.id == ResponsePrefill.value_id)
        .where(ResponsePrefill.response_id.in_(response_ids)))
    for response_id, field_id, label in rows:
        found.setdefault(response_id, {})[field_id] = label
    return found
