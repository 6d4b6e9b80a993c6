"""Typing forms in: what is stored, the messages when something is wrong, and exactly-once saving."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Answer, AuditEntry, Response, StaffUser
from consult.models._time import utcnow
from tests.entry.conftest import PAGE, SLUG, full_answers
from tests.html_checks import assert_well_formed

LONDON = ZoneInfo("Europe/London")


def to_local(stored):
    return stored.replace(tzinfo=timezone.utc).astimezone(LONDON)


def _today() -> date:
    return to_local(utcnow()).date()


def _responses(app) -> list[Response]:
    with app.app_context():
        found = db.session.scalars(select(Response).order_by(Response.id)).all()
        db.session.expunge_all()
        return found


def _summary(page) -> list[str]:
    return [" ".join(a.get_text(" ", strip=True).split()) for a in page.soup.select(".error-summary a")]


def _message(page, name: str) -> str:
    found = page.soup.find(id=f"{name}-error")
    return " ".join(found.get_text(" ", strip=True).split()) if found else ""


def _q(made, number: int) -> str:
    return f"q{made['q'][number - 1]}"


def test_a_paper_form_is_stored_as_typed_in_by_staff(app, editor, repairs):
    page = editor.get(PAGE)
    done = editor.submit(page, {"channel": "paper", "helped_by": " Sam, support worker ",
                                **full_answers(repairs)})
    assert done.status == 200 and done.path.startswith(PAGE + "?after=")
    [response] = _responses(app)
    with app.app_context():
        staff = db.session.scalar(select(StaffUser).where(StaffUser.email == "editor@example.org"))
        answers = db.session.scalar(select(func.count()).select_from(Answer))
        audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "response.entered")).all()
    assert (response.channel, response.helped_by, response.entered_by_id) == ("paper", "Sam, support worker", staff.id)
    assert (response.language, response.register) == ("en", "standard")
    assert answers == 8
    # Audited, without answer text or the helper's name.
    [entry] = audit
    assert entry.subject_id == response.id and response.reference in entry.detail
    assert "Llanfair" not in entry.detail and "Faster" not in entry.detail and "Sam" not in entry.detail
    # The confirmation: the reference, the count, a link to read it back.
    notice = done.soup.select_one(".notice[role=status]")
    assert f"Saved as response {response.reference}." in notice.get_text(" ", strip=True)
    assert "You have entered 1 form in this sitting." in notice.get_text(" ", strip=True)
    assert notice.find("a")["href"] == f"/staff/results/{SLUG}/responses/{response.reference}"
    assert done.title.startswith(f"Saved response {response.reference}.")


def test_save_and_enter_another_keeps_how_who_and_when_and_counts_the_pile(app, editor, repairs):
    page = editor.get(PAGE)
    day = _today() - timedelta(days=3)
    page = editor.submit(page, {"channel": "event", "helped_by": "Interpreter", "filled_on": day.isoformat(),
                                **full_answers(repairs)})
    assert_well_formed(page)
    form = page.form()
    assert form.find("input", attrs={"name": "channel", "checked": True})["value"] == "event"
    assert form.find("input", attrs={"name": "helped_by"})["value"] == "Interpreter"
    assert form.find("input", attrs={"name": "filled_on"})["value"] == day.strftime("%d/%m/%Y")
    # ... but not the answers; and the first answer box has the focus for the next form.
    assert not form.find("input", attrs={"name": _q(repairs, 1), "checked": True})
    assert form.find("input", attrs={"name": _q(repairs, 6)})["value"] == ""
    assert form.find(attrs={"autofocus": True})["id"] == f"{_q(repairs, 1)}-{repairs['yes']}"
    page = editor.submit(page, full_answers(repairs))
    page = editor.submit(page, full_answers(repairs))
    assert "You have entered 3 forms in this sitting." in page.text()
    responses = _responses(app)
    assert [r.channel for r in responses] == ["event"] * 3
    assert {r.helped_by for r in responses} == {"Interpreter"}
    assert {to_local(r.submitted_at).date() for r in responses} == {day}
    assert len({r.idempotency_key for r in responses}) == 3


def test_save_and_finish_shows_the_response_as_typed_in_by_staff(app, editor, repairs):
    page = editor.get(PAGE)
    done = editor.submit(page, {"channel": "phone", "helped_by": "Her son", **full_answers(repairs)},
                         button="finish")
    [response] = _responses(app)
    assert done.path == f"/staff/results/{SLUG}/responses/{response.reference}"
    assert_well_formed(done)
    text = done.text()
    assert f"Response {response.reference} saved." in text and "You entered 1 form in this sitting." in text
    typed_in = done.soup.find(id="typed-in").get_text(" ", strip=True)
    assert "Typed in by editor@example.org from a phone call." in typed_in and "Her son" in typed_in
    assert "Llanfair" in text  # read back


def test_the_same_form_sent_twice_is_stored_once(app, editor, repairs):
    page = editor.get(PAGE)
    first = editor.submit(page, {"channel": "paper", **full_answers(repairs)})
    # A double click, or Back and send again: the same form, with the same key.
    again = editor.submit(page, {"channel": "paper", **full_answers(repairs)})
    [response] = _responses(app)
    assert f"already been saved as response {response.reference}. It was not saved twice." in again.text()
    assert "You have entered 1 form in this sitting." in again.text()
    assert "You have entered 1 form in this sitting." in first.text()
    finish = editor.submit(page, {"channel": "paper", **full_answers(repairs)}, button="finish")
    assert "It was not saved twice." in finish.text()
    assert len(_responses(app)) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "response.entered")) == 1


def test_bad_input_gets_clear_messages_and_keeps_everything_typed(app, editor, repairs):
    page = editor.get(PAGE)
    answers = full_answers(repairs, **{_q(repairs, 5): "51", _q(repairs, 6): "Llan" * 11,
                                       _q(repairs, 7): "<b>Keep</b> me"})
    refused = editor.submit(page, {"helped_by": "x" * 121, "filled_on": "31/02/2027", **answers})
    assert refused.status == 422
    assert_well_formed(refused)
    assert refused.title.startswith("Error:")
    assert _summary(refused) == [
        "Choose how these answers reached you",
        "Who helped must be 120 characters or fewer",
        "Enter the date as a day, month and year, like 25/03/2027",
        "Question 5: Enter a number from 0 to 50",
        "Question 6: Your answer must be 40 characters or fewer",
    ]
    assert _message(refused, _q(repairs, 5)) == "Error: Enter a number from 0 to 50"
    form = refused.form()
    assert form.find("input", attrs={"name": _q(repairs, 5)})["value"] == "51"
    assert form.find("input", attrs={"name": _q(repairs, 6)})["value"] == "Llan" * 11
    assert form.find("textarea").get_text() == "<b>Keep</b> me"
    assert "<b>Keep</b>" not in refused.html  # escaped, never markup
    assert form.find("input", attrs={"name": "helped_by"})["value"] == "x" * 121
    assert form.find("input", attrs={"name": "filled_on"})["value"] == "31/02/2027"
    assert {c["value"] for c in form.find_all("input", attrs={"name": _q(repairs, 3), "checked": True})} == {
        str(repairs["monday"]), str(repairs["friday"])}
    assert _responses(app) == []
    # Put right, with the same key: stored once.
    fixed = editor.submit(refused, {"channel": "paper", "helped_by": "", "filled_on": "",
                                    _q(repairs, 5): "5", _q(repairs, 6): "Llanfair"})
    assert "Saved as response" in fixed.text()
    [response] = _responses(app)
    assert to_local(response.submitted_at).date() == _today()


def test_the_date_cannot_be_in_the_future_or_before_opening(app, editor, repairs):
    today = _today()
    for day, message in ((today + timedelta(days=1), "The date cannot be in the future"),
                         (today - timedelta(days=30), "The consultation opened on")):
        page = editor.submit(editor.get(PAGE), {"channel": "paper", "filled_on": day.isoformat(),
                                                **full_answers(repairs)})
        assert page.status == 422 and _summary(page)[0].startswith(message)
    assert editor.submit(editor.get(PAGE), {"channel": "paper", "filled_on": today.strftime("%d/%m/%Y"),
                                            **full_answers(repairs)}).status == 200
    assert len(_responses(app)) == 1


def test_an_answer_to_a_question_the_person_skipped_is_refused_until_cleared(app, editor, repairs):
    page = editor.get(PAGE)
    answers = full_answers(repairs, **{_q(repairs, 1): str(repairs["no"])})
    refused = editor.submit(page, {"channel": "paper", **answers})
    assert refused.status == 422
    assert_well_formed(refused)
    expected = ("This question is only for people who ticked “Yes” at question 1. "
                "Leave it empty, or correct question 1")
    assert _summary(refused) == [f"Question 2: {expected}"]
    assert refused.soup.select_one(".error-summary a")["href"] == f"#{_q(repairs, 2)}-{repairs['often']}"
    assert _message(refused, _q(repairs, 2)) == f"Error: {expected}"
    assert _responses(app) == []
    # Cleared with "No answer on the form": saved, with nothing for question 2.
    saved = editor.submit(refused, {_q(repairs, 2): ""})
    assert "Saved as response" in saved.text()
    with app.app_context():
        asked = db.session.scalars(select(Answer.question_id)).all()
    assert repairs["q"][1] not in asked and repairs["q"][0] in asked


def test_blank_required_questions_are_recorded_as_no_answer_once_confirmed(app, editor, repairs):
    page = editor.get(PAGE)
    answers = full_answers(repairs, **{_q(repairs, 4): None, _q(repairs, 5): ""})
    answers = {name: value for name, value in answers.items() if value is not None}
    refused = editor.submit(page, {"channel": "paper", **answers})
    assert refused.status == 422
    assert_well_formed(refused)
    assert _summary(refused) == [
        "Questions 4 and 5 have no answer. Enter them, or tick the box to confirm the form leaves them blank"]
    assert refused.soup.select_one(".error-summary a")["href"] == "#blanks-checked"
    assert "tick the box below the questions" in _message(refused, _q(repairs, 4))
    box = refused.soup.find(id="blanks-checked")
    assert not box.has_attr("checked")
    label = refused.soup.find("label", attrs={"for": "blanks-checked"}).get_text(" ", strip=True)
    assert label == "I have checked: the form leaves questions 4 and 5 blank. Save them as “No answer”."
    assert _responses(app) == []
    saved = editor.submit(refused, {"blanks_checked": box["value"]})
    assert "Saved as response" in saved.text()
    with app.app_context():
        answered = set(db.session.scalars(select(Answer.question_id)).all())
    assert answered == set(repairs["q"]) - {repairs["q"][3], repairs["q"][4]}


def test_a_new_gap_needs_confirming_again(app, editor, repairs):
    page = editor.get(PAGE)
    refused = editor.submit(page, {"channel": "paper", **full_answers(repairs, **{_q(repairs, 5): ""})})
    box = refused.soup.find(id="blanks-checked")
    # Ticked for question 5, but question 6 was emptied too before sending.
    again = editor.submit(refused, {"blanks_checked": box["value"], _q(repairs, 6): ""})
    assert again.status == 422
    assert _summary(again) == [
        "Question 6 has no answer. Enter it, or tick the box to confirm the form leaves it blank"]
    assert _responses(app) == []


def test_an_empty_form_is_not_stored(app, editor, repairs):
    refused = editor.submit(editor.get(PAGE), {"channel": "paper"})
    assert refused.status == 422
    assert _summary(refused) == ["Enter the answers from the form: nothing has been entered yet"]
    assert refused.soup.find(id="blanks-checked") is None
    assert _responses(app) == []


def test_the_export_and_the_results_mark_staff_entered_responses(app, editor, analyst, repairs):
    editor.submit(editor.get(PAGE), {"channel": "phone", "helped_by": "=Carer", **full_answers(repairs)})
    [response] = _responses(app)
    exported = analyst.client.get(f"/staff/results/{SLUG}/export.csv")
    rows = list(csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig"), newline="")))
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row))
    assert cells["Reference"] == response.reference
    assert cells["Channel"] == "Phone" and cells["Typed in by staff"] == "Yes"
    assert cells["Helped by"] == "'=Carer"  # neutralised, as every export cell
    page = analyst.get(f"/staff/results/{SLUG}/responses/{response.reference}")
    typed_in = page.soup.find(id="typed-in").get_text(" ", strip=True)
    assert "Typed in by editor@example.org from a phone call." in typed_in
    listed = analyst.get(f"/staff/results/{SLUG}/responses")
    assert "Phone" in listed.soup.find("a", string=response.reference).find_parent("tr").get_text(" ", strip=True)


def test_online_responses_are_not_marked_as_typed_in(app, analyst, demo):
    from tests.demo_answers import answer_for
    from tests.helpers import Resident

    resident = Resident(app.test_client())
    page = resident.submit(resident.get(f"/c/{demo['slug']}"))
    for number in range(1, 9):
        page = resident.submit(page, answer_for(page, number))
    resident.submit(page)
    [response] = _responses(app)
    assert response.entered_by_id is None and response.channel == "online"
    page = analyst.get(f"/staff/results/{demo['slug']}/responses/{response.reference}")
    assert page.soup.find(id="typed-in") is None


def test_dates_on_the_form_are_kept_as_the_day_given(app, editor, repairs):
    day = _today() - timedelta(days=2)
    editor.submit(editor.get(PAGE), {"channel": "paper", "filled_on": day.strftime("%d/%m/%Y"),
                                     **full_answers(repairs)})
    [response] = _responses(app)
    assert to_local(response.submitted_at).date() == day
    assert to_local(response.submitted_at).hour == 12
