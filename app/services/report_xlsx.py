"""The report form as a workbook: generated for a unit, filled in Excel, uploaded back.

Offices still consolidate in Excel, so each unit can get its report form as an XLSX: one row per
target it carries, with the planned value; only the "Thực hiện" and "Ghi chú" cells can be
typed in (the sheet is protected, headers and targets locked). Reading it back checks every
cell and reports each bad one by row and column, in Vietnamese; nothing is taken from a file
with an error, so a report is never half-saved.

The target's stable id sits in a hidden column, so the rows are matched to the plan whatever
the officer does to their order; the officer sees the target by its text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from app.domain.errors import KehoachError
from app.domain.plan import Plan
from app.domain.reports import ReportPeriod, UnitReport, repeats_in
from app.extract.errors import UnsafeFileError
from app.extract.guard import MAX_UPLOAD_BYTES, check_xlsx
from app.vn.numbers import NumberFormatError, format_number, parse_number

HEADERS = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú", "Mã")
_ID_COLUMN = 7  # G, hidden
_VALUE_COLUMN = 5  # E
_NOTE_COLUMN = 6  # F
_FIRST_ROW = 4  # rows 1-2: title and period; row 3: headers


@dataclass(frozen=True)
class CellProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        where = f"dòng {self.row}" + (f", cột {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ReportFileError(KehoachError):
    """A report workbook that cannot be taken; ``problems`` lists every bad cell."""

    def __init__(self, source: str, problems: list[CellProblem]) -> None:
        self.problems = problems
        lines = [f"{source}: tệp báo cáo có lỗi, chưa lưu số liệu nào:"] + [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


def report_workbook(plan: Plan, unit: str, period: ReportPeriod) -> bytes:
    """The unit's report form for ``period``, one row per target of its plan."""
    from openpyxl import Workbook  # imported on use: most commands never write a workbook
    from openpyxl.styles import Alignment, Font, Protection

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    sheet["A1"] = f"BÁO CÁO KẾT QUẢ THỰC HIỆN {plan.subject.upper()}"
    sheet["A2"] = f"Đơn vị: {unit} — Kỳ báo cáo: {period.label}"
    sheet["A1"].font = Font(bold=True)
    for column, title in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=3, column=column, value=title)
        cell.font = Font(bold=True)
    for i, target in enumerate(plan.targets(), start=1):
        row = _FIRST_ROW + i - 1
        planned = target.binding_value()
        if planned is not None and target.is_quota:
            planned *= repeats_in(period, target.frequency)
        sheet.cell(row=row, column=1, value=i)
        sheet.cell(row=row, column=2, value=target.text).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=3, value=target.unit or "")
        sheet.cell(row=row, column=4, value=format_number(planned) if planned is not None else "")
        sheet.cell(row=row, column=_ID_COLUMN, value=target.id)
        for column in (_VALUE_COLUMN, _NOTE_COLUMN):
            sheet.cell(row=row, column=column).protection = Protection(locked=False)
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["F"].width = 30
    sheet.column_dimensions["G"].hidden = True
    sheet.protection.sheet = True  # headers, targets and ids locked; E and F open
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_report_workbook(
    data: bytes, plan: Plan, unit: str, period: ReportPeriod, source: str = ""
) -> UnitReport:
    """The report the workbook holds, or :class:`ReportFileError` listing every bad cell."""
    source = source or "báo cáo.xlsx"
    if len(data) > MAX_UPLOAD_BYTES:
        raise ReportFileError(source, [CellProblem(0, "", "tệp quá lớn")])
    try:
        check_xlsx(data, source)  # the OOXML zip guard: bombs, entities, corrupt zips
    except UnsafeFileError:
        raise ReportFileError(
            source, [CellProblem(0, "", "không phải tệp Excel hợp lệ, hoặc tệp không an toàn")]
        ) from None
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
    except Exception:  # openpyxl raises many types for a foreign or damaged workbook
        raise ReportFileError(source, [CellProblem(0, "", "không đọc được tệp Excel")]) from None
    if len(rows) < _FIRST_ROW - 1 or tuple(rows[_FIRST_ROW - 2][: len(HEADERS)]) != HEADERS:
        raise ReportFileError(
            source, [CellProblem(3, "", "không phải mẫu báo cáo tải về từ trang báo cáo (dòng tiêu đề khác)")]
        )
    targets = {t.id: t for t in plan.targets()}
    report = UnitReport(unit, period)
    problems: list[CellProblem] = []
    for number, cells in enumerate(rows[_FIRST_ROW - 1 :], start=_FIRST_ROW):
        cells = tuple(cells) + (None,) * (len(HEADERS) - len(cells))
        target_id = cells[_ID_COLUMN - 1]
        if target_id is None and all(c is None for c in cells):
            continue
        if target_id not in targets:
            problems.append(
                CellProblem(number, "", "dòng không thuộc kế hoạch (đừng thêm dòng hay sửa cột ẩn)")
            )
            continue
        raw, note = cells[_VALUE_COLUMN - 1], cells[_NOTE_COLUMN - 1]
        if note not in (None, ""):
            report.notes[str(target_id)] = str(note).strip()
        if raw in (None, ""):
            continue
        value = _number(raw)
        if value is None:
            problems.append(CellProblem(number, "Thực hiện", f"không phải là số: «{raw}»"))
        elif value < 0:
            problems.append(CellProblem(number, "Thực hiện", "không được âm"))
        elif targets[str(target_id)].unit == "%" and value > 100:
            problems.append(CellProblem(number, "Thực hiện", "tỷ lệ không quá 100%"))
        else:
            report.achieved[str(target_id)] = value
    if problems:
        raise ReportFileError(source, problems)
    return report


def _number(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip().removesuffix("%").strip()
    try:
        return -parse_number(text[1:]) if text.startswith("-") else parse_number(text)
    except NumberFormatError:
        return None
