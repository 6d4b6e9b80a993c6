"""The contact-request services: linking rules and times (with the database), counting and CSV rows
(pure functions, no app)."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from consult.contact import services
from consult.extensions import db
from consult.models import Consultation, Response
from consult.results.exports import neutralise

NOW = datetime(2027, 3, 5, 14, 37, 12, 345678)


# -- pure functions ----------------------------------------------------------------------------

def test_counts_list_every_format_in_order_even_when_none_asked():
    counts = services.count_by_format([["email", "large_print"], ["email"], [], ["email", "email"], None])
    assert list(counts) == ["easy_read", "large_print", "language", "audio", "bsl", "braille", "email", "post"]
    assert counts["email"] == 3 and counts["large_print"] == 1 and counts["braille"] == 0


def test_counts_ignore_values_that_are_not_formats():
    assert sum(services.count_by_format([["fax"], ["audio"]]).values()) == 1


def test_with_format_keeps_the_requests_that_ask_for_it():
    one, two, three = (SimpleNamespace(formats=f) for f in (["audio"], ["audio", "post"], []))
    assert services.with_format([one, two, three], "post") == [two]
    assert services.with_format([one, two, three], None) == [one, two, three]


def test_csv_rows_neutralise_every_text_cell():
    request = SimpleNamespace(created_at=NOW, formats=["audio", "language"], language="=cmd", name="+Name",
                              email="@example.org", phone="-123", address="\tStreet", other_needs="\rNote",
                              done_at=None)
    rows = list(services.csv_rows([request], ["=Header", "B"], lambda value: f"<{value}>",
                                  lambda moment: moment.date().isoformat(), neutralise))
    assert rows[0] == ["'=Header", "B"]
    assert rows[1] == ["2027-03-05", "<audio>; <language>", "'=cmd", "'+Name", "'@example.org", "'-123",
                       "'\tStreet", "'\rNote", ""]


# -- with the database -------------------------------------------------------------------------

def _response(consultation_id: int, submitted_at: datetime) -> Response:
    response = Response(consultation_id=consultation_id, reference=f"R{submitted_at:%H%M%S}-AAA",
                        idempotency_key=f"key-{submitted_at.isoformat()}", language="en",
                        started_at=submitted_at - timedelta(minutes=5), submitted_at=submitted_at)
    db.session.add(response)
    db.session.flush()
    return response


@pytest.mark.parametrize("anonymous", [True, False])
def test_only_a_named_consultation_links_recent_answers(app, demo, anonymous):
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        consultation.anonymous = anonymous
        response = _response(consultation.id, NOW - timedelta(minutes=2))
        made = services.create_contact_request(consultation, formats=["email", "audio"], email="a@example.org",
                                               response=response, now=NOW)
        assert made.response_id == (None if anonymous else response.id)
        assert made.formats == ["audio", "email"]  # the model's order
        # An anonymous request keeps the day only (as its midday, UK time); a named one the moment.
        assert made.created_at == (datetime(2027, 3, 5, 12, 0) if anonymous else NOW)


def test_answers_sent_long_ago_or_elsewhere_are_not_linked(app, demo):
    from consult.demo import CLOSED_SLUG
    from consult.loading import load_consultation

    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        consultation.anonymous = False
        old = _response(consultation.id, NOW - services.LINK_WINDOW - timedelta(seconds=1))
        other = _response(load_consultation(CLOSED_SLUG).id, NOW - timedelta(minutes=1))
        assert services.response_to_link(consultation, old, NOW) is None
        assert services.response_to_link(consultation, other, NOW) is None
        assert services.response_to_link(consultation, None, NOW) is None


def test_marking_done_and_forgetting_details(app, demo):
    with app.app_context():
        consultation = db.session.get(Consultation, demo["id"])
        done = services.create_contact_request(consultation, formats=["post"], name="A", address="1 Road",
                                               other_needs="Ring twice")
        waiting = services.create_contact_request(consultation, formats=["email"], email="b@example.org")
        assert services.mark_done(done, True, now=NOW) is True
        assert services.mark_done(done, True) is False  # already done: nothing changes
        assert done.done_at == NOW
        assert services.forget_done_details(consultation.id) == 1
        assert (done.name, done.address, done.other_needs, done.formats) == (None, None, None, ["post"])
        assert waiting.email == "b@example.org"
        assert services.forget_done_details(consultation.id) == 0
        assert services.mark_done(done, False) is True and done.done_at is None


def test_a_request_of_another_consultation_is_not_found(app, demo):
    from consult.demo import CLOSED_SLUG
    from consult.loading import load_consultation

    with app.app_context():
        made = services.create_contact_request(db.session.get(Consultation, demo["id"]), formats=["bsl"],
                                               phone="01234 567 890")
        assert services.find_request(demo["id"], made.key) is made
        assert services.find_request(load_consultation(CLOSED_SLUG).id, made.key) is None
