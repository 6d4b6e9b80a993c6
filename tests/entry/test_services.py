"""The checks and the storing behind the data-entry page, without a request."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from consult.auth.services import create_staff
from consult.entry import services
from consult.extensions import db
from consult.loading import load_consultation
from consult.models import Answer, Response
from consult.respond.services import store_response
from tests.entry.conftest import SLUG, full_answers, make_repairs


@pytest.fixture
def ctx(app):
    """An app context with the consultation loaded, its English texts and a member of staff."""
    with app.test_request_context():
        made = make_repairs()
        clerk = create_staff("clerk@example.org", "a long enough password", "editor")
        db.session.commit()
        consultation = load_consultation(SLUG)
        yield {"made": made, "consultation": consultation, "clerk": clerk,
               "texts": services.load_texts(consultation, "en")}


def _raw(made, **changes) -> dict[str, list[str]]:
    """Form-style answers (q<id>: value) as a journey's raw answers ({"<id>": [values]})."""
    raw = {}
    for name, value in full_answers(made, **changes).items():
        if value is None:
            continue
        raw[name[1:]] = value if isinstance(value, list) else [value]
    return raw


def _check(ctx, confirmed=frozenset(), **changes):
    return services.check_answers(ctx["consultation"], _raw(ctx["made"], **changes), ctx["texts"], confirmed)


def _q(ctx, number: int) -> str:
    return f"q{ctx['made']['q'][number - 1]}"


def _entry(check, number: int):
    return check.entries[number - 1]


def test_a_full_form_is_ready_with_clean_values(ctx):
    check = _check(ctx)
    assert check.ready and not check.errors and not check.blanks
    made = ctx["made"]
    assert check.values() == {
        made["q"][0]: made["yes"], made["q"][1]: made["often"], made["q"][2]: [made["monday"], made["friday"]],
        made["q"][3]: made["agree"], made["q"][4]: 3, made["q"][5]: "Llanfair", made["q"][6]: "Faster visits",
    }


def test_the_types_own_rules_apply(ctx):
    check = _check(ctx, **{_q(ctx, 5): "51", _q(ctx, 6): "x" * 41})
    assert not check.ready
    assert _entry(check, 5).error == "Enter a number from 0 to 50"
    assert _entry(check, 6).error == "Your answer must be 40 characters or fewer"
    assert [entry.number for entry in check.errors] == [5, 6]
    # What was typed stays, to be shown again.
    assert _entry(check, 5).raw == ["51"] and _entry(check, 6).raw == ["x" * 41]
    exclusive = _check(ctx, **{_q(ctx, 3): [str(ctx["made"]["monday"]), str(ctx["made"]["none"])]})
    assert "must be chosen on its own" in _entry(exclusive, 3).error


def test_an_answer_to_a_question_not_asked_is_refused_in_the_forms_words(ctx):
    check = _check(ctx, **{_q(ctx, 1): str(ctx["made"]["no"])})
    entry = _entry(check, 2)
    assert not entry.asked and not check.ready
    assert entry.error == ("This question is only for people who ticked “Yes” at question 1. "
                           "Leave it empty, or correct question 1")
    assert entry.condition.hint == "Only answer this question if you ticked “Yes” at question 1."
    # Cleared (the "No answer on the form" radio sends an empty value): nothing is stored for it.
    cleared = _check(ctx, **{_q(ctx, 1): str(ctx["made"]["no"]), _q(ctx, 2): ""})
    assert cleared.ready and ctx["made"]["q"][1] not in cleared.values()


def test_a_question_not_asked_is_never_a_blank(ctx):
    check = _check(ctx, **{_q(ctx, 1): str(ctx["made"]["no"]), _q(ctx, 2): None})
    assert check.ready and not check.blanks


def test_required_blanks_must_be_confirmed_and_optional_ones_need_not(ctx):
    check = _check(ctx, **{_q(ctx, 4): None, _q(ctx, 5): "", _q(ctx, 7): ""})
    assert [entry.number for entry in check.blanks] == [4, 5]
    assert not check.errors and not check.ready
    ids = frozenset(check.blank_ids)
    confirmed = _check(ctx, ids, **{_q(ctx, 4): None, _q(ctx, 5): "", _q(ctx, 7): ""})
    assert confirmed.ready and not confirmed.unconfirmed_blanks
    assert set(confirmed.values()) == set(ctx["made"]["q"][:3]) | {ctx["made"]["q"][5]}
    # Confirming question 4 alone does not cover a new gap at question 5.
    partly = _check(ctx, frozenset({ctx["made"]["q"][3]}), **{_q(ctx, 4): None, _q(ctx, 5): ""})
    assert [entry.number for entry in partly.unconfirmed_blanks] == [5]


def test_a_form_with_nothing_on_it_is_not_ready(ctx):
    everything_blank = {name: None for name in full_answers(ctx["made"])}
    check = _check(ctx, frozenset(ctx["made"]["q"]), **everything_blank)
    assert check.nothing_entered and not check.ready
    # "No answer on the form" chosen everywhere is nothing entered too.
    assert _check(ctx, frozenset(ctx["made"]["q"]), **{name: "" for name in everything_blank}).nothing_entered


def test_read_confirmed_blanks_takes_only_ids():
    assert services.read_confirmed_blanks("12, 15,x,,-3,99999999999999") == {12, 15}
    assert services.read_confirmed_blanks(None) == frozenset()


def test_the_date_on_the_form_becomes_midday_uk_time(app):
    with app.app_context():
        now = datetime(2027, 7, 10, 9, 30)  # 10:30 in London (summer time)
        assert services.answered_at(None, now) == now
        assert services.answered_at(date(2027, 7, 10), now) == now
        assert services.answered_at(date(2027, 7, 1), now) == datetime(2027, 7, 1, 11, 0)
        assert services.answered_at(date(2027, 1, 5), now) == datetime(2027, 1, 5, 12, 0)
        # Just after midnight in London is still the previous day in UTC.
        assert services.local_today(datetime(2027, 7, 9, 23, 30)) == date(2027, 7, 10)


def _enter(ctx, key="k" * 43, **kwargs):
    options = {"channel": "phone", "language": "cy", "staff_id": ctx["clerk"].id, "helped_by": "Daughter",
               "day": None}
    options.update(kwargs)
    return services.enter_response(ctx["consultation"], _check(ctx), key=key, **options)


def test_enter_response_stores_who_how_and_the_answers(ctx):
    entered = _enter(ctx, day=date(2020, 1, 6))
    db.session.commit()
    response = db.session.get(Response, entered.response.id)
    assert entered.created
    assert (response.channel, response.language, response.register) == ("phone", "cy", "standard")
    assert response.entered_by_id == ctx["clerk"].id and response.helped_by == "Daughter"
    assert response.submitted_at == response.started_at == datetime(2020, 1, 6, 12, 0)
    assert response.idempotency_key == "k" * 43
    rows = db.session.scalars(select(Answer).where(Answer.response_id == response.id)).all()
    assert len(rows) == 8  # seven questions, two days ticked


def test_enter_response_stores_exactly_once_per_key(ctx):
    first = _enter(ctx)
    second = _enter(ctx)
    db.session.commit()
    assert first.created and not second.created
    assert second.response.id == first.response.id
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 8


def test_a_key_used_by_someone_else_is_refused(ctx):
    _enter(ctx)
    other = create_staff("other@example.org", "a long enough password", "editor")
    with pytest.raises(services.KeyInUse):
        _enter(ctx, staff_id=other.id)


def test_store_response_gives_back_the_one_stored_when_the_key_slipped_past(ctx):
    """Two requests checked for the key at once: the database's unique key decides."""
    first = _enter(ctx)
    again, created = store_response(ctx["consultation"], ctx["consultation"].questions, {}, key="k" * 43,
                                    channel="paper", language="en", register="standard",
                                    started_at=datetime(2027, 1, 1))
    assert not created and again.id == first.response.id
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_staff_never_enter_online_responses_nor_unchecked_forms(ctx):
    with pytest.raises(ValueError):
        _enter(ctx, channel="online")
    blank = services.check_answers(ctx["consultation"], {}, ctx["texts"])
    with pytest.raises(ValueError):
        services.enter_response(ctx["consultation"], blank, key="b" * 43, channel="paper", language="en",
                                staff_id=ctx["clerk"].id)


def test_only_published_open_or_closed_consultations_take_entries(app):
    with app.app_context():
        made = {state: make_repairs(slug=f"r-{state}", **settings) for state, settings in {
            "draft": {"status": "draft"}, "scheduled": {"opens_in_days": 3},
            "open": {}, "closed": {"closes_in_days": -1},
        }.items()}
        for state in made:
            consultation = load_consultation(f"r-{state}")
            assert consultation.state() == state
            assert services.may_enter(consultation) is (state in ("open", "closed"))
