"""The words for each way of hearing back, in standard and easy-read wording.

The values are ``consult.models.contact.FORMATS``; this module only names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from consult.models.contact import FORMATS
from consult.translating import lazy_gettext as _l


@dataclass(frozen=True)
class FormatWords:
    value: str
    label: object  # lazy string: the standard words, which staff see too
    hint: object | None  # a few more words under the standard label
    easy: object  # easy read: one short phrase, no extra hint


_WORDS = {
    "easy_read": FormatWords("easy_read", _l("Easy read"), _l("Short, clear sentences with pictures"),
                             _l("Easy read: short sentences and pictures")),
    "large_print": FormatWords("large_print", _l("Large print"), _l("Big writing on paper"), _l("Big writing")),
    "language": FormatWords("language", _l("Welsh or another language"), None,
                            _l("Welsh or another language")),
    "audio": FormatWords("audio", _l("Audio"), _l("A recording you can listen to"),
                         _l("A recording to listen to")),
    "bsl": FormatWords("bsl", _l("British Sign Language (BSL)"), _l("A video in BSL"),
                       _l("A video in British Sign Language")),
    "braille": FormatWords("braille", _l("Braille"), None, _l("Raised dots to read with your fingers")),
    "email": FormatWords("email", _l("Email"), None, _l("An email")),
    "post": FormatWords("post", _l("Post"), _l("A letter to your address"), _l("A letter in the post")),
}

assert tuple(_WORDS) == FORMATS, "every format needs its words, in the model's order"


def format_words() -> list[FormatWords]:
    """Every format with its words, in the order the form shows them."""
    return [_WORDS[value] for value in FORMATS]


def format_name(value: str) -> str:
    """The standard name of a format, for staff pages and the CSV ("Large print")."""
    words = _WORDS.get(value)
    return str(words.label) if words else value
