"""The load test's verdict (tests/load/compare.py): what residents were told against what is stored.

Plain values only: no server, no database. ``make load`` runs the real thing.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal

from consult.questions.base import AnswerRow
from tests.load.compare import Told, lost_answers, read_told, row_key


def _rows(*rows: AnswerRow) -> Counter:
    return Counter(row_key(row) for row in rows)


TOLD = [Told("resident-1", "equipment-service", "ABCD-1234", {1: {"q1": "3"}, 6: {"q6": "tab A raced"}})]
EXPECTED = {"ABCD-1234": {1: _rows(AnswerRow(option_id=3)), 6: _rows(AnswerRow(text="tab A raced"))}}


def test_every_told_answer_stored_is_no_loss():
    assert lost_answers(TOLD, EXPECTED, {"ABCD-1234": dict(EXPECTED["ABCD-1234"])}) == []


def test_an_answer_missing_from_the_response_is_lost():
    # The classic lost update: the other tab's save overwrote this one with an older copy of the draft.
    stored = {"ABCD-1234": {1: _rows(AnswerRow(option_id=3))}}

    lost = lost_answers(TOLD, EXPECTED, stored)

    assert len(lost) == 1
    assert "resident-1" in lost[0] and "ABCD-1234" in lost[0] and "question 6" in lost[0]


def test_an_answer_stored_with_other_words_is_lost():
    stored = {"ABCD-1234": {1: _rows(AnswerRow(option_id=3)), 6: _rows(AnswerRow(text="tab B raced"))}}

    assert len(lost_answers(TOLD, EXPECTED, stored)) == 1


def test_a_reference_not_stored_loses_every_answer_told():
    assert len(lost_answers(TOLD, EXPECTED, {})) == 2


def test_amounts_and_dates_compare_by_value():
    # PostgreSQL gives 1200.500 back for 1200.5 (3 places): the same amount, not a lost answer.
    assert row_key(AnswerRow(amount=Decimal("1200.5"))) == row_key(AnswerRow(amount=Decimal("1200.500")))
    assert row_key(AnswerRow(date=date(2025, 3, 27)))[-1] == "2025-03-27"


def test_read_told_separates_journeys_losses_and_surprises(tmp_path):
    lines = [
        {"kind": "submitted", "resident": "resident-1", "slug": "equipment-service", "reference": "ABCD-1234",
         "answers": {"6": {"q6": "words"}}},
        {"kind": "lost", "resident": "resident-2", "detail": "resuming asked question 3 again"},
        {"kind": "unexpected", "resident": "resident-3", "detail": "no reference"},
    ]
    (tmp_path / "told-1.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))

    journeys, lost, unexpected = read_told(tmp_path)

    assert journeys == [Told("resident-1", "equipment-service", "ABCD-1234", {6: {"q6": "words"}})]
    assert lost == ["resident-2: resuming asked question 3 again"]
    assert unexpected == ["resident-3: no reference"]
