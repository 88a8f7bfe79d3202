"""The province's BÁO CÁO for 6 months from two communes' reports: ND30-clean, and the figures
read back from the DOCX are the ones reported and summed."""

from __future__ import annotations

from pathlib import Path

from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import Plan
from app.domain.reports import ChildReport, ReportPeriod, UnitReport, roll_up
from app.domain.targets import Target
from app.planfile.load import load_plan
from app.render.docx import render_docx
from app.render.textview import text_view
from app.rules.format import lint_docx
from app.services.report_document import ReportInput, report_plan

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _linked(plan: Plan) -> dict[str, Target]:
    return {t.parent_target: t for t in plan.targets() if t.parent_target is not None}


def test_the_provinces_bao_cao_sums_its_communes_and_passes_the_lint() -> None:
    province, xa_a, xa_b = (load_plan(SAMPLES / f"family_{n}_2026.yaml") for n in ("tinh", "xa_a", "xa_b"))
    period = ReportPeriod.half_year(2026)
    linked_a, linked_b = _linked(xa_a), _linked(xa_b)
    quota_a = linked_a["t-tinh-cai-nghien-300"]
    quota_b = linked_b["t-tinh-cai-nghien-300"]
    reports = [
        ChildReport("xã Trị An", linked_a, UnitReport("xã Trị An", period, {quota_a.id: 70})),
        ChildReport("xã Phú Lý", linked_b, UnitReport("xã Phú Lý", period, {quota_b.id: 45})),
    ]
    rollups = [
        roll_up(t, reports, DEFAULT_LEVELS.infer(t.text) == "commune" and t.unit == "%")
        for t in province.targets()
        if t.level == "commune"
    ]
    own = UnitReport(
        "tỉnh Đồng Nai",
        period,
        {"t-tinh-bai-viet-thang": 6},
        parts={"shortcomings": "Một số xã chưa bố trí đủ kinh phí cho công tác cai nghiện."},
    )
    document = report_plan(
        ReportInput(province, own, province.signer, recipients=["Bộ Công an;"], rollups=rollups)
    )
    data = render_docx(document)
    assert [f for f in lint_docx(data) if f.severity.value == "error"] == []
    text = text_view(data)
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện Kế hoạch số 45/KH-UBND 6 tháng đầu năm 2026" in text
    # 70 + 45 = 115 of 300, each commune counted once
    assert (
        "Tổ chức cai nghiện ma túy cho ít nhất 300 lượt người: thực hiện 115 lượt người, đạt 38,3% kế hoạch"
        in text
    )
    # a monthly target over six months asks for six
    assert "thực hiện 6 bài, đạt 100% kế hoạch (đạt)" in text
    assert "Một số xã chưa bố trí đủ kinh phí" in text
    for part in (
        "KẾT QUẢ THỰC HIỆN",
        "TỒN TẠI, HẠN CHẾ",
        "NGUYÊN NHÂN",
        "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "KIẾN NGHỊ",
    ):
        assert part in text
    assert "Kết quả thực hiện của các đơn vị".upper() in text  # the per-unit annex
