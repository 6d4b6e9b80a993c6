"""Converting between the local time staff type (Europe/London by default) and stored UTC."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from flask import current_app


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def to_utc(day: date, clock: time) -> datetime:
    """A local date and time as naive UTC (how every time is stored)."""
    local = datetime.combine(day, clock, tzinfo=_zone())
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def to_local(stored: datetime, zone: ZoneInfo | None = None) -> datetime:
    """``zone``: local_zone(), looked up once by code that converts many times (an export's rows)."""
    return stored.replace(tzinfo=timezone.utc).astimezone(zone or _zone())


def local_zone() -> ZoneInfo:
    return _zone()


MIDDAY = time(12, 0)


def date_only(moment: datetime) -> datetime:
    """The local day ``moment`` falls on, kept as that day's midday (naive UTC): a date, in a column
    that holds a time, which reads back as the same date in any time zone near ours."""
    return to_utc(to_local(moment).date(), MIDDAY)
