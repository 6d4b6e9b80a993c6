"""Cells for spreadsheets people open: nothing a person typed may run as a formula.

Every export (answers, contact requests, a resident's copy of their answers) passes its text cells
through ``neutralise``.
"""

from __future__ import annotations

# A spreadsheet reads a cell that starts with one of these as a formula (or the start of one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell that cannot run as a formula: text starting with = + - @ tab or CR gets a leading '.

    The only change is that one character, so the words stay readable and searchable. Numbers and
    dates are left alone: they are values we made ourselves, and a negative number must stay a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
