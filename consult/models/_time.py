"""Times are stored as naive UTC on every engine, so comparisons never mix kinds."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def day_of(moment: datetime) -> datetime:
    """Midnight at the start of ``moment``'s day: a date kept where the column holds a time."""
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)
