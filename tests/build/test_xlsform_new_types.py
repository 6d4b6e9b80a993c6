"""The answer types added after XLSForm import say which XLSForm types they read: date, decimal, rank."""

from __future__ import annotations

from decimal import Decimal

from consult.build.xlsform.expressions import Bound
from consult.questions import REGISTRY


def test_each_reads_its_xlsform_type():
    reads = {name: key for key, qtype in REGISTRY.items() for name in qtype.xlsform_types}
    assert reads["date"] == "date"
    assert reads["decimal"] == "decimal"
    assert reads["rank"] == "ranking"


def test_a_decimal_range_is_kept_when_it_includes_its_limits():
    decimal = REGISTRY["decimal"]
    assert decimal.range_settings(Bound(Decimal("0.5"), True), Bound(Decimal("10"), True)) == {"min": "0.5", "max": "10"}
    assert decimal.range_settings(None, Bound(Decimal("2.125"), True)) == {"min": None, "max": "2.125"}


def test_a_decimal_range_it_cannot_keep_exactly_is_refused():
    decimal = REGISTRY["decimal"]
    assert decimal.range_settings(Bound(Decimal("0"), False), None) is None  # "more than 0" has no smallest number
    assert decimal.range_settings(Bound(Decimal("0.0001"), True), None) is None  # finer than 3 places
    assert decimal.range_settings(Bound(Decimal("5"), True), Bound(Decimal("1"), True)) is None
    assert decimal.range_settings(Bound(Decimal("3000000000"), True), None) is None


def test_a_form_with_a_date_a_decimal_and_a_rank_is_imported(app, tmp_path):
    from consult.loading import load_consultation
    from tests.build.test_xlsform_import import imported_lines, run
    from tests.build.xlsforms import EN, workbook

    survey = [
        ["type", "name", EN, "constraint"],
        ["date", "visit", "When did you visit?", ""],
        ["decimal", "weight", "How heavy is your bag, in kilograms?", ". >= 0.5 and . <= 30"],
        ["rank fruit", "fruit", "Put these in order", ""],
    ]
    choices = [["list_name", "name", EN], ["fruit", "apple", "Apples"], ["fruit", "pear", "Pears"]]
    settings = [["form_title", "form_id"], ["New types", "new_types"]]
    result = run(app, tmp_path, workbook(survey, choices, settings), name="new.xlsx")
    assert result.exit_code == 0, result.output
    assert imported_lines(result.output) == []
    with app.app_context():
        consultation = load_consultation("new-types")
        visit, weight, fruit = consultation.questions
        assert [visit.kind, weight.kind, fruit.kind] == ["date", "decimal", "ranking"]
        assert (weight.settings["min"], weight.settings["max"]) == ("0.5", "30")
        assert [option.value for option in fruit.options if option.kind == "answer"] == ["apple", "pear"]
