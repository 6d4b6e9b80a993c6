"""An event as an iCalendar file (RFC 5545), written by hand: one VEVENT, times in UTC.

Lines are folded at 75 octets (never inside a UTF-8 character) and text values escaped
(backslash, semicolon, comma, new line), as sections 3.1 and 3.3.11 of the RFC require.
"""

from __future__ import annotations

from datetime import datetime

PRODUCT = "-//Consult//Events//EN"


def escape_text(value: str) -> str:
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, continued with CRLF and a space."""
    pieces: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # A continuation line starts with a space, which counts towards its 75 octets.
            current, size, limit = "", 0, 74
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime) -> str:
    """A naive UTC time as an iCalendar UTC date-time (20270312T100000Z)."""
    return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar(*, uid: str, starts_at: datetime, ends_at: datetime, stamp: datetime, summary: str,
             location: str, description: str = "", url: str | None = None) -> str:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(starts_at)}",
        f"DTEND:{utc_stamp(ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(location)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
