"""Where a paper questionnaire goes back: the consultation's own address, else the organisation's.

``return_address(consultation)`` is what every printed questionnaire shows at its end. A
consultation may give its own postal address and a Freepost line (settings, consult/build); when it
gives no address, ``organisation_return_address`` is the one place that falls back on the
organisation's default (admins set it on /staff/organisation, consult/organisation.py). A Freepost
line alone is an address too: Royal Mail delivers "Freepost NAME" with nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReturnAddress:
    lines: tuple[str, ...]
    freepost: str | None = None

    @property
    def all_lines(self) -> tuple[str, ...]:
        """As it goes on the envelope: the Freepost line first, then the address."""
        return ((self.freepost,) if self.freepost else ()) + self.lines


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def organisation_return_address() -> tuple[str, ...]:
    """The organisation's default return address, a line each; () when admins have not given one."""
    from consult.organisation import organisation

    return tuple(organisation().return_address_lines)


def return_address(consultation) -> ReturnAddress | None:
    """The address printed for sending the questionnaire back, or None when there is none at all
    (then the questionnaire says to give it back to whoever handed it out)."""
    freepost = (consultation.freepost or "").strip() or None
    lines = _lines(consultation.postal_address) or organisation_return_address()
    if not lines and not freepost:
        return None
    return ReturnAddress(lines=lines, freepost=freepost)
