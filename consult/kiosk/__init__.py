"""Kiosk mode: one shared device in the room, one person after another, nothing left for the next.

The resident journey (consult/respond) knows nothing of kiosks: this package registers its hooks on
the journey (``consult.respond.device_hooks``) when the app is made. Each hook says "not me" (None)
when this device is not a kiosk, so the normal journey is unchanged.
"""

from __future__ import annotations

from consult.kiosk import device, services
from consult.kiosk.device import current
from consult.respond.device_hooks import DeviceHooks, register

__all__ = ["current", "KioskHooks", "init_app"]


class KioskHooks(DeviceHooks):
    def channel(self):
        """Answers given on a kiosk arrived "event"."""
        return "event" if current() is not None else None

    def keep_days(self):
        """A kiosk draft lives only as long as the device may sit idle."""
        kiosk = current()
        if kiosk is None:
            return None
        return services.idle_limit(kiosk).total_seconds() / 86400

    def claim_draft(self, draft):
        """A new draft belongs to this device's kiosk, so it can never be resumed elsewhere."""
        kiosk = current()
        if kiosk is not None:
            services.claim_draft(draft, kiosk)

    def after_submit(self, draft):
        """Once the answers are a response, the draft goes and the device shows only a thank-you."""
        if current() is not None:
            services.delete_draft(draft)
            device.thank_person()

    def thank_you(self, view):
        """The kiosk's thank-you page (no reference, no answers)."""
        if current() is None:
            return None
        from consult.kiosk.routes import thank_you_page

        return thank_you_page(view)


def init_app(app) -> None:
    register(app, KioskHooks())
