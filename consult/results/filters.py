"""Dashboard filters, read from the address so a filtered view can be shared as a link.

``parse_filters`` takes the query arguments and what the consultation allows and returns a
``Filters``: the values it could read, and a message for each it could not. A bad value is never
an error page: it is reported beside its field and left out, and the rest still apply.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from consult.models import CHANNELS, REGISTERS
from consult.request_values import positive_int
from consult.results.plain import ResponseFilter
from consult.translating import lazy_gettext as _l

# Names in the address (?from=2027-03-01&to=...&channel=paper&language=cy&register=easy&answer=17).
KEYS = ("from", "to", "channel", "language", "register", "answer", "event", "prefilled")
# The id of the control each one is typed in, for the error summary's links.
FIELD_IDS = {key: f"filter-{key}" for key in KEYS}

_UK_DATE = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")

MESSAGES = {
    "from": _l("Enter the start date as a real date, like 2027-03-01 or 1/3/2027"),
    "to": _l("Enter the end date as a real date, like 2027-03-31 or 31/3/2027"),
    "order": _l("The end date must be the same as or after the start date"),
    "channel": _l("Choose a way of answering from the list"),
    "language": _l("Choose a language from the list"),
    "register": _l("Choose a version from the list"),
    "answer": _l("Choose an answer from the list"),
    "event": _l("Choose an event from the list"),
    "prefilled": _l("Choose a value from the list"),
}


@dataclass
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    channel: str | None = None
    language: str | None = None
    register: str | None = None
    answer: int | None = None  # an option id: "people who chose this answer"
    event: int | None = None  # an event id (consult/events): answers taken on a kiosk there
    prefilled: int | None = None  # a pre-filled value's id (?ward=north): answers that came by that link
    # (message, field id) for each value that could not be used
    errors: list[tuple[object, str]] = field(default_factory=list)
    # what was typed, so the form shows it back even when it was wrong
    typed: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return any(value is not None for value in
                   (self.date_from, self.date_to, self.channel, self.language, self.register, self.answer,
                    self.event, self.prefilled))

    def args(self) -> dict[str, str]:
        """The filters that apply, as address arguments (bad values are left out)."""
        found = {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "channel": self.channel, "language": self.language, "register": self.register,
            "answer": str(self.answer) if self.answer is not None else None,
            "event": str(self.event) if self.event is not None else None,
            "prefilled": str(self.prefilled) if self.prefilled is not None else None,
        }
        return {key: value for key, value in found.items() if value is not None}

    def error_for(self, key: str):
        field_id = FIELD_IDS[key]
        return next((message for message, where in self.errors if where == field_id), None)

    def to_response_filter(self, to_utc) -> ResponseFilter:
        """Local dates become UTC instants: from the start of the first day to the start of the day
        after the last (``to_utc(day, time)`` is consult.times.to_utc)."""
        start = to_utc(self.date_from, time(0)) if self.date_from else None
        end = to_utc(self.date_to + timedelta(days=1), time(0)) if self.date_to else None
        return ResponseFilter(start=start, end=end, channel=self.channel, language=self.language,
                              register=self.register, option_id=self.answer, event_id=self.event,
                              prefill_value_id=self.prefilled)


def parse_date(text: str) -> date | None:
    """2027-03-01 (what a date picker sends) or 1/3/2027 (what people in the UK type)."""
    text = text.strip()
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        pass
    match = _UK_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None


def parse_filters(args: Mapping[str, str], *, languages: Collection[str], option_ids: Collection[int],
                  event_ids: Collection[int] = (), prefill_value_ids: Collection[int] = ()) -> Filters:
    """Read the filters from ``args``. ``languages``: the languages that may be chosen;
    ``option_ids``: the answers of this consultation's questions that may be chosen; ``event_ids``:
    the consultation's events (consult/events); ``prefill_value_ids``: its pre-filled link values."""
    filters = Filters()

    def typed(key: str) -> str:
        value = (args.get(key) or "").strip()
        if value:
            filters.typed[key] = value
        return value

    def fail(message_key: str, key: str) -> None:
        filters.errors.append((MESSAGES[message_key], FIELD_IDS[key]))

    for key in ("from", "to"):
        text = typed(key)
        if text:
            day = parse_date(text)
            if day is None or day.year < 2000:
                fail(key, key)
            else:
                setattr(filters, "date_from" if key == "from" else "date_to", day)
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        fail("order", "to")
        filters.date_to = None
    for key, allowed in (("channel", CHANNELS), ("language", languages), ("register", REGISTERS)):
        text = typed(key)
        if text:
            if text in allowed:
                setattr(filters, key, text)
            else:
                fail(key, key)
    text = typed("answer")
    if text:
        if positive_int(text) in option_ids:
            filters.answer = positive_int(text)
        else:
            fail("answer", "answer")
    text = typed("event")
    if text:
        if positive_int(text) in event_ids:
            filters.event = positive_int(text)
        else:
            fail("event", "event")
    text = typed("prefilled")
    if text:
        if positive_int(text) in prefill_value_ids:
            filters.prefilled = positive_int(text)
        else:
            fail("prefilled", "prefilled")
    return filters
