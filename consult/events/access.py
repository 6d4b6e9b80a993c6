"""The access a venue offers, in words for the form, the start page and easy read."""

from __future__ import annotations

from consult.models.event import ACCESS_FLAGS
from consult.translating import lazy_gettext as _l

# Standard words: short, as on a poster.
WORDS = {
    "step_free": _l("Step-free access"),
    "hearing_loop": _l("Hearing loop"),
    "bsl_interpreter": _l("British Sign Language (BSL) interpreter"),
    "parking": _l("Parking"),
    "accessible_toilet": _l("Accessible toilet"),
}

# Easy read: one sentence each, no jargon.
EASY_WORDS = {
    "step_free": _l("You can get in without steps."),
    "hearing_loop": _l("There is a hearing loop for hearing aids."),
    "bsl_interpreter": _l("There is a sign language interpreter."),
    "parking": _l("There is a car park."),
    "accessible_toilet": _l("There is a toilet for disabled people."),
}

# Easy read: the picture beside each (templates/components/easy_read.html names).
EASY_PICTURES = {
    "step_free": "done",
    "hearing_loop": "hear",
    "bsl_interpreter": "people",
    "parking": "done",
    "accessible_toilet": "done",
}

assert set(EASY_PICTURES) == set(WORDS)
assert set(WORDS) == set(EASY_WORDS) == set(ACCESS_FLAGS)


def access_words(flags, easy: bool = False) -> list[str]:
    table = EASY_WORDS if easy else WORDS
    return [str(table[flag]) for flag in flags]


def easy_access(flags) -> list[tuple[str, str]]:
    """(picture, easy words) for each flag."""
    return [(EASY_PICTURES[flag], str(EASY_WORDS[flag])) for flag in flags]
