"""Times are stored as naive UTC on every engine, so comparisons never mix kinds."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
