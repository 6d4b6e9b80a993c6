"""What the API sends: plain JSON-able dicts built from the models and the results' own summaries.

Results go through the dashboard's small-number rules (consult.results.protect), so a program reads
exactly what staff may share: a count under the consultation's threshold is ``null`` with the state
``small`` (or ``hidden`` where it would give a small one away by subtraction). Questions that ask
for personal details, and the words people wrote, are never in the results.
"""

from __future__ import annotations

from consult.models.content import EASY, STANDARD
from consult.results import protect
from consult.results.plain import MULTIPLE, SINGLE


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


def question_results(shape, item, number: int, summary, threshold: int) -> dict:
    """One question's protected counts, by the dashboard's rules: asked, answered, skipped, and each
    answer of a choice question."""
    found = {"question_id": item.id, "number": number, "type": item.kind}
    skipped_cell = None
    if shape.shape in (SINGLE, MULTIPLE):
        counts = [summary.options.get(option.id, 0) for option in item.options]
        if shape.shape == SINGLE:
            # One answer each: the answers and "no answer" add up to the people asked.
            cells = protect.protect_counts(counts + [summary.skipped], threshold, total=summary.asked, additive=True)
            option_cells, skipped_cell = cells[:-1], cells[-1]
        else:
            option_cells = protect.protect_counts(counts, threshold, total=summary.asked)
        found["options"] = [{"id": option.id, "value": option.value, **cell(value)}
                            for option, value in zip(item.options, option_cells)]
    asked, answered, skipped = protect.protect_answered(summary.asked, summary.answered, summary.skipped,
                                                        threshold, skipped_cell)
    found.update(asked=cell(asked), answered=cell(answered), skipped=cell(skipped))
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
