"""The next events in the room on the poster (three) and the flyer (one), still on one page."""

from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import Consultation
from tests import pdf_reader
from tests.events.support import add_event

PUBLIC_URL = "https://consult.example.org"


@pytest.mark.parametrize("kind", ["poster", "flyer"])
def test_the_poster_lists_the_next_events(app, signed_in, demo, kind):
    app.config["PUBLIC_URL"] = PUBLIC_URL
    with app.app_context():
        db.session.get(Consultation, demo["id"]).contact_phone = "01234 567 890"
        db.session.commit()
    editor = signed_in("editor")
    add_event(editor, demo["id"], place="Village hall, Station Road", access=("step_free",))
    add_event(editor, demo["id"], place="Town library", starts="14:00", ends="16:00", access=())
    response = app.test_client().get(f"/c/{demo['slug']}/print/en/{kind}.pdf")
    assert response.status_code == 200
    # A line may break after a hyphen: "Step- free" in the extracted text.
    text = " ".join(pdf_reader.text_of(response.data).split()).replace("- ", "-")
    assert "Come and talk to us" in text
    assert "Village hall, Station Road" in text and "(Step-free access)" in text
    if kind == "poster":
        assert "Town library" in text and "14:00 to 16:00" in text
    else:  # an A5 flyer has room for the next one only
        assert "Town library" not in text
    assert pdf_reader.page_count(response.data) == 1


def test_no_events_no_block(app, demo):
    app.config["PUBLIC_URL"] = PUBLIC_URL
    response = app.test_client().get(f"/c/{demo['slug']}/print/en/poster.pdf")
    assert "Come and talk to us" not in pdf_reader.text_of(response.data)
