"""A consultation's retention rule: its periods in months, and the moments they end.

Which answers each period covers is asked of the question type, never decided by its name: words
people wrote (``has_written_answers``: free-text questions and "Other, please say" boxes) and personal
data (``personal_data``: an email address, a phone number, a postcode, an address).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import force_locale

from consult.translating import gettext as _

# What staff may choose, per consultation: at least a month (results go out after closing and people
# who asked to hear back need them), at most ten years.
SHORTEST_MONTHS = 1
LONGEST_MONTHS = 120


@dataclass(frozen=True)
class RetentionRule:
    free_text_months: int
    contact_months: int


def default_rule() -> RetentionRule:
    config = current_app.config
    return RetentionRule(config["RETENTION_FREE_TEXT_MONTHS"], config["RETENTION_CONTACT_MONTHS"])


def rule_for(consultation) -> RetentionRule:
    """The consultation's own periods where staff chose them, else the installation's defaults."""
    default = default_rule()
    return RetentionRule(consultation.retention_free_text_months or default.free_text_months,
                         consultation.retention_contact_months or default.contact_months)


def set_rule(consultation, *, free_text_months: int | None, contact_months: int | None) -> None:
    """Keep staff's choice. A period left empty, or equal to the default, is stored empty, so it
    follows the default (and a later change of it)."""
    default = default_rule()
    free_text_months = free_text_months or default.free_text_months
    contact_months = contact_months or default.contact_months
    for months in (free_text_months, contact_months):
        if not SHORTEST_MONTHS <= months <= LONGEST_MONTHS:
            raise ValueError(f"a retention period must be {SHORTEST_MONTHS} to {LONGEST_MONTHS} months, not {months}")
    consultation.retention_free_text_months = (
        None if free_text_months == default.free_text_months else free_text_months)
    consultation.retention_contact_months = None if contact_months == default.contact_months else contact_months


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later; the month's last day when it is shorter (31 March + 1: 30 April)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def closed_at(consultation, now: datetime) -> datetime | None:
    """When the consultation closed (early, or on its closing date), or None while it has not."""
    if consultation.state(now) != "closed":
        return None
    if consultation.closed_at is not None:
        return min(consultation.closed_at, consultation.closes_at)
    return consultation.closes_at


def removed_words(language: str) -> str:
    """What an answer's words become once removed, in the consultation's language (staff read it in
    results and exports beside the other answers, which are in that language too)."""
    with force_locale(language if language in current_app.config["LANGUAGES"] else "en"):
        return _("Removed under the retention rule")
