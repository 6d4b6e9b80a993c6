"""Kiosk mode: one shared device in the room, one person after another, nothing left for the next.

What the resident journey (consult/respond) asks of a kiosk, in one place. Every function is a
no-op (or says "online", or None) when this device is not a kiosk, so the normal journey is
unchanged.
"""

from __future__ import annotations

from consult.kiosk import device, services
from consult.kiosk.device import current

__all__ = ["current", "channel", "keep_days", "claim_draft", "after_submit", "thank_you"]


def channel() -> str:
    """How a response arrived: "event" on a kiosk, else "online"."""
    return "event" if current() is not None else "online"


def keep_days() -> float | None:
    """How long a kiosk draft lives (in days, for respond.services): the idle limit. None off a kiosk."""
    kiosk = current()
    if kiosk is None:
        return None
    return services.idle_limit(kiosk).total_seconds() / 86400


def claim_draft(draft) -> None:
    """Tie a new draft to this device's kiosk, if it is one."""
    kiosk = current()
    if kiosk is not None:
        services.claim_draft(draft, kiosk)


def after_submit(draft) -> None:
    """Once the answers are a response, the draft goes and the device shows only a thank-you."""
    if current() is not None:
        services.delete_draft(draft)
        device.thank_person()


def thank_you(view):
    """The kiosk's thank-you page (no reference, no answers), or None when this is not a kiosk."""
    if current() is None:
        return None
    from consult.kiosk.routes import thank_you_page

    return thank_you_page(view)
