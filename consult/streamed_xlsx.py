"""A one-sheet XLSX workbook written row by row into a zip, for exports of any size.

openpyxl's write-only mode made an object per cell and wrote about 2,000 rows a second, and
xlsxwriter's constant-memory mode about 3,500 (tests/bench_scale.py, a 28-column row); writing the
sheet's XML straight into the zip makes one string per row. The file holds only what an export
needs: text (inline, so nothing waits in memory for a shared-strings table), numbers, dates with
a date format, a bold header row frozen at the top, and a right-to-left sheet for Arabic.

Text must already be safe for a spreadsheet (consult.spreadsheets.neutralise) and free of the
control characters XML cannot hold; this module only escapes it as XML. Never a formula: every
text cell is an inline string.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import quoteattr

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

# Cell styles, indexes into styles.xml's cellXfs below.
PLAIN, BOLD, DATE, DATE_TIME = 0, 1, 2, 3
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Distinct texts remembered with their XML (option labels repeat on every row); capped so that an
# export of free text holds a bounded amount.
TEXT_MEMORY = 10_000


def _escaped(text: str) -> str:
    # A carriage return as a reference: a bare one would be read back as a line feed.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class StreamedWorkbook:
    """``with StreamedWorkbook(target, title) as book: book.write_rows(rows)``; the first row written
    with ``header=True`` is bold and stays in view. ``target``: a path or a binary file."""

    def __init__(self, target, title: str, right_to_left: bool = False, date_time_format: str = "yyyy-mm-dd hh:mm"):
        self.title = title
        self.right_to_left = right_to_left
        self.date_time_format = date_time_format
        self.target = target
        self.zip = self.sheet = None
        self.row_number = 0
        self.columns: list[str] = []  # '<c r="A' for each column seen so far
        self.texts: dict[str, str] = {}

    def __enter__(self) -> StreamedWorkbook:
        # Level 1: the XML repeats itself so much that more effort barely shrinks it, and costs time.
        self.zip = zipfile.ZipFile(self.target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        # The package's small parts first, as office programs write them (and as file-type sniffers expect).
        self._write_parts()
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self.sheet.write(self._sheet_start().encode())
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if error is None:
                self.sheet.write(b"</sheetData></worksheet>")
            self.sheet.close()  # the zip cannot close while its sheet is open (a failed export is thrown away)
        finally:
            self.zip.close()

    def write_rows(self, rows, header: bool = False) -> None:
        """Cells: str, int, float, Decimal, date, datetime, bool or None (an empty cell)."""
        out = []
        texts = self.texts
        for row in rows:
            self.row_number += 1
            number = str(self.row_number)
            if len(row) > len(self.columns):
                self.columns += [f'<c r="{get_column_letter(index + 1)}'
                                 for index in range(len(self.columns), len(row))]
            out.append(f'<row r="{number}">')
            for start, value in zip(self.columns, row):
                if value is None:
                    out.append(f'{start}{number}"/>')
                elif isinstance(value, str):
                    xml = texts.get(value)
                    if xml is None:
                        xml = _escaped(value)
                        if len(texts) < TEXT_MEMORY:
                            texts[value] = xml
                    style = ' s="1"' if header else ""
                    out.append(f'{start}{number}"{style} t="inlineStr"><is><t xml:space="preserve">{xml}</t></is></c>')
                elif isinstance(value, bool):
                    out.append(f'{start}{number}" t="b"><v>{int(value)}</v></c>')
                elif isinstance(value, (int, float, Decimal)):
                    out.append(f'{start}{number}"><v>{value}</v></c>')
                elif isinstance(value, datetime):
                    out.append(f'{start}{number}" s="{DATE_TIME}"><v>{to_excel(value)}</v></c>')
                elif isinstance(value, date):
                    out.append(f'{start}{number}" s="{DATE}"><v>{to_excel(value)}</v></c>')
                else:
                    out.append(f'{start}{number}" t="inlineStr"><is><t xml:space="preserve">'
                               f'{_escaped(str(value))}</t></is></c>')
            out.append("</row>")
        self.sheet.write("".join(out).encode())

    def _sheet_start(self) -> str:
        direction = ' rightToLeft="1"' if self.right_to_left else ""
        return (f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
                f'<sheetViews><sheetView workbookViewId="0"{direction}>'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                "<sheetData>")

    def _write_parts(self) -> None:
        sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        self.zip.writestr("[Content_Types].xml", (
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{sheet_type}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{sheet_type}.styles+xml"/>'
            "</Types>"))
        self.zip.writestr("_rels/.rels", (
            f'{HEAD}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"))
        self.zip.writestr("xl/workbook.xml", (
            f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            f'<sheets><sheet name={quoteattr(self.title)} sheetId="1" r:id="rId1"/></sheets></workbook>'))
        self.zip.writestr("xl/_rels/workbook.xml.rels", (
            f'{HEAD}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
            "</Relationships>"))
        self.zip.writestr("xl/styles.xml", (
            f'{HEAD}<styleSheet xmlns="{MAIN}">'
            '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
            f'<numFmt numFmtId="165" formatCode={quoteattr(self.date_time_format)}/></numFmts>'
            '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"))
