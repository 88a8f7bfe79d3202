"""The BÁO CÁO kết quả thực hiện of a plan for one period, as a document.

A BÁO CÁO has the same header, signer and Nơi nhận rules as the plan it reports on (ND30), so it
is built on the plan model and rendered and linted by the same engine: type name BÁO CÁO, symbol
"BC-<issuer>", the five parts offices write (kết quả thực hiện; tồn tại, hạn chế; nguyên nhân;
phương hướng, nhiệm vụ kỳ tới; kiến nghị), the targets table (chỉ tiêu, kế hoạch, thực hiện,
tỷ lệ, đánh giá) and, for a level with children, the per-unit annex.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.domain.plan import Appendix, Plan, Reference, Section, SectionKind, Signer
from app.domain.reports import (
    RollUp,
    RollUpKind,
    TargetResult,
    UnitReport,
    Verdict,
    assess,
    repeats_in,
)
from app.vn.numbers import format_number

VERDICT_WORDS = {Verdict.MET: "Đạt", Verdict.NOT_MET: "Chưa đạt", Verdict.UNKNOWN: "Chưa có số liệu"}
PART_TITLES = (
    ("results", "KẾT QUẢ THỰC HIỆN"),
    ("shortcomings", "TỒN TẠI, HẠN CHẾ"),
    ("causes", "NGUYÊN NHÂN"),
    ("next", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"),
    ("proposals", "KIẾN NGHỊ, ĐỀ XUẤT"),
)


@dataclass
class ReportInput:
    """What the report says beyond the figures: the issuer's own report (its parts' text), the
    signer, the recipients, the date, and the roll-ups of its children (upper levels)."""

    plan: Plan
    report: UnitReport
    signer: Signer
    date: dt.date | None = None
    number: int | None = None
    recipients: list[str] = field(default_factory=list)
    rollups: list[RollUp] = field(default_factory=list)


def _figure(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    value = round(value, 1)  # a share of units: 2/3 is "66,7%", not "66,666667%"
    return (
        f"{format_number(value)} {unit}".strip()
        if unit and unit != "%"
        else f"{format_number(value)}{unit or ''}"
    )


def _rate(result: TargetResult) -> str:
    return f"{format_number(round(100 * result.rate, 1))}%" if result.rate is not None else ""


def _results(data: ReportInput) -> list[TargetResult]:
    """Each target of the plan against what was achieved: the rolled-up total where the
    children's reports make it, else the issuer's own reported value."""
    rolled = {r.target.id: r.result for r in data.rollups if r.kind is not RollUpKind.PER_UNIT}
    period = data.report.period
    return [
        rolled.get(t.id) or assess(t, data.report.achieved.get(t.id), repeats_in(period, t.frequency))
        for t in data.plan.targets()
    ]


def _results_text(results: list[TargetResult], rollups: dict[str, RollUp]) -> list[str]:
    lines = []
    for result in results:
        achieved = _figure(result.achieved, result.unit)
        rolled = rollups.get(result.target_id)
        share = f" ({rolled.share_text} đơn vị đạt)" if rolled and rolled.share_text else ""
        rate = f", đạt {_rate(result)} kế hoạch" if result.rate is not None else ""
        what = _what(result.text)
        if not achieved:
            lines.append(f"{what}: chưa có số liệu.")
            continue
        verdict = VERDICT_WORDS[result.verdict].lower()
        lines.append(f"{what}: thực hiện {achieved}{share}{rate} ({verdict}).")
    return lines


def _what(text: str) -> str:
    """The target as the report names it: its sentence without a trailing note ("...; chỉ tiêu
    được phân bổ cho từng xã tại Phụ lục")."""
    return text.split(";", 1)[0].rstrip(" .;")


def report_plan(data: ReportInput) -> Plan:
    """The BÁO CÁO as a plan-model document, ready for ``render_docx`` and ``kehoach lint``."""
    plan, period = data.plan, data.report.period
    cited = f"{plan.number}/{plan.symbol}" if plan.number else plan.symbol
    subject = f"Kết quả thực hiện Kế hoạch số {cited} {period.label}"
    results = _results(data)
    by_target = {r.target.id: r for r in data.rollups}
    parts = data.report.parts
    sections = []
    for key, title in PART_TITLES:
        text = [parts[key]] if parts.get(key) else []
        if key == "results":
            text = [*text, *_results_text(results, by_target)]
        sections.append(Section(title=title, kind=SectionKind.TEXT, text=text or ["Không có."]))
    appendices = [_targets_table(results, data.report)]
    if data.rollups:
        appendices.append(_units_annex(data.rollups))
    return Plan(
        id=f"{plan.id}-bao-cao-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
        issuer=plan.issuer,
        subject=subject,
        symbol=f"BC-{plan.issuer.abbreviation}",
        signer=data.signer,
        doc_type="BÁO CÁO",
        number=data.number,
        date=data.date,
        dateline_year=None if data.date else period.end.year,
        references=[
            Reference(
                relation="basis", text=f"Thực hiện Kế hoạch số {cited} của {plan.issuer.one_line_name};"
            )
        ],
        preamble=[f"{plan.issuer.one_line_name} báo cáo kết quả thực hiện {period.label} như sau:"],
        sections=sections,
        recipients=data.recipients,
        archive=list(plan.archive),
        appendices=appendices,
    )


def _targets_table(results: list[TargetResult], report: UnitReport) -> Appendix:
    rows = [
        [
            str(i),
            _what(r.text),
            _figure(r.planned, r.unit),
            _figure(r.achieved, r.unit),
            _rate(r),
            VERDICT_WORDS[r.verdict]
            + (f" ({report.notes[r.target_id]})" if report.notes.get(r.target_id) else ""),
        ]
        for i, r in enumerate(results, start=1)
    ]
    return Appendix(
        title=f"Kết quả thực hiện các chỉ tiêu {report.period.label}",
        columns=["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Đánh giá"],
        rows=rows,
    )


def _units_annex(rollups: list[RollUp]) -> Appendix:
    rows: list[list[str]] = []
    for rolled in rollups:
        for line in rolled.lines:
            result = line.result
            rows.append(
                [
                    str(len(rows) + 1),
                    line.unit,
                    _what(rolled.target.text),
                    _figure(result.planned, result.unit) if result else "Không giao",
                    _figure(result.achieved, result.unit) if result and line.reported else "Chưa báo cáo",
                    VERDICT_WORDS[result.verdict] if result and line.reported else "",
                ]
            )
    return Appendix(
        title="Kết quả thực hiện của các đơn vị",
        columns=["STT", "Đơn vị", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đánh giá"],
        rows=rows,
    )
