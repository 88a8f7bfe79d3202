"""The report form round trip: generated for a commune, filled as Excel would, read back; every
bad cell reported by row and column, nothing half-taken."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.plan import Plan
from app.domain.reports import ReportPeriod
from app.planfile.load import load_plan
from app.services.report_xlsx import ReportFileError, read_report_workbook, report_workbook

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "family_xa_a_2026.yaml"
PERIOD = ReportPeriod.half_year(2026)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SAMPLE)


def _filled(data: bytes, values: dict[int, object], notes: dict[int, str] | None = None) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    for row, value in values.items():
        sheet.cell(row=row, column=5, value=value)
    for row, note in (notes or {}).items():
        sheet.cell(row=row, column=6, value=note)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_form_lists_every_target_with_only_the_result_cells_open(plan: Plan) -> None:
    sheet = load_workbook(io.BytesIO(report_workbook(plan, "xã Trị An", PERIOD))).active
    assert sheet.protection.sheet
    texts = [sheet.cell(row=r, column=2).value for r in range(4, 4 + len(plan.targets()))]
    assert texts == [t.text for t in plan.targets()]
    assert sheet.cell(row=4, column=5).protection.locked is False
    assert sheet.cell(row=4, column=2).protection.locked is True
    assert sheet.column_dimensions["G"].hidden  # the ids, hidden from the officer


def test_a_filled_form_reads_back_with_vietnamese_numbers(plan: Plan) -> None:
    data = _filled(
        report_workbook(plan, "xã Trị An", PERIOD),
        {4: "100", 5: "1.100", 6: "6,5"},
        {5: "Gồm 40 lượt tại gia đình"},
    )
    report = read_report_workbook(data, plan, "xã Trị An", PERIOD)
    ids = [t.id for t in plan.targets()]
    assert report.achieved == {ids[0]: 100, ids[1]: 1100, ids[2]: 6.5}
    assert report.notes == {ids[1]: "Gồm 40 lượt tại gia đình"}


def test_every_bad_cell_is_reported_and_nothing_is_taken(plan: Plan) -> None:
    data = _filled(report_workbook(plan, "xã Trị An", PERIOD), {4: "nhiều", 5: -3, 6: "150"})
    with pytest.raises(ReportFileError) as caught:
        read_report_workbook(data, plan, "xã Trị An", PERIOD)
    problems = [(p.row, p.column) for p in caught.value.problems]
    assert problems == [(4, "Thực hiện"), (5, "Thực hiện"), (6, "Thực hiện")]
    assert "không phải là số: «nhiều»" in str(caught.value)
    assert "chưa lưu số liệu nào" in str(caught.value)


def test_a_foreign_or_hostile_file_is_refused_clearly(plan: Plan) -> None:
    with pytest.raises(ReportFileError, match="không"):
        read_report_workbook(b"PK\x03\x04 not really a zip", plan, "xã Trị An", PERIOD)
    from openpyxl import Workbook

    other = io.BytesIO()
    Workbook().save(other)
    with pytest.raises(ReportFileError, match="không phải mẫu báo cáo"):
        read_report_workbook(other.getvalue(), plan, "xã Trị An", PERIOD)
