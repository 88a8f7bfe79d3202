"""Progress reports on the web: open a period on an issued plan, the unit's form (typed or as
XLSX), submit and return, the parent's summary with its completion chart, the BÁO CÁO as DOCX
and PDF, and the XLSX exports (a plan's targets, its coverage board, a period's figures).

Thin: every rule is in app.services.reports_store / report_rollup; pages show no internal ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from app.domain.reports import PeriodKind, RollUpKind, Verdict
from app.services import plans_store as store
from app.services import report_exports as exports
from app.services import report_rollup as rollup
from app.services import reports_store as reports
from app.services.report_document import VERDICT_WORDS
from app.services.report_xlsx import ReportFileError, read_report_workbook, report_workbook
from app.vn.normalize import slugify
from app.vn.numbers import format_number
from app.web import documents
from app.web.database import db
from app.web.dates import to_iso
from app.web.downloads import DOCX_TYPE, attachment
from app.web.security import login_required, user

bp = Blueprint("reports", __name__, url_prefix="/reports")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATE_NAMES = {
    "draft": "Đang soạn",
    "submitted": "Đã gửi",
    "returned": "Bị trả lại",
    "none": "Chưa lập",
    "no_plan": "Chưa có kế hoạch đã ban hành",
}
KIND_NAMES = {"half_year": "6 tháng", "year": "Năm", "custom": "Tùy chọn ngày"}
PART_LABELS = {
    "shortcomings": "Tồn tại, hạn chế",
    "causes": "Nguyên nhân",
    "next": "Phương hướng, nhiệm vụ kỳ tới",
    "proposals": "Kiến nghị, đề xuất",
}
BAR_WIDTH = 360


@bp.app_context_processor
def _names() -> dict[str, Any]:
    return {"report_state_names": STATE_NAMES, "part_labels": PART_LABELS}


def _plan_title(record: Any) -> str:
    number = f"{record.number:02d}/" if record.number else ""
    return f"Kế hoạch số {number}{record.symbol}"


def _base_version() -> int | None:
    raw = request.form.get("base_version", "")
    return int(raw) if raw.isdigit() else None


# --- periods --------------------------------------------------------------------------


@bp.get("/")
@login_required
def index() -> str:
    """The periods of the issued plans the user reads."""
    session, me = db(), user()
    rows = []
    for record in store.list_visible(session, me, {"status": "issued"}):
        for period in reports.periods_of(session, me, record.id):
            rows.append((record, period, reports.period_of(period)))
    return render_template("reports/index.html", rows=rows, title=_plan_title)


@bp.route("/plan/<int:plan_id>", methods=["GET", "POST"])
@login_required
def plan_periods(plan_id: int) -> str | BaseResponse | tuple[str, int]:
    """A plan's periods, and the form that opens one (6 tháng, năm, custom dates dd/mm/yyyy)."""
    session, me = db(), user()
    record, plan = store.plan_at(session, me, plan_id)
    typed: dict[str, str] = {"kind": "half_year", "year": str(plan.year or dt.date.today().year)}
    errors: dict[str, str] = {}
    if request.method == "POST":
        typed = {k: request.form.get(k, "").strip() for k in ("kind", "year", "start", "end")}
        try:
            period = _typed_period(typed, errors)
            if period is not None:
                opened = reports.open_period(session, me, plan_id, period)
                flash(f"Đã mở kỳ báo cáo {period.label}.", "success")
                return redirect(url_for("reports.period", period_id=opened.id))
        except reports.ReportInputError as exc:
            errors.update(exc.fields or {"kind": str(exc)})
    periods = [(p, reports.period_of(p)) for p in reports.periods_of(session, me, plan_id)]
    page = render_template(
        "reports/plan.html",
        record=record,
        plan=plan,
        periods=periods,
        typed=typed,
        errors=errors,
        kinds=KIND_NAMES,
        can_open=record.status == "issued" and reports.can_open_period(session, me, record.agency_id),
        title=_plan_title(record),
    )
    return (page, 400) if errors else page


def _typed_period(typed: dict[str, str], errors: dict[str, str]) -> Any:
    kind = typed.get("kind", "")
    if kind not in KIND_NAMES:
        errors["kind"] = "Chọn loại kỳ báo cáo"
        return None
    if kind == PeriodKind.CUSTOM:
        days = {}
        for name in ("start", "end"):
            try:
                days[name] = dt.date.fromisoformat(to_iso(typed.get(name, "")))
            except ValueError:
                errors[name] = "Ngày viết theo dạng ngày/tháng/năm, ví dụ 01/03/2026"
        if errors:
            return None
        return reports.period_for(kind, start=days["start"], end=days["end"])
    year = typed.get("year", "")
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        errors["year"] = "Năm không hợp lệ"
        return None
    return reports.period_for(kind, int(year))


@bp.get("/period/<int:period_id>")
@login_required
def period(period_id: int) -> str | BaseResponse:
    """The summary for the plan's agency and above; a unit below goes to its own report."""
    session, me = db(), user()
    found = reports.get_period(session, me, period_id)
    if found.plan.agency_id not in store.readable_agency_ids(session, me):
        return redirect(url_for("reports.mine", period_id=period_id))
    data = rollup.summary(session, me, period_id)
    return render_template(
        "reports/summary.html",
        data=data,
        rows=_summary_rows(data),
        target_bars=_target_bars(data),
        unit_bars=_unit_bars(data),
        bar_width=BAR_WIDTH,
        title=_plan_title(data.plan_record),
        verdicts=VERDICT_WORDS,
        can_write_own=me.role in ("drafter", "admin") and me.agency_id == data.plan_record.agency_id,
    )


@bp.get("/period/<int:period_id>/mine")
@login_required
def mine(period_id: int) -> BaseResponse:
    """The user's agency's report for the period (made on first visit)."""
    record = reports.own_report(db(), user(), period_id)
    return redirect(url_for("reports.show", report_id=record.id))


def _figure(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    return f"{format_number(value)}{unit}" if unit == "%" else f"{format_number(value)} {unit or ''}".strip()


def _summary_rows(data: rollup.Summary) -> list[dict[str, Any]]:
    rows = []
    for rolled in data.rollups:
        result = rolled.result
        cells = {}
        for line in rolled.lines:
            if line.result is None:
                cells[line.unit] = ("Không giao", "none")
            elif not line.reported:
                cells[line.unit] = ("Chưa báo cáo", "missing")
            else:
                verdict = line.result.verdict
                cells[line.unit] = (
                    _figure(line.result.achieved, line.result.unit) or "—",
                    "covered"
                    if verdict is Verdict.MET
                    else "weaker"
                    if verdict is Verdict.NOT_MET
                    else "none",
                )
        if rolled.kind is RollUpKind.UNITS_MEETING:
            total = f"{rolled.share_text} đơn vị đạt"
        elif rolled.kind is RollUpKind.SUM:
            total = _figure(rolled.total, rolled.target.unit) or "—"
        else:
            total = "theo từng đơn vị"
        rows.append(
            {
                "text": rolled.target.text,
                "planned": _figure(result.planned, rolled.target.unit),
                "cells": [cells.get(u.name, ("", "none")) for u in data.units],
                "total": total,
                "rate": f"{format_number(round(100 * result.rate, 1))}%" if result.rate is not None else "",
                "verdict": VERDICT_WORDS[result.verdict] if rolled.kind is not RollUpKind.PER_UNIT else "",
            }
        )
    return rows


def _target_bars(data: rollup.Summary) -> list[dict[str, Any]]:
    out = []
    for i, rolled in enumerate(r for r in data.rollups if r.result.rate is not None):
        rate = rolled.result.rate or 0.0
        out.append(
            {
                "y": 10 + i * 28,
                "name": reports_short(rolled.target.text),
                "width": round(BAR_WIDTH * min(rate, 1.0)),
                "label": f"{format_number(round(100 * rate, 1))}%",
            }
        )
    return out


def _unit_bars(data: rollup.Summary) -> list[dict[str, Any]]:
    out = []
    for i, unit in enumerate(data.units):
        share = unit.met / unit.carried if unit.carried and unit.counted is not None else 0.0
        label = f"{unit.met}/{unit.carried} chỉ tiêu đạt" if unit.counted is not None else "chưa báo cáo"
        out.append({"y": 10 + i * 28, "name": unit.name, "width": round(BAR_WIDTH * share), "label": label})
    return out


def reports_short(text: str, limit: int = 48) -> str:
    text = text.split(";", 1)[0].rstrip(" .")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- one unit's report ----------------------------------------------------------------


def _render_form(
    form: reports.ReportForm,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    problems: list[str] | None = None,
) -> tuple[str, int]:
    page = render_template(
        "reports/form.html",
        form=form,
        values=_stored_values(form) if typed is None else typed,
        errors=errors or {},
        problems=problems or [],
        figure=_figure,
        title=_plan_title(form.record.period.plan),
        unit=reports.unit_name(form.record.agency),
    )
    return page, status


@bp.get("/<int:report_id>")
@login_required
def show(report_id: int) -> tuple[str, int]:
    return _render_form(reports.report_form(db(), user(), report_id))


@bp.post("/<int:report_id>")
@login_required
def save(report_id: int) -> BaseResponse | tuple[str, int]:
    session, me = db(), user()
    form = reports.report_form(session, me, report_id)
    typed = {k: v for k, v in request.form.items() if k != "csrf_token"}
    try:
        report = reports.read_form(form.plan, form.period, reports.unit_name(form.record.agency), typed)
        reports.save_report(session, me, report_id, report, _base_version())
    except reports.ReportInputError as exc:
        flash(str(exc), "error")
        return _render_form(form, typed, exc.fields, 400)
    except reports.StaleReportError as exc:
        flash(str(exc), "error")
        return _render_form(reports.report_form(session, me, report_id), typed, {}, 409)
    flash("Đã lưu báo cáo.", "success")
    return redirect(url_for("reports.show", report_id=report_id))


@bp.post("/<int:report_id>/submit")
@login_required
def submit(report_id: int) -> BaseResponse:
    version = _base_version()
    reports.submit_report(db(), user(), report_id, version if version is not None else -1)
    flash("Đã gửi báo cáo lên cấp trên.", "success")
    return redirect(url_for("reports.show", report_id=report_id))


@bp.post("/<int:report_id>/return")
@login_required
def return_(report_id: int) -> BaseResponse | tuple[str, int]:
    session, me = db(), user()
    comment = request.form.get("comment", "")
    try:
        version = _base_version()
        reports.return_report(session, me, report_id, comment, version if version is not None else -1)
    except reports.ReportInputError as exc:
        flash(str(exc), "error")
        form = reports.report_form(session, me, report_id)
        return _render_form(form, None, {"comment": str(exc)}, 400)
    flash("Đã trả lại báo cáo cho đơn vị.", "success")
    return redirect(url_for("reports.show", report_id=report_id))


def _file_stem(form: reports.ReportForm, what: str) -> str:
    return f"{what}-{slugify(reports.unit_name(form.record.agency))}-{form.period.start:%Y%m%d}-{form.period.end:%Y%m%d}"


@bp.get("/<int:report_id>/form.xlsx")
@login_required
def form_xlsx(report_id: int) -> Response:
    form = reports.report_form(db(), user(), report_id)
    data = report_workbook(form.plan, reports.unit_name(form.record.agency), form.period)
    return attachment(data, XLSX_TYPE, _file_stem(form, "mau-bao-cao") + ".xlsx")


@bp.post("/<int:report_id>/upload")
@login_required
def upload(report_id: int) -> BaseResponse | tuple[str, int]:
    """The filled workbook back: every bad cell listed, nothing saved from a file with one."""
    session, me = db(), user()
    form = reports.report_form(session, me, report_id)
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        return _render_form(form, None, {"file": "Chọn tệp Excel (.xlsx) đã điền"}, 400)
    data = sent.read()
    try:
        report = read_report_workbook(
            data, form.plan, reports.unit_name(form.record.agency), form.period, "tệp tải lên"
        )
        current = reports.current_report(session, form.record)
        report.parts = current.parts  # the workbook holds figures and notes only
        reports.save_report(session, me, report_id, report, _base_version(), note="xlsx")
    except ReportFileError as exc:
        errors = {"file": "Tệp có lỗi, chưa lưu số liệu nào."}
        return _render_form(form, None, errors, 400, [str(p) for p in exc.problems])
    except reports.StaleReportError as exc:
        flash(str(exc), "error")
        return _render_form(reports.report_form(session, me, report_id), None, {}, 409)
    flash("Đã nhận số liệu từ tệp Excel.", "success")
    return redirect(url_for("reports.show", report_id=report_id))


def _stored_values(form: reports.ReportForm) -> dict[str, str]:
    values = {}
    for n, row in enumerate(form.rows, start=1):
        values[f"value-{n}"], values[f"note-{n}"] = row.value, row.note
    values.update(form.parts)
    return values


@bp.get("/<int:report_id>/figures.xlsx")
@login_required
def figures_xlsx(report_id: int) -> Response:
    form = reports.report_form(db(), user(), report_id)
    rows = [(r.target.text, r.target.unit or "", r.planned, _number(r.value), r.note) for r in form.rows]
    unit = reports.unit_name(form.record.agency)
    data = exports.unit_figures_workbook(form.plan, unit, form.period.label, rows)
    return attachment(data, XLSX_TYPE, _file_stem(form, "so-lieu") + ".xlsx")


def _number(text: str) -> float | None:
    from app.vn.numbers import NumberFormatError, parse_number

    try:
        return parse_number(text) if text else None
    except NumberFormatError:
        return None


# --- the parent's documents and exports -----------------------------------------------


def _summary_stem(data: rollup.Summary, what: str) -> str:
    return f"{what}-{slugify(data.plan.id)[:60]}-{data.period.start:%Y%m%d}-{data.period.end:%Y%m%d}"


@bp.get("/period/<int:period_id>/bao-cao.docx")
@login_required
def bao_cao_docx(period_id: int) -> Response:
    data = rollup.summary(db(), user(), period_id)
    return attachment(
        documents.docx_bytes(rollup.bao_cao(data)), DOCX_TYPE, _summary_stem(data, "bao-cao") + ".docx"
    )


@bp.get("/period/<int:period_id>/bao-cao.pdf")
@login_required
def bao_cao_pdf(period_id: int) -> Response:
    data = rollup.summary(db(), user(), period_id)
    pdf = documents.pdf_bytes(rollup.bao_cao(data))
    return attachment(pdf, "application/pdf", _summary_stem(data, "bao-cao") + ".pdf")


@bp.get("/period/<int:period_id>/figures.xlsx")
@login_required
def summary_xlsx(period_id: int) -> Response:
    data = rollup.summary(db(), user(), period_id)
    return attachment(exports.summary_workbook(data), XLSX_TYPE, _summary_stem(data, "tong-hop") + ".xlsx")


@bp.get("/plan/<int:plan_id>/targets.xlsx")
@login_required
def targets_xlsx(plan_id: int) -> Response:
    _record, plan = store.plan_at(db(), user(), plan_id)
    return attachment(exports.targets_workbook(plan), XLSX_TYPE, f"chi-tieu-{slugify(plan.id)[:80]}.xlsx")


@bp.get("/plan/<int:plan_id>/coverage.xlsx")
@login_required
def coverage_xlsx(plan_id: int) -> Response:
    from app.services.family import family
    from app.web.coverage import family_board, require_lower_level

    session, me = db(), user()
    _record, parent = store.plan_at(session, me, plan_id)
    require_lower_level(parent)
    board = family_board(parent, family(session, me, plan_id))
    units = [child.issuer.one_line_name for _, child in board.children]
    rows = [(row["text"], list(row["cells"])) for row in board.rows]
    data = exports.coverage_workbook(parent.subject, units, rows)
    return attachment(data, XLSX_TYPE, f"bao-phu-{slugify(parent.id)[:80]}.xlsx")
