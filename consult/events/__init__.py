"""Events in the room: drop-ins and meetings, listed on the start page and posters with an .ics file each.

Staff keep a consultation's events on a builder sub-page (``routes``). A kiosk started "at an event"
gives each response sent on it that event (``hooks``, registered on the resident journey).
"""

from __future__ import annotations


def init_app(app, register_hooks) -> None:
    """Register the journey's hooks with ``register_hooks`` (consult.respond.device_hooks.register,
    passed in by the app's set-up so this package needs nothing from respond). Call before
    ``consult.kiosk.init_app``: the kiosk's hook deletes the draft after sending, and these read it first."""
    from consult.events.hooks import EventHooks

    register_hooks(app, EventHooks())
