"""The question-type registry.

Each type is one module in this package plus one template in ``templates/questions/``. Adding a
type means adding a module here and listing it in ``_MODULES``; nothing else changes.
"""

from __future__ import annotations

from importlib import import_module

from consult.models.question import use_type_lookup
from consult.questions.base import Parsed, QuestionType

_MODULES = (
    "single_choice",
    "multiple_choice",
    "short_text",
    "long_text",
    "yes_no",
    "agree_scale",
    "number",
    "grid",
    "ranking",
    "date",
    "decimal_number",
    "money",
    "email",
    "phone",
    "postcode",
    "address",
)

REGISTRY: dict[str, QuestionType] = {}
for _name in _MODULES:
    _type = import_module(f"consult.questions.{_name}").TYPE
    REGISTRY[_type.key] = _type


def get_type(key: str) -> QuestionType:
    try:
        return REGISTRY[key]
    except KeyError:
        raise LookupError(f"no question type called {key!r}") from None


use_type_lookup(get_type)  # question.type, for every Question row

__all__ = ["Parsed", "QuestionType", "REGISTRY", "get_type"]
