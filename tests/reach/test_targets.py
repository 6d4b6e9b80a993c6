"""Expected shares: reading what staff type (pure), and the page that saves them (editors only,
clear messages, CSRF, audited)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry, ReachTarget
from consult.reach.targets import (
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    QuestionGroups,
    field_name,
    parse_share,
    read_shares,
    shown,
)
from tests.html_checks import assert_well_formed
from tests.reach.conftest import SLUG

EXPECTED = f"/staff/results/{SLUG}/reach/expected"


@pytest.mark.parametrize("typed, share", [
    ("12", Decimal("12.00")), ("12.5", Decimal("12.50")), ("12,5", Decimal("12.50")), (" 7 % ", Decimal("7.00")),
    ("0", Decimal("0.00")), ("100", Decimal("100.00")), (".5", Decimal("0.50")), ("33.333", Decimal("33.33")),
    ("33,335", Decimal("33.34")), ("1 000", None), ("", None), ("   ", None),
])
def test_reading_a_share(typed, share):
    value, problem = parse_share(typed)
    if typed.strip() and share is None:
        assert problem == OUT_OF_RANGE  # "1 000" reads as 1000
    else:
        assert (value, problem) == (share, None)


@pytest.mark.parametrize("typed, problem", [
    ("abc", NOT_A_NUMBER), ("12.5.1", NOT_A_NUMBER), ("1e2", NOT_A_NUMBER), ("twelve", NOT_A_NUMBER),
    ("100.01", OUT_OF_RANGE), ("-1", OUT_OF_RANGE), ("250", OUT_OF_RANGE),
])
def test_shares_that_cannot_be_used(typed, problem):
    assert parse_share(typed) == (None, problem)


def test_a_question_may_add_up_to_less_than_100_but_not_more():
    questions = [QuestionGroups(1, (10, 11, 12)), QuestionGroups(2, (20, 21))]
    typed = read_shares({"share-10": "50", "share-11": "30", "share-12": "", "share-20": "60,5", "share-21": "40"},
                        questions)
    assert typed.shares == {10: Decimal(50), 11: Decimal(30), 12: None, 20: Decimal("60.5"), 21: Decimal(40)}
    assert typed.over == {2: Decimal("100.5")} and not typed.ok
    assert read_shares({"share-20": "60", "share-21": "40"}, questions).ok


def test_shares_are_shown_back_plainly():
    assert [shown(value) for value in (None, Decimal("30.00"), Decimal("12.50"), Decimal("0.00"))] == [
        "", "30", "12.5", "0"]
    assert field_name(7) == "share-7"


def _form_values(page) -> dict[str, str]:
    return {control["name"]: control.get("value", "") for control in page.soup.select("form input.input")}


def test_the_page_lists_each_group_but_not_prefer_not_to_say(editor, survey):
    page = editor.get(EXPECTED)
    assert page.status == 200
    assert_well_formed(page)
    assert page.h1 == "Who do you want to hear from?"
    age = page.soup.find("fieldset")
    assert age.find("legend").get_text(strip=True) == "How old are you?"
    labels = [label.get_text(" ", strip=True) for label in age.find_all("label")]
    assert labels[0] == "Under 18 (per cent)" and len(labels) == 9
    assert not any("Prefer not to say" in label for label in labels)
    # The example's shares, shown as typed numbers.
    assert [_form_values(page)[field_name(option)] for option in survey["groups"]] == [
        "2", "6", "10", "12", "14", "16", "16", "18", "4"]
    assert len(page.soup.find_all("fieldset")) == 5


def test_saving_shares_with_a_dot_or_a_comma_and_clearing_one(app, editor, survey):
    page = editor.get(EXPECTED)
    groups = survey["groups"]
    answers = {field_name(groups[0]): "2,5", field_name(groups[1]): "", field_name(groups[8]): "3.25%"}
    done = editor.submit(page, answers)
    assert done.status == 200 and done.path == f"/staff/results/{SLUG}/reach"
    assert "Expected shares saved." in done.text()
    with app.app_context():
        saved = {target.option_id: target.expected_percent for target in db.session.scalars(select(ReachTarget))}
        assert saved[groups[0]] == 2.5 and groups[1] not in saved and saved[groups[8]] == 3.25
        assert saved[groups[7]] == 18
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "consultation.reach_targets_changed"))
        assert entry.detail == f"{SLUG}: 3 changed" and entry.staff_email == "editor@example.org"
    page = editor.get(EXPECTED)
    assert page.soup.find(id=field_name(groups[0]))["value"] == "2.5"
    # Saving again with nothing changed says so in no log.
    editor.submit(page)
    with app.app_context():
        assert len(db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "consultation.reach_targets_changed")).all()) == 1


def test_mistakes_are_explained_beside_each_field(app, editor, survey):
    page = editor.get(EXPECTED)
    groups = survey["groups"]
    answers = {field_name(groups[0]): "lots", field_name(groups[1]): "120"}
    page = editor.submit(page, answers)
    assert page.status == 422
    assert_well_formed(page)
    assert page.title.startswith("Error: ")
    summary = [(link.get_text(strip=True), link["href"]) for link in page.soup.select(".error-summary a")]
    assert summary == [
        ("Enter the share for “Under 18” as a number from 0 to 100, like 12 or 12.5", f"#{field_name(groups[0])}"),
        ("The share for “18 to 24” must be from 0 to 100", f"#{field_name(groups[1])}"),
    ]
    field = page.soup.find(id=field_name(groups[0]))
    assert field["value"] == "lots" and field["aria-describedby"] == f"{field_name(groups[0])}-error"
    # Nothing was saved.
    with app.app_context():
        assert db.session.scalar(select(ReachTarget).where(ReachTarget.option_id == groups[0])).expected_percent == 2


def test_shares_adding_up_to_more_than_100(app, editor, survey):
    page = editor.get(EXPECTED)
    page = editor.submit(page, {field_name(survey["groups"][0]): "40"})  # 98 - 2 + 40 = 136
    assert page.status == 422
    message = "The shares for “How old are you?” add up to 136%. Together they can be 100% at most."
    assert [link.get_text(strip=True) for link in page.soup.select(".error-summary a")] == [message]
    assert page.soup.select_one(".error-summary a")["href"] == f"#{field_name(survey['groups'][0])}"
    fieldset = page.soup.find("fieldset")
    assert message in fieldset.get_text(" ", strip=True)
    assert fieldset["aria-describedby"] == f"question-{survey['age']}-error"


def test_editors_only_and_csrf(app, editor, analyst, survey):
    assert analyst.get(EXPECTED).status == 403
    assert editor.client.post(EXPECTED, data={field_name(survey["groups"][0]): "50"}).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(ReachTarget).where(ReachTarget.option_id == survey["groups"][0])) \
            .expected_percent == 2
