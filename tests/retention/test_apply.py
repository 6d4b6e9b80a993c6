"""flask apply-retention: words people wrote and contact details go once a consultation's periods pass.

Built straight in the database (tests/results/analysis_data.py): a consultation with a free-text
question, a choice question with an "Other" box, an email question and a number, answered twice,
then closed on a known day. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from consult.contact.services import create_contact_request
from consult.extensions import db
from consult.models import Answer, AuditEntry, ContactRequest, RightsRequest
from consult.retention.apply import apply_retention
from consult.retention.rules import add_months, closed_at, removed_words, rule_for, set_rule
from tests.results.analysis_data import QuestionSpec, ResponseSpec, add_responses, make_consultation

CLOSED = datetime(2027, 5, 31, 22, 0)
MARKER = "Removed under the retention rule"


def _build(slug: str):
    consultation = make_consultation([
        QuestionSpec("long_text", prompt="What should change?"),
        QuestionSpec("single_choice", answers=["Buses", "Trains", "Other"], prompt="How do you travel?"),
        QuestionSpec("email", prompt="Your email address"),
        QuestionSpec("number", prompt="How many trips a week?"),
    ], slug=slug)
    other = consultation.questions[1].options[2]
    other.write_in = True
    consultation.closes_at = CLOSED
    sent = datetime(2027, 5, 1, 10, 0)
    add_responses(consultation, [
        ResponseSpec(sent, {0: "The 42 bus is always late", 1: [0], 2: "ann@example.org", 3: 4}),
        ResponseSpec(sent, {0: "More trains on Sundays", 1: [2], 2: "bob@example.org", 3: 2}),
    ])
    # The "Other" answer's words travel with its option.
    db.session.execute(db.update(Answer).where(Answer.option_id == other.id).values(text="By bike"))
    create_contact_request(consultation, formats=["email"], name="Ann", email="ann@example.org")
    db.session.commit()
    return consultation


def _texts(consultation) -> dict[int, list]:
    found: dict[int, list] = {}
    for question in consultation.questions:
        found[question.id] = sorted((a.text or "", a.option_id or 0, a.number or 0) for a in db.session.scalars(
            select(Answer).where(Answer.question_id == question.id)))
    return found


def _audits(action="retention.applied") -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert add_months(datetime(2027, 1, 31, 9), 1) == datetime(2027, 2, 28, 9)
    assert add_months(datetime(2027, 11, 15), 3) == datetime(2028, 2, 15)
    assert add_months(datetime(2028, 2, 29), 12) == datetime(2029, 2, 28)


def test_nothing_is_removed_before_the_periods_pass(app):
    with app.app_context():
        consultation = _build("before")
        before = _texts(consultation)
        report = apply_retention(now=datetime(2027, 5, 30))  # still open
        assert not report.changed
        report = apply_retention(now=add_months(CLOSED, 6) - (add_months(CLOSED, 6) - CLOSED) / 1000)
        db.session.commit()
        assert not report.changed
        assert _texts(consultation) == before
        assert _audits() == []


def test_after_the_contact_period_contact_details_go_and_written_words_stay(app):
    with app.app_context():
        consultation = _build("contact-period")
        assert rule_for(consultation).contact_months == 6 and rule_for(consultation).free_text_months == 24
        report = apply_retention(now=add_months(CLOSED, 6))
        db.session.commit()
        [removal] = report.removals
        assert (removal.written_answers, removal.personal_answers, removal.contact_requests) == (0, 2, 1)
        texts = _texts(consultation)
        email, words = consultation.questions[2], consultation.questions[0]
        assert [text for text, _o, _n in texts[email.id]] == [MARKER, MARKER]
        assert "The 42 bus is always late" in [text for text, _o, _n in texts[words.id]]
        request = db.session.scalar(select(ContactRequest))
        assert (request.name, request.email, request.formats) == (None, None, ["email"])


def test_after_both_periods_written_words_go_and_every_count_still_adds_up(app):
    with app.app_context():
        consultation = _build("both-periods")
        before = _texts(consultation)
        report = apply_retention(now=add_months(CLOSED, 24))
        db.session.commit()
        [removal] = report.removals
        # Two free-text answers and the "Other" box's words; two email addresses; one contact request.
        assert (removal.written_answers, removal.personal_answers, removal.contact_requests) == (3, 2, 1)
        after = _texts(consultation)
        for question in consultation.questions:
            # The same rows, the same options and numbers: only words changed.
            assert len(after[question.id]) == len(before[question.id])
            assert [row[1:] for row in after[question.id]] == [row[1:] for row in before[question.id]]
        choice, number = consultation.questions[1], consultation.questions[3]
        assert after[number.id] == before[number.id]
        assert sorted(text for text, _o, _n in after[choice.id]) == ["", MARKER]
        assert all(text == MARKER for text, _o, _n in after[consultation.questions[0].id])
        # Counts only in the audit log, never the words.
        [entry] = _audits()
        assert "3 written answers" in entry.detail and "2 personal-data answers" in entry.detail
        for words in ("42 bus", "Sundays", "bike", "example.org", "Ann"):
            assert words not in entry.detail
        assert entry.staff_id is None


def test_running_it_again_changes_nothing_and_logs_nothing(app):
    with app.app_context():
        consultation = _build("twice")
        when = add_months(CLOSED, 30)
        assert apply_retention(now=when).changed
        db.session.commit()
        after_first = _texts(consultation)
        report = apply_retention(now=when)
        db.session.commit()
        assert not report.changed and report.removals == []
        assert _texts(consultation) == after_first
        assert len(_audits()) == 1


def test_other_consultations_are_untouched(app):
    with app.app_context():
        closed = _build("closed-one")
        still_open = _build("open-one")
        still_open.closes_at = datetime(2030, 1, 1)
        own_rule = _build("own-rule")
        set_rule(own_rule, free_text_months=36, contact_months=30)
        db.session.commit()
        untouched = {c.id: _texts(c) for c in (still_open, own_rule)}
        report = apply_retention(now=add_months(CLOSED, 25))
        db.session.commit()
        assert [removal.slug for removal in report.removals] == ["closed-one"]
        for c in (still_open, own_rule):
            assert _texts(c) == untouched[c.id]
        assert all(text == MARKER for text, _o, _n in _texts(closed)[closed.questions[0].id])
        # Their contact requests keep their details.
        kept = db.session.scalars(select(ContactRequest).where(ContactRequest.consultation_id != closed.id)).all()
        assert len(kept) == 2 and all(request.email for request in kept)


def test_a_consultation_closed_early_counts_from_the_day_it_closed(app):
    with app.app_context():
        consultation = _build("closed-early")
        consultation.closes_at = datetime(2027, 12, 31)
        consultation.closed_at = CLOSED
        db.session.commit()
        assert closed_at(consultation, datetime(2027, 6, 2)) == CLOSED
        report = apply_retention(now=add_months(CLOSED, 6))
        assert [removal.personal_answers for removal in report.removals] == [2]


def test_a_consultations_own_periods_are_used(app):
    with app.app_context():
        consultation = _build("own-periods")
        set_rule(consultation, free_text_months=1, contact_months=2)
        db.session.commit()
        assert consultation.retention_free_text_months == 1
        report = apply_retention(now=add_months(CLOSED, 1))
        assert [(r.written_answers, r.personal_answers) for r in report.removals] == [(3, 0)]
        # Equal to the default: stored empty, so it follows the default.
        set_rule(consultation, free_text_months=24, contact_months=None)
        assert (consultation.retention_free_text_months, consultation.retention_contact_months) == (None, None)
        with pytest.raises(ValueError):
            set_rule(consultation, free_text_months=121, contact_months=6)


def test_the_marker_is_in_the_consultations_language(app):
    with app.app_context():
        assert removed_words("en") == MARKER
        assert removed_words("xx") == MARKER  # no interface in that language: English


def test_a_rights_request_forgets_how_to_reply_a_while_after_it_is_done(app):
    with app.app_context():
        db.session.add(RightsRequest(kind="copy", reference="AAA-BBB-CCC", language="en",
                                     reply_to="ann@example.org", created_at=datetime(2027, 1, 1),
                                     done_at=datetime(2027, 1, 10)))
        db.session.add(RightsRequest(kind="copy", reference="AAA-BBB-DDD", language="en",
                                     reply_to="bob@example.org", created_at=datetime(2027, 1, 1)))
        db.session.commit()
        assert apply_retention(now=datetime(2027, 2, 8)).rights_replies_forgotten == 0
        report = apply_retention(now=datetime(2027, 2, 9, 1))
        db.session.commit()
        assert report.rights_replies_forgotten == 1
        replies = dict(db.session.execute(select(RightsRequest.reference, RightsRequest.reply_to)).all())
        assert replies == {"AAA-BBB-CCC": None, "AAA-BBB-DDD": "bob@example.org"}
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "retention.rights_replies_forgotten")) == 1


def test_the_command_runs_and_says_what_it_did(app):
    from consult.models._time import utcnow

    with app.app_context():
        consultation = _build("by-command")
        # Closed 30 months before today, by the real clock the command reads.
        consultation.closes_at = add_months(utcnow(), -30)
        consultation.opens_at = add_months(utcnow(), -32)
        db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["apply-retention"])
    assert result.exit_code == 0, result.output
    assert "by-command: 3 written answers and 2 personal-data answers removed, 1 contact requests' details deleted" \
        in result.output
    again = runner.invoke(args=["apply-retention"])
    assert again.exit_code == 0 and again.output.strip() == "Nothing was due; nothing changed."
    with app.app_context():
        assert len(_audits()) == 1


def test_results_pages_show_why_the_words_are_gone(app, signed_in):
    with app.app_context():
        consultation = _build("results-after")
        slug, question_id = consultation.slug, consultation.questions[0].id
        apply_retention(now=add_months(CLOSED, 24))
        db.session.commit()
    analyst = signed_in("analyst")
    page = analyst.get(f"/staff/results/{slug}/questions/{question_id}/answers")
    assert page.status == 200
    assert page.text().count(MARKER) >= 2
    assert "42 bus" not in page.text() and "Sundays" not in page.text()
    exported = analyst.client.get(f"/staff/results/{slug}/export.csv").get_data(as_text=True)
    assert MARKER in exported and "ann@example.org" not in exported and "By bike" not in exported
