"""The report pages with the Flask test client, on the sample family (province plan 45/KH-UBND
and three communes): opening a period, a commune's form (typed, or the XLSX round trip), errors
kept on the form, submit and return, access by branch, the province's summary, the BÁO CÁO
and the XLSX exports."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.render.textview import text_view
from app.rules.format import lint_docx
from app.web.database import sessions
from tests.services.report_family import Family, build_family
from tests.storage.builders import PASSWORD
from tests.web.conftest import csrf_token


@pytest.fixture
def family(app: Flask) -> Family:
    with app.app_context(), sessions()() as session:
        built = build_family(session)
        session.expunge_all()
        return built


def sign_in(app: Flask, username: str) -> tuple[FlaskClient, str]:
    client = app.test_client()
    token = csrf_token(client)
    response = client.post(
        "/auth/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    return client, csrf_token(client, "/reports/")


def open_half_year(app: Flask, family: Family) -> int:
    client, token = sign_in(app, "admin")
    response = client.post(
        f"/reports/plan/{family.plan_id}", data={"kind": "half_year", "year": "2026", "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    found = re.search(r"/reports/period/(\d+)$", response.headers["Location"])
    assert found
    return int(found.group(1))


def own_report(client: FlaskClient, period_id: int) -> int:
    response = client.get(f"/reports/period/{period_id}")
    assert response.status_code == 302  # a commune goes to its own report
    response = client.get(response.headers["Location"])
    assert response.status_code == 302
    found = re.search(r"/reports/(\d+)$", response.headers["Location"])
    assert found
    return int(found.group(1))


def row_of(page: str, text: str) -> int:
    """The form's row number of the target whose text starts with ``text``."""
    rows = re.findall(r"<td>(\d+)</td>\s*<td>([^<]*)</td>", page)
    return next(int(n) for n, label in rows if label.startswith(text))


def fill_by_form(app: Flask, period_id: int) -> None:
    client, token = sign_in(app, "drafter_tri_an")
    report_id = own_report(client, period_id)
    page = client.get(f"/reports/{report_id}").get_data(as_text=True)
    data = {
        "csrf_token": token,
        "base_version": "0",
        f"value-{row_of(page, '100% ấp')}": "100",
        f"value-{row_of(page, 'Tổ chức cai nghiện')}": "70",
        f"note-{row_of(page, 'Tổ chức cai nghiện')}": "Cai nghiện tại gia đình và cộng đồng",
        "shortcomings": "Kinh phí hỗ trợ cai nghiện còn hạn chế.",
    }
    assert client.post(f"/reports/{report_id}", data=data).status_code == 302
    response = client.post(f"/reports/{report_id}/submit", data={"csrf_token": token, "base_version": "1"})
    assert response.status_code == 302
    assert "Đã gửi" in client.get(f"/reports/{report_id}").get_data(as_text=True)


def fill_by_workbook(app: Flask, period_id: int) -> None:
    client, token = sign_in(app, "drafter_phu_ly")
    report_id = own_report(client, period_id)
    response = client.get(f"/reports/{report_id}/form.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = book.active
    assert sheet is not None
    for row in range(4, sheet.max_row + 1):
        text = str(sheet.cell(row, 2).value or "")
        if text.startswith("Tổ chức cai nghiện"):
            sheet.cell(row, 5).value = "45"
        elif text.startswith("90% ấp"):
            sheet.cell(row, 5).value = "90"
    out = io.BytesIO()
    book.save(out)
    upload = {"csrf_token": token, "base_version": "0", "file": (io.BytesIO(out.getvalue()), "bao-cao.xlsx")}
    response = client.post(f"/reports/{report_id}/upload", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    response = client.post(f"/reports/{report_id}/submit", data={"csrf_token": token, "base_version": "1"})
    assert response.status_code == 302


def test_two_communes_report_and_the_province_sums_them_in_its_bao_cao(app: Flask, family: Family) -> None:
    """Issue 12, first "Done when" (web): one commune by the form, one by the XLSX round trip;
    the province's view sums them and names the commune that has not reported; its BÁO CÁO
    passes the lint and reads back with the same figures."""
    period_id = open_half_year(app, family)
    fill_by_form(app, period_id)
    fill_by_workbook(app, period_id)
    client, _token = sign_in(app, "reviewer")
    page = client.get(f"/reports/period/{period_id}").get_data(as_text=True)
    assert "115 lượt người" in page  # 70 + 45
    assert "38,3%" in page
    assert "2/3 đơn vị đạt" in page
    not_reported = re.search(r"data-not-reported>(.*?)</p>", page, re.S)
    assert not_reported
    assert "xã Thạnh Phú" in not_reported.group(1)
    assert "Trị An" not in not_reported.group(1)
    for internal in ("t-tinh-", "a-cai-nghien", "b-cai-nghien", "family-tinh"):
        assert internal not in page  # no internal ids shown to officers
    response = client.get(f"/reports/period/{period_id}/bao-cao.docx")
    assert response.status_code == 200
    assert [f for f in lint_docx(response.data) if f.severity.value == "error"] == []
    text = text_view(response.data)
    assert (
        "Tổ chức cai nghiện ma túy cho ít nhất 300 lượt người: thực hiện 115 lượt người, đạt 38,3% kế hoạch"
        in text
    )
    assert "(2/3 đơn vị đạt)" in text
    assert "Chưa báo cáo" in text


def test_a_bad_value_is_shown_beside_its_field_with_what_was_typed(app: Flask, family: Family) -> None:
    period_id = open_half_year(app, family)
    client, token = sign_in(app, "drafter_tri_an")
    report_id = own_report(client, period_id)
    data = {
        "csrf_token": token,
        "base_version": "0",
        "value-1": "nhiều lắm",
        "value-2": "1.100",
        "causes": "Do thiếu người",
    }
    response = client.post(f"/reports/{report_id}", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="nhiều lắm"' in page
    assert 'value="1.100"' in page
    assert "Do thiếu người" in page
    assert 'data-error="value-1"' in page
    assert "Đang soạn" in page  # nothing saved: still no version
    assert 'name="base_version" value="0"' in page
    # a value in Vietnamese form is read as such
    data["value-1"] = "2,5"
    assert client.post(f"/reports/{report_id}", data=data).status_code == 302
    page = client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert 'value="2,5"' in page
    assert 'value="1.100"' in page
    # a save from a stale page is refused with the typed values kept
    response = client.post(f"/reports/{report_id}", data={**data, "value-2": "1.200"})
    assert response.status_code == 409
    assert 'value="1.200"' in response.get_data(as_text=True)


def test_a_workbook_with_bad_cells_lists_each_and_saves_nothing(app: Flask, family: Family) -> None:
    period_id = open_half_year(app, family)
    client, token = sign_in(app, "drafter_phu_ly")
    report_id = own_report(client, period_id)
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/reports/{report_id}/form.xlsx").data))
    sheet = book.active
    assert sheet is not None
    sheet.cell(4, 5).value = "nhiều"
    sheet.cell(5, 5).value = "-3"
    out = io.BytesIO()
    book.save(out)
    for payload in (out.getvalue(), b"PK\x03\x04 not a workbook", b"%PDF-1.4"):
        upload = {"csrf_token": token, "base_version": "0", "file": (io.BytesIO(payload), "x.xlsx")}
        response = client.post(
            f"/reports/{report_id}/upload", data=upload, content_type="multipart/form-data"
        )
        assert response.status_code == 400
        assert "chưa lưu số liệu nào" in response.get_data(as_text=True)
    page = response.get_data(as_text=True)
    assert "data-problems" in page
    first = client.post(
        f"/reports/{report_id}/upload",
        data={"csrf_token": token, "base_version": "0", "file": (io.BytesIO(out.getvalue()), "x.xlsx")},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "dòng 4, cột Thực hiện" in first
    assert "dòng 5, cột Thực hiện" in first
    assert 'name="base_version" value="0"' in client.get(f"/reports/{report_id}").get_data(as_text=True)


def test_reports_are_seen_within_the_branch_only(app: Flask, family: Family) -> None:
    period_id = open_half_year(app, family)
    tri_an, token = sign_in(app, "drafter_tri_an")
    report_id = own_report(tri_an, period_id)
    tri_an.post(f"/reports/{report_id}", data={"csrf_token": token, "base_version": "0", "value-2": "10"})
    phu_ly, _ = sign_in(app, "drafter_phu_ly")
    outsider, _ = sign_in(app, "outsider")
    for client in (phu_ly, outsider):
        assert client.get(f"/reports/{report_id}").status_code == 404
        assert client.get(f"/reports/{report_id}/form.xlsx").status_code == 404
    assert outsider.get(f"/reports/period/{period_id}").status_code == 404
    assert phu_ly.get(f"/reports/period/{period_id}/bao-cao.docx").status_code == 404
    assert phu_ly.get(f"/reports/period/{period_id}/figures.xlsx").status_code == 404
    # a commune does not open the province's period
    response = tri_an.post(
        f"/reports/plan/{family.plan_id}", data={"kind": "year", "year": "2026", "csrf_token": token}
    )
    assert response.status_code == 403


def test_the_province_returns_a_report_with_a_comment_the_commune_sees(app: Flask, family: Family) -> None:
    period_id = open_half_year(app, family)
    fill_by_form(app, period_id)
    reviewer, token = sign_in(app, "reviewer")
    page = reviewer.get(f"/reports/period/{period_id}").get_data(as_text=True)
    found = re.search(r'href="/reports/(\d+)">Xem báo cáo', page)
    assert found
    report_id = int(found.group(1))
    response = reviewer.post(
        f"/reports/{report_id}/return", data={"csrf_token": token, "base_version": "2", "comment": ""}
    )
    assert response.status_code == 400
    response = reviewer.post(
        f"/reports/{report_id}/return",
        data={"csrf_token": token, "base_version": "2", "comment": "Số cai nghiện chưa khớp sổ theo dõi"},
    )
    assert response.status_code == 302
    commune, _ = sign_in(app, "drafter_tri_an")
    page = commune.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "Số cai nghiện chưa khớp sổ theo dõi" in page
    assert "Bị trả lại" in page
    assert "data-save" in page
    summary = reviewer.get(f"/reports/period/{period_id}").get_data(as_text=True)
    assert "xã Trị An" in re.search(r"data-not-reported>(.*?)</p>", summary, re.S).group(1)  # type: ignore[union-attr]


def test_a_custom_period_takes_dates_day_first_and_keeps_what_was_typed(app: Flask, family: Family) -> None:
    client, token = sign_in(app, "admin")
    path = f"/reports/plan/{family.plan_id}"
    bad = {"kind": "custom", "start": "31/02/2026", "end": "31/05/2026", "csrf_token": token}
    response = client.post(path, data=bad)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="31/02/2026"' in page
    assert "ngày/tháng/năm" in page
    response = client.post(path, data={**bad, "start": "01/03/2026"})
    assert response.status_code == 302
    page = client.get(path).get_data(as_text=True)
    assert "từ 01/3/2026 đến 31/5/2026" in page
    assert "01/03/2026" in page


def test_the_exports_open_in_excel_with_vietnamese_headers(app: Flask, family: Family) -> None:
    period_id = open_half_year(app, family)
    fill_by_form(app, period_id)
    client, _ = sign_in(app, "reviewer")

    def sheet_rows(path: str, sheet: int = 0) -> list[tuple[object, ...]]:
        response = client.get(path)
        assert response.status_code == 200, path
        book = openpyxl.load_workbook(io.BytesIO(response.data))
        return list(book.worksheets[sheet].iter_rows(values_only=True))

    targets = sheet_rows(f"/reports/plan/{family.plan_id}/targets.xlsx")
    assert targets[2][:4] == ("STT", "Chỉ tiêu", "So sánh", "Giá trị")
    assert any(
        row[1] and str(row[1]).startswith("Tổ chức cai nghiện") and row[3] == 300 for row in targets[3:]
    )
    coverage = sheet_rows(f"/reports/plan/{family.plan_id}/coverage.xlsx")
    assert coverage[2][1] == "Yêu cầu của kế hoạch"
    assert len(coverage[2]) == 5  # three communes
    figures = sheet_rows(f"/reports/period/{period_id}/figures.xlsx")
    quota = next(row for row in figures[3:] if str(row[1]).startswith("Tổ chức cai nghiện"))
    assert 70 in quota
    per_unit = sheet_rows(f"/reports/period/{period_id}/figures.xlsx", 1)
    assert any(row[0] == "xã Thạnh Phú" and row[4] == "Chưa báo cáo" for row in per_unit[3:])
