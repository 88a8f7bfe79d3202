"""Workbooks for the offices that still consolidate in Excel: a plan's targets, a parent's
coverage board, and a report period's figures (per target and per unit).

Plain sheets (openpyxl), Vietnamese headers, figures as numbers the sheet can add up, no
internal ids or codes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from app.domain.plan import Plan
from app.domain.reports import RollUp, RollUpKind
from app.services.report_document import VERDICT_WORDS
from app.services.report_rollup import Summary

COMPARATOR_WORDS = {
    "at_least": "Ít nhất",
    "at_most": "Tối đa",
    "more_than": "Trên",
    "less_than": "Dưới",
    "exactly": "Đúng",
    "none_allowed": "Không để phát sinh",
    "reduce_by": "Giảm",
    "increase_by": "Tăng",
}
COVERAGE_WORDS = {
    "covered": "Đạt",
    "weaker": "Yếu hơn",
    "late": "Chậm hơn",
    "missing": "Thiếu",
    "ambiguous": "Cần xem lại",
}


def _book(title: str, headers: Sequence[str], rows: list[list[Any]], heading: str) -> Any:
    from openpyxl import Workbook  # imported on use: most requests never write a workbook

    book = Workbook()
    _fill(book.active, title, headers, rows, heading)
    return book


def _fill(sheet: Any, title: str, headers: Sequence[str], rows: list[list[Any]], heading: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = title[:31]
    sheet["A1"] = heading
    sheet["A1"].font = Font(bold=True)
    for column, name in enumerate(headers, start=1):
        sheet.cell(row=3, column=column, value=name).font = Font(bold=True)
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if c == 2:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["B"].width = 70
    sheet.freeze_panes = "A4"


def _bytes(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def targets_workbook(plan: Plan) -> bytes:
    """One row per target of ``plan``: text, measure, comparator, value, unit, deadline."""
    rows = []
    for i, target in enumerate(plan.targets(), start=1):
        value = target.binding_value()
        rows.append(
            [
                i,
                target.text,
                COMPARATOR_WORDS.get(str(target.comparator), "") if target.comparator else "",
                value,
                target.unit or "",
                target.period or "",
                str(target.deadline or ""),
            ]
        )
    headers = ("STT", "Chỉ tiêu", "So sánh", "Giá trị", "Đơn vị tính", "Thời gian", "Thời hạn")
    return _bytes(_book("Chỉ tiêu", headers, rows, f"CHỈ TIÊU: {plan.subject}"))


def coverage_workbook(subject: str, units: list[str], rows: list[tuple[str, list[str | None]]]) -> bytes:
    """The coverage board: one row per mandate, one column per implementing unit."""
    body = [
        [i, text, *(COVERAGE_WORDS.get(cell or "", "—") for cell in cells)]
        for i, (text, cells) in enumerate(rows, start=1)
    ]
    return _bytes(_book("Bao phủ", ("STT", "Yêu cầu của kế hoạch", *units), body, f"BẢNG BAO PHỦ: {subject}"))


def _total(rolled: RollUp) -> Any:
    if rolled.kind is RollUpKind.UNITS_MEETING:
        return rolled.share_text
    return rolled.total


def summary_workbook(data: Summary) -> bytes:
    """A period's figures: per target (plan, each unit, total or share, rate, verdict) and per
    unit (each carried target's planned and achieved value)."""
    names = [u.name for u in data.units]
    rows = []
    for i, rolled in enumerate(data.rollups, start=1):
        values = {
            line.unit: line.result.achieved if line.result and line.reported else None
            for line in rolled.lines
        }
        result = rolled.result
        rows.append(
            [
                i,
                rolled.target.text,
                rolled.target.unit or "",
                result.planned,
                *(values.get(name) for name in names),
                _total(rolled),
                round(100 * result.rate, 1) if result.rate is not None else None,
                VERDICT_WORDS[result.verdict],
            ]
        )
    headers = (
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        *names,
        "Tổng / số đơn vị đạt",
        "Tỷ lệ (%)",
        "Đánh giá",
    )
    book = _book("Theo chỉ tiêu", headers, rows, f"KẾT QUẢ {data.period.label.upper()}: {data.plan.subject}")
    unit_rows = []
    for rolled in data.rollups:
        for line in rolled.lines:
            line_result = line.result
            unit_rows.append(
                [
                    line.unit,
                    rolled.target.text,
                    line_result.planned if line_result else None,
                    line_result.achieved if line_result and line.reported else None,
                    (VERDICT_WORDS[line_result.verdict] if line.reported else "Chưa báo cáo")
                    if line_result
                    else "Không giao",
                ]
            )
    _fill(
        book.create_sheet(),
        "Theo đơn vị",
        ("Đơn vị", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đánh giá"),
        unit_rows,
        f"CHƯA BÁO CÁO: {', '.join(data.not_reported) or 'không'}",
    )
    return _bytes(book)


def unit_figures_workbook(
    plan: Plan, unit: str, label: str, rows: list[tuple[str, str, Any, Any, str]]
) -> bytes:
    """One unit's report figures: target, unit, planned, achieved, note."""
    body = [[i, *row] for i, row in enumerate(rows, start=1)]
    headers = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú")
    return _bytes(_book("Số liệu", headers, body, f"{unit.upper()} — {label}: {plan.subject}"))
