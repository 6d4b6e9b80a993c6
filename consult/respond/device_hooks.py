"""What the resident journey asks of the device it runs on, for packages that change it (the kiosk).

The journey knows nothing of kiosks: a package registers a hooks object on the app with
``register(app, hooks)``, and the journey asks each registered object in turn. With none registered
the journey is the ordinary one: answers arrive "online", drafts live ``DRAFT_DAYS``, and the
confirmation page shows the reference.
"""

from __future__ import annotations

from flask import current_app

_KEY = "respond_device_hooks"


class DeviceHooks:
    """The ordinary device. Subclasses override what they change; each method says "not me" with None."""

    def channel(self) -> str | None:
        """How answers from this device arrive ("event"), or None."""
        return None

    def keep_days(self) -> float | None:
        """How long a draft started here lives, in days, or None."""
        return None

    def claim_draft(self, draft) -> None:
        """A new draft was started on this device."""

    def after_submit(self, draft) -> None:
        """The draft's answers were just sent."""

    def thank_you(self, view):
        """The page shown instead of the confirmation, or None."""
        return None


def register(app, hooks: DeviceHooks) -> None:
    app.extensions.setdefault(_KEY, []).append(hooks)


def _registered() -> list[DeviceHooks]:
    return current_app.extensions.get(_KEY, [])


def _first(method: str, *args):
    for hooks in _registered():
        value = getattr(hooks, method)(*args)
        if value is not None:
            return value
    return None


def channel() -> str:
    return _first("channel") or "online"


def keep_days() -> float:
    return _first("keep_days") or current_app.config["DRAFT_DAYS"]


def claim_draft(draft) -> None:
    for hooks in _registered():
        hooks.claim_draft(draft)


def after_submit(draft) -> None:
    for hooks in _registered():
        hooks.after_submit(draft)


def thank_you(view):
    return _first("thank_you", view)
