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


def to_local(stored: datetime) -> datetime:
    return stored.replace(tzinfo=timezone.utc).astimezone(_zone())
