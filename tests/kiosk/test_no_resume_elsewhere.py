"""A draft made on a shared kiosk is never carried on elsewhere: its token and code open nothing."""

from __future__ import annotations

from tests.helpers import Resident
from tests.kiosk.support import SLUG, answer_up_to, drafts, start_kiosk


def test_a_kiosk_draft_cannot_be_resumed_on_another_device(app, signed_in, demo, staff):
    device = start_kiosk(signed_in, demo["id"])
    answer_up_to(device, 2)
    [draft] = drafts(app)
    assert draft.kiosk_session_id is not None

    elsewhere = Resident(app.test_client())
    by_link = elsewhere.get(f"/c/{SLUG}/resume/{draft.token}")
    assert by_link.status == 404
    assert not elsewhere.client.get_cookie("session") or draft.token not in str(elsewhere.client.get_cookie("session").value)
    by_code = elsewhere.submit(elsewhere.get(f"/c/{SLUG}/resume"), {"code": draft.code})
    assert by_code.status == 422 and by_code.path == f"/c/{SLUG}/resume"
    # Neither way got in: the questions still send this browser to the start.
    assert elsewhere.get(f"/c/{SLUG}/q/1").path == f"/c/{SLUG}"
