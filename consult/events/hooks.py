"""The resident journey's hooks (consult.respond.device_hooks): a new draft takes the values from the
link the resident arrived by; a sent response keeps them, and, on a kiosk at an event, the event."""

from __future__ import annotations

from flask import has_request_context, session

from consult.events import prefill, services


class EventHooks:
    """What consult.respond.device_hooks asks of each registered object (not a subclass of its
    DeviceHooks: respond's pages reach the results, which import this package). None: "not me"."""

    def channel(self):
        return None

    def keep_days(self):
        return None

    def thank_you(self, view):
        return None
    def claim_draft(self, draft) -> None:
        if has_request_context():
            prefill.claim_for_draft(session, draft)

    def after_submit(self, draft) -> None:
        if draft.response_id is None:
            return
        prefill.keep_with_response(draft)
        if draft.kiosk_session_id is None:
            return
        event_id = services.event_of_kiosk(draft.kiosk_session_id)
        if event_id is not None:
            services.record_response_event(draft.response_id, event_id)
