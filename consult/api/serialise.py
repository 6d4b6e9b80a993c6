"""What the API sends: plain JSON-able dicts built from the models and the results' own summaries.

Each question's results are what its type gives (``QuestionType.results_figures``), made by
consult/results/figures.py under the small-number rules the dashboard and the public results use
(consult.results.protect), so a program reads exactly what staff may share: a count under the
consultation's threshold is ``null`` with the state ``small`` (or ``hidden`` where it would give a
small one away by subtraction). Questions that ask for personal details, and the words people
wrote, are never in the results.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from consult.models.content import EASY, STANDARD
from consult.results import figures, protect


def words(block) -> dict[str, dict[str, str]]:
    """{"standard": {language: words}, "easy": {...}} of a TextBlock ({} when there is none)."""
    if block is None:
        return {}
    found: dict[str, dict[str, str]] = {}
    for variant in block.variants:
        if variant.register in (STANDARD, EASY) and variant.body:
            found.setdefault(variant.register, {})[variant.language] = variant.body
    return found


def _time(moment) -> str | None:
    return moment.isoformat() + "Z" if moment is not None else None


def consultation(item, now) -> dict:
    return {
        "slug": item.slug, "state": item.state(now), "title": words(item.title), "summary": words(item.summary),
        "default_language": item.default_language, "languages": item.offered_languages,
        "opens_at": _time(item.opens_at), "closes_at": _time(item.closes_at),
        "small_group_threshold": item.small_group_threshold,
    }


def question(item, number: int) -> dict:
    qtype = item.type
    return {
        "id": item.id, "number": number, "type": item.kind, "required": item.required,
        "personal_data": qtype.personal_data, "prompt": words(item.prompt), "hint": words(item.hint),
        "options": [{"id": option.id, "value": option.value, "kind": option.kind, "label": words(option.label)}
                    for option in item.options],
    }


def cell(value: protect.Cell) -> dict:
    return {"count": value.value, "state": value.state, "percent": value.percent}


def figures_json(value):
    """A question type's result figures (consult/results/figures.py) as JSON: a Cell as its count (null
    unless shown), state and percentage, never the count behind a hidden one; decimals as text so
    nothing is rounded; dates as ISO dates."""
    if isinstance(value, protect.Cell):
        return cell(value)
    if isinstance(value, figures.Counted):
        return {**figures_json(value.about), **cell(value.cell)}
    if isinstance(value, dict):
        return {key: figures_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [figures_json(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def question_results(shape, item, number: int, summary, threshold: int) -> dict:
    """One question's protected results, as its type names them (``QuestionType.results_figures``)."""
    found = {"question_id": item.id, "number": number, "type": item.kind, "free_text": item.type.free_text}
    found.update(figures_json(figures.question_figures(item, shape, summary, threshold)))
    return found


def answer(row) -> dict:
    return {"question_id": row.question_id, "option_id": row.option_id, "statement_option_id": row.statement_option_id,
            "text": row.text, "number": row.number,
            "amount": str(row.amount) if row.amount is not None else None,
            "date": row.date.isoformat() if row.date is not None else None}


def response(item) -> dict:
    return {"id": item.id, "reference": item.reference, "channel": item.channel, "language": item.language,
            "register": item.register, "started_at": _time(item.started_at), "submitted_at": _time(item.submitted_at),
            "answers": [answer(row) for row in item.answers]}
