"""Adding events through the real staff page, and reading an .ics file back."""

from __future__ import annotations

from datetime import date, timedelta

from tests.helpers import Page, Resident
from tests.kiosk.support import post_form

SOON = date.today() + timedelta(days=10)


def event_answers(day: date = SOON, starts: str = "10:00", ends: str = "12:30", place: str = "Community hall, 1 High Street",
                  description: str = "Tea, cake and a chat about the service.", kind: str = "drop_in",
                  access=("step_free", "hearing_loop")) -> dict:
    answers = {"kind": kind, "day": day.isoformat(), "starts": starts, "ends": ends, "place": place,
               "description": description}
    answers.update({flag: "y" for flag in access})
    return answers


def add_event(editor: Resident, consultation_id: int, **overrides) -> Page:
    page = editor.get(f"/staff/consultations/{consultation_id}/events")
    assert page.status == 200, page.text()[:300]
    return post_form(editor, page, f"/staff/consultations/{consultation_id}/events", event_answers(**overrides),
                     form_id="add-event-form")


def unfold(text: str) -> list[str]:
    """RFC 5545 3.1: every line ends CRLF, is at most 75 octets, and a line starting with a space continues
    the one before."""
    assert text.endswith("\r\n")
    raw = text.split("\r\n")[:-1]
    lines: list[str] = []
    for line in raw:
        assert len(line.encode("utf-8")) <= 75, line
        assert "\n" not in line and "\r" not in line
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            assert char not in ";,", f"unescaped {char!r} in {value!r}"
            out.append(char)
    return "".join(out)


def parse_calendar(text: str) -> dict[str, str]:
    """The VEVENT's properties (name -> unescaped value); checks the structure on the way."""
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    start, end = lines.index("BEGIN:VEVENT"), lines.index("END:VEVENT")
    found = {}
    for line in lines[start + 1:end]:
        name, _, value = line.partition(":")
        found[name] = unescape(value) if name in ("SUMMARY", "LOCATION", "DESCRIPTION") else value
    return found
