"""XLSForm workbooks for the import tests, made with openpyxl in the test (no binary fixtures)."""

from __future__ import annotations

import io

from openpyxl import Workbook

EN, CY, AR = "label::English (en)", "label::Welsh (cy)", "label::Arabic (ar)"


def workbook(survey: list[list], choices: list[list] | None = None, settings: list[list] | None = None,
             **other_sheets: list[list]) -> bytes:
    """An .xlsx with these sheets; each sheet is its rows, the first being the column headings."""
    book = Workbook()
    book.remove(book.active)
    sheets = {"survey": survey, "choices": choices, "settings": settings, **other_sheets}
    for name, rows in sheets.items():
        if rows is None:
            continue
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def full_form() -> bytes:
    """Every feature the import maps, in English, Welsh and Arabic."""
    survey = [
        ["type", "name", EN, CY, AR, "hint::English (en)", "hint::Welsh (cy)", "required",
         "required_message::English (en)", "relevant", "constraint", "appearance"],
        ["note", "welcome", "Tell us about the park.", "Dywedwch wrthym am y parc.", "أخبرنا عن الحديقة.",
         "", "", "", "", "", "", ""],
        ["text", "name", "What is your first name?", "Beth yw eich enw cyntaf?", "ما اسمك الأول؟",
         "Only your first name", "Eich enw cyntaf yn unig", "yes", "Enter your first name", "", "", ""],
        ["text", "story", "What would you change?", "Beth fyddech chi'n ei newid?", "ما الذي ستغيره؟",
         "", "", "no", "", "", "", "multiline"],
        ["integer", "visits", "How many times did you visit?", "Sawl gwaith?", "كم مرة؟",
         "", "", "true()", "", "", ". >= 1 and . <= 10", ""],
        ["select_one yesno", "dog", "Do you have a dog?", "Oes gennych chi gi?", "هل لديك كلب؟",
         "", "", "yes", "", "", "", ""],
        ["select_multiple walks", "walks", "Where do you walk your dog?", "Ble rydych chi'n mynd â'ch ci?",
         "أين تمشي مع كلبك؟", "", "", "", "", "selected(${dog}, 'yes')", "", ""],
        ["text", "why_no_dog", "Why not?", "Pam lai?", "لماذا لا؟", "", "", "", "", "${dog} = 'no'", "", ""],
    ]
    choices = [
        ["list_name", "name", EN, CY, AR],
        ["yesno", "yes", "Yes", "Ie", "نعم"],
        ["yesno", "no", "No", "Na", "لا"],
        ["walks", "lake", "By the lake", "Wrth y llyn", "بجانب البحيرة"],
        ["walks", "woods", "In the woods", "Yn y coed", "في الغابة"],
    ]
    settings = [["form_title", "form_id", "default_language"], ["Park survey", "park_survey", "English (en)"]]
    return workbook(survey, choices, settings)
