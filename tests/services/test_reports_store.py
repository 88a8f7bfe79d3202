"""Stored progress reports (SQLite, and PostgreSQL under CI): periods on issued plans, each
unit's form with exactly its targets, versions with optimistic locking, submit and return by
the level above, access by branch, and the province's roll-up counting each submitted report
once; the sample family's BÁO CÁO from one report typed in the form and one sent as XLSX."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from sqlalchemy.orm import Session

from app.domain.reports import ReportPeriod, RollUpKind
from app.render.docx import render_docx
from app.render.textview import text_view
from app.rules.format import lint_docx
from app.services import report_rollup as rollup
from app.services import reports_store as reports
from app.services.plans_store import PlanNotFoundError
from app.services.report_xlsx import read_report_workbook, report_workbook
from app.storage import repository as repo
from tests.services.report_family import Family, build_family

HALF = ReportPeriod.half_year(2026)


@pytest.fixture
def family(session: Session) -> Family:
    return build_family(session)


def _period(session: Session, family: Family) -> int:
    return reports.open_period(session, family.admin, family.plan_id, HALF).id


def _fill(session: Session, family: Family, drafter_name: str, figures: dict[str, float]) -> int:
    """The commune's drafter saves ``figures`` (by its target id) and submits; the report id."""
    drafter = getattr(family, drafter_name)
    period_id = _period(session, family)
    record = reports.own_report(session, drafter, period_id)
    form = reports.report_form(session, drafter, record.id)
    report = reports.unit_report(None, reports.unit_name(record.agency), form.period)
    report.achieved = dict(figures)
    version = reports.save_report(session, drafter, record.id, report, record.current_version)
    reports.submit_report(session, drafter, record.id, version)
    return record.id


def test_a_period_opens_on_an_issued_plan_once_by_its_agency(session: Session, family: Family) -> None:
    first = reports.open_period(session, family.province_drafter, family.plan_id, HALF)
    again = reports.open_period(session, family.admin, family.plan_id, HALF)
    assert first.id == again.id
    custom = reports.period_for("custom", start=dt.date(2026, 3, 1), end=dt.date(2026, 5, 31))
    assert reports.open_period(session, family.admin, family.plan_id, custom).id != first.id
    assert [p.kind for p in reports.periods_of(session, family.drafter_tri_an, family.plan_id)] == [
        "half_year",
        "custom",
    ]
    with pytest.raises(reports.ReportForbiddenError):  # a commune does not open the province's period
        reports.open_period(session, family.drafter_tri_an, family.plan_id, HALF)
    with pytest.raises(reports.ReportForbiddenError):  # a reviewer checks, does not open
        reports.open_period(session, family.reviewer, family.plan_id, HALF)
    with pytest.raises(PlanNotFoundError):  # another branch does not see the plan
        reports.open_period(session, family.outsider, family.plan_id, HALF)
    with pytest.raises(reports.ReportInputError):
        reports.period_for("custom", start=dt.date(2026, 6, 1), end=dt.date(2026, 5, 1))


def test_the_form_lists_exactly_the_targets_the_unit_carries(session: Session, family: Family) -> None:
    period_id = _period(session, family)
    record = reports.own_report(session, family.drafter_tri_an, period_id)
    form = reports.report_form(session, family.drafter_tri_an, record.id)
    stored = repo.plan(session, family.child_plans["Trị An"])
    assert stored is not None
    assert record.plan_id == stored.id
    assert [row.target.id for row in form.rows] == [
        "a-truyen-thong",
        "a-cai-nghien-120",
        "a-tai-nghien-6",
        "a-thong-ke",
        "a-nguoi-bi-mua-ban",
        "a-khong-tu-diem",
        "a-doi-ctxh",
    ]
    quota = next(row for row in form.rows if row.target.id == "a-cai-nghien-120")
    assert quota.planned == 120  # its share of the province's 300
    assert form.can_edit
    assert not form.can_submit
    # the province's own report is on the province plan
    own = reports.own_report(session, family.province_drafter, period_id)
    assert own.plan_id == family.plan_id


def test_save_submit_return_make_versions_and_audit_entries(session: Session, family: Family) -> None:
    drafter = family.drafter_tri_an
    record = reports.own_report(session, drafter, _period(session, family))
    form = reports.report_form(session, drafter, record.id)
    typed = reports.read_form(
        form.plan, form.period, "xã Trị An", {"value-2": "1.100", "shortcomings": "Thiếu kinh phí."}
    )
    assert typed.achieved == {"a-cai-nghien-120": 1100.0}
    v1 = reports.save_report(session, drafter, record.id, typed, base_version=0)
    with pytest.raises(reports.StaleReportError):  # saved from the page before the first save
        reports.save_report(session, drafter, record.id, typed, base_version=0)
    v2 = reports.submit_report(session, drafter, record.id, v1)
    assert (record.state, record.submitted_version) == ("submitted", v2)
    with pytest.raises(reports.ReportForbiddenError):  # read-only once sent
        reports.save_report(session, drafter, record.id, typed, base_version=v2)
    with pytest.raises(reports.ReportForbiddenError):  # the unit does not return its own report
        reports.return_report(session, drafter, record.id, "sai", v2)
    with pytest.raises(reports.ReportInputError):
        reports.return_report(session, family.reviewer, record.id, "  ", v2)
    v3 = reports.return_report(session, family.reviewer, record.id, "Số cai nghiện chưa khớp sổ theo dõi", v2)
    assert (record.state, record.submitted_version) == ("returned", None)
    returned = reports.return_comment(session, record)
    assert returned is not None
    assert returned.comment == "Số cai nghiện chưa khớp sổ theo dõi"
    assert reports.report_form(session, drafter, record.id).can_edit
    notes = [v.note for v in reports.history(session, family.reviewer, record.id)]
    assert notes == ["return: Số cai nghiện chưa khớp sổ theo dõi", "submit", "save"]
    actions = [e.action for e in repo.audit_entries(session) if e.object_type == "report"]
    assert actions[:3] == ["return", "submit", "save"]
    assert v3 == 3


def test_nobody_outside_the_branch_sees_a_report(session: Session, family: Family) -> None:
    report_id = _fill(session, family, "drafter_tri_an", {"a-cai-nghien-120": 70})
    for stranger in (family.drafter_phu_ly, family.outsider):
        with pytest.raises(reports.ReportNotFoundError):
            reports.report_form(session, stranger, report_id)
    assert reports.report_form(session, family.reviewer, report_id).can_return
    with pytest.raises(reports.ReportForbiddenError):  # the province reads, the commune writes
        reports.save_report(
            session, family.admin, report_id, reports.unit_report(None, "x", HALF), base_version=2
        )
    with pytest.raises(reports.ReportNotFoundError):  # a commune sees no summary of the others
        rollup.summary(session, family.drafter_tri_an, _period(session, family))
    with pytest.raises(reports.ReportNotFoundError):
        rollup.summary(session, family.outsider, _period(session, family))


def test_the_roll_up_counts_each_submitted_report_once(session: Session, family: Family) -> None:
    tri_an = _fill(session, family, "drafter_tri_an", {"a-cai-nghien-120": 70, "a-truyen-thong": 100})
    _fill(session, family, "drafter_phu_ly", {"b-cai-nghien-100": 45, "b-truyen-thong-90": 80})
    # Thạnh Phú saves a draft: it does not count until sent
    period_id = _period(session, family)
    draft = reports.own_report(session, family.drafter_thanh_phu, period_id)
    figures = reports.unit_report(None, "xã Thạnh Phú", HALF)
    figures.achieved = {"b-cai-nghien-100": 999}
    reports.save_report(session, family.drafter_thanh_phu, draft.id, figures, 0)
    # Trị An's report returned and sent again with a correction: counted once, as corrected
    record = repo.report(session, tri_an)
    assert record is not None
    reports.return_report(session, family.reviewer, tri_an, "Sửa số cai nghiện", record.current_version)
    corrected = reports.current_report(session, record)
    corrected.achieved["a-cai-nghien-120"] = 75
    version = reports.save_report(session, family.drafter_tri_an, tri_an, corrected, record.current_version)
    reports.submit_report(session, family.drafter_tri_an, tri_an, version)

    seen = rollup.summary(session, family.reviewer, period_id)
    by_id = {r.target.id: r for r in seen.rollups}
    quota = by_id["t-tinh-cai-nghien-300"]
    assert quota.kind is RollUpKind.SUM
    assert quota.total == 120
    assert quota.result.rate == pytest.approx(0.4)
    share = by_id["t-tinh-truyen-thong-xa"]
    assert share.kind is RollUpKind.UNITS_MEETING
    assert share.share_text == "1/3"
    assert seen.not_reported == ["xã Thạnh Phú"]
    assert "t-tinh-bai-viet-thang" not in by_id  # the province's own target is not summed
    states = {u.name: u.state for u in seen.units}
    assert states == {"xã Phú Lý": "submitted", "xã Thạnh Phú": "draft", "xã Trị An": "submitted"}


def test_a_target_without_parent_target_is_linked_by_the_review(session: Session, family: Family) -> None:
    seen = rollup.summary(session, family.admin, _period(session, family))
    lines = {r.target.id: {line.unit: line.result for line in r.lines} for r in seen.rollups}
    survey = lines["t-tinh-ra-soat-xa"]["xã Trị An"]  # a-thong-ke names no parent_target
    assert survey is not None
    assert survey.target_id == "a-thong-ke"


def test_a_form_with_bad_cells_names_each_and_keeps_nothing(session: Session, family: Family) -> None:
    record = reports.own_report(session, family.drafter_tri_an, _period(session, family))
    form = reports.report_form(session, family.drafter_tri_an, record.id)
    with pytest.raises(reports.ReportInputError) as caught:
        reports.read_form(
            form.plan, form.period, "xã Trị An", {"value-1": "120", "value-2": "nhiều", "value-3": "-1"}
        )
    assert set(caught.value.fields) == {
        "value-1",
        "value-2",
        "value-3",
    }  # a share over 100%, a word, a negative
    assert "nhiều" in caught.value.fields["value-2"]
    assert record.current_version == 0


def test_the_sample_familys_bao_cao_from_the_form_and_the_workbook(session: Session, family: Family) -> None:
    """Issue 12, first "Done when" (services): Trị An types its figures in the form, Phú Lý
    fills the XLSX and sends it back, Thạnh Phú does not report; the province's view sums them
    and its BÁO CÁO passes the lint and reads back with the same figures."""
    period_id = _period(session, family)
    # Trị An by the form
    tri_an = reports.own_report(session, family.drafter_tri_an, period_id)
    form = reports.report_form(session, family.drafter_tri_an, tri_an.id)
    typed = reports.read_form(
        form.plan,
        form.period,
        "xã Trị An",
        {"value-1": "100", "value-2": "70", "note-2": "Cai nghiện tại gia đình"},
    )
    version = reports.save_report(session, family.drafter_tri_an, tri_an.id, typed, 0)
    reports.submit_report(session, family.drafter_tri_an, tri_an.id, version)
    # Phú Lý by the workbook
    phu_ly = reports.own_report(session, family.drafter_phu_ly, period_id)
    form = reports.report_form(session, family.drafter_phu_ly, phu_ly.id)
    book = openpyxl.load_workbook(io.BytesIO(report_workbook(form.plan, "xã Phú Lý", form.period)))
    sheet = book.active
    assert sheet is not None
    for row in range(4, sheet.max_row + 1):
        if sheet.cell(row, 7).value == "b-cai-nghien-100":
            sheet.cell(row, 5).value = "45"
        if sheet.cell(row, 7).value == "b-truyen-thong-90":
            sheet.cell(row, 5).value = "90"
    out = io.BytesIO()
    book.save(out)
    sent = read_report_workbook(out.getvalue(), form.plan, "xã Phú Lý", form.period)
    version = reports.save_report(session, family.drafter_phu_ly, phu_ly.id, sent, 0, note="xlsx")
    reports.submit_report(session, family.drafter_phu_ly, phu_ly.id, version)
    # the province's own part
    own = reports.own_report(session, family.province_drafter, period_id)
    mine = reports.unit_report(None, "tỉnh Đồng Nai", HALF)
    mine.achieved = {"t-tinh-bai-viet-thang": 6}
    mine.parts = {"shortcomings": "Một số xã chưa bố trí đủ kinh phí cho công tác cai nghiện."}
    reports.save_report(session, family.province_drafter, own.id, mine, 0)

    seen = rollup.summary(session, family.reviewer, period_id)
    assert seen.not_reported == ["xã Thạnh Phú"]
    data = render_docx(rollup.bao_cao(seen))
    assert [f for f in lint_docx(data) if f.severity.value == "error"] == []
    text = text_view(data)
    assert "Kết quả thực hiện Kế hoạch số 45/KH-UBND 6 tháng đầu năm 2026" in text
    assert (
        "Tổ chức cai nghiện ma túy cho ít nhất 300 lượt người: thực hiện 115 lượt người, đạt 38,3% kế hoạch"
        in text
    )
    assert "thực hiện 66,7% (2/3 đơn vị đạt)" in text
    assert "Chưa báo cáo" in text
    assert "Thạnh Phú" in text
    assert "thực hiện 6 bài, đạt 100% kế hoạch (đạt)" in text
    assert "Một số xã chưa bố trí đủ kinh phí" in text
