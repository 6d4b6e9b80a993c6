"""The fast paths of the exports make exactly what the slow ones do: a question type's export_writer
against its export_cells, and the streamed XLSX read back by openpyxl (typed cells, styles, view)."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from consult.questions import REGISTRY
from consult.streamed_xlsx import StreamedWorkbook

LABELS = {1: "Bus", 2: "-2 Car", 3: "Walk", 4: ""}  # an empty label comes out as an empty cell
POSITIONS = {1: 2, 2: 0, 3: 1, 4: 3}


def _answer(option_id=None, text=None):
    return SimpleNamespace(option_id=option_id, text=text, number=None, amount=None, date=None,
                           statement_option_id=None)


ANSWER_SETS = [
    [_answer(1)],
    [_answer(4)],
    [_answer(99)],  # an option since deleted: no label
    [_answer(3, "")],
    [_answer(3, "my own words")],  # "Other, please specify"
    [_answer(1), _answer(2), _answer(3)],
    [_answer(3), _answer(1)],
    [_answer(1), _answer(3, "and these")],
]


@pytest.mark.parametrize("kind", ["single_choice", "multiple_choice", "yes_no", "agree_scale", "short_text", "number"])
def test_a_types_export_writer_makes_the_cells_export_cells_makes(app, kind):
    question_type = REGISTRY[kind]
    with app.test_request_context():
        writer = question_type.export_writer(None, LABELS, POSITIONS)
        for answers in ANSWER_SETS * 2:  # twice: a remembered cell is the same cell
            assert writer(answers) == question_type.export_cells(None, answers, LABELS, POSITIONS), answers


def _read_back(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_streamed_workbook_keeps_text_numbers_and_dates_typed():
    target = io.BytesIO()
    with StreamedWorkbook(target, 'Responses & "more"', date_time_format="yyyy-mm-dd hh:mm") as workbook:
        workbook.write_rows([["Reference", "Sent", "Words", "Number", "Amount"]], header=True)
        workbook.write_rows([["R1", datetime(2027, 7, 1, 0, 30), "'=1+1\r", -2, Decimal("1200.50")],
                             ["R2", date(2027, 3, 5), "<b> & \t tab", None, 1.5],
                             ["R3", None, None, True, None]])
    sheet, rows = _read_back(target.getvalue())
    assert sheet.title == 'Responses & "more"'
    assert rows == [["Reference", "Sent", "Words", "Number", "Amount"],
                    ["R1", datetime(2027, 7, 1, 0, 30), "'=1+1\r", -2, 1200.5],
                    ["R2", datetime(2027, 3, 5), "<b> & \t tab", None, 1.5],
                    ["R3", None, None, True, None]]
    assert isinstance(rows[1][3], int)
    assert [cell.font.b for cell in sheet[1]] == [True] * 5 and not sheet["A2"].font.b
    assert sheet["B2"].number_format == "yyyy-mm-dd hh:mm" and sheet["B3"].number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2" and not sheet.sheet_view.rightToLeft
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row)


def test_the_streamed_workbook_reads_right_to_left_for_arabic():
    target = io.BytesIO()
    with StreamedWorkbook(target, "الردود", right_to_left=True) as workbook:
        workbook.write_rows([["المرجع"]], header=True)
    sheet, rows = _read_back(target.getvalue())
    assert sheet.sheet_view.rightToLeft and rows == [["المرجع"]]


def test_a_failed_export_closes_its_file_and_says_why():
    target = io.BytesIO()
    with pytest.raises(RuntimeError, match="database went away"), StreamedWorkbook(target, "Responses") as workbook:
        workbook.write_rows([["Reference"]], header=True)
        raise RuntimeError("database went away")
    assert target.closed or target.getvalue()  # closed or finished: nothing left open
