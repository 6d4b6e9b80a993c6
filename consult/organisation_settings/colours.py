"""Colour contrast, as WCAG 2.2 measures it (relative luminance, contrast ratio)."""

from __future__ import annotations

import re

HEADER_TEXT = "#ffffff"  # the header's words and links are white on the brand colour
MINIMUM_CONTRAST = 4.5  # WCAG 1.4.3, normal-size text

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def parse_colour(value: str) -> str | None:
    """"#1D4D3F", "1d4d3f" or "#abc" as "#1d4d3f"; None when it is not a colour we can read."""
    found = _HEX.match((value or "").strip())
    if not found:
        return None
    digits = found.group(1).lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def _channel(value: int) -> float:
    share = value / 255
    return share / 12.92 if share <= 0.04045 else ((share + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker(colour: str, share: float = 0.7) -> str:
    """The same colour, darker: the line under the header."""
    channels = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return "#" + "".join(f"{round(channel * share):02x}" for channel in channels)
