"""What easy-read pages say in their own words (design section 6; Mencap and Department of Health guidance).

Easy read is one idea per line and no jargon: a closing time of 23:59 becomes "midnight", a text staff
wrote in several sentences becomes several lines. The templates build the lines with the macros in
templates/components/easy_read.html; this module gives them the words that need Python (times, the
retention rule, splitting sentences) and whether easy read is on where a page has no consultation
(the error pages), by the same rule as the consultation pages (``chosen_register``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask_babel import format_date, format_time, to_user_timezone

from consult.models.content import EASY
from consult.respond.context import chosen_register
from consult.retention.rules import rule_for
from consult.translating import gettext as _
from consult.translating import ngettext

# A sentence ends at . ! ? (or the Arabic question mark) followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+")


def easy_read_on() -> bool:
    """Whether this person chose easy read (on pages that have no ConsultationView)."""
    return chosen_register() == EASY


def sentences(text: str | None) -> list[str]:
    """A text staff wrote, one sentence a line: each becomes an idea of its own."""
    if not text:
        return []
    return [sentence for sentence in _SENTENCE_END.split(text.strip()) if sentence]


def _local(value: datetime) -> datetime:
    return to_user_timezone(value)


def _day(value: datetime) -> str:
    return format_date(value, format="long")


def _clock(value: datetime) -> str:
    """A time of day as people say it ("5 pm", "9:30 am"), not as a 24-hour clock."""
    return format_time(value, format="h a" if value.minute == 0 else "h:mm a")


def answer_until(value: datetime | None) -> str:
    """When the last answers are taken, in words: "You can answer until midnight on 13 February 2027."."""
    if value is None:
        return ""
    local = _local(value)
    if (local.hour, local.minute) == (23, 59):
        return _("You can answer until midnight on %(date)s.", date=_day(local))
    if (local.hour, local.minute) == (0, 0):
        # Midnight at the start of a day is the end of the day before, as people count days.
        return _("You can answer until midnight on %(date)s.", date=_day(local - timedelta(days=1)))
    return _("You can answer until %(time)s on %(date)s.", time=_clock(local), date=_day(local))


def answer_from(value: datetime | None) -> str:
    """When answering starts, in words: "You can answer from 5 March 2027."."""
    if value is None:
        return ""
    local = _local(value)
    if (local.hour, local.minute) == (0, 0):
        return _("You can answer from %(date)s.", date=_day(local))
    return _("You can answer from %(time)s on %(date)s.", time=_clock(local), date=_day(local))


def easy_retention_sentences(consultation) -> list[str]:
    """How long answers are kept, from the rule the retention command applies (consult.retention),
    in easy-read words: the standard sentences (consult.retention.wording) say "consultation"."""
    rule = rule_for(consultation)
    return [
        ngettext("We delete the words you wrote %(num)s month after these questions close.",
                 "We delete the words you wrote %(num)s months after these questions close.",
                 rule.free_text_months),
        ngettext("We delete your email and phone number %(num)s month after these questions close.",
                 "We delete your email and phone number %(num)s months after these questions close.",
                 rule.contact_months),
        _("We keep your other answers so we can count them."),
    ]


def template_helpers() -> dict:
    """The Jinja globals easy-read pages use."""
    return {
        "easy_read_on": easy_read_on,
        "sentences": sentences,
        "answer_until": answer_until,
        "answer_from": answer_from,
        "easy_retention_sentences": easy_retention_sentences,
    }
